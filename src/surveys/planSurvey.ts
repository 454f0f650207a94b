import type { BusinessCalendar } from '../calendar/types';
import { parseWithSchema, TandemError } from '../model/errors';
import type { Channel } from '../model/schemas';
import type { ConditionTrace } from '../routing/conditions';
import { type CompiledSurvey, type CompiledSurveyPolicy, compileSurveyPolicy } from './compileSurveyPolicy';
import {
  type IndexedSurveySend,
  isSurveyHistoryIndex,
  recipientSendsFromIterable,
  type SurveyHistoryIndex,
} from './createSurveyHistoryIndex';
import { deterministicDraw } from './sampling';
import {
  type SurveyDefinition,
  type SurveyHistoryEntryInput,
  type SurveyPolicyInput,
  type SurveyRecipient,
  type SurveyRecipientInput,
  SurveyRecipientSchema,
  type SurveyTriggerEvent,
  type SurveyTriggerEventInput,
  SurveyTriggerEventSchema,
} from './schemas';
import { type DeferralReason, formatLocal, isValidTimeZone, nextAllowedTime } from './timeZone';

/**
 * Why a survey was not scheduled. Stable codes; hosts may branch on them.
 *
 * - `no_matching_survey`: no enabled survey has the event's type as trigger.
 * - `excluded`: spam, auto-resolved, agent-initiated, or an excluded tag.
 * - `audience`: the recipient/event is outside every matching survey's audience rule.
 * - `no_consent`: the recipient opted out, or the policy requires consent and none was given.
 * - `channel_unavailable`: the recipient lists its channels and the survey's is not among them (or there are none).
 * - `already_surveyed`: this conversation / resolution / event already got this survey.
 * - `expired`: the event is so old that the response window would already have closed.
 * - `sampled_out`: not in the seeded sample.
 * - `unknown_time_zone`: quiet hours apply, the recipient's zone is missing or invalid and the policy has no `fallbackTimeZone`.
 * - `throttled`: another survey to this recipient is less than `throttle` away (dropped, not retried).
 * - `cap_reached`: a frequency cap (per survey or global) is full.
 *
 * @example
 * ```ts
 * import { SURVEY_SUPPRESSION_REASONS } from 'tandem-cx/surveys';
 * SURVEY_SUPPRESSION_REASONS.includes('throttled'); // => true
 * ```
 */
export const SURVEY_SUPPRESSION_REASONS = [
  'no_matching_survey',
  'excluded',
  'audience',
  'no_consent',
  'channel_unavailable',
  'already_surveyed',
  'expired',
  'sampled_out',
  'unknown_time_zone',
  'throttled',
  'cap_reached',
] as const;

/** A stable suppression reason code; see {@link SURVEY_SUPPRESSION_REASONS}. */
export type SurveySuppressionReason = (typeof SURVEY_SUPPRESSION_REASONS)[number];

/** One step of a plan's trace (`{ explain: true }`), in evaluation order. */
export interface SurveyPlanTraceStep {
  /** The rule checked: `trigger`, `exclusions`, `audience`, `consent`, `channel`, `once`, `expiry`, `sampling`, `time_zone`, `send_time`, `throttle`, `cap`, `reminders`. */
  step: string;
  outcome: 'pass' | 'fail' | 'info';
  detail: string;
  surveyId?: string;
  /** The audience condition's own trace (routing condition language). */
  condition?: ConditionTrace;
}

