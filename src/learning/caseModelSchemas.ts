import { z } from 'zod';
import { InstantSchema } from '../model/schemas';

/** One event of an event log: which case, which activity, when (ISO string, `Date` or epoch ms). */
export const CaseEventSchema = z.object({
  caseId: z.union([z.string().min(1), z.number()], { error: 'must be a non-empty string or a number' }),
  activity: z.string().min(1, 'must be a non-empty string'),
  at: InstantSchema,
});
/** An event of the log as callers may pass it. */
export type CaseEventInput = z.input<typeof CaseEventSchema>;

/** One step of a running case passed to `predict`: which activity, when. */
export const CaseStepSchema = z.object({
  activity: z.string().min(1, 'must be a non-empty string'),
  at: InstantSchema,
});
/** A step of a running case as callers may pass it. */
export type CaseStepInput = z.input<typeof CaseStepSchema>;

const positive = z.number().positive().finite();

/**
 * Options of `trainCaseModel`. Defaults were chosen on a validation part carved from the training
 * two thirds of BPI Challenge 2013 incidents (docs/learning.md § Case model), never on its test third.
 */
export const TrainCaseModelOptionsSchema = z.strictObject({
  /** Longest activity n-gram (last k steps) used as a feature of the next-activity model. */
  maxOrder: z.number().int().min(1).max(6).default(3),
  /** Passes of the logistic model over the training prefixes. */
  epochs: z.number().int().min(1).max(50).default(3),
  /** AdaGrad base learning rate (Duchi, Hazan & Singer 2011). */
  learningRate: positive.default(0.1),
  /** L2 penalty per update (0 = none). */
  l2: z.number().min(0).finite().default(0),
  /** Hour of day (4 blocks) and weekday features, in the calendar's time zone (UTC without one). */
  hourAndWeekday: z.boolean().default(false),
  /**
   * Half-life of a training case's weight in the remaining-time distributions, counted back from
   * the latest event of the log to the case's first event: recent cases count more when the
   * process drifts. `null` = every case counts the same.
   */
  halfLifeMs: positive.nullable().default(null),
  /** A remaining-time state is used when its effective sample size (Kish) reaches this; else back off. */
  minSupport: positive.default(20),
  /** Drop next-activity features seen fewer times than this in training. */
  minFeatureCount: z.number().int().min(1).default(2),
  /** Decimals kept in the stored weights (smaller JSON; predictions use the stored values). */
  precision: z.number().int().min(2).max(12).default(4),
  /** Business calendar: time since the last step and elapsed time are then counted in open hours. */
  calendar: z
    .custom<import('../calendar/types').BusinessCalendar>(
      (v) =>
        typeof v === 'object' &&
        v !== null &&
        typeof (v as { businessTimeBetween?: unknown }).businessTimeBetween === 'function' &&
        typeof (v as { timeZone?: unknown }).timeZone === 'string',
      { message: 'must be a BusinessCalendar (createBusinessCalendar or ALWAYS_OPEN)' },
    )
    .optional(),
});
/** Options of `trainCaseModel` as callers pass them. */
export type TrainCaseModelOptions = z.input<typeof TrainCaseModelOptionsSchema>;

/** The quantile levels stored for every remaining-time state (every 5 %). */
export const REMAINING_QUANTILE_LEVELS = [
  0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95,
] as const;

/** The format name written in every case-model JSON. */
export const CASE_MODEL_FORMAT = 'tandem-cx/case-model';
/** The format version this build writes and reads. */
export const CASE_MODEL_VERSION = 1;

const finite = z.number().finite();
const StateSchema = z.strictObject({
  n: z.number().min(0).finite(),
  q: z
    .array(z.number().min(0).finite())
    .length(REMAINING_QUANTILE_LEVELS.length)
    .refine((q) => q.every((v, i) => i === 0 || v >= q[i - 1]!), 'quantiles must not decrease'),
});

/** The JSON form of a case model (`model.toJSON()`), checked by `loadCaseModel`. */
export const CaseModelJsonSchema = z.strictObject({
  format: z.literal(CASE_MODEL_FORMAT),
  version: z.literal(CASE_MODEL_VERSION, {
    error: `unsupported version (this build reads ${CASE_MODEL_VERSION})`,
  }),
  checksum: z.string().regex(/^[0-9a-f]{8}$/, 'must be 8 hex digits'),
  settings: z.strictObject({
    maxOrder: z.number().int().min(1).max(6),
    hourAndWeekday: z.boolean(),
    timeZone: z.string().nullable(),
    businessTime: z.boolean(),
    minSupport: z.number().positive().finite(),
  }),
  /** Classes of the next-activity model: `null` (the case ends) first, then activities sorted. */
  classes: z.array(z.string().nullable()).min(2),
  /** Feature → one weight per class. */
  weights: z.record(z.string(), z.array(finite)),
  remaining: z.strictObject({
    levels: z.array(z.strictObject({ name: z.string(), states: z.record(z.string(), StateSchema) })),
    global: StateSchema,
  }),
  trainedOn: z.strictObject({ cases: z.number().int().min(1), events: z.number().int().min(1) }),
});
/** The JSON form of a case model. */
export type CaseModelJson = z.infer<typeof CaseModelJsonSchema>;
