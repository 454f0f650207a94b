import type { HandoffReason, HandoffReasonCode } from '../schemas';
import type { HandoffTraceStep } from '../types';
import type { Candidate, StepResult, TurnContext } from './types';

/** Result of {@link offerReplyStep}. */
export interface OfferReplyResult extends StepResult {
  /** The customer declined the pending offer in this turn. */
  declinedNow: boolean;
  /** The turn was read as a reply to the offer, so a bare request word in it is used up. */
  consumedAmbiguous: boolean;
}

/**
 * Step 3 — the reply to a pending offer: "yes" (or a bare request word) escalates, "no" is
 * respected (the bot continues and does not offer again).
 */
export function offerReplyStep(
  ctx: TurnContext,
  ambiguous: boolean,
  classifyReply: (text: string) => 'accept' | 'decline' | 'other',
): OfferReplyResult {
  const out: OfferReplyResult = {
    escalations: [],
    offers: [],
    trace: [],
    declinedNow: false,
    consumedAmbiguous: false,
  };
  if (!ctx.state.offerPending) return out;
  const reply = ambiguous ? 'accept' : classifyReply(ctx.current.text);
  out.trace.push({ step: 'offer_reply', result: reply });
  if (reply === 'accept') {
    out.escalations.push({
      reason: { code: 'offer_accepted', detail: 'customer accepted the offer' },
      weight: 1,
      step: 'offer_reply',
    });
    out.consumedAmbiguous = true;
  } else if (reply === 'decline') out.declinedNow = true;
  return out;
}

/** Whether another offer may be made in this turn (not declined, offer budget left). */
export function offerPossible(ctx: TurnContext, declinedNow: boolean): boolean {
  return !declinedNow && !ctx.state.declined && ctx.state.offers < ctx.config.offer.maxOffers;
}

/** What the collected candidates decide, before delivery: the offer-state rules. */
export type Resolution =
  | { kind: 'escalate'; candidates: Candidate[] }
  | { kind: 'declined'; reasons: HandoffReason[] }
  | { kind: 'offer_blocked'; reasons: HandoffReason[]; candidates: Candidate[] }
  | { kind: 'offer'; candidates: Candidate[] }
  | { kind: 'clarify'; candidate: Candidate }
  | { kind: 'continue' };

/**
 * The last step — escalations win (and an `escalateInsteadOfOffer` rule turns offers into one);
 * a decline in this turn continues; an offer is made at most `offer.maxOffers` times and never
 * after a "no"; then clarify; else continue. The trace entry names the step(s) that decided.
 */
export function resolveStep(
  ctx: TurnContext,
  found: {
    escalations: Candidate[];
    offers: Candidate[];
    clarify: Candidate | null;
    declinedNow: boolean;
    /** Id of a matched rule with `escalateInsteadOfOffer`, if any. */
    upgradeRuleId: string | null;
  },
): { resolution: Resolution; trace: HandoffTraceStep } {
  const { escalations, offers, clarify, declinedNow, upgradeRuleId } = found;
  const by = (candidates: Candidate[]) => [...new Set(candidates.map((c) => c.step))];
  if (escalations.length || (offers.length && upgradeRuleId !== null)) {
    const all = [...escalations, ...offers];
    if (!escalations.length && upgradeRuleId !== null)
      all.push({
        reason: { code: 'attribute_rule', detail: `rule "${upgradeRuleId}": escalate instead of offering` },
        weight: 0.9,
        step: 'attribute_rules',
      });
    return {
      resolution: { kind: 'escalate', candidates: all },
      trace: {
        step: 'resolve',
        result: 'escalate',
        detail: { decidedBy: by(escalations.length ? escalations : all) },
      },
    };
  }
  if (declinedNow)
    return {
      resolution: {
        kind: 'declined',
        reasons: [{ code: 'offer_declined', detail: 'customer declined the offer; the bot continues' }],
      },
      trace: { step: 'resolve', result: 'continue (declined)', detail: { decidedBy: ['offer_reply'] } },
    };
  if (offers.length) {
    const { state, config } = ctx;
    if (state.declined || state.offers >= config.offer.maxOffers) {
      const code: HandoffReasonCode = state.declined ? 'offer_declined' : 'offer_already_made';
      const detail = state.declined
        ? 'the customer declined an earlier offer; not offering again'
        : `already offered ${state.offers}× (max ${config.offer.maxOffers})`;
      return {
        resolution: {
          kind: 'offer_blocked',
          reasons: [{ code, detail }, ...offers.map((o) => o.reason)],
          candidates: offers,
        },
        trace: { step: 'resolve', result: `continue (${code})`, detail: { decidedBy: ['offer_state'] } },
      };
    }
    return {
      resolution: { kind: 'offer', candidates: offers },
      trace: { step: 'resolve', result: 'offer', detail: { decidedBy: by(offers) } },
    };
  }
  if (clarify)
    return {
      resolution: { kind: 'clarify', candidate: clarify },
      trace: { step: 'resolve', result: 'clarify', detail: { decidedBy: [clarify.step] } },
    };
  return { resolution: { kind: 'continue' }, trace: { step: 'resolve', result: 'continue' } };
}
