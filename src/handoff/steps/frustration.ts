import type { HandoffFrustration } from '../types';
import type { StepResult, TurnContext } from './types';

/**
 * Step 6 — frustration at or above `frustration.threshold` (default 0.6) offers a person; the
 * offer's weight is the frustration score. `frustration` is null when the detector is off or was
 * not needed for this turn.
 */
export function frustrationStep(ctx: TurnContext, frustration: HandoffFrustration | null): StepResult {
  if (frustration === null) return { escalations: [], offers: [], trace: [] };
  const trace = [{ step: 'frustration', result: frustration.score.toFixed(3), detail: frustration.signals }];
  if (frustration.score < ctx.config.frustration.threshold) return { escalations: [], offers: [], trace };
  const kinds = [...new Set(frustration.signals.map((s) => s.kind))].join(', ');
  return {
    escalations: [],
    offers: [
      {
        reason: {
          code: 'frustration',
          detail: `frustration ${frustration.score.toFixed(2)}${kinds ? ` (${kinds})` : ''}`,
        },
        weight: frustration.score,
        step: 'frustration',
      },
    ],
    trace,
  };
}
