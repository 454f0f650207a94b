import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { loadCaseModel } from './loadCaseModel';
import { trainCaseModel } from './trainCaseModel';

const T0 = Date.UTC(2026, 2, 2, 9);
const ACTIVITIES = ['open', 'assigned', 'waiting', 'resolved', 'reopened'];

/** Arbitrary event logs: up to 12 cases of 1–8 steps, activities from a small alphabet, gaps 0–3 days. */
const logArb = fc
  .array(
    fc.record({
      start: fc.integer({ min: 0, max: 60 * 24 }),
      steps: fc.array(
        fc.record({ activity: fc.constantFrom(...ACTIVITIES), gap: fc.integer({ min: 0, max: 72 * 60 }) }),
        { minLength: 1, maxLength: 8 },
      ),
    }),
    { minLength: 1, maxLength: 12 },
  )
  .map((cases) =>
    cases.flatMap((c, i) => {
      let t = T0 + c.start * 60_000;
      return c.steps.map((s) => {
        t += s.gap * 60_000;
        return { caseId: `C${i}`, activity: s.activity, at: new Date(t).toISOString() };
      });
    }),
  );
const stepsArb = fc.array(
  fc.record({
    activity: fc.constantFrom(...ACTIVITIES, 'unseen'),
    at: fc.integer({ min: 0, max: 10 * 24 * 60 }).map((m) => new Date(T0 + m * 60_000).toISOString()),
  }),
  { minLength: 1, maxLength: 6 },
);
const optionsArb = fc.record({
  maxOrder: fc.integer({ min: 1, max: 4 }),
  halfLifeMs: fc.option(fc.integer({ min: 3_600_000, max: 30 * 86_400_000 }), { nil: null }),
  hourAndWeekday: fc.boolean(),
  minSupport: fc.integer({ min: 1, max: 30 }),
  minFeatureCount: fc.integer({ min: 1, max: 3 }),
});

function sampleModel() {
  const events = [];
  for (let i = 0; i < 10; i++) {
    const s = T0 + i * 86_400_000;
    events.push(
      { caseId: `T${i}`, activity: 'open', at: new Date(s).toISOString() },
      { caseId: `T${i}`, activity: 'resolved', at: new Date(s + 7_200_000).toISOString() },
    );
  }
  return trainCaseModel(events);
}

function pathOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(TandemError);
    return (e as TandemError).path;
  }
  throw new Error('expected a TandemError');
}

describe('loadCaseModel', () => {
  it('load(toJSON) predicts identically and re-serialises byte for byte (property)', () => {
    fc.assert(
      fc.property(
        logArb,
        optionsArb,
        fc.array(stepsArb, { minLength: 1, maxLength: 4 }),
        (log, options, queries) => {
          const model = trainCaseModel(log, options);
          const text = JSON.stringify(model.toJSON());
          const copy = loadCaseModel(JSON.parse(text));
          expect(JSON.stringify(copy.toJSON())).toBe(text);
          for (const steps of queries) {
            const deadline = new Date(T0 + 5 * 86_400_000).toISOString();
            const a = model.predict(steps, { explain: true, deadline });
            expect(JSON.stringify(copy.predict(steps, { explain: true, deadline }))).toBe(JSON.stringify(a));
            expect(a.next.reduce((s, n) => s + n.probability, 0)).toBeCloseTo(1, 9);
            const { p10, p50, p90 } = a.remainingQuantilesMs;
            expect(0 <= p10 && p10 <= p50 && p50 <= p90).toBe(true);
          }
          // Same data, same options → same bytes.
          expect(JSON.stringify(trainCaseModel(log, options).toJSON())).toBe(text);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('accepts a JSON whose keys were reordered (e.g. by PostgreSQL jsonb)', () => {
    const json = sampleModel().toJSON();
    const reverseKeys = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reverseKeys)
        : v !== null && typeof v === 'object'
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reverseKeys(x)]),
            )
          : v;
    const shuffled = reverseKeys(json);
    expect(Object.keys(shuffled as object)[0]).toBe('trainedOn');
    const copy = loadCaseModel(shuffled);
    expect(JSON.stringify(copy.toJSON())).toBe(JSON.stringify(json));
  });

  it.each([
    ['not an object', () => 'model', ''],
    [
      'another format',
      (j: Record<string, unknown>) => ({ ...j, format: 'tandem-cx/text-classifier' }),
      'format',
    ],
    ['another version', (j: Record<string, unknown>) => ({ ...j, version: 2 }), 'version'],
    ['a missing field', (j: Record<string, unknown>) => ({ ...j, classes: undefined }), 'classes'],
    [
      'a changed weight',
      (j: Record<string, unknown>) => {
        const w = j.weights as Record<string, number[]>;
        const k = Object.keys(w)[0]!;
        return { ...j, weights: { ...w, [k]: w[k]!.map((v) => v + 1) } };
      },
      'checksum',
    ],
    [
      'a short weight row',
      (j: Record<string, unknown>) => {
        const w = j.weights as Record<string, number[]>;
        return { ...j, weights: { ...w, bias: [0] } };
      },
      'weights["bias"]',
    ],
    [
      'decreasing quantiles',
      (j: Record<string, unknown>) => {
        const r = j.remaining as { global: { n: number; q: number[] } };
        return {
          ...j,
          remaining: {
            ...r,
            global: { ...r.global, q: [...r.global.q].reverse().map((v, i) => v + 19 - i) },
          },
        };
      },
      'remaining.global.q',
    ],
    [
      'classes not starting with null',
      (j: Record<string, unknown>) => ({ ...j, classes: [...(j.classes as unknown[])].reverse() }),
      'classes',
    ],
  ])('rejects %s', (_name, tamper, path) => {
    const json = JSON.parse(JSON.stringify(sampleModel().toJSON())) as Record<string, unknown>;
    expect(pathOf(() => loadCaseModel((tamper as (j: Record<string, unknown>) => unknown)(json)))).toBe(path);
  });

  it('rejects a calendar for a model trained without one', () => {
    const json = sampleModel().toJSON();
    const calendar = { timeZone: 'UTC', businessTimeBetween: () => 0 } as never;
    expect(pathOf(() => loadCaseModel(json, { calendar }))).toBe('options.calendar');
  });
});
