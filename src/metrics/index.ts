/**
 * Support metrics with exact, sourced definitions: CSAT, NPS, CES, FCR, AHT, ASA, service level,
 * abandonment, response and resolution times (calendar or business time), SLA attainment, reopen,
 * transfer, routing accuracy, containment, automated resolution, handoff, adoption, cost per
 * contact; Erlang C staffing; before/after comparisons; grouped streaming computation; record
 * schemas and a CSV/JSON(L) parser.
 *
 * @module metrics
 */
export type { InvalidRecord, RateResult, RecordKind, TimeMetricResult, WithSkipped } from './_engine';
export { type AdoptionOptions, AdoptionOptionsSchema, type AdoptionResult, adoption } from './adoption';
export {
  type CompareMetricOptions,
  CompareMetricOptionsSchema,
  compareMetric,
  type MeanSample,
  type MetricComparison,
  type MetricSample,
  type ProportionSample,
} from './compareMetric';
export {
  type ComputeMetricsOptions,
  ComputeMetricsOptionsSchema,
  type ComputeMetricsResult,
  computeMetrics,
  METRIC_DEFINITIONS,
  type MetricDescriptor,
  type MetricName,
  type MetricRow,
  MetricSpecSchema,
} from './computeMetrics';
export {
  type AbandonmentOptions,
  AbandonmentOptionsSchema,
  type AhtOptions,
  AhtOptionsSchema,
  type AhtResult,
  type AsaOptions,
  AsaOptionsSchema,
  abandonmentRate,
  aht,
  asa,
  type ServiceLevelOptions,
  ServiceLevelOptionsSchema,
  type ServiceLevelResult,
  serviceLevel,
} from './contactMetrics';
export {
  type CostPerContactOptions,
  CostPerContactOptionsSchema,
  type CostPerContactResult,
  costPerContact,
} from './costPerContact';
export {
  type ErlangC,
  type ErlangCConfig,
  ErlangCConfigSchema,
  erlangC,
  type PositionsOptions,
  type RequiredPositions,
  type RequiredPositionsOptions,
  RequiredPositionsOptionsSchema,
} from './erlangC';
export {
  type ParsedRecordByKind,
  type ParseRecordsOptions,
  ParseRecordsOptionsSchema,
  type ParseRecordsResult,
  parseRecords,
} from './parseRecords';
export { percentile } from './percentile';
export {
  firstResponseTime,
  nextResponseTime,
  type ResolutionTimeOptions,
  ResolutionTimeOptionsSchema,
  resolutionTime,
  type TimeMetricOptions,
} from './responseTimes';
export {
  type ContactRecord,
  type ContactRecordInput,
  ContactRecordSchema,
  MetricsMessageSchema,
  type OnInvalid,
  PauseSchema,
  type SurveyResponse,
  type SurveyResponseInput,
  SurveyResponseSchema,
  type TicketRecord,
  type TicketRecordInput,
  TicketRecordSchema,
  TimeOptionsSchema,
} from './schemas';
export {
  type SlaCounts,
  type SlaOptions,
  SlaOptionsSchema,
  type SlaPolicy,
  SlaPolicySchema,
  type SlaResult,
  SlaTargetSchema,
  slaAttainment,
} from './slaAttainment';
export {
  type CesOptions,
  CesOptionsSchema,
  type CesResult,
  type CsatOptions,
  CsatOptionsSchema,
  type CsatResult,
  ces,
  csat,
  type NpsOptions,
  NpsOptionsSchema,
  type NpsResult,
  nps,
} from './surveyMetrics';
export {
  type AutomatedResolutionOptions,
  AutomatedResolutionOptionsSchema,
  automatedResolutionRate,
  type BotRateOptions,
  BotRateOptionsSchema,
  containmentRate,
  type FcrOptions,
  FcrOptionsSchema,
  fcr,
  handoffRate,
  type ReopenRateOptions,
  ReopenRateOptionsSchema,
  type RepeatAwareResult,
  type RoutingAccuracyOptions,
  RoutingAccuracyOptionsSchema,
  reopenRate,
  routingAccuracy,
  type TransferRateOptions,
  TransferRateOptionsSchema,
  transferRate,
} from './ticketRates';
export {
  SQL_METRIC_NAMES,
  SQL_UNSUPPORTED,
  type SqlDialect,
  SqlDialectSchema,
  type ToSqlOptions,
  ToSqlOptionsSchema,
  toSql,
} from './toSql';
export { type ToVegaLiteOptions, toVegaLite, type VegaLiteSpec } from './toVegaLite';
