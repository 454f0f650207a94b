// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
/**
 * Seeded generator of realistic routing rule sets and items, shared by `bench/routing` (speed
 * against the compiled-JavaScript ceiling) and `src/routing/differential.test.ts` (decisions
 * against json-rules-engine).
 *
 * A generated set follows issue 15: each rule is an equality anchor (language, tier, channel or
 * country, sometimes a short `in`) plus two nested conditions built from the whole condition
 * language (`eq`/`ne`, `in`/`nin` over 3-value lists, `contains` on the message text,
 * `containsAny`/`containsAll` on a tags array, `gt`/`gte`/`lt`/`lte`/`between` on amounts,
 * `startsWith`/`endsWith`/`matches` on text, `exists`/`empty`), under `all`/`any`/`not` up to
 * depth 3, with `ignoreCase`, field-to-field comparisons, disabled rules, rule families that share
 * their first conditions, and a few catch-all rules without an anchor. Every seed draws its own
 * profile (operator weights, nesting, skew of the anchor values), so sets differ in shape, not
 * only in values. Seed {@link FIXED_SEED} is the hand-written 50-rule set the routing bench has
 * always used ({@link fixedRuleSet}).
 */
import { Engine as JreEngine } from 'json-rules-engine';
import { mulberry32 } from '../../src/_internal/random';
import type { Condition, ConditionOp, LeafCondition } from '../../src/routing/conditions';
import type { RouterConfig, RoutingRuleInput } from '../../src/routing/schemas';

/** A generated rule (its `when` typed as a {@link Condition}). */
export type GeneratedRule = Omit<RoutingRuleInput, 'when'> & { when: Condition };

/** A generated router config. */
export type GeneratedConfig = Omit<RouterConfig, 'rules'> & { rules: GeneratedRule[] };

/** A rule set with items to route. */
export interface GeneratedRuleSet {
  seed: number;
  /** Items all have one object shape (see the profile's `stableShape`). */
  stableShape: boolean;
  config: GeneratedConfig;
  items: GeneratedItem[];
}

/** The shape of a generated item (a support conversation). */
export interface GeneratedItem {
  id: string;
  channel: string;
  topic: string;
  priority: number;
  subject?: string;
  message: { text: string; language?: string };
  tags: string[];
  customer?: {
    id: string;
    language?: string;
    tier: string;
    vip: boolean;
    spend: number;
    creditLimit?: number;
    email?: string | null;
    location: { country: string; region?: string };
  };
  order?: { total: number; currency: string; items: number; discount?: number };
}

/** Options of {@link generateRuleSet}. */
export interface GenerateOptions {
  /** Number of rules (default 50). */
  rules?: number;
  /** Number of items (default 10,000). */
  items?: number;
}

/** The seed of the hand-written fixed set (the bench's original 50 rules). */
export const FIXED_SEED = 20260302;

export const LANGUAGES = ['en', 'pl', 'de', 'es', 'fr', 'pt', 'it', 'zh'] as const;
export const TIERS = ['free', 'pro', 'business', 'enterprise'] as const;
export const CHANNELS = ['chat', 'email', 'phone', 'whatsapp', 'sms'] as const;
export const COUNTRIES = ['PL', 'DE', 'ES', 'FR', 'PT', 'IT', 'CN', 'US', 'GB', 'BR'] as const;
export const TOPICS = ['billing', 'delivery', 'account', 'tech', 'returns', 'outage'] as const;
export const CURRENCIES = ['EUR', 'USD', 'PLN', 'GBP'] as const;
export const TAGS = [
  'fraud',
  'card',
  'returning',
  'refund',
  'chargeback',
  'new',
  'churn-risk',
  'beta',
  'escalated',
  'gdpr',
] as const;
/** Words of generated messages; `contains`/`matches` literals are drawn from the same pool. */
export const WORDS = [
  'refund',
  'invoice',
  'password',
  'delivery',
  'broken',
  'cancel',
  'urgent',
  'charged',
  'twice',
  'login',
  'parcel',
  'late',
  'damaged',
  'subscription',
  'upgrade',
  'error',
  'payment',
  'card',
  'stolen',
  'address',
  'hello',
  'please',
  'thanks',
  'order',
  'account',
  'help',
] as const;
const FILLER = ['the', 'my', 'is', 'and', 'i', 'a', 'to', 'it', 'not', 'was', 'for', 'with', 'your'];

