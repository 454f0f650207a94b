import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBusinessCalendar } from '../calendar/index';
import { TandemError } from '../model/errors';
import { compileSurveyPolicy } from './compileSurveyPolicy';
import { createSurveyHistoryIndex } from './createSurveyHistoryIndex';
import { planSurvey, SURVEY_SUPPRESSION_REASONS, type SurveyPlan } from './planSurvey';
import type { SurveyHistoryEntryInput, SurveyPolicyInput, SurveyTriggerEventInput } from './schemas';

const DAY = 86_400_000;
const d = (iso: string) => new Date(iso);

const csat = {
  id: 'csat',
  kind: 'csat',
  trigger: 'conversation.resolved',
  delay: '24h',
  channel: 'email',
} as const;

// The pinned policy of DESIGN.md § Pinned shapes.
const pinnedPolicy: SurveyPolicyInput = {
  surveys: [csat],
  throttle: '30d',
  quietHours: { start: '21:00', end: '08:00' },
  fallbackTimeZone: 'UTC',
  expiry: '28d',
};

const resolved = (at: string, extra: Partial<SurveyTriggerEventInput> = {}): SurveyTriggerEventInput => ({
  type: 'conversation.resolved',
  at: d(at),
  conversationId: 'c1',
  customerId: 'u1',
  ...extra,
});

function scheduled(plan: SurveyPlan) {
  if (plan.kind !== 'scheduled') throw new Error(`expected scheduled, got ${plan.reason}: ${plan.detail}`);
  return plan;
}
function suppressed(plan: SurveyPlan) {
  if (plan.kind !== 'suppressed')
    throw new Error(`expected suppressed, got sendAt ${plan.sendAt.toISOString()}`);
  return plan;
}

describe('planSurvey: the pinned shape', () => {
  it('defers 02:00 Shanghai to 08:00 Shanghai (2026-11-22T00:00Z)', () => {
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T18:00:00Z'), pinnedPolicy, [], {
        now: d('2026-11-20T18:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Asia/Shanghai' },
      }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(plan.deferredFrom?.toISOString()).toBe('2026-11-21T18:00:00.000Z');
    expect(plan.deferral).toEqual(['quiet_hours']);
    expect(plan.expiresAt.toISOString()).toBe('2026-12-20T00:00:00.000Z');
    expect(plan.reminders).toEqual([]);
    expect(plan.survey.id).toBe('csat');
    expect(plan.channel).toBe('email');
    expect(plan.timeZone).toBe('Asia/Shanghai');
  });
});

describe('planSurvey: delay', () => {
  it.each([
    ['24h', '2026-11-21T10:00:00.000Z'],
    ['2h', '2026-11-20T12:00:00.000Z'],
    [{ days: 3 }, '2026-11-23T10:00:00.000Z'],
    [0, '2026-11-20T10:00:00.000Z'],
  ])('delay %j after a 10:00 UTC resolve -> %s', (delay, expected) => {
    const policy = { ...pinnedPolicy, surveys: [{ ...csat, delay }] };
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T10:00:00Z'), policy, [], {
        now: d('2026-11-20T10:00:00Z'),
        recipient: { id: 'u1', timeZone: 'UTC' },
      }),
    );
    expect(plan.sendAt.toISOString()).toBe(expected);
  });

  it('defaults to 24 h after the resolve', () => {
    const policy = {
      ...pinnedPolicy,
      surveys: [{ id: 'csat', kind: 'csat', trigger: 'conversation.resolved', channel: 'email' }],
    };
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T10:00:00Z'), policy as SurveyPolicyInput, [], {
        now: d('2026-11-20T10:00:00Z'),
      }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-21T10:00:00.000Z');
  });

  it('never plans a send before now (an event processed late goes out at once)', () => {
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T10:00:00Z'), pinnedPolicy, [], { now: d('2026-11-22T12:00:00Z') }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-22T12:00:00.000Z');
  });
});

