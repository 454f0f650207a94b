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
  ZH_CLAUSE_BUT,
  ZH_CONCESSIVE,
  ZH_FINAL_PARTICLES,
  ZH_INQUIRY,
  ZH_NEGATIONS,
  ZH_POST_BOOSTERS,
  ZH_PREDICATE_ONLY,
  ZH_TRADITIONAL_TO_SIMPLIFIED,
  ZH_WINDOW_SKIP,
  ZH_WORDS,
} from './lexicons/chinese';
import {
  PL_BOOSTERS,
  PL_BUT,
  PL_CONCESSIVE,
  PL_LEXICAL_NEGATIONS,
  PL_NEGATION_BRIDGES,
  PL_NEGATIONS,
  PL_PHRASES,
  PL_PREDICATE_ONLY,
  PL_REPORTED_SPEECH_FACTOR,
  PL_REPORTING_VERBS,
  PL_STEMS,
  PL_WORDS,
} from './lexicons/polish';
import { lexiconValence, tokenize } from './vader';
import {
  allCapsDifferential,
  applyButShift,
  B_INCR,
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
  /** "But" words that count only at the start of a clause (Chinese 就是, 只是). */
  clauseBut?: ReadonlySet<string>;
  /** "Although" words: without a later "but", the next clause is weighted as after a "but". */
  concessive?: ReadonlySet<string>;
  /** Degree complements after a word (Chinese 极了, 死了): boost the word before them. */
  postBoosters?: Readonly<Record<string, number>>;
  /** Clause-final particles → factor on that clause's valences (Chinese 吧, 啊). */
  finalParticles?: Readonly<Record<string, number>>;
  /** Function words not counted in the three-word window of negations and boosters. */
  windowSkip?: ReadonlySet<string>;
  /** Words that are boosters when a lexicon word follows them (Chinese 好 "so": 好卡, 好新鲜). */
  adverbBeforeWord?: ReadonlySet<string>;
  /** Words that judge only at the end of their clause or before another sentiment word. */
  predicateOnly?: ReadonlySet<string>;
  /** Markers anywhere in a clause → factor on that clause's valences (Chinese 请问). */
  clauseMarkers?: Readonly<Record<string, number>>;
  /**
   * When set, a negation further back than the word right before reaches a word only across
   * these words (and boosters): Polish "nie" negates its verb or the predicate after a copula
   * ("nie jest dobry"), not the object after the verb ("nie spotkałam lepszego lekarza").
   */
  negationBridges?: ReadonlySet<string>;
  /**
   * Valence of a negation that negates no lexicon word ("nie zbadał", "nie słucha"): negation is
   * itself more frequent in negative evaluations (Potts 2011, "On the negativity of negation").
   */
  negationCue?: number;
}

/** Valence of a Polish "nie" that negates no lexicon word (see `RuleSet.negationCue`). */
const NEGATION_CUE = -0.9;

const MIN_STEM = 3;
const MAX_STEM = 16;

/** Polish letters with diacritics → the bare letter people type when they leave them out. */
const PL_DIACRITICS: Readonly<Record<string, string>> = {
  ą: 'a',
  ć: 'c',
  ę: 'e',
  ł: 'l',
  ń: 'n',
  ó: 'o',
  ś: 's',
  ź: 'z',
  ż: 'z',
};
const PL_DIACRITIC = /[ąćęłńóśźż]/g;

/** Lower-case Polish without diacritics ("źle" → "zle"), as text typed on a bare keyboard reads. */
export function stripPolishDiacritics(lower: string): string {
  return lower.replace(PL_DIACRITIC, (ch) => PL_DIACRITICS[ch]!);
}

interface StemTables {
  words: ReadonlyMap<string, number>;
  stems: ReadonlyMap<string, number>;
}

function tables(
  words: Readonly<Record<string, number>>,
  stems: Readonly<Record<string, number>>,
): StemTables {
  return { words: new Map(Object.entries(words)), stems: new Map(Object.entries(stems)) };
}

