import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orderQueue } from './orderQueue';

const now = new Date('2026-03-02T10:00:00Z');
const ago = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

describe('orderQueue', () => {
  const items = [
    { id: 'a', priority: 3, enqueuedAt: ago(30) },
    { id: 'b', priority: 1, enqueuedAt: ago(2) },
    { id: 'c', priority: 3, enqueuedAt: ago(45) },
    { id: 'd', priority: 5, enqueuedAt: ago(120) },
    { id: 'e', enqueuedAt: ago(10) },
  ];
  it('priority first, then oldest first', () => {
    expect(orderQueue(items, { now }).map((i) => i.id)).toEqual(['b', 'c', 'a', 'e', 'd']);
  });
  it('aging: score = minutes waited + (5 − priority) × minutesPerLevel (Genesys convScore)', () => {
    // scores with 15 min/level: a 30+30=60, b 2+60=62, c 45+30=75, d 120+0=120, e 10+30=40
    expect(orderQueue(items, { now, aging: { minutesPerLevel: 15 } }).map((i) => i.id)).toEqual([
      'd',
      'c',
      'b',
      'a',
      'e',
    ]);
  });
  it('returns the same objects with extra fields', () => {
    const input = [{ id: 'x', enqueuedAt: now, customer: 'u1' }];
    expect(orderQueue(input, { now })[0]).toBe(input[0]);
  });
  it('bad items name the path', () => {
    expect(() =>
      orderQueue(
        [
          { id: 'a', enqueuedAt: ago(1) },
          { id: 'b', enqueuedAt: 'yesterday' },
        ],
        { now },
      ),
    ).toThrowError(/items\[1\]\.enqueuedAt/);
    expect(() => orderQueue([{ id: 'a', priority: 7, enqueuedAt: ago(1) }], { now })).toThrowError(
      /items\[0\]\.priority/,
    );
  });
  it('property: stable, a permutation, and sorted by the key', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ priority: fc.integer({ min: 1, max: 5 }), waited: fc.integer({ min: 0, max: 30 }) }),
          { maxLength: 40 },
        ),
        fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
        (rows, perLevel) => {
          const input = rows.map((r, i) => ({
            id: String(i),
            priority: r.priority,
            enqueuedAt: ago(r.waited),
          }));
          const out = orderQueue(input, {
            now,
            ...(perLevel ? { aging: { minutesPerLevel: perLevel } } : {}),
          });
          expect(out.map((x) => x.id).sort()).toEqual(input.map((x) => x.id).sort());
          const key = (x: (typeof input)[number]) => {
            const r = rows[Number(x.id)]!;
            return perLevel ? [-(r.waited + (5 - r.priority) * perLevel)] : [r.priority, -r.waited];
          };
          for (let i = 1; i < out.length; i++) {
            const [a, b] = [key(out[i - 1]!), key(out[i]!)];
            const cmp = a[0]! - b[0]! || (a[1] ?? 0) - (b[1] ?? 0);
            expect(cmp).toBeLessThanOrEqual(0);
            if (cmp === 0) expect(Number(out[i - 1]!.id)).toBeLessThan(Number(out[i]!.id));
          }
        },
      ),
    );
  });
});
