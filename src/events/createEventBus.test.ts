import { describe, expect, expectTypeOf, it } from 'vitest';
import { createEventBus } from './createEventBus';
import type { SurveyEvent } from './eventMap';

describe('createEventBus', () => {
  it('delivers typed events to listeners and wildcard listeners', () => {
    const bus = createEventBus();
    const got: unknown[] = [];
    const all: string[] = [];
    bus.on('survey.suppressed', (e) => {
      expectTypeOf(e).toEqualTypeOf<SurveyEvent>();
      got.push(e.reason);
    });
    bus.on('*', (name) => all.push(String(name)));
    bus.emit('survey.suppressed', { at: new Date(0), surveyId: 's', recipientId: 'u', reason: 'throttled' });
    expect(got).toEqual(['throttled']);
    expect(all).toEqual(['survey.suppressed']);
  });

  it('supports host events and off()', () => {
    const bus = createEventBus<{ 'host.ping': { n: number } }>();
    const got: number[] = [];
    const handler = (e: { n: number }) => got.push(e.n);
    bus.on('host.ping', handler);
    bus.emit('host.ping', { n: 1 });
    bus.off('host.ping', handler);
    bus.emit('host.ping', { n: 2 });
    expect(got).toEqual([1]);
  });

  it('creates independent buses', () => {
    const a = createEventBus();
    const b = createEventBus();
    let count = 0;
    a.on('handoff.offered', () => count++);
    b.emit('handoff.offered', { at: new Date(0), conversationId: 'c', reasons: [] });
    expect(count).toBe(0);
  });
});
