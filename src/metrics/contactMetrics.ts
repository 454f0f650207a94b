import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import {
  type Accumulator,
  type ContactFacts,
  createDurationAccumulator,
  type MetricDefinition,
  type MetricResultBase,
  type RateResult,
  runMetric,
  type TimeMetricResult,
  type WithSkipped,
} from './_engine';
import { BaseOptionsSchema, type ContactRecordInput, TimeStatisticSchema } from './schemas';

// ---------------------------------------------------------------- AHT

/** Options of {@link aht}. */
export const AhtOptionsSchema = BaseOptionsSchema.extend({ statistic: TimeStatisticSchema });
/** Options of {@link aht}. */
export type AhtOptions = z.input<typeof AhtOptionsSchema>;

/** Result of {@link aht}: the time statistics of talk + hold + wrap, and each component's mean. */
export interface AhtResult extends TimeMetricResult {
  talk: number | null;
  hold: number | null;
  wrap: number | null;
}

/** AHT definition (ICMI). */
export const ahtMetric: MetricDefinition<'contact', z.output<typeof AhtOptionsSchema>, AhtResult> = {
  name: 'aht',
  kind: 'contact',
  aggregate: 'mean',
  unit: 'ms',
  source: 'ICMI: AHT = (talk time + hold time + after-call work) / contacts handled',
  optionsSchema: AhtOptionsSchema,
  create(options, env): Accumulator<ContactFacts, AhtResult> {
    const total = createDurationAccumulator(options.statistic, env.keepValues);
    let talk = 0;
    let hold = 0;
    let wrap = 0;
    let handled = 0;
    return {
      add(f) {
        // Handled = answered (or carrying a talk time). Hold and wrap default to 0; a handled
        // contact without a talk time cannot be measured and is counted as missing.
        const answered = !Number.isNaN(f.answeredAt) || !Number.isNaN(f.talkTime);
        if (!answered) return;
        if (Number.isNaN(f.talkTime)) {
          total.miss();
          return;
        }
        const h = Number.isNaN(f.holdTime) ? 0 : f.holdTime;
        const w = Number.isNaN(f.wrapTime) ? 0 : f.wrapTime;
        handled++;
        talk += f.talkTime;
        hold += h;
        wrap += w;
        total.push(f.talkTime + h + w);
      },
      result: () => ({
        ...total.result(),
        talk: handled ? talk / handled : null,
        hold: handled ? hold / handled : null,
        wrap: handled ? wrap / handled : null,
      }),
    };
  },
};

/**
 * Average handle time: talk + hold + after-call work (wrap) per handled contact, in ms, with each
 * component's mean.
 *
 * Source: ICMI, "Average Handle Time" — (total talk + total hold + total after-call work) / calls
 * handled.
 *
 * @param contacts - contact records (`talkTime`, `holdTime`, `wrapTime` in ms).
 * @param options - `statistic` (`mean` | `p50` | `p90`), `onInvalid`.
 * @returns the time statistics plus `talk`, `hold`, `wrap` means.
 *
 * @example
 * ```ts
 * import { aht } from 'tandem-cx/metrics';
 * const calls = [{ offeredAt: 0, answeredAt: 1000, talkTime: 240000, holdTime: 30000, wrapTime: 60000 }, { offeredAt: 0, answeredAt: 1000, talkTime: 180000, wrapTime: 30000 }];
 * aht(calls); // => { value: 270000, talk: 210000, hold: 15000, wrap: 45000, n: 2 }
 * ```
 */
export function aht(contacts: Iterable<ContactRecordInput>, options?: AhtOptions): WithSkipped<AhtResult> {
  return runMetric(ahtMetric, contacts, options);
}

// ---------------------------------------------------------------- ASA

/** Options of {@link asa}. */
export const AsaOptionsSchema = BaseOptionsSchema.extend({ statistic: TimeStatisticSchema });
/** Options of {@link asa}. */
export type AsaOptions = z.input<typeof AsaOptionsSchema>;

