import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateSample, toTicketsCsv } from '../scripts/sample/generate';
import { ConversationSchema } from '../src/model/schemas';

const dir = join(__dirname, '../examples/data');

describe('bundled sample data (synthetic)', () => {
  const sample = generateSample();

  it('is exactly what the seeded generator writes', () => {
    const jsonl = `${sample.conversations.map((c) => JSON.stringify(c)).join('\n')}\n`;
    expect(readFileSync(join(dir, 'conversations.jsonl'), 'utf8') === jsonl).toBe(true);
    expect(readFileSync(join(dir, 'tickets.csv'), 'utf8')).toBe(toTicketsCsv(sample.conversations));
    expect(JSON.parse(readFileSync(join(dir, 'knowledge.json'), 'utf8'))).toEqual(sample.articles);
  });

  it('has what the issue asks for: ≥ 2000 conversations, several channels and languages, weeks of time', () => {
    const cs = sample.conversations as Array<{
      channel: string;
      language: string;
      createdAt: string;
      meta: { flow: string };
    }>;
    expect(cs.length).toBeGreaterThanOrEqual(2000);
    expect(new Set(cs.map((c) => c.channel))).toEqual(
      new Set(['chat', 'email', 'phone', 'social', 'whatsapp']),
    );
    expect(new Set(cs.map((c) => c.language))).toEqual(new Set(['en', 'pl', 'es', 'de', 'zh', 'fr']));
    const span = Date.parse(cs[cs.length - 1]!.createdAt) - Date.parse(cs[0]!.createdAt);
    expect(span).toBeGreaterThan(28 * 86_400_000);
    for (const flow of ['bot_resolved', 'sensitive', 'explicit_human', 'frustrated'])
      expect(cs.some((c) => c.meta.flow === flow)).toBe(true);
  });

  it('every conversation is a valid model Conversation with messages in time order', () => {
    for (const c of sample.conversations) {
      const parsed = ConversationSchema.parse(c);
      const times = parsed.messages.map((m) => m.at.getTime());
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    }
  });
});