/** The anchor fields a rule is keyed on, with their values. */
const ANCHORS: ReadonlyArray<{ field: string; values: readonly string[] }> = [
  { field: 'customer.language', values: LANGUAGES },
  { field: 'customer.tier', values: TIERS },
  { field: 'channel', values: CHANNELS },
  { field: 'customer.location.country', values: COUNTRIES },
];

type Random = () => number;

/** Leaf families; each seed weighs them differently. */
const LEAF_KINDS = [
  'eqEnum',
  'neEnum',
  'inEnum',
  'ninEnum',
  'textContains',
  'tagsContainsAny',
  'tagsContainsAll',
  'tagContains',
  'numCompare',
  'between',
  'textAffix',
  'matches',
  'exists',
  'empty',
  'fieldRef',
  'boolEq',
] as const;
type LeafKind = (typeof LEAF_KINDS)[number];

/** Base weights (the operators dominate; the rest of the language appears less often). */
const BASE_WEIGHTS: Record<LeafKind, number> = {
  eqEnum: 4,
  neEnum: 2,
  inEnum: 3,
  ninEnum: 2,
  textContains: 4,
  tagsContainsAny: 3,
  tagsContainsAll: 1,
  tagContains: 1,
  numCompare: 4,
  between: 1,
  textAffix: 1,
  matches: 1,
  exists: 1,
  empty: 1,
  fieldRef: 1,
  boolEq: 1,
};

/** Per-seed shape of a rule set. */
interface Profile {
  weights: Record<LeafKind, number>;
  /** Chance that a nested condition is a group (all/any/not) rather than a leaf, per depth. */
  groupChance: number;
  maxDepth: number;
  ignoreCaseChance: number;
  disabledChance: number;
  unanchoredChance: number;
  familyChance: number;
  anchorInChance: number;
  /** Skew of anchor values in items (0 uniform … 1 very skewed). */
  skew: number;
  /** Anchor fields this seed prefers (weights). */
  anchorWeights: number[];
  /**
   * Every optional key present in every item (one object shape, as from a typed API), instead of
   * keys that come and go (several shapes, as from JSON webhooks). Monomorphic items are the
   * ceiling's best case.
   */
  stableShape: boolean;
}

