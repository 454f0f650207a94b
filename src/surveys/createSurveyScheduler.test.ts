import { describe, expect, it } from 'vitest';
import { createEventBus } from '../events/createEventBus';
import type { SurveyEvent } from '../events/eventMap';
import { createSurveyScheduler } from './createSurveyScheduler';
import type { SurveyPolicyInput } from './schemas';
import { createMemorySurveyStore } from './surveyStore';
import { describeSurveyStore } from './testing/index';

describeSurveyStore('memory', () => createMemorySurveyStore());

const DAY = 86_400_000;
const d = (iso: string) => new Date(iso);
const policy: SurveyPolicyInput = {
  surveys: [
    {
      id: 'csat',
      kind: 'csat',
      trigger: 'conversation.resolved',
      delay: '24h',
      channel: 'email',
      reminders: { count: 2, spacing: '2d' },
    },
  ],
  fallbackTimeZone: 'UTC',
  expiry: '7d',
};
const event = (conversationId: string, at = '2026-11-20T10:00:00Z', customerId = 'u1') => ({
  type: 'conversation.resolved',
  at: d(at),
  conversationId,
  customerId,
});

function setup() {
  const bus = createEventBus();
  const log: string[] = [];
  const payloads: Array<[string, SurveyEvent]> = [];
  bus.on('*', (name, payload) => {
    log.push(String(name));
    payloads.push([String(name), payload as SurveyEvent]);
  });
  const scheduler = createSurveyScheduler({ policy, bus });
  return { scheduler, log, payloads };
}

