import { parseWithSchema } from '../model/errors';
import type { Priority } from '../model/schemas';
import type { HandoffLanguage } from './lexicon/requests';
import { SENSITIVE_TOPIC_PRIORITY, type SensitiveTopic, sensitivePatterns } from './lexicon/sensitive';
import { normalizeText } from './lexicon/text';
import { type SensitiveTopicOptions, SensitiveTopicOptionsSchema } from './schemas';

/** One sensitive topic found in a message. */
export interface SensitiveTopicMatch {
  /** Built-in topic id (`fraud`, `lost_or_stolen_card`, …) or a custom topic's id. */
  topic: SensitiveTopic | (string & {});
  /** Language of the phrase set that matched (`null` for custom keywords). */
  language: HandoffLanguage | null;
  /** The matched text (normalised). */
  evidence: string;
  priority: Priority;
}

/** Result of {@link detectSensitiveTopics}: matches, most urgent first (one per topic). */
export interface SensitiveTopicResult {
  matches: SensitiveTopicMatch[];
  /** Most urgent priority among the matches, `null` when none. */
  priority: Priority | null;
}

/** A compiled detector; see {@link createSensitiveTopicDetector}. */
export interface SensitiveTopicDetector {
  detect(text: string): SensitiveTopicResult;
}

interface CompiledTopicPattern {
  topic: string;
  language: HandoffLanguage | null;
  pattern: RegExp;
  priority: Priority;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Compiles the built-in and custom topic patterns once. */
export function compileSensitiveTopics(
  options: ReturnType<typeof parseSensitiveOptions>,
): CompiledTopicPattern[] {
  const topics = new Set<string>(options.topics ?? Object.keys(SENSITIVE_TOPIC_PRIORITY));
  const languages = options.languages ? new Set<string>(options.languages) : null;
  const out: CompiledTopicPattern[] = [];
  for (const p of sensitivePatterns()) {
    if (!topics.has(p.topic) || (languages && !languages.has(p.language))) continue;
    out.push({
      topic: p.topic,
      language: p.language,
      pattern: p.pattern,
      priority: options.priorities?.[p.topic] ?? SENSITIVE_TOPIC_PRIORITY[p.topic],
    });
  }
  for (const custom of options.custom) {
    const alternatives = custom.keywords.map((k) => {
      const n = escapeRegExp(normalizeText(k));
      return /^[\u3400-\u9fff]/u.test(n) ? n : `(?<![\\p{L}\\p{N}])${n}(?![\\p{L}\\p{N}])`;
    });
    out.push({
      topic: custom.id,
      language: null,
      pattern: new RegExp(alternatives.join('|'), 'u'),
      priority: custom.priority,
    });
  }
  return out;
}

function parseSensitiveOptions(options: SensitiveTopicOptions) {
  return parseWithSchema(SensitiveTopicOptionsSchema, options, {
    module: 'handoff',
    code: 'INVALID_CONFIG',
    what: 'sensitive topic options',
  });
}

/** Runs compiled topic patterns over one message. */
export function runSensitiveDetection(
  compiled: readonly CompiledTopicPattern[],
  text: string,
  normalized: string = normalizeText(text),
): SensitiveTopicResult {
  if (normalized.length === 0) return { matches: [], priority: null };
  const matches: SensitiveTopicMatch[] = [];
  const seen = new Set<string>();
  for (const p of compiled) {
    if (seen.has(p.topic)) continue;
    const m = p.pattern.exec(normalized);
    if (!m) continue;
    seen.add(p.topic);
    matches.push({ topic: p.topic, language: p.language, evidence: m[0].trim(), priority: p.priority });
  }
  matches.sort((a, b) => a.priority - b.priority);
  return { matches, priority: matches[0]?.priority ?? null };
}

/**
 * Compiles a detector of sensitive or complex topics that must go to a person at once: lost or
 * stolen card, fraud, unauthorised payment, legal threat, bereavement, self-harm, data-protection
 * request, complaint about staff — in en, pl, zh, es, de, fr — plus custom keyword topics.
 *
 * @param options - built-in topics to keep, languages, priority overrides, custom topics.
 * @returns a frozen detector.
 * @throws {@link TandemError} `INVALID_CONFIG` for an unknown topic or a duplicate custom id.
 *
 * @example
 * ```ts
 * import { createSensitiveTopicDetector } from 'tandem-cx/handoff';
 * const detector = createSensitiveTopicDetector({ custom: [{ id: 'recall', keywords: ['product recall'], priority: 2 }] });
 * detector.detect('Is my kettle part of the product recall?'); // => { matches: [{ topic: 'recall', priority: 2 }], priority: 2 }
 * ```
 */
export function createSensitiveTopicDetector(options: SensitiveTopicOptions = {}): SensitiveTopicDetector {
  const compiled = compileSensitiveTopics(parseSensitiveOptions(options));
  return Object.freeze({ detect: (text: string) => runSensitiveDetection(compiled, text) });
}

let defaultDetector: SensitiveTopicDetector | undefined;

/**
 * Finds sensitive topics in a customer message with the built-in multilingual phrase sets.
 *
 * @param text - the customer's message.
 * @returns one match per topic, most urgent first, and the most urgent priority.
 *
 * @example
 * ```ts
 * import { detectSensitiveTopics } from 'tandem-cx/handoff';
 * detectSensitiveTopics('Someone stole my wallet with my credit card'); // => { matches: [{ topic: 'lost_or_stolen_card', language: 'en' }], priority: 1 }
 * detectSensitiveTopics('Zgubiłem kartę, proszę ją zastrzec').matches[0].topic; // => 'lost_or_stolen_card'
 * detectSensitiveTopics('我要找律师起诉你们').matches[0].topic; // => 'legal_threat'
 * detectSensitiveTopics('Where is my parcel?').priority; // => null
 * ```
 */
export function detectSensitiveTopics(text: string): SensitiveTopicResult {
  defaultDetector ??= createSensitiveTopicDetector();
  return defaultDetector.detect(text);
}
