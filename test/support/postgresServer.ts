/**
 * A real PostgreSQL server for the tests, started from the system's binaries (Debian's
 * `postgresql` package: `/usr/lib/postgresql/<version>/bin`) into a fresh temporary directory and
 * stopped afterwards — also when a test fails or the worker exits.
 *
 * - The server listens on a Unix socket inside its own directory only (`listen_addresses = ''`),
 *   so test files running in parallel workers never fight over a port or a data directory.
 * - Postgres refuses to run as root: when the tests run as uid 0 (CI containers), `initdb` and
 *   `pg_ctl` run as the `postgres` user through `runuser`, in a directory owned by that user.
 * - Without PostgreSQL installed, the suites skip with a message; in CI (`CI=true`) they fail
 *   instead, because `.ci/run` installs the package.
 *
 * No vitest here (the benches use it too); the test hooks are in ./postgres.ts.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A running test server. */
export interface PostgresServer {
  /** Directory holding the socket (use as `host` with `pg`). */
  host: string;
  port: number;
  user: 'postgres';
  database: 'postgres';
  /** A new `pg` pool on the server (closed by `stop`). */
  pool(options?: { max?: number; database?: string }): pg.Pool;
  /** Creates a database and returns its name. */
  createDatabase(name: string): Promise<string>;
  stop(): Promise<void>;
}

const PORT = 5432; // names the socket file only: each server has its own socket directory

/** The bin directory of the newest installed PostgreSQL, or undefined. `TANDEM_PG_BIN` overrides. */
export function findPostgresBin(): string | undefined {
  const override = process.env.TANDEM_PG_BIN;
  if (override) return existsSync(join(override, 'initdb')) ? override : undefined;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : join(root, versions[0], 'bin');
}

function postgresIds(): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  return { uid, gid };
}

/** Runs a server binary, as the `postgres` user when we are root. */
function run(bin: string, tool: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [file, argv] = asRoot
    ? ['runuser', ['-u', 'postgres', '--', join(bin, tool), ...args]]
    : [join(bin, tool), args];
  return execFileSync(file, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
}

/** Starts a fresh server in a new temporary directory. Throws when PostgreSQL is not installed. */
export async function startPostgres(): Promise<PostgresServer> {
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error('PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb)');
  const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const log = join(dir, 'server.log');
  let started = false;
  const stopNow = (mode: 'fast' | 'immediate') => {
    if (started) {
      started = false;
      try {
        run(bin, 'pg_ctl', ['-D', data, '-m', mode, '-w', 'stop']);
      } catch {
        // already gone
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // The worker may end without afterAll (a crash, Ctrl-C): never leave a server running.
  const onExit = () => stopNow('immediate');
  const onSignal = (signal: NodeJS.Signals) => {
    stopNow('immediate');
    process.kill(process.pid, signal);
  };
  process.once('exit', onExit);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const detach = () => {
    process.off('exit', onExit);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  try {
    run(bin, 'initdb', [
      '-D',
      data,
      '-U',
      'postgres',
      '-A',
      'trust',
      '-E',
      'UTF8',
      '--locale=C',
      '--no-sync',
    ]);
    started = true;
    // Throwaway cluster: durability off, enough connections for the concurrency tests.
    const settings = [
      `-c listen_addresses=''`,
      `-c unix_socket_directories='${dir}'`,
      `-p ${PORT}`,
      '-c fsync=off',
      '-c synchronous_commit=off',
      '-c full_page_writes=off',
      '-c max_connections=60',
      '-c TimeZone=UTC',
    ].join(' ');
    run(bin, 'pg_ctl', ['-D', data, '-l', log, '-o', settings, '-w', '-t', '60', 'start']);
  } catch (error) {
    const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
    stopNow('immediate');
    detach();
    throw new Error(`could not start PostgreSQL: ${(error as Error).message}\n${serverLog}`);
  }
  const pools: pg.Pool[] = [];
  return {
    host: dir,
    port: PORT,
    user: 'postgres',
    database: 'postgres',
    pool(options = {}) {
      const pool = new pg.Pool({
        host: dir,
        port: PORT,
        user: 'postgres',
        database: options.database ?? 'postgres',
        max: options.max ?? 10,
      });
      // An idle connection cut by the server (shutdown) must not crash the test worker.
      pool.on('error', () => {});
      pools.push(pool);
      return pool;
    },
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      const client = new pg.Client({ host: dir, port: PORT, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return name;
    },
    async stop() {
      await Promise.allSettled(pools.map((p) => p.end()));
      stopNow('fast');
      detach();
    },
  };
}
