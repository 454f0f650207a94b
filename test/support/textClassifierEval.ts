/**
 * Text-classifier evaluation protocols on the development data, shared by bench/learning and the
 * quality floors in src/learning/textClassifier.eval.test.ts, so both report the same figures.
 * Splits were fixed before any figure was read on them.
 *
 * - banking77 (PolyAI, CC BY 4.0): per intent, a seeded shuffle (mulberry32(77)) and 80 % train /
 *   20 % test — the same split as the knowledge-search bench, so the figures sit side by side.
 * - CLINC150 (Larson et al. 2019, CC BY 3.0): train on `train`, accuracy on `val`, out-of-scope
 *   AUROC of the confidence on `val` (in scope) against `oos_val`.
 * - PolEmo 2.0 medicine (Kocoń et al. 2019; evaluation only): `plus`/`minus`/`zero` sentences
 *   (`amb` left out), train on the `tune` half, test on the `check` half (`sentimentSplit`).
 * - Chinese reviews (SophonPlus; evaluation only): train on eight categories, test on the ninth.
 */
import { mulberry32 } from '../../src/_internal/random';
import type { TrainingExample } from '../../src/learning/index';
import { readBanking77, readClinc150, readPolemo, readZhReviews } from './evalData';

/** A labelled text. */
export interface Labelled {
  text: string;
  label: string;
}

function shuffleInPlace<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** banking77: 80 % of each intent's utterances train, 20 % test (seeded per intent, seed 77). */
export function banking77Split(): { train: Labelled[]; test: Labelled[] } {
  const by = new Map<string, string[]>();
  for (const [text, label] of readBanking77()) by.set(label, [...(by.get(label) ?? []), text]);
  const random = mulberry32(77);
  const train: Labelled[] = [];
  const test: Labelled[] = [];
  for (const [label, texts] of [...by].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const shuffled = shuffleInPlace([...texts], random);
    const cut = Math.round(shuffled.length * 0.8);
    for (const text of shuffled.slice(0, cut)) train.push({ text, label });
    for (const text of shuffled.slice(cut)) test.push({ text, label });
  }
  return { train, test };
}

/**
 * A validation fold inside a training part, for tuning without touching the test part: a seeded
 * 15 % of the training examples.
 */
export function validationFold(
  train: readonly Labelled[],
  seed = 11,
): { fit: Labelled[]; validation: Labelled[] } {
  const shuffled = shuffleInPlace([...train], mulberry32(seed));
  const cut = Math.round(shuffled.length * 0.85);
  return { fit: shuffled.slice(0, cut), validation: shuffled.slice(cut) };
}

/** CLINC150: `train` examples, in-scope `val` and out-of-scope `oos_val` texts. */
export function clinc150Split(): { train: Labelled[]; val: Labelled[]; oos: string[] } {
  const data = readClinc150();
  return {
    train: data.train.map(([text, label]) => ({ text, label })),
    val: data.val.map(([text, label]) => ({ text, label })),
    oos: data.oos_val.map(([text]) => text),
  };
}

/** PolEmo medicine sentences, three classes (`plus`, `minus`, `zero`): `tune` half trains, `check` half tests. */
export function polemoSplit(): { train: Labelled[]; test: Labelled[] } {
  const rows = readPolemo().filter((r) => r.label !== 'amb');
  return {
    train: rows.filter((r) => r.part === 'tune').map(({ text, label }) => ({ text, label })),
    test: rows.filter((r) => r.part === 'check').map(({ text, label }) => ({ text, label })),
  };
}

/** Chinese reviews as `positive`/`negative` examples, grouped by product category. */
export function zhReviewsByCategory(): Map<string, Labelled[]> {
  const by = new Map<string, Labelled[]>();
  for (const r of readZhReviews()) {
    const list = by.get(r.category) ?? [];
    list.push({ text: r.text, label: r.positive ? 'positive' : 'negative' });
    by.set(r.category, list);
  }
  return by;
}

/** Leave one category out: every other category trains, `category` tests. */
export function zhFold(
  byCategory: ReadonlyMap<string, Labelled[]>,
  category: string,
): { train: TrainingExample[]; test: Labelled[] } {
  const train: TrainingExample[] = [];
  for (const [c, rows] of byCategory) if (c !== category) train.push(...rows);
  return { train, test: byCategory.get(category)! };
}

/** Share of predictions equal to the gold label. */
export function accuracy(gold: readonly string[], predicted: readonly string[]): number {
  let ok = 0;
  for (let i = 0; i < gold.length; i++) if (gold[i] === predicted[i]) ok++;
  return ok / gold.length;
}

/** Mean recall over the gold labels present (balanced accuracy; Brodersen et al. 2010). */
export function balancedAccuracy(gold: readonly string[], predicted: readonly string[]): number {
  const hit = new Map<string, [number, number]>();
  for (let i = 0; i < gold.length; i++) {
    const h = hit.get(gold[i]!) ?? [0, 0];
    h[1]++;
    if (gold[i] === predicted[i]) h[0]++;
    hit.set(gold[i]!, h);
  }
  let sum = 0;
  for (const [ok, n] of hit.values()) sum += ok / n;
  return sum / hit.size;
}
