import { detectLanguage as detectLanguageDefault } from '../_internal/language/detectLanguage';
import { analyzeSentiment as analyzeSentimentDefault } from '../confidence/analyzeSentiment';
import { detectFrustration as detectFrustrationDefault } from '../confidence/detectFrustration';
import type { KnowledgeStore } from '../knowledge/knowledgeStore';
import type { ViewerInput } from '../knowledge/schemas';
import { TandemError } from '../model/errors';
import type { ConversationInput, Priority } from '../model/schemas';
import { readHandoffState, viewConversation } from './conversationView';
import { detectHumanRequest } from './detectHumanRequest';
import { detectSensitiveTopics } from './detectSensitiveTopics';
import { assemblePacket, recentSentiment } from './packet';
import type { HandoffPacket, HandoffReason } from './schemas';
import type { HandoffDecision, HandoffDependencies, HandoffRouter } from './types';

/** Context of {@link buildHandoffPacket}. */
export interface BuildHandoffPacketContext
  extends Pick<HandoffDependencies, 'analyzeSentiment' | 'detectFrustration' | 'detectLanguage'> {
  /** When the packet is built. */
  now: Date;
  /** The decision that led to the handoff: its reasons, priority and `waitingSince` are used. */
  decision?: HandoffDecision;
  /** Reason codes (when no `decision` is given). */
  reasons?: HandoffReason[];
  /** Priority (default: the decision's, the conversation's, or 3). */
  priority?: Priority;
  /**
   * When the customer first asked (default: the decision's, the first `handoff.escalated` event
   * still open, or the start of the last customer turn). Never later than an earlier request.
   */
  waitingSince?: Date;
  /** Knowledge store and the viewer (the receiving agent) for the customer profile snapshot. */
  knowledge?: { store: KnowledgeStore; viewer: ViewerInput; tenantId?: string; keys?: string[] };
  /** Router that suggests the queue and skills. */
  router?: HandoffRouter;
  /** The customer record, for the router. */
  customer?: Record<string, unknown>;
}

/**
 * Builds the packet an agent receives so the customer never repeats themselves: transcript,
 * short extractive summary (goal, what the bot tried), slots and entities (order ids, emails,
 * phone numbers, amounts), customer profile from the knowledge store (with the viewer's rights;
 * `null` when the viewer may not see it), articles already shown with their feedback, language,
 * sentiment, frustration signals, priority, suggested queue and skills, `waitingSince` and the
 * reason codes. Plain JSON, valid against {@link HandoffPacketSchema}.
 *
 * Bot messages mark what they showed with `meta.articleId` / `meta.articles`; feedback comes from
 * `meta.feedback: { articleId, helpful }` or `knowledge.feedback` events.
 *
 * @param conversation - the conversation (validated like `decide` does).
 * @param context - time, decision or reasons, knowledge store + viewer, router.
 * @returns the packet.
 * @throws {@link TandemError} `INVALID_INPUT` for an invalid conversation.
 *
 * @example
 * ```ts
 * import { buildHandoffPacket } from 'tandem-cx/handoff';
 * const at = new Date('2026-11-23T10:00:00Z');
 * const packet = await buildHandoffPacket({ id: 'c1', customerId: 'u1', channel: 'chat', messages: [{ id: 'm1', author: 'customer', text: 'Order #48213 arrived broken, I paid €59.90', at }] }, { now: at });
 * packet.entities; // => { orderIds: ['48213'], amounts: [{ value: 59.9, currency: 'EUR' }] }
 * packet.summary.goal; // => 'Order #48213 arrived broken, I paid €59.90'
 * packet.waitingSince; // => '2026-11-23T10:00:00.000Z'
 * ```
 */
export async function buildHandoffPacket(
  conversation: ConversationInput,
  context: BuildHandoffPacketContext,
): Promise<HandoffPacket> {
  const view = viewConversation(conversation);
  const c = view.conversation;
  const decision = context.decision;
  const reasons = context.reasons ?? decision?.reasons ?? [];
  const priority: Priority =
    context.priority ??
    (decision && 'priority' in decision ? decision.priority : undefined) ??
    c.priority ??
    3;
  const state = readHandoffState(view, () => 'other');
  const candidates = [
    context.waitingSince,
    decision && decision.action === 'escalate' ? decision.waitingSince : undefined,
    state.escalatedAt ?? undefined,
  ].filter((d): d is Date => d instanceof Date);
  const lastTurn = view.turns[view.turns.length - 1];
  const waitingSince = candidates.length
    ? new Date(Math.min(...candidates.map((d) => d.getTime())))
    : (lastTurn?.at ?? context.now);

  let profile: HandoffPacket['profile'] = null;
  if (context.knowledge) {
    const { store, viewer, tenantId, keys } = context.knowledge;
    try {
      const facts = await store.recall(c.customerId, {
        viewer,
        now: context.now,
        ...(tenantId ? { tenantId } : {}),
        ...(keys ? { keys } : {}),
      });
      profile = {
        viewerRole: viewer.role,
        facts: facts.map((f) => ({
          key: f.key,
          value: f.value,
          source: f.source,
          confidence: f.confidence,
          recordedAt: f.recordedAt.toISOString(),
        })),
      };
    } catch (error) {
      // A viewer without rights gets no profile rather than an error: the packet still goes out.
      if (!(error instanceof TandemError && error.code === 'FORBIDDEN')) throw error;
    }
  }

  const customerText = view.turns.map((t) => t.text).join('\n');
  const detect = context.detectLanguage === undefined ? detectLanguageDefault : context.detectLanguage;
  let language: HandoffPacket['language'] = { code: 'und', confidence: 0, source: 'none' };
  if (c.language) language = { code: c.language, confidence: 1, source: 'conversation' };
  else if (detect && customerText) {
    const d = detect(customerText);
    language = { code: d.language, confidence: d.confidence, source: 'detected' };
  }
  // Short messages fool statistical detection; a matched phrase set is better evidence.
  if (language.source === 'detected' && (language.code === 'und' || language.confidence < 0.6) && lastTurn) {
    const phrase =
      detectHumanRequest(lastTurn.text).language ??
      detectSensitiveTopics(lastTurn.text).matches[0]?.language ??
      null;
    if (phrase) language = { code: phrase, confidence: 0.5, source: 'phrase' };
  }
  // Defaults: the confidence module's detectors; `null` switches one off.
  const analyze = context.analyzeSentiment === undefined ? analyzeSentimentDefault : context.analyzeSentiment;
  const frustrate =
    context.detectFrustration === undefined ? detectFrustrationDefault : context.detectFrustration;
  const sentiment = analyze ? recentSentiment(view, analyze, language.code) : null;
  const frustration = frustrate
    ? frustrate(view.messages, c.language ? { now: context.now, language: c.language } : { now: context.now })
    : null;

  return assemblePacket(view, {
    now: context.now,
    waitingSince,
    reasons,
    priority,
    profile,
    language,
    sentiment,
    frustration,
    router: context.router,
    queue: decision && decision.action === 'escalate' ? (decision.packet?.queue ?? null) : null,
    skills: decision && decision.action === 'escalate' ? (decision.packet?.skills ?? []) : [],
    customer: context.customer,
  });
}
