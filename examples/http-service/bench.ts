/**
 * Latency of the example service over real HTTP on loopback: N requests (default 600, at most
 * 20,000) sent one after another over a keep-alive connection, a mix of questions, angry messages
 * and explicit requests for a person in six languages, in conversations of up to four turns.
 * Prints p50 / p95 / p99 / max, the error count and the machine.
 *
 *   npx tsx examples/http-service/bench.ts [N]
 *   WARM=0 npx tsx examples/http-service/bench.ts [N]   # without the start-up warm-up
 */
import { Agent, request } from 'node:http';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { percentile } from 'tandem-cx/metrics';
import { createService } from './service';

const N = Math.min(Math.max(Number(process.argv[2] ?? 600) || 600, 1), 20_000);
const MESSAGES = [
  'my card has not arrived yet',
  'how do I reset my password',
  'I was charged twice for the same order',
  'This is ridiculous!!! Nobody helps me. Worst service ever.',
  'I want to talk to a human',
  'gdzie jest moja nowa karta',
  'chcę rozmawiać z konsultantem',
  '我的新卡在哪里',
  '我想和人工客服说话',
  '¿dónde está mi nueva tarjeta?',
  'Ich möchte mit einem Menschen sprechen',
  'je veux parler à un conseiller',
];

const started = performance.now();
const warm = process.env.WARM !== '0';
const service = await createService({ warm });
const startup = performance.now() - started;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

function post(path: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, service.url),
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const times: number[] = [];
let errors = 0;
try {
  for (let i = 0; i < N; i++) {
    const conversation = `bench-${Math.floor(i / 4)}`;
    const body = JSON.stringify({
      customerId: `u${Math.floor(i / 4)}`,
      text: MESSAGES[(i * 7) % MESSAGES.length],
    });
    const t = performance.now();
    const status = await post(`/conversations/${conversation}/messages`, body);
    times.push(performance.now() - t);
    if (status !== 200) errors++;
  }
} finally {
  agent.destroy();
  await service.close();
}

const ms = (p: number) => (percentile(times, p) ?? Number.NaN).toFixed(1);
console.log(
  `requests ${N}, errors ${errors}, start-up ${startup.toFixed(0)} ms (${warm ? 'with' : 'without'} warm-up), first request ${times[0]?.toFixed(1)} ms`,
);
console.log(
  `latency ms: p50 ${ms(0.5)}  p95 ${ms(0.95)}  p99 ${ms(0.99)}  max ${Math.max(...times).toFixed(1)}`,
);
console.log(
  `machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} cores, Node ${process.version}, load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
