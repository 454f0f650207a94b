import { detectLanguage } from '../_internal/language/detectLanguage';
import { parseWithSchema, TandemError } from '../model/errors';
import { scoreChinese, scorePolish } from './lexiconScorer';
import {
  type AnalyzeSentimentOptions,
  AnalyzeSentimentOptionsSchema,
  DEFAULT_MAX_SENTIMENT_LENGTH,
  type SentimentLanguage,
  type SentimentResult,
} from './schemas';
import { scoreWithModel } from './sentimentModel';
import { scoreEnglish } from './vader';
import { labelOf, type ValenceScores } from './valence';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Replaces lone UTF-16 surrogates (invalid text) with U+FFFD and cuts text longer than
 * `maxLength` at the last whitespace of its final 64 characters (never inside a surrogate pair).
 */
export function prepareText(text: string, maxLength: number): { text: string; truncated: boolean } {
  let out = text;
  let truncated = false;
  if (out.length > maxLength) {
    let end = maxLength;
    const c = out.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff) end--;
    const space = out.lastIndexOf(' ', end);
    if (space > end - 64 && space > 0) end = space;
    out = out.slice(0, end);
    truncated = true;
  }
  LONE_SURROGATE.lastIndex = 0;
  if (LONE_SURROGATE.test(out)) out = out.replace(LONE_SURROGATE, '\ufffd');
  return { text: out, truncated };
}

/** Maps a BCP 47 tag to a lexicon language, or `undefined` when there is none. */
function lexiconLanguage(tag: string): SentimentLanguage | undefined {
  const primary = tag.split('-')[0]!.toLowerCase();
  return primary === 'en' || primary === 'pl' || primary === 'zh' ? primary : undefined;
}

const SCORERS: Record<SentimentLanguage, (text: string) => ValenceScores> = {
  en: scoreEnglish,
  pl: scorePolish,
  zh: scoreChinese,
};

/**
 * Scores the sentiment of a text: VADER (Hutto & Gilbert 2014) for English, the same rules with
 * project-written lexicons for Polish and Chinese (simplified and traditional).
 *
 * The language comes from `options.language`, else is detected; languages without a lexicon
 * (and undetermined text) use the English rules, with `fallback: true` when a language other than
 * English was named or detected. Text over `maxLength` (default 20,000 characters) is cut and
 * reported `truncated`; lone surrogates are read as U+FFFD. Deterministic, no I/O.
 *
 * @param text - the text to score.
 * @param options - `language` (BCP 47), `maxLength`, and `model`: a fitted classifier with labels
 *   `positive`/`neutral`/`negative` that scores instead of the lexicon (docs/learning.md).
 * @returns `{ compound, positive, negative, neutral, label, language, fallback, truncated }`.
 * @throws {TandemError} `INVALID_INPUT` when `text` is not a string or `language` is not a BCP 47 tag.
 *
 * @example
 * ```ts
 * import { analyzeSentiment } from 'tandem-cx/confidence';
 * analyzeSentiment('The service was great!'); // => { compound: 0.6588, label: 'positive', language: 'en' }
 * analyzeSentiment('The service was not great.').label; // => 'negative'
 * analyzeSentiment('Obsługa była naprawdę świetna!').label; // => 'positive'
 * analyzeSentiment('客服态度太差了，非常失望').label; // => 'negative'
 * analyzeSentiment('Das war gut', { language: 'de' }); // => { language: 'en', fallback: true, unsupportedLanguage: 'de' }
 * ```
 */
export function analyzeSentiment(text: string, options?: AnalyzeSentimentOptions): SentimentResult {
  if (typeof text !== 'string')
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'confidence',
      path: 'text',
      message: `text must be a string, got ${text === null ? 'null' : typeof text}`,
    });
  const opts = options
    ? parseWithSchema(AnalyzeSentimentOptionsSchema, options, {
        module: 'confidence',
        what: 'analyzeSentiment options',
        pathPrefix: ['options'],
      })
    : {};
  const prepared = prepareText(text, opts.maxLength ?? DEFAULT_MAX_SENTIMENT_LENGTH);
  let requested = opts.language;
  if (requested === undefined || requested.toLowerCase() === 'und') {
    const detected = detectLanguage(prepared.text);
    requested = detected.language;
  }
  const language = lexiconLanguage(requested);
  const used: SentimentLanguage = language ?? 'en';
  if (opts.model !== undefined) {
    const { label, ...fitted } = scoreWithModel(opts.model, prepared.text);
    return { ...fitted, label, language: used, fallback: false, truncated: prepared.truncated, fitted: true };
  }
  const scores = SCORERS[used](prepared.text);
  const result: SentimentResult = {
    ...scores,
    label: labelOf(scores.compound),
    language: used,
    fallback: language === undefined && requested.toLowerCase() !== 'und',
    truncated: prepared.truncated,
  };
  if (result.fallback) result.unsupportedLanguage = requested;
  return result;
}
