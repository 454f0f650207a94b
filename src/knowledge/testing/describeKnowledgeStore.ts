import { describe, expect, it } from 'vitest';
import type { KnowledgeStore } from '../knowledgeStore';
import type { ArticleInput } from '../schemas';

/** What the contract suite hands the factory: a fixed clock the store may use. */
export interface KnowledgeStoreFactoryContext {
  /** A fixed clock (2026-11-23T10:00:00Z); stores that take a clock should use it. */
  now: () => Date;
}

/** Creates a fresh, empty store for one test (a new instance, schema or key prefix). */
export type KnowledgeStoreFactory = (
  context: KnowledgeStoreFactoryContext,
) => KnowledgeStore | Promise<KnowledgeStore>;

const T0 = new Date('2026-11-23T10:00:00Z');
const HOUR = 3_600_000;
const at = (hours: number) => new Date(T0.getTime() + hours * HOUR);

const agent = { role: 'agent', id: 'agent-1' } as const;
const editor = { role: 'editor', id: 'ed-1' } as const;

const published = (a: Omit<ArticleInput, 'status' | 'audience'> & Partial<ArticleInput>): ArticleInput => ({
  status: 'published',
  audience: 'public',
  ...a,
});

const FAQ: ArticleInput[] = [
  published({
    id: 'card-arrival',
    title: 'When will my card arrive?',
    body: 'Cards arrive within 5 working days after you order them.',
    questions: ['I am still waiting on my card', 'my card has not come yet'],
    tags: ['cards'],
  }),
  published({
    id: 'fees',
    title: 'What fees do you charge?',
    body: 'There is no monthly fee. Foreign exchange costs 0.5 %.',
    questions: ['how much does the account cost', 'is there a monthly charge'],
    tags: ['pricing'],
  }),
  published({
    id: 'password-reset',
    title: 'How do I reset my password?',
    body: 'Open settings, choose security and press reset password.',
    questions: ['I forgot my password', 'cannot log in to the app'],
    tags: ['account'],
  }),
  published({
    id: 'transfer-abroad',
    title: 'Sending money abroad',
    body: 'International transfers arrive in one to three business days.',
    questions: ['how do I send money to another country', 'international wire transfer'],
    tags: ['payments'],
  }),
];

async function expectCode(promise: Promise<unknown>, code: string): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'TandemError', code });
}

/**
 * The contract every {@link KnowledgeStore} implementation must pass, as a vitest suite: CRUD,
 * versions and conflicts, editors and audit, access control (including through search and
 * content gaps), tenant isolation, customer memory (TTL, consent, erasure), feedback, stale
 * articles, suggestions, search sanity and bad input.
 *
 * Call it at the top level of a test file. Each test calls `factory` for a fresh store.
 *
 * @param name - the implementation's name, shown in the test report.
 * @param factory - returns a fresh, empty store (may be async); receives a fixed clock.
 *
 * @example
 * ```ts
 * import { createMemoryKnowledgeStore } from 'tandem-cx/knowledge';
 * import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
 * typeof describeKnowledgeStore; // => 'function'
 * // in a *.test.ts file: describeKnowledgeStore('memory', ({ now }) => createMemoryKnowledgeStore({ now }));
 * ```
 */
