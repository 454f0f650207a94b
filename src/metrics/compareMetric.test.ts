import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { compareMetric } from './compareMetric';

describe('compareMetric — Newcombe (1998) method 10', () => {
  // Newcombe, Statistics in Medicine 17:873–890 (1998), Table II, method 10 (score, no CC):
  // difference a/m − b/n with its 95 % limits.
  it.each([
    [56, 70, 48, 80, 0.0524, 0.3339],
    [9, 10, 3, 10, 0.1705, 0.809],
    [6, 7, 2, 7, 0.0582, 0.8062],
    [5, 56, 0, 29, -0.0381, 0.1926],
    [0, 10, 0, 20, -0.1611, 0.2775],
    [0, 10, 0, 10, -0.2775, 0.2775],
    [10, 10, 0, 20, 0.6791, 1],
    [10, 10, 0, 10, 0.6075, 1],
  ])('%d/%d − %d/%d → [%d, %d]', (a, m, b, n, lower, upper) => {
    const r = compareMetric({ successes: b, n }, { successes: a, n: m });
    expect(r.method).toBe('newcombe');
    expect(r.lower).toBeCloseTo(lower, 4);
    expect(r.upper).toBeCloseTo(upper, 4);
    expect(r.difference).toBeCloseTo(a / m - b / n, 12);
  });

  it('accepts rate results and booleans, and says whether the change is significant', () => {
    expect(compareMetric({ value: 0.6, n: 80 }, { value: 0.8, n: 70 }).kind).toBe('significant_increase');
    expect(compareMetric({ value: 0.8, n: 70 }, { value: 0.6, n: 80 }).kind).toBe('significant_decrease');
    expect(compareMetric([true, false], [true, true]).kind).toBe('not_significant');
    expect(compareMetric({ value: null, n: 0 }, { value: 0.5, n: 10 })).toMatchObject({
      kind: 'insufficient_data',
      difference: null,
    });
  });
});

describe('compareMetric — Welch', () => {
  // R: t.test(extra ~ group, data = sleep) (Welch): t = −1.8608, df = 17.776, p = 0.07939,
  // 95 % CI −3.3654832 … 0.2054832 for group1 − group2; here after − before, so signs flip.
  const group1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
  const group2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
  it('matches R on the sleep data', () => {
    const r = compareMetric(group1, group2);
    expect(r).toMatchObject({ method: 'welch', kind: 'not_significant', significant: false });
    expect(r.difference).toBeCloseTo(1.58, 12);
    expect(r.lower).toBeCloseTo(-0.2054832, 6);
    expect(r.upper).toBeCloseTo(3.3654832, 6);
    expect(r.df).toBeCloseTo(17.776, 3);
    expect(r.pValue).toBeCloseTo(0.07939, 5);
  });
  it('accepts { mean, sd, n } summaries (time metric results)', () => {
    const summary = (xs: number[]) => {
      const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
      const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
      return { mean, sd, n: xs.length };
    };
    expect(compareMetric(summary(group1), summary(group2)).upper).toBeCloseTo(3.3654832, 6);
  });
  it('fewer than two values is insufficient data', () => {
    expect(compareMetric([1], [2, 3]).kind).toBe('insufficient_data');
  });
  it('90 % interval is narrower', () => {
    const r = compareMetric(group1, group2, { confidence: 0.9 });
    expect(r.upper! - r.lower!).toBeLessThan(3.3654832 + 0.2054832);
  });
});

describe('compareMetric — seeded bootstrap', () => {
  it('is reproducible with a seed and close to Welch for the mean', () => {
    const a = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0];
    const b = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4];
    const one = compareMetric(a, b, { method: 'bootstrap', seed: 42 });
    const two = compareMetric(a, b, { method: 'bootstrap', seed: 42 });
    expect(one).toEqual(two);
    expect(one.difference).toBeCloseTo(1.58, 12);
    expect(one.lower!).toBeGreaterThan(-0.6);
    expect(one.upper!).toBeLessThan(3.5);
    expect(compareMetric(a, b, { method: 'bootstrap', seed: 7 }).lower).not.toBe(one.lower);
  });
  it('compares NPS on raw ratings', () => {
    const before = [10, 9, 7, 3, 2, 8, 6, 10];
    const after = [10, 10, 9, 9, 9, 8, 10, 9];
    const r = compareMetric(before, after, { method: 'bootstrap', statistic: 'nps', resamples: 500 });
    expect(r.before).toBe(0);
    expect(r.after).toBe(87.5);
    expect(r.kind).toBe('significant_increase');
  });
  it('needs raw values', () => {
    expect(() =>
      compareMetric({ successes: 1, n: 2 }, { successes: 1, n: 2 }, { method: 'bootstrap' }),
    ).toThrow(TandemError);
  });
});

describe('compareMetric — bad input', () => {
  it('names the side at fault', () => {
    expect(() => compareMetric({ successes: 5, n: 3 }, { successes: 1, n: 3 })).toThrow(/before/);
    expect(() => compareMetric({ value: 25, n: 4 }, { value: 30, n: 4 })).toThrow(/bootstrap/);
    expect(() => compareMetric([1, 2], { successes: 1, n: 2 }, { method: 'newcombe' })).toThrow(/before/);
  });
});

describe('property: the interval contains the point estimate', () => {
  it('for Newcombe', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n1, n2, f1, f2) => {
          const r = compareMetric(
            { successes: Math.round(f1 * n1), n: n1 },
            { successes: Math.round(f2 * n2), n: n2 },
          );
          return r.lower! <= r.difference! && r.difference! <= r.upper! && r.lower! >= -1 && r.upper! <= 1;
        },
      ),
    );
  });
  it('for Welch and the bootstrap', () => {
    const sample = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 20 });
    fc.assert(
      fc.property(sample, sample, fc.integer(), (a, b, seed) => {
        const w = compareMetric(a, b);
        const s = compareMetric(a, b, { method: 'bootstrap', seed, resamples: 200, statistic: 'median' });
        const inside = (r: typeof w) => r.lower! <= r.difference! + 1e-9 && r.difference! <= r.upper! + 1e-9;
        return inside(w) && inside(s);
      }),
      { numRuns: 60 },
    );
  });
});
