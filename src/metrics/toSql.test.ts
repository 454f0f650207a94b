/**
 * SQL equivalence: every query `toSql` writes runs on embedded DuckDB (@duckdb/node-api) and on a
 * real PostgreSQL server (started by test/support/postgres) over the same records the JavaScript
 * calculators read — the bundled sample history — and must give the same numbers (values to 1e-6,
 * `n` exact), overall and grouped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../test/support/postgres';
import { createBusinessCalendar } from '../calendar';
import { TandemError } from '../model/errors';
import { computeMetrics, type MetricName, type MetricRow } from './computeMetrics';
import { parseRecords } from './parseRecords';
import { SQL_METRIC_NAMES, SQL_UNSUPPORTED, type SqlDialect, toSql } from './toSql';

const root = join(__dirname, '../../examples/data');
const calendar = createBusinessCalendar(JSON.parse(readFileSync(join(root, 'calendar.json'), 'utf8')));
const conversations = readFileSync(join(root, 'conversations.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map(
    (l) =>
      JSON.parse(l) as {
        id: string;
        channel: string;
        queue: string;
        survey?: { rating: number };
        messages: Array<{ author: string; at: string }>;
      },
  );

type Row = Record<string, string | number | boolean | null>;
const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : null);

// Tickets: the sample CSV, with a few fields varied deterministically so every branch of the
// definitions is reached (unanswered, unresolved, reopened with a first resolution, transfer
// times, no customer).
const tickets: Row[] = parseRecords(readFileSync(join(root, 'tickets.csv'), 'utf8'), {
  format: 'csv',
  kind: 'ticket',
}).records.map((t, i) => {
  const created = t.createdAt.getTime();
  const resolved = i % 37 === 0 ? null : (t.resolvedAt?.getTime() ?? null);
  const answered = i % 53 !== 0;
  const firstResolved =
    resolved !== null && (t.reopens ?? 0) > 0 ? created + Math.floor((resolved - created) / 2) : null;
  return {
    id: t.id ?? null,
    customerId: i % 41 === 0 ? null : (t.customerId ?? null),
    createdAt: t.createdAt.toISOString(),
    channel: t.channel ?? null,
    queue: t.queue ?? null,
    firstResponseAt: answered ? iso(t.firstResponseAt) : null,
    firstHumanResponseAt: answered ? iso(t.firstHumanResponseAt) : null,
    firstResolvedAt: firstResolved === null ? null : new Date(firstResolved).toISOString(),
    resolvedAt: resolved === null ? null : new Date(resolved).toISOString(),
    reopens: t.reopens ?? null,
    transfers: t.transfers ?? null,
    reroutes: i % 29 === 0 ? 1 : 0,
    firstTransferAt:
      (t.transfers ?? 0) > 0 ? new Date(created + ((i * 7919) % 7200) * 1000).toISOString() : null,
    handedOff: t.handedOff ?? null,
    botOnly: t.botOnly ?? null,
  };
});
// Messages of the same conversations (next response time): every 11th agent message is an internal
// note, and every 17th conversation has no messages at all.
const messages: Row[] = conversations.flatMap((c, i) =>
  i % 17 === 0
    ? []
    : c.messages.map((m, j) => ({
        conversationId: c.id,
        author: m.author,
        at: m.at,
        public: m.author === 'agent' && (i + j) % 11 === 0 ? false : null,
      })),
);
const messagesById = new Map<string, Row[]>();
for (const m of messages) {
  const list = messagesById.get(m.conversationId as string) ?? [];
  list.push(m);
  messagesById.set(m.conversationId as string, list);
}
const ticketsWithMessages = tickets.map((t) => {
  const list = messagesById.get(t.id as string);
  return list === undefined
    ? t
    : {
        ...t,
        messages: list.map((m) => ({
          author: m.author,
          at: m.at,
          ...(m.public === false ? { public: false } : {}),
        })),
      };
});
const MESSAGE_COLUMNS: Array<[string, string]> = [
  ['conversationId', 'VARCHAR'],
  ['author', 'VARCHAR'],
  ['at', 'TIMESTAMPTZ'],
  ['public', 'BOOLEAN'],
];
const TICKET_COLUMNS: Array<[string, string]> = [
  ['id', 'VARCHAR'],
  ['customerId', 'VARCHAR'],
  ['createdAt', 'TIMESTAMPTZ'],
  ['channel', 'VARCHAR'],
  ['queue', 'VARCHAR'],
  ['firstResponseAt', 'TIMESTAMPTZ'],
  ['firstHumanResponseAt', 'TIMESTAMPTZ'],
  ['firstResolvedAt', 'TIMESTAMPTZ'],
  ['resolvedAt', 'TIMESTAMPTZ'],
  ['reopens', 'INTEGER'],
  ['transfers', 'INTEGER'],
  ['reroutes', 'INTEGER'],
  ['firstTransferAt', 'TIMESTAMPTZ'],
  ['handedOff', 'BOOLEAN'],
  ['botOnly', 'BOOLEAN'],
  // In the documented flat schema, absent from the sample: all NULL.
  ['botInvolved', 'BOOLEAN'],
  ['humanInvolved', 'BOOLEAN'],
];

// Survey responses on three scales and contacts with answered/abandoned calls, derived
// deterministically from the sample.
const rated = conversations.flatMap((c, i) =>
  c.survey ? [{ csat: c.survey.rating, i, queue: c.queue, channel: c.channel }] : [],
);
const surveysByScale: Record<'csat' | 'nps' | 'ces', Row[]> = {
  csat: rated.map((r) => ({ rating: r.csat, queue: r.queue, channel: r.channel })), // 1–5
  nps: rated.map((r) => ({ rating: (r.csat * 2 + r.i) % 11, queue: r.queue, channel: r.channel })), // 0–10
  ces: rated.map((r) => ({ rating: 1 + ((r.csat + r.i) % 7), queue: r.queue, channel: r.channel })), // 1–7
};
const contacts: Row[] = conversations.slice(0, 800).map((c, i) => {
  const offered = Date.parse('2026-10-05T08:00:00Z') + i * 600_000;
  const waiting = i % 97 === 0; // neither answered nor abandoned yet
  const answered = waiting || i % 7 === 0 ? null : offered + ((i * 7919) % 300) * 1000;
  return {
    id: c.id,
    queue: c.queue,
    offeredAt: new Date(offered).toISOString(),
    answeredAt: answered === null ? null : new Date(answered).toISOString(),
    abandonedAt:
      answered === null && !waiting ? new Date(offered + ((i * 31) % 60) * 1000).toISOString() : null,
    talkTime: answered === null || i % 89 === 0 ? null : 60_000 + ((i * 104729) % 600) * 1000,
    holdTime: answered === null || i % 3 ? null : 30_000,
    wrapTime: answered === null ? null : 45_000,
  };
});
const CONTACT_COLUMNS: Array<[string, string]> = [
  ['id', 'VARCHAR'],
  ['queue', 'VARCHAR'],
  ['offeredAt', 'TIMESTAMPTZ'],
  ['answeredAt', 'TIMESTAMPTZ'],
  ['abandonedAt', 'TIMESTAMPTZ'],
  ['talkTime', 'BIGINT'],
  ['holdTime', 'BIGINT'],
  ['wrapTime', 'BIGINT'],
];
const SURVEY_COLUMNS: Array<[string, string]> = [
  ['rating', 'INTEGER'],
  ['queue', 'VARCHAR'],
  ['channel', 'VARCHAR'],
];

const ends = [
  ...tickets.flatMap((t) => [t.resolvedAt, t.firstResponseAt].filter((x) => x !== null) as string[]),
  ...messages.map((m) => m.at as string),
];
const from = new Date(Math.min(...tickets.map((t) => Date.parse(t.createdAt as string))) - 86_400_000);
const to = new Date(Math.max(...ends.map((e) => Date.parse(e))) + 86_400_000);

/** CREATE TABLE + one INSERT, in SQL both engines accept. */
function tableSql(name: string, columns: Array<[string, string]>, rows: Row[]): string[] {
  const literal = (v: unknown, type: string) =>
    v === null || v === undefined
      ? 'NULL'
      : typeof v === 'number' || typeof v === 'boolean'
        ? String(v)
        : `CAST('${String(v).replaceAll("'", "''")}' AS ${type})`;
  return [
    `CREATE TABLE ${name} (${columns.map(([c, t]) => `"${c}" ${t}`).join(', ')})`,
    `INSERT INTO ${name} VALUES ${rows.map((r) => `(${columns.map(([c, t]) => literal(r[c], t)).join(', ')})`).join(', ')}`,
  ];
}
const SETUP = [
  ...tableSql('tickets', TICKET_COLUMNS, tickets),
  ...tableSql('messages', MESSAGE_COLUMNS, messages),
  ...tableSql('contacts', CONTACT_COLUMNS, contacts),
  ...Object.entries(surveysByScale).flatMap(([scale, rows]) =>
    tableSql(`surveys_${scale}`, SURVEY_COLUMNS, rows),
  ),
];

