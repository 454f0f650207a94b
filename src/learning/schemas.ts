import { z } from 'zod';

/** One labelled text for {@link TextClassifierOptionsSchema trainTextClassifier}. */
export const TrainingExampleSchema = z.object({
  /** The text (a message, a ticket subject and body, …). */
  text: z.string({ error: 'text must be a string' }),
  /** Its label (an intent, a topic, `positive`/`neutral`/`negative`, …). */
  label: z.string({ error: 'label must be a string' }).min(1, 'label must not be empty'),
});
/** One labelled text. */
export type TrainingExample = z.input<typeof TrainingExampleSchema>;

/** The training examples of `trainTextClassifier`. */
export const TrainingExamplesSchema = z.array(TrainingExampleSchema, { error: 'examples must be an array' });

/** Feature families of the text classifier (defaults: every family on, 2^20 hash buckets). */
export const TextFeaturesSchema = z.object({
  /** Word stems (default on). */
  words: z.boolean().default(true),
  /** Pairs of neighbouring stems, with start/end markers (default on). */
  wordBigrams: z.boolean().default(true),
  /**
   * Character n-grams inside words, `[min, max]` (default `[3, 4]`; fastText's subwords are 3–6,
   * Bojanowski et al. 2017): they carry typos and inflection. `false` turns them off. 3–4 was as
   * accurate as 3–5 on a banking77 validation fold (0.864 vs 0.863) with 20 % less training time
   * and a 20 % smaller model (docs/learning.md).
   */
  charNgrams: z
    .union([
      z
        .tuple([z.number().int().min(1).max(8), z.number().int().min(1).max(8)])
        .refine(([min, max]) => min <= max, 'charNgrams: min must not exceed max'),
      z.literal(false),
    ])
    .default([3, 4]),
  /** Han characters and character pairs (default on): Chinese text has no spaces between words. */
  han: z.boolean().default(true),
  /**
   * Hash buckets are 2^hashBits (default 20). Only buckets seen in training are stored, so more bits
   * cost no model size; fewer bits merge more features by collision.
   */
  hashBits: z.number().int().min(10).max(30).default(20),
  /**
   * How a text's feature counts become the model's input, before scaling to unit length:
   * `tfidf` (default) — sublinear term frequency 1 + ln(count) times a smoothed inverse document
   * frequency ln((1 + N) / (1 + df)) + 1 learned from the training texts (Salton & Buckley 1988;
   * scikit-learn's `TfidfVectorizer(sublinear_tf=True)`); `count` — the raw counts (format 1's
   * only choice). On validation folds tfidf raised banking77 top-1 from 0.890 to 0.9005 and PolEmo
   * accuracy from 0.704 to 0.717 (docs/learning.md).
   */
  weighting: z.enum(['tfidf', 'count']).default('tfidf'),
});

/** Options of `trainTextClassifier`; every field has a default (see each field). */
export const TextClassifierOptionsSchema = z
  .object({
    /** Seed of the shuffling and of the calibration fold (default 1): same seed and data → same model. */
    seed: z.union([z.number().int(), z.string()]).default(1),
    /** Feature families (see `TextFeaturesSchema`). */
    features: TextFeaturesSchema.default({
      words: true,
      wordBigrams: true,
      charNgrams: [3, 4],
      han: true,
      hashBits: 20,
      weighting: 'tfidf',
    }),
    /**
     * A feature must occur in at least this many training texts to be learned (default 1: every
     * feature). Format 1 used 2; with tf-idf a dropped feature still counts in a text's length with
     * the highest idf, so on a small training set (a dozen tagged tickets) dropping the many
     * once-seen words drowned the rest. Validation folds: banking77 0.9017 vs 0.9005, PolEmo 0.718
     * vs 0.717, CLINC150 val 0.926 vs 0.924, for a 14 % larger banking77 JSON. Raise it to shrink
     * the model.
     */
    minFeatureCount: z.number().int().min(1).default(1),
    /** Passes of averaged stochastic gradient descent over the data (default 6). */
    epochs: z.number().int().min(1).max(1000).default(6),
    /**
     * Initial step size η₀ (default 2); it decays as η₀ / (1 + λ·η₀·t)^0.75 (Bottou 2012, "SGD
     * tricks", the averaged-SGD schedule). Defaults chosen on a banking77 validation fold.
     */
    learningRate: z.number().positive().max(100).default(2),
    /**
     * Naive Bayes feature scaling β in [0, 1] (default 0, off): during training each feature's input
     * to label c is scaled by (1 − β) + β · |r_c| / mean |r|, where r_c is the feature's naive-Bayes
     * log-count ratio for c against the other labels (Wang & Manning 2012, "Baselines and Bigrams",
     * NBSVM; here interpolated in the scaling, one ratio per label), so features that separate a
     * label get a larger share of the regularisation budget. It is folded into the stored weights:
     * prediction costs nothing more. On validation folds 0.25 raised PolEmo (3-class sentiment)
     * accuracy from 0.717 to 0.728 but lowered banking77 top-1 from 0.899 to 0.897 and CLINC150
     * from 0.924 to 0.920 (with minFeatureCount 2), so it is off by default; try it for
     * sentiment-like label sets.
     */
    nbScaling: z.number().min(0).max(1).default(0),
    /** L2 regularisation strength λ per example (default 1e-6). */
    l2: z.number().min(0).max(1).default(1e-6),
    /**
     * `balanced` (default) weighs each class by n / (k · n_class) so rare labels count as much as
     * frequent ones (scikit-learn's `class_weight='balanced'`); `none` weighs every example 1.
     */
    classWeight: z.enum(['balanced', 'none']).default('balanced'),
    /**
     * `temperature` (default): hold out `calibrationFraction` of the examples (stratified, seeded),
     * fit one temperature T on them by maximum likelihood (Guo et al. 2017, "On Calibration of
     * Modern Neural Networks") and train the final model on all examples; probabilities are
     * softmax(logits / T). `none`: T = 1. Needs at least 30 held-out examples, else T = 1.
     */
    calibration: z.enum(['temperature', 'none']).default('temperature'),
    /** Share of examples held out to fit the temperature (default 0.1). */
    calibrationFraction: z.number().gt(0).lt(0.5).default(0.1),
    /**
     * Weights are quantised to signed integers of this many bits (default 8) with one shared step;
     * weights that round to 0 are dropped. Fewer bits, smaller JSON.
     */
    weightBits: z.number().int().min(4).max(16).default(8),
    /** Characters of a text read at most, in training and prediction (default 10,000). */
    maxTextLength: z.number().int().min(1).max(10_000_000).default(10_000),
  })
  .strict();
