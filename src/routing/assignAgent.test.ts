import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import type { AgentInput } from '../model/schemas';
import { assignAgent } from './assignAgent';
import { drainQueue } from './drainQueue';
import { type AssignmentState, AssignmentStateSchema } from './schemas';

const now = new Date('2026-03-02T10:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000).toISOString();

const team: AgentInput[] = [
  {
    id: 'ana',
    languages: ['pl', 'en'],
    capacity: { chat: 3, email: 4 },
    skills: [{ name: 'billing', level: 6 }],
    team: 'eu',
  },
  {
    id: 'ben',
    languages: ['en'],
    capacity: { chat: 3, phone: 1 },
    skills: [
      { name: 'billing', level: 9 },
      { name: 'fraud', level: 4 },
    ],
    team: 'eu',
  },
  {
    id: 'cai',
    languages: ['zh', 'en'],
    capacity: { chat: 2 },
    skills: [{ name: 'tech', level: 8 }],
    team: 'asia',
  },
  {
    id: 'dan',
    languages: ['en', 'de'],
    capacity: { chat: 3 },
    status: 'away',
    skills: [{ name: 'billing', level: 10 }],
  },
];

describe('assignAgent — strategies', () => {
  it('round_robin rotates through eligible agents and wraps, per queue', () => {
    let state: AssignmentState | undefined;
    const picks: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = assignAgent({ id: `c${i}`, channel: 'chat', queue: 'q' }, team, {
        strategy: 'round_robin',
        now,
        ...(state ? { state } : {}),
      });
      expect(r.kind).toBe('assigned');
      if (r.kind === 'assigned') picks.push(r.agentId);
      state = r.state;
    }
    expect(picks).toEqual(['ana', 'ben', 'cai', 'ana']); // dan is away
    expect(state?.roundRobin).toEqual({ q: 'ana' });
    // another queue has its own pointer
    const other = assignAgent({ id: 'x', channel: 'chat', queue: 'other' }, team, {
      strategy: 'round_robin',
      now,
      state: state!,
    });
    expect(other.kind === 'assigned' && other.agentId).toBe('ana');
  });

  it('least_busy counts only open and on-hold work, not work waiting on the customer', () => {
    const workload = [
      { agentId: 'ana', channel: 'chat' as const, status: 'open' as const },
      { agentId: 'ben', channel: 'chat' as const, status: 'pending' as const },
      { agentId: 'ben', channel: 'chat' as const, status: 'pending' as const },
      { agentId: 'cai', channel: 'chat' as const, status: 'on_hold' as const },
    ];
    const r = assignAgent({ id: 'c', channel: 'chat' }, team, { strategy: 'least_busy', now, workload });
    expect(r).toMatchObject({ kind: 'assigned', agentId: 'ben' });
  });

  it('longest_idle picks the agent whose last assignment is oldest (never assigned first)', () => {
    const state = {
      roundRobin: {},
      log: [],
      lastAssignedAt: {
        ana: now.getTime() - 60_000,
        ben: now.getTime() - 600_000,
        cai: now.getTime() - 5_000,
      },
    };
    expect(
      assignAgent({ id: 'c', channel: 'chat' }, team, { strategy: 'longest_idle', now, state }),
    ).toMatchObject({ agentId: 'ben' });
    const fresh = { ...state, lastAssignedAt: { ana: 1, ben: 2 } };
    expect(
      assignAgent({ id: 'c', channel: 'chat' }, team, { strategy: 'longest_idle', now, state: fresh }),
    ).toMatchObject({ agentId: 'cai' });
  });

  it('longest_idle reads only own state entries: agents named constructor, toString or __proto__ count as never assigned', () => {
    for (const id of ['constructor', 'toString', '__proto__']) {
      const agents: AgentInput[] = [
        { id: 'ana', capacity: { chat: 3 } },
        { id, capacity: { chat: 3 } },
      ];
      const state = { roundRobin: {}, log: [], lastAssignedAt: { ana: now.getTime() - 60_000 } };
      expect(
        assignAgent({ id: 'c', channel: 'chat' }, agents, { strategy: 'longest_idle', now, state }),
      ).toMatchObject({ kind: 'assigned', agentId: id });
    }
  });

  it('keeps a __proto__ queue pointer and a __proto__ agent time as own state entries', () => {
    const agents: AgentInput[] = [
      { id: 'ana', capacity: { chat: 3 } },
      { id: '__proto__', capacity: { chat: 3 } },
      { id: 'ben', capacity: { chat: 3 } },
    ];
    const queue = [0, 1, 2, 3].map((i) => ({
      id: `c${i}`,
      channel: 'chat' as const,
      queue: '__proto__',
      enqueuedAt: minutesAgo(10 - i),
    }));
    const r = drainQueue(queue, agents, { strategy: 'round_robin', now });
    expect(r.assigned.map((a) => a.agentId)).toEqual(['ana', '__proto__', 'ben', 'ana']);
    expect(Object.getPrototypeOf(r.state.roundRobin)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(r.state.roundRobin, '__proto__')?.value).toBe('ana');
    expect(Object.getOwnPropertyDescriptor(r.state.lastAssignedAt, '__proto__')?.value).toBe(now.getTime());
  });

  it('skills_best_match prefers higher levels and respects minimum levels', () => {
    expect(
      assignAgent({ id: 'c', channel: 'chat', skills: ['billing'] }, team, {
        strategy: 'skills_best_match',
        now,
      }),
    ).toMatchObject({ agentId: 'ben' });
    const r = assignAgent({ id: 'c', channel: 'chat', skills: [{ name: 'fraud', minLevel: 5 }] }, team, {
      strategy: 'skills_best_match',
      now,
    });
    expect(r).toMatchObject({ kind: 'queued', reason: 'no_matching_agents' });
    const ben = r.trace.steps[0]!.agents.find((a) => a.agentId === 'ben')!;
    expect(ben.excluded.map((e) => e.code)).toEqual(['skill_level']);
  });

  it('language and team scoping (pt-BR matches pt)', () => {
    expect(
      assignAgent({ id: 'c', channel: 'chat', language: 'zh-Hans' }, team, { strategy: 'least_busy', now }),
    ).toMatchObject({ agentId: 'cai' });
    expect(
      assignAgent({ id: 'c', channel: 'chat', team: 'eu', language: 'pl' }, team, {
        strategy: 'least_busy',
        now,
      }),
    ).toMatchObject({ agentId: 'ana' });
  });

  it('sticky: previous agent first; waits up to the timeout; then falls back', () => {
    const busyBen = [1, 2, 3].map(() => ({ agentId: 'ben', channel: 'chat' as const }));
    const base = { strategy: 'sticky' as const, now, stickyTimeout: '5m' };
    expect(
      assignAgent(
        { id: 'c', channel: 'chat', previousAgentId: 'ben', enqueuedAt: minutesAgo(1) },
        team,
        base,
      ),
    ).toMatchObject({
      kind: 'assigned',
      agentId: 'ben',
      trace: { sticky: { outcome: 'assigned' } },
    });
    const waiting = assignAgent(
      { id: 'c', channel: 'chat', previousAgentId: 'ben', enqueuedAt: minutesAgo(1) },
      team,
      { ...base, workload: busyBen },
    );
    expect(waiting).toMatchObject({
      kind: 'queued',
      reason: 'waiting_for_previous_agent',
      trace: { sticky: { outcome: 'waiting' } },
    });
    const fallback = assignAgent(
      { id: 'c', channel: 'chat', previousAgentId: 'ben', enqueuedAt: minutesAgo(6) },
      team,
      { ...base, workload: busyBen },
    );
    expect(fallback).toMatchObject({
      kind: 'assigned',
      agentId: 'ana',
      trace: { sticky: { outcome: 'timed_out' } },
    });
    const unknown = assignAgent({ id: 'c', channel: 'chat', previousAgentId: 'zed' }, team, base);
    expect(unknown).toMatchObject({ kind: 'assigned', trace: { sticky: { outcome: 'unknown_agent' } } });
  });
});

