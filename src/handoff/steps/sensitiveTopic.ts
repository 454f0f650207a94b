import { type compileSensitiveTopics, runSensitiveDetection } from '../detectSensitiveTopics';
import type { StepResult, TurnContext } from './types';

/** Result of {@link sensitiveTopicStep}. */
export interface SensitiveTopicStepResult extends StepResult {
  /** Language of the first match that has one (a hint for the packet). */
  language: string | null;
}

/**
 * Step 2 — sensitive or complex topics (stolen or lost card, fraud, legal, bereavement, a
 * complaint about a person, data protection, custom topics) escalate with the topic's priority.
 */
export function sensitiveTopicStep(
  ctx: TurnContext,
  topics: ReturnType<typeof compileSensitiveTopics>,
): SensitiveTopicStepResult {
  if (!topics.length) return { escalations: [], offers: [], trace: [], language: null };
  const s = runSensitiveDetection(topics, ctx.current.text, ctx.normalized);
  return {
    escalations: s.matches.map((m) => ({
      reason: {
        code: 'sensitive_topic',
        detail: `${m.topic}${m.language ? ` (${m.language})` : ''}: "${m.evidence}"`,
      },
      weight: 1,
      priority: m.priority,
      step: 'sensitive_topic',
    })),
    offers: [],
    trace: [
      s.matches.length
        ? { step: 'sensitive_topic', result: 'matched', detail: s.matches }
        : { step: 'sensitive_topic', result: 'none' },
    ],
    language: s.matches.find((m) => m.language)?.language ?? null,
  };
}
