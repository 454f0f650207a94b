import { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import { parseWithSchema, TandemError, type TandemIssue, validationError } from '../model/errors';
import { type CompiledCondition, compileCondition } from '../routing/conditions';
import {
  type SurveyDefinition,
  type SurveyKind,
  type SurveyPolicy,
  type SurveyPolicyInput,
  SurveyPolicySchema,
  SurveyTriggerEventSchema,
} from './schemas';
import { parseClock, type QuietWindow } from './timeZone';

/**
 * Answer scale of each built-in kind (inclusive); `custom` surveys have none.
 *
 * @example
 * ```ts
 * import { SURVEY_SCALES } from 'tandem-cx/surveys';
 * SURVEY_SCALES.nps; // => { min: 0, max: 10 }
 * ```
 */
export const SURVEY_SCALES: Readonly<Record<Exclude<SurveyKind, 'custom'>, { min: number; max: number }>> =
  Object.freeze({
    csat: Object.freeze({ min: 1, max: 5 }),
    nps: Object.freeze({ min: 0, max: 10 }),
    ces: Object.freeze({ min: 1, max: 7 }),
  });

/** A survey of a compiled policy: the validated definition plus what planning needs, precomputed. */
export interface CompiledSurvey {
  readonly definition: SurveyDefinition;
  readonly id: string;
  readonly kind: SurveyKind;
  readonly triggers: readonly string[];
  /** Position in the policy's `surveys`. */
  readonly index: number;
  readonly expiry: number;
  readonly reminders: { readonly count: number; readonly spacing: number };
  /** Audience test over `{ event, recipient, customer }`; absent = everyone. */
  readonly audience: CompiledCondition | undefined;
}

/** A validated, frozen survey policy, ready for many `planSurvey` calls. */
export interface CompiledSurveyPolicy {
  readonly kind: 'compiled-survey-policy';
  /** The validated policy (durations in ms, defaults filled). */
  readonly policy: SurveyPolicy;
  readonly surveys: readonly CompiledSurvey[];
  /** Surveys by trigger name, in policy order. */
  readonly byTrigger: ReadonlyMap<string, readonly CompiledSurvey[]>;
  /** Quiet window in minutes after local midnight, or null when disabled. */
  readonly quietWindow: QuietWindow | null;
  /** Optional business calendar: sends are also deferred to its open hours. */
  readonly calendar: BusinessCalendar | undefined;
  /** Looks a survey up by id. */
  survey(id: string): CompiledSurvey | undefined;
}

/** Options for {@link compileSurveyPolicy}. */
export interface CompileSurveyPolicyOptions {
  /** Send only inside this calendar's open hours (after quiet hours), e.g. when a follow-up call may be offered. */
  calendar?: BusinessCalendar;
}

// What audience rules see: `event.*` fields are checked at compile time (a typo such as
// `event.tag` is a config error); recipient/customer attributes are the host's own, so free-form.
const AudienceItemSchema = z.object({
  event: SurveyTriggerEventSchema,
  recipient: z.unknown(),
  customer: z.unknown(),
});

/** True for a policy made by {@link compileSurveyPolicy}. */
export function isCompiledSurveyPolicy(value: unknown): value is CompiledSurveyPolicy {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { kind?: unknown }).kind === 'compiled-survey-policy'
  );
}

/**
 * Validates a survey policy once and precomputes what `planSurvey` needs (surveys by trigger,
 * compiled audience rules, quiet window). Pass the result to `planSurvey` and
 * `createSurveyScheduler` instead of the raw policy when planning many events.
 *
 * @param policy - the survey policy (see {@link SurveyPolicySchema}).
 * @param options - `calendar`: an optional business calendar sends must also fall in.
 * @returns a frozen {@link CompiledSurveyPolicy}.
 * @throws {@link TandemError} `INVALID_CONFIG` listing every problem with its path
 * (`quietHours.start`, `surveys[0].delay`, `surveys[1].kind`, `surveys[2].audience.op`).
 *
 * @example
 * ```ts
 * import { compileSurveyPolicy } from 'tandem-cx/surveys';
 * const compiled = compileSurveyPolicy({ surveys: [{ id: 'nps', kind: 'nps', trigger: 'purchase.completed', delay: '7d', channel: 'email' }] });
 * compiled.survey('nps')?.definition.delay; // => 604800000
 * compiled.quietWindow; // => { start: 1260, end: 480 }
 * ```
 */
export function compileSurveyPolicy(
  policy: SurveyPolicyInput | CompiledSurveyPolicy,
  options: CompileSurveyPolicyOptions = {},
): CompiledSurveyPolicy {
  if (isCompiledSurveyPolicy(policy)) {
    if (!options.calendar || options.calendar === policy.calendar) return policy;
    return Object.freeze({ ...policy, calendar: options.calendar });
  }
  const parsed = parseWithSchema(SurveyPolicySchema, policy, {
    module: 'surveys',
    code: 'INVALID_CONFIG',
    what: 'survey policy',
  });
  const issues: TandemIssue[] = [];
  const surveys = parsed.surveys.map((definition, index): CompiledSurvey => {
    let audience: CompiledCondition | undefined;
    if (definition.audience !== undefined) {
      try {
        audience = compileCondition(definition.audience, {
          path: `surveys[${index}].audience`,
          module: 'surveys',
          itemSchema: AudienceItemSchema,
        });
      } catch (error) {
        if (!(error instanceof TandemError)) throw error;
        issues.push(...error.issues);
      }
    }
    const triggers = typeof definition.trigger === 'string' ? [definition.trigger] : definition.trigger;
    return Object.freeze({
      definition,
      id: definition.id,
      kind: definition.kind,
      triggers: Object.freeze([...triggers]),
      index,
      expiry: definition.expiry ?? parsed.expiry,
      reminders: Object.freeze({ ...(definition.reminders ?? parsed.reminders) }),
      audience,
    });
  });
  if (issues.length > 0)
    throw validationError(issues, { module: 'surveys', code: 'INVALID_CONFIG', what: 'survey policy' });
  const byTrigger = new Map<string, CompiledSurvey[]>();
  const byId = new Map<string, CompiledSurvey>();
  for (const survey of surveys) {
    if (byId.has(survey.id)) throw duplicateId(survey);
    byId.set(survey.id, survey);
    if (!survey.definition.enabled) continue;
    for (const trigger of survey.triggers) {
      let list = byTrigger.get(trigger);
      if (!list) {
        list = [];
        byTrigger.set(trigger, list);
      }
      list.push(survey);
    }
  }
  const quietWindow =
    parsed.quietHours === false
      ? null
      : { start: parseClock(parsed.quietHours.start)!, end: parseClock(parsed.quietHours.end)! };
  return Object.freeze({
    kind: 'compiled-survey-policy' as const,
    policy: parsed,
    surveys: Object.freeze(surveys),
    byTrigger,
    quietWindow: quietWindow && Object.freeze(quietWindow),
    calendar: options.calendar,
    survey: (id: string) => byId.get(id),
  });
}

function duplicateId(survey: CompiledSurvey): TandemError {
  return new TandemError({
    code: 'INVALID_CONFIG',
    module: 'surveys',
    path: `surveys[${survey.index}].id`,
    message: `duplicate survey id "${survey.id}"`,
  });
}