describe('assignAgent — capacity, fairness, availability', () => {
  it('capacity per channel with weights: chat 1, email 0.5, phone takes all', () => {
    const ana = [team[0]!]; // chat 3, email 4 → budget max(3, 2) = 3 units
    const two = [
      { agentId: 'ana', channel: 'chat' as const },
      { agentId: 'ana', channel: 'chat' as const },
    ];
    expect(
      assignAgent({ id: 'e', channel: 'email' }, ana, { strategy: 'least_busy', now, workload: two }).kind,
    ).toBe('assigned');
    const twoChatsTwoEmails = [
      ...two,
      { agentId: 'ana', channel: 'email' as const },
      { agentId: 'ana', channel: 'email' as const },
    ];
    const full = assignAgent({ id: 'e', channel: 'email' }, ana, {
      strategy: 'least_busy',
      now,
      workload: twoChatsTwoEmails,
    });
    expect(full).toMatchObject({ kind: 'queued', reason: 'no_capacity' });
    expect(full.trace.steps[0]!.agents[0]!.excluded[0]!.code).toBe('capacity_full');
    // per-channel limit
    const threeChats = [...two, { agentId: 'ana', channel: 'chat' as const }];
    expect(
      assignAgent({ id: 'c', channel: 'chat' }, ana, { strategy: 'least_busy', now, workload: threeChats })
        .trace.steps[0]!.agents[0]!.excluded[0]!.code,
    ).toBe('channel_full');
    // custom weights: email costs a full unit
    const twoAndOne = [...two, { agentId: 'ana', channel: 'email' as const }];
    expect(
      assignAgent({ id: 'e', channel: 'email' }, ana, { strategy: 'least_busy', now, workload: twoAndOne })
        .kind,
    ).toBe('assigned');
    // custom weights: email costs a full unit → budget max(3, 4) = 4; 2 chats + 2 emails fill it
    const heavy = assignAgent({ id: 'e', channel: 'email' }, ana, {
      strategy: 'least_busy',
      now,
      workload: twoChatsTwoEmails,
      channelWeights: { email: 1 },
    });
    expect(heavy.kind).toBe('queued');
    expect(
      assignAgent({ id: 'e', channel: 'email' }, ana, {
        strategy: 'least_busy',
        now,
        workload: twoAndOne,
        channelWeights: { email: 1 },
      }).kind,
    ).toBe('assigned');
    // phone takes the whole agent
    const ben = [team[1]!];
    const onChat = [{ agentId: 'ben', channel: 'chat' as const }];
    expect(
      assignAgent({ id: 'p', channel: 'phone' }, ben, { strategy: 'least_busy', now, workload: onChat }),
    ).toMatchObject({ kind: 'queued', reason: 'no_capacity' });
    expect(assignAgent({ id: 'p', channel: 'phone' }, ben, { strategy: 'least_busy', now }).kind).toBe(
      'assigned',
    );
    const onPhone = [{ agentId: 'ben', channel: 'phone' as const }];
    expect(
      assignAgent({ id: 'c', channel: 'chat' }, ben, { strategy: 'least_busy', now, workload: onPhone }).kind,
    ).toBe('queued');
    // a channel the agent has no capacity for
    expect(
      assignAgent({ id: 'c', channel: 'sms' }, ben, { strategy: 'least_busy', now }).trace.steps[0]!
        .agents[0]!.excluded[0]!.code,
    ).toBe('no_channel');
  });

  it('fairness window: at most N assignments per window', () => {
    const agents = [team[0]!, team[1]!];
    const fairness = { window: '1h', maxAssignments: 2 };
    const log = [
      { agentId: 'ana', itemId: 'a', at: now.getTime() - 10 * 60_000 },
      { agentId: 'ana', itemId: 'b', at: now.getTime() - 20 * 60_000 },
      { agentId: 'ben', itemId: 'c', at: now.getTime() - 61 * 60_000 }, // outside the window
    ];
    const state = { roundRobin: {}, lastAssignedAt: {}, log };
    const r = assignAgent({ id: 'x', channel: 'chat' }, agents, {
      strategy: 'round_robin',
      now,
      state,
      fairness,
    });
    expect(r).toMatchObject({ kind: 'assigned', agentId: 'ben' });
    const anaTrace = r.trace.steps[0]!.agents.find((a) => a.agentId === 'ana')!;
    expect(anaTrace.excluded.map((e) => e.code)).toEqual(['fairness_limit']);
    // the log is pruned to the window
    expect(r.state.log.map((e) => e.itemId)).toEqual(['a', 'b', 'x']);
    const onlyAna = assignAgent({ id: 'y', channel: 'chat' }, [team[0]!], {
      strategy: 'round_robin',
      now,
      state,
      fairness,
    });
    expect(onlyAna).toMatchObject({ kind: 'queued', reason: 'fairness_limit' });
  });

  it('nobody available', () => {
    const away = team.map((a) => ({ ...a, status: 'offline' as const }));
    const r = assignAgent({ id: 'c', channel: 'chat' }, away, { strategy: 'least_busy', now });
    expect(r).toMatchObject({ kind: 'queued', reason: 'no_agents_available' });
    expect(r.trace.steps[0]!.agents).toHaveLength(4);
    expect(r.trace.steps[0]!.agents.every((a) => a.excluded.some((e) => e.code === 'unavailable'))).toBe(
      true,
    );
    expect(assignAgent({ id: 'c', channel: 'chat' }, [], { strategy: 'least_busy', now })).toMatchObject({
      kind: 'queued',
      reason: 'no_matching_agents',
    });
  });
});

