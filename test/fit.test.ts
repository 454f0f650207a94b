// The fitting scripts in scripts/fit/ reproduce the coefficients the code ships, exactly.
import { expect, it } from 'vitest';
import { fitKnowledgeConfidence } from '../scripts/fit/knowledgeConfidence';
import { SEARCH_CONFIDENCE } from '../src/knowledge/searchConfidence';
import { describeEvalData } from './support/describeEvalData';

describeEvalData(['clinc150/data_dev.json'])('scripts/fit reproduce the shipped coefficients', () => {
  it('knowledge search confidence (CLINC150 train vs oos_train)', () => {
    const fit = fitKnowledgeConfidence();
    expect(fit.converged).toBe(true);
    expect(fit.coefficients).toEqual(SEARCH_CONFIDENCE);
  });
});
