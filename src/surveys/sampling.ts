/**
 * Deterministic sampling for surveys (not exported from the package).
 *
 * The same recipient + event + survey + seed always gets the same draw, so re-planning an event
 * (a retry, a replay) never flips a sampling decision, and two hosts agree without sharing state.
 */

import { hashString, mulberry32 } from '../_internal/random';

/** A uniform draw in [0, 1) that depends only on `parts` (joined with an unlikely separator). */
export function deterministicDraw(...parts: readonly string[]): number {
  // FNV-1a of the key, scrambled by one mulberry32 step: keys differing in one character give
  // unrelated draws.
  return mulberry32(hashString(parts.join('\u241f')))();
}
