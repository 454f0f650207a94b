// biome-ignore-all lint/suspicious/noThenProperty: `then` is the rule shape shared with routing (rules[].then), not a thenable.
import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import { ChannelSchema, LanguageSchema, PrioritySchema } from '../model/schemas';
// Named so the emitted .d.ts spells the Condition inside ConditionSchema's type through
// '../routing/conditions'; unnamed, TypeScript reaches it through the root barrel (import("..")),
// and the declaration bundle's chunks then import each other (Rollup: "circular dependency
// between chunks … broken execution order").
// biome-ignore lint/correctness/noUnusedImports: read by the declaration emitter, see above
import { type Condition, ConditionSchema } from '../routing/conditions';
import { HANDOFF_LANGUAGES } from './lexicon/requests';
import { SENSITIVE_TOPICS } from './lexicon/sensitive';

/** A language with built-in handoff phrase sets (`en`, `pl`, `zh`, `es`, `de`, `fr`). */
export const HandoffLanguageSchema = z.enum(HANDOFF_LANGUAGES);

/** A built-in sensitive topic id. */
export const SensitiveTopicSchema = z.enum(SENSITIVE_TOPICS);

const phrasesPerLanguage = z.partialRecord(
  HandoffLanguageSchema,
  z.array(z.string().trim().min(1).max(200)).max(500),
);

/** Options of {@link createHumanRequestDetector} (also `explicitRequest` in the policy config). */
export const HumanRequestDetectorOptionsSchema = z
  .object({
    /** Phrase sets to use (default all six). */
    languages: z.array(HandoffLanguageSchema).min(1).optional(),
    /** Extra literal phrases that are explicit requests, per language ("beam me up"). */
    extraPhrases: phrasesPerLanguage.optional(),
    /** Extra whole-message words that are ambiguous (offer, not escalate), per language. */
    extraAmbiguousWords: phrasesPerLanguage.optional(),
  })
  .strict();
/** Options of the human-request detector. */
export type HumanRequestDetectorOptions = z.input<typeof HumanRequestDetectorOptionsSchema>;

/** A host-defined sensitive topic: literal keywords (any language), a priority. */
export const CustomSensitiveTopicSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    keywords: z.array(z.string().trim().min(1).max(200)).min(1).max(500),
    priority: PrioritySchema.default(2),
  })
  .strict();

/** Options of {@link createSensitiveTopicDetector} (also `sensitiveTopics` in the policy config). */
export const SensitiveTopicOptionsSchema = z
  .object({
    /** Built-in topics to detect (default all). `[]` = only custom topics. */
    topics: z.array(SensitiveTopicSchema).optional(),
    /** Phrase sets to use (default all six). */
    languages: z.array(HandoffLanguageSchema).min(1).optional(),
    /** Extra topics. Ids must not repeat a built-in one. */
    custom: z.array(CustomSensitiveTopicSchema).default([]),
    /** Priority overrides for built-in topics. */
    priorities: z.partialRecord(SensitiveTopicSchema, PrioritySchema).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    const seen = new Set<string>(SENSITIVE_TOPICS);
    for (const [i, topic] of value.custom.entries()) {
      if (seen.has(topic.id))
        ctx.addIssue({
          code: 'custom',
          path: ['custom', i, 'id'],
          message: `duplicate topic id "${topic.id}"`,
        });
      seen.add(topic.id);
    }
  });
/** Options of the sensitive-topic detector. */
export type SensitiveTopicOptions = z.input<typeof SensitiveTopicOptionsSchema>;

/** What an attribute rule does when its condition holds. */
export const HandoffRuleActionSchema = z
  .object({
    /** Minimum action when the rule matches (e.g. `offer` for big orders, `escalate` for VIPs). */
    action: z.enum(['offer', 'escalate']).optional(),
    /** Turn any `offer` into `escalate` for these customers (VIP: no "would you like…"). */
    escalateInsteadOfOffer: z.boolean().default(false),
    /** Priority for the handoff (1 = most urgent); the most urgent of all reasons wins. */
    priority: PrioritySchema.optional(),
    /** Queue to suggest in the packet when no router is given. */
    queue: z.string().min(1).optional(),
    /** Skills to suggest in the packet. */
    skills: z.array(z.string().min(1)).optional(),
  })
  .strict();

/**
 * An attribute rule in the routing condition language, evaluated against
 * `{ conversation, customer, channel, attributes, ...attributes }`.
 */
