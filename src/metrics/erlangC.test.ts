import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { erlangC } from './erlangC';

describe('erlangC', () => {
  // pyworkforce tests/test_erlangc.py (test_expected_erlangc_results): 100 transactions, aht 3,
  // asa 20/60, interval 30, shrinkage 0.3, SL 0.8, max occupancy 0.85 →
  // raw 14, positions 20, SL 0.888, occupancy 0.714, Pw 0.174 (rounded to 3 decimals).
  it('matches the pyworkforce vectors', () => {
    const r = erlangC({
      transactions: 100,
      aht: 3,
      asa: 20 / 60,
      interval: 30,
      shrinkage: 0.3,
    }).requiredPositions({
      serviceLevel: 0.8,
      maxOccupancy: 0.85,
    });
    expect(r.rawPositions).toBe(14);
    expect(r.positions).toBe(20);
    expect(Number(r.serviceLevel.toFixed(3))).toBe(0.888);
    expect(Number(r.occupancy.toFixed(3))).toBe(0.714);
    expect(Number(r.waitingProbability.toFixed(3))).toBe(0.174);
  });

  it('pyworkforce uses asa = 0.33 in its test too: same answer', () => {
    const r = erlangC({
      transactions: 100,
      aht: 3,
      asa: 0.33,
      interval: 30,
      shrinkage: 0.3,
    }).requiredPositions({
      serviceLevel: 0.8,
      maxOccupancy: 0.85,
    });
    expect([r.rawPositions, r.positions]).toEqual([14, 20]);
  });

  it('the service level alone decides without a cap; a tighter cap uses ceil(A / maxOccupancy)', () => {
    const model = erlangC({ transactions: 100, aht: 3, asa: 20 / 60, interval: 30 });
    // SL(13) = 0.7956 < 0.8 ≤ SL(14) = 0.8884: the smallest N meeting the target.
    expect(model.serviceLevel(13)).toBeLessThan(0.8);
    expect(model.serviceLevel(14)).toBeGreaterThanOrEqual(0.8);
    expect(model.requiredPositions({ serviceLevel: 0.8 })).toMatchObject({ rawPositions: 14, positions: 14 });
    // Occupancy 10/14 = 0.714 > 0.7 → ceil(10 / 0.7) = 15 positions.
    expect(model.requiredPositions({ serviceLevel: 0.8, maxOccupancy: 0.7 })).toMatchObject({
      rawPositions: 15,
      occupancy: 10 / 15,
    });
  });

  // Erlang C waiting probability / service level cross-checked against perehinik/call-center-tools
  // unit tests (python/tests/unit/test_staffing.py): A = 123, N = 132 → Pw 0.3211; A = 12345,
  // N = 12421 → 0.3812; A = 123, N = 130, T = 20 s, AHT = 300 s → SL 0.7339 (with Pw 0.4244).
  it.each([
    [123, 132, 0.3211],
    [12345, 12421, 0.3812],
    [123, 130, 0.4244],
  ])('Pw(A=%d, N=%d) = %d', (a, n, pw) => {
    const model = erlangC({ transactions: a, aht: 300, asa: 20, interval: 300 });
    expect(model.intensity).toBeCloseTo(a, 9);
    expect(Number(model.waitingProbability(n).toFixed(4))).toBe(pw);
  });
  it('service level A = 123, N = 130, T = 20 s, AHT = 300 s → 0.7339', () => {
    const model = erlangC({ transactions: 123, aht: 300, asa: 20, interval: 300 });
    expect(Number(model.serviceLevel(130).toFixed(4))).toBe(0.7339);
  });

  it('scalePositions applies shrinkage first (pyworkforce scale_positions)', () => {
    const model = erlangC({ transactions: 100, aht: 3, asa: 20 / 60, interval: 30, shrinkage: 0.3 });
    expect(model.serviceLevel(20, { scalePositions: true })).toBe(model.serviceLevel(14));
    expect(model.occupancy(20, { scalePositions: true })).toBeCloseTo(10 / 14, 12);
  });

  it('an unstable queue (N ≤ A) waits for sure; no traffic never waits', () => {
    const model = erlangC({ transactions: 100, aht: 3, asa: 1, interval: 30 });
    expect(model.waitingProbability(10)).toBe(1);
    expect(model.serviceLevel(9)).toBe(0);
    const idle = erlangC({ transactions: 0, aht: 3, asa: 1, interval: 30 });
    expect(idle.requiredPositions({ serviceLevel: 0.9 })).toMatchObject({
      rawPositions: 1,
      waitingProbability: 0,
    });
  });

  it('rejects bad config with every path', () => {
    try {
      erlangC({ transactions: -1, aht: 0, asa: 1, interval: 30, shrinkage: 1 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      expect((error as TandemError).code).toBe('INVALID_CONFIG');
      expect((error as TandemError).issues.map((i) => i.path)).toEqual(['transactions', 'aht', 'shrinkage']);
    }
    expect(() =>
      erlangC({ transactions: 1, aht: 1, asa: 1, interval: 1 }).requiredPositions({ serviceLevel: 1.5 }),
    ).toThrow(/serviceLevel/);
  });

  it('property: Pw and SL stay in [0, 1]; SL never falls as positions grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.double({ min: 0.5, max: 10, noNaN: true }),
        fc.integer({ min: 1, max: 80 }),
        (transactions, aht, n) => {
          const model = erlangC({ transactions, aht, asa: 0.5, interval: 30 });
          const pw = model.waitingProbability(n);
          const sl = model.serviceLevel(n);
          return pw >= 0 && pw <= 1 && sl >= 0 && sl <= 1 && model.serviceLevel(n + 1) >= sl - 1e-12;
        },
      ),
    );
  });
});
