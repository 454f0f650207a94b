import type { Channel, Priority } from '../model/schemas';

/** Common fields of every library event. */
export interface EventBase {
  /** When it happened (the `now` of the decision that produced it). */
  at: Date;
  /** Tenant, when the host is multi-tenant. */
  tenantId?: string;
}

/** Payload of `conversation.routed`: a router decided a queue. */
export interface ConversationRoutedEvent extends EventBase {
  conversationId: string;
  queue: string;
  priority: Priority;
  /** Rule that matched; absent when the fallback was used. */
  ruleId?: string;
  skills: string[];
}

/** Payload of `conversation.assigned`: an agent got the conversation. */
export interface ConversationAssignedEvent extends EventBase {
  conversationId: string;
  agentId: string;
  queue?: string;
  strategy: string;
  channel?: Channel;
}

/** Payload of `conversation.queued`: nobody could take it yet. */
export interface ConversationQueuedEvent extends EventBase {
  conversationId: string;
  queue?: string;
  reason: string;
}

/** Payload of the `handoff.*` events. */
export interface HandoffEvent extends EventBase {
  conversationId: string;
  /** Reason codes (`explicit_request`, `sensitive_topic`, `frustration`, …). */
  reasons: string[];
  queue?: string;
}

/** Payload of the `survey.*` events. */
export interface SurveyEvent extends EventBase {
  surveyId: string;
  recipientId: string;
  conversationId?: string;
  /** When it will be / was sent (`survey.scheduled`, `survey.sent`). */
  sendAt?: Date;
  /** Suppression reason code (`survey.suppressed`). */
  reason?: string;
  /** Score given (`survey.responded`). */
  score?: number;
}

/** Payload of `knowledge.updated`. */
export interface KnowledgeUpdatedEvent extends EventBase {
  articleId: string;
  version: number;
  actor?: string;
  change: 'created' | 'updated' | 'removed' | 'suggested' | 'approved';
}

/** Payload of `knowledge.feedback`. */
export interface KnowledgeFeedbackEvent extends EventBase {
  articleId: string;
  helpful: boolean;
  conversationId?: string;
}

/**
 * Every event the library defines, by name. Decisions never emit by themselves: hosts (or the
 * stateful helpers such as the survey scheduler) emit after acting on a decision.
 */
// A type alias (not an interface) so it satisfies mitt's `Record<EventType, unknown>` bound.
export type TandemEvents = {
  'conversation.routed': ConversationRoutedEvent;
  'conversation.assigned': ConversationAssignedEvent;
  'conversation.queued': ConversationQueuedEvent;
  'handoff.offered': HandoffEvent;
  'handoff.escalated': HandoffEvent;
  'handoff.declined': HandoffEvent;
  'handoff.returned': HandoffEvent;
  'survey.scheduled': SurveyEvent;
  'survey.suppressed': SurveyEvent;
  'survey.sent': SurveyEvent;
  'survey.responded': SurveyEvent;
  'survey.expired': SurveyEvent;
  'knowledge.updated': KnowledgeUpdatedEvent;
  'knowledge.feedback': KnowledgeFeedbackEvent;
};

/** The names of the library's events. */
export type TandemEventName = keyof TandemEvents;
