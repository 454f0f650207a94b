// Hashed text features for the learning module's linear models (the "hashing trick": Weinberger
// et al., "Feature Hashing for Large Scale Multitask Learning", ICML 2009). A feature is a word
// stem, a pair of neighbouring stems, a character n-gram inside a word, or a Han character /
// character pair; its 32-bit FNV-1a hash names it, so a model stores integers, never strings.
// Words go through the project's analyser (fold + light English/Polish stemmers of the
// knowledge module), so the classifier reads text the way knowledge search does.
import { fold, guessLanguage, stemEnglish, stemPolish } from '../_internal/textAnalysis';

/** Which feature families to extract (stored in the model, so a loaded model reads text the same way). */
export interface FeatureConfig {
  /** Word stems (unigrams). */
  words: boolean;
  /** Pairs of neighbouring stems, including a start and an end marker. */
  wordBigrams: boolean;
  /** Character n-grams inside each folded word (padded with a space at both ends), `[min, max]`; `null` for none. */
  charNgrams: readonly [number, number] | null;
  /** Han characters and pairs of neighbouring Han characters (Chinese has no spaces between words). */
  han: boolean;
  /** Buckets are `2^hashBits`: fewer bits, more collisions (and nothing saved: only seen buckets are stored). */
  hashBits: number;
}

const WORD = /[\p{L}\p{N}]+/gu;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
// Namespaces keep the families apart: the unigram "ab" and the character bigram "ab" differ.
const NS_WORD = 0x77; // 'w'
const NS_BIGRAM = 0x62; // 'b'
const NS_CHAR = 0x63; // 'c'
const NS_HAN = 0x68; // 'h'
const NS_HAN_PAIR = 0x48; // 'H'
const SPACE = 0x20;
const BOUNDARY = 0x2402; // ␂, a code unit that no folded word contains

/** FNV-1a over `text[start, end)`, continuing from `hash` (Fowler–Noll–Vo, public domain). */
function fnv(hash: number, text: string, start: number, end: number): number {
  let h = hash;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function fnvCode(hash: number, code: number): number {
  return Math.imul(hash ^ code, FNV_PRIME);
}

/** murmur3's 32-bit finaliser: spreads FNV's low bits before masking to the bucket count. */
function finalise(hash: number): number {
  let h = hash;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Han characters: the CJK Unified Ideographs blocks (base, extension A, compatibility, and the
 * supplementary planes 2–3 where extensions B–H live) plus 々 and 〇 — the ranges of Unicode's
 * `Script=Han` that occur in text.
 */
function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3ffff) ||
    code === 0x3005 ||
    code === 0x3007
  );
}

/** Reusable buffers for {@link extractFeatures}; grown on demand. */
export interface FeatureBuffer {
  ids: Int32Array;
  values: Float64Array;
  /** Feature names, filled only when `explain` asks for them. */
  names: string[] | undefined;
}

/** A buffer for {@link extractFeatures}. */
export function createFeatureBuffer(explain = false): FeatureBuffer {
  return { ids: new Int32Array(256), values: new Float64Array(256), names: explain ? [] : undefined };
}

interface Sink {
  buffer: FeatureBuffer;
  count: number;
  mask: number;
}

function push(sink: Sink, hash: number, name: (() => string) | undefined): void {
  const buffer = sink.buffer;
  if (sink.count === buffer.ids.length) {
    const ids = new Int32Array(buffer.ids.length * 2);
    ids.set(buffer.ids);
    buffer.ids = ids;
    buffer.values = new Float64Array(ids.length);
  }
  buffer.ids[sink.count] = finalise(hash) & sink.mask;
  if (buffer.names !== undefined && name !== undefined) buffer.names[sink.count] = name();
  sink.count++;
}

/**
 * Extracts the hashed features of `text` into `buffer`: `ids[0..n)` are distinct buckets in
 * ascending order and `values[0..n)` how often each occurs (raw counts; {@link weighFeatures}
 * turns them into the model's input). Returns `n`. With a `names` buffer, `names[i]` describes
 * feature `i` (`word:card`, `char:ard`, …); when several features share a bucket the first name is
 * kept.
 */
export function extractFeatures(text: string, config: FeatureConfig, buffer: FeatureBuffer): number {
  const sink: Sink = { buffer, count: 0, mask: (1 << config.hashBits) - 1 };
  const explain = buffer.names !== undefined;
  if (explain) buffer.names!.length = 0;
  const lower = text.toLowerCase();
  const polish = guessLanguage(text) === 'pl';
  let previous = FNV_OFFSET;
  let previousName = '^';
  const wordsOn = config.words || config.wordBigrams;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const token = m[0];
    let start = 0;
    // Split the token into Han runs and other runs (Chinese and Latin text often touch: "iPhone手机").
    while (start < token.length) {
      const han = isHan(token.codePointAt(start)!);
      let end = start;
      while (end < token.length) {
        const code = token.codePointAt(end)!;
        if (isHan(code) !== han) break;
        end += code > 0xffff ? 2 : 1;
      }
      if (han) {
        if (config.han) pushHan(sink, token, start, end, explain);
      } else if (wordsOn || config.charNgrams !== null) {
        const word = fold(token.slice(start, end));
        const stem = polish ? stemPolish(word) : stemEnglish(word);
        const stemHash = fnv(FNV_OFFSET, stem, 0, stem.length);
        if (config.words) push(sink, fnvCode(stemHash, NS_WORD), explain ? () => `word:${stem}` : undefined);
        if (config.wordBigrams) {
          const pairName = previousName;
          push(
            sink,
            fnvCode(fnvCode(Math.imul(previous, 31) ^ stemHash, SPACE), NS_BIGRAM),
            explain ? () => `pair:${pairName} ${stem}` : undefined,
          );
          previous = stemHash;
          previousName = stem;
        }
        if (config.charNgrams !== null) pushCharNgrams(sink, word, config.charNgrams, explain);
      }
      start = end;
    }
  }
  if (config.wordBigrams && previous !== FNV_OFFSET) {
    const pairName = previousName;
    push(
      sink,
      fnvCode(fnvCode(Math.imul(previous, 31) ^ BOUNDARY, SPACE), NS_BIGRAM),
      explain ? () => `pair:${pairName} $` : undefined,
    );
  }
  return mergeCounts(buffer, sink.count);
}

