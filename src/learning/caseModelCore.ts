// The case model's shared engine: prefix features (used identically by training and prediction),
// the prediction itself, canonical JSON and its checksum. Not exported from the package.
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { hashString } from '../_internal/random';
import type { BusinessCalendar } from '../calendar/types';
import { parseWithSchema, TandemError } from '../model/errors';
import {
  type CaseModelJson,
  type CaseStepInput,
  CaseStepSchema,
  REMAINING_QUANTILE_LEVELS,
} from './caseModelSchemas';
import { canonicalJson } from './codec';

/** Separates activities inside one feature or state key (a character activity names rarely hold). */
export const SEP = '\u001f';

/** Settings that decide how a prefix is turned into features; stored in the model JSON. */
export type CaseModelSettings = CaseModelJson['settings'];

/** A case's steps as parallel arrays, sorted by time. */
export interface Steps {
  activities: string[];
  times: number[];
}

/**
 * Logarithmic time bucket: 0 for no time, else 1 + ⌊log₂(minutes + 1)⌋ — doubling widths, so a
 * minute and an hour, or a day and a week, land in different buckets. A design choice (durations
 * in support logs span seconds to months), not tuned: base 4 instead scored the same on validation.
 */
export function timeBucket(ms: number): number {
  return ms <= 0 ? 0 : 1 + Math.floor(Math.log2(ms / 60_000 + 1));
}

/** Coarser bucket (base 4) for the remaining-time states, which need more samples per state. */
export function coarseBucket(ms: number): number {
  return timeBucket(ms) >> 1;
}

/** Per-position durations: time since the previous step and since the first step (business time with a calendar). */
export function durations(
  steps: Steps,
  calendar: BusinessCalendar | undefined,
): { since: Float64Array; elapsed: Float64Array } {
  const n = steps.times.length;
  const since = new Float64Array(n);
  const elapsed = new Float64Array(n);
  const t = steps.times;
  for (let i = 1; i < n; i++) {
    if (calendar) {
      since[i] = calendar.businessTimeBetween(new Date(t[i - 1]!), new Date(t[i]!));
      elapsed[i] = elapsed[i - 1]! + since[i]!;
    } else {
      since[i] = t[i]! - t[i - 1]!;
      elapsed[i] = t[i]! - t[0]!;
    }
  }
  return { since, elapsed };
}

/**
 * The features of the prefix ending at position `i` (inclusive). `counts` holds how often each
 * activity occurred in positions 0..i (the caller keeps it up to date while walking a case).
 */
export function prefixFeatures(
  steps: Steps,
  i: number,
  since: number,
  elapsed: number,
  counts: ReadonlyMap<string, number>,
  settings: CaseModelSettings,
): string[] {
  const a = steps.activities;
  const out: string[] = ['bias'];
  let gram = '';
  for (let k = 1; k <= settings.maxOrder && i - k + 1 >= 0; k++) {
    gram = k === 1 ? a[i]! : `${a[i - k + 1]!}${SEP}${gram}`;
    out.push(`a${k}:${gram}`);
  }
  const s = timeBucket(since);
  out.push(`s:${s}`, `s1:${s}${SEP}${a[i]!}`, `e:${timeBucket(elapsed)}`, `n:${Math.min(i + 1, 15)}`);
  // Repetitions matter in support processes (re-opened, re-assigned): count of each activity, capped.
  for (const [activity, c] of counts) out.push(`c:${Math.min(c, 3)}${SEP}${activity}`);
  if (settings.hourAndWeekday) {
    const at = steps.times[i]!;
    const local = settings.timeZone ? new TZDate(at, settings.timeZone) : new Date(at);
    const hour = settings.timeZone ? local.getHours() : local.getUTCHours();
    const day = settings.timeZone ? local.getDay() : local.getUTCDay();
    out.push(`h:${hour >> 2}`, `w:${day}`);
  }
  return out;
}

/** The remaining-time state keys of a prefix, most specific first (matching `remaining.levels`). */
export function remainingKeys(lastActivity: string, elapsed: number): string[] {
  const e = coarseBucket(elapsed);
  return [`${lastActivity}${SEP}${e}`, `${e}`];
}

/** Names of the remaining-time back-off levels, most specific first. */
export const REMAINING_LEVEL_NAMES = ['last activity + elapsed time', 'elapsed time'] as const;

/** FNV-1a of the canonical JSON of everything but `format`, `version` and `checksum`, as 8 hex digits. */
export function checksumOf(body: Omit<CaseModelJson, 'format' | 'version' | 'checksum'>): string {
  return hashString(canonicalJson(body)).toString(16).padStart(8, '0');
}

