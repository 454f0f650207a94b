import { detectLanguage as detectLanguageDefault } from '../_internal/language/detectLanguage';
import { analyzeSentiment } from '../confidence/analyzeSentiment';
import { createValidatedFrustrationDetector } from '../confidence/createFrustrationDetector';
import { detectFrustration } from '../confidence/detectFrustration';
import { parseWithSchema, TandemError } from '../model/errors';
import type { ConversationInput, Priority } from '../model/schemas';
import { compileCondition } from '../routing/conditions';
import {
  type ConversationView,
  type CustomerTurn,
  type HandoffState,
  type MessageCache,
  readHandoffState,
  tokenSet,
  viewConversation,
} from './conversationView';
import { compileRequestLexicons } from './detectHumanRequest';
import { compileSensitiveTopics } from './detectSensitiveTopics';
import { HANDOFF_LANGUAGES } from './lexicon/requests';
import { bareText, normalizeText } from './lexicon/text';
import { assemblePacket, type EntityCache, recentSentiment } from './packet';
import {
  type HandoffPacket,
  type HandoffPolicyConfig,
  HandoffPolicyConfigSchema,
  type HandoffReason,
  type ResolvedHandoffPolicyConfig,
} from './schemas';
import { answerConfidenceStep } from './steps/answerConfidence';
import { attributeRulesStep, type CompiledRule } from './steps/attributeRules';
import { ambiguousRequestOffer, explicitRequestStep } from './steps/explicitRequest';
import { frustrationStep } from './steps/frustration';
import { loopStep } from './steps/loop';
import { deliveryStep } from './steps/noAgents';
import { offerPossible, offerReplyStep, type Resolution, resolveStep } from './steps/offerState';
import { sensitiveTopicStep } from './steps/sensitiveTopic';
import type { Candidate, StepResult, TurnContext } from './steps/types';
import type {
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

function defaultDependencies(): Required<Pick<HandoffDependencies, 'detectLanguage'>> & HandoffDependencies {
  return { detectLanguage: detectLanguageDefault, detectFrustration, analyzeSentiment };
}

function primaryLanguage(tag: string | undefined): string | undefined {
  return tag?.split('-')[0]?.toLowerCase();
}

/** Score of a set of candidates: noisy-OR of their weights, 1 − Π(1 − w). */
function scoreOf(candidates: readonly Candidate[]): number {
  let keep = 1;
  for (const x of candidates) keep *= 1 - Math.min(1, Math.max(0, x.weight));
  return Math.round((1 - keep) * 1e6) / 1e6;
}

/** What one `decide` call has read so far, passed to the helpers that build the decision. */
interface DecisionScope {
  view: ConversationView;
  options: DecideOptions;
  now: Date;
  trace: HandoffTraceStep[] | undefined;
  info: HandoffReason[];
  state: HandoffState | null;
  matchedRules: CompiledRule[];
  phraseLanguage: string | null;
  frustration: HandoffFrustration | null;
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

  function cancelPhrase(text: string): string | null {
    const normalized = normalizeText(text);
    for (const l of replyLexicons) {
      const m = l.lexicon.cancel.exec(normalized);
      if (m) return m[0];
    }
    return null;
  }

  /**
   * The pipeline for a customer turn with no handoff under way: each step reads the turn and the
   * state and adds candidates; `resolveStep` applies the offer-state rules and names the step that
   * decided. Steps live in ./steps, one file each, each tested on its own.
   */
  function decideTurn(scope: DecisionScope, ctx: TurnContext): HandoffDecision {
    const { options, trace } = scope;
    const escalations: Candidate[] = [];
    const offers: Candidate[] = [];
    const collect = (r: StepResult) => {
      escalations.push(...r.escalations);
      offers.push(...r.offers);
      trace?.push(...r.trace);
    };
    const request = explicitRequestStep(ctx, requestLexicons, (turn) => normalizedTurn(ctx.view, turn));
    collect(request);
    const topics = sensitiveTopicStep(ctx, sensitive);
    collect(topics);
    scope.phraseLanguage = request.language ?? topics.language;
    const reply = offerReplyStep(ctx, request.ambiguous, classifyReply);
    collect(reply);
    const ruled = attributeRulesStep(ctx, rules, options);
    collect(ruled);
    scope.matchedRules = ruled.matched;
    offers.push(...ambiguousRequestOffer(request.ambiguous && !reply.consumedAmbiguous));
    const answer = answerConfidenceStep(ctx, options);
    collect(answer);
    // Frustration only changes an offer. Skip the detector (the costliest step) when the turn
    // escalates anyway and no packet (which shows it) is wanted, or when no offer can be made any
    // more (declined, or the offer budget is spent) — unless a trace is asked for.
    const upgrade = ruled.matched.find((r) => r.then.escalateInsteadOfOffer);
    const needFrustration = escalations.length
      ? options.packet !== false
      : offerPossible(ctx, reply.declinedNow) || upgrade !== undefined || trace !== undefined;
    if (resolved.frustration.enabled && deps.detectFrustration && needFrustration)
      scope.frustration = frustrationOf(scope);
    collect(frustrationStep(ctx, scope.frustration));
    collect(loopStep(ctx, scope.frustration, (turn) => turnTokens(ctx.view, turn)));
    const { resolution, trace: resolveTrace } = resolveStep(ctx, {
      escalations,
      offers,
      clarify: answer.clarify,
      declinedNow: reply.declinedNow,
      upgradeRuleId: upgrade?.id ?? null,
    });
    trace?.push(resolveTrace);
    return render(scope, ctx.current, resolution);
  }

  /** The decision for a resolution: score, priority, delivery, packet and event. */
  function render(scope: DecisionScope, current: CustomerTurn, resolution: Resolution): HandoffDecision {
    switch (resolution.kind) {
      case 'escalate':
        return escalateNew(scope, current, resolution.candidates);
      case 'declined':
        return finish(scope, {
          action: 'continue',
          reasons: resolution.reasons,
          score: 0,
          event: eventOf(scope, 'handoff.declined', resolution.reasons),
        });
      case 'offer_blocked':
        return finish(scope, {
          action: 'continue',
          reasons: resolution.reasons,
          score: scoreOf(resolution.candidates),
        });
      case 'offer': {
        const priority = priorityOf(scope, resolution.candidates);
        const reasons = resolution.candidates.map((x) => x.reason);
        const delivery = deliveryOf(scope, priority, reasons, current, scope.now);
        if (delivery.kind === 'ticket')
          reasons.push({
            code: 'no_agents_available',
            detail: 'nobody is available now; a ticket is offered',
          });
        return finish(scope, {
          action: 'offer',
          reasons,
          score: scoreOf(resolution.candidates),
          priority,
          delivery,
          event: eventOf(scope, 'handoff.offered', reasons),
        });
      }
      case 'clarify':
        return finish(scope, {
          action: 'clarify',
          reasons: [resolution.candidate.reason],
          score: scoreOf([resolution.candidate]),
        });
      default:
        return finish(scope, { action: 'continue', reasons: [], score: 0 });
    }
  }

  function decide(input: ConversationInput, options: DecideOptions): HandoffDecision {
    const now = validNow(options);
    const view = viewConversation(input, messageCache);
    const scope: DecisionScope = {
      view,
      options,
      now,
      trace: options.explain === true ? [] : undefined,
      info: [],
      state: null,
      matchedRules: [],
      phraseLanguage: null,
      frustration: null,
    };
    noteInput(scope);
    if (!view.turns.length) {
      scope.trace?.push({ step: 'turn', result: 'no customer message' });
      const reasons: HandoffReason[] = [
        { code: 'no_customer_message', detail: 'the conversation has no customer message yet' },
      ];
      return finish(scope, { action: 'continue', reasons, score: 0 });
    }
    const state = readHandoffState(view, classifyReply);
    scope.state = state;
    scope.trace?.push({ step: 'state', result: state.escalated ? 'escalated' : 'bot', detail: state });
    const current = view.current;
    if (!current) {
      scope.trace?.push({ step: 'turn', result: 'awaiting customer' });
      if (state.escalated) return escalateAgain(scope);
      const reasons: HandoffReason[] = [
        { code: 'awaiting_customer', detail: 'the last message is not from the customer' },
      ];
      return finish(scope, { action: 'continue', reasons, score: 0 });
    }
    // A handoff is already under way: keep it (same SLA clock) unless the customer cancels.
    if (state.escalated) {
      const m = state.agentJoined ? null : cancelPhrase(current.text);
      if (!m) return escalateAgain(scope);
      scope.trace?.push({ step: 'cancel', result: 'cancelled', detail: m });
      const reasons: HandoffReason[] = [{ code: 'customer_cancelled', detail: `customer cancelled: "${m}"` }];
      return finish(scope, {
        action: 'continue',
        reasons,
        score: 0,
        event: eventOf(scope, 'handoff.returned', reasons),
      });
    }
    return decideTurn(scope, {
      view,
      state,
      current,
      normalized: normalizedTurn(view, current),
      config: resolved,
    });
  }

  // --- helpers of a decision (each reads the scope of one `decide` call) ---

  function validNow(options: DecideOptions): Date {
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
    return now;
  }

  /** Notes about the input itself (reordered messages, a language without phrase sets). */
  function noteInput(scope: DecisionScope): void {
    const c = scope.view.conversation;
    if (scope.view.reordered) {
      scope.info.push({
        code: 'messages_reordered',
        detail: 'messages were not in time order; sorted by `at`',
      });
      scope.trace?.push({ step: 'order', result: 'reordered' });
    }
    const language = primaryLanguage(c.language);
    if (language && language !== 'und' && !(HANDOFF_LANGUAGES as readonly string[]).includes(language)) {
      scope.info.push({
        code: 'unsupported_language',
        detail: `no phrase set for "${c.language}"; all built-in sets (${HANDOFF_LANGUAGES.join(', ')}) were used`,
      });
      scope.trace?.push({ step: 'language', result: 'unsupported', detail: c.language });
    }
  }

  function finish(scope: DecisionScope, d: HandoffDecision): HandoffDecision {
    if (scope.info.length) d.reasons = [...d.reasons, ...scope.info];
    if (scope.trace) d.trace = scope.trace;
    return d;
  }

  function eventOf(
    scope: DecisionScope,
    type: HandoffDecisionEvent['type'],
    reasons: HandoffReason[],
    queue?: string | null,
  ): HandoffDecisionEvent {
    return {
      type,
      payload: {
        at: scope.now,
        conversationId: scope.view.conversation.id,
        reasons: reasons.map((r) => r.code),
        ...(queue ? { queue } : {}),
      },
    };
  }

  function priorityOf(scope: DecisionScope, candidates: readonly Candidate[]): Priority {
    const ps = [
      ...candidates.map((x) => x.priority),
      ...scope.matchedRules.map((r) => r.then.priority),
      scope.view.conversation.priority,
    ].filter((p): p is Priority => p !== undefined);
    return ps.length ? (Math.min(...ps) as Priority) : resolved.defaultPriority;
  }

  function deliveryOf(
    scope: DecisionScope,
    priority: Priority,
    reasons: HandoffReason[],
    turn: CustomerTurn,
    from: Date,
  ): HandoffDelivery {
    return deliveryStep({
      view: scope.view,
      options: scope.options,
      config: resolved,
      responseTimeByPriority,
      calendar: scope.options.calendar ?? deps.calendar,
      priority,
      reasons,
      turn,
      now: scope.now,
      from,
    });
  }

  // The detector sees the last `frustration.window` messages; turns are renumbered to the
  // whole conversation.
  function frustrationOf(scope: DecisionScope): HandoffFrustration {
    const { view, now } = scope;
    const c = view.conversation;
    const frustrationOptions = c.language ? { now, language: c.language } : { now };
    const size = resolved.frustration.window;
    const offset = Math.max(0, view.messages.length - size);
    const messages = offset ? view.messages.slice(offset) : view.messages;
    const result = frustrationDetector
      ? frustrationDetector.detect(messages, frustrationOptions)
      : deps.detectFrustration!(messages, frustrationOptions);
    if (!offset) return result;
    return { score: result.score, signals: result.signals.map((s) => ({ ...s, turn: s.turn + offset })) };
  }

  function escalateNew(
    scope: DecisionScope,
    current: CustomerTurn,
    candidates: Candidate[],
  ): HandoffDecision {
    const priority = priorityOf(scope, candidates);
    const reasons = candidates.map((x) => x.reason);
    const waitingSince = current.at;
    const delivery = deliveryOf(scope, priority, reasons, current, scope.now);
    if (delivery.kind === 'ticket')
      reasons.push({ code: 'no_agents_available', detail: 'nobody is available now; a ticket is created' });
    const ruleQueue = scope.matchedRules.find((r) => r.then.queue)?.then.queue;
    const packet =
      scope.options.packet === false
        ? undefined
        : packetOf(scope, reasons, priority, waitingSince, scope.frustration, ruleQueue);
    return finish(scope, {
      action: 'escalate',
      reasons,
      score: scoreOf(candidates),
      priority,
      delivery,
      waitingSince,
      ...(packet ? { packet } : {}),
      event: eventOf(scope, 'handoff.escalated', reasons, packet?.queue ?? ruleQueue),
    });
  }

  function escalateAgain(scope: DecisionScope): HandoffDecision {
    const { view, options } = scope;
    const state = scope.state!;
    const reasons: HandoffReason[] = [
      {
        code: 'already_escalated',
        detail: state.agentJoined
          ? 'an agent has the conversation'
          : 'waiting for an agent since the first request',
      },
    ];
    const waitingSince = state.escalatedAt!;
    const priority = view.conversation.priority ?? resolved.defaultPriority;
    const turn = view.current ?? view.turns[view.turns.length - 1]!;
    const delivery = deliveryOf(scope, priority, reasons, turn, waitingSince);
    const packet =
      options.packet === false
        ? undefined
        : packetOf(scope, reasons, priority, waitingSince, null, undefined);
    return finish(scope, {
      action: 'escalate',
      reasons,
      score: 1,
      priority,
      delivery,
      waitingSince,
      ...(packet ? { packet } : {}),
    });
  }

  function packetOf(
    scope: DecisionScope,
    reasons: HandoffReason[],
    priority: Priority,
    waitingSince: Date,
    frustrationResult: HandoffFrustration | null,
    queue: string | undefined,
  ): HandoffPacket {
    const { view, options } = scope;
    const c = view.conversation;
    let lang: HandoffPacket['language'] = { code: 'und', confidence: 0, source: 'none' };
    if (c.language) lang = { code: c.language, confidence: 1, source: 'conversation' };
    else if (deps.detectLanguage) {
      const d = deps.detectLanguage(view.turns.map((t) => t.text).join('\n'));
      lang = { code: d.language, confidence: d.confidence, source: 'detected' };
    }
    // Short messages fool statistical detection; a matched phrase set is better evidence.
    const phrase = scope.phraseLanguage;
    if (lang.source !== 'conversation' && phrase && (lang.code === 'und' || lang.confidence < 0.6))
      lang = { code: phrase, confidence: 0.5, source: 'phrase' };
    const sentiment = deps.analyzeSentiment ? recentSentiment(view, deps.analyzeSentiment, lang.code) : null;
    const f = frustrationResult ?? (deps.detectFrustration ? frustrationOf(scope) : null);
    const ruleSkills = scope.matchedRules.flatMap((r) => r.then.skills ?? []);
    return assemblePacket(view, {
      now: scope.now,
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

  return Object.freeze({ decide, classifyReply, config: resolved });
}
