import { z } from 'zod';
import type { TextClassifier } from '../learning/index';
import { DurationSchema } from '../model/duration';
import { LanguageSchema } from '../model/schemas';
import { isTextClassifier } from './sentimentModel';

/** Languages with their own sentiment lexicon. */
export const SENTIMENT_LANGUAGES = ['en', 'pl', 'zh'] as const;
/** A language with its own sentiment lexicon. */
export type SentimentLanguage = (typeof SENTIMENT_LANGUAGES)[number];

/** Default cap on analysed text: longer input is cut (at a word boundary) and reported `truncated`. */
export const DEFAULT_MAX_SENTIMENT_LENGTH = 20_000;

/** Options of `analyzeSentiment`. */
export const AnalyzeSentimentOptionsSchema = z.object({
  /**
   * BCP 47 tag of the text's language (`en`, `pl`, `zh`, `zh-Hant`, …). Omitted or `und`: detected.
   * A well-formed tag without a lexicon (`de`, `es`, …) falls back to English rules with
   * `fallback: true`; a malformed tag is an `INVALID_INPUT` error.
   */
  language: LanguageSchema.optional(),
  /** Characters analysed at most (default 20,000); the rest is ignored and `truncated` is set. */
  maxLength: z.number().int().min(1).max(10_000_000).optional(),
  /**
   * A classifier fitted on the team's own labelled messages (`trainTextClassifier` with labels
   * `positive`/`neutral`/`negative`): it scores instead of the lexicon; compound = p(positive) −
   * p(negative). See docs/learning.md (CSAT recipe).
   */
  model: z
    .custom<TextClassifier>(isTextClassifier, {
      error: 'model must be a classifier from trainTextClassifier or loadTextClassifier',
    })
    .optional(),
});
/** Options of `analyzeSentiment`. */
export type AnalyzeSentimentOptions = z.input<typeof AnalyzeSentimentOptionsSchema>;

/** Sentiment label at VADER's ±0.05 compound thresholds. */
export type SentimentLabel = 'positive' | 'neutral' | 'negative';

/** Result of `analyzeSentiment`. */
export interface SentimentResult {
  /** Normalised sum of valences, −1 (most negative) … 1 (most positive); 4 decimals. */
  compound: number;
  /** Share of positive valence, 0..1 (positive + negative + neutral ≈ 1; all 0 for empty text). */
  positive: number;
  /** Share of negative valence, 0..1. */
  negative: number;
  /** Share of neutral words, 0..1. */
  neutral: number;
  /** `positive` at compound ≥ 0.05, `negative` at ≤ −0.05, else `neutral`. */
  label: SentimentLabel;
  /** Lexicon used: `en`, `pl` or `zh`. */
  language: SentimentLanguage;
  /** True when the requested or detected language has no lexicon and English rules were used. */
  fallback: boolean;
  /** The requested or detected language when `fallback` is true. */
  unsupportedLanguage?: string;
  /** True when the text was longer than `maxLength` and only its start was analysed. */
  truncated: boolean;
  /** True when a fitted `model` scored the text instead of the lexicon. */
  fitted?: boolean;
}

/** Kinds of frustration signal `detectFrustration` reports. */
export const FRUSTRATION_SIGNAL_KINDS = [
  'repeated_question',
  'no_progress',
  'all_caps',
  'profanity',
  'legal_threat',
  'churn_threat',
  'already_told',
  'useless_bot',
  'negative_sentiment',
  'negative_trend',
  'long_wait',
  'bot_failure',
  'correction',
  'restated_constraint',
  'anger',
  'shouting',
] as const;
/** A kind of frustration signal. */
export type FrustrationSignalKind = (typeof FRUSTRATION_SIGNAL_KINDS)[number];

/**
 * Default weight of each frustration signal: its contribution when present alone in the latest
 * customer message (0..1). Set by the project from what each sign means (an explicit legal threat
 * or a loop is strong evidence; one "sorry" from the bot is weak), then checked on the uss-dev
 * development set (docs/confidence.md, "Frustration"). `negative_sentiment` scales with how
 * negative the message is (full weight at compound −1); older signals fade per later customer
 * message (`FRUSTRATION_RECENCY`).
 */
export const DEFAULT_FRUSTRATION_WEIGHTS: Readonly<Record<FrustrationSignalKind, number>> = {
  repeated_question: 0.25,
  no_progress: 0.5,
  all_caps: 0.3,
  profanity: 0.5,
  legal_threat: 0.6,
  churn_threat: 0.5,
  already_told: 0.45,
  useless_bot: 0.45,
  negative_sentiment: 0.4,
  negative_trend: 0.2,
  long_wait: 0.2,
  bot_failure: 0.1,
  correction: 0.35,
  restated_constraint: 0.25,
  anger: 0.5,
  shouting: 0.2,
};

