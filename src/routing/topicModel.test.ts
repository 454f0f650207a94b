import { describe, expect, it } from 'vitest';
import { trainTextClassifier } from '../learning/index';
import { TandemError } from '../model/errors';
import { classifyTopic } from './classifyTopic';

// Tagged tickets, as a help desk exports them.
const TICKETS: Array<[string, string]> = [
  ['I was charged twice for my order', 'billing'],
  ['where is my invoice for March', 'billing'],
  ['please refund the duplicate payment', 'billing'],
  ['the card payment failed but money was taken', 'billing'],
  ['my parcel has not arrived', 'delivery'],
  ['tracking number does not work', 'delivery'],
  ['the courier left the package at the wrong door', 'delivery'],
  ['when will my order be delivered', 'delivery'],
  ['the app crashes when I open settings', 'technical'],
  ['cannot log in after the update', 'technical'],
  ['error 500 on the checkout page', 'technical'],
  ['the website is very slow today', 'technical'],
];
const model = trainTextClassifier(TICKETS.map(([text, label]) => ({ text, label })));

describe('classifyTopic with a fitted model', () => {
  it('picks the most probable topic and ranks every topic by probability', () => {
    const r = classifyTopic('I was charged twice for the payment', { model });
    expect(r.kind).toBe('matched');
    if (r.kind !== 'matched') return;
    expect(r.topic).toBe('billing');
    expect(r.score).toBe(model.predict('I was charged twice for the payment').confidence);
    expect(r.ranking.map((t) => t.topic).sort()).toEqual(['billing', 'delivery', 'technical']);
    expect(r.ranking[0]!.topic).toBe('billing');
    expect(r.ranking.reduce((s, t) => s + t.score, 0)).toBeCloseTo(1, 12);
    expect(classifyTopic('the courier never came with my parcel', { model })).toMatchObject({
      topic: 'delivery',
    });
    expect(classifyTopic('app shows an error and crashes', { model })).toMatchObject({ topic: 'technical' });
  });

  it('returns none below minConfidence, so a router can fall back', () => {
    const r = classifyTopic('hello', { model, minConfidence: 0.99 });
    expect(r).toMatchObject({ kind: 'none', reason: 'below_min_score' });
    expect(r.ranking).toHaveLength(3);
  });

  it('keeps the keyword path', () => {
    expect(classifyTopic('refund please', [{ id: 'billing', terms: ['refund*'] }])).toMatchObject({
      kind: 'matched',
      topic: 'billing',
    });
  });

  it('refuses options without a model, naming the path', () => {
    const error = (() => {
      try {
        classifyTopic('x', { model: {} as never });
      } catch (e) {
        return e as TandemError;
      }
    })();
    expect(error).toBeInstanceOf(TandemError);
    expect(error!.code).toBe('INVALID_CONFIG');
    expect(error!.path).toBe('options.model');
    expect(() => classifyTopic('x', { model, minConfidence: 2 })).toThrow(/options\.minConfidence/);
  });
});
