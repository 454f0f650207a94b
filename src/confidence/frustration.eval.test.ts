// Quality floors for detectFrustration on real rated dialogues (uss-dev: the MultiWOZ and ReDial
// parts of the User Satisfaction Simulation set, Sun et al. SIGIR 2021; evaluation only, never
// shipped). Figures come from test/support/frustrationEval.ts, shared with bench/confidence.ts.
// Measured (development figures: the detector was designed and tuned on this data, see
// docs/confidence.md): AUROC 0.8393 overall (MultiWOZ 0.8670, ReDial 0.8085) against the
// last-message VADER baseline 0.7167; false-offer rate 0.28 %. Floors sit a little under.
import { beforeAll, expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { evaluateUssFrustration, type UssFrustrationEval } from '../../test/support/frustrationEval';

describeEvalData(['uss-dev/MWOZ.txt', 'uss-dev/ReDial.txt'])(
  'frustration on uss-dev (quality floors)',
  () => {
    let r: UssFrustrationEval;
    beforeAll(() => {
      r = evaluateUssFrustration();
    }, 180_000);

    it('reads all rated turns (134 dissatisfied, 17,185 satisfied)', () => {
      expect(r.overall.dissatisfied).toBe(134);
      expect(r.overall.satisfied).toBe(17_185);
    });

    it('AUROC ≥ 0.82 overall (acceptance 0.80) and ≥ the last-message VADER baseline + 0.05', () => {
      expect(r.overall.auroc).toBeGreaterThanOrEqual(0.82);
      expect(r.overall.auroc).toBeGreaterThanOrEqual(r.overall.baseline + 0.05);
      expect(r.overall.baseline).toBeCloseTo(0.7167, 3);
    });

    it('per source: MultiWOZ ≥ 0.84, ReDial ≥ 0.78 (and above its baseline)', () => {
      expect(r.bySource.MWOZ.auroc).toBeGreaterThanOrEqual(0.84);
      expect(r.bySource.ReDial.auroc).toBeGreaterThanOrEqual(0.78);
      expect(r.bySource.ReDial.auroc).toBeGreaterThan(r.bySource.ReDial.baseline);
    });

    it('false-offer rate (satisfied turns at or above the default offer threshold) ≤ 1 %', () => {
      expect(r.overall.falseOffer).toBeLessThanOrEqual(0.01);
    });

    it('few dissatisfied turns score exactly 0 (≤ 10 %)', () => {
      expect(r.overall.dissatisfiedAtZero).toBeLessThanOrEqual(0.1);
    });
  },
);
