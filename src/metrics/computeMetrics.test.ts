import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../calendar/index';
import { TandemError } from '../model/errors';
import { computeMetrics, METRIC_DEFINITIONS } from './computeMetrics';
import { firstResponseTime } from './responseTimes';
import type { TicketRecordInput } from './schemas';
import { fcr, reopenRate } from './ticketRates';

const H = 3_600_000;
const D = 24 * H;

const tickets: TicketRecordInput[] = [
  // Week of Mon 2026-11-16
  {
    id: 't1',
    queue: 'billing',
    channel: 'email',
    createdAt: '2026-11-16T10:00:00Z',
    firstResponseAt: '2026-11-16T11:00:00Z',
    resolvedAt: '2026-11-16T12:00:00Z',
  },
  {
    id: 't2',
    queue: 'tech',
    channel: 'chat',
    createdAt: '2026-11-18T10:00:00Z',
    firstResponseAt: '2026-11-18T10:30:00Z',
    resolvedAt: '2026-11-18T11:00:00Z',
    reopens: 1,
  },
  // Sunday 2026-11-22 23:30 UTC = Monday 00:30 in Warsaw: another week there.
  {
    id: 't3',
    queue: 'billing',
    channel: 'chat',
    createdAt: '2026-11-22T23:30:00Z',
    firstResponseAt: '2026-11-23T01:30:00Z',
  },
  // Week of Mon 2026-11-23
  {
    id: 't4',
    queue: 'billing',
    channel: 'email',
    createdAt: '2026-11-24T10:00:00Z',
    firstResponseAt: '2026-11-24T14:00:00Z',
    resolvedAt: '2026-11-25T10:00:00Z',
  },
];

