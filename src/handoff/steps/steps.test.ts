// Each step of the handoff pipeline on its own (createHandoffPolicy.test.ts covers them together).
import { describe, expect, it } from 'vitest';
import type { MessageInput } from '../../model/schemas';
import { compileCondition } from '../../routing/conditions';
import { type CustomerTurn, readHandoffState, tokenSet, viewConversation } from '../conversationView';
import { createHandoffPolicy } from '../createHandoffPolicy';
import { compileRequestLexicons } from '../detectHumanRequest';
import { compileSensitiveTopics } from '../detectSensitiveTopics';
import { normalizeText } from '../lexicon/text';
import { HandoffPolicyConfigSchema } from '../schemas';
import { answerConfidenceStep, answerScore } from './answerConfidence';
import { attributeRulesStep } from './attributeRules';
import { ambiguousRequestOffer, explicitRequestStep } from './explicitRequest';
import { frustrationStep } from './frustration';
import { detectLoop, loopStep } from './loop';
import { deliveryStep, knownContacts } from './noAgents';
import { offerPossible, offerReplyStep, resolveStep } from './offerState';
import { sensitiveTopicStep } from './sensitiveTopic';
import type { Candidate, TurnContext } from './types';

const now = new Date('2026-11-23T10:00:00Z');
const at = (minute: number) => new Date(now.getTime() + minute * 60_000);
const classify = createHandoffPolicy().classifyReply;
type Line = [author: MessageInput['author'], text: string, meta?: Record<string, unknown>];

function context(lines: Line[], config: object = {}): TurnContext {
  const view = viewConversation({
    id: 'c1',
    customerId: 'u1',
    channel: 'chat',
    messages: lines.map(([author, text, meta], i) => ({
      id: `m${i}`,
      author,
      text,
      at: at(i),
      ...(meta ? { meta } : {}),
    })),
  });
  const current = view.current!;
  return {
    view,
    state: readHandoffState(view, classify),
    current,
    normalized: normalizeText(current.text),
    config: HandoffPolicyConfigSchema.parse(config),
  };
}
const normalizedOf = (_ctx: TurnContext) => (turn: CustomerTurn) => normalizeText(turn.text);
const requests = compileRequestLexicons();
const candidate = (code: 'frustration' | 'loop', weight = 0.6): Candidate => ({
  reason: { code, detail: code },
  weight,
  step: code,
});

describe('explicitRequestStep', () => {
  it('an explicit request escalates with the configured priority; traced', () => {
    const ctx = context([['customer', 'Chcę rozmawiać z konsultantem']]);
    const r = explicitRequestStep(ctx, requests, normalizedOf(ctx));
    expect(r.escalations).toMatchObject([
      { reason: { code: 'explicit_request' }, priority: 3, step: 'explicit_request' },
    ]);
    expect(r.language).toBe('pl');
    expect(r.trace[0]).toMatchObject({ step: 'explicit_request', result: 'explicit' });
  });

  it('a bare word is ambiguous (offer); the same bare word twice in a row escalates', () => {
    const once = context([['customer', 'agent']]);
    const r1 = explicitRequestStep(once, requests, normalizedOf(once));
    expect([r1.ambiguous, r1.escalations.length]).toEqual([true, 0]);
    expect(ambiguousRequestOffer(r1.ambiguous)).toMatchObject([{ reason: { code: 'ambiguous_request' } }]);
    const twice = context([
      ['customer', 'agent'],
      ['bot', 'How can I help?'],
      ['customer', 'agent'],
    ]);
    const r2 = explicitRequestStep(twice, requests, normalizedOf(twice));
    expect([r2.ambiguous, r2.escalations.length]).toEqual([false, 1]);
  });

  it('disabled: nothing, no trace', () => {
    const ctx = context([['customer', 'I want a human']], { explicitRequest: { enabled: false } });
    expect(explicitRequestStep(ctx, requests, normalizedOf(ctx))).toMatchObject({
      escalations: [],
      trace: [],
    });
  });
});

describe('sensitiveTopicStep', () => {
  it('a stolen card escalates with the topic priority', () => {
    const topics = compileSensitiveTopics(HandoffPolicyConfigSchema.parse({}).sensitiveTopics);
    const r = sensitiveTopicStep(context([['customer', 'my card was stolen yesterday']]), topics);
    expect(r.escalations[0]).toMatchObject({ reason: { code: 'sensitive_topic' }, step: 'sensitive_topic' });
    expect(r.escalations[0]!.priority).toBeLessThanOrEqual(2);
    expect(
      sensitiveTopicStep(context([['customer', 'what are your opening hours']]), topics).escalations,
    ).toEqual([]);
  });
});

