import type { z } from 'zod';
import { parseWithSchema } from '../model/errors';
import type { Priority } from '../model/schemas';
import { type ConditionLeafTrace, compileValidatedCondition } from './conditions';
import {
  buildRuleIndex,
  cloneFieldTable,
  compileProgram,
  conjunctsOf,
  createFieldTable,
  type FieldTable,
  firstMatch,
  type Instruction,
  runProgram,
  slotFor,
} from './routeIndex';
import { type RouterConfig, RouterConfigSchema } from './schemas';

/** One rule in a {@link RouteTrace}. */
export interface RouteRuleTrace {
  ruleId: string;
  description?: string;
  /** `false` for disabled rules, which are listed but not evaluated. */
  enabled: boolean;
  matched: boolean;
  /** Every evaluated condition leaf with the value it saw, in evaluation order. */
  conditions: ConditionLeafTrace[];
}

/** Why a route went where it did: every rule evaluated, in order. */
export interface RouteTrace {
  mode: 'first' | 'all';
  rules: RouteRuleTrace[];
}

/** A rule matched. In `mode: 'all'`, `ruleIds` lists every match and skills/tags are merged. */
export interface RouteMatched {
  kind: 'matched';
  ruleId: string;
  ruleIds?: readonly string[];
  queue: string;
  priority: Priority;
  skills: readonly string[];
  tags: readonly string[];
  language?: string;
  trace?: RouteTrace;
}

/** No rule matched; the fallback applies. */
export interface RouteFallback {
  kind: 'fallback';
  queue: string;
  priority: Priority;
  skills: readonly string[];
  tags: readonly string[];
  trace?: RouteTrace;
}

/** The decision of {@link Router.route}. Decisions without `explain` are frozen and shared. */
export type RouteDecision = RouteMatched | RouteFallback;

/** Options of {@link Router.route}. */
export interface RouteOptions {
  /** Add a `trace` with every rule and condition evaluated. */
  explain?: boolean;
}

/** A compiled router. */
export interface Router {
  /** Routes one item (a conversation, ticket or any object the rules' fields point into). */
  route(item: unknown, options?: RouteOptions): RouteDecision;
  /** The validated config (defaults filled in). */
  readonly config: z.output<typeof RouterConfigSchema>;
}

/** Options of {@link compileRouter}. */
export interface CompileRouterOptions {
  /** Zod schema of the routed items: rule fields it does not have become config errors. */
  itemSchema?: z.ZodType;
}

const DEFAULT_PRIORITY: Priority = 3;

/**
 * Validates a routing config and compiles it into closures, once. `route()` then evaluates rules
 * in order without interpreting the config; in `mode: 'first'` (default) it returns a shared,
 * frozen decision per rule, so the hot path does not allocate.
 *
 * @param config - `{ mode?, rules: [{ id, description?, enabled?, when, then: { queue, priority?, skills?, tags?, language? } }], fallback: { queue, priority? } }`.
 * @param options - `itemSchema` enables unknown-field checks.
 * @returns a {@link Router}.
 * @throws {@link TandemError} `INVALID_CONFIG` naming every problem's path (`rules[3].when.any[1].op`),
 *   including duplicate rule ids and unsafe `matches` patterns.
 *
 * @example
 * ```ts
 * import { compileRouter } from 'tandem-cx/routing';
 * const router = compileRouter({ rules: [{ id: 'pl', when: { field: 'customer.language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } }], fallback: { queue: 'general' } });
 * router.route({ customer: { language: 'pl' } }); // => { kind: 'matched', ruleId: 'pl', queue: 'polish', priority: 3, skills: [] }
 * router.route({ customer: { language: 'en' } }); // => { kind: 'fallback', queue: 'general', priority: 3, skills: [] }
 * router.route({ customer: { language: 'en' } }, { explain: true }).trace; // => { mode: 'first', rules: [{ ruleId: 'pl', matched: false, conditions: [{ field: 'customer.language', seen: 'en', result: false }] }] }
 * ```
 */
