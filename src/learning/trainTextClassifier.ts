import { createRandom } from '../_internal/random';
import { parseWithSchema, TandemError } from '../model/errors';
import { checksumOf, createByteWriter, encodeBase64, writeSignedVarint, writeVarint } from './codec';
import {
  createFeatureBuffer,
  extractFeatures,
  type FeatureConfig,
  type FeatureWeighting,
  idfOf,
  weighFeatures,
} from './features';
import {
  type ResolvedTextClassifierOptions,
  TEXT_CLASSIFIER_FORMAT,
  TEXT_CLASSIFIER_VERSION,
  type TextClassifierModel,
  type TextClassifierOptions,
  TextClassifierOptionsSchema,
  type TrainingExample,
  TrainingExamplesSchema,
} from './schemas';
import {
  addFeatureLogits,
  addScaled,
  type CompiledTextModel,
  compileTextModel,
  createTextClassifier,
  softmaxInPlace,
  type TextClassifier,
} from './textClassifier';

/**
 * Probability errors (class-weighted) below this are not applied: once an example is learned, most
 * labels' errors are tiny, and skipping them skips most of an update's memory traffic. Chosen on
 * validation folds (2026-12-03; 1e-6 before): banking77 five 15 % folds mean 0.8997 → 0.8996 with
 * training 8.0 → 4.7 CPU-s; CLINC150 val 0.9257 → 0.9247, out-of-scope AUROC 0.9551 → 0.9555,
 * 25.6 → 11.1 CPU-s; PolEmo 5-fold CV 0.7234 → 0.7232. 1e-4 saved less (banking77 7.3 CPU-s).
 */
const GRADIENT_FLOOR = 1e-3;

/** Held-out examples needed to fit a temperature; below this T stays 1. */
const MIN_CALIBRATION_EXAMPLES = 30;

/**
 * Trains a linear text classifier on labelled texts: hashed word, word-pair, character n-gram and
 * Han character features; multinomial logistic regression fitted by seeded stochastic gradient
 * descent with balanced class weights; probabilities calibrated by a temperature fitted on a
 * held-out fold; weights quantised to small integers so the JSON stays compact.
 *
 * Deterministic: the same examples (in the same order) and options give the same model JSON, byte
 * for byte. No I/O, no clock, no `Math.random`.
 *
 * @param examples - `[{ text, label }]`, at least two distinct labels.
 * @param options - see `TextClassifierOptionsSchema` (every field has a default; `seed` 1).
 * @returns a {@link TextClassifier}: `labels`, `predict(text)` → `{ label, confidence, scores }`, `toJSON()`.
 * @throws {TandemError} `INVALID_INPUT` for no examples, a single label, a text that is not a
 *   string; `INVALID_CONFIG` for bad options.
 *
 * @example
 * ```ts
 * import { trainTextClassifier } from 'tandem-cx/learning';
 * const clf = trainTextClassifier([
 *   { text: 'where is my new card', label: 'card' }, { text: 'my card has not arrived', label: 'card' },
 *   { text: 'I want a refund', label: 'refund' }, { text: 'refund my money please', label: 'refund' },
 * ], { seed: 1 });
 * clf.labels; // => ['card', 'refund']
 * clf.predict('when will my card arrive').label; // => 'card'
 * clf.predict('please refund me').label; // => 'refund'
 * ```
 */
export function trainTextClassifier(
  examples: readonly TrainingExample[],
  options?: TextClassifierOptions,
): TextClassifier {
  const opts = parseWithSchema(TextClassifierOptionsSchema, options ?? {}, {
    module: 'learning',
    code: 'INVALID_CONFIG',
    what: 'text classifier options',
    pathPrefix: ['options'],
  });
  const data = prepareExamples(examples, opts);
  const random = createRandom(opts.seed);
  let temperature = 1;
  if (opts.calibration === 'temperature') {
    const fold = calibrationFold(data, opts.calibrationFraction, random);
    if (fold.length >= MIN_CALIBRATION_EXAMPLES) {
      const held = new Uint8Array(data.labelOf.length);
      for (const i of fold) held[i] = 1;
      const trainRows = indexesWhere(held, 0);
      const foldModel = compileTextModel(
        buildModelJson(data, opts, fitWeights(data, trainRows, opts, random), 1),
      );
      temperature = fitTemperature(foldModel, data, fold);
    }
  }
  const allRows = Int32Array.from({ length: data.labelOf.length }, (_, i) => i);
  const json = buildModelJson(data, opts, fitWeights(data, allRows, opts, random), temperature);
  return createTextClassifier(compileTextModel(json), json);
}

