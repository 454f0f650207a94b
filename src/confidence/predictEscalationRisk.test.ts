import { describe, expect, it } from 'vitest';
import type { ConversationInput } from '../model/schemas';
import { calibrate } from './calibrate';
import { escalationFeatures, predictEscalationRisk } from './predictEscalationRisk';

const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
const conversation = (texts: string[], language?: string): ConversationInput => ({
  id: 'c1',
  customerId: 'u1',
  channel: 'chat',
  ...(language ? { language } : {}),
  messages: texts.flatMap((text, i) => [
    { id: `c${i}`, author: 'customer' as const, text, at: at(2 * i) },
    { id: `b${i}`, author: 'bot' as const, text: `Answer ${i}`, at: at(2 * i + 1) },
  ]),
});

describe('predictEscalationRisk', () => {
  it('calm conversations are low risk, frustrated ones with threats high', () => {
    const calm = predictEscalationRisk(conversation(['Hi, where can I see my invoice?', 'Great, thanks!']));
    expect(calm.level).toBe('low');
    expect(calm.probability).toBeLessThan(0.2);
    const angry = predictEscalationRisk(
      conversation([
        'Where is my refund?',
        'Where is my refund???',
        'I ALREADY TOLD YOU, this is useless',
        'I will take you to court',
      ]),
    );
    expect(angry.level).toBe('high');
    expect(angry.features.threat).toBe(1);
    expect(angry.contributions[0]!.feature).toBe('frustration');
  });

  it('works in Polish and Chinese, using the conversation language', () => {
    expect(
      predictEscalationRisk(conversation(['To jest bez sensu, idę do prawnika'], 'pl')).features.threat,
    ).toBe(1);
    expect(predictEscalationRisk(conversation(['我要找律师起诉你们，太差了'], 'zh')).level).not.toBe('low');
  });

  it('default model: σ(−2.5) for a conversation without any signal', () => {
    const r = predictEscalationRisk({ id: 'c', customerId: 'u', channel: 'chat', messages: [] });
    expect(r.probability).toBeCloseTo(1 / (1 + Math.exp(2.5)), 4);
  });

  it('a model coefficient for a feature it does not have (e.g. constructor) reads the feature as 0', () => {
    const calm = conversation(['Hi, where can I see my invoice?']);
    const model = { intercept: -1, coefficients: { frustration: 2, constructor: 3, toString: 1 } };
    const r = predictEscalationRisk(calm, { model });
    const base = predictEscalationRisk(calm, { model: { intercept: -1, coefficients: { frustration: 2 } } });
    expect(r.probability).toBe(base.probability);
    expect(r.contributions.find((c) => c.feature === 'constructor')).toEqual({
      feature: 'constructor',
      value: 0,
      coefficient: 3,
      effect: 0,
    });
  });

  it('trains with calibrate on escalationFeatures', () => {
    const calmTexts = [['Thanks!'], ['Where is my invoice?', 'ok thanks'], ['How do I change my address?']];
    const angryTexts = [
      ['This is useless'],
      ['I already told you', 'I will sue you'],
      ['WHERE IS MY MONEY, damn it'],
    ];
    const samples = [
      ...calmTexts.map((t) => ({ features: escalationFeatures(conversation(t)), outcome: false })),
      ...angryTexts.map((t) => ({ features: escalationFeatures(conversation(t)), outcome: true })),
    ];
    const model = calibrate(samples);
    const r = predictEscalationRisk(conversation(['this is useless, I already told you']), { model });
    expect(r.probability).toBeGreaterThan(0.5);
    expect(predictEscalationRisk(conversation(['Thanks, all good']), { model }).probability).toBeLessThan(
      0.5,
    );
  });

  it('invalid conversation or model → INVALID_INPUT with paths', () => {
    expect(() =>
      predictEscalationRisk({ id: '', customerId: 'u', channel: 'fax', messages: [] } as never),
    ).toThrow(/conversation.id[\s\S]*conversation.channel/);
    expect(() =>
      predictEscalationRisk(conversation(['hi']), { model: { intercept: Number.NaN, coefficients: {} } }),
    ).toThrow(/options.model.intercept/);
  });
});
