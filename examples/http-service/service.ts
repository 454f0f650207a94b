/**
 * A small backend embedding tandem-cx over plain `node:http` (no framework): one route,
 * `POST /conversations/:id/messages`, that takes a customer's message, searches the knowledge
 * base, asks the handoff policy what to do and answers in JSON — with the handoff packet for the
 * agent when it escalates.
 *
 * Conversations are kept in memory (bounded: see `limits`); a real service keeps them in its
 * database and passes the history to `decide` the same way.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHandoffPolicy, type HANDOFF_LANGUAGES, type HandoffDecision } from 'tandem-cx/handoff';
import { createMemoryKnowledgeStore, type KnowledgeStore } from 'tandem-cx/knowledge';
import {
  ChannelSchema,
  type ConversationInput,
  CustomerSchema,
  type MessageInput,
  parseWithSchema,
  TandemError,
} from 'tandem-cx/model';
import { z } from 'zod';

/** Request body of `POST /conversations/:id/messages`. */
export const PostMessageSchema = z
  .object({
    customerId: z.string().min(1).max(200),
    text: z.string().trim().min(1).max(10_000),
    channel: ChannelSchema.default('chat'),
    /** Facts about the customer for the policy's rules and the packet (vip, segment, language…). */
    customer: CustomerSchema.omit({ id: true }).partial().strict().optional(),
    /** Whether a person can take the conversation now (false → the ticket path). */
    agentsAvailable: z.boolean().default(true),
  })
  .strict();

/** Limits that keep one process's memory and work bounded whatever clients send. */
export const limits = {
  /** Largest request body in bytes (1 MiB); larger → 413. */
  bodyBytes: 1024 * 1024,
  /** Conversations kept in memory; the least recently used is dropped beyond this. */
  conversations: 10_000,
  /** Customer messages per conversation; beyond this → 409 (a real service would archive). */
  messagesPerConversation: 200,
};

/** What the bot says back, by decision (a host would localise these by `language`). */
const REPLIES = {
  clarify: 'Sorry, I am not sure I understood. Could you say it in other words?',
  offer: 'Would you like to talk to someone from our team?',
  escalateLive: 'I am passing you to a colleague now; they can see everything you wrote.',
  escalateTicket: 'Nobody is available right now; we have opened a ticket and will get back to you.',
  noAnswer: 'I could not find an answer to that. Could you tell me more?',
} as const;

/** Options of {@link createService}. */
export interface ServiceOptions {
  /** The knowledge articles (default: the bundled sample, examples/data/knowledge.json). */
  articles?: unknown[];
  /** The clock (default the system clock); tests pass a fixed one. */
  now?: () => Date;
  /** Warm the lexicons before listening (default true). */
  warm?: boolean;
}

/** A running service. */
export interface Service {
  server: Server;
  /** `http://127.0.0.1:<port>` once listening. */
  url: string;
  /** Stops accepting connections, closes idle ones and resolves when the server is closed. */
  close(): Promise<void>;
}

interface StoredConversation {
  customerId: string;
  channel: ConversationInput['channel'];
  messages: MessageInput[];
}

/**
 * Per language the handoff detectors cover (the sentiment lexicons are a subset): a question the
 * knowledge base answers, then an explicit request for a person — so the warm-up runs both the
 * answer path and the escalation path (packet with sentiment, frustration and language).
 */
const WARM_UP: Record<(typeof HANDOFF_LANGUAGES)[number], [string, string]> = {
  en: ['Where is my new card? This is taking too long.', 'I want to talk to a human'],
  pl: ['Gdzie jest moja nowa karta? To trwa za długo.', 'chcę rozmawiać z konsultantem'],
  zh: ['我的新卡在哪里？等太久了。', '我想和人工客服说话'],
  es: ['¿Dónde está mi nueva tarjeta? Tarda demasiado.', 'quiero hablar con un agente'],
  de: ['Wo ist meine neue Karte? Das dauert zu lange.', 'Ich möchte mit einem Menschen sprechen'],
  fr: ['Où est ma nouvelle carte ? Cela prend trop de temps.', 'je veux parler à un conseiller'],
};