function drawProfile(random: Random): Profile {
  const weights = {} as Record<LeafKind, number>;
  // Each kind's base weight scaled by a factor in [0.1, 3) — some seeds lean on text, some on
  // numbers, some on tags.
  for (const kind of LEAF_KINDS) weights[kind] = BASE_WEIGHTS[kind] * (0.1 + random() * 2.9);
  return {
    weights,
    groupChance: 0.2 + random() * 0.5,
    maxDepth: 2 + Math.floor(random() * 2),
    ignoreCaseChance: random() * 0.4,
    disabledChance: random() * 0.1,
    unanchoredChance: random() * 0.15,
    familyChance: random() * 0.4,
    anchorInChance: random() * 0.2,
    skew: random(),
    anchorWeights: ANCHORS.map(() => 0.2 + random()),
    stableShape: random() < 0.35,
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

function pickWeighted<T>(random: Random, items: readonly T[], weights: readonly number[]): T {
  let total = 0;
  for (const w of weights) total += w;
  let r = random() * total;
  for (let i = 0; i < items.length; i++) {
    r -= weights[i]!;
    if (r < 0) return items[i]!;
  }
  return items[items.length - 1]!;
}

/** `k` distinct values from `values`. */
function sample<T>(random: Random, values: readonly T[], k: number): T[] {
  const pool = [...values];
  const out: T[] = [];
  while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
  return out;
}

/** Skewed index into a list of `n`: Zipf-like when `skew` is high, uniform at 0. */
function skewedIndex(random: Random, n: number, skew: number): number {
  const u = random();
  return Math.min(n - 1, Math.floor(n * u ** (1 + 3 * skew)));
}

const ENUM_FIELDS: ReadonlyArray<{ field: string; values: readonly (string | number)[] }> = [
  { field: 'customer.language', values: LANGUAGES },
  { field: 'customer.tier', values: TIERS },
  { field: 'channel', values: CHANNELS },
  { field: 'customer.location.country', values: COUNTRIES },
  { field: 'topic', values: TOPICS },
  { field: 'order.currency', values: CURRENCIES },
  { field: 'customer.location.region', values: ['north', 'south', 'east', 'west'] },
  { field: 'priority', values: [1, 2, 3, 4, 5] },
];
const NUM_FIELDS: ReadonlyArray<{ field: string; min: number; max: number }> = [
  { field: 'order.total', min: 0, max: 2_000 },
  { field: 'customer.spend', min: 0, max: 10_000 },
  { field: 'priority', min: 1, max: 5 },
  { field: 'order.items', min: 1, max: 12 },
];
const TEXT_FIELDS = ['message.text', 'message.text', 'subject'] as const;
const NUM_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
const PATTERNS = [
  '\\border\\s*#?\\d{4,}',
  '^(hello|hi)\\b',
  '\\b(refund|chargeback)\\b',
  'card\\s+(stolen|lost)',
  '\\d{2,}\\s?(eur|usd|pln)',
  '^[A-Z]',
  'urgent!?$',
] as const;

function makeLeaf(random: Random, profile: Profile): LeafCondition {
  const kind = pickWeighted(
    random,
    LEAF_KINDS,
    LEAF_KINDS.map((k) => profile.weights[k]),
  );
  const ignoreCase = random() < profile.ignoreCaseChance;
  switch (kind) {
    case 'eqEnum':
    case 'neEnum': {
      const f = pick(random, ENUM_FIELDS);
      const leaf: LeafCondition = {
        field: f.field,
        op: kind === 'eqEnum' ? 'eq' : 'ne',
        value: pick(random, f.values),
      };
      return ignoreCase && typeof leaf.value === 'string'
        ? { ...leaf, value: String(leaf.value).toUpperCase(), ignoreCase }
        : leaf;
    }
    case 'inEnum':
    case 'ninEnum': {
      const f = pick(random, ENUM_FIELDS);
      const k = random() < 0.7 ? 3 : random() < 0.5 ? 2 : 5;
      return { field: f.field, op: kind === 'inEnum' ? 'in' : 'nin', value: sample(random, f.values, k) };
    }
    case 'textContains': {
      const word = pick(random, WORDS);
      return ignoreCase
        ? { field: pick(random, TEXT_FIELDS), op: 'contains', value: word.toUpperCase(), ignoreCase }
        : { field: pick(random, TEXT_FIELDS), op: 'contains', value: word };
    }
    case 'tagsContainsAny':
      return { field: 'tags', op: 'containsAny', value: sample(random, TAGS, 2 + Math.floor(random() * 3)) };
    case 'tagsContainsAll':
      return { field: 'tags', op: 'containsAll', value: sample(random, TAGS, 2) };
    case 'tagContains':
      return { field: 'tags', op: 'contains', value: pick(random, TAGS) };
    case 'numCompare': {
      const f = pick(random, NUM_FIELDS);
      return {
        field: f.field,
        op: pick(random, NUM_OPS),
        value: Math.round(f.min + random() * (f.max - f.min)),
      };
    }
    case 'between': {
      const f = pick(random, NUM_FIELDS);
      const a = Math.round(f.min + random() * (f.max - f.min));
      const b = Math.round(f.min + random() * (f.max - f.min));
      return { field: f.field, op: 'between', value: [Math.min(a, b), Math.max(a, b)] };
    }
    case 'textAffix': {
      const op = random() < 0.5 ? 'startsWith' : 'endsWith';
      const word =
        op === 'startsWith' ? pick(random, ['hello', 'Hello', 'please', 'my', 'Hi']) : pick(random, WORDS);
      return ignoreCase
        ? { field: pick(random, TEXT_FIELDS), op, value: word.toUpperCase(), ignoreCase }
        : { field: pick(random, TEXT_FIELDS), op, value: word };
    }
    case 'matches':
      return ignoreCase
        ? { field: pick(random, TEXT_FIELDS), op: 'matches', value: pick(random, PATTERNS), ignoreCase }
        : { field: pick(random, TEXT_FIELDS), op: 'matches', value: pick(random, PATTERNS) };
    case 'exists':
      return {
        field: pick(random, ['customer.email', 'order', 'subject', 'customer.creditLimit', 'order.discount']),
        op: 'exists',
        ...(random() < 0.3 ? { value: false } : {}),
      };
    case 'empty':
      return {
        field: pick(random, ['tags', 'customer.email', 'subject', 'order']),
        op: 'empty',
        ...(random() < 0.5 ? { value: false } : {}),
      };
    case 'fieldRef': {
      const r = random();
      if (r < 0.5)
        return { field: 'order.total', op: pick(random, NUM_OPS), value: { field: 'customer.creditLimit' } };
      if (r < 0.8)
        return {
          field: 'message.language',
          op: random() < 0.5 ? 'eq' : 'ne',
          value: { field: 'customer.language' },
        };
      return { field: 'order.discount', op: 'gte', value: { field: 'order.total' } };
    }
    case 'boolEq':
      return { field: 'customer.vip', op: random() < 0.8 ? 'eq' : 'ne', value: random() < 0.7 };
  }
}

function makeNode(random: Random, profile: Profile, depth: number): Condition {
  if (depth >= profile.maxDepth || random() >= profile.groupChance) return makeLeaf(random, profile);
  const r = random();
  if (r < 0.15) return { not: makeNode(random, profile, depth + 1) };
  const children = Array.from({ length: 2 + (random() < 0.3 ? 1 : 0) }, () =>
    makeNode(random, profile, depth + 1),
  );
  return r < 0.55 ? { any: children } : { all: children };
}

function makeAnchor(random: Random, profile: Profile): LeafCondition {
  const anchor = pickWeighted(random, ANCHORS, profile.anchorWeights);
  if (random() < profile.anchorInChance)
    return { field: anchor.field, op: 'in', value: sample(random, anchor.values, 2) };
  return { field: anchor.field, op: 'eq', value: pick(random, anchor.values) };
}

function makeRules(random: Random, profile: Profile, count: number): GeneratedRule[] {
  const rules: GeneratedRule[] = [];
  let previous: Condition[] | null = null;
  for (let i = 0; i < count; i++) {
    let parts: Condition[];
    if (previous && random() < profile.familyChance) {
      // A family: same anchor and first condition as the previous rule, a different last one
      // (how rule sets grow: "pl + billing + X", "pl + billing + Y").
      parts = [previous[0]!, previous[1]!, makeNode(random, profile, 1)];
    } else if (random() < profile.unanchoredChance) {
      parts = [makeNode(random, profile, 1), makeNode(random, profile, 1)];
    } else {
      parts = [makeAnchor(random, profile), makeNode(random, profile, 1), makeNode(random, profile, 1)];
    }
    previous = parts.length === 3 ? parts : null;
    rules.push({
      id: `r${i}`,
      ...(random() < profile.disabledChance ? { enabled: false } : {}),
      when: { all: parts },
      then: { queue: `q${i}`, ...(random() < 0.2 ? { priority: (1 + Math.floor(random() * 5)) as 1 } : {}) },
    });
  }
  return rules;
}

function makeText(random: Random, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const r = random();
    out.push(
      r < 0.45
        ? pick(random, WORDS)
        : r < 0.5
          ? `#${1000 + Math.floor(random() * 90000)}`
          : pick(random, FILLER),
    );
  }
  if (random() < 0.3) out.unshift(random() < 0.5 ? 'Hello' : 'hi');
  if (random() < 0.1) out.push('urgent!');
  let text = out.join(' ');
  if (random() < 0.5) text = text[0]!.toUpperCase() + text.slice(1);
  if (random() < 0.05) text = text.toUpperCase();
  return text;
}

function makeItem(random: Random, profile: Profile, index: number): GeneratedItem {
  const has = (p: number) => random() < p || profile.stableShape;
  const skewed = <T>(values: readonly T[]) => values[skewedIndex(random, values.length, profile.skew)]!;
  const tags = TAGS.filter(() => random() < 0.12);
  const item: GeneratedItem = {
    id: `c${index}`,
    channel: skewed(CHANNELS),
    topic: skewed(TOPICS),
    priority: 1 + Math.floor(random() * 5),
    ...(has(0.6) ? { subject: makeText(random, 2 + Math.floor(random() * 4)) } : {}),
    message: {
      text: makeText(random, 6 + Math.floor(random() * 30)),
      ...(has(0.8) ? { language: skewed(LANGUAGES) } : {}),
    },
    tags,
  };
  if (has(0.95)) {
    const language = skewed(LANGUAGES);
    item.customer = {
      id: `u${Math.floor(random() * 1e6)}`,
      ...(has(0.95) ? { language } : {}),
      tier: skewed(TIERS),
      vip: random() < 0.08,
      spend: Math.floor(random() * 10_000),
      ...(has(0.6) ? { creditLimit: 100 * Math.floor(random() * 20) } : {}),
      ...(has(0.7) ? { email: random() < 0.9 ? `u${index}@example.com` : random() < 0.5 ? '' : null } : {}),
      location: {
        country: skewed(COUNTRIES),
        ...(has(0.5) ? { region: pick(random, ['north', 'south', 'east', 'west']) } : {}),
      },
    };
  }
  if (has(0.75))
    item.order = {
      total: Math.round(random() * 200_000) / 100,
      currency: skewed(CURRENCIES),
      items: 1 + Math.floor(random() * 12),
      ...(has(0.2) ? { discount: Math.round(random() * 5000) / 100 } : {}),
    };
  return item;
}

/**
 * A realistic rule set and items from a seed (same seed, same set). `FIXED_SEED` returns the
 * hand-written set of the original bench.
 *
 * @example
 * ```ts
 * generateRuleSet(1, { items: 10 }).config.rules.length; // => 50
 * ```
 */
export function generateRuleSet(seed: number, options: GenerateOptions = {}): GeneratedRuleSet {
  if (seed === FIXED_SEED) return fixedRuleSet(options.items ?? 10_000);
  const random = mulberry32(seed);
  const profile = drawProfile(random);
  const rules = makeRules(random, profile, options.rules ?? 50);
  const items = Array.from({ length: options.items ?? 10_000 }, (_, i) => makeItem(random, profile, i));
  return { seed, stableShape: profile.stableShape, config: { rules, fallback: { queue: 'general' } }, items };
}

// ---------------------------------------------------------------- the fixed set

const FIXED_LANGS = ['pl', 'de', 'es', 'fr', 'pt', 'it', 'zh', 'en'];
const FIXED_TOPICS = ['billing', 'delivery', 'account', 'tech'];
const FIXED_COUNTRIES = ['PL', 'DE', 'ES', 'FR', 'PT', 'IT', 'CN', 'US', 'GB', 'BR'];
const FIXED_CHANNELS = ['chat', 'email', 'phone', 'whatsapp'];
const FIXED_SEGMENTS = ['free', 'pro', 'enterprise', 'vip'];

type FixedLeaf = { field: string; op: ConditionOp; value: unknown };

/**
 * The bench's original 50 hand-written rules (language × topic, country, VIP + channel,
 * enterprise + priority, fraud tags, spend, channel) and its items, from seed {@link FIXED_SEED}.
 */
export function fixedRuleSet(itemCount = 100_000): GeneratedRuleSet {
  const random = mulberry32(FIXED_SEED);
  const p = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const rules: Array<{ id: string; leaves: FixedLeaf[]; queue: string; priority?: 1 | 2 | 3 | 4 | 5 }> = [
    { id: 'fraud', leaves: [{ field: 'tags', op: 'contains', value: 'fraud' }], queue: 'fraud', priority: 1 },
    {
      id: 'outage',
      leaves: [{ field: 'topic', op: 'in', value: ['outage', 'incident'] }],
      queue: 'incidents',
      priority: 1,
    },
    {
      id: 'vip-phone',
      leaves: [
        { field: 'customer.vip', op: 'eq', value: true },
        { field: 'channel', op: 'eq', value: 'phone' },
      ],
      queue: 'vip-voice',
      priority: 2,
    },
    {
      id: 'enterprise-urgent',
      leaves: [
        { field: 'customer.segment', op: 'eq', value: 'enterprise' },
        { field: 'priority', op: 'lte', value: 2 },
      ],
      queue: 'enterprise',
      priority: 2,
    },
    { id: 'whale', leaves: [{ field: 'customer.spend', op: 'gte', value: 9_500 }], queue: 'key-accounts' },
  ];
  for (const lang of FIXED_LANGS.slice(0, 7))
    for (const topic of FIXED_TOPICS)
      rules.push({
        id: `${lang}-${topic}`,
        leaves: [
          { field: 'customer.language', op: 'eq', value: lang },
          { field: 'topic', op: 'eq', value: topic },
        ],
        queue: `${lang}-${topic}`,
      });
  for (const country of FIXED_COUNTRIES.slice(0, 8))
    rules.push({
      id: `country-${country}`,
      leaves: [{ field: 'customer.location.country', op: 'eq', value: country }],
      queue: `geo-${country}`,
    });
  rules.push(
    { id: 'whatsapp', leaves: [{ field: 'channel', op: 'eq', value: 'whatsapp' }], queue: 'messaging' },
    {
      id: 'email-billing',
      leaves: [
        { field: 'channel', op: 'eq', value: 'email' },
        { field: 'topic', op: 'eq', value: 'billing' },
      ],
      queue: 'billing-email',
    },
    { id: 'tags-card', leaves: [{ field: 'tags', op: 'contains', value: 'card' }], queue: 'cards' },
    { id: 'pro', leaves: [{ field: 'customer.segment', op: 'in', value: ['pro', 'vip'] }], queue: 'pro' },
    {
      id: 'en-any',
      leaves: [
        { field: 'customer.language', op: 'eq', value: 'en' },
        { field: 'channel', op: 'in', value: ['chat', 'email'] },
      ],
      queue: 'english',
    },
    { id: 'low', leaves: [{ field: 'priority', op: 'gte', value: 5 }], queue: 'backlog', priority: 5 },
    {
      id: 'gb',
      leaves: [{ field: 'customer.location.country', op: 'in', value: ['GB', 'IE'] }],
      queue: 'uk',
    },
    { id: 'br', leaves: [{ field: 'customer.location.country', op: 'eq', value: 'BR' }], queue: 'brazil' },
    { id: 'phone', leaves: [{ field: 'channel', op: 'eq', value: 'phone' }], queue: 'voice' },
  );
  const toCondition = (leaves: FixedLeaf[]): Condition =>
    leaves.length === 1 ? (leaves[0] as Condition) : { all: leaves as Condition[] };
  const config = {
    rules: rules.map(
      (r): GeneratedRule => ({
        id: r.id,
        when: toCondition(r.leaves),
        then: { queue: r.queue, ...(r.priority ? { priority: r.priority } : {}) },
      }),
    ),
    fallback: { queue: 'general' },
  };
  const makeFixedItem = () => {
    const lang = random() < 0.15 ? 'en' : p(FIXED_LANGS);
    const tags: string[] = [];
    if (random() < 0.02) tags.push('fraud');
    if (random() < 0.1) tags.push('card');
    if (random() < 0.2) tags.push('returning');
    return {
      id: `c${Math.floor(random() * 1e9)}`,
      channel: p(FIXED_CHANNELS),
      topic: random() < 0.01 ? 'outage' : random() < 0.3 ? 'other' : p(FIXED_TOPICS),
      priority: 1 + Math.floor(random() * 5),
      tags,
      customer: {
        language: lang,
        vip: random() < 0.05,
        segment: p(FIXED_SEGMENTS),
        spend: Math.floor(random() * 10_000),
        location: { country: random() < 0.4 ? p(FIXED_COUNTRIES) : 'NL' },
      },
    };
  };
  const items = Array.from({ length: itemCount }, makeFixedItem) as unknown as GeneratedItem[];
  return { seed: FIXED_SEED, stableShape: true, config, items };
}

/** Every leaf of a condition, in document order. */
export function leavesOf(condition: Condition): LeafCondition[] {
  if ('all' in condition) return condition.all.flatMap(leavesOf);
  if ('any' in condition) return condition.any.flatMap(leavesOf);
  if ('not' in condition) return leavesOf(condition.not);
  return [condition];
}

// ---------------------------------------------------------------- json-rules-engine translation

const JRE_OPS: Partial<Record<ConditionOp, string>> = {
  eq: 'equal',
  ne: 'notEqual',
  in: 'in',
  nin: 'notIn',
  gt: 'greaterThan',
  gte: 'greaterThanInclusive',
  lt: 'lessThan',
  lte: 'lessThanInclusive',
};

const foldText = (v: unknown) => (typeof v === 'string' ? v.toLowerCase() : v);

/**
 * Operators json-rules-engine does not have, added to the engine as custom operators with the
 * condition language's documented semantics (docs/routing.md § Condition language). Everything
 * json-rules-engine does have (`equal`, `in`, array `contains`, the numeric comparisons, `all`,
 * `any`, `not`, fact-to-fact values) is translated to its own operators.
 */
const CUSTOM_OPERATORS: Record<string, (fact: unknown, value: unknown) => boolean> = {
  equalFolded: (a, b) => foldText(a) === b,
  notEqualFolded: (a, b) => foldText(a) !== b,
  inFolded: (a, b) => (b as unknown[]).includes(foldText(a)),
  notInFolded: (a, b) => !(b as unknown[]).includes(foldText(a)),
  textContains: (a, b) => typeof a === 'string' && a.includes(b as string),
  textContainsFolded: (a, b) =>
    typeof a === 'string'
      ? a.toLowerCase().includes(b as string)
      : Array.isArray(a) && a.some((e) => foldText(e) === b),
  startsWith: (a, b) => typeof a === 'string' && a.startsWith(b as string),
  endsWith: (a, b) => typeof a === 'string' && a.endsWith(b as string),
  startsWithFolded: (a, b) => typeof a === 'string' && a.toLowerCase().startsWith(b as string),
  endsWithFolded: (a, b) => typeof a === 'string' && a.toLowerCase().endsWith(b as string),
  matches: (a, b) => typeof a === 'string' && new RegExp(b as string, 'u').test(a.slice(0, 10_000)),
  matchesFolded: (a, b) => typeof a === 'string' && new RegExp(b as string, 'iu').test(a.slice(0, 10_000)),
  exists: (a, b) => (a !== undefined && a !== null) === (b !== false),
  empty: (a, b) => {
    const empty =
      a === undefined ||
      a === null ||
      a === '' ||
      (Array.isArray(a) ? a.length === 0 : typeof a === 'object' && Object.keys(a as object).length === 0);
    return empty === (b !== false);
  },
};

function factRef(field: string): { fact: string; path?: string } {
  const [fact, ...rest] = field.split('.');
  return rest.length ? { fact: fact!, path: `$.${rest.join('.')}` } : { fact: fact! };
}

const TEXT_FIELD_SET = new Set<string>(TEXT_FIELDS);

/** A condition of the language as a json-rules-engine condition (nested `all`/`any`/`not`). */
// biome-ignore lint/suspicious/noExplicitAny: json-rules-engine condition objects are loosely typed
export function toJreCondition(c: Condition): any {
  if ('all' in c) return { all: c.all.map(toJreCondition) };
  if ('any' in c) return { any: c.any.map(toJreCondition) };
  if ('not' in c) return { not: toJreCondition(c.not) };
  const fact = factRef(c.field);
  const ic = c.ignoreCase === true;
  const v = c.value;
  if (v !== null && typeof v === 'object' && !Array.isArray(v))
    return { ...fact, operator: JRE_OPS[c.op], value: factRef((v as { field: string }).field) };
  const low = (x: unknown) => (ic ? foldText(x) : x);
  switch (c.op) {
    case 'eq':
    case 'ne':
    case 'in':
    case 'nin':
      if (ic) {
        const name = { eq: 'equalFolded', ne: 'notEqualFolded', in: 'inFolded', nin: 'notInFolded' }[c.op];
        return { ...fact, operator: name, value: Array.isArray(v) ? v.map(low) : low(v) };
      }
      return { ...fact, operator: JRE_OPS[c.op], value: v };
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...fact, operator: JRE_OPS[c.op], value: v };
    case 'between': {
      const [lo, hi] = v as [number, number];
      return {
        all: [
          { ...fact, operator: 'greaterThanInclusive', value: lo },
          { ...fact, operator: 'lessThanInclusive', value: hi },
        ],
      };
    }
    case 'contains':
    case 'containsAny':
    case 'containsAll': {
      const values = c.op === 'contains' ? [v] : (v as unknown[]);
      const one = (x: unknown) =>
        ic
          ? { ...fact, operator: 'textContainsFolded', value: low(x) }
          : TEXT_FIELD_SET.has(c.field)
            ? { ...fact, operator: 'textContains', value: x }
            : { ...fact, operator: 'contains', value: x };
      if (c.op === 'contains') return one(v);
      return c.op === 'containsAny' ? { any: values.map(one) } : { all: values.map(one) };
    }
    case 'startsWith':
    case 'endsWith':
    case 'matches':
      return { ...fact, operator: ic ? `${c.op}Folded` : c.op, value: c.op === 'matches' ? v : low(v) };
    case 'exists':
    case 'empty':
      return { ...fact, operator: c.op, value: v !== false };
  }
}