describe('assignAgent — bullseye relaxation', () => {
  const agents: AgentInput[] = [
    {
      id: 'expert',
      capacity: { chat: 1 },
      skills: [
        { name: 'mortgage', level: 9 },
        { name: 'pl', level: 5 },
      ],
    },
    { id: 'general', capacity: { chat: 2 }, skills: [{ name: 'pl', level: 5 }] },
    { id: 'anyone', capacity: { chat: 2 }, skills: [] },
  ];
  const relaxation = [
    { after: '2m', dropSkills: ['mortgage'] },
    { after: '10m', skills: [] },
  ];
  const busyExpert = [{ agentId: 'expert', channel: 'chat' as const }];
  const item = (waitedMin: number) => ({
    id: 'c',
    channel: 'chat' as const,
    skills: ['mortgage', 'pl'],
    enqueuedAt: minutesAgo(waitedMin),
  });
  it.each([
    [0, busyExpert, 'queued', undefined, 0],
    [1.99, busyExpert, 'queued', undefined, 0],
    [2, busyExpert, 'assigned', 'general', 1],
    [0, [], 'assigned', 'expert', 0],
  ] as const)('waited %s min → %s %s', (waited, workload, kind, agentId, step) => {
    const r = assignAgent(item(waited), agents, {
      strategy: 'least_busy',
      now,
      workload: [...workload],
      relaxation,
    });
    expect(r.kind).toBe(kind);
    if (r.kind === 'assigned') expect([r.agentId, r.step]).toEqual([agentId, step]);
    else expect(r.trace.pendingSteps).toBe(2);
  });
  it('relaxes to anyone after 10 minutes', () => {
    const load = [...busyExpert, ...[1, 2].map(() => ({ agentId: 'general', channel: 'chat' as const }))];
    expect(
      assignAgent(item(9), agents, { strategy: 'least_busy', now, workload: load, relaxation }),
    ).toMatchObject({ kind: 'queued', reason: 'no_capacity' });
    expect(
      assignAgent(item(10), agents, { strategy: 'least_busy', now, workload: load, relaxation }),
    ).toMatchObject({ kind: 'assigned', agentId: 'anyone', step: 2 });
  });
  it('skips a step at once when nobody in it is available', () => {
    const expertAway = agents.map((a) => (a.id === 'expert' ? { ...a, status: 'away' as const } : a));
    const r = assignAgent(item(0), expertAway, { strategy: 'least_busy', now, relaxation });
    expect(r).toMatchObject({ kind: 'assigned', agentId: 'general', step: 1 });
    expect(r.trace.steps.map((s) => s.outcome)).toEqual(['skipped', 'assigned']);
    const noSkip = assignAgent(item(0), expertAway, {
      strategy: 'least_busy',
      now,
      relaxation,
      skipEmptySteps: false,
    });
    expect(noSkip).toMatchObject({ kind: 'queued', reason: 'no_agents_available' });
  });
  it('relaxation steps must be ordered', () => {
    expect(() =>
      assignAgent(item(0), agents, {
        strategy: 'least_busy',
        now,
        relaxation: [{ after: '5m' }, { after: '1m' }],
      }),
    ).toThrowError(/relaxation\[1\]\.after/);
  });
});

