import { ALWAYS_OPEN } from '../calendar/alwaysOpen';
import { createBusinessCalendar } from '../calendar/createBusinessCalendar';
import type { BusinessCalendar } from '../calendar/types';
import { createHandoffPolicy, type HandoffPolicy } from '../handoff/index';
import { loadTextClassifier, type TextClassifier } from '../learning/index';
import { TandemError, type TandemIssue, toTandemError, validationError } from '../model/errors';
import { compileRouter, type Router } from '../routing/index';
import { type CompiledSurveyPolicy, compileSurveyPolicy } from '../surveys/index';
import { type ReplayPolicyConfig, ReplayPolicyConfigSchema } from './schemas';

/** A compiled replay policy: the decision objects to replay history through. */
export interface ReplayPolicy {
  router?: Router;
  handoff?: HandoffPolicy;
  surveys?: CompiledSurveyPolicy;
  /** When people are available and how SLA clocks run (default {@link ALWAYS_OPEN}). */
  calendar: BusinessCalendar;
  /** First-response targets in ms per priority; a missing priority has no target. */
  sla: Partial<Record<1 | 2 | 3 | 4 | 5, number>>;
  staffing: {
    interval: number;
    asa: number;
    serviceLevel: number;
    maxOccupancy: number;
    shrinkage: number;
    defaultAht: number;
  };
  offerAcceptance: number;
  /** Fitted models that add fields to the routing item (see `ReplayPolicyConfigSchema.models`). */
  models?: { topic?: TextClassifier; sentiment?: TextClassifier | 'lexicon' };
}

const SECTIONS = ['router', 'handoff', 'surveys', 'calendar'] as const;

function pickSections(raw: Record<string, unknown>): Partial<Record<(typeof SECTIONS)[number], unknown>> {
  return typeof raw === 'object' && raw !== null
    ? Object.fromEntries(SECTIONS.filter((k) => k in raw).map((k) => [k, raw[k]]))
    : {};
}

/** A sentiment model must have the sentiment labels; checked at compile time, not per conversation. */
function loadSentimentModel(json: unknown): TextClassifier {
  const model = loadTextClassifier(json);
  const allowed = new Set(['positive', 'neutral', 'negative']);
  if (
    !model.labels.every((l) => allowed.has(l)) ||
    !model.labels.includes('positive') ||
    !model.labels.includes('negative')
  )
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: 'replay',
      path: 'labels',
      message: `a sentiment model needs the labels positive and negative (and optionally neutral), got ${model.labels.join(', ')}`,
    });
  return model;
}

/**
 * Validates and compiles a replay policy written as JSON — `{ router?, handoff?, surveys?,
 * calendar?, sla?, staffing?, offerAcceptance?, models? }` — with each module's own factory, so a bad
 * policy reports every problem with its full path (`router.rules[2].when.op`). Use the result
 * with `replay` and `comparePolicies`.
 *
 * @throws {@link TandemError} `INVALID_CONFIG` listing every problem across all sections.
 *
 * @example
 * ```ts
 * import { compileReplayPolicy } from 'tandem-cx/replay';
 * const policy = compileReplayPolicy({
 *   router: { rules: [{ id: 'pl', when: { field: 'language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } }], fallback: { queue: 'general' } },
 *   sla: { firstResponse: { 1: '15m', 3: '1h' } },
 * });
 * policy.sla; // => { 1: 900000, 3: 3600000 }
 * policy.calendar.timeZone; // => 'UTC'
 * ```
 */
export function compileReplayPolicy(config: ReplayPolicyConfig): ReplayPolicy {
  // Validate the replay's own fields and every module section, and report all problems at once.
  const issues: TandemIssue[] = [];
  const result = ReplayPolicyConfigSchema.safeParse(config);
  if (!result.success) issues.push(...toTandemError(result.error, { module: 'replay' }).issues);
  const raw = (config ?? {}) as Record<string, unknown>;
  const parsed = result.success
    ? result.data
    : { ...ReplayPolicyConfigSchema.parse({}), ...pickSections(raw) };
  const section = <T>(name: string, value: unknown, compile: (value: never) => T): T | undefined => {
    if (value === undefined) return undefined;
    try {
      return compile(value as never);
    } catch (error) {
      if (!(error instanceof TandemError)) throw error;
      for (const issue of error.issues)
        issues.push({ path: issue.path ? `${name}.${issue.path}` : name, message: issue.message });
      return undefined;
    }
  };
  const calendar = section('calendar', parsed.calendar, createBusinessCalendar) ?? ALWAYS_OPEN;
  const router = section('router', parsed.router, compileRouter);
  const handoff = section('handoff', parsed.handoff, (c) =>
    createHandoffPolicy(c, { calendar, ...(router ? { router } : {}) }),
  );
  const surveys = section('surveys', parsed.surveys, compileSurveyPolicy);
  const topic = section('models.topic', parsed.models?.topic, loadTextClassifier);
  const sentiment: TextClassifier | 'lexicon' | undefined =
    parsed.models?.sentiment === 'lexicon'
      ? 'lexicon'
      : section('models.sentiment', parsed.models?.sentiment, loadSentimentModel);
  if (issues.length) {
    throw validationError(issues, { module: 'replay', code: 'INVALID_CONFIG', what: 'replay policy' });
  }
  const sla: ReplayPolicy['sla'] = {};
  for (const [priority, ms] of Object.entries(parsed.sla.firstResponse)) {
    if (ms !== undefined) sla[Number(priority) as 1 | 2 | 3 | 4 | 5] = ms;
  }
  return Object.freeze({
    ...(router ? { router } : {}),
    ...(handoff ? { handoff } : {}),
    ...(surveys ? { surveys } : {}),
    calendar,
    sla,
    staffing: parsed.staffing,
    offerAcceptance: parsed.offerAcceptance,
    ...(topic || sentiment
      ? { models: { ...(topic ? { topic } : {}), ...(sentiment ? { sentiment } : {}) } }
      : {}),
  });
}