export function compileRouter(config: RouterConfig, options: CompileRouterOptions = {}): Router {
  const parsed = parseWithSchema(RouterConfigSchema, config, {
    module: 'routing',
    code: 'INVALID_CONFIG',
    what: 'router config',
  });
  const compiled = parsed.rules.map((rule, index) => {
    // The config schema has validated the condition; this checks its fields against the item
    // schema and builds its `explain`.
    const { compiled: condition } = compileValidatedCondition(rule.when, {
      path: `rules[${index}].when`,
      ...(options.itemSchema ? { itemSchema: options.itemSchema } : {}),
    });
    const decision: RouteMatched = {
      kind: 'matched',
      ruleId: rule.id,
      queue: rule.then.queue,
      priority: rule.then.priority ?? DEFAULT_PRIORITY,
      skills: Object.freeze([...rule.then.skills]),
      tags: Object.freeze([...rule.then.tags]),
      ...(rule.then.language ? { language: rule.then.language } : {}),
    };
    return { rule, condition, decision: Object.freeze(decision) };
  });
  const fallback: RouteFallback = Object.freeze({
    kind: 'fallback',
    queue: parsed.fallback.queue,
    priority: parsed.fallback.priority,
    skills: Object.freeze([...parsed.fallback.skills]),
    tags: Object.freeze([...parsed.fallback.tags]),
  });
  const active = compiled.filter((c) => c.rule.enabled);
  const decisions = active.map((c) => c.decision);
  const count = active.length;

  // Field table and programs (src/routing/routeIndex.ts): the hot path of both modes.
  const table = createFieldTable();
  const slotOf = new Map<string, number>();
  const slot = (field: string) => slotFor(table, slotOf, field);
  const conjuncts = active.map((c) => conjunctsOf(c.rule.when));
  const index = buildRuleIndex(conjuncts, slot);
  // mode 'all' evaluates every rule whole (no index), so only it needs the full programs.
  const fullProgram: Instruction[] = [];
  const fullEntries =
    parsed.mode === 'all' ? conjuncts.map((cs) => compileProgram(cs, fullProgram, slot)) : [];
  table.candidates = new Int32Array(index.words);
  // A getter on the item could call route() again; the nested call gets a table of its own.
  const acquire = (): FieldTable => {
    const t = table.busy ? cloneFieldTable(table) : table;
    t.busy = true;
    t.gen++;
    return t;
  };

  const routeFirst = (item: unknown): RouteDecision => {
    const t = acquire();
    try {
      const i = firstMatch(t, index, item);
      return i < 0 ? fallback : decisions[i]!;
    } finally {
      t.busy = false;
    }
  };

  const merge = (matched: RouteMatched[]): RouteDecision => {
    if (matched.length === 0) return fallback;
    if (matched.length === 1) return matched[0]!;
    const first = matched[0]!;
    const skills = new Set<string>();
    const tags = new Set<string>();
    let priority: Priority | undefined;
    for (const m of matched) {
      for (const s of m.skills) skills.add(s);
      for (const t of m.tags) tags.add(t);
    }
    // The most urgent priority any matching rule set explicitly.
    for (const c of compiled)
      if (matched.includes(c.decision) && c.rule.then.priority !== undefined)
        priority = Math.min(priority ?? 5, c.rule.then.priority) as Priority;
    const language = matched.find((m) => m.language)?.language;
    return {
      kind: 'matched',
      ruleId: first.ruleId,
      ruleIds: matched.map((m) => m.ruleId),
      queue: first.queue,
      priority: priority ?? DEFAULT_PRIORITY,
      skills: [...skills],
      tags: [...tags],
      ...(language ? { language } : {}),
    };
  };

  const routeAll = (item: unknown): RouteDecision => {
    const matched: RouteMatched[] = [];
    const t = acquire();
    try {
      for (let i = 0; i < count; i++)
        if (runProgram(t, fullProgram, fullEntries[i]!, item)) matched.push(decisions[i]!);
    } finally {
      t.busy = false;
    }
    return merge(matched);
  };

  const explainRoute = (item: unknown): RouteDecision => {
    const rules: RouteRuleTrace[] = [];
    const matched: RouteMatched[] = [];
    for (const { rule, condition, decision } of compiled) {
      const base = {
        ruleId: rule.id,
        ...(rule.description !== undefined ? { description: rule.description } : {}),
      };
      if (!rule.enabled) {
        rules.push({ ...base, enabled: false, matched: false, conditions: [] });
        continue;
      }
      const { result, leaves } = condition.explain(item);
      rules.push({ ...base, enabled: true, matched: result, conditions: leaves });
      if (result) {
        matched.push(decision);
        if (parsed.mode === 'first') break;
      }
    }
    const decision = parsed.mode === 'first' ? (matched[0] ?? fallback) : merge(matched);
    return { ...decision, trace: { mode: parsed.mode, rules } };
  };

  return Object.freeze({
    config: parsed,
    route:
      parsed.mode === 'first'
        ? (item: unknown, routeOptions?: RouteOptions) =>
            routeOptions !== undefined && routeOptions.explain === true
              ? explainRoute(item)
              : routeFirst(item)
        : (item: unknown, routeOptions?: RouteOptions) =>
            routeOptions !== undefined && routeOptions.explain === true ? explainRoute(item) : routeAll(item),
  });
}