/** One candidate next activity; `null` means the case ends after the last step. */
export interface NextActivity {
  activity: string | null;
  probability: number;
}

/** Why the case model predicted what it did (with `{ explain: true }`). */
export interface CaseModelTrace {
  /**
   * Each feature of the prefix, whether the model has a weight for it, and that weight for the
   * most probable next activity (`weight`, 0 when unknown): positive pushes towards it.
   */
  features: Array<{ feature: string; known: boolean; weight: number }>;
  /** The remaining-time state used and its effective sample size. */
  remaining: { level: string; state: string; support: number };
  /** True when the steps were not in time order and were sorted (stably). */
  sorted: boolean;
}

/** What {@link CaseModel.predict} returns. */
export interface CasePrediction {
  /** Every possible next activity with its probability, most probable first (probabilities sum to 1). */
  next: NextActivity[];
  /** Point estimate of the time from the last step to the end of the case: the median (it minimises absolute error). */
  remainingMs: number;
  /** Quantiles of the remaining time (ms from the last step). */
  remainingQuantilesMs: { p10: number; p50: number; p90: number };
  /** With `deadline`: estimated probability that the case ends after it (0..1). */
  breachProbability?: number;
  /** With `explain: true`. */
  trace?: CaseModelTrace;
}

/** Options of {@link CaseModel.predict}. */
export interface CasePredictOptions {
  /** Return a trace of the features and the remaining-time state used. */
  explain?: boolean;
  /** A deadline (e.g. the SLA's due time): adds `breachProbability`, the chance the case ends after it. */
  deadline?: Date | string | number;
}

/** A fitted case model. */
export interface CaseModel {
  /** The activities seen in training, sorted. */
  readonly activities: readonly string[];
  /** Predicts the next activity and the remaining time of a running case from its steps so far. */
  predict(steps: readonly CaseStepInput[], options?: CasePredictOptions): CasePrediction;
  /** Plain JSON (format name, version, checksum) for `loadCaseModel`. */
  toJSON(): CaseModelJson;
}

const PredictOptionsSchema = z.strictObject({
  explain: z.boolean().optional(),
  deadline: z
    .union([z.date(), z.string(), z.number()])
    .transform((v, ctx) => {
      const d = v instanceof Date ? v : new Date(v);
      if (Number.isNaN(d.getTime())) {
        ctx.addIssue({ code: 'custom', message: `not a valid date/time: ${JSON.stringify(v)}` });
        return z.NEVER;
      }
      return d.getTime();
    })
    .optional(),
});
const StepsSchema = z.array(CaseStepSchema).min(1, 'a case needs at least one step');

/**
 * P(remaining > budget) from the stored quantile function, read as a piecewise-linear CDF
 * (linear interpolation between quantile points, as in Hyndman & Fan 1996 type 4): linear between
 * the stored 5 %-levels; below the 5 % quantile a ramp from 0 ms (CDF 0) to it; beyond the 95 %
 * quantile the last 5 % spread linearly up to twice that quantile (no sample tells more).
 */
export function exceedanceProbability(q: readonly number[], budget: number): number {
  if (budget < 0) return 1;
  const levels = REMAINING_QUANTILE_LEVELS;
  const first = q[0]!;
  if (budget < first) return 1 - levels[0]! * (first > 0 ? budget / first : 1);
  for (let i = 1; i < q.length; i++) {
    const lo = q[i - 1]!;
    const hi = q[i]!;
    if (budget < hi) {
      const f = hi > lo ? (budget - lo) / (hi - lo) : 1;
      return 1 - (levels[i - 1]! + f * (levels[i]! - levels[i - 1]!));
    }
  }
  const last = q[q.length - 1]!;
  if (budget >= 2 * last || last === 0) return 0;
  return (1 - levels[levels.length - 1]!) * (1 - (budget - last) / last);
}

