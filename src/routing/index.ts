/**
 * Routing: the condition language, rule-based routing, language/topic/priority helpers, queue
 * ordering and capacity-aware agent assignment. Decisions never emit events; see docs/routing.md
 * for how a host emits `conversation.routed` / `conversation.assigned` / `conversation.queued`.
 *
 * @module routing
 */
export {
  type DetectLanguageOptions,
  detectLanguage,
  type LanguageDetection,
} from '../_internal/language/detectLanguage';
export {
  type AgentConsideration,
  type AssignmentResult,
  type AssignmentStepTrace,
  type AssignmentTrace,
  assignAgent,
  DEFAULT_CHANNEL_WEIGHTS,
  type Exclusion,
  type ExclusionCode,
  type QueuedReason,
} from './assignAgent';
export {
  classifyPriority,
  DEFAULT_PRIORITY_RULES,
  type PriorityClassification,
  type PriorityReason,
} from './classifyPriority';
export { classifyTopic, type TopicClassification, type TopicScore } from './classifyTopic';
export {
  type CompileRouterOptions,
  compileRouter,
  type RouteDecision,
  type RouteFallback,
  type RouteMatched,
  type RouteOptions,
  type RouteRuleTrace,
  type Router,
  type RouteTrace,
} from './compileRouter';
export {
  CONDITION_OPS,
  type CompileConditionOptions,
  type CompiledCondition,
  type Condition,
  type ConditionLeafTrace,
  type ConditionOp,
  ConditionSchema,
  type ConditionTrace,
  compileCondition,
  type FieldReference,
  type LeafCondition,
  MATCH_INPUT_LIMIT,
} from './conditions';
export { defineRouterConfig } from './defineRouterConfig';
export { type DrainQueueOptions, type DrainResult, drainQueue } from './drainQueue';
export { type OrderQueueOptions, orderQueue, type QueueItem } from './orderQueue';
export {
  type AssignAgentOptions,
  type AssignableItem,
  AssignableItemSchema,
  type AssignmentState,
  AssignmentStateSchema,
  type AssignmentStrategy,
  AssignmentStrategySchema,
  AssignOptionsSchema,
  ChannelWeightsSchema,
  type PriorityRulesInput,
  PriorityRulesSchema,
  RelaxationStepSchema,
  type RouterConfig,
  RouterConfigSchema,
  type RoutingRuleInput,
  RoutingRuleSchema,
  type TopicInput,
  TopicSchema,
  type WorkItem,
  WorkItemSchema,
} from './schemas';
export { type TopicModelOptions, TopicModelOptionsSchema } from './topicModel';
