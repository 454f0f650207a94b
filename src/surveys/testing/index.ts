/**
 * The contract suite every {@link SurveyStore} adapter must pass (vitest).
 *
 * @module surveys/testing
 */
import { describe, expect, it } from 'vitest';
import { TandemError } from '../../model/errors';
import type { SurveyRecord, SurveyStore } from '../surveyStore';

const T0 = Date.parse('2026-11-20T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

function record(id: string, overrides: Partial<SurveyRecord> = {}): SurveyRecord {
  return {
    id,
    status: 'scheduled',
    recipientId: 'u1',
    surveyId: 'csat',
    conversationId: `c-${id}`,
    channel: 'email',
    sendAt: at(60),
    expiresAt: at(60 * 24 * 28),
    reminders: [at(60 * 24 * 3)],
    remindersSent: 0,
    nextActionAt: at(60),
    createdAt: at(0),
    version: 1,
    ...overrides,
  };
}

/**
 * Registers the `SurveyStore` contract tests under `describe(name)`. Call it from the adapter's
 * test file; `factory` must return a fresh, empty store each time (it may be async).
 *
 * @param name - label for the suite, e.g. `'postgres survey store'`.
 * @param factory - creates an empty store for each test.
 *
 * @example
 * ```ts
 * import { describeSurveyStore } from 'tandem-cx/surveys/testing';
 * typeof describeSurveyStore; // => 'function'
 * ```
 */
export function describeSurveyStore(name: string, factory: () => SurveyStore | Promise<SurveyStore>): void {
  describe(`SurveyStore contract: ${name}`, () => {
    it('stores and returns a record with its dates', async () => {
      const store = await factory();
      const r = record('e1', { resolutionId: 'r1', score: undefined });
      const { created, record: stored } = await store.insert(r);
      expect(created).toBe(true);
      expect(stored.id).toBe('e1');
      const got = await store.get('e1');
      expect(got?.sendAt).toBeInstanceOf(Date);
      expect(got?.sendAt?.toISOString()).toBe(at(60).toISOString());
      expect(got?.reminders.map((d) => d.toISOString())).toEqual([at(60 * 24 * 3).toISOString()]);
      expect(got?.resolutionId).toBe('r1');
      expect(await store.get('missing')).toBeUndefined();
    });

    it('inserts once per id (insert-if-absent returns the stored record)', async () => {
      const store = await factory();
      await store.insert(record('e1'));
      const second = await store.insert(record('e1', { status: 'suppressed', reason: 'throttled' }));
      expect(second.created).toBe(false);
      expect(second.record.status).toBe('scheduled');
      // Concurrent inserts of one id (several processes planning the same event): one row.
      const all = await Promise.all(
        Array.from({ length: 8 }, (_, i) => store.insert(record('e2', { remindersSent: i }))),
      );
      expect(all.filter((b) => b.created)).toHaveLength(1);
      const winner = all.find((b) => b.created)!.record.remindersSent;
      expect(all.every((b) => b.record.remindersSent === winner)).toBe(true);
      expect((await store.listByRecipient('u1')).filter((r) => r.id === 'e2')).toHaveLength(1);
    });

    it('does not let callers mutate stored state', async () => {
      const store = await factory();
      const r = record('e1');
      await store.insert(r);
      r.status = 'expired';
      r.reminders.push(at(1));
      const got = (await store.get('e1'))!;
      expect(got.status).toBe('scheduled');
      got.status = 'expired';
      expect((await store.get('e1'))!.status).toBe('scheduled');
      expect((await store.get('e1'))!.reminders).toHaveLength(1);
    });

    it('updates with optimistic concurrency and bumps the version', async () => {
      const store = await factory();
      await store.insert(record('e1'));
      const updated = await store.update(
        'e1',
        { status: 'sent', sentAt: at(61), nextActionAt: at(100) },
        { expectedVersion: 1 },
      );
      expect(updated.version).toBe(2);
      expect(updated.status).toBe('sent');
      expect(updated.sentAt?.toISOString()).toBe(at(61).toISOString());
      await expect(store.update('e1', { status: 'expired' }, { expectedVersion: 1 })).rejects.toMatchObject({
        code: 'CONFLICT',
      });
      await expect(
        store.update('nope', { status: 'expired' }, { expectedVersion: 1 }),
      ).rejects.toBeInstanceOf(TandemError);
      await expect(store.update('nope', { status: 'expired' }, { expectedVersion: 1 })).rejects.toMatchObject(
        {
          code: 'NOT_FOUND',
        },
      );
    });

    it('clears nextActionAt when a patch sets it to undefined', async () => {
      const store = await factory();
      await store.insert(record('e1'));
      const updated = await store.update(
        'e1',
        { status: 'responded', nextActionAt: undefined },
        { expectedVersion: 1 },
      );
      expect(updated.nextActionAt).toBeUndefined();
      expect(await store.listDue(at(10_000))).toEqual([]);
    });

    it('lists one recipient’s records', async () => {
      const store = await factory();
      await store.insert(record('a', { recipientId: 'u1' }));
      await store.insert(record('b', { recipientId: 'u2' }));
      await store.insert(record('c', { recipientId: 'u1', status: 'suppressed', reason: 'throttled' }));
      const mine = await store.listByRecipient('u1');
      expect(mine.map((r) => r.id).sort()).toEqual(['a', 'c']);
      expect(await store.listByRecipient('nobody')).toEqual([]);
    });

    it('lists due records by nextActionAt, earliest first, with a limit', async () => {
      const store = await factory();
      await store.insert(record('late', { nextActionAt: at(30) }));
      await store.insert(record('early', { nextActionAt: at(10) }));
      await store.insert(record('future', { nextActionAt: at(500) }));
      await store.insert(record('done', { status: 'suppressed', nextActionAt: undefined }));
      expect((await store.listDue(at(30))).map((r) => r.id)).toEqual(['early', 'late']);
      expect((await store.listDue(at(30), { limit: 1 })).map((r) => r.id)).toEqual(['early']);
      expect(await store.listDue(at(5))).toEqual([]);
      await store.update('future', { nextActionAt: at(20) }, { expectedVersion: 1 });
      expect((await store.listDue(at(30))).map((r) => r.id)).toEqual(['early', 'future', 'late']);
    });

    it('keeps stores from the factory independent', async () => {
      const a = await factory();
      const b = await factory();
      await a.insert(record('e1'));
      expect(await b.get('e1')).toBeUndefined();
    });
  });
}
