import { PGlite } from '@electric-sql/pglite';
import { describeSurveyStore } from 'tandem-cx/surveys/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPostgresSurveyStore } from './postgresSurveyStore';
import { pgliteClient } from './sqlClient';

// The embedded driver: one PGlite for the file, a fresh schema per test. The same store on a real
// server runs in postgresStores.server.test.ts.
let db: PGlite | undefined;
let schemas = 0;
const client = async () => {
  db ??= await PGlite.create();
  return pgliteClient(db);
};
afterAll(async () => {
  await db?.close();
});

describeSurveyStore('pglite', async () =>
  createPostgresSurveyStore(await client(), { schema: `sv_${++schemas}` }),
);

describe('createPostgresSurveyStore options', () => {
  it('refuses a schema name that is not a plain identifier (it is spliced into SQL)', async () => {
    await expect(
      createPostgresSurveyStore(await client(), { schema: 'sv; DROP TABLE x' }),
    ).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      path: 'schema',
    });
  });

  it('keeps one non-suppressed survey per conversation when asked, and tenants apart', async () => {
    const c = await client();
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
});
