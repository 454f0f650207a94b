import { describe, expect, it } from 'vitest';
import { adoption } from './adoption';
import { costPerContact } from './costPerContact';
import { percentile } from './percentile';

const D = 86_400_000;

describe('adoption', () => {
  // Active users in trailing 1/7/30-day windows (DAU/WAU/MAU); error rate = errored bot turns / bot turns.
  const asOf = Date.parse('2026-11-30T00:00:00Z');
  const t = [
    { customerId: 'a', createdAt: asOf - 0.5 * D, botOnly: true, completed: true, botTurns: 3 },
    {
      customerId: 'b',
      createdAt: asOf - 3 * D,
      messages: [
        { author: 'bot' as const, at: asOf - 3 * D },
        { author: 'bot' as const, at: asOf - 3 * D + 1, error: true },
      ],
    },
    {
      customerId: 'c',
      createdAt: asOf - 20 * D,
      botOnly: true,
      events: [{ type: 'bot.error', at: asOf - 20 * D }],
      botTurns: 5,
    },
    { customerId: 'd', createdAt: asOf - 40 * D, botOnly: true, resolvedAt: asOf - 40 * D + 1 },
    { customerId: 'e', createdAt: asOf - D, humanInvolved: true }, // no bot: not counted
    { createdAt: asOf - D, botOnly: true, completed: true },
  ];
  it('counts users per window, started-not-completed and errors', () => {
    expect(adoption(t, { asOf })).toEqual({
      value: 4,
      n: 5,
      daily: 1,
      weekly: 2,
      monthly: 3,
      stickiness: 1 / 3,
      startedNotCompleted: 2,
      startedNotCompletedRate: 0.4,
      botTurns: 10,
      botErrors: 2,
      errorRate: 0.2,
      withoutCustomer: 1,
      skipped: 0,
    });
  });
  it('without asOf the windows are null; empty → null', () => {
    expect(adoption(t)).toMatchObject({ daily: null, monthly: null, stickiness: null });
    expect(adoption([])).toMatchObject({ value: null, n: 0, errorRate: null });
  });
});

describe('costPerContact', () => {
  // MetricNet: cost per ticket = total cost / tickets. 8 bot contacts at $1, 2 human at $6 + 0.5 h × $30 → (8 + 42) / 10.
  it('splits bot and human cost', () => {
    const t = [
      ...Array.from({ length: 8 }, () => ({ createdAt: 0, botOnly: true })),
      { createdAt: 0, humanInvolved: true, handleTime: 1_800_000 },
      { createdAt: 0, humanInvolved: true, handleTime: 1_800_000 },
    ];
    expect(costPerContact(t, { botCost: 1, humanCost: 6, humanCostPerHour: 30 })).toMatchObject({
      value: 5,
      botContacts: 8,
      humanContacts: 2,
      botCost: 8,
      humanCost: 42,
      totalCost: 50,
    });
    expect(costPerContact(t, { humanCost: 6, fixedCost: 100 }).value).toBe(11.2);
  });
  it('human contacts without handle time are missing when costed per hour; options are validated', () => {
    expect(costPerContact([{ createdAt: 0, humanInvolved: true }], { humanCostPerHour: 30 })).toMatchObject({
      value: null,
      missing: 1,
    });
    expect(() => costPerContact([], { botCost: 1 })).toThrow(/humanCost/);
  });
});

describe('percentile', () => {
  // NumPy / R type 7: percentile([1,2,3,4], 90) = 3.7; percentile([15,20,35,40,50], 40) = 29.
  it.each([
    [[1, 2, 3, 4], 0.9, 3.7],
    [[15, 20, 35, 40, 50], 0.4, 29],
    [[4, 1, 3, 2], 0.5, 2.5],
    [[7], 0.9, 7],
  ])('%j q=%d → %d', (values, q, expected) => {
    expect(percentile(values, q)).toBeCloseTo(expected, 12);
  });
  it('empty → null; bad q throws', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(() => percentile([1], 2)).toThrow(/q must be/);
  });
});
