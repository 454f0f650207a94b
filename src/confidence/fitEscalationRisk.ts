import { z } from 'zod';
import { parseWithSchema, TandemError } from '../model/errors';
import type { ConversationInput } from '../model/schemas';
import { type CalibratedModel, type CalibrateOptions, calibrate } from './calibrate';
import { escalationFeatures } from './predictEscalationRisk';
import type { DetectFrustrationOptions } from './schemas';

/** One past conversation and whether it escalated (ended with a human or a complaint). */
export const EscalationSampleSchema = z.object({
  /** The conversation as it stood when the decision was due (`Conversation` schema of `tandem-cx/model`). */
  conversation: z.unknown(),
  /** True when it escalated. */
  escalated: z.boolean({ error: 'escalated must be true or false' }),
});
/** One past conversation and its outcome, for {@link fitEscalationRisk}. */
export interface EscalationSample {
  conversation: ConversationInput;
  escalated: boolean;
}

/** Options of {@link fitEscalationRisk}: `detectFrustration` options plus `calibrate` options. */
export interface FitEscalationRiskOptions extends DetectFrustrationOptions {
  /** Options of the logistic fit (`l2`, `maxIterations`, `tolerance`). */
  calibrate?: CalibrateOptions;
}

/**
 * Fits `predictEscalationRisk`'s logistic model to the team's own conversations with known
 * outcomes, instead of the hand-set `DEFAULT_ESCALATION_MODEL`: the features of each
 * conversation (`escalationFeatures`) and its outcome go to `calibrate` (logistic regression by
 * Newton's method, deterministic). Pass the result as `predictEscalationRisk(c, { model })`.
 *
 * @param samples - `[{ conversation, escalated }]`, both outcomes present.
 * @param options - `detectFrustration` options for the features, and `calibrate` options.
 * @returns the fitted model (`intercept`, `coefficients`, Brier score against the base rate, …).
 * @throws {TandemError} `INVALID_INPUT` for an invalid conversation (with its path) or a single outcome.
 *
 * @example
 * ```ts
 * import { fitEscalationRisk, predictEscalationRisk } from 'tandem-cx/confidence';
 * const at = new Date('2026-11-23T10:00:00Z');
 * const talk = (id: string, text: string) => ({ id, customerId: 'u1', channel: 'chat' as const, messages: [{ id: `${id}m`, author: 'customer' as const, text, at }] });
 * const history = [talk('a', 'Thanks, that helped!'), talk('b', 'Great, solved'), talk('c', 'This is useless, I want a human now!'), talk('d', 'Terrible service, I will complain')];
 * const model = fitEscalationRisk(history.map((conversation, i) => ({ conversation, escalated: i >= 2 })));
 * predictEscalationRisk(talk('e', 'useless, awful service'), { model }).probability > predictEscalationRisk(talk('f', 'thanks, all good'), { model }).probability; // => true
 * ```
 */
export function fitEscalationRisk(
  samples: readonly EscalationSample[],
  options?: FitEscalationRiskOptions,
): CalibratedModel {
  const parsed = parseWithSchema(z.array(EscalationSampleSchema), samples, {
    module: 'confidence',
    what: 'escalation samples',
    pathPrefix: ['samples'],
  });
  const { calibrate: calibrateOptions, ...frustrationOptions } = options ?? {};
  const rows = parsed.map((sample, i) => {
    try {
      return {
        features: escalationFeatures(sample.conversation as ConversationInput, frustrationOptions),
        outcome: sample.escalated,
      };
    } catch (error) {
      if (!(error instanceof TandemError)) throw error;
      throw new TandemError({
        code: error.code,
        module: 'confidence',
        path: `samples[${i}].${error.path}`,
        message: error.message.replace(/^\[tandem-cx\] \[confidence\] /, ''),
        cause: error,
      });
    }
  });
  return calibrate(rows, calibrateOptions);
}
