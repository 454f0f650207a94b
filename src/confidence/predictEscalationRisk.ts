import { z } from 'zod';
import { parseWithSchema } from '../model/errors';
import { type Conversation, type ConversationInput, ConversationSchema } from '../model/schemas';
import { featureValue, type LogisticModel, predictLogistic } from './calibrate';
import { detectFrustration } from './detectFrustration';
import {
  type DetectFrustrationOptions,
  DetectFrustrationOptionsSchema,
  type FrustrationResult,
} from './schemas';

/** Features of a conversation that predict escalation, each in 0..1. */
export interface EscalationFeatures {
  /** Frustration score (`detectFrustration`). */
  frustration: number;
  /** How negative the last customer message is: max(0, −compound). */
  negativeSentiment: number;
  /** How fast sentiment falls: max(0, −slope) over the last 5 customer messages, capped at 1. */
  sentimentDrop: number;
  /** Customer turns / 10, capped at 1 (long conversations escalate more). */
  length: number;
  /** 1 when a legal or churn threat was made. */
  threat: number;
  /** Repeated questions / 3, capped at 1. */
  repeats: number;
  [name: string]: number;
}

/**
 * Default escalation model. These coefficients are hand-set priors chosen by the project (not fitted
 * to data): a calm, short conversation gives ≈ 0.08, a frustrated one with a threat ≈ 0.9. Fit your
 * own with `calibrate` on `escalationFeatures` of past conversations labelled with their outcome.
 */
export const DEFAULT_ESCALATION_MODEL: LogisticModel = {
  intercept: -2.5,
  coefficients: {
    frustration: 2.5,
    negativeSentiment: 1.2,
    sentimentDrop: 0.8,
    length: 0.8,
    threat: 1.5,
    repeats: 0.8,
  },
};

const ModelSchema = z.object({
  intercept: z.number().finite(),
  coefficients: z.record(z.string(), z.number().finite()),
});

/** Options of {@link predictEscalationRisk}. */
export interface PredictEscalationRiskOptions extends DetectFrustrationOptions {
  /** Logistic model to use, e.g. the result of `calibrate` (default {@link DEFAULT_ESCALATION_MODEL}). */
  model?: LogisticModel;
}

