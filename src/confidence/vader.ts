/**
 * English sentiment: tandem-cx's implementation of the published VADER rules (Hutto & Gilbert,
 * "VADER: A Parsimonious Rule-based Model for Sentiment Analysis of Social Media Text", ICWSM
 * 2014; rule details as in the authors' reference implementation, vaderSentiment 3.3). Lexicon
 * data: ./lexicons/vaderLexicon.ts (MIT, see its license file).
 */
import { EMOJI_VALENCE } from './lexicons/emoji';
import { VADER_LEXICON } from './lexicons/vaderLexicon';
import {
  allCapsDifferential,
  applyButShift,
  B_DECR,
  B_INCR,
  C_INCR,
  isUpperWord,
  N_SCALAR,
  scoreValences,
  stripPunctuation,
  stripPunctuationIfWord,
  type ValenceScores,
} from './valence';

// Negation words: VADER's NEGATE list, plus "nobody" and "noone" (tandem-cx: "nobody helps" is a
// complaint; the reference list has "none", "nothing" and "nowhere" but not these).
const NEGATE = new Set([
  'nobody',
  'noone',
  'aint',
  'arent',
  'cannot',
  'cant',
  'couldnt',
  'darent',
  'didnt',
  'doesnt',
  "ain't",
  "aren't",
  "can't",
  "couldn't",
  "daren't",
  "didn't",
  "doesn't",
  'dont',
  'hadnt',
  'hasnt',
  'havent',
  'isnt',
  'mightnt',
  'mustnt',
  'neither',
  "don't",
  "hadn't",
  "hasn't",
  "haven't",
  "isn't",
  "mightn't",
  "mustn't",
  'neednt',
  "needn't",
  'never',
  'none',
  'nope',
  'nor',
  'not',
  'nothing',
  'nowhere',
  'oughtnt',
  'shant',
  'shouldnt',
  'uhuh',
  'wasnt',
  'werent',
  "oughtn't",
  "shan't",
  "shouldn't",
  'uh-uh',
  "wasn't",
  "weren't",
  'without',
  'wont',
  'wouldnt',
  "won't",
  "wouldn't",
  'rarely',
  'seldom',
  'despite',
]);

// Degree adverbs (VADER BOOSTER_DICT): boosters +0.293, dampeners −0.293.
const BOOSTERS = new Map<string, number>();
for (const w of `absolutely amazingly awfully completely considerable considerably decidedly deeply effing enormous
enormously entirely especially exceptional exceptionally extreme extremely fabulously flipping flippin frackin fracking
fricking frickin frigging friggin fully fuckin fucking fuggin fugging greatly hella highly hugely incredible incredibly
intensely major majorly more most particularly purely quite really remarkably so substantially thoroughly total totally
tremendous tremendously uber unbelievably unusually utter utterly very`.split(/\s+/))
  BOOSTERS.set(w, B_INCR);
for (const w of `almost barely hardly kinda kindof kind-of less little marginal marginally occasional occasionally
partly scarce scarcely slight slightly somewhat sorta sortof sort-of`.split(/\s+/))
  BOOSTERS.set(w, B_DECR);
for (const w of ['just enough', 'kind of', 'sort of']) BOOSTERS.set(w, B_DECR);

// Special-case phrases whose valence replaces the word's (VADER SPECIAL_CASES).
const SPECIAL_CASES = new Map<string, number>([
  ['the shit', 3],
  ['the bomb', 3],
  ['bad ass', 1.5],
  ['badass', 1.5],
  ['bus stop', 0],
  ['yeah right', -2],
  ['kiss of death', -1.5],
  ['to die for', 3],
  ['beating heart', 3.1],
  ['broken heart', -2.9],
]);

/** Valence of a lower-case token from the VADER lexicon or the emoji table; `undefined` if neither. */
export function lexiconValence(lower: string): number | undefined {
  if (Object.hasOwn(VADER_LEXICON, lower)) return VADER_LEXICON[lower];
  if (Object.hasOwn(EMOJI_VALENCE, lower)) return EMOJI_VALENCE[lower];
  return undefined;
}

const EMOJI_HINT = /[\u2600-\u27bf\ud83c-\ud83e]/;

/**
 * Splits text on whitespace and strips punctuation from word ends as VADER does; emoji known to
 * the emoji table become tokens of their own (variation selectors and skin tones are dropped).
 */
export function tokenize(text: string): string[] {
  let source = text;
  if (EMOJI_HINT.test(text)) {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (cp === 0xfe0f || (cp >= 0x1f3fb && cp <= 0x1f3ff)) continue;
      out += Object.hasOwn(EMOJI_VALENCE, ch) ? ` ${ch} ` : ch;
    }
    source = out;
  }
  const tokens: string[] = [];
  for (const raw of source.split(/\s+/)) {
    // one-character tokens are dropped, as in VADER ≤ 3.2 and the vader-sentiment port
    if (raw.length <= 1 && !Object.hasOwn(EMOJI_VALENCE, raw)) continue;
    let token = stripPunctuationIfWord(raw);
    // The reference keeps a token whole when stripping leaves ≤ 2 characters (to save emoticons
    // such as ":)"), which also hides short words like "ok," from the lexicon: look those up bare.
    if (token === raw && lexiconValence(raw.toLowerCase()) === undefined) {
      const bare = stripPunctuation(raw);
      if (bare && lexiconValence(bare.toLowerCase()) !== undefined) token = bare;
    }
    tokens.push(token);
  }
  return tokens;
}

const HAS_LETTER = /\p{L}/u;

const isNegation = (lower: string | undefined): boolean =>
  lower !== undefined && (NEGATE.has(lower) || lower.includes("n't"));

