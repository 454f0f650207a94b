import { z } from 'zod';
import { detectLanguage } from '../_internal/language/detectLanguage';
import { parseWithSchema } from '../model/errors';
import { type Message, type MessageInput, MessageSchema } from '../model/schemas';
import { analyzeSentiment, prepareText } from './analyzeSentiment';
import {
  ANGER_ALL,
  BOT_FAILURE,
  CORRECTION,
  MASKED_PROFANITY,
  type PatternLanguage,
  POLITE_NO,
  PUNCTUATION_RUN,
  REJECTION,
} from './frustration/patterns';
import { foldTraditional } from './lexiconScorer';
import { BOT_FALLBACK, FRUSTRATION_PATTERNS } from './lexicons/frustration';
import {
  DEFAULT_FRUSTRATION_WEIGHTS,
  type DetectFrustrationOptions,
  DetectFrustrationOptionsSchema,
  type FrustrationResult,
  type FrustrationSignal,
  type FrustrationSignalKind,
} from './schemas';

const MessagesSchema = z.array(MessageSchema);
const PATTERN_KINDS = ['profanity', 'legal_threat', 'churn_threat', 'already_told', 'useless_bot'] as const;
/** Characters of one message read by the detectors (longer messages are cut). */
const MAX_MESSAGE_LENGTH = 5_000;
/** How many earlier customer messages a message is compared with for repetition. */
const REPEAT_LOOKBACK = 5;
/**
 * Negative sentiment counts continuously: a message at compound c < 0 contributes
 * `weight · min(1, −c / SENTIMENT_FULL)`, so −0.8 and below carry the full weight.
 */
const SENTIMENT_FULL = 0.8;
/** Below this compound a message is too mildly negative to report (its contribution is tiny). */
const SENTIMENT_FLOOR = -0.05;
/** A falling trend: least-squares slope ≤ −0.25 per customer message over the last 3–5 messages… */
const TREND_SLOPE = -0.25;
/** …ending in a clearly negative message (compound ≤ −0.3), so a cooling chat is not a trend. */
const TREND_LAST = -0.3;
/**
 * Recency: a signal's weight is multiplied by this for every customer message after the one it
 * was found in (or, for a bot message, after the customer message it answered), so the score
 * says how frustrated the customer is now and old evidence fades without vanishing at once.
 */
export const FRUSTRATION_RECENCY = 0.6;
/** A restated constraint: similarity to an earlier customer message at least this, after a failure. */
const RESTATE_SIMILARITY = 0.3;

/** Lower-case, punctuation-free, traditional folded to simplified: the text repetition compares. */
function normalizeForCompare(text: string): string {
  return foldTraditional(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

/** Added to a trigram's code: bigram codes are below 2^32, trigram codes from 2^48 (all < 2^53). */
const TRIGRAM = 2 ** 48;

/**
 * Character n-grams (bigrams for Han text, trigrams otherwise) of a normalised text, as the
 * sorted distinct codes of their UTF-16 code units (a one-to-one code, so two n-grams have the
 * same code exactly when they are the same string): a compact set for the similarity below.
 */
function shingles(text: string): Float64Array {
  // UTF-16 units: a pair split at an n-gram edge still compares equal between two texts
  const n = HAN.test(text) ? 2 : 3;
  const count = text.length - n + 1;
  if (count <= 0) return new Float64Array(0);
  const codes = new Float64Array(count);
  for (let i = 0; i < count; i++)
    codes[i] =
      n === 2
        ? text.charCodeAt(i) * 65_536 + text.charCodeAt(i + 1)
        : TRIGRAM + (text.charCodeAt(i) * 65_536 + text.charCodeAt(i + 1)) * 65_536 + text.charCodeAt(i + 2);
  codes.sort();
  let size = 1;
  for (let i = 1; i < count; i++) if (codes[i] !== codes[size - 1]) codes[size++] = codes[i]!;
  return size === count ? codes : codes.slice(0, size);
}

/** Dice coefficient of two shingle sets (sorted distinct codes), 0..1. */
export function similarity(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return (2 * common) / (a.length + b.length);
}

function excerpt(text: string, max = 80): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function isAllCaps(text: string): boolean {
  let upper = 0;
  let cased = 0;
  for (const ch of text) {
    const lo = ch.toLowerCase();
    const up = ch.toUpperCase();
    if (lo === up) continue;
    cased++;
    if (ch === up) upper++;
  }
  const words = text.trim().split(/\s+/).length;
  return cased >= 8 && words >= 2 && upper / cased >= 0.8;
}

function slope(values: readonly number[]): number {
  const n = values.length;
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - mx) * (values[i]! - my);
    sxx += (i - mx) ** 2;
  }
  return sxx === 0 ? 0 : sxy / sxx;
}

