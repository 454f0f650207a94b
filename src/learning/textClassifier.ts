// The text classifier's runtime: the model JSON decoded into flat typed arrays, and `predict`.
// `trainTextClassifier` and `loadTextClassifier` both build the classifier from the JSON through
// `compileTextClassifier`, so a loaded model computes exactly what the trained one did.
import { setOwn } from '../_internal/ownProperties';
import { parseWithSchema, TandemError } from '../model/errors';
import { createByteReader, decodeBase64 } from './codec';
import {
  createFeatureBuffer,
  extractFeatures,
  type FeatureBuffer,
  type FeatureConfig,
  type FeatureWeighting,
  idfOf,
  scaleToUnitLength,
  sublinearTf,
} from './features';
import { type PredictOptions, PredictOptionsSchema, type TextClassifierModel } from './schemas';

/** One feature's part in a prediction (`predict(text, { explain: true })`). */
export interface TextFeatureContribution {
  /** `word:<stem>`, `pair:<stem> <stem>` (`^`/`$` mark the start/end), `char:<n-gram>` or `han:<characters>`. */
  feature: string;
  /** Its value in the text's unit-length feature vector. */
  value: number;
  /** value × weight for the chosen label, in logit units (before the temperature). */
  contribution: number;
}

/** Result of a text classifier's `predict`. */
export interface TextPrediction {
  /** The most probable label (the first in `labels` order on a tie). */
  label: string;
  /** Its probability, `scores[label]`. */
  confidence: number;
  /** Calibrated probability of every label; they sum to 1. */
  scores: Record<string, number>;
  /** With `{ explain: true }`: the features that weighed most for `label`, strongest first (at most 10). */
  trace?: { features: TextFeatureContribution[]; temperature: number; unknownFeatures: number };
}

/** A trained text classifier (from `trainTextClassifier` or `loadTextClassifier`). */
export interface TextClassifier {
  /** Labels in model order (sorted). */
  readonly labels: readonly string[];
  /** The most probable label of `text`, its probability and every label's probability. */
  predict(text: string, options?: PredictOptions): TextPrediction;
  /** The model as plain JSON (store it anywhere; `loadTextClassifier` reads it back). */
  toJSON(): TextClassifierModel;
}

/**
 * True for an object with the shape of a trained {@link TextClassifier} (for the modules that take
 * one as an option: confidence's `analyzeSentiment`, routing's `classifyTopic`, replay policies).
 */
export function isTextClassifier(value: unknown): value is TextClassifier {
  const v = value as TextClassifier | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.predict === 'function' &&
    typeof v.toJSON === 'function' &&
    Array.isArray(v.labels)
  );
}

/** The model's arrays, ready for scoring. */
export interface CompiledTextModel {
  labels: string[];
  features: FeatureConfig;
  weighting: FeatureWeighting;
  maxTextLength: number;
  temperature: number;
  bias: Float64Array;
  /** Idf of each stored row, and of a feature the model does not know (weighed as seen once). */
  idf: Float64Array;
  unknownIdf: number;
  /** Open-addressing table bucket → row (`-1` empty), size a power of two. */
  tableKeys: Int32Array;
  tableRows: Int32Array;
  /** Non-zero weights of row r: `classes/weights[rowStart[r] .. rowStart[r + 1])` (may be empty). */
  rowStart: Int32Array;
  classes: Uint16Array;
  /**
   * Integer × step (at most 16-bit integers: float32's 24-bit mantissa holds them, the product
   * rounds to float32). Float32, not Float64: half the memory (banking77: 1.0 MB instead of 2.1 MB
   * for 257k weights) with the same labels and confidences within 1e-7 on banking77 and PolEmo.
   * Prediction speed could not be told apart (both 17–31k texts per CPU-second between runs).
   */
  weights: Float32Array;
}

/** Row of a bucket, or -1 when the model has no weight for it. */
export function rowOf(model: CompiledTextModel, bucket: number): number {
  const mask = model.tableKeys.length - 1;
  for (let slot = bucket & mask; ; slot = (slot + 1) & mask) {
    const key = model.tableKeys[slot]!;
    if (key === bucket) return model.tableRows[slot]!;
    if (key === -1) return -1;
  }
}

function corrupt(message: string): TandemError {
  return new TandemError({ code: 'INVALID_INPUT', module: 'learning', path: 'model.weights', message });
}

