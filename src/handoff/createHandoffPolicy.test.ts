// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule shape shared with routing (rules[].then), not a thenable.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../calendar/createBusinessCalendar';
import { TandemError } from '../model/errors';
import type { ConversationInput, MessageInput } from '../model/schemas';
import dataset from './__fixtures__/explicit-requests.json';
import { createHandoffPolicy } from './createHandoffPolicy';
import { HandoffPacketSchema } from './schemas';
import type { HandoffDecision } from './types';

const T0 = Date.UTC(2026, 10, 23, 10, 0); // Monday 2026-11-23 10:00Z
const at = (minute: number) => new Date(T0 + minute * 60_000);
const NOW = at(60);

type Line = [MessageInput['author'], string, Record<string, unknown>?];
function conversation(lines: Line[], extra: Partial<ConversationInput> = {}): ConversationInput {
  return {
    id: 'c1',
    customerId: 'u1',
    channel: 'chat',
    messages: lines.map(([author, text, meta], i) => ({
      id: `m${i + 1}`,
      author,
      text,
      at: at(i),
      ...(meta ? { meta } : {}),
    })),
    ...extra,
  };
}
const say = (text: string) => conversation([['customer', text]]);
const policy = createHandoffPolicy();
// Decisions are taken right after the customer's message (the default `now` here), as in a live chat.
const justAfter = (c: ConversationInput) => {
  let latest = T0;
  for (const m of c.messages) {
    const t = new Date(m.at).getTime();
    if (Number.isFinite(t)) latest = Math.max(latest, t);
  }
  return new Date(latest + 1000);
};
const decide = (c: ConversationInput, options: Partial<Parameters<typeof policy.decide>[1]> = {}) =>
  policy.decide(c, { now: justAfter(c), agentsAvailable: true, ...options });
const codes = (d: HandoffDecision) => d.reasons.map((r) => r.code);

describe('pinned shape (DESIGN.md)', () => {
  it('escalates an explicit request with the default policy', () => {
    const d = createHandoffPolicy().decide(
      {
        id: 'c1',
        customerId: 'u1',
        channel: 'chat',
        messages: [{ id: 'm1', author: 'customer', text: 'I want to talk to a human', at: NOW }],
      },
      { now: NOW, agentsAvailable: true },
    );
    expect(d.action).toBe('escalate');
    expect(d.reasons[0]).toMatchObject({ code: 'explicit_request' });
    expect(d.score).toBe(1);
    // Short text: statistical detection is unsure; the matched English phrase decides.
    expect(d.action === 'escalate' && d.packet?.language.code).toBe('en');
  });

  it('accepts ISO strings for dates', () => {
    const d = decide({
      id: 'c1',
      customerId: 'u1',
      channel: 'chat',
      messages: [{ id: 'm1', author: 'customer', text: 'human please', at: '2026-11-23T10:00:00Z' }],
    });
    expect(d.action).toBe('escalate');
  });
});

// Every utterance of the labelled set, per language, through the whole policy.
describe('explicit request rule, per language', () => {
  const rows = dataset as Array<{ language: string; label: string; text: string }>;
  const expected: Record<string, string> = { explicit: 'escalate', ambiguous: 'offer', none: 'continue' };
  for (const language of ['en', 'pl', 'zh', 'es', 'de', 'fr']) {
    it.each(rows.filter((r) => r.language === language).map((r) => [expected[r.label]!, r.text] as const))(
      `${language}: %s ← %s`,
      (action, text) => {
        expect(decide(say(text)).action).toBe(action);
      },
    );
  }
});