const errorBody = (error: TandemError) => ({
  error: {
    code: error.code,
    module: error.module,
    path: error.path,
    message: error.message,
    issues: error.issues,
  },
});

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly headers: Record<string, string> = {},
  ) {
    super(`HTTP ${status}`);
  }
}

const badInput = (path: string, message: string) =>
  new HttpError(400, errorBody(new TandemError({ code: 'INVALID_INPUT', module: 'http', path, message })));
const conflict = (path: string, message: string) =>
  new HttpError(409, errorBody(new TandemError({ code: 'CONFLICT', module: 'http', path, message })));

/**
 * Reads the body up to `limits.bodyBytes`. Larger (declared by `content-length` or found while
 * streaming) → 413 at once, without buffering the rest; the rest is read and dropped so the
 * client, still sending, receives the answer instead of a reset connection (the server's
 * `requestTimeout` bounds how long that may take).
 */
function readBody(req: IncomingMessage): Promise<string> {
  const tooLarge = () =>
    new HttpError(413, {
      error: { code: 'PAYLOAD_TOO_LARGE', path: '', message: `body over ${limits.bodyBytes} bytes` },
    });
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > limits.bodyBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (chunk: Buffer) => {
      if (over) return;
      size += chunk.length;
      if (size > limits.bodyBytes) {
        over = true;
        chunks.length = 0;
        reject(tooLarge());
      } else chunks.push(chunk);
    });
    req.on('end', () => {
      if (!over) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw badInput('', `request body is not valid JSON (${(error as Error).message})`);
  }
}

const ROUTE = /^\/conversations\/([^/]+)\/messages$/;
const ID = /^[A-Za-z0-9_.:-]{1,100}$/;

/** Builds the request handler around a knowledge store and a handoff policy. */
function createHandler(store: KnowledgeStore, now: () => Date) {
  const policy = createHandoffPolicy();
  const conversations = new Map<string, StoredConversation>();

  async function postMessage(id: string, input: unknown) {
    const body = parseWithSchema(PostMessageSchema, input, {
      module: 'http',
      code: 'INVALID_INPUT',
      what: 'message',
    });
    const at = now();
    let conversation = conversations.get(id);
    if (conversation && conversation.customerId !== body.customerId) {
      throw conflict('customerId', `conversation ${id} belongs to another customer`);
    }
    if (!conversation) {
      conversation = { customerId: body.customerId, channel: body.channel, messages: [] };
      if (conversations.size >= limits.conversations) {
        conversations.delete(conversations.keys().next().value as string);
      }
    }
    const customerTurns = conversation.messages.filter((m) => m.author === 'customer').length;
    if (customerTurns >= limits.messagesPerConversation) {
      throw conflict('', `conversation ${id} has reached ${limits.messagesPerConversation} messages`);
    }
    // Most recently used last, so the first key is the one to drop.
    conversations.delete(id);
    conversations.set(id, conversation);
    conversation.messages.push({
      id: `${id}-m${conversation.messages.length + 1}`,
      author: 'customer',
      text: body.text,
      at,
    });

    const search = await store.search(body.text, { limit: 3, now: at });
    const decision = policy.decide(
      { id, customerId: body.customerId, channel: conversation.channel, messages: conversation.messages },
      {
        now: at,
        agentsAvailable: body.agentsAvailable,
        confidence: search.confidence,
        customer: { id: body.customerId, ...body.customer },
      },
    );
    const top = search.hits[0];
    const reply = replyFor(decision, top?.article);
    // The bot's turn joins the history; `meta.articleId` tells a later handoff packet which
    // article the customer has already seen.
    conversation.messages.push({
      id: `${id}-m${conversation.messages.length + 1}`,
      author: 'bot',
      text: reply.text,
      at,
      ...(reply.kind === 'answer' && top
        ? { meta: { articleId: top.article.id, articleTitle: top.article.title } }
        : {}),
    });
    const { packet, event: _event, ...rest } = decision as HandoffDecision & { packet?: unknown };
    return {
      conversationId: id,
      reply,
      search: {
        confidence: search.confidence,
        hits: search.hits.map((h) => ({ id: h.article.id, title: h.article.title, score: h.score })),
      },
      decision: rest,
      ...(packet ? { packet } : {}),
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const match = ROUTE.exec(url.pathname);
      if (!match) {
        throw new HttpError(404, {
          error: { code: 'NOT_FOUND', path: '', message: `no route ${url.pathname}` },
        });
      }
      if (req.method !== 'POST') {
        throw new HttpError(
          405,
          { error: { code: 'METHOD_NOT_ALLOWED', path: '', message: `${req.method} is not allowed here` } },
          { allow: 'POST' },
        );
      }
      const id = decodeURIComponent(match[1]!);
      if (!ID.test(id)) throw badInput('params.id', 'must be 1–100 letters, digits or . _ : -');
      const type = req.headers['content-type'] ?? '';
      if (!/^application\/json\b/i.test(type)) {
        throw new HttpError(415, {
          error: { code: 'UNSUPPORTED_MEDIA_TYPE', path: '', message: 'send application/json' },
        });
      }
      const result = await postMessage(id, parseJson(await readBody(req)));
      send(res, 200, result);
    } catch (error) {
      if (error instanceof HttpError) send(res, error.status, error.body, error.headers);
      else if (error instanceof TandemError) send(res, 400, errorBody(error));
      else {
        console.error(error);
        send(res, 500, { error: { code: 'INTERNAL', path: '', message: 'internal error' } });
      }
    }
  }

  return { handle, postMessage };
}