const round = (x: number, d = 4): number => Math.round(x * 10 ** d) / 10 ** d;

/** Language of a message for pattern matching: option, message tag, else detected. */
function patternLanguage(text: string, tag: string | undefined): PatternLanguage | undefined {
  const lang = (tag ?? detectLanguage(text).language).split('-')[0]!.toLowerCase();
  return lang === 'en' || lang === 'pl' || lang === 'zh' ? lang : undefined;
}

/**
 * What one message contributes to the detection, derived from its author, text and (customer
 * messages) language tag alone — never from its neighbours, id, time or meta — so it can be
 * computed once per message and reused on later turns of the same conversation.
 */
export type MessageFeatures = BotFeatures | CustomerFeatures;

interface BotFeatures {
  author: 'bot';
  /** Shingles of the normalised text (no-progress comparison with the previous bot message). */
  shingles: Float64Array;
  /** The prepared text reads as a non-understanding reply. */
  fallback: boolean;
  /** The raw text reads as one: how the next bot message sees this one. */
  rawFallback: boolean;
  /** The bot could not do what was asked ("unfortunately", "there are no…"): the match, if any. */
  failure: string | null;
}

interface CustomerFeatures {
  author: 'customer';
  /** The prepared text (cut at MAX_MESSAGE_LENGTH, lone surrogates replaced). */
  text: string;
  /** Pattern matches in PATTERN_KINDS order, each kind and its evidence. */
  patterns: ReadonlyArray<readonly [FrustrationSignalKind, string]>;
  /** A correction or insistence ("are you sure", "I said…"): the match, if any. */
  correction: string | null;
  /** The message starts with a bare "no" (not "no, thanks"): it rejects the bot's reply. */
  /** The customer turns down the bot's proposal ("not a fan", "that won't work"): the match. */
  rejection: string | null;
  leadingNo: boolean;
  /** Anger expressions: their evidence and how many distinct ones (0 when none). */
  anger: string | null;
  angerCount: number;
  /** Runs of "!"/"?" of two or more, e.g. `!!!`, `?!?!`, joined (empty when none). */
  shouting: string;
  allCaps: boolean;
  compound: number;
  /** Length of the text as repetition compares it. */
  normalizedLength: number;
  shingles: Float64Array;
}

function firstMatch(pattern: RegExp, text: string): string | null {
  const m = pattern.exec(text);
  return m ? `"${excerpt(m[0].trim(), 60)}"` : null;
}

/** Pattern sets to read a message with: its own language first, then English. */
function languagesOf(language: PatternLanguage | undefined): readonly PatternLanguage[] {
  return language === undefined || language === 'en' ? ['en'] : [language, 'en'];
}

