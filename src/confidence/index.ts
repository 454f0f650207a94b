/**
 * Confidence: how sure the bot is and how the customer feels. Multilingual sentiment (VADER for
 * English; Polish and Chinese lexicons), frustration signals with evidence, a combined confidence
 * score with Rasa's fallback thresholds, logistic calibration and escalation risk.
 *
 * @module confidence
 */
export { analyzeSentiment } from './analyzeSentiment';
export {
  type CalibratedModel,
  type CalibrateOptions,
  CalibrateOptionsSchema,
  type CalibrationSample,
  CalibrationSampleSchema,
  calibrate,
  type LogisticModel,
  predictLogistic,
} from './calibrate';
export { createFrustrationDetector, type FrustrationDetector } from './createFrustrationDetector';
export { detectFrustration } from './detectFrustration';
export {
  type EscalationSample,
  EscalationSampleSchema,
  type FitEscalationRiskOptions,
  fitEscalationRisk,
} from './fitEscalationRisk';
export {
  DEFAULT_ESCALATION_MODEL,
  type EscalationFeatures,
  type EscalationRisk,
  escalationFeatures,
  type PredictEscalationRiskOptions,
  predictEscalationRisk,
} from './predictEscalationRisk';
export {
  type AnalyzeSentimentOptions,
  AnalyzeSentimentOptionsSchema,
  type ConfidenceSignals,
  ConfidenceSignalsSchema,
  type ConfidenceWeights,
  ConfidenceWeightsSchema,
  DEFAULT_FRUSTRATION_WEIGHTS,
  DEFAULT_MAX_SENTIMENT_LENGTH,
  type DetectFrustrationOptions,
  DetectFrustrationOptionsSchema,
  FRUSTRATION_SIGNAL_KINDS,
  type FrustrationDetectorOptions,
  FrustrationDetectorOptionsSchema,
  type FrustrationResult,
  type FrustrationSignal,
  type FrustrationSignalKind,
  SENTIMENT_LANGUAGES,
  type SentimentLabel,
  type SentimentLanguage,
  type SentimentResult,
} from './schemas';
export {
  type ConfidenceContribution,
  type ConfidenceScore,
  type ScoreConfidenceOptions,
  scoreConfidence,
} from './scoreConfidence';
