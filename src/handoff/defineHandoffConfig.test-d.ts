// Type-level tests, checked by `npm run typecheck` (tsc): issue 16, problem 5.
import { expectTypeOf } from 'vitest';
import { createHandoffPolicy } from './createHandoffPolicy';
import { defineHandoffConfig } from './defineHandoffConfig';
import type { HandoffPolicyConfig } from './schemas';

const config = defineHandoffConfig({});
expectTypeOf(config).toEqualTypeOf<HandoffPolicyConfig>();
createHandoffPolicy(config);

// @ts-expect-error: misspelt key
defineHandoffConfig({ clarifyAttemps: 2 });