/** A router config's enabled rules in a json-rules-engine Engine; each event carries the rule index. */
export function toJreEngine(
  config: GeneratedConfig,
  options: { firstMatch?: boolean } = {},
): {
  engine: import('json-rules-engine').Engine;
  route: (item: object) => Promise<number>;
  matches: (item: object) => Promise<number[]>;
} {
  const engine = new JreEngine([], { allowUndefinedFacts: true });
  for (const [name, fn] of Object.entries(CUSTOM_OPERATORS)) engine.addOperator(name, fn);
  const rules = config.rules;
  rules.forEach((rule, index) => {
    if (rule.enabled === false) return;
    const top = toJreCondition(rule.when);
    engine.addRule({
      name: rule.id,
      ...(options.firstMatch ? { priority: rules.length - index } : {}),
      conditions: 'all' in top || 'any' in top || 'not' in top ? top : { all: [top] },
      event: { type: 'route', params: { index } },
      ...(options.firstMatch ? { onSuccess: () => engine.stop() } : {}),
    });
  });
  /** Indexes of every rule that matched, ascending (without `firstMatch`: all rules run). */
  const matches = async (item: object): Promise<number[]> => {
    const { events } = await engine.run(item as Record<string, unknown>);
    return events.map((e) => (e.params as { index: number }).index).sort((a, b) => a - b);
  };
  const route = async (item: object): Promise<number> => (await matches(item))[0] ?? -1;
  return { engine, route, matches };
}
