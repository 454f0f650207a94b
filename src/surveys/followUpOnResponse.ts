import { parseWithSchema, TandemError } from '../model/errors';
import { type CompiledSurveyPolicy, compileSurveyPolicy, SURVEY_SCALES } from './compileSurveyPolicy';
import type { FollowUpAction, FollowUpResponseInput, SurveyKind, SurveyPolicyInput } from './schemas';
import { FollowUpResponseSchema } from './schemas';

/**
 * How a score reads on its scale: CSAT 4–5 satisfied / 3 neutral / 1–2 dissatisfied (top-2-box);
 * NPS 9–10 promoter / 7–8 passive / 0–6 detractor (Reichheld, HBR 2003); CES 2.0 (1–7 agreement
 * that the issue was easy to handle, Gartner) 5–7 easy / 4 neutral / 1–3 difficult.
 */
export type SurveyResponseCategory =
  | 'satisfied'
  | 'neutral'
  | 'dissatisfied'
  | 'promoter'
  | 'passive'
  | 'detractor'
  | 'easy'
  | 'difficult';

/** A follow-up rule: when a response matches, its actions are taken. */
export interface FollowUpRule {
  id: string;
  surveys?: string[];
  kinds?: SurveyKind[];
  minScore?: number;
  maxScore?: number;
  actions: FollowUpAction[];
}

/**
 * The follow-up rules used when the policy sets none: a 1-star CSAT gets an apology, an
 * invitation to a call with a person and a priority-2 ticket; a 2-star CSAT an apology, a
 * question and a priority-3 ticket; NPS detractors a question and a ticket; NPS promoters a
 * review request; a difficult CES a question and a ticket.
 *
 * @example
 * ```ts
 * import { DEFAULT_FOLLOW_UP_RULES } from 'tandem-cx/surveys';
 * DEFAULT_FOLLOW_UP_RULES[0]; // => { id: 'csat-very-unhappy', maxScore: 1 }
 * ```
 */
export const DEFAULT_FOLLOW_UP_RULES: readonly FollowUpRule[] = Object.freeze([
  {
    id: 'csat-very-unhappy',
    kinds: ['csat'],
    maxScore: 1,
    actions: [
      { type: 'apology' },
      { type: 'invite_call' },
      { type: 'create_ticket', priority: 2, tags: ['survey', 'csat-1'] },
    ],
  },
  {
    id: 'csat-unhappy',
    kinds: ['csat'],
    minScore: 2,
    maxScore: 2,
    actions: [
      { type: 'apology' },
      { type: 'ask_follow_up', question: 'What could we have done better?' },
      { type: 'create_ticket', priority: 3, tags: ['survey', 'csat-2'] },
    ],
  },
  {
    id: 'nps-detractor',
    kinds: ['nps'],
    maxScore: 6,
    actions: [
      { type: 'ask_follow_up', question: 'What is the one thing we could do to improve?' },
      { type: 'create_ticket', priority: 3, tags: ['survey', 'nps-detractor'] },
    ],
  },
  { id: 'nps-promoter', kinds: ['nps'], minScore: 9, actions: [{ type: 'request_review' }] },
  {
    id: 'ces-difficult',
    kinds: ['ces'],
    maxScore: 3,
    actions: [
      { type: 'ask_follow_up', question: 'What made this harder than it should have been?' },
      { type: 'create_ticket', priority: 3, tags: ['survey', 'ces-difficult'] },
    ],
  },
] satisfies FollowUpRule[]);

/** Options for {@link followUpOnResponse}. */
export interface FollowUpOptions {
  /** Return a `trace` of every rule checked. */
  explain?: boolean;
}

/** What to do after a response. */
export interface FollowUpResult {
  /** Actions in order (thank-you first, then each matching rule's, without repeats). */
  actions: FollowUpAction[];
  /** How the score reads on its scale (`null` for custom surveys or no score). */
  category: SurveyResponseCategory | null;
  /** Ids of the rules that matched. */
  rules: string[];
  trace?: Array<{ rule: string; matched: boolean; detail: string }>;
}

