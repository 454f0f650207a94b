import { PGlite } from '@electric-sql/pglite';
import { describeKnowledgeStore } from 'tandem-cx/knowledge/testing';
import { afterAll } from 'vitest';
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