describe('assignAgent — roster validation cache', () => {
  it('picks up a status change and reports bad agents with their real index', () => {
    const roster: AgentInput[] = [
      { id: 'a', capacity: { chat: 1 } },
      { id: 'b', capacity: { chat: 1 } },
    ];
    expect(assignAgent({ id: 'c', channel: 'chat' }, roster, { strategy: 'round_robin', now })).toMatchObject(
      { agentId: 'a' },
    );
    roster[0]!.status = 'away';
    expect(assignAgent({ id: 'c', channel: 'chat' }, roster, { strategy: 'round_robin', now })).toMatchObject(
      { agentId: 'b' },
    );
    const withBad = [...roster, { id: 'x', capacity: { chat: -2 } }];
    expect(() =>
      assignAgent({ id: 'c', channel: 'chat' }, withBad, { strategy: 'round_robin', now }),
    ).toThrowError(/agents\[2\]\.capacity\.chat/);
  });
});

describe('assignAgent — bad input', () => {
  it('negative capacity names the agent path', () => {
    try {
      assignAgent(
        { id: 'c', channel: 'chat' },
        [
          { id: 'a', capacity: { chat: 1 } },
          { id: 'b', capacity: { chat: -1 } },
        ],
        { strategy: 'least_busy', now },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).path).toBe('agents[1].capacity.chat');
      expect((e as TandemError).message).toMatch(/must not be negative/);
    }
  });
  it('duplicate agent id, bad item, unknown strategy', () => {
    expect(() =>
      assignAgent({ id: 'c', channel: 'chat' }, [{ id: 'a' }, { id: 'a' }], { strategy: 'least_busy', now }),
    ).toThrowError(/agents\[1\]\.id/);
    expect(() =>
      assignAgent({ id: 'c', channel: 'fax' as 'chat' }, team, { strategy: 'least_busy', now }),
    ).toThrowError(/item\.channel/);
    expect(() =>
      assignAgent({ id: 'c', channel: 'chat' }, team, { strategy: 'random' as 'sticky', now }),
    ).toThrowError(/strategy/);
  });
});

