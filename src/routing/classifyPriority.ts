import type { z } from 'zod';
import { compileOwnPath } from '../_internal/ownProperties';
import { parseWithSchema } from '../model/errors';
import type { Priority } from '../model/schemas';
import { type CompiledCondition, compileCondition } from './conditions';
import { compileTermMatcher, prepareText, type TermMatch } from './keywords';
import { type PriorityRulesInput, PriorityRulesSchema } from './schemas';

/** Why the priority is what it is: one entry per rule that applied. */
export interface PriorityReason {
  ruleId: string;
  /** `floor` = "at least this urgent", `adjust` = moved by steps. */
  effect: 'floor' | 'adjust';
  /** The floor, or the number of steps (negative = more urgent). */
  value: number;
  /** Keywords that matched, when the rule has keywords. */
  matched?: string[];
  detail: string;
}

/** Result of {@link classifyPriority}. */
export interface PriorityClassification {
  /** 1 (most urgent) … 5. */
  priority: Priority;
  base: Priority;
  reasons: PriorityReason[];
}

/**
 * Default priority rules: security and outage keywords in the supported languages → 1, legal
 * threats and VIP customers one level up, very negative sentiment one level up, email one level
 * down. A starting point; every team tunes its own.
 */
export const DEFAULT_PRIORITY_RULES: PriorityRulesInput = {
  base: 3,
  rules: [
    {
      id: 'security',
      keywords: [
        'stolen',
        'fraud*',
        'hacked',
        'unauthorized',
        'unauthorised',
        "didn't make",
        'phishing',
        'skradzion*',
        'kradzież',
        'oszust*',
        'włamani*',
        'robad*',
        'fraude',
        'estafa',
        'gestohlen',
        'betrug',
        'volé*',
        'vole',
        'roubad*',
        'furto',
        'rubat*',
        'truffa',
        '被盗',
        '盗刷',
        '诈骗',
        '被盜',
        '盜刷',
        '詐騙',
      ],
      priority: 1,
      reason: 'security or fraud keyword',
    },
    {
      id: 'outage',
      keywords: [
        'outage',
        'down for everyone',
        'not working for anyone',
        'awaria',
        'caída',
        'ausfall',
        'panne',
        '宕机',
        '无法访问',
      ],
      priority: 1,
      reason: 'service outage keyword',
    },
    {
      id: 'legal',
      keywords: [
        'lawyer',
        'legal action',
        'sue',
        'court',
        'prawnik',
        'sąd',
        'abogado',
        'anwalt',
        'avocat',
        'advogado',
        'avvocato',
        '律师',
        '起诉',
      ],
      adjust: -1,
      reason: 'legal threat',
    },
    {
      id: 'vip',
      when: {
        any: [
          { field: 'customer.vip', op: 'eq', value: true },
          { field: 'customer.segment', op: 'in', value: ['vip', 'enterprise'] },
        ],
      },
      adjust: -1,
      reason: 'VIP or enterprise customer',
    },
    {
      id: 'negative',
      when: { field: 'sentiment', op: 'lte', value: -0.6 },
      adjust: -1,
      reason: 'very negative sentiment (compound ≤ -0.6)',
    },
    {
      id: 'email',
      when: { field: 'channel', op: 'eq', value: 'email' },
      adjust: 1,
      reason: 'asynchronous channel',
    },
  ],
};

interface CompiledRule {
  id: string;
  condition?: CompiledCondition;
  keywords?: (text: ReturnType<typeof prepareText>) => TermMatch;
  getText: (item: unknown) => unknown;
  priority?: Priority;
  adjust?: number;
  reason?: string;
}

const cache = new WeakMap<PriorityRulesInput, { base: Priority; rules: CompiledRule[] }>();

