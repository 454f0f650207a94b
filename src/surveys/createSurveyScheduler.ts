import type { BusinessCalendar } from '../calendar/types';
import type { EventBus } from '../events/createEventBus';
import { parseWithSchema, TandemError } from '../model/errors';
import type { Channel } from '../model/schemas';
import { type CompiledSurveyPolicy, compileSurveyPolicy } from './compileSurveyPolicy';
import { createSurveyHistoryIndex } from './createSurveyHistoryIndex';
import { type FollowUpResult, followUpOnResponse } from './followUpOnResponse';
import { planSurvey, type SurveyPlan, surveyEventKey } from './planSurvey';
import {
  type SurveyHistoryEntryInput,
  type SurveyPolicyInput,
  type SurveyRecipientInput,
  type SurveyTriggerEventInput,
  SurveyTriggerEventSchema,
} from './schemas';
import { createMemorySurveyStore, type SurveyRecord, type SurveyStore } from './surveyStore';

/** Options for {@link createSurveyScheduler}. */
export interface SurveySchedulerOptions {
  /** The survey policy (raw or compiled). */
  policy: SurveyPolicyInput | CompiledSurveyPolicy;
  /** Where state lives (default: {@link createMemorySurveyStore}). */
  store?: SurveyStore;
  /** Receives `survey.scheduled/suppressed/sent/responded/expired` (default: none). */
  bus?: Pick<EventBus, 'emit'>;
  /** Business calendar sends must also fall in. */
  calendar?: BusinessCalendar;
}

/** Something to send now: the first send (`step` 0) or reminder `step` (1-based). */
export interface DueSurvey {
  recordId: string;
  step: number;
  kind: 'initial' | 'reminder';
  surveyId: string;
  recipientId: string;
  conversationId?: string;
  channel: Channel;
  /** The planned time of this send. */
  sendAt: Date;
  expiresAt: Date;
}

/**
 * Result of {@link SurveyScheduler.plan}: the fresh plan, or — when the event was planned before
 * (`duplicate: true`) — only the stored record; nothing is re-planned or emitted then.
 */
export type SchedulerPlanResult =
  | { duplicate: false; plan: SurveyPlan; record: SurveyRecord }
  | { duplicate: true; plan?: undefined; record: SurveyRecord };

/** Result of {@link SurveyScheduler.recordResponse}. */
export type RecordResponseResult =
  | { kind: 'recorded'; record: SurveyRecord; followUp: FollowUpResult }
  | { kind: 'duplicate'; record: SurveyRecord }
  | { kind: 'rejected'; reason: 'expired' | 'not_sent' | 'suppressed'; record: SurveyRecord };

/** The stateful survey helper; see {@link createSurveyScheduler}. */
export interface SurveyScheduler {
  readonly policy: CompiledSurveyPolicy;
  readonly store: SurveyStore;
  /** Plans an event once: a retry of the same event returns the stored decision (`duplicate: true`). */
  plan(
    event: SurveyTriggerEventInput,
    options: { now: Date; recipient?: SurveyRecipientInput; explain?: boolean },
  ): Promise<SchedulerPlanResult>;
  /**
   * What to send at `now` (first sends and reminders), earliest first. Also expires surveys whose
   * response window closed (emitting `survey.expired`). Calling it again before `markSent`
   * returns the same items.
   */
  due(now: Date, options?: { limit?: number }): Promise<DueSurvey[]>;
  /** Records that step `step` (0 = first send) went out at `at`. Idempotent. */
  markSent(recordId: string, options: { at: Date; step?: number }): Promise<SurveyRecord>;
  /** Records a response: stops reminders, emits `survey.responded`, returns the follow-up. */
  recordResponse(
    recordId: string,
    response: { at: Date; score?: number; comment?: string; answers?: Record<string, unknown> },
  ): Promise<RecordResponseResult>;
  /** The stored record of an event key. */
  get(recordId: string): Promise<SurveyRecord | undefined>;
}

const LIVE = new Set(['scheduled', 'sent', 'responded', 'expired']);

function historyOf(records: readonly SurveyRecord[]): SurveyHistoryEntryInput[] {
  const out: SurveyHistoryEntryInput[] = [];
  for (const r of records) {
    if (!LIVE.has(r.status) || !r.surveyId) continue;
    // An expired survey that never went out was never seen by the customer.
    const sentAt = r.sentAt ?? (r.status === 'expired' ? undefined : r.sendAt);
    if (!sentAt) continue;
    const entry: SurveyHistoryEntryInput = {
      recipientId: r.recipientId,
      surveyId: r.surveyId,
      sentAt,
      eventKey: r.id,
    };
    if (r.conversationId) entry.conversationId = r.conversationId;
    if (r.resolutionId) entry.resolutionId = r.resolutionId;
    out.push(entry);
  }
  return out;
}