/** The training set as a sparse matrix (CSR) over the buckets seen, with label indexes. */
interface TrainingData {
  labels: string[];
  labelOf: Int32Array;
  counts: number[];
  features: FeatureConfig;
  weighting: FeatureWeighting;
  /** Training texts (the idf's N). */
  documents: number;
  /** Bucket of each column of the sparse matrix, and the number of training texts it occurs in. */
  buckets: number[];
  df: number[];
  rowStart: Int32Array;
  columns: Int32Array;
  values: Float64Array;
}

function prepareExamples(
  examples: readonly TrainingExample[],
  opts: ResolvedTextClassifierOptions,
): TrainingData {
  const parsed = parseWithSchema(TrainingExamplesSchema, examples, {
    module: 'learning',
    what: 'training examples',
    pathPrefix: ['examples'],
  });
  if (parsed.length === 0)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'examples',
      message: 'no training examples: a classifier needs labelled texts of at least two labels',
    });
  const labels = [...new Set(parsed.map((e) => e.label))].sort();
  if (labels.length < 2)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'examples',
      message: `only one label (${JSON.stringify(labels[0])}) in the training examples: a classifier needs at least two`,
    });
  if (labels.length > 65_535)
    throw new TandemError({
      code: 'LIMIT_EXCEEDED',
      module: 'learning',
      path: 'examples',
      message: `${labels.length} labels: at most 65,535`,
    });
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const features: FeatureConfig = {
    words: opts.features.words,
    wordBigrams: opts.features.wordBigrams,
    charNgrams: opts.features.charNgrams === false ? null : opts.features.charNgrams,
    han: opts.features.han,
    hashBits: opts.features.hashBits,
  };
  const buffer = createFeatureBuffer();
  // Two passes: count the texts each bucket occurs in (its document frequency), then keep buckets
  // seen in at least `minFeatureCount` texts (rarer features cannot generalise and dominate the
  // memory). A dropped feature still counts in a text's length, weighed as a feature seen once —
  // exactly as prediction weighs a feature the model does not know.
  const texts = parsed.map((e) =>
    e.text.length > opts.maxTextLength ? e.text.slice(0, opts.maxTextLength) : e.text,
  );
  const frequency = new Map<number, number>();
  for (const text of texts) {
    const n = extractFeatures(text, features, buffer);
    for (let j = 0; j < n; j++) frequency.set(buffer.ids[j]!, (frequency.get(buffer.ids[j]!) ?? 0) + 1);
  }
  const documents = texts.length;
  const weighting = opts.features.weighting;
  const unknownIdf = idfOf(1, documents);
  const columnOf = new Map<number, number>();
  const buckets: number[] = [];
  const df: number[] = [];
  const rowStart = new Int32Array(parsed.length + 1);
  let columns = new Int32Array(parsed.length * 64);
  let values = new Float64Array(columns.length);
  let nnz = 0;
  const labelOf = new Int32Array(parsed.length);
  const counts = labels.map(() => 0);
  const idfOfFeature = (j: number): number => {
    const f = frequency.get(buffer.ids[j]!)!;
    return f >= opts.minFeatureCount ? idfOf(f, documents) : unknownIdf;
  };
  parsed.forEach((example, i) => {
    const y = labelIndex.get(example.label)!;
    labelOf[i] = y;
    counts[y]!++;
    const n = extractFeatures(texts[i]!, features, buffer);
    weighFeatures(buffer.values, n, weighting, idfOfFeature);
    if (nnz + n > columns.length) {
      const size = Math.max(columns.length * 2, nnz + n);
      const c = new Int32Array(size);
      c.set(columns);
      columns = c;
      const v = new Float64Array(size);
      v.set(values);
      values = v;
    }
    for (let j = 0; j < n; j++) {
      const bucket = buffer.ids[j]!;
      const f = frequency.get(bucket)!;
      if (f < opts.minFeatureCount) continue;
      let column = columnOf.get(bucket);
      if (column === undefined) {
        column = buckets.length;
        columnOf.set(bucket, column);
        buckets.push(bucket);
        df.push(f);
      }
      columns[nnz] = column;
      values[nnz] = buffer.values[j]!;
      nnz++;
    }
    rowStart[i + 1] = nnz;
  });
  return {
    labels,
    labelOf,
    counts,
    features,
    weighting,
    documents,
    buckets,
    df,
    rowStart,
    columns,
    values,
  };
}

