import type { BusinessCalendar } from '../../calendar/types';
import type { Conversation, Priority } from '../../model/schemas';
import type { ConversationView, CustomerTurn } from '../conversationView';
import type { HandoffReason, ResolvedHandoffPolicyConfig } from '../schemas';
import type { ContactField, DecideOptions, HandoffDelivery } from '../types';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;

/** Contact details already known from the customer, the slots or an e-mail address in a message. */
export function knownContacts(view: ConversationView, options: DecideOptions): Set<ContactField> {
  const known = new Set<ContactField>();
  const slots = view.conversation.slots ?? {};
  const customer = options.customer ?? {};
  if (customer.email || slots.email) known.add('email');
  if (customer.phone || slots.phone) known.add('phone');
  if (customer.name || slots.name) known.add('name');
  for (const m of view.messages) if (m.author === 'customer' && EMAIL.test(m.text)) known.add('email');
  return known;
}

/**
 * The no-agents path — with a person available the handoff is live; otherwise the customer is
 * told so, the missing contact details are asked for and a ticket is created with the expected
 * response time (business time when a calendar is given): never a dead end. `from` is when the
 * response clock started (now for a new handoff, the first request for one under way).
 */
export function deliveryStep(input: {
  view: ConversationView;
  options: DecideOptions;
  config: ResolvedHandoffPolicyConfig;
  responseTimeByPriority: ReadonlyMap<number, number>;
  calendar: BusinessCalendar | undefined;
  priority: Priority;
  reasons: readonly HandoffReason[];
  turn: CustomerTurn;
  now: Date;
  from: Date;
}): HandoffDelivery {
  const { view, options, config, priority, reasons, turn, now, from } = input;
  if (options.agentsAvailable) return { kind: 'live' };
  const c: Conversation = view.conversation;
  const ms = input.responseTimeByPriority.get(priority) ?? config.noAgents.responseTime;
  const expectedResponseBy = input.calendar
    ? input.calendar.addBusinessTime(from, ms)
    : new Date(from.getTime() + ms);
  const known = knownContacts(view, options);
  const collect = config.noAgents.collect.filter((f) => !known.has(f));
  const subject = turn.text.replace(/\s+/g, ' ').trim().slice(0, 120);
  return {
    kind: 'ticket',
    notice: 'no_agents_available',
    collect,
    expectedResponseMs: ms,
    expectedResponseBy,
    ticket: {
      customerId: c.customerId,
      conversationId: c.id,
      channel: c.channel,
      priority,
      subject: subject || 'Conversation handed off',
      description: `Handed off (${reasons.map((r) => r.code).join(', ')}); nobody was available. Last customer message: ${subject}`,
      tags: ['handoff', ...new Set([...reasons.map((r) => r.code), 'no_agents_available'])],
      createdAt: now,
      ...(c.language ? { language: c.language } : {}),
    },
  };
}
