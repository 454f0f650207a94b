/**
 * The week of events shown in docs/surveys.md ("A week of surveys"): what was scheduled, deferred
 * and suppressed, what went out and what followed up. The expected values were worked out by
 * hand from the policy (offsets: Warsaw UTC+1, Shanghai UTC+8, Los Angeles UTC−8 in November).
 */
import { describe, expect, it } from 'vitest';
import { createEventBus } from '../events/createEventBus';
import { createSurveyScheduler } from './createSurveyScheduler';
import type { SurveyPolicyInput, SurveyRecipientInput, SurveyTriggerEventInput } from './schemas';

const policy: SurveyPolicyInput = {
  surveys: [
    {
      id: 'csat',
      kind: 'csat',
      trigger: 'conversation.resolved',
      delay: '24h',
      channel: 'email',
      reminders: { count: 1, spacing: '2d' },
    },
    { id: 'nps', kind: 'nps', trigger: 'purchase.completed', delay: '7d', channel: 'email' },
    { id: 'cancel-ces', kind: 'ces', trigger: 'subscription.cancelled', delay: '2h', channel: 'email' },
  ],
  throttle: '30d',
  quietHours: { start: '21:00', end: '08:00' },
  fallbackTimeZone: 'UTC',
  expiry: '7d',
};

const people: Record<string, SurveyRecipientInput> = {
  ana: { id: 'ana', timeZone: 'Europe/Warsaw' },
  li: { id: 'li', timeZone: 'Asia/Shanghai' },
  sam: { id: 'sam', timeZone: 'America/Los_Angeles' },
  bob: { id: 'bob' },
  eve: { id: 'eve', timeZone: 'Europe/Warsaw', channels: ['sms'] },
  zoe: { id: 'zoe', timeZone: 'Europe/Warsaw', optedOut: true },
};

const week: Array<SurveyTriggerEventInput & { customerId: keyof typeof people }> = [
  { type: 'conversation.resolved', at: '2026-11-16T09:00:00Z', customerId: 'ana', conversationId: 'c1' },
  { type: 'conversation.resolved', at: '2026-11-16T14:00:00Z', customerId: 'li', conversationId: 'c2' },
  {
    type: 'conversation.resolved',
    at: '2026-11-17T10:00:00Z',
    customerId: 'sam',
    conversationId: 'c3',
    resolvedBy: 'bot',
  },
  { type: 'conversation.resolved', at: '2026-11-17T16:00:00Z', customerId: 'bob', conversationId: 'c4' },
  { type: 'conversation.resolved', at: '2026-11-18T12:00:00Z', customerId: 'ana', conversationId: 'c5' },
  { type: 'conversation.resolved', at: '2026-11-18T18:00:00Z', customerId: 'eve', conversationId: 'c6' },
  {
    type: 'conversation.resolved',
    at: '2026-11-19T08:00:00Z',
    customerId: 'sam',
    conversationId: 'c7',
    spam: true,
  },
  {
    type: 'conversation.resolved',
    at: '2026-11-19T20:00:00Z',
    customerId: 'li',
    conversationId: 'c2',
    resolutionId: 'second',
  },
  { type: 'conversation.resolved', at: '2026-11-20T09:00:00Z', customerId: 'zoe', conversationId: 'c8' },
  { type: 'purchase.completed', at: '2026-11-20T17:00:00Z', customerId: 'sam', id: 'order-5' },
  { type: 'subscription.cancelled', at: '2026-11-21T05:00:00Z', customerId: 'sam', id: 'cancel-9' },
  { type: 'review.posted', at: '2026-11-22T10:00:00Z', customerId: 'bob', id: 'review-3' },
];

const responses: Record<string, { at: string; score: number }> = {
  li: { at: '2026-11-18T03:00:00Z', score: 1 },
  bob: { at: '2026-11-19T10:00:00Z', score: 5 },
};

describe('a week of surveys (docs/surveys.md)', () => {
  it('plans, sends, reminds and follows up as documented', async () => {
    const bus = createEventBus();
    const emitted: string[] = [];
    bus.on('*', (name) => emitted.push(String(name)));
    const scheduler = createSurveyScheduler({ policy, bus });

    // Walk the week hour by hour: plan events as they happen, send what is due, record responses.
    const outcomes: string[] = [];
    const sends: string[] = [];
    const followUps: string[] = [];
    const recordOf = new Map<string, string>();
    const start = Date.parse('2026-11-16T00:00:00Z');
    for (let hour = 0; hour <= 24 * 14; hour++) {
      const now = new Date(start + hour * 3_600_000);
      for (const e of week) {
        if (new Date(e.at as string).getTime() !== now.getTime()) continue;
        const { plan, record } = await scheduler.plan(e, { now, recipient: people[e.customerId]! });
        if (!plan) throw new Error('unexpected duplicate');
        outcomes.push(
          plan.kind === 'scheduled'
            ? `${e.customerId} ${plan.surveyId} ${plan.sendAt.toISOString()}${plan.deferral.length ? ` deferred(${plan.deferral.join('+')})` : ''}`
            : `${e.customerId} ${plan.reason}`,
        );
        if (plan.kind === 'scheduled') recordOf.set(e.customerId, record.id);
      }
      for (const item of await scheduler.due(now)) {
        await scheduler.markSent(item.recordId, { at: now, step: item.step });
        sends.push(`${now.toISOString()} ${item.recipientId} ${item.surveyId} ${item.kind}`);
      }
      for (const [who, r] of Object.entries(responses)) {
        if (Date.parse(r.at) !== now.getTime()) continue;
        const result = await scheduler.recordResponse(recordOf.get(who)!, { at: now, score: r.score });
        if (result.kind === 'recorded')
          followUps.push(`${who} ${r.score}: ${result.followUp.actions.map((a) => a.type).join(', ')}`);
      }
    }

    expect(outcomes).toEqual([
      'ana csat 2026-11-17T09:00:00.000Z',
      'li csat 2026-11-18T00:00:00.000Z deferred(quiet_hours)', // 22:00 Shanghai -> 08:00
      'sam excluded', // resolved by the bot
      'bob csat 2026-11-18T16:00:00.000Z', // no zone: fallback UTC
      'ana throttled', // 1 day after her last survey
      'eve channel_unavailable', // reachable by sms only
      'sam excluded', // spam
      'li already_surveyed', // same conversation, once per conversation
      'zoe no_consent',
      'sam nps 2026-11-27T17:00:00.000Z', // purchase + 7 d, 09:00 in Los Angeles
      'sam throttled', // the NPS is scheduled less than 30 days away
      'bob no_matching_survey',
    ]);
    expect(sends).toEqual([
      '2026-11-17T09:00:00.000Z ana csat initial',
      '2026-11-18T00:00:00.000Z li csat initial',
      '2026-11-18T16:00:00.000Z bob csat initial',
      '2026-11-19T09:00:00.000Z ana csat reminder', // no response after 2 days
      // li and bob answered: their reminders (Nov 20) are not sent.
      '2026-11-27T17:00:00.000Z sam nps initial',
    ]);
    expect(followUps).toEqual(['li 1: thank_you, apology, invite_call, create_ticket', 'bob 5: thank_you']);
    // ana never answered: expired 7 days after the send (2026-11-24T09:00Z).
    expect((await scheduler.get(recordOf.get('ana')!))?.status).toBe('expired');
    expect(emitted.filter((n) => n === 'survey.suppressed')).toHaveLength(8);
    expect(emitted.filter((n) => n === 'survey.expired')).toHaveLength(1);
  });
});
