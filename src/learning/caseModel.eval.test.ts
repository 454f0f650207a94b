// Quality floors of the case model on real data: BPI Challenge 2013 incidents (Volvo IT; BPI
// Challenge terms, evaluation only), read in place from ../shared/eval-data. Protocol of Tax et al.
// (CAiSE 2017); baselines of van der Aalst, Schonenberg & Song (2011) and a first-order Markov
// chain, computed in the same run. bench/learning/caseModel.ts reports the same figures.
// Measured on the test third (docs/learning.md § Case model): accuracy 0.6163 (Markov 0.5500),
// MAE 3.18 days (best transition system: last activity / median, 4.78 days); p10–p90 coverage
// 0.816; 7-day SLA breach AUROC 0.618 (last-activity peer 0.506), Brier 0.234 (peer 0.272).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CaseModelEvaluation,
  evaluateCaseModel,
  splitCases,
  toCases,
} from '../../test/support/caseModelEval';
import { describeEvalData } from '../../test/support/describeEvalData';
import { readBpi13 } from '../../test/support/evalData';

describeEvalData(['bpi13-incidents/bpi_13_incidents.csv'])(
  'case model on BPI 2013 incidents (eval data)',
  () => {
    let result: CaseModelEvaluation;
    beforeAll(() => {
      const cases = toCases(readBpi13());
      expect(cases.length).toBe(7554);
      const { train, test } = splitCases(cases);
      result = evaluateCaseModel(train, test);
    });

    it('evaluates every prefix of ≥ 2 events with a next event in the last third', () => {
      expect(result.trainCases).toBe(5036);
      expect(result.testCases).toBe(2518);
      expect(result.prefixes).toBe(9954);
    });

    it('next activity: accuracy floor, and above the first-order Markov chain', () => {
      expect(result.accuracy.model).toBeGreaterThanOrEqual(0.6);
      expect(result.accuracy.model).toBeGreaterThan(result.accuracy.markov + 0.03);
    });

    it('p10–p90 covers about 80 % of the true remaining times', () => {
      expect(result.coverage80).toBeGreaterThanOrEqual(0.75);
      expect(result.coverage80).toBeLessThanOrEqual(0.88);
    });

    it('deadline risk ranks and scores breaches better than the last-activity peer', () => {
      expect(result.sla.auroc.model).toBeGreaterThanOrEqual(0.59);
      expect(result.sla.auroc.model).toBeGreaterThan(result.sla.auroc.lastActivity + 0.05);
      expect(result.sla.brier.model).toBeLessThan(result.sla.brier.lastActivity);
    });

    describe('remaining time', () => {
      it('MAE floor (days)', () => {
        expect(result.maeDays.model).toBeLessThanOrEqual(3.4);
      });
      it.each([
        'sequence/mean',
        'sequence/median',
        'multiset/mean',
        'multiset/median',
        'set/mean',
        'set/median',
        'last/mean',
        'last/median',
      ] as const)('MAE below the transition-system predictor %s', (baseline) => {
        expect(result.maeDays.model).toBeLessThan(result.maeDays[baseline]);
      });
    });
  },
);
