import type { HandoffReasonCode } from '../schemas';
import type { DecideOptions } from '../types';
import type { Candidate, StepResult, TurnContext } from './types';

// Clarify weights in the decision score (below any offer's).
const CLARIFY_WEIGHT: Partial<Record<HandoffReasonCode, number>> = { out_of_scope: 0.4, low_confidence: 0.3 };

/** The answer confidence as a number in 0..1, or null when not given (or not finite). */
export function answerScore(confidence: DecideOptions['confidence']): number | null {
  if (confidence === undefined) return null;
  const score = typeof confidence === 'number' ? confidence : confidence.score;
  return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : null;
}

/** Result of {@link answerConfidenceStep}. */
export interface AnswerConfidenceResult extends StepResult {
  clarify: Candidate | null;
}

/**
 * Step 5 — low answer confidence (< `lowConfidence.threshold`, Rasa's fallback default 0.3) or
 * out of scope: ask to rephrase up to `maxClarifications` times, then offer a person.
 */
export function answerConfidenceStep(ctx: TurnContext, options: DecideOptions): AnswerConfidenceResult {
  const out: AnswerConfidenceResult = { escalations: [], offers: [], trace: [], clarify: null };
  const { threshold, maxClarifications } = ctx.config.lowConfidence;
  const score = answerScore(options.confidence);
  const low = score !== null && score < threshold;
  if (!low && !options.outOfScope) return out;
  const code: HandoffReasonCode = options.outOfScope ? 'out_of_scope' : 'low_confidence';
  const detail = options.outOfScope
    ? 'the request is outside what the bot handles'
    : `answer confidence ${score!.toFixed(2)} < ${threshold}`;
  if (ctx.state.clarifications < maxClarifications) {
    out.clarify = {
      reason: { code, detail },
      weight: CLARIFY_WEIGHT[code] ?? 0.3,
      step: 'answer_confidence',
    };
    out.trace.push({ step: 'confidence', result: 'clarify', detail });
  } else {
    out.offers.push({
      reason: {
        code: 'clarify_exhausted',
        detail: `${detail}; already asked to rephrase ${ctx.state.clarifications}×`,
      },
      weight: 0.5,
      step: 'answer_confidence',
    });
    out.trace.push({ step: 'confidence', result: 'clarify exhausted', detail });
  }
  return out;
}
