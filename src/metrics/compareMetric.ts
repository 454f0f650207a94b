import { z } from 'zod';
import { mulberry32 } from '../_internal/random';
import { parseWithSchema, TandemError } from '../model/errors';
import { normalQuantile, quantileSorted, studentTCdf, studentTQuantile, wilsonInterval } from './_stats';

/** A proportion sample: counts, a rate result (`{ value, n }` with value in 0..1), or booleans. */
export type ProportionSample =
  | { successes: number; n: number }
  | { value: number | null; n: number }
  | readonly boolean[];
/** A mean sample: raw values or a summary (`{ mean, sd, n }`, e.g. a time metric result). */
export type MeanSample = readonly number[] | { mean: number | null; sd: number | null; n: number };
/** What {@link compareMetric} accepts for `before` and `after`. */
export type MetricSample = ProportionSample | MeanSample;

/** Options of {@link compareMetric}. */
export const CompareMetricOptionsSchema = z.object({
  /**
   * `newcombe` (proportions, default for them), `welch` (means, default for them) or `bootstrap`
   * (raw values; seeded percentile interval).
   */
  method: z.enum(['newcombe', 'welch', 'bootstrap']).optional(),
  /** Confidence level. Default 0.95. */
  confidence: z.number().gt(0).lt(1).default(0.95),
  /** Bootstrap statistic: mean (default), median, proportion (share of truthy / 1 values) or nps (0–10 ratings). */
  statistic: z.enum(['mean', 'median', 'proportion', 'nps']).default('mean'),
  /** Bootstrap resamples. Default 2000. */
  resamples: z.number().int().min(100).max(1_000_000).default(2000),
  /** Bootstrap seed (the result is reproducible). Default 1. */
  seed: z.number().int().default(1),
});
/** Options of {@link compareMetric}. */
export type CompareMetricOptions = z.input<typeof CompareMetricOptionsSchema>;

/** Outcome of a comparison; `kind` is the verdict. Differences are `after − before`. */
export interface MetricComparison {
  kind: 'significant_increase' | 'significant_decrease' | 'not_significant' | 'insufficient_data';
  method: 'newcombe' | 'welch' | 'bootstrap';
  /** Point estimates (proportion, mean or the bootstrap statistic). */
  before: number | null;
  after: number | null;
  difference: number | null;
  lower: number | null;
  upper: number | null;
  confidence: number;
  /** The interval excludes 0. */
  significant: boolean;
  /** Two-sided p-value (Welch only). */
  pValue: number | null;
  /** Welch–Satterthwaite degrees of freedom (Welch only). */
  df: number | null;
}

function fail(path: string, message: string): never {
  throw new TandemError({ code: 'INVALID_INPUT', module: 'metrics', path, message });
}

function asProportion(sample: MetricSample, path: string): { successes: number; n: number } | null {
  if (Array.isArray(sample)) {
    if (!sample.every((v) => typeof v === 'boolean')) return null;
    return { successes: sample.filter(Boolean).length, n: sample.length };
  }
  const s = sample as Record<string, unknown>;
  if (typeof s.successes === 'number' && typeof s.n === 'number') {
    if (s.successes < 0 || s.successes > s.n || !Number.isInteger(s.successes) || !Number.isInteger(s.n))
      fail(path, 'successes must be an integer between 0 and n');
    return { successes: s.successes, n: s.n };
  }
  if ('value' in s && typeof s.n === 'number' && !('sd' in s)) {
    if (s.value === null) return { successes: 0, n: 0 };
    if (typeof s.value !== 'number' || s.value < 0 || s.value > 1)
      fail(
        path,
        'a rate result needs value in 0..1; compare scores (NPS) with method "bootstrap" on raw ratings',
      );
    return { successes: Math.round(s.value * s.n), n: s.n };
  }
  return null;
}