/**
 * Creates the stateful survey helper for hosts: plans events through `planSurvey` against the
 * recipient's stored history, records the decision once per event (retries are idempotent), lists
 * what is due (`due(now)`), records sends, reminders, responses and expiries in a
 * {@link SurveyStore}, and emits the `survey.*` events on a bus.
 *
 * Within one process, plans for the same recipient run one after another, so two events cannot
 * both pass a throttle; across processes, the store's insert-if-absent keeps events idempotent.
 *
 * @param options - `policy`, `store` (default in-memory), `bus`, `calendar`.
 * @returns a {@link SurveyScheduler}.
 * @throws {@link TandemError} `INVALID_CONFIG` for a bad policy.
 *
 * @example
 * ```ts
 * import { createSurveyScheduler } from 'tandem-cx/surveys';
 * const scheduler = createSurveyScheduler({ policy: { surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }], quietHours: false } });
 * const event = { type: 'conversation.resolved', at: new Date('2026-11-20T10:00:00Z'), conversationId: 'c1', customerId: 'u1' };
 * (await scheduler.plan(event, { now: new Date('2026-11-20T10:00:00Z') })).plan; // => { kind: 'scheduled', sendAt: '2026-11-21T10:00:00.000Z' }
 * (await scheduler.plan(event, { now: new Date('2026-11-20T10:05:00Z') })).duplicate; // => true
 * (await scheduler.due(new Date('2026-11-21T10:00:00Z'))).length; // => 1
 * ```
 */
