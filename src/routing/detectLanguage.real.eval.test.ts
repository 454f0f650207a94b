// Quality floors of detectLanguage on real text not written for the project (figures reported by
// bench/language.ts; both computed by test/support/languageEval.ts). Measured at the first run,
// with no change made after it: banking77 99.76 % (0 wrong, 0.24 % und), CLINC150 val 97.07 %
// (0.03 % wrong), PolEmo 97.90 % (0.03 % wrong), Chinese reviews 99.94 % (0.03 % wrong, most of
// those are reviews written in English). Wrong language has its own, strict floor.
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { detectLanguageOnRealText } from '../../test/support/languageEval';

const FLOORS: Record<string, { correct: number; wrong: number }> = {
  'banking77 train': { correct: 0.995, wrong: 0.001 },
  'CLINC150 val': { correct: 0.96, wrong: 0.002 },
  'PolEmo 2.0 medicine (dev half)': { correct: 0.97, wrong: 0.002 },
  online_shopping_9_cats: { correct: 0.998, wrong: 0.001 },
};

describeEvalData([
  'banking77/train.csv',
  'clinc150/data_dev.json',
  'polemo-dev/medicine-sentences-dev.txt',
  'zh-reviews/online_shopping_9_cats.csv',
])('detectLanguage on real text', () => {
  it('per language: accuracy and wrong-language rate stay within their floors', () => {
    const tallies = detectLanguageOnRealText();
    expect(tallies.map((t) => t.source).sort()).toEqual(Object.keys(FLOORS).sort());
    for (const t of tallies) {
      const floor = FLOORS[t.source]!;
      expect(t.correct / t.n, t.source).toBeGreaterThanOrEqual(floor.correct);
      expect(t.wrong / t.n, t.source).toBeLessThanOrEqual(floor.wrong);
    }
  });
});
