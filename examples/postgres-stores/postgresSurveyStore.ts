/**
 * A `SurveyStore` on PostgreSQL — scheduled surveys, sends, reminders and responses in one table —
 * written against the {@link SqlClient} seam, so it runs embedded on PGlite and on a real server
 * through node-postgres. It passes `describeSurveyStore` on both.
 *
 * What it shows:
 * - idempotent scheduling under a unique key: the event's idempotency key is the primary key and
 *   `insert` is `INSERT … ON CONFLICT DO NOTHING` followed by a read of the stored row, so the same
 *   event planned concurrently by several processes leaves exactly one row (tested with 8
 *   connections on a server);
 * - optionally (`onePerConversation`) a partial unique index on (survey, recipient, conversation)
 *   for surveys that were not suppressed, which also keeps two *different* events for one
 *   conversation from both scheduling (`once: 'conversation'` policies across processes);
 * - optimistic concurrency in one statement (`UPDATE … WHERE version = $n`), no lock held between
 *   read and write;
 * - `listDue` served by a partial index on `next_action_at`.
 *
 * Not a dependency of the library: copy it and adapt the schema to your database.
 */

import { TandemError } from 'tandem-cx/model';
import type { SurveyRecord, SurveyRecordPatch, SurveyStore } from 'tandem-cx/surveys';
import type { SqlClient } from './sqlClient';

/** Options of {@link createPostgresSurveyStore}. */
export interface PostgresSurveyStoreOptions {
  /** Postgres schema holding the table (created if missing). Default `surveys`. */
  schema?: string;
  /** Tenant whose records this store reads and writes. Default `default`. */
  tenantId?: string;
  /**
   * Enforce at most one non-suppressed survey per (survey, recipient, conversation) with a unique
   * index: an insert that would break it returns the record holding the slot (`created: false`).
   * Matches `once: 'conversation'` (the default); leave off for `once: 'resolution' | 'event'`.
   * Default false. Set it the same way for every store on one schema: the index is created once.
   */
  onePerConversation?: boolean;
}

type Row = Record<string, unknown>;

const MODULE = 'surveys';
const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

// Patch field → column; every SurveyRecordPatch key is listed (others are ignored, as in memory).
const PATCH_COLUMNS: Record<keyof SurveyRecordPatch, string> = {
  status: 'status',
  remindersSent: 'reminders_sent',
  sentAt: 'sent_at',
  respondedAt: 'responded_at',
  score: 'score',
  nextActionAt: 'next_action_at',
  reminders: 'reminders',
  expiresAt: 'expires_at',
};

const REQUIRED = new Set<keyof SurveyRecordPatch>(['status', 'reminders', 'remindersSent']);

const asDate = (value: unknown): Date => (value instanceof Date ? value : new Date(value as string));

function toRecord(row: Row): SurveyRecord {
  const record: SurveyRecord = {
    id: row.id as string,
    status: row.status as SurveyRecord['status'],
    recipientId: row.recipient_id as string,
    reminders: ((row.reminders as unknown[] | null) ?? []).map(asDate),
    remindersSent: row.reminders_sent as number,
    createdAt: asDate(row.created_at),
    version: row.version as number,
  };
  const optional: Array<[keyof SurveyRecord, string, boolean]> = [
    ['surveyId', 'survey_id', false],
    ['conversationId', 'conversation_id', false],
    ['resolutionId', 'resolution_id', false],
    ['channel', 'channel', false],
    ['reason', 'reason', false],
    ['detail', 'detail', false],
    ['sendAt', 'send_at', true],
    ['expiresAt', 'expires_at', true],
    ['sentAt', 'sent_at', true],
    ['respondedAt', 'responded_at', true],
    ['score', 'score', false],
    ['nextActionAt', 'next_action_at', true],
  ];
  const out = record as unknown as Record<string, unknown>;
  for (const [field, column, isDate] of optional) {
    const value = row[column];
    if (value !== null && value !== undefined) out[field] = isDate ? asDate(value) : value;
  }
  return record;
}