/** The same tables keyed without diacritics; a key that already exists bare keeps its own value. */
function foldedTables(t: StemTables): StemTables {
  const fold = (m: ReadonlyMap<string, number>) => {
    const out = new Map<string, number>();
    for (const [k, v] of m) {
      const f = stripPolishDiacritics(k);
      if (!m.has(f) && !out.has(f)) out.set(f, v);
      else if (f === k) out.set(f, v);
    }
    return out;
  };
  return { words: fold(t.words), stems: fold(t.stems) };
}

const PL_TABLES = tables(PL_WORDS, PL_STEMS);
let plFolded: StemTables | undefined;

function stemLookup(lower: string, t: StemTables): number | undefined {
  const exact = t.words.get(lower);
  if (exact !== undefined) return exact;
  for (let len = Math.min(lower.length, MAX_STEM); len >= MIN_STEM; len--) {
    const v = t.stems.get(lower.slice(0, len));
    if (v !== undefined) return v;
  }
  // fused negation: nie + adjective/adverb ("niemiły", "nieprzyjemnie") negates the stem
  if (lower.length > 6 && lower.startsWith('nie')) {
    const rest = lower.slice(3);
    for (let len = Math.min(rest.length, MAX_STEM); len >= 4; len--) {
      const v = t.stems.get(rest.slice(0, len));
      if (v !== undefined) return v * N_SCALAR;
    }
  }
  return undefined;
}

const ASCII_WORD = /^[a-z]+$/;

/**
 * Word → valence (`null`: none) of recently seen Polish words: stem matching tries up to 16
 * prefixes, twice for a word without diacritics, and review text repeats its words (Zipf). Bounded:
 * cleared when it reaches `PL_CACHE_SIZE` entries. A pure function's memo, so results never change.
 */
const plCache = new Map<string, number | null>();
const PL_CACHE_SIZE = 50_000;

const plCacheWritten = new Map<string, number | null>();

/**
 * Valence of a Polish word. `bare` (the text has no diacritic at all, as typed on a bare keyboard)
 * also tries the tables without diacritics; in text written with diacritics a bare word is what it
 * says ("obraz", a picture, is not "obraź", insult).
 */
function polishLookup(lower: string, bare = true): number | undefined {
  const cache = bare ? plCache : plCacheWritten;
  const cached = cache.get(lower);
  if (cached !== undefined) return cached ?? undefined;
  const v = polishLookupUncached(lower, bare);
  if (cache.size >= PL_CACHE_SIZE) cache.clear();
  cache.set(lower, v ?? null);
  return v;
}

function polishLookupUncached(lower: string, bare: boolean): number | undefined {
  const v = stemLookup(lower, PL_TABLES);
  if (v !== undefined) return v;
  // typed without diacritics ("zle", "swietny", "bezuzyteczny"): the folded tables
  if (bare && ASCII_WORD.test(lower)) {
    plFolded ??= foldedTables(PL_TABLES);
    const f = stemLookup(lower, plFolded);
    if (f !== undefined) return f;
  }
  // emoticons and emoji are language-neutral
  return /\p{L}/u.test(lower) ? undefined : lexiconValence(lower);
}

const POLISH: RuleSet = {
  lookup: (lower) => polishLookup(lower),
  phrases: PL_PHRASES,
  negations: PL_NEGATIONS,
  lexicalNegations: PL_LEXICAL_NEGATIONS,
  boosters: PL_BOOSTERS,
  but: PL_BUT,
  negativeConcord: true,
  concessive: PL_CONCESSIVE,
  negationBridges: PL_NEGATION_BRIDGES,
  negationCue: NEGATION_CUE,
  // "super miła", "ekstra obsługa": before a sentiment word these intensify it
  adverbBeforeWord: new Set(['super', 'ekstra', 'extra']),
  predicateOnly: PL_PREDICATE_ONLY,
};
/** Polish written with diacritics: bare words are not read through the folded tables. */
const POLISH_WRITTEN: RuleSet = { ...POLISH, lookup: (lower) => polishLookup(lower, false) };
const ANY_PL_DIACRITIC = /[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]/;

