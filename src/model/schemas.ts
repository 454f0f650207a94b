import { z } from 'zod';

/**
 * Contact channels. `web_form` and `in_app` cover forms and in-product widgets; `social` covers
 * public social media (private messengers such as WhatsApp have their own value).
 */
export const ChannelSchema = z.enum([
  'chat',
  'email',
  'phone',
  'social',
  'whatsapp',
  'sms',
  'web_form',
  'in_app',
]);
/** A contact channel; see {@link ChannelSchema}. */
export type Channel = z.infer<typeof ChannelSchema>;
/** Every channel, in declaration order. */
export const CHANNELS: readonly Channel[] = ChannelSchema.options;

/** Priority 1–5, where 1 is the most urgent (Zendesk/Freshdesk "urgent" … "low" mapped to 1…4/5). */
export const PrioritySchema = z.number().int().min(1).max(5);
/** Priority 1 (most urgent) … 5 (least urgent). */
export type Priority = z.infer<typeof PrioritySchema>;

// BCP 47 (RFC 5646) language tag, simplified: primary language subtag plus optional script,
// region and variants, e.g. `en`, `pl`, `zh-Hans`, `zh-Hant-TW`, `pt-BR`, `und` (undetermined).
const BCP47 =
  /^[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-(?:[a-zA-Z\d]{5,8}|\d[a-zA-Z\d]{3}))*$/;
/** A BCP 47 language tag (`en`, `pl`, `zh-Hant`, `pt-BR`; `und` when undetermined). */
export const LanguageSchema = z
  .string()
  .regex(BCP47, 'must be a BCP 47 language tag such as "en", "pl" or "zh-Hant"');
/** A BCP 47 language tag. */
export type Language = z.infer<typeof LanguageSchema>;

/** A point in time: a `Date`, or an ISO 8601 string / epoch milliseconds that is coerced to one. */
export const InstantSchema = z
  .union([z.date(), z.string(), z.number()], {
    error: 'must be a date/time: a Date, an ISO 8601 string or epoch milliseconds',
  })
  .transform((value, ctx) => {
    const date = value instanceof Date ? value : new Date(value);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: `not a valid date/time: ${JSON.stringify(value)}` });
      return z.NEVER;
    }
    return date;
  });

/** Who wrote a message. */
export const AuthorSchema = z.enum(['customer', 'bot', 'agent', 'system']);
/** Who wrote a message. */
export type Author = z.infer<typeof AuthorSchema>;

/** One message in a conversation. `conversationId` and `channel` default to the conversation's. */
export const MessageSchema = z.object({
  id: z.string().min(1),
  conversationId: z.string().min(1).optional(),
  author: AuthorSchema,
  /** Agent or bot id when `author` is `agent`/`bot`. */
  authorId: z.string().optional(),
  text: z.string(),
  at: InstantSchema,
  channel: ChannelSchema.optional(),
  language: LanguageSchema.optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
/** A validated message. */
export type Message = z.output<typeof MessageSchema>;
/** A message as callers may pass it (dates as strings allowed). */
export type MessageInput = z.input<typeof MessageSchema>;

/** Conversation lifecycle. `pending` = waiting on the customer; `on_hold` = waiting on a third party. */
export const ConversationStatusSchema = z.enum(['open', 'pending', 'on_hold', 'resolved', 'closed']);
/** Conversation lifecycle state. */
export type ConversationStatus = z.infer<typeof ConversationStatusSchema>;

/**
 * Something that happened to a conversation besides a message: routed, assigned, transferred,
 * handed off, resolved, reopened, status changes. `type` is free-form; the library's own use the
 * names of the event bus (`conversation.routed`, `handoff.escalated`, …).
 */
export const ConversationEventSchema = z.object({
  type: z.string().min(1),
  at: InstantSchema,
  queue: z.string().optional(),
  agentId: z.string().optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});
/** A validated conversation event. */
export type ConversationEvent = z.output<typeof ConversationEventSchema>;

/** A conversation between a customer and the bot and/or agents, on one channel. */
export const ConversationSchema = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  channel: ChannelSchema,
  language: LanguageSchema.optional(),
  status: ConversationStatusSchema.default('open'),
  messages: z.array(MessageSchema),
  tags: z.array(z.string()).default([]),
  priority: PrioritySchema.optional(),
  assignee: z.string().optional(),
  queue: z.string().optional(),
  /** Values the bot collected (order id, email, amount…), keyed by slot name. */
  slots: z.record(z.string(), z.unknown()).optional(),
  events: z.array(ConversationEventSchema).optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
/** A validated conversation. */
export type Conversation = z.output<typeof ConversationSchema>;
/** A conversation as callers may pass it (`status`, `tags` optional; dates as strings allowed). */
export type ConversationInput = z.input<typeof ConversationSchema>;

/** Where a customer is. ISO 3166-1 alpha-2 country code. */
export const LocationSchema = z.object({
  country: z
    .string()
    .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "PL"')
    .optional(),
  region: z.string().optional(),
  city: z.string().optional(),
});
/** A customer's location. */
export type Location = z.infer<typeof LocationSchema>;

/** A customer: who they are, where, in which language and time zone. */
export const CustomerSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  language: LanguageSchema.optional(),
  location: LocationSchema.optional(),
  /** IANA time zone, e.g. `Europe/Warsaw`. */
  timeZone: z.string().optional(),
  /** Segment such as `vip`, `enterprise`, `free`. */
  segment: z.string().optional(),
  vip: z.boolean().optional(),
  attributes: z.record(z.string(), z.unknown()).optional(),
});
/** A validated customer. */
export type Customer = z.output<typeof CustomerSchema>;

