/**
 * Time-zone helpers for surveys (not exported from the package): IANA zone validation and the
 * quiet-hours deferral in the recipient's local wall clock, DST-correct through @date-fns/tz.
 */
import { TZDate } from '@date-fns/tz';
import type { BusinessCalendar } from '../calendar/types';

const validity = new Map<string, boolean>();

/** True when `zone` is an IANA time zone this runtime knows (cached; `Intl` is the authority). */
export function isValidTimeZone(zone: string): boolean {
  let ok = validity.get(zone);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
      ok = zone.length > 0;
    } catch {
      ok = false;
    }
    if (validity.size < 10_000) validity.set(zone, ok);
  }
  return ok;
}

/** Quiet hours as minutes after local midnight; `start > end` means the window crosses midnight. */
export interface QuietWindow {
  start: number;
  end: number;
}

/** Parses `HH:MM` (00:00–23:59) to minutes after midnight; `undefined` when malformed. */
export function parseClock(text: string): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(text);
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Formats minutes after midnight as `HH:MM`. */
export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** Local wall-clock `YYYY-MM-DD HH:MM` of `at` in `zone`, for details and traces. */
export function formatLocal(at: Date, zone: string): string {
  const local = new TZDate(at.getTime(), zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${local.getFullYear()}-${pad(local.getMonth() + 1)}-${pad(local.getDate())} ${pad(local.getHours())}:${pad(local.getMinutes())}`;
}

/**
 * The first instant at or after `at` outside the quiet window, in `zone`'s wall clock. A window
 * crossing midnight (21:00–08:00) defers 22:00 to 08:00 the next day and 02:00 to 08:00 the same
 * day. The window's end is built as a local date-time, so DST changes inside the window move the
 * UTC instant correctly; an end that falls in a DST gap resolves forward (as @date-fns/tz does).
 */
export function deferQuietHours(at: Date, window: QuietWindow, zone: string): Date {
  if (window.start === window.end) return at;
  const local = new TZDate(at.getTime(), zone);
  const minute = local.getHours() * 60 + local.getMinutes();
  const crossesMidnight = window.start > window.end;
  const quiet = crossesMidnight
    ? minute >= window.start || minute < window.end
    : minute >= window.start && minute < window.end;
  if (!quiet) return at;
  // In a midnight-crossing window, the evening part ends tomorrow; the morning part ends today.
  const dayOffset = crossesMidnight && minute >= window.start ? 1 : 0;
  const end = new TZDate(
    local.getFullYear(),
    local.getMonth(),
    local.getDate() + dayOffset,
    Math.floor(window.end / 60),
    window.end % 60,
    0,
    0,
    zone,
  );
  return new Date(end.getTime());
}

/** Why a send time moved. */
export type DeferralReason = 'quiet_hours' | 'business_hours';

/** The allowed send time plus the reasons it moved (empty when `at` was already allowed). */
export interface AllowedTime {
  at: Date;
  reasons: DeferralReason[];
}

/**
 * Moves `at` forward until it is outside quiet hours and (when given) inside the business
 * calendar's open hours. Alternates the two rules until both hold; gives up after a bounded
 * number of rounds and returns the last candidate (a calendar whose open hours all fall inside
 * quiet hours cannot be satisfied; the result then respects the calendar).
 */
export function nextAllowedTime(
  at: Date,
  window: QuietWindow | null,
  zone: string | null,
  calendar: BusinessCalendar | undefined,
): AllowedTime {
  const reasons: DeferralReason[] = [];
  let current = at;
  for (let round = 0; round < 32; round++) {
    let moved = false;
    if (window && zone) {
      const next = deferQuietHours(current, window, zone);
      if (next.getTime() !== current.getTime()) {
        current = next;
        moved = true;
        if (!reasons.includes('quiet_hours')) reasons.push('quiet_hours');
      }
    }
    if (calendar) {
      const next = calendar.nextOpen(current);
      if (next.getTime() !== current.getTime()) {
        current = next;
        moved = true;
        if (!reasons.includes('business_hours')) reasons.push('business_hours');
      }
    }
    if (!moved) break;
  }
  return { at: current, reasons };
}
