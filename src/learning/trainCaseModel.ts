import { z } from 'zod';
import { parseWithSchema, TandemError } from '../model/errors';
import {
  type CaseModel,
  checksumOf,
  createCaseModel,
  durations,
  prefixFeatures,
  REMAINING_LEVEL_NAMES,
  remainingKeys,
  type Steps,
  sortSteps,
} from './caseModelCore';
import {
  CASE_MODEL_FORMAT,
  CASE_MODEL_VERSION,
  type CaseEventInput,
  CaseEventSchema,
  type CaseModelJson,
  REMAINING_QUANTILE_LEVELS,
  type TrainCaseModelOptions,
  TrainCaseModelOptionsSchema,
} from './caseModelSchemas';

type Settings = z.output<typeof TrainCaseModelOptionsSchema>;

/**
 * The training prefixes, column-wise: feature ids (interned, `featureStart[i]..featureStart[i+1]`
 * in `featureIds`), next class, remaining time, last activity, elapsed time and case weight. Ids
 * instead of strings keep a log of a million events in tens of megabytes.
 */
interface Prefixes {
  names: string[];
  featureIds: Int32Array;
  featureStart: Int32Array;
  targets: Array<string | null>;
  remaining: Float64Array;
  lastActivity: string[];
  elapsed: Float64Array;
  weight: Float64Array;
}

/**
 * Learns from an event log the next activity of a running case (or that it ends) and its
 * remaining time, with quantiles for SLA risk.
 *
 * - Next activity: a multinomial logistic regression over the last 1..`maxOrder` activities,
 *   time since the last step and elapsed time (log buckets, in business time with `calendar`),
 *   counts of each activity so far, prefix length and, optionally, hour and weekday — trained by
 *   AdaGrad (Duchi, Hazan & Singer 2011) over the prefixes in log order: no randomness, so the
 *   same log gives the same model byte for byte.
 * - Remaining time: empirical quantiles (weighted by recency with `halfLifeMs`) of the training
 *   prefixes in the same state — last activity + elapsed-time bucket, backing off to the elapsed
 *   bucket and then to all prefixes when a state has fewer than `minSupport` (Kish effective) samples —
 *   an annotated transition system in the sense of van der Aalst, Schonenberg & Song (2011).
 *
 * Cases keep the order in which they first appear; within a case, events are sorted by time,
 * stably (events with the same time keep their input order).
 *
 * @param events - `[{ caseId, activity, at }]`, `at` as ISO string, `Date` or epoch ms.
 * @param options - see {@link TrainCaseModelOptions}; all optional.
 * @returns a frozen {@link CaseModel} with `predict(steps, { explain?, deadline? })` and `toJSON()`.
 * @throws {@link TandemError} `INVALID_INPUT` for an empty log or a bad event (`events[3].at`),
 *   `INVALID_CONFIG` for bad options.
 *
 * @example
 * ```ts
 * import { trainCaseModel } from 'tandem-cx/learning';
 * const log = ['T1', 'T2', 'T3'].flatMap((caseId, i) => [
 *   { caseId, activity: 'open', at: `2026-03-0${i + 2}T09:00:00Z` },
 *   { caseId, activity: 'resolved', at: `2026-03-0${i + 2}T11:00:00Z` },
 * ]);
 * const model = trainCaseModel(log, { minSupport: 1 });
 * model.predict([{ activity: 'open', at: '2026-03-10T09:00:00Z' }]).next[0].activity; // => 'resolved'
 * model.predict([{ activity: 'open', at: '2026-03-10T09:00:00Z' }]).remainingMs; // => 7200000
 * ```
 */
export function trainCaseModel(
  events: readonly CaseEventInput[],
  options: TrainCaseModelOptions = {},
): CaseModel {
  const settings = parseWithSchema(TrainCaseModelOptionsSchema, options, {
    module: 'learning',
    code: 'INVALID_CONFIG',
    what: 'trainCaseModel options',
    pathPrefix: ['options'],
  });
  const cases = groupCases(events);
  const prefixes = collectPrefixes(cases, settings);
  const { classes, weights } = fitNextActivity(prefixes, cases, settings);
  const remaining = fitRemaining(prefixes);
  const body: Omit<CaseModelJson, 'format' | 'version' | 'checksum'> = {
    settings: settingsForFeatures(settings),
    classes,
    weights,
    remaining,
    trainedOn: { cases: cases.length, events: events.length },
  };
  const json: CaseModelJson = {
    format: CASE_MODEL_FORMAT,
    version: CASE_MODEL_VERSION,
    checksum: checksumOf(body),
    ...body,
  };
  return createCaseModel(json, settings.calendar);
}

