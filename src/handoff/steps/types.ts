// Internal: what the decision steps of a handoff policy share. Not exported from the package.
import type { Priority } from '../../model/schemas';
import type { ConversationView, CustomerTurn, HandoffState } from '../conversationView';
import type { HandoffReason, ResolvedHandoffPolicyConfig } from '../schemas';
import type { HandoffTraceStep } from '../types';

/** The steps of `decide`, in order; a candidate names the step that raised it. */
export type StepName =
  | 'explicit_request'
  | 'sensitive_topic'
  | 'offer_reply'
  | 'attribute_rules'
  | 'answer_confidence'
  | 'frustration'
  | 'loop';

/** A reason to escalate, offer or clarify, with its weight in the decision score. */
export interface Candidate {
  reason: HandoffReason;
  /** Contribution to the score, 1 − Π(1 − w). */
  weight: number;
  priority?: Priority;
  /** The step that raised it (named in the trace when it decides). */
  step: StepName;
}

/** The latest customer turn, read once for every step. */
export interface TurnContext {
  view: ConversationView;
  state: HandoffState;
  current: CustomerTurn;
  /** The current turn's normalised text. */
  normalized: string;
  config: ResolvedHandoffPolicyConfig;
}

/** What most steps return: candidates found and the trace entries to add. */
export interface StepResult {
  escalations: Candidate[];
  offers: Candidate[];
  trace: HandoffTraceStep[];
}

/** An empty result. */
export const nothing = (): StepResult => ({ escalations: [], offers: [], trace: [] });
