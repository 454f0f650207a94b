// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TandemError } from '../model/errors';
import { compileRouter } from './compileRouter';
import type { RouterConfig } from './schemas';

function configError(config: unknown): TandemError {
  try {
    compileRouter(config as RouterConfig);
  } catch (error) {
    expect(error).toBeInstanceOf(TandemError);
    expect((error as TandemError).code).toBe('INVALID_CONFIG');
    return error as TandemError;
  }
  throw new Error('expected a TandemError');
}

const config: RouterConfig = {
  rules: [
    {
      id: 'fraud',
      description: 'stolen cards and fraud go to the fraud desk at once',
      when: { field: 'message.text', op: 'matches', value: '\\b(stolen|fraud)\\b', ignoreCase: true },
      then: { queue: 'fraud', priority: 1, skills: ['fraud'], tags: ['urgent'] },
    },
    {
      id: 'old',
      enabled: false,
      when: { field: 'customer.language', op: 'eq', value: 'pl' },
      then: { queue: 'legacy' },
    },
    {
      id: 'pl',
      when: {
        any: [
          { field: 'customer.language', op: 'eq', value: 'pl' },
          { field: 'customer.location.country', op: 'eq', value: 'PL' },
        ],
      },
      then: { queue: 'polish', skills: ['pl'], language: 'pl' },
    },
    {
      id: 'vip',
      when: { field: 'customer.vip', op: 'eq', value: true },
      then: { queue: 'vip', priority: 2, skills: ['vip'], tags: ['vip'] },
    },
  ],
  fallback: { queue: 'general' },
};

