import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

// One source of truth for the public entry points: every subpath in package.json "exports"
// (except ./package.json) is built from src/<subpath>/index.ts. A module joins the package by
// adding its subpath there; nothing is built for modules that do not exist yet.
const pkg = JSON.parse(readFileSync('./package.json', 'utf8')) as { exports: Record<string, unknown> };
const entry: Record<string, string> = {};
for (const key of Object.keys(pkg.exports)) {
  if (key === './package.json') continue;
  const sub = key === '.' ? '' : `${key.slice(2)}/`;
  entry[`${sub}index`] = `src/${sub}index.ts`;
}

// The command line (package "bin"); Node-only, never imported by the library entries.
entry['cli/main'] = 'src/cli/main.ts';

export default defineConfig({
  entry,
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  splitting: true,
  treeshake: true,
  external: ['zod', 'vitest', /^node:/],
});
