import { parseWithSchema } from '../model/errors';
import {
  type ConfidenceSignals,
  ConfidenceSignalsSchema,
  type ConfidenceWeights,
  ConfidenceWeightsSchema,
} from './schemas';

/** One signal's part in a confidence score. */
export interface ConfidenceContribution {
  /** `top1`, `margin`, `coverage`, `prior` (bot side) or `frustration`, `sentiment` (customer side). */
  signal: 'top1' | 'margin' | 'coverage' | 'prior' | 'frustration' | 'sentiment';
  /** The signal's value as given (margin: top1 − top2 when computed). */
  value: number;
  /** Its weight: normalised share for bot-side signals, max share removed for customer-side ones. */
  weight: number;
  /** Change of the score it caused: + for bot-side parts, ≤ 0 for customer-side penalties. */
  effect: number;
}

/** Result of {@link scoreConfidence}. */
export interface ConfidenceScore {
  /** 0..1: how sure the bot may be that continuing on its own is right. */
  score: number;
  /** `low` when a Rasa fallback rule fires or score < `low`; `high` at score ≥ `high`; else `medium`. */
  level: 'high' | 'medium' | 'low';
  /** Rules that forced `low`: `nlu_fallback` (top-1 under threshold), `ambiguous` (margin under threshold). */
  reasons: { code: 'nlu_fallback' | 'ambiguous'; detail: string }[];
  contributions: ConfidenceContribution[];
  /** With `{ explain: true }`: every level rule with the value it saw and its threshold. */
  trace?: {
    rule: 'nlu_fallback' | 'ambiguous' | 'high' | 'low';
    value: number | null;
    threshold: number;
    fired: boolean;
  }[];
}