const isSurvey = (m: MetricName): m is 'csat' | 'nps' | 'ces' => ['csat', 'nps', 'ces'].includes(m);
const isContact = (m: MetricName) => ['aht', 'asa', 'serviceLevel', 'abandonmentRate'].includes(m);
const recordsOf = (m: MetricName): unknown[] =>
  isSurvey(m)
    ? surveysByScale[m]
    : isContact(m)
      ? contacts
      : m === 'nextResponseTime'
        ? ticketsWithMessages
        : tickets;

function expectSame(js: MetricRow[], sql: Array<Record<string, unknown>>, groupBy: string[]) {
  expect(sql.length).toBe(js.length);
  for (const row of js) {
    const match = sql.find((r) => groupBy.every((g) => r[g] === row[g]));
    expect(match, JSON.stringify(row)).toBeDefined();
    expect(Number(match!.n), JSON.stringify(row)).toBe(row.n);
    if (row.value === null) expect(match!.value).toBeNull();
    else expect(Math.abs(Number(match!.value) - row.value), JSON.stringify(row)).toBeLessThanOrEqual(1e-6);
  }
}

// Metric options as both computeMetrics and toSql take them.
const CASES: Array<[MetricName, Record<string, unknown>]> = [
  ...SQL_METRIC_NAMES.map((m): [MetricName, Record<string, unknown>] => [m, {}]),
  ...(['firstResponseTime', 'nextResponseTime', 'resolutionTime', 'aht', 'asa'] as const).flatMap(
    (m): Array<[MetricName, Record<string, unknown>]> => [
      [m, { statistic: 'p50' }],
      [m, { statistic: 'p90' }],
    ],
  ),
  ['firstResponseTime', { humanOnly: true, statistic: 'p90' }],
  ['nextResponseTime', { humanOnly: true }],
  ['resolutionTime', { which: 'first' }],
  ['transferRate', { includeHandoffs: true }],
  ['csat', { satisfied: [5] }],
  ['serviceLevel', { threshold: '30s', abandons: 'exclude' }],
  ['serviceLevel', { abandons: 'excludeShort', shortAbandon: '5s' }],
  ['serviceLevel', { abandons: 'met' }],
  ['abandonmentRate', { shortAbandon: '10s' }],
  ['routingAccuracy', { within: '30m' }],
  ['fcr', { denominator: 'resolved', transfersBreakFcr: false, repeatWindow: '2d' }],
  ['automatedResolutionRate', { denominator: 'bot', repeatWindow: '7d' }],
];
// Business time: the calendar's open intervals rendered between from and to.
const CALENDAR_CASES: Array<[MetricName, Record<string, unknown>]> = (
  ['firstResponseTime', 'nextResponseTime', 'resolutionTime'] as const
).flatMap((m) =>
  (['mean', 'p50', 'p90'] as const).map((statistic): [MetricName, Record<string, unknown>] => [
    m,
    { statistic },
  ]),
);

