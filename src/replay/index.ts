/**
 * Replay historical conversations through candidate policies (routing, handoff, knowledge,
 * surveys, SLA, staffing) and compare two policies before anything ships.
 *
 * @module replay
 */
export { comparePolicies, type PolicyComparison, type RateDifference } from './comparePolicies';
export { compileReplayPolicy, type ReplayPolicy } from './compileReplayPolicy';
export { defineReplayPolicy, type ReplayPolicyInput } from './defineReplayPolicy';
export {
  type ReplayDecision,
  type ReplayOptions,
  type ReplayReport,
  type ReplaySummary,
  replay,
} from './replay';
export {
  type ReplayConversationInput,
  ReplayConversationSchema,
  type ReplayPolicyConfig,
  ReplayPolicyConfigSchema,
  SlaTargetsSchema,
  StaffingSchema,
} from './schemas';
