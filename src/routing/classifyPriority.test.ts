import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { classifyPriority } from './classifyPriority';
import type { PriorityRulesInput } from './schemas';

describe('classifyPriority (default rules)', () => {
  it.each([
    [{ text: 'My card was stolen yesterday', channel: 'chat' }, 1, ['security']],
    [{ text: 'Moja karta została skradziona', channel: 'chat' }, 1, ['security']],
    [{ text: '我的卡被盗刷了', channel: 'chat' }, 1, ['security']],
    [{ text: 'Your app has an outage again', channel: 'email' }, 1, ['outage', 'email']],
    [{ text: 'Where is my invoice?', channel: 'chat' }, 3, []],
    [{ text: 'Where is my invoice?', channel: 'email' }, 4, ['email']],
    [{ text: 'Where is my invoice?', channel: 'chat', customer: { vip: true } }, 2, ['vip']],
    [
      { text: 'Where is my invoice?', channel: 'chat', customer: { segment: 'enterprise' }, sentiment: -0.8 },
      1,
      ['vip', 'negative'],
    ],
    [{ text: 'I will contact my lawyer', channel: 'email' }, 3, ['legal', 'email']],
  ])('%j → %i', (item, priority, ruleIds) => {
    const r = classifyPriority(item);
    expect(r.priority).toBe(priority);
    expect(r.reasons.map((x) => x.ruleId)).toEqual(ruleIds);
  });
  it('a floor always holds even when steps move the other way', () => {
    const r = classifyPriority({ text: 'fraud on my account', channel: 'email' });
    expect(r.priority).toBe(1);
    expect(r.reasons[0]).toMatchObject({
      ruleId: 'security',
      effect: 'floor',
      value: 1,
      matched: ['fraud*'],
    });
  });
});

describe('classifyPriority (custom rules)', () => {
  const rules: PriorityRulesInput = {
    base: 4,
    rules: [
      { id: 'phone', when: { field: 'channel', op: 'eq', value: 'phone' }, adjust: -1 },
      { id: 'subject', keywords: ['urgent'], field: 'subject', adjust: -2 },
    ],
  };
  it('applies adjustments from the base and clamps to 1..5', () => {
    expect(classifyPriority({ channel: 'phone', subject: 'URGENT: help' }, rules).priority).toBe(1);
    expect(classifyPriority({ channel: 'chat' }, rules)).toEqual({ priority: 4, base: 4, reasons: [] });
  });
  it('bad rules name the path', () => {
    try {
      classifyPriority({}, {
        rules: [{ id: 'x', when: { field: 'a', op: 'bogus', value: 1 }, adjust: 1 }],
      } as unknown as PriorityRulesInput);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).path).toBe('rules[0].when.op');
    }
    expect(() => classifyPriority({}, { rules: [{ id: 'x', keywords: ['a'] }] })).toThrowError(
      /needs `priority` or `adjust`/,
    );
  });
});
