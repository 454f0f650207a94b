#!/usr/bin/env node
// Packs the library with `npm pack`, installs the tarball into two scratch projects — one ESM,
// one CommonJS, both TypeScript-checked with module resolution as a host would use it — and
// imports every subpath the package exports. Run after `npm run build` (CI does).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');
const scratch = join(root, 'test/package/scratch');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const subpaths = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => (k === '.' ? 'tandem-cx' : `tandem-cx/${k.slice(2)}`));

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

function project(name, type, source, tsModule) {
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
  const ext = type === 'module' ? 'mts' : 'cts';
  writeFileSync(join(dir, `main.${ext}`), source);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: tsModule,
        moduleResolution: tsModule,
        target: 'ES2022',
        noEmit: true,
        skipLibCheck: false,
        types: [],
      },
      files: [`main.${ext}`],
    }),
  );
  run(process.execPath, [typescript, '-p', '.'], dir);
  // The sources carry no type annotations; only `import x = require()` needs rewriting for Node.
  const js = source.replace(/^import (\w+) = require/gm, 'const $1 = require');
  writeFileSync(join(dir, type === 'module' ? 'main.mjs' : 'main.cjs'), js);
  return run(process.execPath, [type === 'module' ? 'main.mjs' : 'main.cjs'], dir).trim();
}

// Every runtime subpath except the vitest contract suites is loaded; those are only type-checked.
const runtime = subpaths.filter((s) => !s.endsWith('/testing'));
const esm = [
  ...runtime.map((s, i) => `import * as m${i} from '${s}';`),
  `import { parseDuration } from 'tandem-cx/model';`,
  `const n = parseDuration('1h30m');`,
  `const mods = [${runtime.map((_, i) => `m${i}`).join(', ')}];`,
  `if (n !== 5400000 || mods.some((m) => Object.keys(m).length === 0)) throw new Error('bad ESM import');`,
  `console.log('esm ok', mods.length, n);`,
].join('\n');
const cjs = [
  ...runtime.map((s, i) => `import m${i} = require('${s}');`),
  `import model = require('tandem-cx/model');`,
  `const err = new model.TandemError({ code: 'INVALID_INPUT', module: 'x', message: 'y' });`,
  `const mods = [${runtime.map((_, i) => `m${i}`).join(', ')}];`,
  `if (!(err instanceof Error) || mods.some((m) => Object.keys(m).length === 0)) throw new Error('bad CJS require');`,
  `console.log('cjs ok', mods.length, err.code);`,
].join('\n');

console.log(project('esm-consumer', 'module', esm, 'NodeNext'));
console.log(project('cjs-consumer', 'commonjs', cjs, 'NodeNext'));
console.log(`subpaths checked: ${subpaths.join(', ')}`);
