import { describe, expect, it } from 'vitest';
import { parseWithSchema, type TandemError } from './errors';
import { AgentSchema, ConversationSchema, LanguageSchema, TicketSchema } from './schemas';

describe('model schemas', () => {
  it('parses a minimal conversation and fills defaults', () => {
    const c = ConversationSchema.parse({
      id: 'c1',
      customerId: 'u1',
      channel: 'chat',
      messages: [{ id: 'm1', author: 'customer', text: 'hi', at: '2026-11-23T10:00:00Z' }],
    });
    expect(c.status).toBe('open');
    expect(c.tags).toEqual([]);
    expect(c.messages[0]!.at).toEqual(new Date('2026-11-23T10:00:00Z'));
  });

  it.each(['en', 'pl', 'zh-Hans', 'zh-Hant-TW', 'pt-BR', 'und', 'es-419'])('accepts language %s', (tag) => {
    expect(LanguageSchema.safeParse(tag).success).toBe(true);
  });

  it.each(['english', 'e', 'zh_Hans', ''])('rejects language %j', (tag) => {
    expect(LanguageSchema.safeParse(tag).success).toBe(false);
  });

  it('rejects an agent with negative capacity, naming the path', () => {
    expect(() =>
      parseWithSchema(
        AgentSchema,
        { id: 'a1', capacity: { chat: -1 } },
        { module: 'routing', what: 'agent' },
      ),
    ).toThrow(/capacity\.chat: .*capacity must not be negative/);
  });

  it('rejects priority outside 1-5 and an invalid date, listing both', () => {
    try {
      parseWithSchema(
        TicketSchema,
        { id: 't', customerId: 'u', channel: 'email', priority: 7, createdAt: 'yesterday' },
        { module: 'model', what: 'ticket' },
      );
      expect.unreachable();
    } catch (e) {
      expect((e as TandemError).issues.map((i) => i.path).sort()).toEqual(['createdAt', 'priority']);
    }
  });

  it('rejects an unknown channel', () => {
    expect(
      TicketSchema.safeParse({ id: 't', customerId: 'u', channel: 'pigeon', createdAt: 0 }).success,
    ).toBe(false);
  });
});