function chineseLookup(word: string): number | undefined {
  if (Object.hasOwn(ZH_WORDS, word)) return ZH_WORDS[word];
  // Latin words, emoticons and emoji inside Chinese text ("ok", "good", ":)") read as in English
  return isHanUnit(word.charCodeAt(0)) ? undefined : lexiconValence(word);
}

const CHINESE: RuleSet = {
  lookup: chineseLookup,
  phrases: {},
  negations: ZH_NEGATIONS,
  lexicalNegations: new Set(),
  boosters: ZH_BOOSTERS,
  but: ZH_BUT,
  negativeConcord: false,
  clauseBut: ZH_CLAUSE_BUT,
  concessive: ZH_CONCESSIVE,
  postBoosters: ZH_POST_BOOSTERS,
  finalParticles: ZH_FINAL_PARTICLES,
  windowSkip: ZH_WINDOW_SKIP,
  adverbBeforeWord: new Set(['好']),
  predicateOnly: ZH_PREDICATE_ONLY,
  clauseMarkers: ZH_INQUIRY,
};

// Clause ends: ASCII , . ; ! ? before a space or the end, or any CJK sentence punctuation.
const CLAUSE_END = /[,.;!?]+(?=\s|$)|[，。；！？、\n]+/u;

/** Tokens of `text` with the index of the clause each belongs to, and the number of clauses. */
function clauseTokens(
  text: string,
  split: (clause: string) => string[],
): { tokens: string[]; clause: number[]; clauses: number } {
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
  return { tokens, clause, clauses: c };
}

const NO_SET: ReadonlySet<string> = new Set();
const NO_RECORD: Readonly<Record<string, number>> = {};

/** Index of the contrast that weights the text: the first "but", else the clause after "although". */
function contrastIndex(lower: readonly string[], clause: readonly number[], rules: RuleSet): number {
  const clauseBut = rules.clauseBut ?? NO_SET;
  let concessiveClause = -1;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]!;
    if (rules.but.has(w)) return i;
    if (clauseBut.has(w) && (i === 0 || clause[i - 1] !== clause[i])) return i;
    if (concessiveClause < 0 && rules.concessive?.has(w)) concessiveClause = clause[i]!;
  }
  if (concessiveClause < 0) return -1;
  // no "but" after "although": the first word after the concessive clause takes the shift
  for (let i = 0; i < lower.length; i++) if (clause[i]! > concessiveClause) return i - 1;
  return -1;
}

/**
 * Multiplies each clause's valences by the factor of its final particle and of any clause marker
 * in it (both optional).
 */
function applyClauseFactors(
  valences: number[],
  lower: readonly string[],
  clause: readonly number[],
  particles: Readonly<Record<string, number>>,
  markers: Readonly<Record<string, number>>,
): void {
  let start = 0;
  let factor = 1;
  for (let i = 0; i < lower.length; i++) {
    const w = lower[i]!;
    if (Object.hasOwn(markers, w)) factor *= markers[w]!;
    if (i + 1 < lower.length && clause[i + 1] === clause[i]) continue;
    if (Object.hasOwn(particles, w)) factor *= particles[w]!;
    if (factor !== 1) for (let k = start; k <= i; k++) valences[k] = valences[k]! * factor;
    start = i + 1;
    factor = 1;
  }
}

/**
 * True when token `i` ends its clause (function words and final particles aside) or another
 * sentiment word follows it.
 */
function isPredicate(
  i: number,
  lower: readonly string[],
  clause: readonly number[],
  known: readonly boolean[],
  base: readonly (number | undefined)[],
  rules: RuleSet,
): boolean {
  const skip = rules.windowSkip ?? NO_SET;
  const particles = rules.finalParticles ?? NO_RECORD;
  let k = i + 1;
  while (
    k < lower.length &&
    clause[k] === clause[i] &&
    (skip.has(lower[k]!) || Object.hasOwn(particles, lower[k]!))
  )
    k++;
  if (k >= lower.length || clause[k] !== clause[i]) return true;
  return known[k]! && base[k] !== 0;
}