describe('createSurveyScheduler', () => {
  it('schedules an event once: retries (sequential and concurrent) return the stored record', async () => {
    const { scheduler, log } = setup();
    const now = d('2026-11-20T10:00:00Z');
    const first = await scheduler.plan(event('c1'), { now });
    expect(first.duplicate).toBe(false);
    expect(first.plan?.kind).toBe('scheduled');
    const retry = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:01:00Z') });
    expect(retry).toMatchObject({ duplicate: true, record: { id: first.record.id, status: 'scheduled' } });
    const concurrent = await Promise.all([1, 2, 3].map(() => scheduler.plan(event('c2'), { now })));
    expect(concurrent.filter((r) => !r.duplicate)).toHaveLength(1);
    // c2 comes 0 ms after c1 for the same recipient: throttled, recorded once.
    expect(concurrent.find((r) => !r.duplicate)?.plan).toMatchObject({
      kind: 'suppressed',
      reason: 'throttled',
    });
    expect(log).toEqual(['survey.scheduled', 'survey.suppressed']);
  });

  it('serialises plans per recipient so two events cannot both pass the throttle', async () => {
    const { scheduler } = setup();
    const now = d('2026-11-20T10:00:00Z');
    const results = await Promise.all(['a', 'b', 'c', 'd'].map((c) => scheduler.plan(event(c), { now })));
    expect(results.filter((r) => r.plan?.kind === 'scheduled')).toHaveLength(1);
  });

  it('lists due sends, sends reminders, stops reminders after a response and returns the follow-up', async () => {
    const { scheduler, log } = setup();
    const { record } = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:00:00Z') });
    expect(await scheduler.due(d('2026-11-21T09:59:59Z'))).toEqual([]);
    const due = await scheduler.due(d('2026-11-21T10:00:00Z'));
    expect(due).toMatchObject([
      { recordId: record.id, step: 0, kind: 'initial', channel: 'email', surveyId: 'csat' },
    ]);
    // Idempotent until marked sent.
    expect(await scheduler.due(d('2026-11-21T10:00:00Z'))).toHaveLength(1);
    await scheduler.markSent(record.id, { at: d('2026-11-21T10:00:05Z') });
    await scheduler.markSent(record.id, { at: d('2026-11-21T10:00:06Z') }); // retry: no-op
    expect(await scheduler.due(d('2026-11-22T10:00:00Z'))).toEqual([]);
    const reminder = await scheduler.due(d('2026-11-23T10:00:00Z'));
    expect(reminder).toMatchObject([{ step: 1, kind: 'reminder', sendAt: d('2026-11-23T10:00:00Z') }]);
    await scheduler.markSent(record.id, { at: d('2026-11-23T10:00:00Z'), step: 1 });
    const response = await scheduler.recordResponse(record.id, { at: d('2026-11-24T08:00:00Z'), score: 1 });
    expect(response.kind).toBe('recorded');
    if (response.kind === 'recorded')
      expect(response.followUp.actions.map((a) => a.type)).toEqual([
        'thank_you',
        'apology',
        'invite_call',
        'create_ticket',
      ]);
    // The second reminder (2026-11-25) is not sent after the response.
    expect(await scheduler.due(d('2026-11-25T10:00:00Z'))).toEqual([]);
    expect(await scheduler.markSent(record.id, { at: d('2026-11-25T10:00:00Z'), step: 2 })).toMatchObject({
      status: 'responded',
      remindersSent: 1,
    });
    expect(
      (await scheduler.recordResponse(record.id, { at: d('2026-11-24T09:00:00Z'), score: 5 })).kind,
    ).toBe('duplicate');
    expect(log).toEqual(['survey.scheduled', 'survey.sent', 'survey.sent', 'survey.responded']);
  });

  it('expires a survey without a response and rejects late responses', async () => {
    const { scheduler, log, payloads } = setup();
    const { record } = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:00:00Z') });
    await scheduler.markSent(record.id, { at: d('2026-11-21T10:00:00Z') });
    await scheduler.markSent(record.id, { at: d('2026-11-23T10:00:00Z'), step: 1 });
    await scheduler.markSent(record.id, { at: d('2026-11-25T10:00:00Z'), step: 2 });
    expect(await scheduler.due(d('2026-11-28T09:59:59Z'))).toEqual([]);
    expect(await scheduler.due(d('2026-11-28T10:00:00Z'))).toEqual([]); // sendAt + 7 d: expired
    expect((await scheduler.get(record.id))?.status).toBe('expired');
    expect(
      await scheduler.recordResponse(record.id, { at: d('2026-11-28T11:00:00Z'), score: 5 }),
    ).toMatchObject({
      kind: 'rejected',
      reason: 'expired',
    });
    expect(log.at(-1)).toBe('survey.expired');
    expect(payloads.at(-1)?.[1]).toMatchObject({ surveyId: 'csat', recipientId: 'u1', conversationId: 'c1' });
  });

  it('a survey never sent before its expiry expires too, and does not count against the throttle', async () => {
    const { scheduler } = setup();
    const { record } = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:00:00Z') });
    await scheduler.due(d('2026-11-28T10:00:00Z'));
    expect((await scheduler.get(record.id))?.status).toBe('expired');
    const next = await scheduler.plan(event('c2', '2026-11-29T10:00:00Z'), {
      now: d('2026-11-29T10:00:00Z'),
    });
    expect(next.plan?.kind).toBe('scheduled');
  });

  it('uses stored sends for the throttle (30 days) and once-per-conversation', async () => {
    const { scheduler } = setup();
    const { record } = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:00:00Z') });
    await scheduler.markSent(record.id, { at: d('2026-11-21T10:00:00Z') });
    const sameConversation = await scheduler.plan(event('c1', '2026-12-30T10:00:00Z'), {
      now: d('2026-12-30T10:00:00Z'),
    });
    expect(sameConversation.plan).toMatchObject({ kind: 'suppressed', reason: 'already_surveyed' });
    const tooSoon = await scheduler.plan(event('c3', '2026-12-01T10:00:00Z'), {
      now: d('2026-12-01T10:00:00Z'),
    });
    expect(tooSoon.plan).toMatchObject({ kind: 'suppressed', reason: 'throttled' });
    // 2026-12-20T10:00Z + 24 h = 2026-12-21T10:00Z, exactly 30 days after the send.
    const later = await scheduler.plan(event('c4', '2026-12-20T10:00:00Z'), {
      now: d('2026-12-20T10:00:00Z'),
    });
    expect(later.plan).toMatchObject({
      kind: 'scheduled',
      sendAt: new Date(Date.parse('2026-11-21T10:00:00Z') + 30 * DAY),
    });
  });

  it('rejects responses to unsent or suppressed surveys and unknown records', async () => {
    const { scheduler } = setup();
    const a = await scheduler.plan(event('c1'), { now: d('2026-11-20T10:00:00Z') });
    const b = await scheduler.plan(event('c2'), { now: d('2026-11-20T10:00:00Z') });
    expect(
      (await scheduler.recordResponse(a.record.id, { at: d('2026-11-20T11:00:00Z'), score: 3 })).kind,
    ).toBe('rejected');
    expect(await scheduler.recordResponse(b.record.id, { at: d('2026-11-20T11:00:00Z') })).toMatchObject({
      reason: 'suppressed',
    });
    await expect(scheduler.recordResponse('nope', { at: d('2026-11-20T11:00:00Z') })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      scheduler.markSent(a.record.id, { at: d('2026-11-21T10:00:00Z'), step: 2 }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });

  it('works without a bus and with a limit on due()', async () => {
    const scheduler = createSurveyScheduler({ policy: { ...policy, throttle: 0 } });
    for (const c of ['a', 'b', 'c']) await scheduler.plan(event(c), { now: d('2026-11-20T10:00:00Z') });
    expect(await scheduler.due(d('2026-11-21T10:00:00Z'), { limit: 2 })).toHaveLength(2);
  });
});