export const HandoffRuleSchema = z
  .object({
    id: z.string().trim().min(1).max(100),
    description: z.string().optional(),
    when: ConditionSchema,
    then: HandoffRuleActionSchema,
    enabled: z.boolean().default(true),
  })
  .strict();
/** An attribute rule as callers pass it. */
export type HandoffRuleInput = z.input<typeof HandoffRuleSchema>;

/** Contact details the no-agent path can ask for. */
export const ContactFieldSchema = z.enum(['email', 'phone', 'name']);

/**
 * The handoff policy. Every part has a documented default, so `createHandoffPolicy()` works
 * without configuration. JSON-serialisable (durations as strings or ms).
 */
export const HandoffPolicyConfigSchema = z
  .object({
    explicitRequest: HumanRequestDetectorOptionsSchema.extend({
      /** Detect explicit requests at all (default true). */
      enabled: z.boolean().default(true),
      /** Priority of an explicit-request handoff (default 3, normal). */
      priority: PrioritySchema.default(3),
    })
      .strict()
      .default({ enabled: true, priority: 3 }),
    sensitiveTopics: z
      .object({
        enabled: z.boolean().default(true),
        topics: z.array(SensitiveTopicSchema).optional(),
        languages: z.array(HandoffLanguageSchema).min(1).optional(),
        custom: z.array(CustomSensitiveTopicSchema).default([]),
        priorities: z.partialRecord(SensitiveTopicSchema, PrioritySchema).optional(),
      })
      .strict()
      .default({ enabled: true, custom: [] }),
    lowConfidence: z
      .object({
        /**
         * Below this answer confidence the bot asks to rephrase. Default 0.3 = Rasa's
         * FallbackClassifier `threshold` default (rasa.com/docs, "Fallback and Human Handoff").
         */
        threshold: z.number().min(0).max(1).default(0.3),
        /** Clarifications before offering a person (default 1: clarify once, then offer). */
        maxClarifications: z.number().int().min(0).max(10).default(1),
      })
      .strict()
      .default({ threshold: 0.3, maxClarifications: 1 }),
    frustration: z
      .object({
        enabled: z.boolean().default(true),
        /** Frustration score (0..1, from the confidence module) at which a person is offered. */
        threshold: z.number().min(0).max(1).default(0.6),
        /**
         * Most recent messages the frustration detector reads (default 12, i.e. about six turns:
         * enough for repeated questions, a 3-turn loop and a sentiment trend, and it keeps the
         * per-turn cost flat as conversations grow).
         */
        window: z.number().int().min(2).max(1000).default(12),
      })
      .strict()
      .default({ enabled: true, threshold: 0.6, window: 12 }),
    loop: z
      .object({
        enabled: z.boolean().default(true),
        /** Consecutive customer turns without progress that count as a loop (default 3). */
        turns: z.number().int().min(2).max(20).default(3),
        /** Token-set similarity (Jaccard) at which two customer turns count as the same ask. */
        similarity: z.number().min(0).max(1).default(0.6),
      })
      .strict()
      .default({ enabled: true, turns: 3, similarity: 0.6 }),
    offer: z
      .object({
        /** Offers per conversation (default 1: offer once, never nag). */
        maxOffers: z.number().int().min(0).max(10).default(1),
      })
      .strict()
      .default({ maxOffers: 1 }),
    rules: z.array(HandoffRuleSchema).default([]),
    noAgents: z
      .object({
        /** Contact details to collect when nobody is available (default email). */
        collect: z.array(ContactFieldSchema).default(['email']),
        /** Promised first response, in business time when a calendar is given (default 4h). */
        responseTime: DurationSchema.default(4 * 3_600_000),
        /** Per-priority overrides, keys 1..5. */
        responseTimeByPriority: z.partialRecord(z.enum(['1', '2', '3', '4', '5']), DurationSchema).optional(),
      })
      .strict()
      .default({ collect: ['email'], responseTime: 4 * 3_600_000 }),
    /** Priority when no reason sets one (default 3). */
    defaultPriority: PrioritySchema.default(3),
  })
  .strict()
  .superRefine((value, ctx) => {
    const ids = new Set<string>();
    for (const [i, rule] of value.rules.entries()) {
      if (ids.has(rule.id))
        ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `duplicate rule id "${rule.id}"` });
      ids.add(rule.id);
      if (!rule.then.action && !rule.then.escalateInsteadOfOffer && rule.then.priority === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', i, 'then'],
          message: 'a rule must set action, escalateInsteadOfOffer or priority',
        });
    }
  });