function botFeatures(raw: string): BotFeatures {
  const text = prepareText(raw, MAX_MESSAGE_LENGTH).text;
  const fallback = BOT_FALLBACK.test(text);
  // Bot messages carry no language tag: every pattern set is tried (they do not overlap).
  const folded = foldTraditional(text);
  const failure =
    firstMatch(BOT_FAILURE.en, text) ??
    firstMatch(BOT_FAILURE.pl, text) ??
    firstMatch(BOT_FAILURE.zh, folded);
  return {
    author: 'bot',
    shingles: shingles(normalizeForCompare(text)),
    fallback,
    // the prepared text is the raw one unless it was cut or had lone surrogates
    rawFallback: text === raw ? fallback : BOT_FALLBACK.test(raw),
    failure,
  };
}

function customerFeatures(raw: string, tag: string | undefined): CustomerFeatures {
  const text = prepareText(raw, MAX_MESSAGE_LENGTH).text;
  const language = patternLanguage(text, tag);
  const folded = language === 'zh' ? foldTraditional(text) : text;
  const languages = languagesOf(language);
  const patterns: Array<readonly [FrustrationSignalKind, string]> = [];
  for (const kind of PATTERN_KINDS) {
    for (const lang of languages) {
      const m = FRUSTRATION_PATTERNS[lang][kind].exec(folded);
      if (m) {
        patterns.push([kind, `"${excerpt(m[0], 60)}"`]);
        break;
      }
    }
    // masked profanity ("f***ing", "k***a", "TMD") counts as profanity
    if (kind === 'profanity' && !patterns.some(([k]) => k === 'profanity'))
      for (const lang of languages) {
        const m = firstMatch(MASKED_PROFANITY[lang], folded);
        if (m) {
          patterns.push(['profanity', m]);
          break;
        }
      }
  }
  let correction: string | null = null;
  let leadingNo = false;
  let rejection: string | null = null;
  for (const lang of languages) {
    correction ??= firstMatch(CORRECTION[lang], folded);
    rejection ??= firstMatch(REJECTION[lang], folded);
  }
  // Distinct anger expressions in the message ("a joke… worst company ever" is two).
  const angerWords = new Set<string>();
  for (const lang of languages)
    for (const m of folded.matchAll(ANGER_ALL[lang])) angerWords.add(m[0].toLowerCase().trim());
  const anger = angerWords.size ? [...angerWords].map((w) => `"${excerpt(w, 40)}"`).join(', ') : null;
  const polite = languages.some((lang) => POLITE_NO[lang].test(folded));
  if (polite) correction = null;
  else leadingNo = /^\s*(?:no|nope|wrong|nie|不是|不对)(?![\p{L}\p{N}])/iu.test(folded);
  const runs = folded.match(PUNCTUATION_RUN);
  const shouting = runs ? runs.filter((r) => r.length >= 2 && !/^[?？]{2}$/.test(r)).join(' ') : '';
  const compound = analyzeSentiment(text, language ? { language } : undefined).compound;
  const normalized = normalizeForCompare(text);
  return {
    author: 'customer',
    text,
    patterns,
    correction,
    leadingNo,
    rejection,
    anger,
    angerCount: angerWords.size,
    shouting,
    allCaps: isAllCaps(text),
    compound,
    normalizedLength: normalized.length,
    shingles: shingles(normalized),
  };
}

/** Features of a bot or customer message (`tag`: the language to read a customer message in). */
export function computeFeatures(message: Message, tag: string | undefined): MessageFeatures {
  return message.author === 'bot' ? botFeatures(message.text) : customerFeatures(message.text, tag);
}

/** Similarity of two shingle sets: {@link similarity}, or a memo of it. */
export type SimilarityOf = (a: Float64Array, b: Float64Array) => number;
export type FeaturesOf = (message: Message, tag: string | undefined) => MessageFeatures;
export type ParsedOptions = ReturnType<typeof parseOptions>;

export function parseMessages(messages: readonly MessageInput[]): Message[] {
  return parseWithSchema(MessagesSchema, messages, {
    module: 'confidence',
    what: 'messages',
    pathPrefix: ['messages'],
  });
}

