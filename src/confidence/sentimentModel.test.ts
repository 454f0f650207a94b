import { describe, expect, it } from 'vitest';
import { trainTextClassifier } from '../learning/index';
import { TandemError } from '../model/errors';
import { analyzeSentiment } from './analyzeSentiment';

// CSAT-rated messages: 1–2 negative, 3 neutral, 4–5 positive (the docs/learning.md recipe).
const RATED: Array<[string, number]> = [
  ['thanks, the agent solved it in minutes', 5],
  ['great help, very quick', 5],
  ['helpful and friendly support', 4],
  ['solved, thank you', 4],
  ['it was ok I guess', 3],
  ['the answer was fine', 3],
  ['nobody answered for three days', 1],
  ['terrible, still broken after a week', 1],
  ['slow and unhelpful', 2],
  ['the bot kept looping, useless', 2],
];
const model = trainTextClassifier(
  RATED.map(([text, rating]) => ({
    text,
    label: rating <= 2 ? 'negative' : rating === 3 ? 'neutral' : 'positive',
  })),
);

describe('analyzeSentiment with a fitted model', () => {
  it('scores with the model: compound = p(positive) − p(negative), label = the most probable', () => {
    const r = analyzeSentiment('still broken and nobody answered', { model });
    const p = model.predict('still broken and nobody answered');
    expect(r.fitted).toBe(true);
    expect(r.label).toBe('negative');
    expect(r.label).toBe(p.label);
    expect(r.compound).toBeCloseTo(p.scores.positive! - p.scores.negative!, 4);
    expect(r.compound).toBeLessThan(0);
    expect(analyzeSentiment('quick and helpful, thanks', { model }).compound).toBeGreaterThan(0);
    expect(r.positive + r.negative + r.neutral).toBeCloseTo(1, 3);
  });

  it('leaves the lexicon path unchanged without a model', () => {
    expect(analyzeSentiment('The service was great!').compound).toBe(0.6588);
    expect(analyzeSentiment('The service was great!').fitted).toBeUndefined();
  });

  it('refuses a model whose labels are not sentiment labels, and what is not a model', () => {
    const topics = trainTextClassifier([
      { text: 'card', label: 'cards' },
      { text: 'refund', label: 'refunds' },
    ]);
    const error = (() => {
      try {
        analyzeSentiment('x', { model: topics });
      } catch (e) {
        return e as TandemError;
      }
    })();
    expect(error).toBeInstanceOf(TandemError);
    expect(error!.path).toBe('options.model');
    expect(error!.message).toMatch(/positive and negative/);
    expect(() => analyzeSentiment('x', { model: {} as never })).toThrow(/options\.model/);
  });
});