/** Options of `trainTextClassifier`. */
export type TextClassifierOptions = z.input<typeof TextClassifierOptionsSchema>;
/** Options of `trainTextClassifier` with every default filled in. */
export type ResolvedTextClassifierOptions = z.output<typeof TextClassifierOptionsSchema>;

/** Format name written in every text-classifier JSON. */
export const TEXT_CLASSIFIER_FORMAT = 'tandem-cx/text-classifier';
/** Current version of the text-classifier JSON; `loadTextClassifier` reads this version only. */
export const TEXT_CLASSIFIER_VERSION = 2;

/** The JSON of a trained text classifier (`clf.toJSON()`), as `loadTextClassifier` validates it. */
export const TextClassifierModelSchema = z
  .object({
    format: z.literal(TEXT_CLASSIFIER_FORMAT, { error: `format must be '${TEXT_CLASSIFIER_FORMAT}'` }),
    version: z.literal(TEXT_CLASSIFIER_VERSION, {
      error: (issue) =>
        `unsupported model version ${JSON.stringify(issue.input)}: this tandem-cx reads version ${TEXT_CLASSIFIER_VERSION}; retrain the model`,
    }),
    /** Labels in model order (sorted). */
    labels: z.array(z.string().min(1)).min(2),
    /** Feature families the model was trained with. */
    features: z
      .object({
        words: z.boolean(),
        wordBigrams: z.boolean(),
        charNgrams: z.union([
          z.tuple([z.number().int().min(1).max(8), z.number().int().min(1).max(8)]),
          z.literal(false),
        ]),
        han: z.boolean(),
        hashBits: z.number().int().min(10).max(30),
        weighting: z.enum(['tfidf', 'count']),
      })
      .strict(),
    /** Training texts N (the idf's denominator). */
    documents: z.number().int().min(1),
    maxTextLength: z.number().int().min(1),
    /** Softmax temperature (calibration). */
    temperature: z.number().positive(),
    /** One bias per label. */
    bias: z.array(z.number()),
    /** Weight = integer × step. */
    step: z.number().positive(),
    /**
     * Stored buckets — every feature seen in at least `minFeatureCount` training texts — each with
     * its document frequency and its non-zero weights: varints in base64 (see codec.ts).
     */
    weights: z.string(),
    /** Buckets stored, and non-zero weights: sizes, checked on load. */
    buckets: z.number().int().min(0),
    nonZero: z.number().int().min(0),
    /** Examples per label in training, in label order. */
    counts: z.array(z.number().int().min(0)),
    /** Checksum of every other field (see codec.ts `checksumOf`). */
    checksum: z.string().regex(/^[0-9a-f]{16}$/),
  })
  .strict();
/** The JSON of a trained text classifier. */
export type TextClassifierModel = z.output<typeof TextClassifierModelSchema>;

/** Options of `predict`. */
export const PredictOptionsSchema = z
  .object({
    /** Add a `trace` with the features that weighed most for the chosen label (default false). */
    explain: z.boolean().optional(),
  })
  .strict();
/** Options of `predict`. */
export type PredictOptions = z.input<typeof PredictOptionsSchema>;
