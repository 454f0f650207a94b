// Quality floors on real Polish sentences (PolEmo 2.0 medicine sentences, development half;
// Kocoń et al. 2019, CC BY-SA 4.0, evaluation only, never shipped), read in place from
// ../shared/eval-data. Protocol and split: test/support/sentimentEval.ts. 3 classes (plus /
// minus / zero), `z_amb` left out. Floors sit a little under the measured figures.
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { polemoFigures } from '../../test/support/sentimentEval';
import { analyzeSentiment } from './analyzeSentiment';

describeEvalData(['polemo-dev/medicine-sentences-dev.txt'])(
  'Polish sentiment on polemo-dev (eval data)',
  () => {
    it('3-class accuracy and macro-F1 stay at their measured level on both halves', () => {
      const figures = polemoFigures((text) => analyzeSentiment(text, { language: 'pl' }).label);
      expect(figures.all.n).toBe(8497);
      // measured: tune 0.654 / 0.651, check 0.651 / 0.648 (accuracy / macro-F1)
      expect(figures.tune.accuracy).toBeGreaterThanOrEqual(0.645);
      expect(figures.check.accuracy).toBeGreaterThanOrEqual(0.64);
      expect(figures.all.accuracy).toBeGreaterThanOrEqual(0.645);
      expect(figures.check.macroF1).toBeGreaterThanOrEqual(0.64);
      // no class is given up: each F1 ≥ 0.625
      for (const f1 of Object.values(figures.check.f1)) expect(f1).toBeGreaterThanOrEqual(0.625);
    });
  },
);
