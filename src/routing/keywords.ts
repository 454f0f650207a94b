/**
 * Keyword and phrase matching shared by classifyTopic and classifyPriority: case- and
 * accent-insensitive, whole words (`refund` does not match `refunded`; `refund*` does), phrases
 * as word sequences, and substring matching for terms in scripts written without spaces (Han,
 * kana, Thai).
 */

/** A term with its weight, as matched. */
export interface WeightedTerm {
  term: string;
  weight: number;
}

/** Result of a term matcher: total weight and the terms that matched (each counted once). */
export interface TermMatch {
  score: number;
  matched: string[];
}

const NO_SPACES = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}]/u;
const WORD = /[\p{L}\p{N}]+/gu;
const MARKS = /\p{M}/gu;

// Letters with a stroke or ligatures have no decomposition, so NFD alone keeps them.
const FOLD: Record<string, string> = { ł: 'l', đ: 'd', ø: 'o', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };
const UNDECOMPOSABLE = /[łđøßæœı]/g;

/** Lowercases and strips accents (NFD without combining marks, ł → l): `Zwrót` → `zwrot`. */
export function normalizeText(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(UNDECOMPOSABLE, (c) => FOLD[c]!);
}

/** Text prepared once for many term lookups. */
export interface PreparedText {
  /** Normalised text. */
  plain: string;
  /** ` word word word ` — normalised words joined by single spaces, padded. */
  words: string;
}

/** Prepares text for {@link compileTermMatcher} matchers (normalise once, match many). */
export function prepareText(text: string): PreparedText {
  const plain = normalizeText(text);
  const tokens = plain.match(WORD);
  return { plain, words: tokens ? ` ${tokens.join(' ')} ` : ' ' };
}

/** Compiles terms into `(prepared) => TermMatch`. */
export function compileTermMatcher(terms: readonly WeightedTerm[]): (text: PreparedText) => TermMatch {
  const compiled = terms.map(({ term, weight }) => {
    const normalized = normalizeText(term.trim());
    if (NO_SPACES.test(normalized)) return { term, weight, kind: 'substring' as const, needle: normalized };
    const prefix = normalized.endsWith('*');
    const tokens = (prefix ? normalized.slice(0, -1) : normalized).match(WORD) ?? [];
    const needle = ` ${tokens.join(' ')}${prefix ? '' : ' '}`;
    return { term, weight, kind: 'words' as const, needle };
  });
  return (text) => {
    let score = 0;
    const matched: string[] = [];
    for (const c of compiled) {
      const hit = c.kind === 'substring' ? text.plain.includes(c.needle) : text.words.includes(c.needle);
      if (hit) {
        score += c.weight;
        matched.push(c.term);
      }
    }
    return { score, matched };
  };
}