/** Options of {@link scoreConfidence}. */
export interface ScoreConfidenceOptions {
  /** Return a `trace` of the level rules. */
  explain?: boolean;
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * Combines bot-side confidence (intent or retrieval top-1 score, top-1 − top-2 margin, answer
 * coverage) with customer-side signals (negative sentiment, frustration) into one score.
 *
 * Bot side: weighted mean of top-1, margin / `marginScale` (capped at 1) and coverage over the
 * signals given (`prior` when none is). Customer side: the score is multiplied by
 * (1 − w·frustration) and (1 − w·max(0, −sentiment)), so more frustration or more negative
 * sentiment never raises it. The level follows Rasa's FallbackClassifier defaults — top-1 below
 * `nluFallbackThreshold` 0.3 or a margin below `ambiguityThreshold` 0.1 make it `low` (Rasa docs,
 * "Fallback and Human Handoff", FallbackClassifier `threshold` / `ambiguity_threshold`) —
 * otherwise `high` at score ≥ 0.7 and `low` below 0.4.
 *
 * @param signals - `{ top1?, top2?, margin?, coverage?, sentiment?, frustration? }`, each in range.
 * @param weights - weights and thresholds; defaults documented on `ConfidenceWeightsSchema`.
 * @param options - `{ explain: true }` adds a `trace` of the level rules.
 * @returns `{ score, level, reasons, contributions: [{ signal, value, weight, effect }], trace? }`.
 * @throws {TandemError} `INVALID_INPUT` / `INVALID_CONFIG` naming each out-of-range value.
 *
 * @example
 * ```ts
 * import { scoreConfidence } from 'tandem-cx/confidence';
 * scoreConfidence({ top1: 0.9, top2: 0.2, coverage: 0.8 }); // => { score: 0.91, level: 'high' }
 * scoreConfidence({ top1: 0.25 }).reasons[0].code; // => 'nlu_fallback'
 * scoreConfidence({ top1: 0.9, top2: 0.2, coverage: 0.8, frustration: 1 }).score; // => 0.364
 * scoreConfidence({ top1: 0.5, top2: 0.45 }, undefined, { explain: true }).trace[1]; // => { rule: 'ambiguous', fired: true }
 * ```
 */
export function scoreConfidence(
  signals: ConfidenceSignals,
  weights?: ConfidenceWeights,
  options?: ScoreConfidenceOptions,
): ConfidenceScore {
  const s = parseWithSchema(ConfidenceSignalsSchema, signals, {
    module: 'confidence',
    what: 'confidence signals',
    pathPrefix: ['signals'],
  });
  const w = parseWithSchema(ConfidenceWeightsSchema, weights ?? {}, {
    module: 'confidence',
    code: 'INVALID_CONFIG',
    what: 'confidence weights',
    pathPrefix: ['weights'],
  });
  const margin =
    s.margin ?? (s.top1 !== undefined && s.top2 !== undefined ? Math.max(0, s.top1 - s.top2) : undefined);

  const bot: { signal: 'top1' | 'margin' | 'coverage'; value: number; weight: number; f: number }[] = [];
  if (s.top1 !== undefined) bot.push({ signal: 'top1', value: s.top1, weight: w.top1, f: s.top1 });
  if (margin !== undefined)
    bot.push({ signal: 'margin', value: margin, weight: w.margin, f: Math.min(1, margin / w.marginScale) });
  if (s.coverage !== undefined)
    bot.push({ signal: 'coverage', value: s.coverage, weight: w.coverage, f: s.coverage });
  const total = bot.reduce((sum, b) => sum + b.weight, 0);

  const contributions: ConfidenceContribution[] = [];
  let score: number;
  if (total > 0) {
    score = 0;
    for (const b of bot) {
      const share = b.weight / total;
      score += share * b.f;
      contributions.push({
        signal: b.signal,
        value: b.value,
        weight: round(share),
        effect: round(share * b.f),
      });
    }
  } else {
    score = w.prior;
    contributions.push({ signal: 'prior', value: w.prior, weight: 1, effect: w.prior });
  }
  if (s.frustration !== undefined) {
    const after = score * (1 - w.frustration * s.frustration);
    contributions.push({
      signal: 'frustration',
      value: s.frustration,
      weight: w.frustration,
      effect: round(after - score),
    });
    score = after;
  }
  if (s.sentiment !== undefined) {
    const after = score * (1 - w.sentiment * Math.max(0, -s.sentiment));
    contributions.push({
      signal: 'sentiment',
      value: s.sentiment,
      weight: w.sentiment,
      effect: round(after - score),
    });
    score = after;
  }
  score = round(Math.min(1, Math.max(0, score)));

  const reasons: ConfidenceScore['reasons'] = [];
  if (s.top1 !== undefined && s.top1 < w.nluFallbackThreshold)
    reasons.push({ code: 'nlu_fallback', detail: `top-1 ${s.top1} < threshold ${w.nluFallbackThreshold}` });
  if (margin !== undefined && s.top1 !== undefined && margin < w.ambiguityThreshold)
    reasons.push({
      code: 'ambiguous',
      detail: `top-1 − top-2 margin ${round(margin)} < ambiguity threshold ${w.ambiguityThreshold}`,
    });
  const level = reasons.length > 0 || score < w.low ? 'low' : score >= w.high ? 'high' : 'medium';
  const result: ConfidenceScore = { score, level, reasons, contributions };
  if (options?.explain)
    result.trace = [
      {
        rule: 'nlu_fallback',
        value: s.top1 ?? null,
        threshold: w.nluFallbackThreshold,
        fired: reasons.some((r) => r.code === 'nlu_fallback'),
      },
      {
        rule: 'ambiguous',
        value: margin === undefined ? null : round(margin),
        threshold: w.ambiguityThreshold,
        fired: reasons.some((r) => r.code === 'ambiguous'),
      },
      { rule: 'high', value: score, threshold: w.high, fired: level === 'high' },
      { rule: 'low', value: score, threshold: w.low, fired: reasons.length === 0 && score < w.low },
    ];
  return result;
}
