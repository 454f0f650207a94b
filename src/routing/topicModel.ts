// Topic classification with a fitted text classifier (tandem-cx/learning) instead of keyword
// lists: DESIGN.md lets routing use learning. The result has the keyword path's shape, with the
// model's probability as the score, so routing rules and traces read both the same way.
import { z } from 'zod';
import type { TextClassifier } from '../learning/index';
import { isTextClassifier } from '../learning/textClassifier';
import { parseWithSchema } from '../model/errors';
import type { TopicClassification, TopicScore } from './classifyTopic';

/** Options of `classifyTopic(text, { model, minConfidence })`. */
export const TopicModelOptionsSchema = z
  .object({
    /** A classifier fitted on tagged tickets or messages (`trainTextClassifier`); its labels are the topics. */
    model: z.custom<TextClassifier>(isTextClassifier, {
      error: 'model must be a classifier from trainTextClassifier or loadTextClassifier',
    }),
    /**
     * Probability the top topic needs (default 0: always the most probable). Below it the result is
     * `{ kind: 'none', reason: 'below_min_score' }`, so a router can fall back to a general queue.
     */
    minConfidence: z.number().min(0).max(1).default(0),
  })
  .strict();
/** Options of `classifyTopic` with a fitted model. */
export type TopicModelOptions = z.input<typeof TopicModelOptionsSchema>;

/** True when `classifyTopic`'s second argument is model options rather than a topic list. */
export function isTopicModelOptions(value: unknown): value is TopicModelOptions {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `classifyTopic` with a fitted model: the most probable label, every label ranked by probability. */
export function classifyTopicWithModel(text: string, options: TopicModelOptions): TopicClassification {
  const { model, minConfidence } = parseWithSchema(TopicModelOptionsSchema, options, {
    module: 'routing',
    code: 'INVALID_CONFIG',
    what: 'topic model options',
    pathPrefix: ['options'],
  });
  const p = model.predict(text);
  const ranking: TopicScore[] = model.labels
    .map((topic) => ({ topic, score: p.scores[topic]!, matched: [] as string[] }))
    .sort((a, b) => b.score - a.score || (a.topic < b.topic ? -1 : 1));
  if (p.confidence < minConfidence) return { kind: 'none', reason: 'below_min_score', ranking };
  return { kind: 'matched', topic: p.label, score: p.confidence, matched: [], ranking };
}
