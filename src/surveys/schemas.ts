import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import { ChannelSchema, InstantSchema, PrioritySchema } from '../model/schemas';
// Named so the emitted .d.ts spells the Condition inside ConditionSchema's type through
// '../routing/conditions'; unnamed, TypeScript reaches it through the root barrel (import("..")),
// and the declaration bundle's chunks then import each other (Rollup: "circular dependency
// between chunks … broken execution order").
// biome-ignore lint/correctness/noUnusedImports: read by the declaration emitter, see above
import { type Condition, ConditionSchema } from '../routing/conditions';
import { isValidTimeZone, parseClock } from './timeZone';

const DAY = 86_400_000;

/**
 * Survey kinds and their answer scales: CSAT 1–5 (ACSI/Zendesk-style satisfaction), NPS 0–10
 * (Reichheld, "The One Number You Need to Grow", HBR 2003), CES 1–7 (Gartner CES 2.0 agreement
 * scale, higher = easier), `custom` with the host's own questions.
 *
 * @example
 * ```ts
 * import { SurveyKindSchema } from 'tandem-cx/surveys';
 * SurveyKindSchema.options; // => ['csat', 'nps', 'ces', 'custom']
 * SurveyKindSchema.safeParse('stars').success; // => false
 * ```
 */
export const SurveyKindSchema = z.enum(['csat', 'nps', 'ces', 'custom']);
/** A survey kind; see {@link SurveyKindSchema}. */
export type SurveyKind = z.infer<typeof SurveyKindSchema>;

/**
 * Built-in lifecycle triggers. Any other non-empty event type is accepted as a custom trigger
 * (`'order.delivered'`), matched by exact name against the event's `type`.
 *
 * @example
 * ```ts
 * import { SURVEY_TRIGGERS } from 'tandem-cx/surveys';
 * SURVEY_TRIGGERS.includes('purchase.completed'); // => true
 * ```
 */
export const SURVEY_TRIGGERS = [
  'conversation.resolved',
  'purchase.completed',
  'onboarding.completed',
  'subscription.cancelled',
  'review.posted',
] as const;

const ClockSchema = z.string().refine((text) => parseClock(text) !== undefined, {
  error: (issue) => `must be a time of day HH:MM between 00:00 and 23:59, got ${JSON.stringify(issue.input)}`,
});

const TimeZoneSchema = z.string().refine(isValidTimeZone, {
  error: (issue) => `unknown IANA time zone ${JSON.stringify(issue.input)}`,
});

const CapSchema = z.object({
  /** At most this many sends … */
  max: z.number().int().min(1),
  /** … to one recipient within any trailing window of this length. */
  window: DurationSchema,
});

const RemindersSchema = z.object({
  /** How many reminders after the first send (0 = none). */
  count: z.number().int().min(0).max(10).default(0),
  /** Time between the send and the first reminder, and between reminders. */
  spacing: DurationSchema.default(3 * DAY),
});

const QuestionSchema = z.object({
  id: z.string().min(1),
  text: z.string().min(1),
  type: z.enum(['rating', 'text', 'choice']).default('rating'),
  /** Rating scale for `type: 'rating'` (inclusive). */
  scale: z
    .object({ min: z.number().int(), max: z.number().int() })
    .refine((s) => s.min < s.max, { error: 'scale.min must be below scale.max' })
    .optional(),
  choices: z.array(z.string().min(1)).optional(),
});

/**
 * One survey in a policy: what to ask, on which trigger, after how long, over which channel.
 *
 * @example
 * ```ts
 * import { SurveyDefinitionSchema } from 'tandem-cx/surveys';
 * SurveyDefinitionSchema.parse({ id: 'nps', kind: 'nps', trigger: 'purchase.completed', delay: '7d', channel: 'email' }); // => { delay: 604800000, sampleRate: 1, once: 'conversation' }
 * SurveyDefinitionSchema.safeParse({ id: 'x', kind: 'custom', trigger: 'review.posted', channel: 'email' }).success; // => false
 * ```
 */
