// Quality floors on real Chinese reviews (zh-reviews: SophonPlus ChineseNlpCorpus
// online_shopping_10_cats without hotels; evaluation only, never shipped), read in place from
// ../shared/eval-data. Protocol and split: test/support/sentimentEval.ts. Only the `check` half is
// scored here (the half whose errors were never read while writing the lexicon), to keep the file
// fast; bench/confidence.ts reports both halves. Floors sit a little under the measured figures.
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { zhReviewFigures } from '../../test/support/sentimentEval';
import { analyzeSentiment } from './analyzeSentiment';

// measured on the check half: overall 0.853; per category below (docs/confidence.md)
const CATEGORY_FLOORS: Record<string, number> = {
  书籍: 0.7,
  平板: 0.86,
  手机: 0.86,
  水果: 0.86,
  洗发水: 0.83,
  热水器: 0.63,
  蒙牛: 0.72,
  衣服: 0.87,
  计算机: 0.75,
};

describeEvalData(['zh-reviews/online_shopping_9_cats.csv'])(
  'Chinese sentiment on zh-reviews (eval data)',
  () => {
    it('balanced accuracy ≥ 0.84 overall on the check half, and ≥ its floor in every category', () => {
      const figures = zhReviewFigures((text) => {
        const r = analyzeSentiment(text, { language: 'zh' });
        return { compound: r.compound, neutral: r.label === 'neutral' };
      }, 'check');
      expect(figures.overall.check.n).toBeGreaterThan(26_000);
      expect(figures.overall.check.balancedAccuracy).toBeGreaterThanOrEqual(0.84);
      expect(figures.overall.check.negativeRecall).toBeGreaterThanOrEqual(0.76);
      expect(figures.categories.map((c) => c.category).sort()).toEqual(Object.keys(CATEGORY_FLOORS).sort());
      for (const c of figures.categories) {
        expect(c.check.balancedAccuracy, c.category).toBeGreaterThanOrEqual(CATEGORY_FLOORS[c.category]!);
      }
    });
  },
);