/** Options of `detectFrustration`. */
export const DetectFrustrationOptionsSchema = z.object({
  /** Language of the conversation; otherwise each message's `language`, else detected per message. */
  language: LanguageSchema.optional(),
  /** Weight per signal kind (0..1), merged over the defaults. */
  weights: z.partialRecord(z.enum(FRUSTRATION_SIGNAL_KINDS), z.number().min(0).max(1)).optional(),
  /** Similarity (0..1) at which two customer messages count as the same question (default 0.6). */
  repeatSimilarity: z.number().min(0).max(1).default(0.6),
  /** Turns without progress that make a loop (default 3). */
  loopTurns: z.number().int().min(2).default(3),
  /** Wait for a reply that counts as long (default 5 minutes). */
  longWait: DurationSchema.default(5 * 60_000),
  /** Evaluation time: a customer message still unanswered at `now` may be a long wait. */
  now: z.date().optional(),
});
/** Options of `detectFrustration`. */
export type DetectFrustrationOptions = z.input<typeof DetectFrustrationOptionsSchema>;

/** One frustration signal with its evidence. */
export interface FrustrationSignal {
  kind: FrustrationSignalKind;
  /** 1-based position of the message in the conversation. */
  turn: number;
  /** Id of the message the signal was found in. */
  messageId: string;
  /** What was seen: the matched words or the measured values. */
  evidence: string;
  /**
   * The signal's contribution to the score now (0..1): its kind's weight, scaled by strength
   * (sentiment, anger) and faded by `FRUSTRATION_RECENCY` (0.6) per later customer message.
   */
  weight: number;
}

/** Result of `detectFrustration`. */
export interface FrustrationResult {
  /** 0 (calm) … 1 (very frustrated): noisy-OR of the signals' weights. */
  score: number;
  /** `none` < 0.2 ≤ `low` < 0.4 ≤ `medium` < 0.7 ≤ `high`. */
  level: 'none' | 'low' | 'medium' | 'high';
  signals: FrustrationSignal[];
  /** Compound sentiment of each customer message, in order (`turn` = position in the conversation). */
  sentiment: { turn: number; compound: number }[];
}

/** Bot- and customer-side signals for `scoreConfidence`. All optional. */
export const ConfidenceSignalsSchema = z.object({
  /** Top-1 intent or retrieval score, 0..1. */
  top1: z.number().min(0).max(1).optional(),
  /** Second-best score, 0..1 (gives the margin when `margin` is absent). */
  top2: z.number().min(0).max(1).optional(),
  /** Top-1 minus top-2, 0..1. */
  margin: z.number().min(0).max(1).optional(),
  /** Share of the question the answer covers, 0..1. */
  coverage: z.number().min(0).max(1).optional(),
  /** Customer sentiment, −1..1 (latest compound or its trend). Only negative values lower confidence. */
  sentiment: z.number().min(-1).max(1).optional(),
  /** Frustration score, 0..1 (from `detectFrustration`). */
  frustration: z.number().min(0).max(1).optional(),
});
/** Signals for `scoreConfidence`. */
export type ConfidenceSignals = z.input<typeof ConfidenceSignalsSchema>;

/** Weights and thresholds of `scoreConfidence`. */
export const ConfidenceWeightsSchema = z.object({
  top1: z.number().min(0).default(0.5),
  margin: z.number().min(0).default(0.3),
  coverage: z.number().min(0).default(0.2),
  /** Share of confidence removed at frustration 1 (default 0.6). */
  frustration: z.number().min(0).max(1).default(0.6),
  /** Share of confidence removed at sentiment −1 (default 0.3). */
  sentiment: z.number().min(0).max(1).default(0.3),
  /** Margin at which the margin signal saturates to 1 (default 0.3). */
  marginScale: z.number().positive().default(0.3),
  /** Bot-side confidence assumed when no bot-side signal is given (default 0.5). */
  prior: z.number().min(0).max(1).default(0.5),
  /** Rasa FallbackClassifier `threshold`: top-1 below it → `low` (default 0.3). */
  nluFallbackThreshold: z.number().min(0).max(1).default(0.3),
  /** Rasa FallbackClassifier `ambiguity_threshold`: margin below it → `low` (default 0.1). */
  ambiguityThreshold: z.number().min(0).max(1).default(0.1),
  /** Score at or above which the level is `high` (default 0.7). */
  high: z.number().min(0).max(1).default(0.7),
  /** Score below which the level is `low` (default 0.4). */
  low: z.number().min(0).max(1).default(0.4),
});
/** Weights and thresholds of `scoreConfidence`. */
export type ConfidenceWeights = z.input<typeof ConfidenceWeightsSchema>;

/** Options of `createFrustrationDetector`. */
export const FrustrationDetectorOptionsSchema = z.object({
  /**
   * Analysed messages kept for reuse, least recently used dropped first (default 10,000: the
   * 12-message windows of over 800 conversations scored turn by turn). An entry takes about
   * 0.7 kB for an 80-character message (its key and its n-grams, 8 bytes each).
   */
  maxCachedMessages: z.number().int().min(1).max(1_000_000).default(10_000),
});
/** Options of `createFrustrationDetector`. */
export type FrustrationDetectorOptions = z.input<typeof FrustrationDetectorOptionsSchema>;