// VADER scalar_inc_dec: the booster/dampener effect of `word` on a following valence.
function scalarIncDec(word: string, lower: string, valence: number, capsDiff: boolean): number {
  const base = BOOSTERS.get(lower);
  if (base === undefined) return 0;
  let scalar = valence < 0 ? -base : base;
  if (capsDiff && isUpperWord(word)) scalar += valence > 0 ? C_INCR : -C_INCR;
  return scalar;
}

// VADER _negation_check for the word `distance + 1` places before the lexicon word at i.
function negationCheck(valence: number, lower: readonly string[], distance: number, i: number): number {
  const w1 = lower[i - 1];
  const w2 = lower[i - 2];
  const w3 = lower[i - 3];
  if (distance === 0) return isNegation(w1) ? valence * N_SCALAR : valence;
  if (distance === 1) {
    if (w2 === 'never' && (w1 === 'so' || w1 === 'this')) return valence * 1.25;
    if (w2 === 'without' && w1 === 'doubt') return valence;
    return isNegation(w2) ? valence * N_SCALAR : valence;
  }
  if ((w3 === 'never' && (w2 === 'so' || w2 === 'this')) || w1 === 'so' || w1 === 'this')
    return valence * 1.25;
  if (w3 === 'without' && (w2 === 'doubt' || w1 === 'doubt')) return valence;
  return isNegation(w3) ? valence * N_SCALAR : valence;
}

// VADER _special_idioms_check (only reached with i ≥ 3).
function specialIdiomsCheck(valence: number, lower: readonly string[], i: number): number {
  const w0 = lower[i];
  const w1 = lower[i - 1];
  const w2 = lower[i - 2];
  const w3 = lower[i - 3];
  let v = valence;
  const threeTwoOne = `${w3} ${w2} ${w1}`;
  const threeTwo = `${w3} ${w2}`;
  const twoOne = `${w2} ${w1}`;
  for (const seq of [`${w1} ${w0}`, `${w2} ${w1} ${w0}`, twoOne, threeTwoOne, threeTwo]) {
    const special = SPECIAL_CASES.get(seq);
    if (special !== undefined) {
      v = special;
      break;
    }
  }
  if (lower.length - 1 > i) {
    const special = SPECIAL_CASES.get(`${w0} ${lower[i + 1]}`);
    if (special !== undefined) v = special;
  }
  if (lower.length - 1 > i + 1) {
    const special = SPECIAL_CASES.get(`${w0} ${lower[i + 1]} ${lower[i + 2]}`);
    if (special !== undefined) v = special;
  }
  // booster/dampener n-grams such as "kind of", "sort of"
  for (const gram of [threeTwoOne, threeTwo, twoOne]) {
    const b = BOOSTERS.get(gram);
    if (b !== undefined) v += b;
  }
  return v;
}

// VADER _least_check: "least good" negates, "at least" / "very least" do not.
function leastCheck(valence: number, lower: readonly string[], i: number): number {
  if (i > 0 && lower[i - 1] === 'least' && lexiconValence('least') === undefined) {
    if (i > 1) return lower[i - 2] !== 'at' && lower[i - 2] !== 'very' ? valence * N_SCALAR : valence;
    return valence * N_SCALAR;
  }
  return valence;
}

/** One valence per token, before the "but" shift: VADER `sentiment_valence` for each token. */
export function englishValences(tokens: readonly string[]): number[] {
  const lower = tokens.map((t) => t.toLowerCase());
  const capsDiff = allCapsDifferential(tokens);
  const n = tokens.length;
  const valences = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    // boosters and "kind of" carry no valence of their own
    if (BOOSTERS.has(w) || (w === 'kind' && lower[i + 1] === 'of')) {
      valences[i] = 0;
      continue;
    }
    const base = lexiconValence(w);
    if (base === undefined) {
      valences[i] = 0;
      continue;
    }
    let v = base;
    // "no" directly before a lexicon word negates it instead of carrying its own valence
    if (w === 'no' && i !== n - 1 && lexiconValence(lower[i + 1]!) !== undefined) v = 0;
    if (
      (i > 0 && lower[i - 1] === 'no') ||
      (i > 1 && lower[i - 2] === 'no') ||
      (i > 2 && lower[i - 3] === 'no' && (lower[i - 1] === 'or' || lower[i - 1] === 'nor'))
    )
      v = base * N_SCALAR;
    // ALL CAPS emphasis, only when the text mixes cases
    if (capsDiff && isUpperWord(tokens[i]!)) v += v > 0 ? C_INCR : -C_INCR;
    // tandem-cx: an emoticon or emoji is not negated or boosted by the words before it ("nobody
    // helps :(" stays sad); the reference scans the window for them like for words
    const glyph = !HAS_LETTER.test(w);
    for (let d = 0; d < 3 && !glyph; d++) {
      const j = i - d - 1;
      if (j < 0 || lexiconValence(lower[j]!) !== undefined) continue;
      let s = scalarIncDec(tokens[j]!, lower[j]!, v, capsDiff);
      if (d === 1 && s !== 0) s *= 0.95;
      else if (d === 2 && s !== 0) s *= 0.9;
      v += s;
      v = negationCheck(v, lower, d, i);
      if (d === 2) v = specialIdiomsCheck(v, lower, i);
    }
    valences[i] = leastCheck(v, lower, i);
  }
  applyButShift(valences, lower.indexOf('but'));
  return valences;
}

/** VADER polarity scores of an English text (compound rounded to 4 decimals). */
export function scoreEnglish(text: string): ValenceScores {
  return scoreValences(englishValences(tokenize(text)), text);
}
