// biome-ignore-all lint/suspicious/noThenProperty: `then` is the routing rule shape (rules[].then), not a thenable.
import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeStore } from '../knowledge/createMemoryKnowledgeStore';
import type { ConversationInput, MessageInput } from '../model/schemas';
import { compileRouter } from '../routing/compileRouter';
import { buildHandoffPacket } from './buildHandoffPacket';
import { createHandoffPolicy } from './createHandoffPolicy';
import { HandoffPacketSchema } from './schemas';

const T0 = Date.UTC(2026, 10, 23, 10, 0, 0);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

// A realistic 12-message chat: greeting, goal, an article that did not help, a clarification,
// a second article, frustration, an offer, acceptance, the bot connecting.
const messages: MessageInput[] = [
  { id: 'm1', author: 'customer', text: 'Hi', at: at(0) },
  { id: 'm2', author: 'bot', text: 'Hi! How can I help you today?', at: at(5) },
  {
    id: 'm3',
    author: 'customer',
    text: 'My order A-20931 arrived damaged and I want a refund of €89.99',
    at: at(30),
  },
  {
    id: 'm4',
    author: 'bot',
    text: "I'm sorry to hear that. This article explains how to return a damaged item.",
    at: at(35),
    meta: { articleId: 'damaged-items', articleTitle: 'Returning a damaged item' },
  },
  {
    id: 'm5',
    author: 'customer',
    text: "I read it, it doesn't help. The return form gives an error.",
    at: at(90),
    meta: { feedback: { articleId: 'damaged-items', helpful: false } },
  },
  {
    id: 'm6',
    author: 'bot',
    text: 'Could you tell me which error you see?',
    at: at(95),
    meta: { handoff: 'clarify' },
  },
  {
    id: 'm7',
    author: 'customer',
    text: "It says 'order not eligible'. My email is Maria@example.com",
    at: at(130),
  },
  {
    id: 'm8',
    author: 'bot',
    text: 'Orders are eligible for 30 days after delivery. You can check the date under My orders.',
    at: at(135),
    meta: { articles: [{ id: 'return-window', title: 'Return window' }] },
  },
  {
    id: 'm9',
    author: 'customer',
    text: 'It was delivered 3 days ago! I already told you, this is useless. Call me on +48 601 234 567',
    at: at(180),
  },
  {
    id: 'm10',
    author: 'bot',
    text: 'Would you like me to connect you with a colleague?',
    at: at(185),
    meta: { handoff: 'offer' },
  },
  { id: 'm11', author: 'customer', text: 'Yes please', at: at(200) },
  {
    id: 'm12',
    author: 'bot',
    text: 'Connecting you with a colleague now.',
    at: at(202),
    meta: { handoff: 'escalate' },
  },
];
const conversation: ConversationInput = {
  id: 'c-881',
  customerId: 'u42',
  channel: 'chat',
  slots: { orderId: 'A-20931', reason: 'damaged' },
  messages,
};

const router = compileRouter({
  rules: [
    {
      id: 'refunds',
      when: { field: 'text', op: 'contains', value: 'refund' },
      then: { queue: 'billing', skills: ['refunds'] },
    },
  ],
  fallback: { queue: 'general' },
});

async function knowledge() {
  const store = createMemoryKnowledgeStore({ now: () => at(0) });
  await store.remember(
    'u42',
    { key: 'plan', value: 'premium', source: 'crm', consent: true },
    { now: at(-3600) },
  );
  await store.remember(
    'u42',
    { key: 'preferredContact', value: 'phone', source: 'conversation:c-700', consent: true },
    { now: at(-3600) },
  );
  return store;
}

