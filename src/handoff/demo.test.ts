// The docs/handoff.md demo: continue → clarify → offer → escalate, with the packet.
import { describe, expect, it } from 'vitest';
import type { ConversationInput, MessageInput } from '../model/schemas';
import { createHandoffPolicy } from './createHandoffPolicy';

const at = (s: number) => new Date(Date.UTC(2026, 10, 23, 14, 0, s));
const policy = createHandoffPolicy();
const messages: MessageInput[] = [];
const conversation = (): ConversationInput => ({
  id: 'c-1042',
  customerId: 'u-77',
  channel: 'chat',
  messages: [...messages],
});

function runDemo() {
  const steps: Array<{
    said: string;
    confidence: number | undefined;
    decision: ReturnType<typeof policy.decide>;
  }> = [];
  const turn = (text: string, confidence: number | undefined, bot: MessageInput | null) => {
    messages.push({ id: `m${messages.length + 1}`, author: 'customer', text, at: at(messages.length * 20) });
    const decision = policy.decide(conversation(), {
      now: at(messages.length * 20 - 10),
      agentsAvailable: true,
      ...(confidence === undefined ? {} : { confidence }),
    });
    steps.push({ said: text, confidence, decision });
    if (bot) messages.push({ ...bot, id: `m${messages.length + 1}`, at: at(messages.length * 20) });
  };
  turn("Hi, my package hasn't arrived", 0.82, {
    id: '',
    author: 'bot',
    text: 'Sorry about that! Parcels usually arrive within 3 working days. What is your order number?',
    at: at(0),
    meta: { articleId: 'delivery-times', articleTitle: 'Delivery times' },
  });
  turn("it's 48213, tracking shows nothing since friday", 0.18, {
    id: '',
    author: 'bot',
    text: "Sorry, I didn't quite get that. Could you say it another way?",
    at: at(0),
    meta: { handoff: 'clarify' },
  });
  turn('the tracking for order 48213 has not changed for 4 days', 0.22, {
    id: '',
    author: 'bot',
    text: "I can't sort this out myself. Would you like me to connect you with a colleague?",
    at: at(0),
    meta: { handoff: 'offer' },
  });
  turn('yes please', undefined, null);
  return steps;
}

describe('docs demo', () => {
  it('goes continue → clarify → offer → escalate, with a packet', () => {
    const steps = runDemo();
    expect(steps.map((s) => s.decision.action)).toEqual(['continue', 'clarify', 'offer', 'escalate']);
    const last = steps[3]!.decision;
    if (last.action !== 'escalate') throw new Error('expected escalate');
    expect(last.reasons.map((r) => r.code)).toEqual(['offer_accepted']);
    expect(last.packet?.entities.orderIds).toEqual(['48213']);
    expect(last.packet?.summary.goal).toBe("Hi, my package hasn't arrived");
    expect(last.packet?.articlesShown.map((a) => a.id)).toEqual(['delivery-times']);
  });
});
