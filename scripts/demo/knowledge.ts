import { formatTable as table } from '../../src/cli/io';
import { articles, sampleKnowledgeBase } from './data';

/** Answers FAQs from the sample knowledge base and shows an internal article being refused. */
export async function knowledgeSection(): Promise<string> {
  const kb = await sampleKnowledgeBase();
  const queries = [
    'where is my new card',
    'I forgot my pasword',
    'gdzie jest mój zwrot pieniędzy',
    '卡还没收到',
    'wann seid ihr erreichbar',
    'can I pay with bitcoin on mars',
  ];
  const rows = [];
  for (const q of queries) {
    const { hits, confidence } = await kb.search(q, { limit: 3 });
    rows.push([
      q,
      hits[0]?.article.title ?? '—',
      confidence.toFixed(2),
      confidence >= 0.5 ? 'answer' : 'clarify / hand off',
    ]);
  }
  const publicView = await kb.search('how do I handle a stolen card case', { limit: 3 });
  const agentView = await kb.search('how do I handle a stolen card case', {
    limit: 3,
    viewer: { role: 'agent', id: 'A01' },
  });
  return [
    `${articles.length} articles (5 FAQs × 6 languages + 1 internal playbook) in the in-memory store (BM25 + fuzzy):`,
    '',
    table(['customer asks', 'best article', 'confidence', 'bot should'], rows),
    '',
    'Access control is enforced by the store: "how do I handle a stolen card case"',
    `  public viewer sees: ${publicView.hits.map((h) => h.article.id).join(', ') || 'nothing'} (the internal playbook is refused)`,
    `  agent viewer sees:  ${agentView.hits.map((h) => h.article.id).join(', ')}`,
  ].join('\n');
}