/** Result of {@link predictEscalationRisk}. */
export interface EscalationRisk {
  /** Probability (0..1) that the conversation ends with a human or a complaint. */
  probability: number;
  /** `high` at ≥ 0.5, `medium` at ≥ 0.2, else `low`. */
  level: 'low' | 'medium' | 'high';
  features: EscalationFeatures;
  /** Each feature's term in the logit: coefficient × value (sorted by size). */
  contributions: { feature: string; value: number; coefficient: number; effect: number }[];
  frustration: FrustrationResult;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

function slope(values: readonly number[]): number {
  const n = values.length;
  if (n < 2) return 0;
  const mx = (n - 1) / 2;
  const my = values.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  values.forEach((v, i) => {
    sxy += (i - mx) * (v - my);
    sxx += (i - mx) ** 2;
  });
  return sxy / sxx;
}

function features(conversation: Conversation, frustration: FrustrationResult): EscalationFeatures {
  const compounds = frustration.sentiment.map((s) => s.compound);
  const last = compounds.at(-1) ?? 0;
  const customerTurns = conversation.messages.filter((m) => m.author === 'customer').length;
  const count = (kind: string) => frustration.signals.filter((s) => s.kind === kind).length;
  return {
    frustration: frustration.score,
    negativeSentiment: round(Math.max(0, -last)),
    sentimentDrop: round(Math.min(1, Math.max(0, -slope(compounds.slice(-5))))),
    length: Math.min(1, customerTurns / 10),
    threat: count('legal_threat') + count('churn_threat') > 0 ? 1 : 0,
    repeats: Math.min(1, round(count('repeated_question') / 3)),
  };
}

function parseConversation(conversation: ConversationInput): Conversation {
  return parseWithSchema(ConversationSchema, conversation, {
    module: 'confidence',
    what: 'conversation',
    pathPrefix: ['conversation'],
  });
}

/**
 * The features {@link predictEscalationRisk} uses, for building training samples for `calibrate`.
 *
 * @param conversation - a conversation (`Conversation` schema of `tandem-cx/model`).
 * @param options - `detectFrustration` options.
 * @returns `{ frustration, negativeSentiment, sentimentDrop, length, threat, repeats }`, each 0..1.
 * @throws {TandemError} `INVALID_INPUT` listing every invalid field with its path.
 *
 * @example
 * ```ts
 * import { escalationFeatures } from 'tandem-cx/confidence';
 * const at = new Date('2026-11-23T10:00:00Z');
 * escalationFeatures({ id: 'c1', customerId: 'u1', channel: 'chat', messages: [{ id: 'm1', author: 'customer', text: 'I will sue you', at }] }); // => { threat: 1, length: 0.1 }
 * ```
 */
export function escalationFeatures(
  conversation: ConversationInput,
  options?: DetectFrustrationOptions,
): EscalationFeatures {
  const parsed = parseConversation(conversation);
  return features(parsed, detectFrustration(parsed.messages, withLanguage(parsed, options)));
}

function withLanguage(
  conversation: Conversation,
  options?: DetectFrustrationOptions,
): DetectFrustrationOptions {
  const opts = options ?? {};
  return conversation.language && opts.language === undefined
    ? { ...opts, language: conversation.language }
    : opts;
}

/**
 * Probability that a conversation ends with a human or a complaint, from the same signals the
 * confidence scorer uses (frustration, sentiment level and trend, length, threats, repeats) through
 * a logistic model — the default priors ({@link DEFAULT_ESCALATION_MODEL}) or one fitted with
 * `calibrate` on your own labelled conversations.
 *
 * @param conversation - a conversation (`Conversation` schema of `tandem-cx/model`).
 * @param options - `model` plus `detectFrustration` options (`now`, `language`, …).
 * @returns `{ probability, level, features, contributions, frustration }`.
 * @throws {TandemError} `INVALID_INPUT` for an invalid conversation, options or model.
 *
 * @example
 * ```ts
 * import { predictEscalationRisk } from 'tandem-cx/confidence';
 * const at = new Date('2026-11-23T10:00:00Z');
 * const calm = { id: 'c1', customerId: 'u1', channel: 'chat', messages: [{ id: 'm1', author: 'customer', text: 'Thanks, that helped!', at }] };
 * predictEscalationRisk(calm).level; // => 'low'
 * const angry = { ...calm, messages: [{ id: 'm1', author: 'customer', text: 'This is useless, I already told you twice. I am calling my lawyer!', at }] };
 * predictEscalationRisk(angry).level; // => 'high'
 * ```
 */
export function predictEscalationRisk(
  conversation: ConversationInput,
  options?: PredictEscalationRiskOptions,
): EscalationRisk {
  const { model: modelOption, ...frustrationOptions } = options ?? {};
  const model = modelOption
    ? parseWithSchema(
        ModelSchema,
        { intercept: modelOption.intercept, coefficients: modelOption.coefficients },
        {
          module: 'confidence',
          what: 'escalation model',
          pathPrefix: ['options', 'model'],
        },
      )
    : DEFAULT_ESCALATION_MODEL;
  parseWithSchema(DetectFrustrationOptionsSchema, frustrationOptions, {
    module: 'confidence',
    what: 'predictEscalationRisk options',
    pathPrefix: ['options'],
  });
  const parsed = parseConversation(conversation);
  const frustration = detectFrustration(parsed.messages, withLanguage(parsed, frustrationOptions));
  const f = features(parsed, frustration);
  const probability = round(predictLogistic(model, f));
  const contributions = Object.entries(model.coefficients)
    .map(([feature, coefficient]) => {
      const value = featureValue(f, feature);
      return { feature, value, coefficient, effect: round(coefficient * value) };
    })
    .sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect));
  const level = probability >= 0.5 ? 'high' : probability >= 0.2 ? 'medium' : 'low';
  return { probability, level, features: f, contributions, frustration };
}