export const SurveyDefinitionSchema = z
  .object({
    id: z.string().min(1),
    kind: SurveyKindSchema,
    /** Event type(s) that trigger the survey: a built-in ({@link SURVEY_TRIGGERS}) or custom name. */
    trigger: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    /** Time after the trigger before sending (default 24 h, the usual post-resolution CSAT delay). */
    delay: DurationSchema.default(DAY),
    channel: ChannelSchema,
    /** Who gets it: a condition in the routing condition language over `{ event, recipient, customer }`. */
    audience: ConditionSchema.optional(),
    /** Fraction of eligible events surveyed, 0..1 (seeded per recipient + event; default 1). */
    sampleRate: z.number().min(0).max(1).default(1),
    /**
     * `conversation`: at most once per conversation (default); `resolution`: once per
     * resolution, so a reopened and re-resolved conversation can be surveyed again; `event`:
     * once per triggering event.
     */
    once: z.enum(['conversation', 'resolution', 'event']).default('conversation'),
    /** Per-survey frequency caps per recipient. */
    caps: z.array(CapSchema).default([]),
    /** Response window for this survey (default: the policy's `expiry`). */
    expiry: DurationSchema.optional(),
    /** Reminders for this survey (default: the policy's `reminders`). */
    reminders: RemindersSchema.optional(),
    /** Questions; required for `custom`, optional extra questions for the others. */
    questions: z.array(QuestionSchema).default([]),
    enabled: z.boolean().default(true),
  })
  .superRefine((survey, ctx) => {
    if (survey.kind === 'custom' && survey.questions.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['questions'],
        message: 'a custom survey needs at least one question',
      });
  });

/** A survey definition as callers write it. */
export type SurveyDefinitionInput = z.input<typeof SurveyDefinitionSchema>;
/** A validated survey definition (durations in ms, defaults filled). */
export type SurveyDefinition = z.output<typeof SurveyDefinitionSchema>;

const FollowUpActionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('thank_you'), message: z.string().optional() }),
  z.object({ type: z.literal('apology'), message: z.string().optional() }),
  z.object({ type: z.literal('invite_call'), message: z.string().optional() }),
  z.object({
    type: z.literal('create_ticket'),
    priority: PrioritySchema.default(2),
    queue: z.string().optional(),
    tags: z.array(z.string()).default([]),
  }),
  z.object({ type: z.literal('ask_follow_up'), question: z.string().min(1) }),
  z.object({ type: z.literal('request_review'), url: z.string().optional() }),
]);
/** A follow-up action after a survey response. */
export type FollowUpAction = z.output<typeof FollowUpActionSchema>;

const FollowUpRuleSchema = z
  .object({
    id: z.string().min(1),
    /** Only responses to these survey ids / kinds (default: any). */
    surveys: z.array(z.string().min(1)).optional(),
    kinds: z.array(SurveyKindSchema).optional(),
    /** Score range, inclusive. */
    minScore: z.number().optional(),
    maxScore: z.number().optional(),
    actions: z.array(FollowUpActionSchema).min(1),
  })
  .refine((r) => r.minScore === undefined || r.maxScore === undefined || r.minScore <= r.maxScore, {
    error: 'minScore must not exceed maxScore',
    path: ['minScore'],
  });

/** Follow-up configuration; see `followUpOnResponse` for the defaults. */
const FollowUpSchema = z.object({
  /** Thank every respondent (default true). */
  thankYou: z.boolean().default(true),
  /** Rules checked in order; every matching rule contributes its actions. Omit for the defaults. */
  rules: z.array(FollowUpRuleSchema).optional(),
});

