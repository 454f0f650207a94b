// Quality guard on real data: VADER's Amazon review snippets with human ratings (Hutto & Gilbert
// 2014, MIT), read in place from ../shared/eval-data. The figures are reported by bench/confidence.ts.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeSentiment } from './analyzeSentiment';

const file = join(
  resolve(__dirname, '../../../shared/eval-data'),
  'vader/amazonReviewSnippets_GroundTruth.txt',
);
const require = createRequire(import.meta.url);

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe.skipIf(!existsSync(file))('VADER on the Amazon snippets (eval data)', () => {
  it('Pearson r ≥ the vader-sentiment port, labels agree on ≥ 98 %', () => {
    const vader = require('vader-sentiment') as {
      SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
    };
    const rows = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const [, rating, ...text] = line.split('\t');
        return { rating: Number(rating), text: text.join('\t') };
      });
    expect(rows.length).toBe(3708);
    const ours = rows.map((r) => analyzeSentiment(r.text, { language: 'en' }).compound);
    const port = rows.map((r) => vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound);
    const human = rows.map((r) => r.rating);
    const label = (c: number) => (c >= 0.05 ? 1 : c <= -0.05 ? -1 : 0);
    const agree = ours.filter((c, i) => label(c) === label(port[i]!)).length / rows.length;
    expect(pearson(ours, human)).toBeGreaterThanOrEqual(pearson(port, human));
    expect(agree).toBeGreaterThanOrEqual(0.98);
  });
});
