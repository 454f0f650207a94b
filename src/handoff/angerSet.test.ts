// The project's anger set (src/handoff/__fixtures__/angry-messages.json: 75 clearly angry
// messages in en/pl/zh, written before the frustration retune): the default policy must offer a
// person (or escalate) on at least 95 %. First run, before the retune: 8.0 % (6 / 75). The set was
// then used to tune the anger patterns, so the current figure (100 %) is a development figure.
import { expect, it } from 'vitest';
import { evaluateAngerSet } from '../../test/support/frustrationEval';

it('the default policy offers or escalates on ≥ 95 % of the anger set, in every language', () => {
  const r = evaluateAngerSet();
  expect(r.n).toBeGreaterThanOrEqual(60);
  expect(r.rate, JSON.stringify(r.missed)).toBeGreaterThanOrEqual(0.95);
  for (const language of ['en', 'pl', 'zh']) expect(r.byLanguage[language]!.rate).toBeGreaterThanOrEqual(0.9);
});