describe('planSurvey: quiet hours in the recipient’s zone (default 21:00–08:00)', () => {
  // Each row: resolve time (delay 0 so the send time is the event time), zone, expected send.
  // Offsets: Shanghai UTC+8 all year; Warsaw CET UTC+1 / CEST UTC+2 (EU rules: last Sunday of
  // March / October, 01:00 UTC); Los Angeles PST UTC−8 / PDT UTC−7 (US rules: 2nd Sunday of
  // March, 1st Sunday of November, 02:00 local).
  const zero = { ...pinnedPolicy, surveys: [{ ...csat, delay: 0 }] };
  it.each([
    ['2026-11-21T10:00:00Z', 'Asia/Shanghai', '2026-11-21T10:00:00.000Z', '18:00 local: allowed'],
    [
      '2026-11-21T13:30:00Z',
      'Asia/Shanghai',
      '2026-11-22T00:00:00.000Z',
      '21:30 local: evening part, to 08:00 next day',
    ],
    [
      '2026-11-21T17:30:00Z',
      'Asia/Shanghai',
      '2026-11-22T00:00:00.000Z',
      '01:30 local: after midnight, to 08:00 same day',
    ],
    ['2026-11-21T23:59:00Z', 'Asia/Shanghai', '2026-11-22T00:00:00.000Z', '07:59 local: last quiet minute'],
    [
      '2026-11-22T00:00:00Z',
      'Asia/Shanghai',
      '2026-11-22T00:00:00.000Z',
      '08:00 local: window end is allowed',
    ],
    ['2026-11-21T12:59:00Z', 'Asia/Shanghai', '2026-11-21T12:59:00.000Z', '20:59 local: before the window'],
    ['2026-11-20T21:00:00Z', 'Europe/Warsaw', '2026-11-21T07:00:00.000Z', '22:00 CET: to 08:00 CET'],
    ['2026-07-10T19:30:00Z', 'Europe/Warsaw', '2026-07-11T06:00:00.000Z', '21:30 CEST: to 08:00 CEST'],
    ['2026-11-21T06:00:00Z', 'America/Los_Angeles', '2026-11-21T16:00:00.000Z', '22:00 PST: to 08:00 PST'],
    ['2026-11-21T20:00:00Z', 'America/Los_Angeles', '2026-11-21T20:00:00.000Z', '12:00 PST: allowed'],
  ])('%s in %s -> %s (%s)', (at, zone, expected) => {
    const plan = scheduled(
      planSurvey(resolved(at), zero, [], { now: d(at), recipient: { id: 'u1', timeZone: zone } }),
    );
    expect(plan.sendAt.toISOString()).toBe(expected);
  });

  it.each([
    // Warsaw, night of 2026-10-24/25: clocks go back 03:00 CEST -> 02:00 CET. 22:00 CEST (20:00Z)
    // waits until 08:00 CET = 07:00Z (a fixed +2 offset would say 06:00Z).
    ['2026-10-24T20:00:00Z', 'Europe/Warsaw', '2026-10-25T07:00:00.000Z'],
    // Warsaw, night of 2026-03-28/29: 02:00 CET -> 03:00 CEST. 22:30 CET waits until 08:00 CEST = 06:00Z.
    ['2026-03-28T21:30:00Z', 'Europe/Warsaw', '2026-03-29T06:00:00.000Z'],
    // Los Angeles, night of 2026-10-31/11-01: 02:00 PDT -> 01:00 PST. 22:00 PDT waits until 08:00 PST = 16:00Z.
    ['2026-11-01T05:00:00Z', 'America/Los_Angeles', '2026-11-01T16:00:00.000Z'],
    // Los Angeles, night of 2026-03-07/08: 02:00 PST -> 03:00 PDT. 22:00 PST waits until 08:00 PDT = 15:00Z.
    ['2026-03-08T06:00:00Z', 'America/Los_Angeles', '2026-03-08T15:00:00.000Z'],
  ])('across a DST change: %s in %s -> %s', (at, zone, expected) => {
    const plan = scheduled(
      planSurvey(resolved(at), zero, [], { now: d(at), recipient: { id: 'u1', timeZone: zone } }),
    );
    expect(plan.sendAt.toISOString()).toBe(expected);
  });

  it('a window not crossing midnight (12:00–14:00) defers to its end the same day', () => {
    const policy = { ...zero, quietHours: { start: '12:00', end: '14:00' } };
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T12:30:00Z'), policy, [], {
        now: d('2026-11-20T12:30:00Z'),
        recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
      }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-20T13:00:00.000Z'); // 14:00 CET
  });

  it('a window end inside the spring-forward gap resolves forward (02:30 Warsaw does not exist on 2026-03-29)', () => {
    const policy = { ...zero, quietHours: { start: '00:00', end: '02:30' } };
    const plan = scheduled(
      planSurvey(resolved('2026-03-28T23:30:00Z'), policy, [], {
        now: d('2026-03-28T23:30:00Z'),
        recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
      }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-03-29T01:30:00.000Z'); // 03:30 CEST
  });

  it('quietHours: false sends at trigger + delay whatever the hour, and needs no time zone', () => {
    const policy: SurveyPolicyInput = { surveys: [{ ...csat, delay: 0 }], quietHours: false };
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T02:00:00Z'), policy, [], { now: d('2026-11-20T02:00:00Z') }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-20T02:00:00.000Z');
    expect(plan.timeZone).toBeNull();
  });

  it('also respects a business calendar (after quiet hours), in the calendar’s zone', () => {
    const week = [['09:00', '17:00']] as [string, string][];
    const calendar = createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: { mon: week, tue: week, wed: week, thu: week, fri: week },
    });
    // Friday 2026-11-20 22:00 CET: quiet until Sat 08:00, closed until Mon 09:00 CET = 08:00Z.
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T21:00:00Z'), zero, [], {
        now: d('2026-11-20T21:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
        calendar,
      }),
    );
    expect(plan.sendAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
    expect(plan.deferral).toEqual(['quiet_hours', 'business_hours']);
    // The same through a compiled policy.
    const compiled = compileSurveyPolicy(zero, { calendar });
    const again = scheduled(
      planSurvey(resolved('2026-11-20T21:00:00Z'), compiled, [], {
        now: d('2026-11-20T21:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
      }),
    );
    expect(again.sendAt.toISOString()).toBe('2026-11-23T08:00:00.000Z');
  });
});

