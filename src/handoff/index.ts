/**
 * Handoff: when the bot passes a conversation to a person, and the packet that goes with it so
 * the customer never repeats themselves. Multilingual detectors of explicit requests for a human
 * and of sensitive topics, a pure policy state machine, the handoff packet, hand back and
 * learning from agents.
 *
 * @module handoff
 */
export { type BuildHandoffPacketContext, buildHandoffPacket } from './buildHandoffPacket';
export { createHandoffPolicy, type HandoffPolicy } from './createHandoffPolicy';
export { defineHandoffConfig } from './defineHandoffConfig';
export {
  createHumanRequestDetector,
  detectHumanRequest,
  type HumanRequestDetector,
  type HumanRequestResult,
} from './detectHumanRequest';
export {
  createSensitiveTopicDetector,
  detectSensitiveTopics,
  type SensitiveTopicDetector,
  type SensitiveTopicMatch,
  type SensitiveTopicResult,
} from './detectSensitiveTopics';
export { type HandBackOptions, type HandBackResult, handBack } from './handBack';
export {
  type LearnFromResolutionOptions,
  type LearnFromResolutionResult,
  learnFromResolution,
} from './learnFromResolution';
export { HANDOFF_LANGUAGES, type HandoffLanguage } from './lexicon/requests';
export { SENSITIVE_TOPIC_PRIORITY, SENSITIVE_TOPICS, type SensitiveTopic } from './lexicon/sensitive';
export {
  ContactFieldSchema,
  CustomSensitiveTopicSchema,
  HANDOFF_REASON_CODES,
  HandoffLanguageSchema,
  type HandoffPacket,
  HandoffPacketSchema,
  type HandoffPolicyConfig,
  HandoffPolicyConfigSchema,
  type HandoffReason,
  type HandoffReasonCode,
  HandoffReasonSchema,
  HandoffRuleActionSchema,
  type HandoffRuleInput,
  HandoffRuleSchema,
  type HumanRequestDetectorOptions,
  HumanRequestDetectorOptionsSchema,
  PacketArticleSchema,
  PacketMessageSchema,
  type ResolvedHandoffPolicyConfig,
  type SensitiveTopicOptions,
  SensitiveTopicOptionsSchema,
  SensitiveTopicSchema,
} from './schemas';
export type {
  AnswerConfidence,
  ContactField,
  DecideOptions,
  HandoffClarify,
  HandoffContinue,
  HandoffDecision,
  HandoffDecisionEvent,
  HandoffDelivery,
  HandoffDependencies,
  HandoffEscalate,
  HandoffFrustration,
  HandoffOffer,
  HandoffRouter,
  HandoffSentiment,
  HandoffTraceStep,
} from './types';
