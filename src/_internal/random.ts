// Seeded, deterministic randomness for the library (bootstrap, sampling) and its scripts.
// Library code never calls Math.random(); a seed comes in through options.

/** FNV-1a 32-bit hash of a string (Fowler–Noll–Vo, public domain algorithm). */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * mulberry32 (Tommy Ettinger, public domain): a small, fast 32-bit PRNG with a full 2³² period,
 * good enough for sampling and bootstrap resampling. Returns floats in [0, 1).
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A PRNG from a numeric or string seed. */
export function createRandom(seed: number | string): () => number {
  return mulberry32(typeof seed === 'number' ? seed : hashString(seed));
}
