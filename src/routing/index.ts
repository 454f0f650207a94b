/**
 * Routing: the condition language, rule-based routing, language/topic/priority helpers, queue
 * ordering and capacity-aware agent assignment.
 *
 * @module routing
 */

export {
  type DetectLanguageOptions,
  detectLanguage,
  type LanguageDetection,
} from '../_internal/language/detectLanguage';
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
