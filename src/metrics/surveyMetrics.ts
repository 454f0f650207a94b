import { z } from 'zod';
import {
  type Accumulator,
  type MetricDefinition,
  type MetricResultBase,
  runMetric,
  type SurveyFacts,
  type WithSkipped,
} from './_engine';
import { BaseOptionsSchema, type SurveyResponseInput } from './schemas';

function checkScale(facts: SurveyFacts, min: number, max: number, integer: boolean) {
  const r = facts.rating;
  if (Number.isNaN(r)) return null;
  if (r < min || r > max || (integer && !Number.isInteger(r)))
    return { field: 'rating', message: `rating ${r} is outside the ${min}–${max} scale` };
  return null;
}

// ---------------------------------------------------------------- CSAT

/** Options of {@link csat}. */
export const CsatOptionsSchema = BaseOptionsSchema.extend({
  /** Rating scale, inclusive. Default 1–5 (Delighted, Zendesk). */
  scale: z.tuple([z.number(), z.number()]).default([1, 5]),
  /** Ratings that count as satisfied. Default 4 and 5 (Delighted: "a 4 or a 5"). */
  satisfied: z.array(z.number()).min(1).default([4, 5]),
});
/** Options of {@link csat}. */
export type CsatOptions = z.input<typeof CsatOptionsSchema>;

/** Result of {@link csat}. */
export interface CsatResult extends MetricResultBase {
  /** Satisfied share, 0..1; null without answers. */
  value: number | null;
  /** Whole percent, rounded half up as Delighted does (74/107 → 69). */
  percent: number | null;
  satisfied: number;
  /** Answers (null ratings excluded). */
  n: number;
  /** Responses whose rating is null (question skipped). */
  missing: number;
}

/** CSAT definition (Delighted). */
export const csatMetric: MetricDefinition<'survey', z.output<typeof CsatOptionsSchema>, CsatResult> = {
  name: 'csat',
  kind: 'survey',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'Delighted, "How is CSAT calculated?": satisfied (4 or 5) / all responses × 100, rounded to a whole number',
  optionsSchema: CsatOptionsSchema,
  check: (f, o) => checkScale(f, o.scale[0], o.scale[1], false),
  create(options): Accumulator<SurveyFacts, CsatResult> {
    const satisfiedSet = new Set(options.satisfied);
    let satisfied = 0;
    let n = 0;
    let missing = 0;
    return {
      add(f) {
        if (Number.isNaN(f.rating)) {
          missing++;
          return;
        }
        n++;
        if (satisfiedSet.has(f.rating)) satisfied++;
      },
      result() {
        const value = n ? satisfied / n : null;
        // Delighted: "CSAT always rounds to a whole number": 74/107 × 100 = 69.16 → 69.
        return { value, percent: value === null ? null : Math.round(value * 100), satisfied, n, missing };
      },
    };
  },
};

/**
 * Customer satisfaction score: the share of answers in the satisfied set (default 4–5 on 1–5).
 *
 * Source: Delighted, "How is CSAT calculated?" — satisfied responses / all responses × 100,
 * rounded to a whole percent (their example: 74 of 107 → 69).
 *
 * @param responses - ratings as numbers, `{ rating }` objects (`rating: null` = skipped), any iterable.
 * @param options - `scale` (default `[1, 5]`), `satisfied` (default `[4, 5]`), `onInvalid`.
 * @returns `{ value (0..1 | null), percent, satisfied, n, missing, skipped }`.
 * @throws {@link TandemError} `INVALID_INPUT` for a rating outside the scale (unless `onInvalid: 'skip'`).
 *
 * @example
 * ```ts
 * import { csat } from 'tandem-cx/metrics';
 * csat([5, 4, 2, { rating: 5 }], { satisfied: [4, 5] }); // => { value: 0.75, percent: 75, satisfied: 3, n: 4 }
 * csat([]); // => { value: null, percent: null, n: 0 }
 * ```
 */
export function csat(
  responses: Iterable<SurveyResponseInput>,
  options?: CsatOptions,
): WithSkipped<CsatResult> {
  return runMetric(csatMetric, responses, options);
}

// ---------------------------------------------------------------- NPS

/** Options of {@link nps}. */
export const NpsOptionsSchema = BaseOptionsSchema;
/** Options of {@link nps}. */
export type NpsOptions = z.input<typeof NpsOptionsSchema>;

/** Result of {@link nps}. */
export interface NpsResult extends MetricResultBase {
  /** % promoters − % detractors, −100..100 (not rounded); null without answers. */
  value: number | null;
  /** `value` rounded to a whole number, as NPS is usually reported. */
  rounded: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  n: number;
  missing: number;
}

