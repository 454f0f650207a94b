import { z } from 'zod';
import { ownEntry, setOwn } from '../_internal/ownProperties';
import { parseWithSchema, TandemError } from '../model/errors';

const OutcomeSchema = z.union([z.boolean(), z.literal(0), z.literal(1)]);

// Optional sample weight, e.g. for class balancing: a sample of weight 2 counts as two copies.
const WeightSchema = z.number().finite().positive().optional();

/**
 * One labelled sample: a raw score (Platt scaling) or named features, whether the outcome
 * happened, and an optional positive `weight` (default 1; e.g. n / (2·n_class) to balance classes).
 */
export const CalibrationSampleSchema = z.union([
  z.object({ score: z.number().finite(), outcome: OutcomeSchema, weight: WeightSchema }),
  z.object({
    features: z.record(z.string(), z.number().finite()),
    outcome: OutcomeSchema,
    weight: WeightSchema,
  }),
]);
/** A labelled sample for {@link calibrate}. */
export type CalibrationSample = z.input<typeof CalibrationSampleSchema>;

/** Options of {@link calibrate}. */
export const CalibrateOptionsSchema = z.object({
  /** L2 penalty on the coefficients (not the intercept); keeps separable data finite (default 1e-3). */
  l2: z.number().min(0).default(1e-3),
  /** Newton iterations at most (default 50). */
  maxIterations: z.number().int().min(1).max(1000).default(50),
  /** Stop when no coefficient moves more than this (default 1e-9). */
  tolerance: z.number().positive().default(1e-9),
});
/** Options of {@link calibrate}. */
export type CalibrateOptions = z.input<typeof CalibrateOptionsSchema>;

/** Coefficients of a logistic model: P(outcome) = σ(intercept + Σ coefficientᵢ · featureᵢ). */
export interface LogisticModel {
  intercept: number;
  coefficients: Record<string, number>;
}

/** A fitted logistic calibration (plain data plus `predict`). */
export interface CalibratedModel extends LogisticModel {
  /** Feature names in fit order (`['score']` for Platt scaling). */
  features: string[];
  /** Samples fitted. */
  n: number;
  /** Share of samples whose outcome happened (weighted by `weight`). */
  baseRate: number;
  /** Brier score of the calibrated probabilities on the fitted samples: (weighted) mean (p − y)². */
  brier: number;
  /** Brier score of always predicting the base rate (the no-skill reference). */
  brierBaseline: number;
  /** Brier score of the raw scores themselves, when every sample is `{ score }` in 0..1. */
  brierUncalibrated?: number;
  /** Mean log loss of the calibrated probabilities. */
  logLoss: number;
  iterations: number;
  converged: boolean;
  /** Calibrated probability for a raw score or a feature record (missing features count as 0). */
  predict(input: number | Record<string, number>): number;
}

const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));

/**
 * Probability from a logistic model for a feature record (missing features are 0):
 * σ(intercept + Σ coefficient·feature).
 *
 * @example
 * ```ts
 * import { predictLogistic } from 'tandem-cx/confidence';
 * predictLogistic({ intercept: 0, coefficients: { score: 2 } }, { score: 0 }); // => 0.5
 * predictLogistic({ intercept: -1, coefficients: { score: 2 } }, { score: 1 }); // => 0.7311
 * ```
 */
export function predictLogistic(model: LogisticModel, features: Record<string, number>): number {
  let z = model.intercept;
  for (const [name, c] of Object.entries(model.coefficients)) z += c * featureValue(features, name);
  return sigmoid(z);
}

/**
 * A feature of a record, 0 when missing. Feature names are the caller's: only own entries are
 * read, so a feature named `constructor` or `toString` is 0 when the record lacks it, not the
 * function `Object.prototype` has under that name.
 *
 * @internal
 */
export function featureValue(features: Readonly<Record<string, number>>, name: string): number {
  return ownEntry(features, name) ?? 0;
}

// Solves A x = b in place by Gaussian elimination with partial pivoting.
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    [b[col], b[pivot]] = [b[pivot]!, b[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = col + 1; r < n; r++) {
      const f = a[r]![col]! / p;
      if (f === 0) continue;
      for (let c = col; c < n; c++) a[r]![c]! -= f * a[col]![c]!;
      b[r]! -= f * b[col]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r]!;
    for (let c = r + 1; c < n; c++) s -= a[r]![c]! * x[c]!;
    const p = a[r]![r]!;
    x[r] = Math.abs(p) < 1e-300 ? 0 : s / p;
  }
  return x;
}

