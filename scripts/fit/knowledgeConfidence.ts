/**
 * Fits the knowledge search's confidence coefficients (SEARCH_CONFIDENCE in
 * src/knowledge/searchConfidence.ts) on the CLINC150 development data and prints them.
 *
 *   npx tsx scripts/fit/knowledgeConfidence.ts
 *
 * Data: CLINC150 "full" `train` and `oos_train` (Larson et al., EMNLP 2019, CC BY 3.0), read in
 * place from ../shared/eval-data. The knowledge base is built from `train` with 10 % of each
 * intent held out (seeded shuffle, seed 150) as in-scope queries; `oos_train` gives out-of-scope
 * queries. A class-balanced logistic regression (calibrate(), Newton–Raphson, L2 1e-3) over the
 * search's features separates the two. `val` and `oos_val` are never read here: they are the
 * evaluation in bench/knowledge.ts. test/fit.test.ts checks the output equals the shipped numbers.
 */
import { mulberry32 } from '../../src/_internal/random';
import { guessLanguage } from '../../src/_internal/textAnalysis';
import { calibrate } from '../../src/confidence/calibrate';
import { KNOWLEDGE_LIMITS } from '../../src/knowledge/schemas';
import { confidenceFeatures } from '../../src/knowledge/searchConfidence';
import { createSearchIndex } from '../../src/knowledge/searchIndex';
import { readClinc150 } from '../../test/support/evalData';

/** Features the logistic part uses (the typo correction is a fixed scale, not fitted). */
const FEATURES = ['scorePerIdf', 'margin', 'coverage'] as const;

/** Fits and returns the coefficients rounded as shipped (2 decimals), plus the fit's figures. */
export function fitKnowledgeConfidence() {
  const data = readClinc150();
  const byIntent = new Map<string, string[]>();
  for (const [text, intent] of data.train) byIntent.set(intent, [...(byIntent.get(intent) ?? []), text]);
  const random = mulberry32(150);
  const index = createSearchIndex<string>();
  const inScope: string[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const texts = [...byIntent.get(intent)!];
    for (let i = texts.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [texts[i], texts[j]] = [texts[j]!, texts[i]!];
    }
    const held = Math.round(texts.length * 0.1);
    inScope.push(...texts.slice(0, held));
    index.add(
      { title: intent.replace(/_/g, ' '), questions: texts.slice(held), body: '', language: 'en' },
      intent,
    );
  }
  const outOfScope = data.oos_train.map(([text]) => text);
  const samples: { features: Record<string, number>; outcome: boolean; weight: number }[] = [];
  let skipped = 0;
  for (const [queries, outcome] of [
    [inScope, true],
    [outOfScope, false],
  ] as const) {
    // Class-balanced: each class carries half the total weight.
    const weight = (inScope.length + outOfScope.length) / (2 * queries.length);
    for (const query of queries) {
      const result = index.search(
        query,
        guessLanguage(query),
        KNOWLEDGE_LIMITS.hits,
        () => true,
        KNOWLEDGE_LIMITS.queryTerms,
        1,
      );
      const f = confidenceFeatures(result);
      // No hit or only the fuzzy title fallback: confidence is set by rule there, not by the fit.
      if (f === undefined) {
        skipped++;
        continue;
      }
      samples.push({ features: Object.fromEntries(FEATURES.map((k) => [k, f[k]])), outcome, weight });
    }
  }
  const model = calibrate(samples, { l2: 1e-3 });
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    coefficients: {
      bias: round(model.intercept),
      scorePerIdf: round(model.coefficients.scorePerIdf!),
      margin: round(model.coefficients.margin!),
      coverage: round(model.coefficients.coverage!),
    },
    inScope: inScope.length,
    outOfScope: outOfScope.length,
    skipped,
    converged: model.converged,
    brier: model.brier,
    brierBaseline: model.brierBaseline,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const fit = fitKnowledgeConfidence();
  console.log(
    `CLINC150 train: ${fit.inScope} held-out in-scope, ${fit.outOfScope} out-of-scope queries (${fit.skipped} without a BM25 hit); ` +
      `converged ${fit.converged}; weighted Brier ${fit.brier.toFixed(4)} (base rate ${fit.brierBaseline.toFixed(4)})`,
  );
  console.log(`SEARCH_CONFIDENCE = ${JSON.stringify(fit.coefficients)}`);
}
