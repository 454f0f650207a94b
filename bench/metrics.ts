/**
 * bench/metrics: 10^6 synthetic ticket records through computeMetrics — 6 metrics grouped by
 * queue and ISO week — against a hand-written single-pass loop over the same data, in the same
 * process. Also: peak heap while streaming the records from a generator (no array), and the cost
 * of business time through a calendar.
 *
 *   npx tsx bench/metrics.ts            (npm run bench -- metrics passes --expose-gc)
 *   RECORDS=200000 npx tsx bench/metrics.ts   (smaller run)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/_internal/random';
import { createBusinessCalendar } from '../src/calendar/index';
import { computeMetrics, type MetricRow } from '../src/metrics/index';

const RECORDS = Number(process.env.RECORDS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const QUEUES = ['billing', 'cards', 'loans', 'fraud', 'tech', 'general', 'vip', 'polish'];
const START = Date.parse('2026-01-05T00:00:00Z'); // a Monday
const SPAN = 26 * 7 * 86_400_000; // half a year
const DAY = 86_400_000;
const gc = (globalThis as { gc?: () => void }).gc;

interface SyntheticTicket {
  id: string;
  customerId: string;
  createdAt: number;
  queue: string;
  firstResponseAt?: number;
  resolvedAt?: number;
  reopens: number;
  transfers: number;
  botInvolved: boolean;
  humanInvolved: boolean;
  handedOff: boolean;
}

function* generate(count: number, seed = 7): Generator<SyntheticTicket> {
  const random = mulberry32(seed);
  for (let i = 0; i < count; i++) {
    const createdAt = START + Math.floor(random() * SPAN);
    const bot = random() < 0.6;
    const handedOff = bot && random() < 0.35;
    const human = !bot || handedOff;
    const t: SyntheticTicket = {
      id: `t${i}`,
      customerId: `c${Math.floor(random() * 200_000)}`,
      createdAt,
      queue: QUEUES[Math.floor(random() * QUEUES.length)]!,
      reopens: random() < 0.08 ? 1 : 0,
      transfers: random() < 0.12 ? 1 : 0,
      botInvolved: bot,
      humanInvolved: human,
      handedOff,
    };
    if (random() < 0.95) t.firstResponseAt = createdAt + Math.floor(random() * 8 * 3_600_000);
    if (random() < 0.85) t.resolvedAt = createdAt + Math.floor(random() * 5 * DAY);
    yield t;
  }
}

const METRICS = [
  'firstResponseTime',
  'resolutionTime',
  'reopenRate',
  'transferRate',
  'handoffRate',
  'containmentRate',
] as const;

function viaLibrary(records: Iterable<SyntheticTicket>): MetricRow[] {
  return computeMetrics(records, { metrics: [...METRICS], groupBy: 'queue', bucket: 'week' }).rows;
}

/** The same six numbers, written by hand: one Map, plain counters, UTC week arithmetic. */
function byHand(records: Iterable<SyntheticTicket>): MetricRow[] {
  interface Acc {
    queue: string;
    week: number;
    frtSum: number;
    frtN: number;
    resSum: number;
    resN: number;
    reopened: number;
    resolved: number;
    transferred: number;
    n: number;
    bot: number;
    handedOff: number;
    contained: number;
  }
  const groups = new Map<string, Acc>();
  for (const t of records) {
    const day = Math.floor(t.createdAt / DAY);
    const week = day - ((day + 3) % 7); // Monday of the ISO week (1970-01-01 was a Thursday)
    const key = `${week}|${t.queue}`;
    let g = groups.get(key);
    if (!g) {
      g = {
        queue: t.queue,
        week,
        frtSum: 0,
        frtN: 0,
        resSum: 0,
        resN: 0,
        reopened: 0,
        resolved: 0,
        transferred: 0,
        n: 0,
        bot: 0,
        handedOff: 0,
        contained: 0,
      };
      groups.set(key, g);
    }
    g.n++;
    if (t.firstResponseAt !== undefined) {
      g.frtSum += t.firstResponseAt - t.createdAt;
      g.frtN++;
    }
    if (t.resolvedAt !== undefined) {
      g.resSum += t.resolvedAt - t.createdAt;
      g.resN++;
      g.resolved++;
      if (t.reopens > 0) g.reopened++;
    }
    if (t.transfers > 0) g.transferred++;
    if (t.botInvolved) {
      g.bot++;
      if (t.handedOff) g.handedOff++;
      if (!t.humanInvolved) g.contained++;
    }
  }
  const rows: MetricRow[] = [];
  const sorted = [...groups.values()].sort((a, b) => a.week - b.week || (a.queue < b.queue ? -1 : 1));
  for (const g of sorted) {
    const bucket = new Date(g.week * DAY).toISOString().slice(0, 10);
    const row = (metric: string, value: number | null, n: number) =>
      rows.push({ queue: g.queue, bucket, metric, value, n });
    row('firstResponseTime', g.frtN ? g.frtSum / g.frtN : null, g.frtN);
    row('resolutionTime', g.resN ? g.resSum / g.resN : null, g.resN);
    row('reopenRate', g.resolved ? g.reopened / g.resolved : null, g.resolved);
    row('transferRate', g.n ? g.transferred / g.n : null, g.n);
    row('handoffRate', g.bot ? g.handedOff / g.bot : null, g.bot);
    row('containmentRate', g.bot ? g.contained / g.bot : null, g.bot);
  }
  return rows;
}

