import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { ces, csat, nps } from './surveyMetrics';

const repeat = (value: number, times: number) => Array.from({ length: times }, () => value);

describe('csat', () => {
  // Source: Delighted help, "How is CSAT calculated?": 42×5, 32×4, 10×3, 9×2, 14×1 → 74/107 = 69.16 → 69.
  const delighted = [...repeat(5, 42), ...repeat(4, 32), ...repeat(3, 10), ...repeat(2, 9), ...repeat(1, 14)];
  it.each([
    ['Delighted worked example', delighted, {}, { satisfied: 74, n: 107, percent: 69, value: 74 / 107 }],
    [
      'DESIGN.md pinned shape',
      [5, 4, 2, { rating: 5 }],
      { satisfied: [4, 5] },
      { value: 0.75, percent: 75, satisfied: 3, n: 4 },
    ],
    // Delighted 3-point smiley scale: only 3 is satisfied.
    [
      '3-point scale',
      [3, 3, 2, 1],
      { scale: [1, 3] as [number, number], satisfied: [3] },
      { value: 0.5, percent: 50, n: 4 },
    ],
    // Half-up whole-percent rounding: 1/8 = 12.5 % → 13.
    ['rounds half up', [5, 1, 1, 1, 1, 1, 1, 1], {}, { percent: 13 }],
  ])('%s', (_name, input, options, expected) => {
    expect(csat(input, options)).toMatchObject(expected);
  });

  it('empty input and all-null ratings give value null, never NaN', () => {
    expect(csat([])).toEqual({ value: null, percent: null, satisfied: 0, n: 0, missing: 0, skipped: 0 });
    expect(csat([null, { rating: null }])).toMatchObject({ value: null, n: 0, missing: 2 });
  });

  it('a rating outside the scale is an error naming row and field, or a skipped row', () => {
    const bad = [5, 4, 9, { rating: 0 }];
    expect(() => csat(bad)).toThrow(TandemError);
    try {
      csat(bad);
    } catch (error) {
      const e = error as TandemError;
      expect(e.code).toBe('INVALID_INPUT');
      expect(e.issues.map((i) => i.path)).toEqual(['[2].rating', '[3].rating']);
      expect(e.issues[0]!.message).toContain('outside the 1–5 scale');
    }
    expect(csat(bad, { onInvalid: 'skip' })).toMatchObject({ value: 1, n: 2, skipped: 2 });
  });

  it('bad options are config errors with their path', () => {
    expect(() => csat([5], { satisfied: [] })).toThrow(/satisfied/);
  });

  it('property: the rate stays in [0, 1] and percent in 0..100', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constant(null))), (ratings) => {
        const r = csat(ratings);
        if (r.n === 0) return r.value === null;
        return r.value! >= 0 && r.value! <= 1 && r.percent! >= 0 && r.percent! <= 100;
      }),
    );
  });
});

describe('nps', () => {
  // Sources: DESIGN.md pinned shape; Bain/Reichheld definition (9–10 promoters, 0–6 detractors):
  // 70 % promoters, 20 % passives, 10 % detractors → NPS 60 (Qualtrics' worked example).
  it.each([
    ['pinned', [10, 9, 7, 3], { value: 25, promoters: 2, passives: 1, detractors: 1, n: 4 }],
    ['70/20/10 → 60', [...repeat(9, 7), ...repeat(8, 2), 6], { value: 60, rounded: 60, n: 10 }],
    ['all detractors → −100', [0, 6, 3], { value: -100 }],
    ['one third', [10, 7, 8], { rounded: 33, promoters: 1, passives: 2 }],
  ])('%s', (_name, input, expected) => {
    expect(nps(input)).toMatchObject(expected);
  });

  it('empty → null; 11 and 7.5 are invalid', () => {
    expect(nps([])).toMatchObject({ value: null, rounded: null, n: 0 });
    expect(() => nps([11])).toThrow(/outside the 0–10 scale/);
    expect(nps([7.5, 10], { onInvalid: 'skip' })).toMatchObject({ value: 100, skipped: 1 });
  });

  it('property: NPS stays within −100..100', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1 }), (ratings) => {
        const v = nps(ratings).value!;
        return v >= -100 && v <= 100;
      }),
    );
  });
});

describe('ces', () => {
  // Gartner CES 2.0, 7-point agreement scale: mean, and share agreeing (5–7).
  it.each([
    ['mean and low-effort share', [7, 6, 5, 2], {}, { value: 5, lowEffortShare: 0.75, lowEffort: 3, n: 4 }],
    ['neutral 4 is not low effort', [4, 4], {}, { value: 4, lowEffortShare: 0 }],
    ['5-point scale: 4–5 agree', [5, 4, 3, 1], { points: 5 }, { value: 3.25, lowEffortShare: 0.5 }],
  ])('%s', (_name, input, options, expected) => {
    expect(ces(input, options)).toMatchObject(expected);
  });

  it('empty → null; 8 on a 7-point scale is invalid', () => {
    expect(ces([null])).toMatchObject({ value: null, lowEffortShare: null, missing: 1 });
    expect(() => ces([8])).toThrow(TandemError);
  });
});