/**
 * One valence per token under `rules`, "but" shift applied. Unlike English VADER, boosters and
 * negations do not reach across a clause boundary (comma, full stop, CJK punctuation).
 */
function ruleValences(
  tokens: readonly string[],
  clause: readonly number[],
  rules: RuleSet,
  cased = true,
): number[] {
  const lower = cased ? tokens.map((t) => t.toLowerCase()) : tokens;
  const n = tokens.length;
  const capsDiff = cased && allCapsDifferential(tokens);
  const valences = new Array<number>(n).fill(0);
  // a booster is only a booster (VADER: booster words take no valence of their own)
  const base = lower.map((w) => (Object.hasOwn(rules.boosters, w) ? undefined : rules.lookup(w)));
  const known = base.map((v) => v !== undefined);
  const skip = rules.windowSkip ?? NO_SET;
  const post = rules.postBoosters ?? NO_RECORD;
  const bridges = rules.negationBridges;
  const usedNegation = new Array<boolean>(n).fill(false);
  // booster value of each token (0 when none); an adverb such as 好 is one before a lexicon word
  const boost = lower.map((w) => (Object.hasOwn(rules.boosters, w) ? rules.boosters[w]! : 0));
  if (rules.adverbBeforeWord) {
    for (let i = 0; i + 1 < n; i++) {
      if (
        rules.adverbBeforeWord.has(lower[i]!) &&
        clause[i + 1] === clause[i] &&
        known[i + 1] &&
        base[i + 1] !== 0
      ) {
        boost[i] = B_INCR;
        known[i] = false;
      }
    }
  }
  // Negative concord: Polish n-words ("nic", "nigdy", "żaden") go with a verb's "nie"; when one is
  // followed by "nie", only "nie" negates.
  const negation = lower.map(
    (w, j) =>
      rules.negations.has(w) &&
      !(rules.negativeConcord && w !== 'nie' && (lower[j + 1] === 'nie' || lower[j + 2] === 'nie')),
  );
  for (let i = 0; i < n; i++) {
    const w = lower[i]!;
    if (boost[i] !== 0) continue;
    let b0: number | undefined;
    let span = 1;
    const next = lower[i + 1];
    if (next !== undefined) {
      const phrase = `${w} ${next}`;
      if (Object.hasOwn(rules.phrases, phrase)) {
        b0 = rules.phrases[phrase]!;
        span = 2;
        // words inside a phrase are not read again as boosters or negations of later words
        known[i] = true;
        known[i + 1] = true;
      }
    }
    if (b0 === undefined) b0 = known[i] ? base[i]! : undefined;
    if (
      b0 !== undefined &&
      span === 1 &&
      rules.predicateOnly?.has(w) &&
      !isPredicate(i, lower, clause, known, base, rules)
    )
      b0 = 0;
    if (b0 === undefined || b0 === 0) {
      if (span === 2) i++;
      continue;
    }
    let v = b0;
    // A phrase that carries its own negation ("nikt nie") is already negated: under negative
    // concord an earlier "nie" in the window must not flip it back.
    let negated = span === 2 && (rules.negations.has(w) || rules.negations.has(next!));
    if (span === 1 && rules.lexicalNegations.has(w) && next !== undefined && known[i + 1]) v = 0;
    if (
      (i > 0 && rules.lexicalNegations.has(lower[i - 1]!)) ||
      (i > 1 && rules.lexicalNegations.has(lower[i - 2]!))
    ) {
      v = b0 * N_SCALAR;
      negated = true;
    }
    if (capsDiff && isUpperWord(tokens[i]!)) v += v > 0 ? C_INCR : -C_INCR;
    // degree complement right after the word (skipping function words)
    const after = i + span < n && skip.has(lower[i + span]!) ? i + span + 1 : i + span;
    if (after < n && clause[after] === clause[i] && Object.hasOwn(post, lower[after]!)) {
      const p = post[lower[after]!]!;
      v += v < 0 ? -p : p;
    }
    let bridged = true;
    for (let d = 0, j = i - 1; d < 3 && j >= 0; j--) {
      if (clause[j] !== clause[i]) break;
      if (skip.has(lower[j]!)) continue;
      if (!known[j]) {
        const b = boost[j]!;
        if (b !== 0) {
          let s = v < 0 ? -b : b;
          if (capsDiff && isUpperWord(tokens[j]!)) s += v > 0 ? C_INCR : -C_INCR;
          v += d === 0 ? s : d === 1 ? s * 0.95 : s * 0.9;
        }
        if (negation[j] && bridged && !(rules.negativeConcord && negated)) {
          v *= N_SCALAR;
          negated = true;
        }
        if (negation[j] && bridged) usedNegation[j] = true;
      }
      if (bridges && boost[j] === 0 && !negation[j] && !bridges.has(lower[j]!)) bridged = false;
      d++;
    }
    valences[i] = v;
    if (span === 2) i++;
  }
  if (rules.negationCue) {
    for (let j = 0; j < n; j++)
      if (negation[j] && !usedNegation[j] && !known[j]) valences[j] = rules.negationCue;
  }
  if (rules.finalParticles || rules.clauseMarkers)
    applyClauseFactors(
      valences,
      lower,
      clause,
      rules.finalParticles ?? NO_RECORD,
      rules.clauseMarkers ?? NO_RECORD,
    );
  applyButShift(valences, contrastIndex(lower, clause, rules));
  return valences;
}