/**
 * A survey policy: the surveys, and the rules that decide whether and when each is sent. JSON-
 * serialisable; every duration accepts ms, `"24h"`, `{ days: 30 }` or ISO `"P30D"`.
 *
 * Defaults: throttle 30 days per recipient across surveys; quiet hours 21:00–08:00 in the
 * recipient's zone; response expiry 28 days; no reminders; exclusions of spam, auto-resolved
 * and agent-initiated conversations; no fallback time zone (set one, or recipients without a
 * valid zone are suppressed with `unknown_time_zone`).
 *
 * @example
 * ```ts
 * import { SurveyPolicySchema } from 'tandem-cx/surveys';
 * SurveyPolicySchema.parse({ surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }] }).throttle; // => 2592000000
 * ```
 */
export const SurveyPolicySchema = z.object({
  surveys: z.array(SurveyDefinitionSchema).min(1),
  /** Minimum time between two surveys to the same recipient, across surveys (default 30 days). */
  throttle: DurationSchema.default(30 * DAY),
  /** Frequency caps per recipient across all surveys. */
  caps: z.array(CapSchema).default([]),
  /** Local quiet hours in the recipient's zone (default 21:00–08:00); `false` (or start = end) disables them. */
  quietHours: z
    .union([z.object({ start: ClockSchema, end: ClockSchema }), z.literal(false)])
    .default({ start: '21:00', end: '08:00' }),
  /** IANA zone used when the recipient's is missing or unknown. */
  fallbackTimeZone: TimeZoneSchema.optional(),
  /** How long a survey accepts responses after it is sent (default 28 days). */
  expiry: DurationSchema.default(28 * DAY),
  reminders: RemindersSchema.default({ count: 0, spacing: 3 * DAY }),
  exclusions: z
    .object({
      /** Conversations resolved by the bot or auto-closed by the system (`resolvedBy: 'bot' | 'system'`). */
      autoResolved: z.boolean().default(true),
      /** Conversations started by an agent (outbound), `initiatedBy: 'agent'`. */
      agentInitiated: z.boolean().default(true),
      /** Events flagged `spam: true` or tagged `spam`. */
      spam: z.boolean().default(true),
      /** Any of these event tags excludes the event. */
      tags: z.array(z.string()).default([]),
    })
    .default({ autoResolved: true, agentInitiated: true, spam: true, tags: [] }),
  /** Send only to recipients with `consent: true` (default false: send unless opted out). */
  requireConsent: z.boolean().default(false),
  /** Seed for sampling; change it to draw a different sample. */
  seed: z.string().default('tandem-cx'),
  followUp: FollowUpSchema.default({ thankYou: true }),
});

/** A survey policy as callers write it. */
export type SurveyPolicyInput = z.input<typeof SurveyPolicySchema>;
/** A validated survey policy. */
export type SurveyPolicy = z.output<typeof SurveyPolicySchema>;

/**
 * A triggering event: a resolved conversation, a purchase, an onboarding step, a cancellation,
 * a review, or a custom lifecycle event.
 *
 * @example
 * ```ts
 * import { SurveyTriggerEventSchema } from 'tandem-cx/surveys';
 * SurveyTriggerEventSchema.parse({ type: 'purchase.completed', at: '2026-11-20T10:00:00Z', customerId: 'u1' }).at; // => '2026-11-20T10:00:00.000Z'
 * ```
 */
export const SurveyTriggerEventSchema = z.object({
  type: z.string().min(1),
  at: InstantSchema,
  customerId: z.string().min(1),
  /** The host's id for the event; the idempotency key when present. */
  id: z.string().min(1).optional(),
  conversationId: z.string().min(1).optional(),
  /** Identifies one resolution of a conversation (for `once: 'resolution'`); default: the event time. */
  resolutionId: z.string().min(1).optional(),
  channel: ChannelSchema.optional(),
  tags: z.array(z.string()).default([]),
  resolvedBy: z.enum(['agent', 'bot', 'customer', 'system']).optional(),
  initiatedBy: z.enum(['customer', 'agent', 'bot', 'system']).optional(),
  spam: z.boolean().optional(),
  /** Anything else the audience rules may look at (`event.data.orderValue`). */
  data: z.record(z.string(), z.unknown()).optional(),
});
/** A triggering event as callers pass it (dates as strings allowed). */
export type SurveyTriggerEventInput = z.input<typeof SurveyTriggerEventSchema>;
/** A validated triggering event. */
export type SurveyTriggerEvent = z.output<typeof SurveyTriggerEventSchema>;