function pushHan(sink: Sink, token: string, start: number, end: number, explain: boolean): void {
  let previousStart = -1;
  for (let i = start; i < end; ) {
    const width = token.codePointAt(i)! > 0xffff ? 2 : 1;
    push(
      sink,
      fnvCode(fnv(FNV_OFFSET, token, i, i + width), NS_HAN),
      explain ? () => `han:${token.slice(i, i + width)}` : undefined,
    );
    if (previousStart >= 0) {
      const from = previousStart;
      push(
        sink,
        fnvCode(fnv(FNV_OFFSET, token, from, i + width), NS_HAN_PAIR),
        explain ? () => `han:${token.slice(from, i + width)}` : undefined,
      );
    }
    previousStart = i;
    i += width;
  }
}

function pushCharNgrams(
  sink: Sink,
  word: string,
  [min, max]: readonly [number, number],
  explain: boolean,
): void {
  // The word padded with one space each side, read by index: -1 and word.length are the spaces.
  const padded = word.length + 2;
  for (let n = min; n <= max && n <= padded; n++) {
    for (let s = 0; s + n <= padded; s++) {
      let h = FNV_OFFSET;
      for (let k = s; k < s + n; k++) {
        const i = k - 1;
        h = fnvCode(h, i < 0 || i >= word.length ? SPACE : word.charCodeAt(i));
      }
      push(sink, fnvCode(h, NS_CHAR), explain ? () => `char:${` ${word} `.slice(s, s + n)}` : undefined);
    }
  }
}

/** Sorts buckets and merges duplicates into counts. */
function mergeCounts(buffer: FeatureBuffer, count: number): number {
  const { ids, values } = buffer;
  const names = buffer.names;
  if (count === 0) return 0;
  let order: number[] | undefined;
  if (names !== undefined) {
    // Keep names aligned with their buckets: sort an index permutation instead of the ids.
    order = Array.from({ length: count }, (_, i) => i).sort((a, b) => ids[a]! - ids[b]! || a - b);
    const sortedIds = order.map((i) => ids[i]!);
    const sortedNames = order.map((i) => names[i]!);
    for (let i = 0; i < count; i++) {
      ids[i] = sortedIds[i]!;
      names[i] = sortedNames[i]!;
    }
  } else {
    ids.subarray(0, count).sort();
  }
  let n = 0;
  for (let i = 0; i < count; i++) {
    if (n > 0 && ids[n - 1] === ids[i]) {
      values[n - 1]! += 1;
    } else {
      ids[n] = ids[i]!;
      values[n] = 1;
      if (names !== undefined) names[n] = names[i]!;
      n++;
    }
  }
  if (names !== undefined) names.length = n;
  return n;
}

/** How raw counts become feature values (stored in the model with the feature families). */
export type FeatureWeighting = 'tfidf' | 'count';

/**
 * Inverse document frequency of a feature seen in `df` of `documents` training texts, with
 * scikit-learn's smoothing (`smooth_idf`): ln((1 + N) / (1 + df)) + 1 — as if one more text held
 * every feature, so no weight is infinite and a feature in every text keeps weight 1.
 */
export function idfOf(df: number, documents: number): number {
  return Math.log((1 + documents) / (1 + df)) + 1;
}

/**
 * Turns the raw counts of {@link extractFeatures} in `values[0..n)` into the model's input and
 * scales the vector to unit Euclidean length (long and short texts weigh the same).
 * `tfidf`: sublinear term frequency 1 + ln(count) times the feature's idf (Salton & Buckley 1988,
 * "Term-weighting approaches in automatic text retrieval"; scikit-learn's `sublinear_tf` +
 * `smooth_idf`), `idf(i)` giving feature i's idf; `count`: the counts themselves.
 */
export function weighFeatures(
  values: Float64Array,
  n: number,
  weighting: FeatureWeighting,
  idf: (i: number) => number,
): void {
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const count = values[i]!;
    const v = weighting === 'tfidf' ? sublinearTf(count) * idf(i) : count;
    values[i] = v;
    sum += v * v;
  }
  scaleToUnitLength(values, n, sum);
}

/** Sublinear term frequency: 1 + ln(count) (1 for a single occurrence, without calling `log`). */
export function sublinearTf(count: number): number {
  return count === 1 ? 1 : 1 + Math.log(count);
}

/** Divides `values[0..n)` by √`sumOfSquares` (their Euclidean length); nothing when it is 0. */
export function scaleToUnitLength(values: Float64Array, n: number, sumOfSquares: number): void {
  if (sumOfSquares === 0) return;
  const scale = 1 / Math.sqrt(sumOfSquares);
  for (let i = 0; i < n; i++) values[i]! *= scale;
}
