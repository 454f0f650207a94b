// Internal: a validated, time-ordered view of a conversation plus the handoff state that its
// messages and events imply. Not exported from the package.
import { z } from 'zod';
import { ownEntry } from '../_internal/ownProperties';
import { formatPath, parseWithSchema, TandemError, type TandemIssue } from '../model/errors';
import {
  type Conversation,
  type ConversationInput,
  ConversationSchema,
  type Message,
  MessageSchema,
} from '../model/schemas';

/** Where the conversation stands with respect to handoff, derived from messages and events. */
export interface HandoffState {
  /** Offers made so far (`handoff.offered` events or bot messages with `meta.handoff: 'offer'`). */
  offers: number;
  /** Clarifications asked so far (`handoff.clarified` events or `meta.handoff: 'clarify'`). */
  clarifications: number;
  /** The customer declined an offer (event, or a "no" right after the offer). */
  declined: boolean;
  /** The last bot action was an offer and the current customer turn is the reply to it. */
  offerPending: boolean;
  /** A handoff is under way (escalated and not yet handed back). */
  escalated: boolean;
  /** When the current handoff was first requested (SLA clock), if escalated. */
  escalatedAt: Date | null;
  /** An agent has written since the escalation. */
  agentJoined: boolean;
}

/** One customer turn: consecutive customer messages. */
export interface CustomerTurn {
  text: string;
  at: Date;
  /** Index of its first message in `messages`. */
  start: number;
  /** Index after its last message. */
  end: number;
}

/** A validated conversation with time-ordered messages and turns. */
export interface ConversationView {
  conversation: Conversation;
  messages: Message[];
  /** True when the input messages were not in time order (they are sorted, stably). */
  reordered: boolean;
  turns: CustomerTurn[];
  /** The latest turn, when the conversation ends with customer messages. */
  current: CustomerTurn | null;
}

/**
 * Validated messages by input object. A policy keeps one, so a message object the host passes
 * again on the next turn (the conversation grows by appending) is validated once, not on every
 * turn. Message objects are therefore treated as immutable once passed.
 */
export type MessageCache = WeakMap<object, Message>;

let conversationShell: z.ZodType | undefined;

function parseWithCache(input: ConversationInput, cache: MessageCache): Conversation {
  conversationShell ??= ConversationSchema.extend({ messages: z.array(z.unknown()) });
  const issues: TandemIssue[] = [];
  const shell = conversationShell.safeParse(input);
  if (!shell.success)
    for (const issue of shell.error.issues)
      issues.push({ path: formatPath(issue.path), message: issue.message });
  const raw =
    input !== null && typeof input === 'object' ? (input as { messages?: unknown }).messages : undefined;
  const messages: Message[] = [];
  if (Array.isArray(raw)) {
    for (let i = 0; i < raw.length; i++) {
      const m: unknown = raw[i];
      const hit = m !== null && typeof m === 'object' ? cache.get(m) : undefined;
      if (hit) {
        messages.push(hit);
        continue;
      }
      const r = MessageSchema.safeParse(m);
      if (r.success) {
        messages.push(r.data);
        if (m !== null && typeof m === 'object') cache.set(m, r.data);
      } else
        for (const issue of r.error.issues)
          issues.push({ path: formatPath(['messages', i, ...issue.path]), message: issue.message });
    }
  }
  if (issues.length)
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'handoff',
      message:
        issues.length === 1
          ? `invalid conversation: ${issues[0]!.message}`
          : `invalid conversation: ${issues.length} problems`,
      issues,
    });
  return { ...(shell.data as Conversation), messages };
}

/** Validates and orders a conversation (messages found in `cache` are not validated again). */
export function viewConversation(input: ConversationInput, cache?: MessageCache): ConversationView {
  const conversation = cache
    ? parseWithCache(input, cache)
    : parseWithSchema(ConversationSchema, input, {
        module: 'handoff',
        code: 'INVALID_INPUT',
        what: 'conversation',
      });
  let messages = conversation.messages;
  let reordered = false;
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]!.at.getTime() < messages[i - 1]!.at.getTime()) {
      reordered = true;
      break;
    }
  }
  if (reordered) {
    // Stable: messages with equal timestamps keep their input order.
    messages = messages
      .map((m, i) => [m, i] as const)
      .sort((a, b) => a[0].at.getTime() - b[0].at.getTime() || a[1] - b[1])
      .map(([m]) => m);
  }
  const turns: CustomerTurn[] = [];
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i]!;
    if (m.author !== 'customer') continue;
    const last = turns[turns.length - 1];
    if (last && last.end === i) {
      last.text += `\n${m.text}`;
      last.end = i + 1;
    } else turns.push({ text: m.text, at: m.at, start: i, end: i + 1 });
  }
  const lastTurn = turns[turns.length - 1];
  const current = lastTurn && lastTurn.end === messages.length ? lastTurn : null;
  return { conversation: { ...conversation, messages }, messages, reordered, turns, current };
}

