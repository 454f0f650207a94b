import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../calendar/index';
import { slaAttainment } from './slaAttainment';

const H = 3_600_000;
const M = 60_000;

describe('slaAttainment', () => {
  // Zendesk SLA policies: targets per priority; achievement = achieved / (achieved + breached).
  const policy = {
    targets: [
      { priority: [1, 2], firstReply: '1h', resolution: '8h' },
      { priority: 3, firstReply: '4h', nextReply: '2h', hours: 'calendar' as const },
    ],
  };
  const t0 = Date.parse('2026-11-23T09:00:00Z'); // Monday
  const tickets = [
    { priority: 1, createdAt: t0, firstResponseAt: t0 + 30 * M, resolvedAt: t0 + 6 * H }, // both achieved
    { priority: 2, createdAt: t0, firstResponseAt: t0 + 2 * H, resolvedAt: t0 + 9 * H }, // both breached
    {
      priority: 3,
      createdAt: t0,
      messages: [
        { author: 'customer' as const, at: t0 },
        { author: 'agent' as const, at: t0 + H }, // first reply achieved (≤ 4 h)
        { author: 'customer' as const, at: t0 + 2 * H },
        { author: 'agent' as const, at: t0 + 5 * H }, // next reply breached (3 h > 2 h)
        { author: 'customer' as const, at: t0 + 6 * H }, // next reply still open
      ],
    },
    { priority: 5, createdAt: t0 }, // no target row → uncovered
  ];

  it('counts achieved, breached and pending per metric', () => {
    const r = slaAttainment(tickets, { policy });
    expect(r).toMatchObject({ achieved: 3, breached: 3, pending: 1, uncovered: 1, n: 6, value: 0.5 });
    expect(r.byMetric.firstReply).toEqual({ value: 2 / 3, achieved: 2, breached: 1, pending: 0 });
    expect(r.byMetric.nextReply).toEqual({ value: 0, achieved: 0, breached: 1, pending: 1 });
    expect(r.byMetric.resolution).toEqual({ value: 0.5, achieved: 1, breached: 1, pending: 0 });
  });

  it('an open target past its goal at `now` is breached', () => {
    expect(slaAttainment(tickets, { policy, now: t0 + 9 * H }).byMetric.nextReply).toMatchObject({
      breached: 2,
      pending: 0,
    });
    expect(slaAttainment(tickets, { policy, now: t0 + 7 * H }).byMetric.nextReply).toMatchObject({
      breached: 1,
      pending: 1,
    });
  });

  it('business-hours targets use the calendar: Friday 16:30 → Monday 09:15 is 45 business minutes', () => {
    const wk: [string, string][] = [['09:00', '17:00']];
    const calendar = createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: { mon: wk, tue: wk, wed: wk, thu: wk, fri: wk },
    });
    const t = [{ priority: 1, createdAt: '2026-11-27T15:30:00Z', firstResponseAt: '2026-11-30T08:15:00Z' }];
    const p = { targets: [{ priority: 1, firstReply: '1h' }] };
    expect(slaAttainment(t, { policy: p }).value).toBe(0);
    expect(slaAttainment(t, { policy: p, calendar }).value).toBe(1);
  });

  it('empty → null; a target row without goals is a config error', () => {
    expect(slaAttainment([], { policy })).toMatchObject({ value: null, n: 0 });
    expect(() => slaAttainment([], { policy: { targets: [{ priority: 1 }] } })).toThrow(
      /policy\.targets\[0\]/,
    );
  });
});