describe('sensitive topics rule', () => {
  it.each([
    ['My card was stolen this morning', 'lost_or_stolen_card', 1],
    ['Zgubiłam portfel z kartą', 'lost_or_stolen_card', 1],
    ['有人盗刷了我的信用卡', 'fraud', 1],
    ['Hay un cargo que no reconozco', 'unauthorised_payment', 2],
    ['Ich werde meinen Anwalt einschalten', 'legal_threat', 2],
    ['Mon père est décédé, que faire de son compte ?', 'bereavement', 2],
    ['I want to kill myself', 'self_harm', 1],
    ['Please delete my personal data under GDPR', 'data_protection', 3],
    ['Your courier was rude to me', 'staff_complaint', 3],
  ] as const)('%s → escalate (%s, priority %d)', (text, topic, priority) => {
    const d = decide(say(text));
    expect(d.action).toBe('escalate');
    expect(d.reasons[0]!.code).toBe('sensitive_topic');
    expect(d.reasons[0]!.detail).toContain(topic);
    expect(d.action === 'escalate' && d.priority).toBe(priority);
  });

  it('escalates even after a declined offer', () => {
    const d = decide(
      conversation([
        ['customer', 'agent'],
        ['bot', 'Would you like to talk to someone?', { handoff: 'offer' }],
        ['customer', 'no thanks'],
        ['bot', 'OK, how can I help?'],
        ['customer', 'someone used my card, it is fraud'],
      ]),
    );
    expect(d.action).toBe('escalate');
  });

  it('can be switched off or narrowed', () => {
    expect(
      createHandoffPolicy({ sensitiveTopics: { enabled: false } }).decide(say('my card was stolen'), {
        now: NOW,
        agentsAvailable: true,
      }).action,
    ).toBe('continue');
    const custom = createHandoffPolicy({
      sensitiveTopics: { topics: [], custom: [{ id: 'recall', keywords: ['recall'], priority: 1 }] },
    });
    const d = custom.decide(say('Is my kettle part of the recall?'), { now: NOW, agentsAvailable: true });
    expect(d.action === 'escalate' && d.priority).toBe(1);
  });
});

describe('offer: ambiguous request, accept, decline, at most once', () => {
  const offered: Line[] = [
    ['customer', 'agent'],
    ['bot', 'Would you like me to connect you with a person?', { handoff: 'offer' }],
  ];

  it('offers for a bare word and emits handoff.offered', () => {
    const d = decide(say('help'));
    expect(d.action).toBe('offer');
    expect(codes(d)).toEqual(['ambiguous_request']);
    expect(d.event?.type).toBe('handoff.offered');
    expect(d.action === 'offer' && d.delivery).toEqual({ kind: 'live' });
  });

  it.each(['yes', 'Yes please', 'tak', '好的', 'sí', 'ja gerne', 'oui', 'agent'])(
    '"%s" accepts the offer',
    (reply) => {
      const d = decide(conversation([...offered, ['customer', reply]]));
      expect(d.action).toBe('escalate');
      expect(codes(d)).toContain('offer_accepted');
    },
  );

  it.each(['no', 'No thanks', 'nie, dziękuję', '不用了', 'no gracias', 'nein danke', 'non merci'])(
    '"%s" declines: the bot continues and emits handoff.declined',
    (reply) => {
      const d = decide(conversation([...offered, ['customer', reply]]));
      expect(d.action).toBe('continue');
      expect(codes(d)).toEqual(['offer_declined']);
      expect(d.event?.type).toBe('handoff.declined');
    },
  );

  it.each([
    ['yes please. Actually, can you also check my address?', 'accept'],
    ['Sure, go ahead', 'accept'],
    ['好的，谢谢', 'accept'],
    ['no thanks, I am fine', 'decline'],
    ['Nie, dziękuję. Poradzę sobie', 'decline'],
    ['不用了谢谢', 'decline'],
    ['ok thanks', 'other'],
    ['好烦啊', 'other'],
    ['对不起我没看懂', 'other'],
    ['where is my parcel?', 'other'],
  ] as const)('classifyReply(%j) → %s', (text, expected) => {
    expect(policy.classifyReply(text)).toBe(expected);
  });

  it('respects a decline: no new offer later, even when a trigger fires', () => {
    const d = decide(
      conversation([...offered, ['customer', 'no'], ['bot', 'Sure. What can I do?'], ['customer', 'help']]),
    );
    expect(d.action).toBe('continue');
    expect(codes(d)).toEqual(['offer_declined', 'ambiguous_request']);
  });

  it('reads a decline recorded as an event', () => {
    const d = decide(
      conversation(
        [
          ['customer', 'where is my parcel'],
          ['bot', 'It is on its way.'],
          ['customer', 'help'],
        ],
        {
          events: [{ type: 'handoff.declined', at: at(0) }],
        },
      ),
    );
    expect(codes(d)[0]).toBe('offer_declined');
  });

  it('offers at most once (maxOffers 1): an ignored offer is not repeated', () => {
    const d = decide(
      conversation([
        ...offered,
        ['customer', 'where is my order 12345?'],
        ['bot', 'It ships tomorrow.'],
        ['customer', 'help'],
      ]),
    );
    expect(d.action).toBe('continue');
    expect(codes(d)[0]).toBe('offer_already_made');
  });

  it('an explicit request after an offer still escalates', () => {
    const d = decide(
      conversation([
        ...offered,
        ['customer', 'no'],
        ['bot', 'OK'],
        ['customer', 'actually, let me talk to a real person'],
      ]),
    );
    expect(d.action).toBe('escalate');
  });

  it('maxOffers 0 never offers', () => {
    const p = createHandoffPolicy({ offer: { maxOffers: 0 } });
    expect(p.decide(say('agent'), { now: NOW, agentsAvailable: true }).action).toBe('continue');
  });
});

