/**
 * Survey scheduling: the right survey at the right moment, throttled, in the customer's time
 * zone, with a reason for every one not sent. `planSurvey` decides; `followUpOnResponse` reacts
 * to answers; `createSurveyScheduler` keeps the state for hosts that want it handled.
 *
 * @module surveys
 */
export {
  type CompiledSurvey,
  type CompiledSurveyPolicy,
  type CompileSurveyPolicyOptions,
  compileSurveyPolicy,
  SURVEY_SCALES,
} from './compileSurveyPolicy';
export {
  createSurveyHistoryIndex,
  type IndexedSurveySend,
  type SurveyHistoryIndex,
} from './createSurveyHistoryIndex';
export {
  createSurveyScheduler,
  type DueSurvey,
  type RecordResponseResult,
  type SchedulerPlanResult,
  type SurveyScheduler,
  type SurveySchedulerOptions,
} from './createSurveyScheduler';
export { defineSurveyPolicy } from './defineSurveyPolicy';
export {
  DEFAULT_FOLLOW_UP_RULES,
  type FollowUpOptions,
  type FollowUpResult,
  type FollowUpRule,
  followUpOnResponse,
  type SurveyResponseCategory,
} from './followUpOnResponse';
export {
  type PlanSurveyOptions,
  planSurvey,
  type ScheduledSurvey,
  SURVEY_SUPPRESSION_REASONS,
  type SuppressedSurvey,
  type SurveyHistoryInput,
  type SurveyPlan,
  type SurveyPlanTraceStep,
  type SurveyPlanWarning,
  type SurveySuppressionReason,
} from './planSurvey';
export * from './schemas';
export {
  createMemorySurveyStore,
  type SurveyRecord,
  type SurveyRecordPatch,
  type SurveyRecordStatus,
  type SurveyStore,
} from './surveyStore';
export type { DeferralReason } from './timeZone';
