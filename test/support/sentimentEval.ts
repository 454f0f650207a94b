/**
 * Polish and Chinese sentiment quality on the development data, shared by bench/confidence.ts and
 * the quality floors in src/confidence/sentiment.eval.test.ts, so both report the same figures.
 *
 * Protocol (written down before any tuning; see docs/confidence.md):
 * - Each set is split once by `sentimentSplit` (seeded FNV-1a hash of the text, 50/50) into a
 *   `tune` part, whose errors may be read while writing the lexicons, and a `check` part, whose
 *   figures are only reported. Both are development figures: the project tunes against the set.
 * - Chinese (`zh-reviews`, labels positive/negative): a review is predicted positive when its score
 *   is ≥ 0 (a review with no sentiment cue, compound exactly 0, counts as positive); balanced
 *   accuracy = mean of positive and negative recall, per category and pooled. The share of
 *   reviews labelled `neutral` (|compound| < 0.05) is reported beside it.
 * - Polish (`polemo-dev`): 3 classes, plus → positive, minus → negative, zero → neutral, against
 *   the scorer's label; accuracy and macro-F1. `z_amb` sentences are left out and their predicted
 *   label distribution reported apart.
 */
import { readPolemo, readZhReviews } from './evalData';

/** Binary or 3-class label. */
export type Polarity = 'positive' | 'neutral' | 'negative';
/** Which rows of a split a figure covers. */
export type Part = 'tune' | 'check' | 'all';
const PARTS: readonly Part[] = ['tune', 'check', 'all'];

/** Balanced-accuracy figures of one group of reviews. */
export interface BinaryFigures {
  n: number;
  balancedAccuracy: number;
  positiveRecall: number;
  negativeRecall: number;
  neutralShare: number;
}

function binary(rows: readonly { positive: boolean; score: number; neutral: boolean }[]): BinaryFigures {
  let pos = 0;
  let posOk = 0;
  let neg = 0;
  let negOk = 0;
  let neutral = 0;
  for (const r of rows) {
    if (r.neutral) neutral++;
    const predicted = r.score >= 0;
    if (r.positive) {
      pos++;
      if (predicted) posOk++;
    } else {
      neg++;
      if (!predicted) negOk++;
    }
  }
  const positiveRecall = pos ? posOk / pos : 0;
  const negativeRecall = neg ? negOk / neg : 0;
  return {
    n: rows.length,
    balancedAccuracy: (positiveRecall + negativeRecall) / 2,
    positiveRecall,
    negativeRecall,
    neutralShare: rows.length ? neutral / rows.length : 0,
  };
}

/** Chinese review figures: pooled and per category, for each part. */
export interface ZhFigures {
  overall: Record<Part, BinaryFigures>;
  categories: Array<{ category: string } & Record<Part, BinaryFigures>>;
}

/**
 * Scores every zh-reviews row (or only those of one part) with `score` (returns `{ compound,
 * neutral }`, neutral meaning the scorer calls the text neutral) and computes the figures.
 */
export function zhReviewFigures(
  score: (text: string) => { compound: number; neutral: boolean },
  only?: 'tune' | 'check',
): ZhFigures {
  const rows = readZhReviews()
    .filter((r) => only === undefined || r.part === only)
    .map((r) => {
      const s = score(r.text);
      return { ...r, score: s.compound, neutral: s.neutral };
    });
  const pick = (part: Part, cat?: string) =>
    rows.filter((r) => (part === 'all' || r.part === part) && (cat === undefined || r.category === cat));
  const overall = Object.fromEntries(PARTS.map((p) => [p, binary(pick(p))])) as Record<Part, BinaryFigures>;
  const categories = [...new Set(rows.map((r) => r.category))].map((category) => ({
    category,
    ...(Object.fromEntries(PARTS.map((p) => [p, binary(pick(p, category))])) as Record<Part, BinaryFigures>),
  }));
  return { overall, categories };
}

/** 3-class figures of one part. */
export interface TernaryFigures {
  n: number;
  accuracy: number;
  macroF1: number;
  /** F1 per class. */
  f1: Record<Polarity, number>;
  /** Predicted label distribution of the `z_amb` sentences of this part (left out of the figures). */
  ambivalent: Record<Polarity, number>;
}

const CLASSES: readonly Polarity[] = ['positive', 'neutral', 'negative'];
const POLEMO: Record<'plus' | 'minus' | 'zero', Polarity> = {
  plus: 'positive',
  minus: 'negative',
  zero: 'neutral',
};

/** Scores every polemo-dev sentence with `label` and computes 3-class figures per part. */
export function polemoFigures(label: (text: string) => Polarity): Record<Part, TernaryFigures> {
  const rows = readPolemo().map((r) => ({ ...r, predicted: label(r.text) }));
  const out = {} as Record<Part, TernaryFigures>;
  for (const part of PARTS) {
    const inPart = rows.filter((r) => part === 'all' || r.part === part);
    const scored = inPart.filter((r) => r.label !== 'amb');
    const f1 = {} as Record<Polarity, number>;
    for (const c of CLASSES) {
      const tp = scored.filter((r) => r.predicted === c && POLEMO[r.label as 'plus'] === c).length;
      const fp = scored.filter((r) => r.predicted === c && POLEMO[r.label as 'plus'] !== c).length;
      const fn = scored.filter((r) => r.predicted !== c && POLEMO[r.label as 'plus'] === c).length;
      f1[c] = tp ? (2 * tp) / (2 * tp + fp + fn) : 0;
    }
    const amb = inPart.filter((r) => r.label === 'amb');
    const ambivalent = Object.fromEntries(
      CLASSES.map((c) => [c, amb.length ? amb.filter((r) => r.predicted === c).length / amb.length : 0]),
    ) as Record<Polarity, number>;
    out[part] = {
      n: scored.length,
      accuracy: scored.filter((r) => r.predicted === POLEMO[r.label as 'plus']).length / scored.length,
      macroF1: (f1.positive + f1.neutral + f1.negative) / 3,
      f1,
      ambivalent,
    };
  }
  return out;
}