function indexesWhere(flags: Uint8Array, value: number): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < flags.length; i++) if (flags[i] === value) out.push(i);
  return Int32Array.from(out);
}

/** Fisher–Yates shuffle with the seeded PRNG. */
function shuffle(items: Int32Array, random: () => number): void {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
}

/**
 * A stratified, seeded sample of `fraction` of the examples for calibration: from every label with
 * at least 3 examples, round(fraction × count) (at least one), so each label keeps most of its
 * examples for training.
 */
function calibrationFold(data: TrainingData, fraction: number, random: () => number): number[] {
  const byLabel: number[][] = data.labels.map(() => []);
  for (let i = 0; i < data.labelOf.length; i++) byLabel[data.labelOf[i]!]!.push(i);
  const fold: number[] = [];
  for (const rows of byLabel) {
    if (rows.length < 3) continue;
    const order = Int32Array.from(rows);
    shuffle(order, random);
    const take = Math.max(1, Math.round(fraction * rows.length));
    for (let j = 0; j < take; j++) fold.push(order[j]!);
  }
  return fold.sort((a, b) => a - b);
}

/** Weights fitted by SGD: `weights[column * k + label]` and one bias per label. */
interface FittedWeights {
  weights: Float32Array;
  bias: Float64Array;
}

/**
 * Multinomial logistic regression by averaged stochastic gradient descent, after Bottou's `svmasgd`
 * (Bottou 2012, "Stochastic Gradient Descent Tricks"; Xu 2011, "Towards Optimal One Pass Large
 * Scale Learning with Averaged SGD"): step η_t = η₀ / (1 + λ·η₀·t)^0.75; L2 applied lazily through
 * one divisor so an update touches only the example's features; the returned weights are the
 * average of the iterates from the second epoch on (Polyak–Juditsky averaging), kept lazily the
 * same way. Class weights n / (k · n_class) scale each example's gradient. Gradients of labels
 * whose probability error is below `GRADIENT_FLOOR` are skipped.
 */
function fitWeights(
  data: TrainingData,
  rows: Int32Array,
  opts: ResolvedTextClassifierOptions,
  random: () => number,
): FittedWeights {
  const k = data.labels.length;
  // Current iterate w = weights / wDivisor; average ŵ = (averaged + wFraction · weights) / aDivisor.
  // Float32: half the memory traffic of the update loop, which is memory-bound; still deterministic.
  const weights = new Float32Array(data.buckets.length * k);
  const averaged = new Float32Array(weights.length);
  const bias = new Float64Array(k);
  const biasAverage = new Float64Array(k);
  let wDivisor = 1;
  let aDivisor = 1;
  let wFraction = 0;
  const renormalise = (averagingStarted: boolean): void => {
    for (let i = 0; i < weights.length; i++) {
      if (averagingStarted) averaged[i] = (averaged[i]! + wFraction * weights[i]!) / aDivisor;
      weights[i]! /= wDivisor;
    }
    wDivisor = 1;
    aDivisor = 1;
    wFraction = 0;
  };
  const classWeight = classWeights(data, rows, opts);
  const scale = naiveBayesScaling(data, rows, opts.nbScaling);
  const { rowStart, columns, values, labelOf } = data;
  const order = Int32Array.from(rows);
  const p = new Float64Array(k);
  const activeClasses = new Int32Array(k);
  const activeSteps = new Float64Array(k);
  const eta0 = opts.learningRate;
  const lambda = opts.l2;
  const averageFrom = opts.epochs > 1 ? rows.length : 0;
  let t = 0;
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    shuffle(order, random);
    for (const r of order) {
      const eta = eta0 / (1 + lambda * eta0 * t) ** 0.75;
      const mu = 1 / Math.max(1, t - averageFrom);
      t++;
      const start = rowStart[r]!;
      const end = rowStart[r + 1]!;
      p.set(bias);
      const inverse = 1 / wDivisor;
      for (let j = start; j < end; j++) {
        const x = values[j]! * inverse;
        const base = columns[j]! * k;
        if (scale === undefined) addScaled(p, x, weights, base);
        else for (let c = 0; c < k; c++) p[c]! += x * weights[base + c]! * scale[base + c]!;
      }
      softmaxInPlace(p, 1);
      const y = labelOf[r]!;
      const cw = classWeight[y]!;
      p[y]! -= 1;
      if (lambda > 0) wDivisor /= 1 - eta * lambda;
      let active = 0;
      for (let c = 0; c < k; c++) {
        const g = p[c]! * cw;
        if (g > -GRADIENT_FLOOR && g < GRADIENT_FLOOR) continue;
        bias[c]! -= eta * g;
        activeClasses[active] = c;
        activeSteps[active] = eta * g * wDivisor;
        active++;
      }
      const averaging = mu < 1;
      for (let j = start; j < end; j++) {
        const base = columns[j]! * k;
        const x = values[j]!;
        for (let a = 0; a < active; a++) {
          const at = base + activeClasses[a]!;
          const delta = activeSteps[a]! * x * (scale === undefined ? 1 : scale[at]!);
          weights[at]! -= delta;
          if (averaging) averaged[at]! += wFraction * delta;
        }
      }
      if (!averaging) {
        // Before averaging starts the average is the iterate itself (`averaged` stays 0).
        aDivisor = wDivisor;
        wFraction = 1;
        biasAverage.set(bias);
      } else {
        aDivisor /= 1 - mu;
        wFraction += (mu * aDivisor) / wDivisor;
        for (let c = 0; c < k; c++) biasAverage[c]! += mu * (bias[c]! - biasAverage[c]!);
      }
      if (wDivisor > 1e5 || aDivisor > 1e5) renormalise(averaging);
    }
  }
  renormalise(true);
  // The model learned weights for scaled inputs: fold the scaling into the weights it stores.
  if (scale !== undefined) for (let i = 0; i < averaged.length; i++) averaged[i]! *= scale[i]!;
  return { weights: averaged, bias: biasAverage };
}

