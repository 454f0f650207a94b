/**
 * bench/metricsSql: the same support metrics over 10^6 tickets two ways, in one process —
 * `computeMetrics` in JavaScript over records in memory, and the `toSql` queries on embedded
 * DuckDB over the same tickets in a CSV file and in a Parquet file (file reading included). Six
 * metrics by queue (mean first response, p90 resolution, reopen, transfer, handoff, containment),
 * then p90 first response in business hours (calendar rendered into the query). The results are
 * compared (largest relative difference printed) before any time is reported.
 *
 *   npx tsx bench/metricsSql.ts
 *   RECORDS=200000 npx tsx bench/metricsSql.ts   (smaller run)
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { mulberry32 } from '../src/_internal/random';
import { createBusinessCalendar } from '../src/calendar/index';
import {
  computeMetrics,
  type MetricName,
  type MetricRow,
  type ToSqlOptions,
  toSql,
} from '../src/metrics/index';

const RECORDS = Number(process.env.RECORDS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 3);
const QUEUES = ['billing', 'cards', 'loans', 'fraud', 'tech', 'general', 'vip', 'polish'];
const START = Date.parse('2026-01-05T00:00:00Z');
const SPAN = 26 * 7 * 86_400_000;
const DAY = 86_400_000;

interface Ticket {
  customerId: string;
  createdAt: number;
  queue: string;
  firstResponseAt: number | undefined;
  resolvedAt: number | undefined;
  reopens: number;
  transfers: number;
  botInvolved: boolean;
  humanInvolved: boolean;
  handedOff: boolean;
}

const random = mulberry32(7);
const tickets: Ticket[] = [];
for (let i = 0; i < RECORDS; i++) {
  const createdAt = START + Math.floor(random() * SPAN);
  const bot = random() < 0.6;
  const handedOff = bot && random() < 0.35;
  tickets.push({
    customerId: `c${Math.floor(random() * 200_000)}`,
    createdAt,
    queue: QUEUES[Math.floor(random() * QUEUES.length)]!,
    firstResponseAt: random() < 0.95 ? createdAt + Math.floor(random() * 8 * 3_600_000) : undefined,
    resolvedAt: random() < 0.85 ? createdAt + Math.floor(random() * 5 * DAY) : undefined,
    reopens: random() < 0.08 ? 1 : 0,
    transfers: random() < 0.12 ? 1 : 0,
    botInvolved: bot,
    humanInvolved: !bot || handedOff,
    handedOff,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tandem-metrics-sql-'));
const csv = join(dir, 'tickets.csv');
const parquet = join(dir, 'tickets.parquet');
{
  const out = createWriteStream(csv);
  const iso = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString());
  out.write(
    'customerId,createdAt,queue,firstResponseAt,resolvedAt,reopens,transfers,botInvolved,humanInvolved,handedOff\n',
  );
  let chunk = '';
  for (const t of tickets) {
    chunk += `${t.customerId},${iso(t.createdAt)},${t.queue},${iso(t.firstResponseAt)},${iso(t.resolvedAt)},${t.reopens},${t.transfers},${t.botInvolved},${t.humanInvolved},${t.handedOff}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
      chunk = '';
    }
  }
  out.end(chunk);
  await new Promise<void>((r) => out.once('finish', () => r()));
}

const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const db = await instance.connect();
const COLUMNS = `{'customerId': 'VARCHAR', 'createdAt': 'TIMESTAMPTZ', 'queue': 'VARCHAR', 'firstResponseAt': 'TIMESTAMPTZ',
  'resolvedAt': 'TIMESTAMPTZ', 'reopens': 'INTEGER', 'transfers': 'INTEGER', 'botInvolved': 'BOOLEAN',
  'humanInvolved': 'BOOLEAN', 'handedOff': 'BOOLEAN'}`;
await db.run(
  `COPY (SELECT * FROM read_csv('${csv}', header = true, columns = ${COLUMNS})) TO '${parquet}' (FORMAT parquet)`,
);
// Views: every query reads the file itself.
await db.run(`CREATE VIEW tickets_csv AS SELECT *, NULL::TIMESTAMPTZ AS "firstResolvedAt", NULL::BOOLEAN AS "botOnly",
  NULL::TIMESTAMPTZ AS "firstHumanResponseAt" FROM read_csv('${csv}', header = true, columns = ${COLUMNS})`);
await db.run(`CREATE VIEW tickets_parquet AS SELECT *, NULL::TIMESTAMPTZ AS "firstResolvedAt", NULL::BOOLEAN AS "botOnly",
  NULL::TIMESTAMPTZ AS "firstHumanResponseAt" FROM read_parquet('${parquet}')`);

const calendar = createBusinessCalendar({
  timeZone: 'Europe/Warsaw',
  hours: {
    mon: [['08:00', '20:00']],
    tue: [['08:00', '20:00']],
    wed: [['08:00', '20:00']],
    thu: [['08:00', '20:00']],
    fri: [['08:00', '20:00']],
    sat: [['09:00', '15:00']],
  },
  holidays: ['2026-04-06', '2026-05-01', '2026-05-04', '2026-06-04'],
});
const from = new Date(START - DAY);
const to = new Date(START + SPAN + 6 * DAY);

type Spec = { metric: MetricName; options: Record<string, unknown> };
const SIX: Spec[] = [
  { metric: 'firstResponseTime', options: {} },
  { metric: 'resolutionTime', options: { statistic: 'p90' } },
  { metric: 'reopenRate', options: {} },
  { metric: 'transferRate', options: {} },
  { metric: 'handoffRate', options: {} },
  { metric: 'containmentRate', options: {} },
];
const BUSINESS: Spec[] = [{ metric: 'firstResponseTime', options: { statistic: 'p90', calendar } }];

function viaJs(specs: Spec[]): MetricRow[] {
  return computeMetrics(tickets, { metrics: specs as never, groupBy: 'queue' }).rows;
}

async function viaDuckDb(specs: Spec[], table: string): Promise<MetricRow[]> {
  const rows: MetricRow[] = [];
  for (const s of specs) {
    const options: ToSqlOptions = { dialect: 'duckdb', table, groupBy: ['queue'], ...s.options };
    if (s.options.calendar) Object.assign(options, { from, to });
    const reader = await db.runAndReadAll(toSql(s.metric, options));
    for (const r of reader.getRowObjectsJS() as Array<Record<string, unknown>>)
      rows.push({
        queue: r.queue,
        metric: String(r.metric),
        value: r.value === null ? null : Number(r.value),
        n: Number(r.n),
      });
  }
  return rows;
}

function largestDifference(js: MetricRow[], sql: MetricRow[]): number {
  if (js.length !== sql.length) throw new Error(`row counts differ: ${js.length} vs ${sql.length}`);
  let worst = 0;
  for (const a of js) {
    const b = sql.find((r) => r.queue === a.queue && r.metric === a.metric);
    if (!b || b.n !== a.n) throw new Error(`no matching row or n for ${JSON.stringify(a)}`);
    if (a.value !== null)
      worst = Math.max(worst, Math.abs(a.value - b.value!) / Math.max(1, Math.abs(a.value)));
  }
  return worst;
}

async function time<T>(f: () => T | Promise<T>): Promise<{ ms: number; result: T }> {
  let best = Number.POSITIVE_INFINITY;
  let result!: T;
  const all: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const t = performance.now();
    result = await f();
    all.push(performance.now() - t);
  }
  all.sort((a, b) => a - b);
  best = all[Math.floor(all.length / 2)]!;
  return { ms: best, result };
}

const lines: string[] = [];
for (const [label, specs] of [
  ['6 metrics by queue', SIX],
  ['p90 first response in business hours by queue', BUSINESS],
] as const) {
  const js = await time(() => viaJs(specs));
  const onCsv = await time(() => viaDuckDb(specs, 'tickets_csv'));
  const onParquet = await time(() => viaDuckDb(specs, 'tickets_parquet'));
  const diff = Math.max(
    largestDifference(js.result, onCsv.result),
    largestDifference(js.result, onParquet.result),
  );
  lines.push(
    `| ${label} | computeMetrics (records in memory) | ${js.ms.toFixed(0)} | 1.00× |`,
    `| ${label} | DuckDB toSql over CSV (${(statSync(csv).size / 2 ** 20).toFixed(0)} MB) | ${onCsv.ms.toFixed(0)} | ${(js.ms / onCsv.ms).toFixed(2)}× |`,
    `| ${label} | DuckDB toSql over Parquet (${(statSync(parquet).size / 2 ** 20).toFixed(0)} MB) | ${onParquet.ms.toFixed(0)} | ${(js.ms / onParquet.ms).toFixed(2)}× |`,
  );
  console.log(`${label}: largest relative difference JS vs DuckDB ${diff.toExponential(1)}`);
  if (diff > 1e-9) throw new Error(`results differ by ${diff}`);
}
db.closeSync();
rmSync(dir, { recursive: true, force: true });

const report = `# bench/metricsSql

${RECORDS.toLocaleString('en')} synthetic tickets, median of ${RUNS} runs, DuckDB with 2 threads, node ${process.version},
${new Date().toISOString().slice(0, 10)}. Speed-up = computeMetrics time / DuckDB time (same run). DuckDB times include
reading the file; JavaScript starts from records already in memory. Every DuckDB result equals the JavaScript one
(values to 1e-9 relative, n exact) before it is timed.

| metrics | engine | ms | speed-up |
| --- | --- | ---: | ---: |
${lines.join('\n')}
`;
console.log(report);
mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
writeFileSync(join(import.meta.dirname, 'results/metricsSql.md'), report);
