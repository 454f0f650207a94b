import { hashString, mulberry32 } from '../_internal/random';
import { analyzeSentiment } from '../confidence/index';
import type { HandoffDecision } from '../handoff/index';
import type { KnowledgeStore } from '../knowledge/index';
import { erlangC, type RequiredPositions } from '../metrics/index';
import { parseWithSchema } from '../model/errors';
import type { ConversationEvent, ConversationInput, Priority } from '../model/schemas';
import { createSurveyHistoryIndex, planSurvey, type SurveyHistoryIndex } from '../surveys/index';
import type { ReplayPolicy } from './compileReplayPolicy';
import { type ReplayConversationInput, ReplayConversationSchema } from './schemas';

/** Options of {@link replay}. */
export interface ReplayOptions {
  /** Knowledge base whose search `confidence` is the bot's answer confidence for each turn. */
  knowledge?: KnowledgeStore;
  /** Seed for the offer-acceptance draws (default 1). Same seed, same report. */
  seed?: number;
  /** Keep every per-conversation decision in the report (default true; false for huge inputs). */
  keepDecisions?: boolean;
  /** Called after each conversation with the number done so far. */
  onProgress?: (done: number) => void;
}

/** What the policy decided for one historical conversation. */
export interface ReplayDecision {
  conversationId: string;
  /** The router's queue and priority, and whether the queue was the recorded (right) one. */
  route: { queue: string; priority: number; ruleId?: string; correct: boolean | null } | null;
  /**
   * The handoff policy's first offer/escalation over the bot part of the conversation, or
   * `action: 'none'` when it would have kept the conversation. `null` for conversations that
   * never had a bot (email, phone) or without a handoff policy.
   */
  handoff: {
    action: 'escalate' | 'offer' | 'none';
    turn: number | null;
    reasons: string[];
    clarifications: number;
  } | null;
  /** The bot resolved it alone under the policy (bot conversations only). */
  contained: boolean | null;
  /** Knowledge-search confidence for the first customer turn (null without a knowledge base). */
  answerConfidence: number | null;
  /** The survey plan after resolution (null without a survey policy or resolution time). */
  survey:
    | { kind: 'scheduled'; surveyId: string; sendAt: Date }
    | { kind: 'suppressed'; reason: string }
    | null;
  /** First-response SLA of the human part, against the policy's target for its priority. */
  sla: { priority: number; targetMs: number; waitedMs: number; met: boolean } | null;
}

/** Totals of a replay. Rates are `null` when nothing was counted. */
export interface ReplaySummary {
  conversations: number;
  /** Conversations in which the bot took part (the containment denominator). */
  botConversations: number;
  contained: number;
  containmentRate: number | null;
  handoffs: number;
  /** Handoffs per bot conversation. */
  handoffRate: number | null;
  escalations: number;
  acceptedOffers: number;
  routed: number;
  routedCorrectly: number;
  /** Share of conversations the router sent to the queue they were recorded in. */
  routingAccuracy: number | null;
  sla: { measured: number; met: number; attainment: number | null };
  surveys: { scheduled: number; suppressed: Record<string, number> };
  /** Conversations a person handles under the policy (handoffs + conversations without a bot). */
  humanConversations: number;
  load: {
    /** Busiest staffing interval (ISO start) and its human conversations. */
    peakInterval: string | null;
    peakConversations: number;
    /** Mean agent handle time in minutes (recorded, or the policy's default). */
    ahtMinutes: number;
    /** Erlang C positions for the peak interval (null when no human work). */
    staffing: RequiredPositions | null;
  };
}

/** The result of {@link replay}. */
export interface ReplayReport {
  decisions: ReplayDecision[];
  summary: ReplaySummary;
}

const HANDOFF_EVENT = /^handoff\./;

/** When history first asked for a person (the first recorded `handoff.*` event), if it did. */
function recordedHandoffAt(events: unknown): Date | null {
  const found = (events as Array<{ type?: string; at?: unknown }> | undefined)?.find(
    (e) => e?.type && HANDOFF_EVENT.test(e.type),
  );
  return found ? new Date(found.at as string) : null;
}

interface Accumulator {
  summary: Omit<ReplaySummary, 'load' | 'containmentRate' | 'handoffRate' | 'routingAccuracy'>;
  intervals: Map<number, number>;
  handleTime: { sum: number; n: number };
  history: SurveyHistoryIndex;
}