/** Step 1: validate the log and group it into cases (first-appearance order, stably time-sorted). */
function groupCases(events: readonly CaseEventInput[]): Steps[] {
  if (!Array.isArray(events) || events.length === 0) {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'events',
      message: 'the event log is empty: a case model needs at least one case',
    });
  }
  const parsed = parseWithSchema(z.array(CaseEventSchema), events, {
    module: 'learning',
    what: 'event log',
    pathPrefix: ['events'],
  });
  const byCase = new Map<string, Array<{ activity: string; at: number }>>();
  for (const e of parsed) {
    const key = `${typeof e.caseId}:${e.caseId}`;
    let list = byCase.get(key);
    if (!list) {
      list = [];
      byCase.set(key, list);
    }
    list.push({ activity: e.activity, at: e.at.getTime() });
  }
  return [...byCase.values()].map((steps) => sortSteps(steps).steps);
}

/** Step 2: every prefix of every case with its features, its next class and its remaining time. */
function collectPrefixes(cases: readonly Steps[], settings: Settings): Prefixes {
  let latest = -Infinity;
  let total = 0;
  for (const c of cases) {
    latest = Math.max(latest, c.times[c.times.length - 1]!);
    total += c.times.length;
  }
  const halfLife = settings.halfLifeMs;
  const featureSettings = settingsForFeatures(settings);
  const ids = new Map<string, number>();
  const names: string[] = [];
  let featureIds = new Int32Array(total * 16);
  let used = 0;
  const out: Prefixes = {
    names,
    featureIds,
    featureStart: new Int32Array(total + 1),
    targets: [],
    remaining: new Float64Array(total),
    lastActivity: [],
    elapsed: new Float64Array(total),
    weight: new Float64Array(total),
  };
  let row = 0;
  for (const steps of cases) {
    const { since, elapsed } = durations(steps, settings.calendar);
    const n = steps.activities.length;
    const end = steps.times[n - 1]!;
    // Recency weight of the whole case: 2^(−age / half-life), age from its first step to the log's end.
    const weight = halfLife === null ? 1 : 2 ** (-(latest - steps.times[0]!) / halfLife);
    const counts = new Map<string, number>();
    for (let i = 0; i < n; i++, row++) {
      const activity = steps.activities[i]!;
      counts.set(activity, (counts.get(activity) ?? 0) + 1);
      const features = prefixFeatures(steps, i, since[i]!, elapsed[i]!, counts, featureSettings);
      if (used + features.length > featureIds.length) {
        const grown = new Int32Array(Math.max(featureIds.length * 2, used + features.length));
        grown.set(featureIds);
        featureIds = grown;
      }
      for (const f of features) {
        let id = ids.get(f);
        if (id === undefined) {
          id = names.length;
          ids.set(f, id);
          names.push(f);
        }
        featureIds[used++] = id;
      }
      out.featureStart[row + 1] = used;
      out.targets.push(i + 1 < n ? steps.activities[i + 1]! : null);
      out.remaining[row] = end - steps.times[i]!;
      out.lastActivity.push(activity);
      out.elapsed[row] = elapsed[i]!;
      out.weight[row] = weight;
    }
  }
  out.featureIds = featureIds.subarray(0, used);
  return out;
}

/** The settings stored in the JSON (and used to compute features). */
function settingsForFeatures(settings: Settings): CaseModelJson['settings'] {
  return {
    maxOrder: settings.maxOrder,
    hourAndWeekday: settings.hourAndWeekday,
    timeZone: settings.calendar ? settings.calendar.timeZone : null,
    businessTime: settings.calendar !== undefined,
    minSupport: settings.minSupport,
  };
}

