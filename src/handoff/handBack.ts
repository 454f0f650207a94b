import type { ConversationInput } from '../model/schemas';
import { viewConversation } from './conversationView';
import type { HandoffReason } from './schemas';
import type { HandoffDecisionEvent } from './types';

/** Options of {@link handBack}. */
export interface HandBackOptions {
  /** When the bot takes over again (default: the time of the latest message or event). */
  now?: Date;
}

/** The conversation returns to the bot, with what happened while a person had it. */
export interface HandBackResult {
  action: 'continue';
  /** `handed_back` (an agent returned it) or `customer_cancelled` (nobody had answered yet). */
  reasons: HandoffReason[];
  summary: {
    /** Agents who wrote during the handoff. */
    agentIds: string[];
    /** Number of agent messages during the handoff. */
    agentMessages: number;
    /** The first sentence of each agent message (at most 5), in order. */
    actions: string[];
    /** The conversation was resolved (status `resolved`/`closed` or an agent message `meta.resolved`). */
    resolved: boolean;
    /** One line for the bot's context: who did what. */
    text: string;
  };
  /** `handoff.returned`, to emit when the bot takes over. */
  event: HandoffDecisionEvent;
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?。！？](?=\s|$)/su.exec(text.trim());
  const s = (m ? m[0] : text).replace(/\s+/g, ' ').trim();
  return s.length > 160 ? `${s.slice(0, 159)}…` : s;
}

/**
 * Returns a conversation to the bot after a handoff — the agent handed it back or the customer
 * cancelled before anyone answered — with a summary of what the agent did, so the bot can pick
 * up without asking again. The handoff starts at the last `handoff.escalated` event (or bot
 * message with `meta.handoff: 'escalate'`); without one, every agent message counts.
 *
 * @param conversation - the conversation, including the agent's messages.
 * @param options - `now` (default: the latest message or event time).
 * @returns `continue` with reasons, the summary, and the `handoff.returned` event.
 * @throws {@link TandemError} `INVALID_INPUT` for an invalid conversation.
 *
 * @example
 * ```ts
 * import { handBack } from 'tandem-cx/handoff';
 * const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
 * const back = handBack({ id: 'c1', customerId: 'u1', channel: 'chat', status: 'resolved', messages: [{ id: 'm1', author: 'customer', text: 'Refund please', at: at(0) }, { id: 'm2', author: 'agent', authorId: 'anna', text: 'I refunded €20 to your card. Anything else?', at: at(5) }] });
 * back.summary; // => { agentIds: ['anna'], agentMessages: 1, actions: ['I refunded €20 to your card.'], resolved: true }
 * back.reasons[0].code; // => 'handed_back'
 * ```
 */
export function handBack(conversation: ConversationInput, options: HandBackOptions = {}): HandBackResult {
  const view = viewConversation(conversation);
  const c = view.conversation;
  let since = Number.NEGATIVE_INFINITY;
  for (const e of c.events ?? []) if (e.type === 'handoff.escalated') since = Math.max(since, e.at.getTime());
  for (const m of view.messages)
    if (m.meta?.handoff === 'escalate' || m.meta?.handoff === 'escalated')
      since = Math.max(since, m.at.getTime());
  const agentMessages = view.messages.filter((m) => m.author === 'agent' && m.at.getTime() >= since);
  const agentIds = [...new Set(agentMessages.map((m) => m.authorId).filter((id): id is string => !!id))];
  const actions = agentMessages.slice(0, 5).map((m) => firstSentence(m.text));
  const resolved =
    c.status === 'resolved' || c.status === 'closed' || agentMessages.some((m) => m.meta?.resolved === true);
  const reason: HandoffReason = agentMessages.length
    ? { code: 'handed_back', detail: `${agentIds.join(', ') || 'an agent'} handed the conversation back` }
    : { code: 'customer_cancelled', detail: 'the customer cancelled before an agent answered' };
  const text = agentMessages.length
    ? `Agent ${agentIds.join(', ') || '(unknown)'} ${resolved ? 'resolved the request' : 'handled the conversation'}: ${actions.join(' / ')}`
    : 'No agent answered; the customer cancelled the handoff.';
  let latest = Number.NEGATIVE_INFINITY;
  for (const m of view.messages) latest = Math.max(latest, m.at.getTime());
  for (const e of c.events ?? []) latest = Math.max(latest, e.at.getTime());
  const at = options.now ?? new Date(Number.isFinite(latest) ? latest : 0);
  return {
    action: 'continue',
    reasons: [reason],
    summary: { agentIds, agentMessages: agentMessages.length, actions, resolved, text },
    event: { type: 'handoff.returned', payload: { at, conversationId: c.id, reasons: [reason.code] } },
  };
}
