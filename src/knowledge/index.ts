/**
 * Knowledge base: the {@link KnowledgeStore} interface (articles with access control, search with
 * a confidence, customer memory, feedback, content gaps, suggestions), the in-memory default
 * store and the helpers adapters share. The contract suite lives in `tandem-cx/knowledge/testing`.
 *
 * @module knowledge
 */

export { normalizeQueryText, questionKey } from '../_internal/textAnalysis';
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
  type KnowledgeReadOptions,
  type KnowledgeSearchHit,
  type KnowledgeSearchMatch,
  type KnowledgeSearchOptions,
  type KnowledgeSearchResult,
  type KnowledgeTenantOptions,
  type KnowledgeWriteOptions,
  type ListArticlesOptions,
  type MemoryFact,
  type MemoryFactInput,
  MemoryFactInputSchema,
  type RecallOptions,
  type RememberOptions,
  type RememberResult,
  type Suggestion,
  type SuggestionInput,
  SuggestionInputSchema,
  type SuggestResult,
  type Viewer,
  type ViewerInput,
  ViewerSchema,
} from './schemas';
