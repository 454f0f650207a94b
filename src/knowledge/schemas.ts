import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import { InstantSchema, LanguageSchema } from '../model/schemas';

/**
 * Size limits every store enforces (the memory store and the PGlite example do). Larger input
 * throws `TandemError` `LIMIT_EXCEEDED` (article parts) or is capped (queries), never silently
 * truncated in storage.
 */
export const KNOWLEDGE_LIMITS = Object.freeze({
  /** Characters of an article body (1 MB of text; a help article is rarely above 50 kB). */
  bodyChars: 1_000_000,
  /** Characters of a title. */
  titleChars: 500,
  /** Example questions per article. */
  questions: 2_000,
  /** Characters of one example question. */
  questionChars: 1_000,
  /** Characters of a search query that are considered; the rest is ignored (defined result). */
  queryChars: 1_000,
  /** Distinct query terms that are scored; later terms are ignored. */
  queryTerms: 32,
  /** Hits a search returns at most (`limit` is clamped to this). */
  hits: 100,
});

/**
 * Who may see an article: everyone (`public`), signed-in customers (`authenticated`), customers
 * in at least one of the listed segments (`{ segments }`), or staff only (`internal`).
 */
export const AudienceSchema = z.union([
  z.enum(['public', 'authenticated', 'internal']),
  z.object({ segments: z.array(z.string().min(1)).min(1) }).strict(),
]);
/** Who may see an article; see {@link AudienceSchema}. */
export type Audience = z.infer<typeof AudienceSchema>;

/** Article lifecycle: only `published` articles are answered to customers and agents. */
export const ArticleStatusSchema = z.enum(['draft', 'published', 'archived']);
/** Article lifecycle state. */
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

/**
 * An article / FAQ entry as callers write it. Defaults: `body ''`, `questions []`, `tags []`,
 * `locale 'en'`, `status 'draft'`, `audience 'internal'` (least exposure), `editors []` (anyone
 * the host lets call `upsertArticle` may edit).
 */
export const ArticleInputSchema = z
  .object({
    id: z.string().min(1).max(200),
    title: z.string().trim().min(1, 'an article needs a title').max(KNOWLEDGE_LIMITS.titleChars),
    body: z.string().default(''),
    /** Example phrasings of the question this article answers (what customers actually type). */
    questions: z
      .array(z.string().trim().min(1).max(KNOWLEDGE_LIMITS.questionChars))
      .max(KNOWLEDGE_LIMITS.questions)
      .default([]),
    tags: z.array(z.string().min(1).max(100)).default([]),
    locale: LanguageSchema.default('en'),
    status: ArticleStatusSchema.default('draft'),
    audience: AudienceSchema.default('internal'),
    /** Actor ids allowed to change or remove the article; empty = no restriction. */
    editors: z.array(z.string().min(1)).default([]),
    /** When the article is due for review; {@link KnowledgeStore.staleArticles} lists overdue ones. */
    reviewBy: InstantSchema.optional(),
  })
  .strict();
/** An article as callers write it (defaults applied on upsert). */
export type ArticleInput = z.input<typeof ArticleInputSchema>;
/** A validated article input with defaults applied. */
export type ArticleDraft = z.output<typeof ArticleInputSchema>;

/** A stored article: the validated input plus `version` (1, 2, …), `createdAt`, `updatedAt`. */
export type Article = Readonly<
  ArticleDraft & {
    version: number;
    createdAt: Date;
    updatedAt: Date;
    /** Actor of the last change, when one was given. */
    updatedBy?: string;
  }
>;

/**
 * Who is looking. `anonymous` (alias `public`) sees published public articles; `customer`
 * (authenticated) also sees `authenticated` articles and those of their `segments`; `agent` sees
 * every published article including `internal`; `editor` sees every article in every status.
 * Any other role is rejected with `INVALID_INPUT`.
 */
export const ViewerSchema = z
  .object({
    role: z.enum(['anonymous', 'public', 'customer', 'agent', 'editor']),
    /** Customer or staff id (a customer may recall their own memory). */
    id: z.string().min(1).optional(),
    /** Customer segments (`vip`, `business`, …) for segment audiences. */
    segments: z.array(z.string().min(1)).default([]),
  })
  .strict();
/** A viewer as callers pass it. */
export type ViewerInput = z.input<typeof ViewerSchema>;
/** A validated viewer. */
export type Viewer = z.output<typeof ViewerSchema>;

/** Options every call accepts: the tenant it addresses (default: the store's own tenant). */
export interface KnowledgeTenantOptions {
  /** Tenant the call addresses. No call ever reads or writes another tenant's data. */
  tenantId?: string;
}

