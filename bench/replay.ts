/**
 * Replay throughput and memory: 10⁵ conversations streamed through the example policy
 * (routing, handoff turn by turn with knowledge-search confidence, surveys, SLA, Erlang C).
 *
 *   npx tsx bench/replay.ts [conversations]     (writes bench/results/replay.md)
 *
 * The input is the bundled synthetic sample (2,400 conversations) repeated with fresh ids and
 * customers, produced lazily by a generator, so the replay's own memory is what is measured:
 * with `keepDecisions: false` it holds the survey history and the staffing intervals only.
 * There is no peer library that replays support policies; the figure reported is conversations
 * per second and the heap growth, for sizing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryKnowledgeStore } from '../src/knowledge/index';
import { compileReplayPolicy, replay } from '../src/replay/index';

const root = join(import.meta.dirname, '..');
const TOTAL = Number(process.argv[2] ?? 100_000);
const sample = readFileSync(join(root, 'examples/data/conversations.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => JSON.parse(l) as Record<string, unknown> & { id: string; customerId: string });
const policy = compileReplayPolicy(
  JSON.parse(readFileSync(join(root, 'examples/policies/baseline.json'), 'utf8')),
);
const kb = createMemoryKnowledgeStore();
for (const a of JSON.parse(readFileSync(join(root, 'examples/data/knowledge.json'), 'utf8')))
  await kb.upsertArticle(a);

function* history(total: number): Generator<Record<string, unknown>> {
  for (let i = 0; i < total; i++) {
    const c = sample[i % sample.length]!;
    const round = Math.floor(i / sample.length);
    yield { ...c, id: `${c.id}-${round}`, customerId: `${c.customerId}-${round % 50}` };
  }
}

const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const heapBefore = process.memoryUsage().heapUsed;
let peakHeap = heapBefore;
const started = performance.now();
const report = await replay(history(TOTAL) as never, policy, {
  knowledge: kb,
  keepDecisions: false,
  onProgress: (n) => {
    if (n % 5000 === 0) {
      peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
      process.stderr.write(`\r  ${n} / ${TOTAL}`);
    }
  },
});
const seconds = (performance.now() - started) / 1000;
process.stderr.write('\n');
gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const mb = (b: number) => (b / 1024 / 1024).toFixed(1);

const s = report.summary;
const table = [
  '| conversations | seconds | conversations/s | heap before | peak heap (sampled) | heap after | survey history entries |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  `| ${TOTAL.toLocaleString('en')} | ${seconds.toFixed(1)} | ${Math.round(TOTAL / seconds).toLocaleString('en')} | ${mb(heapBefore)} MB | ${mb(peakHeap)} MB | ${mb(heapAfter)} MB | ${s.surveys.scheduled.toLocaleString('en')} |`,
].join('\n');
const text = `# Replay benchmark

Node ${process.version}, ${new Date().toISOString().slice(0, 10)}. Policy: examples/policies/baseline.json with the sample
knowledge base (every customer turn searched). Input: the synthetic sample repeated lazily.

${table}

Summary of the run: containment ${(s.containmentRate! * 100).toFixed(1)} %, handoff rate ${(s.handoffRate! * 100).toFixed(1)} %,
routing accuracy ${(s.routingAccuracy! * 100).toFixed(1)} %, SLA attainment ${(s.sla.attainment! * 100).toFixed(1)} %.
`;
console.log(text);
if (TOTAL >= 100_000) writeFileSync(join(root, 'bench/results/replay.md'), text);
