#!/usr/bin/env node
// "Are the types wrong?" on the packed tarball (npm run check:package). Packs once (npm pack runs
// the `prepare` build, as `attw --pack` would) and checks it twice:
//  1. every library subpath with attw's default profile (strict: node10, node16 from CJS and
//     from ESM, bundler);
//  2. the /testing subpaths with the esm-only profile. They are ESM-only on purpose: they import
//     vitest, which is ESM-only, so a CommonJS build of them could only throw. Their "exports"
//     entries have no "require" condition, which the strict profile would report as "no
//     resolution from CJS" — that is the intended outcome, not a defect.
// The two sets are derived from package.json "exports", so a new subpath is checked without
// editing this file.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports).filter((k) => k !== './package.json');
const esmOnly = subpaths.filter((k) => typeof pkg.exports[k] === 'object' && !pkg.exports[k].require);
const testing = subpaths.filter((k) => k.endsWith('/testing'));
if (testing.some((k) => !esmOnly.includes(k)) || esmOnly.some((k) => !testing.includes(k))) {
  console.error(`ESM-only subpaths ${JSON.stringify(esmOnly)} must be exactly the /testing ones`);
  process.exit(1);
}

const attw = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');
const dir = mkdtempSync(join(tmpdir(), 'tandem-cx-attw-'));
try {
  const packed = spawnSync('npm', ['pack', '--silent', '--pack-destination', dir], {
    cwd: root,
    encoding: 'utf8',
  });
  const log = `${packed.stdout}${packed.stderr}`;
  process.stderr.write(packed.stderr);
  if (packed.status !== 0) throw new Error(`npm pack failed (${packed.status})`);
  // The build must not warn about chunks that import each other (Rollup's "circular dependency
  // between chunks … broken execution order"): see src/surveys/schemas.ts for the cause once seen.
  if (/circular dependency|CYCLIC/i.test(log)) throw new Error('the build warned about a chunk cycle');
  const tarball = join(dir, packed.stdout.trim().split('\n').pop());
  const check = (args) =>
    execFileSync(process.execPath, [attw, tarball, '--format', 'table-flipped', ...args], {
      stdio: 'inherit',
    });
  console.log(`attw (default profile): every subpath except ${esmOnly.join(', ') || '—'}`);
  check(esmOnly.length > 0 ? ['--exclude-entrypoints', ...esmOnly] : []);
  if (esmOnly.length > 0) {
    console.log(`attw (esm-only profile): ${esmOnly.join(', ')}`);
    check(['--profile', 'esm-only', '--entrypoints', ...esmOnly]);
  }
} catch (error) {
  if (typeof error.status !== 'number') console.error(error.message);
  process.exitCode = typeof error.status === 'number' && error.status > 0 ? error.status : 1;
} finally {
  rmSync(dir, { recursive: true, force: true });
}
