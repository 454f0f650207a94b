import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createMemoryKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/index';

/** The bundled synthetic sample (examples/data), read once. */
const dir = join(import.meta.dirname, '../../examples/data');
const read = (name: string) => readFileSync(join(dir, name), 'utf8');

export interface SampleConversation {
  id: string;
  customerId: string;
  channel: 'chat' | 'email' | 'phone' | 'social' | 'whatsapp';
  language: string;
  createdAt: string;
  customer: {
    id: string;
    name: string;
    language: string;
    location: { country: string };
    timeZone: string;
    segment: string;
    vip: boolean;
  };
  messages: Array<{
    id: string;
    author: 'customer' | 'bot' | 'agent';
    authorId?: string;
    text: string;
    at: string;
  }>;
  tags: string[];
  priority: number;
  queue: string;
  events: Array<{ type: string; at: string; queue?: string }>;
  resolvedAt: string;
  firstResponseAt: string | null;
  firstHumanResponseAt?: string;
  handedOff: boolean;
  botInvolved: boolean;
  humanInvolved: boolean;
  handleTime: number;
  survey?: { kind: 'csat'; rating: number; respondedAt: string };
  meta: { synthetic: true; flow: string; intent: string };
}

export const conversations: SampleConversation[] = read('conversations.jsonl')
  .trim()
  .split('\n')
  .map((line) => JSON.parse(line) as SampleConversation);
export const agents = JSON.parse(read('agents.json')) as unknown[];
export const articles = JSON.parse(read('knowledge.json')) as unknown[];
export const calendarConfig = JSON.parse(read('calendar.json'));
export const baselinePolicy = JSON.parse(readFileSync(join(dir, '../policies/baseline.json'), 'utf8'));
export const stricterPolicy = JSON.parse(
  readFileSync(join(dir, '../policies/stricter-handoff.json'), 'utf8'),
);
export const ticketsCsvPath = join(dir, 'tickets.csv');

/** A fresh in-memory knowledge base holding the sample articles. */
export async function sampleKnowledgeBase(): Promise<KnowledgeStore> {
  const kb = createMemoryKnowledgeStore();
  for (const article of articles) await kb.upsertArticle(article as never);
  return kb;
}