/** Options of {@link KnowledgeStore.upsertArticle} and {@link KnowledgeStore.removeArticle}. */
export interface KnowledgeWriteOptions extends KnowledgeTenantOptions {
  /**
   * Optimistic concurrency: the version the caller last read (`0` = must not exist yet). A
   * different stored version throws `CONFLICT`. Omitted = last write wins.
   */
  expectedVersion?: number;
  /** Who makes the change (recorded in the audit log; checked against `editors`). */
  actor?: string;
}

/** Options of reads that apply the viewer's access rights. */
export interface KnowledgeReadOptions extends KnowledgeTenantOptions {
  /** Who is looking; default anonymous (sees published public articles only). */
  viewer?: ViewerInput;
}

/** Options of {@link KnowledgeStore.listArticles}. */
export interface ListArticlesOptions extends KnowledgeReadOptions {
  status?: ArticleStatus;
  /** Language filter: matches the primary subtag (`zh` matches `zh-Hant`). */
  locale?: string;
  /** Only articles carrying every one of these tags. */
  tags?: string[];
}

/** Options of {@link KnowledgeStore.search}. */
export interface KnowledgeSearchOptions extends KnowledgeReadOptions {
  /** Language filter (primary subtag); also selects the stemmer for the query. */
  locale?: string;
  /** Only articles carrying every one of these tags. */
  tags?: string[];
  /** Maximum number of hits (default 5, at most {@link KNOWLEDGE_LIMITS}.hits). */
  limit?: number;
  /** When the query was asked (for content gaps); default the store's clock. */
  now?: Date;
}

/** Which part of an article matched a query best. */
export interface KnowledgeSearchMatch {
  field: 'title' | 'question' | 'body';
  /** The matched title or example question (absent for the body). */
  text?: string;
  /** Normalised query terms found in that field. */
  terms: string[];
}

/** One search hit. `score` is the store's own relevance score (higher is better). */
export interface KnowledgeSearchHit {
  article: Article;
  score: number;
  matched: KnowledgeSearchMatch;
}

/**
 * The result of a search. `confidence` (0..1) estimates that the top hit answers the query,
 * from the top score and the top1–top2 margin; `0` when there is no hit.
 */
export interface KnowledgeSearchResult {
  hits: KnowledgeSearchHit[];
  confidence: number;
}

/** A fact about a customer as the host records it. `consent: false` facts are not stored. */
export const MemoryFactInputSchema = z
  .object({
    key: z.string().min(1).max(200),
    value: z.json(),
    /** Where the fact came from (`crm`, `conversation:c42`, `agent:a7`). */
    source: z.string().min(1).max(200),
    /** How sure the source is, 0..1 (default 1). */
    confidence: z.number().min(0).max(1).default(1),
    /** When the fact stops being true / may no longer be kept. */
    expiresAt: InstantSchema.optional(),
    /** Alternative to `expiresAt`: keep for this long after `now`. */
    ttl: DurationSchema.optional(),
    /** The customer agreed to this being kept (or another lawful basis applies). */
    consent: z.boolean(),
  })
  .strict();
/** A fact as callers pass it to {@link KnowledgeStore.remember}. */
export type MemoryFactInput = z.input<typeof MemoryFactInputSchema>;

/** A stored customer fact. One fact per key; remembering a key again replaces it. */
export interface MemoryFact {
  customerId: string;
  key: string;
  value: unknown;
  source: string;
  confidence: number;
  recordedAt: Date;
  expiresAt?: Date;
}

/** Options of {@link KnowledgeStore.remember}; fact fields may also be given here (DESIGN form). */
export interface RememberOptions
  extends KnowledgeTenantOptions,
    Partial<Omit<MemoryFactInput, 'key' | 'value'>> {
  /** The time of recording (for `ttl` and `recordedAt`); default the store's clock. */
  now?: Date;
}

/** Outcome of {@link KnowledgeStore.remember}. */
export type RememberResult =
  | { kind: 'stored'; fact: MemoryFact }
  | { kind: 'refused'; reason: 'no_consent' | 'expired'; detail: string };

/** Options of {@link KnowledgeStore.recall}. */
export interface RecallOptions extends KnowledgeTenantOptions {
  /** Staff (`agent`, `editor`) or the customer themself (`customer` with the same `id`). */
  viewer: ViewerInput;
  /** Facts with `expiresAt <= now` are never returned. */
  now: Date;
  /** Only these keys. */
  keys?: string[];
}

