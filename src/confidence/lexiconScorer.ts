/**
 * VADER's word-level rules (boosters/dampeners within three words, negation ×−0.74, ALL-CAPS
 * emphasis, "but" shift) applied to languages other than English, with each language's own
 * lexicon, negations and degree adverbs. Polish words are matched exactly, then by longest stem;
 * Chinese text is segmented by forward maximum matching against the lexicon (no dictionary
 * download). Scores share VADER's scale, normalisation and thresholds.
 */

import {
  ZH_BOOSTERS,
  ZH_BUT,
  ZH_NEGATIONS,
  ZH_TRADITIONAL_TO_SIMPLIFIED,
  ZH_WORDS,
} from './lexicons/chinese';
import {
  PL_BOOSTERS,
  PL_BUT,
  PL_LEXICAL_NEGATIONS,
  PL_NEGATIONS,
  PL_PHRASES,
  PL_STEMS,
  PL_WORDS,
} from './lexicons/polish';
import { lexiconValence, tokenize } from './vader';
import {
  allCapsDifferential,
  applyButShift,
  C_INCR,
  isUpperWord,
  N_SCALAR,
  scoreValences,
  type ValenceScores,
} from './valence';

interface RuleSet {
  /** Valence of a lower-case token, `undefined` when it carries none. */
  lookup(lower: string): number | undefined;
  phrases: Readonly<Record<string, number>>;
  negations: ReadonlySet<string>;
  /** Negations that are lexicon words themselves (English "no", Polish "brak"). */
  lexicalNegations: ReadonlySet<string>;
  boosters: Readonly<Record<string, number>>;
  but: ReadonlySet<string>;
  /** Negative concord (Polish "nikt nie", "nigdy nie"): negations in one window count once. */
  negativeConcord: boolean;
}

const MIN_STEM = 3;
const MAX_STEM = 16;

function polishLookup(lower: string): number | undefined {
  if (Object.hasOwn(PL_WORDS, lower)) return PL_WORDS[lower];
  for (let len = Math.min(lower.length, MAX_STEM); len >= MIN_STEM; len--) {
    const stem = lower.slice(0, len);
    if (Object.hasOwn(PL_STEMS, stem)) return PL_STEMS[stem];
  }
  // fused negation: nie + adjective/adverb ("niemiły", "nieprzyjemnie") negates the stem
  if (lower.length > 6 && lower.startsWith('nie')) {
    const rest = lower.slice(3);
    for (let len = Math.min(rest.length, MAX_STEM); len >= 4; len--) {
      const stem = rest.slice(0, len);
      if (Object.hasOwn(PL_STEMS, stem)) return PL_STEMS[stem]! * N_SCALAR;
    }
  }
  // emoticons and emoji are language-neutral
  return /\p{L}/u.test(lower) ? undefined : lexiconValence(lower);
}

const POLISH: RuleSet = {
  lookup: polishLookup,
  phrases: PL_PHRASES,
  negations: PL_NEGATIONS,
  lexicalNegations: PL_LEXICAL_NEGATIONS,
  boosters: PL_BOOSTERS,
  but: PL_BUT,
  negativeConcord: true,
};

function chineseLookup(word: string): number | undefined {
  if (Object.hasOwn(ZH_WORDS, word)) return ZH_WORDS[word];
  return /\p{L}/u.test(word) ? undefined : lexiconValence(word);
}

const CHINESE: RuleSet = {
  lookup: chineseLookup,
  phrases: {},
  negations: ZH_NEGATIONS,
  lexicalNegations: new Set(),
  boosters: ZH_BOOSTERS,
  but: ZH_BUT,
  negativeConcord: false,
};

// Clause ends: ASCII , . ; ! ? before a space or the end, or any CJK sentence punctuation.
const CLAUSE_END = /[,.;!?]+(?=\s|$)|[，。；！？、\n]+/u;

/** Tokens of `text` with the index of the clause each belongs to. */
function clauseTokens(
  text: string,
  split: (clause: string) => string[],
): { tokens: string[]; clause: number[] } {
  const tokens: string[] = [];
  const clause: number[] = [];
  let c = 0;
  for (const part of text.split(CLAUSE_END)) {
    for (const t of split(part)) {
      tokens.push(t);
      clause.push(c);
    }
    c++;
  }
  return { tokens, clause };
}

/**
 * One valence per token under `rules`, "but" shift applied. Unlike English VADER, boosters and
 * negations do not reach across a clause boundary (comma, full stop, CJK punctuation).
 */