// a word right after a dash or a quotation mark, and the word after a sentence-initial "Jak"
const AFTER_QUOTE_OR_DASH = /[”"»–—-]\s*(\p{L}+)/gu;
// a sentence that opens with a quotation mark is someone else's words, quoted
const OPENING_QUOTE = /^\s*[„"“«]/u;
const INITIAL_JAK = /^[\s„"«]*jak\s+(\p{L}+)/iu;

/**
 * True when `text` is reported speech: it opens with a quotation mark (direct speech, quoted), or a
 * reporting verb follows a quotation or a dash ("… ” – podkreśliła .") or a sentence-initial _Jak_
 * ("Jak poinformował rzecznik …").
 */
function isReportedSpeech(text: string): boolean {
  if (OPENING_QUOTE.test(text)) return true;
  const initial = INITIAL_JAK.exec(text);
  if (initial && PL_REPORTING_VERBS.has(initial[1]!.toLowerCase())) return true;
  for (const m of text.matchAll(AFTER_QUOTE_OR_DASH))
    if (PL_REPORTING_VERBS.has(m[1]!.toLowerCase())) return true;
  return false;
}

// a full stop, "!" or "?" before a space or the end closes a sentence (also a clause end)
const SENTENCE_END = /[.!?]+(?=\s|$)/gu;
const LAST_WORD = /(\p{L}+)\s*$/u;
/** Abbreviations whose full stop does not close a sentence ("prof. Nowak", "np. ból"). */
const PL_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'prof',
  'dr',
  'hab',
  'doc',
  'lek',
  'med',
  'mgr',
  'inż',
  'np',
  'tzw',
  'tj',
  'ok',
  'ul',
  'św',
  'godz',
  'in',
  'r',
  'w',
  'ang',
  'łac',
  'przyp',
  'pt',
  'tys',
  'mln',
  'mld',
  'proc',
  'wg',
  'zob',
  'por',
  'nr',
  'tel',
  'al',
]);

/** `text` cut into sentences (each keeps its closing punctuation; the pieces join back to it). */
function polishSentences(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (const m of text.matchAll(SENTENCE_END)) {
    const before = LAST_WORD.exec(text.slice(start, m.index));
    if (m[0] === '.' && before && PL_ABBREVIATIONS.has(before[1]!.toLowerCase())) continue;
    const end = m.index + m[0].length;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** Sentiment of Polish text. */
export function scorePolish(text: string): ValenceScores {
  // tokens sentence by sentence (the same tokens and clause boundaries as the whole text)
  const tokens: string[] = [];
  const clause: number[] = [];
  const reported: boolean[] = [];
  let offset = 0;
  for (const sentence of polishSentences(text)) {
    const t = clauseTokens(sentence, tokenize);
    const isReported = isReportedSpeech(sentence);
    for (let k = 0; k < t.tokens.length; k++) {
      tokens.push(t.tokens[k]!);
      clause.push(t.clause[k]! + offset);
      reported.push(isReported);
    }
    offset += t.clauses;
  }
  const valences = ruleValences(tokens, clause, ANY_PL_DIACRITIC.test(text) ? POLISH_WRITTEN : POLISH);
  // reported speech informs rather than judges: its sentences are neutral (PL_REPORTING_VERBS)
  for (let i = 0; i < valences.length; i++) if (reported[i]) valences[i]! *= PL_REPORTED_SPEECH_FACTOR;
  return scoreValences(valences, text);
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

interface ChineseDictionary {
  words: Set<string>;
  /** Every proper prefix of a word: forward matching stops as soon as a candidate is none. */
  prefixes: Set<string>;
}
let zhDictionary: ChineseDictionary | undefined;
function chineseDictionary(): ChineseDictionary {
  if (zhDictionary) return zhDictionary;
  const words = new Set<string>([
    ...Object.keys(ZH_WORDS),
    ...ZH_NEGATIONS,
    ...Object.keys(ZH_BOOSTERS),
    ...ZH_BUT,
    ...ZH_CLAUSE_BUT,
    ...ZH_CONCESSIVE,
    ...Object.keys(ZH_POST_BOOSTERS),
    ...Object.keys(ZH_FINAL_PARTICLES),
    ...Object.keys(ZH_INQUIRY),
  ]);
  const prefixes = new Set<string>();
  for (const w of words) for (let len = 1; len < w.length; len++) prefixes.add(w.slice(0, len));
  zhDictionary = { words, prefixes };
  return zhDictionary;
}

/** CJK unified ideographs (basic block, extension A, compatibility): the Han characters of the BMP. */
const isHanUnit = (c: number): boolean =>
  (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
/** Full-width punctuation and forms, which separate words like a space. */
const isFullWidthMark = (c: number): boolean => (c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xffef);

/** Folds traditional characters of the lexicon's vocabulary to simplified ones. */
export function foldTraditional(text: string): string {
  const map = traditionalToSimplified();
  let out: string[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    const s = isHanUnit(ch.charCodeAt(0)) ? map.get(ch) : undefined;
    if (s !== undefined) {
      out ??= [text.slice(0, i)];
      out.push(s);
    } else if (out) out.push(ch);
  }
  return out ? out.join('') : text;
}

/**
 * Segments Chinese text: runs of Han characters by forward maximum matching against the lexicon
 * (unknown characters become one-character tokens); other runs are split like English.
 */
export function segmentChinese(text: string): string[] {
  const { words, prefixes } = chineseDictionary();
  const tokens: string[] = [];
  let otherStart = -1;
  let other = '';
  const flush = (end: number) => {
    if (otherStart >= 0) for (const t of tokenize(other + text.slice(otherStart, end))) tokens.push(t);
    otherStart = -1;
    other = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (!isHanUnit(c)) {
      if (isFullWidthMark(c)) {
        // full-width punctuation separates words like a space
        if (otherStart >= 0) other += `${text.slice(otherStart, i)} `;
        else other = ' ';
        otherStart = i + 1;
      } else if (otherStart < 0) otherStart = i;
      i++;
      continue;
    }
    flush(i);
    // longest dictionary word starting here (one character when none)
    let matchedLength = 1;
    for (let len = 2; i + len <= text.length; len++) {
      const candidate = text.slice(i, i + len);
      if (words.has(candidate)) matchedLength = len;
      if (!prefixes.has(candidate)) break;
    }
    tokens.push(text.slice(i, i + matchedLength));
    i += matchedLength;
  }
  flush(text.length);
  return tokens;
}

const LATIN_LETTER = /[A-Za-z]/;

/** Sentiment of Chinese text, simplified or traditional. */
export function scoreChinese(text: string): ValenceScores {
  const { tokens, clause } = clauseTokens(foldTraditional(text), segmentChinese);
  return scoreValences(ruleValences(tokens, clause, CHINESE, LATIN_LETTER.test(text)), text);
}
