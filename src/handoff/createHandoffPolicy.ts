// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule shape shared with routing (rules[].then), not a thenable.
import { detectLanguage as detectLanguageDefault } from '../_internal/language/detectLanguage';
import { analyzeSentiment } from '../confidence/analyzeSentiment';
import { createValidatedFrustrationDetector } from '../confidence/createFrustrationDetector';
import { detectFrustration } from '../confidence/detectFrustration';
import { parseWithSchema, TandemError } from '../model/errors';
import type { ConversationInput, Priority } from '../model/schemas';
import { type CompiledCondition, compileCondition } from '../routing/conditions';
import {
  type ConversationView,
  type CustomerTurn,
  isFallbackReply,
  jaccard,
  type MessageCache,
  readHandoffState,
  tokenSet,
  viewConversation,
} from './conversationView';
import { compileRequestLexicons, runRequestDetection } from './detectHumanRequest';
import { compileSensitiveTopics, runSensitiveDetection } from './detectSensitiveTopics';
import { HANDOFF_LANGUAGES } from './lexicon/requests';
import { bareText, normalizeText } from './lexicon/text';
import { assemblePacket, type EntityCache, recentSentiment } from './packet';
import {
  type HandoffPacket,
  type HandoffPolicyConfig,
  HandoffPolicyConfigSchema,
  type HandoffReason,
  type HandoffReasonCode,
  type ResolvedHandoffPolicyConfig,
} from './schemas';
import type {
  ContactField,
  DecideOptions,
  HandoffDecision,
  HandoffDecisionEvent,
  HandoffDelivery,
  HandoffDependencies,
  HandoffFrustration,
  HandoffTraceStep,
} from './types';

/** A compiled handoff policy. */
export interface HandoffPolicy {
  /**
   * Decides, for the conversation's latest customer turn, whether the bot continues, asks to
   * rephrase, offers a person, or escalates now. Pure: the state (offers made, clarifications,
   * declines, an escalation under way) is read from the conversation's events and bot messages.
   */
  decide(conversation: ConversationInput, options: DecideOptions): HandoffDecision;
  /** Classifies a customer's reply to an offer (`accept`, `decline`, `other`). */
  classifyReply(text: string): 'accept' | 'decline' | 'other';
  /** The validated config with defaults filled in. */
  readonly config: ResolvedHandoffPolicyConfig;
}

// Contribution of each reason to the handoff score (1 − Π(1 − w)). Escalation reasons are 1;
// offer reasons are below 1 so that "offer" scores stay below "escalate" ones.
const WEIGHT: Partial<Record<HandoffReasonCode, number>> = {
  explicit_request: 1,
  sensitive_topic: 1,
  offer_accepted: 1,
  already_escalated: 1,
  ambiguous_request: 0.6,
  loop: 0.6,
  clarify_exhausted: 0.5,
  out_of_scope: 0.4,
  low_confidence: 0.3,
};

interface CompiledRule {
  id: string;
  condition: CompiledCondition;
  then: ResolvedHandoffPolicyConfig['rules'][number]['then'];
}

interface Candidate {
  reason: HandoffReason;
  weight: number;
  priority?: Priority;
}

function defaultDependencies(): Required<Pick<HandoffDependencies, 'detectLanguage'>> & HandoffDependencies {
  return { detectLanguage: detectLanguageDefault, detectFrustration, analyzeSentiment };
}

function answerScore(confidence: DecideOptions['confidence']): number | null {
  if (confidence === undefined) return null;
  const score = typeof confidence === 'number' ? confidence : confidence.score;
  return Number.isFinite(score) ? Math.min(1, Math.max(0, score)) : null;
}

function primaryLanguage(tag: string | undefined): string | undefined {
  return tag?.split('-')[0]?.toLowerCase();
}

