import type { BusinessCalendarConfig } from '../calendar/schemas';
import type { HandoffPolicyConfig } from '../handoff/schemas';
import type { RouterConfig } from '../routing/schemas';
import type { SurveyPolicyInput } from '../surveys/schemas';
import type { ReplayPolicyConfig } from './schemas';

/**
 * A replay policy with each module section typed by that module's config input (the schema
 * itself keeps the sections `unknown` and hands them to their own validators).
 */
export type ReplayPolicyInput = Omit<ReplayPolicyConfig, 'router' | 'handoff' | 'surveys' | 'calendar'> & {
  /** Routing config (`compileRouter`). */
  router?: RouterConfig;
  /** Handoff policy config (`createHandoffPolicy`). */
  handoff?: HandoffPolicyConfig;
  /** Survey policy (`planSurvey`). */
  surveys?: SurveyPolicyInput;
  /** Business calendar (`createBusinessCalendar`). */
  calendar?: BusinessCalendarConfig;
};

/**
 * Types a replay policy (router, handoff, surveys, calendar, SLA, staffing) written as an object
 * literal, without `as const`: an identity function whose parameter gives the literal its type,
 * so `kind: 'csat'` or `op: 'eq'` deep inside a section stays literal instead of widening to
 * `string`, and a misspelt key or value in any section is reported where it is written. It does
 * not validate at run time: `compileReplayPolicy` does that.
 *
 * The same pattern as `defineConfig` in Vite and Vitest.
 *
 * @param policy - the replay policy ({@link ReplayPolicyInput}).
 * @returns the same object, typed as {@link ReplayPolicyInput}.
 *
 * @example
 * ```ts
 * import { compileReplayPolicy, defineReplayPolicy } from 'tandem-cx/replay';
 * const policy = defineReplayPolicy({ router: { rules: [{ id: 'pl', when: { field: 'language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } }], fallback: { queue: 'general' } }, sla: { firstResponse: { 3: '2h' } } });
 * compileReplayPolicy(policy).sla[3]; // => 7200000
 * ```
 */
export function defineReplayPolicy(policy: ReplayPolicyInput): ReplayPolicyInput {
  return policy;
}
