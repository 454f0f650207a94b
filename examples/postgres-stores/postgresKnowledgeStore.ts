/**
 * A `KnowledgeStore` on PostgreSQL with Postgres full-text search, written once against the
 * {@link SqlClient} seam (`query` + `transaction`) so the same SQL runs embedded on PGlite and on a
 * real server through node-postgres (`pg`). It passes `describeKnowledgeStore` on both (see
 * postgresStores.test.ts and postgresStores.server.test.ts). Not a dependency of the library:
 * copy it and adapt the schema to your database.
 *
 * What it shows:
 * - validation and access rules come from `tandem-cx/knowledge` (`parseArticleInput`,
 *   `parseViewer`, `canViewArticle`, `assertVersion`, `assertCanEdit`), so every store behaves
 *   the same way;
 * - optimistic concurrency inside one transaction (`SELECT … FOR UPDATE`, then write + audit).
 *   Under READ COMMITTED a writer that waited on the row lock re-reads the committed row, so of N
 *   concurrent writers with the same `expectedVersion` exactly one wins and the rest get
 *   `CONFLICT`; two concurrent creates of a new id are settled by `INSERT … ON CONFLICT DO
 *   NOTHING` (the loser re-reads and is checked like any other writer);
 * - the access filter is part of the search SQL (before ranking), not applied by the caller;
 * - tenants are a column of every table, the leading column of every key, and part of every WHERE
 *   clause.
 */
import {
  type Article,
  type ArticleStatus,
  type Audience,
  type AuditEntry,
  assertCanEdit,
  assertVersion,
  type ContentGap,
  canViewArticle,
  FeedbackInputSchema,
  isStaff,
  KNOWLEDGE_LIMITS,
  type KnowledgeSearchHit,
  type KnowledgeStore,
  localeMatches,
  type MemoryFact,
  MemoryFactInputSchema,
  normalizeQueryText,
  parseArticleInput,
  parseViewer,
  questionKey,
  type Suggestion,
  SuggestionInputSchema,
  type Viewer,
} from 'tandem-cx/knowledge';
import { parseDuration, parseWithSchema, TandemError } from 'tandem-cx/model';
import type { SqlClient } from './sqlClient';

/** Options of {@link createPostgresKnowledgeStore}. */
export interface PostgresKnowledgeStoreOptions {
  /** Postgres schema holding the tables (created if missing). Default `knowledge`. */
  schema?: string;
  /** Tenant used when a call names none. Default `default`. */
  tenantId?: string;
  /** Clock for `updatedAt`, audit and feedback times. Default the wall clock. */
  now?: () => Date;
  /** Searches under this confidence are recorded as content gaps. Default 0.5. */
  gapThreshold?: number;
}

type Db = SqlClient;
type Row = Record<string, unknown>;

const MODULE = 'knowledge';
const WORD = /[\p{L}\p{N}]+/gu;

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

// English articles use Postgres' English stemmer; every other language the `simple` dictionary
// (lower-casing only). Hosts with Polish/Chinese content would install a dictionary (e.g. a
// hunspell Polish one, zhparser) and map locales here.
function tsConfig(locale: string): 'english' | 'simple' {
  return locale.toLowerCase().startsWith('en') ? 'english' : 'simple';
}

