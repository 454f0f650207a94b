/**
 * Documentation coverage of the public API: every name exported from `src/index.ts` (and the
 * subpath-only entries) has a TSDoc summary, and every exported function, class and non-schema
 * constant has an `@example` (which test/doctest.test.ts then runs).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
};
const entries = Object.keys(pkg.exports)
  .filter((k) => k !== './package.json')
  .map((k) => resolve(root, 'src', k === '.' ? '' : k.slice(2), 'index.ts'));

const program = ts.createProgram(entries, {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  strict: true,
  resolveJsonModule: true,
  noEmit: true,
  skipLibCheck: true,
});
const checker = program.getTypeChecker();

interface Finding {
  name: string;
  file: string;
  problem: string;
}

function docsOf(symbol: ts.Symbol): { summary: string; tags: string[] } {
  const summary = ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim();
  const tags = symbol.getJsDocTags(checker).map((t) => t.name);
  return { summary, tags };
}

function audit(entry: string): Finding[] {
  const source = program.getSourceFile(entry);
  if (!source) return [{ name: '(entry)', file: entry, problem: 'entry not found' }];
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  const findings: Finding[] = [];
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) continue;
    const file = declaration.getSourceFile().fileName.replace(`${root}/`, '');
    if (!file.startsWith('src/')) continue; // re-exported third-party types (e.g. mitt's Handler)
    const name = exported.getName();
    const { summary, tags } = docsOf(symbol);
    if (!summary) findings.push({ name, file, problem: 'no TSDoc summary' });
    const isValue =
      (symbol.flags & (ts.SymbolFlags.Function | ts.SymbolFlags.Class | ts.SymbolFlags.Variable)) !== 0;
    const isSchemaOrData = /Schema$|^[A-Z][A-Z0-9_]+$/.test(name); // zod schemas and CONSTANT tables
    if (isValue && !isSchemaOrData && !tags.includes('example'))
      findings.push({ name, file, problem: 'no @example' });
  }
  return findings;
}

describe('public API documentation', () => {
  it.each(entries.map((e) => [e.replace(`${root}/`, ''), e]))(
    '%s: every export is documented',
    (_label, entry) => {
      const findings = audit(entry);
      expect(findings.map((f) => `${f.name} (${f.file}): ${f.problem}`)).toEqual([]);
    },
  );
});
