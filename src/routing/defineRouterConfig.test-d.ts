// Type-level tests, checked by `npm run typecheck` (tsc): issue 16, problem 5.
import { expectTypeOf } from 'vitest';
import { compileRouter } from './compileRouter';
import { defineRouterConfig } from './defineRouterConfig';
import type { RouterConfig } from './schemas';

// A literal without `as const` type-checks and can be passed on later.
const config = defineRouterConfig({
  rules: [
    { id: 'pl', when: { field: 'customer.language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } },
    {
      id: 'vip',
      when: { all: [{ field: 'customer.vip', op: 'eq', value: true }] },
      then: { queue: 'vip', priority: 1 },
    },
  ],
  fallback: { queue: 'general' },
});
expectTypeOf(config).toEqualTypeOf<RouterConfig>();
compileRouter(config);

// Mistakes are reported where they are written (ops are checked by compileRouter at run time).
defineRouterConfig({
  rules: [{ id: 'x', when: { field: 'customer.language', op: 'eq', value: 'pl' }, then: { queue: 'q' } }],
  fallback: { queue: 'general' },
  // @ts-expect-error: misspelt key
  mdoe: 'all',
});
defineRouterConfig({
  rules: [],
  // @ts-expect-error: 'some' is not a mode
  mode: 'some',
  fallback: { queue: 'general' },
});
