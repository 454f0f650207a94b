/**
 * Runs every `@example` in the TSDoc of `src/` as a test, so documentation cannot drift from
 * behaviour.
 *
 * Convention inside an example's ```ts fence:
 * - `import … from 'tandem-cx'` / `'tandem-cx/<module>'` resolve to the sources;
 * - a single-line statement ending in `// => <expected>` is checked: `expr; // => value` checks
 *   `expr`, `const x = expr; // => value` checks `x`. `<expected>` is a JS expression. Numbers
 *   match to the decimals written (`0.6588` = ±0.00005); objects match as a subset (keys not
 *   written are not checked; arrays must have the same length); a string matches a Date by ISO
 *   form.
 * - `await` may be used at the top level of an example.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '..');
const outDir = join(root, '.doctest');

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listSources(full));
    else if (/\.ts$/.test(name) && !/\.test(-d)?\.ts$/.test(name)) out.push(full);
  }
  return out;
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function extractExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  for (const block of text.matchAll(/\/\*\*[\s\S]*?\*\//g)) {
    const lines = block[0].split('\n').map((l) => l.replace(/^\s*\/?\*+\/?\s?/, ''));
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('@example')) continue;
      const start = lines.findIndex((l, j) => j > i && /^```(ts|typescript)/.test(l.trim()));
      if (start < 0) continue;
      const end = lines.findIndex((l, j) => j > start && l.trim() === '```');
      const startLine = text.slice(0, block.index).split('\n').length + start;
      examples.push({ file, line: startLine, code: lines.slice(start + 1, end).join('\n') });
      i = end;
    }
  }
  return examples;
}

function moduleFile(spec: string): string {
  const sub = spec === 'tandem-cx' ? '' : spec.slice('tandem-cx/'.length);
  return join(root, 'src', sub, 'index.ts');
}

/** Turns an example into an ES module exporting `run(check)`. */
function compile(example: Example): string {
  const imports: string[] = [];
  const body: string[] = [];
  let pendingImport = '';
  for (const raw of example.code.split('\n')) {
    if (pendingImport || /^import\s/.test(raw)) {
      pendingImport += `${raw}\n`;
      if (/from\s+['"][^'"]+['"];?\s*$/.test(raw) || /^import\s+['"]/.test(raw)) {
        imports.push(
          pendingImport.replace(
            /from\s+['"](tandem-cx(?:\/[\w/-]+)?)['"]/,
            (_, spec: string) => `from ${JSON.stringify(moduleFile(spec))}`,
          ),
        );
        pendingImport = '';
      }
      continue;
    }
    const m = /^(.*?);?\s*\/\/ => (.+)$/.exec(raw);
    if (!m) {
      body.push(raw);
      continue;
    }
    const [, stmt, expected] = m as unknown as [string, string, string];
    const decl = /^\s*(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=/.exec(stmt);
    const location = JSON.stringify(raw.trim());
    if (decl) body.push(`${stmt};`, `check(${decl[1]}, ${JSON.stringify(expected)}, ${location});`);
    else body.push(`check(${stmt.trim()}, ${JSON.stringify(expected)}, ${location});`);
  }
  return `${imports.join('')}\nexport default async function run(check: (a: unknown, e: string, at: string) => void) {\n${body.join('\n')}\n}\n`;
}

function decimals(source: string): number | null {
  const m = /^-?\d+(?:\.(\d+))?(?:e[+-]?\d+)?$/i.exec(source.trim());
  return m ? (m[1]?.length ?? 0) : null;
}

function matches(actual: unknown, expected: unknown, source: string, path: string, problems: string[]): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const d = decimals(source);
    const tol = d === null ? 1e-9 : 0.5 * 10 ** -d + 1e-12;
    if (Math.abs(actual - expected) > tol) problems.push(`${path}: expected ${expected}, got ${actual}`);
    return;
  }
  if (typeof expected === 'string' && actual instanceof Date) {
    const iso = actual.toISOString();
    if (iso !== expected && iso !== expected.replace(/Z$/, '.000Z'))
      problems.push(`${path}: expected ${expected}, got ${iso}`);
    return;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date) || actual.getTime() !== expected.getTime())
      problems.push(`${path}: expected ${expected.toISOString()}, got ${String(actual)}`);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      problems.push(
        `${path}: expected array of ${expected.length}, got ${JSON.stringify(actual)?.slice(0, 200)}`,
      );
      return;
    }
    for (const [i, e] of expected.entries())
      matches(actual[i], e, JSON.stringify(e) ?? '', `${path}[${i}]`, problems);
    return;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object') {
      problems.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    for (const [k, v] of Object.entries(expected)) {
      matches(
        (actual as Record<string, unknown>)[k],
        v,
        typeof v === 'number' ? String(v) : '',
        `${path}.${k}`,
        problems,
      );
    }
    return;
  }
  if (!Object.is(actual, expected))
    problems.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function check(actual: unknown, expectedSource: string, at: string): void {
  let expected: unknown;
  try {
    expected = new Function(`return (${expectedSource});`)();
  } catch (error) {
    throw new Error(`cannot evaluate expectation "${expectedSource}" at ${at}: ${String(error)}`);
  }
  const problems: string[] = [];
  // For numbers, the literal written in the example sets the tolerance.
  matches(actual, expected, expectedSource, 'value', problems);
  expect(problems, `${at}`).toEqual([]);
}

/** Markdown guides: fences tagged ```ts test are run the same way. */
function extractMarkdownExamples(file: string): Example[] {
  const text = readFileSync(file, 'utf8');
  const examples: Example[] = [];
  for (const match of text.matchAll(/^```ts test\n([\s\S]*?)^```$/gm)) {
    examples.push({ file, line: text.slice(0, match.index).split('\n').length + 1, code: match[1]! });
  }
  return examples;
}

const guides = [
  join(root, 'README.md'),
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => join(root, 'docs', f)),
];
const examples = [
  ...listSources(join(root, 'src')).flatMap(extractExamples),
  ...guides.flatMap(extractMarkdownExamples),
];
mkdirSync(outDir, { recursive: true });

describe('TSDoc @example blocks', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(0);
  });
  for (const [index, example] of examples.entries()) {
    const name = `${relative(root, example.file)}:${example.line}`;
    it(name, async () => {
      const file = join(outDir, `${relative(root, example.file).replace(/[/\\.]/g, '_')}_${index}.ts`);
      writeFileSync(file, compile(example));
      const mod = (await import(/* @vite-ignore */ file)) as { default: (c: typeof check) => Promise<void> };
      await mod.default(check);
    });
  }
});
