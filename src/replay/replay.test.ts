import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryKnowledgeStore } from '../knowledge/index';
import { TandemError } from '../model/errors';
import { comparePolicies } from './comparePolicies';
import { compileReplayPolicy, type ReplayPolicy } from './compileReplayPolicy';
import { replay } from './replay';
import type { ReplayConversationInput } from './schemas';

const data = join(__dirname, '../../examples/data');
const sample = readFileSync(join(data, 'conversations.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .slice(0, 600)
  .map((line) => JSON.parse(line) as ReplayConversationInput & { meta: { flow: string } });
const calendar = JSON.parse(readFileSync(join(data, 'calendar.json'), 'utf8'));

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute));
const chat = (
  id: string,
  texts: Array<[string, string]>,
  extra: Partial<ReplayConversationInput> = {},
): ReplayConversationInput => ({
  id,
  customerId: `u-${id}`,
  channel: 'chat',
  messages: texts.map(([author, text], i) => ({ author, text, at: at(i) })),
  ...extra,
});

describe('replay', () => {
  it('decides each bot conversation turn by turn: escalations, offers, containment', async () => {
    const policy = compileReplayPolicy({ handoff: {} });
    const { decisions, summary } = await replay(
      [
        chat('thanks', [
          ['customer', 'where is my card'],
          ['bot', 'Cards arrive in 5 days.'],
          ['customer', 'thanks!'],
        ]),
        chat('human', [
          ['customer', 'where is my card'],
          ['bot', 'Cards arrive in 5 days.'],
          ['customer', 'I want to talk to a human'],
        ]),
        chat('stolen', [
          ['customer', 'hello'],
          ['bot', 'Hi! How can I help?'],
          ['customer', 'my card was stolen yesterday'],
        ]),
        chat('agent', [
          ['customer', 'hello'],
          ['bot', 'Hi! How can I help?'],
          ['customer', 'agent'],
        ]),
        {
          id: 'mail',
          customerId: 'u9',
          channel: 'email',
          messages: [
            { author: 'customer', text: 'hello', at: at(0) },
            { author: 'agent', text: 'hi', at: at(30) },
          ],
        },
      ],
      policy,
    );
    expect(decisions.map((d) => d.handoff?.action ?? null)).toEqual([
      'none',
      'escalate',
      'escalate',
      'offer',
      null,
    ]);
    expect(decisions[1]!.handoff).toMatchObject({ turn: 2, reasons: ['explicit_request'] });
    expect(decisions[2]!.handoff!.reasons).toContain('sensitive_topic');
    expect(summary).toMatchObject({
      conversations: 5,
      botConversations: 4,
      contained: 1,
      handoffs: 3,
      escalations: 2,
      acceptedOffers: 1,
      humanConversations: 4,
    });
    expect(summary.containmentRate).toBe(0.25);
  });

  it('asks to rephrase once on low answer confidence, then offers (knowledge confidence per turn)', async () => {
    const kb = createMemoryKnowledgeStore();
    await kb.upsertArticle({
      id: 'card',
      title: 'When will my card arrive?',
      body: 'Cards arrive within 5 working days.',
      questions: ['where is my card'],
      audience: 'public',
      status: 'published',
    });
    const policy = compileReplayPolicy({ handoff: {} });
    const { decisions } = await replay(
      [
        chat('q', [
          ['customer', 'quantum flux capacitor warranty'],
          ['bot', 'Sorry?'],
          ['customer', 'zebra lasagna timetable'],
          ['bot', 'Hmm'],
        ]),
      ],
      policy,
      { knowledge: kb },
    );
    expect(decisions[0]!.handoff).toMatchObject({ action: 'offer', turn: 2, clarifications: 1 });
    expect(decisions[0]!.answerConfidence).toBeLessThan(0.3);
  });

  it('a declined offer is respected: with offerAcceptance 0 the bot keeps the conversation', async () => {
    const policy = compileReplayPolicy({ handoff: {}, offerAcceptance: 0 });
    const { decisions, summary } = await replay(
      [
        chat('agent', [
          ['customer', 'agent'],
          ['bot', 'Shall I get someone?'],
          ['customer', 'where is my card'],
          ['bot', 'In 5 days.'],
        ]),
      ],
      policy,
    );
    expect(decisions[0]!.handoff!.action).toBe('none');
    expect(summary.contained).toBe(1);
  });

  it('routing accuracy against the recorded queue, SLA against the target for the policy priority', async () => {
    const policy = compileReplayPolicy({
      router: {
        rules: [
          {
            id: 'fraud',
            when: { field: 'text', op: 'contains', value: 'stolen' },
            then: { queue: 'fraud', priority: 1 },
          },
        ],
        fallback: { queue: 'general' },
      },
      sla: { firstResponse: { 1: '15m', 3: '1h' } },
    });
    const { decisions, summary } = await replay(
      [
        {
          ...chat('s', [['customer', 'my card was stolen']]),
          queue: 'fraud',
          firstHumanResponseAt: at(20),
          events: [{ type: 'handoff.escalated', at: at(0) }],
        },
        {
          id: 'm',
          customerId: 'u',
          channel: 'email',
          queue: 'billing',
          messages: [{ author: 'customer', text: 'invoice', at: at(0) }],
          firstHumanResponseAt: at(50),
        },
      ],
      policy,
    );
    expect(decisions[0]!.route).toMatchObject({
      queue: 'fraud',
      priority: 1,
      ruleId: 'fraud',
      correct: true,
    });
    expect(decisions[0]!.sla).toEqual({ priority: 1, targetMs: 900_000, waitedMs: 1_200_000, met: false });
    expect(decisions[1]!.route!.correct).toBe(false);
    expect(decisions[1]!.sla).toMatchObject({ priority: 3, met: true });
    expect(summary).toMatchObject({
      routed: 2,
      routedCorrectly: 1,
      routingAccuracy: 0.5,
      sla: { measured: 2, met: 1, attainment: 0.5 },
    });
  });

  it('surveys are throttled across conversations of the same customer', async () => {
    const policy = compileReplayPolicy({
      surveys: {
        surveys: [
          { id: 'csat', kind: 'csat', trigger: 'conversation.resolved', delay: '1h', channel: 'email' },
        ],
        throttle: '30d',
        fallbackTimeZone: 'UTC',
      },
    });
    const one = (id: string, day: number) => ({
      id,
      customerId: 'same',
      channel: 'email' as const,
      messages: [{ author: 'customer', text: 'x', at: at(0) }],
      resolvedAt: new Date(Date.UTC(2026, 10, day, 12)),
    });
    // sends at resolution + 1h: Nov 2 13:00; Nov 10 is inside the 30-day throttle; Dec 4 is after it
    const { decisions, summary } = await replay([one('a', 2), one('b', 10), one('c', 34)], policy);
    expect(decisions.map((d) => d.survey?.kind)).toEqual(['scheduled', 'suppressed', 'scheduled']);
    expect(summary.surveys).toEqual({ scheduled: 2, suppressed: { throttled: 1 } });
  });

  it('is deterministic for a seed and streams async input without keeping decisions', async () => {
    const policy = compileReplayPolicy({ handoff: {}, calendar, offerAcceptance: 0.5 });
    const first = await replay(sample, policy, { seed: 7 });
    const second = await replay(sample, policy, { seed: 7 });
    expect(second).toEqual(first);
    async function* stream() {
      for (const c of sample) yield c;
    }
    let progress = 0;
    const streamed = await replay(stream(), policy, {
      seed: 7,
      keepDecisions: false,
      onProgress: (n) => (progress = n),
    });
    expect(streamed.decisions).toEqual([]);
    expect(streamed.summary).toEqual(first.summary);
    expect(progress).toBe(sample.length);
  });

  it('reports a bad conversation with its position and field', async () => {
    const policy = compileReplayPolicy({});
    await expect(
      replay([chat('ok', [['customer', 'hi']]), { id: 'x', channel: 'chat', messages: [] } as never], policy),
    ).rejects.toThrow(/conversations\[1\]\.customerId/);
  });
});