describe('planSurvey: unknown time zone', () => {
  const zero = { ...pinnedPolicy, surveys: [{ ...csat, delay: 0 }] };
  it.each([[undefined], ['Mars/Olympus_Mons'], ['']])(
    'recipient zone %j uses the policy fallback',
    (zone) => {
      const policy = { ...zero, fallbackTimeZone: 'America/Los_Angeles' };
      const plan = scheduled(
        planSurvey(resolved('2026-11-21T06:00:00Z'), policy, [], {
          now: d('2026-11-21T06:00:00Z'),
          recipient: zone === undefined ? { id: 'u1' } : { id: 'u1', timeZone: zone },
          explain: true,
        }),
      );
      expect(plan.timeZone).toBe('America/Los_Angeles');
      expect(plan.sendAt.toISOString()).toBe('2026-11-21T16:00:00.000Z');
      expect(plan.trace?.find((s) => s.step === 'time_zone')?.detail).toContain(
        'fallback America/Los_Angeles',
      );
    },
  );

  // Issue 16 (problem 6): a misspelt zone became the fallback, visible only in the trace.
  it('a misspelt recipient zone is a visible unknown_time_zone warning on the scheduled result', () => {
    const policy = { ...zero, fallbackTimeZone: 'UTC' };
    const plan = scheduled(
      planSurvey(resolved('2026-11-21T06:00:00Z'), policy, [], {
        now: d('2026-11-21T06:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Asia/Shangai' },
      }),
    );
    expect(plan.timeZone).toBe('UTC');
    expect(plan.warnings).toEqual([
      {
        code: 'unknown_time_zone',
        detail: expect.stringContaining('"Asia/Shangai"'),
        timeZone: 'Asia/Shangai',
        fallbackTimeZone: 'UTC',
      },
    ]);
    const missing = scheduled(
      planSurvey(resolved('2026-11-21T06:00:00Z'), policy, [], {
        now: d('2026-11-21T06:00:00Z'),
        recipient: { id: 'u1' },
      }),
    );
    expect(missing.warnings?.[0]).toMatchObject({ code: 'unknown_time_zone', timeZone: null });
    const known = scheduled(
      planSurvey(resolved('2026-11-21T06:00:00Z'), policy, [], {
        now: d('2026-11-21T06:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Asia/Shanghai' },
      }),
    );
    expect(known.warnings).toBeUndefined();
  });

  it('suppresses with unknown_time_zone when there is no fallback (quiet hours cannot be honoured)', () => {
    const { fallbackTimeZone: _, ...policy } = zero;
    const plan = suppressed(
      planSurvey(resolved('2026-11-21T06:00:00Z'), policy, [], {
        now: d('2026-11-21T06:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Nowhere/Land' },
      }),
    );
    expect(plan.reason).toBe('unknown_time_zone');
    expect(plan.detail).toContain('Nowhere/Land');
  });

  it('rejects an unknown fallback zone in the policy', () => {
    expect(() => compileSurveyPolicy({ ...pinnedPolicy, fallbackTimeZone: 'Europe/Atlantis' })).toThrow(
      /fallbackTimeZone: .*unknown IANA time zone/,
    );
  });
});

describe('planSurvey: throttle across surveys (default 30 days, dropped not retried)', () => {
  const policy: SurveyPolicyInput = {
    ...pinnedPolicy,
    quietHours: false,
    surveys: [csat, { id: 'nps', kind: 'nps', trigger: 'purchase.completed', delay: 0, channel: 'email' }],
  };
  // Send time is 2026-12-01T10:00Z (resolve 2026-11-30T10:00Z + 24 h).
  const event = resolved('2026-11-30T10:00:00Z', { conversationId: 'c9' });
  const now = d('2026-11-30T10:00:00Z');
  const sendAt = Date.parse('2026-12-01T10:00:00Z');
  const sent = (t: number, surveyId = 'nps'): SurveyHistoryEntryInput => ({
    recipientId: 'u1',
    surveyId,
    sentAt: new Date(t),
  });

  it.each([
    ['exactly 30 days before', sendAt - 30 * DAY, 'scheduled'],
    ['30 days minus 1 ms before', sendAt - 30 * DAY + 1, 'throttled'],
    ['a day before', sendAt - DAY, 'throttled'],
    ['31 days before', sendAt - 31 * DAY, 'scheduled'],
    ['scheduled 29 days after', sendAt + 29 * DAY, 'throttled'],
    ['scheduled exactly 30 days after', sendAt + 30 * DAY, 'scheduled'],
  ])('another survey %s -> %s', (_, t, expected) => {
    const plan = planSurvey(event, policy, [sent(t)], { now });
    expect(plan.kind === 'scheduled' ? 'scheduled' : plan.reason).toBe(expected);
  });

  it('counts only this recipient’s sends', () => {
    const plan = planSurvey(
      event,
      policy,
      [{ recipientId: 'u2', surveyId: 'nps', sentAt: new Date(sendAt - DAY) }],
      { now },
    );
    expect(plan.kind).toBe('scheduled');
  });

  it('explains which survey throttled it', () => {
    const plan = suppressed(planSurvey(event, policy, [sent(sendAt - 2 * DAY)], { now }));
    expect(plan.detail).toContain('survey "nps" was sent 2026-11-29T10:00:00.000Z');
    expect(plan.detail).toContain('30 d');
  });

  it('throttle 0 disables it', () => {
    expect(planSurvey(event, { ...policy, throttle: 0 }, [sent(sendAt - 1000)], { now }).kind).toBe(
      'scheduled',
    );
  });
});

