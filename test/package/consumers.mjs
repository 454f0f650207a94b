#!/usr/bin/env node
// Packs the library with `npm pack`, installs the tarball into scratch projects as a host would
// and checks every subpath the package exports (derived from package.json "exports", so a new
// module such as ./learning is covered without editing this file):
//  - ESM project (TypeScript NodeNext): imports every subpath, the /testing ones included, and runs;
//  - CommonJS project (TypeScript NodeNext): requires every non-testing subpath and runs; checks
//    that require() of a /testing subpath is refused (they are ESM-only: vitest is ESM-only);
//  - TypeScript `moduleResolution: node` (node10, CommonJS): type-checks an import of every
//    subpath, through package.json "typesVersions".
// Run after `npm run build` (CI does); `npm pack` also runs the `prepare` build.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const scratch = join(root, 'test/package/scratch');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'tandem-cx' : `tandem-cx/${k.slice(2)}`));
const isTesting = (s) => s.endsWith('/testing');
const runtime = subpaths.filter((s) => !isTesting(s));
const testing = subpaths.filter(isTesting);

const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });

rmSync(scratch, { recursive: true, force: true });
mkdirSync(scratch, { recursive: true });
const tarball = join(
  scratch,
  run('npm', ['pack', '--silent', '--pack-destination', scratch], root).trim().split('\n').pop(),
);
const typescript = join(root, 'node_modules/typescript/bin/tsc');
const zod = join(root, 'node_modules/zod');
const vitest = join(root, 'node_modules/vitest');

/**
 * A scratch project with the tarball installed; `source` is type-checked with `compilerOptions`
 * and, when `entry` is given, run with Node (the sources carry no type annotations; only
 * `import x = require()` needs rewriting), followed by the plain-JS `after` when given.
 */
function project(name, { type, source, ext, compilerOptions, entry, after }) {
  const dir = join(scratch, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify(
      {
        name,
        private: true,
        type,
        dependencies: { 'tandem-cx': `file:${tarball}`, zod: `file:${zod}`, vitest: `file:${vitest}` },
      },
      null,
      2,
    ),
  );
  run(
    'npm',
    ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--install-links=false', '--silent'],
    dir,
  );
  writeFileSync(join(dir, `main.${ext}`), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: false,
        types: [],
        ...compilerOptions,
      },
      files: [`main.${ext}`],
    }),
  );
  run(process.execPath, [typescript, '-p', '.'], dir);
  if (!entry) return `${name}: types ok`;
  writeFileSync(join(dir, entry), source.replace(/^import (\w+) = require/gm, 'const $1 = require'));
  let out = run(process.execPath, [entry], dir).trim();
  if (after) {
    writeFileSync(join(dir, `after.${entry.split('.').pop()}`), after);
    out += `\n${run(process.execPath, [`after.${entry.split('.').pop()}`], dir).trim()}`;
  }
  return out;
}

const nodeNext = { module: 'NodeNext', moduleResolution: 'NodeNext' };

// ESM: every subpath, the vitest contract suites included (loading them only defines functions).
const esm = [
  ...subpaths.map((s, i) => `import * as m${i} from '${s}';`),
  `import { parseDuration } from 'tandem-cx/model';`,
  `const n = parseDuration('1h30m');`,
  `const mods = [${subpaths.map((_, i) => `m${i}`).join(', ')}];`,
  `if (n !== 5400000 || mods.some((m) => Object.keys(m).length === 0)) throw new Error('bad ESM import');`,
  `console.log('esm ok', mods.length, n);`,
].join('\n');

// CommonJS: every non-testing subpath.
const cjs = [
  ...runtime.map((s, i) => `import m${i} = require('${s}');`),
  `import model = require('tandem-cx/model');`,
  `const err = new model.TandemError({ code: 'INVALID_INPUT', module: 'x', message: 'y' });`,
  `const mods = [${runtime.map((_, i) => `m${i}`).join(', ')}];`,
  `if (!(err instanceof Error) || mods.some((m) => Object.keys(m).length === 0)) throw new Error('bad CJS require');`,
  `console.log('cjs ok', mods.length, err.code);`,
].join('\n');
// ...and the /testing ones are refused by "exports" (plain JS, run after the typed part).
const refused = [
  `for (const s of ${JSON.stringify(testing)}) {`,
  `  let code = 'loaded';`,
  `  try { require(s); } catch (e) { code = e.code; }`,
  `  if (code !== 'ERR_PACKAGE_PATH_NOT_EXPORTED') throw new Error(\`require('\${s}') should be refused, got \${code}\`);`,
  `}`,
  `console.log('cjs: require() of the ESM-only /testing subpaths refused:', ${testing.length});`,
].join('\n');

// TypeScript with the legacy node10 resolution (no "exports" support): types via typesVersions.
const node10 = [
  ...subpaths.map((s, i) => `import * as m${i} from '${s}';`),
  `import { parseDuration, type DurationInput } from 'tandem-cx/model';`,
  `const d: DurationInput = '1h';`,
  `export const n: number = parseDuration(d);`,
  `export const mods = [${subpaths.map((_, i) => `m${i}`).join(', ')}];`,
].join('\n');

console.log(
  project('esm-consumer', {
    type: 'module',
    source: esm,
    ext: 'mts',
    compilerOptions: nodeNext,
    entry: 'main.mjs',
  }),
);
console.log(
  project('cjs-consumer', {
    type: 'commonjs',
    source: cjs,
    ext: 'cts',
    compilerOptions: nodeNext,
    entry: 'main.cjs',
    after: refused,
  }),
);
console.log(
  project('node10-consumer', {
    type: 'commonjs',
    source: node10,
    ext: 'ts',
    compilerOptions: { module: 'CommonJS', moduleResolution: 'node10', esModuleInterop: true },
  }),
);
console.log(`subpaths checked: ${subpaths.join(', ')}`);