/**
 * Creates a handoff policy: when the bot passes a conversation to a person. Defaults (each
 * configurable): an explicit request for a human in en/pl/zh/es/de/fr escalates at once; an
 * ambiguous word ("agent", "help") offers; sensitive topics (lost/stolen card, fraud,
 * unauthorised payment, legal threat, bereavement, self-harm, data protection, complaint about
 * staff) escalate with priority; low answer confidence (< 0.3, Rasa's fallback default) or out of
 * scope asks to rephrase once, then offers; frustration (≥ 0.6) or a loop of 3 turns offers; an
 * offer is made at most once and a "no" is respected; attribute rules (VIP, order value,
 * channel) use the routing condition language; with nobody available the decision carries a
 * ticket with the expected response time (never a dead end).
 *
 * @param config - the policy (JSON); every field optional.
 * @param dependencies - detectors, calendar and router to use instead of the defaults.
 * @returns a frozen policy.
 * @throws {@link TandemError} `INVALID_CONFIG` listing every problem with its path.
 *
 * @example
 * ```ts
 * import { createHandoffPolicy } from 'tandem-cx/handoff';
 * const policy = createHandoffPolicy();
 * const now = new Date('2026-11-23T10:00:00Z');
 * const conversation = { id: 'c1', customerId: 'u1', channel: 'chat' as const, messages: [{ id: 'm1', author: 'customer' as const, text: 'I want to talk to a human', at: now }] };
 * const decision = policy.decide(conversation, { now, agentsAvailable: true }); // => { action: 'escalate', reasons: [{ code: 'explicit_request' }], priority: 3 }
 * policy.decide({ ...conversation, messages: [{ id: 'm1', author: 'customer' as const, text: 'agent', at: now }] }, { now, agentsAvailable: true }).action; // => 'offer'
 * ```
 */