describe('compileRouter', () => {
  const router = compileRouter(config);
  it('pinned shape', () => {
    const r = compileRouter({
      rules: [
        { id: 'pl', when: { field: 'customer.language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } },
      ],
      fallback: { queue: 'general' },
    });
    expect(r.route({ customer: { language: 'pl' } })).toEqual({
      kind: 'matched',
      ruleId: 'pl',
      queue: 'polish',
      priority: 3,
      skills: [],
      tags: [],
    });
    expect(r.route({ customer: { language: 'en' } })).toEqual({
      kind: 'fallback',
      queue: 'general',
      priority: 3,
      skills: [],
      tags: [],
    });
  });
  it('first match wins, in order; disabled rules never match', () => {
    expect(
      router.route({ customer: { language: 'pl', vip: true }, message: { text: 'My card was STOLEN' } }),
    ).toMatchObject({
      kind: 'matched',
      ruleId: 'fraud',
      priority: 1,
    });
    expect(router.route({ customer: { language: 'pl', vip: true } })).toMatchObject({
      ruleId: 'pl',
      queue: 'polish',
      language: 'pl',
    });
    expect(router.route({ customer: { location: { country: 'PL' } } }).queue).toBe('polish');
    expect(router.route({ customer: { vip: true } })).toMatchObject({ ruleId: 'vip', priority: 2 });
    expect(router.route({}).kind).toBe('fallback');
  });
  it('decisions without explain are frozen and shared (no allocation)', () => {
    const a = router.route({ customer: { vip: true } });
    const b = router.route({ customer: { vip: true } });
    expect(a).toBe(b);
    expect(Object.isFrozen(a)).toBe(true);
    expect(Object.isFrozen(a.skills)).toBe(true);
  });
  it('mode all collects skills and tags, most urgent priority, first queue', () => {
    const all = compileRouter({ ...config, mode: 'all' });
    const d = all.route({ customer: { language: 'pl', vip: true }, message: { text: 'fraud!' } });
    expect(d).toEqual({
      kind: 'matched',
      ruleId: 'fraud',
      ruleIds: ['fraud', 'pl', 'vip'],
      queue: 'fraud',
      priority: 1,
      skills: ['fraud', 'pl', 'vip'],
      tags: ['urgent', 'vip'],
      language: 'pl',
    });
    expect(all.route({ customer: { vip: true } })).toMatchObject({ ruleId: 'vip', priority: 2 });
    expect(all.route({}).kind).toBe('fallback');
    const explained = all.route({ customer: { language: 'pl', vip: true } }, { explain: true });
    expect(explained.trace?.rules.map((r) => [r.ruleId, r.enabled, r.matched])).toEqual([
      ['fraud', true, false],
      ['old', false, false],
      ['pl', true, true],
      ['vip', true, true],
    ]);
  });
  it('explain lists every rule evaluated, with the values seen, in order', () => {
    const d = router.route(
      { customer: { language: 'de', location: { country: 'PL' } }, message: { text: 'hello' } },
      { explain: true },
    );
    expect(d.kind).toBe('matched');
    expect(d.trace).toEqual({
      mode: 'first',
      rules: [
        {
          ruleId: 'fraud',
          description: 'stolen cards and fraud go to the fraud desk at once',
          enabled: true,
          matched: false,
          conditions: [
            {
              path: 'rules[0].when',
              field: 'message.text',
              op: 'matches',
              expected: '\\b(stolen|fraud)\\b',
              seen: 'hello',
              result: false,
            },
          ],
        },
        { ruleId: 'old', enabled: false, matched: false, conditions: [] },
        {
          ruleId: 'pl',
          enabled: true,
          matched: true,
          conditions: [
            {
              path: 'rules[2].when.any[0]',
              field: 'customer.language',
              op: 'eq',
              expected: 'pl',
              seen: 'de',
              result: false,
            },
            {
              path: 'rules[2].when.any[1]',
              field: 'customer.location.country',
              op: 'eq',
              expected: 'PL',
              seen: 'PL',
              result: true,
            },
          ],
        },
      ],
    });
    // explain gives the same decision as the hot path
    const { trace: _t, ...rest } = d;
    expect(rest).toEqual({ ...router.route({ customer: { language: 'de', location: { country: 'PL' } } }) });
  });
});

describe('compileRouter — bad input', () => {
  it('unknown op names the full path', () => {
    const err = configError({
      rules: [
        { id: 'a', when: { field: 'x', op: 'eq', value: 1 }, then: { queue: 'q' } },
        {
          id: 'b',
          when: {
            any: [
              { field: 'x', op: 'eq', value: 1 },
              { field: 'y', op: 'equals', value: 2 },
            ],
          },
          then: { queue: 'q' },
        },
      ],
      fallback: { queue: 'g' },
    });
    expect(err.path).toBe('rules[1].when.any[1].op');
    expect(err.message).toMatch(/^\[tandem-cx\] \[routing\]/);
  });
  it('malformed path', () => {
    expect(
      configError({
        rules: [
          { id: 'a', when: { field: 'customer..language', op: 'eq', value: 'pl' }, then: { queue: 'q' } },
        ],
        fallback: { queue: 'g' },
      }).path,
    ).toBe('rules[0].when.field');
  });
  it('catastrophic regex', () => {
    const err = configError({
      rules: [
        {
          id: 'a',
          when: { all: [{ field: 'message.text', op: 'matches', value: '(a+)+$' }] },
          then: { queue: 'q' },
        },
      ],
      fallback: { queue: 'g' },
    });
    expect(err.path).toBe('rules[0].when.all[0].value');
    expect(err.message).toMatch(/nested quantifiers/);
  });
  it('duplicate rule id', () => {
    const err = configError({
      rules: [
        { id: 'a', when: { field: 'x', op: 'exists' }, then: { queue: 'q' } },
        { id: 'b', when: { field: 'x', op: 'exists' }, then: { queue: 'q' } },
        { id: 'a', when: { field: 'x', op: 'exists' }, then: { queue: 'q' } },
      ],
      fallback: { queue: 'g' },
    });
    expect(err.path).toBe('rules[2].id');
    expect(err.message).toMatch(/duplicate rule id "a"/);
  });
  it('every problem listed; missing fallback; bad priority', () => {
    const err = configError({
      rules: [{ id: 'a', when: { field: '__proto__', op: 'exists' }, then: { queue: '', priority: 9 } }],
    });
    expect(err.issues.map((i) => i.path).sort()).toEqual([
      'fallback',
      'rules[0].then.priority',
      'rules[0].then.queue',
      'rules[0].when.field',
    ]);
  });
  it('unknown field against an item schema', () => {
    const itemSchema = z.object({ customer: z.object({ language: z.string() }) });
    expect(() =>
      compileRouter(
        {
          rules: [{ id: 'a', when: { field: 'customer.lang', op: 'eq', value: 'pl' }, then: { queue: 'q' } }],
          fallback: { queue: 'g' },
        },
        { itemSchema },
      ),
    ).toThrowError(/rules\[0\]\.when\.field: .*unknown field "customer\.lang"/);
  });
});

describe('compileRouter — re-entrancy', () => {
  it('a getter on the item that routes again does not corrupt the field cache', () => {
    const router = compileRouter({
      rules: [
        {
          id: 'a',
          when: {
            all: [
              { field: 'x', op: 'eq', value: 1 },
              { field: 'y', op: 'eq', value: 2 },
            ],
          },
          then: { queue: 'qa' },
        },
        { id: 'b', when: { field: 'x', op: 'eq', value: 1 }, then: { queue: 'qb' } },
      ],
      fallback: { queue: 'g' },
    });
    let inner: string | undefined;
    const item = {
      x: 1,
      get y() {
        inner = router.route({ x: 5, y: 2 }).queue;
        return 3;
      },
    };
    expect(router.route(item).queue).toBe('qb');
    expect(inner).toBe('g');
    expect(router.route({ x: 1, y: 2 }).queue).toBe('qa');
  });
});
