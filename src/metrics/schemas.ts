import { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import { DurationSchema } from '../model/duration';
import {
  AuthorSchema,
  ChannelSchema,
  ConversationEventSchema,
  InstantSchema,
  PrioritySchema,
} from '../model/schemas';

const count = z.number().int().min(0);
const millis = z.number().min(0, 'must not be negative').finite();

function instantMs(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number.NaN;
}

/** A pause of the clock, `[start, end)`: e.g. while a ticket waits on the customer. */
export const PauseSchema = z
  .object({ start: InstantSchema, end: InstantSchema })
  .refine((p) => p.end.getTime() >= p.start.getTime(), { message: 'end is before start', path: ['end'] });

/** One message of a ticket/conversation as metrics read it. Internal notes have `public: false`. */
export const MetricsMessageSchema = z.looseObject({
  author: AuthorSchema,
  at: InstantSchema,
  /** Zendesk "public comment": internal notes (`false`) are not replies. Default true. */
  public: z.boolean().optional(),
  /** A bot turn that failed (fallback / no-match / exception); counted by the bot error rate. */
  error: z.boolean().optional(),
});

const TICKET_ORDER: Array<[string, string]> = [
  ['firstResponseAt', 'createdAt'],
  ['firstHumanResponseAt', 'createdAt'],
  ['firstResolvedAt', 'createdAt'],
  ['resolvedAt', 'createdAt'],
  ['resolvedAt', 'firstResolvedAt'],
  ['handedOffAt', 'createdAt'],
  ['firstTransferAt', 'createdAt'],
];

/**
 * A ticket or conversation as the metrics read it. Only `createdAt` is required; everything else
 * is either given directly (`firstResponseAt`, `resolvedAt`, `reopens`, …) or derived from
 * `messages` and `events` (explicit fields win). Unknown keys are kept, so any field can be used
 * in `groupBy`.
 *
 * Event types understood (aliases in brackets): `resolved` [`solved`, `conversation.resolved`,
 * `ticket.solved`, `ticket.resolved`], `reopened` [`ticket.reopened`, `conversation.reopened`],
 * `transferred` [`conversation.transferred`, `ticket.transferred`], `rerouted`
 * [`conversation.rerouted`], `routed` [`conversation.routed`; a later one to another queue is a
 * re-route], `handoff` [`handoff.escalated`, `handed_off`], `bot.error` [`bot_error`],
 * `bot.completed` [`completed`].
 */
export const TicketRecordSchema = z
  .looseObject({
    id: z.string().optional(),
    customerId: z.string().optional(),
    createdAt: InstantSchema,
    channel: ChannelSchema.optional(),
    queue: z.string().optional(),
    priority: PrioritySchema.optional(),
    status: z.string().optional(),
    /** First public reply by an agent or the bot. */
    firstResponseAt: InstantSchema.optional(),
    /** First public reply by a human agent. */
    firstHumanResponseAt: InstantSchema.optional(),
    /** First time the ticket was resolved (before any reopen). */
    firstResolvedAt: InstantSchema.optional(),
    /** Final resolution; absent while unresolved (including reopened and not yet re-solved). */
    resolvedAt: InstantSchema.optional(),
    reopens: count.optional(),
    transfers: count.optional(),
    reroutes: count.optional(),
    /** First transfer or re-route (for routing accuracy). */
    firstTransferAt: InstantSchema.optional(),
    handedOffAt: InstantSchema.optional(),
    handedOff: z.boolean().optional(),
    /** The bot took part. */
    botInvolved: z.boolean().optional(),
    /** A human agent took part. */
    humanInvolved: z.boolean().optional(),
    /** Only the bot took part (shorthand for `botInvolved: true, humanInvolved: false`). */
    botOnly: z.boolean().optional(),
    /** The bot flow reached an end (resolved, handed off or completed). */
    completed: z.boolean().optional(),
    botTurns: count.optional(),
    botErrors: count.optional(),
    /** Agent handle time in ms (for cost per contact by the hour). */
    handleTime: millis.optional(),
    messages: z.array(MetricsMessageSchema).optional(),
    events: z.array(ConversationEventSchema).optional(),
    /** Intervals when the clock stops (waiting on the customer). */
    pauses: z.array(PauseSchema).optional(),
  })
  .superRefine((t, ctx) => {
    const record = t as Record<string, unknown>;
    for (const [later, earlier] of TICKET_ORDER) {
      const a = instantMs(record[later]);
      const b = instantMs(record[earlier]);
      if (a < b) ctx.addIssue({ code: 'custom', path: [later], message: `${later} is before ${earlier}` });
    }
  });
/** A validated ticket record. */
export type TicketRecord = z.output<typeof TicketRecordSchema>;
/** A ticket record as callers pass it (timestamps as Date, ISO string or epoch ms). */
export type TicketRecordInput = z.input<typeof TicketRecordSchema>;

/** One survey answer. `rating: null` is a skipped question: counted as missing, not as an answer. */
export const SurveyResponseSchema = z.looseObject({
  rating: z.number().finite().nullable(),
  respondedAt: InstantSchema.optional(),
  kind: z.enum(['csat', 'nps', 'ces', 'custom']).optional(),
  surveyId: z.string().optional(),
  customerId: z.string().optional(),
  conversationId: z.string().optional(),
  queue: z.string().optional(),
  channel: ChannelSchema.optional(),
  agentId: z.string().optional(),
});
/** A validated survey response. */
export type SurveyResponse = z.output<typeof SurveyResponseSchema>;
/** A survey response as callers pass it; calculators also accept a bare number. */
export type SurveyResponseInput = z.input<typeof SurveyResponseSchema> | number | null;

/**
 * A call or other real-time contact in a queue (ICMI terms): offered, then answered or
 * abandoned. Handle-time components are milliseconds.
 */
export const ContactRecordSchema = z
  .looseObject({
    id: z.string().optional(),
    customerId: z.string().optional(),
    offeredAt: InstantSchema,
    answeredAt: InstantSchema.optional(),
    abandonedAt: InstantSchema.optional(),
    endedAt: InstantSchema.optional(),
    talkTime: millis.optional(),
    holdTime: millis.optional(),
    wrapTime: millis.optional(),
    queue: z.string().optional(),
    channel: ChannelSchema.optional(),
    agentId: z.string().optional(),
    transferred: z.boolean().optional(),
  })
  .superRefine((c, ctx) => {
    const offered = c.offeredAt.getTime();
    if (instantMs(c.answeredAt) < offered)
      ctx.addIssue({ code: 'custom', path: ['answeredAt'], message: 'answeredAt is before offeredAt' });
    if (instantMs(c.abandonedAt) < offered)
      ctx.addIssue({ code: 'custom', path: ['abandonedAt'], message: 'abandonedAt is before offeredAt' });
    if (c.answeredAt && c.abandonedAt)
      ctx.addIssue({
        code: 'custom',
        path: ['abandonedAt'],
        message: 'a contact cannot be both answered and abandoned',
      });
    if (instantMs(c.endedAt) < (c.answeredAt ?? c.offeredAt).getTime())
      ctx.addIssue({ code: 'custom', path: ['endedAt'], message: 'endedAt is before answeredAt/offeredAt' });
  });
/** A validated contact record. */
export type ContactRecord = z.output<typeof ContactRecordSchema>;
/** A contact record as callers pass it. */
export type ContactRecordInput = z.input<typeof ContactRecordSchema>;

/** What to do with an invalid record: throw one TandemError listing them, or skip and count. */
export const OnInvalidSchema = z.enum(['throw', 'skip']).default('throw');
/** `throw` (default) or `skip`. */
export type OnInvalid = z.input<typeof OnInvalidSchema>;

/** Accepts any object implementing the calendar's `businessTimeBetween`. */
export const CalendarOptionSchema = z.custom<BusinessCalendar>(
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    typeof (value as BusinessCalendar).businessTimeBetween === 'function',
  { message: 'must be a BusinessCalendar (createBusinessCalendar from tandem-cx/calendar)' },
);

/** Statistic used as `value` of a time metric. */
export const TimeStatisticSchema = z.enum(['mean', 'p50', 'p90']).default('mean');

/** Options shared by every calculator. */
export const BaseOptionsSchema = z.object({ onInvalid: OnInvalidSchema });

/** Options shared by the time metrics. */
export const TimeOptionsSchema = BaseOptionsSchema.extend({
  /** Business calendar; default: calendar time (`end − start`). */
  calendar: CalendarOptionSchema.optional(),
  /** Leave out the record's `pauses` (waiting on the customer). Default true. */
  excludePauses: z.boolean().default(true),
  /** Count only replies by human agents (not the bot). Default false. */
  humanOnly: z.boolean().default(false),
  statistic: TimeStatisticSchema,
});

/** A window such as `'7d'` or `{ hours: 72 }`, in ms. */
export const WindowSchema = DurationSchema;
