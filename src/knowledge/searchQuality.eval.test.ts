// Quality floors of knowledge search on real data (banking77, PolyAI, CC BY 4.0; CLINC150, Larson
// et al. 2019, CC BY 3.0), read in place from ../shared/eval-data. The same figures are reported
// by bench/knowledge.ts (test/support/knowledgeEval.ts computes both). Floors sit a little under
// the measured values (banking77 top-1 85.7 %, top-5 97.5 %, CLINC150 top-1 86.3 %, AUROC 0.939):
// a change that loses ranking or confidence quality turns the suite red. banking77 is a development
// set for the ranking weights; the confidence coefficients never saw `val`/`oos_val`.
import { expect, it } from 'vitest';
import { describeEvalData } from '../../test/support/describeEvalData';
import { tandemSearchQuality } from '../../test/support/knowledgeEval';

describeEvalData(['banking77/train.csv', 'clinc150/data_dev.json'])('knowledge search quality floors', () => {
  it('banking77 top-1/top-5, CLINC150 top-1 and out-of-scope AUROC stay above their floors', async () => {
    const q = await tandemSearchQuality();
    expect(q.banking77Top1).toBeGreaterThanOrEqual(0.845);
    expect(q.banking77Top5).toBeGreaterThanOrEqual(0.965);
    expect(q.clincTop1).toBeGreaterThanOrEqual(0.85);
    expect(q.clincAuroc).toBeGreaterThanOrEqual(0.93);
    // At the default gap threshold (0.5) most out-of-scope queries are rejected (measured 89 %).
    expect(q.outOfScope.filter((c) => c < 0.5).length / q.outOfScope.length).toBeGreaterThanOrEqual(0.85);
  });
});