/** Agent availability. Only `available` agents receive new work. */
export const AgentStatusSchema = z.enum(['available', 'busy', 'away', 'offline']);
/** Agent availability. */
export type AgentStatus = z.infer<typeof AgentStatusSchema>;

/** A skill with a proficiency level 1 (basic) … 10 (expert), as in Genesys/TaskRouter skill levels. */
export const AgentSkillSchema = z.object({
  name: z.string().min(1),
  level: z.number().int().min(1).max(10).default(5),
});
/** An agent skill with level. */
export type AgentSkill = z.output<typeof AgentSkillSchema>;

/** A human agent: skills with levels, languages, status, capacity per channel, team. */
export const AgentSchema = z.object({
  id: z.string().min(1),
  name: z.string().optional(),
  skills: z.array(AgentSkillSchema).default([]),
  languages: z.array(LanguageSchema).default([]),
  status: AgentStatusSchema.default('available'),
  /** Capacity units per channel (e.g. `{ chat: 3, email: 5, phone: 1 }`); missing channel = cannot take it. */
  capacity: z.partialRecord(ChannelSchema, z.number().min(0, 'capacity must not be negative')).default({}),
  team: z.string().optional(),
});
/** A validated agent. */
export type Agent = z.output<typeof AgentSchema>;
/** An agent as callers may pass it. */
export type AgentInput = z.input<typeof AgentSchema>;

/** Ticket lifecycle, Zendesk-style. */
export const TicketStatusSchema = z.enum(['new', 'open', 'pending', 'on_hold', 'solved', 'closed']);
/** Ticket lifecycle state. */
export type TicketStatus = z.infer<typeof TicketStatusSchema>;

/** A support ticket: the unit routed to queues and measured by metrics. */
export const TicketSchema = z.object({
  id: z.string().min(1),
  customerId: z.string().min(1),
  subject: z.string().optional(),
  description: z.string().optional(),
  channel: ChannelSchema,
  status: TicketStatusSchema.default('new'),
  priority: PrioritySchema.default(3),
  queue: z.string().optional(),
  assignee: z.string().optional(),
  language: LanguageSchema.optional(),
  tags: z.array(z.string()).default([]),
  createdAt: InstantSchema,
  updatedAt: InstantSchema.optional(),
  conversationId: z.string().optional(),
  meta: z.record(z.string(), z.unknown()).optional(),
});
/** A validated ticket. */
export type Ticket = z.output<typeof TicketSchema>;
/** A ticket as callers may pass it. */
export type TicketInput = z.input<typeof TicketSchema>;
