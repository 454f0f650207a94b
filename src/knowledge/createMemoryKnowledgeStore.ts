import { z } from 'zod';
import { guessLanguage, languageOfLocale, normalizeQueryText, questionKey } from '../_internal/textAnalysis';
import type { EventBus } from '../events/createEventBus';
import type { KnowledgeUpdatedEvent } from '../events/eventMap';
import { parseDuration } from '../model/duration';
import { parseWithSchema, TandemError } from '../model/errors';
import {
  assertCanEdit,
  assertVersion,
  canViewArticle,
  isStaff,
  localeMatches,
  parseArticleInput,
  parseViewer,
} from './access';
import type { KnowledgeStore } from './knowledgeStore';
import {
  type Article,
  type AuditEntry,
  type ContentGap,
  type FeedbackEntry,
  FeedbackInputSchema,
  KNOWLEDGE_LIMITS,
  type KnowledgeSearchHit,
  type MemoryFact,
  MemoryFactInputSchema,
  type Suggestion,
  SuggestionInputSchema,
  type Viewer,
} from './schemas';
import { searchConfidence } from './searchConfidence';
import { createSearchIndex, type SearchIndex } from './searchIndex';

const MODULE = 'knowledge';

/** Options of {@link createMemoryKnowledgeStore}. */
export interface MemoryKnowledgeStoreOptions {
  /** Tenant used when a call names none (default `'default'`). */
  tenantId?: string;
  /**
   * The store's clock, for `updatedAt`, audit entries and feedback/gap times when a call passes
   * no time of its own. Default `() => new Date()` — the one place the library may read the
   * wall clock, because a store records when things happen; inject a fixed clock in tests.
   */
  now?: () => Date;
  /** Event bus to emit `knowledge.updated` and `knowledge.feedback` on. */
  bus?: Pick<EventBus, 'emit'>;
  /**
   * Searches whose confidence is below this are recorded as content gaps (default 0.5, the
   * level under which a bot should clarify rather than answer).
   */
  gapThreshold?: number;
}

const OptionsSchema = z
  .object({
    tenantId: z.string().min(1).optional(),
    now: z
      .custom<() => Date>((v) => typeof v === 'function', 'must be a function returning a Date')
      .optional(),
    bus: z
      .custom<Pick<EventBus, 'emit'>>(
        (v) => typeof v === 'object' && v !== null && typeof (v as { emit?: unknown }).emit === 'function',
        'must have an emit(name, payload) method',
      )
      .optional(),
    gapThreshold: z.number().min(0).max(1).optional(),
  })
  .strict();

interface GapGroup {
  example: string;
  times: Date[];
  maxConfidence: number;
  topArticleId: string | undefined;
}

interface TenantState {
  articles: Map<string, { article: Article; slot: number }>;
  index: SearchIndex<Article>;
  audit: AuditEntry[];
  memory: Map<string, Map<string, MemoryFact>>;
  feedback: Map<string, FeedbackEntry[]>;
  gaps: Map<string, GapGroup>;
  suggestions: Map<string, Suggestion>;
  suggestionSeq: number;
}

// Bounded gap log: a store that runs for months must not grow without limit.
const GAP_GROUPS_MAX = 10_000;
const GAP_TIMES_MAX = 1_000;

function fail(code: 'INVALID_INPUT' | 'NOT_FOUND' | 'FORBIDDEN', path: string, message: string): never {
  throw new TandemError({ code, module: MODULE, path, message });
}

function requireId(value: unknown, path: string): string {
  if (typeof value !== 'string' || value.length === 0)
    fail('INVALID_INPUT', path, 'must be a non-empty string');
  return value;
}

function requireDate(value: unknown, path: string): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime()))
    fail('INVALID_INPUT', path, 'must be a valid Date');
  return value;
}

function optionalDate(value: unknown, path: string): Date | undefined {
  return value === undefined ? undefined : requireDate(value, path);
}

