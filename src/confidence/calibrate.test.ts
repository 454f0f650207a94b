import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { calibrate, predictLogistic } from './calibrate';

describe('calibrate', () => {
  // Known value: for one binary feature the (unpenalised) logistic MLE reproduces the empirical
  // log-odds of each group: x = 0 → 1/4 positive → log(1/3); x = 1 → 3/4 → log 3.
  const grouped = [
    ...[1, 0, 0, 0].map((o) => ({ features: { x: 0 }, outcome: o === 1 })),
    ...[1, 1, 1, 0].map((o) => ({ features: { x: 1 }, outcome: o === 1 })),
  ];

  it('reproduces the empirical log-odds (saturated model)', () => {
    const m = calibrate(grouped, { l2: 0 });
    expect(m.converged).toBe(true);
    expect(m.intercept).toBeCloseTo(Math.log(1 / 3), 6);
    expect(m.coefficients.x).toBeCloseTo(Math.log(3) - Math.log(1 / 3), 6);
    expect(m.predict({ x: 0 })).toBeCloseTo(0.25, 6);
    expect(m.predict({ x: 1 })).toBeCloseTo(0.75, 6);
    // Brier: each group 1·0.75² + 3·0.25² over 4 = 0.1875; baseline (0.5) = 0.25
    expect(m.brier).toBeCloseTo(0.1875, 6);
    expect(m.brierBaseline).toBeCloseTo(0.25, 6);
    expect(m.baseRate).toBe(0.5);
  });

  it('Platt scaling: raw scores → calibrated probabilities, Brier before and after', () => {
    // an over-confident scorer: raw 0.9 is right only 60% of the time
    const samples = [
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.9, outcome: i < 6 })),
      ...Array.from({ length: 10 }, (_, i) => ({ score: 0.1, outcome: i < 2 })),
    ];
    const m = calibrate(samples, { l2: 0 });
    expect(m.features).toEqual(['score']);
    expect(m.predict(0.9)).toBeCloseTo(0.6, 6);
    expect(m.predict(0.1)).toBeCloseTo(0.2, 6);
    expect(m.brierUncalibrated).toBeCloseTo((6 * 0.01 + 4 * 0.81 + 2 * 0.81 + 8 * 0.01) / 20, 6);
    expect(m.brier).toBeLessThan(m.brierUncalibrated!);
  });

  it('is deterministic and finite on separable data (L2 keeps it bounded)', () => {
    const samples = [0.1, 0.2, 0.8, 0.9].map((score) => ({ score, outcome: score > 0.5 }));
    const a = calibrate(samples);
    const b = calibrate(samples);
    expect(a.coefficients).toEqual(b.coefficients);
    expect(Number.isFinite(a.coefficients.score)).toBe(true);
    expect(a.predict(0.9)).toBeGreaterThan(0.99);
  });

  it('rejects malformed samples, too few, or one outcome class', () => {
    expect(() => calibrate([{ score: 0.5, outcome: true }])).toThrow(/both outcomes/);
    expect(() =>
      calibrate([
        { score: 0.5, outcome: true },
        { score: 0.7, outcome: true },
      ]),
    ).toThrow(TandemError);
    try {
      calibrate([{ score: Number.NaN, outcome: true }, { outcome: 2 }] as never);
      expect.unreachable();
    } catch (e) {
      expect((e as TandemError).code).toBe('INVALID_INPUT');
      expect((e as TandemError).issues.every((i) => i.path.startsWith('samples['))).toBe(true);
    }
  });

  it('property: probabilities are in [0, 1] and Brier ≤ the baseline', () => {
    const sample = fc.record({ score: fc.double({ min: 0, max: 1, noNaN: true }), outcome: fc.boolean() });
    fc.assert(
      fc.property(fc.array(sample, { minLength: 2, maxLength: 40 }), (samples) => {
        fc.pre(samples.some((s) => s.outcome) && samples.some((s) => !s.outcome));
        const m = calibrate(samples);
        const p = [0, 0.5, 1].map((x) => m.predict(x));
        return p.every((x) => x >= 0 && x <= 1) && m.brier <= m.brierBaseline + 1e-9;
      }),
      { numRuns: 60 },
    );
  });
});

describe('calibrate with sample weights', () => {
  it('a sample of weight 2 fits exactly like two copies of it', () => {
    const base = [0.1, 0.3, 0.5, 0.7, 0.9].map((score, i) => ({ score, outcome: i % 2 === 0 }));
    const weighted = calibrate([...base, { score: 0.6, outcome: false, weight: 2 }]);
    const copied = calibrate([...base, { score: 0.6, outcome: false }, { score: 0.6, outcome: false }]);
    expect(weighted.intercept).toBeCloseTo(copied.intercept, 9);
    expect(weighted.coefficients.score).toBeCloseTo(copied.coefficients.score!, 9);
    expect(weighted.brier).toBeCloseTo(copied.brier, 12);
    expect(weighted.baseRate).toBeCloseTo(copied.baseRate, 12);
  });

  it('rejects a weight that is not positive, naming the path', () => {
    expect(() =>
      calibrate([
        { score: 0.2, outcome: 1, weight: 0 },
        { score: 0.8, outcome: 0 },
      ]),
    ).toThrow(/samples\[0\]/);
  });
});

describe('calibrate with feature names such as constructor or toString', () => {
  // A feature missing from a sample counts as 0, whatever its name: the features are the
  // sample's own entries, never members inherited from Object.prototype.
  const named = (name: string) =>
    [0, 0, 1, 1, 0, 1, 1, 0].map((x, i) => ({
      features: i % 2 === 0 ? { [name]: x, bias: 1 } : { bias: 1 },
      outcome: (x === 1) !== (i === 3),
    }));

  it('fits them like any other name, and a sample without them reads 0', () => {
    const plain = calibrate(named('x'));
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const m = calibrate(named(name));
      expect(m.features).toEqual([name, 'bias'].sort());
      expect(m.intercept).toBeCloseTo(plain.intercept, 12);
      expect(Object.hasOwn(m.coefficients, name) && m.coefficients[name]).toBeCloseTo(
        plain.coefficients.x!,
        12,
      );
      expect(m.brier).toBeCloseTo(plain.brier, 12);
      expect(m.predict({ bias: 1 })).toBeCloseTo(plain.predict({ bias: 1 }), 12);
    }
  });

  it('predictLogistic reads a feature the record lacks as 0, not an inherited member', () => {
    expect(predictLogistic({ intercept: 0, coefficients: { toString: 2, constructor: 1 } }, {})).toBe(0.5);
  });
});