function compile(input: PriorityRulesInput): { base: Priority; rules: CompiledRule[] } {
  const hit = cache.get(input);
  if (hit) return hit;
  const parsed: z.output<typeof PriorityRulesSchema> = parseWithSchema(PriorityRulesSchema, input, {
    module: 'routing',
    code: 'INVALID_CONFIG',
    what: 'priority rules',
  });
  const compiled = {
    base: parsed.base,
    rules: parsed.rules.map(
      (rule, i): CompiledRule => ({
        id: rule.id,
        ...(rule.when ? { condition: compileCondition(rule.when, { path: `rules[${i}].when` }) } : {}),
        ...(rule.keywords
          ? { keywords: compileTermMatcher(rule.keywords.map((term) => ({ term, weight: 1 }))) }
          : {}),
        getText: compileOwnPath(rule.field),
        ...(rule.priority !== undefined ? { priority: rule.priority } : {}),
        ...(rule.adjust !== undefined ? { adjust: rule.adjust } : {}),
        ...(rule.reason !== undefined ? { reason: rule.reason } : {}),
      }),
    ),
  };
  cache.set(input, compiled);
  return compiled;
}

/**
 * Classifies an item's priority 1–5 (1 = most urgent) from rules on keywords, sentiment, customer
 * segment and channel. Each matching rule either sets a floor (`priority`: at least this urgent)
 * or moves the base priority by steps (`adjust`); the result is `min(clamp(base + Σ adjust, 1, 5),
 * floors…)` — a floor always holds — with a reason per rule that applied.
 *
 * @param item - e.g. `{ text, channel, customer: { vip, segment }, sentiment }` (`sentiment` is a
 *   compound score −1…1, e.g. from `analyzeSentiment` in `tandem-cx/confidence`).
 * @param rules - priority rules; {@link DEFAULT_PRIORITY_RULES} when omitted. Compiled once per object.
 * @returns `{ priority, base, reasons }`.
 * @throws {@link TandemError} `INVALID_CONFIG` for malformed rules.
 *
 * @example
 * ```ts
 * import { classifyPriority } from 'tandem-cx/routing';
 * classifyPriority({ text: 'Someone used my card, it was stolen!', channel: 'chat' }); // => { priority: 1, reasons: [{ ruleId: 'security', effect: 'floor', value: 1 }] }
 * classifyPriority({ text: 'Where is my invoice?', channel: 'email', customer: { vip: true } }).priority; // => 3
 * classifyPriority({ text: 'Where is my invoice?', channel: 'chat', customer: { vip: true } }).priority; // => 2
 * ```
 */
export function classifyPriority(
  item: unknown,
  rules: PriorityRulesInput = DEFAULT_PRIORITY_RULES,
): PriorityClassification {
  const compiled = compile(rules);
  let floor = 5;
  let steps = 0;
  const reasons: PriorityReason[] = [];
  const prepared = new Map<unknown, ReturnType<typeof prepareText>>();
  for (const rule of compiled.rules) {
    if (rule.condition && !rule.condition.test(item)) continue;
    let matched: string[] | undefined;
    if (rule.keywords) {
      const text = rule.getText(item);
      if (typeof text !== 'string') continue;
      let p = prepared.get(text);
      if (!p) {
        p = prepareText(text);
        prepared.set(text, p);
      }
      const m = rule.keywords(p);
      if (m.matched.length === 0) continue;
      matched = m.matched;
    }
    const detail = rule.reason ?? rule.id;
    const extra = matched ? { matched } : {};
    if (rule.priority !== undefined) {
      floor = Math.min(floor, rule.priority);
      reasons.push({ ruleId: rule.id, effect: 'floor', value: rule.priority, ...extra, detail });
    }
    if (rule.adjust !== undefined) {
      steps += rule.adjust;
      reasons.push({ ruleId: rule.id, effect: 'adjust', value: rule.adjust, ...extra, detail });
    }
  }
  // Floors are guarantees ("at least this urgent"); steps move the base.
  const priority = Math.min(floor, Math.min(5, Math.max(1, compiled.base + steps))) as Priority;
  return { priority, base: compiled.base, reasons };
}
