import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The shape of package.json that the packed-tarball checks (test/package/consumers.mjs,
// test/package/attw.mjs) rely on, checked in every `npm test` without a build: a subpath added to
// "exports" must also be added to "typesVersions" (TypeScript's legacy node10 resolution does not
// read "exports"), and only the vitest contract suites are ESM-only.
type Conditions = Record<string, { types: string; default: string }>;
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  exports: Record<string, Conditions | string>;
  typesVersions: Record<string, Record<string, string[]>>;
};
const subpaths = Object.keys(pkg.exports).filter((k) => k !== '.' && k !== './package.json');

describe('package.json', () => {
  it('maps every subpath for node10 resolution (typesVersions) to its ESM types', () => {
    const mapped = pkg.typesVersions['*'] ?? {};
    expect(Object.keys(mapped).sort()).toEqual(subpaths.map((k) => k.slice(2)).sort());
    for (const key of subpaths) {
      const conditions = pkg.exports[key] as Conditions;
      expect(mapped[key.slice(2)], key).toEqual([conditions.import!.types]);
    }
  });

  it('ships the /testing subpaths as ESM only and every other subpath as ESM and CommonJS', () => {
    for (const key of subpaths) {
      const conditions = pkg.exports[key] as Conditions;
      expect(Object.keys(conditions), key).toEqual(
        key.endsWith('/testing') ? ['import'] : ['import', 'require'],
      );
    }
  });
});
