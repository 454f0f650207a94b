import { readFileSync, rmSync } from 'node:fs';
import { defineConfig, type Options } from 'tsup';

// One source of truth for the public entry points: every subpath in package.json "exports"
// (except ./package.json) is built from src/<subpath>/index.ts. A module joins the package by
// adding its subpath there; nothing is built for modules that do not exist yet.
type Conditions = { import?: unknown; require?: unknown };
const pkg = JSON.parse(readFileSync('./package.json', 'utf8')) as {
  exports: Record<string, Conditions | string>;
};
const esmEntry: Record<string, string> = {};
const cjsEntry: Record<string, string> = {};
for (const [key, conditions] of Object.entries(pkg.exports)) {
  if (key === './package.json' || typeof conditions === 'string') continue;
  const sub = key === '.' ? '' : `${key.slice(2)}/`;
  if (conditions.import) esmEntry[`${sub}index`] = `src/${sub}index.ts`;
  // A subpath without a "require" condition is ESM-only (the vitest contract suites under
  // /testing: vitest itself is ESM-only, so a CommonJS build of them could only throw). No CJS
  // file is built for it, so the tarball ships nothing unreachable.
  if (conditions.require) cjsEntry[`${sub}index`] = `src/${sub}index.ts`;
}

// The command line (package "bin", an ES module); Node-only, never imported by the library entries.
esmEntry['cli/main'] = 'src/cli/main.ts';

// Two builds, because the entry sets differ: every ESM entry is bundled in ONE build, so the
// /testing suites share chunks (and so classes such as TandemError, checked with instanceof)
// with the library entries instead of carrying copies. tsup runs the two configs concurrently,
// so neither may clean the output folder (one would delete the other's files): it is cleaned
// here, once, when the config is loaded. Cost: two declaration passes (measured 3 Dec 2026 on
// the 2-core dev machine: 78 s CPU and 2.5 GB peak RSS against 54 s and 1.7 GB for one build of
// every entry in both formats; the same wall time, the passes run in parallel).
rmSync('dist', { recursive: true, force: true });

const common: Options = {
  dts: true,
  clean: false,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  external: ['zod', 'vitest', /^node:/],
};

export default defineConfig([
  { ...common, entry: esmEntry, format: ['esm'] },
  { ...common, entry: cjsEntry, format: ['cjs'] },
]);
