import { TandemError } from '../model/errors';
import type { Channel } from '../model/schemas';
import type { SurveySuppressionReason } from './planSurvey';

/** Lifecycle of one planned survey. `suppressed`, `responded` and `expired` are final. */
export type SurveyRecordStatus = 'suppressed' | 'scheduled' | 'sent' | 'responded' | 'expired';

/**
 * What a {@link SurveyStore} keeps per triggering event: the decision, and for scheduled
 * surveys the send, reminder, response and expiry state. Plain data (dates as `Date`).
 */
export interface SurveyRecord {
  /** The event's idempotency key; unique in the store. */
  id: string;
  status: SurveyRecordStatus;
  recipientId: string;
  surveyId?: string;
  conversationId?: string;
  /** Resolution key (for `once: 'resolution'`). */
  resolutionId?: string;
  channel?: Channel;
  /** Suppression reason and detail (status `suppressed`). */
  reason?: SurveySuppressionReason;
  detail?: string;
  sendAt?: Date;
  expiresAt?: Date;
  /** Planned reminder times. */
  reminders: Date[];
  /** How many reminders went out. */
  remindersSent: number;
  sentAt?: Date;
  respondedAt?: Date;
  score?: number;
  /**
   * When the scheduler next has something to do (send, remind, expire); absent once final.
   * `listDue` selects on it — adapters index this column.
   */
  nextActionAt?: Date;
  createdAt: Date;
  /** Incremented by every update (optimistic concurrency). */
  version: number;
}

/** Fields an update may change. */
export type SurveyRecordPatch = Partial<
  Pick<
    SurveyRecord,
    | 'status'
    | 'remindersSent'
    | 'sentAt'
    | 'respondedAt'
    | 'score'
    | 'nextActionAt'
    | 'reminders'
    | 'expiresAt'
  >
>;

/**
 * Persistence for the survey scheduler. Implement it over the host's database; every adapter
 * must pass `describeSurveyStore` from `tandem-cx/surveys/testing`.
 *
 * - `insert` is insert-if-absent by `id` and returns the stored record either way (this is what
 *   makes planning the same event twice schedule once, also across processes — use a unique key).
 * - `update` applies a patch when `expectedVersion` matches, bumps `version`, and throws
 *   `TandemError` `CONFLICT` (stale version) or `NOT_FOUND`.
 * - `nextActionAt: undefined` in a patch clears the field.
 */
export interface SurveyStore {
  insert(record: SurveyRecord): Promise<{ created: boolean; record: SurveyRecord }>;
  get(id: string): Promise<SurveyRecord | undefined>;
  update(id: string, patch: SurveyRecordPatch, options: { expectedVersion: number }): Promise<SurveyRecord>;
  /** Every record of one recipient (any order). */
  listByRecipient(recipientId: string): Promise<SurveyRecord[]>;
  /** Records with `nextActionAt <= now`, earliest first, at most `limit` (default all). */
  listDue(now: Date, options?: { limit?: number }): Promise<SurveyRecord[]>;
}

function copy(record: SurveyRecord): SurveyRecord {
  return structuredClone(record);
}

/**
 * Creates the in-memory {@link SurveyStore}: the default for tests, demos and single-process
 * hosts. Records are copied in and out, so callers cannot change stored state by mutation.
 *
 * @returns a store whose state lives as long as the object.
 *
 * @example
 * ```ts
 * import { createMemorySurveyStore } from 'tandem-cx/surveys';
 * const store = createMemorySurveyStore();
 * const record = { id: 'e1', status: 'suppressed', recipientId: 'u1', reminders: [], remindersSent: 0, createdAt: new Date(0), version: 1 } as const;
 * (await store.insert({ ...record, reminders: [] })).created; // => true
 * (await store.insert({ ...record, reminders: [] })).created; // => false
 * ```
 */
export function createMemorySurveyStore(): SurveyStore {
  const records = new Map<string, SurveyRecord>();
  const byRecipient = new Map<string, Set<string>>();
  const pending = new Set<string>(); // ids with nextActionAt

  const track = (record: SurveyRecord) => {
    if (record.nextActionAt) pending.add(record.id);
    else pending.delete(record.id);
  };

  return {
    async insert(record) {
      const existing = records.get(record.id);
      if (existing) return { created: false, record: copy(existing) };
      const stored = copy(record);
      records.set(stored.id, stored);
      let ids = byRecipient.get(stored.recipientId);
      if (!ids) {
        ids = new Set();
        byRecipient.set(stored.recipientId, ids);
      }
      ids.add(stored.id);
      track(stored);
      return { created: true, record: copy(stored) };
    },
    async get(id) {
      const record = records.get(id);
      return record && copy(record);
    },
    async update(id, patch, { expectedVersion }) {
      const record = records.get(id);
      if (!record)
        throw new TandemError({
          code: 'NOT_FOUND',
          module: 'surveys',
          path: 'id',
          message: `no survey record "${id}"`,
        });
      if (record.version !== expectedVersion)
        throw new TandemError({
          code: 'CONFLICT',
          module: 'surveys',
          path: 'expectedVersion',
          message: `survey record "${id}" is at version ${record.version}, not ${expectedVersion}`,
        });
      const next: SurveyRecord = { ...record, ...copy(patch as SurveyRecord), version: record.version + 1 };
      if ('nextActionAt' in patch && patch.nextActionAt === undefined) delete next.nextActionAt;
      records.set(id, next);
      track(next);
      return copy(next);
    },
    async listByRecipient(recipientId) {
      const ids = byRecipient.get(recipientId);
      return ids ? [...ids].map((id) => copy(records.get(id)!)) : [];
    },
    async listDue(now, options = {}) {
      const t = now.getTime();
      const due: SurveyRecord[] = [];
      for (const id of pending) {
        const record = records.get(id)!;
        if (record.nextActionAt && record.nextActionAt.getTime() <= t) due.push(record);
      }
      due.sort((a, b) => a.nextActionAt!.getTime() - b.nextActionAt!.getTime() || (a.id < b.id ? -1 : 1));
      return due.slice(0, options.limit ?? due.length).map(copy);
    },
  };
}
