// Type-level tests, checked by `npm run typecheck` (tsc): issue 16, problem 5 — a survey policy
// literal declared first and passed later needed `as const`, or gave a ten-line TS2345.
import { expectTypeOf } from 'vitest';
import { compileSurveyPolicy } from './compileSurveyPolicy';
import { defineSurveyPolicy } from './defineSurveyPolicy';
import { planSurvey } from './planSurvey';
import type { SurveyPolicyInput } from './schemas';

// A literal without `as const` type-checks and can be passed on later.
const policy = defineSurveyPolicy({
  surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', delay: '24h', channel: 'email' }],
  throttle: '30d',
  quietHours: { start: '21:00', end: '08:00' },
});
expectTypeOf(policy).toEqualTypeOf<SurveyPolicyInput>();
planSurvey({ type: 'conversation.resolved', at: new Date(0), customerId: 'u1' }, policy, [], {
  now: new Date(0),
});
compileSurveyPolicy(policy);

// Mistakes are reported where they are written.
defineSurveyPolicy({
  // @ts-expect-error: 'stars' is not a survey kind
  surveys: [{ id: 'csat', kind: 'stars', trigger: 'conversation.resolved', channel: 'email' }],
});
defineSurveyPolicy({
  surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }],
  // @ts-expect-error: misspelt key
  throtle: '30d',
});