describe('offerReplyStep and offer state', () => {
  const offered: Line[] = [
    ['customer', 'this is not working'],
    ['bot', 'Would you like to talk to a person?', { handoff: 'offer' }],
  ];
  it('"yes" to a pending offer escalates, "no" declines, no pending offer: nothing', () => {
    expect(
      offerReplyStep(context([...offered, ['customer', 'yes please']]), false, classify).escalations,
    ).toMatchObject([{ reason: { code: 'offer_accepted' } }]);
    const no = offerReplyStep(context([...offered, ['customer', 'no thanks']]), false, classify);
    expect([no.declinedNow, no.escalations.length]).toEqual([true, 0]);
    expect(offerReplyStep(context([['customer', 'yes please']]), false, classify).trace).toEqual([]);
  });

  it('one offer per conversation: a second offer is blocked and the trace says offer_state decided', () => {
    const ctx = context([
      ...offered,
      ['customer', 'hmm, let me think'],
      ['bot', 'Sure.'],
      ['customer', 'still broken'],
    ]);
    expect(offerPossible(ctx, false)).toBe(false);
    const { resolution, trace } = resolveStep(ctx, {
      escalations: [],
      offers: [candidate('frustration')],
      clarify: null,
      declinedNow: false,
      upgradeRuleId: null,
    });
    expect(resolution).toMatchObject({
      kind: 'offer_blocked',
      reasons: [{ code: 'offer_already_made' }, { code: 'frustration' }],
    });
    expect(trace).toMatchObject({ step: 'resolve', detail: { decidedBy: ['offer_state'] } });
  });

  it('resolve: escalations win; an escalateInsteadOfOffer rule upgrades offers; clarify last', () => {
    const ctx = context([['customer', 'hello']]);
    const base = { escalations: [], offers: [], clarify: null, declinedNow: false, upgradeRuleId: null };
    expect(resolveStep(ctx, { ...base, offers: [candidate('loop')] }).trace).toMatchObject({
      result: 'offer',
      detail: { decidedBy: ['loop'] },
    });
    expect(
      resolveStep(ctx, { ...base, offers: [candidate('loop')], upgradeRuleId: 'vip' }).resolution,
    ).toMatchObject({
      kind: 'escalate',
      candidates: [{ step: 'loop' }, { reason: { code: 'attribute_rule' } }],
    });
    const clarify: Candidate = {
      reason: { code: 'low_confidence', detail: '' },
      weight: 0.3,
      step: 'answer_confidence',
    };
    expect(resolveStep(ctx, { ...base, clarify }).resolution).toMatchObject({ kind: 'clarify' });
    expect(resolveStep(ctx, base).resolution).toEqual({ kind: 'continue' });
  });
});

describe('attributeRulesStep', () => {
  it('a VIP rule escalates with its priority; the trace shows each rule when explaining', () => {
    const rule = {
      id: 'vip',
      condition: compileCondition(
        { field: 'customer.vip', op: 'eq', value: true },
        { path: 'rules[0].when', module: 'handoff' },
      ),
      then: { action: 'escalate' as const, escalateInsteadOfOffer: false, priority: 1 as const },
    };
    const ctx = context([['customer', 'hello']]);
    const r = attributeRulesStep(ctx, [rule], {
      now,
      agentsAvailable: true,
      customer: { vip: true },
      explain: true,
    });
    expect(r.escalations).toMatchObject([{ reason: { code: 'attribute_rule' }, priority: 1, weight: 0.9 }]);
    expect(r.trace).toMatchObject([{ step: 'rule:vip', result: 'matched' }]);
    expect(attributeRulesStep(ctx, [rule], { now, agentsAvailable: true }).matched).toEqual([]);
  });
});