/**
 * Naive Bayes log-count ratios as input scales (Wang & Manning 2012, NBSVM), one per feature and
 * label, from the training `rows` only: with add-one smoothing, p_c = (1 + texts of label c holding
 * the feature) / Σ over features, q_c the same over the other labels' texts, r_c = ln(p_c / q_c);
 * the scale is (1 − β) + β · |r_c| / mean |r| (mean over every feature and label). `undefined` for
 * β = 0 (no scaling).
 */
function naiveBayesScaling(data: TrainingData, rows: Int32Array, beta: number): Float32Array | undefined {
  if (beta === 0) return undefined;
  const k = data.labels.length;
  const columnsCount = data.buckets.length;
  const inLabel = new Float64Array(columnsCount * k);
  const total = new Float64Array(columnsCount);
  const labelMass = new Float64Array(k);
  let mass = 0;
  for (const r of rows) {
    const y = data.labelOf[r]!;
    for (let j = data.rowStart[r]!; j < data.rowStart[r + 1]!; j++) {
      inLabel[data.columns[j]! * k + y]!++;
      total[data.columns[j]!]!++;
      labelMass[y]!++;
      mass++;
    }
  }
  const scale = new Float32Array(columnsCount * k);
  let sum = 0;
  for (let column = 0; column < columnsCount; column++)
    for (let c = 0; c < k; c++) {
      const here = inLabel[column * k + c]!;
      const p = (1 + here) / (columnsCount + labelMass[c]!);
      const q = (1 + total[column]! - here) / (columnsCount + mass - labelMass[c]!);
      const r = Math.abs(Math.log(p / q));
      scale[column * k + c] = r;
      sum += r;
    }
  const mean = sum / scale.length || 1;
  for (let i = 0; i < scale.length; i++) scale[i] = 1 - beta + (beta * scale[i]!) / mean;
  return scale;
}

/** Per-label weights: n / (k · n_label) when balanced (scikit-learn's `class_weight='balanced'`), else 1. */
function classWeights(
  data: TrainingData,
  rows: Int32Array,
  opts: ResolvedTextClassifierOptions,
): Float64Array {
  const k = data.labels.length;
  const counts = new Float64Array(k);
  for (const r of rows) counts[data.labelOf[r]!]!++;
  const present = counts.reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  const weights = new Float64Array(k);
  for (let c = 0; c < k; c++)
    weights[c] = opts.classWeight === 'balanced' && counts[c]! > 0 ? rows.length / (present * counts[c]!) : 1;
  return weights;
}

/**
 * The model JSON: each bucket's weights shifted by their median (softmax ignores a constant added
 * to every label's logit, so predictions do not change and most weights land near 0), quantised
 * to `weightBits`-bit integers with one step, zeros dropped, written as varints in base64. Every
 * kept bucket is written with its document frequency, even when all its weights round to 0 (it
 * still counts in a text's length with its idf) — except one seen in a single text, whose idf is
 * the unknown-feature idf anyway.
 */