describe('compileReplayPolicy', () => {
  it('lists every problem of every section with its full path', () => {
    try {
      compileReplayPolicy({
        router: {
          rules: [{ id: 'a', when: { field: 'x', op: 'equals', value: 1 }, then: { queue: 'q' } }],
          fallback: { queue: 'g' },
        },
        calendar: { timeZone: 'Mars/Olympus', hours: { mon: [['09:00', '17:00']] } },
        handoff: { lowConfidence: { threshold: 2 } },
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      const paths = (error as TandemError).issues.map((i) => i.path);
      expect(paths).toContain('router.rules[0].when.op');
      expect(paths).toContain('calendar.timeZone');
      expect(paths).toContain('handoff.lowConfidence.threshold');
    }
  });

  it('rejects unknown sections and bad SLA durations', () => {
    expect(() => compileReplayPolicy({ chatbot: {} } as never)).toThrow(/chatbot/);
    expect(() => compileReplayPolicy({ sla: { firstResponse: { 1: '-5m' } } })).toThrow(
      /sla\.firstResponse\[?"?1/,
    );
  });
});

describe('comparePolicies', () => {
  const base: ReplayPolicy = compileReplayPolicy({ handoff: {}, calendar });
  const stricter: ReplayPolicy = compileReplayPolicy({
    handoff: { lowConfidence: { threshold: 0.95, maxClarifications: 0 } },
    calendar,
  });

  it('raising the confidence threshold hands off more and contains less, with intervals', async () => {
    const kb = createMemoryKnowledgeStore();
    for (const a of JSON.parse(readFileSync(join(data, 'knowledge.json'), 'utf8'))) await kb.upsertArticle(a);
    const diff = await comparePolicies(base, stricter, sample, { knowledge: kb });
    expect(diff.b.handoffs).toBeGreaterThan(diff.a.handoffs);
    expect(diff.b.contained).toBeLessThan(diff.a.contained);
    expect(diff.handoffRate.comparison.kind).toBe('significant_increase');
    expect(diff.containmentRate.comparison.kind).toBe('significant_decrease');
    expect(diff.containmentRate.comparison.lower!).toBeLessThanOrEqual(
      diff.containmentRate.comparison.difference!,
    );
    expect(diff.staffing.b!).toBeGreaterThanOrEqual(diff.staffing.a!);
  });
});
