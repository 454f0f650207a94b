import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { formatPath, parseWithSchema, TandemError, toTandemError } from './errors';

describe('TandemError', () => {
  it('prefixes the module and the path', () => {
    const e = new TandemError({
      code: 'NOT_FOUND',
      module: 'knowledge',
      message: 'no article "x"',
      path: 'id',
    });
    expect(e.message).toBe('[tandem-cx] [knowledge] id: no article "x"');
    expect(e.name).toBe('TandemError');
    expect(e.issues).toEqual([{ path: 'id', message: 'no article "x"' }]);
  });

  it('keeps the cause', () => {
    const cause = new Error('boom');
    const e = new TandemError({ code: 'INVALID_INPUT', module: 'model', message: 'bad', cause });
    expect(e.cause).toBe(cause);
    expect(e.path).toBe('');
  });
});

describe('formatPath', () => {
  it.each([
    [[], ''],
    [['a'], 'a'],
    [['a', 0, 'b'], 'a[0].b'],
    [[0, 'x'], '[0].x'],
    [['meta', 'a b'], 'meta["a b"]'],
  ])('%j -> %s', (path, expected) => {
    expect(formatPath(path as PropertyKey[])).toBe(expected);
  });
});

describe('toTandemError / parseWithSchema', () => {
  const schema = z.object({ rules: z.array(z.object({ id: z.string(), n: z.number().min(0) })) });

  it('lists every issue with its path', () => {
    try {
      parseWithSchema(
        schema,
        { rules: [{ id: 'a', n: -1 }, { n: 2 }] },
        { module: 'routing', code: 'INVALID_CONFIG', what: 'router config' },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      const err = e as TandemError;
      expect(err.code).toBe('INVALID_CONFIG');
      expect(err.issues.map((i) => i.path)).toEqual(['rules[0].n', 'rules[1].id']);
      expect(err.message).toContain('[tandem-cx] [routing] invalid router config: 2 problems');
      expect(err.message).toContain('rules[1].id');
    }
  });

  it('applies a path prefix (row numbers for records)', () => {
    const r = z.object({ at: z.string() }).safeParse({});
    const err = toTandemError(r.error!, { module: 'metrics', pathPrefix: ['rows', 41] });
    expect(err.path).toBe('rows[41].at');
    expect(err.code).toBe('INVALID_INPUT');
  });
});
