import type { z } from 'zod';
import { parseWithSchema } from '../model/errors';
import type { Priority } from '../model/schemas';
import {
  type ConditionLeafTrace,
  compareLeaf,
  compileConditionWithPlans,
  evalPlans,
  type LeafPlan,
  type PathPlan,
  readPath,
} from './conditions';
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
 * Per-router field cache for one `route()` call: each distinct field the rules read is read at
 * most once per item (own-property lookups are the expensive part), then compared by every leaf
 * that uses it. `gens[i] === gen` means `values[i]` holds the current item's value.
 */
interface FieldCache {
  fields: PathPlan[];
  values: unknown[];
  gens: number[];
  gen: number;
  busy: boolean;
}

/** A leaf whose field (and compared field) are slots of the {@link FieldCache}. */
interface SlotLeaf {
  plan: LeafPlan;
  slot: number;
  refSlot: number;
}

function fieldValue(cache: FieldCache, slot: number, item: unknown): unknown {
  if (cache.gens[slot] === cache.gen) return cache.values[slot];
  const value = readPath(cache.fields[slot]!, item);
  cache.values[slot] = value;
  cache.gens[slot] = cache.gen;
  return value;
}

/** One indexed field: for each value, the rules that can still match (bitset over rule order). */
interface GuardIndex {
  slot: number;
  byValue: Map<unknown, Int32Array>;
  /** Rules compatible with any value not in `byValue` (those without a guard on this field). */
  otherwise: Int32Array;
}

interface RuleIndex {
  words: number;
  all: Int32Array;
  guards: GuardIndex[];
}

const EQ_CODE = 1;
const IN_CODE = 3;

/**
 * Builds the rule index: every `eq`/`in` leaf with literal scalars in a rule that is a conjunction
 * of leaves is a guard — the rule can only hold when the field's value is one of the guard's
 * values. Per guarded field, a map value → bitset of rules still possible. It only prunes rules
 * whose full condition would be false anyway, so decisions are unchanged (the differential test
 * against json-rules-engine runs through it).
 */
function buildRuleIndex(slotted: ReadonlyArray<readonly SlotLeaf[] | null>, count: number): RuleIndex {
  const words = Math.max(1, Math.ceil(count / 32));
  const all = new Int32Array(words);
  for (let i = 0; i < count; i++) all[i >> 5]! |= 1 << (i & 31);
  // slot → rule → allowed values (intersection of the rule's guards on that slot)
  const allowed = new Map<number, Map<number, Set<unknown>>>();
  slotted.forEach((leaves, rule) => {
    for (const leaf of leaves ?? []) {
      if (leaf.refSlot >= 0) continue;
      const { code, literal } = leaf.plan;
      let values: unknown[] | undefined;
      if (code === EQ_CODE && isIndexable(literal)) values = [literal];
      else if (code === IN_CODE && Array.isArray(literal) && literal.every(isIndexable)) values = literal;
      if (!values) continue;
      let rules = allowed.get(leaf.slot);
      if (!rules) {
        rules = new Map();
        allowed.set(leaf.slot, rules);
      }
      const previous = rules.get(rule);
      rules.set(rule, previous ? new Set(values.filter((v) => previous.has(v))) : new Set(values));
    }
  });
  const guards: GuardIndex[] = [];
  for (const [slot, rules] of allowed) {
    const otherwise = Int32Array.from(all);
    for (const rule of rules.keys()) otherwise[rule >> 5]! &= ~(1 << (rule & 31));
    const byValue = new Map<unknown, Int32Array>();
    for (const [rule, values] of rules)
      for (const value of values) {
        let bits = byValue.get(value);
        if (!bits) {
          bits = Int32Array.from(otherwise);
          byValue.set(value, bits);
        }
        bits[rule >> 5]! |= 1 << (rule & 31);
      }
    guards.push({ slot, byValue, otherwise });
  }
  return { words, all, guards };
}

