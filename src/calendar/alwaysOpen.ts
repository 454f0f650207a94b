import { parseDuration } from '../model/duration';
import { assertDate, assertOrder, mergePauses } from './spans';
import type { BusinessCalendar, Interval } from './types';

/** The largest representable instant: a 24/7 calendar never closes. */
const END_OF_TIME = 8.64e15;

function ordered(start: Date, end: Date): [number, number] {
  const s = assertDate(start, 'start');
  const e = assertDate(end, 'end');
  assertOrder(s, e);
  return [s, e];
}

/**
 * A calendar that is always open (24/7, no holidays): business time equals elapsed time. The
 * default wherever a `calendar` option is not given. `nextClose` returns the largest
 * representable `Date`.
 *
 * @example
 * ```ts
 * import { ALWAYS_OPEN } from 'tandem-cx/calendar';
 * ALWAYS_OPEN.addBusinessTime(new Date('2026-11-27T15:30:00Z'), '1h'); // => '2026-11-27T16:30:00.000Z'
 * ALWAYS_OPEN.businessTimeBetween(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-28T00:00:00Z')); // => 86400000
 * ALWAYS_OPEN.isOpen(new Date('2026-12-25T03:00:00Z')); // => true
 * ```
 */
export const ALWAYS_OPEN: BusinessCalendar = Object.freeze<BusinessCalendar>({
  timeZone: 'UTC',
  isOpen(at: Date) {
    assertDate(at, 'at');
    return true;
  },
  nextOpen: (at: Date) => new Date(assertDate(at, 'at')),
  nextClose(at: Date) {
    assertDate(at, 'at');
    return new Date(END_OF_TIME);
  },
  addBusinessTime: (start: Date, duration) =>
    new Date(assertDate(start, 'start') + parseDuration(duration, 'duration')),
  businessTimeBetween(start: Date, end: Date, options) {
    const [s, e] = ordered(start, end);
    let total = e - s;
    if (options?.pauses?.length) for (const [ps, pe] of mergePauses(options.pauses, s, e)) total -= pe - ps;
    return total;
  },
  openIntervals(start: Date, end: Date): Interval[] {
    const [s, e] = ordered(start, end);
    return e > s ? [{ start: new Date(s), end: new Date(e) }] : [];
  },
});
