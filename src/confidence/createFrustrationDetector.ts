import { parseWithSchema } from '../model/errors';
import type { Message, MessageInput } from '../model/schemas';
import {
  computeFeatures,
  type FeaturesOf,
  type MessageFeatures,
  type ParsedOptions,
  parseMessages,
  parseOptions,
  runDetection,
  type SimilarityOf,
  similarity,
} from './detectFrustration';
import {
  type DetectFrustrationOptions,
  type FrustrationDetectorOptions,
  FrustrationDetectorOptionsSchema,
  type FrustrationResult,
} from './schemas';

/** A frustration detector that reuses per-message analysis; see {@link createFrustrationDetector}. */
export interface FrustrationDetector {
  /**
   * Same as `detectFrustration(messages, options)` — the same result for the same input — but a
   * message analysed on an earlier call (same author, text and language) is not analysed again.
   */
  detect(messages: readonly MessageInput[], options?: DetectFrustrationOptions): FrustrationResult;
}

/**
 * Creates a frustration detector for a conversation that is scored again on every turn: it keeps
 * the per-message analysis (sentiment, language, patterns, normalised text and its n-grams) of the
 * messages it has seen, so each call only analyses the new messages. `detect(messages, options)`
 * returns exactly what `detectFrustration(messages, options)` returns.
 *
 * A message's analysis depends only on its author, its text and (customer messages) the language
 * it is read in (`options.language`, else the message's `language`), so that is what it is cached
 * by; everything that depends on neighbours, ids, times or `meta` is recomputed on each call. The
 * cache is bounded (least recently used first out) and lives in the returned object: one detector
 * can serve many conversations.
 *
 * @param options - `maxCachedMessages` (default 10,000; about 0.7 kB each for 80-character messages).
 * @returns a frozen detector `{ detect(messages, options?) }`.
 * @throws {TandemError} `INVALID_INPUT` for an invalid option; `detect` throws as `detectFrustration` does.
 *
 * @example
 * ```ts
 * import { createFrustrationDetector } from 'tandem-cx/confidence';
 * const detector = createFrustrationDetector();
 * const at = new Date('2026-11-23T10:00:00Z');
 * const messages = [{ id: 'm1', author: 'customer' as const, text: 'Where is my refund for order 1234?', at }];
 * detector.detect(messages).signals.length; // => 0
 * detector.detect([...messages, { id: 'm2', author: 'customer' as const, text: 'Where is my refund for order 1234??', at }]); // => { signals: [{ kind: 'repeated_question', turn: 2 }] }
 * ```
 */
export function createFrustrationDetector(options?: FrustrationDetectorOptions): FrustrationDetector {
  const { maxCachedMessages } = parseWithSchema(FrustrationDetectorOptionsSchema, options ?? {}, {
    module: 'confidence',
    what: 'createFrustrationDetector options',
    pathPrefix: ['options'],
  });
  const featuresOf = createFeatureCache(maxCachedMessages);
  const similarityOf = createSimilarityCache();
  return Object.freeze({
    detect(messages: readonly MessageInput[], detectOptions?: DetectFrustrationOptions): FrustrationResult {
      return runDetection(parseMessages(messages), parseOptions(detectOptions), featuresOf, similarityOf);
    },
  });
}

/**
 * Per-message analysis by author, text and language tag, in a bounded least-recently-used map.
 * A message's features depend on nothing else (see `MessageFeatures`), so a hit is exact.
 */
function createFeatureCache(maxCachedMessages: number): FeaturesOf {
  // Insertion order of a Map is its recency order: a hit is moved to the end, the first is oldest.
  const cache = new Map<string, MessageFeatures>();
  return (message: Message, tag: string | undefined): MessageFeatures => {
    // A language tag is BCP 47 (letters, digits, hyphens), so the first NUL after it ends it.
    const key =
      message.author === 'bot'
        ? `b\u0000${message.text}`
        : tag === undefined
          ? `c\u0000${message.text}`
          : `c\u0001${tag}\u0000${message.text}`;
    let features = cache.get(key);
    if (features !== undefined) {
      cache.delete(key);
    } else {
      features = computeFeatures(message, tag);
      if (cache.size >= maxCachedMessages) cache.delete(cache.keys().next().value as string);
    }
    cache.set(key, features);
    return features;
  };
}

/**
 * Similarity of two cached messages' n-grams, kept while both are: the same pairs are compared
 * again on the next turns (each customer message with the five before it). The n-gram arrays
 * belong to cached, never-changed features, so the value is that of `similarity`.
 */
function createSimilarityCache(): SimilarityOf {
  const memo = new WeakMap<Float64Array, WeakMap<Float64Array, number>>();
  return (a, b) => {
    let withA = memo.get(a);
    if (withA === undefined) {
      withA = new WeakMap();
      memo.set(a, withA);
    }
    let value = withA.get(b);
    if (value === undefined) {
      value = similarity(a, b);
      withA.set(b, value);
    }
    return value;
  };
}

/** Options the handoff policy passes: the evaluation time and the conversation's language. */
export interface ValidatedDetectOptions {
  now: Date;
  language?: string;
}

/**
 * Internal (not part of the package API): the detector the handoff policy keeps, for messages
 * it has already validated with `MessageSchema`. Validating a validated message again returns
 * the same fields, so it is not done; each message object's features are also kept by identity
 * (the policy treats message objects as immutable and gets the same ones back on every turn),
 * with the bounded map of {@link createFrustrationDetector} behind it for new objects with
 * known texts. Same result as `detectFrustration(messages, options)`.
 */
export function createValidatedFrustrationDetector(): {
  detect(messages: readonly Message[], options: ValidatedDetectOptions): FrustrationResult;
} {
  const { maxCachedMessages } = FrustrationDetectorOptionsSchema.parse({});
  const byContent = createFeatureCache(maxCachedMessages);
  const byMessage = new WeakMap<Message, { tag: string | undefined; features: MessageFeatures }>();
  const similarityOf = createSimilarityCache();
  const featuresOf: FeaturesOf = (message, tag) => {
    const hit = byMessage.get(message);
    if (hit !== undefined && hit.tag === tag) return hit.features;
    const features = byContent(message, tag);
    byMessage.set(message, { tag, features });
    return features;
  };
  // The parsed options of the last language: only `now` changes from call to call.
  let lastLanguage: string | undefined;
  let lastParsed: ParsedOptions | undefined;
  return Object.freeze({
    detect(messages: readonly Message[], options: ValidatedDetectOptions): FrustrationResult {
      if (lastParsed === undefined || lastLanguage !== options.language) {
        lastParsed = parseOptions(options.language === undefined ? {} : { language: options.language });
        lastLanguage = options.language;
      }
      // A valid Date is what the schema's `now` accepts; anything else is parsed (and rejected).
      const valid = options.now instanceof Date && !Number.isNaN(options.now.getTime());
      const opts = valid ? { ...lastParsed, now: options.now } : parseOptions(options);
      return runDetection(messages, opts, featuresOf, similarityOf);
    },
  });
}