describe('drainQueue', () => {
  it('drains the backlog oldest-first as capacity allows, without head-of-line blocking', () => {
    const agents: AgentInput[] = [
      { id: 'ana', capacity: { chat: 2 }, languages: ['en'] },
      { id: 'ben', capacity: { chat: 1 }, languages: ['en'] },
    ];
    const queue = [
      { id: 'q3', channel: 'chat' as const, enqueuedAt: minutesAgo(3) },
      { id: 'zh', channel: 'chat' as const, language: 'zh', enqueuedAt: minutesAgo(9) },
      { id: 'q1', channel: 'chat' as const, enqueuedAt: minutesAgo(8) },
      { id: 'q2', channel: 'chat' as const, enqueuedAt: minutesAgo(5) },
      { id: 'q4', channel: 'chat' as const, enqueuedAt: minutesAgo(1) },
      { id: 'q0', channel: 'chat' as const, enqueuedAt: minutesAgo(20) },
    ];
    const r = drainQueue(queue, agents, {
      strategy: 'least_busy',
      now,
      workload: [{ agentId: 'ana', channel: 'chat' }],
    });
    expect(r.assigned.map((a) => [a.itemId, a.agentId])).toEqual([
      ['q0', 'ben'],
      ['q1', 'ana'],
    ]);
    expect(r.queued.map((q) => [q.item.id, q.reason])).toEqual([
      ['zh', 'no_matching_agents'],
      ['q2', 'no_capacity'],
      ['q3', 'no_capacity'],
      ['q4', 'no_capacity'],
    ]);
    expect(r.state.log.map((e) => e.itemId)).toEqual(['q0', 'q1']);
    expect(AssignmentStateSchema.parse(JSON.parse(JSON.stringify(r.state)))).toEqual(r.state);
  });
  it('missing enqueuedAt is an input error with its path', () => {
    expect(() =>
      drainQueue([{ id: 'a', channel: 'chat' }], [], { strategy: 'least_busy', now }),
    ).toThrowError(/queue\[0\]\.enqueuedAt/);
  });
  it('property: never exceeds channel capacity; assignments are oldest-first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 120 }), { maxLength: 30 }),
        fc.constantFrom(
          'round_robin' as const,
          'least_busy' as const,
          'longest_idle' as const,
          'skills_best_match' as const,
        ),
        (caps, waits, strategy) => {
          const agents = caps.map((c, i) => ({ id: `a${i}`, capacity: { chat: c } }));
          const queue = waits.map((w, i) => ({
            id: `i${i}`,
            channel: 'chat' as const,
            enqueuedAt: minutesAgo(w),
          }));
          const r = drainQueue(queue, agents, { strategy, now });
          const total = caps.reduce((a, b) => a + b, 0);
          expect(r.assigned.length).toBe(Math.min(total, queue.length));
          const per = new Map<string, number>();
          for (const a of r.assigned) per.set(a.agentId, (per.get(a.agentId) ?? 0) + 1);
          for (const [id, n] of per) expect(n).toBeLessThanOrEqual(caps[Number(id.slice(1))]!);
          const waited = (id: string) => waits[Number(id.slice(1))]!;
          const assignedWaits = r.assigned.map((a) => waited(a.itemId));
          for (let i = 1; i < assignedWaits.length; i++)
            expect(assignedWaits[i]!).toBeLessThanOrEqual(assignedWaits[i - 1]!);
          for (const q of r.queued)
            for (const a of r.assigned) expect(waited(q.item.id)).toBeLessThanOrEqual(waited(a.itemId));
        },
      ),
      { numRuns: 150 },
    );
  });
});
