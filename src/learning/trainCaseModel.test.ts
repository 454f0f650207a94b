import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createBusinessCalendar } from '../calendar/index';
import { TandemError } from '../model/errors';
import { exceedanceProbability, timeBucket } from './caseModelCore';
import { CaseStepSchema, REMAINING_QUANTILE_LEVELS } from './caseModelSchemas';
import { loadCaseModel } from './loadCaseModel';
import { trainCaseModel } from './trainCaseModel';

const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const T0 = Date.UTC(2026, 2, 2, 9);

/** A small helpdesk log: open → assigned → (waiting_for_customer →) resolved, known durations. */
function helpdeskLog(cases = 20) {
  const events: Array<{ caseId: string; activity: string; at: string }> = [];
  for (let i = 0; i < cases; i++) {
    const start = T0 + i * 24 * H;
    const waits = i % 4 === 0;
    const steps: Array<[string, number]> = [
      ['open', 0],
      ['assigned', 1],
      ...(waits ? ([['waiting_for_customer', 2]] as Array<[string, number]>) : []),
      ['resolved', waits ? 50 : 3],
    ];
    for (const [activity, h] of steps) events.push({ caseId: `T${i}`, activity, at: iso(start + h * H) });
  }
  return events;
}

function expectTandemError(fn: () => unknown, path: string, pattern?: RegExp): TandemError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TandemError);
    const err = e as TandemError;
    expect(err.issues.map((i) => i.path)).toContain(path);
    if (pattern) expect(err.message).toMatch(pattern);
    return err;
  }
  throw new Error('expected a TandemError');
}