function toArticle(row: Row): Article {
  const kind = row.audience_kind as string;
  const audience: Audience =
    kind === 'segments'
      ? { segments: row.audience_segments as string[] }
      : (kind as 'public' | 'authenticated' | 'internal');
  const article: Record<string, unknown> = {
    id: row.id,
    title: row.title,
    body: row.body,
    questions: row.questions,
    tags: row.tags,
    locale: row.locale,
    status: row.status,
    audience,
    editors: row.editors,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
  if (row.review_by !== null) article.reviewBy = row.review_by;
  if (row.updated_by !== null) article.updatedBy = row.updated_by;
  return article as Article;
}

/** The DDL: tables and indexes, each statement on its own (drivers differ on multi-statement strings). */
function schemaStatements(schema: string): string[] {
  const t = (name: string) => `${schema}.${name}`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${t('articles')} (
        tenant_id text NOT NULL, id text NOT NULL,
        title text NOT NULL, body text NOT NULL, questions jsonb NOT NULL, tags text[] NOT NULL,
        locale text NOT NULL, status text NOT NULL,
        audience_kind text NOT NULL, audience_segments text[] NOT NULL, editors text[] NOT NULL,
        review_by timestamptz, version integer NOT NULL,
        created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL, updated_by text,
        search tsvector NOT NULL,
        PRIMARY KEY (tenant_id, id)
      )`,
    `CREATE INDEX IF NOT EXISTS articles_search ON ${t('articles')} USING gin (search)`,
    `CREATE TABLE IF NOT EXISTS ${t('audit')} (
        seq serial PRIMARY KEY, tenant_id text NOT NULL, at timestamptz NOT NULL, article_id text,
        suggestion_id text, version integer NOT NULL, actor text, change text NOT NULL
      )`,
    `CREATE TABLE IF NOT EXISTS ${t('memory')} (
        tenant_id text NOT NULL, customer_id text NOT NULL, key text NOT NULL, value jsonb NOT NULL,
        source text NOT NULL, confidence double precision NOT NULL, recorded_at timestamptz NOT NULL,
        expires_at timestamptz,
        PRIMARY KEY (tenant_id, customer_id, key)
      )`,
    `CREATE TABLE IF NOT EXISTS ${t('feedback')} (
        seq serial PRIMARY KEY, tenant_id text NOT NULL, article_id text NOT NULL, helpful boolean NOT NULL,
        comment text, conversation_id text, at timestamptz NOT NULL
      )`,
    `CREATE TABLE IF NOT EXISTS ${t('gaps')} (
        seq serial PRIMARY KEY, tenant_id text NOT NULL, query text NOT NULL, example text NOT NULL,
        at timestamptz NOT NULL, confidence double precision NOT NULL, top_article_id text
      )`,
    `CREATE INDEX IF NOT EXISTS audit_article ON ${t('audit')} (tenant_id, article_id)`,
    `CREATE INDEX IF NOT EXISTS feedback_article ON ${t('feedback')} (tenant_id, article_id)`,
    `CREATE INDEX IF NOT EXISTS gaps_tenant_at ON ${t('gaps')} (tenant_id, at)`,
    `CREATE SEQUENCE IF NOT EXISTS ${t('suggestion_ids')}`,
    `CREATE TABLE IF NOT EXISTS ${t('suggestions')} (
        seq serial PRIMARY KEY, tenant_id text NOT NULL, id text NOT NULL, question text NOT NULL,
        question_key text NOT NULL, answer text NOT NULL, title text, conversation_id text, locale text,
        tags text[] NOT NULL, actor text, created_at timestamptz NOT NULL,
        UNIQUE (tenant_id, id)
      )`,
  ];
}

/**
 * Creates the tables (once; concurrent callers are serialised by an advisory lock) and returns a
 * {@link KnowledgeStore} backed by them.
 *
 * @param db - the driver seam: `pgliteClient(await PGlite.create())` or `pgPoolClient(pool)`.
 * @param options - schema, default tenant, clock, gap threshold.
 * @throws TandemError `INVALID_CONFIG` (path `schema`) for a schema name that is not a plain
 *   identifier (it is spliced into the SQL).
 */
export async function createPostgresKnowledgeStore(
  db: SqlClient,
  options: PostgresKnowledgeStoreOptions = {},
): Promise<KnowledgeStore> {
  const schema = options.schema ?? 'knowledge';
  if (!/^[a-z_][a-z0-9_]*$/.test(schema))
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: MODULE,
      path: 'schema',
      message: `schema name "${schema}" is not a plain identifier (a-z, 0-9, _)`,
    });
  const defaultTenant = options.tenantId ?? 'default';
  const clock = options.now ?? (() => new Date());
  const gapThreshold = options.gapThreshold ?? 0.5;
  const t = (name: string) => `${schema}.${name}`;

  await db.transaction(async (tx) => {
    // Concurrent CREATE … IF NOT EXISTS of the same objects can still collide in the catalog.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tandem-cx:${schema}`]);
    for (const statement of schemaStatements(schema)) await tx.query(statement);
  });

  const tenantOf = (o: { tenantId?: unknown } | undefined): string =>
    o?.tenantId === undefined ? defaultTenant : requireId(o.tenantId, 'tenantId');

  async function audit(tx: Db, tenant: string, entry: AuditEntry): Promise<void> {
    await tx.query(
      `INSERT INTO ${t('audit')} (tenant_id, at, article_id, suggestion_id, version, actor, change) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
      [
        tenant,
        entry.at,
        entry.articleId ?? null,
        entry.suggestionId ?? null,
        entry.version,
        entry.actor ?? null,
        entry.change,
      ],
    );
  }

  async function upsert(
    tx: Db,
    tenant: string,
    input: unknown,
    expectedVersion?: number,
    actor?: string,
  ): Promise<Article> {
    if (expectedVersion !== undefined && (!Number.isInteger(expectedVersion) || expectedVersion < 0))
      fail('INVALID_INPUT', 'expectedVersion', 'must be a whole number ≥ 0');
    const draft = parseArticleInput(input);
    const current = await tx.query<Row>(
      `SELECT * FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
      [tenant, draft.id],
    );
    const existing = current.rows[0] === undefined ? undefined : toArticle(current.rows[0]);
    assertVersion(draft.id, existing?.version ?? 0, expectedVersion);
    if (existing !== undefined) assertCanEdit(existing, actor);
    const at = clock();
    const version = (existing?.version ?? 0) + 1;
    const audience = draft.audience;
    const cfg = tsConfig(draft.locale);
    const result = await tx.query<Row>(
      `INSERT INTO ${t('articles')} AS a (tenant_id, id, title, body, questions, tags, locale, status, audience_kind,
         audience_segments, editors, review_by, version, created_at, updated_at, updated_by, search)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$14,$15,
         setweight(to_tsvector($16::regconfig, $3), 'A') ||
         setweight(to_tsvector($16::regconfig, $17), 'B') ||
         setweight(to_tsvector($16::regconfig, $4), 'C'))
       ON CONFLICT (tenant_id, id) ${
         existing === undefined
           ? // A new id: if another transaction created it meanwhile, write nothing and re-check below.
             'DO NOTHING'
           : `DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,
         questions = EXCLUDED.questions, tags = EXCLUDED.tags, locale = EXCLUDED.locale, status = EXCLUDED.status,
         audience_kind = EXCLUDED.audience_kind, audience_segments = EXCLUDED.audience_segments,
         editors = EXCLUDED.editors, review_by = EXCLUDED.review_by, version = EXCLUDED.version,
         updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by, search = EXCLUDED.search`
       }
       RETURNING *`,
      [
        tenant,
        draft.id,
        draft.title,
        draft.body,
        JSON.stringify(draft.questions),
        draft.tags,
        draft.locale,
        draft.status,
        typeof audience === 'string' ? audience : 'segments',
        typeof audience === 'string' ? [] : audience.segments,
        draft.editors,
        draft.reviewBy ?? null,
        version,
        at,
        actor ?? null,
        cfg,
        draft.questions.join('\n'),
      ],
    );
    // Lost a race to create the same id: the row now exists and is committed (INSERT … ON CONFLICT
    // waited for the other transaction), so run the checks again against it — a new statement
    // under READ COMMITTED sees it and locks it.
    if (result.rows[0] === undefined) return upsert(tx, tenant, input, expectedVersion, actor);
    await audit(tx, tenant, {
      at,
      articleId: draft.id,
      version,
      change: existing === undefined ? 'created' : 'updated',
      ...(actor === undefined ? {} : { actor }),
    });
    return toArticle(result.rows[0]!);
  }

  async function visible(tenant: string, id: string, viewer: Viewer): Promise<Article | undefined> {
    const r = await db.query<Row>(`SELECT * FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2`, [
      tenant,
      id,
    ]);
    const article = r.rows[0] === undefined ? undefined : toArticle(r.rows[0]);
    return article !== undefined && canViewArticle(article, viewer) ? article : undefined;
  }

  // Access filter as SQL, applied before ranking. Mirrors canViewArticle for published articles.
  function audienceSql(viewer: Viewer, param: number): { sql: string; params: unknown[] } {
    if (viewer.role === 'agent' || viewer.role === 'editor') return { sql: 'TRUE', params: [] };
    if (viewer.role === 'customer')
      return {
        sql: `(audience_kind IN ('public','authenticated') OR (audience_kind = 'segments' AND audience_segments && $${param}::text[]))`,
        params: [viewer.segments],
      };
    return { sql: `audience_kind = 'public'`, params: [] };
  }

  const kb: KnowledgeStore = {
    async upsertArticle(article, o) {
      const tenant = tenantOf(o);
      if (o?.actor !== undefined) requireId(o.actor, 'actor');
      return db.transaction((tx) => upsert(tx, tenant, article, o?.expectedVersion, o?.actor));
    },

    async getArticle(id, o) {
      requireId(id, 'id');
      return visible(tenantOf(o), id, parseViewer(o?.viewer));
    },

    async removeArticle(id, o) {
      requireId(id, 'id');
      const tenant = tenantOf(o);
      return db.transaction(async (tx) => {
        const r = await tx.query<Row>(
          `SELECT * FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
          [tenant, id],
        );
        const existing = r.rows[0] === undefined ? undefined : toArticle(r.rows[0]);
        assertVersion(id, existing?.version ?? 0, o?.expectedVersion);
        if (existing === undefined) return false;
        assertCanEdit(existing, o?.actor);
        await tx.query(`DELETE FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
        await tx.query(`DELETE FROM ${t('feedback')} WHERE tenant_id = $1 AND article_id = $2`, [tenant, id]);
        await audit(tx, tenant, {
          at: clock(),
          articleId: id,
          version: existing.version,
          change: 'removed',
          ...(o?.actor === undefined ? {} : { actor: o.actor }),
        });
        return true;
      });
    },

    async listArticles(o) {
      const viewer = parseViewer(o?.viewer);
      const r = await db.query<Row>(
        `SELECT * FROM ${t('articles')} WHERE tenant_id = $1 ORDER BY id COLLATE "C"`,
        [tenantOf(o)],
      );
      return r.rows
        .map(toArticle)
        .filter(
          (a) =>
            canViewArticle(a, viewer) &&
            (o?.status === undefined || a.status === o.status) &&
            localeMatches(a.locale, o?.locale) &&
            (o?.tags ?? []).every((tag) => a.tags.includes(tag)),
        );
    },

    async search(query, o) {
      if (typeof query !== 'string') fail('INVALID_INPUT', 'query', 'must be a string');
      const tenant = tenantOf(o);
      const viewer = parseViewer(o?.viewer);
      const limit = Math.min(o?.limit ?? 5, KNOWLEDGE_LIMITS.hits);
      const text = query.slice(0, KNOWLEDGE_LIMITS.queryChars);
      // OR of the query's words: FAQ phrasings rarely share every word with the question asked.
      const words = Array.from(new Set(text.toLowerCase().match(WORD) ?? [])).slice(
        0,
        KNOWLEDGE_LIMITS.queryTerms,
      );
      let hits: KnowledgeSearchHit[] = [];
      let confidence = 0;
      if (words.length > 0) {
        const tsquery = words.join(' | ');
        const acl = audienceSql(viewer, 5);
        const params: unknown[] = [tenant, tsquery, limit + 1, o?.locale ?? null, ...acl.params];
        let sql = `
          WITH q AS (SELECT to_tsquery('english', $2) AS en, to_tsquery('simple', $2) AS simple)
          SELECT a.*, greatest(ts_rank(a.search, q.en), ts_rank(a.search, q.simple)) AS rank
          FROM ${t('articles')} a, q
          WHERE a.tenant_id = $1 AND a.status = 'published' AND ${acl.sql}
            AND (a.search @@ q.en OR a.search @@ q.simple)
            AND ($4::text IS NULL OR split_part(lower(a.locale), '-', 1) = split_part(lower($4::text), '-', 1))`;
        if (o?.tags !== undefined && o.tags.length > 0) {
          params.push(o.tags);
          sql += ` AND a.tags @> $${params.length}::text[]`;
        }
        sql += ' ORDER BY rank DESC, a.id LIMIT $3';
        // Words Postgres drops (stop words only) make an empty tsquery: no hits, not an error.
        const r = await db.query<Row>(sql, params);
        const rows = r.rows;
        hits = rows.slice(0, limit).map((row) => {
          const article = toArticle(row);
          const best = [article.title, ...article.questions]
            .map((s) => ({
              s,
              n: (s.toLowerCase().match(WORD) ?? []).filter((w) => words.includes(w)).length,
            }))
            .sort((x, y) => y.n - x.n)[0]!;
          const field: 'title' | 'question' | 'body' =
            best.n === 0 ? 'body' : best.s === article.title ? 'title' : 'question';
          return {
            article,
            score: Number(row.rank),
            matched: {
              field,
              ...(field === 'body' ? {} : { text: best.s }),
              terms:
                (best.n === 0 ? article.body : best.s)
                  .toLowerCase()
                  .match(WORD)
                  ?.filter((w) => words.includes(w)) ?? [],
            },
          };
        });
        const top = hits[0];
        if (top !== undefined) {
          // Share of the query's words the top article contains, scaled by the top1–top2 margin.
          const own = new Set(
            [top.article.title, ...top.article.questions, top.article.body]
              .join(' ')
              .toLowerCase()
              .match(WORD) ?? [],
          );
          const coverage = words.filter((w) => own.has(w)).length / words.length;
          const second = rows[1] === undefined ? 0 : Number(rows[1].rank);
          const margin = top.score > 0 ? (top.score - second) / top.score : 0;
          confidence = Math.max(0, Math.min(1, coverage * (0.6 + 0.4 * margin)));
        }
      }
      if (confidence < gapThreshold) {
        const key = normalizeQueryText(text);
        if (key.length > 0)
          await db.query(
            `INSERT INTO ${t('gaps')} (tenant_id, query, example, at, confidence, top_article_id) VALUES ($1,$2,$3,$4,$5,$6)`,
            [tenant, key, text.slice(0, 500), o?.now ?? clock(), confidence, hits[0]?.article.id ?? null],
          );
      }
      return { hits, confidence };
    },

    async remember(customerId, fact, o) {
      requireId(customerId, 'customerId');
      const { tenantId: _tenant, now: at, ...rest } = o ?? {};
      const parsed = parseWithSchema(
        MemoryFactInputSchema,
        { ...(fact as object), ...rest },
        {
          module: MODULE,
          what: 'fact',
          pathPrefix: ['fact'],
        },
      );
      const recordedAt = at ?? clock();
      if (!parsed.consent)
        return { kind: 'refused', reason: 'no_consent', detail: `no consent to keep "${parsed.key}"` };
      const expiresAt =
        parsed.expiresAt ??
        (parsed.ttl === undefined ? undefined : new Date(recordedAt.getTime() + parseDuration(parsed.ttl)));
      if (expiresAt !== undefined && expiresAt.getTime() <= recordedAt.getTime())
        return {
          kind: 'refused',
          reason: 'expired',
          detail: `"${parsed.key}" expired before it was recorded`,
        };
      await db.query(
        `INSERT INTO ${t('memory')} (tenant_id, customer_id, key, value, source, confidence, recorded_at, expires_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
         ON CONFLICT (tenant_id, customer_id, key) DO UPDATE SET value = EXCLUDED.value, source = EXCLUDED.source,
           confidence = EXCLUDED.confidence, recorded_at = EXCLUDED.recorded_at, expires_at = EXCLUDED.expires_at`,
        [
          tenantOf(o),
          customerId,
          parsed.key,
          JSON.stringify(parsed.value),
          parsed.source,
          parsed.confidence,
          recordedAt,
          expiresAt ?? null,
        ],
      );
      const stored: MemoryFact = {
        customerId,
        key: parsed.key,
        value: parsed.value,
        source: parsed.source,
        confidence: parsed.confidence,
        recordedAt,
        ...(expiresAt === undefined ? {} : { expiresAt }),
      };
      return { kind: 'stored', fact: stored };
    },

    async recall(customerId, o) {
      requireId(customerId, 'customerId');
      const viewer = parseViewer(o?.viewer);
      const at = requireDate(o?.now, 'now');
      if (!isStaff(viewer) && !(viewer.role === 'customer' && viewer.id === customerId))
        fail(
          'FORBIDDEN',
          'viewer',
          `a ${viewer.role} viewer may not recall what is known about customer "${customerId}"`,
        );
      const tenant = tenantOf(o);
      // Expired facts are erased, not only hidden.
      await db.query(
        `DELETE FROM ${t('memory')} WHERE tenant_id = $1 AND customer_id = $2 AND expires_at <= $3`,
        [tenant, customerId, at],
      );
      const r = await db.query<Row>(
        `SELECT * FROM ${t('memory')} WHERE tenant_id = $1 AND customer_id = $2
           AND ($3::text[] IS NULL OR key = ANY($3::text[])) ORDER BY key COLLATE "C"`,
        [tenant, customerId, o.keys ?? null],
      );
      return r.rows.map((row) => {
        const fact: MemoryFact = {
          customerId,
          key: row.key as string,
          value: row.value,
          source: row.source as string,
          confidence: row.confidence as number,
          recordedAt: row.recorded_at as Date,
        };
        if (row.expires_at !== null) fact.expiresAt = row.expires_at as Date;
        return fact;
      });
    },

    async forget(customerId, o) {
      requireId(customerId, 'customerId');
      const r = await db.query(
        `DELETE FROM ${t('memory')} WHERE tenant_id = $1 AND customer_id = $2 AND ($3::text[] IS NULL OR key = ANY($3::text[]))`,
        [tenantOf(o), customerId, o?.keys ?? null],
      );
      return r.rowCount;
    },

    async recordFeedback(articleId, feedback, o) {
      requireId(articleId, 'articleId');
      const parsed = parseWithSchema(FeedbackInputSchema, feedback, {
        module: MODULE,
        what: 'feedback',
        pathPrefix: ['feedback'],
      });
      const tenant = tenantOf(o);
      const exists = await db.query(`SELECT 1 FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2`, [
        tenant,
        articleId,
      ]);
      if (exists.rows.length === 0) fail('NOT_FOUND', 'articleId', `no article "${articleId}"`);
      const at = parsed.at ?? clock();
      await db.query(
        `INSERT INTO ${t('feedback')} (tenant_id, article_id, helpful, comment, conversation_id, at) VALUES ($1,$2,$3,$4,$5,$6)`,
        [tenant, articleId, parsed.helpful, parsed.comment ?? null, parsed.conversationId ?? null, at],
      );
      return {
        articleId,
        helpful: parsed.helpful,
        at,
        ...(parsed.comment === undefined ? {} : { comment: parsed.comment }),
        ...(parsed.conversationId === undefined ? {} : { conversationId: parsed.conversationId }),
      };
    },

    async feedbackSummary(articleId, o) {
      requireId(articleId, 'articleId');
      const tenant = tenantOf(o);
      if ((await visible(tenant, articleId, parseViewer(o?.viewer))) === undefined)
        fail('NOT_FOUND', 'articleId', `no article "${articleId}" visible to this viewer`);
      const totals = await db.query<{ helpful: number; total: number }>(
        `SELECT count(*) FILTER (WHERE helpful)::int AS helpful, count(*)::int AS total
         FROM ${t('feedback')} WHERE tenant_id = $1 AND article_id = $2`,
        [tenant, articleId],
      );
      const comments = await db.query<Row>(
        `SELECT * FROM ${t('feedback')} WHERE tenant_id = $1 AND article_id = $2 AND comment IS NOT NULL
         ORDER BY at DESC, seq DESC LIMIT 20`,
        [tenant, articleId],
      );
      const { helpful, total } = totals.rows[0]!;
      return {
        articleId,
        helpful,
        notHelpful: total - helpful,
        total,
        helpfulRate: total === 0 ? null : helpful / total,
        comments: comments.rows.map((row) => ({
          articleId,
          helpful: row.helpful as boolean,
          comment: row.comment as string,
          at: row.at as Date,
          ...(row.conversation_id === null ? {} : { conversationId: row.conversation_id as string }),
        })),
      };
    },

    async contentGaps(o) {
      const viewer = parseViewer(o?.viewer);
      if (!isStaff(viewer)) fail('FORBIDDEN', 'viewer', 'content gaps are for staff (agent or editor) only');
      const tenant = tenantOf(o);
      const r = await db.query<Row>(
        `SELECT query, min(example) AS example, count(*)::int AS count, min(at) AS first_at, max(at) AS last_at,
                max(confidence) AS max_confidence,
                (array_agg(top_article_id ORDER BY confidence DESC) FILTER (WHERE top_article_id IS NOT NULL))[1] AS top
         FROM ${t('gaps')} WHERE tenant_id = $1 AND ($2::timestamptz IS NULL OR at >= $2)
         GROUP BY query ORDER BY count DESC, last_at DESC, query COLLATE "C" LIMIT $3`,
        [tenant, o.since ?? null, o.limit ?? 50],
      );
      const out: ContentGap[] = [];
      for (const row of r.rows) {
        const gap: ContentGap = {
          query: row.query as string,
          example: row.example as string,
          count: row.count as number,
          firstAt: row.first_at as Date,
          lastAt: row.last_at as Date,
          maxConfidence: row.max_confidence as number,
        };
        if (row.top !== null && (await visible(tenant, row.top as string, viewer)) !== undefined)
          gap.topArticleId = row.top as string;
        out.push(gap);
      }
      return out;
    },

    async staleArticles(now, o) {
      requireDate(now, 'now');
      const viewer = parseViewer(o?.viewer);
      const r = await db.query<Row>(
        `SELECT * FROM ${t('articles')} WHERE tenant_id = $1 AND status <> 'archived' AND review_by <= $2
         ORDER BY review_by, id COLLATE "C"`,
        [tenantOf(o), now],
      );
      return r.rows.map(toArticle).filter((a) => canViewArticle(a, viewer));
    },

    async suggestArticle(fromConversation, o) {
      const parsed = parseWithSchema(SuggestionInputSchema, fromConversation, {
        module: MODULE,
        what: 'suggestion',
        pathPrefix: ['suggestion'],
      });
      const tenant = tenantOf(o);
      const key = questionKey(parsed.question, parsed.locale);
      return db.transaction(async (tx) => {
        const articles = await tx.query<Row>(
          `SELECT id, title, questions, locale FROM ${t('articles')} WHERE tenant_id = $1 AND status <> 'archived' ORDER BY id`,
          [tenant],
        );
        for (const row of articles.rows) {
          const texts = [row.title as string, ...(row.questions as string[])];
          if (texts.some((q) => questionKey(q, row.locale as string) === key))
            return { kind: 'duplicate', reason: 'existing_question', articleId: row.id as string } as const;
        }
        const pending = await tx.query<Row>(
          `SELECT id FROM ${t('suggestions')} WHERE tenant_id = $1 AND question_key = $2`,
          [tenant, key],
        );
        if (pending.rows[0] !== undefined)
          return {
            kind: 'duplicate',
            reason: 'pending_suggestion',
            suggestionId: pending.rows[0].id as string,
          } as const;
        const seq = await tx.query<{ n: number }>(`SELECT nextval('${t('suggestion_ids')}')::int AS n`);
        const suggestion: Suggestion = {
          id: `s${seq.rows[0]!.n}`,
          question: parsed.question,
          answer: parsed.answer,
          tags: parsed.tags ?? [],
          createdAt: clock(),
          ...(parsed.title === undefined ? {} : { title: parsed.title }),
          ...(parsed.conversationId === undefined ? {} : { conversationId: parsed.conversationId }),
          ...(parsed.locale === undefined ? {} : { locale: parsed.locale }),
          ...(parsed.actor === undefined ? {} : { actor: parsed.actor }),
        };
        await tx.query(
          `INSERT INTO ${t('suggestions')} (tenant_id, id, question, question_key, answer, title, conversation_id, locale, tags, actor, created_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
          [
            tenant,
            suggestion.id,
            suggestion.question,
            key,
            suggestion.answer,
            suggestion.title ?? null,
            suggestion.conversationId ?? null,
            suggestion.locale ?? null,
            suggestion.tags,
            suggestion.actor ?? null,
            suggestion.createdAt,
          ],
        );
        await audit(tx, tenant, {
          at: suggestion.createdAt,
          suggestionId: suggestion.id,
          version: 0,
          change: 'suggested',
          ...(suggestion.actor === undefined ? {} : { actor: suggestion.actor }),
        });
        return { kind: 'pending', suggestion } as const;
      });
    },

    async listSuggestions(o) {
      const r = await db.query<Row>(`SELECT * FROM ${t('suggestions')} WHERE tenant_id = $1 ORDER BY seq`, [
        tenantOf(o),
      ]);
      return r.rows.map((row) => {
        const s: Suggestion = {
          id: row.id as string,
          question: row.question as string,
          answer: row.answer as string,
          tags: row.tags as string[],
          createdAt: row.created_at as Date,
        };
        if (row.title !== null) s.title = row.title as string;
        if (row.conversation_id !== null) s.conversationId = row.conversation_id as string;
        if (row.locale !== null) s.locale = row.locale as string;
        if (row.actor !== null) s.actor = row.actor as string;
        return s;
      });
    },

    async approveSuggestion(suggestionId, o) {
      requireId(suggestionId, 'suggestionId');
      const tenant = tenantOf(o);
      return db.transaction(async (tx) => {
        const r = await tx.query<Row>(
          `SELECT * FROM ${t('suggestions')} WHERE tenant_id = $1 AND id = $2 FOR UPDATE`,
          [tenant, suggestionId],
        );
        const s = r.rows[0];
        if (s === undefined) fail('NOT_FOUND', 'suggestionId', `no pending suggestion "${suggestionId}"`);
        let article: Article;
        if (o?.articleId !== undefined) {
          const target = await tx.query<Row>(
            `SELECT * FROM ${t('articles')} WHERE tenant_id = $1 AND id = $2`,
            [tenant, o.articleId],
          );
          if (target.rows[0] === undefined) fail('NOT_FOUND', 'articleId', `no article "${o.articleId}"`);
          const {
            version,
            createdAt: _c,
            updatedAt: _u,
            updatedBy: _b,
            ...input
          } = toArticle(target.rows[0]);
          const question = s.question as string;
          const questions = input.questions.includes(question)
            ? [...input.questions]
            : [...input.questions, question];
          article = await upsert(tx, tenant, { ...input, questions }, version, o.actor);
        } else {
          article = await upsert(
            tx,
            tenant,
            {
              id: o?.newArticleId ?? `suggestion-${suggestionId}`,
              title: (s.title as string | null) ?? (s.question as string),
              body: s.answer as string,
              questions: [s.question as string],
              tags: s.tags as string[],
              locale: (s.locale as string | null) ?? 'en',
              audience: o?.audience ?? 'public',
              status: (o?.status ?? 'published') as ArticleStatus,
            },
            0,
            o?.actor,
          );
        }
        await tx.query(`DELETE FROM ${t('suggestions')} WHERE tenant_id = $1 AND id = $2`, [
          tenant,
          suggestionId,
        ]);
        await audit(tx, tenant, {
          at: article.updatedAt,
          articleId: article.id,
          suggestionId,
          version: article.version,
          change: 'approved',
          ...(o?.actor === undefined ? {} : { actor: o.actor }),
        });
        return article;
      });
    },

    async rejectSuggestion(suggestionId, o) {
      requireId(suggestionId, 'suggestionId');
      const tenant = tenantOf(o);
      const r = await db.query(`DELETE FROM ${t('suggestions')} WHERE tenant_id = $1 AND id = $2`, [
        tenant,
        suggestionId,
      ]);
      if (r.rowCount === 0) return false;
      await audit(db, tenant, {
        at: clock(),
        suggestionId,
        version: 0,
        change: 'rejected',
        ...(o?.actor === undefined ? {} : { actor: o.actor }),
      });
      return true;
    },

    async auditLog(o) {
      const r = await db.query<Row>(
        `SELECT * FROM ${t('audit')} WHERE tenant_id = $1 AND ($2::text IS NULL OR article_id = $2)
           AND ($3::timestamptz IS NULL OR at >= $3) ORDER BY seq`,
        [tenantOf(o), o?.articleId ?? null, o?.since ?? null],
      );
      return r.rows.map((row) => {
        const e: AuditEntry = {
          at: row.at as Date,
          version: row.version as number,
          change: row.change as AuditEntry['change'],
        };
        if (row.article_id !== null) e.articleId = row.article_id as string;
        if (row.suggestion_id !== null) e.suggestionId = row.suggestion_id as string;
        if (row.actor !== null) e.actor = row.actor as string;
        return e;
      });
    },
  };
  return kb;
}