/**
 * Who would receive the survey. Extra fields (segment, language, attributes…) are kept for the
 * audience rules. `channels` (or `contacts`) lists how the recipient can be reached; when both
 * are absent every channel is assumed available.
 *
 * @example
 * ```ts
 * import { SurveyRecipientSchema } from 'tandem-cx/surveys';
 * SurveyRecipientSchema.parse({ id: 'u1', timeZone: 'Europe/Warsaw', segment: 'vip' }).segment; // => 'vip'
 * ```
 */
export const SurveyRecipientSchema = z.looseObject({
  id: z.string().min(1),
  /** IANA zone; a missing or unknown zone falls back to the policy's `fallbackTimeZone`. */
  timeZone: z.string().optional(),
  /** Channels the recipient can be reached on (an empty list: no contact channel at all). */
  channels: z.array(ChannelSchema).optional(),
  /** Contact addresses per channel; channels with an empty address are unavailable. */
  contacts: z.partialRecord(ChannelSchema, z.string()).optional(),
  /** Explicit survey consent (`false` suppresses; `true` is required when the policy says so). */
  consent: z.boolean().optional(),
  /** Opted out of surveys. */
  optedOut: z.boolean().optional(),
});
/** A recipient as callers pass it. */
export type SurveyRecipientInput = z.input<typeof SurveyRecipientSchema>;
/** A validated recipient. */
export type SurveyRecipient = z.output<typeof SurveyRecipientSchema>;

/**
 * One survey already sent or scheduled (history for throttles, caps and once-per-conversation).
 *
 * @example
 * ```ts
 * import { SurveyHistoryEntrySchema } from 'tandem-cx/surveys';
 * SurveyHistoryEntrySchema.parse({ recipientId: 'u1', surveyId: 'csat', sentAt: 0 }).sentAt; // => '1970-01-01T00:00:00.000Z'
 * ```
 */
export const SurveyHistoryEntrySchema = z.object({
  recipientId: z.string().min(1),
  surveyId: z.string().min(1),
  /** When it was (or is scheduled to be) sent. */
  sentAt: InstantSchema,
  conversationId: z.string().min(1).optional(),
  resolutionId: z.string().min(1).optional(),
  /** The triggering event's idempotency key (for `once: 'event'`). */
  eventKey: z.string().min(1).optional(),
});
/** A history entry as callers pass it. */
export type SurveyHistoryEntryInput = z.input<typeof SurveyHistoryEntrySchema>;
/** A validated history entry. */
export type SurveyHistoryEntry = z.output<typeof SurveyHistoryEntrySchema>;

/**
 * A response to a survey: a score on the survey's scale and/or answers and a comment.
 *
 * @example
 * ```ts
 * import { FollowUpResponseSchema } from 'tandem-cx/surveys';
 * FollowUpResponseSchema.parse({ surveyId: 'csat', recipientId: 'u1', score: 1, at: 0 }).score; // => 1
 * ```
 */
export const FollowUpResponseSchema = z.object({
  surveyId: z.string().min(1),
  recipientId: z.string().min(1),
  at: InstantSchema,
  score: z.number().finite().optional(),
  comment: z.string().optional(),
  answers: z.record(z.string(), z.unknown()).optional(),
  conversationId: z.string().min(1).optional(),
});
/** A response as callers pass it. */
export type FollowUpResponseInput = z.input<typeof FollowUpResponseSchema>;
/** A validated response. */
export type FollowUpResponse = z.output<typeof FollowUpResponseSchema>;