function ruleValences(tokens: readonly string[], clause: readonly number[], rules: RuleSet): number[] {
  const lower = tokens.map((t) => t.toLowerCase());
  const n = tokens.length;
  const capsDiff = allCapsDifferential(tokens);
  const valences = new Array<number>(n).fill(0);
  const known = lower.map((w) => rules.lookup(w) !== undefined);
  // Negative concord: Polish n-words ("nic", "nigdy", "żaden") go with a verb's "nie"; when one is
  // followed by "nie", only "nie" negates.
  const negation = lower.map(
    (w, j) =>
      rules.negations.has(w) &&
      !(rules.negativeConcord && w !== 'nie' && (lower[j + 1] === 'nie' || lower[j + 2] === 'nie')),
  );
  let butIndex = -1;
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    if (butIndex < 0 && rules.but.has(w)) butIndex = i;
    if (Object.hasOwn(rules.boosters, w)) continue;
    let base: number | undefined;
    let span = 1;
    const next = lower[i + 1];
    if (next !== undefined) {
      const phrase = `${w} ${next}`;
      if (Object.hasOwn(rules.phrases, phrase)) {
        base = rules.phrases[phrase]!;
        span = 2;
        // words inside a phrase are not read again as boosters or negations of later words
        known[i] = true;
        known[i + 1] = true;
      }
    }
    if (base === undefined) base = known[i] ? rules.lookup(w)! : undefined;
    if (base === undefined) continue;
    let v = base;
    // A phrase that carries its own negation ("nikt nie") is already negated: under negative
    // concord an earlier "nie" in the window must not flip it back.
    let negated = span === 2 && (rules.negations.has(w) || rules.negations.has(next!));
    if (span === 1 && rules.lexicalNegations.has(w) && next !== undefined && known[i + 1]) v = 0;
    if (
      (i > 0 && rules.lexicalNegations.has(lower[i - 1]!)) ||
      (i > 1 && rules.lexicalNegations.has(lower[i - 2]!))
    ) {
      v = base * N_SCALAR;
      negated = true;
    }
    if (capsDiff && isUpperWord(tokens[i]!)) v += v > 0 ? C_INCR : -C_INCR;
    for (let d = 0; d < 3; d++) {
      const j = i - d - 1;
      if (j < 0 || clause[j] !== clause[i]) break;
      if (known[j]) continue;
      const b = rules.boosters[lower[j]!];
      if (b !== undefined && Object.hasOwn(rules.boosters, lower[j]!)) {
        let s = v < 0 ? -b : b;
        if (capsDiff && isUpperWord(tokens[j]!)) s += v > 0 ? C_INCR : -C_INCR;
        v += d === 0 ? s : d === 1 ? s * 0.95 : s * 0.9;
      }
      if (negation[j] && !(rules.negativeConcord && negated)) {
        v *= N_SCALAR;
        negated = true;
      }
    }
    valences[i] = v;
    if (span === 2) i++;
  }
  applyButShift(valences, butIndex);
  return valences;
}

/** Sentiment of Polish text. */
export function scorePolish(text: string): ValenceScores {
  const { tokens, clause } = clauseTokens(text, tokenize);
  return scoreValences(ruleValences(tokens, clause, POLISH), text);
}

let t2s: Map<string, string> | undefined;
function traditionalToSimplified(): Map<string, string> {
  if (t2s) return t2s;
  const map = new Map<string, string>();
  const chars = Array.from(ZH_TRADITIONAL_TO_SIMPLIFIED);
  for (let i = 0; i + 1 < chars.length; i += 2) map.set(chars[i]!, chars[i + 1]!);
  t2s = map;
  return map;
}

let zhDictionary: { words: Set<string>; maxLength: number } | undefined;
function chineseDictionary(): { words: Set<string>; maxLength: number } {
  if (zhDictionary) return zhDictionary;
  const words = new Set<string>([
    ...Object.keys(ZH_WORDS),
    ...ZH_NEGATIONS,
    ...Object.keys(ZH_BOOSTERS),
    ...ZH_BUT,
  ]);
  let maxLength = 1;
  for (const w of words) maxLength = Math.max(maxLength, w.length);
  zhDictionary = { words, maxLength };
  return zhDictionary;
}

const HAN = /\p{Script=Han}/u;

/** Folds traditional characters of the lexicon's vocabulary to simplified ones. */
export function foldTraditional(text: string): string {
  const map = traditionalToSimplified();
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}

/**
 * Segments Chinese text: runs of Han characters by forward maximum matching against the lexicon
 * (unknown characters become one-character tokens); other runs are split like English.
 */
export function segmentChinese(text: string): string[] {
  const { words, maxLength } = chineseDictionary();
  const tokens: string[] = [];
  const chars = Array.from(text);
  let other = '';
  const flush = () => {
    if (other) for (const t of tokenize(other)) tokens.push(t);
    other = '';
  };
  let i = 0;
  while (i < chars.length) {
    const ch = chars[i]!;
    if (!HAN.test(ch)) {
      // full-width punctuation separates words like a space
      other += /[\u3000-\u303f\uff00-\uffef]/.test(ch) ? ' ' : ch;
      i++;
      continue;
    }
    flush();
    // longest dictionary word starting here (one character when none)
    let matched = ch;
    let matchedLength = 1;
    let candidate = ch;
    const limit = Math.min(maxLength, chars.length - i);
    for (let len = 2; len <= limit; len++) {
      candidate += chars[i + len - 1]!;
      if (words.has(candidate)) {
        matched = candidate;
        matchedLength = len;
      }
    }
    tokens.push(matched);
    i += matchedLength;
  }
  flush();
  return tokens;
}

/** Sentiment of Chinese text, simplified or traditional. */
export function scoreChinese(text: string): ValenceScores {
  const { tokens, clause } = clauseTokens(foldTraditional(text), segmentChinese);
  return scoreValences(ruleValences(tokens, clause, CHINESE), text);
}
