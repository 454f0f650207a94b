import { TZDate } from '@date-fns/tz';
import { type DurationInput, parseDuration } from '../model/duration';
import { parseWithSchema, TandemError, validationError } from '../model/errors';
import {
  type BusinessCalendarConfig,
  BusinessCalendarConfigSchema,
  type Holiday,
  type LocalInterval,
  WEEKDAYS,
  type Weekday,
  type WeeklyHours,
} from './schemas';
import { assertDate, assertOrder, mergePauses, normalize, subtract } from './spans';
import type { BusinessCalendar, BusinessTimeOptions, Interval } from './types';

const DAY_MS = 86_400_000;
const MINUTES_PER_DAY = 1440;
const MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;
/** How far a search for open time goes before it gives up (a calendar closed "forever"). */
const SEARCH_LIMIT_DAYS = 5 * 366;
/** The largest representable instant; returned by `nextClose` of a calendar that never closes. */
const END_OF_TIME = 8.64e15;
const BUCKET_CACHE_LIMIT = 50_000;

/** Minutes after local midnight; an interval's end may exceed 1440 (overnight). */
type MinuteSpan = readonly [start: number, end: number];

/** Open intervals of one UTC day, as sorted, disjoint absolute-ms spans, and their total. */
interface DayBucket {
  readonly starts: readonly number[];
  readonly ends: readonly number[];
  readonly total: number;
}

interface LocalDate {
  y: number;
  m: number; // 1-12
  d: number;
}