export function describeKnowledgeStore(name: string, factory: KnowledgeStoreFactory): void {
  const fresh = async (): Promise<KnowledgeStore> => factory({ now: () => new Date(T0) });
  const seeded = async (): Promise<KnowledgeStore> => {
    const kb = await fresh();
    for (const article of FAQ) await kb.upsertArticle(article);
    return kb;
  };

  describe(`KnowledgeStore contract: ${name}`, () => {
    describe('articles', () => {
      it('creates an article with defaults, version 1 and dates', async () => {
        const kb = await fresh();
        const a = await kb.upsertArticle({ id: 'x', title: 'Opening hours' });
        expect(a).toMatchObject({
          id: 'x',
          title: 'Opening hours',
          body: '',
          questions: [],
          tags: [],
          status: 'draft',
          audience: 'internal',
          locale: 'en',
          editors: [],
          version: 1,
        });
        expect(a.updatedAt).toBeInstanceOf(Date);
        expect(a.createdAt).toBeInstanceOf(Date);
        expect(await kb.getArticle('x', { viewer: editor })).toMatchObject({ id: 'x', version: 1 });
      });

      it('updates (version + 1, createdAt kept), lists by id and removes', async () => {
        const kb = await seeded();
        const before = await kb.getArticle('fees');
        const after = await kb.upsertArticle({ ...FAQ[1]!, body: 'No monthly fee at all.' });
        expect(after.version).toBe(2);
        expect(after.createdAt.getTime()).toBe(before!.createdAt.getTime());
        expect((await kb.getArticle('fees'))?.body).toBe('No monthly fee at all.');
        expect((await kb.listArticles()).map((a) => a.id)).toEqual([
          'card-arrival',
          'fees',
          'password-reset',
          'transfer-abroad',
        ]);
        expect(await kb.removeArticle('fees')).toBe(true);
        expect(await kb.getArticle('fees')).toBeUndefined();
        expect(await kb.removeArticle('fees')).toBe(false);
        expect((await kb.search('monthly fee')).hits.map((h) => h.article.id)).not.toContain('fees');
      });

      it('filters lists by status, locale and tags', async () => {
        const kb = await seeded();
        await kb.upsertArticle(
          published({ id: 'pl-1', title: 'Zastrzeżenie karty', locale: 'pl', tags: ['cards'] }),
        );
        await kb.upsertArticle({ id: 'draft-1', title: 'Draft', status: 'draft', audience: 'public' });
        expect((await kb.listArticles({ locale: 'pl' })).map((a) => a.id)).toEqual(['pl-1']);
        expect((await kb.listArticles({ tags: ['cards'] })).map((a) => a.id)).toEqual([
          'card-arrival',
          'pl-1',
        ]);
        expect((await kb.listArticles({ viewer: editor, status: 'draft' })).map((a) => a.id)).toEqual([
          'draft-1',
        ]);
      });
    });

    describe('versions, editors and audit', () => {
      it('rejects a stale expectedVersion with CONFLICT and keeps the stored article', async () => {
        const kb = await seeded();
        await kb.upsertArticle({ ...FAQ[0]!, body: 'v2' }, { expectedVersion: 1 });
        await expectCode(kb.upsertArticle({ ...FAQ[0]!, body: 'stale' }, { expectedVersion: 1 }), 'CONFLICT');
        await expectCode(kb.upsertArticle({ ...FAQ[0]!, body: 'new?' }, { expectedVersion: 0 }), 'CONFLICT');
        await expectCode(kb.removeArticle('card-arrival', { expectedVersion: 1 }), 'CONFLICT');
        const stored = await kb.getArticle('card-arrival');
        expect(stored).toMatchObject({ body: 'v2', version: 2 });
        expect(
          (await kb.upsertArticle({ id: 'brand-new', title: 'New' }, { expectedVersion: 0 })).version,
        ).toBe(1);
      });

      it('never loses an update when writers interleave (read, modify, write with retry)', async () => {
        const kb = await fresh();
        await kb.upsertArticle(published({ id: 'counter', title: 'Counter', questions: [] }));
        const writers = 8;
        const rounds = 3;
        let conflicts = 0;
        const writer = async (w: number) => {
          for (let r = 0; r < rounds; r++) {
            for (;;) {
              const current = (await kb.getArticle('counter'))!;
              await Promise.resolve();
              try {
                await kb.upsertArticle(
                  {
                    ...published({ id: 'counter', title: 'Counter' }),
                    questions: [...current.questions, `w${w}r${r}`],
                  },
                  { expectedVersion: current.version },
                );
                break;
              } catch (error) {
                expect(error).toMatchObject({ code: 'CONFLICT' });
                conflicts++;
              }
            }
          }
        };
        await Promise.all(Array.from({ length: writers }, (_, w) => writer(w)));
        const final = (await kb.getArticle('counter'))!;
        expect(final.version).toBe(1 + writers * rounds);
        expect([...final.questions].sort()).toEqual(
          Array.from(
            { length: writers * rounds },
            (_, i) => `w${Math.floor(i / rounds)}r${i % rounds}`,
          ).sort(),
        );
        expect(conflicts).toBeGreaterThanOrEqual(0);
      });

      it('lets only listed editors change or remove a restricted article', async () => {
        const kb = await fresh();
        await kb.upsertArticle(published({ id: 'legal', title: 'Terms', editors: ['ann'] }), {
          actor: 'ann',
        });
        await expectCode(
          kb.upsertArticle(published({ id: 'legal', title: 'Hacked' }), { actor: 'bob' }),
          'FORBIDDEN',
        );
        await expectCode(kb.upsertArticle(published({ id: 'legal', title: 'Hacked' })), 'FORBIDDEN');
        await expectCode(kb.removeArticle('legal', { actor: 'bob' }), 'FORBIDDEN');
        expect((await kb.getArticle('legal'))?.title).toBe('Terms');
        const ok = await kb.upsertArticle(published({ id: 'legal', title: 'Terms v2', editors: ['ann'] }), {
          actor: 'ann',
        });
        expect(ok.version).toBe(2);
      });

      it('writes one audit entry per change, with actor and version', async () => {
        const kb = await fresh();
        await kb.upsertArticle({ id: 'a', title: 'A' }, { actor: 'ann' });
        await kb.upsertArticle({ id: 'a', title: 'A2' }, { actor: 'bob' });
        await kb.removeArticle('a', { actor: 'ann' });
        const log = await kb.auditLog({ articleId: 'a' });
        expect(log.map((e) => [e.change, e.version, e.actor])).toEqual([
          ['created', 1, 'ann'],
          ['updated', 2, 'bob'],
          ['removed', 2, 'ann'],
        ]);
        for (const e of log) expect(e.at).toBeInstanceOf(Date);
      });
    });

    describe('access control', () => {
      const audiences: ArticleInput[] = [
        published({ id: 'r-public', title: 'Refund policy', questions: ['refund please'] }),
        published({ id: 'r-auth', title: 'Refund status of my order', audience: 'authenticated' }),
        published({ id: 'r-vip', title: 'VIP refund fast track', audience: { segments: ['vip'] } }),
        published({ id: 'r-internal', title: 'Refund override procedure for agents', audience: 'internal' }),
        { id: 'r-draft', title: 'Refund draft', status: 'draft', audience: 'public' },
        { id: 'r-archived', title: 'Old refund rules', status: 'archived', audience: 'public' },
      ];
      const visible: [string, object | undefined, string[]][] = [
        ['anonymous', undefined, ['r-public']],
        ['public', { role: 'public' }, ['r-public']],
        ['customer', { role: 'customer', id: 'u1' }, ['r-auth', 'r-public']],
        ['vip customer', { role: 'customer', id: 'u2', segments: ['vip'] }, ['r-auth', 'r-public', 'r-vip']],
        ['agent', agent, ['r-auth', 'r-internal', 'r-public', 'r-vip']],
      ];

      it.each(visible)('%s sees only what it may (get, list, search)', async (_label, viewer, ids) => {
        const kb = await fresh();
        for (const a of audiences) await kb.upsertArticle(a);
        const options = viewer === undefined ? {} : { viewer: viewer as never };
        expect((await kb.listArticles(options)).map((a) => a.id)).toEqual(ids);
        const found = (await kb.search('refund', { ...options, limit: 20 })).hits
          .map((h) => h.article.id)
          .sort();
        expect(found.every((id) => ids.includes(id))).toBe(true);
        expect(found).toContain('r-public');
        for (const a of audiences) {
          const got = await kb.getArticle(a.id, options);
          expect(got === undefined ? undefined : got.id).toBe(ids.includes(a.id) ? a.id : undefined);
        }
      });

      it('editors see drafts and archived articles, but search answers from published ones only', async () => {
        const kb = await fresh();
        for (const a of audiences) await kb.upsertArticle(a);
        expect((await kb.listArticles({ viewer: editor })).length).toBe(audiences.length);
        const found = (await kb.search('refund draft rules', { viewer: editor, limit: 20 })).hits.map(
          (h) => h.article.id,
        );
        expect(found).not.toContain('r-draft');
        expect(found).not.toContain('r-archived');
      });

      it('rejects an unknown viewer role with INVALID_INPUT', async () => {
        const kb = await seeded();
        await expectCode(kb.search('card', { viewer: { role: 'superuser' } as never }), 'INVALID_INPUT');
        await expectCode(kb.getArticle('fees', { viewer: { role: 'root' } as never }), 'INVALID_INPUT');
        await expectCode(kb.listArticles({ viewer: { role: 'admin' } as never }), 'INVALID_INPUT');
      });

      it('does not reveal hidden articles through content gaps', async () => {
        const kb = await fresh();
        await kb.upsertArticle(
          published({
            id: 'secret',
            title: 'Vault override procedure',
            audience: 'internal',
            questions: ['vault override'],
          }),
        );
        const anonymous = await kb.search('vault override', { now: at(1) });
        expect(anonymous.hits).toEqual([]);
        expect(anonymous.confidence).toBe(0);
        const gaps = await kb.contentGaps({ viewer: agent });
        expect(gaps.map((g) => g.query)).toContain('vault override');
        for (const g of gaps) expect(g.topArticleId).toBeUndefined();
        await expectCode(kb.contentGaps({ viewer: { role: 'customer', id: 'u1' } }), 'FORBIDDEN');
        await expectCode(kb.contentGaps({ viewer: undefined as never }), 'FORBIDDEN');
      });
    });

    describe('tenants', () => {
      it('keeps tenants apart in every call', async () => {
        const kb = await fresh();
        await kb.upsertArticle({ ...FAQ[0]!, body: 'acme' }, { tenantId: 'acme' });
        expect(await kb.getArticle('card-arrival', { tenantId: 'globex' })).toBeUndefined();
        expect((await kb.search('card arrive', { tenantId: 'globex' })).hits).toEqual([]);
        expect(await kb.listArticles({ tenantId: 'globex' })).toEqual([]);
        const g = await kb.upsertArticle(
          { ...FAQ[0]!, body: 'globex' },
          { tenantId: 'globex', expectedVersion: 0 },
        );
        expect(g.version).toBe(1);
        expect((await kb.getArticle('card-arrival', { tenantId: 'acme' }))?.body).toBe('acme');
        expect((await kb.search('card arrive', { tenantId: 'acme' })).hits[0]?.article.body).toBe('acme');
        await kb.remember(
          'u1',
          { key: 'city', value: 'Kraków', source: 'crm', consent: true },
          { tenantId: 'acme', now: T0 },
        );
        expect(await kb.recall('u1', { tenantId: 'globex', viewer: agent, now: T0 })).toEqual([]);
        await kb.search('zzqx unknown words', { tenantId: 'acme', now: T0 });
        expect(
          (await kb.contentGaps({ tenantId: 'globex', viewer: agent })).map((g) => g.query),
        ).not.toContain('zzqx unknown words');
        expect((await kb.contentGaps({ tenantId: 'acme', viewer: agent })).map((g) => g.query)).toContain(
          'zzqx unknown words',
        );
        expect((await kb.auditLog({ tenantId: 'globex' })).length).toBe(1);
        expect(await kb.forget('u1', { tenantId: 'globex' })).toBe(0);
        expect((await kb.recall('u1', { tenantId: 'acme', viewer: agent, now: T0 })).length).toBe(1);
      });
    });

    describe('customer memory', () => {
      it('remembers and recalls facts with source and confidence; a key is replaced', async () => {
        const kb = await fresh();
        const r = await kb.remember(
          'u1',
          { key: 'city', value: 'Warsaw', source: 'crm', confidence: 0.9, consent: true },
          { now: T0 },
        );
        expect(r).toMatchObject({
          kind: 'stored',
          fact: { key: 'city', value: 'Warsaw', source: 'crm', confidence: 0.9 },
        });
        await kb.remember(
          'u1',
          { key: 'city', value: 'Kraków', source: 'conversation:c9', consent: true },
          { now: at(1) },
        );
        await kb.remember(
          'u1',
          { key: 'orders', value: { last: 'A-17', count: 3 }, source: 'shop', consent: true },
          { now: T0 },
        );
        const facts = await kb.recall('u1', { viewer: agent, now: at(2) });
        expect(facts.map((f) => [f.key, f.value, f.source])).toEqual([
          ['city', 'Kraków', 'conversation:c9'],
          ['orders', { last: 'A-17', count: 3 }, 'shop'],
        ]);
        expect(facts[0]!.recordedAt.getTime()).toBe(at(1).getTime());
        expect(
          (await kb.recall('u1', { viewer: agent, now: at(2), keys: ['orders'] })).map((f) => f.key),
        ).toEqual(['orders']);
      });

      it('never returns expired facts (expiresAt or ttl)', async () => {
        const kb = await fresh();
        await kb.remember(
          'u1',
          { key: 'otp', value: '1234', source: 'bot', consent: true, expiresAt: at(1) },
          { now: T0 },
        );
        await kb.remember(
          'u1',
          { key: 'mood', value: 'upset', source: 'bot', consent: true, ttl: '30m' },
          { now: T0 },
        );
        await kb.remember('u1', { key: 'name', value: 'Ann', source: 'crm', consent: true }, { now: T0 });
        expect((await kb.recall('u1', { viewer: agent, now: at(0.25) })).map((f) => f.key)).toEqual([
          'mood',
          'name',
          'otp',
        ]);
        expect((await kb.recall('u1', { viewer: agent, now: at(0.5) })).map((f) => f.key)).toEqual([
          'name',
          'otp',
        ]);
        expect((await kb.recall('u1', { viewer: agent, now: at(1) })).map((f) => f.key)).toEqual(['name']);
        const late = await kb.remember(
          'u1',
          { key: 'old', value: 1, source: 'crm', consent: true, expiresAt: T0 },
          { now: at(1) },
        );
        expect(late).toMatchObject({ kind: 'refused', reason: 'expired' });
      });

      it('does not keep facts without consent', async () => {
        const kb = await fresh();
        const r = await kb.remember(
          'u1',
          { key: 'religion', value: 'x', source: 'bot', consent: false },
          { now: T0 },
        );
        expect(r).toMatchObject({ kind: 'refused', reason: 'no_consent' });
        expect(await kb.recall('u1', { viewer: agent, now: T0 })).toEqual([]);
      });

      it('erases facts: selected keys or everything', async () => {
        const kb = await fresh();
        for (const key of ['a', 'b', 'c'])
          await kb.remember('u1', { key, value: key, source: 'crm', consent: true }, { now: T0 });
        await kb.remember('u2', { key: 'a', value: 'other', source: 'crm', consent: true }, { now: T0 });
        expect(await kb.forget('u1', { keys: ['a', 'zz'] })).toBe(1);
        expect((await kb.recall('u1', { viewer: agent, now: T0 })).map((f) => f.key)).toEqual(['b', 'c']);
        expect(await kb.forget('u1')).toBe(2);
        expect(await kb.recall('u1', { viewer: agent, now: T0 })).toEqual([]);
        expect(await kb.forget('u1')).toBe(0);
        expect((await kb.recall('u2', { viewer: agent, now: T0 })).length).toBe(1);
      });

      it('lets only staff and the customer themself recall', async () => {
        const kb = await fresh();
        await kb.remember('u1', { key: 'city', value: 'Lodz', source: 'crm', consent: true }, { now: T0 });
        expect((await kb.recall('u1', { viewer: { role: 'customer', id: 'u1' }, now: T0 })).length).toBe(1);
        expect((await kb.recall('u1', { viewer: editor, now: T0 })).length).toBe(1);
        await expectCode(kb.recall('u1', { viewer: { role: 'customer', id: 'u2' }, now: T0 }), 'FORBIDDEN');
        await expectCode(kb.recall('u1', { viewer: { role: 'anonymous' }, now: T0 }), 'FORBIDDEN');
      });
    });

    describe('feedback, gaps and stale articles', () => {
      it('records feedback and summarises it', async () => {
        const kb = await seeded();
        await kb.recordFeedback('fees', { helpful: true, conversationId: 'c1', at: T0 });
        await kb.recordFeedback('fees', { helpful: false, comment: 'too vague', at: at(1) });
        await kb.recordFeedback('fees', { helpful: true, at: at(2) });
        const s = await kb.feedbackSummary('fees');
        expect(s).toMatchObject({ articleId: 'fees', helpful: 2, notHelpful: 1, total: 3 });
        expect(s.helpfulRate).toBeCloseTo(2 / 3, 10);
        expect(s.comments.map((c) => c.comment)).toEqual(['too vague']);
        expect((await kb.feedbackSummary('card-arrival')).helpfulRate).toBeNull();
        await expectCode(kb.recordFeedback('nope', { helpful: true }), 'NOT_FOUND');
      });

      it('groups low-confidence queries as content gaps, filtered by since', async () => {
        const kb = await seeded();
        await kb.search('Do you sell   CRYPTO wallets?', { now: at(1) });
        await kb.search('do you sell crypto wallets', { now: at(3) });
        await kb.search('xylophone lessons', { now: at(2) });
        const gaps = await kb.contentGaps({ viewer: agent });
        const crypto = gaps.find((g) => g.query === 'do you sell crypto wallets');
        expect(crypto).toMatchObject({ count: 2 });
        expect(crypto!.firstAt.getTime()).toBe(at(1).getTime());
        expect(crypto!.lastAt.getTime()).toBe(at(3).getTime());
        expect(gaps[0]!.query).toBe('do you sell crypto wallets');
        const recent = await kb.contentGaps({ viewer: editor, since: at(2.5) });
        expect(recent.map((g) => [g.query, g.count])).toEqual([['do you sell crypto wallets', 1]]);
      });

      it('lists articles due for review at a given time', async () => {
        const kb = await fresh();
        await kb.upsertArticle(published({ id: 'old', title: 'Old', reviewBy: at(-24) }));
        await kb.upsertArticle(published({ id: 'due', title: 'Due', reviewBy: at(0) }));
        await kb.upsertArticle(published({ id: 'later', title: 'Later', reviewBy: at(24) }));
        await kb.upsertArticle({ id: 'draft', title: 'Draft', audience: 'public', reviewBy: at(-1) });
        await kb.upsertArticle({ id: 'gone', title: 'Gone', status: 'archived', reviewBy: at(-1) });
        await kb.upsertArticle(
          published({ id: 'internal', title: 'Internal', audience: 'internal', reviewBy: at(-1) }),
        );
        expect((await kb.staleArticles(T0, { viewer: editor })).map((a) => a.id)).toEqual([
          'old',
          'draft',
          'internal',
          'due',
        ]);
        expect((await kb.staleArticles(T0)).map((a) => a.id)).toEqual(['old', 'due']);
        expect((await kb.staleArticles(T0))[0]!.reviewBy!.getTime()).toBe(at(-24).getTime());
      });
    });

    describe('suggestions', () => {
      it('keeps a suggestion pending until approved, and de-duplicates questions', async () => {
        const kb = await seeded();
        const dup = await kb.suggestArticle({ question: 'I forgot my PASSWORD!', answer: 'Reset it.' });
        expect(dup).toMatchObject({
          kind: 'duplicate',
          reason: 'existing_question',
          articleId: 'password-reset',
        });
        const s = await kb.suggestArticle({
          question: 'Can I freeze my card temporarily?',
          answer: 'Yes: open the app, choose the card and tap Freeze.',
          conversationId: 'c42',
          actor: 'agent-1',
        });
        expect(s.kind).toBe('pending');
        if (s.kind !== 'pending') return;
        expect(s.suggestion).toMatchObject({
          question: 'Can I freeze my card temporarily?',
          conversationId: 'c42',
        });
        const again = await kb.suggestArticle({
          question: 'can i freeze my card temporarily',
          answer: 'Yes.',
        });
        expect(again).toMatchObject({
          kind: 'duplicate',
          reason: 'pending_suggestion',
          suggestionId: s.suggestion.id,
        });
        expect((await kb.search('freeze card temporarily')).hits.map((h) => h.article.id)).not.toContain(
          `suggestion-${s.suggestion.id}`,
        );
        expect((await kb.listSuggestions()).map((x) => x.id)).toEqual([s.suggestion.id]);
        const article = await kb.approveSuggestion(s.suggestion.id, {
          actor: 'ed-1',
          newArticleId: 'card-freeze',
        });
        expect(article).toMatchObject({
          id: 'card-freeze',
          status: 'published',
          audience: 'public',
          version: 1,
        });
        expect(await kb.listSuggestions()).toEqual([]);
        expect((await kb.search('how to freeze my card temporarily')).hits[0]?.article.id).toBe(
          'card-freeze',
        );
        await expectCode(kb.approveSuggestion(s.suggestion.id), 'NOT_FOUND');
      });

      it('adds an approved question to an existing article, or rejects a suggestion', async () => {
        const kb = await seeded();
        const s = await kb.suggestArticle({
          question: 'where is the parcel with my plastic',
          answer: 'See card arrival.',
        });
        if (s.kind !== 'pending') throw new Error('expected pending');
        const a = await kb.approveSuggestion(s.suggestion.id, { articleId: 'card-arrival' });
        expect(a.version).toBe(2);
        expect(a.questions).toContain('where is the parcel with my plastic');
        const r = await kb.suggestArticle({ question: 'Do you have a lounge at airports?', answer: 'No.' });
        if (r.kind !== 'pending') throw new Error('expected pending');
        expect(await kb.rejectSuggestion(r.suggestion.id)).toBe(true);
        expect(await kb.rejectSuggestion(r.suggestion.id)).toBe(false);
        expect(await kb.listSuggestions()).toEqual([]);
      });
    });

    describe('search', () => {
      it('answers the pinned example', async () => {
        const kb = await fresh();
        await kb.upsertArticle({
          id: 'card-arrival',
          title: 'When will my card arrive?',
          body: 'Cards arrive within 5 working days.',
          questions: ['I am still waiting on my card'],
          audience: 'public',
          status: 'published',
        });
        const { hits, confidence } = await kb.search('where is my new card', { limit: 5 });
        expect(hits[0]?.article.id).toBe('card-arrival');
        expect(typeof hits[0]?.score).toBe('number');
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
      });

      it.each([
        ['I am still waiting on my card', 'card-arrival'],
        ['how much does the account cost', 'fees'],
        ['forgot password', 'password-reset'],
        ['send money to another country', 'transfer-abroad'],
        ['monthly fee', 'fees'],
      ])('ranks the right article first for %j', async (query, id) => {
        const kb = await seeded();
        const { hits, confidence } = await kb.search(query, { limit: 3 });
        expect(hits[0]?.article.id).toBe(id);
        expect(hits.length).toBeLessThanOrEqual(3);
        for (let i = 1; i < hits.length; i++) expect(hits[i]!.score).toBeLessThanOrEqual(hits[i - 1]!.score);
        expect(['title', 'question', 'body']).toContain(hits[0]!.matched.field);
        expect(confidence).toBeGreaterThan(0);
        expect(confidence).toBeLessThanOrEqual(1);
      });

      it('is more confident for an exact example question than for unrelated words', async () => {
        const kb = await seeded();
        const exact = await kb.search('I forgot my password');
        const unrelated = await kb.search('purple elephants dancing');
        expect(exact.confidence).toBeGreaterThan(unrelated.confidence);
        expect(unrelated.hits.length === 0 || unrelated.confidence < exact.confidence).toBe(true);
      });

      it('applies limit, tag and locale filters', async () => {
        const kb = await seeded();
        await kb.upsertArticle(
          published({
            id: 'card-pl',
            title: 'Kiedy przyjdzie moja karta?',
            locale: 'pl',
            questions: ['czekam na kartę'],
          }),
        );
        expect((await kb.search('card', { limit: 1 })).hits.length).toBe(1);
        expect((await kb.search('card', { tags: ['pricing'] })).hits.map((h) => h.article.id)).not.toContain(
          'card-arrival',
        );
        const pl = await kb.search('karta', { locale: 'pl' });
        expect(pl.hits.every((h) => h.article.locale === 'pl')).toBe(true);
        expect(
          (await kb.search('card arrive', { locale: 'pl' })).hits.map((h) => h.article.id),
        ).not.toContain('card-arrival');
      });

      it('returns a defined result for empty, punctuation-only and 10,000-character queries', async () => {
        const kb = await seeded();
        for (const q of ['', '   ', '?!.', 'card '.repeat(2_000), 'x'.repeat(10_000)]) {
          const r = await kb.search(q);
          expect(Array.isArray(r.hits)).toBe(true);
          expect(r.confidence).toBeGreaterThanOrEqual(0);
          expect(r.confidence).toBeLessThanOrEqual(1);
        }
        expect((await kb.search('')).hits).toEqual([]);
        await expectCode(kb.search(42 as never), 'INVALID_INPUT');
      });
    });

    describe('bad input', () => {
      it('rejects an article without a title, naming the path', async () => {
        const kb = await fresh();
        const error = await kb.upsertArticle({ id: 'x' } as never).catch((e: unknown) => e);
        expect(error).toMatchObject({ code: 'INVALID_INPUT' });
        expect((error as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(
          'article.title',
        );
        await expectCode(kb.upsertArticle({ id: 'x', title: '   ' }), 'INVALID_INPUT');
        await expectCode(kb.upsertArticle({ id: '', title: 'T' }), 'INVALID_INPUT');
        await expectCode(kb.upsertArticle({ id: 'x', title: 'T', status: 'live' } as never), 'INVALID_INPUT');
      });

      it('rejects a 10 MB body with LIMIT_EXCEEDED', async () => {
        const kb = await fresh();
        const error = await kb
          .upsertArticle({ id: 'big', title: 'Big', body: 'a'.repeat(10 * 1024 * 1024) })
          .catch((e) => e);
        expect(error).toMatchObject({ code: 'LIMIT_EXCEEDED', path: 'article.body' });
        expect(await kb.getArticle('big', { viewer: editor })).toBeUndefined();
      });

      it('rejects a fact without source or consent', async () => {
        const kb = await fresh();
        await expectCode(kb.remember('u1', { key: 'k', value: 1 } as never), 'INVALID_INPUT');
        await expectCode(
          kb.remember('', { key: 'k', value: 1, source: 's', consent: true }),
          'INVALID_INPUT',
        );
      });
    });
  });
}
