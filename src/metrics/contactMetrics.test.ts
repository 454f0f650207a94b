import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { abandonmentRate, aht, asa, serviceLevel } from './contactMetrics';

const S = 1000;
const t0 = Date.parse('2026-11-23T09:00:00Z');
const answered = (wait: number) => ({ offeredAt: t0, answeredAt: t0 + wait * S });
const abandoned = (wait: number) => ({ offeredAt: t0, abandonedAt: t0 + wait * S });

// Ten calls: answered after 5, 10, 15, 25, 30, 40 s; abandoned after 3, 12, 50, 60 s.
const calls = [
  answered(5),
  answered(10),
  answered(15),
  answered(25),
  answered(30),
  answered(40),
  abandoned(3),
  abandoned(12),
  abandoned(50),
  abandoned(60),
];

describe('serviceLevel', () => {
  // ICMI / Cleveland, "Call Center Management on Fast Forward": the four treatments of abandons,
  // T = 20 s. A = 6, A_T = 3, Ab = 4, Ab within T = 2.
  it.each([
    ['missed: A_T / (A + Ab)', 'missed', 3 / 10],
    ['exclude: A_T / A', 'exclude', 3 / 6],
    ['excludeShort: A_T / (A + Ab after T)', 'excludeShort', 3 / 8],
    ['met: (A_T + Ab_T) / (A + Ab)', 'met', 5 / 10],
  ] as const)('%s', (_name, abandons, expected) => {
    expect(serviceLevel(calls, { threshold: '20s', abandons }).value).toBeCloseTo(expected, 12);
  });

  it('drops abandons shorter than shortAbandon (ghost calls) and counts contacts still waiting', () => {
    const r = serviceLevel([...calls, { offeredAt: t0 }], { threshold: 20 * S, shortAbandon: '5s' });
    expect(r).toMatchObject({ value: 3 / 9, shortAbandons: 1, missing: 1, n: 9 });
  });

  it('defaults to 20 s; an answer exactly at the threshold is within it', () => {
    expect(serviceLevel([answered(20), answered(21)]).value).toBe(0.5);
  });

  it('empty → null', () => {
    expect(serviceLevel([])).toMatchObject({ value: null, n: 0 });
  });

  it('an answer before the offer is an error naming the field', () => {
    expect(() => serviceLevel([{ offeredAt: t0, answeredAt: t0 - 1 }])).toThrow(
      /\[0\]\.answeredAt: .*answeredAt is before offeredAt/,
    );
    expect(() => serviceLevel([{ answeredAt: t0 }] as never)).toThrow(/offeredAt/);
    expect(() => serviceLevel([{ offeredAt: t0, answeredAt: t0 + 1, abandonedAt: t0 + 2 }])).toThrow(
      /both answered and abandoned/,
    );
  });

  it('property: stays in [0, 1] under every treatment', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ wait: fc.nat(120), answered: fc.boolean() })),
        fc.constantFrom('missed', 'exclude', 'excludeShort', 'met' as const),
        (xs, abandons) => {
          const r = serviceLevel(
            xs.map((x) => (x.answered ? answered(x.wait) : abandoned(x.wait))),
            { abandons },
          );
          return r.value === null || (r.value >= 0 && r.value <= 1);
        },
      ),
    );
  });
});

describe('abandonmentRate', () => {
  // ICMI: abandoned / offered.
  it('4 of 10 abandoned; short abandons can be left out', () => {
    expect(abandonmentRate(calls)).toMatchObject({ value: 0.4, count: 4, n: 10 });
    expect(abandonmentRate(calls, { shortAbandon: '5s' })).toMatchObject({ value: 3 / 9, n: 9 });
    expect(abandonmentRate([])).toMatchObject({ value: null, n: 0 });
  });
});

describe('asa', () => {
  // ICMI: total wait of answered calls / answered calls = (5+10+15+25+30+40)/6 = 20.8333 s.
  it('averages answered waits only', () => {
    const r = asa(calls);
    expect(r.value).toBeCloseTo(125_000 / 6, 6);
    expect(r.n).toBe(6);
    expect(r.p50).toBe(20_000);
    expect(asa([])).toMatchObject({ value: null, p50: null, p90: null, n: 0 });
  });
});

describe('aht', () => {
  // ICMI: (talk + hold + wrap) / handled. 3 calls: (240+30+60) + (180+0+30) + (300+60+90) = 990 s / 3 = 330 s.
  it('sums talk, hold and wrap and reports each component', () => {
    const r = aht([
      { offeredAt: t0, answeredAt: t0, talkTime: 240 * S, holdTime: 30 * S, wrapTime: 60 * S },
      { offeredAt: t0, answeredAt: t0, talkTime: 180 * S, wrapTime: 30 * S },
      { offeredAt: t0, answeredAt: t0, talkTime: 300 * S, holdTime: 60 * S, wrapTime: 90 * S },
      abandoned(10),
    ]);
    expect(r).toMatchObject({ value: 330 * S, n: 3, talk: 240 * S, hold: 30 * S, wrap: 60 * S });
  });

  it('a handled contact without talk time is missing; negative times are invalid', () => {
    expect(aht([answered(1)])).toMatchObject({ value: null, missing: 1, talk: null });
    expect(() => aht([{ offeredAt: t0, answeredAt: t0, talkTime: -5 }])).toThrow(TandemError);
  });
});