function freezeArticle(article: Article): Article {
  Object.freeze(article.questions);
  Object.freeze(article.tags);
  Object.freeze(article.editors);
  if (typeof article.audience === 'object') Object.freeze(article.audience.segments);
  return Object.freeze(article);
}

function copyFact(fact: MemoryFact): MemoryFact {
  return { ...fact, value: structuredClone(fact.value) };
}

function hasTags(article: Article, tags: readonly string[] | undefined): boolean {
  if (tags === undefined) return true;
  for (const tag of tags) if (!article.tags.includes(tag)) return false;
  return true;
}

function parseTags(tags: unknown): string[] | undefined {
  if (tags === undefined) return undefined;
  if (!Array.isArray(tags) || tags.some((t) => typeof t !== 'string'))
    fail('INVALID_INPUT', 'tags', 'must be an array of strings');
  return tags as string[];
}

/**
 * Creates the in-memory {@link KnowledgeStore}: an incremental inverted index with BM25 ranking
 * over titles, example questions and bodies (nearest phrasing + article level), light stemming
 * for English and Polish, character bigrams for Chinese, typo tolerance, and a fuse.js fuzzy
 * fallback on titles. Access control, tenant isolation and limits are enforced inside.
 *
 * Without options it holds one tenant (`'default'`) and reads the wall clock for `updatedAt`
 * (inject `now` for reproducible times).
 *
 * @param options - `tenantId`, `now`, `bus`, `gapThreshold`; see {@link MemoryKnowledgeStoreOptions}.
 * @returns a store; all methods are async (the interface is shared with database adapters).
 * @throws {@link TandemError} `INVALID_CONFIG` for bad options.
 *
 * @example
 * ```ts
 * import { createMemoryKnowledgeStore } from 'tandem-cx/knowledge';
 * const kb = createMemoryKnowledgeStore({ now: () => new Date('2026-11-23T10:00:00Z') });
 * await kb.upsertArticle({ id: 'card-arrival', title: 'When will my card arrive?', body: 'Cards arrive within 5 working days.', questions: ['I am still waiting on my card'], audience: 'public', status: 'published' });
 * const { hits, confidence } = await kb.search('where is my new card', { limit: 5 });
 * hits[0].article.id; // => 'card-arrival'
 * confidence > 0 && confidence <= 1; // => true
 * ```
 */