/** A survey that should go out. */
export interface ScheduledSurvey {
  kind: 'scheduled';
  /** The survey definition (validated, defaults filled). */
  survey: SurveyDefinition;
  surveyId: string;
  recipientId: string;
  conversationId?: string;
  channel: Channel;
  /** The event's idempotency key (its `id`, or type + customer + conversation + resolution + time). */
  eventKey: string;
  /** When to send: trigger + delay (not before `now`), moved out of quiet hours / into business hours. */
  sendAt: Date;
  /** Responses are accepted until this instant (`sendAt` + expiry). */
  expiresAt: Date;
  /** When to remind (each also moved out of quiet hours), all before `expiresAt`. */
  reminders: Date[];
  /** The send time before deferral, when it was moved. */
  deferredFrom?: Date;
  /** Why it moved (`quiet_hours`, `business_hours`); empty when not deferred. */
  deferral: DeferralReason[];
  /** The zone whose wall clock the quiet hours were applied in (`null` when no quiet hours). */
  timeZone: string | null;
  /**
   * Things the host should know although the survey was scheduled: present only when there is
   * one. `unknown_time_zone`: the recipient's zone was missing or not an IANA zone, so the quiet
   * hours were applied in the policy's `fallbackTimeZone` — a guess, not the recipient's clock.
   */
  warnings?: SurveyPlanWarning[];
  trace?: SurveyPlanTraceStep[];
}

/** A non-fatal problem with a scheduled survey (see {@link ScheduledSurvey.warnings}). */
export interface SurveyPlanWarning {
  /** Stable code: `unknown_time_zone` (the recipient's zone is missing or invalid; the fallback was used). */
  code: 'unknown_time_zone';
  /** In plain words, with the values that decided it. */
  detail: string;
  /** The recipient's zone as given (`null` when it had none). */
  timeZone: string | null;
  /** The zone used instead (the policy's `fallbackTimeZone`). */
  fallbackTimeZone: string;
}

/** A survey that will not be sent, and why. */
export interface SuppressedSurvey {
  kind: 'suppressed';
  reason: SurveySuppressionReason;
  /** The same reason in plain words, with the values that decided it. */
  detail: string;
  /** The survey that was considered, when one was. */
  surveyId?: string;
  recipientId: string;
  eventKey: string;
  trace?: SurveyPlanTraceStep[];
}

/** The result of {@link planSurvey}. */
export type SurveyPlan = ScheduledSurvey | SuppressedSurvey;

/** Options for {@link planSurvey}. */
export interface PlanSurveyOptions {
  /** The current time; a send is never planned before it. */
  now: Date;
  /** The recipient; default `{ id: event.customerId }` (no zone, every channel available). */
  recipient?: SurveyRecipientInput;
  /** Return a `trace` of every rule checked. */
  explain?: boolean;
  /** Overrides the compiled policy's business calendar. */
  calendar?: BusinessCalendar;
}

/** Past and scheduled sends: an array (scanned for the recipient) or a {@link SurveyHistoryIndex}. */
export type SurveyHistoryInput = SurveyHistoryIndex | Iterable<SurveyHistoryEntryInput>;

const HOUR = 3_600_000;

function describeDuration(ms: number): string {
  if (ms % (24 * HOUR) === 0) return `${ms / (24 * HOUR)} d`;
  if (ms % HOUR === 0) return `${ms / HOUR} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms} ms`;
}

/** The idempotency key of an event: its `id`, or a key from what identifies it. */
export function surveyEventKey(event: SurveyTriggerEvent): string {
  return (
    event.id ??
    `${event.type}|${event.customerId}|${event.conversationId ?? ''}|${event.resolutionId ?? ''}|${event.at.toISOString()}`
  );
}

function availableChannels(recipient: SurveyRecipient): readonly Channel[] | undefined {
  if (recipient.channels) return recipient.channels;
  if (recipient.contacts) {
    const out: Channel[] = [];
    for (const [channel, address] of Object.entries(recipient.contacts))
      if (address && address.trim() !== '') out.push(channel as Channel);
    return out;
  }
  return undefined;
}

function exclusionOf(event: SurveyTriggerEvent, policy: CompiledSurveyPolicy['policy']): string | undefined {
  const ex = policy.exclusions;
  if (ex.spam && (event.spam === true || event.tags.includes('spam')))
    return 'the event is marked as spam (exclusions.spam)';
  if (ex.autoResolved && (event.resolvedBy === 'bot' || event.resolvedBy === 'system'))
    return `the conversation was auto-resolved (resolvedBy: ${event.resolvedBy}; exclusions.autoResolved)`;
  if (ex.agentInitiated && event.initiatedBy === 'agent')
    return 'the conversation was started by an agent (exclusions.agentInitiated)';
  for (const tag of ex.tags) if (event.tags.includes(tag)) return `the event has the excluded tag "${tag}"`;
  return undefined;
}