function replyFor(decision: HandoffDecision, top: { id: string; body: string } | undefined) {
  switch (decision.action) {
    case 'escalate':
      return {
        kind: 'handoff' as const,
        text: decision.delivery.kind === 'live' ? REPLIES.escalateLive : REPLIES.escalateTicket,
      };
    case 'offer':
      return { kind: 'offer' as const, text: REPLIES.offer };
    case 'clarify':
      return { kind: 'clarify' as const, text: REPLIES.clarify };
    default:
      return top
        ? { kind: 'answer' as const, text: top.body, articleId: top.id }
        : { kind: 'clarify' as const, text: REPLIES.noAnswer };
  }
}

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/**
 * Loads the knowledge base, warms the lexicons (one search and one decision per supported
 * language, so the first real request in a language does not pay for loading its lexicon and
 * stemmer) and listens on `host:port` (port 0 = any free port).
 */
export async function createService(
  options: ServiceOptions & { host?: string; port?: number } = {},
): Promise<Service> {
  const now = options.now ?? (() => new Date());
  const store = createMemoryKnowledgeStore();
  const articles =
    options.articles ??
    (JSON.parse(readFileSync(new URL('../data/knowledge.json', import.meta.url), 'utf8')) as unknown[]);
  for (const article of articles) await store.upsertArticle(article as never);
  if (options.warm !== false) await warmUp(articles, now());

  const { handle } = createHandler(store, now);
  const server = createServer((req, res) => void handle(req, res));
  // Slow or stuck clients cannot hold a connection for ever.
  server.requestTimeout = 10_000;
  server.headersTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}

/**
 * Runs the request path (validation, search, decision, packet, JSON) for every language on a
 * throwaway store and conversation map, so the warm-up queries do not show up in the real
 * store's content gaps and no warm-up conversation is kept.
 */
export async function warmUp(articles: readonly unknown[], at: Date): Promise<void> {
  const store = createMemoryKnowledgeStore();
  for (const article of articles) await store.upsertArticle(article as never);
  const { postMessage } = createHandler(store, () => at);
  for (const [language, texts] of Object.entries(WARM_UP)) {
    for (const text of texts)
      JSON.stringify(await postMessage(`warm-${language}`, { customerId: 'warm', text }));
  }
}
