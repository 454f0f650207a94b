import { z } from 'zod';
import { detectLanguage } from '../_internal/language/detectLanguage';
import { parseWithSchema } from '../model/errors';
import { type MessageInput, MessageSchema } from '../model/schemas';
import { analyzeSentiment, prepareText } from './analyzeSentiment';
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
/** A message is "strongly negative" at compound ≤ −0.5. */
const NEGATIVE_SENTIMENT = -0.5;
/** A falling trend: least-squares slope ≤ −0.15 per customer message over the last 3–5 messages. */
const TREND_SLOPE = -0.15;

/** Lower-case, punctuation-free, traditional folded to simplified: the text repetition compares. */
function normalizeForCompare(text: string): string {
  return foldTraditional(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const HAN = /\p{Script=Han}/u;

/** Character n-grams (bigrams for Han text, trigrams otherwise) of a normalised text. */
function shingles(text: string): Set<string> {
  // UTF-16 slices: a pair split at an n-gram edge still compares equal between two texts
  const n = HAN.test(text) ? 2 : 3;
  const out = new Set<string>();
  for (let i = 0; i + n <= text.length; i++) out.add(text.slice(i, i + n));
  return out;
}

/** Dice coefficient of two shingle sets, 0..1. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let common = 0;
  for (const s of a) if (b.has(s)) common++;
  return (2 * common) / (a.size + b.size);
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
function patternLanguage(text: string, tag: string | undefined): 'en' | 'pl' | 'zh' | undefined {
  const lang = (tag ?? detectLanguage(text).language).split('-')[0]!.toLowerCase();
  return lang === 'en' || lang === 'pl' || lang === 'zh' ? lang : undefined;
}

/**
 * Finds signs of customer frustration in a conversation, each with its evidence and the turn it
 * occurs in: a repeated or rephrased question, no progress for several turns (the bot repeating
 * itself or admitting it did not understand), ALL CAPS, profanity, legal and churn threats,
 * "I already told you" and "this is useless" (English, Polish, Chinese), strongly negative
 * messages, a falling sentiment trend and long waits for a reply.
 *
 * `score` is the noisy-OR of the signals' weights, 1 − Π(1 − wᵢ): 0 without signals, rising
 * towards 1 as independent signals accumulate. Turns are 1-based positions in `messages`.
 * A "long wait" is the time a customer waited for the next bot/agent reply (or, with `now`, a
 * customer message still unanswered).
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
 * detectFrustration([{ id: 'x', author: 'customer', text: 'I already told you, this is useless', at }]).signals.map((s) => s.kind); // => ['already_told', 'useless_bot']
 * ```
 */
export function detectFrustration(
  messages: readonly MessageInput[],
  options?: DetectFrustrationOptions,
): FrustrationResult {
  const parsed = parseWithSchema(MessagesSchema, messages, {
    module: 'confidence',
    what: 'messages',
    pathPrefix: ['messages'],
  });
  const opts = parseWithSchema(DetectFrustrationOptionsSchema, options ?? {}, {
    module: 'confidence',
    what: 'detectFrustration options',
    pathPrefix: ['options'],
  });
  const weights = { ...DEFAULT_FRUSTRATION_WEIGHTS, ...opts.weights };
  const signals: FrustrationSignal[] = [];
  const add = (kind: FrustrationSignalKind, index: number, evidence: string) =>
    signals.push({ kind, turn: index + 1, messageId: parsed[index]!.id, evidence, weight: weights[kind] });

  const sentiment: { turn: number; compound: number }[] = [];
  const earlier: { index: number; shingles: Set<string>; intent?: string }[] = [];
  let repeatRun = 0;
  let repeatRunReported = false;
  let botRepeatRun = 1;
  let botRepeatReported = false;
  let previousBot: Set<string> | undefined;

  for (let i = 0; i < parsed.length; i++) {
    const message = parsed[i]!;
    const text = prepareText(message.text, MAX_MESSAGE_LENGTH).text;
    if (message.author === 'bot' || message.author === 'agent') {
      // no progress: the bot keeps saying the same thing or keeps failing to understand
      if (message.author === 'bot') {
        const sh = shingles(normalizeForCompare(text));
        const same =
          (previousBot !== undefined && similarity(sh, previousBot) >= 0.8) ||
          (BOT_FALLBACK.test(text) && previousBotFallback(parsed, i));
        botRepeatRun = same ? botRepeatRun + 1 : 1;
        previousBot = sh;
        if (botRepeatRun >= opts.loopTurns && !botRepeatReported) {
          add(
            'no_progress',
            i,
            `bot gave the same or a non-understanding reply ${botRepeatRun} times in a row`,
          );
          botRepeatReported = true;
        }
      }
      // long wait: the gap since the customer's last unanswered message
      const asked = lastUnansweredCustomer(parsed, i);
      if (asked !== undefined) {
        const waited = message.at.getTime() - parsed[asked]!.at.getTime();
        if (waited >= opts.longWait)
          add('long_wait', i, `customer waited ${formatWait(waited)} for a reply to turn ${asked + 1}`);
      }
      continue;
    }
    if (message.author !== 'customer') continue;

    const language = patternLanguage(text, opts.language ?? message.language);
    const folded = language === 'zh' ? foldTraditional(text) : text;
    const languages =
      language === undefined || language === 'en' ? (['en'] as const) : ([language, 'en'] as const);
    for (const kind of PATTERN_KINDS) {
      for (const lang of languages) {
        const m = FRUSTRATION_PATTERNS[lang][kind].exec(folded);
        if (m) {
          add(kind, i, `"${excerpt(m[0], 60)}"`);
          break;
        }
      }
    }
    if (isAllCaps(text)) add('all_caps', i, `"${excerpt(text)}"`);

    const s = analyzeSentiment(text, language ? { language } : undefined);
    sentiment.push({ turn: i + 1, compound: s.compound });
    if (s.compound <= NEGATIVE_SENTIMENT)
      add('negative_sentiment', i, `compound ${s.compound}: "${excerpt(text)}"`);
    if (sentiment.length >= 3) {
      const window = sentiment.slice(-5).map((x) => x.compound);
      const k = slope(window);
      const last = window[window.length - 1]!;
      const alreadyTrend = signals.some((x) => x.kind === 'negative_trend');
      if (k <= TREND_SLOPE && last <= -0.05 && !alreadyTrend)
        add(
          'negative_trend',
          i,
          `sentiment fell from ${window[0]} to ${last} over ${window.length} messages (slope ${round(k, 2)} per message)`,
        );
    }

    // repeated question / rephrasing: similar to one of the last few customer messages
    const normalized = normalizeForCompare(text);
    const sh = shingles(normalized);
    const intent = typeof message.meta?.intent === 'string' ? message.meta.intent : undefined;
    let repeated = false;
    if (normalized.length >= 8 || intent) {
      for (let k = earlier.length - 1; k >= Math.max(0, earlier.length - REPEAT_LOOKBACK); k--) {
        const e = earlier[k]!;
        const sameIntent = intent !== undefined && e.intent === intent;
        const sim = similarity(sh, e.shingles);
        if (sameIntent || sim >= opts.repeatSimilarity) {
          add(
            'repeated_question',
            i,
            sameIntent
              ? `same intent "${intent}" as turn ${e.index + 1}`
              : `repeats turn ${e.index + 1} (similarity ${round(sim, 2)}): "${excerpt(text, 60)}"`,
          );
          repeated = true;
          break;
        }
      }
      earlier.push(intent === undefined ? { index: i, shingles: sh } : { index: i, shingles: sh, intent });
    }
    repeatRun = repeated ? repeatRun + 1 : 0;
    // asking the same thing loopTurns times (the first ask plus loopTurns − 1 repeats) is a loop
    if (repeatRun + 1 >= opts.loopTurns && !repeatRunReported) {
      add('no_progress', i, `customer asked the same thing ${repeatRun + 1} times without progress`);
      repeatRunReported = true;
    }
  }

  // a customer message still unanswered at `now`
  if (opts.now && parsed.length > 0) {
    const last = parsed.length - 1;
    if (parsed[last]!.author === 'customer') {
      const first = lastUnansweredCustomer(parsed, parsed.length) ?? last;
      const waited = opts.now.getTime() - parsed[first]!.at.getTime();
      if (waited >= opts.longWait)
        add('long_wait', last, `customer message unanswered for ${formatWait(waited)} at evaluation time`);
    }
  }

  signals.sort((a, b) => a.turn - b.turn);
  let keep = 1;
  for (const s of signals) keep *= 1 - s.weight;
  const score = round(1 - keep);
  const level = score >= 0.7 ? 'high' : score >= 0.4 ? 'medium' : score >= 0.2 ? 'low' : 'none';
  return { score, level, signals, sentiment };
}

function previousBotFallback(messages: readonly { author: string; text: string }[], index: number): boolean {
  for (let k = index - 1; k >= 0; k--) {
    if (messages[k]!.author === 'bot') return BOT_FALLBACK.test(messages[k]!.text);
  }
  return false;
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
