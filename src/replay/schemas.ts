import { z } from 'zod';
import type { TextClassifierModel } from '../learning/index';
import { DurationSchema } from '../model/duration';
import { ChannelSchema, InstantSchema, LanguageSchema, PrioritySchema } from '../model/schemas';

/**
 * First-response targets per priority (1 = most urgent), measured in the policy's business
 * calendar from the moment a person was asked for. Defaults follow a common help-desk SLA
 * ladder (Zendesk's sample SLA policy: urgent 1 h … low 24 h) — set your own.
 */
export const SlaTargetsSchema = z
  .strictObject({
    firstResponse: z
      .strictObject({
        1: DurationSchema.optional(),
        2: DurationSchema.optional(),
        3: DurationSchema.optional(),
        4: DurationSchema.optional(),
        5: DurationSchema.optional(),
      })
      .default({}),
  })
  .default({ firstResponse: {} });

/** Erlang C staffing inputs for the expected agent load (units as in pyworkforce: minutes). */
export const StaffingSchema = z
  .strictObject({
    /** Interval length in minutes (default 60). */
    interval: z.number().positive().default(60),
    /** Target answer time in minutes (default 1 = 60 s, chat). */
    asa: z.number().positive().default(1),
    /** Target service level (default 0.8: 80 % answered within `asa`). */
    serviceLevel: z.number().gt(0).lt(1).default(0.8),
    /** Maximum occupancy (default 0.85). */
    maxOccupancy: z.number().gt(0).max(1).default(0.85),
    /** Shrinkage: breaks, training, absence (default 0.3). */
    shrinkage: z.number().min(0).lt(1).default(0.3),
    /** Handle time in minutes when the history has none (default 10). */
    defaultAht: z.number().positive().default(10),
  })
  .default({ interval: 60, asa: 1, serviceLevel: 0.8, maxOccupancy: 0.85, shrinkage: 0.3, defaultAht: 10 });

/**
 * A replay policy as JSON: the configs of each module to try, validated and compiled by
 * `compileReplayPolicy`. Every section is optional; a missing one is left out of the replay.
 */
export const ReplayPolicyConfigSchema = z.strictObject({
  /** Routing config (`compileRouter`). */
  router: z.unknown().optional(),
  /** Handoff policy config (`createHandoffPolicy`). */
  handoff: z.unknown().optional(),
  /** Survey policy (`planSurvey`). */
  surveys: z.unknown().optional(),
  /** Business calendar (`createBusinessCalendar`): availability of people and SLA clocks. */
  calendar: z.unknown().optional(),
  sla: SlaTargetsSchema,
  staffing: StaffingSchema,
  /** Share of handoff offers the customer accepts (seeded draw per conversation). Default 1. */
  offerAcceptance: z.number().min(0).max(1).default(1),
  /**
   * Fitted models carried by JSON (`clf.toJSON()` of `tandem-cx/learning`), read on the first
   * customer message and given to the router as fields: `topic` → `topic` and `topicConfidence`
   * (the model's label and probability); `sentiment` → `sentiment` (label) and `sentimentScore`
   * (compound) — from a model with labels positive/neutral/negative, or `'lexicon'` for
   * `analyzeSentiment`'s lexicons, so a what-if can compare the two on the same history.
   */
  models: z
    .strictObject({
      topic: z.custom<TextClassifierModel>(() => true).optional(),
      sentiment: z
        .union([z.literal('lexicon'), z.custom<TextClassifierModel>((v) => v !== 'lexicon')])
        .optional(),
    })
    .optional(),
});
/** A replay policy as JSON. */
export type ReplayPolicyConfig = z.input<typeof ReplayPolicyConfigSchema>;

/**
 * One historical conversation as replay reads it: a model Conversation plus what happened —
 * when it was created and resolved, the queue it finally belonged in, the first human reply and
 * the handle time. The bundled sample data has this shape.
 */
export const ReplayConversationSchema = z.looseObject({
  id: z.string().min(1),
  customerId: z.string().min(1),
  channel: ChannelSchema,
  language: LanguageSchema.optional(),
  createdAt: InstantSchema.optional(),
  messages: z.array(z.looseObject({ author: z.string(), text: z.string(), at: InstantSchema })),
  customer: z.looseObject({ id: z.string().optional(), timeZone: z.string().optional() }).optional(),
  /** The queue the conversation belonged in (ground truth for routing accuracy). */
  queue: z.string().optional(),
  priority: PrioritySchema.optional(),
  tags: z.array(z.string()).optional(),
  firstHumanResponseAt: InstantSchema.optional(),
  resolvedAt: InstantSchema.optional(),
  /** Agent handle time in ms (for the Erlang C load). */
  handleTime: z.number().min(0).optional(),
});
/** A historical conversation as callers pass it. */
export type ReplayConversationInput = z.input<typeof ReplayConversationSchema>;