describe('planSurvey: frequency caps', () => {
  const base: SurveyPolicyInput = { surveys: [csat], quietHours: false, throttle: 0 };
  const event = resolved('2026-11-30T10:00:00Z', { conversationId: 'new' });
  const now = d('2026-11-30T10:00:00Z');
  const sendAt = Date.parse('2026-12-01T10:00:00Z');
  const history = (days: number[], surveyId = 'csat') =>
    days.map((n, i) => ({
      recipientId: 'u1',
      surveyId,
      sentAt: new Date(sendAt - n * DAY),
      conversationId: `old${i}`,
    }));

  it('per survey: max 2 in 90 days', () => {
    const policy = { ...base, surveys: [{ ...csat, caps: [{ max: 2, window: '90d' }] }] };
    expect(planSurvey(event, policy, history([10]), { now }).kind).toBe('scheduled');
    const plan = suppressed(planSurvey(event, policy, history([10, 80]), { now }));
    expect(plan.reason).toBe('cap_reached');
    expect(plan.detail).toContain('cap 2');
    // A send exactly 90 days before has left the trailing window.
    expect(planSurvey(event, policy, history([10, 90]), { now }).kind).toBe('scheduled');
    // Other surveys do not count against a per-survey cap.
    expect(planSurvey(event, policy, history([10, 80], 'nps'), { now }).kind).toBe('scheduled');
  });

  it('global: max 3 surveys of any kind in 365 days', () => {
    const policy = { ...base, caps: [{ max: 3, window: '365d' }] };
    expect(planSurvey(event, policy, [...history([10, 20]), ...history([30], 'nps')], { now })).toMatchObject(
      {
        kind: 'suppressed',
        reason: 'cap_reached',
      },
    );
    expect(planSurvey(event, policy, [...history([10]), ...history([400], 'nps')], { now }).kind).toBe(
      'scheduled',
    );
  });
});

describe('planSurvey: sampling (seeded, deterministic per recipient + event)', () => {
  const policy = (rate: number, seed = 'tandem-cx'): SurveyPolicyInput => ({
    surveys: [{ ...csat, sampleRate: rate }],
    quietHours: false,
    seed,
  });
  const now = d('2026-11-20T10:00:00Z');
  const plan = (i: number, rate: number, seed?: string) =>
    planSurvey(
      resolved('2026-11-20T10:00:00Z', { customerId: `u${i}`, conversationId: `c${i}` }),
      policy(rate, seed),
      [],
      {
        now,
        recipient: { id: `u${i}` },
      },
    );

  it('gives the same decision for the same recipient and event, every time', () => {
    for (let i = 0; i < 200; i++) expect(plan(i, 0.3).kind).toBe(plan(i, 0.3).kind);
  });

  it('changes the sample with the seed', () => {
    const a = Array.from({ length: 200 }, (_, i) => plan(i, 0.5).kind);
    const b = Array.from({ length: 200 }, (_, i) => plan(i, 0.5, 'other').kind);
    expect(a).not.toEqual(b);
  });

  it('rate 0 samples nobody and rate 1 everybody', () => {
    expect(plan(1, 0)).toMatchObject({ kind: 'suppressed', reason: 'sampled_out' });
    expect(plan(1, 1).kind).toBe('scheduled');
  });

  it('over 10^4 recipients the sampled rate is within 2 % of the setting (property)', () => {
    const compiled = (rate: number, seed: string) => compileSurveyPolicy(policy(rate, seed));
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 0.95, noNaN: true }),
        fc.string({ maxLength: 8 }),
        (rate, seed) => {
          const p = compiled(rate, seed);
          let kept = 0;
          const n = 10_000;
          for (let i = 0; i < n; i++) {
            const r = planSurvey(
              { type: 'conversation.resolved', at: now, customerId: `r${i}`, conversationId: `c${i}` },
              p,
              [],
              { now },
            );
            if (r.kind === 'scheduled') kept++;
          }
          // "within 2 %" read as 2 percentage points of the setting (absolute).
          expect(Math.abs(kept / n - rate)).toBeLessThanOrEqual(0.02);
        },
      ),
      { numRuns: 8 },
    );
  });
});

