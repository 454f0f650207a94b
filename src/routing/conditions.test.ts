import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TandemError } from '../model/errors';
import { type Condition, ConditionSchema, compileCondition } from './conditions';
import { findUnsafePattern } from './safeRegex';

function compileError(condition: unknown, path?: string): TandemError {
  try {
    compileCondition(condition as Condition, path === undefined ? {} : { path });
  } catch (error) {
    expect(error).toBeInstanceOf(TandemError);
    return error as TandemError;
  }
  throw new Error('expected a TandemError');
}

const item = {
  customer: { language: 'pl', vip: true, segment: 'enterprise', location: { country: 'PL' }, spend: 1200 },
  message: { text: 'My card was STOLEN yesterday', channel: 'chat' },
  tags: ['billing', 'card'],
  limit: 1000,
  emptyList: [],
  at: new Date('2026-01-01T00:00:00Z'),
};

describe('compileCondition — operators', () => {
  it.each<[Condition, boolean]>([
    [{ field: 'customer.language', op: 'eq', value: 'pl' }, true],
    [{ field: 'customer.language', op: 'eq', value: 'PL' }, false],
    [{ field: 'customer.language', op: 'eq', value: 'PL', ignoreCase: true }, true],
    [{ field: 'customer.language', op: 'ne', value: 'en' }, true],
    [{ field: 'customer.missing', op: 'ne', value: 'en' }, true],
    [{ field: 'customer.location.country', op: 'in', value: ['PL', 'CZ'] }, true],
    [{ field: 'customer.location.country', op: 'nin', value: ['PL', 'CZ'] }, false],
    [{ field: 'customer.spend', op: 'gt', value: 1000 }, true],
    [{ field: 'customer.spend', op: 'gte', value: 1200 }, true],
    [{ field: 'customer.spend', op: 'lt', value: 1200 }, false],
    [{ field: 'customer.spend', op: 'lte', value: 1200 }, true],
    [{ field: 'customer.language', op: 'gt', value: 0 }, false],
    [{ field: 'customer.spend', op: 'between', value: [1000, 2000] }, true],
    [{ field: 'customer.spend', op: 'between', value: [1, 2] }, false],
    [{ field: 'tags', op: 'contains', value: 'card' }, true],
    [{ field: 'message.text', op: 'contains', value: 'stolen' }, false],
    [{ field: 'message.text', op: 'contains', value: 'stolen', ignoreCase: true }, true],
    [{ field: 'tags', op: 'containsAny', value: ['x', 'billing'] }, true],
    [{ field: 'tags', op: 'containsAll', value: ['card', 'billing'] }, true],
    [{ field: 'tags', op: 'containsAll', value: ['card', 'x'] }, false],
    [{ field: 'message.text', op: 'containsAny', value: ['fraud', 'stolen'], ignoreCase: true }, true],
    [{ field: 'message.text', op: 'startsWith', value: 'My' }, true],
    [{ field: 'message.text', op: 'endsWith', value: 'YESTERDAY', ignoreCase: true }, true],
    [{ field: 'message.text', op: 'matches', value: '\\bstol(en|e)\\b', ignoreCase: true }, true],
    [{ field: 'message.text', op: 'matches', value: '^refund' }, false],
    [{ field: 'customer.vip', op: 'exists' }, true],
    [{ field: 'customer.nope', op: 'exists' }, false],
    [{ field: 'customer.nope', op: 'exists', value: false }, true],
    [{ field: 'emptyList', op: 'empty' }, true],
    [{ field: 'tags', op: 'empty' }, false],
    [{ field: 'customer.nope', op: 'empty' }, true],
    [{ field: 'tags.length', op: 'eq', value: 2 }, true],
    [{ field: 'tags.0', op: 'eq', value: 'billing' }, true],
    [{ field: 'at', op: 'gt', value: 0 }, true],
    [{ field: 'customer.spend', op: 'gt', value: { field: 'limit' } }, true],
    [{ field: 'customer.spend', op: 'lt', value: { field: 'limit' } }, false],
    [
      {
        all: [
          { field: 'customer.vip', op: 'eq', value: true },
          { field: 'tags', op: 'contains', value: 'card' },
        ],
      },
      true,
    ],
    [
      {
        any: [
          { field: 'customer.vip', op: 'eq', value: false },
          { field: 'tags', op: 'contains', value: 'x' },
        ],
      },
      false,
    ],
    [{ not: { field: 'customer.vip', op: 'eq', value: true } }, false],
  ])('%j → %s', (condition, expected) => {
    const compiled = compileCondition(condition);
    expect(compiled.test(item)).toBe(expected);
    expect(compiled.explain(item).result).toBe(expected);
  });

  it('reads own properties only', () => {
    const c = compileCondition({ field: 'toString', op: 'exists' });
    expect(c.test({})).toBe(false);
    const inherited = Object.create({ secret: 'x' }) as object;
    expect(compileCondition({ field: 'secret', op: 'eq', value: 'x' }).test(inherited)).toBe(false);
    expect(compileCondition({ field: 'a.b', op: 'exists' }).test({ a: 'str' })).toBe(false);
    expect(compileCondition({ field: 'a.b', op: 'exists' }).test(null)).toBe(false);
  });

  it('caps the input of matches', () => {
    const c = compileCondition({ field: 't', op: 'matches', value: 'needle' });
    expect(c.test({ t: `${'x'.repeat(20_000)}needle` })).toBe(false);
    expect(c.test({ t: `needle${'x'.repeat(20_000)}` })).toBe(true);
  });

  it('explains in evaluation order with short-circuit', () => {
    const c = compileCondition(
      {
        any: [
          { field: 'customer.language', op: 'eq', value: 'en' },
          {
            all: [
              { field: 'customer.vip', op: 'eq', value: true },
              { field: 'customer.spend', op: 'gt', value: { field: 'limit' } },
            ],
          },
          { field: 'never', op: 'exists' },
        ],
      },
      { path: 'rules[0].when' },
    );
    const trace = c.explain(item);
    expect(trace.result).toBe(true);
    expect(trace.leaves).toEqual([
      {
        path: 'rules[0].when.any[0]',
        field: 'customer.language',
        op: 'eq',
        expected: 'en',
        seen: 'pl',
        result: false,
      },
      {
        path: 'rules[0].when.any[1].all[0]',
        field: 'customer.vip',
        op: 'eq',
        expected: true,
        seen: true,
        result: true,
      },
      {
        path: 'rules[0].when.any[1].all[1]',
        field: 'customer.spend',
        op: 'gt',
        expected: 1000,
        against: 'limit',
        seen: 1200,
        result: true,
      },
    ]);
  });
});