describe('trainCaseModel', () => {
  it('learns the next step and that the case ends', () => {
    const model = trainCaseModel(helpdeskLog(), { minSupport: 1 });
    expect(model.activities).toEqual(['assigned', 'open', 'resolved', 'waiting_for_customer']);
    const afterOpen = model.predict([{ activity: 'open', at: iso(T0) }]);
    expect(afterOpen.next[0]!.activity).toBe('assigned');
    expect(afterOpen.next[0]!.probability).toBeGreaterThan(0.6);
    const sum = afterOpen.next.reduce((s, n) => s + n.probability, 0);
    expect(sum).toBeCloseTo(1, 12);
    expect(afterOpen.next.map((n) => n.activity).sort()).toEqual(
      [null, 'assigned', 'open', 'resolved', 'waiting_for_customer'].sort(),
    );
    const afterResolved = model.predict([
      { activity: 'open', at: iso(T0) },
      { activity: 'assigned', at: iso(T0 + H) },
      { activity: 'resolved', at: iso(T0 + 3 * H) },
    ]);
    expect(afterResolved.next[0]!.activity).toBeNull();
  });

  it('remaining-time quantiles come from the matched state (known values)', () => {
    // 5 of 20 cases wait for the customer and end 48 h after "waiting", the others 2 h after "assigned".
    const model = trainCaseModel(helpdeskLog(), { minSupport: 1 });
    const waiting = model.predict(
      [
        { activity: 'open', at: iso(T0) },
        { activity: 'assigned', at: iso(T0 + H) },
        { activity: 'waiting_for_customer', at: iso(T0 + 2 * H) },
      ],
      { explain: true },
    );
    expect(waiting.remainingMs).toBe(48 * H);
    expect(waiting.remainingQuantilesMs).toEqual({ p10: 48 * H, p50: 48 * H, p90: 48 * H });
    expect(waiting.trace!.remaining.level).toBe('last activity + elapsed time');
    expect(waiting.trace!.remaining.support).toBe(5);
    // After "assigned" (1 h elapsed): 15 cases end 2 h later, 5 cases 49 h later → p10/p50 2 h, p90 49 h.
    const assigned = model.predict([
      { activity: 'open', at: iso(T0) },
      { activity: 'assigned', at: iso(T0 + H) },
    ]);
    expect(assigned.remainingQuantilesMs).toEqual({ p10: 2 * H, p50: 2 * H, p90: 49 * H });
  });

  it('backs off to coarser states, then to all prefixes, below minSupport', () => {
    const model = trainCaseModel(helpdeskLog(), { minSupport: 6 });
    const p = model.predict(
      [
        { activity: 'open', at: iso(T0) },
        { activity: 'assigned', at: iso(T0 + H) },
        { activity: 'waiting_for_customer', at: iso(T0 + 2 * H) },
      ],
      { explain: true },
    );
    expect(p.trace!.remaining.level).not.toBe('last activity + elapsed time');
    const never = trainCaseModel(helpdeskLog(), { minSupport: 10_000 });
    const g = never.predict([{ activity: 'open', at: iso(T0) }], { explain: true });
    expect(g.trace!.remaining).toEqual({ level: 'global', state: '', support: 65 }); // 5 cases × 4 steps + 15 × 3;
  });

  it('explains the features it used, unknown ones included', () => {
    const model = trainCaseModel(helpdeskLog(), { minSupport: 1, minFeatureCount: 1 });
    const p = model.predict([{ activity: 'never-seen', at: iso(T0) }], { explain: true });
    expect(p.trace!.features).toContainEqual({ feature: 'a1:never-seen', known: false, weight: 0 });
    const bias = p.trace!.features.find((f) => f.feature === 'bias')!;
    expect(bias.known).toBe(true);
    // The weights in the trace are the stored ones for the top activity.
    const top = model.toJSON().classes.indexOf(p.next[0]!.activity);
    expect(bias.weight).toBe(model.toJSON().weights.bias![top]);
    const after = model.predict([{ activity: 'open', at: iso(T0) }], { explain: true });
    expect(after.next[0]!.activity).toBe('assigned');
    expect(after.trace!.features.find((f) => f.feature === 'a1:open')!.weight).toBeGreaterThan(0);
    expect(p.trace!.sorted).toBe(false);
  });

  it('sorts events by time within a case, stably (input order does not matter)', () => {
    const log = helpdeskLog();
    const shuffled = [...log].reverse();
    // Reversing changes the case order (first appearance) and so the SGD order; the sorted steps,
    // and therefore the remaining-time part, are the same.
    const a = trainCaseModel(log, { minSupport: 1 });
    const b = trainCaseModel(shuffled, { minSupport: 1 });
    expect(b.toJSON().remaining).toEqual(a.toJSON().remaining);
    const steps = [
      { activity: 'assigned', at: iso(T0 + H) },
      { activity: 'open', at: iso(T0) },
    ];
    const p = a.predict(steps, { explain: true });
    expect(p.trace!.sorted).toBe(true);
    expect(p.next).toEqual(a.predict([steps[1]!, steps[0]!]).next);
  });

  it('same log → same JSON, byte for byte', () => {
    const a = JSON.stringify(trainCaseModel(helpdeskLog()).toJSON());
    const b = JSON.stringify(trainCaseModel(helpdeskLog()).toJSON());
    expect(a).toBe(b);
  });

  it('weighs recent cases more with halfLifeMs', () => {
    // Old cases take 100 h from "assigned" to "resolved", the recent ones 1 h.
    const events = [];
    for (let i = 0; i < 30; i++) {
      const start = T0 + i * 24 * H;
      const d = i < 20 ? 100 : 1;
      events.push(
        { caseId: `C${i}`, activity: 'assigned', at: iso(start) },
        { caseId: `C${i}`, activity: 'resolved', at: iso(start + d * H) },
      );
    }
    const steps = [{ activity: 'assigned', at: iso(T0) }];
    expect(trainCaseModel(events, { minSupport: 1 }).predict(steps).remainingMs).toBe(100 * H);
    expect(trainCaseModel(events, { minSupport: 1, halfLifeMs: 48 * H }).predict(steps).remainingMs).toBe(H);
  });

  it('counts business time with a calendar (and needs it back to load)', () => {
    const calendar = createBusinessCalendar({
      timeZone: 'Europe/Warsaw',
      hours: {
        mon: [['09:00', '17:00']],
        tue: [['09:00', '17:00']],
        wed: [['09:00', '17:00']],
        thu: [['09:00', '17:00']],
        fri: [['09:00', '17:00']],
      },
    });
    const model = trainCaseModel(helpdeskLog(), { calendar, hourAndWeekday: true, minFeatureCount: 1 });
    const json = model.toJSON();
    expect(json.settings).toMatchObject({
      businessTime: true,
      timeZone: 'Europe/Warsaw',
      hourAndWeekday: true,
    });
    // Friday 16:30 → Monday 09:30 Warsaw is one business hour, three calendar days: the time-since bucket says 1 h.
    const steps = [
      { activity: 'open', at: '2026-03-06T15:30:00Z' },
      { activity: 'assigned', at: '2026-03-09T08:30:00Z' },
    ];
    const p = model.predict(steps, { explain: true });
    expect(p.trace!.features.map((f) => f.feature)).toContain(`s:${timeBucket(H)}`);
    // Monday 09:30 in Warsaw: hour block 2 (08–11), weekday 1.
    expect(p.trace!.features.map((f) => f.feature)).toEqual(expect.arrayContaining(['h:2', 'w:1']));
    const copy = loadCaseModel(JSON.parse(JSON.stringify(json)), { calendar });
    expect(JSON.stringify(copy.predict(steps))).toBe(JSON.stringify(model.predict(steps)));
    expectTandemError(() => loadCaseModel(json), 'options.calendar', /business time/);
    expectTandemError(
      () =>
        loadCaseModel(json, {
          calendar: createBusinessCalendar({ timeZone: 'UTC', hours: { mon: [['09:00', '17:00']] } }),
        }),
      'options.calendar',
      /Europe\/Warsaw/,
    );
  });

  it('gives the probability of missing a deadline', () => {
    const model = trainCaseModel(helpdeskLog(), { minSupport: 1 });
    const steps = [
      { activity: 'open', at: iso(T0) },
      { activity: 'assigned', at: iso(T0 + H) },
      { activity: 'waiting_for_customer', at: iso(T0 + 2 * H) },
    ];
    // Every such case ended 48 h after waiting: a deadline 24 h out is missed, one 96 h out is not.
    expect(model.predict(steps, { deadline: iso(T0 + 26 * H) }).breachProbability).toBeGreaterThan(0.9);
    expect(model.predict(steps, { deadline: iso(T0 + 98 * H) }).breachProbability).toBe(0);
  });
});

