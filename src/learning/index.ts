/**
 * Models fitted from the team's own history: a text classifier and a case model.
 * @module learning
 */
export type {
  CaseModel,
  CaseModelTrace,
  CasePrediction,
  CasePredictOptions,
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
export { loadTextClassifier } from './loadTextClassifier';
export {
  type PredictOptions,
  PredictOptionsSchema,
  TEXT_CLASSIFIER_FORMAT,
  TEXT_CLASSIFIER_VERSION,
  type TextClassifierModel,
  TextClassifierModelSchema,
  type TextClassifierOptions,
  TextClassifierOptionsSchema,
  TextFeaturesSchema,
  type TrainingExample,
  TrainingExampleSchema,
} from './schemas';
export type { TextClassifier, TextFeatureContribution, TextPrediction } from './textClassifier';
export { trainCaseModel } from './trainCaseModel';
export { trainTextClassifier } from './trainTextClassifier';
