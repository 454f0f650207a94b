import type { BusinessCalendar, Interval } from '../calendar/types';

/** A timestamp as records may carry it: a Date, an ISO 8601 string or epoch milliseconds. */
export type TimestampInput = Date | string | number;

/**
 * Epoch milliseconds of a timestamp; `NaN` when absent (`undefined`/`null`) or unparseable.
 * Hot path: numbers pass through, Dates are read, strings are parsed.
 */
export function toMs(value: unknown): number {
  if (typeof value === 'number') return Number.isFinite(value) ? value : Number.NaN;
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'string') return value === '' ? Number.NaN : Date.parse(value);
  return Number.NaN;
}

/** True when a field is present (not `undefined`/`null`). */
export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

/** A pause in epoch ms, `[start, end)`. */
export interface PauseMs {
  start: number;
  end: number;
}

/** Milliseconds of `[start, end)` covered by the union of `pauses` (which may overlap). */
export function pausedWithin(start: number, end: number, pauses: readonly PauseMs[]): number {
  if (pauses.length === 0 || end <= start) return 0;
  const clipped: PauseMs[] = [];
  for (const p of pauses) {
    const s = Math.max(start, p.start);
    const e = Math.min(end, p.end);
    if (e > s) clipped.push({ start: s, end: e });
  }
  if (clipped.length === 0) return 0;
  clipped.sort((a, b) => a.start - b.start);
  let total = 0;
  let curStart = clipped[0]!.start;
  let curEnd = clipped[0]!.end;
  for (let i = 1; i < clipped.length; i++) {
    const p = clipped[i]!;
    if (p.start <= curEnd) {
      if (p.end > curEnd) curEnd = p.end;
    } else {
      total += curEnd - curStart;
      curStart = p.start;
      curEnd = p.end;
    }
  }
  return total + (curEnd - curStart);
}

/**
 * Elapsed time from `start` to `end` in ms: business time through `calendar` when given (its
 * `businessTimeBetween` with the pauses), otherwise calendar time (`end − start`) less the
 * union of the pauses.
 */
export function elapsedMs(
  start: number,
  end: number,
  pauses: readonly PauseMs[] | null,
  calendar: BusinessCalendar | undefined,
): number {
  if (calendar) {
    const list: Interval[] | undefined = pauses?.length
      ? pauses.map((p) => ({ start: new Date(p.start), end: new Date(p.end) }))
      : undefined;
    return calendar.businessTimeBetween(new Date(start), new Date(end), list ? { pauses: list } : undefined);
  }
  const gross = end - start;
  return pauses?.length ? gross - pausedWithin(start, end, pauses) : gross;
}