describe('planSurvey: once per conversation vs per resolution', () => {
  const history: SurveyHistoryEntryInput[] = [
    {
      recipientId: 'u1',
      surveyId: 'csat',
      sentAt: d('2026-10-01T10:00:00Z'),
      conversationId: 'c1',
      resolutionId: 'r1',
    },
  ];
  const base = { surveys: [csat], quietHours: false as const, throttle: 0 };
  const now = d('2026-11-20T10:00:00Z');

  it('once per conversation: a re-resolved conversation is not surveyed again', () => {
    const plan = suppressed(
      planSurvey(resolved('2026-11-20T10:00:00Z', { resolutionId: 'r2' }), base, history, { now }),
    );
    expect(plan.reason).toBe('already_surveyed');
    expect(plan.detail).toContain('conversation c1');
  });

  it('once per resolution: a new resolution of the same conversation is surveyed, the same one is not', () => {
    const policy = { ...base, surveys: [{ ...csat, once: 'resolution' as const }] };
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z', { resolutionId: 'r2' }), policy, history, { now }).kind,
    ).toBe('scheduled');
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z', { resolutionId: 'r1' }), policy, history, { now }),
    ).toMatchObject({
      kind: 'suppressed',
      reason: 'already_surveyed',
    });
  });

  it('another conversation of the same recipient is surveyed', () => {
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z', { conversationId: 'c2' }), base, history, { now }).kind,
    ).toBe('scheduled');
  });

  it('lifecycle events without a conversation are once per event', () => {
    const policy = {
      ...base,
      surveys: [
        { id: 'nps', kind: 'nps' as const, trigger: 'purchase.completed', channel: 'email' as const },
      ],
    };
    const event = {
      type: 'purchase.completed',
      at: d('2026-11-19T10:00:00Z'),
      customerId: 'u1',
      id: 'order-77',
    };
    const first = scheduled(planSurvey(event, policy, [], { now }));
    const again = planSurvey(
      event,
      policy,
      [{ recipientId: 'u1', surveyId: 'nps', sentAt: first.sendAt, eventKey: first.eventKey }],
      { now },
    );
    expect(again).toMatchObject({ kind: 'suppressed', reason: 'already_surveyed' });
  });
});

