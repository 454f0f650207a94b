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
 * Per-router field table for one `route()` call. Every distinct path prefix the rules read is a
 * slot whose value is read from its parent slot's value (or the item), so `customer` is looked up
 * once for `customer.language`, `customer.vip`, … Own-property lookups are the expensive part;
 * each slot is read at most once per item. `gens[i] === gen` means `values[i]` holds the current
 * item's value.
 */
interface FieldTable {
  /** Parent slot of each slot; -1 for a top-level key of the item. Parents precede children. */
  parents: number[];
  keys: string[];
  values: unknown[];
  gens: number[];
  gen: number;
  busy: boolean;
}

/** A leaf whose field (and compared field) are slots of the {@link FieldTable}. */
interface SlotLeaf {
  plan: LeafPlan;
  slot: number;
  refSlot: number;
}

const hasOwn = Object.prototype.hasOwnProperty;
/**
 * Reads own property `key` of `o` for field slot `slot`. Each of the first 32 slots has
 * its own `o[key]` expression, so V8's inline cache at that site sees one key and (for items of
 * one shape) one object shape and stays monomorphic; a single shared `o[key]` would see every key
 * of every rule and go megamorphic. Same semantics as `readOwn`.
 */
function readSlot(slot: number, o: unknown, key: string): unknown {
  if (typeof o !== 'object' || o === null) return undefined;
  switch (slot) {
    case 0:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 1:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 2:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 3:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 4:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 5:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 6:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 7:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 8:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 9:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 10:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 11:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 12:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 13:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 14:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 15:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 16:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 17:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 18:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 19:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 20:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 21:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 22:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 23:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 24:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 25:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 26:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 27:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 28:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 29:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 30:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    case 31:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
    default:
      return hasOwn.call(o, key) ? (o as Record<string, unknown>)[key] : undefined;
  }
}

function fieldValue(table: FieldTable, slot: number, item: unknown): unknown {
  if (table.gens[slot] === table.gen) return table.values[slot];
  const parent = table.parents[slot]!;
  const value = readSlot(slot, parent < 0 ? item : fieldValue(table, parent, item), table.keys[slot]!);
  table.values[slot] = value;
  table.gens[slot] = table.gen;
  return value;
}

/** One indexed field: for each value, the rules that can still match (bitset over rule order). */
interface GuardIndex {
  slot: number;
  byValue: Map<unknown, Int32Array>;
  /** The keys and values of `byValue` as arrays, scanned instead of hashing when short. */
  keys: unknown[] | null;
  bitsList: Int32Array[];
  /** Rules compatible with any value not in `byValue` (those without a guard on this field). */
  otherwise: Int32Array;
}

interface RuleIndex {
  words: number;
  all: Int32Array;
  guards: GuardIndex[];
  /**
   * Per rule, the leaves the index does not decide (null: the rule is not a conjunction of
   * leaves and runs as its closure). A candidate that survives every guard has all its guard
   * leaves true, so only these are evaluated.
   */
  residual: Array<SlotLeaf[] | null>;
  /** Per rule, the bit mask of the guards (indices into `guards`) it has. */
  needs: Int32Array;
}

const EQ_CODE = 1;
/** A field is indexed when at least this many rules have an `eq`/`in` guard on it. */
const MIN_GUARDED_RULES = 6;
const IN_CODE = 3;

// Map keys compare with SameValueZero, like `===` except NaN; NaN never equals anything under
// `eq`, so it is left out of the index (its leaves still evaluate normally).
const isIndexable = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v));

/** The values a leaf allows when it is a guard (`eq`/`in` on literal scalars), else undefined. */
function guardValues(leaf: SlotLeaf): readonly unknown[] | undefined {
  if (leaf.refSlot >= 0) return undefined;
  const { code, literal } = leaf.plan;
  if (code === EQ_CODE && isIndexable(literal)) return [literal];
  if (code === IN_CODE && Array.isArray(literal) && literal.every(isIndexable)) return literal;
  return undefined;
}

/**
 * Builds the rule index: every `eq`/`in` leaf with literal scalars in a rule that is a conjunction
 * of leaves is a guard — the rule can only hold when the field's value is one of the guard's
 * values. Per guarded field, a map value → bitset of rules still possible. A rule that survives
 * every guard has all its guard leaves true (`===` and `includes` agree with the map's
 * SameValueZero on the indexable values), so only its other leaves are left to evaluate; decisions
 * are unchanged (the differential test against json-rules-engine runs through it).
 */
