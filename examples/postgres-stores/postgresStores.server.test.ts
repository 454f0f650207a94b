/**
 * The Postgres stores on a real PostgreSQL server (started by test/support/postgres in a temporary
 * directory, stopped at the end): both contract suites, then the concurrency guarantees with ≥ 8
 * connections working in parallel.
 */

import type pg from 'pg';
import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { createSurveyScheduler, type SurveySchedulerOptions } from 'tandem-cx/surveys';
import { describeSurveyStore } from 'tandem-cx/surveys/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { describePostgres, usePostgres } from '../../test/support/postgres';
import { createPostgresKnowledgeStore } from './postgresKnowledgeStore';
import { createPostgresSurveyStore } from './postgresSurveyStore';
import { pgPoolClient, type SqlClient } from './sqlClient';

const server = usePostgres();
const T0 = new Date('2026-11-23T10:00:00Z');
const PARALLEL = 16;

let pool: pg.Pool;
let client: SqlClient;
let schemas = 0;

describePostgres('Postgres stores on a PostgreSQL server (pg)', () => {
  beforeAll(() => {
    pool = server().pool({ max: PARALLEL });
    client = pgPoolClient(pool);
  });

  describeKnowledgeStore('postgres server', ({ now }) =>
    createPostgresKnowledgeStore(client, { schema: `kb_${++schemas}`, now }),
  );
  describeSurveyStore('postgres server', () =>
    createPostgresSurveyStore(client, { schema: `sv_${++schemas}` }),
  );

  describe(`under ${PARALLEL} concurrent connections`, () => {
    const article = (id: string, body: string) => ({
      id,
      title: `Article ${id}`,
      body,
      status: 'published' as const,
      audience: 'public' as const,
    });

    it('lets exactly one of N writers with the same expectedVersion win; the audit log has one entry per win', async () => {
      const kb = await createPostgresKnowledgeStore(client, { schema: 'conc_upsert', now: () => T0 });
      const before = pool.totalCount;
      // Creation race: expectedVersion 0 from every writer.
      const created = await Promise.allSettled(
        Array.from({ length: PARALLEL }, (_, w) =>
          kb.upsertArticle(article('race', `created by ${w}`), { expectedVersion: 0 }),
        ),
      );
      expect(created.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of created.filter((r) => r.status === 'rejected'))
        expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
      // Update races: every writer sends the current version; one wins per round.
      const rounds = 5;
      for (let round = 1; round <= rounds; round++) {
        const results = await Promise.allSettled(
          Array.from({ length: PARALLEL }, (_, w) =>
            kb.upsertArticle(article('race', `round ${round} by ${w}`), { expectedVersion: round }),
          ),
        );
        const wins = results.filter((r) => r.status === 'fulfilled');
        expect(wins).toHaveLength(1);
        expect((wins[0] as PromiseFulfilledResult<{ version: number }>).value.version).toBe(round + 1);
        for (const r of results.filter((r) => r.status === 'rejected'))
          expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
      }
      const stored = await kb.getArticle('race');
      expect(stored?.version).toBe(rounds + 1);
      const log = await kb.auditLog({ articleId: 'race' });
      expect(log.map((e) => [e.change, e.version])).toEqual([
        ['created', 1],
        ...Array.from({ length: rounds }, (_, i) => ['updated', i + 2]),
      ]);
      // The writers really ran on separate connections.
      expect(Math.max(before, pool.totalCount)).toBeGreaterThanOrEqual(8);
    });

    it('loses no feedback and no memory write', async () => {
      const kb = await createPostgresKnowledgeStore(client, { schema: 'conc_writes', now: () => T0 });
      await kb.upsertArticle(article('fees', 'There is no monthly fee.'));
      const feedbacks = 240;
      const facts = 240;
      await Promise.all([
        ...Array.from({ length: feedbacks }, (_, i) =>
          kb.recordFeedback('fees', { helpful: i % 3 !== 0, conversationId: `c${i}`, at: T0 }),
        ),
        ...Array.from({ length: facts }, (_, i) =>
          kb.remember(`u${i % 8}`, { key: `k${i}`, value: i, source: 'crm', consent: true }, { now: T0 }),
        ),
        // Last-writer-wins on one key: many writers, one fact.
        ...Array.from({ length: 40 }, (_, i) =>
          kb.remember(
            'shared',
            { key: 'city', value: `city ${i}`, source: 'crm', consent: true },
            { now: T0 },
          ),
        ),
      ]);
      const summary = await kb.feedbackSummary('fees');
      expect(summary.total).toBe(feedbacks);
      expect(summary.helpful).toBe(
        Array.from({ length: feedbacks }, (_, i) => i % 3 !== 0).filter(Boolean).length,
      );
      let recalled = 0;
      for (let u = 0; u < 8; u++)
        recalled += (await kb.recall(`u${u}`, { viewer: { role: 'agent', id: 'a' }, now: T0 })).length;
      expect(recalled).toBe(facts);
      expect(await kb.recall('shared', { viewer: { role: 'agent', id: 'a' }, now: T0 })).toHaveLength(1);
    });

    it('schedules a survey once when many processes plan the same event at once', async () => {
      // Eight "processes": each has its own scheduler, store object and connection.
      const pools = Array.from({ length: 8 }, () => server().pool({ max: 1 }));
      const policy: SurveySchedulerOptions['policy'] = {
        surveys: [
          { id: 'csat', kind: 'csat', trigger: 'conversation.resolved', delay: '1h', channel: 'email' },
        ],
        fallbackTimeZone: 'UTC',
        throttle: 0,
      };
      const schedulers = await Promise.all(
        pools.map(async (p) =>
          createSurveyScheduler({
            policy,
            store: await createPostgresSurveyStore(pgPoolClient(p), {
              schema: 'conc_surveys',
              onePerConversation: true,
            }),
          }),
        ),
      );
      const event = {
        type: 'conversation.resolved',
        at: new Date('2026-11-20T10:00:00Z'),
        conversationId: 'c1',
        customerId: 'u1',
      } as const;
      const now = new Date('2026-11-20T10:00:00Z');
      const same = await Promise.all(schedulers.map((s) => s.plan(event, { now })));
      expect(same.filter((r) => !r.duplicate)).toHaveLength(1);
      expect(new Set(same.map((r) => r.record.id)).size).toBe(1);
      // Different events (a retry with another timestamp) for the same conversation: the unique
      // index keeps one scheduled survey.
      const retries = await Promise.all(
        schedulers.map((s, i) =>
          s.plan({ ...event, conversationId: 'c2', at: new Date(event.at.getTime() + i * 1000) }, { now }),
        ),
      );
      // (A process that already sees the winner's row in its history suppresses instead: once per
      // conversation.) Exactly one plan scheduled a survey.
      expect(retries.filter((r) => !r.duplicate && r.plan.kind === 'scheduled')).toHaveLength(1);
      const rows = await pool.query(
        `SELECT conversation_id, count(*)::int AS n FROM conc_surveys.survey_records
         WHERE status <> 'suppressed' GROUP BY conversation_id ORDER BY conversation_id`,
      );
      expect(rows.rows).toEqual([
        { conversation_id: 'c1', n: 1 },
        { conversation_id: 'c2', n: 1 },
      ]);
    });

    it('never shows tenant A what tenant B wrote, under load', async () => {
      const tenants = ['alpha', 'bravo'] as const;
      const stores = {
        alpha: await createPostgresKnowledgeStore(client, {
          schema: 'conc_tenants',
          tenantId: 'alpha',
          now: () => T0,
        }),
        bravo: await createPostgresKnowledgeStore(client, {
          schema: 'conc_tenants',
          tenantId: 'bravo',
          now: () => T0,
        }),
      };
      const leaks: string[] = [];
      const work: Array<Promise<unknown>> = [];
      for (let i = 0; i < 60; i++)
        for (const tenant of tenants) {
          const kb = stores[tenant];
          // Same ids in both tenants; every text carries the tenant's name.
          work.push(kb.upsertArticle(article(`card-${i % 20}`, `${tenant} card delivery answer ${i}`)));
          work.push(
            kb.search('card delivery answer', { limit: 10 }).then(({ hits }) => {
              for (const h of hits)
                if (!h.article.body.startsWith(tenant)) leaks.push(`${tenant} saw ${h.article.body}`);
            }),
          );
          work.push(
            kb
              .remember('u1', { key: `k${i}`, value: tenant, source: 'crm', consent: true }, { now: T0 })
              .then(() => kb.recall('u1', { viewer: { role: 'agent', id: 'a' }, now: T0 }))
              .then((facts) => {
                for (const f of facts)
                  if (f.value !== tenant) leaks.push(`${tenant} recalled ${String(f.value)}`);
              }),
          );
        }
      await Promise.all(work);
      expect(leaks).toEqual([]);
      for (const tenant of tenants) {
        const list = await stores[tenant].listArticles();
        expect(list).toHaveLength(20);
        expect(list.every((a) => a.body.startsWith(tenant))).toBe(true);
        expect(
          await stores[tenant].recall('u1', { viewer: { role: 'agent', id: 'a' }, now: T0 }),
        ).toHaveLength(60);
      }
    });
  });
});