describe('clarify once, then offer (low confidence / out of scope)', () => {
  it('asks to rephrase when the answer confidence is below 0.3', () => {
    const d = decide(say('blorf the wizzle'), { confidence: 0.12 });
    expect(d.action).toBe('clarify');
    expect(codes(d)).toEqual(['low_confidence']);
    expect(d.reasons[0]!.detail).toBe('answer confidence 0.12 < 0.3');
  });

  it('accepts a scoreConfidence-like object and out-of-scope', () => {
    expect(decide(say('x'), { confidence: { score: 0.2, level: 'low' } }).action).toBe('clarify');
    expect(codes(decide(say('book me a flight'), { outOfScope: true }))).toEqual(['out_of_scope']);
    expect(decide(say('where is my parcel'), { confidence: 0.8 }).action).toBe('continue');
  });

  it('offers after one clarification, then never again', () => {
    const clarified: Line[] = [
      ['customer', 'blorf'],
      ['bot', 'Sorry, could you rephrase?', { handoff: 'clarify' }],
      ['customer', 'the wizzle thing'],
    ];
    const second = decide(conversation(clarified), { confidence: 0.1 });
    expect(second.action).toBe('offer');
    expect(codes(second)).toContain('clarify_exhausted');
    const third = decide(
      conversation([
        ...clarified,
        ['bot', 'Would you like a person?', { handoff: 'offer' }],
        ['customer', 'the wizzle!'],
      ]),
      { confidence: 0.1 },
    );
    expect(third.action).toBe('continue');
    expect(codes(third)[0]).toBe('offer_already_made');
  });

  it('counts clarifications recorded as events', () => {
    const d = decide(
      conversation(
        [
          ['customer', 'x'],
          ['bot', '?'],
          ['customer', 'y'],
        ],
        { events: [{ type: 'handoff.clarified', at: at(1) }] },
      ),
      {
        confidence: 0.1,
      },
    );
    expect(d.action).toBe('offer');
  });

  it('maxClarifications 0 offers straight away', () => {
    const p = createHandoffPolicy({ lowConfidence: { maxClarifications: 0, threshold: 0.5 } });
    expect(p.decide(say('x'), { now: NOW, agentsAvailable: true, confidence: 0.4 }).action).toBe('offer');
  });
});

describe('frustration and loops', () => {
  it('offers when the injected frustration detector scores at or above 0.6', () => {
    const p = createHandoffPolicy(
      {},
      {
        detectFrustration: () => ({ score: 0.7, signals: [{ kind: 'all_caps', turn: 1, evidence: 'WHY' }] }),
      },
    );
    const d = p.decide(say('WHY IS THIS NOT WORKING'), { now: NOW, agentsAvailable: true });
    expect(d.action).toBe('offer');
    expect(d.reasons[0]).toEqual({ code: 'frustration', detail: 'frustration 0.70 (all_caps)' });
    const calm = createHandoffPolicy({}, { detectFrustration: () => ({ score: 0.3, signals: [] }) });
    expect(calm.decide(say('hm'), { now: NOW, agentsAvailable: true }).action).toBe('continue');
  });

  it('offers after three turns repeating the same question', () => {
    const d = decide(
      conversation([
        ['customer', 'where is my refund'],
        ['bot', 'Refunds take 5 days.'],
        ['customer', 'where is my refund??'],
        ['bot', 'Refunds take 5 days.'],
        ['customer', 'WHERE is my refund'],
      ]),
    );
    expect(d.action).toBe('offer');
    expect(codes(d)).toContain('loop');
  });

  it('offers after three turns answered by fallbacks', () => {
    const d = decide(
      conversation([
        ['customer', 'can I pay in instalments'],
        ['bot', 'Sorry, I did not understand.', { fallback: true }],
        ['customer', 'split payment options'],
        ['bot', 'Sorry, I did not understand.', { intent: 'nlu_fallback' }],
        ['customer', 'pay later?'],
      ]),
      { confidence: 0.9 },
    );
    expect(codes(d)).toContain('loop');
  });

  it('two turns are not a loop, and progress breaks it', () => {
    expect(
      decide(
        conversation([
          ['customer', 'refund?'],
          ['bot', '5 days'],
          ['customer', 'refund?'],
        ]),
      ).action,
    ).toBe('continue');
    const d = decide(
      conversation([
        ['customer', 'where is my refund'],
        ['bot', 'Refunds take 5 days.'],
        ['customer', 'and my invoice?'],
        ['bot', 'Sent by e-mail.'],
        ['customer', 'thanks, and the delivery date'],
      ]),
    );
    expect(d.action).toBe('continue');
  });
});