/** Options of {@link KnowledgeStore.forget}. */
export interface ForgetOptions extends KnowledgeTenantOptions {
  /** Only these keys; omitted = every fact about the customer. */
  keys?: string[];
}

/** Feedback on an article as callers pass it. */
export const FeedbackInputSchema = z
  .object({
    helpful: z.boolean(),
    comment: z.string().max(5_000).optional(),
    conversationId: z.string().min(1).optional(),
    /** When it was given; default the store's clock. */
    at: InstantSchema.optional(),
  })
  .strict();
/** Feedback as callers pass it. */
export type FeedbackInput = z.input<typeof FeedbackInputSchema>;

/** One stored feedback entry. */
export interface FeedbackEntry {
  articleId: string;
  helpful: boolean;
  comment?: string;
  conversationId?: string;
  at: Date;
}

/** Feedback totals of one article. `helpfulRate` is `null` without feedback. */
export interface FeedbackSummary {
  articleId: string;
  helpful: number;
  notHelpful: number;
  total: number;
  helpfulRate: number | null;
  /** The latest entries with a comment, newest first (at most 20). */
  comments: FeedbackEntry[];
}

/** Options of {@link KnowledgeStore.contentGaps}. */
export interface ContentGapsOptions extends KnowledgeTenantOptions {
  /** Must be staff (`agent` or `editor`): gaps hold customers' own words. */
  viewer: ViewerInput;
  /** Only queries asked at or after this time. */
  since?: Date;
  /** At most this many groups (default 50). */
  limit?: number;
}

/** Searches answered with low confidence, grouped by normalised query text. */
export interface ContentGap {
  /** The normalised query (lower case, single spaces). */
  query: string;
  /** One original wording. */
  example: string;
  count: number;
  firstAt: Date;
  lastAt: Date;
  /** Highest confidence any of these searches reached. */
  maxConfidence: number;
  /** The best (but not good enough) article, when the gaps viewer may see it. */
  topArticleId?: string;
}

/** A learned answer proposed from a conversation (for example by an agent after a handoff). */
export const SuggestionInputSchema = z
  .object({
    /** The customer's question, as asked. */
    question: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.questionChars),
    /** The answer that worked. */
    answer: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.bodyChars),
    title: z.string().trim().min(1).max(KNOWLEDGE_LIMITS.titleChars).optional(),
    conversationId: z.string().min(1).optional(),
    locale: LanguageSchema.optional(),
    tags: z.array(z.string().min(1).max(100)).optional(),
    /** Who suggests it (agent id). */
    actor: z.string().min(1).optional(),
  })
  .strict();
/** A suggestion as callers pass it. */
export type SuggestionInput = z.input<typeof SuggestionInputSchema>;

/** A pending suggestion waiting for a human. */
export interface Suggestion {
  id: string;
  question: string;
  answer: string;
  title?: string;
  conversationId?: string;
  locale?: string;
  tags: string[];
  actor?: string;
  createdAt: Date;
}

/** Outcome of {@link KnowledgeStore.suggestArticle}. */
export type SuggestResult =
  | { kind: 'pending'; suggestion: Suggestion }
  | {
      kind: 'duplicate';
      reason: 'existing_question' | 'pending_suggestion';
      /** The article that already has this question. */
      articleId?: string;
      /** The pending suggestion that already has it. */
      suggestionId?: string;
    };

/** Options of {@link KnowledgeStore.approveSuggestion}. */
export interface ApproveSuggestionOptions extends KnowledgeTenantOptions {
  actor?: string;
  /** Add the question to this existing article instead of creating one. */
  articleId?: string;
  /** Id of the new article (default `suggestion-<id>`). */
  newArticleId?: string;
  /** Of a new article; default `'public'`. */
  audience?: Audience;
  /** Of a new article; default `'published'`. */
  status?: ArticleStatus;
}

/** One audit-log entry: every change to an article leaves one. */
export interface AuditEntry {
  at: Date;
  /** The article changed (for suggestions: the article created on approval). */
  articleId?: string;
  /** The suggestion concerned (`suggested`, `approved`, `rejected`). */
  suggestionId?: string;
  /** Version after the change (the removed version for `removed`; 0 for suggestions). */
  version: number;
  actor?: string;
  change: 'created' | 'updated' | 'removed' | 'suggested' | 'approved' | 'rejected';
}

/** Options of {@link KnowledgeStore.auditLog}. */
export interface AuditLogOptions extends KnowledgeTenantOptions {
  articleId?: string;
  since?: Date;
}
