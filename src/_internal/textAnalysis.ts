// Text analysis shared by knowledge search and the learning features: tokenising, normalisation,
// stop words and light stemming for English and Polish, character bigrams for Chinese. Not
// exported from the package (knowledge re-exports normalizeQueryText and questionKey).

/** Stemmer family used for a text. */
export type AnalyzerLanguage = 'en' | 'pl';

// Function words that carry no topic (short list on purpose: question words such as "how" or
// "why" stay, they separate FAQ intents like "how do I…" vs "why was I…" only weakly but harm
// nothing).
const STOP_EN = new Set(
  (
    'a an the and or but if of to in on at by for from with as is are was were be been being am ' +
    'i me my mine we us our you your he him his she her it its they them their this that these ' +
    'those there here do does did doing done have has had having will would shall should can ' +
    'could may might must so too very just than then also please hi hello thanks thank ' +
    'im ive id ill dont doesnt didnt cant wont isnt arent wasnt any some about into what'
  ).split(' '),
);
// Polish stop words, diacritics removed (matching is done after folding).
const STOP_PL = new Set(
  (
    'a i o u w z ze we na do od po za przez dla ze sie to ten ta te tego tej tym jest sa byl byla ' +
    'bylo by jak czy nie tak juz jeszcze mi mnie moj moja moje mojego mojej ja ty on ona ono my wy ' +
    'oni ale lub oraz czy ze co mam ma prosze dzien dobry witam'
  ).split(' '),
);

// Polish-specific letters and very frequent Polish function words: enough to pick the Polish
// stemmer for a query that carries no locale.
const POLISH_LETTERS = /[ąćęłńóśźż]/i;
const POLISH_HINTS = new Set([
  'jak',
  'czy',
  'nie',
  'sie',
  'moja',
  'moje',
  'moj',
  'gdzie',
  'kiedy',
  'jest',
  'mam',
]);

const WORD = /[\p{L}\p{N}]+/gu;
const HAN = /\p{Script=Han}/u;
const HAN_RUN = /(\p{Script=Han}+)|([^\p{Script=Han}]+)/gu;
const NON_ASCII = /[^\u0000-\u007f]/;
const MARKS = /\p{M}+/gu;

/** Lower-cases and removes diacritics (`ł` → `l`), so `Żółta` and `zolta` meet. */
export function fold(word: string): string {
  if (!NON_ASCII.test(word)) return word;
  return word.normalize('NFD').replace(MARKS, '').replace(/ł/g, 'l');
}

/**
 * Light English stemmer (plural, -ed, -ing, final -e/-y): conservative suffix stripping so that
 * "arrive", "arrived", "arriving", "arrives" meet at "arriv".
 */
export function stemEnglish(w: string): string {
  const n = w.length;
  if (n <= 3) return w;
  let s = w;
  if (s.endsWith('sses')) s = s.slice(0, -2);
  else if (s.endsWith('ies') || s.endsWith('ied')) s = n > 4 ? `${s.slice(0, -3)}i` : s.slice(0, -1);
  else if (s.endsWith('s') && !s.endsWith('ss') && !s.endsWith('us') && !s.endsWith('is')) s = s.slice(0, -1);
  else if (s.endsWith('ing') && n > 5) s = undouble(s.slice(0, -3));
  else if (s.endsWith('ed') && n > 4) s = undouble(s.slice(0, -2));
  else if (s.endsWith('ed')) s = s.slice(0, -1);
  if (s.length > 3 && s.endsWith('e')) s = s.slice(0, -1);
  else if (s.length > 3 && s.endsWith('y')) s = `${s.slice(0, -1)}i`;
  return s;
}

function undouble(s: string): string {
  const n = s.length;
  if (n > 3 && s[n - 1] === s[n - 2] && !'lsz'.includes(s[n - 1]!)) return s.slice(0, -1);
  return s;
}

// Polish inflection endings (diacritics folded), longest first.
const PL_SUFFIXES = [
  'owania',
  'owanie',
  'ami',
  'ach',
  'ego',
  'emu',
  'ymi',
  'imi',
  'ych',
  'ich',
  'iem',
  'ow',
  'om',
  'ej',
  'ie',
  'em',
  'a',
  'e',
  'i',
  'o',
  'u',
  'y',
];