function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function routingItem(c: ReturnType<typeof ReplayConversationSchema.parse>, policy: ReplayPolicy) {
  const firstText = c.messages.find((m) => m.author === 'customer')?.text ?? '';
  return {
    ...c,
    language: c.language ?? c.customer?.language,
    text: firstText,
    message: { text: firstText },
    ...(policy.models ? modelFields(firstText, policy.models) : {}),
  };
}

/** Fields the policy's fitted models (or the lexicon) read from the first customer message. */
function modelFields(text: string, models: NonNullable<ReplayPolicy['models']>): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  if (models.topic) {
    const p = models.topic.predict(text);
    fields.topic = p.label;
    fields.topicConfidence = p.confidence;
  }
  if (models.sentiment) {
    const s = analyzeSentiment(text, models.sentiment === 'lexicon' ? {} : { model: models.sentiment });
    fields.sentiment = s.label;
    fields.sentimentScore = s.compound;
  }
  return fields;
}

/**
 * Replays one conversation's bot part through the handoff policy: every customer turn before a
 * person joined is decided in order, with the policy's own earlier actions (clarify, declined
 * offer) recorded as events so it sees the state it would have created. Recorded handoff events
 * are ignored: the question is what *this* policy would do.
 */
async function replayHandoff(
  c: ReturnType<typeof ReplayConversationSchema.parse>,
  policy: ReplayPolicy,
  options: ReplayOptions,
  seed: number,
  confidence0: { value: number | null },
): Promise<{ decision: NonNullable<ReplayDecision['handoff']>; at: Date | null; priority: number | null }> {
  const handoff = policy.handoff!;
  const firstAgent = c.messages.findIndex((m) => m.author === 'agent');
  const botPart = firstAgent < 0 ? c.messages : c.messages.slice(0, firstAgent);
  const random = mulberry32(hashString(`${seed}:${c.id}`));
  const events: ConversationEvent[] = [];
  let clarifications = 0;
  let turn = 0;
  for (let i = 0; i < botPart.length; i++) {
    const message = botPart[i]!;
    if (message.author !== 'customer') continue;
    if (botPart[i + 1]?.author === 'customer') continue; // decide once per turn, on its last message
    turn++;
    const at = message.at;
    let confidence: number | undefined;
    if (options.knowledge) {
      const found = await options.knowledge.search(message.text, { limit: 3, now: at });
      confidence = found.confidence;
      if (confidence0.value === null) confidence0.value = confidence;
    }
    const conversation: ConversationInput = {
      id: c.id,
      customerId: c.customerId,
      channel: c.channel,
      ...(c.language ? { language: c.language } : {}),
      messages: botPart
        .slice(0, i + 1)
        .map((m, j) => ({ id: `${c.id}:${j}`, author: m.author as 'customer', text: m.text, at: m.at })),
      events: [...events],
    };
    const decision: HandoffDecision = handoff.decide(conversation, {
      now: at,
      agentsAvailable: policy.calendar.isOpen(at),
      ...(confidence !== undefined ? { confidence } : {}),
      ...(c.customer ? { customer: c.customer as Record<string, unknown> } : {}),
      packet: false,
    });
    const reasons = decision.reasons.map((r) => r.code);
    const priority = 'priority' in decision ? (decision.priority as number) : null;
    if (decision.action === 'escalate')
      return { decision: { action: 'escalate', turn, reasons, clarifications }, at, priority };
    if (decision.action === 'offer') {
      if (random() < policy.offerAcceptance)
        return { decision: { action: 'offer', turn, reasons, clarifications }, at, priority };
      events.push(
        { type: 'handoff.offered', at },
        { type: 'handoff.declined', at: new Date(at.getTime() + 1) },
      );
    } else if (decision.action === 'clarify') {
      clarifications++;
      events.push({ type: 'handoff.clarified', at: new Date(at.getTime() + 1) });
    }
  }
  return { decision: { action: 'none', turn: null, reasons: [], clarifications }, at: null, priority: null };
}