/** Decodes a (validated) model JSON into typed arrays; throws on a malformed weight stream. */
export function compileTextModel(json: TextClassifierModel): CompiledTextModel {
  const k = json.labels.length;
  if (json.bias.length !== k || json.counts.length !== k)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: json.bias.length !== k ? 'model.bias' : 'model.counts',
      message: `expected one entry per label (${k})`,
    });
  const bytes = decodeBase64(json.weights);
  if (bytes === undefined) throw corrupt('weights are not valid base64');
  let size = 16;
  while (size < json.buckets * 2) size *= 2;
  const tableKeys = new Int32Array(size).fill(-1);
  const tableRows = new Int32Array(size);
  const rowStart = new Int32Array(json.buckets + 1);
  const classes = new Uint16Array(json.nonZero);
  const weights = new Float32Array(json.nonZero);
  const idf = new Float64Array(json.buckets);
  const reader = createByteReader(bytes);
  const bucketLimit = 2 ** json.features.hashBits;
  let bucket = -1;
  let at = 0;
  for (let row = 0; row < json.buckets; row++) {
    const delta = reader.read();
    const df = reader.read();
    const count = reader.read();
    if (delta === undefined || df === undefined || count === undefined)
      throw corrupt('weight stream ends early');
    bucket = row === 0 ? delta : bucket + delta + 1;
    if (bucket >= bucketLimit) throw corrupt(`bucket ${bucket} outside 2^${json.features.hashBits}`);
    if (df < 1 || df > json.documents) throw corrupt(`document frequency ${df} outside 1..${json.documents}`);
    if (at + count > json.nonZero) throw corrupt('weight counts do not add up to nonZero');
    idf[row] = idfOf(df, json.documents);
    rowStart[row] = at;
    let cls = -1;
    for (let j = 0; j < count; j++) {
      const d = reader.read();
      const q = reader.readSigned();
      if (d === undefined || q === undefined) throw corrupt('weight stream ends early');
      cls += d + 1;
      if (cls >= k || q === 0) throw corrupt('weight stream names a label that does not exist');
      classes[at] = cls;
      weights[at] = q * json.step;
      at++;
    }
    let slot = bucket & (size - 1);
    while (tableKeys[slot] !== -1) slot = (slot + 1) & (size - 1);
    tableKeys[slot] = bucket;
    tableRows[slot] = row;
  }
  rowStart[json.buckets] = at;
  if (at !== json.nonZero || !reader.done) throw corrupt('weight stream does not match buckets/nonZero');
  return {
    labels: [...json.labels],
    features: {
      words: json.features.words,
      wordBigrams: json.features.wordBigrams,
      charNgrams: json.features.charNgrams === false ? null : json.features.charNgrams,
      han: json.features.han,
      hashBits: json.features.hashBits,
    },
    weighting: json.features.weighting,
    maxTextLength: json.maxTextLength,
    temperature: json.temperature,
    bias: Float64Array.from(json.bias),
    idf,
    unknownIdf: idfOf(1, json.documents),
    tableKeys,
    tableRows,
    rowStart,
    classes,
    weights,
  };
}

/**
 * Adds the weights of the features in `ids/values[0..n)` to `logits` (which must hold the bias);
 * returns how many features the model does not know. `rows`, when given, holds each feature's row
 * already looked up (by {@link weighInput}).
 */
export function addFeatureLogits(
  model: CompiledTextModel,
  ids: Int32Array,
  values: Float64Array,
  n: number,
  logits: Float64Array,
  rows?: Int32Array,
): number {
  let unknown = 0;
  const { rowStart, classes, weights } = model;
  for (let i = 0; i < n; i++) {
    const row = rows === undefined ? rowOf(model, ids[i]!) : rows[i]!;
    if (row < 0) {
      unknown++;
      continue;
    }
    const x = values[i]!;
    const end = rowStart[row + 1]!;
    for (let j = rowStart[row]!; j < end; j++) logits[classes[j]!]! += x * weights[j]!;
  }
  return unknown;
}

/**
 * Turns the raw counts of `buf` into the model's input (see `weighFeatures`), with the idf the
 * model stores for each bucket; a bucket it does not know weighs as a feature seen in one text.
 * Writes each feature's row (or -1) to `rows[0..n)`.
 */
export function weighInput(model: CompiledTextModel, buf: FeatureBuffer, n: number, rows: Int32Array): void {
  const { ids, values } = buf;
  const tfidf = model.weighting === 'tfidf';
  // weighFeatures' loop fused with the row lookups (no idf callback): this is the hot path.
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const row = rowOf(model, ids[i]!);
    rows[i] = row;
    let v = values[i]!;
    if (tfidf) v = sublinearTf(v) * (row < 0 ? model.unknownIdf : model.idf[row]!);
    values[i] = v;
    sum += v * v;
  }
  scaleToUnitLength(values, n, sum);
}

