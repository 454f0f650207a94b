// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import { ChannelSchema, ConversationStatusSchema, LanguageSchema, PrioritySchema } from '../model/schemas';
import { ConditionSchema } from './conditions';

/** What a matching rule does: the queue, and optionally priority, required skills, tags, language. */
export const RouteActionSchema = z.strictObject({
  queue: z.string().min(1),
  /** 1 (most urgent) … 5; the decision uses 3 when no matching rule sets one. */
  priority: PrioritySchema.optional(),
  skills: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
  language: LanguageSchema.optional(),
});
/** A rule's action as written in the config. */
export type RouteActionInput = z.input<typeof RouteActionSchema>;

/** One routing rule: `when` the condition holds, `then` route like this. */
export const RoutingRuleSchema = z.strictObject({
  id: z.string().min(1),
  description: z.string().optional(),
  /** Disabled rules stay in the config (and in traces) but never match. */
  enabled: z.boolean().default(true),
  when: ConditionSchema,
  then: RouteActionSchema,
});
/** A routing rule as written in the config. */
export type RoutingRuleInput = z.input<typeof RoutingRuleSchema>;

/** Where items go when no rule matches. */
export const FallbackSchema = z.strictObject({
  queue: z.string().min(1),
  priority: PrioritySchema.default(3),
  skills: z.array(z.string().min(1)).default([]),
  tags: z.array(z.string().min(1)).default([]),
});

/**
 * A router config: ordered rules (first match wins, or `mode: 'all'` to collect every match) and a
 * fallback. Rule ids must be unique.
 */
export const RouterConfigSchema = z
  .strictObject({
    mode: z.enum(['first', 'all']).default('first'),
    rules: z.array(RoutingRuleSchema),
    fallback: FallbackSchema,
  })
  .superRefine((config, ctx) => {
    const seen = new Map<string, number>();
    config.rules.forEach((rule, index) => {
      const first = seen.get(rule.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `duplicate rule id "${rule.id}" (also rules[${first}].id)`,
        });
      else seen.set(rule.id, index);
    });
  });
/** A router config as written (defaults optional). */
export type RouterConfig = z.input<typeof RouterConfigSchema>;

/** A keyword or phrase with a weight. A trailing `*` matches any word ending (`refund*`). */
export const WeightedTermSchema = z.union([
  z.string().min(1),
  z.strictObject({ term: z.string().min(1), weight: z.number().positive().default(1) }),
]);

/** A topic for {@link classifyTopic}: keywords/phrases with weights. */
export const TopicSchema = z.strictObject({
  id: z.string().min(1),
  terms: z.array(WeightedTermSchema).min(1),
  /** Minimum total weight for the topic to be chosen (default 1). */
  minScore: z.number().positive().default(1),
});
/** A topic definition. */
export type TopicInput = z.input<typeof TopicSchema>;