function asMean(sample: MetricSample, path: string): { mean: number; variance: number; n: number } | null {
  if (Array.isArray(sample)) {
    if (!sample.every((v) => typeof v === 'number' && Number.isFinite(v))) return null;
    const n = sample.length;
    if (n === 0) return { mean: Number.NaN, variance: Number.NaN, n };
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      const x = sample[i] as number;
      const d = x - mean;
      mean += d / (i + 1);
      m2 += d * (x - mean);
    }
    return { mean, variance: n > 1 ? m2 / (n - 1) : Number.NaN, n };
  }
  const s = sample as Record<string, unknown>;
  if ('mean' in s && 'sd' in s && typeof s.n === 'number') {
    if (s.mean === null || s.sd === null) return { mean: Number.NaN, variance: Number.NaN, n: s.n };
    if (typeof s.mean !== 'number' || typeof s.sd !== 'number' || s.sd < 0)
      fail(path, 'mean and sd must be numbers, sd ≥ 0');
    return { mean: s.mean, variance: s.sd * s.sd, n: s.n };
  }
  return null;
}

function verdict(
  method: MetricComparison['method'],
  confidence: number,
  before: number,
  after: number,
  lower: number,
  upper: number,
  extra: { pValue?: number; df?: number } = {},
): MetricComparison {
  const difference = after - before;
  // The interval always holds the point estimate (percentile bootstrap intervals on very skewed,
  // tiny samples can miss it; they are widened to include it).
  const lo = Math.min(lower, difference);
  const hi = Math.max(upper, difference);
  const significant = lo > 0 || hi < 0;
  return {
    kind: !significant ? 'not_significant' : difference > 0 ? 'significant_increase' : 'significant_decrease',
    method,
    before,
    after,
    difference,
    lower: lo,
    upper: hi,
    confidence,
    significant,
    pValue: extra.pValue ?? null,
    df: extra.df ?? null,
  };
}

const insufficient = (method: MetricComparison['method'], confidence: number): MetricComparison => ({
  kind: 'insufficient_data',
  method,
  before: null,
  after: null,
  difference: null,
  lower: null,
  upper: null,
  confidence,
  significant: false,
  pValue: null,
  df: null,
});

function statisticOf(kind: 'mean' | 'median' | 'proportion' | 'nps'): (xs: Float64Array) => number {
  if (kind === 'median') return (xs) => quantileSorted(Float64Array.from(xs).sort(), 0.5) ?? Number.NaN;
  if (kind === 'nps')
    return (xs) => {
      let p = 0;
      let d = 0;
      for (const x of xs) {
        if (x >= 9) p++;
        else if (x <= 6) d++;
      }
      return ((p - d) / xs.length) * 100;
    };
  // mean and proportion (share of 1s) are both the mean of the values.
  return (xs) => {
    let s = 0;
    for (const x of xs) s += x;
    return s / xs.length;
  };
}

function toValues(sample: MetricSample, path: string): Float64Array {
  if (!Array.isArray(sample)) fail(path, 'the bootstrap needs the raw values (an array)');
  return Float64Array.from(sample as ArrayLike<number | boolean>, (v, i) => {
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v !== 'number' || !Number.isFinite(v))
      fail(`${path}[${i}]`, 'must be a finite number or a boolean');
    return v;
  });
}

/**
 * Compares a metric before and after a change: the difference (after − before) with a confidence
 * interval, and whether it is significant (the interval excludes 0).
 *
 * - Proportions (`{ successes, n }`, a rate result `{ value, n }`, or booleans): Newcombe's hybrid
 *   score interval — Newcombe (1998), "Interval estimation for the difference between independent
 *   proportions", Statistics in Medicine 17:873–890, method 10 (Wilson score limits, no continuity
 *   correction).
 * - Means (numbers or `{ mean, sd, n }`, e.g. a time metric result): Welch's t interval with
 *   Welch–Satterthwaite degrees of freedom (Welch 1947), plus a two-sided p-value.
 * - `method: 'bootstrap'` on raw values: percentile interval of `resamples` seeded resamples
 *   (Efron & Tibshirani 1993), statistic `mean` | `median` | `proportion` | `nps`.
 *
 * @returns a {@link MetricComparison}; `kind: 'insufficient_data'` when a side is empty (or has
 *   fewer than 2 values for Welch).
 * @throws {@link TandemError} `INVALID_INPUT` for samples of the wrong shape.
 *
 * @example
 * ```ts
 * import { compareMetric } from 'tandem-cx/metrics';
 * const r = compareMetric({ successes: 48, n: 80 }, { successes: 56, n: 70 }); // => { kind: 'significant_increase', difference: 0.2, lower: 0.0524, upper: 0.3339 }
 * compareMetric([1, 2, 3], [1, 2, 3]).kind; // => 'not_significant'
 * ```
 */
