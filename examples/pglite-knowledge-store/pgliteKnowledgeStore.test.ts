import { PGlite } from '@electric-sql/pglite';
import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteKnowledgeStore } from './pgliteKnowledgeStore';

// One embedded Postgres for the whole file (starting one takes about a second); every test gets
// a fresh schema, so tests stay independent.
let db: PGlite | undefined;
let schemas = 0;
afterAll(async () => {
  await db?.close();
});

describeKnowledgeStore('pglite (Postgres full-text search)', async ({ now }) => {
  db ??= await PGlite.create();
  schemas++;
  return createPgliteKnowledgeStore(db, { schema: `kb_test_${schemas}`, now });
});

describe('createPgliteKnowledgeStore options', () => {
  it('refuses a schema name that is not a plain identifier (it is spliced into SQL)', async () => {
    db ??= await PGlite.create();
    await expect(createPgliteKnowledgeStore(db, { schema: 'kb; DROP TABLE x' })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      path: 'schema',
    });
  });
});