// First index whose time is > t (upper bound) in a list sorted by time.
function upperBound(sends: readonly IndexedSurveySend[], t: number): number {
  let lo = 0;
  let hi = sends.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sends[mid]!.time <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function recipientSends(history: SurveyHistoryInput, recipientId: string): readonly IndexedSurveySend[] {
  if (isSurveyHistoryIndex(history)) return history.forRecipient(recipientId);
  // A plain array/iterable is scanned for this recipient (fine for a few sends; index large ones).
  return recipientSendsFromIterable(history, recipientId);
}

/**
 * Decides whether an event gets a survey and when: the right survey for the trigger, its delay,
 * exclusions, audience, consent, channel, once-per-conversation, sampling, quiet hours in the
 * recipient's time zone (deferred, never dropped), throttle and caps (dropped, never retried),
 * expiry and reminders. Pure: the history and `now` come in; nothing is recorded.
 *
 * Checks run in this order and the first failure is the reason: trigger → exclusions →
 * audience → consent → channel → once → expiry → sampling → time zone → send time → throttle →
 * caps. The first enabled survey whose trigger matches and whose audience includes the
 * recipient is the one considered.
 *
 * @param event - the trigger (`type`, `at`, `customerId`, optional `conversationId`, `tags`, …).
 * @param policy - a survey policy or a {@link compileSurveyPolicy} result (faster for many calls).
 * @param history - past and scheduled sends: an array or a {@link createSurveyHistoryIndex} index.
 * @param options - `now`, `recipient` (id, `timeZone`, `channels`, consent, attributes), `explain`.
 * @returns `{ kind: 'scheduled', survey, sendAt, expiresAt, reminders, … }` or
 * `{ kind: 'suppressed', reason, detail, … }`; with `explain`, a `trace` of every check.
 * @throws {@link TandemError} `INVALID_CONFIG` for a bad policy, `INVALID_INPUT` for a bad event,
 * recipient or history entry (each naming its path).
 *
 * @example
 * ```ts
 * import { planSurvey } from 'tandem-cx/surveys';
 * const policy = { surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', delay: '24h', channel: 'email' }], throttle: '30d', quietHours: { start: '21:00', end: '08:00' }, expiry: '28d' } as const;
 * const event = { type: 'conversation.resolved', at: new Date('2026-11-20T18:00:00Z'), conversationId: 'c1', customerId: 'u1' };
 * const plan = planSurvey(event, policy, [], { now: new Date('2026-11-20T18:00:00Z'), recipient: { id: 'u1', timeZone: 'Asia/Shanghai' } }); // => { kind: 'scheduled', sendAt: '2026-11-22T00:00:00.000Z', deferredFrom: '2026-11-21T18:00:00.000Z', expiresAt: '2026-12-20T00:00:00.000Z' }
 * const history = [{ recipientId: 'u1', surveyId: 'csat', sentAt: '2026-11-01T09:00:00Z', conversationId: 'c0' }];
 * planSurvey(event, policy, history, { now: new Date('2026-11-20T18:00:00Z'), recipient: { id: 'u1', timeZone: 'Asia/Shanghai' } }); // => { kind: 'suppressed', reason: 'throttled' }
 * ```
 */
export function planSurvey(
  event: SurveyTriggerEventInput,
  policy: SurveyPolicyInput | CompiledSurveyPolicy,
  history: SurveyHistoryInput,
  options: PlanSurveyOptions,
): SurveyPlan {
  const compiled = compileSurveyPolicy(policy);
  const { now } = options;
  if (!(now instanceof Date) || Number.isNaN(now.getTime()))
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'surveys',
      path: 'options.now',
      message: 'now must be a valid Date',
    });
  const ev = parseWithSchema(SurveyTriggerEventSchema, event, {
    module: 'surveys',
    what: 'survey event',
    pathPrefix: ['event'],
  });
  const recipient = parseWithSchema(SurveyRecipientSchema, options.recipient ?? { id: ev.customerId }, {
    module: 'surveys',
    what: 'survey recipient',
    pathPrefix: ['recipient'],
  });
  if (recipient.id !== ev.customerId)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'surveys',
      path: 'recipient.id',
      message: `recipient "${recipient.id}" is not the event's customer "${ev.customerId}"`,
    });

  const p = compiled.policy;
  const trace: SurveyPlanTraceStep[] | undefined = options.explain ? [] : undefined;
  const eventKey = surveyEventKey(ev);
  const recipientId = recipient.id;
  const step = (s: SurveyPlanTraceStep) => trace?.push(s);
  const suppress = (reason: SurveySuppressionReason, detail: string, surveyId?: string): SuppressedSurvey => {
    step({ step: reasonStep[reason], outcome: 'fail', detail, ...(surveyId ? { surveyId } : {}) });
    const out: SuppressedSurvey = { kind: 'suppressed', reason, detail, recipientId, eventKey };
    if (surveyId) out.surveyId = surveyId;
    if (trace) out.trace = trace;
    return out;
  };

  // 1. trigger
  const candidates = compiled.byTrigger.get(ev.type);
  if (!candidates || candidates.length === 0) {
    const known = [...compiled.byTrigger.keys()].join(', ') || 'none';
    return suppress(
      'no_matching_survey',
      `no enabled survey is triggered by "${ev.type}" (triggers: ${known})`,
    );
  }
  step({
    step: 'trigger',
    outcome: 'pass',
    detail: `${candidates.length} survey(s) triggered by "${ev.type}": ${candidates.map((s) => s.id).join(', ')}`,
  });

  // 2. exclusions
  const excluded = exclusionOf(ev, p);
  if (excluded) return suppress('excluded', excluded);
  step({ step: 'exclusions', outcome: 'pass', detail: 'no exclusion applies' });

  // 3. audience: first candidate whose audience includes the recipient
  let survey: CompiledSurvey | undefined;
  const item = { event: ev, recipient, customer: recipient };
  for (const candidate of candidates) {
    if (!candidate.audience) {
      survey = candidate;
      step({
        step: 'audience',
        outcome: 'pass',
        detail: `survey "${candidate.id}" has no audience rule`,
        surveyId: candidate.id,
      });
      break;
    }
    const ok = candidate.audience.test(item);
    if (trace)
      step({
        step: 'audience',
        outcome: ok ? 'pass' : 'fail',
        detail: ok ? `in the audience of "${candidate.id}"` : `outside the audience of "${candidate.id}"`,
        surveyId: candidate.id,
        condition: candidate.audience.explain(item),
      });
    if (ok) {
      survey = candidate;
      break;
    }
  }
  if (!survey) {
    return suppress(
      'audience',
      `the recipient is outside the audience of ${candidates.map((s) => s.id).join(', ')}`,
    );
  }
  const def = survey.definition;
  const sid = survey.id;

  // 4. consent
  if (recipient.optedOut === true) return suppress('no_consent', 'the recipient opted out of surveys', sid);
  if (recipient.consent === false)
    return suppress('no_consent', 'the recipient declined survey consent', sid);
  if (p.requireConsent && recipient.consent !== true)
    return suppress('no_consent', 'the policy requires consent and the recipient has not given it', sid);
  step({
    step: 'consent',
    outcome: 'pass',
    detail: p.requireConsent ? 'consent given' : 'not opted out',
    surveyId: sid,
  });

  // 5. channel
  const channels = availableChannels(recipient);
  if (channels && channels.length === 0)
    return suppress('channel_unavailable', 'the recipient has no contact channel', sid);
  if (channels && !channels.includes(def.channel))
    return suppress(
      'channel_unavailable',
      `survey "${sid}" goes by ${def.channel}; the recipient can be reached by ${channels.join(', ')}`,
      sid,
    );
  step({
    step: 'channel',
    outcome: 'pass',
    detail: channels
      ? `${def.channel} is available`
      : `${def.channel} (recipient lists no channels: assumed available)`,
    surveyId: sid,
  });

  // 6. once per conversation / resolution / event
  const sends = recipientSends(history, recipientId);
  const resolutionKey = ev.resolutionId ?? ev.at.toISOString();
  const scope = def.once === 'event' || ev.conversationId === undefined ? 'event' : def.once;
  for (const send of sends) {
    if (send.surveyId !== sid) continue;
    const same =
      scope === 'conversation'
        ? send.conversationId === ev.conversationId
        : scope === 'resolution'
          ? send.conversationId === ev.conversationId && send.resolutionId === resolutionKey
          : send.eventKey === eventKey;
    if (same) {
      const what =
        scope === 'conversation'
          ? `conversation ${ev.conversationId}`
          : scope === 'resolution'
            ? `resolution ${resolutionKey} of conversation ${ev.conversationId}`
            : `event ${eventKey}`;
      return suppress(
        'already_surveyed',
        `survey "${sid}" already went out for ${what} on ${new Date(send.time).toISOString()} (once: ${def.once})`,
        sid,
      );
    }
  }
  step({ step: 'once', outcome: 'pass', detail: `not yet surveyed (once per ${scope})`, surveyId: sid });

  // 7. expiry of a stale event
  const due = ev.at.getTime() + def.delay;
  if (now.getTime() - due >= survey.expiry)
    return suppress(
      'expired',
      `the event is from ${ev.at.toISOString()}; its survey was due ${new Date(due).toISOString()} and would have expired after ${describeDuration(survey.expiry)}`,
      sid,
    );

  step({
    step: 'expiry',
    outcome: 'pass',
    detail: `due ${new Date(due).toISOString()}, within the ${describeDuration(survey.expiry)} response window`,
    surveyId: sid,
  });

  // 8. sampling
  if (def.sampleRate < 1) {
    const draw = deterministicDraw(p.seed, sid, recipientId, eventKey);
    if (draw >= def.sampleRate)
      return suppress(
        'sampled_out',
        `not in the ${def.sampleRate * 100}% sample (draw ${draw.toFixed(4)})`,
        sid,
      );
    step({
      step: 'sampling',
      outcome: 'pass',
      detail: `in the ${def.sampleRate * 100}% sample (draw ${draw.toFixed(4)})`,
      surveyId: sid,
    });
  }

  // 9. time zone
  const window = compiled.quietWindow;
  let zone: string | null = null;
  const warnings: SurveyPlanWarning[] = [];
  if (window) {
    if (recipient.timeZone && isValidTimeZone(recipient.timeZone)) zone = recipient.timeZone;
    else if (p.fallbackTimeZone) zone = p.fallbackTimeZone;
    const why = recipient.timeZone ? `unknown time zone "${recipient.timeZone}"` : 'no time zone';
    if (!zone)
      return suppress(
        'unknown_time_zone',
        `the recipient has ${why} and the policy has no fallbackTimeZone, so quiet hours cannot be honoured`,
        sid,
      );
    // The fallback is a guess: say so on the result, not only in the trace (issue 16: a misspelt
    // "Asia/Shangai" silently became UTC).
    if (zone !== recipient.timeZone)
      warnings.push({
        code: 'unknown_time_zone',
        detail: `the recipient has ${why}; quiet hours were applied in the fallback zone ${zone}`,
        timeZone: recipient.timeZone ?? null,
        fallbackTimeZone: zone,
      });
    step({
      step: 'time_zone',
      outcome: 'info',
      detail: zone === recipient.timeZone ? `recipient's zone ${zone}` : `${why}: fallback ${zone}`,
      surveyId: sid,
    });
  }

  // 10. send time: trigger + delay, not in the past, deferred out of quiet hours / into open hours
  const calendar = options.calendar ?? compiled.calendar;
  const earliest = new Date(Math.max(due, now.getTime()));
  const allowed = nextAllowedTime(earliest, window, zone, calendar);
  const sendAt = allowed.at;
  if (trace) {
    const local = zone ? ` (${formatLocal(earliest, zone)} ${zone})` : '';
    const moved = allowed.reasons.length
      ? `, deferred for ${allowed.reasons.join(' and ')} to ${sendAt.toISOString()}${zone ? ` (${formatLocal(sendAt, zone)})` : ''}`
      : '';
    step({
      step: 'send_time',
      outcome: 'info',
      detail: `trigger + ${describeDuration(def.delay)} = ${new Date(due).toISOString()}; earliest ${earliest.toISOString()}${local}${moved}`,
      surveyId: sid,
    });
  }

  // 11. throttle across surveys: no other send closer than `throttle` (either side)
  const t = sendAt.getTime();
  if (p.throttle > 0 && sends.length > 0) {
    const at = upperBound(sends, t);
    const before = sends[at - 1];
    const after = sends[at];
    const near =
      before && t - before.time < p.throttle
        ? before
        : after && after.time - t < p.throttle
          ? after
          : undefined;
    if (near)
      return suppress(
        'throttled',
        `survey "${near.surveyId}" ${near.time <= t ? 'was sent' : 'is scheduled'} ${new Date(near.time).toISOString()}, less than ${describeDuration(p.throttle)} from ${sendAt.toISOString()} (dropped, not retried)`,
        sid,
      );
  }
  step({
    step: 'throttle',
    outcome: 'pass',
    detail: `no survey within ${describeDuration(p.throttle)}`,
    surveyId: sid,
  });

  // 12. caps: at most `max` sends in the trailing window ending at sendAt (per survey, then global)
  const end = upperBound(sends, t);
  for (const [scopeName, caps] of [
    ['survey', def.caps],
    ['global', p.caps],
  ] as const) {
    for (const cap of caps) {
      const start = upperBound(sends, t - cap.window);
      let count = 0;
      for (let i = start; i < end; i++) if (scopeName === 'global' || sends[i]!.surveyId === sid) count++;
      if (count >= cap.max)
        return suppress(
          'cap_reached',
          `${scopeName === 'global' ? 'all surveys' : `survey "${sid}"`}: ${count} sent in the ${describeDuration(cap.window)} before ${sendAt.toISOString()} (cap ${cap.max})`,
          sid,
        );
    }
  }
  if (def.caps.length + p.caps.length > 0)
    step({ step: 'cap', outcome: 'pass', detail: 'under every frequency cap', surveyId: sid });

  // 13. expiry and reminders
  const expiresAt = new Date(t + survey.expiry);
  const reminders: Date[] = [];
  let previous = t;
  for (let k = 0; k < survey.reminders.count; k++) {
    const next = nextAllowedTime(new Date(previous + survey.reminders.spacing), window, zone, calendar).at;
    if (next.getTime() >= expiresAt.getTime()) break;
    reminders.push(next);
    previous = next.getTime();
  }
  if (survey.reminders.count > 0)
    step({
      step: 'reminders',
      outcome: 'info',
      detail: `${reminders.length} of ${survey.reminders.count} reminder(s) fit before expiry ${expiresAt.toISOString()}`,
      surveyId: sid,
    });

  const out: ScheduledSurvey = {
    kind: 'scheduled',
    survey: def,
    surveyId: sid,
    recipientId,
    channel: def.channel,
    eventKey,
    sendAt,
    expiresAt,
    reminders,
    deferral: allowed.reasons,
    timeZone: zone,
  };
  if (ev.conversationId) out.conversationId = ev.conversationId;
  if (allowed.reasons.length) out.deferredFrom = earliest;
  if (warnings.length) out.warnings = warnings;
  if (trace) out.trace = trace;
  return out;
}

const reasonStep: Record<SurveySuppressionReason, string> = {
  no_matching_survey: 'trigger',
  excluded: 'exclusions',
  audience: 'audience',
  no_consent: 'consent',
  channel_unavailable: 'channel',
  already_surveyed: 'once',
  expired: 'expiry',
  sampled_out: 'sampling',
  unknown_time_zone: 'time_zone',
  throttled: 'throttle',
  cap_reached: 'cap',
};