export function parseOptions(options: DetectFrustrationOptions | undefined) {
  return parseWithSchema(DetectFrustrationOptionsSchema, options ?? {}, {
    module: 'confidence',
    what: 'detectFrustration options',
    pathPrefix: ['options'],
  });
}

/** A signal as found, before recency: its kind, message index, evidence and full weight. */
interface Found {
  kind: FrustrationSignalKind;
  index: number;
  evidence: string;
  weight: number;
  /** Customer messages up to and including the one this signal belongs to (for recency). */
  customerCount: number;
}

/** What the detection carries from one message to the next. */
interface DetectionState {
  readonly parsed: readonly Message[];
  readonly opts: ParsedOptions;
  readonly featuresOf: FeaturesOf;
  readonly similarityOf: SimilarityOf;
  readonly weights: Record<FrustrationSignalKind, number>;
  readonly found: Found[];
  readonly sentiment: { turn: number; compound: number }[];
  /** Earlier customer messages that are long enough (or tagged) to be compared for repetition. */
  readonly earlier: { index: number; shingles: Float64Array; intent?: string }[];
  customers: number;
  repeatRun: number;
  repeatRunReported: boolean;
  botRepeatRun: number;
  botRepeatReported: boolean;
  trendReported: boolean;
  previousBot: Float64Array | undefined;
  /** Whether the latest bot message so far reads as a non-understanding reply (its raw text). */
  previousBotFallback: boolean;
  /**
   * The latest bot/agent reply failed (fallback, "unfortunately…", or the same answer again): its
   * message index, else -1. Reset by each new bot/agent message.
   */
  failedAt: number;
  repliedSinceCustomer: boolean;
}

function addSignal(
  state: DetectionState,
  kind: FrustrationSignalKind,
  index: number,
  evidence: string,
  scale = 1,
): void {
  state.found.push({
    kind,
    index,
    evidence,
    weight: Math.min(1, state.weights[kind] * scale),
    customerCount: state.customers,
  });
}

/** A bot or agent message: the bot's failures and loops, and how long the customer waited. */
function readReply(state: DetectionState, message: Message, i: number): void {
  const { opts, parsed } = state;
  state.failedAt = -1;
  state.repliedSinceCustomer = true;
  // no progress: the bot keeps saying the same thing or keeps failing to understand
  if (message.author === 'bot') {
    const f = state.featuresOf(message, undefined) as BotFeatures;
    const repeatsItself =
      state.previousBot !== undefined && state.similarityOf(f.shingles, state.previousBot) >= 0.8;
    const same = repeatsItself || (f.fallback && state.previousBotFallback);
    state.botRepeatRun = same ? state.botRepeatRun + 1 : 1;
    state.previousBot = f.shingles;
    state.previousBotFallback = f.rawFallback;
    if (f.fallback || f.failure || repeatsItself) {
      state.failedAt = i;
      addSignal(
        state,
        'bot_failure',
        i,
        repeatsItself
          ? 'bot gave the same answer as its previous message'
          : f.fallback
            ? 'bot did not understand'
            : `bot could not help: ${f.failure}`,
      );
    }
    if (state.botRepeatRun >= opts.loopTurns && !state.botRepeatReported) {
      addSignal(
        state,
        'no_progress',
        i,
        `bot gave the same or a non-understanding reply ${state.botRepeatRun} times in a row`,
      );
      state.botRepeatReported = true;
    }
  }
  // long wait: the gap since the customer's last unanswered message
  const asked = lastUnansweredCustomer(parsed, i);
  if (asked !== undefined) {
    const waited = message.at.getTime() - parsed[asked]!.at.getTime();
    if (waited >= opts.longWait)
      addSignal(
        state,
        'long_wait',
        i,
        `customer waited ${formatWait(waited)} for a reply to turn ${asked + 1}`,
      );
  }
}

