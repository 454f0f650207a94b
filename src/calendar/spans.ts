import { TandemError } from '../model/errors';
import type { Interval } from './types';

// Span helpers shared by the calendars. A span is `[startMs, endMs)`.

/** Sorts and merges overlapping or touching spans; drops empty ones. */
export function normalize(spans: Array<[number, number]>): Array<[number, number]> {
  spans.sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const span of spans) {
    const last = out[out.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else if (span[1] > span[0]) out.push([span[0], span[1]]);
  }
  return out;
}

/** Subtracts sorted disjoint `cut` spans from sorted disjoint `spans` (both `[s, e]` in ms). */
export function subtract(
  spans: Array<[number, number]>,
  cuts: Array<[number, number]>,
): Array<[number, number]> {
  if (cuts.length === 0) return spans;
  const out: Array<[number, number]> = [];
  for (const [s0, e0] of spans) {
    let s = s0;
    for (const [cs, ce] of cuts) {
      if (ce <= s || cs >= e0) continue;
      if (cs > s) out.push([s, cs]);
      s = Math.max(s, ce);
      if (s >= e0) break;
    }
    if (s < e0) out.push([s, e0]);
  }
  return out;
}

/** The instant of a valid `Date`, or a TandemError naming `path`. */
export function assertDate(value: unknown, path: string): number {
  const t = value instanceof Date ? value.getTime() : Number.NaN;
  if (Number.isNaN(t)) {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'calendar',
      path,
      message: `expected a valid Date, got ${String(value)}`,
    });
  }
  return t;
}

/** Throws when `end` is before `start`. */
export function assertOrder(start: number, end: number): void {
  if (end < start) {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'calendar',
      path: 'end',
      message: `end (${new Date(end).toISOString()}) is before start (${new Date(start).toISOString()})`,
    });
  }
}

/** Validates pause intervals, clips them to `[start, end)` and merges overlaps (a wait counts once). */
export function mergePauses(
  pauses: readonly Interval[],
  start: number,
  end: number,
): Array<[number, number]> {
  return normalize(
    pauses.map((p, i): [number, number] => {
      const ps = assertDate(p.start, `pauses[${i}].start`);
      const pe = assertDate(p.end, `pauses[${i}].end`);
      if (pe < ps) {
        throw new TandemError({
          code: 'INVALID_INPUT',
          module: 'calendar',
          path: `pauses[${i}].end`,
          message: 'pause ends before it starts',
        });
      }
      return [Math.max(ps, start), Math.min(pe, end)];
    }),
  );
}
