import type { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import type { HandoffEvent } from '../events/eventMap';
import type { Channel, Customer, Message, Priority } from '../model/schemas';
import type { ContactFieldSchema, HandoffPacket, HandoffReason } from './schemas';

/** A contact detail the no-agent path asks for. */
export type ContactField = z.infer<typeof ContactFieldSchema>;

/** Sentiment as the confidence module's `analyzeSentiment` returns it (the fields handoff uses). */
export interface HandoffSentiment {
  compound: number;
  label: string;
}

/** Frustration as the confidence module's `detectFrustration` returns it (the fields handoff uses). */
export interface HandoffFrustration {
  score: number;
  signals: ReadonlyArray<{ kind: string; turn: number; evidence: string }>;
}

/** The routing decision fields the packet uses; a compiled router from `tandem-cx/routing` fits. */
export interface HandoffRouter {
  route(item: unknown): { queue: string; priority: number; skills: readonly string[] };
}

/**
 * Functions and objects a policy uses besides its JSON config. Every one is optional: by default
 * the policy uses the library's own `detectFrustration`, `analyzeSentiment` (confidence module)
 * and `detectLanguage`. Pass your own to plug in a different model, or `null` to switch one off.
 */
export interface HandoffDependencies {
  /** Frustration detector over the conversation's messages (default: confidence module's). */
  detectFrustration?:
    | ((messages: readonly Message[], options?: { now?: Date; language?: string }) => HandoffFrustration)
    | null;
  /** Sentiment of the customer's recent words, for the packet (default: confidence module's). */
  analyzeSentiment?: ((text: string, options?: { language?: string }) => HandoffSentiment) | null;
  /** Language detection for the packet (default: the library's offline detector). */
  detectLanguage?: ((text: string) => { language: string; confidence: number }) | null;
  /** Business calendar for the expected response time when nobody is available (default 24/7). */
  calendar?: BusinessCalendar;
  /** Router that suggests the queue and skills in the packet. */
  router?: HandoffRouter;
}

/** The bot's confidence in its answer to the current turn. */
export type AnswerConfidence = number | { score: number; level?: string };

/** Options of {@link HandoffPolicy.decide}. */
export interface DecideOptions {
  /** The decision time (also `createdAt` of the packet and the ticket). */
  now: Date;
  /** Whether a human can take the conversation now. `false` → ticket path, never a dead end. */
  agentsAvailable: boolean;
  /**
   * The bot's confidence in its answer to this turn (0..1): a knowledge search `confidence`, an
   * NLU score, or a `scoreConfidence` result. Absent = not known (no clarify/offer from it).
   */
  confidence?: AnswerConfidence;
  /** The bot judged the request out of its scope (clarify once, then offer). */
  outOfScope?: boolean;
  /** The customer, for attribute rules (`customer.vip`, `customer.segment`) and the packet. */
  customer?: Partial<Customer> & Record<string, unknown>;
  /** More facts for attribute rules, e.g. `{ order: { value: 1200 } }`. Also readable at top level. */
  attributes?: Record<string, unknown>;
  /** Overrides the policy's calendar for this call. */
  calendar?: BusinessCalendar;
  /** Overrides the policy's router for this call. */
  router?: HandoffRouter;
  /** Build the packet on `escalate` (default true). */
  packet?: boolean;
  /** Add a `trace` of every step. */
  explain?: boolean;
}

/** One step of a decision trace. */
export interface HandoffTraceStep {
  step: string;
  /** What the step found (`explicit`, `matched`, `skipped`, a score…). */
  result: string;
  detail?: unknown;
}

/** How the customer reaches a person. */
export type HandoffDelivery =
  | { kind: 'live' }
  | {
      kind: 'ticket';
      /** Tell the customer nobody is available right now (stable code for the host's wording). */
      notice: 'no_agents_available';
      /** Contact details still to collect (those already known are left out). */
      collect: ContactField[];
      /** Promised first response, in ms of business time (calendar) or elapsed time. */
      expectedResponseMs: number;
      /** When the customer can expect an answer. */
      expectedResponseBy: Date;
      /** A ticket to create (the host assigns the id). */
      ticket: {
        customerId: string;
        conversationId: string;
        channel: Channel;
        priority: Priority;
        subject: string;
        description: string;
        tags: string[];
        createdAt: Date;
        language?: string;
      };
    };

/** An event the host may emit after acting on the decision (decisions never emit by themselves). */
export interface HandoffDecisionEvent {
  type: 'handoff.offered' | 'handoff.escalated' | 'handoff.declined' | 'handoff.returned';
  payload: HandoffEvent;
}

interface DecisionBase {
  reasons: HandoffReason[];
  /** Handoff urgency 0..1: 1 − Π(1 − weight) over the reasons (0 when none). */
  score: number;
  /** Event to emit when the host acts on the decision. */
  event?: HandoffDecisionEvent;
  trace?: HandoffTraceStep[];
}

/** The bot keeps the conversation. */
export interface HandoffContinue extends DecisionBase {
  action: 'continue';
}
/** The bot asks the customer to rephrase (at most `maxClarifications` times). */
export interface HandoffClarify extends DecisionBase {
  action: 'clarify';
}
/** The bot offers a person ("Would you like to talk to someone?"), at most once. */
export interface HandoffOffer extends DecisionBase {
  action: 'offer';
  priority: Priority;
  delivery: HandoffDelivery;
}
/** The conversation goes to a person now. */
export interface HandoffEscalate extends DecisionBase {
  action: 'escalate';
  priority: Priority;
  delivery: HandoffDelivery;
  /** When the customer first asked; kept across decisions so the SLA clock is not reset. */
  waitingSince: Date;
  /** The packet for the agent (without the knowledge-store profile; see `buildHandoffPacket`). */
  packet?: HandoffPacket;
}

/** The decision of {@link HandoffPolicy.decide}, discriminated on `action`. */
export type HandoffDecision = HandoffContinue | HandoffClarify | HandoffOffer | HandoffEscalate;