/** A customer message: its own words, a correction of the bot, sentiment and repetition. */
function readCustomer(state: DetectionState, message: Message, i: number): void {
  state.customers++;
  const answered = state.repliedSinceCustomer;
  state.repliedSinceCustomer = false;
  const f = state.featuresOf(message, state.opts.language ?? message.language) as CustomerFeatures;
  wordSignals(state, f, i);
  correctionSignal(state, f, i, answered);
  sentimentSignals(state, f, i);
  repetitionSignals(state, f, message, i);
}

/** Patterns (threats, "I already told you", …), capitals, anger words and shouting. */
function wordSignals(state: DetectionState, f: CustomerFeatures, i: number): void {
  for (const [kind, evidence] of f.patterns) addSignal(state, kind, i, evidence);
  if (f.allCaps) addSignal(state, 'all_caps', i, `"${excerpt(f.text)}"`);
  // each further anger expression adds a quarter of the weight, up to one and a half
  if (f.anger) addSignal(state, 'anger', i, f.anger, Math.min(1.5, 1 + 0.25 * (f.angerCount - 1)));
  if (f.shouting) addSignal(state, 'shouting', i, `"${excerpt(f.shouting, 20)}"`);
}

/**
 * The customer corrects or insists, more telling right after the bot failed. A bare "no" or a
 * rejection ("not a fan", "that won't work") turns down what the bot just said: weaker than an
 * explicit correction unless the bot had failed.
 */
function correctionSignal(state: DetectionState, f: CustomerFeatures, i: number, answered: boolean): void {
  if (!answered || !(f.correction || f.leadingNo || f.rejection)) return;
  const afterFailure = state.failedAt >= 0;
  addSignal(
    state,
    'correction',
    i,
    `${f.correction ?? f.rejection ?? '"no"'}${afterFailure ? ` after the bot's failed reply at turn ${state.failedAt + 1}` : ''}`,
    afterFailure ? 1.4 : f.correction ? 1 : 0.6,
  );
}

/** Negative sentiment (continuous below the floor) and a falling trend (reported once). */
function sentimentSignals(state: DetectionState, f: CustomerFeatures, i: number): void {
  const compound = f.compound;
  state.sentiment.push({ turn: i + 1, compound });
  if (compound <= SENTIMENT_FLOOR)
    addSignal(
      state,
      'negative_sentiment',
      i,
      `compound ${compound}: "${excerpt(f.text)}"`,
      Math.min(1, -compound / SENTIMENT_FULL),
    );
  if (state.sentiment.length >= 3 && !state.trendReported) {
    const window = state.sentiment.slice(-5).map((x) => x.compound);
    const k = slope(window);
    const last = window[window.length - 1]!;
    if (k <= TREND_SLOPE && last <= TREND_LAST) {
      addSignal(
        state,
        'negative_trend',
        i,
        `sentiment fell from ${window[0]} to ${last} over ${window.length} messages (slope ${round(k, 2)} per message)`,
      );
      state.trendReported = true;
    }
  }
}

/**
 * Repeated question / rephrasing: similar to one of the last few customer messages; after a
 * failed reply, even a partial restatement (the constraint the bot did not meet) counts. Asking
 * the same thing loopTurns times (the first ask plus loopTurns − 1 repeats) is a loop.
 */