function time(fn: () => unknown): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) =>
  bytes < 10 * 1024 * 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/**
 * Peak live heap while consuming a generator: every 100 000 records, a full GC runs inside the
 * generator (while the consumer's state is alive) and the heap is measured — so uncollected
 * garbage does not count, only what the consumer keeps.
 */
function peakLiveHeap(run: (records: Iterable<SyntheticTicket>) => unknown, count: number): number {
  gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  function* sampled() {
    let i = 0;
    for (const t of generate(count, 11)) {
      if (++i % 100_000 === 0) {
        gc?.();
        peak = Math.max(peak, process.memoryUsage().heapUsed - base);
      }
      yield t;
    }
  }
  run(sampled());
  return peak;
}

// ---- data, correctness check, warm-up
const data = [...generate(RECORDS)];
const expected = byHand(data);
const actual = viaLibrary(data);
const mismatch = expected.findIndex((row, i) => {
  const other = actual[i];
  return (
    !other ||
    other.bucket !== row.bucket ||
    other.queue !== row.queue ||
    other.metric !== row.metric ||
    other.n !== row.n ||
    (row.value === null
      ? other.value !== null
      : Math.abs((other.value ?? Number.NaN) - row.value) > 1e-9 * Math.abs(row.value) + 1e-12)
  );
});
if (mismatch >= 0 || expected.length !== actual.length) {
  console.error(
    'computeMetrics and the hand loop disagree at row',
    mismatch,
    expected[mismatch],
    actual[mismatch],
  );
  process.exit(1);
}
for (let i = 0; i < 2; i++) {
  viaLibrary(data.slice(0, 100_000));
  byHand(data.slice(0, 100_000));
}

// ---- timing: alternate the two so neither gets a warmer machine
const libraryTimes: number[] = [];
const handTimes: number[] = [];
for (let r = 0; r < RUNS; r++) {
  gc?.();
  handTimes.push(time(() => byHand(data)));
  gc?.();
  libraryTimes.push(time(() => viaLibrary(data)));
}
const lib = median(libraryTimes);
const hand = median(handTimes);

// ---- business time through a calendar (10^5 records; DST-correct calendar arithmetic per record)
const wk: [string, string][] = [['09:00', '17:00']];
const calendar = createBusinessCalendar({
  timeZone: 'Europe/Warsaw',
  hours: { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk },
});
const small = data.slice(0, 100_000);
const frt = (c?: typeof calendar) =>
  computeMetrics(small, {
    metrics: ['firstResponseTime'],
    groupBy: 'queue',
    bucket: 'week',
    ...(c ? { calendar: c } : {}),
  });
frt(calendar);
const calendarMs = median([time(() => frt(calendar)), time(() => frt(calendar)), time(() => frt(calendar))]);
const plainMs = median([time(() => frt()), time(() => frt()), time(() => frt())]);

// ---- memory: stream from a generator so the records never exist together
const libraryPeak = peakLiveHeap(viaLibrary, RECORDS);
const handPeak = peakLiveHeap(byHand, RECORDS);
const arrayBytes = (() => {
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const copy = [...generate(RECORDS, 3)];
  gc?.();
  const after = process.memoryUsage().heapUsed;
  return copy.length ? after - before : 0;
})();

const lines = [
  `## metrics — computeMetrics vs a hand-written loop`,
  '',
  `${RECORDS.toLocaleString('en')} synthetic tickets (8 queues, 26 weeks → ${expected.length / 6} groups), 6 metrics`,
  `(${METRICS.join(', ')}) grouped by queue and ISO week, median of ${RUNS} runs, Node ${process.version},`,
  `${gc ? 'with' : 'WITHOUT'} --expose-gc. Results checked equal (${expected.length} rows) before timing.`,
  '',
  '| run | time (ms) | records/s | ratio vs hand loop |',
  '| --- | ---: | ---: | ---: |',
  `| hand-written single-pass loop | ${hand.toFixed(0)} | ${Math.round((RECORDS / hand) * 1000).toLocaleString('en')} | 1.00× |`,
  `| computeMetrics (6 metrics, groupBy queue, bucket week) | ${lib.toFixed(0)} | ${Math.round((RECORDS / lib) * 1000).toLocaleString('en')} | ${(lib / hand).toFixed(2)}× |`,
  '',
  '| memory (records streamed from a generator; GC every 100,000 records) | peak live heap above baseline |',
  '| --- | ---: |',
  `| computeMetrics | ${mb(libraryPeak)} |`,
  `| hand loop | ${mb(handPeak)} |`,
  `| for scale: the ${RECORDS.toLocaleString('en')} records held in an array | ${mb(arrayBytes)} |`,
  '',
  `| business time (100,000 tickets, firstResponseTime by queue and week) | time (ms) | ratio |`,
  '| --- | ---: | ---: |',
  `| calendar time | ${plainMs.toFixed(0)} | 1.00× |`,
  `| business time, Europe/Warsaw Mon–Fri 09–17 calendar | ${calendarMs.toFixed(0)} | ${(calendarMs / plainMs).toFixed(1)}× |`,
  '',
];
const table = lines.join('\n');
console.log(table);
const out = join(import.meta.dirname, 'results');
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'metrics.md'), `${table}\n`);