// The JavaScript side of each case, computed once and compared with both engines.
const expected = new Map<string, MetricRow[]>();
function jsRows(
  metric: MetricName,
  metricOptions: Record<string, unknown>,
  groupBy: string[],
  business: boolean,
) {
  const key = JSON.stringify([metric, metricOptions, groupBy, business]);
  let rows = expected.get(key);
  if (rows === undefined) {
    rows = computeMetrics(recordsOf(metric), {
      metrics: [{ metric, options: metricOptions }] as never,
      ...(business ? { calendar } : {}),
      ...(groupBy.length ? { groupBy } : {}),
    }).rows;
    expected.set(key, rows);
  }
  return rows;
}

type Engine = { dialect: SqlDialect; rows: (sql: string) => Promise<Array<Record<string, unknown>>> };

function equivalenceSuite(engine: () => Engine) {
  it.each(CASES)('%s %j, overall and by queue', async (metric, metricOptions) => {
    for (const groupBy of [[], ['queue']]) {
      const js = jsRows(metric, metricOptions, groupBy, false);
      const table = isSurvey(metric) ? { table: `surveys_${metric}` } : {};
      const { dialect, rows } = engine();
      const sql = await rows(toSql(metric, { dialect, groupBy, ...table, ...metricOptions }));
      expectSame(js, sql, groupBy);
    }
  });

  it.each(CALENDAR_CASES)(
    '%s %j in business hours, overall and by channel',
    async (metric, metricOptions) => {
      for (const groupBy of [[], ['channel']]) {
        const js = jsRows(metric, metricOptions, groupBy, true);
        const { dialect, rows } = engine();
        const sql = await rows(toSql(metric, { dialect, calendar, from, to, groupBy, ...metricOptions }));
        expectSame(js, sql, groupBy);
        // Business time really differs from calendar time on this sample.
        if (groupBy.length === 0) {
          const plain = jsRows(metric, metricOptions, [], false);
          expect(plain[0]!.value).not.toBeCloseTo(js[0]!.value!, 0);
        }
      }
    },
  );
}