describe('buildHandoffPacket on a realistic 12-message conversation', () => {
  it('carries everything the agent needs', async () => {
    const policy = createHandoffPolicy();
    const decision = policy.decide(
      { ...conversation, messages: messages.slice(0, 11) },
      { now: at(201), agentsAvailable: true },
    );
    expect(decision.action).toBe('escalate');
    expect(decision.reasons.map((r) => r.code)).toContain('offer_accepted');

    const store = await knowledge();
    const packet = await buildHandoffPacket(conversation, {
      now: at(205),
      decision,
      knowledge: { store, viewer: { role: 'agent', id: 'anna' } },
      router,
    });

    // Plain JSON, valid against the exported schema.
    expect(HandoffPacketSchema.parse(JSON.parse(JSON.stringify(packet)))).toEqual(packet);

    expect(packet.version).toBe(1);
    expect([packet.conversationId, packet.customerId, packet.channel]).toEqual(['c-881', 'u42', 'chat']);
    expect(packet.createdAt).toBe(at(205).toISOString());
    // The SLA clock starts at the acceptance (m11), not at the later "connecting" message.
    expect(packet.waitingSince).toBe(at(200).toISOString());

    expect(packet.transcript).toHaveLength(12);
    expect(packet.transcript[2]).toEqual({
      id: 'm3',
      author: 'customer',
      text: 'My order A-20931 arrived damaged and I want a refund of €89.99',
      at: at(30).toISOString(),
    });

    expect(packet.summary.goal).toBe('My order A-20931 arrived damaged and I want a refund of €89.99');
    expect(packet.summary.tried).toEqual([
      'showed article "Returning a damaged item" (damaged-items): not helpful',
      'showed article "Return window" (return-window): no feedback',
      'asked the customer to rephrase (1×)',
    ]);
    expect(packet.summary.text).toContain('Handoff because: ');
    expect(packet.summary.text).toContain('offer_accepted');

    expect(packet.slots).toEqual({ orderId: 'A-20931', reason: 'damaged' });
    expect(packet.entities).toEqual({
      orderIds: ['A-20931'],
      emails: ['maria@example.com'],
      phones: ['+48 601 234 567'],
      amounts: [{ value: 89.99, currency: 'EUR', text: '€89.99' }],
    });

    expect(packet.profile).toEqual({
      viewerRole: 'agent',
      facts: [
        expect.objectContaining({ key: 'plan', value: 'premium', source: 'crm' }),
        expect.objectContaining({ key: 'preferredContact', value: 'phone' }),
      ],
    });

    expect(packet.articlesShown).toEqual([
      {
        id: 'damaged-items',
        title: 'Returning a damaged item',
        shownAt: at(35).toISOString(),
        helpful: false,
      },
      { id: 'return-window', title: 'Return window', shownAt: at(135).toISOString(), helpful: null },
    ]);

    expect(packet.language.code).toBe('en');
    expect(packet.sentiment?.label).toBe('negative');
    expect(packet.frustration!.score).toBeGreaterThan(0.5);
    expect(packet.frustration!.signals.map((s) => s.kind)).toEqual(
      expect.arrayContaining(['already_told', 'useless_bot']),
    );

    expect(packet.priority).toBe(3);
    expect(packet.queue).toBe('billing');
    expect(packet.skills).toEqual(['refunds']);
    expect(packet.reasons.map((r) => r.code)).toEqual(decision.reasons.map((r) => r.code));
  });

  it('respects the viewer: no profile for a viewer who may not recall it', async () => {
    const store = await knowledge();
    const packet = await buildHandoffPacket(conversation, {
      now: at(205),
      knowledge: { store, viewer: { role: 'anonymous' } },
    });
    expect(packet.profile).toBeNull();
    const own = await buildHandoffPacket(conversation, {
      now: at(205),
      knowledge: { store, viewer: { role: 'customer', id: 'u42' }, keys: ['plan'] },
    });
    expect(own.profile?.facts.map((f) => f.key)).toEqual(['plan']);
  });

  it('without a decision: waitingSince from the escalation marker, detectors switchable off', async () => {
    const packet = await buildHandoffPacket(conversation, {
      now: at(205),
      analyzeSentiment: null,
      detectFrustration: null,
      detectLanguage: null,
    });
    expect(packet.waitingSince).toBe(at(202).toISOString());
    expect([packet.sentiment, packet.frustration, packet.language]).toEqual([
      null,
      null,
      { code: 'und', confidence: 0, source: 'none' },
    ]);
    expect(packet.queue).toBeNull();
    expect(packet.reasons).toEqual([]);
  });

  it('reads what a bot message did from handoff events recorded with it', async () => {
    const packet = await buildHandoffPacket(
      {
        id: 'c',
        customerId: 'u',
        channel: 'chat',
        messages: [
          { id: 'm1', author: 'customer', text: 'my card has not arrived', at: at(0) },
          { id: 'm2', author: 'bot', text: 'Could you say that another way?', at: at(5) },
          { id: 'm3', author: 'customer', text: 'the card, it is late', at: at(20) },
        ],
        events: [{ type: 'handoff.clarified', at: at(5) }],
      },
      { now: at(30) },
    );
    expect(packet.summary.tried).toEqual(['asked the customer to rephrase (1×)']);
  });

  it('a host event named like an Object.prototype member (toString, constructor) is not a handoff action', async () => {
    const packet = await buildHandoffPacket(
      {
        id: 'c',
        customerId: 'u',
        channel: 'chat',
        messages: [
          { id: 'm1', author: 'customer', text: 'my card has not arrived', at: at(0) },
          { id: 'm2', author: 'bot', text: 'Cards arrive within 5 working days.', at: at(5) },
          { id: 'm3', author: 'bot', text: 'You can track it in the app.', at: at(6) },
        ],
        events: [
          { type: 'toString', at: at(5) },
          { type: 'constructor', at: at(6) },
        ],
      },
      { now: at(30) },
    );
    expect(packet.summary.tried).toEqual([
      'answered: Cards arrive within 5 working days.',
      'answered: You can track it in the app.',
    ]);
  });

  it('uses the language of a matched phrase when detection is unsure', async () => {
    const packet = await buildHandoffPacket(
      {
        id: 'c',
        customerId: 'u',
        channel: 'chat',
        messages: [{ id: 'm', author: 'customer', text: '转人工', at: at(0) }],
      },
      { now: at(1), detectLanguage: () => ({ language: 'und', confidence: 0 }) },
    );
    expect(packet.language).toEqual({ code: 'zh', confidence: 0.5, source: 'phrase' });
  });

  it('an earlier waitingSince wins (SLA clock never reset)', async () => {
    const packet = await buildHandoffPacket(conversation, { now: at(205), waitingSince: at(-600) });
    expect(packet.waitingSince).toBe(at(-600).toISOString());
  });

  it('a conversation without messages still gives a valid packet', async () => {
    const packet = await buildHandoffPacket(
      { id: 'c', customerId: 'u', channel: 'email', messages: [] },
      { now: at(0) },
    );
    expect(HandoffPacketSchema.safeParse(packet).success).toBe(true);
    expect(packet.summary.goal).toBe('');
    expect(packet.waitingSince).toBe(at(0).toISOString());
  });

  it.each([
    [
      'zamówienie nr 774411 kosztowało 120 zł',
      { orderIds: ['774411'], amounts: [{ value: 120, currency: 'PLN', text: '120 zł' }] },
    ],
    [
      '订单号 20261123 退款 45元',
      { orderIds: ['20261123'], amounts: [{ value: 45, currency: 'CNY', text: '45元' }] },
    ],
    [
      'pedido 55123, pagué 30,50 €',
      { orderIds: ['55123'], amounts: [{ value: 30.5, currency: 'EUR', text: '30,50 €' }] },
    ],
    [
      'Bestellung #99120 über $12',
      { orderIds: ['99120'], amounts: [{ value: 12, currency: 'USD', text: '$12' }] },
    ],
  ])('extracts entities: %s', async (text, expected) => {
    const packet = await buildHandoffPacket(
      {
        id: 'c',
        customerId: 'u',
        channel: 'chat',
        messages: [{ id: 'm', author: 'customer', text, at: at(0) }],
      },
      { now: at(1) },
    );
    expect(packet.entities).toMatchObject(expected);
  });
});