function repetitionSignals(state: DetectionState, f: CustomerFeatures, message: Message, i: number): void {
  const { earlier, opts } = state;
  const afterFailure = state.failedAt >= 0;
  const sh = f.shingles;
  const intent = typeof message.meta?.intent === 'string' ? message.meta.intent : undefined;
  let repeated = false;
  if (f.normalizedLength >= 8 || intent) {
    let restated: { index: number; sim: number } | null = null;
    for (let k = earlier.length - 1; k >= Math.max(0, earlier.length - REPEAT_LOOKBACK); k--) {
      const e = earlier[k]!;
      const sameIntent = intent !== undefined && e.intent === intent;
      const sim = state.similarityOf(sh, e.shingles);
      if (sameIntent || sim >= opts.repeatSimilarity) {
        addSignal(
          state,
          'repeated_question',
          i,
          sameIntent
            ? `same intent "${intent}" as turn ${e.index + 1}`
            : `repeats turn ${e.index + 1} (similarity ${round(sim, 2)}): "${excerpt(f.text, 60)}"`,
        );
        repeated = true;
        break;
      }
      if (afterFailure && sim >= RESTATE_SIMILARITY && (restated === null || sim > restated.sim))
        restated = { index: e.index, sim };
    }
    if (!repeated && restated)
      addSignal(
        state,
        'restated_constraint',
        i,
        `restates turn ${restated.index + 1} after the bot's failed reply (similarity ${round(restated.sim, 2)})`,
      );
    earlier.push(intent === undefined ? { index: i, shingles: sh } : { index: i, shingles: sh, intent });
  }
  state.repeatRun = repeated ? state.repeatRun + 1 : 0;
  if (state.repeatRun + 1 >= opts.loopTurns && !state.repeatRunReported) {
    addSignal(
      state,
      'no_progress',
      i,
      `customer asked the same thing ${state.repeatRun + 1} times without progress`,
    );
    state.repeatRunReported = true;
  }
}

/** A customer message still unanswered at `now`. */
function unansweredAtNow(state: DetectionState): void {
  const { parsed, opts } = state;
  if (!opts.now || parsed.length === 0) return;
  const last = parsed.length - 1;
  if (parsed[last]!.author !== 'customer') return;
  const first = lastUnansweredCustomer(parsed, parsed.length) ?? last;
  const waited = opts.now.getTime() - parsed[first]!.at.getTime();
  if (waited >= opts.longWait)
    addSignal(
      state,
      'long_wait',
      last,
      `customer message unanswered for ${formatWait(waited)} at evaluation time`,
    );
}

/**
 * Recency and the score: each later customer message fades a signal by FRUSTRATION_RECENCY (a
 * bot/agent signal belongs to the next customer message, the one that reacts to it); the score is
 * the noisy-OR of the faded weights.
 */
function scoreSignals(state: DetectionState): FrustrationResult {
  const { parsed, customers, sentiment } = state;
  const signals: FrustrationSignal[] = [];
  let keep = 1;
  for (const s of state.found) {
    const message = parsed[s.index]!;
    const own = message.author === 'customer' ? s.customerCount : s.customerCount + 1;
    const age = Math.max(0, customers - own);
    const weight = round(s.weight * FRUSTRATION_RECENCY ** age, 6);
    if (weight <= 0) continue;
    keep *= 1 - weight;
    signals.push({ kind: s.kind, turn: s.index + 1, messageId: message.id, evidence: s.evidence, weight });
  }
  signals.sort((a, b) => a.turn - b.turn);
  const score = round(1 - keep, 6);
  const level = score >= 0.7 ? 'high' : score >= 0.4 ? 'medium' : score >= 0.2 ? 'low' : 'none';
  return { score, level, signals, sentiment };
}

/**
 * The detection over validated messages, as a pipeline: each bot/agent reply is read for the
 * bot's failures and the wait ({@link readReply}), each customer message for its words, a
 * correction, sentiment and repetition ({@link readCustomer}), then a message still unanswered
 * at `now`, then recency and the score ({@link scoreSignals}). Per-message work comes from
 * `featuresOf` (computed afresh by `detectFrustration`, reused by `createFrustrationDetector`).
 * Internal.
 */