export function compareMetric(
  before: MetricSample,
  after: MetricSample,
  options?: CompareMetricOptions,
): MetricComparison {
  const o = parseWithSchema(CompareMetricOptionsSchema, options ?? {}, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'compareMetric options',
  });
  if (before === null || typeof before !== 'object') fail('before', 'expected a sample');
  if (after === null || typeof after !== 'object') fail('after', 'expected a sample');
  const alpha = 1 - o.confidence;

  if (o.method === 'bootstrap') {
    const a = toValues(before, 'before');
    const b = toValues(after, 'after');
    if (a.length === 0 || b.length === 0) return insufficient('bootstrap', o.confidence);
    const stat = statisticOf(o.statistic);
    const random = mulberry32(o.seed);
    const diffs = new Float64Array(o.resamples);
    const ra = new Float64Array(a.length);
    const rb = new Float64Array(b.length);
    for (let r = 0; r < o.resamples; r++) {
      for (let i = 0; i < a.length; i++) ra[i] = a[Math.floor(random() * a.length)]!;
      for (let i = 0; i < b.length; i++) rb[i] = b[Math.floor(random() * b.length)]!;
      diffs[r] = stat(rb) - stat(ra);
    }
    diffs.sort();
    return verdict(
      'bootstrap',
      o.confidence,
      stat(a),
      stat(b),
      quantileSorted(diffs, alpha / 2)!,
      quantileSorted(diffs, 1 - alpha / 2)!,
    );
  }

  const pBefore = asProportion(before, 'before');
  const pAfter = asProportion(after, 'after');
  const method = o.method ?? (pBefore && pAfter ? 'newcombe' : 'welch');

  if (method === 'newcombe') {
    if (!pBefore) fail('before', 'expected a proportion sample ({ successes, n }, { value, n } or booleans)');
    if (!pAfter) fail('after', 'expected a proportion sample ({ successes, n }, { value, n } or booleans)');
    if (pBefore.n === 0 || pAfter.n === 0) return insufficient('newcombe', o.confidence);
    const z = normalQuantile(1 - alpha / 2);
    const p1 = pAfter.successes / pAfter.n;
    const p2 = pBefore.successes / pBefore.n;
    const [l1, u1] = wilsonInterval(pAfter.successes, pAfter.n, z);
    const [l2, u2] = wilsonInterval(pBefore.successes, pBefore.n, z);
    // Newcombe (1998) method 10: θ = p1 − p2, L = θ − √((p1 − l1)² + (u2 − p2)²),
    // U = θ + √((u1 − p1)² + (p2 − l2)²).
    const d = p1 - p2;
    // Clamped to [−1, 1] against rounding (|d| = 1 can land a hair outside).
    const lower = Math.max(-1, d - Math.sqrt((p1 - l1) ** 2 + (u2 - p2) ** 2));
    const upper = Math.min(1, d + Math.sqrt((u1 - p1) ** 2 + (p2 - l2) ** 2));
    return verdict('newcombe', o.confidence, p2, p1, lower, upper);
  }

  const mBefore = asMean(before, 'before');
  const mAfter = asMean(after, 'after');
  if (!mBefore) fail('before', 'expected numbers or { mean, sd, n }');
  if (!mAfter) fail('after', 'expected numbers or { mean, sd, n }');
  if (mBefore.n < 2 || mAfter.n < 2 || Number.isNaN(mBefore.variance) || Number.isNaN(mAfter.variance))
    return insufficient('welch', o.confidence);
  // Welch (1947); Satterthwaite (1946) degrees of freedom.
  const v1 = mAfter.variance / mAfter.n;
  const v2 = mBefore.variance / mBefore.n;
  const se = Math.sqrt(v1 + v2);
  const d = mAfter.mean - mBefore.mean;
  if (se === 0) {
    return verdict('welch', o.confidence, mBefore.mean, mAfter.mean, d, d, { pValue: d === 0 ? 1 : 0 });
  }
  const df = (v1 + v2) ** 2 / (v1 ** 2 / (mAfter.n - 1) + v2 ** 2 / (mBefore.n - 1));
  const t = studentTQuantile(1 - alpha / 2, df);
  const pValue = 2 * (1 - studentTCdf(Math.abs(d / se), df));
  return verdict('welch', o.confidence, mBefore.mean, mAfter.mean, d - t * se, d + t * se, { pValue, df });
}
