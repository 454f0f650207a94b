import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeStore } from '../knowledge/createMemoryKnowledgeStore';
import { TandemError } from '../model/errors';
import type { ConversationInput, MessageInput } from '../model/schemas';
import { handBack } from './handBack';
import { learnFromResolution } from './learnFromResolution';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));
type Line = [MessageInput['author'], string, Record<string, unknown>?, string?];
const conversation = (lines: Line[], extra: Partial<ConversationInput> = {}): ConversationInput => ({
  id: 'c1',
  customerId: 'u1',
  channel: 'chat',
  messages: lines.map(([author, text, meta, authorId], i) => ({
    id: `m${i + 1}`,
    author,
    text,
    at: at(i),
    ...(meta ? { meta } : {}),
    ...(authorId ? { authorId } : {}),
  })),
  ...extra,
});

describe('handBack', () => {
  it('summarises what the agent did since the escalation and emits handoff.returned', () => {
    const back = handBack(
      conversation([
        ['customer', 'I was charged twice'],
        ['agent', 'Earlier agent note from a previous handoff.', undefined, 'old'],
        ['bot', 'Connecting you to a colleague.', { handoff: 'escalate' }],
        ['agent', 'Hi, I am Piotr. I can see the double charge.', undefined, 'piotr'],
        [
          'agent',
          'I have refunded the second charge of 49 PLN. It will show in 3 days!',
          { resolved: true },
          'piotr',
        ],
      ]),
      { now: at(30) },
    );
    expect(back.action).toBe('continue');
    expect(back.reasons).toEqual([{ code: 'handed_back', detail: 'piotr handed the conversation back' }]);
    expect(back.summary).toEqual({
      agentIds: ['piotr'],
      agentMessages: 2,
      actions: ['Hi, I am Piotr.', 'I have refunded the second charge of 49 PLN.'],
      resolved: true,
      text: 'Agent piotr resolved the request: Hi, I am Piotr. / I have refunded the second charge of 49 PLN.',
    });
    expect(back.event).toEqual({
      type: 'handoff.returned',
      payload: { at: at(30), conversationId: 'c1', reasons: ['handed_back'] },
    });
  });

  it('a customer who cancels before an agent answered', () => {
    const back = handBack(
      conversation([
        ['customer', 'human please'],
        ['bot', 'Connecting…', { handoff: 'escalate' }],
        ['customer', 'never mind'],
      ]),
    );
    expect(back.reasons[0]!.code).toBe('customer_cancelled');
    expect(back.summary.agentMessages).toBe(0);
    // Default time: the latest message.
    expect(back.event.payload.at).toEqual(at(2));
  });

  it('rejects an invalid conversation', () => {
    expect(() => handBack({ id: 'c1' } as never)).toThrow(TandemError);
  });
});

describe('learnFromResolution', () => {
  const resolved = (lines: Line[], extra: Partial<ConversationInput> = {}) =>
    conversation(lines, { status: 'resolved', ...extra });
  const answer =
    'Yes. Open My trips, choose the booking and use Edit passenger; it is free up to 24 hours before departure. Write to anna.k@example.com if stuck.';

  it('proposes a pending suggestion from what the agent answered, with personal data redacted', async () => {
    const kb = createMemoryKnowledgeStore({ now: () => at(0) });
    const r = await learnFromResolution(
      resolved([
        ['customer', 'hello'],
        ['customer', 'Can I change the passenger name on booking 4471123?'],
        ['bot', 'Sorry, I did not understand.', { fallback: true }],
        ['bot', 'Connecting you.', { handoff: 'escalate' }],
        ['agent', 'Hi!', undefined, 'anna'],
        ['agent', answer, undefined, 'anna'],
      ]),
      kb,
    );
    expect(r.kind).toBe('suggested');
    if (r.kind !== 'suggested') return;
    expect(r.suggestion).toMatchObject({
      question: 'Can I change the passenger name on booking [number]?',
      answer: expect.stringContaining('Write to [email] if stuck.'),
      conversationId: 'c1',
      actor: 'anna',
      tags: ['learned', 'handoff'],
    });
    expect(await kb.listSuggestions()).toHaveLength(1);
    // The same question again is a duplicate, not a second suggestion.
    const again = await learnFromResolution(
      resolved([
        ['customer', 'Can I change the passenger name on booking 4471123?'],
        ['bot', '?', { fallback: true }],
        ['agent', answer, undefined, 'anna'],
      ]),
      kb,
    );
    expect(again.kind).toBe('duplicate');
  });

  it.each([
    [
      'not_resolved',
      conversation([
        ['customer', 'question here?'],
        ['bot', '?', { fallback: true }],
        ['agent', answer],
      ]),
    ],
    [
      'no_handoff',
      resolved([
        ['customer', 'question here?'],
        ['bot', 'Here is the answer.'],
      ]),
    ],
    [
      'no_agent_answer',
      resolved([
        ['customer', 'question here?'],
        ['bot', '?', { fallback: true }],
        ['agent', 'ok'],
      ]),
    ],
    [
      'no_handoff',
      resolved([
        ['customer', 'question here?'],
        ['bot', 'Answer.'],
        ['agent', answer],
      ]),
    ],
    [
      'sensitive',
      resolved([
        ['customer', 'My card was stolen, what now?'],
        ['bot', '?', { fallback: true }],
        ['agent', answer],
      ]),
    ],
    [
      'no_question',
      resolved([
        ['customer', 'hi'],
        ['bot', '?', { fallback: true }],
        ['agent', answer],
      ]),
    ],
  ] as const)('skips: %s', async (reason, c) => {
    const kb = createMemoryKnowledgeStore({ now: () => at(0) });
    const r = await learnFromResolution(c, kb);
    expect(r).toMatchObject({ kind: 'skipped', reason });
    expect(await kb.listSuggestions()).toEqual([]);
  });

  it('`resolved: true` overrides the status', async () => {
    const kb = createMemoryKnowledgeStore({ now: () => at(0) });
    const c = conversation([
      ['customer', 'question here?'],
      ['bot', '?', { fallback: true }],
      ['agent', answer],
    ]);
    expect((await learnFromResolution(c, kb, { resolved: true })).kind).toBe('suggested');
  });
});
