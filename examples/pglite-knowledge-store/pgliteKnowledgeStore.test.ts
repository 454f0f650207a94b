import { PGlite } from '@electric-sql/pglite';
import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { describeSurveyStore } from 'tandem-cx/surveys/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresSurveyStore } from '../postgres-stores/postgresSurveyStore';
import { pgliteClient } from '../postgres-stores/sqlClient';
import { createPgliteKnowledgeStore } from './pgliteKnowledgeStore';

// One embedded Postgres for the whole file (starting one takes a second, much more on a busy
// machine); every test gets a fresh schema, so tests stay independent. Both Postgres stores run
// here on the embedded driver; the same stores on a real server run in
// examples/postgres-stores/postgresStores.server.test.ts.
let db: PGlite | undefined;
let schemas = 0;
const open = async (): Promise<PGlite> => {
  db ??= await PGlite.create();
  return db;
};
afterAll(async () => {
  await db?.close();
});

describeKnowledgeStore('pglite (Postgres full-text search)', async ({ now }) => {
  schemas++;
  return createPgliteKnowledgeStore(await open(), { schema: `kb_test_${schemas}`, now });
});

describeSurveyStore('postgres survey store on pglite', async () =>
  createPostgresSurveyStore(pgliteClient(await open()), { schema: `sv_${++schemas}` }),
);

describe('createPgliteKnowledgeStore options', () => {
  it('refuses a schema name that is not a plain identifier (it is spliced into SQL)', async () => {
    await expect(
      createPgliteKnowledgeStore(await open(), { schema: 'kb; DROP TABLE x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      path: 'schema',
    });
  });
});

describe('createPostgresSurveyStore options', () => {
  it('refuses a schema name that is not a plain identifier (it is spliced into SQL)', async () => {
    await expect(
      createPostgresSurveyStore(pgliteClient(await open()), { schema: 'sv; DROP TABLE x' }),
    ).rejects.toMatchObject({ code: 'INVALID_CONFIG', path: 'schema' });
  });

  it('keeps one non-suppressed survey per conversation when asked, and tenants apart', async () => {
    const c = pgliteClient(await open());
    const a = await createPostgresSurveyStore(c, { schema: 'sv_once', onePerConversation: true });
    const b = await createPostgresSurveyStore(c, {
      schema: 'sv_once',
      onePerConversation: true,
      tenantId: 'b',
    });
    const base = {
      status: 'scheduled',
      recipientId: 'u1',
      surveyId: 'csat',
      conversationId: 'c1',
      reminders: [],
      remindersSent: 0,
      createdAt: new Date('2026-11-20T10:00:00Z'),
      version: 1,
    } as const;
    expect((await a.insert({ ...base, id: 'e1', reminders: [] })).created).toBe(true);
    const second = await a.insert({ ...base, id: 'e2', reminders: [] });
    expect(second).toMatchObject({ created: false, record: { id: 'e1' } });
    expect((await a.insert({ ...base, id: 'e3', status: 'suppressed', reminders: [] })).created).toBe(true);
    expect((await b.insert({ ...base, id: 'e1', reminders: [] })).created).toBe(true);
    expect((await a.listByRecipient('u1')).map((r) => r.id).sort()).toEqual(['e1', 'e3']);
    expect((await b.listByRecipient('u1')).map((r) => r.id)).toEqual(['e1']);
  });

  it('leaves required fields alone when a patch sets them to undefined', async () => {
    const store = await createPostgresSurveyStore(pgliteClient(await open()), { schema: 'sv_patch' });
    const record = {
      id: 'e1',
      status: 'sent',
      recipientId: 'u1',
      reminders: [new Date('2026-11-23T10:00:00Z')],
      remindersSent: 1,
      createdAt: new Date('2026-11-20T10:00:00Z'),
      score: 4,
      version: 1,
    } as const;
    await store.insert({ ...record, reminders: [...record.reminders] });
    const updated = await store.update(
      'e1',
      { status: undefined, reminders: undefined, score: undefined },
      { expectedVersion: 1 },
    );
    expect(updated).toMatchObject({ status: 'sent', remindersSent: 1, version: 2 });
    expect(updated.reminders).toHaveLength(1);
    expect(updated.score).toBeUndefined();
  });
});
