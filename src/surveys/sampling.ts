/**
 * Deterministic sampling for surveys (not exported from the package).
 *
 * The same recipient + event + survey + seed always gets the same draw, so re-planning an event
 * (a retry, a replay) never flips a sampling decision, and two hosts agree without sharing state.
 */

// FNV-1a, 32-bit (Fowler–Noll–Vo; offset basis 2166136261, prime 16777619), over UTF-16 code
// units. Small, fast and well distributed for short keys; not cryptographic (it need not be).
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

// One step of mulberry32 (Tommy Ettinger's public-domain PRNG): scrambles the FNV hash so that
// keys differing in one character give unrelated draws. Returns a float in [0, 1).
function mulberry32(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** A uniform draw in [0, 1) that depends only on `parts` (joined with an unlikely separator). */
export function deterministicDraw(...parts: readonly string[]): number {
  return mulberry32(fnv1a(parts.join('\u241f')));
}
