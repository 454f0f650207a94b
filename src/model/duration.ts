import type { Duration } from 'date-fns';
import { z } from 'zod';
import { TandemError } from './errors';

/**
 * A length of time as the public API accepts it: milliseconds, a date-fns `Duration` object
 * (`{ hours: 1, minutes: 30 }`), or a compact string (`"90s"`, `"1h30m"`, `"2d"`, `"500ms"`,
 * `"1w"`) or ISO 8601 duration (`"PT1H30M"`, `"P2D"`). Outputs are always milliseconds.
 */
export type DurationInput = number | string | Duration;

const UNIT_MS: Record<string, number> = {
  ms: 1,
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

// "1h30m", "90s", "1.5h", "2d 4h": whole string must be one or more number+unit pairs.
const COMPACT = /^(?:\s*\d+(?:\.\d+)?\s*(?:ms|s|m|h|d|w)\s*)+$/;
const COMPACT_PART = /(\d+(?:\.\d+)?)\s*(ms|s|m|h|d|w)/g;
// ISO 8601 durations without years/months (their length is not fixed).
const ISO =
  /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

function fail(path: string, message: string): never {
  throw new TandemError({ code: 'INVALID_INPUT', module: 'model', path, message });
}

/**
 * Converts a {@link DurationInput} to milliseconds.
 *
 * Days are 24 hours of elapsed time (use the business calendar for "business days"). Years and
 * months are rejected because their length is not fixed.
 *
 * @param input - milliseconds, a date-fns `Duration`, or a duration string.
 * @param path - where the value came from, used in the error (default `duration`).
 * @returns the duration in milliseconds (≥ 0).
 * @throws {@link TandemError} `INVALID_INPUT` for negative, non-finite or unparseable values.
 *
 * @example
 * ```ts
 * import { parseDuration } from 'tandem-cx/model';
 * parseDuration('90s'); // => 90000
 * parseDuration('1h30m'); // => 5400000
 * parseDuration('2d'); // => 172800000
 * parseDuration({ hours: 1 }); // => 3600000
 * parseDuration('PT15M'); // => 900000
 * parseDuration(250); // => 250
 * ```
 */
export function parseDuration(input: DurationInput, path = 'duration'): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) fail(path, `duration must be a finite number of milliseconds, got ${input}`);
    if (input < 0) fail(path, `duration must not be negative, got ${input}`);
    return input;
  }
  if (typeof input === 'string') return parseDurationString(input.trim(), path);
  if (input !== null && typeof input === 'object') return parseDurationObject(input, path);
  return fail(path, `expected milliseconds, a duration string or a Duration object, got ${typeof input}`);
}

function parseDurationString(text: string, path: string): number {
  if (text.startsWith('-')) fail(path, `duration must not be negative, got "${text}"`);
  if (COMPACT.test(text)) {
    let total = 0;
    for (const match of text.matchAll(COMPACT_PART)) total += Number(match[1]) * UNIT_MS[match[2]!]!;
    return Math.round(total);
  }
  const iso = ISO.exec(text);
  if (iso && text !== 'P' && !text.endsWith('T')) {
    const [, w, d, h, m, s] = iso;
    return Math.round(
      Number(w ?? 0) * UNIT_MS.w! +
        Number(d ?? 0) * UNIT_MS.d! +
        Number(h ?? 0) * UNIT_MS.h! +
        Number(m ?? 0) * UNIT_MS.m! +
        Number(s ?? 0) * UNIT_MS.s!,
    );
  }
  return fail(
    path,
    `cannot parse duration "${text.slice(0, 40)}": use e.g. "90s", "1h30m", "2d", "500ms" or ISO "PT1H30M"`,
  );
}

const OBJECT_UNITS: Array<[keyof Duration, number]> = [
  ['weeks', UNIT_MS.w!],
  ['days', UNIT_MS.d!],
  ['hours', UNIT_MS.h!],
  ['minutes', UNIT_MS.m!],
  ['seconds', UNIT_MS.s!],
];

function parseDurationObject(input: Duration, path: string): number {
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    if (key === 'years' || key === 'months') {
      if (record[key] !== 0 && record[key] !== undefined)
        fail(`${path}.${key}`, `${key} have no fixed length; express the duration in weeks or days`);
    } else if (!OBJECT_UNITS.some(([unit]) => unit === key)) {
      fail(`${path}.${key}`, `unknown duration unit "${key}"`);
    }
  }
  let total = 0;
  for (const [unit, ms] of OBJECT_UNITS) {
    const value = record[unit];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !Number.isFinite(value))
      fail(`${path}.${unit}`, `must be a finite number`);
    if (value < 0) fail(`${path}.${unit}`, `must not be negative, got ${value}`);
    total += value * ms;
  }
  return Math.round(total);
}

/**
 * Zod schema for a {@link DurationInput}; parses to milliseconds. Use it inside config schemas
 * so a bad duration is reported with its full config path.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { DurationSchema } from 'tandem-cx/model';
 * z.object({ delay: DurationSchema }).parse({ delay: '24h' }); // => { delay: 86400000 }
 * ```
 */
export const DurationSchema = z
  .union([
    z.number(),
    z.string(),
    z.object({
      years: z.number().optional(),
      months: z.number().optional(),
      weeks: z.number().optional(),
      days: z.number().optional(),
      hours: z.number().optional(),
      minutes: z.number().optional(),
      seconds: z.number().optional(),
    }),
  ])
  .transform((value, ctx) => {
    try {
      return parseDuration(value as DurationInput, '');
    } catch (error) {
      const tandem = error as TandemError;
      ctx.addIssue({ code: 'custom', message: tandem.issues?.[0]?.message ?? String(error) });
      return z.NEVER;
    }
  });
