/**
 * The language-independent tail of VADER (Hutto & Gilbert 2014): the "but" shift, punctuation
 * emphasis, normalisation and the positive/negative/neutral proportions. Every language scorer
 * produces one valence per token and hands it here, so all languages share the same scale and
 * thresholds.
 */

/** Empirical mean intensity increase of a booster word (VADER, Hutto & Gilbert 2014). */
export const B_INCR = 0.293;
/** Empirical mean intensity decrease of a dampener word (VADER). */
export const B_DECR = -0.293;
/** Empirical mean intensity increase of an ALL-CAPS word in mixed-case text (VADER). */
export const C_INCR = 0.733;
/** Scalar applied to a valence by a preceding negation (VADER). */
export const N_SCALAR = -0.74;
/** Normalisation constant α of compound = x / √(x² + α) (VADER). */
export const NORMALIZE_ALPHA = 15;
/** |compound| at or above which a text is labelled positive/negative (VADER's recommended ±0.05). */
export const LABEL_THRESHOLD = 0.05;

/** Scores of one text before the language tag is attached. */
export interface ValenceScores {
  compound: number;
  positive: number;
  negative: number;
  neutral: number;
}

/** Normalises a sum of valences into −1..1: x / √(x² + α), clamped. */
export function normalizeValence(score: number, alpha = NORMALIZE_ALPHA): number {
  const n = score / Math.sqrt(score * score + alpha);
  return Math.max(-1, Math.min(1, n));
}

/**
 * Contrastive conjunction: valences before the first "but" are halved, those after it are
 * weighted ×1.5 (VADER `_but_check`). Applied by position; the reference's `list.index` lookup,
 * which mis-weights repeated equal values, is not reproduced.
 */
export function applyButShift(valences: number[], butIndex: number): void {
  if (butIndex < 0) return;
  for (let i = 0; i < valences.length; i++) {
    if (i < butIndex) valences[i] = valences[i]! * 0.5;
    else if (i > butIndex) valences[i] = valences[i]! * 1.5;
  }
}

/**
 * Punctuation emphasis: each `!` adds 0.292 (at most 4 count); 2–3 `?` add 0.18 each, 4 or more
 * add 0.96 (VADER `_amplify_ep` / `_amplify_qm`). Full-width `！`/`？` count for Chinese.
 */
export function punctuationEmphasis(text: string): number {
  let ep = 0;
  let qm = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x21 || c === 0xff01) ep++;
    else if (c === 0x3f || c === 0xff1f) qm++;
  }
  const epAmp = Math.min(ep, 4) * 0.292;
  const qmAmp = qm > 1 ? (qm <= 3 ? qm * 0.18 : 0.96) : 0;
  return epAmp + qmAmp;
}

const round = (x: number, digits: number): number => {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
};

/**
 * VADER `score_valence`: sum, punctuation emphasis, normalise; split into positive / negative /
 * neutral proportions (each non-zero valence counts ±1 extra to offset neutral words).
 * Rounded like the reference: compound to 4 decimals, proportions to 3.
 */
export function scoreValences(valences: readonly number[], text: string): ValenceScores {
  if (valences.length === 0) return { compound: 0, positive: 0, negative: 0, neutral: 0 };
  let sum = 0;
  let posSum = 0;
  let negSum = 0;
  let neuCount = 0;
  for (const v of valences) {
    sum += v;
    if (v > 0) posSum += v + 1;
    else if (v < 0) negSum += v - 1;
    else neuCount++;
  }
  const emphasis = punctuationEmphasis(text);
  if (sum > 0) sum += emphasis;
  else if (sum < 0) sum -= emphasis;
  const compound = normalizeValence(sum);
  if (posSum > Math.abs(negSum)) posSum += emphasis;
  else if (posSum < Math.abs(negSum)) negSum -= emphasis;
  const total = posSum + Math.abs(negSum) + neuCount;
  return {
    compound: round(compound, 4),
    positive: round(Math.abs(posSum / total), 3),
    negative: round(Math.abs(negSum / total), 3),
    neutral: round(Math.abs(neuCount / total), 3),
  };
}

/** `positive` at compound ≥ 0.05, `negative` at ≤ −0.05, else `neutral` (VADER's thresholds). */
export function labelOf(compound: number): 'positive' | 'neutral' | 'negative' {
  return compound >= LABEL_THRESHOLD ? 'positive' : compound <= -LABEL_THRESHOLD ? 'negative' : 'neutral';
}

/** Python's `str.isupper()`: at least one cased character and no lower-case one. */
export function isUpperWord(word: string): boolean {
  return word !== word.toLowerCase() && word === word.toUpperCase();
}

/** VADER `allcap_differential`: true when some, but not all, tokens are ALL CAPS. */
export function allCapsDifferential(tokens: readonly string[]): boolean {
  let caps = 0;
  for (const t of tokens) if (isUpperWord(t)) caps++;
  const diff = tokens.length - caps;
  return diff > 0 && diff < tokens.length;
}

// Python's string.punctuation, the set VADER strips from token ends.
const PUNCTUATION = new Set(Array.from('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~', (c) => c.charCodeAt(0)));

/**
 * VADER `_strip_punc_if_word`: strips leading/trailing ASCII punctuation unless what is left has
 * two characters or fewer (then the token is likely an emoticon such as `:)` and is kept whole).
 */
export function stripPunctuationIfWord(token: string): string {
  const stripped = stripPunctuation(token);
  return stripped.length <= 2 ? token : stripped;
}

/** Strips leading and trailing ASCII punctuation (Python `str.strip(string.punctuation)`). */
export function stripPunctuation(token: string): string {
  let start = 0;
  let end = token.length;
  while (start < end && PUNCTUATION.has(token.charCodeAt(start))) start++;
  while (end > start && PUNCTUATION.has(token.charCodeAt(end - 1))) end--;
  return start === 0 && end === token.length ? token : token.slice(start, end);
}