function categorize(kind: SurveyKind, score: number | undefined): SurveyResponseCategory | null {
  if (score === undefined) return null;
  switch (kind) {
    case 'csat':
      return score >= 4 ? 'satisfied' : score === 3 ? 'neutral' : 'dissatisfied';
    case 'nps':
      return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
    case 'ces':
      return score >= 5 ? 'easy' : score === 4 ? 'neutral' : 'difficult';
    default:
      return null;
  }
}

/**
 * Decides the follow-up to a survey response: thank-you, apology and an invitation to a call for
 * low ratings, a ticket with a priority, a follow-up question, a review request for promoters.
 * Uses the policy's `followUp.rules` when set, else {@link DEFAULT_FOLLOW_UP_RULES}.
 *
 * @param response - `{ surveyId, recipientId, at, score?, comment?, answers? }`.
 * @param policy - the survey policy (raw or compiled) that defines the survey.
 * @param options - `explain` for a trace.
 * @returns `{ actions, category, rules }`.
 * @throws {@link TandemError} `INVALID_INPUT` for an unknown survey id or a score off the survey's scale.
 *
 * @example
 * ```ts
 * import { followUpOnResponse } from 'tandem-cx/surveys';
 * const policy = { surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }] } as const;
 * const r = followUpOnResponse({ surveyId: 'csat', recipientId: 'u1', score: 1, at: '2026-11-21T10:00:00Z' }, policy);
 * r.actions.map((a) => a.type); // => ['thank_you', 'apology', 'invite_call', 'create_ticket']
 * r.category; // => 'dissatisfied'
 * ```
 */
export function followUpOnResponse(
  response: FollowUpResponseInput,
  policy: SurveyPolicyInput | CompiledSurveyPolicy,
  options: FollowUpOptions = {},
): FollowUpResult {
  const compiled = compileSurveyPolicy(policy);
  const r = parseWithSchema(FollowUpResponseSchema, response, {
    module: 'surveys',
    what: 'survey response',
    pathPrefix: ['response'],
  });
  const survey = compiled.survey(r.surveyId);
  if (!survey)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'surveys',
      path: 'response.surveyId',
      message: `no survey "${r.surveyId}" in the policy`,
    });
  if (r.score !== undefined && survey.kind !== 'custom') {
    const scale = SURVEY_SCALES[survey.kind];
    if (!Number.isInteger(r.score) || r.score < scale.min || r.score > scale.max)
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'surveys',
        path: 'response.score',
        message: `a ${survey.kind.toUpperCase()} score is a whole number ${scale.min}–${scale.max}, got ${r.score}`,
      });
  }
  const config = compiled.policy.followUp;
  const rules: readonly FollowUpRule[] = config.rules ?? DEFAULT_FOLLOW_UP_RULES;
  const actions: FollowUpAction[] = config.thankYou ? [{ type: 'thank_you' }] : [];
  const matched: string[] = [];
  const trace: FollowUpResult['trace'] = options.explain ? [] : undefined;
  for (const rule of rules) {
    let miss: string | undefined;
    if (rule.surveys && !rule.surveys.includes(survey.id))
      miss = `survey ${survey.id} not in [${rule.surveys.join(', ')}]`;
    else if (rule.kinds && !rule.kinds.includes(survey.kind))
      miss = `kind ${survey.kind} not in [${rule.kinds.join(', ')}]`;
    else if ((rule.minScore !== undefined || rule.maxScore !== undefined) && r.score === undefined)
      miss = 'no score';
    else if (rule.minScore !== undefined && r.score! < rule.minScore)
      miss = `score ${r.score} < ${rule.minScore}`;
    else if (rule.maxScore !== undefined && r.score! > rule.maxScore)
      miss = `score ${r.score} > ${rule.maxScore}`;
    trace?.push({ rule: rule.id, matched: !miss, detail: miss ?? 'matched' });
    if (miss) continue;
    matched.push(rule.id);
    for (const action of rule.actions) if (!actions.some((a) => a.type === action.type)) actions.push(action);
  }
  const result: FollowUpResult = { actions, category: categorize(survey.kind, r.score), rules: matched };
  if (trace) result.trace = trace;
  return result;
}