describe('answerConfidenceStep', () => {
  it('low confidence clarifies once, then offers; out of scope likewise', () => {
    const first = answerConfidenceStep(context([['customer', 'blorp']]), {
      now,
      agentsAvailable: true,
      confidence: 0.1,
    });
    expect(first.clarify).toMatchObject({ reason: { code: 'low_confidence' }, weight: 0.3 });
    const again = answerConfidenceStep(
      context([
        ['customer', 'blorp'],
        ['bot', 'Could you rephrase?', { handoff: 'clarify' }],
        ['customer', 'blorp blorp'],
      ]),
      { now, agentsAvailable: true, outOfScope: true },
    );
    expect([again.clarify, again.offers[0]?.reason.code]).toEqual([null, 'clarify_exhausted']);
    expect(
      answerConfidenceStep(context([['customer', 'hi']]), { now, agentsAvailable: true, confidence: 0.9 })
        .trace,
    ).toEqual([]);
    expect([answerScore(undefined), answerScore(Number.NaN), answerScore({ score: 1.7 })]).toEqual([
      null,
      null,
      1,
    ]);
  });
});

describe('frustrationStep', () => {
  it('offers at or above the threshold with the score as weight; traces the score', () => {
    const ctx = context([['customer', 'hello']]);
    const signals = [{ kind: 'anger', turn: 1, evidence: '"furious"' }];
    expect(frustrationStep(ctx, { score: 0.6, signals }).offers).toMatchObject([
      { reason: { code: 'frustration', detail: 'frustration 0.60 (anger)' }, weight: 0.6 },
    ]);
    const below = frustrationStep(ctx, { score: 0.59, signals });
    expect([below.offers.length, below.trace[0]?.result]).toEqual([0, '0.590']);
    expect(frustrationStep(ctx, null).trace).toEqual([]);
  });
});

describe('loopStep', () => {
  const tokens = (turn: CustomerTurn) => tokenSet(normalizeText(turn.text));
  it('three turns asking the same thing offer; the detector’s no_progress does too', () => {
    const ctx = context([
      ['customer', 'where is my refund'],
      ['bot', 'Refunds take 5 days.'],
      ['customer', 'where is my refund'],
      ['bot', 'Refunds take 5 days.'],
      ['customer', 'where is my refund?'],
    ]);
    expect(detectLoop(ctx.view, ctx.config, tokens)).toMatch(/3 customer turns/);
    expect(loopStep(ctx, null, tokens).offers).toMatchObject([{ reason: { code: 'loop' }, step: 'loop' }]);
    const calm = context([['customer', 'hello']]);
    expect(loopStep(calm, null, tokens).offers).toEqual([]);
    expect(
      loopStep(calm, { score: 0.5, signals: [{ kind: 'no_progress', turn: 1, evidence: 'x' }] }, tokens)
        .offers,
    ).toHaveLength(1);
  });
});

describe('deliveryStep (no agents)', () => {
  it('live with agents; otherwise a ticket with the expected response time and only the missing contacts', () => {
    const ctx = context([['customer', 'my email is ana@example.com, please call me']]);
    const base = {
      view: ctx.view,
      config: ctx.config,
      responseTimeByPriority: new Map([[1, 3_600_000]]),
      calendar: undefined,
      reasons: [{ code: 'frustration' as const, detail: '' }],
      turn: ctx.current,
      now,
      from: now,
    };
    expect(deliveryStep({ ...base, options: { now, agentsAvailable: true }, priority: 3 })).toEqual({
      kind: 'live',
    });
    const ticket = deliveryStep({ ...base, options: { now, agentsAvailable: false }, priority: 1 });
    expect(ticket).toMatchObject({ kind: 'ticket', collect: [], expectedResponseMs: 3_600_000 });
    expect(ticket.kind === 'ticket' && ticket.expectedResponseBy.toISOString()).toBe(
      '2026-11-23T11:00:00.000Z',
    );
    expect([...knownContacts(ctx.view, { now, agentsAvailable: false })]).toEqual(['email']);
  });
});

describe('the trace names the step that decided', () => {
  it.each([
    ['I want to talk to a human', 'escalate', 'explicit_request'],
    ['my card was stolen', 'escalate', 'sensitive_topic'],
    ['This is useless, you are a useless bot and I am furious!!!', 'offer', 'frustration'],
  ])('%s → %s by %s', (text, action, step) => {
    const d = createHandoffPolicy().decide(
      {
        id: 'c',
        customerId: 'u',
        channel: 'chat',
        messages: [{ id: 'm1', author: 'customer', text, at: now }],
      },
      { now, agentsAvailable: true, explain: true },
    );
    expect(d.action).toBe(action);
    expect(d.trace!.at(-1)).toMatchObject({ step: 'resolve', detail: { decidedBy: [step] } });
  });
});