describe('exceedanceProbability', () => {
  const q = REMAINING_QUANTILE_LEVELS.map((l) => l * 100); // uniform on 0..100
  it.each([
    [-1, 1],
    [0, 1],
    [2.5, 0.975],
    [50, 0.5],
    [72.5, 0.275],
    [95, 0.05],
    [142.5, 0.025],
    [190, 0],
    [1e9, 0],
  ])('uniform 0..100, budget %d → %d', (budget, p) => {
    expect(exceedanceProbability(q, budget)).toBeCloseTo(p, 12);
  });
  it('is non-increasing in the budget', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 19, maxLength: 19 }),
        fc.double({ min: 0, max: 2e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        (raw, b, d) => {
          const qs = [...raw].sort((x, y) => x - y);
          const p1 = exceedanceProbability(qs, b);
          const p2 = exceedanceProbability(qs, b + d);
          return p1 >= p2 - 1e-12 && p1 >= 0 && p1 <= 1;
        },
      ),
    );
  });
});

describe('predict input', () => {
  it('accepts exactly the steps the schema accepts (direct path ≡ zod)', () => {
    const model = trainCaseModel(helpdeskLog());
    const at = fc.oneof(
      fc.date({ noInvalidDate: false }),
      fc.integer({ min: -1e15, max: 1e15 }),
      fc.constantFrom(
        Number.NaN,
        Number.POSITIVE_INFINITY,
        '2026-03-02T09:00:00Z',
        '2026-03-02',
        'nope',
        '',
        null,
        undefined,
        {},
      ),
    );
    const step = fc.oneof(
      fc.record({ activity: fc.oneof(fc.constantFrom('open', 'assigned', ''), fc.integer()), at }),
      fc.constantFrom(null, 'open', 3),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 4 }), (steps) => {
        const valid = z.array(CaseStepSchema).min(1).safeParse(steps).success;
        let ok = true;
        try {
          model.predict(steps as never);
        } catch (e) {
          expect(e).toBeInstanceOf(TandemError);
          ok = false;
        }
        expect(ok).toBe(valid);
      }),
      { numRuns: 300 },
    );
  });
});

describe('bad input', () => {
  it('rejects an empty log', () => {
    expectTandemError(() => trainCaseModel([]), 'events', /empty/);
  });
  it('names the event and field at fault', () => {
    const log = helpdeskLog(2);
    expectTandemError(
      () => trainCaseModel([...log, { caseId: 'X', activity: 'open', at: 'yesterday-ish' }]),
      'events[7].at',
      /not a valid date/,
    );
    expectTandemError(
      () => trainCaseModel([...log, { caseId: 'X', at: iso(T0) } as never]),
      'events[7].activity',
    );
    expectTandemError(
      () => trainCaseModel([...log, { activity: 'open', at: iso(T0) } as never]),
      'events[7].caseId',
    );
  });
  it('rejects bad options as config errors', () => {
    const err = expectTandemError(() => trainCaseModel(helpdeskLog(), { maxOrder: 0 }), 'options.maxOrder');
    expect(err.code).toBe('INVALID_CONFIG');
    expectTandemError(() => trainCaseModel(helpdeskLog(), { calendar: {} as never }), 'options.calendar');
    expectTandemError(() => trainCaseModel(helpdeskLog(), { nope: 1 } as never), 'options');
  });
  it('rejects bad steps and predict options', () => {
    const model = trainCaseModel(helpdeskLog());
    expectTandemError(() => model.predict([]), 'steps', /at least one step/);
    expectTandemError(() => model.predict([{ activity: 'open', at: 'nope' }]), 'steps[0].at');
    expectTandemError(
      () => model.predict([{ activity: 'open', at: iso(T0) }], { deadline: 'nope' }),
      'options.deadline',
    );
  });
});