describe('planSurvey: exclusions, audience, consent, channel', () => {
  const now = d('2026-11-20T10:00:00Z');
  const base: SurveyPolicyInput = { surveys: [csat], quietHours: false };
  it.each([
    [{ spam: true }, 'spam'],
    [{ tags: ['spam'] }, 'spam'],
    [{ resolvedBy: 'bot' as const }, 'auto-resolved'],
    [{ resolvedBy: 'system' as const }, 'auto-resolved'],
    [{ initiatedBy: 'agent' as const }, 'started by an agent'],
  ])('%j is excluded by default', (extra, text) => {
    const plan = suppressed(planSurvey(resolved('2026-11-20T10:00:00Z', extra), base, [], { now }));
    expect(plan.reason).toBe('excluded');
    expect(plan.detail).toContain(text);
  });

  it('exclusions can be switched off and tags added', () => {
    const policy = { ...base, exclusions: { autoResolved: false, tags: ['legal'] } };
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z', { resolvedBy: 'bot' }), policy, [], { now }).kind,
    ).toBe('scheduled');
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z', { tags: ['legal'] }), policy, [], { now }),
    ).toMatchObject({
      reason: 'excluded',
      detail: 'the event has the excluded tag "legal"',
    });
  });

  it('audience rules use the routing condition language; the first matching survey wins', () => {
    const policy: SurveyPolicyInput = {
      quietHours: false,
      surveys: [
        {
          ...csat,
          id: 'vip-csat',
          channel: 'phone',
          audience: { field: 'recipient.segment', op: 'eq', value: 'vip' },
        },
        { ...csat, audience: { not: { field: 'event.tags', op: 'contains', value: 'internal' } } },
      ],
    };
    const vip = scheduled(
      planSurvey(resolved('2026-11-20T10:00:00Z'), policy, [], {
        now,
        recipient: { id: 'u1', segment: 'vip' },
      }),
    );
    expect(vip.surveyId).toBe('vip-csat');
    expect(vip.channel).toBe('phone');
    expect(scheduled(planSurvey(resolved('2026-11-20T10:00:00Z'), policy, [], { now })).surveyId).toBe(
      'csat',
    );
    const out = suppressed(
      planSurvey(resolved('2026-11-20T10:00:00Z', { tags: ['internal'] }), policy, [], {
        now,
        explain: true,
      }),
    );
    expect(out.reason).toBe('audience');
    const steps = out.trace!.filter((s) => s.step === 'audience');
    expect(steps.map((s) => s.outcome)).toEqual(['fail', 'fail', 'fail']);
    expect(steps[1]!.condition).toMatchObject({
      result: false,
      leaves: [{ field: 'event.tags', op: 'contains', seen: ['internal'] }],
    });
  });

  it('a typo in an audience event field is a config error naming its path', () => {
    expect(() =>
      compileSurveyPolicy({ surveys: [{ ...csat, audience: { field: 'event.tag', op: 'eq', value: 'x' } }] }),
    ).toThrow(/surveys\[0\]\.audience/);
    try {
      compileSurveyPolicy({
        surveys: [{ ...csat, audience: { field: 'recipient.segment', op: 'equals', value: 'x' } }],
      });
      expect.unreachable();
    } catch (e) {
      expect((e as TandemError).issues[0]!.path).toMatch(/^surveys\[0\]\.audience/);
    }
  });

  it.each([
    [{ optedOut: true }, false, 'opted out'],
    [{ consent: false }, false, 'declined'],
    [{}, true, 'requires consent'],
  ])('recipient %j (requireConsent %s) -> no_consent', (extra, requireConsent, text) => {
    const plan = suppressed(
      planSurvey(resolved('2026-11-20T10:00:00Z'), { ...base, requireConsent }, [], {
        now,
        recipient: { id: 'u1', ...extra },
      }),
    );
    expect(plan.reason).toBe('no_consent');
    expect(plan.detail).toContain(text);
  });

  it('requireConsent with consent: true schedules', () => {
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z'), { ...base, requireConsent: true }, [], {
        now,
        recipient: { id: 'u1', consent: true },
      }).kind,
    ).toBe('scheduled');
  });

  it('a recipient with no contact channel is suppressed with channel_unavailable', () => {
    for (const recipient of [
      { id: 'u1', channels: [] },
      { id: 'u1', contacts: { email: '' } },
    ]) {
      const plan = suppressed(planSurvey(resolved('2026-11-20T10:00:00Z'), base, [], { now, recipient }));
      expect(plan.reason).toBe('channel_unavailable');
      expect(plan.detail).toBe('the recipient has no contact channel');
    }
  });

  it('a recipient listing other channels only is suppressed; listing the channel or none schedules', () => {
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z'), base, [], {
        now,
        recipient: { id: 'u1', channels: ['sms'] },
      }),
    ).toMatchObject({
      reason: 'channel_unavailable',
      detail: 'survey "csat" goes by email; the recipient can be reached by sms',
    });
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z'), base, [], {
        now,
        recipient: { id: 'u1', contacts: { email: 'a@b.c' } },
      }).kind,
    ).toBe('scheduled');
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z'), base, [], { now, recipient: { id: 'u1' } }).kind,
    ).toBe('scheduled');
  });

  it('no survey for the trigger -> no_matching_survey; disabled surveys do not match', () => {
    expect(planSurvey({ type: 'review.posted', at: now, customerId: 'u1' }, base, [], { now })).toMatchObject(
      {
        reason: 'no_matching_survey',
      },
    );
    expect(
      planSurvey(resolved('2026-11-20T10:00:00Z'), { ...base, surveys: [{ ...csat, enabled: false }] }, [], {
        now,
      }),
    ).toMatchObject({ reason: 'no_matching_survey' });
  });

  it('custom triggers and several triggers per survey', () => {
    const policy = {
      ...base,
      surveys: [{ ...csat, trigger: ['order.delivered', 'subscription.cancelled'] }],
    };
    expect(planSurvey({ type: 'order.delivered', at: now, customerId: 'u1' }, policy, [], { now }).kind).toBe(
      'scheduled',
    );
    expect(
      planSurvey({ type: 'subscription.cancelled', at: now, customerId: 'u1' }, policy, [], { now }).kind,
    ).toBe('scheduled');
  });
});

