/**
 * A `KnowledgeStore` on PGlite (Postgres compiled to WebAssembly, embedded in the process): the
 * embedded default of the Postgres example. The store itself is written once against a small
 * `query`/`transaction` seam (`examples/postgres-stores`), so the same SQL runs on a real
 * PostgreSQL server through node-postgres — `createPostgresKnowledgeStore(pgPoolClient(pool))`.
 *
 * It passes `describeKnowledgeStore` (see pgliteKnowledgeStore.test.ts). Not a dependency of the
 * library: copy it and adapt the schema to your database.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { KnowledgeStore } from 'tandem-cx/knowledge';
import {
  createPostgresKnowledgeStore,
  type PostgresKnowledgeStoreOptions,
} from '../postgres-stores/postgresKnowledgeStore';
import { pgliteClient } from '../postgres-stores/sqlClient';

/** Options of {@link createPgliteKnowledgeStore}: schema, default tenant, clock, gap threshold. */
export type PgliteKnowledgeStoreOptions = PostgresKnowledgeStoreOptions;

/**
 * Creates the tables (once) and returns a {@link KnowledgeStore} backed by them.
 *
 * @param db - an open PGlite instance (`await PGlite.create()`).
 * @param options - schema, default tenant, clock, gap threshold.
 */
export function createPgliteKnowledgeStore(
  db: PGlite,
  options: PgliteKnowledgeStoreOptions = {},
): Promise<KnowledgeStore> {
  return createPostgresKnowledgeStore(pgliteClient(db), options);
}
