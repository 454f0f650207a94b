import fc from 'fast-check';
import { createEventBus } from 'tandem-cx/events';
import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { describe, expect, it } from 'vitest';
import { analyze, stemEnglish, stemPolish } from '../_internal/textAnalysis';
import { createMemoryKnowledgeStore } from './createMemoryKnowledgeStore';
import type { ArticleInput } from './schemas';

describeKnowledgeStore('memory', ({ now }) => createMemoryKnowledgeStore({ now }));

const T0 = new Date('2026-11-23T10:00:00Z');
const pub = (a: Omit<ArticleInput, 'status' | 'audience'> & Partial<ArticleInput>): ArticleInput => ({
  status: 'published',
  audience: 'public',
  ...a,
});

describe('text analysis', () => {
  it.each([
    ['arrive', 'arriving'],
    ['arrived', 'arrives'],
    ['cards', 'card'],
    ['charges', 'charged'],
    ['carries', 'carry'],
    ['stopping', 'stop'],
  ])('English stems meet: %s ~ %s', (a, b) => {
    expect(stemEnglish(a)).toBe(stemEnglish(b));
  });

  it.each([
    ['karta', 'karty'],
    ['karte', 'karty'],
    ['przelewu', 'przelewem'],
    ['platnosci', 'platnosc'],
  ])('Polish stems meet (diacritics folded): %s ~ %s', (a, b) => {
    expect(stemPolish(a).slice(0, 4)).toBe(stemPolish(b).slice(0, 4));
  });

  it('folds diacritics, drops stop words and makes Chinese bigrams', () => {
    expect(analyze('Żółta KARTĘ', 'pl', [])).toEqual(['zolt', 'kart']);
    expect(analyze('Where is my card?', 'en', [])).toEqual(['wher', 'card']);
    expect(analyze('忘记密码', 'en', [])).toEqual(['忘记', '记密', '密码']);
    expect(analyze('卡', 'en', [])).toEqual(['卡']);
  });
});

describe('createMemoryKnowledgeStore specifics', () => {
  const seed = async () => {
    const kb = createMemoryKnowledgeStore({ now: () => T0 });
    await kb.upsertArticle(
      pub({ id: 'password-reset', title: 'Reset your password', questions: ['I forgot my password'] }),
    );
    await kb.upsertArticle(pub({ id: 'refunds', title: 'Refunds', body: 'We refund within 14 days.' }));
    await kb.upsertArticle(
      pub({
        id: 'karta-pl',
        title: 'Zgubiłem kartę',
        locale: 'pl',
        questions: ['co zrobić, gdy zgubię kartę płatniczą'],
      }),
    );
    await kb.upsertArticle(
      pub({ id: 'mima-zh', title: '如何重置密码', locale: 'zh', questions: ['我忘记了登录密码'] }),
    );
    return kb;
  };

  it('finds Polish articles across inflections', async () => {
    const kb = await seed();
    expect((await kb.search('zgubiona karta', { locale: 'pl' })).hits[0]?.article.id).toBe('karta-pl');
    expect((await kb.search('zgubiłem moją kartę')).hits[0]?.article.id).toBe('karta-pl');
  });

  it('finds Chinese articles through character bigrams', async () => {
    const kb = await seed();
    const r = await kb.search('忘记密码怎么办');
    expect(r.hits[0]?.article.id).toBe('mima-zh');
    expect(r.hits[0]?.matched.field).toBe('question');
  });

  it('tolerates typos in the index and falls back to fuzzy titles', async () => {
    const kb = await seed();
    const typo = await kb.search('pasword resett');
    expect(typo.hits[0]?.article.id).toBe('password-reset');
    expect((await kb.search('Refnds')).hits[0]?.article.id).toBe('refunds');
    // "rfnds" shares no indexed word (too short for typo correction): fuse.js on titles.
    const fuzzy = await kb.search('rfnds');
    expect(fuzzy.hits[0]?.article.id).toBe('refunds');
    expect(fuzzy.hits[0]?.matched).toEqual({ field: 'title', text: 'Refunds', terms: [] });
    expect(fuzzy.confidence).toBeLessThanOrEqual(0.35);
  });

  it('is less confident when the answer was found through a typo correction', async () => {
    // Issue 16: "I forgot my pasword" was answered with confidence 1.00, like the correct spelling.
    const kb = await seed();
    const right = await kb.search('I forgot my password');
    const typo = await kb.search('I forgot my pasword');
    expect(typo.hits[0]?.article.id).toBe(right.hits[0]?.article.id);
    // A corrected word counts 0.7 of an exact one: at least a 10-point drop here.
    expect(typo.confidence).toBeLessThan(right.confidence - 0.1);
    expect(typo.confidence).toBeGreaterThan(0.5);
  });

  it('reports which field and terms matched', async () => {
    const kb = await seed();
    const r = await kb.search('forgot my password');
    expect(r.hits[0]?.matched).toEqual({
      field: 'question',
      text: 'I forgot my password',
      terms: ['forgot', 'password'],
    });
  });

  it('stamps changes with the injected clock and returns frozen articles', async () => {
    let now = T0;
    const kb = createMemoryKnowledgeStore({ now: () => now });
    await kb.upsertArticle(pub({ id: 'a', title: 'A' }));
    now = new Date('2026-11-24T10:00:00Z');
    const a = await kb.upsertArticle(pub({ id: 'a', title: 'A2' }));
    expect(a.createdAt.toISOString()).toBe(T0.toISOString());
    expect(a.updatedAt.toISOString()).toBe('2026-11-24T10:00:00.000Z');
    expect(Object.isFrozen(a) && Object.isFrozen(a.questions)).toBe(true);
  });

  it('emits knowledge.updated and knowledge.feedback on a bus', async () => {
    const bus = createEventBus();
    const seen: string[] = [];
    bus.on('knowledge.updated', (e) => seen.push(`${e.change}:${e.articleId}:${e.version}:${e.tenantId}`));
    bus.on('knowledge.feedback', (e) => seen.push(`feedback:${e.articleId}:${e.helpful}`));
    const kb = createMemoryKnowledgeStore({ now: () => T0, bus, tenantId: 'acme' });
    await kb.upsertArticle(pub({ id: 'a', title: 'A' }), { actor: 'ann' });
    await kb.upsertArticle(pub({ id: 'a', title: 'A2' }));
    await kb.recordFeedback('a', { helpful: false });
    await kb.removeArticle('a');
    expect(seen).toEqual(['created:a:1:acme', 'updated:a:2:acme', 'feedback:a:false', 'removed:a:2:acme']);
  });

  it('accepts the fact details as options (DESIGN form) and lists every missing field', async () => {
    const kb = createMemoryKnowledgeStore({ now: () => T0 });
    const r = await kb.remember(
      'u1',
      { key: 'language', value: 'pl' },
      { source: 'crm', consent: true, now: T0 },
    );
    expect(r).toMatchObject({
      kind: 'stored',
      fact: { key: 'language', value: 'pl', source: 'crm', confidence: 1 },
    });
    const error = await kb.remember('u1', { key: 'x', value: 1 }).catch((e: unknown) => e);
    expect((error as { issues: { path: string }[] }).issues.map((i) => i.path).sort()).toEqual([
      'fact.consent',
      'fact.source',
    ]);
  });

  it('rejects bad options with INVALID_CONFIG naming the path', () => {
    expect(() => createMemoryKnowledgeStore({ gapThreshold: 2 })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', path: 'gapThreshold' }),
    );
    expect(() => createMemoryKnowledgeStore({ now: 'today' as never })).toThrow(
      expect.objectContaining({ code: 'INVALID_CONFIG', path: 'now' }),
    );
  });

  it('rejects a bad limit and a bad search time', async () => {
    const kb = await seed();
    await expect(kb.search('card', { limit: 0 })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      path: 'limit',
    });
    await expect(kb.search('card', { now: 'yesterday' as never })).rejects.toMatchObject({ path: 'now' });
  });
});