describe('planSurvey: expiry and reminders', () => {
  const now = d('2026-11-20T10:00:00Z');
  it('expiresAt is sendAt + expiry (default 28 days)', () => {
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T10:00:00Z'), { surveys: [csat], quietHours: false }, [], { now }),
    );
    expect(plan.expiresAt.getTime() - plan.sendAt.getTime()).toBe(28 * DAY);
  });

  it('suppresses an event so old that its response window has closed', () => {
    const plan = suppressed(
      planSurvey(resolved('2026-10-01T10:00:00Z'), { surveys: [csat], quietHours: false, expiry: '7d' }, [], {
        now,
      }),
    );
    expect(plan.reason).toBe('expired');
    // One millisecond earlier it would still go out (at once).
    const justInTime = d(new Date(Date.parse('2026-10-02T10:00:00Z') + 7 * DAY - 1).toISOString());
    expect(
      planSurvey(resolved('2026-10-01T10:00:00Z'), { surveys: [csat], quietHours: false, expiry: '7d' }, [], {
        now: justInTime,
      }).kind,
    ).toBe('scheduled');
  });

  it('plans reminders with spacing, out of quiet hours, and only before expiry', () => {
    const policy: SurveyPolicyInput = {
      surveys: [{ ...csat, delay: 0, expiry: '7d', reminders: { count: 3, spacing: '3d' } }],
      fallbackTimeZone: 'UTC',
    };
    // Sent 2026-11-20 20:00 Warsaw (19:00Z); reminders +3 d land at 20:00 local too.
    const plan = scheduled(
      planSurvey(resolved('2026-11-20T19:00:00Z'), policy, [], {
        now: d('2026-11-20T19:00:00Z'),
        recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
      }),
    );
    expect(plan.reminders.map((r) => r.toISOString())).toEqual([
      '2026-11-23T19:00:00.000Z',
      '2026-11-26T19:00:00.000Z',
    ]);
    // Spacing that lands in quiet hours is deferred: +3d2h = 22:00 local -> 08:00 next day.
    const late = scheduled(
      planSurvey(
        resolved('2026-11-20T19:00:00Z'),
        { ...policy, surveys: [{ ...csat, delay: 0, reminders: { count: 1, spacing: '3d2h' } }] },
        [],
        {
          now: d('2026-11-20T19:00:00Z'),
          recipient: { id: 'u1', timeZone: 'Europe/Warsaw' },
        },
      ),
    );
    expect(late.reminders.map((r) => r.toISOString())).toEqual(['2026-11-24T07:00:00.000Z']);
  });
});

describe('planSurvey: bad input', () => {
  const now = d('2026-11-20T10:00:00Z');
  const errorOf = (fn: () => unknown): TandemError => {
    try {
      fn();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      return e as TandemError;
    }
    throw new Error('expected a TandemError');
  };

  it('quiet hours 25:00 names quietHours.start', () => {
    const e = errorOf(() =>
      planSurvey(
        resolved('2026-11-20T10:00:00Z'),
        { ...pinnedPolicy, quietHours: { start: '25:00', end: '08:00' } },
        [],
        { now },
      ),
    );
    expect(e.code).toBe('INVALID_CONFIG');
    expect(e.path).toBe('quietHours.start');
    expect(e.message).toContain('"25:00"');
  });

  it('a negative delay names surveys[0].delay', () => {
    const e = errorOf(() => compileSurveyPolicy({ surveys: [{ ...csat, delay: '-1h' }] }));
    expect(e.path).toBe('surveys[0].delay');
    expect(e.message).toMatch(/negative/);
  });

  it('an unknown survey kind names surveys[0].kind', () => {
    const e = errorOf(() => compileSurveyPolicy({ surveys: [{ ...csat, kind: 'stars' as never }] }));
    expect(e.path).toBe('surveys[0].kind');
  });

  it('lists every problem at once', () => {
    const e = errorOf(() =>
      compileSurveyPolicy({
        surveys: [
          { ...csat, delay: -5, sampleRate: 2 },
          { ...csat, id: 'x', channel: 'pigeon' as never },
        ],
        quietHours: { start: '21:00', end: '8am' },
      }),
    );
    expect(e.issues.map((i) => i.path).sort()).toEqual([
      'quietHours.end',
      'surveys[0].delay',
      'surveys[0].sampleRate',
      'surveys[1].channel',
    ]);
  });

  it('a custom survey without questions, and duplicate ids, are config errors', () => {
    expect(errorOf(() => compileSurveyPolicy({ surveys: [{ ...csat, kind: 'custom' }] })).path).toBe(
      'surveys[0].questions',
    );
    expect(errorOf(() => compileSurveyPolicy({ surveys: [csat, csat] })).path).toBe('surveys[1].id');
  });

  it('a bad event, recipient or history entry is INVALID_INPUT with its path', () => {
    expect(
      errorOf(() =>
        planSurvey({ ...resolved('2026-11-20T10:00:00Z'), at: 'yesterday' }, pinnedPolicy, [], { now }),
      ).path,
    ).toBe('event.at');
    expect(
      errorOf(() =>
        planSurvey(resolved('2026-11-20T10:00:00Z'), pinnedPolicy, [], { now, recipient: { id: 'u2' } }),
      ).path,
    ).toBe('recipient.id');
    const bad = [
      { recipientId: 'u2', surveyId: 'csat', sentAt: '2026-11-01T00:00:00Z' },
      { recipientId: 'u1', surveyId: 'csat', sentAt: 'never' },
    ];
    expect(errorOf(() => planSurvey(resolved('2026-11-20T10:00:00Z'), pinnedPolicy, bad, { now })).path).toBe(
      'history[1].sentAt',
    );
    expect(errorOf(() => createSurveyHistoryIndex(bad)).path).toBe('history[1].sentAt');
    expect(
      errorOf(() =>
        planSurvey(resolved('2026-11-20T10:00:00Z'), pinnedPolicy, [], { now: new Date(Number.NaN) }),
      ).path,
    ).toBe('options.now');
  });
});