/** Step 3: the next-activity model — multinomial logistic regression, AdaGrad, prefixes in log order. */
function fitNextActivity(
  prefixes: Prefixes,
  cases: readonly Steps[],
  settings: Settings,
): { classes: Array<string | null>; weights: Record<string, number[]> } {
  const activities = [...new Set(cases.flatMap((c) => c.activities))].sort();
  const classes: Array<string | null> = [null, ...activities];
  const classIndex = new Map<string | null, number>(classes.map((c, i) => [c, i]));
  const { featureIds, featureStart } = prefixes;
  const seen = new Int32Array(prefixes.names.length);
  for (const id of featureIds) seen[id]!++;
  // Kept features in name order; -1 = dropped (seen fewer than minFeatureCount times).
  const kept = prefixes.names
    .map((name, id) => ({ name, id }))
    .filter(({ id }) => seen[id]! >= settings.minFeatureCount)
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = kept.map((k) => k.name);
  const remap = new Int32Array(prefixes.names.length).fill(-1);
  kept.forEach((k, j) => {
    remap[k.id] = j;
  });
  const rows = prefixes.targets.map((target, i) => {
    const x: number[] = [];
    for (let k = featureStart[i]!; k < featureStart[i + 1]!; k++) {
      const j = remap[featureIds[k]!]!;
      if (j >= 0) x.push(j);
    }
    return { x: Int32Array.from(x), y: classIndex.get(target)! };
  });
  const C = classes.length;
  const w = new Float64Array(names.length * C);
  const g2 = new Float64Array(names.length * C);
  const z = new Float64Array(C);
  const { learningRate, l2 } = settings;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (const { x, y } of rows) {
      z.fill(0);
      for (const j of x) for (let c = 0; c < C; c++) z[c]! += w[j * C + c]!;
      let max = -Infinity;
      for (let c = 0; c < C; c++) if (z[c]! > max) max = z[c]!;
      let sum = 0;
      for (let c = 0; c < C; c++) {
        z[c] = Math.exp(z[c]! - max);
        sum += z[c]!;
      }
      for (let c = 0; c < C; c++) {
        const g = z[c]! / sum - (c === y ? 1 : 0);
        for (const j of x) {
          const k = j * C + c;
          const gk = g + l2 * w[k]!;
          g2[k]! += gk * gk;
          w[k]! -= (learningRate * gk) / Math.sqrt(g2[k]! + 1e-8);
        }
      }
    }
  }
  const scale = 10 ** settings.precision;
  const weights: Record<string, number[]> = {};
  for (let j = 0; j < names.length; j++) {
    const row = Array.from({ length: C }, (_, c) => Math.round(w[j * C + c]! * scale) / scale + 0);
    if (row.some((v) => v !== 0)) weights[names[j]!] = row;
  }
  return { classes, weights };
}

/** Step 4: remaining-time quantiles per state (recency-weighted), with back-off levels. */
function fitRemaining(prefixes: Prefixes): CaseModelJson['remaining'] {
  const levels = REMAINING_LEVEL_NAMES.map(() => new Map<string, Array<[number, number]>>());
  const all: Array<[number, number]> = [];
  for (let i = 0; i < prefixes.targets.length; i++) {
    const sample: [number, number] = [prefixes.remaining[i]!, prefixes.weight[i]!];
    all.push(sample);
    const keys = remainingKeys(prefixes.lastActivity[i]!, prefixes.elapsed[i]!);
    for (let l = 0; l < levels.length; l++) {
      const key = keys[l]!;
      let list = levels[l]!.get(key);
      if (!list) {
        list = [];
        levels[l]!.set(key, list);
      }
      list.push(sample);
    }
  }
  return {
    levels: levels.map((states, l) => ({
      name: REMAINING_LEVEL_NAMES[l]!,
      states: Object.fromEntries([...states.keys()].sort().map((k) => [k, summarise(states.get(k)!)])),
    })),
    global: summarise(all),
  };
}

/**
 * Weighted quantiles (inverse of the weighted empirical CDF: the smallest value whose cumulative
 * weight reaches q of the total; Hyndman & Fan 1996 type 1 with weights) and the Kish (1965)
 * effective sample size (Σw)² / Σw².
 */
function summarise(samples: ReadonlyArray<readonly [number, number]>): { n: number; q: number[] } {
  const sorted = [...samples].sort((a, b) => a[0] - b[0]);
  let total = 0;
  let squares = 0;
  for (const [, w] of sorted) {
    total += w;
    squares += w * w;
  }
  const q: number[] = [];
  let k = 0;
  let acc = sorted[0]![1];
  for (const level of REMAINING_QUANTILE_LEVELS) {
    // 1e-12 relative slack: the cumulative sum of floats must not miss an exact level by rounding.
    while (k < sorted.length - 1 && acc < level * total * (1 - 1e-12)) {
      k++;
      acc += sorted[k]![1];
    }
    q.push(sorted[k]![0]);
  }
  const n = squares > 0 ? Math.round(((total * total) / squares) * 100) / 100 : 0;
  return { n, q };
}
