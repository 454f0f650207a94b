/**
 * SQL equivalence: every metric `toSql` supports is run in DuckDB (embedded, @duckdb/node-api) on
 * the same records the JavaScript calculator reads, and must give the same numbers.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { computeMetrics, type MetricName, type MetricRow } from './computeMetrics';
import { parseRecords } from './parseRecords';
import { SQL_METRIC_NAMES, toSql } from './toSql';

const csvPath = join(__dirname, '../../examples/data/tickets.csv');
const conversations = readFileSync(join(__dirname, '../../examples/data/conversations.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        channel: string;
        queue: string;
        survey?: { rating: number; respondedAt: string };
      },
  );

// Survey responses on three scales and contacts with answered/abandoned calls, derived
// deterministically from the sample so both engines read the same rows.
const rated = conversations.flatMap((c, i) =>
  c.survey ? [{ csat: c.survey.rating, i, queue: c.queue, channel: c.channel }] : [],
);
const surveysByScale = {
  csat: rated.map((r) => ({ rating: r.csat, queue: r.queue, channel: r.channel })), // 1–5
  nps: rated.map((r) => ({ rating: (r.csat * 2 + r.i) % 11, queue: r.queue, channel: r.channel })), // 0–10
  ces: rated.map((r) => ({ rating: 1 + ((r.csat + r.i) % 7), queue: r.queue, channel: r.channel })), // 1–7
};
const contacts = conversations.slice(0, 800).map((c, i) => {
  const offered = Date.parse('2026-10-05T08:00:00Z') + i * 600_000;
  const answered = i % 7 === 0 ? null : offered + ((i * 7919) % 300) * 1000;
  return {
    id: c.id,
    queue: c.queue,
    offeredAt: new Date(offered).toISOString(),
    answeredAt: answered === null ? null : new Date(answered).toISOString(),
    abandonedAt: answered === null ? new Date(offered + 45_000).toISOString() : null,
    talkTime: answered === null ? null : 60_000 + ((i * 104729) % 600) * 1000,
    holdTime: answered === null || i % 3 ? null : 30_000,
    wrapTime: answered === null ? null : 45_000,
  };
});

let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;

beforeAll(async () => {
  const instance = await DuckDBInstance.create(':memory:');
  connection = await instance.connect();
  await connection.run(`SET TimeZone = 'UTC'`);
  await connection.run(
    `CREATE TABLE tickets AS SELECT * FROM read_csv('${csvPath}', header = true, columns = {
      'id': 'VARCHAR', 'customerId': 'VARCHAR', 'createdAt': 'TIMESTAMPTZ', 'channel': 'VARCHAR', 'language': 'VARCHAR',
      'queue': 'VARCHAR', 'priority': 'INTEGER', 'firstResponseAt': 'TIMESTAMPTZ', 'firstHumanResponseAt': 'TIMESTAMPTZ',
      'resolvedAt': 'TIMESTAMPTZ', 'reopens': 'INTEGER', 'transfers': 'INTEGER', 'handedOff': 'BOOLEAN', 'botOnly': 'BOOLEAN',
      'handleTime': 'BIGINT', 'csat': 'INTEGER'})`,
  );
  // Columns the CSV does not carry are part of the documented flat schema.
  for (const [column, type] of [
    ['firstResolvedAt', 'TIMESTAMPTZ'],
    ['botInvolved', 'BOOLEAN'],
    ['humanInvolved', 'BOOLEAN'],
  ])
    await connection.run(`ALTER TABLE tickets ADD COLUMN "${column}" ${type}`);
  for (const [scale, rows] of Object.entries(surveysByScale)) {
    await connection.run(`CREATE TABLE surveys_${scale} (rating INTEGER, queue VARCHAR, channel VARCHAR)`);
    await connection.run(
      `INSERT INTO surveys_${scale} VALUES ${rows.map((s) => `(${s.rating}, '${s.queue}', '${s.channel}')`).join(', ')}`,
    );
  }
  await connection.run(
    `CREATE TABLE contacts (id VARCHAR, queue VARCHAR, "offeredAt" TIMESTAMPTZ, "answeredAt" TIMESTAMPTZ, "abandonedAt" TIMESTAMPTZ, "talkTime" BIGINT, "holdTime" BIGINT, "wrapTime" BIGINT)`,
  );
  const lit = (v: unknown) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
  await connection.run(
    `INSERT INTO contacts VALUES ${contacts.map((c) => `(${[c.id, c.queue, c.offeredAt, c.answeredAt, c.abandonedAt, c.talkTime, c.holdTime, c.wrapTime].map(lit).join(', ')})`).join(', ')}`,
  );
});

afterAll(() => connection?.closeSync());

async function sqlRows(sql: string): Promise<Array<Record<string, unknown>>> {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJS() as Array<Record<string, unknown>>;
}

const tickets = parseRecords(readFileSync(csvPath, 'utf8'), { format: 'csv', kind: 'ticket' }).records;
const isSurvey = (m: MetricName): m is 'csat' | 'nps' | 'ces' => ['csat', 'nps', 'ces'].includes(m);
const recordsOf = (m: MetricName): unknown[] =>
  isSurvey(m) ? surveysByScale[m] : ['aht', 'asa'].includes(m) ? contacts : tickets;

function expectSame(js: MetricRow[], sql: Array<Record<string, unknown>>, groupBy: string[]) {
  expect(sql.length).toBe(js.length);
  for (const row of js) {
    const match = sql.find((r) => groupBy.every((g) => r[g] === row[g]));
    expect(match, JSON.stringify(row)).toBeDefined();
    expect(Number(match!.n)).toBe(row.n);
    if (row.value === null) expect(match!.value).toBeNull();
    else expect(Number(match!.value)).toBeCloseTo(row.value, 6);
  }
}

describe('toSql in DuckDB gives the same numbers as the JavaScript calculators', () => {
  const cases: Array<[MetricName, Record<string, unknown>]> = [
    ...SQL_METRIC_NAMES.map((m): [MetricName, Record<string, unknown>] => [m, {}]),
    ['firstResponseTime', { humanOnly: true }],
    ['transferRate', { includeHandoffs: true }],
    ['csat', { satisfied: [5] }],
  ];
  it.each(cases)('%s %j, overall and by queue', async (metric, metricOptions) => {
    for (const groupBy of [[], ['queue']]) {
      const js = computeMetrics(recordsOf(metric), {
        metrics: [{ metric, options: metricOptions }] as never,
        ...(groupBy.length ? { groupBy } : {}),
      }).rows;
      const table = isSurvey(metric) ? { table: `surveys_${metric}` } : {};
      const sql = await sqlRows(toSql(metric, { dialect: 'duckdb', groupBy, ...table, ...metricOptions }));
      expectSame(js, sql, groupBy);
    }
  });

  it('covers the simple-aggregate metrics', () => {
    expect([...SQL_METRIC_NAMES].sort()).toEqual(
      [
        'aht',
        'asa',
        'ces',
        'containmentRate',
        'csat',
        'firstResponseTime',
        'handoffRate',
        'nps',
        'reopenRate',
        'resolutionTime',
        'transferRate',
      ].sort(),
    );
  });
});

describe('toSql', () => {
  it('writes Postgres interval arithmetic', () => {
    expect(toSql('firstResponseTime', { dialect: 'postgres', table: 'support.tickets' })).toBe(
      `SELECT 'firstResponseTime' AS metric, AVG(CAST((EXTRACT(EPOCH FROM ("firstResponseAt" - "createdAt")) * 1000) AS DOUBLE PRECISION)) AS value, COUNT((EXTRACT(EPOCH FROM ("firstResponseAt" - "createdAt")) * 1000)) AS n FROM "support"."tickets"`,
    );
  });

  it.each([
    [() => toSql('fcr', { dialect: 'duckdb' }), 'metric', 'has no SQL form'],
    [() => toSql('csat', { dialect: 'oracle' as never }), 'dialect', ''],
    [
      () => toSql('csat', { dialect: 'duckdb', groupBy: ['queue; DROP TABLE x'] }),
      'groupBy[0]',
      'plain SQL identifier',
    ],
    [() => toSql('csat', { dialect: 'duckdb', table: 'x"; --' }), 'table', 'table name'],
  ])('rejects bad input (%#)', (fn, path, message) => {
    try {
      fn();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      expect((error as TandemError).issues.some((i) => i.path === path && i.message.includes(message))).toBe(
        true,
      );
    }
  });
});
