import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { ALWAYS_OPEN } from './alwaysOpen';
import { createBusinessCalendar } from './createBusinessCalendar';
import type { LocalInterval } from './schemas';

const H = 3_600_000;
const nineToFive: LocalInterval[] = [['09:00', '17:00']];
const weekdays = { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive };
const allDay: LocalInterval[] = [['00:00', '24:00']];
const everyDay = {
  mon: allDay,
  tue: allDay,
  wed: allDay,
  thu: allDay,
  fri: allDay,
  sat: allDay,
  sun: allDay,
};
const d = (iso: string) => new Date(iso);

function configError(fn: () => unknown): TandemError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TandemError);
    return error as TandemError;
  }
  throw new Error('expected a TandemError');
}

describe('createBusinessCalendar: known values', () => {
  const warsaw = createBusinessCalendar({
    timeZone: 'Europe/Warsaw',
    hours: weekdays,
    holidays: ['2026-12-25'],
  });
  const newYork = createBusinessCalendar({ timeZone: 'America/New_York', hours: weekdays });

  // Expected values worked out by hand from the tz database offsets:
  // Warsaw CET = UTC+1, CEST = UTC+2 (EU DST 2026: Mar 29 and Oct 25);
  // New York EST = UTC-5, EDT = UTC-4 (US DST 2026: Mar 8 and Nov 1).
  it.each([
    [
      'Warsaw Fri 16:30 + 1h -> Mon 09:30 (DESIGN.md)',
      warsaw,
      '2026-11-27T15:30:00Z',
      { hours: 1 },
      '2026-11-30T08:30:00.000Z',
    ],
    [
      'Warsaw Fri 16:30 CET + 1h over spring-forward -> Mon 09:30 CEST',
      warsaw,
      '2026-03-27T15:30:00Z',
      '1h',
      '2026-03-30T07:30:00.000Z',
    ],
    [
      'Warsaw Fri 16:30 CEST + 1h over fall-back -> Mon 09:30 CET',
      warsaw,
      '2026-10-23T14:30:00Z',
      '1h',
      '2026-10-26T08:30:00.000Z',
    ],
    [
      'New York Fri 16:00 EST + 2h over spring-forward -> Mon 10:00 EDT',
      newYork,
      '2026-03-06T21:00:00Z',
      '2h',
      '2026-03-09T14:00:00.000Z',
    ],
    [
      'New York Fri 16:00 EDT + 2h over fall-back -> Mon 10:00 EST',
      newYork,
      '2026-10-30T20:00:00Z',
      '2h',
      '2026-11-02T15:00:00.000Z',
    ],
    ['exactly at close stays at close', warsaw, '2026-11-27T15:30:00Z', '30m', '2026-11-27T16:00:00.000Z'],
    [
      'start before opening counts from opening',
      warsaw,
      '2026-11-30T05:00:00Z',
      '30m',
      '2026-11-30T08:30:00.000Z',
    ],
    ['zero duration returns the start', warsaw, '2026-11-28T12:00:00Z', 0, '2026-11-28T12:00:00.000Z'],
    [
      'holiday on a Friday: Thu 16:00 + 2h -> Mon 10:00',
      warsaw,
      '2026-12-24T15:00:00Z',
      '2h',
      '2026-12-28T09:00:00.000Z',
    ],
    ['40h = one working week', warsaw, '2026-11-30T08:00:00Z', '40h', '2026-12-04T16:00:00.000Z'],
  ])('%s', (_name, cal, start, duration, expected) => {
    expect(cal.addBusinessTime(d(start), duration).toISOString()).toBe(expected);
  });

  it('24/7 in New York: a spring-forward weekend has 47 hours, a fall-back weekend 49', () => {
    const cal = createBusinessCalendar({ timeZone: 'America/New_York', hours: everyDay });
    expect(cal.businessTimeBetween(d('2026-03-07T05:00:00Z'), d('2026-03-09T04:00:00Z'))).toBe(47 * H);
    expect(cal.businessTimeBetween(d('2026-10-31T04:00:00Z'), d('2026-11-02T05:00:00Z'))).toBe(49 * H);
  });

  it('09:00-17:00 stays 8 hours on DST days (Warsaw, a Sunday-open calendar)', () => {
    const cal = createBusinessCalendar({ timeZone: 'Europe/Warsaw', hours: { sun: nineToFive } });
    expect(cal.businessTimeBetween(d('2026-03-29T00:00:00Z'), d('2026-03-30T00:00:00Z'))).toBe(8 * H);
    expect(cal.businessTimeBetween(d('2026-10-25T00:00:00Z'), d('2026-10-26T00:00:00Z'))).toBe(8 * H);
    expect(cal.openIntervals(d('2026-03-29T00:00:00Z'), d('2026-03-30T00:00:00Z'))).toEqual([
      { start: d('2026-03-29T07:00:00Z'), end: d('2026-03-29T15:00:00Z') },
    ]);
  });

  it('overnight shift across spring-forward: Sat 22:00 EST -> Sun 06:00 EDT is 7 hours', () => {
    const cal = createBusinessCalendar({
      timeZone: 'America/New_York',
      hours: { sat: [['22:00', '06:00']] },
    });
    expect(cal.openIntervals(d('2026-03-07T00:00:00Z'), d('2026-03-09T00:00:00Z'))).toEqual([
      { start: d('2026-03-08T03:00:00Z'), end: d('2026-03-08T10:00:00Z') },
    ]);
    expect(cal.isOpen(d('2026-03-08T09:59:00Z'))).toBe(true);
    expect(cal.isOpen(d('2026-03-08T10:00:00Z'))).toBe(false);
    expect(cal.nextClose(d('2026-03-08T04:00:00Z')).toISOString()).toBe('2026-03-08T10:00:00.000Z');
    // 1h before the end of the shift + 2h -> 1h into next Saturday's shift (22:00 EDT = 02:00Z Sunday)
    expect(cal.addBusinessTime(d('2026-03-08T09:00:00Z'), '2h').toISOString()).toBe(
      '2026-03-15T03:00:00.000Z',
    );
  });

  it('overnight shift spanning a week boundary (Sun 22:00 -> Mon 06:00)', () => {
    const cal = createBusinessCalendar({ timeZone: 'UTC', hours: { sun: [['22:00', '06:00']] } });
    expect(cal.businessTimeBetween(d('2026-11-29T00:00:00Z'), d('2026-12-01T00:00:00Z'))).toBe(8 * H);
    expect(cal.nextClose(d('2026-11-29T23:00:00Z')).toISOString()).toBe('2026-11-30T06:00:00.000Z');
  });

  it('lunch break: several intervals per day, or a daily break', () => {
    const split = createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: {
        tue: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
      },
    });
    const withBreak = createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: { tue: nineToFive },
      breaks: [['12:00', '13:00']],
    });
    for (const cal of [split, withBreak]) {
      // Tue 2026-12-01 11:30 local (10:30Z) + 1h -> 13:30 local
      expect(cal.addBusinessTime(d('2026-12-01T10:30:00Z'), '1h').toISOString()).toBe(
        '2026-12-01T12:30:00.000Z',
      );
      expect(cal.isOpen(d('2026-12-01T11:30:00Z'))).toBe(false);
      expect(cal.nextOpen(d('2026-12-01T11:30:00Z')).toISOString()).toBe('2026-12-01T12:00:00.000Z');
      expect(cal.nextClose(d('2026-12-01T09:00:00Z')).toISOString()).toBe('2026-12-01T11:00:00.000Z');
      expect(cal.businessTimeBetween(d('2026-12-01T00:00:00Z'), d('2026-12-02T00:00:00Z'))).toBe(7 * H);
    }
  });

  it('yearly holiday rules: fixed date and nth weekday', () => {
    const cal = createBusinessCalendar({
      timeZone: 'America/New_York',
      hours: weekdays,
      holidays: [
        { month: 7, day: 4, name: 'Independence Day' },
        { month: 5, weekday: 'mon', nth: -1, name: 'Memorial Day' },
        { month: 11, weekday: 'thu', nth: 4 },
      ],
    });
    expect(cal.isOpen(d('2026-05-25T14:00:00Z'))).toBe(false); // last Monday of May 2026
    expect(cal.isOpen(d('2026-05-18T14:00:00Z'))).toBe(true);
    expect(cal.isOpen(d('2027-05-31T14:00:00Z'))).toBe(false); // last Monday of May 2027
    expect(cal.isOpen(d('2027-07-05T14:00:00Z'))).toBe(true); // Jul 4 2027 is a Sunday; no observed-day shift
    expect(cal.isOpen(d('2026-11-26T15:00:00Z'))).toBe(false); // 4th Thursday of November 2026
    expect(cal.isOpen(d('2026-11-19T15:00:00Z'))).toBe(true);
  });

  it('pauses (waiting on customer) are not counted, overlapping pauses once', () => {
    const start = d('2026-11-30T08:00:00Z'); // Mon 09:00 Warsaw
    const end = d('2026-11-30T16:00:00Z'); // Mon 17:00
    const pauses = [
      { start: d('2026-11-30T09:00:00Z'), end: d('2026-11-30T11:00:00Z') },
      { start: d('2026-11-30T10:00:00Z'), end: d('2026-11-30T12:00:00Z') },
      { start: d('2026-11-30T15:00:00Z'), end: d('2026-11-30T20:00:00Z') }, // runs past the end
    ];
    expect(warsaw.businessTimeBetween(start, end, { pauses })).toBe(4 * H);
    expect(ALWAYS_OPEN.businessTimeBetween(start, end, { pauses })).toBe(4 * H);
  });

  it('nextOpen over a weekend and a holiday', () => {
    expect(warsaw.nextOpen(d('2026-12-24T17:00:00Z')).toISOString()).toBe('2026-12-28T08:00:00.000Z');
    expect(warsaw.nextOpen(d('2026-12-28T09:00:00Z')).toISOString()).toBe('2026-12-28T09:00:00.000Z');
    expect(warsaw.nextClose(d('2026-12-26T12:00:00Z')).toISOString()).toBe('2026-12-28T16:00:00.000Z');
  });

  it('a 24/7 calendar chains open time across days', () => {
    const cal = createBusinessCalendar({
      timeZone: 'Asia/Shanghai',
      hours: everyDay,
      holidays: ['2026-10-01'],
    });
    // closes at the start of the holiday, local midnight (16:00Z on Sep 30)
    expect(cal.nextClose(d('2026-09-20T00:00:00Z')).toISOString()).toBe('2026-09-30T16:00:00.000Z');
  });
});

