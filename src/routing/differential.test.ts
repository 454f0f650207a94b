// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
/**
 * Differential test: generated rule sets and items give the same first-match decision in
 * compileRouter and in json-rules-engine (the de-facto JS rule engine) on the equivalent rules.
 * Only the operators json-rules-engine has are generated (eq/ne/in/nin/gt/gte/lt/lte, array
 * `contains`, all/any/not, fact-to-fact comparison). Deliberate differences, covered by unit tests
 * instead: our `contains` also does substring search on strings (json-rules-engine: arrays only),
 * and our numeric operators do not coerce numeric strings ("12" > 5 is false here).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type GeneratedConfig, generateRuleSet, toJreEngine } from '../../test/support/ruleSets';
import { compileRouter } from './compileRouter';
import type { Condition, LeafCondition } from './conditions';

const FIELDS = {
  'customer.language': fc.constantFrom('pl', 'en', 'de', 'zh'),
  'customer.country': fc.constantFrom('PL', 'DE', 'US'),
  'customer.vip': fc.boolean(),
  'customer.spend': fc.integer({ min: 0, max: 5 }),
  'customer.limit': fc.integer({ min: 0, max: 5 }),
  channel: fc.constantFrom('chat', 'email', 'phone'),
  tags: fc.subarray(['billing', 'card', 'fraud', 'delivery']),
} as const;
type Field = keyof typeof FIELDS;
const NUMERIC: Field[] = ['customer.spend', 'customer.limit'];
const SCALAR_VALUES = fc.constantFrom<string | number | boolean>(
  'pl',
  'en',
  'PL',
  'US',
  'chat',
  'email',
  true,
  false,
  0,
  2,
  4,
);

const leafArb: fc.Arbitrary<LeafCondition> = fc.oneof(
  fc.record({
    field: fc.constantFrom<Field>(...(Object.keys(FIELDS) as Field[]).filter((f) => f !== 'tags')),
    op: fc.constantFrom('eq' as const, 'ne' as const),
    value: SCALAR_VALUES,
  }),
  fc.record({
    field: fc.constantFrom<Field>('customer.language', 'customer.country', 'channel', 'customer.spend'),
    op: fc.constantFrom('in' as const, 'nin' as const),
    value: fc.array(SCALAR_VALUES, { minLength: 1, maxLength: 3 }),
  }),
  fc.record({
    field: fc.constantFrom<Field>(...NUMERIC, 'customer.language', 'customer.vip'),
    op: fc.constantFrom('gt' as const, 'gte' as const, 'lt' as const, 'lte' as const),
    value: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom({ field: 'customer.limit' })),
  }),
  fc.record({
    field: fc.constant<Field>('tags'),
    op: fc.constant('contains' as const),
    value: fc.constantFrom('billing', 'card', 'fraud', 'delivery'),
  }),
);

const conditionArb: fc.Arbitrary<Condition> = fc.letrec<{ c: Condition }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leafArb,
    fc.record({ all: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('c'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ not: tie('c') }),
  ),
})).c;

// customer is sometimes missing entirely, and each key inside it sometimes absent.
const itemArb = fc.record(
  {
    customer: fc.record(
      {
        language: FIELDS['customer.language'],
        country: FIELDS['customer.country'],
        vip: FIELDS['customer.vip'],
        spend: FIELDS['customer.spend'],
        limit: FIELDS['customer.limit'],
      },
      { requiredKeys: [] },
    ),
    channel: FIELDS.channel,
    tags: FIELDS.tags,
  },
  { requiredKeys: [] },
);

describe('compileRouter ≡ json-rules-engine on generated rules', () => {
  it('same first-match decision', async () => {
    const seen = { matched: 0, fallback: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(conditionArb, { minLength: 1, maxLength: 6 }),
        fc.array(itemArb, { minLength: 1, maxLength: 6 }),
        async (conditions, items) => {
          const config: GeneratedConfig = {
            rules: conditions.map((when, i) => ({ id: `r${i}`, when, then: { queue: `q${i}` } })),
            fallback: { queue: 'fallback' },
          };
          const router = compileRouter(config);
          // The one translation to json-rules-engine (test/support/ruleSets.ts): every rule runs,
          // and `route` gives the lowest matching index.
          const engine = toJreEngine(config);
          for (const item of items) {
            const index = await engine.route(structuredClone(item));
            const expected = index >= 0 ? `q${index}` : 'fallback';
            expect(router.route(item).queue).toBe(expected);
            seen[expected === 'fallback' ? 'fallback' : 'matched']++;
            expect(router.route(item, { explain: true }).queue).toBe(expected);
          }
        },
      ),
      { numRuns: 200 },
    );
    // The generators must exercise both outcomes, or the comparison proves little. (Runs are
    // random; 150 runs once gave 44 matches, so the floor is set for 200 runs with room.)
    expect(seen.matched).toBeGreaterThan(40);
    expect(seen.fallback).toBeGreaterThan(40);
  });
});

/**
 * The same comparison on realistic generated rule sets (test/support/ruleSets.ts: anchors, nested
 * all/any/not, every operator, ignoreCase, field-to-field values, disabled rules), in both modes.
 * Operators json-rules-engine lacks are added to it as custom operators with the documented
 * semantics (see `toJreCondition`); everything else uses json-rules-engine's own operators.
 */
describe('compileRouter ≡ json-rules-engine on generated rule sets', () => {
  it('same first match (mode first) and same matches (mode all)', async () => {
    const seen = { matched: 0, fallback: 0, several: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 0x7fffffff }),
        fc.integer({ min: 3, max: 30 }),
        async (seed, rules) => {
          const set = generateRuleSet(seed, { rules, items: 6 });
          const first = compileRouter(set.config);
          const all = compileRouter({ ...set.config, mode: 'all' });
          const jre = toJreEngine(set.config);
          const ids = set.config.rules.map((r) => r.id);
          for (const item of set.items) {
            const expected = await jre.matches(structuredClone(item));
            const firstId = expected.length ? ids[expected[0]!] : undefined;
            const decision = first.route(item);
            expect(decision.kind === 'matched' ? decision.ruleId : undefined).toBe(firstId);
            const explained = first.route(item, { explain: true });
            expect(explained.kind === 'matched' ? explained.ruleId : undefined).toBe(firstId);
            const every = all.route(item);
            const got = every.kind === 'fallback' ? [] : (every.ruleIds ?? [every.ruleId]);
            expect(got).toEqual(expected.map((i) => ids[i]));
            seen[expected.length === 0 ? 'fallback' : 'matched']++;
            if (expected.length > 1) seen.several++;
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(seen.matched).toBeGreaterThan(100);
    expect(seen.fallback).toBeGreaterThan(100);
    expect(seen.several).toBeGreaterThan(20);
  });
});