describe('compileCondition — bad input', () => {
  it('unknown op names its path', () => {
    const err = compileError(
      {
        any: [
          { field: 'a', op: 'eq', value: 1 },
          { field: 'b', op: 'equals', value: 1 },
        ],
      },
      'rules[3].when',
    );
    expect(err.code).toBe('INVALID_CONFIG');
    expect(err.path).toBe('rules[3].when.any[1].op');
    expect(err.message).toContain('unknown op "equals"');
  });
  it.each(['a..b', '.a', 'a.', '', 'a b', 'a[0]'])('malformed path %j', (field) => {
    const err = compileError({ field, op: 'exists' }, 'rules[0].when');
    expect(err.path).toBe('rules[0].when.field');
  });
  it.each(['__proto__', 'a.constructor', 'x.prototype.y', 'customer.__proto__.polluted'])(
    'prototype path %j',
    (field) => {
      const err = compileError({ field, op: 'exists' });
      expect(err.path).toBe('field');
      expect(err.message).toMatch(/forbidden segment/);
    },
  );
  it('prototype path in a field reference', () => {
    const err = compileError({ field: 'a', op: 'eq', value: { field: '__proto__' } });
    expect(err.path).toBe('value');
  });
  it.each([
    '(a+)+$',
    '(a*)*',
    '(a|a)*',
    '(a|ab)+',
    '(\\w|\\d)*x',
    '(?:\\d+){2,}',
    '(a)\\1',
    '(?<x>a)\\k<x>',
    '((ab)*c)+',
    'x'.repeat(300),
  ])('unsafe pattern %j', (pattern) => {
    const err = compileError({ all: [{ field: 't', op: 'matches', value: pattern }] }, 'rules[1].when');
    expect(err.path).toBe('rules[1].when.all[0].value');
  });
  it.each([
    '^refund',
    '(cat|dog)+',
    '\\b(card|account) (blocked|stolen)\\b',
    '[a-z]+@[a-z]+\\.com',
    '(ab)?c+',
    '\\p{L}+',
    'a{2,3}',
  ])('safe pattern %j', (pattern) => {
    expect(findUnsafePattern(pattern)).toBeNull();
    expect(() => compileCondition({ field: 't', op: 'matches', value: pattern })).not.toThrow();
  });
  it('invalid regex syntax', () => {
    expect(compileError({ field: 't', op: 'matches', value: '(' }).path).toBe('value');
  });
  it.each<[unknown, string]>([
    [{ field: 'a', op: 'gt', value: 'x' }, 'value'],
    [{ field: 'a', op: 'in', value: 'x' }, 'value'],
    [{ field: 'a', op: 'between', value: [3, 1] }, 'value'],
    [{ field: 'a', op: 'eq' }, 'value'],
    [{ field: 'a' }, 'op'],
    [{ all: [] }, 'all'],
    [{ all: [{ field: 'a', op: 'exists' }], any: [{ field: 'a', op: 'exists' }] }, ''],
    [{ not: { field: 'a', op: 'exists', extra: 1 } }, 'not'],
    [{ op: 'eq', value: 1 }, ''],
  ])('%j → error at %j', (condition, path) => {
    expect(compileError(condition).path).toBe(path);
  });
  it('lists every problem', () => {
    const err = compileError({
      all: [
        { field: 'a', op: 'bogus', value: 1 },
        { field: '__proto__', op: 'exists' },
      ],
    });
    expect(err.issues.map((i) => i.path)).toEqual(['all[0].op', 'all[1].field']);
  });
  it('unknown fields against an item schema', () => {
    const itemSchema = z.object({
      customer: z
        .object({ language: z.string().optional(), attributes: z.record(z.string(), z.unknown()) })
        .optional(),
      tags: z.array(z.string()),
    });
    expect(() =>
      compileCondition(
        {
          all: [
            { field: 'customer.attributes.plan', op: 'exists' },
            { field: 'tags.0', op: 'exists' },
          ],
        },
        { itemSchema },
      ),
    ).not.toThrow();
    let err: TandemError | undefined;
    try {
      compileCondition(
        { any: [{ field: 'customer.langauge', op: 'eq', value: 'pl' }] },
        { itemSchema, path: 'when' },
      );
    } catch (e) {
      err = e as TandemError;
    }
    expect(err?.path).toBe('when.any[0].field');
    expect(err?.message).toContain('unknown field "customer.langauge"');
  });
  it('module name in errors', () => {
    try {
      compileCondition({ field: 'a', op: 'nope' } as unknown as Condition, {
        module: 'surveys',
        path: 'audience',
      });
    } catch (e) {
      expect((e as TandemError).message).toMatch(/^\[tandem-cx\] \[surveys\] audience\.op/);
    }
  });
});

describe('compileCondition — properties', () => {
  const leaf = fc.record({
    field: fc.constantFrom('a', 'b', 'c.d'),
    op: fc.constantFrom('eq' as const, 'ne' as const, 'gt' as const, 'lte' as const),
    value: fc.integer({ min: 0, max: 3 }),
  });
  const cond: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('c') }),
    ),
  })).c;
  const itemArb = fc.record({
    a: fc.integer({ min: 0, max: 3 }),
    b: fc.integer({ min: 0, max: 3 }),
    c: fc.record({ d: fc.integer({ min: 0, max: 3 }) }),
  });
  it('test and explain agree; not inverts', () => {
    fc.assert(
      fc.property(cond, itemArb, (c, it) => {
        expect(ConditionSchema.safeParse(c).success).toBe(true);
        const compiled = compileCondition(c);
        const r = compiled.test(it);
        expect(compiled.explain(it).result).toBe(r);
        expect(compileCondition({ not: c }).test(it)).toBe(!r);
      }),
      { numRuns: 300 },
    );
  });
});
