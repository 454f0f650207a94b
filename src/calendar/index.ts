/**
 * Business calendar: open hours per weekday in an IANA time zone, breaks, holidays, overnight
 * shifts, DST-correct business-time arithmetic. Shared by SLAs, metrics, surveys and routing.
 *
 * @module calendar
 */
export { ALWAYS_OPEN } from './alwaysOpen';
export { createBusinessCalendar } from './createBusinessCalendar';
export {
  type BusinessCalendarConfig,
  BusinessCalendarConfigSchema,
  type Holiday,
  HolidaySchema,
  IsoDateSchema,
  type LocalInterval,
  LocalIntervalSchema,
  LocalTimeSchema,
  TimeZoneSchema,
  WEEKDAYS,
  type Weekday,
  WeekdaySchema,
  type WeeklyHours,
  WeeklyHoursSchema,
} from './schemas';
export type { BusinessCalendar, BusinessTimeOptions, Interval } from './types';
