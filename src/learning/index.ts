/**
 * Models fitted from the team's own history: a text classifier and a case model.
 * @module learning
 */
export type {
  CaseModel,
  CaseModelTrace,
  CasePredictOptions,
  CasePrediction,
  NextActivity,
} from './caseModelCore';
export {
  CASE_MODEL_FORMAT,
  CASE_MODEL_VERSION,
  type CaseEventInput,
  CaseEventSchema,
  type CaseModelJson,
  CaseModelJsonSchema,
  type CaseStepInput,
  CaseStepSchema,
  REMAINING_QUANTILE_LEVELS,
  type TrainCaseModelOptions,
  TrainCaseModelOptionsSchema,
} from './caseModelSchemas';
export { type LoadCaseModelOptions, loadCaseModel } from './loadCaseModel';
export { trainCaseModel } from './trainCaseModel';
