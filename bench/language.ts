/**
 * detectLanguage on real customer text not written for the project, per language, with the
 * wrong-language and `und` rates apart (writes bench/results/language.md).
 *
 *   npx tsx bench/language.ts
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguageOnRealText } from '../test/support/languageEval';

const pct = (x: number) => `${(100 * x).toFixed(2)} %`;
const tallies = detectLanguageOnRealText();
const lines = [
  '# Language detection on real text',
  '',
  'Every text of each set is detected on its own; nothing in `detectLanguage` was changed after this',
  'measurement, so these are not development figures for it (its word lists were written against the',
  "project's own fixtures). A wrong language routes a customer to the wrong queue; `und` routes to the",
  'default queue, so the two are reported apart.',
  '',
  '| language | data (license) | n | correct | wrong language | und | wrong as |',
  '| --- | --- | ---: | ---: | ---: | ---: | --- |',
  ...tallies.map(
    (t) =>
      `| ${t.language} | ${t.source} | ${t.n.toLocaleString('en')} | ${pct(t.correct / t.n)} | ${pct(t.wrong / t.n)} | ${pct(t.und / t.n)} | ${
        Object.entries(t.confusions)
          .map(([l, k]) => `${l} ${k}`)
          .join(', ') || '–'
      } |`,
  ),
  '',
  'Data: banking77 (PolyAI, CC BY 4.0), CLINC150 (Larson et al. 2019, CC BY 3.0), PolEmo 2.0 medicine',
  'sentences, dev half (Kocoń et al. 2019; evaluation only), online_shopping_9_cats (SophonPlus',
  'ChineseNlpCorpus; evaluation only), read in place from `../shared/eval-data`.',
  '',
  'Misses, a few per set:',
  '',
  ...tallies.flatMap((t) => t.examples.slice(0, 4).map((e) => `- ${t.source} ${e}`)),
  '',
];
const md = lines.join('\n');
console.log(md);
writeFileSync(join(import.meta.dirname, 'results/language.md'), md);