export function runDetection(
  parsed: readonly Message[],
  opts: ParsedOptions,
  featuresOf: FeaturesOf,
  similarityOf: SimilarityOf = similarity,
): FrustrationResult {
  const state: DetectionState = {
    parsed,
    opts,
    featuresOf,
    similarityOf,
    weights: { ...DEFAULT_FRUSTRATION_WEIGHTS, ...opts.weights },
    found: [],
    sentiment: [],
    earlier: [],
    customers: 0,
    repeatRun: 0,
    repeatRunReported: false,
    botRepeatRun: 1,
    botRepeatReported: false,
    trendReported: false,
    previousBot: undefined,
    previousBotFallback: false,
    failedAt: -1,
    repliedSinceCustomer: false,
  };
  for (let i = 0; i < parsed.length; i++) {
    const message = parsed[i]!;
    if (message.author === 'bot' || message.author === 'agent') readReply(state, message, i);
    else if (message.author === 'customer') readCustomer(state, message, i);
  }
  unansweredAtNow(state);
  return scoreSignals(state);
}

/**
 * Finds signs of customer frustration in a conversation, each with its evidence and the turn it
 * occurs in. It reads the bot's side too: a failed bot reply (a fallback, "unfortunately / there
 * are no / I can't / I'm sorry", the same answer twice) followed by a customer correction or
 * insistence ("no, I said…", "are you sure", "I really need") or a restated constraint is the
 * common shape of dissatisfaction in bot conversations. Plus a repeated question, no progress for
 * several turns, ALL CAPS, "!!!", profanity (masked too: "f***", "k***a", "TMD"), anger words,
 * legal and churn threats, "I already told you" and "this is useless" (English, Polish, Chinese),
 * negative sentiment (continuous), a falling sentiment trend and long waits for a reply.
 *
 * `score` is the noisy-OR of the signals' weights, 1 − Π(1 − wᵢ): 0 without signals, rising
 * towards 1 as independent signals accumulate; each reported `weight` is the signal's
 * contribution now — its kind's weight, scaled by strength (sentiment, anger) and faded by 0.6 per
 * later customer message, so the score says how frustrated the customer is at the latest turn.
 * Turns are 1-based positions in `messages`. A "long wait" is the time a customer waited for the
 * next bot/agent reply (or, with `now`, a customer message still unanswered).
 *
 * @param messages - the conversation's messages in order (`Message` schema of `tandem-cx/model`).
 * @param options - `language`, `weights`, `repeatSimilarity`, `loopTurns`, `longWait`, `now`.
 * @returns `{ score, level, signals: [{ kind, turn, messageId, evidence, weight }], sentiment }`.
 * @throws {TandemError} `INVALID_INPUT` listing every invalid message field or option with its path.
 *
 * @example
 * ```ts
 * import { detectFrustration } from 'tandem-cx/confidence';
 * const at = new Date('2026-11-23T10:00:00Z');
 * const messages = [
 *   { id: 'm1', author: 'customer', text: 'Where is my refund for order 1234?', at },
 *   { id: 'm2', author: 'bot', text: 'Refunds take 5 to 7 working days.', at },
 *   { id: 'm3', author: 'customer', text: 'Where is my refund for order 1234??', at },
 * ];
 * detectFrustration(messages); // => { signals: [{ kind: 'repeated_question', turn: 3 }] }
 * detectFrustration([{ id: 'x', author: 'customer', text: 'I already told you, this is useless', at }]).signals.map((s) => s.kind); // => ['already_told', 'useless_bot', 'negative_sentiment']
 * ```
 */
export function detectFrustration(
  messages: readonly MessageInput[],
  options?: DetectFrustrationOptions,
): FrustrationResult {
  const parsed = parseMessages(messages);
  return runDetection(parsed, parseOptions(options), computeFeatures);
}

/** Index of the first customer message after the previous bot/agent reply before `index`. */
function lastUnansweredCustomer(messages: readonly { author: string }[], index: number): number | undefined {
  let first: number | undefined;
  for (let k = index - 1; k >= 0; k--) {
    const a = messages[k]!.author;
    if (a === 'customer') first = k;
    else if (a === 'bot' || a === 'agent') break;
  }
  return first;
}

function formatWait(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  return minutes >= 120 ? `${round(minutes / 60, 1)} h` : `${minutes} min`;
}