/** Light Polish stemmer: strips one inflection ending, keeping at least three letters. */
export function stemPolish(w: string): string {
  if (w.length <= 4) return w;
  for (const suffix of PL_SUFFIXES) {
    if (w.endsWith(suffix) && w.length - suffix.length >= 3) return w.slice(0, -suffix.length);
  }
  return w;
}

/** Picks the stemmer for a query: the locale when given, else a cheap Polish/English guess. */
export function guessLanguage(text: string, locale?: string): AnalyzerLanguage {
  if (locale !== undefined) return locale.toLowerCase().startsWith('pl') ? 'pl' : 'en';
  if (POLISH_LETTERS.test(text)) return 'pl';
  WORD.lastIndex = 0;
  let count = 0;
  for (let m = WORD.exec(text); m !== null && count < 12; m = WORD.exec(text), count++) {
    if (POLISH_HINTS.has(m[0].toLowerCase())) return 'pl';
  }
  return 'en';
}

/** Stemmer family for an article's locale. */
export function languageOfLocale(locale: string): AnalyzerLanguage {
  return locale.toLowerCase().startsWith('pl') ? 'pl' : 'en';
}

/**
 * Splits text into index terms, appending to `out`. Latin/Cyrillic words are folded, stop words
 * dropped and stemmed; runs of Chinese characters become overlapping character bigrams (a lone
 * character stays a unigram).
 */
export function analyze(text: string, language: AnalyzerLanguage, out: string[]): string[] {
  const lower = text.toLowerCase();
  const stop = language === 'pl' ? STOP_PL : STOP_EN;
  WORD.lastIndex = 0;
  for (let m = WORD.exec(lower); m !== null; m = WORD.exec(lower)) {
    const token = m[0];
    if (HAN.test(token)) {
      HAN_RUN.lastIndex = 0;
      for (let r = HAN_RUN.exec(token); r !== null; r = HAN_RUN.exec(token)) {
        if (r[1] !== undefined) pushBigrams(r[1], out);
        else if (r[2] !== undefined) pushWord(r[2], language, stop, out);
      }
    } else {
      pushWord(token, language, stop, out);
    }
  }
  return out;
}

function pushWord(token: string, language: AnalyzerLanguage, stop: Set<string>, out: string[]): void {
  const word = fold(token);
  if (stop.has(word)) return;
  out.push(language === 'pl' ? stemPolish(word) : stemEnglish(word));
}

function pushBigrams(run: string, out: string[]): void {
  const chars = Array.from(run);
  if (chars.length === 1) {
    out.push(chars[0]!);
    return;
  }
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
}

/**
 * Normalises query text for grouping content gaps: lower case, punctuation dropped, words joined
 * by one space. Adapters use it so that gaps group the same way in every store.
 *
 * @example
 * ```ts
 * import { normalizeQueryText } from 'tandem-cx/knowledge';
 * normalizeQueryText('Do you sell   CRYPTO wallets?'); // => 'do you sell crypto wallets'
 * ```
 */
export function normalizeQueryText(text: string): string {
  const words = text.toLowerCase().match(WORD);
  return words === null ? '' : words.join(' ');
}

/**
 * A key that identifies a question regardless of case, punctuation, stop words, word order and
 * inflection: stores use it to de-duplicate suggestions against existing questions.
 *
 * @param text - the question.
 * @param locale - its language (selects the stemmer); guessed when omitted.
 *
 * @example
 * ```ts
 * import { questionKey } from 'tandem-cx/knowledge';
 * questionKey('I forgot my PASSWORD!') === questionKey('forgot password'); // => true
 * questionKey('Where are my cards?') === questionKey('where is my card'); // => true
 * ```
 */
export function questionKey(text: string, locale?: string): string {
  const terms = analyze(text, guessLanguage(text, locale), []);
  return Array.from(new Set(terms)).sort().join(' ');
}