describe('computeMetrics', () => {
  it('groups by field and week into tidy rows, sorted by bucket then group', () => {
    const { rows, skipped } = computeMetrics(tickets, {
      metrics: ['firstResponseTime', 'reopenRate'],
      groupBy: 'queue',
      bucket: 'week',
    });
    expect(skipped).toBe(0);
    expect(rows).toEqual([
      { queue: 'billing', bucket: '2026-11-16', metric: 'firstResponseTime', value: 1.5 * H, n: 2 },
      { queue: 'billing', bucket: '2026-11-16', metric: 'reopenRate', value: 0, n: 1 },
      { queue: 'tech', bucket: '2026-11-16', metric: 'firstResponseTime', value: 0.5 * H, n: 1 },
      { queue: 'tech', bucket: '2026-11-16', metric: 'reopenRate', value: 1, n: 1 },
      { queue: 'billing', bucket: '2026-11-23', metric: 'firstResponseTime', value: 4 * H, n: 1 },
      { queue: 'billing', bucket: '2026-11-23', metric: 'reopenRate', value: 0, n: 1 },
    ]);
  });

  it('cuts buckets in the given time zone; weeks may start on Sunday', () => {
    const warsaw = computeMetrics(tickets, {
      metrics: ['transferRate'],
      bucket: 'week',
      timeZone: 'Europe/Warsaw',
    });
    expect(warsaw.rows.map((r) => [r.bucket, r.n])).toEqual([
      ['2026-11-16', 2],
      ['2026-11-23', 2],
    ]);
    const sunday = computeMetrics(tickets, { metrics: ['transferRate'], bucket: 'week', weekStartsOn: 0 });
    expect(sunday.rows.map((r) => [r.bucket, r.n])).toEqual([
      ['2026-11-15', 2],
      ['2026-11-22', 2],
    ]);
    const days = computeMetrics(tickets, {
      metrics: ['transferRate'],
      bucket: 'day',
      timeZone: 'America/New_York',
    });
    expect(days.rows.map((r) => r.bucket)).toEqual(['2026-11-16', '2026-11-18', '2026-11-22', '2026-11-24']);
    const months = computeMetrics(tickets, { metrics: ['transferRate'], bucket: 'month' });
    expect(months.rows).toEqual([{ bucket: '2026-11', metric: 'transferRate', value: 0, n: 4 }]);
  });

  it('day buckets follow local dates across a DST change (Warsaw, 2026-10-25)', () => {
    const t = [
      { createdAt: '2026-10-24T21:59:00Z' }, // 23:59 CEST Saturday
      { createdAt: '2026-10-24T22:00:00Z' }, // 00:00 CEST Sunday
      { createdAt: '2026-10-25T22:59:00Z' }, // 23:59 CET Sunday
      { createdAt: '2026-10-25T23:00:00Z' }, // 00:00 CET Monday
    ];
    const { rows } = computeMetrics(t, {
      metrics: ['transferRate'],
      bucket: 'day',
      timeZone: 'Europe/Warsaw',
    });
    expect(rows.map((r) => [r.bucket, r.n])).toEqual([
      ['2026-10-24', 1],
      ['2026-10-25', 2],
      ['2026-10-26', 1],
    ]);
  });

  it('agrees with the single calculators; metric options, aliases and several group fields', () => {
    const { rows } = computeMetrics(tickets, {
      metrics: [{ metric: 'firstResponseTime', options: { statistic: 'p90' }, as: 'frt_p90' }, 'reopenRate'],
    });
    expect(rows[0]).toEqual({ metric: 'frt_p90', value: firstResponseTime(tickets).p90, n: 4 });
    expect(rows[1]).toMatchObject({ value: reopenRate(tickets).value });
    const byTwo = computeMetrics(tickets, { metrics: ['reopenRate'], groupBy: ['queue', 'channel'] });
    expect(byTwo.rows.map((r) => [r.queue, r.channel, r.n])).toEqual([
      ['billing', 'chat', 0],
      ['billing', 'email', 2],
      ['tech', 'chat', 1],
    ]);
    const byFunction = computeMetrics(tickets, {
      metrics: ['reopenRate'],
      groupBy: (r) => String(r.id).slice(0, 1),
    });
    expect(byFunction.rows).toEqual([{ group: 't', metric: 'reopenRate', value: 1 / 3, n: 3 }]);
  });

  it('hands the calendar to the time metrics (business hours)', () => {
    const wk: [string, string][] = [['09:00', '17:00']];
    const calendar = createBusinessCalendar({
      timeZone: 'UTC',
      hours: { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk },
    });
    const { rows } = computeMetrics([tickets[3]!], {
      metrics: ['firstResponseTime', 'resolutionTime'],
      calendar,
    });
    expect(rows.map((r) => r.value)).toEqual([4 * H, 8 * H]);
  });

  it('finds repeat contacts across buckets (FCR)', () => {
    const t = [
      {
        customerId: 'a',
        createdAt: Date.parse('2026-11-22T10:00:00Z'),
        resolvedAt: Date.parse('2026-11-22T11:00:00Z'),
      },
      {
        customerId: 'a',
        createdAt: Date.parse('2026-11-24T10:00:00Z'),
        resolvedAt: Date.parse('2026-11-24T11:00:00Z'),
      },
    ];
    const { rows } = computeMetrics(t, { metrics: ['fcr'], bucket: 'week' });
    expect(rows.map((r) => [r.bucket, r.value])).toEqual([
      ['2026-11-16', 0],
      ['2026-11-23', 1],
    ]);
    expect(fcr(t).value).toBe(0.5);
  });

  it('streams any iterable in one pass (a generator of 20 000 records)', () => {
    function* generate() {
      for (let i = 0; i < 20_000; i++)
        yield {
          createdAt: i * 60_000,
          queue: i % 2 ? 'a' : 'b',
          firstResponseAt: i * 60_000 + (i % 10) * 1000,
          reopens: i % 4 === 0 ? 1 : 0,
          resolvedAt: i * 60_000 + D,
        };
    }
    const { rows } = computeMetrics(generate(), {
      metrics: ['firstResponseTime', 'reopenRate'],
      groupBy: 'queue',
    });
    expect(rows).toEqual([
      { queue: 'a', metric: 'firstResponseTime', value: 5000, n: 10_000 },
      { queue: 'a', metric: 'reopenRate', value: 0, n: 10_000 },
      { queue: 'b', metric: 'firstResponseTime', value: 4000, n: 10_000 },
      { queue: 'b', metric: 'reopenRate', value: 0.5, n: 10_000 },
    ]);
  });

  it('survey and contact records bucket by respondedAt / offeredAt', () => {
    const responses = [
      { rating: 5, respondedAt: '2026-11-23T10:00:00Z' },
      { rating: 2, respondedAt: '2026-11-23T11:00:00Z' },
      { rating: 4, respondedAt: '2026-12-01T10:00:00Z' },
    ];
    const { rows } = computeMetrics(responses, { metrics: ['csat', 'nps'], bucket: 'month' });
    expect(rows.map((r) => [r.bucket, r.metric, r.value])).toEqual([
      ['2026-11', 'csat', 0.5],
      ['2026-11', 'nps', -100], // 5 and 2 are both NPS detractors
      ['2026-12', 'csat', 1],
      ['2026-12', 'nps', -100],
    ]);
  });

  it('bad records: throws with row and field, or skips and counts them', () => {
    const bad = [
      ...tickets,
      { queue: 'x' },
      { createdAt: '2026-11-20T10:00:00Z', resolvedAt: '2026-11-19T10:00:00Z' },
    ];
    try {
      computeMetrics(bad, { metrics: ['reopenRate'], bucket: 'week' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      expect((error as TandemError).issues.map((i) => i.path)).toEqual(['[4].createdAt', '[5].resolvedAt']);
    }
    const skipped = computeMetrics(bad, { metrics: ['reopenRate'], onInvalid: 'skip' });
    expect(skipped.skipped).toBe(2);
    expect(skipped.invalid.map((i) => [i.row, i.field])).toEqual([
      [4, 'createdAt'],
      [5, 'resolvedAt'],
    ]);
    expect(skipped.rows[0]).toMatchObject({ n: 3 });
    // A survey without respondedAt cannot be bucketed.
    expect(() => computeMetrics([5, 4], { metrics: ['csat'], bucket: 'day' })).toThrow(/respondedAt/);
  });

  it('bad options: unknown metric, mixed kinds, bad metric options, unknown zone', () => {
    expect(() => computeMetrics([], { metrics: ['speed' as never] })).toThrow(/metrics\[0\]/);
    expect(() => computeMetrics([], { metrics: ['csat', 'aht'] })).toThrow(/separate calls/);
    expect(() =>
      computeMetrics([], { metrics: [{ metric: 'csat', options: { satisfied: 'yes' } }] }),
    ).toThrow(/metrics\[0\]\.options\.satisfied/);
    expect(() => computeMetrics([], { metrics: ['csat'], timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });

  it('groups by own fields only: inherited members read as absent, a field named __proto__ is kept', () => {
    const at = { createdAt: '2026-11-23T09:00:00Z', resolvedAt: '2026-11-23T10:00:00Z' };
    const byToString = computeMetrics([at, { ...at, toString: 'x' }], {
      metrics: ['resolutionTime'],
      groupBy: 'toString',
    }).rows.map((r) => (r as Record<string, unknown>).toString);
    expect(byToString.sort()).toEqual([null, 'x'].sort());
    const withProto = JSON.parse(
      `{"createdAt": "${at.createdAt}", "resolvedAt": "${at.resolvedAt}", "__proto__": "eu"}`,
    );
    const rows = computeMetrics([withProto], { metrics: ['resolutionTime'], groupBy: '__proto__' }).rows;
    expect(Object.keys(rows[0]!)).toEqual(['__proto__', 'metric', 'value', 'n']);
    expect(JSON.stringify(rows[0])).toContain('"__proto__":"eu"');
    expect(Object.getPrototypeOf(rows[0])).toBe(Object.prototype);
  });

  it('empty input gives no rows', () => {
    expect(computeMetrics([], { metrics: ['csat'] })).toEqual({ rows: [], skipped: 0, invalid: [] });
  });

  it('lists every metric with a source', () => {
    expect(METRIC_DEFINITIONS.length).toBe(20);
    for (const m of METRIC_DEFINITIONS) expect(m.source.length).toBeGreaterThan(20);
  });
});