describe('toSql on embedded DuckDB gives the same numbers as the JavaScript calculators', () => {
  let connection: Awaited<ReturnType<DuckDBInstance['connect']>>;
  beforeAll(async () => {
    const instance = await DuckDBInstance.create(':memory:');
    connection = await instance.connect();
    // Not UTC on purpose: the queries must not depend on the session zone.
    await connection.run(`SET TimeZone = 'America/New_York'`);
    for (const statement of SETUP) await connection.run(statement);
  });
  afterAll(() => connection?.closeSync());
  equivalenceSuite(() => ({
    dialect: 'duckdb',
    rows: async (sql) =>
      (await connection.runAndReadAll(sql)).getRowObjectsJS() as Array<Record<string, unknown>>,
  }));
});

const server = usePostgres();
describePostgres('toSql on a PostgreSQL server gives the same numbers as the JavaScript calculators', () => {
  let pool: pg.Pool;
  beforeAll(async () => {
    pool = server().pool({ max: 2, database: await server().createDatabase('metrics') });
    await pool.query(`SET TimeZone = 'Asia/Kolkata'`);
    for (const statement of SETUP) await pool.query(statement);
    // The repeat-contact lookups of fcr / automatedResolutionRate (as docs/metrics.md advises).
    await pool.query('CREATE INDEX tickets_customer ON tickets ("customerId", "createdAt")');
  });
  equivalenceSuite(() => ({
    dialect: 'postgres',
    rows: async (sql) => (await pool.query(sql)).rows,
  }));
});

