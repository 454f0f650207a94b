import { compareMetric, type MetricComparison } from '../metrics/index';
import type { ReplayPolicy } from './compileReplayPolicy';
import { type ReplayOptions, type ReplaySummary, replay } from './replay';
import type { ReplayConversationInput } from './schemas';

/** A rate of policy A against policy B with its 95 % interval (Newcombe/Wilson). */
export interface RateDifference {
  a: number | null;
  b: number | null;
  comparison: MetricComparison;
}

/** The what-if difference between two policies on the same history. */
export interface PolicyComparison {
  a: ReplaySummary;
  b: ReplaySummary;
  containmentRate: RateDifference;
  handoffRate: RateDifference;
  routingAccuracy: RateDifference;
  slaAttainment: RateDifference;
  /** Surveys scheduled after throttling. */
  surveyVolume: { a: number; b: number; difference: number };
  /** Erlang C positions for the peak interval (null when a policy has no human work). */
  staffing: { a: number | null; b: number | null; difference: number | null };
}

function difference(aSuccess: number, aN: number, bSuccess: number, bN: number): RateDifference {
  return {
    a: aN ? aSuccess / aN : null,
    b: bN ? bSuccess / bN : null,
    comparison: compareMetric({ successes: aSuccess, n: aN }, { successes: bSuccess, n: bN }),
  };
}

/**
 * Replays the same history through policy A and policy B and reports what would change:
 * containment, handoff rate, routing accuracy and SLA attainment as differences (B − A) with 95 %
 * Newcombe intervals (`compareMetric`), survey volume after throttling, and the Erlang C
 * staffing each needs at peak.
 *
 * @param conversations - an array, or a function returning a fresh iterable (the history is read twice).
 *
 * @example
 * ```ts
 * import { comparePolicies, compileReplayPolicy } from 'tandem-cx/replay';
 * const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
 * const history = [{ id: 'c1', customerId: 'u1', channel: 'chat' as const, messages: [
 *   { author: 'customer', text: 'agent', at: at(0) }, { author: 'bot', text: 'Shall I get someone?', at: at(1) }] }];
 * const a = compileReplayPolicy({ handoff: {} });
 * const b = compileReplayPolicy({ handoff: {}, offerAcceptance: 0 });
 * const diff = await comparePolicies(a, b, history);
 * diff.handoffRate; // => { a: 1, b: 0 }
 * ```
 */
export async function comparePolicies(
  a: ReplayPolicy,
  b: ReplayPolicy,
  conversations:
    | readonly ReplayConversationInput[]
    | (() => Iterable<ReplayConversationInput> | AsyncIterable<ReplayConversationInput>),
  options: Omit<ReplayOptions, 'keepDecisions'> = {},
): Promise<PolicyComparison> {
  const source = typeof conversations === 'function' ? conversations : () => conversations;
  const ra = (await replay(source(), a, { ...options, keepDecisions: false })).summary;
  const rb = (await replay(source(), b, { ...options, keepDecisions: false })).summary;
  const positions = (s: ReplaySummary) => s.load.staffing?.positions ?? null;
  const pa = positions(ra);
  const pb = positions(rb);
  return {
    a: ra,
    b: rb,
    containmentRate: difference(ra.contained, ra.botConversations, rb.contained, rb.botConversations),
    handoffRate: difference(ra.handoffs, ra.botConversations, rb.handoffs, rb.botConversations),
    routingAccuracy: difference(ra.routedCorrectly, ra.routed, rb.routedCorrectly, rb.routed),
    slaAttainment: difference(ra.sla.met, ra.sla.measured, rb.sla.met, rb.sla.measured),
    surveyVolume: {
      a: ra.surveys.scheduled,
      b: rb.surveys.scheduled,
      difference: rb.surveys.scheduled - ra.surveys.scheduled,
    },
    staffing: { a: pa, b: pb, difference: pa !== null && pb !== null ? pb - pa : null },
  };
}