const iso = (d: Date | undefined): string | null => (d === undefined ? null : d.toISOString());

function schemaStatements(schema: string, onePerConversation: boolean): string[] {
  const table = `${schema}.survey_records`;
  const statements = [
    `CREATE SCHEMA IF NOT EXISTS ${schema}`,
    `CREATE TABLE IF NOT EXISTS ${table} (
      tenant_id text NOT NULL,
      id text NOT NULL,
      status text NOT NULL CHECK (status IN ('suppressed', 'scheduled', 'sent', 'responded', 'expired')),
      recipient_id text NOT NULL,
      survey_id text, conversation_id text, resolution_id text, channel text,
      reason text, detail text,
      send_at timestamptz, expires_at timestamptz,
      reminders timestamptz[] NOT NULL, reminders_sent integer NOT NULL,
      sent_at timestamptz, responded_at timestamptz, score double precision,
      next_action_at timestamptz,
      created_at timestamptz NOT NULL,
      version integer NOT NULL,
      PRIMARY KEY (tenant_id, id)
    )`,
    `CREATE INDEX IF NOT EXISTS survey_records_recipient ON ${table} (tenant_id, recipient_id)`,
    // listDue reads only pending rows, earliest first.
    `CREATE INDEX IF NOT EXISTS survey_records_due ON ${table} (tenant_id, next_action_at, id)
      WHERE next_action_at IS NOT NULL`,
  ];
  if (onePerConversation)
    statements.push(
      `CREATE UNIQUE INDEX IF NOT EXISTS survey_records_once_per_conversation
        ON ${table} (tenant_id, survey_id, recipient_id, conversation_id)
        WHERE status <> 'suppressed' AND survey_id IS NOT NULL AND conversation_id IS NOT NULL`,
    );
  return statements;
}

/**
 * Creates the table (once; concurrent callers are serialised by an advisory lock) and returns a
 * {@link SurveyStore} backed by it.
 *
 * @param db - the driver seam: `pgliteClient(await PGlite.create())` or `pgPoolClient(pool)`.
 * @param options - schema, tenant, `onePerConversation`.
 * @throws TandemError `INVALID_CONFIG` (path `schema`) for a schema name that is not a plain
 *   identifier (it is spliced into the SQL).
 */
