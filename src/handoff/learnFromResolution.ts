import type { KnowledgeStore } from '../knowledge/knowledgeStore';
import type { Suggestion } from '../knowledge/schemas';
import type { ConversationInput } from '../model/schemas';
import { isFallbackReply, viewConversation } from './conversationView';
import { detectSensitiveTopics } from './detectSensitiveTopics';

/** Options of {@link learnFromResolution}. */
export interface LearnFromResolutionOptions {
  /** Treat the conversation as resolved even if its status is not `resolved`/`closed`. */
  resolved?: boolean;
  /** Shortest agent answer worth proposing (default 20 characters). */
  minAnswerChars?: number;
  /** Tenant of the knowledge store. */
  tenantId?: string;
  /** Tags for the suggestion (default `['learned', 'handoff']`). */
  tags?: string[];
}

/** Outcome of {@link learnFromResolution}. */
export type LearnFromResolutionResult =
  | { kind: 'suggested'; suggestion: Suggestion }
  | {
      kind: 'duplicate';
      reason: 'existing_question' | 'pending_suggestion';
      articleId?: string;
      suggestionId?: string;
    }
  | {
      kind: 'skipped';
      reason: 'not_resolved' | 'no_handoff' | 'no_agent_answer' | 'no_question' | 'sensitive';
      detail: string;
    };

// Personal data never goes into a knowledge-base suggestion.
const REDACTIONS: Array<[RegExp, string]> = [
  [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu, '[email]'],
  [/#?\b[A-Z]{0,4}-?\d{5,}[A-Z0-9-]*\b/gu, '[number]'],
  [/\+?\d[\d ().-]{7,}\d/g, '[phone]'],
];

function redact(text: string): string {
  let out = text;
  for (const [pattern, label] of REDACTIONS) out = out.replace(pattern, label);
  return out.replace(/\s+/g, ' ').trim();
}

const GREETING_ONLY =
  /^(?:hi|hello|hey|thanks|thank you|dzien dobry|dzień dobry|witam|hola|hallo|bonjour|你好|您好)\b[^.!?]{0,40}[.!?]?$/iu;

/**
 * The bot learns from agents: when a person resolved what the bot could not, proposes the
 * customer's question with the agent's answer as a *pending* FAQ suggestion in the knowledge
 * store (a human approves it there). Skips unresolved conversations, conversations without a
 * handoff or agent answer, and sensitive ones (fraud, bereavement, self-harm… are personal, not
 * FAQ material). E-mail addresses, long numbers and phone numbers are redacted.
 *
 * @param conversation - the resolved conversation with the agent's messages.
 * @param store - the knowledge store (`suggestArticle` is called once at most).
 * @param options - resolution override, minimum answer length, tenant, tags.
 * @returns `suggested`, `duplicate` (the store already has the question) or `skipped` with a reason.
 * @throws {@link TandemError} `INVALID_INPUT` for an invalid conversation.
 *
 * @example
 * ```ts
 * import { learnFromResolution } from 'tandem-cx/handoff';
 * import { createMemoryKnowledgeStore } from 'tandem-cx/knowledge';
 * const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
 * const kb = createMemoryKnowledgeStore();
 * const r = await learnFromResolution({ id: 'c1', customerId: 'u1', channel: 'chat', status: 'resolved', messages: [{ id: 'm1', author: 'customer', text: 'Can I change the name on my ticket?', at: at(0) }, { id: 'm2', author: 'bot', text: 'Sorry, I did not get that.', at: at(1), meta: { fallback: true } }, { id: 'm3', author: 'agent', authorId: 'anna', text: 'Yes: open My trips, choose the booking and use Edit passenger; it is free up to 24 h before departure.', at: at(5) }] }, kb);
 * r.kind; // => 'suggested'
 * ```
 */
export async function learnFromResolution(
  conversation: ConversationInput,
  store: KnowledgeStore,
  options: LearnFromResolutionOptions = {},
): Promise<LearnFromResolutionResult> {
  const view = viewConversation(conversation);
  const c = view.conversation;
  if (!(options.resolved ?? (c.status === 'resolved' || c.status === 'closed')))
    return { kind: 'skipped', reason: 'not_resolved', detail: `status is "${c.status}"` };
  const firstAgent = view.messages.findIndex((m) => m.author === 'agent');
  const escalated =
    (c.events ?? []).some((e) => e.type === 'handoff.escalated') ||
    view.messages.some((m) => m.meta?.handoff === 'escalate' || m.meta?.handoff === 'escalated');
  if (firstAgent < 0)
    return {
      kind: 'skipped',
      reason: escalated ? 'no_agent_answer' : 'no_handoff',
      detail: 'no agent message in the conversation',
    };
  const beforeAgent = view.messages.slice(0, firstAgent);
  const botFailed = beforeAgent.some((m) => isFallbackReply(m, 0.3)) || escalated;
  if (!botFailed)
    return { kind: 'skipped', reason: 'no_handoff', detail: 'the bot did not fail and there was no handoff' };
  const question = beforeAgent
    .filter((m) => m.author === 'customer')
    .map((m) => m.text.trim())
    .find((t) => t.length >= 8 && !GREETING_ONLY.test(t));
  if (!question)
    return { kind: 'skipped', reason: 'no_question', detail: 'no customer question before the agent' };
  const allCustomer = view.messages
    .filter((m) => m.author === 'customer')
    .map((m) => m.text)
    .join('\n');
  const sensitive = detectSensitiveTopics(allCustomer);
  if (sensitive.matches.length)
    return {
      kind: 'skipped',
      reason: 'sensitive',
      detail: `sensitive topic: ${sensitive.matches.map((m) => m.topic).join(', ')}`,
    };
  const minChars = options.minAnswerChars ?? 20;
  const answers = view.messages
    .slice(firstAgent)
    .filter(
      (m) => m.author === 'agent' && m.text.trim().length >= minChars && !GREETING_ONLY.test(m.text.trim()),
    );
  // The longest agent message is usually the one carrying the explanation.
  const answer = answers.reduce<string | null>(
    (best, m) => (!best || m.text.length > best.length ? m.text : best),
    null,
  );
  if (!answer)
    return {
      kind: 'skipped',
      reason: 'no_agent_answer',
      detail: `no agent message of ${minChars}+ characters`,
    };
  const agentId = view.messages[firstAgent]!.authorId;
  const result = await store.suggestArticle(
    {
      question: redact(question).slice(0, 500),
      answer: redact(answer),
      conversationId: c.id,
      ...(c.language ? { locale: c.language } : {}),
      tags: options.tags ?? ['learned', 'handoff'],
      ...(agentId ? { actor: agentId } : {}),
    },
    options.tenantId ? { tenantId: options.tenantId } : {},
  );
  if (result.kind === 'pending') return { kind: 'suggested', suggestion: result.suggestion };
  return result;
}
