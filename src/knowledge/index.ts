/**
 * Knowledge base: the {@link KnowledgeStore} interface (articles with access control, search with
 * a confidence, customer memory, feedback, content gaps, suggestions), the in-memory default
 * store and the helpers adapters share. The contract suite lives in `tandem-cx/knowledge/testing`.
 *
 * @module knowledge
 */
export {
  assertCanEdit,
  assertVersion,
  canViewArticle,
  isStaff,
  localeMatches,
  parseArticleInput,
  parseViewer,
} from './access';
export { createMemoryKnowledgeStore, type MemoryKnowledgeStoreOptions } from './createMemoryKnowledgeStore';
export type { KnowledgeStore } from './knowledgeStore';
export {
  type ApproveSuggestionOptions,
  type Article,
  type ArticleDraft,
  type ArticleInput,
  ArticleInputSchema,
  type ArticleStatus,
  ArticleStatusSchema,
  type Audience,
  AudienceSchema,
  type AuditEntry,
  type AuditLogOptions,
  type ContentGap,
  type ContentGapsOptions,
  type FeedbackEntry,
  type FeedbackInput,
  FeedbackInputSchema,
  type FeedbackSummary,
  type ForgetOptions,
  KNOWLEDGE_LIMITS,
  type ListArticlesOptions,
  type MemoryFact,
  type MemoryFactInput,
  MemoryFactInputSchema,
  type ReadOptions,
  type RecallOptions,
  type RememberOptions,
  type RememberResult,
  type SearchHit,
  type SearchMatch,
  type SearchOptions,
  type SearchResult,
  type Suggestion,
  type SuggestionInput,
  SuggestionInputSchema,
  type SuggestResult,
  type TenantOptions,
  type Viewer,
  type ViewerInput,
  ViewerSchema,
  type WriteOptions,
} from './schemas';