/** A list of topics with unique ids. */
export const TopicsSchema = z.array(TopicSchema).superRefine((topics, ctx) => {
  const seen = new Set<string>();
  topics.forEach((topic, index) => {
    if (seen.has(topic.id))
      ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate topic id "${topic.id}"` });
    seen.add(topic.id);
  });
});

/** One priority rule: a condition and/or keywords; sets a floor and/or moves the priority. */
export const PriorityRuleSchema = z
  .strictObject({
    id: z.string().min(1),
    /** Condition on the item (segment, channel, sentiment score, …). */
    when: ConditionSchema.optional(),
    /** Keywords/phrases searched in `field` (default `text`); any one matches. */
    keywords: z.array(z.string().min(1)).min(1).optional(),
    field: z.string().default('text'),
    /** The item is at least this urgent (priority becomes min(current, this)). */
    priority: PrioritySchema.optional(),
    /** Steps to move: -1 = one level more urgent, +1 = one level less. */
    adjust: z.number().int().min(-4).max(4).optional(),
    reason: z.string().optional(),
  })
  .refine((rule) => rule.when !== undefined || rule.keywords !== undefined, {
    message: 'a priority rule needs `when` or `keywords`',
  })
  .refine((rule) => rule.priority !== undefined || rule.adjust !== undefined, {
    message: 'a priority rule needs `priority` or `adjust`',
  });

/** Priority rules for {@link classifyPriority}. */
export const PriorityRulesSchema = z.strictObject({
  /** Priority when no rule applies (default 3). */
  base: PrioritySchema.default(3),
  rules: z.array(PriorityRuleSchema),
});
/** Priority rules as written. */
export type PriorityRulesInput = z.input<typeof PriorityRulesSchema>;

const TimeSchema = z.union([z.date(), z.string(), z.number()]);

/** An item waiting in a queue (for {@link orderQueue} and {@link drainQueue}). */
export const QueueItemSchema = z.looseObject({
  id: z.string().min(1),
  priority: PrioritySchema.default(3),
  enqueuedAt: TimeSchema,
});

/** Aging for {@link orderQueue}: how many minutes of waiting one priority level is worth. */
export const AgingSchema = z.strictObject({
  /** One priority level = this many minutes of waiting (Genesys-style). */
  minutesPerLevel: z.number().positive(),
});

/** A required skill: a name, or a name with a minimum level 1–10. */
export const SkillRequirementSchema = z.union([
  z.string().min(1),
  z.strictObject({ name: z.string().min(1), minLevel: z.number().int().min(1).max(10).default(1) }),
]);

/** An item to assign to an agent. */
export const AssignableItemSchema = z.looseObject({
  id: z.string().min(1),
  channel: ChannelSchema,
  queue: z.string().optional(),
  language: LanguageSchema.optional(),
  team: z.string().optional(),
  skills: z.array(SkillRequirementSchema).default([]),
  priority: PrioritySchema.default(3),
  /** When it started waiting; required for relaxation steps, sticky timeout and drainQueue. */
  enqueuedAt: TimeSchema.optional(),
  /** The agent who handled this customer/conversation before (for `sticky`). */
  previousAgentId: z.string().optional(),
});
/** An item as passed to assignAgent. */
export type AssignableItem = z.input<typeof AssignableItemSchema>;

/** One piece of work an agent holds; only `open` and `on_hold` count as load. */
export const WorkItemSchema = z.strictObject({
  agentId: z.string().min(1),
  channel: ChannelSchema,
  status: ConversationStatusSchema.default('open'),
  itemId: z.string().optional(),
});
/** Work an agent holds. */
export type WorkItem = z.input<typeof WorkItemSchema>;

/** A bullseye relaxation step: after `after` of waiting, requirements loosen. */
export const RelaxationStepSchema = z.strictObject({
  /** Waiting time (since `enqueuedAt`) after which this step applies. */
  after: DurationSchema,
  /** Replace the required skills with these (`[]` = any skill). */
  skills: z.array(SkillRequirementSchema).optional(),
  /** Drop these skills from the requirements. */
  dropSkills: z.array(z.string().min(1)).optional(),
  /** Stop requiring the item's language. */
  ignoreLanguage: z.boolean().optional(),
  /** Stop requiring the item's team. */
  ignoreTeam: z.boolean().optional(),
});

/** Channel weights: units an item of that channel uses, or `'all'` (takes the agent's whole capacity). */
export const ChannelWeightsSchema = z.partialRecord(
  ChannelSchema,
  z.union([z.number().min(0), z.literal('all')]),
);

/** Assignment strategy. */
export const AssignmentStrategySchema = z.enum([
  'round_robin',
  'least_busy',
  'longest_idle',
  'skills_best_match',
  'sticky',
]);
/** Assignment strategy. */
export type AssignmentStrategy = z.infer<typeof AssignmentStrategySchema>;

/** The serialisable assignment state the host stores between calls. */
export const AssignmentStateSchema = z.strictObject({
  /** Round-robin pointer per queue: the agent assigned last. */
  roundRobin: z.record(z.string(), z.string()).default({}),
  /** Epoch ms of each agent's last assignment (for `longest_idle`). */
  lastAssignedAt: z.record(z.string(), z.number()).default({}),
  /** Recent assignments (within the fairness window / retention). */
  log: z.array(z.strictObject({ agentId: z.string(), itemId: z.string(), at: z.number() })).default([]),
});
/** The serialisable assignment state. */
export type AssignmentState = z.output<typeof AssignmentStateSchema>;

/** Options of assignAgent (everything but the item and the agents). */
export const AssignOptionsSchema = z.strictObject({
  strategy: AssignmentStrategySchema,
  now: TimeSchema,
  state: AssignmentStateSchema.optional(),
  /** Work the agents hold now (the host's source of truth). */
  workload: z.array(WorkItemSchema).default([]),
  /** Units per channel; defaults: chat 1, email 0.5, phone `'all'`, others 1. */
  channelWeights: ChannelWeightsSchema.optional(),
  /** At most `maxAssignments` per agent within `window`. */
  fairness: z
    .strictObject({ window: DurationSchema, maxAssignments: z.number().int().positive() })
    .optional(),
  /** Bullseye steps, in order of `after`. */
  relaxation: z.array(RelaxationStepSchema).default([]),
  /** Move past a step at once when none of its agents is `available` at all (default true). */
  skipEmptySteps: z.boolean().default(true),
  /** `sticky`: how long to wait for the previous agent (default 0 = don't wait). */
  stickyTimeout: DurationSchema.default(0),
  /** `sticky`: strategy among the others when the previous agent cannot take it (default least_busy). */
  stickyFallback: z
    .enum(['round_robin', 'least_busy', 'longest_idle', 'skills_best_match'])
    .default('least_busy'),
  /** How long the assignment log is kept when no fairness window is set (default 24 h). */
  logRetention: DurationSchema.default(86_400_000),
});
/** Options of assignAgent as passed. */
export type AssignAgentOptions = z.input<typeof AssignOptionsSchema>;
