import type { SurveyPolicyInput } from './schemas';

/**
 * Types a survey policy written as an object literal, without `as const`: an identity function
 * whose parameter gives the literal its type, so `kind: 'csat'` stays `'csat'` instead of widening
 * to `string` (the ten-line TS2345 error when the literal is declared first and passed later), and
 * a misspelt key or value is reported on the line where it is written. It does not validate at run
 * time: `compileSurveyPolicy` (or any function taking the policy) does that.
 *
 * The same pattern as `defineConfig` in Vite and Vitest.
 *
 * @param policy - the policy ({@link SurveyPolicyInput}).
 * @returns the same object, typed as {@link SurveyPolicyInput}.
 *
 * @example
 * ```ts
 * import { defineSurveyPolicy, planSurvey } from 'tandem-cx/surveys';
 * const policy = defineSurveyPolicy({ surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', delay: '24h', channel: 'email' }], quietHours: false });
 * planSurvey({ type: 'conversation.resolved', at: new Date('2026-11-20T18:00:00Z'), customerId: 'u1' }, policy, [], { now: new Date('2026-11-20T18:00:00Z') }); // => { kind: 'scheduled', sendAt: '2026-11-21T18:00:00.000Z' }
 * ```
 */
export function defineSurveyPolicy(policy: SurveyPolicyInput): SurveyPolicyInput {
  return policy;
}
