import { z } from 'zod';

/** Weekday keys, Monday first (ISO 8601 week). */
export const WeekdaySchema = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
/** A weekday key. */
export type Weekday = z.infer<typeof WeekdaySchema>;
/** Weekday keys in ISO order (Monday first). */
export const WEEKDAYS: readonly Weekday[] = WeekdaySchema.options;

/** Local wall-clock time `HH:MM`, `00:00`–`24:00` (`24:00` only as an end). */
export const LocalTimeSchema = z
  .string()
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a local time "HH:MM" between 00:00 and 24:00');

/**
 * One open interval `[start, end]` in local time. An end earlier than the start (or `00:00`)
 * means the interval runs past midnight into the next day (an overnight shift).
 */
export const LocalIntervalSchema = z
  .tuple([LocalTimeSchema, LocalTimeSchema])
  .refine(([start, end]) => start !== end, 'start and end must differ (use 00:00–24:00 for a whole day)')
  .refine(([start]) => start !== '24:00', '24:00 can only end an interval');
/** A local interval such as `['09:00', '17:00']`. */
export type LocalInterval = z.infer<typeof LocalIntervalSchema>;

/** Open intervals per weekday; a missing weekday is closed all day. */
export const WeeklyHoursSchema = z.strictObject({
  mon: z.array(LocalIntervalSchema).optional(),
  tue: z.array(LocalIntervalSchema).optional(),
  wed: z.array(LocalIntervalSchema).optional(),
  thu: z.array(LocalIntervalSchema).optional(),
  fri: z.array(LocalIntervalSchema).optional(),
  sat: z.array(LocalIntervalSchema).optional(),
  sun: z.array(LocalIntervalSchema).optional(),
});
/** Weekly hours, e.g. `{ mon: [['09:00', '17:00']], tue: [['09:00', '12:00'], ['13:00', '17:00']] }`. */
export type WeeklyHours = z.infer<typeof WeeklyHoursSchema>;

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** An ISO calendar date `YYYY-MM-DD` that exists. */
export const IsoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be an ISO date "YYYY-MM-DD"')
  .refine(isRealDate, 'is not a real calendar date');

/**
 * A holiday: the whole local day is closed.
 *
 * - `'2026-12-25'` or `{ date: '2026-12-25', name? }` — one date;
 * - `{ month: 12, day: 25 }` — every year on that date;
 * - `{ month: 5, weekday: 'mon', nth: -1 }` — every year on the nth weekday of the month
 *   (`-1` = last), e.g. US Memorial Day.
 */
export const HolidaySchema = z.union([
  IsoDateSchema,
  z.strictObject({ date: IsoDateSchema, name: z.string().optional() }),
  z.strictObject({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
    name: z.string().optional(),
  }),
  z.strictObject({
    month: z.number().int().min(1).max(12),
    weekday: WeekdaySchema,
    nth: z
      .number()
      .int()
      .min(-5)
      .max(5)
      .refine((n) => n !== 0, 'nth must be 1..5 or -1..-5'),
    name: z.string().optional(),
  }),
]);
/** A holiday rule. */
export type Holiday = z.infer<typeof HolidaySchema>;

function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An IANA time zone name that this runtime knows, e.g. `Europe/Warsaw`. */
export const TimeZoneSchema = z.string().min(1).refine(isValidTimeZone, 'is not a known IANA time zone');

/** Configuration of {@link createBusinessCalendar}. */
export const BusinessCalendarConfigSchema = z.strictObject({
  /** IANA time zone the hours refer to. */
  timeZone: TimeZoneSchema,
  /** Open intervals per weekday. */
  hours: WeeklyHoursSchema,
  /** Closed days. */
  holidays: z.array(HolidaySchema).default([]),
  /**
   * Closed intervals inside open hours: a list applied every day (`[['12:00', '13:00']]`), or
   * per weekday like `hours`.
   */
  breaks: z.union([z.array(LocalIntervalSchema), WeeklyHoursSchema]).optional(),
});
/** A business calendar configuration as accepted by {@link createBusinessCalendar}. */
export type BusinessCalendarConfig = z.input<typeof BusinessCalendarConfigSchema>;