// Map keys compare with SameValueZero, like `===` except NaN; NaN never equals anything under
// `eq`, so it is left out of the index (its leaves still evaluate normally).
const isIndexable = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v));

function evalSlotLeaves(cache: FieldCache, leaves: readonly SlotLeaf[], item: unknown): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const seen = fieldValue(cache, leaf.slot, item);
    const expected = leaf.refSlot < 0 ? leaf.plan.literal : fieldValue(cache, leaf.refSlot, item);
    if (!compareLeaf(leaf.plan, seen, expected)) return false;
  }
  return true;
}

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
    const { compiled: condition, plans } = compileConditionWithPlans(rule.when, {
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
    return { rule, condition, plans, decision: Object.freeze(decision) };
  });
  const fallback: RouteFallback = Object.freeze({
    kind: 'fallback',
    queue: parsed.fallback.queue,
    priority: parsed.fallback.priority,
    skills: Object.freeze([...parsed.fallback.skills]),
    tags: Object.freeze([...parsed.fallback.tags]),
  });
  const active = compiled.filter((c) => c.rule.enabled);
  const tests = active.map((c) => c.condition.test);
  const decisions = active.map((c) => c.decision);
  // Rules that are a conjunction of leaves (most real rules) run as data through evalPlans,
  // one monomorphic call site; the rest through their closures.
  const plans: Array<readonly LeafPlan[] | null> = active.map((c) => c.plans);
  const count = tests.length;

  const cache: FieldCache = { fields: [], values: [], gens: [], gen: 0, busy: false };
  const slotOf = new Map<string, number>();
  const slot = (path: PathPlan): number => {
    const key = path.segments.join('.');
    let index = slotOf.get(key);
    if (index === undefined) {
      index = cache.fields.length;
      slotOf.set(key, index);
      cache.fields.push(path);
      cache.values.push(undefined);
      cache.gens.push(-1);
    }
    return index;
  };
  const slotted: Array<SlotLeaf[] | null> = plans.map(
    (p) =>
      p?.map((plan) => ({ plan, slot: slot(plan.path), refSlot: plan.ref ? slot(plan.ref) : -1 })) ?? null,
  );

  const routeFirstUncached = (item: unknown): RouteDecision => {
    for (let i = 0; i < count; i++) {
      const p = plans[i]!;
      if (p !== null ? evalPlans(p, item) : tests[i]!(item)) return decisions[i]!;
    }
    return fallback;
  };
  const index = buildRuleIndex(slotted, count);
  const candidates = new Int32Array(index.words);
  const routeFirst = (item: unknown): RouteDecision => {
    // A getter on the item could call route() again; the nested call must not share the cache.
    if (cache.busy) return routeFirstUncached(item);
    cache.busy = true;
    cache.gen++;
    try {
      // Narrow the rules with the index (one read and one map lookup per guard field), then
      // evaluate the remaining candidates in rule order; the first that holds wins.
      candidates.set(index.all);
      for (let g = 0; g < index.guards.length; g++) {
        const guard = index.guards[g]!;
        const bits = guard.byValue.get(fieldValue(cache, guard.slot, item)) ?? guard.otherwise;
        for (let w = 0; w < candidates.length; w++) candidates[w]! &= bits[w]!;
      }
      for (let w = 0; w < candidates.length; w++) {
        let word = candidates[w]!;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          const i = w * 32 + bit;
          const s = slotted[i]!;
          if (s !== null ? evalSlotLeaves(cache, s, item) : tests[i]!(item)) return decisions[i]!;
        }
      }
      return fallback;
    } finally {
      cache.busy = false;
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
    for (let i = 0; i < count; i++) {
      const p = plans[i]!;
      if (p !== null ? evalPlans(p, item) : tests[i]!(item)) matched.push(decisions[i]!);
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

  const hot = parsed.mode === 'first' ? routeFirst : routeAll;
  return Object.freeze({
    config: parsed,
    route: (item: unknown, routeOptions?: RouteOptions) =>
      routeOptions?.explain === true ? explainRoute(item) : hot(item),
  });
}
