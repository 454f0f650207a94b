import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { scoreConfidence } from './scoreConfidence';

describe('scoreConfidence', () => {
  it('weighted mean of the bot-side signals (0.5 top-1, 0.3 margin/0.3, 0.2 coverage)', () => {
    const r = scoreConfidence({ top1: 0.9, top2: 0.2, coverage: 0.8 });
    // 0.5·0.9 + 0.3·min(1, 0.7/0.3) + 0.2·0.8 = 0.91
    expect(r.score).toBe(0.91);
    expect(r.level).toBe('high');
    expect(r.contributions.map((c) => [c.signal, c.value, c.weight, c.effect])).toEqual([
      ['top1', 0.9, 0.5, 0.45],
      ['margin', 0.7, 0.3, 0.3],
      ['coverage', 0.8, 0.2, 0.16],
    ]);
  });

  // Rasa FallbackClassifier defaults: threshold 0.3, ambiguity_threshold 0.1
  // (rasa.com/docs, "Fallback and Human Handoff" / NLU components, FallbackClassifier).
  it.each([
    [{ top1: 0.29 }, ['nlu_fallback']],
    [{ top1: 0.3 }, []],
    [{ top1: 0.55, top2: 0.46 }, ['ambiguous']],
    [{ top1: 0.55, top2: 0.45 }, []],
    [{ top1: 0.2, top2: 0.15 }, ['nlu_fallback', 'ambiguous']],
  ])('Rasa fallback rules %j → %j', (signals, codes) => {
    const r = scoreConfidence(signals);
    expect(r.reasons.map((x) => x.code)).toEqual(codes);
    if (codes.length) expect(r.level).toBe('low');
  });

  it('thresholds are configurable', () => {
    expect(scoreConfidence({ top1: 0.45 }, { nluFallbackThreshold: 0.5 }).reasons[0]?.code).toBe(
      'nlu_fallback',
    );
    expect(scoreConfidence({ top1: 0.65 }, { high: 0.6 }).level).toBe('high');
  });

  it('customer-side signals only lower the score', () => {
    const base = scoreConfidence({ top1: 0.9, top2: 0.2, coverage: 0.8 });
    const frustrated = scoreConfidence({ top1: 0.9, top2: 0.2, coverage: 0.8, frustration: 1 });
    expect(frustrated.score).toBe(0.364); // 0.91 × (1 − 0.6)
    expect(frustrated.contributions.at(-1)).toEqual({
      signal: 'frustration',
      value: 1,
      weight: 0.6,
      effect: -0.546,
    });
    expect(scoreConfidence({ top1: 0.9, sentiment: 0.8 }).score).toBe(scoreConfidence({ top1: 0.9 }).score);
    expect(scoreConfidence({ top1: 0.9, sentiment: -1 }).score).toBeCloseTo(0.9 * 0.7, 4); // × (1 − 0.3)
    expect(base.level).toBe('high');
  });

  it('without bot-side signals the prior (0.5) is the base', () => {
    expect(scoreConfidence({})).toMatchObject({ score: 0.5, level: 'medium' });
    expect(scoreConfidence({ frustration: 0.5 }).score).toBe(0.35);
  });

  it('out-of-range signals and weights are errors naming the path', () => {
    try {
      scoreConfidence({ top1: 1.5, frustration: -1 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).code).toBe('INVALID_INPUT');
      expect((e as TandemError).issues.map((i) => i.path)).toEqual(['signals.top1', 'signals.frustration']);
    }
    expect(() => scoreConfidence({}, { frustration: 2 })).toThrow(/weights.frustration/);
  });

  const unit = fc.double({ min: 0, max: 1, noNaN: true });
  const signals = fc.record(
    {
      top1: unit,
      top2: unit,
      coverage: unit,
      sentiment: fc.double({ min: -1, max: 1, noNaN: true }),
      frustration: unit,
    },
    { requiredKeys: [] },
  );
  const LEVEL = { low: 0, medium: 1, high: 2 } as const;

  it('property: score is always in [0, 1]', () => {
    fc.assert(
      fc.property(signals, (s) => {
        const r = scoreConfidence(s);
        return r.score >= 0 && r.score <= 1;
      }),
    );
  });

  it('property: more frustration never raises confidence (score or level)', () => {
    fc.assert(
      fc.property(signals, unit, unit, (s, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const calm = scoreConfidence({ ...s, frustration: lo });
        const upset = scoreConfidence({ ...s, frustration: hi });
        return upset.score <= calm.score && LEVEL[upset.level] <= LEVEL[calm.level];
      }),
    );
  });
});

describe('scoreConfidence — explain', () => {
  it('traces every level rule with its value and threshold', () => {
    const r = scoreConfidence({ top1: 0.25, top2: 0.2 }, undefined, { explain: true });
    expect(r.trace).toEqual([
      { rule: 'nlu_fallback', value: 0.25, threshold: 0.3, fired: true },
      { rule: 'ambiguous', value: 0.05, threshold: 0.1, fired: true },
      { rule: 'high', value: r.score, threshold: 0.7, fired: false },
      { rule: 'low', value: r.score, threshold: 0.4, fired: false },
    ]);
    expect(scoreConfidence({ top1: 0.9 }).trace).toBeUndefined();
  });
});
