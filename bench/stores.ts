/**
 * bench/stores: the Postgres knowledge store (examples/postgres-stores) on embedded PGlite (one
 * connection) and on a real PostgreSQL server through node-postgres (a pool of 16), same code,
 * same operations, same process. Writes (`upsertArticle` of new articles, `remember`,
 * `recordFeedback`) and searches over the sample knowledge base, each issued by 16 concurrent
 * callers; throughput and per-operation latency (p50/p99).
 *
 *   npx tsx bench/stores.ts                 (starts a throwaway server; needs PostgreSQL installed)
 *   OPS=500 npx tsx bench/stores.ts         (smaller run)
 *
 * The server is a local, fsync-off test cluster on a shared 2-core machine: read the figures as a
 * comparison of the two drivers on this machine, not as a capacity plan.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { createPostgresKnowledgeStore } from '../examples/postgres-stores/postgresKnowledgeStore';
import { pgliteClient, pgPoolClient, type SqlClient } from '../examples/postgres-stores/sqlClient';
import type { KnowledgeStore } from '../src/knowledge/index';
import { startPostgres } from '../test/support/postgresServer';

const OPS = Number(process.env.OPS ?? 2000);
const CONCURRENCY = 16;
const root = join(import.meta.dirname, '..');
const articles = JSON.parse(readFileSync(join(root, 'examples/data/knowledge.json'), 'utf8')) as Array<
  Record<string, unknown> & { questions: string[] }
>;
const queries = articles.flatMap((a) => a.questions);
const T0 = new Date('2026-11-23T10:00:00Z');

interface Row {
  driver: string;
  operation: string;
  ops: number;
  perSecond: number;
  p50: number;
  p99: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** Runs `count` operations from `CONCURRENCY` callers; returns throughput and latency. */
async function measure(
  count: number,
  op: (i: number) => Promise<unknown>,
): Promise<Omit<Row, 'driver' | 'operation'>> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < count; i = next++) {
        const t = performance.now();
        await op(i);
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: count,
    perSecond: count / seconds,
    p50: quantile(latencies, 0.5),
    p99: quantile(latencies, 0.99),
  };
}

async function run(driver: string, client: SqlClient): Promise<Row[]> {
  const kb: KnowledgeStore = await createPostgresKnowledgeStore(client, { schema: 'bench', now: () => T0 });
  for (const a of articles) await kb.upsertArticle(a as never);
  // Warm-up: plans cached, pages in memory.
  await measure(100, (i) => kb.search(queries[i % queries.length]!));
  const rows: Row[] = [];
  const add = (operation: string, m: Omit<Row, 'driver' | 'operation'>) =>
    rows.push({ driver, operation, ...m });
  add(
    'upsertArticle (new)',
    await measure(OPS, (i) =>
      kb.upsertArticle({
        id: `bench-${i}`,
        title: `Bench article ${i}`,
        body: `About ${queries[i % queries.length]}`,
        status: 'published',
        audience: 'public',
      }),
    ),
  );
  add(
    'remember',
    await measure(OPS, (i) =>
      kb.remember(`u${i % 200}`, { key: `k${i}`, value: i, source: 'crm', consent: true }, { now: T0 }),
    ),
  );
  add(
    'recordFeedback',
    await measure(OPS, (i) => kb.recordFeedback('card-arrival', { helpful: i % 2 === 0, at: T0 })),
  );
  add('search', await measure(OPS, (i) => kb.search(queries[i % queries.length]!, { limit: 5, now: T0 })));
  return rows;
}

const rows: Row[] = [];
{
  const db = await PGlite.create();
  rows.push(...(await run('PGlite (embedded, 1 connection)', pgliteClient(db))));
  await db.close();
}
const server = await startPostgres();
try {
  const pool = server.pool({ max: CONCURRENCY });
  rows.push(...(await run(`PostgreSQL 15 server (pg, pool of ${CONCURRENCY})`, pgPoolClient(pool))));
} finally {
  await server.stop();
}

const fmt = (n: number, digits = 1) => n.toFixed(digits);
const table = [
  `| driver | operation | ops | ops/s | p50 ms | p99 ms |`,
  `| --- | --- | ---: | ---: | ---: | ---: |`,
  ...rows.map(
    (r) =>
      `| ${r.driver} | ${r.operation} | ${r.ops} | ${fmt(r.perSecond, 0)} | ${fmt(r.p50, 2)} | ${fmt(r.p99, 2)} |`,
  ),
].join('\n');
const ratios = ['upsertArticle (new)', 'remember', 'recordFeedback', 'search']
  .map((op) => {
    const [lite, srv] = [
      rows.find((r) => r.operation === op && r.driver.startsWith('PGlite')),
      rows.find((r) => r.operation === op && !r.driver.startsWith('PGlite')),
    ];
    return `| ${op} | ${fmt(srv!.perSecond / lite!.perSecond, 2)}× |`;
  })
  .join('\n');
const report = `# bench/stores

Postgres knowledge store (examples/postgres-stores), same code on two drivers, ${CONCURRENCY} concurrent callers,
${OPS} operations each, node ${process.version}, ${new Date().toISOString().slice(0, 10)}.

${table}

Server throughput relative to PGlite (same run):

| operation | server / PGlite |
| --- | ---: |
${ratios}
`;
console.log(report);
mkdirSync(join(root, 'bench/results'), { recursive: true });
writeFileSync(join(root, 'bench/results/stores.md'), report);
