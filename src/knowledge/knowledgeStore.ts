import type {
  ApproveSuggestionOptions,
  Article,
  ArticleInput,
  AuditEntry,
  AuditLogOptions,
  ContentGap,
  ContentGapsOptions,
  FeedbackEntry,
  FeedbackInput,
  FeedbackSummary,
  ForgetOptions,
  KnowledgeReadOptions,
  KnowledgeSearchOptions,
  KnowledgeSearchResult,
  KnowledgeTenantOptions,
  KnowledgeWriteOptions,
  ListArticlesOptions,
  MemoryFact,
  MemoryFactInput,
  RecallOptions,
  RememberOptions,
  RememberResult,
  Suggestion,
  SuggestionInput,
  SuggestResult,
} from './schemas';

/**
 * The knowledge base a host plugs in: articles/FAQ entries with access control, search with a
 * confidence, per-customer memory, feedback, content gaps and a learning loop. Every method is
 * async, addresses one tenant (`tenantId`, default the store's own) and enforces the viewer's
 * access rights itself — callers never filter.
 *
 * Implementations: {@link createMemoryKnowledgeStore} (in-memory default) and the PGlite example
 * in `examples/`; every implementation passes `describeKnowledgeStore` from
 * `tandem-cx/knowledge/testing`.
 */
export interface KnowledgeStore {
  /**
   * Creates or replaces an article; returns the stored article (`version` + 1).
   * @throws `CONFLICT` when `expectedVersion` differs from the stored version (`0` = must not
   * exist); `FORBIDDEN` when the article has `editors` and `actor` is not one of them;
   * `INVALID_INPUT` (e.g. no title); `LIMIT_EXCEEDED` (body over {@link KNOWLEDGE_LIMITS}).
   */
  upsertArticle(article: ArticleInput, options?: KnowledgeWriteOptions): Promise<Article>;
  /** The article if it exists and the viewer may see it, else `undefined`. */
  getArticle(id: string, options?: KnowledgeReadOptions): Promise<Article | undefined>;
  /**
   * Removes an article (and its search entries); `false` when it did not exist.
   * @throws `CONFLICT` on a stale `expectedVersion`; `FORBIDDEN` when `actor` is not an editor.
   */
  removeArticle(id: string, options?: KnowledgeWriteOptions): Promise<boolean>;
  /** Articles the viewer may see, by id. */
  listArticles(options?: ListArticlesOptions): Promise<Article[]>;
  /**
   * Searches published articles the viewer may see; low-confidence searches are recorded as
   * content gaps. Queries are capped at {@link KNOWLEDGE_LIMITS}.queryChars.
   */
  search(query: string, options?: KnowledgeSearchOptions): Promise<KnowledgeSearchResult>;

  /**
   * Stores a fact about a customer (replacing the same key), unless consent is missing. `source`,
   * `confidence`, `expiresAt`/`ttl` and `consent` may sit in `fact` or in `options` (DESIGN form
   * `remember(id, { key, value }, { source, consent })`); the merged fact must be valid.
   * @throws `INVALID_INPUT` listing every problem (e.g. `fact.consent` missing).
   */
  remember(
    customerId: string,
    fact: Pick<MemoryFactInput, 'key' | 'value'> & Partial<MemoryFactInput>,
    options?: RememberOptions,
  ): Promise<RememberResult>;
  /**
   * The customer's unexpired facts, by key. Staff and the customer themself only.
   * @throws `FORBIDDEN` for any other viewer.
   */
  recall(customerId: string, options: RecallOptions): Promise<MemoryFact[]>;
  /** Erases facts (all, or `keys`): the data is deleted, not flagged. Returns how many. */
  forget(customerId: string, options?: ForgetOptions): Promise<number>;

  /** Records whether an article helped. @throws `NOT_FOUND` for an unknown article. */
  recordFeedback(
    articleId: string,
    feedback: FeedbackInput,
    options?: KnowledgeTenantOptions,
  ): Promise<FeedbackEntry>;
  /** Feedback totals of an article the viewer may see. @throws `NOT_FOUND` otherwise. */
  feedbackSummary(articleId: string, options?: KnowledgeReadOptions): Promise<FeedbackSummary>;
  /** Low-confidence queries grouped, most frequent first. @throws `FORBIDDEN` for non-staff. */
  contentGaps(options: ContentGapsOptions): Promise<ContentGap[]>;
  /** Draft or published articles the viewer may see whose `reviewBy` is at or before `now`. */
  staleArticles(now: Date, options?: KnowledgeReadOptions): Promise<Article[]>;

  /**
   * Proposes a new FAQ entry from a conversation. It stays pending until a human approves it;
   * a question an article (or a pending suggestion) already has is reported as a duplicate.
   */
  suggestArticle(fromConversation: SuggestionInput, options?: KnowledgeTenantOptions): Promise<SuggestResult>;
  /** Pending suggestions, oldest first. */
  listSuggestions(options?: KnowledgeTenantOptions): Promise<Suggestion[]>;
  /**
   * Turns a pending suggestion into an article (or adds its question to `articleId`).
   * @throws `NOT_FOUND` for an unknown suggestion.
   */
  approveSuggestion(suggestionId: string, options?: ApproveSuggestionOptions): Promise<Article>;
  /** Drops a pending suggestion; `false` when it did not exist. */
  rejectSuggestion(suggestionId: string, options?: KnowledgeWriteOptions): Promise<boolean>;
  /** Every recorded change, oldest first. */
  auditLog(options?: AuditLogOptions): Promise<AuditEntry[]>;
}
