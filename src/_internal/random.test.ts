import { describe, expect, it } from 'vitest';
import { createRandom, hashString, mulberry32 } from './random';

describe('random', () => {
  it('FNV-1a matches the reference vectors', () => {
    // Reference values from the FNV test suite (draft-eastlake-fnv): "" and "a", "foobar".
    expect(hashString('')).toBe(0x811c9dc5);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('is deterministic per seed and uniform enough', () => {
    const a = mulberry32(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 10_000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.49);
    expect(mean).toBeLessThan(0.51);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(createRandom('x')()).toBe(createRandom('x')());
  });
});