function buildRuleIndex(slotted: ReadonlyArray<readonly SlotLeaf[] | null>, count: number): RuleIndex {
  const words = Math.max(1, Math.ceil(count / 32));
  const all = new Int32Array(words);
  for (let i = 0; i < count; i++) all[i >> 5]! |= 1 << (i & 31);
  // A map lookup costs about as much as a few leaf comparisons, so only fields that guard several
  // rules are indexed; guards on the other fields stay ordinary leaves.
  const guarding = new Map<number, Set<number>>();
  slotted.forEach((leaves, rule) => {
    for (const leaf of leaves ?? []) {
      if (!guardValues(leaf)) continue;
      const rules = guarding.get(leaf.slot) ?? new Set<number>();
      guarding.set(leaf.slot, rules.add(rule));
    }
  });
  // At most 31 indexed fields (a rule's guards are a bit mask), those guarding the most rules.
  const indexedSlots = [...guarding]
    .filter(([, rules]) => rules.size >= MIN_GUARDED_RULES)
    .sort((a, b) => b[1].size - a[1].size || a[0] - b[0])
    .slice(0, 31)
    .map(([slot]) => slot);
  const indexed = (slot: number) => indexedSlots.includes(slot);
  // slot → rule → allowed values (intersection of the rule's guards on that slot)
  const allowed = new Map<number, Map<number, Set<unknown>>>();
  const residual = slotted.map((leaves, rule) => {
    if (leaves === null) return null;
    const rest: SlotLeaf[] = [];
    for (const leaf of leaves) {
      const values = guardValues(leaf);
      if (!values || !indexed(leaf.slot)) {
        rest.push(leaf);
        continue;
      }
      let rules = allowed.get(leaf.slot);
      if (!rules) {
        rules = new Map();
        allowed.set(leaf.slot, rules);
      }
      const previous = rules.get(rule);
      rules.set(rule, previous ? new Set(values.filter((v) => previous.has(v))) : new Set(values));
    }
    return rest;
  });
  const guards: GuardIndex[] = [];
  const needs = new Int32Array(count);
  for (const [slot, rules] of allowed) {
    for (const rule of rules.keys()) needs[rule]! |= 1 << guards.length;
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
    guards.push({
      slot,
      byValue,
      otherwise,
      keys: byValue.size <= 12 ? [...byValue.keys()] : null,
      bitsList: [...byValue.values()],
    });
  }
  return { words, all, guards, residual, needs };
}

function evalSlotLeaves(table: FieldTable, leaves: readonly SlotLeaf[], item: unknown): boolean {
  for (let i = 0; i < leaves.length; i++) {
    const leaf = leaves[i]!;
    const plan = leaf.plan;
    const seen = fieldValue(table, leaf.slot, item);
    if (leaf.refSlot < 0) {
      if (plan.code === EQ_CODE ? seen !== plan.literal : !compareLeaf(plan, seen, plan.literal))
        return false;
    } else if (!compareLeaf(plan, seen, fieldValue(table, leaf.refSlot, item))) return false;
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

  const table: FieldTable = { parents: [], keys: [], values: [], gens: [], gen: 0, busy: false };
  const slotOf = new Map<string, number>();
  const slotFor = (segments: readonly string[], length: number): number => {
    const key = segments.slice(0, length).join('.');
    let index = slotOf.get(key);
    if (index === undefined) {
      const parent = length > 1 ? slotFor(segments, length - 1) : -1;
      index = table.keys.length;
      slotOf.set(key, index);
      table.parents.push(parent);
      table.keys.push(segments[length - 1]!);
      table.values.push(undefined);
      table.gens.push(-1);
    }
    return index;
  };
  const slot = (path: PathPlan): number => slotFor(path.segments, path.segments.length);
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
  const { guards, residual, needs, words } = index;
  const candidates = new Int32Array(words);
  const routeFirst = (item: unknown): RouteDecision => {
    // A getter on the item could call route() again; the nested call must not share the table.
    if (table.busy) return routeFirstUncached(item);
    table.busy = true;
    table.gen++;
    try {
      // Walk the candidate rules in order. Guards are applied lazily: the first time a candidate
      // needs a field's guard, that field is read and looked up once, which removes every rule
      // the value rules out (this one and later ones); a candidate whose guards all passed has
      // only its other leaves left to evaluate. The first that holds wins.
      const all = index.all;
      for (let w = 0; w < words; w++) candidates[w] = all[w]!;
      let applied = 0;
      for (let w = 0; w < words; w++) {
        let word = candidates[w]!;
        while (word !== 0) {
          const low = word & -word;
          const i = (w << 5) + 31 - Math.clz32(low);
          const need = needs[i]! & ~applied;
          if (need !== 0) {
            applied |= need;
            for (let m = need; m !== 0; m &= m - 1) {
              const guard = guards[31 - Math.clz32(m & -m)]!;
              const value = fieldValue(table, guard.slot, item);
              let bits = guard.otherwise;
              const keys = guard.keys;
              if (keys === null) bits = guard.byValue.get(value) ?? bits;
              else
                for (let k = 0; k < keys.length; k++)
                  if (keys[k] === value) {
                    bits = guard.bitsList[k]!;
                    break;
                  }
              for (let x = w; x < words; x++) candidates[x]! &= bits[x]!;
            }
            word &= candidates[w]!;
            continue;
          }
          word ^= low;
          const rest = residual[i]!;
          if (rest !== null ? rest.length === 0 || evalSlotLeaves(table, rest, item) : tests[i]!(item))
            return decisions[i]!;
        }
      }
      return fallback;
    } finally {
      table.busy = false;
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