/**
 * Fits a logistic calibration to labelled outcomes by Newton's method (iteratively reweighted
 * least squares) with a small L2 penalty: deterministic, no random start. With `{ score }` samples
 * this is Platt scaling (Platt 1999): P(outcome | score) = σ(a + b·score). With `{ features }`
 * samples it is a logistic regression over the named features — e.g. the features of
 * `escalationFeatures` labelled with "the customer asked for a human", to train
 * `predictEscalationRisk`.
 *
 * Reports the Brier score (Brier 1950) of the fitted probabilities, the no-skill baseline (always
 * the base rate) and, for raw scores in 0..1, the Brier score before calibration.
 *
 * @param samples - at least 2 samples with both outcomes present.
 * @param options - `l2`, `maxIterations`, `tolerance`.
 * @returns the model `{ intercept, coefficients, features, brier, brierBaseline, …, predict }`.
 * @throws {TandemError} `INVALID_INPUT` for malformed samples, fewer than 2, or a single outcome class.
 *
 * @example
 * ```ts
 * import { calibrate } from 'tandem-cx/confidence';
 * const samples = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9].map((score, i) => ({ score, outcome: i % 3 !== 0 }));
 * const model = calibrate(samples);
 * model.features; // => ['score']
 * model.brier < model.brierBaseline; // => true
 * model.predict(0.9) > model.predict(0.1); // => true
 * ```
 */
export function calibrate(
  samples: readonly CalibrationSample[],
  options?: CalibrateOptions,
): CalibratedModel {
  const parsed = parseWithSchema(z.array(CalibrationSampleSchema), samples, {
    module: 'confidence',
    what: 'calibration samples',
    pathPrefix: ['samples'],
  });
  const opts = parseWithSchema(CalibrateOptionsSchema, options ?? {}, {
    module: 'confidence',
    what: 'calibrate options',
    pathPrefix: ['options'],
  });
  const rows = parsed.map((s) => ('score' in s ? { score: s.score } : s.features));
  const y = parsed.map((s) => (s.outcome === true || s.outcome === 1 ? 1 : 0));
  const sw = parsed.map((s) => s.weight ?? 1);
  const positives = y.reduce<number>((a, b) => a + b, 0);
  if (parsed.length < 2 || positives === 0 || positives === parsed.length)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'confidence',
      path: 'samples',
      message: `calibration needs at least 2 samples with both outcomes (got ${parsed.length}, ${positives} positive)`,
    });
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))].sort();
  const X = rows.map((r) => [1, ...names.map((k) => featureValue(r, k))]);
  const d = names.length + 1;
  const n = X.length;

  // Start at the (weighted) base-rate logit so the intercept-only model is the first iterate.
  const weightTotal = sw.reduce((a, b) => a + b, 0);
  const baseRate = y.reduce<number>((a, yi, i) => a + yi * sw[i]!, 0) / weightTotal;
  let beta = new Array<number>(d).fill(0);
  beta[0] = Math.log(baseRate / (1 - baseRate));
  let iterations = 0;
  let converged = false;
  for (; iterations < opts.maxIterations && !converged; iterations++) {
    const grad = new Array<number>(d).fill(0);
    const hess = Array.from({ length: d }, () => new Array<number>(d).fill(0));
    for (let i = 0; i < n; i++) {
      const xi = X[i]!;
      let z = 0;
      for (let j = 0; j < d; j++) z += beta[j]! * xi[j]!;
      const p = sigmoid(z);
      const w = sw[i]! * Math.max(p * (1 - p), 1e-12);
      const r = sw[i]! * (y[i]! - p);
      for (let j = 0; j < d; j++) {
        grad[j]! += r * xi[j]!;
        const wx = w * xi[j]!;
        for (let k = j; k < d; k++) hess[j]![k]! += wx * xi[k]!;
      }
    }
    for (let j = 1; j < d; j++) {
      grad[j]! -= opts.l2 * beta[j]!;
      hess[j]![j]! += opts.l2;
    }
    for (let j = 0; j < d; j++) for (let k = 0; k < j; k++) hess[j]![k] = hess[k]![j]!;
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b + step[j]!);
    converged = step.every((s) => Math.abs(s) < opts.tolerance);
  }

  const coefficients: Record<string, number> = {};
  names.forEach((name, j) => {
    setOwn(coefficients, name, beta[j + 1]!);
  });
  const model: LogisticModel = { intercept: beta[0]!, coefficients };
  let brier = 0;
  let logLoss = 0;
  let brierBaseline = 0;
  rows.forEach((r, i) => {
    const p = predictLogistic(model, r);
    const wi = sw[i]!;
    brier += wi * (p - y[i]!) ** 2;
    brierBaseline += wi * (baseRate - y[i]!) ** 2;
    const pc = Math.min(1 - 1e-15, Math.max(1e-15, p));
    logLoss -= wi * (y[i]! * Math.log(pc) + (1 - y[i]!) * Math.log(1 - pc));
  });
  const result: CalibratedModel = {
    ...model,
    features: names,
    n,
    baseRate,
    brier: brier / weightTotal,
    brierBaseline: brierBaseline / weightTotal,
    logLoss: logLoss / weightTotal,
    iterations,
    converged,
    predict: (input) => predictLogistic(model, typeof input === 'number' ? { score: input } : input),
  };
  if (parsed.every((s) => 'score' in s && s.score >= 0 && s.score <= 1))
    result.brierUncalibrated =
      rows.reduce((sum, r, i) => sum + sw[i]! * (r.score! - y[i]!) ** 2, 0) / weightTotal;
  return result;
}
