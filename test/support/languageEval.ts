/**
 * detectLanguage on real customer text nobody wrote for the project, per language, shared by
 * bench/language.ts and the floors in src/routing/detectLanguage.real.eval.test.ts:
 * English — banking77 train (PolyAI, CC BY 4.0) and CLINC150 val (Larson et al. 2019, CC BY 3.0);
 * Polish — PolEmo 2.0 medicine sentences, dev half (Kocoń et al. 2019; evaluation only);
 * Chinese — online_shopping_9_cats reviews (SophonPlus ChineseNlpCorpus; evaluation only).
 * A wrong language (a Polish customer in the English queue) is counted apart from `und` (the
 * default queue), because it is the worse mistake.
 */
import { detectLanguage } from '../../src/_internal/language/detectLanguage';
import { readBanking77, readClinc150, readPolemo, readZhReviews } from './evalData';

/** Detection tally for one language's texts. */
export interface LanguageTally {
  language: string;
  source: string;
  n: number;
  correct: number;
  wrong: number;
  und: number;
  /** Wrong-language detections by detected language. */
  confusions: Record<string, number>;
  /** A few misses, for reading. */
  examples: string[];
}

function tally(language: string, source: string, texts: readonly string[]): LanguageTally {
  const t: LanguageTally = {
    language,
    source,
    n: 0,
    correct: 0,
    wrong: 0,
    und: 0,
    confusions: {},
    examples: [],
  };
  for (const text of texts) {
    const detected = detectLanguage(text).language;
    t.n++;
    if (detected === language) t.correct++;
    else {
      if (detected === 'und') t.und++;
      else {
        t.wrong++;
        t.confusions[detected] = (t.confusions[detected] ?? 0) + 1;
      }
      if (t.examples.length < 8) t.examples.push(`→ ${detected}: ${text.slice(0, 120)}`);
    }
  }
  return t;
}

/** Per-language tallies on the real development sets. */
export function detectLanguageOnRealText(): LanguageTally[] {
  const clinc = readClinc150();
  return [
    tally(
      'en',
      'banking77 train',
      readBanking77().map(([text]) => text),
    ),
    tally(
      'en',
      'CLINC150 val',
      clinc.val.map(([text]) => text),
    ),
    tally(
      'pl',
      'PolEmo 2.0 medicine (dev half)',
      readPolemo().map((r) => r.text),
    ),
    tally(
      'zh',
      'online_shopping_9_cats',
      readZhReviews().map((r) => r.text),
    ),
  ];
}
