// Confidence of a knowledge search: the probability that the top hit answers the query. Not
// exported from the package; the fitting script (scripts/fit/knowledgeConfidence.ts) uses the
// same features, so the shipped coefficients can be reproduced from the development data.
import { DEFAULT_WEIGHTS, type IndexResult } from './searchIndex';

/** The signals of one search that the confidence combines. */
export interface ConfidenceFeatures {
  /** Top score per unit of query weight (score / Σ idf of the query terms): comparable across knowledge bases of different sizes. */
  scorePerIdf: number;
  /** (top1 − top2) / top1. */
  margin: number;
  /** Share of the query's idf mass found in the best-matching phrasing. */
  coverage: number;
  /** Share of the query's idf mass that matched only through a typo-corrected word. */
  corrected: number;
}

/**
 * Logistic coefficients over {@link ConfidenceFeatures} (scorePerIdf, margin, coverage). Fitted by
 * `scripts/fit/knowledgeConfidence.ts` — class-balanced logistic regression (Newton–Raphson, L2
 * 1e-3) on CLINC150 (Larson et al. 2019, CC BY 3.0): the knowledge base built from `train` with
 * 10 % of each intent held out as in-scope queries (seed 150), against `oos_train` as
 * out-of-scope. The untouched `val`/`oos_val` parts are the evaluation (bench/knowledge.ts). A
 * test checks that the script reproduces these numbers.
 */
export const SEARCH_CONFIDENCE = { bias: -7.54, scorePerIdf: 3.76, margin: 2.76, coverage: 2.49 };

/**
 * A typo-corrected word counts as much in the confidence as in the ranking
 * (`DEFAULT_WEIGHTS.typo`, 0.7 of an exact word), so a query answered through corrections is less
 * certain than the same query spelt right: the probability is scaled by 1 − corrected × (1 − 0.7).
 */
const CORRECTED_WORD_WEIGHT = DEFAULT_WEIGHTS.typo;

/** The confidence features of a (non-fuzzy) search result, or `undefined` when there is no hit. */
export function confidenceFeatures(result: IndexResult<unknown>): ConfidenceFeatures | undefined {
  const top = result.hits[0];
  if (top === undefined || result.fuzzy) return undefined;
  return {
    scorePerIdf: top.score / Math.max(result.queryIdf, 1e-9),
    margin: top.score > 0 ? (top.score - result.secondScore) / top.score : 0,
    coverage: top.coverage,
    corrected: top.corrected,
  };
}

/** Confidence (0..1) that the top hit of `result` answers the query. */
export function searchConfidence(result: IndexResult<unknown>): number {
  const top = result.hits[0];
  if (top === undefined) return 0;
  // Fuzzy title matches (no indexed word in common) never reach the answering range.
  if (result.fuzzy) return Math.min(0.35, top.score * 0.35);
  const f = confidenceFeatures(result)!;
  const z =
    SEARCH_CONFIDENCE.bias +
    SEARCH_CONFIDENCE.scorePerIdf * f.scorePerIdf +
    SEARCH_CONFIDENCE.margin * f.margin +
    SEARCH_CONFIDENCE.coverage * f.coverage;
  return (1 - f.corrected * (1 - CORRECTED_WORD_WEIGHT)) / (1 + Math.exp(-z));
}
