import { parseWithSchema, TandemError } from '../model/errors';
import {
  type Article,
  type ArticleDraft,
  ArticleInputSchema,
  KNOWLEDGE_LIMITS,
  type Viewer,
  ViewerSchema,
} from './schemas';

const ANONYMOUS: Viewer = Object.freeze({ role: 'anonymous', segments: [] }) as Viewer;

/**
 * Validates a viewer; no viewer means anonymous. Stores (and adapters) call this at the boundary.
 *
 * @param viewer - `{ role, id?, segments? }` or `undefined`.
 * @returns the validated viewer (`public` is returned as `anonymous`).
 * @throws {@link TandemError} `INVALID_INPUT` for an unknown role, naming `viewer.role`.
 *
 * @example
 * ```ts
 * import { parseViewer } from 'tandem-cx/knowledge';
 * parseViewer(undefined); // => { role: 'anonymous', segments: [] }
 * parseViewer({ role: 'customer', id: 'u1', segments: ['vip'] }).segments; // => ['vip']
 * ```
 */
export function parseViewer(viewer: unknown): Viewer {
  if (viewer === undefined || viewer === null) return ANONYMOUS;
  const parsed = parseWithSchema(ViewerSchema, viewer, {
    module: 'knowledge',
    what: 'viewer',
    pathPrefix: ['viewer'],
  });
  return parsed.role === 'public' ? { ...parsed, role: 'anonymous' } : parsed;
}

/**
 * Whether the viewer is staff (`agent` or `editor`): staff see internal articles, customer memory
 * and content gaps.
 *
 * @example
 * ```ts
 * import { isStaff, parseViewer } from 'tandem-cx/knowledge';
 * isStaff(parseViewer({ role: 'agent' })); // => true
 * isStaff(parseViewer({ role: 'customer' })); // => false
 * ```
 */
export function isStaff(viewer: Viewer): boolean {
  return viewer.role === 'agent' || viewer.role === 'editor';
}

/**
 * The access rule every store applies: editors see everything; everyone else only `published`
 * articles — agents any audience, customers `public`, `authenticated` and their segments',
 * anonymous viewers `public` only.
 *
 * @param article - an article (only `status` and `audience` are read).
 * @param viewer - a validated viewer (see {@link parseViewer}).
 * @returns whether the viewer may see the article.
 *
 * @example
 * ```ts
 * import { canViewArticle, parseViewer } from 'tandem-cx/knowledge';
 * const vipOnly = { status: 'published', audience: { segments: ['vip'] } } as const;
 * canViewArticle(vipOnly, parseViewer({ role: 'customer', segments: ['vip'] })); // => true
 * canViewArticle(vipOnly, parseViewer(undefined)); // => false
 * canViewArticle({ status: 'draft', audience: 'public' }, parseViewer({ role: 'agent' })); // => false
 * ```
 */
export function canViewArticle(article: Pick<Article, 'status' | 'audience'>, viewer: Viewer): boolean {
  if (viewer.role === 'editor') return true;
  if (article.status !== 'published') return false;
  const audience = article.audience;
  if (viewer.role === 'agent') return true;
  if (audience === 'public') return true;
  if (viewer.role !== 'customer') return false;
  if (audience === 'authenticated') return true;
  if (audience === 'internal') return false;
  for (const segment of audience.segments) if (viewer.segments.includes(segment)) return true;
  return false;
}

/**
 * Validates an article for upsert: limits first (`LIMIT_EXCEEDED`, before any costly parsing),
 * then the schema (`INVALID_INPUT` listing every problem with its path).
 *
 * @param input - the article as the caller passed it.
 * @returns the article with defaults applied.
 * @throws {@link TandemError} `LIMIT_EXCEEDED` for a body over {@link KNOWLEDGE_LIMITS}.bodyChars;
 * `INVALID_INPUT` otherwise (e.g. `title` missing).
 *
 * @example
 * ```ts
 * import { parseArticleInput } from 'tandem-cx/knowledge';
 * parseArticleInput({ id: 'a', title: 'Fees' }); // => { id: 'a', title: 'Fees', status: 'draft', audience: 'internal', locale: 'en' }
 * ```
 */
export function parseArticleInput(input: unknown): ArticleDraft {
  const body = (input as { body?: unknown } | null)?.body;
  if (typeof body === 'string' && body.length > KNOWLEDGE_LIMITS.bodyChars) {
    throw new TandemError({
      code: 'LIMIT_EXCEEDED',
      module: 'knowledge',
      path: 'article.body',
      message: `body has ${body.length} characters; the limit is ${KNOWLEDGE_LIMITS.bodyChars}`,
    });
  }
  return parseWithSchema(ArticleInputSchema, input, {
    module: 'knowledge',
    what: 'article',
    pathPrefix: ['article'],
  });
}

/**
 * Throws `FORBIDDEN` when the article restricts its editors and `actor` is not one of them.
 *
 * @param article - the stored article (`id`, `editors`).
 * @param actor - who makes the change.
 * @throws {@link TandemError} `FORBIDDEN`.
 *
 * @example
 * ```ts
 * import { assertCanEdit } from 'tandem-cx/knowledge';
 * assertCanEdit({ id: 'a', editors: [] }, undefined); // => undefined
 * assertCanEdit({ id: 'a', editors: ['ann'] }, 'ann'); // => undefined
 * ```
 */
export function assertCanEdit(article: Pick<Article, 'id' | 'editors'>, actor: string | undefined): void {
  if (article.editors.length === 0) return;
  if (actor !== undefined && article.editors.includes(actor)) return;
  throw new TandemError({
    code: 'FORBIDDEN',
    module: 'knowledge',
    path: 'actor',
    message: `${actor === undefined ? 'an anonymous actor' : `actor "${actor}"`} may not change article "${article.id}"`,
  });
}

/**
 * Optimistic concurrency check: throws `CONFLICT` when `expected` is given and differs from
 * `current` (`0` = the article does not exist).
 *
 * @throws {@link TandemError} `CONFLICT`, path `expectedVersion`.
 *
 * @example
 * ```ts
 * import { assertVersion } from 'tandem-cx/knowledge';
 * assertVersion('a', 3, 3); // => undefined
 * assertVersion('a', 3, undefined); // => undefined
 * ```
 */
export function assertVersion(id: string, current: number, expected: number | undefined): void {
  if (expected === undefined || expected === current) return;
  throw new TandemError({
    code: 'CONFLICT',
    module: 'knowledge',
    path: 'expectedVersion',
    message: `article "${id}" is at version ${current}, not ${expected}`,
  });
}

/**
 * Whether `locale` matches a locale filter by primary subtag (`zh` matches `zh-Hant`); no filter
 * matches everything.
 *
 * @example
 * ```ts
 * import { localeMatches } from 'tandem-cx/knowledge';
 * localeMatches('zh-Hant', 'zh'); // => true
 * localeMatches('pl', 'en'); // => false
 * ```
 */
export function localeMatches(locale: string, filter: string | undefined): boolean {
  if (filter === undefined) return true;
  return primarySubtag(locale) === primarySubtag(filter);
}

/** `'zh-Hant-TW'` → `'zh'`. */
function primarySubtag(locale: string): string {
  const dash = locale.indexOf('-');
  return (dash < 0 ? locale : locale.slice(0, dash)).toLowerCase();
}
