/**
 * The one seam between the Postgres stores and a driver: `query` and `transaction`. The stores
 * write plain PostgreSQL with `$1…` parameters; two drivers implement the seam here —
 * PGlite (embedded, one connection; the default for tests, demos and single-process hosts) and
 * node-postgres (`pg`, a pool of connections to a real server). Another driver (postgres.js, a
 * serverless HTTP driver) needs only these two functions.
 */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { Pool, PoolClient } from 'pg';

/** Rows of one statement, and how many rows it changed (INSERT/UPDATE/DELETE). */
export interface SqlResult<Row> {
  rows: Row[];
  rowCount: number;
}

/** What the stores need from a driver. */
export interface SqlClient {
  /** Runs one statement with `$1…` parameters. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<SqlResult<Row>>;
  /**
   * Runs `work` in one transaction (READ COMMITTED) on one connection: committed when it resolves,
   * rolled back when it throws. Inside, `transaction` on the handed client joins the same
   * transaction.
   */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
}

function fromPgliteConnection(db: PGlite | Transaction, inTransaction: boolean): SqlClient {
  const client: SqlClient = {
    async query<Row>(text: string, params: unknown[] = []) {
      const r = await db.query<Row>(text, params);
      return { rows: r.rows, rowCount: r.affectedRows ?? 0 };
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (inTransaction) return work(client);
      return (db as PGlite).transaction((tx) => work(fromPgliteConnection(tx, true)));
    },
  };
  return client;
}

/**
 * The seam over PGlite (one embedded connection; transactions are serialised by PGlite).
 *
 * @param db - an open instance (`await PGlite.create()`).
 */
export function pgliteClient(db: PGlite): SqlClient {
  return fromPgliteConnection(db, false);
}

// SQLSTATEs a transaction may simply be retried after: serialization failure, deadlock.
const RETRYABLE = new Set(['40001', '40P01']);

function fromPgConnection(connection: PoolClient): SqlClient {
  const client: SqlClient = {
    async query<Row>(text: string, params: unknown[] = []) {
      const r = await connection.query(text, params);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    },
    transaction: (work) => work(client),
  };
  return client;
}

/**
 * The seam over a node-postgres pool (a real server). Each statement outside a transaction takes
 * any free connection; a transaction holds one connection from BEGIN to COMMIT and is retried (up
 * to 3 times) after a deadlock or serialization failure.
 *
 * @param pool - `new pg.Pool({ connectionString })`; its size bounds the parallelism.
 */
export function pgPoolClient(pool: Pool): SqlClient {
  return {
    async query<Row>(text: string, params: unknown[] = []) {
      const r = await pool.query(text, params);
      return { rows: r.rows as Row[], rowCount: r.rowCount ?? 0 };
    },
    async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt++) {
        const connection = await pool.connect();
        let broken = false;
        try {
          await connection.query('BEGIN');
          const result = await work(fromPgConnection(connection));
          await connection.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await connection.query('ROLLBACK');
          } catch {
            broken = true; // the connection is unusable: drop it from the pool
          }
          const code = (error as { code?: unknown }).code;
          if (attempt < 3 && typeof code === 'string' && RETRYABLE.has(code)) continue;
          throw error;
        } finally {
          connection.release(broken);
        }
      }
    },
  };
}
