import type { DurationInput } from '../model/duration';

/** A half-open time interval `[start, end)`. */
export interface Interval {
  start: Date;
  end: Date;
}

/** Options for {@link BusinessCalendar.businessTimeBetween}. */
export interface BusinessTimeOptions {
  /**
   * Intervals that do not count even when the calendar is open, e.g. while a ticket waits on
   * the customer (Zendesk "pending", Freshdesk "waiting on customer"). May overlap each other.
   */
  pauses?: readonly Interval[];
}

/**
 * Business hours in one IANA time zone, with holidays and breaks. All inputs and outputs are
 * absolute instants (`Date`); local wall-clock rules are applied in {@link BusinessCalendar.timeZone}.
 */
export interface BusinessCalendar {
  /** The IANA time zone whose wall clock the hours refer to. */
  readonly timeZone: string;
  /** True when `at` falls inside open hours. */
  isOpen(at: Date): boolean;
  /** `at` itself when open, otherwise the start of the next open interval. */
  nextOpen(at: Date): Date;
  /** When open, the end of the current open interval; when closed, the end of the next one. */
  nextClose(at: Date): Date;
  /** The instant reached after `duration` of open time has elapsed from `start`. */
  addBusinessTime(start: Date, duration: DurationInput): Date;
  /** Milliseconds of open time in `[start, end)`, less any `pauses`. */
  businessTimeBetween(start: Date, end: Date, options?: BusinessTimeOptions): number;
  /** The open intervals that intersect `[start, end)`, clipped to it, in order. */
  openIntervals(start: Date, end: Date): Interval[];
}
