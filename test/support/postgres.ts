/**
 * vitest hooks around a real PostgreSQL server for the tests (see ./postgresServer.ts for how it
 * is started and stopped). Use at the top level of a test file:
 *
 * ```ts
 * const pg = usePostgres(); // registers beforeAll/afterAll: one server for the file
 * describePostgres('my store', () => { it('…', async () => { const pool = pg().pool(); … }); });
 * ```
 *
 * Each file gets its own server in its own temporary directory (a Unix socket, no TCP port), so
 * files running in parallel workers never collide.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { findPostgresBin, type PostgresServer, startPostgres } from './postgresServer';

export { findPostgresBin, type PostgresServer, startPostgres };

const inCi = () => process.env.CI === 'true' || process.env.CI === '1';

/** Whether server tests can run here; logs why not (outside CI) once. */
export const postgresAvailable: boolean = findPostgresBin() !== undefined;

/**
 * Registers `beforeAll`/`afterAll` hooks that start one server for the calling test file and stop
 * it at the end (also after failures). Returns a getter for the running server. When PostgreSQL is
 * missing: in CI the hook throws (the suite fails); elsewhere nothing starts and
 * {@link describePostgres} skips.
 */
export function usePostgres(): () => PostgresServer {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    if (!postgresAvailable) {
      if (inCi())
        throw new Error('PostgreSQL is required in CI: install the postgresql package (see .ci/run)');
      return;
    }
    server = await startPostgres();
  }, 120_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (server === undefined) throw new Error('the PostgreSQL test server is not running');
    return server;
  };
}

/** `describe` that runs when PostgreSQL is installed (or in CI, where a missing server fails). */
export function describePostgres(name: string, body: () => void): void {
  if (postgresAvailable || inCi()) describe(name, body);
  else {
    console.warn(
      `[tandem-cx] skipping "${name}": PostgreSQL is not installed (apt-get install postgresql, or set TANDEM_PG_BIN)`,
    );
    describe.skip(name, body);
  }
}