/** ASA definition (ICMI). */
export const asaMetric: MetricDefinition<'contact', z.output<typeof AsaOptionsSchema>, TimeMetricResult> = {
  name: 'asa',
  kind: 'contact',
  aggregate: 'mean',
  unit: 'ms',
  source: 'ICMI: ASA = total time answered contacts waited in queue / number of answered contacts',
  optionsSchema: AsaOptionsSchema,
  create(options, env) {
    const acc = createDurationAccumulator(options.statistic, env.keepValues);
    return {
      add(f) {
        if (!Number.isNaN(f.answeredAt)) acc.push(f.answeredAt - f.offeredAt);
        else if (Number.isNaN(f.abandonedAt)) acc.miss();
      },
      result: () => acc.result(),
    };
  },
};

/**
 * Average speed of answer: mean queue wait of answered contacts (`answeredAt − offeredAt`), in ms.
 * Abandoned contacts are not part of ASA; contacts neither answered nor abandoned are `missing`.
 *
 * Source: ICMI, "Average Speed of Answer".
 *
 * @example
 * ```ts
 * import { asa } from 'tandem-cx/metrics';
 * asa([{ offeredAt: 0, answeredAt: 10000 }, { offeredAt: 0, answeredAt: 30000 }, { offeredAt: 0, abandonedAt: 5000 }]); // => { value: 20000, n: 2 }
 * ```
 */
export function asa(
  contacts: Iterable<ContactRecordInput>,
  options?: AsaOptions,
): WithSkipped<TimeMetricResult> {
  return runMetric(asaMetric, contacts, options);
}

// ---------------------------------------------------------------- Service level

/** Options of {@link serviceLevel}. */
export const ServiceLevelOptionsSchema = BaseOptionsSchema.extend({
  /** Answer-time threshold; default 20 s (the "80/20" convention, ICMI). */
  threshold: DurationSchema.default(20_000),
  /**
   * How abandoned contacts count (ICMI lists these four):
   * - `missed` (default): A_T / (A + Ab) — every abandon is a miss;
   * - `exclude`: A_T / A — abandons ignored;
   * - `excludeShort`: A_T / (A + Ab after T) — abandons within the threshold ignored;
   * - `met`: (A_T + Ab within T) / (A + Ab) — abandons within the threshold count as met.
   */
  abandons: z.enum(['missed', 'exclude', 'excludeShort', 'met']).default('missed'),
  /** Abandons quicker than this are dropped entirely ("ghost" calls). Default 0 (none dropped). */
  shortAbandon: DurationSchema.default(0),
});
/** Options of {@link serviceLevel}. */
export type ServiceLevelOptions = z.input<typeof ServiceLevelOptionsSchema>;

/** Result of {@link serviceLevel}. */
export interface ServiceLevelResult extends MetricResultBase {
  value: number | null;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  abandonedWithin: number;
  /** Abandons shorter than `shortAbandon`, left out. */
  shortAbandons: number;
  /** Contacts neither answered nor abandoned. */
  missing: number;
}

/** Service level definition (ICMI). */
export const serviceLevelMetric: MetricDefinition<
  'contact',
  z.output<typeof ServiceLevelOptionsSchema>,
  ServiceLevelResult