describe('createBusinessCalendar: bad input', () => {
  it.each([
    [{ timeZone: 'Mars/Olympus', hours: weekdays }, 'timeZone', 'not a known IANA time zone'],
    [{ timeZone: 'UTC', hours: { mon: [['09:00', '25:00']] } }, 'hours.mon[0][1]', 'HH:MM'],
    [{ timeZone: 'UTC', hours: { mon: [['9am', '17:00']] } }, 'hours.mon[0][0]', 'HH:MM'],
    [{ timeZone: 'UTC', hours: { mon: [['09:00', '09:00']] } }, 'hours.mon[0]', 'must differ'],
    [
      {
        timeZone: 'UTC',
        hours: {
          mon: [
            ['09:00', '13:00'],
            ['12:00', '17:00'],
          ],
        },
      },
      'hours.mon[1]',
      'overlaps hours.mon[0]',
    ],
    [
      { timeZone: 'UTC', hours: { mon: [['22:00', '06:00']], tue: [['05:00', '09:00']] } },
      'hours.tue[0]',
      'overlaps hours.mon[0]',
    ],
    [
      { timeZone: 'UTC', hours: { sun: [['22:00', '06:00']], mon: [['05:00', '09:00']] } },
      'hours.sun[0]',
      'across the end of the week',
    ],
    [{ timeZone: 'UTC', hours: { monday: nineToFive } }, 'hours', 'monday'],
    [{ timeZone: 'UTC', hours: {} }, 'hours', 'no open hours'],
    [{ timeZone: 'UTC', hours: weekdays, holidays: ['2026-02-30'] }, 'holidays[0]', ''],
  ])('%j -> %s', (config, path, message) => {
    const error = configError(() => createBusinessCalendar(config as never));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.issues.some((i) => i.path === path && i.message.includes(message))).toBe(true);
    expect(error.message).toContain('[tandem-cx] [calendar]');
  });

  it('rejects negative and unparseable durations, and end before start', () => {
    const cal = createBusinessCalendar({ timeZone: 'UTC', hours: weekdays });
    expect(configError(() => cal.addBusinessTime(d('2026-11-30T10:00:00Z'), -5)).path).toBe('duration');
    expect(configError(() => cal.addBusinessTime(d('2026-11-30T10:00:00Z'), '3 parsecs')).path).toBe(
      'duration',
    );
    expect(
      configError(() => cal.businessTimeBetween(d('2026-11-30T10:00:00Z'), d('2026-11-29T10:00:00Z'))).path,
    ).toBe('end');
    expect(configError(() => cal.isOpen(new Date(Number.NaN))).path).toBe('at');
  });

  it('a calendar whose every open day is a holiday errors instead of looping forever', () => {
    const everyMonday = Array.from({ length: 12 }, (_, m) =>
      [1, 2, 3, 4, 5].map((nth) => ({ month: m + 1, weekday: 'mon' as const, nth })),
    ).flat();
    const cal = createBusinessCalendar({
      timeZone: 'UTC',
      hours: { mon: nineToFive },
      holidays: everyMonday,
    });
    expect(() => cal.addBusinessTime(d('2026-11-30T10:00:00Z'), '1h')).toThrow(/no open time within/);
    expect(() => cal.nextOpen(d('2026-11-30T10:00:00Z'))).toThrow(TandemError);
  });
});

