import type { CustomerTurn } from '../conversationView';
import { type compileRequestLexicons, runRequestDetection } from '../detectHumanRequest';
import type { Candidate, StepResult, TurnContext } from './types';

/** Result of {@link explicitRequestStep}. */
export interface ExplicitRequestResult extends StepResult {
  /** A bare request word ("agent", "help"): offer, unless the reply to an offer accepts it. */
  ambiguous: boolean;
  /** Language of the phrase set that matched (a hint for the packet). */
  language: string | null;
}

/**
 * Step 1 — an explicit request for a person in any supported language escalates at once; a bare
 * ambiguous word is remembered (it offers), and the same bare word in two consecutive turns
 * ("agent" … "agent") counts as explicit.
 */
export function explicitRequestStep(
  ctx: TurnContext,
  lexicons: ReturnType<typeof compileRequestLexicons>,
  normalizedOf: (turn: CustomerTurn) => string,
): ExplicitRequestResult {
  const out: ExplicitRequestResult = {
    escalations: [],
    offers: [],
    trace: [],
    ambiguous: false,
    language: null,
  };
  const config = ctx.config.explicitRequest;
  if (!config.enabled) return out;
  const r = runRequestDetection(lexicons, ctx.current.text, ctx.normalized);
  out.trace.push(
    r.kind === 'none'
      ? r.negated.length
        ? { step: 'explicit_request', result: r.kind, detail: { negated: r.negated } }
        : { step: 'explicit_request', result: r.kind }
      : { step: 'explicit_request', result: r.kind, detail: r },
  );
  if (r.kind === 'none') return out;
  out.language = r.language;
  const escalate = (detail: string): Candidate => ({
    reason: { code: 'explicit_request', detail },
    weight: 1,
    priority: config.priority,
    step: 'explicit_request',
  });
  if (r.kind === 'explicit') {
    out.escalations.push(escalate(`${r.language}: "${r.evidence}" (${r.patternId})`));
    return out;
  }
  out.ambiguous = true;
  const previous = ctx.view.turns[ctx.view.turns.length - 2];
  if (previous && runRequestDetection(lexicons, previous.text, normalizedOf(previous)).kind === 'ambiguous') {
    out.escalations.push(escalate(`repeated "${r.evidence}" in consecutive turns`));
    out.ambiguous = false;
  }
  return out;
}

/** The offer a bare request word makes when nothing else consumed it. */
export function ambiguousRequestOffer(ambiguous: boolean): Candidate[] {
  return ambiguous
    ? [
        {
          reason: { code: 'ambiguous_request', detail: 'a bare request word; ask before transferring' },
          weight: 0.6,
          step: 'explicit_request',
        },
      ]
    : [];
}