export function createSurveyScheduler(options: SurveySchedulerOptions): SurveyScheduler {
  const policy = compileSurveyPolicy(options.policy, options.calendar ? { calendar: options.calendar } : {});
  const store = options.store ?? createMemorySurveyStore();
  const bus = options.bus;
  // Serialises plans per recipient inside this process (throttle/caps read-then-write).
  const queues = new Map<string, Promise<unknown>>();

  const serial = <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const previous = queues.get(key) ?? Promise.resolve();
    const run = previous.then(task, task);
    const tail = run.catch(() => undefined);
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return run;
  };

  const nextAction = (record: SurveyRecord): Date | undefined => {
    if (record.status === 'scheduled') return record.sendAt;
    if (record.status === 'sent') return record.reminders[record.remindersSent] ?? record.expiresAt;
    return undefined;
  };

  const emit = (
    name: 'survey.sent' | 'survey.responded' | 'survey.expired',
    record: SurveyRecord,
    at: Date,
    extra = {},
  ) => {
    if (!bus || !record.surveyId) return;
    bus.emit(name, {
      at,
      surveyId: record.surveyId,
      recipientId: record.recipientId,
      ...(record.conversationId ? { conversationId: record.conversationId } : {}),
      ...extra,
    });
  };

  const mustGet = async (id: string): Promise<SurveyRecord> => {
    const record = await store.get(id);
    if (!record)
      throw new TandemError({
        code: 'NOT_FOUND',
        module: 'surveys',
        path: 'recordId',
        message: `no survey record "${id}"`,
      });
    return record;
  };

  return {
    policy,
    store,
    async plan(event, planOptions) {
      const ev = parseWithSchema(SurveyTriggerEventSchema, event, {
        module: 'surveys',
        what: 'survey event',
        pathPrefix: ['event'],
      });
      const key = surveyEventKey(ev);
      return serial(ev.customerId, async () => {
        const existing = await store.get(key);
        if (existing) return { record: existing, duplicate: true };
        const history = createSurveyHistoryIndex(historyOf(await store.listByRecipient(ev.customerId)));
        const plan = planSurvey(ev, policy, history, planOptions);
        const record: SurveyRecord =
          plan.kind === 'scheduled'
            ? {
                id: key,
                status: 'scheduled',
                recipientId: plan.recipientId,
                surveyId: plan.surveyId,
                channel: plan.channel,
                sendAt: plan.sendAt,
                expiresAt: plan.expiresAt,
                reminders: plan.reminders,
                remindersSent: 0,
                nextActionAt: plan.sendAt,
                createdAt: planOptions.now,
                version: 1,
              }
            : {
                id: key,
                status: 'suppressed',
                recipientId: plan.recipientId,
                reason: plan.reason,
                detail: plan.detail,
                reminders: [],
                remindersSent: 0,
                createdAt: planOptions.now,
                version: 1,
              };
        if (ev.conversationId) record.conversationId = ev.conversationId;
        if (plan.kind === 'scheduled') record.resolutionId = ev.resolutionId ?? ev.at.toISOString();
        if (plan.kind === 'suppressed' && plan.surveyId) record.surveyId = plan.surveyId;
        const inserted = await store.insert(record);
        if (!inserted.created) return { record: inserted.record, duplicate: true };
        if (bus) {
          const base = {
            at: planOptions.now,
            surveyId: plan.surveyId ?? '',
            recipientId: plan.recipientId,
            ...(ev.conversationId ? { conversationId: ev.conversationId } : {}),
          };
          if (plan.kind === 'scheduled') bus.emit('survey.scheduled', { ...base, sendAt: plan.sendAt });
          else bus.emit('survey.suppressed', { ...base, reason: plan.reason });
        }
        return { plan, record: inserted.record, duplicate: false };
      });
    },

    async due(now, dueOptions = {}) {
      const out: DueSurvey[] = [];
      const t = now.getTime();
      for (const record of await store.listDue(now)) {
        if (record.expiresAt && t >= record.expiresAt.getTime()) {
          const expired = await store
            .update(
              record.id,
              { status: 'expired', nextActionAt: undefined },
              { expectedVersion: record.version },
            )
            .catch((error: unknown) => {
              if (error instanceof TandemError && error.code === 'CONFLICT') return undefined; // someone else moved it
              throw error;
            });
          if (expired) emit('survey.expired', expired, now);
          continue;
        }
        if (!record.surveyId || !record.channel || !record.expiresAt) continue;
        const step = record.status === 'scheduled' ? 0 : record.remindersSent + 1;
        const sendAt = step === 0 ? record.sendAt : record.reminders[step - 1];
        if (!sendAt || sendAt.getTime() > t) continue;
        const item: DueSurvey = {
          recordId: record.id,
          step,
          kind: step === 0 ? 'initial' : 'reminder',
          surveyId: record.surveyId,
          recipientId: record.recipientId,
          channel: record.channel,
          sendAt,
          expiresAt: record.expiresAt,
        };
        if (record.conversationId) item.conversationId = record.conversationId;
        out.push(item);
        if (dueOptions.limit !== undefined && out.length >= dueOptions.limit) break;
      }
      return out;
    },

    async markSent(recordId, { at, step = 0 }) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const record = await mustGet(recordId);
        const already =
          record.status === 'responded' ||
          record.status === 'expired' ||
          record.status === 'suppressed' ||
          (step === 0 ? record.status === 'sent' : record.remindersSent >= step);
        if (already) return record;
        if (step === 0 ? record.status !== 'scheduled' : record.remindersSent !== step - 1)
          throw new TandemError({
            code: 'INVALID_INPUT',
            module: 'surveys',
            path: 'step',
            message: `cannot mark step ${step} of "${recordId}" sent: ${record.status}, ${record.remindersSent} reminder(s) sent`,
          });
        const next: SurveyRecord =
          step === 0 ? { ...record, status: 'sent', sentAt: at } : { ...record, remindersSent: step };
        const patch =
          step === 0
            ? { status: 'sent' as const, sentAt: at, nextActionAt: nextAction(next) }
            : { remindersSent: step, nextActionAt: nextAction(next) };
        try {
          const updated = await store.update(recordId, patch, { expectedVersion: record.version });
          emit('survey.sent', updated, at, { sendAt: at });
          return updated;
        } catch (error) {
          if (!(error instanceof TandemError && error.code === 'CONFLICT')) throw error;
        }
      }
      throw new TandemError({
        code: 'CONFLICT',
        module: 'surveys',
        message: `"${recordId}" keeps changing; retry`,
      });
    },

    async recordResponse(recordId, response) {
      for (let attempt = 0; attempt < 5; attempt++) {
        const record = await mustGet(recordId);
        if (record.status === 'responded') return { kind: 'duplicate', record };
        if (record.status === 'suppressed') return { kind: 'rejected', reason: 'suppressed', record };
        if (record.status === 'scheduled') return { kind: 'rejected', reason: 'not_sent', record };
        if (
          record.status === 'expired' ||
          (record.expiresAt && response.at.getTime() >= record.expiresAt.getTime())
        )
          return { kind: 'rejected', reason: 'expired', record };
        const followUp = followUpOnResponse(
          {
            ...response,
            surveyId: record.surveyId!,
            recipientId: record.recipientId,
            ...(record.conversationId ? { conversationId: record.conversationId } : {}),
          },
          policy,
        );
        const patch = {
          status: 'responded' as const,
          respondedAt: response.at,
          nextActionAt: undefined,
          ...(response.score !== undefined ? { score: response.score } : {}),
        };
        try {
          const updated = await store.update(recordId, patch, { expectedVersion: record.version });
          emit(
            'survey.responded',
            updated,
            response.at,
            response.score !== undefined ? { score: response.score } : {},
          );
          return { kind: 'recorded', record: updated, followUp };
        } catch (error) {
          if (!(error instanceof TandemError && error.code === 'CONFLICT')) throw error;
        }
      }
      throw new TandemError({
        code: 'CONFLICT',
        module: 'surveys',
        message: `"${recordId}" keeps changing; retry`,
      });
    },

    get: (recordId) => store.get(recordId),
  };
}