function toMinutes(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function toSpan([start, end]: LocalInterval): MinuteSpan {
  const s = toMinutes(start);
  let e = toMinutes(end);
  if (e <= s) e += MINUTES_PER_DAY; // overnight: ends on the next day
  return [s, e];
}

/** Per weekday (0 = Monday) list of minute spans, and the weekly timeline for overlap checks. */
function compileWeek(
  hours: WeeklyHours | undefined,
  label: string,
): { byDay: MinuteSpan[][]; problems: Array<[string, string]> } {
  const byDay: MinuteSpan[][] = WEEKDAYS.map(() => []);
  const timeline: Array<{ start: number; end: number; path: string }> = [];
  WEEKDAYS.forEach((day, index) => {
    (hours?.[day] ?? []).forEach((interval, i) => {
      const span = toSpan(interval);
      byDay[index]!.push(span);
      timeline.push({
        start: index * MINUTES_PER_DAY + span[0],
        end: index * MINUTES_PER_DAY + span[1],
        path: `${label}.${day}[${i}]`,
      });
    });
  });
  return { byDay, problems: findOverlaps(timeline) };
}

function findOverlaps(
  timeline: Array<{ start: number; end: number; path: string }>,
): Array<[string, string]> {
  const sorted = [...timeline].sort((a, b) => a.start - b.start);
  const problems: Array<[string, string]> = [];
  for (let i = 1; i < sorted.length; i++) {
    const prev = sorted[i - 1]!;
    const cur = sorted[i]!;
    if (cur.start < prev.end) problems.push([cur.path, `overlaps ${prev.path}`]);
  }
  // The week wraps: a Sunday overnight shift may run into Monday's hours.
  const last = sorted[sorted.length - 1];
  const first = sorted[0];
  if (
    last &&
    first &&
    last !== first &&
    last.end > MINUTES_PER_WEEK &&
    last.end - MINUTES_PER_WEEK > first.start
  )
    problems.push([last.path, `overlaps ${first.path} (across the end of the week)`]);
  return problems;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const t = new Date(Date.UTC(date.y, date.m - 1, date.d + days));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Monday … 6 = Sunday. */
function weekdayIndex(date: LocalDate): number {
  return (new Date(Date.UTC(date.y, date.m - 1, date.d)).getUTCDay() + 6) % 7;
}

function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function holidayMatcher(holidays: readonly Holiday[]): (date: LocalDate) => boolean {
  const fixed = new Set<string>();
  const yearly = new Set<number>(); // month * 100 + day
  const nth: Array<{ month: number; weekday: number; nth: number }> = [];
  for (const h of holidays) {
    if (typeof h === 'string') fixed.add(h);
    else if ('date' in h) fixed.add(h.date);
    else if ('day' in h) yearly.add(h.month * 100 + h.day);
    else nth.push({ month: h.month, weekday: WEEKDAYS.indexOf(h.weekday as Weekday), nth: h.nth });
  }
  return (date) => {
    if (yearly.has(date.m * 100 + date.d)) return true;
    if (
      fixed.size &&
      fixed.has(`${date.y}-${String(date.m).padStart(2, '0')}-${String(date.d).padStart(2, '0')}`)
    )
      return true;
    for (const rule of nth) {
      if (rule.month !== date.m || weekdayIndex(date) !== rule.weekday) continue;
      const occurrence =
        rule.nth > 0 ? Math.ceil(date.d / 7) : -Math.ceil((daysInMonth(date.y, date.m) - date.d + 1) / 7);
      if (occurrence === rule.nth) return true;
    }
    return false;
  };
}

function noOpenTime(from: number): never {
  throw new TandemError({
    code: 'INVALID_INPUT',
    module: 'calendar',
    message: `no open time within ${SEARCH_LIMIT_DAYS} days after ${new Date(from).toISOString()} (every open day is a holiday?)`,
  });
}

/**
 * Creates a business calendar: open hours per weekday in an IANA time zone, with several
 * intervals per day (lunch breaks), overnight shifts, daily or per-weekday breaks, and holidays
 * (dates and yearly rules). All arithmetic is on absolute instants; local rules are applied in
 * the calendar's zone, so it stays correct across DST changes (a 09:00–17:00 day is 8 hours on
 * the day clocks change; a 00:00–06:00 night is 5 or 7 hours).
 *
 * Holidays close the whole local day, including the part of an overnight shift that falls on it.
 * `addBusinessTime` returns the end of an interval rather than the next opening when the time
 * runs out exactly at a close (Friday 16:30 + 30 min = Friday 17:00).
 *
 * @param config - `{ timeZone, hours, holidays?, breaks? }`, validated with
 *   {@link BusinessCalendarConfigSchema}.
 * @returns a frozen {@link BusinessCalendar}.
 * @throws {@link TandemError} `INVALID_CONFIG` naming every bad field: unknown time zone,
 *   times such as `"25:00"`, overlapping intervals, a week with no open hours.
 *
 * @example
 * ```ts
 * import { createBusinessCalendar } from 'tandem-cx/calendar';
 * const week = [['09:00', '17:00']] as [string, string][];
 * const cal = createBusinessCalendar({
 *   timeZone: 'Europe/Warsaw',
 *   hours: { mon: week, tue: [['09:00', '12:00'], ['13:00', '17:00']], wed: week, thu: week, fri: week },
 *   holidays: ['2026-12-25', { month: 1, day: 1 }],
 * });
 * // Friday 16:30 in Warsaw + 1 business hour = Monday 09:30 in Warsaw
 * cal.addBusinessTime(new Date('2026-11-27T15:30:00Z'), { hours: 1 }); // => '2026-11-30T08:30:00.000Z'
 * cal.businessTimeBetween(new Date('2026-11-27T15:30:00Z'), new Date('2026-11-30T08:30:00Z')); // => 3600000
 * cal.isOpen(new Date('2026-12-25T10:00:00Z')); // => false
 * cal.nextOpen(new Date('2026-12-01T11:30:00Z')); // => '2026-12-01T12:00:00.000Z'
 * ```
 */
export function createBusinessCalendar(config: BusinessCalendarConfig): BusinessCalendar {
  const parsed = parseWithSchema(BusinessCalendarConfigSchema, config, {
    module: 'calendar',
    code: 'INVALID_CONFIG',
    what: 'business calendar',
  });
  const { timeZone } = parsed;
  const hours = compileWeek(parsed.hours, 'hours');
  const breaksConfig = Array.isArray(parsed.breaks)
    ? Object.fromEntries(WEEKDAYS.map((day) => [day, parsed.breaks]))
    : parsed.breaks;
  const breaks = compileWeek(breaksConfig as WeeklyHours | undefined, 'breaks');
  // Breaks may repeat per weekday when given as one list; only overlaps among hours matter.
  const problems = hours.problems;
  const weeklyMinutes = hours.byDay.flat().reduce((sum, [s, e]) => sum + (e - s), 0);
  if (problems.length || weeklyMinutes === 0) {
    const issues = problems.map(([path, message]) => ({ path, message }));
    if (weeklyMinutes === 0)
      issues.push({ path: 'hours', message: 'the calendar has no open hours in the week' });
    throw validationError(issues, { module: 'calendar', code: 'INVALID_CONFIG', what: 'business calendar' });
  }
  const isHoliday = holidayMatcher(parsed.holidays);

  const localToInstant = (date: LocalDate, minutes: number): number => {
    const day = minutes >= MINUTES_PER_DAY ? addDays(date, Math.floor(minutes / MINUTES_PER_DAY)) : date;
    const m = minutes % MINUTES_PER_DAY;
    return new TZDate(day.y, day.m - 1, day.d, Math.floor(m / 60), m % 60, timeZone).getTime();
  };
  const localDateOf = (instant: number): LocalDate => {
    const t = new TZDate(instant, timeZone);
    return { y: t.getFullYear(), m: t.getMonth() + 1, d: t.getDate() };
  };
  const spansOf = (week: MinuteSpan[][], date: LocalDate): Array<[number, number]> =>
    week[weekdayIndex(date)]!.map(([s, e]) => [localToInstant(date, s), localToInstant(date, e)]);

  const cache = new Map<number, DayBucket>();
  const bucket = (dayIndex: number): DayBucket => {
    const cached = cache.get(dayIndex);
    if (cached) return cached;
    const from = dayIndex * DAY_MS;
    const to = from + DAY_MS;
    const local = localDateOf(from);
    let open: Array<[number, number]> = [];
    const closed: Array<[number, number]> = [];
    for (let offset = -1; offset <= 2; offset++) {
      const date = addDays(local, offset);
      open.push(...spansOf(hours.byDay, date));
      closed.push(...spansOf(breaks.byDay, date));
    }
    for (let offset = -2; offset <= 3; offset++) {
      const date = addDays(local, offset);
      if (isHoliday(date)) closed.push([localToInstant(date, 0), localToInstant(addDays(date, 1), 0)]);
    }
    open = subtract(normalize(open.map(([s, e]) => [Math.max(s, from), Math.min(e, to)])), normalize(closed));
    const result: DayBucket = {
      starts: open.map((s) => s[0]),
      ends: open.map((s) => s[1]),
      total: open.reduce((sum, [s, e]) => sum + (e - s), 0),
    };
    if (cache.size >= BUCKET_CACHE_LIMIT) cache.clear();
    cache.set(dayIndex, result);
    return result;
  };

  /** Open ms within `[s, e)` of one bucket. */
  const openWithin = (b: DayBucket, s: number, e: number): number => {
    let sum = 0;
    for (let i = 0; i < b.starts.length; i++) {
      const lo = Math.max(b.starts[i]!, s);
      const hi = Math.min(b.ends[i]!, e);
      if (hi > lo) sum += hi - lo;
    }
    return sum;
  };

  const openBetween = (s: number, e: number): number => {
    if (e <= s) return 0;
    const first = Math.floor(s / DAY_MS);
    const last = Math.floor((e - 1) / DAY_MS);
    if (first === last) return openWithin(bucket(first), s, e);
    let sum = openWithin(bucket(first), s, (first + 1) * DAY_MS);
    for (let k = first + 1; k < last; k++) sum += bucket(k).total;
    return sum + openWithin(bucket(last), last * DAY_MS, e);
  };

  const isOpenAt = (t: number): boolean => {
    const b = bucket(Math.floor(t / DAY_MS));
    for (let i = 0; i < b.starts.length; i++) if (b.starts[i]! <= t && t < b.ends[i]!) return true;
    return false;
  };

  /** First open instant ≥ t. */
  const nextOpenAt = (t: number): number => {
    let k = Math.floor(t / DAY_MS);
    for (let n = 0; n <= SEARCH_LIMIT_DAYS; n++, k++) {
      const b = bucket(k);
      for (let i = 0; i < b.starts.length; i++) if (b.ends[i]! > t) return Math.max(b.starts[i]!, t);
    }
    return noOpenTime(t);
  };

  /** End of the open stretch containing the open instant t, following it across day buckets. */
  const closeAfter = (t: number): number => {
    let k = Math.floor(t / DAY_MS);
    const first = bucket(k);
    let end = first.ends[first.starts.findIndex((s, j) => s <= t && t < first.ends[j]!)]!;
    for (let n = 0; n <= SEARCH_LIMIT_DAYS; n++) {
      if (end !== (k + 1) * DAY_MS) return end;
      k++;
      const next = bucket(k);
      if (next.starts[0] !== end) return end;
      end = next.ends[0]!;
    }
    return END_OF_TIME;
  };

  const calendar: BusinessCalendar = {
    timeZone,
    isOpen: (at) => isOpenAt(assertDate(at, 'at')),
    nextOpen: (at) => new Date(nextOpenAt(assertDate(at, 'at'))),
    nextClose: (at) => new Date(closeAfter(nextOpenAt(assertDate(at, 'at')))),
    addBusinessTime(start: Date, duration: DurationInput): Date {
      let t = assertDate(start, 'start');
      let remaining = parseDuration(duration, 'duration');
      if (remaining === 0) return new Date(t);
      let k = Math.floor(t / DAY_MS);
      let idle = 0;
      for (;;) {
        const b = bucket(k);
        if (b.total === 0) {
          if (++idle > SEARCH_LIMIT_DAYS) noOpenTime(start.getTime());
        } else {
          idle = 0;
          for (let i = 0; i < b.starts.length; i++) {
            if (b.ends[i]! <= t) continue;
            const from = Math.max(b.starts[i]!, t);
            const available = b.ends[i]! - from;
            if (available >= remaining) return new Date(from + remaining);
            remaining -= available;
          }
        }
        k++;
        t = k * DAY_MS;
      }
    },
    businessTimeBetween(start: Date, end: Date, options?: BusinessTimeOptions): number {
      const s = assertDate(start, 'start');
      const e = assertDate(end, 'end');
      assertOrder(s, e);
      let total = openBetween(s, e);
      if (options?.pauses?.length) {
        const pauses = mergePauses(options.pauses, s, e);
        for (const [ps, pe] of pauses) total -= openBetween(ps, pe);
      }
      return total;
    },
    openIntervals(start: Date, end: Date): Interval[] {
      const s = assertDate(start, 'start');
      const e = assertDate(end, 'end');
      assertOrder(s, e);
      const spans: Array<[number, number]> = [];
      for (let k = Math.floor(s / DAY_MS); k * DAY_MS < e; k++) {
        const b = bucket(k);
        for (let i = 0; i < b.starts.length; i++) {
          const lo = Math.max(b.starts[i]!, s);
          const hi = Math.min(b.ends[i]!, e);
          if (hi > lo) spans.push([lo, hi]);
        }
      }
      return normalize(spans).map(([lo, hi]) => ({ start: new Date(lo), end: new Date(hi) }));
    },
  };
  return Object.freeze(calendar);
}
