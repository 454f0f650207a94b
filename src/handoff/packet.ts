// Internal: the synchronous part of the handoff packet (everything except the knowledge-store
// profile), shared by `decide` and `buildHandoffPacket`.
import type { Message, Priority } from '../model/schemas';
import type { ConversationView } from './conversationView';
import type { HandoffPacket, HandoffReason } from './schemas';
import type { HandoffFrustration, HandoffRouter, HandoffSentiment } from './types';

/** Inputs of {@link assemblePacket}. */
export interface PacketParts {
  now: Date;
  waitingSince: Date;
  reasons: HandoffReason[];
  priority: Priority;
  profile: HandoffPacket['profile'];
  language: HandoffPacket['language'];
  sentiment: HandoffSentiment | null;
  frustration: HandoffFrustration | null;
  router?: HandoffRouter | undefined;
  /** Queue/skills from attribute rules, used when no router is given. */
  queue?: string | null;
  skills?: readonly string[];
  customer?: Record<string, unknown> | undefined;
  /** Entities of messages seen before (a policy's); see {@link EntityCache}. */
  entityCache?: EntityCache;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// "order 12345", "order #A-1234", "zamówienie nr 123456", "pedido 98765", "订单号 20261123"…
const ORDER_ID =
  /(?:#|\b(?:order|ord|zam[oó]wieni[eau]|pedido|commande|bestellung|auftrag)\b\s*(?:no\.?|number|nr\.?|id|numer|n[uú]mero|num[eé]ro|nummer)?\s*[:#]?\s*|订单号?\s*[:：]?\s*)([A-Z]{0,4}-?\d{4,}[A-Z0-9-]*)/giu;
const PHONE = /\+?\d[\d ().-]{7,}\d/g;
const AMOUNT =
  /(?:([$€£¥])\s?(\d{1,9}(?:[.,]\d{1,2})?)|(\d{1,9}(?:[.,]\d{1,2})?)\s?(zł|zl|pln|usd|eur|gbp|euros?|dollars?|€|\$|£|元|块|złotych|zlotych)(?![\p{L}]))/giu;
const CURRENCY: Record<string, string> = {
  $: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  usd: 'USD',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '£': 'GBP',
  gbp: 'GBP',
  '¥': 'CNY',
  元: 'CNY',
  块: 'CNY',
  zł: 'PLN',
  zl: 'PLN',
  pln: 'PLN',
  złotych: 'PLN',
  zlotych: 'PLN',
};

function pushUnique<T>(list: T[], value: T, key: (v: T) => string = String): void {
  if (!list.some((v) => key(v) === key(value))) list.push(value);
}

/** The entities of one customer message, each list without repeats, in order of appearance. */
export type MessageEntities = HandoffPacket['entities'];

/**
 * Entities by validated message object. A policy keeps one, so the entities of a message passed
 * again on a later turn are not extracted again (messages are immutable once passed).
 */
export type EntityCache = WeakMap<Message, Readonly<MessageEntities>>;

function messageEntities(m: Message): MessageEntities {
  const entities: MessageEntities = { orderIds: [], emails: [], phones: [], amounts: [] };
  const text = m.text.length > 4000 ? m.text.slice(0, 4000) : m.text;
  for (const e of text.matchAll(EMAIL)) pushUnique(entities.emails, e[0].toLowerCase());
  const orderSpans: Array<[number, number]> = [];
  for (const o of text.matchAll(ORDER_ID)) {
    pushUnique(entities.orderIds, o[1]!.toUpperCase());
    orderSpans.push([o.index, o.index + o[0].length]);
  }
  for (const p of text.matchAll(PHONE)) {
    const digits = p[0].replace(/\D/g, '');
    const inOrder = orderSpans.some(([s, e]) => p.index < e && p.index + p[0].length > s);
    if (!inOrder && digits.length >= 9 && digits.length <= 15) pushUnique(entities.phones, p[0].trim());
  }
  for (const a of text.matchAll(AMOUNT)) {
    const symbol = (a[1] ?? a[4] ?? '').toLowerCase();
    const value = Number((a[2] ?? a[3] ?? '').replace(',', '.'));
    if (!Number.isFinite(value)) continue;
    pushUnique(entities.amounts, { value, currency: CURRENCY[symbol] ?? null, text: a[0].trim() }, amountKey);
  }
  return entities;
}

const amountKey = (x: MessageEntities['amounts'][number]) => `${x.value}|${x.currency}`;

/**
 * Order ids, emails, phone numbers and money amounts in the customer's messages: the first of
 * each, in order. Per-message lists come from `cache` when given (the merge keeps first
 * occurrences, so it equals one pass over all messages).
 */
export function extractEntities(
  messages: readonly Message[],
  cache?: EntityCache,
): HandoffPacket['entities'] {
  const entities: HandoffPacket['entities'] = { orderIds: [], emails: [], phones: [], amounts: [] };
  for (const m of messages) {
    if (m.author !== 'customer') continue;
    let found = cache?.get(m);
    if (found === undefined) {
      found = messageEntities(m);
      cache?.set(m, found);
    }
    for (const x of found.emails) pushUnique(entities.emails, x);
    for (const x of found.orderIds) pushUnique(entities.orderIds, x);
    for (const x of found.phones) pushUnique(entities.phones, x);
    // copies: the packet is the caller's to change, the cached lists are not
    for (const x of found.amounts) pushUnique(entities.amounts, { ...x }, amountKey);
  }
  return entities;
}

const GREETING =
  /^(?:hi|hello|hey|good (?:morning|afternoon|evening)|dzien dobry|dzień dobry|witam|czesc|cześć|hola|buenos dias|buenos días|hallo|guten tag|bonjour|salut|你好|您好|在吗)[\s,.!?]*$/iu;

function clip(text: string, max: number): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length <= max ? t : `${t.slice(0, max - 1)}…`;
}

function firstSentence(text: string): string {
  const m = /^.*?[.!?。！？](?=\s|$)/su.exec(text.trim());
  return clip(m ? m[0] : text, 120);
}

/** Articles the bot showed (`meta.articleId` / `meta.articles` on bot messages) with feedback. */
export function articlesShown(view: ConversationView): HandoffPacket['articlesShown'] {
  const out: HandoffPacket['articlesShown'] = [];
  for (const m of view.messages) {
    if (m.author !== 'bot' || !m.meta) continue;
    const list: Array<{ id: string; title?: string }> = [];
    if (typeof m.meta.articleId === 'string') {
      const title = typeof m.meta.articleTitle === 'string' ? m.meta.articleTitle : undefined;
      list.push(title ? { id: m.meta.articleId, title } : { id: m.meta.articleId });
    }
    if (Array.isArray(m.meta.articles)) {
      for (const a of m.meta.articles) {
        if (typeof a === 'string') list.push({ id: a });
        else if (a && typeof a === 'object' && typeof (a as { id?: unknown }).id === 'string') {
          const { id, title } = a as { id: string; title?: unknown };
          list.push(typeof title === 'string' ? { id, title } : { id });
        }
      }
    }
    for (const a of list)
      if (!out.some((x) => x.id === a.id)) out.push({ ...a, shownAt: m.at.toISOString(), helpful: null });
  }
  // Feedback: on customer messages (`meta.feedback: { articleId, helpful }`) or as events.
  const feedback = (articleId: unknown, helpful: unknown) => {
    const entry = out.find((a) => a.id === articleId);
    if (entry && typeof helpful === 'boolean') entry.helpful = helpful;
  };
  for (const m of view.messages) {
    const f = m.meta?.feedback as { articleId?: unknown; helpful?: unknown } | undefined;
    if (f && typeof f === 'object') feedback(f.articleId, f.helpful);
  }
  for (const e of view.conversation.events ?? [])
    if (e.type === 'knowledge.feedback' && e.data) feedback(e.data.articleId, e.data.helpful);
  return out;
}

/** The customer's goal (first substantive message) and what the bot tried. */
export function summarize(
  view: ConversationView,
  articles: HandoffPacket['articlesShown'],
  reasons: readonly HandoffReason[],
): HandoffPacket['summary'] {
  let goal = '';
  let goalStart = 0;
  for (const turn of view.turns) {
    const text = turn.text.trim();
    if (text && !GREETING.test(text)) {
      goal = clip(text, 240);
      goalStart = turn.start;
      break;
    }
  }
  const tried: string[] = [];
  for (const a of articles) {
    const verdict = a.helpful === true ? 'helpful' : a.helpful === false ? 'not helpful' : 'no feedback';
    tried.push(`showed article ${a.title ? `"${a.title}" (${a.id})` : a.id}: ${verdict}`);
  }
  let clarifications = 0;
  // What a bot message did: `meta.handoff`, or a handoff event recorded within a second of it.
  const HANDOFF_EVENTS: Record<string, string> = {
    'handoff.clarified': 'clarify',
    'handoff.offered': 'offer',
    'handoff.escalated': 'escalate',
  };
  // Event types are the host's strings: own entries only (`toString` is not a handoff action).
  const events = (view.conversation.events ?? []).filter((e) => Object.hasOwn(HANDOFF_EVENTS, e.type));
  const actionOf = (m: Message): unknown => {
    if (m.meta?.handoff) return m.meta.handoff;
    const t = m.at.getTime();
    const e = events.find((x) => Math.abs(x.at.getTime() - t) <= 1000);
    return e ? HANDOFF_EVENTS[e.type] : undefined;
  };
  // Bot replies after the customer stated the goal (greetings before it are not attempts).
  for (const m of view.messages.slice(goalStart)) {
    if (m.author !== 'bot') continue;
    const action = actionOf(m);
    if (action === 'clarify') clarifications++;
    else if (!m.meta?.articleId && !m.meta?.articles && !action && tried.length < 6)
      tried.push(`answered: ${firstSentence(m.text)}`);
  }
  if (clarifications) tried.push(`asked the customer to rephrase (${clarifications}×)`);
  const why = reasons.map((r) => r.code).join(', ') || 'none';
  const text = clip(
    `Customer wants: ${goal || '(no message)'}. Bot tried: ${tried.length ? tried.join('; ') : 'nothing yet'}. Handoff because: ${why}.`,
    600,
  );
  return { goal, tried, text };
}

/**
 * The customer's recent mood: the most negative sentiment among the last three customer turns
 * (an agent needs to know the customer was upset two messages ago, even after "yes please").
 */
export function recentSentiment(
  view: ConversationView,
  analyze: (text: string, options?: { language?: string }) => HandoffSentiment,
  language: string,
): HandoffSentiment | null {
  const primary = language.split('-')[0];
  const options = primary && primary !== 'und' ? { language } : {};
  let worst: HandoffSentiment | null = null;
  for (const turn of view.turns.slice(-3)) {
    if (!turn.text.trim()) continue;
    const s = analyze(turn.text, options);
    if (!worst || s.compound < worst.compound) worst = { compound: s.compound, label: s.label };
  }
  return worst;
}

/** Builds the packet from a conversation view and its parts. */
export function assemblePacket(view: ConversationView, parts: PacketParts): HandoffPacket {
  const c = view.conversation;
  const articles = articlesShown(view);
  let queue = parts.queue ?? null;
  let skills = [...(parts.skills ?? [])];
  if (parts.router) {
    const route = parts.router.route({
      conversation: {
        id: c.id,
        channel: c.channel,
        language: parts.language.code,
        tags: c.tags,
        priority: parts.priority,
      },
      customer: parts.customer ?? { id: c.customerId },
      channel: c.channel,
      language: parts.language.code,
      priority: parts.priority,
      tags: c.tags,
      reasons: parts.reasons.map((r) => r.code),
      text: view.turns.map((t) => t.text).join('\n'),
    });
    queue = route.queue;
    skills = [...new Set([...route.skills, ...skills])];
  }
  return {
    version: 1,
    conversationId: c.id,
    customerId: c.customerId,
    channel: c.channel,
    createdAt: parts.now.toISOString(),
    waitingSince: parts.waitingSince.toISOString(),
    transcript: view.messages.map((m) => ({
      id: m.id,
      author: m.author,
      ...(m.authorId ? { authorId: m.authorId } : {}),
      text: m.text,
      at: m.at.toISOString(),
    })),
    summary: summarize(view, articles, parts.reasons),
    slots: { ...(c.slots ?? {}) },
    entities: extractEntities(view.messages, parts.entityCache),
    profile: parts.profile,
    articlesShown: articles,
    language: parts.language,
    sentiment: parts.sentiment ? { compound: parts.sentiment.compound, label: parts.sentiment.label } : null,
    frustration: parts.frustration
      ? {
          score: parts.frustration.score,
          signals: parts.frustration.signals.map((s) => ({
            kind: s.kind,
            turn: s.turn,
            evidence: s.evidence,
          })),
        }
      : null,
    priority: parts.priority,
    queue,
    skills,
    reasons: parts.reasons.map((r) => ({ code: r.code, detail: r.detail })),
  };
}