describe('search invariants (property tests)', () => {
  const words = [
    'card',
    'fee',
    'refund',
    'password',
    'transfer',
    'account',
    'limit',
    'travel',
    'cash',
    'pin',
  ];
  const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 6 }).map((w) => w.join(' '));
  const article = fc.record({
    id: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
    title: text,
    questions: fc.array(text, { maxLength: 3 }),
    body: fc.oneof(fc.constant(''), text),
    audience: fc.constantFrom('public', 'internal', 'authenticated'),
    status: fc.constantFrom('published', 'draft'),
  });
  const op = fc.oneof(
    article.map((a) => ({ kind: 'upsert' as const, article: a })),
    fc.constantFrom('a', 'b', 'c').map((id) => ({ kind: 'remove' as const, id })),
  );

  it('incremental updates rank exactly like a store built from the final articles', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 25 }), text, async (ops, query) => {
        const live = createMemoryKnowledgeStore({ now: () => T0 });
        for (const o of ops) {
          if (o.kind === 'upsert') await live.upsertArticle(o.article as ArticleInput);
          else await live.removeArticle(o.id);
        }
        const fresh = createMemoryKnowledgeStore({ now: () => T0 });
        for (const a of await live.listArticles({ viewer: { role: 'editor' } })) {
          const { version: _v, createdAt: _c, updatedAt: _u, ...input } = a;
          await fresh.upsertArticle(input);
        }
        const viewer = { role: 'agent' } as const;
        const a = await live.search(query, { viewer, limit: 100 });
        const b = await fresh.search(query, { viewer, limit: 100 });
        const scores = (r: typeof a) =>
          Object.fromEntries(r.hits.map((h) => [h.article.id, h.score.toFixed(9)]));
        expect(scores(a)).toEqual(scores(b));
        expect(a.confidence).toBeCloseTo(b.confidence, 9);
      }),
      { numRuns: 60 },
    );
  });

  it('confidence stays in 0..1, hits are sorted, limited and visible to the viewer', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(article, { maxLength: 8 }),
        fc.oneof(text, fc.string({ maxLength: 40 })),
        fc.integer({ min: 1, max: 5 }),
        async (articles, query, limit) => {
          const kb = createMemoryKnowledgeStore({ now: () => T0 });
          for (const a of articles) await kb.upsertArticle(a as ArticleInput);
          const r = await kb.search(query, { limit });
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
          expect(r.hits.length).toBeLessThanOrEqual(limit);
          for (let i = 1; i < r.hits.length; i++)
            expect(r.hits[i]!.score).toBeLessThanOrEqual(r.hits[i - 1]!.score);
          for (const h of r.hits)
            expect(h.article.audience === 'public' && h.article.status === 'published').toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