/**
 * `target[c] += x · source[offset + c]` for every c of `target`, four at a time: V8 does not unroll
 * the loop itself. Training's forward pass is this loop; with it `trainTextClassifier` took 13 %
 * less time (a banking77 fold: 5.0 vs 5.8 CPU-s, mean of eight alternating runs each). Each sum
 * is taken in the same order as one at a time, so the results are identical.
 */
export function addScaled(target: Float64Array, x: number, source: Float32Array, offset: number): void {
  const k = target.length;
  let c = 0;
  for (; c + 3 < k; c += 4) {
    const at = offset + c;
    target[c]! += x * source[at]!;
    target[c + 1]! += x * source[at + 1]!;
    target[c + 2]! += x * source[at + 2]!;
    target[c + 3]! += x * source[at + 3]!;
  }
  for (; c < k; c++) target[c]! += x * source[offset + c]!;
}

/** Softmax of logits / temperature, in place (max subtracted first for stability). */
export function softmaxInPlace(logits: Float64Array, temperature: number): void {
  let max = Number.NEGATIVE_INFINITY;
  for (let c = 0; c < logits.length; c++) if (logits[c]! > max) max = logits[c]!;
  let sum = 0;
  for (let c = 0; c < logits.length; c++) {
    const e = Math.exp((logits[c]! - max) / temperature);
    logits[c] = e;
    sum += e;
  }
  for (let c = 0; c < logits.length; c++) logits[c]! /= sum;
}

function checkText(text: unknown): asserts text is string {
  if (typeof text !== 'string')
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'learning',
      path: 'text',
      message: `text must be a string, got ${text === null ? 'null' : typeof text}`,
    });
}

/** The public classifier object over a compiled model and its JSON. */
export function createTextClassifier(model: CompiledTextModel, json: TextClassifierModel): TextClassifier {
  const buffer: FeatureBuffer = createFeatureBuffer();
  const explainBuffer: FeatureBuffer = createFeatureBuffer(true);
  const logits = new Float64Array(model.labels.length);
  let rows = new Int32Array(256);
  const labels = Object.freeze([...model.labels]);
  const frozenJson = JSON.stringify(json);

  function predict(text: string, options?: PredictOptions): TextPrediction {
    checkText(text);
    const explain =
      options !== undefined &&
      parseWithSchema(PredictOptionsSchema, options, {
        module: 'learning',
        what: 'predict options',
        pathPrefix: ['options'],
      }).explain === true;
    const input = text.length > model.maxTextLength ? text.slice(0, model.maxTextLength) : text;
    const buf = explain ? explainBuffer : buffer;
    const n = extractFeatures(input, model.features, buf);
    if (rows.length < n) rows = new Int32Array(buf.ids.length);
    weighInput(model, buf, n, rows);
    logits.set(model.bias);
    const unknown = addFeatureLogits(model, buf.ids, buf.values, n, logits, rows);
    softmaxInPlace(logits, model.temperature);
    let best = 0;
    for (let c = 1; c < logits.length; c++) if (logits[c]! > logits[best]!) best = c;
    const scores: Record<string, number> = {};
    for (let c = 0; c < labels.length; c++) setOwn(scores, labels[c]!, logits[c]!);
    const result: TextPrediction = { label: labels[best]!, confidence: logits[best]!, scores };
    if (explain) result.trace = traceOf(model, buf, n, best, unknown);
    return result;
  }

  return Object.freeze({
    labels,
    predict,
    toJSON: () => JSON.parse(frozenJson) as TextClassifierModel,
  });
}

function traceOf(
  model: CompiledTextModel,
  buf: FeatureBuffer,
  n: number,
  label: number,
  unknownFeatures: number,
): NonNullable<TextPrediction['trace']> {
  const features: TextFeatureContribution[] = [];
  for (let i = 0; i < n; i++) {
    const row = rowOf(model, buf.ids[i]!);
    if (row < 0) continue;
    let weight = 0;
    for (let j = model.rowStart[row]!; j < model.rowStart[row + 1]!; j++)
      if (model.classes[j] === label) weight = model.weights[j]!;
    if (weight !== 0)
      features.push({
        feature: buf.names![i]!,
        value: buf.values[i]!,
        contribution: buf.values[i]! * weight,
      });
  }
  features.sort(
    (a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1),
  );
  return { features: features.slice(0, 10), temperature: model.temperature, unknownFeatures };
}