type Marker = { at: Date; kind: 'offer' | 'clarify' | 'escalate' | 'decline' | 'return' };

function markerOf(value: unknown): Marker['kind'] | null {
  switch (value) {
    case 'offer':
    case 'offered':
      return 'offer';
    case 'clarify':
    case 'clarified':
      return 'clarify';
    case 'escalate':
    case 'escalated':
      return 'escalate';
    default:
      return null;
  }
}

const EVENT_KIND: Record<string, Marker['kind']> = {
  'handoff.offered': 'offer',
  'handoff.clarified': 'clarify',
  'handoff.escalated': 'escalate',
  'handoff.declined': 'decline',
  'handoff.returned': 'return',
};

/**
 * Reads the handoff state. Hosts record what they did either as conversation events
 * (`handoff.offered`, `handoff.clarified`, `handoff.escalated`, `handoff.declined`,
 * `handoff.returned`) or on the bot message they sent (`meta.handoff: 'offer' | 'clarify' |
 * 'escalate'`); both are read. Without events, a decline is recognised from the customer's reply
 * to the offer (`classifyReply`).
 */
export function readHandoffState(
  view: ConversationView,
  classifyReply: (text: string) => 'accept' | 'decline' | 'other',
): HandoffState {
  const markers: Marker[] = [];
  for (const e of view.conversation.events ?? []) {
    // Own entries only: a host event named `toString` is not a handoff marker.
    const kind = ownEntry(EVENT_KIND, e.type);
    if (kind) markers.push({ at: e.at, kind });
  }
  for (const m of view.messages) {
    if (m.author !== 'bot' && m.author !== 'system') continue;
    const kind = markerOf(m.meta?.handoff);
    // The same action may be recorded twice (event + meta): keep one per kind and instant.
    if (kind && !markers.some((x) => x.kind === kind && x.at.getTime() === m.at.getTime()))
      markers.push({ at: m.at, kind });
  }
  markers.sort((a, b) => a.at.getTime() - b.at.getTime());

  let offers = 0;
  let clarifications = 0;
  let declined = false;
  let escalatedAt: Date | null = null;
  let lastOfferAt: Date | null = null;
  for (const marker of markers) {
    if (marker.kind === 'offer') {
      offers++;
      lastOfferAt = marker.at;
    } else if (marker.kind === 'clarify') clarifications++;
    else if (marker.kind === 'decline') declined = true;
    else if (marker.kind === 'escalate') escalatedAt ??= marker.at;
    else if (marker.kind === 'return') escalatedAt = null;
  }

  // The customer's reply to each offer: the first customer turn after it.
  let offerPending = false;
  for (const marker of markers) {
    if (marker.kind !== 'offer') continue;
    const reply = view.turns.find((t) => t.at.getTime() >= marker.at.getTime());
    if (!reply) continue;
    if (reply === view.current) {
      if (marker.at === lastOfferAt) offerPending = true;
    } else if (classifyReply(reply.text) === 'decline') declined = true;
  }

  let agentJoined = false;
  if (escalatedAt) {
    const since = escalatedAt.getTime();
    agentJoined = view.messages.some((m) => m.author === 'agent' && m.at.getTime() >= since);
  }
  return {
    offers,
    clarifications,
    declined,
    offerPending,
    escalated: escalatedAt !== null,
    escalatedAt,
    agentJoined,
  };
}

const TOKEN = /[\p{L}\p{N}]+/gu;
const HAN_CHAR = /[\u3400-\u9fff]/u;

/** Token set of normalised text: words, or single characters for Han text. */
export function tokenSet(normalized: string): Set<string> {
  const out = new Set<string>();
  for (const m of normalized.matchAll(TOKEN)) {
    const token = m[0];
    if (HAN_CHAR.test(token)) for (const ch of token) out.add(ch);
    else out.add(token);
  }
  return out;
}

/** Jaccard similarity of two token sets (1 for two empty sets). */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 1;
  let shared = 0;
  for (const t of a) if (b.has(t)) shared++;
  return shared / (a.size + b.size - shared);
}

const FALLBACK_INTENTS = new Set(['fallback', 'nlu_fallback', 'out_of_scope', 'oos', 'default_fallback']);

/** True when the bot reply after a turn made no progress (a fallback / clarify / low-confidence reply). */
export function isFallbackReply(message: Message | undefined, threshold: number): boolean {
  if (message?.author !== 'bot') return false;
  const meta = message.meta;
  if (!meta) return false;
  if (meta.fallback === true || meta.handoff === 'clarify') return true;
  if (typeof meta.intent === 'string' && FALLBACK_INTENTS.has(meta.intent)) return true;
  return typeof meta.confidence === 'number' && meta.confidence < threshold;
}