function buildModelJson(
  data: TrainingData,
  opts: ResolvedTextClassifierOptions,
  fitted: FittedWeights,
  temperature: number,
): TextClassifierModel {
  const k = data.labels.length;
  const { weights } = fitted;
  const row = new Float64Array(k);
  const sorted = new Float64Array(k);
  let maxAbs = 0;
  for (let column = 0; column < data.buckets.length; column++) {
    const base = column * k;
    for (let c = 0; c < k; c++) sorted[c] = weights[base + c]!;
    sorted.sort();
    const median = k % 2 === 1 ? sorted[(k - 1) / 2]! : (sorted[k / 2 - 1]! + sorted[k / 2]!) / 2;
    for (let c = 0; c < k; c++) {
      const w = weights[base + c]! - median;
      weights[base + c] = w;
      if (Math.abs(w) > maxAbs) maxAbs = Math.abs(w);
    }
  }
  const levels = 2 ** (opts.weightBits - 1) - 1;
  const step = maxAbs > 0 ? maxAbs / levels : 1;
  const order = data.buckets.map((bucket, column) => [bucket, column] as const).sort((a, b) => a[0] - b[0]);
  const writer = createByteWriter();
  let previous = -1;
  let stored = 0;
  let nonZero = 0;
  for (const [bucket, column] of order) {
    let count = 0;
    for (let c = 0; c < k; c++) {
      row[c] = Math.round(weights[column * k + c]! / step);
      if (row[c] !== 0) count++;
    }
    // A bucket seen in one text weighs exactly as an unknown one: without weights it need not be stored.
    if (count === 0 && data.df[column] === 1) continue;
    writeVarint(writer, stored === 0 ? bucket : bucket - previous - 1);
    writeVarint(writer, data.df[column]!);
    writeVarint(writer, count);
    let cls = -1;
    for (let c = 0; c < k; c++) {
      if (row[c] === 0) continue;
      writeVarint(writer, c - cls - 1);
      writeSignedVarint(writer, row[c]!);
      cls = c;
    }
    previous = bucket;
    stored++;
    nonZero += count;
  }
  const content = {
    format: TEXT_CLASSIFIER_FORMAT,
    version: TEXT_CLASSIFIER_VERSION,
    labels: data.labels,
    features: { ...opts.features },
    documents: data.documents,
    maxTextLength: opts.maxTextLength,
    temperature,
    bias: Array.from(fitted.bias),
    step,
    weights: encodeBase64(writer.bytes, writer.length),
    buckets: stored,
    nonZero,
    counts: data.counts,
  } as const;
  return { ...content, checksum: checksumOf(content) } as TextClassifierModel;
}

/**
 * The temperature T minimising the negative log-likelihood of the held-out labels under
 * softmax(logits / T) (Guo et al. 2017), by golden-section search on log T in [1/20, 20]; the
 * likelihood is unimodal in T for fixed logits.
 */
function fitTemperature(model: CompiledTextModel, data: TrainingData, fold: readonly number[]): number {
  const k = data.labels.length;
  const logits = fold.map((r) => {
    const out = Float64Array.from(model.bias);
    const start = data.rowStart[r]!;
    const end = data.rowStart[r + 1]!;
    const ids = new Int32Array(end - start);
    for (let j = start; j < end; j++) ids[j - start] = data.buckets[data.columns[j]!]!;
    addFeatureLogits(model, ids, data.values.subarray(start, end), end - start, out);
    return out;
  });
  const p = new Float64Array(k);
  const nll = (logT: number): number => {
    const t = Math.exp(logT);
    let sum = 0;
    fold.forEach((r, i) => {
      p.set(logits[i]!);
      softmaxInPlace(p, t);
      sum -= Math.log(Math.max(p[data.labelOf[r]!]!, 1e-300));
    });
    return sum;
  };
  const ratio = (Math.sqrt(5) - 1) / 2;
  let lo = Math.log(1 / 20);
  let hi = Math.log(20);
  let a = hi - ratio * (hi - lo);
  let b = lo + ratio * (hi - lo);
  let fa = nll(a);
  let fb = nll(b);
  for (let i = 0; i < 40; i++) {
    if (fa <= fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - ratio * (hi - lo);
      fa = nll(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + ratio * (hi - lo);
      fb = nll(b);
    }
  }
  // Rounded so the stored value is short and the same on every platform's exp/log.
  return Number(Math.exp((lo + hi) / 2).toFixed(4));
}