export async function createPostgresSurveyStore(
  db: SqlClient,
  options: PostgresSurveyStoreOptions = {},
): Promise<SurveyStore> {
  const schema = options.schema ?? 'surveys';
  if (!IDENTIFIER.test(schema))
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: MODULE,
      path: 'schema',
      message: `schema name "${schema}" is not a plain identifier (a-z, 0-9, _)`,
    });
  const tenant = options.tenantId ?? 'default';
  if (typeof tenant !== 'string' || tenant.length === 0)
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: MODULE,
      path: 'tenantId',
      message: 'must be a non-empty string',
    });
  const onePerConversation = options.onePerConversation ?? false;
  const table = `${schema}.survey_records`;

  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`tandem-cx:${schema}`]);
    for (const statement of schemaStatements(schema, onePerConversation)) await tx.query(statement);
  });

  const get = async (id: string): Promise<SurveyRecord | undefined> => {
    const r = await db.query<Row>(`SELECT * FROM ${table} WHERE tenant_id = $1 AND id = $2`, [tenant, id]);
    return r.rows[0] === undefined ? undefined : toRecord(r.rows[0]);
  };

  const insert = async (record: SurveyRecord): Promise<{ created: boolean; record: SurveyRecord }> => {
    const inserted = await db.query<Row>(
      `INSERT INTO ${table} (tenant_id, id, status, recipient_id, survey_id, conversation_id, resolution_id,
           channel, reason, detail, send_at, expires_at, reminders, reminders_sent, sent_at, responded_at, score,
           next_action_at, created_at, version)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::timestamptz[],$14,$15,$16,$17,$18,$19,$20)
         ON CONFLICT DO NOTHING
         RETURNING *`,
      [
        tenant,
        record.id,
        record.status,
        record.recipientId,
        record.surveyId ?? null,
        record.conversationId ?? null,
        record.resolutionId ?? null,
        record.channel ?? null,
        record.reason ?? null,
        record.detail ?? null,
        iso(record.sendAt),
        iso(record.expiresAt),
        record.reminders.map((d) => d.toISOString()),
        record.remindersSent,
        iso(record.sentAt),
        iso(record.respondedAt),
        record.score ?? null,
        iso(record.nextActionAt),
        record.createdAt.toISOString(),
        record.version,
      ],
    );
    if (inserted.rows[0] !== undefined) return { created: true, record: toRecord(inserted.rows[0]) };
    // The key was taken (ON CONFLICT waited for the other writer to commit): return what is stored.
    const existing = await get(record.id);
    if (existing !== undefined) return { created: false, record: existing };
    if (onePerConversation && record.surveyId !== undefined && record.conversationId !== undefined) {
      const holder = await db.query<Row>(
        `SELECT * FROM ${table} WHERE tenant_id = $1 AND survey_id = $2 AND recipient_id = $3
             AND conversation_id = $4 AND status <> 'suppressed'`,
        [tenant, record.surveyId, record.recipientId, record.conversationId],
      );
      if (holder.rows[0] !== undefined) return { created: false, record: toRecord(holder.rows[0]) };
    }
    // The conflicting row was removed in between: try again.
    return insert(record);
  };

  return {
    insert,
    get,

    async update(id, patch, { expectedVersion }) {
      const sets: string[] = [];
      const params: unknown[] = [tenant, id, expectedVersion];
      for (const [field, column] of Object.entries(PATCH_COLUMNS) as Array<
        [keyof SurveyRecordPatch, string]
      >) {
        if (!(field in patch)) continue;
        const value = patch[field];
        // `undefined` clears an optional field; the required ones (status, reminders, remindersSent) keep theirs.
        if (value === undefined && REQUIRED.has(field)) continue;
        params.push(
          value === undefined
            ? null
            : field === 'reminders'
              ? (value as Date[]).map((d) => d.toISOString())
              : value instanceof Date
                ? value.toISOString()
                : value,
        );
        sets.push(`${column} = $${params.length}${field === 'reminders' ? '::timestamptz[]' : ''}`);
      }
      sets.push('version = version + 1');
      const r = await db.query<Row>(
        `UPDATE ${table} SET ${sets.join(', ')} WHERE tenant_id = $1 AND id = $2 AND version = $3 RETURNING *`,
        params,
      );
      if (r.rows[0] !== undefined) return toRecord(r.rows[0]);
      const current = await get(id);
      if (current === undefined)
        throw new TandemError({
          code: 'NOT_FOUND',
          module: MODULE,
          path: 'id',
          message: `no survey record "${id}"`,
        });
      throw new TandemError({
        code: 'CONFLICT',
        module: MODULE,
        path: 'expectedVersion',
        message: `survey record "${id}" is at version ${current.version}, not ${expectedVersion}`,
      });
    },

    async listByRecipient(recipientId) {
      const r = await db.query<Row>(`SELECT * FROM ${table} WHERE tenant_id = $1 AND recipient_id = $2`, [
        tenant,
        recipientId,
      ]);
      return r.rows.map(toRecord);
    },

    async listDue(now, o = {}) {
      const r = await db.query<Row>(
        `SELECT * FROM ${table} WHERE tenant_id = $1 AND next_action_at IS NOT NULL AND next_action_at <= $2
         ORDER BY next_action_at, id COLLATE "C" LIMIT $3`,
        [tenant, now.toISOString(), o.limit ?? null],
      );
      return r.rows.map(toRecord);
    },
  };
}
