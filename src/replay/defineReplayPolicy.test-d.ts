// Type-level tests, checked by `npm run typecheck` (tsc): issue 16, problem 5.
import { expectTypeOf } from 'vitest';
import { compileReplayPolicy } from './compileReplayPolicy';
import { defineReplayPolicy, type ReplayPolicyInput } from './defineReplayPolicy';

// Sections nested in a literal without `as const` keep their literal types.
const policy = defineReplayPolicy({
  router: {
    rules: [{ id: 'pl', when: { field: 'language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } }],
    fallback: { queue: 'general' },
  },
  surveys: {
    surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }],
  },
  sla: { firstResponse: { 1: '15m', 3: '2h' } },
  offerAcceptance: 0.6,
});
expectTypeOf(policy).toEqualTypeOf<ReplayPolicyInput>();
compileReplayPolicy(policy);

defineReplayPolicy({
  surveys: {
    // @ts-expect-error: 'stars' is not a survey kind (the bare schema types sections as unknown)
    surveys: [{ id: 'csat', kind: 'stars', trigger: 'conversation.resolved', channel: 'email' }],
  },
});