describe('planSurvey: properties', () => {
  const zones = ['Asia/Shanghai', 'Europe/Warsaw', 'America/Los_Angeles', 'UTC', 'Bad/Zone', undefined];
  const policyArb = fc.record({
    throttleDays: fc.integer({ min: 0, max: 40 }),
    sampleRate: fc.double({ min: 0, max: 1, noNaN: true }),
    requireConsent: fc.boolean(),
    fallback: fc.constantFrom('UTC', undefined),
    cap: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
    once: fc.constantFrom('conversation', 'resolution', 'event'),
  });
  type PolicyParams = typeof policyArb extends fc.Arbitrary<infer T> ? T : never;
  const t0 = Date.parse('2026-11-01T00:00:00Z');
  const eventArb = fc.record({
    type: fc.constantFrom('conversation.resolved', 'purchase.completed', 'custom.thing'),
    offset: fc.integer({ min: 0, max: 60 * DAY }),
    customer: fc.constantFrom('u1', 'u2', 'u3'),
    conversation: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: undefined }),
    resolvedBy: fc.option(fc.constantFrom('agent', 'bot', 'system'), { nil: undefined }),
    spam: fc.option(fc.boolean(), { nil: undefined }),
    zone: fc.constantFrom(...zones),
    channels: fc.option(fc.subarray(['email', 'sms', 'chat'] as const), { nil: undefined }),
    consent: fc.option(fc.boolean(), { nil: undefined }),
  });
  const historyArb = fc.array(
    fc.record({
      recipientId: fc.constantFrom('u1', 'u2', 'u3'),
      surveyId: fc.constantFrom('csat', 'nps'),
      offset: fc.integer({ min: 0, max: 90 * DAY }),
      conversationId: fc.option(fc.constantFrom('c1', 'c2', 'c3'), { nil: undefined }),
    }),
    { maxLength: 12 },
  );

  const build = (p: PolicyParams): SurveyPolicyInput => ({
    surveys: [
      {
        ...csat,
        sampleRate: p.sampleRate,
        once: p.once,
        ...(p.cap ? { caps: [{ max: p.cap, window: '60d' }] } : {}),
      },
      { id: 'nps', kind: 'nps', trigger: 'purchase.completed', channel: 'sms', delay: '7d' },
    ],
    throttle: p.throttleDays * DAY,
    requireConsent: p.requireConsent,
    ...(p.fallback ? { fallbackTimeZone: p.fallback } : {}),
  });

  it('every suppressed result has a known reason code and a detail; every scheduled one is after now, outside quiet hours, before expiry', () => {
    fc.assert(
      fc.property(policyArb, eventArb, historyArb, (p, e, h) => {
        const policy = build(p);
        const now = new Date(t0 + 30 * DAY);
        const history = h.map((x) => ({
          recipientId: x.recipientId,
          surveyId: x.surveyId,
          sentAt: new Date(t0 + x.offset),
          ...(x.conversationId ? { conversationId: x.conversationId } : {}),
        }));
        const event: SurveyTriggerEventInput = {
          type: e.type,
          at: new Date(t0 + e.offset),
          customerId: e.customer,
          ...(e.conversation ? { conversationId: e.conversation } : {}),
          ...(e.resolvedBy ? { resolvedBy: e.resolvedBy } : {}),
          ...(e.spam !== undefined ? { spam: e.spam } : {}),
        };
        const recipient = {
          id: e.customer,
          ...(e.zone !== undefined ? { timeZone: e.zone } : {}),
          ...(e.channels ? { channels: [...e.channels] } : {}),
          ...(e.consent !== undefined ? { consent: e.consent } : {}),
        };
        const plan = planSurvey(event, policy, history, { now, recipient, explain: true });
        // Same answer from an index as from the array, and with or without a trace.
        const viaIndex = planSurvey(event, compileSurveyPolicy(policy), createSurveyHistoryIndex(history), {
          now,
          recipient,
        });
        expect({ ...viaIndex, trace: undefined }).toEqual({ ...plan, trace: undefined });
        expect(plan.trace!.length).toBeGreaterThan(0);
        if (plan.kind === 'suppressed') {
          expect(SURVEY_SUPPRESSION_REASONS).toContain(plan.reason);
          expect(plan.detail.length).toBeGreaterThan(0);
          expect(plan.trace!.at(-1)).toMatchObject({ outcome: 'fail' });
        } else {
          expect(plan.sendAt.getTime()).toBeGreaterThanOrEqual(now.getTime());
          expect(plan.expiresAt.getTime()).toBeGreaterThan(plan.sendAt.getTime());
          const zone = plan.timeZone!;
          const hour = Number(
            new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(
              plan.sendAt,
            ),
          );
          expect(hour >= 8 && hour < 21).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });
});