> = {
  name: 'serviceLevel',
  kind: 'contact',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'ICMI (B. Cleveland, Call Center Management on Fast Forward): % of contacts answered within T seconds; four treatments of abandoned contacts',
  optionsSchema: ServiceLevelOptionsSchema,
  create(options) {
    let answered = 0;
    let answeredWithin = 0;
    let abandoned = 0;
    let abandonedWithin = 0;
    let shortAbandons = 0;
    let missing = 0;
    return {
      add(f) {
        if (!Number.isNaN(f.answeredAt)) {
          answered++;
          if (f.answeredAt - f.offeredAt <= options.threshold) answeredWithin++;
        } else if (!Number.isNaN(f.abandonedAt)) {
          const waited = f.abandonedAt - f.offeredAt;
          if (waited < options.shortAbandon) shortAbandons++;
          else {
            abandoned++;
            if (waited <= options.threshold) abandonedWithin++;
          }
        } else missing++;
      },
      result() {
        let numerator = answeredWithin;
        let n = answered + abandoned;
        if (options.abandons === 'exclude') n = answered;
        else if (options.abandons === 'excludeShort') n = answered + abandoned - abandonedWithin;
        else if (options.abandons === 'met') numerator += abandonedWithin;
        return {
          value: n ? numerator / n : null,
          n,
          answered,
          answeredWithin,
          abandoned,
          abandonedWithin,
          shortAbandons,
          missing,
        };
      },
    };
  },
};

/**
 * Service level: the share of contacts answered within a threshold (default 20 s), with a
 * configurable treatment of abandoned contacts (see {@link ServiceLevelOptionsSchema}).
 *
 * Source: ICMI / B. Cleveland, "Call Center Management on Fast Forward" — service level
 * calculation alternatives.
 *
 * @example
 * ```ts
 * import { serviceLevel } from 'tandem-cx/metrics';
 * const calls = [{ offeredAt: 0, answeredAt: 5000 }, { offeredAt: 0, answeredAt: 30000 }, { offeredAt: 0, abandonedAt: 10000 }, { offeredAt: 0, answeredAt: 15000 }];
 * serviceLevel(calls, { threshold: '20s' }); // => { value: 0.5, n: 4 }
 * serviceLevel(calls, { threshold: '20s', abandons: 'exclude' }).value; // => 0.6667
 * ```
 */
export function serviceLevel(
  contacts: Iterable<ContactRecordInput>,
  options?: ServiceLevelOptions,
): WithSkipped<ServiceLevelResult> {
  return runMetric(serviceLevelMetric, contacts, options);
}

// ---------------------------------------------------------------- Abandonment

/** Options of {@link abandonmentRate}. */
export const AbandonmentOptionsSchema = BaseOptionsSchema.extend({
  /** Abandons quicker than this are left out of numerator and denominator. Default 0. */
  shortAbandon: DurationSchema.default(0),
});
/** Options of {@link abandonmentRate}. */
export type AbandonmentOptions = z.input<typeof AbandonmentOptionsSchema>;

/** Abandonment rate definition (ICMI). */
export const abandonmentRateMetric: MetricDefinition<
  'contact',
  z.output<typeof AbandonmentOptionsSchema>,
  RateResult
> = {
  name: 'abandonmentRate',
  kind: 'contact',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'ICMI: abandonment rate = abandoned contacts / contacts offered (optionally excluding short abandons)',
  optionsSchema: AbandonmentOptionsSchema,
  create(options) {
    let count = 0;
    let n = 0;
    return {
      add(f) {
        if (!Number.isNaN(f.abandonedAt)) {
          if (f.abandonedAt - f.offeredAt < options.shortAbandon) return;
          count++;
          n++;
        } else if (!Number.isNaN(f.answeredAt)) n++;
      },
      result: () => ({ value: n ? count / n : null, n, count }),
    };
  },
};

/**
 * Abandonment rate: abandoned / offered contacts (contacts still waiting are not counted).
 *
 * Source: ICMI, "Abandoned call rate".
 *
 * @example
 * ```ts
 * import { abandonmentRate } from 'tandem-cx/metrics';
 * abandonmentRate([{ offeredAt: 0, answeredAt: 5000 }, { offeredAt: 0, abandonedAt: 2000 }, { offeredAt: 0, abandonedAt: 40000 }, { offeredAt: 0, answeredAt: 9000 }]); // => { value: 0.5, count: 2, n: 4 }
 * ```
 */
export function abandonmentRate(
  contacts: Iterable<ContactRecordInput>,
  options?: AbandonmentOptions,
): WithSkipped<RateResult> {
  return runMetric(abandonmentRateMetric, contacts, options);
}