/** Builds the prediction function over a validated model JSON. */
export function createCaseModel(json: CaseModelJson, calendar: BusinessCalendar | undefined): CaseModel {
  const { settings, classes, weights } = json;
  const C = classes.length;
  const levels = json.remaining.levels;
  const activities = classes.filter((c): c is string => c !== null);
  const model: CaseModel = {
    activities,
    predict(stepsInput, options = {}) {
      const opts = parseWithSchema(PredictOptionsSchema, options, {
        module: 'learning',
        what: 'predict options',
        pathPrefix: ['options'],
      });
      const { steps: sorted, wasSorted } = sortSteps(readSteps(stepsInput));
      const i = sorted.activities.length - 1;
      const { since, elapsed } = durations(sorted, calendar);
      const counts = new Map<string, number>();
      for (const a of sorted.activities) counts.set(a, (counts.get(a) ?? 0) + 1);
      const features = prefixFeatures(sorted, i, since[i]!, elapsed[i]!, counts, settings);
      const z = new Float64Array(C);
      for (const f of features) {
        const w = weights[f];
        if (w) for (let c = 0; c < C; c++) z[c]! += w[c]!;
      }
      const next = softmax(z, classes);
      const keys = remainingKeys(sorted.activities[i]!, elapsed[i]!);
      let state = json.remaining.global;
      let level = 'global';
      let stateKey = '';
      for (let l = 0; l < levels.length; l++) {
        const s = levels[l]!.states[keys[l]!];
        if (s && s.n >= settings.minSupport) {
          state = s;
          level = levels[l]!.name;
          stateKey = keys[l]!;
          break;
        }
      }
      const q = state.q;
      const result: CasePrediction = {
        next,
        remainingMs: q[9]!,
        remainingQuantilesMs: { p10: q[1]!, p50: q[9]!, p90: q[17]! },
      };
      if (opts.deadline !== undefined) {
        result.breachProbability = exceedanceProbability(q, opts.deadline - sorted.times[i]!);
      }
      if (opts.explain) {
        result.trace = {
          features: features.map((feature) => {
            const row = weights[feature];
            return {
              feature,
              known: row !== undefined,
              weight: row ? row[classes.indexOf(next[0]!.activity)]! : 0,
            };
          }),
          remaining: { level, state: stateKey, support: state.n },
          sorted: wasSorted,
        };
      }
      return result;
    },
    toJSON() {
      return structuredClone(json);
    },
  };
  return Object.freeze(model);
}

function softmax(z: Float64Array, classes: readonly (string | null)[]): NextActivity[] {
  let max = -Infinity;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  const e = new Float64Array(z.length);
  for (let c = 0; c < z.length; c++) {
    e[c] = Math.exp(z[c]! - max);
    sum += e[c]!;
  }
  const out = classes.map((activity, c) => ({ activity, probability: e[c]! / sum, c }));
  out.sort((a, b) => b.probability - a.probability || a.c - b.c);
  return out.map(({ activity, probability }) => ({ activity, probability }));
}

/**
 * The steps as `{ activity, at: ms }`. Well-formed input takes a direct path (no zod on the hot
 * path: it was 30–50 % of a prediction); anything else goes through {@link StepsSchema}, which
 * throws the TandemError naming the bad step. Both accept exactly the same inputs.
 */
function readSteps(input: readonly CaseStepInput[]): Array<{ activity: string; at: number }> {
  if (Array.isArray(input) && input.length > 0) {
    const out: Array<{ activity: string; at: number }> = [];
    for (const step of input) {
      if (typeof step !== 'object' || step === null) break;
      const { activity, at } = step;
      if (typeof activity !== 'string' || activity.length === 0) break;
      const ms =
        at instanceof Date
          ? at.getTime()
          : typeof at === 'string' || typeof at === 'number'
            ? new Date(at).getTime()
            : Number.NaN;
      if (Number.isNaN(ms)) break;
      out.push({ activity, at: ms });
    }
    if (out.length === input.length) return out;
  }
  const steps = parseWithSchema(StepsSchema, input, {
    module: 'learning',
    what: 'case steps',
    pathPrefix: ['steps'],
  });
  return steps.map((s) => ({ activity: s.activity, at: s.at.getTime() }));
}

/** Sorts steps by time, stably (ties keep their input order); says whether anything moved. */
export function sortSteps(steps: Array<{ activity: string; at: number }>): {
  steps: Steps;
  wasSorted: boolean;
} {
  let inOrder = true;
  for (let i = 1; i < steps.length; i++) if (steps[i]!.at < steps[i - 1]!.at) inOrder = false;
  const ordered = inOrder
    ? steps
    : steps.map((s, i) => ({ ...s, i })).sort((a, b) => a.at - b.at || a.i - b.i);
  return {
    steps: { activities: ordered.map((s) => s.activity), times: ordered.map((s) => s.at) },
    wasSorted: !inOrder,
  };
}

/** The TandemError for a model JSON whose settings need a calendar that was not given (or the wrong one). */
export function calendarMismatch(message: string): TandemError {
  return new TandemError({ code: 'INVALID_INPUT', module: 'learning', path: 'options.calendar', message });
}
