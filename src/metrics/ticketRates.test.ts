import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  automatedResolutionRate,
  containmentRate,
  fcr,
  handoffRate,
  reopenRate,
  routingAccuracy,
  transferRate,
} from './ticketRates';

const H = 3_600_000;
const D = 24 * H;

describe('fcr', () => {
  // Call Centre Helper: a contact fails FCR when the customer contacts again within 7 days;
  // WFM Labs: a transfer or reopen also fails it.
  const tickets = [
    { customerId: 'a', createdAt: 0, resolvedAt: H }, // repeat on day 5 → not FCR
    { customerId: 'a', createdAt: 5 * D, resolvedAt: 5 * D + H }, // repeat on day 13 > 7 d after → FCR
    { customerId: 'a', createdAt: 13 * D, resolvedAt: 13 * D + H }, // FCR
    { customerId: 'b', createdAt: 0, resolvedAt: H, reopens: 1 }, // reopened
    { customerId: 'c', createdAt: 0, resolvedAt: H, transfers: 1 }, // transferred
    { customerId: 'd', createdAt: 0 }, // unresolved
  ];
  it.each([
    ['7-day window (default)', {}, { count: 2, n: 6 }],
    ['resolved-only denominator (Freshservice)', { denominator: 'resolved' as const }, { count: 2, n: 5 }],
    ['10-day window catches day 13', { repeatWindow: '10d' }, { count: 1, n: 6 }],
    ['transfers allowed', { transfersBreakFcr: false }, { count: 3, n: 6 }],
  ])('%s', (_name, options, expected) => {
    expect(fcr(tickets, options)).toMatchObject(expected);
  });

  it('a contact at the very same instant counts as a repeat; unknown customers are reported', () => {
    const r = fcr([
      { customerId: 'x', createdAt: 0, resolvedAt: 10 },
      { customerId: 'x', createdAt: 0, resolvedAt: 20 },
      { createdAt: 0, resolvedAt: 5 },
    ]);
    expect(r).toMatchObject({ count: 1, n: 3, withoutCustomer: 1 });
  });

  it('empty → null', () => {
    expect(fcr([])).toMatchObject({ value: null, n: 0 });
  });
});

describe('reopenRate and transferRate', () => {
  // Zendesk Explore: reopened / solved tickets. ICMI: transferred / handled.
  it('reopen: among tickets solved at least once', () => {
    const t = [
      {
        createdAt: 0,
        events: [
          { type: 'solved', at: 1 },
          { type: 'reopened', at: 2 },
        ],
      },
      { createdAt: 0, resolvedAt: 5 },
      { createdAt: 0 },
    ];
    expect(reopenRate(t)).toMatchObject({ value: 0.5, count: 1, n: 2 });
  });
  it('transfer: explicit counts or events; handoffs only on request', () => {
    const t = [
      { createdAt: 0, transfers: 1 },
      { createdAt: 0, events: [{ type: 'conversation.transferred', at: 3 }] },
      { createdAt: 0, handedOffAt: 4 },
      { createdAt: 0 },
    ];
    expect(transferRate(t)).toMatchObject({ value: 0.5, count: 2, n: 4 });
    expect(transferRate(t, { includeHandoffs: true }).value).toBe(0.75);
  });
});

describe('routingAccuracy', () => {
  it('re-routes and transfers within the window are misroutes', () => {
    const t = [
      { createdAt: 0, events: [{ type: 'conversation.routed', at: 0, queue: 'billing' }] },
      {
        createdAt: 0,
        events: [
          { type: 'conversation.routed', at: 0, queue: 'billing' },
          { type: 'conversation.routed', at: 5 * 60_000, queue: 'tech' },
        ],
      },
      {
        createdAt: 0,
        events: [
          { type: 'routed', at: 0, queue: 'tech' },
          { type: 'transferred', at: 2 * H },
        ],
      },
      { createdAt: 0, transfers: 1 }, // moved, time unknown → misrouted whatever the window
    ];
    expect(routingAccuracy(t)).toMatchObject({ value: 0.25, count: 1, n: 4 });
    expect(routingAccuracy(t, { within: '30m' })).toMatchObject({ value: 0.5, count: 2 });
  });
});

describe('bot outcome rates', () => {
  const t = [
    { customerId: 'a', createdAt: 0, botOnly: true, resolvedAt: H },
    { customerId: 'b', createdAt: 0, botOnly: true, resolvedAt: H },
    { customerId: 'b', createdAt: 48 * H, humanInvolved: true }, // repeat within 72 h of b's resolution
    {
      customerId: 'c',
      createdAt: 0,
      messages: [
        { author: 'bot' as const, at: 0 },
        { author: 'agent' as const, at: 60_000 },
      ],
      events: [{ type: 'handoff.escalated', at: 30_000 }],
    },
    { customerId: 'd', createdAt: 0, botOnly: true }, // contained but never resolved
  ];
  it('containment: no human among bot conversations (IBM watsonx Assistant)', () => {
    expect(containmentRate(t)).toMatchObject({ value: 0.75, count: 3, n: 4 });
  });
  it('handoff rate among bot conversations', () => {
    expect(handoffRate(t)).toMatchObject({ value: 0.25, count: 1, n: 4 });
  });
  it('verified automated resolution: no human, resolved, no repeat within 72 h (Zendesk)', () => {
    expect(automatedResolutionRate(t)).toMatchObject({ value: 0.2, count: 1, n: 5 });
    expect(automatedResolutionRate(t, { denominator: 'bot' })).toMatchObject({ value: 0.25, n: 4 });
    expect(automatedResolutionRate(t, { repeatWindow: '24h' })).toMatchObject({ count: 2 });
  });
  it('empty → null everywhere', () => {
    for (const f of [
      containmentRate,
      handoffRate,
      automatedResolutionRate,
      reopenRate,
      transferRate,
      routingAccuracy,
    ])
      expect(f([]).value).toBeNull();
  });
});

describe('property: every ticket rate stays in [0, 1]', () => {
  const ticket = fc.record({
    customerId: fc.constantFrom('a', 'b', 'c'),
    createdAt: fc.integer({ min: 0, max: 30 * D }),
    resolveAfter: fc.option(fc.integer({ min: 0, max: 5 * D })),
    reopens: fc.nat(2),
    transfers: fc.nat(2),
    botOnly: fc.option(fc.boolean()),
    handedOff: fc.boolean(),
  });
  it('for fcr, reopen, transfer, routing, containment, handoff and automated resolution', () => {
    fc.assert(
      fc.property(fc.array(ticket, { maxLength: 30 }), (xs) => {
        const tickets = xs.map((x) => ({
          customerId: x.customerId,
          createdAt: x.createdAt,
          ...(x.resolveAfter === null ? {} : { resolvedAt: x.createdAt + x.resolveAfter }),
          reopens: x.reopens,
          transfers: x.transfers,
          ...(x.botOnly === null ? {} : { botOnly: x.botOnly }),
          handedOff: x.handedOff,
        }));
        return [
          fcr,
          reopenRate,
          transferRate,
          routingAccuracy,
          containmentRate,
          handoffRate,
          automatedResolutionRate,
        ].every((f) => {
          const r = f(tickets);
          return r.value === null ? r.n === 0 : r.value >= 0 && r.value <= 1 && r.count <= r.n;
        });
      }),
      { numRuns: 200 },
    );
  });
});
