import { type ConversationView, type CustomerTurn, isFallbackReply, jaccard } from '../conversationView';
import type { HandoffFrustration } from '../types';
import type { StepResult, TurnContext } from './types';

/**
 * Whether the last `loop.turns` customer turns made no progress: each earlier turn in the window
 * got a fallback reply, or the customer asked the same thing again (token Jaccard ≥
 * `loop.similarity`) in the next turn. The detail, or null.
 */
export function detectLoop(
  view: ConversationView,
  config: TurnContext['config'],
  tokensOf: (turn: CustomerTurn) => Set<string>,
): string | null {
  if (!config.loop.enabled) return null;
  const need = config.loop.turns;
  const turns = view.turns;
  if (turns.length < need) return null;
  const window = turns.slice(-need);
  const sets: Array<Set<string> | undefined> = [];
  const setOf = (k: number) => {
    sets[k] ??= tokensOf(window[k]!);
    return sets[k];
  };
  // Checked newest first, cheap test first: most turns fail fast.
  for (let k = window.length - 2; k >= 0; k--) {
    if (isFallbackReply(view.messages[window[k]!.end], config.lowConfidence.threshold)) continue;
    if (jaccard(setOf(k), setOf(k + 1)) < config.loop.similarity) return null;
  }
  return `${need} customer turns without progress (repeated question or fallback replies)`;
}

/**
 * Step 7 — a loop (the turns above, or the frustration detector's `no_progress`) offers a person.
 */
export function loopStep(
  ctx: TurnContext,
  frustration: HandoffFrustration | null,
  tokensOf: (turn: CustomerTurn) => Set<string>,
): StepResult {
  const loop = detectLoop(ctx.view, ctx.config, tokensOf);
  const signal = frustration?.signals.find((s) => s.kind === 'no_progress' || s.kind === 'loop');
  if (!loop && !(signal && ctx.config.loop.enabled)) return { escalations: [], offers: [], trace: [] };
  return {
    escalations: [],
    offers: [
      { reason: { code: 'loop', detail: loop ?? `loop: ${signal!.evidence}` }, weight: 0.6, step: 'loop' },
    ],
    trace: [{ step: 'loop', result: 'loop' }],
  };
}