describe('attribute rules (routing condition language)', () => {
  const p = createHandoffPolicy({
    rules: [
      {
        id: 'vip',
        when: { field: 'customer.vip', op: 'eq', value: true },
        then: { escalateInsteadOfOffer: true, priority: 1, queue: 'vip' },
      },
      { id: 'big-order', when: { field: 'order.value', op: 'gte', value: 1000 }, then: { action: 'offer' } },
      {
        id: 'phone',
        when: { field: 'channel', op: 'eq', value: 'phone' },
        then: { action: 'escalate', skills: ['voice'] },
      },
      {
        id: 'off',
        enabled: false,
        when: { field: 'channel', op: 'eq', value: 'chat' },
        then: { action: 'escalate' },
      },
    ],
  });
  const run = (c: ConversationInput, options: Partial<Parameters<typeof p.decide>[1]> = {}) =>
    p.decide(c, { now: NOW, agentsAvailable: true, ...options });

  it('VIP: an offer becomes an escalation, with the rule priority and queue', () => {
    const d = run(say('agent'), { customer: { id: 'u1', vip: true } });
    expect(d.action).toBe('escalate');
    expect(codes(d)).toEqual(['ambiguous_request', 'attribute_rule']);
    expect(d.action === 'escalate' && [d.priority, d.packet?.queue]).toEqual([1, 'vip']);
    expect(run(say('agent'), { customer: { id: 'u1', vip: false } }).action).toBe('offer');
  });

  it('VIP alone does not hand off a conversation that is going fine', () => {
    expect(run(say('where is my parcel'), { customer: { id: 'u1', vip: true } }).action).toBe('continue');
  });

  it('order value offers; channel escalates; disabled rules are skipped', () => {
    expect(run(say('hello'), { attributes: { order: { value: 1500 } } }).action).toBe('offer');
    expect(run(say('hello'), { attributes: { order: { value: 20 } } }).action).toBe('continue');
    const phone = run(conversation([['customer', 'hello']], { channel: 'phone' }));
    expect(phone.action === 'escalate' && phone.packet?.skills).toEqual(['voice']);
  });

  it('explains each rule with the values it saw', () => {
    const d = run(say('hello'), { attributes: { order: { value: 1500 } }, explain: true });
    const step = d.trace!.find((s) => s.step === 'rule:big-order')!;
    expect(step.result).toBe('matched');
    expect(step.detail).toEqual([
      expect.objectContaining({ field: 'order.value', seen: 1500, result: true }),
    ]);
  });

  it('reports bad rules with their config paths', () => {
    try {
      createHandoffPolicy({
        rules: [
          { id: 'a', when: { field: 'x', op: 'equals' as never, value: 1 }, then: { action: 'offer' } },
          { id: 'a', when: { field: 'x', op: 'eq', value: 1 }, then: {} },
        ],
        lowConfidence: { threshold: 2 },
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      const paths = (e as TandemError).issues.map((i) => i.path);
      expect(paths).toContain('lowConfidence.threshold');
      expect(paths.some((path) => path.startsWith('rules[0].when'))).toBe(true);
    }
    expect(() =>
      createHandoffPolicy({ rules: [{ id: 'a', when: { field: 'x', op: 'eq', value: 1 }, then: {} }] }),
    ).toThrow(/rules\[0\]\.then: .*must set action/);
    expect(() =>
      createHandoffPolicy({
        rules: [
          { id: 'a', when: { field: 'x', op: 'eq', value: 1 }, then: { action: 'offer' } },
          { id: 'a', when: { field: 'x', op: 'eq', value: 1 }, then: { action: 'offer' } },
        ],
      }),
    ).toThrow(/rules\[1\]\.id: .*duplicate rule id "a"/);
  });
});

describe('no agent available: never a dead end', () => {
  // Mon–Fri 09:00–17:00 Warsaw; 2026-11-27 is a Friday, 15:30Z = 16:30 local.
  const calendar = createBusinessCalendar({
    timeZone: 'Europe/Warsaw',
    hours: {
      mon: [['09:00', '17:00']],
      tue: [['09:00', '17:00']],
      wed: [['09:00', '17:00']],
      thu: [['09:00', '17:00']],
      fri: [['09:00', '17:00']],
    },
  });
  const friday = new Date('2026-11-27T15:30:00Z');

  it('escalates to a ticket, asks for contact details, promises a response in business time', () => {
    const d = createHandoffPolicy({}, { calendar }).decide(say('I want to talk to a human'), {
      now: friday,
      agentsAvailable: false,
    });
    expect(d.action).toBe('escalate');
    expect(codes(d)).toEqual(['explicit_request', 'no_agents_available']);
    if (d.action !== 'escalate' || d.delivery.kind !== 'ticket') throw new Error('expected a ticket');
    expect(d.delivery.notice).toBe('no_agents_available');
    expect(d.delivery.collect).toEqual(['email']);
    expect(d.delivery.expectedResponseMs).toBe(4 * 3_600_000);
    // 30 min on Friday + 3 h 30 on Monday from 09:00 → Monday 12:30 Warsaw = 11:30Z.
    expect(d.delivery.expectedResponseBy.toISOString()).toBe('2026-11-30T11:30:00.000Z');
    expect(d.delivery.ticket).toMatchObject({
      customerId: 'u1',
      conversationId: 'c1',
      channel: 'chat',
      priority: 3,
      subject: 'I want to talk to a human',
      tags: ['handoff', 'explicit_request', 'no_agents_available'],
      createdAt: friday,
    });
  });

  it('uses elapsed time without a calendar, per-priority response times, and skips known contacts', () => {
    const p = createHandoffPolicy({
      noAgents: { collect: ['email', 'phone'], responseTimeByPriority: { 1: '30m' } },
    });
    const d = p.decide(say('My card was stolen, my email is ann@example.com'), {
      now: NOW,
      agentsAvailable: false,
    });
    if (d.action !== 'escalate' || d.delivery.kind !== 'ticket') throw new Error('expected a ticket');
    expect(d.delivery.expectedResponseBy.toISOString()).toBe(
      new Date(NOW.getTime() + 30 * 60_000).toISOString(),
    );
    expect(d.delivery.collect).toEqual(['phone']);
  });

  it('the calendar can be given per call', () => {
    const d = decide(say('human please'), { now: friday, agentsAvailable: false, calendar });
    expect(
      d.action === 'escalate' && d.delivery.kind === 'ticket' && d.delivery.expectedResponseBy.toISOString(),
    ).toBe('2026-11-30T11:30:00.000Z');
  });

  it('a handoff already waiting keeps the promise made at the first request', () => {
    const c = conversation([
      ['customer', 'I want to talk to a human'],
      ['bot', 'Nobody is free; we will answer by e-mail.', { handoff: 'escalate' }],
      ['customer', 'any news?'],
    ]);
    const d = createHandoffPolicy({}, { calendar }).decide(c, { now: friday, agentsAvailable: false });
    if (d.action !== 'escalate' || d.delivery.kind !== 'ticket') throw new Error('expected a ticket');
    // From the escalation at 10:01Z on Monday 23 November: + 4 business hours = 15:01 Warsaw.
    expect(d.delivery.expectedResponseBy.toISOString()).toBe('2026-11-23T14:01:00.000Z');
  });

  it('an offer without agents offers a ticket', () => {
    const d = decide(say('agent'), { agentsAvailable: false });
    expect(d.action).toBe('offer');
    expect(d.action === 'offer' && d.delivery.kind).toBe('ticket');
    expect(codes(d)).toEqual(['ambiguous_request', 'no_agents_available']);
  });
});

describe('an escalation under way', () => {
  const escalated = (lines: Line[]) =>
    conversation([
      ['customer', 'I want to talk to a human'],
      ['bot', 'Connecting you…', { handoff: 'escalate' }],
      ...lines,
    ]);

  it('keeps waitingSince from the first request (SLA clock not reset)', () => {
    const d = decide(escalated([['customer', 'hello? anyone?']]));
    expect(d.action).toBe('escalate');
    expect(codes(d)).toEqual(['already_escalated']);
    expect(d.action === 'escalate' && d.waitingSince.toISOString()).toBe(at(1).toISOString());
    expect(d.action === 'escalate' && d.packet?.waitingSince).toBe(at(1).toISOString());
    expect(d.event).toBeUndefined();
  });

  it('the customer can cancel before an agent answers', () => {
    const d = decide(escalated([['customer', 'never mind, I found it']]));
    expect(d.action).toBe('continue');
    expect(codes(d)).toEqual(['customer_cancelled']);
    expect(d.event?.type).toBe('handoff.returned');
    expect(decide(escalated([['customer', '算了，不用了']])).action).toBe('continue');
  });

  it('once an agent has joined, the conversation stays with people', () => {
    const d = decide(
      escalated([
        ['agent', 'Hi, Anna here.'],
        ['customer', 'never mind'],
      ]),
    );
    expect(d.action).toBe('escalate');
  });

  it('after handoff.returned the bot decides again', () => {
    const c = escalated([
      ['agent', 'Done, refunded.'],
      ['customer', 'thanks, where is my parcel?'],
    ]);
    c.events = [{ type: 'handoff.returned', at: at(3) }];
    expect(decide(c).action).toBe('continue');
  });
});

describe('bad input: defined results', () => {
  it('no messages → continue (no_customer_message)', () => {
    const d = decide(conversation([]));
    expect(d).toEqual({
      action: 'continue',
      reasons: [{ code: 'no_customer_message', detail: expect.any(String) }],
      score: 0,
    });
  });

  it('only bot messages, or the bot spoke last → continue', () => {
    expect(codes(decide(conversation([['bot', 'Hi! How can I help?']])))).toEqual(['no_customer_message']);
    expect(
      codes(
        decide(
          conversation([
            ['customer', 'human please'],
            ['bot', 'One moment'],
          ]),
        ),
      ),
    ).toEqual(['awaiting_customer']);
  });

  it('messages out of order are sorted by time; the latest customer turn decides', () => {
    const c: ConversationInput = {
      id: 'c1',
      customerId: 'u1',
      channel: 'chat',
      messages: [
        { id: 'm3', author: 'customer', text: 'I want to talk to a human', at: at(2) },
        { id: 'm1', author: 'customer', text: 'hi', at: at(0) },
        { id: 'm2', author: 'bot', text: 'Hello!', at: at(1) },
      ],
    };
    const d = decide(c);
    expect(d.action).toBe('escalate');
    expect(codes(d)).toEqual(['explicit_request', 'messages_reordered']);
    expect(d.action === 'escalate' && d.packet?.transcript.map((m) => m.id)).toEqual(['m1', 'm2', 'm3']);
    // The same messages in order: the bot spoke after the request? No — m3 is last by time either way.
    const reversed = { ...c, messages: [c.messages[2]!, c.messages[0]!] };
    expect(decide(reversed).action).toBe('escalate');
  });

  it('an unsupported language: all phrase sets are used and the reason says so', () => {
    const d = decide(conversation([['customer', 'nataka kuongea na mtu']], { language: 'sw' }));
    expect(d.action).toBe('continue');
    expect(codes(d)).toEqual(['unsupported_language']);
    const en = decide(conversation([['customer', 'talk to a human please']], { language: 'sw' }));
    expect(en.action).toBe('escalate');
    expect(en.action === 'escalate' && en.packet?.language).toEqual({
      code: 'sw',
      confidence: 1,
      source: 'conversation',
    });
  });

  it('missing or invalid `now` / `agentsAvailable` are INVALID_INPUT errors', () => {
    expect(() => policy.decide(say('hi'), { now: new Date('nope'), agentsAvailable: true })).toThrow(
      /now: decide needs/,
    );
    expect(() => policy.decide(say('hi'), { now: NOW } as never)).toThrow(/agentsAvailable: /);
  });

  it('an invalid conversation throws INVALID_INPUT with paths', () => {
    try {
      decide({
        id: '',
        customerId: 'u1',
        channel: 'fax' as never,
        language: 'english!!',
        messages: [{ id: 'm1', author: 'robot' as never, text: 'x', at: 'yesterday' }],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).code).toBe('INVALID_INPUT');
      expect((e as TandemError).issues.map((i) => i.path)).toEqual([
        'id',
        'channel',
        'language',
        'messages[0].author',
        'messages[0].at',
      ]);
    }
  });
});

describe('message validation cache', () => {
  it('a policy that has seen the messages decides exactly like a fresh one', () => {
    const c = conversation([
      ['customer', 'where is my refund'],
      ['bot', 'Refunds take 5 days.'],
      ['customer', 'agent'],
    ]);
    const warm = createHandoffPolicy();
    warm.decide(c, { now: NOW, agentsAvailable: true });
    expect(warm.decide(c, { now: NOW, agentsAvailable: true })).toEqual(
      createHandoffPolicy().decide(c, { now: NOW, agentsAvailable: true }),
    );
  });

  it('invalid messages are never cached: every call rejects them', () => {
    const bad = { id: 'm1', author: 'customer', text: 'hi', at: 'not a date' } as unknown as MessageInput;
    const c: ConversationInput = { id: 'c1', customerId: 'u1', channel: 'chat', messages: [bad] };
    expect(() => decide(c)).toThrow(/messages\[0\]\.at/);
    expect(() => decide(c)).toThrow(/messages\[0\]\.at/);
  });
});

describe('explain', () => {
  it('adds a trace only when asked', () => {
    expect(decide(say('agent')).trace).toBeUndefined();
    const d = decide(say('agent'), { explain: true });
    expect(d.trace!.map((s) => s.step)).toEqual([
      'state',
      'explicit_request',
      'sensitive_topic',
      'frustration',
      'resolve',
    ]);
    expect(d.trace![1]).toMatchObject({ step: 'explicit_request', result: 'ambiguous' });
  });
});

describe('properties', () => {
  const author = fc.constantFrom('customer', 'bot', 'agent', 'system') as fc.Arbitrary<
    MessageInput['author']
  >;
  const message = fc.record({
    author,
    text: fc.string({ maxLength: 60 }),
    minute: fc.integer({ min: 0, max: 500 }),
  });

  it('any conversation gets a valid decision: known action, score in 0..1, serialisable packet', () => {
    fc.assert(
      fc.property(
        fc.array(message, { maxLength: 12 }),
        fc.boolean(),
        fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
        (messages, agentsAvailable, confidence) => {
          const c: ConversationInput = {
            id: 'c1',
            customerId: 'u1',
            channel: 'chat',
            messages: messages.map((m, i) => ({
              id: `m${i}`,
              author: m.author,
              text: m.text,
              at: at(m.minute),
            })),
          };
          const d = decide(c, { agentsAvailable, ...(confidence === null ? {} : { confidence }) });
          expect(['continue', 'clarify', 'offer', 'escalate']).toContain(d.action);
          expect(d.score).toBeGreaterThanOrEqual(0);
          expect(d.score).toBeLessThanOrEqual(1);
          for (const r of d.reasons) expect(typeof r.detail).toBe('string');
          if (d.action === 'escalate' && d.packet) {
            expect(HandoffPacketSchema.safeParse(JSON.parse(JSON.stringify(d.packet))).success).toBe(true);
            expect(d.waitingSince.getTime()).toBeLessThanOrEqual(NOW.getTime());
          }
          if (d.action === 'offer' || d.action === 'escalate')
            expect(d.delivery.kind).toBe(agentsAvailable ? 'live' : 'ticket');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('an explicit request always escalates, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(author, fc.string({ maxLength: 30 })), { maxLength: 8 }), (before) => {
        const lines: Line[] = [
          ...before.map(([a, t]) => [a, t] as Line),
          ['customer', 'I want to talk to a human'],
        ];
        expect(decide(conversation(lines)).action).toBe('escalate');
      }),
      { numRuns: 100 },
    );
  });
});