/**
 * Replays historical conversations through a candidate policy — routing, handoff, knowledge
 * answers, surveys, SLA targets and staffing — and reports per-conversation decisions and the
 * totals they imply: containment, handoff rate, routing accuracy against the recorded queue, SLA
 * attainment, survey volume after throttling, and the Erlang C positions the human load needs.
 *
 * Streams: conversations are read one at a time from any iterable or async iterable, and with
 * `keepDecisions: false` memory stays bounded by the survey history and the staffing intervals.
 * Deterministic: offer acceptance is a seeded draw per conversation.
 *
 * Assumptions (see docs/replay.md): a handoff offer is accepted with probability
 * `offerAcceptance`; a conversation the policy keeps with the bot is counted as contained; the
 * human first-response wait is the recorded one, judged against the target for the priority the
 * policy assigns.
 *
 * @example
 * ```ts
 * import { compileReplayPolicy, replay } from 'tandem-cx/replay';
 * const at = (m: number) => new Date(Date.UTC(2026, 10, 23, 10, m));
 * const conversations = [
 *   { id: 'c1', customerId: 'u1', channel: 'chat' as const, queue: 'general', messages: [
 *     { author: 'customer', text: 'where is my card', at: at(0) }, { author: 'bot', text: 'It arrives in 5 days.', at: at(1) },
 *     { author: 'customer', text: 'thanks!', at: at(2) }] },
 *   { id: 'c2', customerId: 'u2', channel: 'chat' as const, queue: 'fraud', messages: [
 *     { author: 'customer', text: 'hi', at: at(0) }, { author: 'bot', text: 'Hello! How can I help?', at: at(1) },
 *     { author: 'customer', text: 'my card was stolen', at: at(2) }] },
 * ];
 * const policy = compileReplayPolicy({ handoff: {}, router: { rules: [], fallback: { queue: 'general' } } });
 * const { summary } = await replay(conversations, policy);
 * summary; // => { conversations: 2, contained: 1, handoffs: 1, containmentRate: 0.5, routingAccuracy: 0.5 }
 * ```
 */