describe('toSql', () => {
  it('covers every computeMetrics metric or says why not', () => {
    const all: MetricName[] = [
      'csat', 'nps', 'ces', 'aht', 'asa', 'serviceLevel', 'abandonmentRate', 'firstResponseTime',
      'nextResponseTime', 'resolutionTime', 'fcr', 'reopenRate', 'transferRate', 'routingAccuracy',
      'containmentRate', 'automatedResolutionRate', 'handoffRate', 'slaAttainment', 'adoption', 'costPerContact',
    ]; // biome-ignore format: a list
    const covered = [...SQL_METRIC_NAMES, ...Object.keys(SQL_UNSUPPORTED)].sort();
    expect(covered).toEqual([...all].sort());
    expect(SQL_METRIC_NAMES.filter((m) => m in SQL_UNSUPPORTED)).toEqual([]);
  });

  it('writes the pinned shape: p90 of first response time in business hours by channel', () => {
    const sql = toSql('firstResponseTime', {
      dialect: 'duckdb',
      statistic: 'p90',
      calendar,
      from,
      to,
      groupBy: ['channel'],
    });
    expect(sql.startsWith('WITH "_open_intervals"("s", "e") AS (VALUES (')).toBe(true);
    expect(sql).toContain('quantile_cont("_duration", 0.9)');
    expect(sql.endsWith('GROUP BY "channel" ORDER BY "channel"')).toBe(true);
    const pg = toSql('firstResponseTime', { dialect: 'postgres', statistic: 'p50', calendar, from, to });
    expect(pg).toContain('percentile_cont(0.5) WITHIN GROUP (ORDER BY "_duration")');
    expect(pg).toContain('EXTRACT(EPOCH FROM "r"."createdAt")');
  });

  it('renames columns and quotes every identifier', () => {
    const sql = toSql('asa', {
      dialect: 'postgres',
      table: 'support.calls',
      columns: { offeredAt: 'offered_at', answeredAt: 'answered_at' },
    });
    expect(sql).toContain('"r"."offered_at"');
    expect(sql).toContain('FROM "support"."calls" AS "r"');
    expect(sql).not.toContain('"offeredAt"');
  });

  it.each([
    [() => toSql('fcr' as never, { dialect: 'oracle' as never }), 'dialect', ''],
    [() => toSql('slaAttainment', { dialect: 'duckdb' }), 'metric', 'per-priority targets'],
    [
      () =>
        toSql('nextResponseTime', { dialect: 'duckdb', messagesTable: 'messages m; DELETE FROM tickets' }),
      'messagesTable',
      'table name',
    ],
    [() => toSql('happiness' as never, { dialect: 'duckdb' }), 'metric', 'has no SQL form'],
    [
      () => toSql('csat', { dialect: 'duckdb', groupBy: ['queue; DROP TABLE x'] }),
      'groupBy[0]',
      'plain SQL identifier',
    ],
    [() => toSql('csat', { dialect: 'duckdb', table: 'x"; --' }), 'table', 'table name'],
    [
      () => toSql('asa', { dialect: 'duckdb', columns: { offeredAt: 'offered_at" FROM secrets --' } }),
      'columns.offeredAt',
      'plain SQL identifier',
    ],
    [() => toSql('firstResponseTime', { dialect: 'duckdb', calendar }), 'from', 'required with a calendar'],
    [
      () => toSql('firstResponseTime', { dialect: 'duckdb', calendar, from: to, to: from }),
      'to',
      'after from',
    ],
    [() => toSql('firstResponseTime', { dialect: 'duckdb', from }), 'from', 'no calendar'],
    [() => toSql('csat', { dialect: 'duckdb', statistic: 'p90' }), 'statistic', 'not a time metric'],
    [
      () => toSql('aht', { dialect: 'duckdb', calendar, from, to }),
      'calendar',
      'not measured in business time',
    ],
    [
      () =>
        toSql('resolutionTime', {
          dialect: 'postgres',
          calendar: createBusinessCalendar({
            timeZone: 'UTC',
            hours: { mon: [['09:00', '17:00']] },
            holidays: ['2026-11-23'],
          }),
          from: '2026-11-21T00:00:00Z',
          to: '2026-11-24T00:00:00Z',
        }),
      'calendar',
      'no open hours',
    ],
  ])('rejects bad input with a TandemError (%#)', (fn, path, message) => {
    try {
      fn();
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      const e = error as TandemError;
      const paths = [e.path, ...e.issues.map((i) => i.path)];
      expect(paths, e.message).toContain(path);
      expect(e.message + e.issues.map((i) => i.message).join(' ')).toContain(message);
    }
  });

  it('a metric named like an Object.prototype member gets the unknown-metric message, not an inherited reason', () => {
    for (const name of ['toString', 'constructor', 'hasOwnProperty']) {
      expect(() => toSql(name as never, { dialect: 'duckdb' })).toThrowError(
        `[tandem-cx] [metrics] metric: "${name}" has no SQL form; toSql supports`,
      );
    }
  });

  it('refuses a range with too many open intervals (LIMIT_EXCEEDED)', () => {
    // A real calendar, except that its open intervals come pre-computed (rendering 10^5 real ones
    // takes most of a minute here): 100,001 one-minute intervals.
    const many = Array.from({ length: 100_001 }, (_, i) => ({
      start: new Date(Date.UTC(2026, 0, 1) + i * 120_000),
      end: new Date(Date.UTC(2026, 0, 1) + i * 120_000 + 60_000),
    }));
    const busy = { ...calendar, openIntervals: (start: Date, end: Date) => (end > start ? many : []) };
    expect(() =>
      toSql('firstResponseTime', { dialect: 'duckdb', calendar: busy, from: '2026-01-01', to: '2026-12-31' }),
    ).toThrow(expect.objectContaining({ code: 'LIMIT_EXCEEDED', path: 'to' }));
    const fewer = { ...busy, openIntervals: () => many.slice(0, 10) };
    expect(
      toSql('firstResponseTime', {
        dialect: 'duckdb',
        calendar: fewer,
        from: '2026-01-01',
        to: '2026-12-31',
      }),
    ).toContain('(1767225600000, 1767225660000)');
  });
});
