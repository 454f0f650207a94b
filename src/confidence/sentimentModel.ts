// Sentiment from a fitted text classifier (tandem-cx/learning) instead of a lexicon: DESIGN.md
// lets confidence use learning. The compound score is p(positive) − p(negative), so it keeps the
// lexicon's −1..1 scale and sign; the shares are the model's probabilities.
import type { TextClassifier } from '../learning/index';
import { isTextClassifier } from '../learning/textClassifier';
import { TandemError } from '../model/errors';
import type { SentimentLabel } from './schemas';
import type { ValenceScores } from './valence';

export { isTextClassifier };

const SENTIMENT_LABELS: ReadonlySet<string> = new Set(['positive', 'neutral', 'negative']);

/**
 * Scores `text` with a classifier whose labels are `positive` and `negative` (and optionally
 * `neutral`): compound = p(positive) − p(negative), rounded to 4 decimals like the lexicon's; the
 * label is the model's most probable one.
 */
export function scoreWithModel(
  model: TextClassifier,
  text: string,
): ValenceScores & { label: SentimentLabel } {
  const labels = model.labels;
  if (
    !labels.every((l) => SENTIMENT_LABELS.has(l)) ||
    !labels.includes('positive') ||
    !labels.includes('negative')
  )
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'confidence',
      path: 'options.model',
      message: `a sentiment model needs the labels positive and negative (and optionally neutral), got ${labels.map((l) => JSON.stringify(l)).join(', ')}`,
    });
  const p = model.predict(text);
  const positive = p.scores.positive ?? 0;
  const negative = p.scores.negative ?? 0;
  const round = (x: number) => Math.round(x * 10_000) / 10_000;
  return {
    compound: round(positive - negative),
    positive: round(positive),
    negative: round(negative),
    neutral: round(p.scores.neutral ?? 0),
    label: p.label as SentimentLabel,
  };
}