describe('createBusinessCalendar: properties', () => {
  const calendars = [
    createBusinessCalendar({
      timeZone: 'America/New_York',
      hours: { ...weekdays, sat: [['22:00', '02:00']] },
      breaks: [['12:00', '12:30']],
      holidays: [{ month: 12, day: 25 }],
    }),
    createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: {
        mon: [
          ['09:00', '12:00'],
          ['13:00', '17:00'],
        ],
        fri: nineToFive,
      },
      holidays: ['2026-03-27'],
    }),
    createBusinessCalendar({ timeZone: 'Asia/Kolkata', hours: everyDay }),
  ];
  const instant = fc
    .integer({ min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') })
    .map((t) => new Date(t));
  const duration = fc.integer({ min: 0, max: 300 * H });
  const calendar = fc.constantFrom(...calendars);

  it('businessTimeBetween(s, addBusinessTime(s, d)) === d', () => {
    fc.assert(
      fc.property(calendar, instant, duration, (cal, start, ms) => {
        expect(cal.businessTimeBetween(start, cal.addBusinessTime(start, ms))).toBe(ms);
      }),
      { numRuns: 300 },
    );
  });

  it('addBusinessTime(s, businessTimeBetween(s, e)) === e when e is open', () => {
    fc.assert(
      fc.property(calendar, instant, fc.integer({ min: 1, max: 60 * 24 * H }), (cal, start, span) => {
        const end = new Date(start.getTime() + span);
        fc.pre(cal.isOpen(end));
        expect(cal.addBusinessTime(start, cal.businessTimeBetween(start, end)).getTime()).toBe(end.getTime());
      }),
      { numRuns: 300 },
    );
  });

  it('is additive and never exceeds elapsed time', () => {
    fc.assert(
      fc.property(calendar, instant, fc.nat(20 * 24 * H), fc.nat(20 * 24 * H), (cal, a, x, y) => {
        const b = new Date(a.getTime() + x);
        const c = new Date(b.getTime() + y);
        const ac = cal.businessTimeBetween(a, c);
        expect(ac).toBe(cal.businessTimeBetween(a, b) + cal.businessTimeBetween(b, c));
        expect(ac).toBeLessThanOrEqual(x + y);
        const intervals = cal.openIntervals(a, c);
        expect(intervals.reduce((s, i) => s + (i.end.getTime() - i.start.getTime()), 0)).toBe(ac);
      }),
      { numRuns: 300 },
    );
  });

  it('nextOpen is open (or the start of an interval) and nextClose is after it', () => {
    fc.assert(
      fc.property(calendar, instant, (cal, at) => {
        const open = cal.nextOpen(at);
        expect(open.getTime()).toBeGreaterThanOrEqual(at.getTime());
        expect(cal.isOpen(open)).toBe(true);
        const close = cal.nextClose(at);
        expect(close.getTime()).toBeGreaterThan(open.getTime());
        // A calendar that never closes answers the largest representable Date.
        if (close.getTime() !== 8.64e15) expect(cal.isOpen(close)).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
