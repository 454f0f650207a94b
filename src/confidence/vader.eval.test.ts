// Quality guard on real data: VADER's Amazon review snippets with human ratings (Hutto & Gilbert
// 2014, MIT), read in place from ../shared/eval-data. The figures are reported by bench/confidence.ts.
import { createRequire } from 'node:module';
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { pearson, readVaderSnippets } from '../../test/support/evalData';
import { analyzeSentiment } from './analyzeSentiment';

const require = createRequire(import.meta.url);

describeEvalData(['vader/amazonReviewSnippets_GroundTruth.txt'])(
  'VADER on the Amazon snippets (eval data)',
  () => {
    it('Pearson r ≥ the vader-sentiment port, labels agree on ≥ 98 %', () => {
      const vader = require('vader-sentiment') as {
        SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
      };
      const rows = readVaderSnippets();
      expect(rows.length).toBe(3708);
      const ours = rows.map((r) => analyzeSentiment(r.text, { language: 'en' }).compound);
      const port = rows.map((r) => vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound);
      const human = rows.map((r) => r.rating);
      const label = (c: number) => (c >= 0.05 ? 1 : c <= -0.05 ? -1 : 0);
      const agree = ours.filter((c, i) => label(c) === label(port[i]!)).length / rows.length;
      expect(pearson(ours, human)).toBeGreaterThanOrEqual(pearson(port, human));
      expect(agree).toBeGreaterThanOrEqual(0.98);
    });
  },
);
