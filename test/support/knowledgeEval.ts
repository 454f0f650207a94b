/**
 * Knowledge-search quality on the development data, shared by bench/knowledge.ts and the quality
 * floors in src/knowledge/searchQuality.eval.test.ts, so both report the same figures.
 *
 * banking77 (PolyAI, CC BY 4.0): one FAQ entry per intent whose `questions` are 80 % of its
 * training utterances (seeded shuffle, seed 77); the other 20 % are the queries. CLINC150
 * (Larson et al. 2019, CC BY 3.0): one entry per intent from `train`; `val` are in-scope queries,
 * `oos_val` out-of-scope ones.
 */
import { mulberry32 } from '../../src/_internal/random';
import { createMemoryKnowledgeStore, type KnowledgeStore } from '../../src/knowledge/index';
import { auroc, readBanking77, readClinc150 } from './evalData';

/** One FAQ entry built from an intent. */
export interface Faq {
  id: string;
  title: string;
  questions: string[];
  body: string;
}

/** Fisher–Yates shuffle in place with the given random source. */
export function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

function groupByLabel(pairs: readonly (readonly [string, string])[]): Map<string, string[]> {
  const by = new Map<string, string[]>();
  for (const [text, label] of pairs) {
    const list = by.get(label) ?? [];
    list.push(text);
    by.set(label, list);
  }
  return new Map([...by].sort(([a], [b]) => (a < b ? -1 : 1)));
}

const title = (label: string) => label.replace(/_/g, ' ');

/** banking77 as a knowledge base (80 % of each intent) and held-out queries (20 %), seed 77. */
export function banking77Faqs(): { faqs: Faq[]; queries: { text: string; id: string }[] } {
  const random = mulberry32(77);
  const faqs: Faq[] = [];
  const queries: { text: string; id: string }[] = [];
  for (const [label, texts] of groupByLabel(readBanking77())) {
    const shuffled = shuffle([...texts], random);
    const cut = Math.round(shuffled.length * 0.8);
    faqs.push({ id: label, title: title(label), questions: shuffled.slice(0, cut), body: '' });
    for (const text of shuffled.slice(cut)) queries.push({ text, id: label });
  }
  return { faqs, queries };
}

/** CLINC150: a knowledge base from `train`, in-scope queries `val`, out-of-scope `oos_val`. */
export function clinc150Faqs(): { faqs: Faq[]; val: { text: string; id: string }[]; oos: string[] } {
  const data = readClinc150();
  return {
    faqs: [...groupByLabel(data.train)].map(([label, questions]) => ({
      id: label,
      title: title(label),
      questions,
      body: '',
    })),
    val: data.val.map(([text, id]) => ({ text, id })),
    oos: data.oos_val.map(([text]) => text),
  };
}

/** A memory knowledge store holding the FAQ entries as published public articles. */
export async function storeOf(faqs: readonly Faq[]): Promise<KnowledgeStore> {
  const kb = createMemoryKnowledgeStore({ now: () => new Date('2026-11-23T10:00:00Z') });
  for (const f of faqs) await kb.upsertArticle({ ...f, status: 'published', audience: 'public' });
  return kb;
}

/** Headline quality of the memory store: banking77 top-1/top-5, CLINC150 top-1 and AUROC. */
export async function tandemSearchQuality() {
  const bank = banking77Faqs();
  const clinc = clinc150Faqs();
  const kb = await storeOf(bank.faqs);
  let top1 = 0;
  let top5 = 0;
  for (const q of bank.queries) {
    const ids = (await kb.search(q.text, { limit: 5 })).hits.map((h) => h.article.id);
    if (ids[0] === q.id) top1++;
    if (ids.includes(q.id)) top5++;
  }
  const ckb = await storeOf(clinc.faqs);
  let clincTop1 = 0;
  const inScope: number[] = [];
  for (const q of clinc.val) {
    const r = await ckb.search(q.text, { limit: 5 });
    if (r.hits[0]?.article.id === q.id) clincTop1++;
    inScope.push(r.confidence);
  }
  const outOfScope: number[] = [];
  for (const text of clinc.oos) outOfScope.push((await ckb.search(text, { limit: 5 })).confidence);
  return {
    banking77Top1: top1 / bank.queries.length,
    banking77Top5: top5 / bank.queries.length,
    clincTop1: clincTop1 / clinc.val.length,
    clincAuroc: auroc(inScope, outOfScope),
    inScope,
    outOfScope,
  };
}