/** NPS definition (Reichheld / Bain). */
export const npsMetric: MetricDefinition<'survey', z.output<typeof NpsOptionsSchema>, NpsResult> = {
  name: 'nps',
  kind: 'survey',
  aggregate: 'net_score',
  unit: 'score',
  source:
    'Reichheld (2003) "The One Number You Need to Grow", HBR; Bain & Company: promoters 9–10, passives 7–8, detractors 0–6; NPS = %promoters − %detractors',
  optionsSchema: NpsOptionsSchema,
  check: (f) => checkScale(f, 0, 10, true),
  create(): Accumulator<SurveyFacts, NpsResult> {
    let promoters = 0;
    let passives = 0;
    let detractors = 0;
    let missing = 0;
    return {
      add(f) {
        const r = f.rating;
        if (Number.isNaN(r)) missing++;
        else if (r >= 9) promoters++;
        else if (r >= 7) passives++;
        else detractors++;
      },
      result() {
        const n = promoters + passives + detractors;
        const value = n ? ((promoters - detractors) / n) * 100 : null;
        return {
          value,
          rounded: value === null ? null : Math.round(value),
          promoters,
          passives,
          detractors,
          n,
          missing,
        };
      },
    };
  },
};

/**
 * Net Promoter Score on the 0–10 "how likely are you to recommend" scale: % promoters (9–10)
 * minus % detractors (0–6).
 *
 * Source: F. Reichheld, "The One Number You Need to Grow", Harvard Business Review (2003); Bain &
 * Company's Net Promoter System.
 *
 * @param responses - ratings 0–10 as numbers or `{ rating }` objects.
 * @param options - `onInvalid`.
 * @returns `{ value (−100..100 | null), rounded, promoters, passives, detractors, n, missing, skipped }`.
 * @throws {@link TandemError} `INVALID_INPUT` for a rating that is not an integer 0–10.
 *
 * @example
 * ```ts
 * import { nps } from 'tandem-cx/metrics';
 * nps([10, 9, 7, 3]); // => { value: 25, promoters: 2, passives: 1, detractors: 1, n: 4 }
 * ```
 */
export function nps(responses: Iterable<SurveyResponseInput>, options?: NpsOptions): WithSkipped<NpsResult> {
  return runMetric(npsMetric, responses, options);
}

// ---------------------------------------------------------------- CES

/** Options of {@link ces}. */
export const CesOptionsSchema = BaseOptionsSchema.extend({
  /** Number of points; default 7 (Gartner CES 2.0, 1 = strongly disagree … 7 = strongly agree). */
  points: z.number().int().min(2).default(7),
  /** Lowest rating that counts as low effort ("agree"). Default 5 on the 7-point scale. */
  lowEffortFrom: z.number().optional(),
});
/** Options of {@link ces}. */
export type CesOptions = z.input<typeof CesOptionsSchema>;

/** Result of {@link ces}. */
export interface CesResult extends MetricResultBase {
  /** Mean rating (1..points); null without answers. */
  value: number | null;
  /** Share of answers at or above `lowEffortFrom` (somewhat agree … strongly agree), 0..1. */
  lowEffortShare: number | null;
  lowEffort: number;
  n: number;
  missing: number;
}

/** CES definition (Gartner CES 2.0). */
export const cesMetric: MetricDefinition<'survey', z.output<typeof CesOptionsSchema>, CesResult> = {
  name: 'ces',
  kind: 'survey',
  aggregate: 'mean',
  unit: 'score',
  source:
    'Gartner (CEB) Customer Effort Score 2.0: "The organisation made it easy for me to handle my issue", 1 strongly disagree – 7 strongly agree; mean score and share agreeing (5–7)',
  optionsSchema: CesOptionsSchema,
  check: (f, o) => checkScale(f, 1, o.points, true),
  create(options): Accumulator<SurveyFacts, CesResult> {
    // Gartner CES 2.0 on 7 points: 5–7 are the "agree" answers; on other scales, the upper part
    // above the midpoint.
    const from = options.lowEffortFrom ?? Math.floor((options.points + 1) / 2) + 1;
    let sum = 0;
    let n = 0;
    let lowEffort = 0;
    let missing = 0;
    return {
      add(f) {
        if (Number.isNaN(f.rating)) {
          missing++;
          return;
        }
        n++;
        sum += f.rating;
        if (f.rating >= from) lowEffort++;
      },
      result: () => ({
        value: n ? sum / n : null,
        lowEffortShare: n ? lowEffort / n : null,
        lowEffort,
        n,
        missing,
      }),
    };
  },
};

/**
 * Customer Effort Score on Gartner's 7-point agreement scale ("The company made it easy for me to
 * handle my issue"): the mean rating, plus the share of low-effort answers (5–7).
 *
 * Source: Gartner (formerly CEB), Customer Effort Score 2.0; Dixon, Toman & DeLisi, "The Effortless
 * Experience" (2013).
 *
 * @param responses - ratings 1–7 as numbers or `{ rating }` objects.
 * @param options - `points` (default 7), `lowEffortFrom` (default 5 on 7 points), `onInvalid`.
 * @returns `{ value (mean | null), lowEffortShare, lowEffort, n, missing, skipped }`.
 * @throws {@link TandemError} `INVALID_INPUT` for a rating outside 1..points.
 *
 * @example
 * ```ts
 * import { ces } from 'tandem-cx/metrics';
 * ces([7, 6, 5, 2]); // => { value: 5, lowEffortShare: 0.75, n: 4 }
 * ```
 */
export function ces(responses: Iterable<SurveyResponseInput>, options?: CesOptions): WithSkipped<CesResult> {
  return runMetric(cesMetric, responses, options);
}
