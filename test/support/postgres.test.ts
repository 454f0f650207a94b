/**
 * The PostgreSQL test helper's contract when the server binaries are missing: outside CI the
 * server suites skip with a message, in CI they fail. Checked by running vitest on a one-test file
 * in a child process with `TANDEM_PG_BIN` pointing nowhere.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'tandem-pg-skip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, 'vitest.config.mjs'), `export default { test: { include: ['*.check.ts'] } };\n`);
writeFileSync(
  join(dir, 'server.check.ts'),
  `import { expect, it } from 'vitest';
import { describePostgres, usePostgres } from ${JSON.stringify(join(import.meta.dirname, 'postgres.ts'))};
const server = usePostgres();
describePostgres('needs a server', () => { it('runs', () => { expect(server().host).toBeTruthy(); }); });
`,
);

function runVitest(ci: string): Promise<{ code: number | null; output: string }> {
  const vitest = join(import.meta.dirname, '../../node_modules/vitest/vitest.mjs');
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [vitest, 'run', '--root', dir, '--config', join(dir, 'vitest.config.mjs')],
      {
        env: { ...process.env, CI: ci, TANDEM_PG_BIN: join(dir, 'no-such-bin'), NO_COLOR: '1' },
      },
    );
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, output }));
  });
}

describe('test/support/postgres without PostgreSQL', () => {
  it('skips with a message outside CI and fails in CI', async () => {
    const [local, ci] = await Promise.all([runVitest(''), runVitest('true')]);
    expect(local.code, local.output).toBe(0);
    expect(local.output).toContain('skipping "needs a server": PostgreSQL is not installed');
    expect(local.output).toMatch(/1 skipped/);
    expect(ci.code, ci.output).not.toBe(0);
    expect(ci.output).toContain('PostgreSQL is required in CI');
  });
});
