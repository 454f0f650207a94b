import type { z } from 'zod';
import { parseWithSchema } from '../model/errors';
import { compileTermMatcher, prepareText, type TermMatch } from './keywords';
import { type TopicInput, TopicsSchema } from './schemas';
import { classifyTopicWithModel, isTopicModelOptions, type TopicModelOptions } from './topicModel';

/** One topic's score in a {@link TopicClassification}. */
export interface TopicScore {
  topic: string;
  score: number;
  matched: string[];
}

/** Result of {@link classifyTopic}. */
export type TopicClassification =
  | { kind: 'matched'; topic: string; score: number; matched: string[]; ranking: TopicScore[] }
  | { kind: 'none'; reason: 'no_keywords' | 'below_min_score'; ranking: TopicScore[] };

interface CompiledTopics {
  topics: z.output<typeof TopicsSchema>;
  matchers: Array<(text: ReturnType<typeof prepareText>) => TermMatch>;
}

// Compiled topic lists, keyed by the caller's array: classifying many messages with the same
// topics compiles them once. A WeakMap holds no state of its own beyond the caller's objects.
const cache = new WeakMap<readonly TopicInput[], CompiledTopics>();

function compileTopics(topics: readonly TopicInput[]): CompiledTopics {
  const hit = cache.get(topics);
  if (hit) return hit;
  const parsed = parseWithSchema(TopicsSchema, topics, {
    module: 'routing',
    code: 'INVALID_CONFIG',
    what: 'topics',
    pathPrefix: ['topics'],
  });
  const compiled: CompiledTopics = {
    topics: parsed,
    matchers: parsed.map((topic) =>
      compileTermMatcher(topic.terms.map((t) => (typeof t === 'string' ? { term: t, weight: 1 } : t))),
    ),
  };
  cache.set(topics, compiled);
  return compiled;
}

/**
 * Classifies a message into one of the given topics by weighted keywords and phrases (case- and
 * accent-insensitive, whole words; `refund*` matches word endings; Chinese terms match as
 * substrings). The highest total weight at or above the topic's `minScore` wins; ties go to the
 * topic listed first.
 *
 * @param text - the message text.
 * @param topics - `[{ id, terms: ['refund*', { term: 'money back', weight: 2 }], minScore? }]`;
 *   validated and compiled once per array. Or `{ model, minConfidence? }`: a classifier fitted on
 *   tagged tickets (`trainTextClassifier`) picks the topic, its probability is the score
 *   (docs/learning.md).
 * @returns `{ kind: 'matched', topic, score, matched, ranking } | { kind: 'none', reason, ranking }`.
 * @throws {@link TandemError} `INVALID_CONFIG` for a malformed topic list.
 *
 * @example
 * ```ts
 * import { classifyTopic } from 'tandem-cx/routing';
 * const topics = [{ id: 'billing', terms: ['invoice', 'refund*', { term: 'charged twice', weight: 2 }] }, { id: 'delivery', terms: ['parcel', 'tracking', '包裹'] }];
 * classifyTopic('I was charged twice, please refund me', topics); // => { kind: 'matched', topic: 'billing', score: 3, matched: ['refund*', 'charged twice'] }
 * classifyTopic('我的包裹还没到', topics).kind; // => 'matched'
 * classifyTopic('hello there', topics).kind; // => 'none'
 * ```
 */
export function classifyTopic(
  text: string,
  topics: readonly TopicInput[] | TopicModelOptions,
): TopicClassification {
  if (isTopicModelOptions(topics)) return classifyTopicWithModel(text, topics);
  const compiled = compileTopics(topics);
  const prepared = prepareText(text);
  const ranking: TopicScore[] = [];
  let best: TopicScore | undefined;
  let anyHit = false;
  compiled.topics.forEach((topic, i) => {
    const { score, matched } = compiled.matchers[i]!(prepared);
    const entry = { topic: topic.id, score, matched };
    ranking.push(entry);
    if (score > 0) anyHit = true;
    if (score >= topic.minScore && (!best || score > best.score)) best = entry;
  });
  ranking.sort((a, b) => b.score - a.score);
  if (!best) return { kind: 'none', reason: anyHit ? 'below_min_score' : 'no_keywords', ranking };
  const chosen: TopicScore = best;
  return { kind: 'matched', topic: chosen.topic, score: chosen.score, matched: chosen.matched, ranking };
}
