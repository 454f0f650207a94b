import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DurationSchema, parseDuration } from './duration';
import { parseWithSchema, TandemError } from './errors';

describe('parseDuration', () => {
  it.each([
    [0, 0],
    [1500, 1500],
    ['90s', 90_000],
    ['1h30m', 5_400_000],
    ['1h 30m', 5_400_000],
    ['2d', 172_800_000],
    ['1w', 604_800_000],
    ['500ms', 500],
    ['1.5h', 5_400_000],
    ['PT1H30M', 5_400_000],
    ['P2D', 172_800_000],
    ['PT0.5S', 500],
    [{ hours: 1 }, 3_600_000],
    [{ days: 1, minutes: 1 }, 86_460_000],
    [{ weeks: 1, years: 0 }, 604_800_000],
  ])('%j -> %d ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    [-1, 'must not be negative'],
    [Number.NaN, 'finite'],
    ['-5m', 'must not be negative'],
    ['5 minutes', 'cannot parse duration'],
    ['', 'cannot parse duration'],
    ['P', 'cannot parse duration'],
    ['PT', 'cannot parse duration'],
    [{ months: 1 }, 'no fixed length'],
    [{ hours: -1 }, 'must not be negative'],
    [{ fortnights: 1 }, 'unknown duration unit'],
  ])('rejects %j', (input, message) => {
    expect(() => parseDuration(input as never, 'survey.delay')).toThrow(TandemError);
    expect(() => parseDuration(input as never, 'survey.delay')).toThrow(message);
    try {
      parseDuration(input as never, 'survey.delay');
    } catch (e) {
      expect((e as TandemError).path.startsWith('survey.delay')).toBe(true);
    }
  });

  it('sums compact parts in any order (property)', () => {
    fc.assert(
      fc.property(fc.nat(1000), fc.nat(1000), fc.nat(1000), (h, m, s) => {
        expect(parseDuration(`${h}h${m}m${s}s`)).toBe(h * 3_600_000 + m * 60_000 + s * 1000);
        expect(parseDuration({ hours: h, minutes: m, seconds: s })).toBe(
          h * 3_600_000 + m * 60_000 + s * 1000,
        );
      }),
    );
  });
});

describe('DurationSchema', () => {
  it('reports a bad duration at its config path', () => {
    const schema = z.object({ surveys: z.array(z.object({ delay: DurationSchema })) });
    expect(() =>
      parseWithSchema(schema, { surveys: [{ delay: '-1h' }] }, { module: 'surveys', code: 'INVALID_CONFIG' }),
    ).toThrow(/surveys\[0\]\.delay: .*negative/);
  });
});