export async function replay(
  conversations: Iterable<ReplayConversationInput> | AsyncIterable<ReplayConversationInput>,
  policy: ReplayPolicy,
  options: ReplayOptions = {},
): Promise<ReplayReport> {
  const seed = options.seed ?? 1;
  const keep = options.keepDecisions ?? true;
  const decisions: ReplayDecision[] = [];
  const acc: Accumulator = {
    summary: {
      conversations: 0,
      botConversations: 0,
      contained: 0,
      handoffs: 0,
      escalations: 0,
      acceptedOffers: 0,
      routed: 0,
      routedCorrectly: 0,
      sla: { measured: 0, met: 0, attainment: null },
      surveys: { scheduled: 0, suppressed: {} },
      humanConversations: 0,
    },
    intervals: new Map(),
    handleTime: { sum: 0, n: 0 },
    history: createSurveyHistoryIndex([]),
  };
  const intervalMs = policy.staffing.interval * 60_000;

  let index = 0;
  for await (const input of conversations) {
    const c = parseWithSchema(ReplayConversationSchema, input, {
      module: 'replay',
      code: 'INVALID_INPUT',
      what: 'conversation',
      pathPrefix: ['conversations', index],
    });
    index++;
    const s = acc.summary;
    s.conversations++;
    const createdAt = c.createdAt ?? c.messages[0]?.at ?? null;

    let route: ReplayDecision['route'] = null;
    if (policy.router) {
      const r = policy.router.route(routingItem(c, policy));
      const correct = c.queue === undefined ? null : r.queue === c.queue;
      route = {
        queue: r.queue,
        priority: r.priority,
        ...(r.kind === 'matched' ? { ruleId: r.ruleId } : {}),
        correct,
      };
      if (correct !== null) {
        s.routed++;
        if (correct) s.routedCorrectly++;
      }
    }

    const hadBot = c.messages.some((m) => m.author === 'bot');
    const historyHandoffAt = recordedHandoffAt(c.events);
    const confidence0 = { value: null as number | null };
    let handoff: ReplayDecision['handoff'] = null;
    let humanFrom: Date | null = null;
    let handoffPriority: number | null = null;
    if (hadBot) {
      s.botConversations++;
      if (policy.handoff) {
        const result = await replayHandoff(c, policy, options, seed, confidence0);
        handoff = result.decision;
        humanFrom = result.at;
        handoffPriority = result.priority;
      } else {
        // Without a handoff policy, the recorded outcome stands.
        humanFrom = historyHandoffAt;
      }
    } else {
      humanFrom = createdAt;
    }
    const human = humanFrom !== null;
    const contained = hadBot ? !human : null;
    if (contained) s.contained++;
    if (hadBot && human) {
      s.handoffs++;
      if (handoff?.action === 'escalate') s.escalations++;
      if (handoff?.action === 'offer') s.acceptedOffers++;
    }

    let sla: ReplayDecision['sla'] = null;
    if (human) {
      s.humanConversations++;
      const bucket = Math.floor(humanFrom!.getTime() / intervalMs);
      acc.intervals.set(bucket, (acc.intervals.get(bucket) ?? 0) + 1);
      // Only recorded human work counts: a conversation the bot kept in history has no handle time.
      if (c.handleTime !== undefined && c.handleTime > 0) {
        acc.handleTime.sum += c.handleTime;
        acc.handleTime.n++;
      }
      // The recorded wait for a person, from when one was asked for (history) to the first reply.
      const waitFrom = historyHandoffAt ?? createdAt;
      const priority = Math.min(route?.priority ?? 5, handoffPriority ?? 5, c.priority ?? 5) as Priority;
      const target = policy.sla[priority as 1];
      if (target !== undefined && waitFrom && c.firstHumanResponseAt && c.firstHumanResponseAt >= waitFrom) {
        const waitedMs = policy.calendar.businessTimeBetween(waitFrom, c.firstHumanResponseAt);
        sla = { priority, targetMs: target, waitedMs, met: waitedMs <= target };
        s.sla.measured++;
        if (sla.met) s.sla.met++;
      }
    }

    let survey: ReplayDecision['survey'] = null;
    if (policy.surveys && c.resolvedAt) {
      const plan = planSurvey(
        {
          type: 'conversation.resolved',
          at: c.resolvedAt,
          customerId: c.customerId,
          conversationId: c.id,
          channel: c.channel,
          tags: c.tags ?? [],
          resolvedBy: contained ? 'bot' : 'agent',
        },
        policy.surveys,
        acc.history,
        {
          now: c.resolvedAt,
          recipient: { id: c.customerId, ...(c.customer?.timeZone ? { timeZone: c.customer.timeZone } : {}) },
        },
      );
      if (plan.kind === 'scheduled') {
        s.surveys.scheduled++;
        acc.history.add({
          recipientId: c.customerId,
          surveyId: plan.surveyId,
          sentAt: plan.sendAt,
          conversationId: c.id,
        });
        survey = { kind: 'scheduled', surveyId: plan.surveyId, sendAt: plan.sendAt };
      } else {
        s.surveys.suppressed[plan.reason] = (s.surveys.suppressed[plan.reason] ?? 0) + 1;
        survey = { kind: 'suppressed', reason: plan.reason };
      }
    }

    if (keep)
      decisions.push({
        conversationId: c.id,
        route,
        handoff,
        contained,
        answerConfidence: confidence0.value,
        survey,
        sla,
      });
    options.onProgress?.(index);
  }
  return { decisions, summary: summarize(acc, policy) };
}

function summarize(acc: Accumulator, policy: ReplayPolicy): ReplaySummary {
  const s = acc.summary;
  let peakInterval: string | null = null;
  let peak = 0;
  for (const [bucket, count] of acc.intervals) {
    if (
      count > peak ||
      (count === peak &&
        peakInterval !== null &&
        bucket * policy.staffing.interval * 60_000 < Date.parse(peakInterval))
    ) {
      peak = count;
      peakInterval = new Date(bucket * policy.staffing.interval * 60_000).toISOString();
    }
  }
  const ahtMinutes = acc.handleTime.n
    ? acc.handleTime.sum / acc.handleTime.n / 60_000
    : policy.staffing.defaultAht;
  const { interval, asa, serviceLevel, maxOccupancy, shrinkage } = policy.staffing;
  const staffing =
    peak > 0
      ? erlangC({ transactions: peak, aht: ahtMinutes, asa, interval, shrinkage }).requiredPositions({
          serviceLevel,
          maxOccupancy,
        })
      : null;
  return {
    ...s,
    sla: { ...s.sla, attainment: rate(s.sla.met, s.sla.measured) },
    containmentRate: rate(s.contained, s.botConversations),
    handoffRate: rate(s.handoffs, s.botConversations),
    routingAccuracy: rate(s.routedCorrectly, s.routed),
    load: { peakInterval, peakConversations: peak, ahtMinutes, staffing },
  };
}