/** The handoff policy as callers write it (every field optional). */
export type HandoffPolicyConfig = z.input<typeof HandoffPolicyConfigSchema>;
/** The handoff policy with defaults applied. */
export type ResolvedHandoffPolicyConfig = z.output<typeof HandoffPolicyConfigSchema>;

/** Stable reason codes of handoff decisions. */
export const HANDOFF_REASON_CODES = [
  'explicit_request',
  'ambiguous_request',
  'sensitive_topic',
  'low_confidence',
  'out_of_scope',
  'clarify_exhausted',
  'frustration',
  'loop',
  'attribute_rule',
  'offer_accepted',
  'offer_declined',
  'offer_already_made',
  'customer_cancelled',
  'handed_back',
  'already_escalated',
  'no_agents_available',
  'no_customer_message',
  'awaiting_customer',
  'messages_reordered',
  'unsupported_language',
  'answered',
] as const;
/** A stable reason code. */
export type HandoffReasonCode = (typeof HANDOFF_REASON_CODES)[number];

/** One reason of a decision. */
export const HandoffReasonSchema = z.object({
  code: z.enum(HANDOFF_REASON_CODES),
  detail: z.string(),
});
/** One reason of a decision: a stable code plus human detail. */
export type HandoffReason = z.infer<typeof HandoffReasonSchema>;

const IsoInstant = z.iso.datetime({ offset: true });

/** One transcript line in a packet. Dates are ISO strings so the packet is plain JSON. */
export const PacketMessageSchema = z.object({
  id: z.string(),
  author: z.enum(['customer', 'bot', 'agent', 'system']),
  authorId: z.string().optional(),
  text: z.string(),
  at: IsoInstant,
});

/** An article the bot showed, with the customer's feedback when known. */
export const PacketArticleSchema = z.object({
  id: z.string(),
  title: z.string().optional(),
  shownAt: IsoInstant,
  /** `true` helpful, `false` not helpful, `null` no feedback. */
  helpful: z.boolean().nullable(),
});

/**
 * Everything an agent needs so the customer never repeats themselves. Plain JSON: dates are ISO
 * strings, no class instances, so it can be queued, stored or sent to a help desk as is.
 */
export const HandoffPacketSchema = z.object({
  version: z.literal(1),
  conversationId: z.string(),
  customerId: z.string(),
  channel: ChannelSchema,
  createdAt: IsoInstant,
  /** When the customer first asked for / was put on the way to a person; never reset. */
  waitingSince: IsoInstant,
  transcript: z.array(PacketMessageSchema),
  summary: z.object({
    /** The customer's goal, in their own words (first substantive message). */
    goal: z.string(),
    /** What the bot already tried (answers, articles, clarifications). */
    tried: z.array(z.string()),
    /** One short paragraph: goal, what was tried, why it is handed off. */
    text: z.string(),
  }),
  /** Values the bot collected (conversation slots) plus entities found in the customer's words. */
  slots: z.record(z.string(), z.unknown()),
  entities: z.object({
    orderIds: z.array(z.string()),
    emails: z.array(z.string()),
    phones: z.array(z.string()),
    amounts: z.array(z.object({ value: z.number(), currency: z.string().nullable(), text: z.string() })),
  }),
  /** Customer facts recalled from the knowledge store with the viewer's rights; `null` if not loaded. */
  profile: z
    .object({
      viewerRole: z.string(),
      facts: z.array(
        z.object({
          key: z.string(),
          value: z.unknown(),
          source: z.string(),
          confidence: z.number(),
          recordedAt: IsoInstant,
        }),
      ),
    })
    .nullable(),
  articlesShown: z.array(PacketArticleSchema),
  language: z.object({ code: LanguageSchema, confidence: z.number().min(0).max(1), source: z.string() }),
  sentiment: z.object({ compound: z.number(), label: z.string() }).nullable(),
  frustration: z
    .object({
      score: z.number(),
      signals: z.array(z.object({ kind: z.string(), turn: z.number(), evidence: z.string() })),
    })
    .nullable(),
  priority: PrioritySchema,
  queue: z.string().nullable(),
  skills: z.array(z.string()),
  reasons: z.array(HandoffReasonSchema),
});
/** A handoff packet. */
export type HandoffPacket = z.infer<typeof HandoffPacketSchema>;
