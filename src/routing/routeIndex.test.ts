// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
/**
 * The hot path of `route()` (value index over `eq`/`in` guards, lazily applied; per-call field
 * table; shared path prefixes) against the plain semantics: each rule's compiled condition tested
 * in order (`compileCondition(...).test`), and `explain`, which does not use the index. Rule sets
 * are large enough (up to 40 rules on 4 fields) for fields to be indexed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRouter } from './compileRouter';
import { type Condition, compileCondition, type LeafCondition } from './conditions';
import type { RouterConfig } from './schemas';

const FIELDS = ['customer.language', 'customer.location.country', 'channel'] as const;
// Values that stress `===` / SameValueZero: NaN, -0 vs 0, '1' vs 1, null, booleans.
const VALUES = ['pl', 'en', 'de', 'PL', '1', 'chat', 1, 0, -0, Number.NaN, null, true, false] as const;
const valueArb = fc.constantFrom<unknown>(...VALUES);

const leafArb: fc.Arbitrary<LeafCondition> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      field: fc.constantFrom(...FIELDS),
      op: fc.constant('eq' as const),
      value: valueArb,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      field: fc.constantFrom(...FIELDS),
      op: fc.constant('in' as const),
      value: fc.array(valueArb, { minLength: 0, maxLength: 3 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        field: fc.constantFrom(...FIELDS),
        op: fc.constantFrom('ne' as const, 'nin' as const, 'exists' as const),
        value: fc.constantFrom<unknown>('pl', 1, ['en', 0], true),
      })
      .map((l) =>
        l.op === 'exists'
          ? { field: l.field, op: l.op, value: l.value === true }
          : l.op === 'nin'
            ? { ...l, value: ['en', 0] }
            : { ...l, value: 'pl' },
      ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      field: fc.constant('n'),
      op: fc.constant('gte' as const),
      value: fc.constantFrom(0, 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constant<LeafCondition>({
      field: 'channel',
      op: 'eq',
      value: { field: 'customer.language' },
    }),
  },
);
const conditionArb: fc.Arbitrary<Condition> = fc.oneof(
  { weight: 3, arbitrary: leafArb },
  { weight: 4, arbitrary: fc.array(leafArb, { minLength: 1, maxLength: 3 }).map((all) => ({ all })) },
  { weight: 1, arbitrary: fc.array(leafArb, { minLength: 1, maxLength: 2 }).map((any) => ({ any })) },
  { weight: 1, arbitrary: leafArb.map((not) => ({ not })) },
);

const scalarArb = fc.constantFrom<unknown>(...VALUES, undefined, 'fr', 2, { nested: 'pl' }, ['pl']);
const customerArb = fc.record(
  {
    language: scalarArb,
    location: fc.oneof(fc.record({ country: scalarArb }, { requiredKeys: [] }), scalarArb),
  },
  { requiredKeys: [] },
);
// Plain objects, null-prototype objects, objects whose values are inherited (must read as absent).
const wrap = (o: Record<string, unknown>, how: number): unknown =>
  how === 0 ? o : how === 1 ? Object.assign(Object.create(null), o) : Object.create(o);
const itemArb = fc
  .record({
    item: fc.record(
      { customer: fc.oneof(customerArb, scalarArb), channel: scalarArb, n: scalarArb },
      { requiredKeys: [] },
    ),
    how: fc.nat(2),
    innerHow: fc.nat(2),
  })
  .map(({ item, how, innerHow }) => {
    const customer = item.customer;
    const inner =
      customer !== null && typeof customer === 'object' && !Array.isArray(customer)
        ? { ...item, customer: wrap(customer as Record<string, unknown>, innerHow) }
        : item;
    return wrap(inner, how);
  });

describe('route() index ≡ rules tested in order', () => {
  it('same decision as each compiled condition in order, and as explain', () => {
    let matched = 0;
    fc.assert(
      fc.property(
        fc.array(conditionArb, { minLength: 12, maxLength: 40 }),
        fc.array(itemArb, { minLength: 1, maxLength: 12 }),
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        (conditions, items, enabled) => {
          const config: RouterConfig = {
            rules: conditions.map((when, i) => ({
              id: `r${i}`,
              enabled: enabled[i]!,
              when,
              then: { queue: `q${i}` },
            })),
            fallback: { queue: 'fallback' },
          };
          const router = compileRouter(config);
          const tests = conditions.map((c) => compileCondition(c).test);
          for (const item of items) {
            const index = tests.findIndex((test, i) => enabled[i] && test(item));
            const expected = index < 0 ? 'fallback' : `q${index}`;
            if (index >= 0) matched++;
            expect(router.route(item).queue).toBe(expected);
            expect(router.route(item, { explain: true }).queue).toBe(expected);
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(matched).toBeGreaterThan(200);
  });
});

describe('route() index — edge cases', () => {
  const langs = ['pl', 'de', 'es', 'fr', 'pt', 'it'];
  const router = compileRouter({
    rules: [
      // two guards on one field: only values both allow (none here) can match
      {
        id: 'never',
        when: {
          all: [
            { field: 'lang', op: 'eq', value: 'pl' },
            { field: 'lang', op: 'in', value: ['de', 'es'] },
          ],
        },
        then: { queue: 'never' },
      },
      {
        id: 'de-es',
        when: {
          all: [
            { field: 'lang', op: 'in', value: ['de', 'es', 'fr'] },
            { field: 'lang', op: 'in', value: ['es', 'de'] },
            { field: 'n', op: 'gte', value: 5 },
          ],
        },
        then: { queue: 'de-es-big' },
      },
      ...langs.map((l) => ({
        id: l,
        when: { field: 'lang', op: 'eq' as const, value: l },
        then: { queue: l },
      })),
      { id: 'null', when: { field: 'lang', op: 'eq', value: null }, then: { queue: 'null' } },
      { id: 'one', when: { field: 'lang', op: 'in', value: [1, false] }, then: { queue: 'one' } },
    ],
    fallback: { queue: 'general' },
  });

  it.each<[unknown, string]>([
    [{ lang: 'pl', n: 9 }, 'pl'],
    [{ lang: 'de', n: 9 }, 'de-es-big'],
    [{ lang: 'de', n: 1 }, 'de'],
    [{ lang: 'fr', n: 9 }, 'fr'],
    [{ lang: null }, 'null'],
    [{}, 'general'], // undefined is not null
    [{ lang: 1 }, 'one'],
    [{ lang: '1' }, 'general'], // no coercion
    [{ lang: 0 }, 'general'], // false and 0 differ
    [{ lang: false }, 'one'],
    [{ lang: Number.NaN }, 'general'],
  ])('%j → %s', (item, queue) => {
    expect(router.route(item).queue).toBe(queue);
    expect(router.route(item, { explain: true }).queue).toBe(queue);
  });
});

describe('route() reads own properties only (indexed fields too)', () => {
  // 8 rules on customer.language, so the field is indexed.
  const langs = ['pl', 'de', 'es', 'fr', 'pt', 'it', 'zh', 'en'];
  const router = compileRouter({
    rules: [
      ...langs.map((l) => ({
        id: l,
        when: { field: 'customer.language', op: 'eq' as const, value: l },
        then: { queue: l },
      })),
      { id: 'string', when: { field: 'toString', op: 'exists' as const }, then: { queue: 'inherited!' } },
    ],
    fallback: { queue: 'general' },
  });

  it('plain objects, null prototype, arrays', () => {
    expect(router.route({ customer: { language: 'pl' } }).queue).toBe('pl');
    expect(router.route({ customer: Object.assign(Object.create(null), { language: 'de' }) }).queue).toBe(
      'de',
    );
    expect(router.route(Object.assign(Object.create(null), { customer: { language: 'es' } })).queue).toBe(
      'es',
    );
    expect(router.route({}).queue).toBe('general'); // toString is inherited: absent
    expect(router.route([]).queue).toBe('general');
  });

  it('values on the prototype chain read as absent', () => {
    expect(router.route({ customer: Object.create({ language: 'pl' }) }).queue).toBe('general');
    expect(router.route(Object.create({ customer: { language: 'pl' } })).queue).toBe('general');
  });

  it('class instances: own fields are read, prototype getters are not (and are not called)', () => {
    class Own {
      constructor(readonly language: string) {}
    }
    let called = 0;
    class Getter {
      get language(): string {
        called++;
        return 'pl';
      }
    }
    expect(router.route({ customer: new Own('fr') }).queue).toBe('fr');
    expect(router.route({ customer: new Getter() }).queue).toBe('general');
    expect(called).toBe(0);
  });

  it('an own getter is read once per route, however many rules use the field', () => {
    let reads = 0;
    const customer = {
      get language() {
        reads++;
        return 'en';
      },
    };
    expect(router.route({ customer }).queue).toBe('en');
    expect(reads).toBe(1);
  });

  it('a getter on an indexed field that routes again does not corrupt the outer call', () => {
    let inner: string | undefined;
    const customer = {
      get language() {
        inner = router.route({ customer: { language: 'zh' } }).queue;
        return 'it';
      },
    };
    expect(router.route({ customer }).queue).toBe('it');
    expect(inner).toBe('zh');
    expect(router.route({ customer: { language: 'pt' } }).queue).toBe('pt');
  });
});

describe('route() leaf instructions and programs ≡ the condition closures (every operator)', () => {
  // Values that stress each specialised opcode: case, NaN, -0, Dates, strings vs arrays, empties.
  const text = fc.constantFrom<unknown>('Refund please', 'REFUND', 'card stolen', '', 'hi', 'Hi there', 'x');
  const anyValue = fc.oneof(
    text,
    fc.constantFrom<unknown>(
      0,
      -0,
      1,
      5,
      Number.NaN,
      null,
      undefined,
      true,
      false,
      new Date(5),
      new Date(Number.NaN),
      [],
      {},
      { a: 1 },
      ['refund', 'Card'],
      ['CARD', 1, null],
      [Number.NaN],
    ),
  );
  const stringList = fc.array(fc.constantFrom('refund', 'card', 'Card', 'hi', 'REFUND', 'x'), {
    maxLength: 5,
  });
  const scalarList = fc.array(
    fc.constantFrom<string | number | boolean | null>('hi', 'x', 1, 0, true, null, Number.NaN),
    {
      maxLength: 5,
    },
  );
  const fieldArb = fc.constantFrom('a', 'b.c', 'b.d', 'list');
  const leaf: fc.Arbitrary<LeafCondition> = fc.oneof(
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('eq' as const, 'ne' as const),
      value: fc.constantFrom<unknown>('hi', 'HI', 1, 0, true, null),
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('in' as const, 'nin' as const),
      value: scalarList,
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
      value: fc.constantFrom(0, 1, 5, -1),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constant('between' as const),
      value: fc.constantFrom([0, 5], [1, 1], [-1, 0]),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constant('contains' as const),
      value: fc.constantFrom<unknown>('refund', 'card', 'CARD', 1, null),
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('containsAny' as const, 'containsAll' as const),
      value: stringList,
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('startsWith' as const, 'endsWith' as const),
      value: fc.constantFrom('hi', 'Re', 'please', 'X'),
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constant('matches' as const),
      value: fc.constantFrom('^re', 'card\\s+stolen', '\\d'),
      ignoreCase: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom('exists' as const, 'empty' as const),
      value: fc.boolean(),
    }),
    fc.record({
      field: fieldArb,
      op: fc.constantFrom(
        'eq' as const,
        'ne' as const,
        'gt' as const,
        'lte' as const,
        'in' as const,
        'contains' as const,
      ),
      value: fc.constantFrom({ field: 'a' }, { field: 'b.d' }, { field: 'list' }),
    }),
  );
  const node: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
    c: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      leaf,
      fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
      fc.record({ not: tie('c') }),
    ),
  })).c;
  const item = fc.record(
    {
      a: anyValue,
      b: fc.oneof(fc.record({ c: anyValue, d: anyValue }, { requiredKeys: [] }), anyValue),
      list: anyValue,
    },
    { requiredKeys: [] },
  );

  it.each(['first', 'all'] as const)('mode %s', (mode) => {
    fc.assert(
      fc.property(
        fc.array(node, { minLength: 1, maxLength: 12 }),
        fc.array(item, { minLength: 1, maxLength: 8 }),
        (conditions, items) => {
          const router = compileRouter({
            mode,
            rules: conditions.map((when, i) => ({ id: `r${i}`, when, then: { queue: `q${i}` } })),
            fallback: { queue: 'fallback' },
          });
          const tests = conditions.map((c) => compileCondition(c).test);
          for (const it of items) {
            const ids = conditions.flatMap((_, i) => (tests[i]!(it) ? [`r${i}`] : []));
            const decision = router.route(it);
            if (mode === 'first')
              expect(decision.kind === 'matched' ? decision.ruleId : null).toBe(ids[0] ?? null);
            else if (ids.length > 1)
              expect(decision.kind === 'matched' ? decision.ruleIds : null).toEqual(ids);
            else expect(decision.kind === 'matched' ? decision.ruleId : null).toBe(ids[0] ?? null);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