export function createHandoffPolicy(
  config: HandoffPolicyConfig = {},
  dependencies: HandoffDependencies = {},
): HandoffPolicy {
  const resolved = parseWithSchema(HandoffPolicyConfigSchema, config, {
    module: 'handoff',
    code: 'INVALID_CONFIG',
    what: 'handoff policy',
  });
  const deps = { ...defaultDependencies(), ...dependencies };
  const requestLexicons = compileRequestLexicons({
    ...(resolved.explicitRequest.languages ? { languages: resolved.explicitRequest.languages } : {}),
    ...(resolved.explicitRequest.extraPhrases ? { extraPhrases: resolved.explicitRequest.extraPhrases } : {}),
    ...(resolved.explicitRequest.extraAmbiguousWords
      ? { extraAmbiguousWords: resolved.explicitRequest.extraAmbiguousWords }
      : {}),
  });
  // Replies to an offer are read in every language, whatever the request languages are.
  const replyLexicons = compileRequestLexicons();
  const sensitive = resolved.sensitiveTopics.enabled ? compileSensitiveTopics(resolved.sensitiveTopics) : [];
  const rules: CompiledRule[] = resolved.rules
    .map((rule, i) => ({ rule, i }))
    .filter(({ rule }) => rule.enabled)
    .map(({ rule, i }) => ({
      id: rule.id,
      condition: compileCondition(rule.when, { path: `rules[${i}].when`, module: 'handoff' }),
      then: rule.then,
    }));
  const responseTimeByPriority = new Map<number, number>();
  for (const [key, value] of Object.entries(resolved.noAgents.responseTimeByPriority ?? {}))
    if (value !== undefined) responseTimeByPriority.set(Number(key), value);

  // With the library's own detector, one that keeps each message's analysis (sentiment,
  // patterns, n-grams): the window slides by a turn per call, so most messages were analysed on
  // an earlier turn. Same results as `detectFrustration` (frustrationReuse.test.ts).
  const frustrationDetector =
    deps.detectFrustration === detectFrustration ? createValidatedFrustrationDetector() : null;
  const messageCache: MessageCache = new WeakMap();
  // Packet entities per validated message, so a message's text is scanned once in its lifetime.
  const entityCache: EntityCache = new WeakMap();
  // Normalised text per validated message, so a turn's text is normalised once in its lifetime.
  const normalizedCache = new WeakMap<object, string>();
  const normalizedTurn = (view: ConversationView, turn: CustomerTurn): string => {
    let out = '';
    for (let i = turn.start; i < turn.end; i++) {
      const m = view.messages[i]!;
      let n = normalizedCache.get(m);
      if (n === undefined) {
        n = normalizeText(m.text);
        normalizedCache.set(m, n);
      }
      out = i === turn.start ? n : `${out}\n${n}`;
    }
    return out;
  };

  // Token set of a one-message turn (most turns) per validated message, like its normalised text;
  // `jaccard` only reads it.
  const tokenCache = new WeakMap<object, Set<string>>();
  const turnTokens = (view: ConversationView, turn: CustomerTurn): Set<string> => {
    if (turn.end - turn.start !== 1) return tokenSet(normalizedTurn(view, turn));
    const m = view.messages[turn.start]!;
    let tokens = tokenCache.get(m);
    if (tokens === undefined) {
      tokens = tokenSet(normalizedTurn(view, turn));
      tokenCache.set(m, tokens);
    }
    return tokens;
  };

  // The reply to an offer is read from its first clause: "yes please. Actually…" accepts, "no
  // thanks, I'm fine" declines. A whole clause from the reply lists counts; otherwise only a
  // leading yes/no word does ("ok thanks" is not an acceptance).
  function classifyReply(text: string): 'accept' | 'decline' | 'other' {
    const normalized = normalizeText(text);
    const firstClause = normalized.split(/[.!?;,\n]/).find((part) => part.trim().length > 0) ?? '';
    const clause = bareText(firstClause);
    if (!clause) return 'other';
    const first = clause.split(' ')[0]!;
    for (const c of replyLexicons) {
      if (c.decline.has(clause) || c.declineLead.has(first)) return 'decline';
      // Chinese has no spaces: "不用了谢谢" starts with "不用".
      if (c.lexicon.language === 'zh')
        for (const d of c.declineLead) if (clause.startsWith(d)) return 'decline';
    }
    for (const c of replyLexicons) {
      if (c.accept.has(clause) || c.acceptLead.has(first) || c.ambiguousWords.has(clause)) return 'accept';
      if (c.lexicon.language === 'zh')
        for (const a of c.acceptLead) if (clause.startsWith(a)) return 'accept';
    }
    return 'other';
  }

  function isLoop(view: ConversationView): string | null {
    if (!resolved.loop.enabled) return null;
    const need = resolved.loop.turns;
    const turns = view.turns;
    if (turns.length < need) return null;
    const window = turns.slice(-need);
    const sets: Array<Set<string> | undefined> = [];
    const setOf = (k: number) => {
      sets[k] ??= turnTokens(view, window[k]!);
      return sets[k];
    };
    // Every earlier turn in the window made no progress: the bot's reply was a fallback, or the
    // customer asked the same thing again in the next turn. The current turn is the next attempt.
    // Checked newest first, cheap test first: most turns fail fast.
    for (let k = window.length - 2; k >= 0; k--) {
      if (isFallbackReply(view.messages[window[k]!.end], resolved.lowConfidence.threshold)) continue;
      if (jaccard(setOf(k), setOf(k + 1)) < resolved.loop.similarity) return null;
    }
    return `${need} customer turns without progress (repeated question or fallback replies)`;
  }

  function decide(input: ConversationInput, options: DecideOptions): HandoffDecision {
    const explain = options.explain === true;
    const trace: HandoffTraceStep[] | undefined = explain ? [] : undefined;
    const step = (name: string, result: string, detail?: unknown) => {
      trace?.push(detail === undefined ? { step: name, result } : { step: name, result, detail });
    };
    const now = options?.now;
    if (!(now instanceof Date) || Number.isNaN(now.getTime()))
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'handoff',
        path: 'now',
        message: `decide needs \`now\` as a valid Date, got ${String(now)}`,
      });
    if (typeof options.agentsAvailable !== 'boolean')
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'handoff',
        path: 'agentsAvailable',
        message: `decide needs \`agentsAvailable\` (true or false), got ${String(options.agentsAvailable)}`,
      });
    const view = viewConversation(input, messageCache);
    const c = view.conversation;
    const frustrationOptions = c.language ? { now, language: c.language } : { now };
    const info: HandoffReason[] = [];
    const matchedRules: CompiledRule[] = [];
    // Language of the phrase set that matched: a hint for the packet when detection is unsure.
    let phraseLanguage: string | null = null;
    if (view.reordered) {
      info.push({ code: 'messages_reordered', detail: 'messages were not in time order; sorted by `at`' });
      step('order', 'reordered');
    }
    const language = primaryLanguage(c.language);
    if (language && language !== 'und' && !(HANDOFF_LANGUAGES as readonly string[]).includes(language)) {
      info.push({
        code: 'unsupported_language',
        detail: `no phrase set for "${c.language}"; all built-in sets (${HANDOFF_LANGUAGES.join(', ')}) were used`,
      });
      step('language', 'unsupported', c.language);
    }
    const finish = (d: HandoffDecision): HandoffDecision => {
      if (info.length) d.reasons = [...d.reasons, ...info];
      if (trace) d.trace = trace;
      return d;
    };
    const eventOf = (
      type: HandoffDecisionEvent['type'],
      reasons: HandoffReason[],
      queue?: string | null,
    ): HandoffDecisionEvent => ({
      type,
      payload: {
        at: now,
        conversationId: c.id,
        reasons: reasons.map((r) => r.code),
        ...(queue ? { queue } : {}),
      },
    });

    if (!view.turns.length) {
      step('turn', 'no customer message');
      return finish({
        action: 'continue',
        reasons: [{ code: 'no_customer_message', detail: 'the conversation has no customer message yet' }],
        score: 0,
      });
    }
    const current = view.current;
    const state = readHandoffState(view, classifyReply);
    step('state', state.escalated ? 'escalated' : 'bot', state);
    if (!current) {
      step('turn', 'awaiting customer');
      if (state.escalated) return escalateAgain();
      return finish({
        action: 'continue',
        reasons: [{ code: 'awaiting_customer', detail: 'the last message is not from the customer' }],
        score: 0,
      });
    }

    // A handoff is already under way: keep it (same SLA clock) unless the customer cancels.
    if (state.escalated) {
      if (!state.agentJoined) {
        const m = resolvedCancel(current.text);
        if (m) {
          step('cancel', 'cancelled', m);
          const reasons: HandoffReason[] = [
            { code: 'customer_cancelled', detail: `customer cancelled: "${m}"` },
          ];
          return finish({
            action: 'continue',
            reasons,
            score: 0,
            event: eventOf('handoff.returned', reasons),
          });
        }
      }
      return escalateAgain();
    }

    const currentNormalized = normalizedTurn(view, current);
    const escalations: Candidate[] = [];
    const offers: Candidate[] = [];
    let clarify: Candidate | null = null;

    // 1. Explicit request.
    let ambiguous = false;
    if (resolved.explicitRequest.enabled) {
      const r = runRequestDetection(requestLexicons, current.text, currentNormalized);
      step(
        'explicit_request',
        r.kind,
        r.kind === 'none' ? (r.negated.length ? { negated: r.negated } : undefined) : r,
      );
      if (r.kind !== 'none') phraseLanguage = r.language;
      if (r.kind === 'explicit')
        escalations.push({
          reason: { code: 'explicit_request', detail: `${r.language}: "${r.evidence}" (${r.patternId})` },
          weight: 1,
          priority: resolved.explicitRequest.priority,
        });
      else if (r.kind === 'ambiguous') ambiguous = true;
      if (ambiguous) {
        // The same bare word twice in a row ("agent" … "agent") is no longer ambiguous.
        const previous = view.turns[view.turns.length - 2];
        if (
          previous &&
          runRequestDetection(requestLexicons, previous.text, normalizedTurn(view, previous)).kind ===
            'ambiguous'
        ) {
          escalations.push({
            reason: { code: 'explicit_request', detail: `repeated "${r.evidence}" in consecutive turns` },
            weight: 1,
            priority: resolved.explicitRequest.priority,
          });
          ambiguous = false;
        }
      }
    }

    // 2. Sensitive topics.
    if (sensitive.length) {
      const s = runSensitiveDetection(sensitive, current.text, currentNormalized);
      step(
        'sensitive_topic',
        s.matches.length ? 'matched' : 'none',
        s.matches.length ? s.matches : undefined,
      );
      phraseLanguage ??= s.matches.find((m) => m.language)?.language ?? null;
      for (const m of s.matches)
        escalations.push({
          reason: {
            code: 'sensitive_topic',
            detail: `${m.topic}${m.language ? ` (${m.language})` : ''}: "${m.evidence}"`,
          },
          weight: 1,
          priority: m.priority,
        });
    }

    // 3. The reply to a pending offer.
    let declinedNow = false;
    if (state.offerPending) {
      const reply = ambiguous ? 'accept' : classifyReply(current.text);
      step('offer_reply', reply);
      if (reply === 'accept') {
        escalations.push({
          reason: { code: 'offer_accepted', detail: 'customer accepted the offer' },
          weight: 1,
        });
        ambiguous = false;
      } else if (reply === 'decline') declinedNow = true;
    }

    // 4. Attribute rules.
    if (rules.length) {
      const item = {
        ...(options.attributes ?? {}),
        conversation: {
          id: c.id,
          channel: c.channel,
          language: c.language,
          status: c.status,
          tags: c.tags,
          priority: c.priority,
          slots: c.slots ?? {},
        },
        customer: options.customer ?? {},
        channel: c.channel,
        attributes: options.attributes ?? {},
      };
      for (const rule of rules) {
        const hit = explain ? rule.condition.explain(item) : { result: rule.condition.test(item) };
        if (explain)
          step(`rule:${rule.id}`, hit.result ? 'matched' : 'no match', (hit as { leaves?: unknown }).leaves);
        if (!hit.result) continue;
        matchedRules.push(rule);
        const candidate: Candidate = {
          reason: { code: 'attribute_rule', detail: `rule "${rule.id}"` },
          weight: rule.then.action === 'escalate' ? 0.9 : 0.5,
          ...(rule.then.priority !== undefined ? { priority: rule.then.priority } : {}),
        };
        if (rule.then.action === 'escalate') escalations.push(candidate);
        else if (rule.then.action === 'offer') offers.push(candidate);
      }
    }

    // 5. Offer and clarify triggers.
    if (ambiguous)
      offers.push({
        reason: { code: 'ambiguous_request', detail: 'a bare request word; ask before transferring' },
        weight: 0.6,
      });
    const score = answerScore(options.confidence);
    const low = score !== null && score < resolved.lowConfidence.threshold;
    if (low || options.outOfScope) {
      const code: HandoffReasonCode = options.outOfScope ? 'out_of_scope' : 'low_confidence';
      const detail = options.outOfScope
        ? 'the request is outside what the bot handles'
        : `answer confidence ${score!.toFixed(2)} < ${resolved.lowConfidence.threshold}`;
      if (state.clarifications < resolved.lowConfidence.maxClarifications) {
        clarify = { reason: { code, detail }, weight: WEIGHT[code] ?? 0.3 };
        step('confidence', 'clarify', detail);
      } else {
        offers.push({
          reason: {
            code: 'clarify_exhausted',
            detail: `${detail}; already asked to rephrase ${state.clarifications}×`,
          },
          weight: 0.5,
        });
        step('confidence', 'clarify exhausted', detail);
      }
    }
    let frustration: HandoffFrustration | null = null;
    // Frustration only changes an offer. Skip the detector (the costliest step) when the turn
    // escalates anyway and no packet (which shows it) is wanted, or when no offer can be made any
    // more (declined, or the offer budget is spent) — unless a trace is asked for.
    const offerPossible = !declinedNow && !state.declined && state.offers < resolved.offer.maxOffers;
    const needFrustration = escalations.length
      ? options.packet !== false
      : offerPossible || matchedRules.some((r) => r.then.escalateInsteadOfOffer) || explain;
    if (resolved.frustration.enabled && deps.detectFrustration && needFrustration) {
      frustration = frustrationOf();
      step('frustration', frustration.score.toFixed(3), frustration.signals);
      if (frustration.score >= resolved.frustration.threshold) {
        const kinds = [...new Set(frustration.signals.map((s) => s.kind))].join(', ');
        offers.push({
          reason: {
            code: 'frustration',
            detail: `frustration ${frustration.score.toFixed(2)}${kinds ? ` (${kinds})` : ''}`,
          },
          weight: frustration.score,
        });
      }
    }
    const loop = isLoop(view);
    const loopSignal = frustration?.signals.find((s) => s.kind === 'no_progress' || s.kind === 'loop');
    if (loop || (loopSignal && resolved.loop.enabled)) {
      offers.push({ reason: { code: 'loop', detail: loop ?? `loop: ${loopSignal!.evidence}` }, weight: 0.6 });
      step('loop', 'loop');
    }

    // 6. Resolve.
    const upgrade = matchedRules.find((r) => r.then.escalateInsteadOfOffer);
    const rulePriority = matchedRules
      .map((r) => r.then.priority)
      .filter((p): p is Priority => p !== undefined);
    const priorityOf = (candidates: Candidate[]): Priority => {
      const ps = [...candidates.map((x) => x.priority), ...rulePriority, c.priority].filter(
        (p): p is Priority => p !== undefined,
      );
      return ps.length ? (Math.min(...ps) as Priority) : resolved.defaultPriority;
    };
    const scoreOf = (candidates: Candidate[]) => {
      let keep = 1;
      for (const x of candidates) keep *= 1 - Math.min(1, Math.max(0, x.weight));
      return Math.round((1 - keep) * 1e6) / 1e6;
    };
    const reasonsOf = (candidates: Candidate[]) => candidates.map((x) => x.reason);

    if (escalations.length || (offers.length && upgrade)) {
      const all = [...escalations, ...offers];
      if (!escalations.length && upgrade)
        all.push({
          reason: { code: 'attribute_rule', detail: `rule "${upgrade.id}": escalate instead of offering` },
          weight: 0.9,
        });
      return escalateNew(all, frustration);
    }
    if (declinedNow) {
      const reasons: HandoffReason[] = [
        { code: 'offer_declined', detail: 'customer declined the offer; the bot continues' },
      ];
      step('resolve', 'continue (declined)');
      return finish({ action: 'continue', reasons, score: 0, event: eventOf('handoff.declined', reasons) });
    }
    if (offers.length) {
      if (state.declined || state.offers >= resolved.offer.maxOffers) {
        const code: HandoffReasonCode = state.declined ? 'offer_declined' : 'offer_already_made';
        const detail = state.declined
          ? 'the customer declined an earlier offer; not offering again'
          : `already offered ${state.offers}× (max ${resolved.offer.maxOffers})`;
        step('resolve', `continue (${code})`);
        return finish({
          action: 'continue',
          reasons: [{ code, detail }, ...reasonsOf(offers)],
          score: scoreOf(offers),
        });
      }
      const priority = priorityOf(offers);
      const reasons = reasonsOf(offers);
      const delivery = deliveryOf(priority, reasons, current);
      if (delivery.kind === 'ticket')
        reasons.push({ code: 'no_agents_available', detail: 'nobody is available now; a ticket is offered' });
      step('resolve', 'offer');
      return finish({
        action: 'offer',
        reasons,
        score: scoreOf(offers),
        priority,
        delivery,
        event: eventOf('handoff.offered', reasons),
      });
    }
    if (clarify) {
      step('resolve', 'clarify');
      return finish({ action: 'clarify', reasons: [clarify.reason], score: scoreOf([clarify]) });
    }
    step('resolve', 'continue');
    return finish({ action: 'continue', reasons: [], score: 0 });

    // --- helpers closing over this call ---

    // The detector sees the last `frustration.window` messages; turns are renumbered to the
    // whole conversation.
    function frustrationOf(): HandoffFrustration {
      const size = resolved.frustration.window;
      const offset = Math.max(0, view.messages.length - size);
      const messages = offset ? view.messages.slice(offset) : view.messages;
      const result = frustrationDetector
        ? frustrationDetector.detect(messages, frustrationOptions)
        : deps.detectFrustration!(messages, frustrationOptions);
      if (!offset) return result;
      return { score: result.score, signals: result.signals.map((s) => ({ ...s, turn: s.turn + offset })) };
    }

    function resolvedCancel(text: string): string | null {
      const normalized = normalizeText(text);
      for (const l of replyLexicons) {
        const m = l.lexicon.cancel.exec(normalized);
        if (m) return m[0];
      }
      return null;
    }

    function escalateNew(
      candidates: Candidate[],
      frustrationResult: HandoffFrustration | null,
    ): HandoffDecision {
      const priority = priorityOf(candidates);
      const reasons = reasonsOf(candidates);
      const waitingSince = current!.at;
      const delivery = deliveryOf(priority, reasons, current!);
      if (delivery.kind === 'ticket')
        reasons.push({ code: 'no_agents_available', detail: 'nobody is available now; a ticket is created' });
      step('resolve', 'escalate');
      const ruleQueue = matchedRules.find((r) => r.then.queue)?.then.queue;
      const packet =
        options.packet === false
          ? undefined
          : packetOf(reasons, priority, waitingSince, frustrationResult, ruleQueue);
      return finish({
        action: 'escalate',
        reasons,
        score: scoreOf(candidates),
        priority,
        delivery,
        waitingSince,
        ...(packet ? { packet } : {}),
        event: eventOf('handoff.escalated', reasons, packet?.queue ?? ruleQueue),
      });
    }

    function escalateAgain(): HandoffDecision {
      const reasons: HandoffReason[] = [
        {
          code: 'already_escalated',
          detail: state.agentJoined
            ? 'an agent has the conversation'
            : 'waiting for an agent since the first request',
        },
      ];
      const waitingSince = state.escalatedAt!;
      const priority = c.priority ?? resolved.defaultPriority;
      const delivery = deliveryOf(
        priority,
        reasons,
        current ?? view.turns[view.turns.length - 1]!,
        waitingSince,
      );
      const packet =
        options.packet === false ? undefined : packetOf(reasons, priority, waitingSince, null, undefined);
      return finish({
        action: 'escalate',
        reasons,
        score: 1,
        priority,
        delivery,
        waitingSince,
        ...(packet ? { packet } : {}),
      });
    }

    // `from`: when the response clock started — now for a new handoff, the first request for one
    // already under way (the promise made then is kept, not pushed back on every turn).
    function deliveryOf(
      priority: Priority,
      reasons: HandoffReason[],
      turn: CustomerTurn,
      from: Date = now,
    ): HandoffDelivery {
      if (options.agentsAvailable) return { kind: 'live' };
      const ms = responseTimeByPriority.get(priority) ?? resolved.noAgents.responseTime;
      const calendar = options.calendar ?? deps.calendar;
      const expectedResponseBy = calendar
        ? calendar.addBusinessTime(from, ms)
        : new Date(from.getTime() + ms);
      const known = knownContacts();
      const collect = resolved.noAgents.collect.filter((f) => !known.has(f));
      const subject = turn.text.replace(/\s+/g, ' ').trim().slice(0, 120);
      return {
        kind: 'ticket',
        notice: 'no_agents_available',
        collect,
        expectedResponseMs: ms,
        expectedResponseBy,
        ticket: {
          customerId: c.customerId,
          conversationId: c.id,
          channel: c.channel,
          priority,
          subject: subject || 'Conversation handed off',
          description: `Handed off (${reasons.map((r) => r.code).join(', ')}); nobody was available. Last customer message: ${subject}`,
          tags: ['handoff', ...new Set([...reasons.map((r) => r.code), 'no_agents_available'])],
          createdAt: now,
          ...(c.language ? { language: c.language } : {}),
        },
      };
    }

    function knownContacts(): Set<ContactField> {
      const known = new Set<ContactField>();
      const slots = c.slots ?? {};
      const customer = options.customer ?? {};
      if (customer.email || slots.email) known.add('email');
      if (customer.phone || slots.phone) known.add('phone');
      if (customer.name || slots.name) known.add('name');
      for (const m of view.messages) {
        if (m.author !== 'customer') continue;
        if (/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u.test(m.text)) known.add('email');
      }
      return known;
    }

    function packetOf(
      reasons: HandoffReason[],
      priority: Priority,
      waitingSince: Date,
      frustrationResult: HandoffFrustration | null,
      queue: string | undefined,
    ): HandoffPacket {
      let lang: HandoffPacket['language'] = { code: 'und', confidence: 0, source: 'none' };
      if (c.language) lang = { code: c.language, confidence: 1, source: 'conversation' };
      else if (deps.detectLanguage) {
        const d = deps.detectLanguage(view.turns.map((t) => t.text).join('\n'));
        lang = { code: d.language, confidence: d.confidence, source: 'detected' };
      }
      // Short messages fool statistical detection; a matched phrase set is better evidence.
      if (lang.source !== 'conversation' && phraseLanguage && (lang.code === 'und' || lang.confidence < 0.6))
        lang = { code: phraseLanguage, confidence: 0.5, source: 'phrase' };
      const sentiment = deps.analyzeSentiment
        ? recentSentiment(view, deps.analyzeSentiment, lang.code)
        : null;
      const f = frustrationResult ?? (deps.detectFrustration ? frustrationOf() : null);
      const ruleSkills = matchedRules.flatMap((r) => r.then.skills ?? []);
      return assemblePacket(view, {
        now,
        waitingSince,
        reasons,
        priority,
        profile: null,
        language: lang,
        sentiment,
        frustration: f,
        router: options.router ?? deps.router,
        queue: queue ?? null,
        skills: ruleSkills,
        customer: options.customer,
        entityCache,
      });
    }
  }

  return Object.freeze({ decide, classifyReply, config: resolved });
}
