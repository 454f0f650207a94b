import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALWAYS_OPEN, createBusinessCalendar } from '../calendar/index';
import { TandemError } from '../model/errors';
import { firstResponseTime, nextResponseTime, resolutionTime } from './responseTimes';

const H = 3_600_000;
const M = 60_000;
const wk: [string, string][] = [['09:00', '17:00']];
// Mon–Fri 09:00–17:00 in Warsaw, as in DESIGN.md's calendar example.
const warsaw = createBusinessCalendar({
  timeZone: 'Europe/Warsaw',
  hours: { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk },
  holidays: ['2026-12-25'],
});

describe('firstResponseTime', () => {
  // Zendesk "First reply time": created → first public agent comment, calendar or business hours.
  it.each([
    // Friday 16:30 Warsaw → Monday 09:30 Warsaw: 65 h of calendar time, 1 business hour (weekend).
    ['across a weekend', '2026-11-27T15:30:00Z', '2026-11-30T08:30:00Z', 65 * H, 1 * H],
    // DST ends in Warsaw on Sunday 2026-10-25: Fri 16:00 CEST → Mon 10:00 CET = 67 h elapsed, 2 business hours.
    ['across the autumn DST change', '2026-10-23T14:00:00Z', '2026-10-26T09:00:00Z', 67 * H, 2 * H],
    // Christmas Day (a Friday) is a holiday: Thu 16:00 → Mon 10:00 = 1 h + 1 h.
    ['across a holiday', '2026-12-24T15:00:00Z', '2026-12-28T09:00:00Z', 90 * H, 2 * H],
  ])('%s', (_name, createdAt, firstResponseAt, calendarMs, businessMs) => {
    expect(firstResponseTime([{ createdAt, firstResponseAt }]).value).toBe(calendarMs);
    expect(firstResponseTime([{ createdAt, firstResponseAt }], { calendar: warsaw }).value).toBe(businessMs);
  });

  it('counts the bot unless humanOnly; internal notes are not replies', () => {
    const t = {
      createdAt: '2026-11-23T09:00:00Z',
      messages: [
        { author: 'customer' as const, at: '2026-11-23T09:00:00Z' },
        { author: 'bot' as const, at: '2026-11-23T09:00:05Z' },
        { author: 'agent' as const, at: '2026-11-23T09:05:00Z', public: false },
        { author: 'agent' as const, at: '2026-11-23T09:20:00Z' },
      ],
    };
    expect(firstResponseTime([t]).value).toBe(5000);
    expect(firstResponseTime([t], { humanOnly: true }).value).toBe(20 * M);
  });

  it('leaves out pauses (waiting on the customer) unless excludePauses: false', () => {
    const t = {
      createdAt: '2026-11-23T09:00:00Z',
      firstResponseAt: '2026-11-23T13:00:00Z',
      pauses: [
        { start: '2026-11-23T10:00:00Z', end: '2026-11-23T11:00:00Z' },
        { start: '2026-11-23T10:30:00Z', end: '2026-11-23T11:30:00Z' },
      ],
    };
    expect(firstResponseTime([t]).value).toBe(2.5 * H);
    expect(firstResponseTime([t], { excludePauses: false }).value).toBe(4 * H);
    // Monday 10:00–14:00 Warsaw open, pauses 11:00–12:30 Warsaw.
    expect(firstResponseTime([t], { calendar: warsaw }).value).toBe(2.5 * H);
  });

  it('reports mean, p50, p90 (type 7), sd and missing', () => {
    const base = Date.parse('2026-11-23T09:00:00Z');
    const waits = [10, 20, 30, 40, 100];
    const tickets = [
      ...waits.map((w) => ({ createdAt: base, firstResponseAt: base + w * M })),
      { createdAt: base },
    ];
    const r = firstResponseTime(tickets);
    expect(r).toMatchObject({
      value: 40 * M,
      mean: 40 * M,
      p50: 30 * M,
      n: 5,
      missing: 1,
      min: 10 * M,
      max: 100 * M,
    });
    expect(r.p90).toBeCloseTo(76 * M, 6); // numpy.percentile([10,20,30,40,100], 90) = 76
    expect(r.sd).toBeCloseTo(Math.sqrt(1250) * M, 6);
    expect(firstResponseTime(tickets, { statistic: 'p90' }).value).toBeCloseTo(76 * M, 6);
  });

  it('empty and all-unanswered input → null', () => {
    expect(firstResponseTime([])).toMatchObject({ value: null, n: 0, mean: null, p50: null });
    expect(firstResponseTime([{ createdAt: 0 }, { createdAt: 5 }])).toMatchObject({
      value: null,
      missing: 2,
    });
  });

  it('bad records: missing createdAt, reply before creation, invalid date — row and field', () => {
    const bad = [
      { firstResponseAt: '2026-11-23T09:00:00Z' },
      { createdAt: '2026-11-23T09:00:00Z', firstResponseAt: '2026-11-23T08:00:00Z' },
      { createdAt: 'yesterday' },
    ];
    try {
      firstResponseTime(bad as never);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      const issues = (error as TandemError).issues;
      expect(issues.map((i) => i.path)).toEqual(['[0].createdAt', '[1].firstResponseAt', '[2].createdAt']);
      expect(issues[1]!.message).toBe('firstResponseAt is before createdAt');
    }
    expect(firstResponseTime(bad as never, { onInvalid: 'skip' })).toMatchObject({ value: null, skipped: 3 });
  });

  it('property: business time ≤ calendar time, ALWAYS_OPEN = calendar time', () => {
    const start = Date.parse('2026-01-01T00:00:00Z');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 300 * 86_400_000 }),
        fc.integer({ min: 0, max: 20 * 86_400_000 }),
        (offset, length) => {
          const t = [{ createdAt: start + offset, firstResponseAt: start + offset + length }];
          const business = firstResponseTime(t, { calendar: warsaw }).value!;
          const always = firstResponseTime(t, { calendar: ALWAYS_OPEN }).value!;
          const plain = firstResponseTime(t).value!;
          return business >= 0 && business <= plain && always === plain;
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('nextResponseTime', () => {
  // Zendesk SLA "Next reply time": oldest unanswered customer comment → next public agent comment.
  const at = (minutes: number) => Date.parse('2026-11-23T09:00:00Z') + minutes * M;
  const t = {
    createdAt: at(0),
    messages: [
      { author: 'customer' as const, at: at(0) },
      { author: 'agent' as const, at: at(10) }, // first reply: not a "next" reply
      { author: 'customer' as const, at: at(20) },
      { author: 'customer' as const, at: at(25) }, // oldest unanswered stays 20
      { author: 'bot' as const, at: at(26) },
      { author: 'agent' as const, at: at(50) },
      { author: 'customer' as const, at: at(60) },
      { author: 'agent' as const, at: at(64) },
      { author: 'customer' as const, at: at(90) }, // still waiting
    ],
  };

  it.each([
    ['bot replies count by default', {}, { n: 2, mean: ((6 + 4) / 2) * M, missing: 1 }],
    ['humanOnly: the wait runs to the agent', { humanOnly: true }, { n: 2, mean: ((30 + 4) / 2) * M }],
  ])('%s', (_name, options, expected) => {
    expect(nextResponseTime([t], options)).toMatchObject(expected);
  });

  it('a ticket without messages is missing', () => {
    expect(nextResponseTime([{ createdAt: 0 }])).toMatchObject({ value: null, missing: 1 });
  });
});

describe('resolutionTime', () => {
  // Zendesk: first resolution (created → first solved) and full resolution (→ last solved, across reopens).
  const t = {
    createdAt: '2026-11-27T15:00:00Z', // Friday 16:00 Warsaw
    events: [
      { type: 'ticket.solved', at: '2026-11-27T15:30:00Z' },
      { type: 'reopened', at: '2026-11-28T10:00:00Z' },
      { type: 'solved', at: '2026-11-30T09:00:00Z' }, // Monday 10:00 Warsaw
    ],
  };
  it.each([
    ['full, calendar', { which: 'full' as const }, 66 * H],
    ['first, calendar', { which: 'first' as const }, 30 * M],
    ['full, business', { which: 'full' as const, calendar: warsaw }, 2 * H],
    ['first, business', { which: 'first' as const, calendar: warsaw }, 30 * M],
  ])('%s', (_name, options, expected) => {
    expect(resolutionTime([t], options).value).toBe(expected);
  });

  it('reopened and not re-solved is unresolved for full, resolved for first', () => {
    const open = {
      createdAt: 0,
      events: [
        { type: 'resolved', at: 10 },
        { type: 'reopened', at: 20 },
      ],
    };
    expect(resolutionTime([open])).toMatchObject({ value: null, missing: 1 });
    expect(resolutionTime([open], { which: 'first' }).value).toBe(10);
  });

  it('a resolution before creation is invalid', () => {
    expect(() => resolutionTime([{ createdAt: 100, resolvedAt: 50 }])).toThrow(
      /resolvedAt is before createdAt/,
    );
  });
});