export function createMemoryKnowledgeStore(options: MemoryKnowledgeStoreOptions = {}): KnowledgeStore {
  const config = parseWithSchema(OptionsSchema, options, {
    module: MODULE,
    code: 'INVALID_CONFIG',
    what: 'memory knowledge store options',
  });
  const defaultTenant = config.tenantId ?? 'default';
  const clock = config.now ?? (() => new Date());
  const gapThreshold = config.gapThreshold ?? 0.5;
  const bus = config.bus;
  const tenants = new Map<string, TenantState>();

  // Small integers naming a (viewer, locale, tags) filter, so the index can cache access
  // decisions per article. Numbers are never reused (the map is only forgotten when large).
  const filterKeys = new Map<string, number>();
  let nextFilterKey = 1;
  function filterKey(
    viewer: Viewer,
    locale: string | undefined,
    tags: readonly string[] | undefined,
  ): number {
    const text = `${viewer.role}\u0000${viewer.segments.join('\u0001')}\u0000${locale ?? ''}\u0000${tags?.join('\u0001') ?? ''}`;
    let key = filterKeys.get(text);
    if (key === undefined) {
      if (filterKeys.size >= 10_000) filterKeys.clear();
      key = nextFilterKey++;
      filterKeys.set(text, key);
    }
    return key;
  }

  function now(): Date {
    const at = clock();
    if (!(at instanceof Date) || Number.isNaN(at.getTime()))
      throw new TandemError({
        code: 'INVALID_CONFIG',
        module: MODULE,
        path: 'now',
        message: 'now() must return a valid Date',
      });
    return at;
  }

  function tenant(options: { tenantId?: unknown } | undefined): TenantState {
    const id = options?.tenantId === undefined ? defaultTenant : requireId(options.tenantId, 'tenantId');
    let state = tenants.get(id);
    if (state === undefined) {
      state = {
        articles: new Map(),
        index: createSearchIndex<Article>(),
        audit: [],
        memory: new Map(),
        feedback: new Map(),
        gaps: new Map(),
        suggestions: new Map(),
        suggestionSeq: 0,
      };
      tenants.set(id, state);
    }
    return state;
  }

  function tenantIdOf(options: { tenantId?: string } | undefined): string {
    return options?.tenantId ?? defaultTenant;
  }

  function emitUpdated(tenantId: string, event: Omit<KnowledgeUpdatedEvent, 'tenantId'>): void {
    bus?.emit('knowledge.updated', { ...event, tenantId });
  }

  function writeOptions(options: unknown): { expectedVersion?: number; actor?: string } {
    const o = (options ?? {}) as { expectedVersion?: unknown; actor?: unknown };
    if (
      o.expectedVersion !== undefined &&
      (typeof o.expectedVersion !== 'number' || !Number.isInteger(o.expectedVersion) || o.expectedVersion < 0)
    )
      fail('INVALID_INPUT', 'expectedVersion', 'must be a whole number ≥ 0');
    if (o.actor !== undefined) requireId(o.actor, 'actor');
    return o as { expectedVersion?: number; actor?: string };
  }

  function store(state: TenantState, tenantId: string, article: Article, actor: string | undefined): Article {
    const existing = state.articles.get(article.id);
    if (existing !== undefined) state.index.remove(existing.slot);
    const slot = state.index.add(
      {
        title: article.title,
        questions: article.questions,
        body: article.body,
        language: languageOfLocale(article.locale),
      },
      article,
    );
    state.articles.set(article.id, { article, slot });
    const change = existing === undefined ? 'created' : 'updated';
    const entry: AuditEntry = {
      at: article.updatedAt,
      articleId: article.id,
      version: article.version,
      change,
    };
    if (actor !== undefined) entry.actor = actor;
    state.audit.push(entry);
    emitUpdated(tenantId, {
      at: article.updatedAt,
      articleId: article.id,
      version: article.version,
      change,
      ...(actor === undefined ? {} : { actor }),
    });
    return article;
  }

  function upsertSync(state: TenantState, tenantId: string, input: unknown, options: unknown): Article {
    const { expectedVersion, actor } = writeOptions(options);
    const draft = parseArticleInput(input);
    const existing = state.articles.get(draft.id)?.article;
    assertVersion(draft.id, existing?.version ?? 0, expectedVersion);
    if (existing !== undefined) assertCanEdit(existing, actor);
    const at = now();
    const article: Article = {
      ...draft,
      version: (existing?.version ?? 0) + 1,
      createdAt: existing?.createdAt ?? at,
      updatedAt: at,
      ...(actor === undefined ? {} : { updatedBy: actor }),
    };
    return store(state, tenantId, freezeArticle(article), actor);
  }

  function visibleArticle(state: TenantState, id: string, viewer: Viewer): Article | undefined {
    const entry = state.articles.get(id);
    return entry !== undefined && canViewArticle(entry.article, viewer) ? entry.article : undefined;
  }

  function recordGap(
    state: TenantState,
    query: string,
    confidence: number,
    top: Article | undefined,
    at: Date,
  ): void {
    const key = normalizeQueryText(query);
    if (key.length === 0) return;
    let group = state.gaps.get(key);
    if (group === undefined) {
      if (state.gaps.size >= GAP_GROUPS_MAX) {
        const oldest = state.gaps.keys().next().value;
        if (oldest !== undefined) state.gaps.delete(oldest);
      }
      group = { example: query.slice(0, 500), times: [], maxConfidence: 0, topArticleId: undefined };
      state.gaps.set(key, group);
    }
    group.times.push(at);
    if (group.times.length > GAP_TIMES_MAX) group.times.shift();
    if (confidence >= group.maxConfidence) {
      group.maxConfidence = confidence;
      group.topArticleId = top?.id;
    }
  }

  const kb: KnowledgeStore = {
    async upsertArticle(article, options) {
      return upsertSync(tenant(options), tenantIdOf(options), article, options);
    },

    async getArticle(id, options) {
      requireId(id, 'id');
      return visibleArticle(tenant(options), id, parseViewer(options?.viewer));
    },

    async removeArticle(id, options) {
      requireId(id, 'id');
      const { expectedVersion, actor } = writeOptions(options);
      const state = tenant(options);
      const entry = state.articles.get(id);
      assertVersion(id, entry?.article.version ?? 0, expectedVersion);
      if (entry === undefined) return false;
      assertCanEdit(entry.article, actor);
      state.index.remove(entry.slot);
      state.articles.delete(id);
      state.feedback.delete(id);
      const at = now();
      const audit: AuditEntry = { at, articleId: id, version: entry.article.version, change: 'removed' };
      if (actor !== undefined) audit.actor = actor;
      state.audit.push(audit);
      emitUpdated(tenantIdOf(options), {
        at,
        articleId: id,
        version: entry.article.version,
        change: 'removed',
        ...(actor === undefined ? {} : { actor }),
      });
      return true;
    },

    async listArticles(options) {
      const state = tenant(options);
      const viewer = parseViewer(options?.viewer);
      const tags = parseTags(options?.tags);
      const out: Article[] = [];
      for (const { article } of state.articles.values()) {
        if (!canViewArticle(article, viewer)) continue;
        if (options?.status !== undefined && article.status !== options.status) continue;
        if (!localeMatches(article.locale, options?.locale) || !hasTags(article, tags)) continue;
        out.push(article);
      }
      return out.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async search(query, options) {
      if (typeof query !== 'string') fail('INVALID_INPUT', 'query', 'must be a string');
      const state = tenant(options);
      const viewer = parseViewer(options?.viewer);
      const limit = options?.limit ?? 5;
      if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1)
        fail('INVALID_INPUT', 'limit', 'must be a whole number ≥ 1');
      const locale = options?.locale;
      if (locale !== undefined && typeof locale !== 'string')
        fail('INVALID_INPUT', 'locale', 'must be a string');
      const tags = parseTags(options?.tags);
      const at = optionalDate(options?.now, 'now');
      const text =
        query.length > KNOWLEDGE_LIMITS.queryChars ? query.slice(0, KNOWLEDGE_LIMITS.queryChars) : query;
      const accept = (article: Article) =>
        article.status === 'published' &&
        canViewArticle(article, viewer) &&
        localeMatches(article.locale, locale) &&
        hasTags(article, tags);
      const result = state.index.search(
        text,
        guessLanguage(text, locale),
        Math.min(limit, KNOWLEDGE_LIMITS.hits),
        accept,
        KNOWLEDGE_LIMITS.queryTerms,
        filterKey(viewer, locale, tags),
      );
      const confidence = searchConfidence(result);
      if (confidence < gapThreshold) recordGap(state, text, confidence, result.hits[0]?.payload, at ?? now());
      const hits: KnowledgeSearchHit[] = result.hits.map((hit) => ({
        article: hit.payload,
        score: hit.score,
        matched:
          hit.text === undefined
            ? { field: hit.field, terms: hit.terms }
            : { field: hit.field, text: hit.text, terms: hit.terms },
      }));
      return { hits, confidence };
    },

    async remember(customerId, fact, options) {
      requireId(customerId, 'customerId');
      const { tenantId: _tenant, now: at, ...rest } = options ?? {};
      const merged = { ...(fact as object), ...rest };
      const parsed = parseWithSchema(MemoryFactInputSchema, merged, {
        module: MODULE,
        what: 'fact',
        pathPrefix: ['fact'],
      });
      const recordedAt = optionalDate(at, 'now') ?? now();
      if (!parsed.consent)
        return {
          kind: 'refused',
          reason: 'no_consent',
          detail: `no consent to keep "${parsed.key}"`,
        } as const;
      const expiresAt =
        parsed.expiresAt ??
        (parsed.ttl === undefined ? undefined : new Date(recordedAt.getTime() + parseDuration(parsed.ttl)));
      if (expiresAt !== undefined && expiresAt.getTime() <= recordedAt.getTime())
        return {
          kind: 'refused',
          reason: 'expired',
          detail: `"${parsed.key}" expired before it was recorded`,
        } as const;
      const stored: MemoryFact = {
        customerId,
        key: parsed.key,
        value: structuredClone(parsed.value),
        source: parsed.source,
        confidence: parsed.confidence,
        recordedAt,
        ...(expiresAt === undefined ? {} : { expiresAt }),
      };
      const state = tenant(options);
      let facts = state.memory.get(customerId);
      if (facts === undefined) {
        facts = new Map();
        state.memory.set(customerId, facts);
      }
      facts.set(parsed.key, stored);
      return { kind: 'stored', fact: copyFact(stored) } as const;
    },

    async recall(customerId, options) {
      requireId(customerId, 'customerId');
      const viewer = parseViewer(options?.viewer);
      const at = requireDate(options?.now, 'now');
      if (!isStaff(viewer) && !(viewer.role === 'customer' && viewer.id === customerId))
        fail(
          'FORBIDDEN',
          'viewer',
          `a ${viewer.role} viewer may not recall what is known about customer "${customerId}"`,
        );
      const state = tenant(options);
      const facts = state.memory.get(customerId);
      if (facts === undefined) return [];
      const out: MemoryFact[] = [];
      for (const [key, fact] of facts) {
        if (fact.expiresAt !== undefined && fact.expiresAt.getTime() <= at.getTime()) {
          facts.delete(key); // expired facts are erased, not only hidden
          continue;
        }
        if (options.keys !== undefined && !options.keys.includes(key)) continue;
        out.push(copyFact(fact));
      }
      if (facts.size === 0) state.memory.delete(customerId);
      return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },

    async forget(customerId, options) {
      requireId(customerId, 'customerId');
      const state = tenant(options);
      const facts = state.memory.get(customerId);
      if (facts === undefined) return 0;
      let removed = 0;
      if (options?.keys === undefined) {
        removed = facts.size;
        facts.clear();
      } else {
        for (const key of options.keys) if (facts.delete(key)) removed++;
      }
      if (facts.size === 0) state.memory.delete(customerId);
      return removed;
    },

    async recordFeedback(articleId, feedback, options) {
      requireId(articleId, 'articleId');
      const parsed = parseWithSchema(FeedbackInputSchema, feedback, {
        module: MODULE,
        what: 'feedback',
        pathPrefix: ['feedback'],
      });
      const state = tenant(options);
      if (!state.articles.has(articleId)) fail('NOT_FOUND', 'articleId', `no article "${articleId}"`);
      const entry: FeedbackEntry = { articleId, helpful: parsed.helpful, at: parsed.at ?? now() };
      if (parsed.comment !== undefined) entry.comment = parsed.comment;
      if (parsed.conversationId !== undefined) entry.conversationId = parsed.conversationId;
      let list = state.feedback.get(articleId);
      if (list === undefined) {
        list = [];
        state.feedback.set(articleId, list);
      }
      list.push(entry);
      bus?.emit('knowledge.feedback', {
        at: entry.at,
        tenantId: tenantIdOf(options),
        articleId,
        helpful: entry.helpful,
        ...(entry.conversationId === undefined ? {} : { conversationId: entry.conversationId }),
      });
      return { ...entry };
    },

    async feedbackSummary(articleId, options) {
      requireId(articleId, 'articleId');
      const state = tenant(options);
      if (visibleArticle(state, articleId, parseViewer(options?.viewer)) === undefined)
        fail('NOT_FOUND', 'articleId', `no article "${articleId}" visible to this viewer`);
      const list = state.feedback.get(articleId) ?? [];
      const helpful = list.filter((f) => f.helpful).length;
      const comments = list
        .filter((f) => f.comment !== undefined)
        .sort((a, b) => b.at.getTime() - a.at.getTime())
        .slice(0, 20)
        .map((f) => ({ ...f }));
      return {
        articleId,
        helpful,
        notHelpful: list.length - helpful,
        total: list.length,
        helpfulRate: list.length === 0 ? null : helpful / list.length,
        comments,
      };
    },

    async contentGaps(options) {
      const viewer = parseViewer(options?.viewer);
      if (!isStaff(viewer)) fail('FORBIDDEN', 'viewer', 'content gaps are for staff (agent or editor) only');
      const since = optionalDate(options.since, 'since');
      const limit = options.limit ?? 50;
      const state = tenant(options);
      const out: ContentGap[] = [];
      for (const [query, group] of state.gaps) {
        const times =
          since === undefined ? group.times : group.times.filter((t) => t.getTime() >= since.getTime());
        if (times.length === 0) continue;
        const gap: ContentGap = {
          query,
          example: group.example,
          count: times.length,
          firstAt: times[0]!,
          lastAt: times[times.length - 1]!,
          maxConfidence: group.maxConfidence,
        };
        if (
          group.topArticleId !== undefined &&
          visibleArticle(state, group.topArticleId, viewer) !== undefined
        )
          gap.topArticleId = group.topArticleId;
        out.push(gap);
      }
      out.sort(
        (a, b) =>
          b.count - a.count ||
          b.lastAt.getTime() - a.lastAt.getTime() ||
          (a.query < b.query ? -1 : a.query > b.query ? 1 : 0),
      );
      return out.slice(0, limit);
    },

    async staleArticles(at, options) {
      requireDate(at, 'now');
      const state = tenant(options);
      const viewer = parseViewer(options?.viewer);
      const out: Article[] = [];
      for (const { article } of state.articles.values()) {
        if (article.status === 'archived' || article.reviewBy === undefined) continue;
        if (article.reviewBy.getTime() > at.getTime() || !canViewArticle(article, viewer)) continue;
        out.push(article);
      }
      return out.sort((a, b) => a.reviewBy!.getTime() - b.reviewBy!.getTime() || (a.id < b.id ? -1 : 1));
    },

    async suggestArticle(fromConversation, options) {
      const parsed = parseWithSchema(SuggestionInputSchema, fromConversation, {
        module: MODULE,
        what: 'suggestion',
        pathPrefix: ['suggestion'],
      });
      const state = tenant(options);
      const key = questionKey(parsed.question, parsed.locale);
      const sameQuestion = (text: string, locale: string | undefined) =>
        text.trim().toLowerCase() === parsed.question.toLowerCase() ||
        (key.length > 0 && questionKey(text, locale) === key);
      for (const { article } of state.articles.values()) {
        if (article.status === 'archived') continue;
        if (
          sameQuestion(article.title, article.locale) ||
          article.questions.some((q) => sameQuestion(q, article.locale))
        )
          return { kind: 'duplicate', reason: 'existing_question', articleId: article.id } as const;
      }
      for (const pending of state.suggestions.values()) {
        if (sameQuestion(pending.question, pending.locale))
          return { kind: 'duplicate', reason: 'pending_suggestion', suggestionId: pending.id } as const;
      }
      state.suggestionSeq++;
      const suggestion: Suggestion = {
        id: `s${state.suggestionSeq}`,
        question: parsed.question,
        answer: parsed.answer,
        tags: parsed.tags ?? [],
        createdAt: now(),
      };
      if (parsed.title !== undefined) suggestion.title = parsed.title;
      if (parsed.conversationId !== undefined) suggestion.conversationId = parsed.conversationId;
      if (parsed.locale !== undefined) suggestion.locale = parsed.locale;
      if (parsed.actor !== undefined) suggestion.actor = parsed.actor;
      state.suggestions.set(suggestion.id, suggestion);
      const audit: AuditEntry = {
        at: suggestion.createdAt,
        suggestionId: suggestion.id,
        version: 0,
        change: 'suggested',
      };
      if (parsed.actor !== undefined) audit.actor = parsed.actor;
      state.audit.push(audit);
      return { kind: 'pending', suggestion: { ...suggestion, tags: [...suggestion.tags] } } as const;
    },

    async listSuggestions(options) {
      return Array.from(tenant(options).suggestions.values(), (s) => ({ ...s, tags: [...s.tags] }));
    },

    async approveSuggestion(suggestionId, options) {
      requireId(suggestionId, 'suggestionId');
      const state = tenant(options);
      const tenantId = tenantIdOf(options);
      const suggestion = state.suggestions.get(suggestionId);
      if (suggestion === undefined)
        fail('NOT_FOUND', 'suggestionId', `no pending suggestion "${suggestionId}"`);
      const actor = options?.actor;
      const write = actor === undefined ? {} : { actor };
      let article: Article;
      if (options?.articleId !== undefined) {
        const target = state.articles.get(options.articleId)?.article;
        if (target === undefined) fail('NOT_FOUND', 'articleId', `no article "${options.articleId}"`);
        const questions = target.questions.includes(suggestion.question)
          ? [...target.questions]
          : [...target.questions, suggestion.question];
        const { version: _v, createdAt: _c, updatedAt: _u, updatedBy: _b, ...input } = target;
        article = upsertSync(
          state,
          tenantId,
          { ...input, questions },
          { ...write, expectedVersion: target.version },
        );
      } else {
        article = upsertSync(
          state,
          tenantId,
          {
            id: options?.newArticleId ?? `suggestion-${suggestionId}`,
            title: suggestion.title ?? suggestion.question,
            body: suggestion.answer,
            questions: [suggestion.question],
            tags: suggestion.tags,
            locale: suggestion.locale ?? 'en',
            audience: options?.audience ?? 'public',
            status: options?.status ?? 'published',
          },
          { ...write, expectedVersion: 0 },
        );
      }
      state.suggestions.delete(suggestionId);
      const audit: AuditEntry = {
        at: article.updatedAt,
        articleId: article.id,
        suggestionId,
        version: article.version,
        change: 'approved',
      };
      if (actor !== undefined) audit.actor = actor;
      state.audit.push(audit);
      emitUpdated(tenantId, {
        at: article.updatedAt,
        articleId: article.id,
        version: article.version,
        change: 'approved',
        ...write,
      });
      return article;
    },

    async rejectSuggestion(suggestionId, options) {
      requireId(suggestionId, 'suggestionId');
      const { actor } = writeOptions(options);
      const state = tenant(options);
      if (!state.suggestions.delete(suggestionId)) return false;
      const audit: AuditEntry = { at: now(), suggestionId, version: 0, change: 'rejected' };
      if (actor !== undefined) audit.actor = actor;
      state.audit.push(audit);
      return true;
    },

    async auditLog(options) {
      const state = tenant(options);
      const since = optionalDate(options?.since, 'since');
      return state.audit
        .filter(
          (e) =>
            (options?.articleId === undefined || e.articleId === options.articleId) &&
            (since === undefined || e.at.getTime() >= since.getTime()),
        )
        .map((e) => ({ ...e }));
    },
  };
  return Object.freeze(kb);
}
