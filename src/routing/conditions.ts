import { z } from 'zod';
import { compileOwnPath, FORBIDDEN_SEGMENTS, readOwn } from '../_internal/ownProperties';
import { formatPath, TandemError, type TandemIssue } from '../model/errors';
import { findUnsafePattern } from './safeRegex';

/** Every operator of the condition language. */
export const CONDITION_OPS = [
  'eq',
  'ne',
  'in',
  'nin',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'containsAny',
  'containsAll',
  'startsWith',
  'endsWith',
  'matches',
  'exists',
  'empty',
  'between',
] as const;

/** An operator of the condition language; see {@link CONDITION_OPS}. */
export type ConditionOp = (typeof CONDITION_OPS)[number];

/** `value: { field: 'a.b' }` compares against another field of the same item. */
export interface FieldReference {
  field: string;
}

/** A leaf: `{ field, op, value? }`. `ignoreCase` applies to the string operators. */
export interface LeafCondition {
  field: string;
  op: ConditionOp;
  value?: unknown;
  ignoreCase?: boolean;
}

/**
 * A condition: `{ all: [...] } | { any: [...] } | { not: c } | { field, op, value? }`. Plain JSON,
 * so it can be stored in a database and edited in a UI.
 */
export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

/** Longest dotted field path accepted, and its deepest nesting. */
const MAX_FIELD_LENGTH = 200;
const MAX_FIELD_DEPTH = 16;
/** Only the first this-many characters of a string are examined by `matches` (linear-time bound). */
export const MATCH_INPUT_LIMIT = 10_000;

const SEGMENT = /^[A-Za-z0-9_$-]+$/;

/** Returns a problem with a dotted field path, or null when it is well-formed and safe. */
export function checkFieldPath(field: string): string | null {
  if (field.length === 0) return 'field path must not be empty';
  if (field.length > MAX_FIELD_LENGTH) return `field path longer than ${MAX_FIELD_LENGTH} characters`;
  const segments = field.split('.');
  if (segments.length > MAX_FIELD_DEPTH) return `field path deeper than ${MAX_FIELD_DEPTH} segments`;
  for (const segment of segments) {
    if (segment === '') return `malformed field path "${field}": empty segment`;
    if (FORBIDDEN_SEGMENTS.has(segment))
      return `field path "${field}" uses the forbidden segment "${segment}" (prototype access)`;
    if (!SEGMENT.test(segment))
      return `malformed field path "${field}": segment "${segment}" may only contain letters, digits, _, $ and -`;
  }
  return null;
}

function isFieldReference(value: unknown): value is FieldReference {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1 &&
    typeof (value as { field?: unknown }).field === 'string'
  );
}

const isScalar = (v: unknown) =>
  v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Checks the `value` of a leaf against its operator; returns a problem or null. */
function checkLeafValue(op: ConditionOp, value: unknown, hasValue: boolean): string | null {
  if (isFieldReference(value)) {
    if (op === 'matches') return '`matches` needs a literal pattern, not a field reference';
    return checkFieldPath(value.field);
  }
  switch (op) {
    case 'exists':
    case 'empty':
      return hasValue && typeof value !== 'boolean' ? `\`${op}\` takes an optional boolean value` : null;
    case 'eq':
    case 'ne':
      return isScalar(value) ? null : `\`${op}\` needs a string, number, boolean or null value`;
    case 'in':
    case 'nin':
    case 'containsAny':
    case 'containsAll':
      return Array.isArray(value) && value.every(isScalar)
        ? null
        : `\`${op}\` needs an array of strings, numbers, booleans or null`;
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typeof value === 'number' && Number.isFinite(value) ? null : `\`${op}\` needs a finite number`;
    case 'between':
      return Array.isArray(value) &&
        value.length === 2 &&
        value.every((v) => typeof v === 'number' && Number.isFinite(v)) &&
        (value[0] as number) <= (value[1] as number)
        ? null
        : '`between` needs [min, max] with finite numbers and min ≤ max';
    case 'contains':
      return isScalar(value) ? null : '`contains` needs a string, number, boolean or null value';
    case 'startsWith':
    case 'endsWith':
      return typeof value === 'string' ? null : `\`${op}\` needs a string`;
    case 'matches': {
      if (typeof value !== 'string') return '`matches` needs a regular-expression pattern string';
      const unsafe = findUnsafePattern(value);
      if (unsafe) return `unsafe pattern: ${unsafe}`;
      try {
        new RegExp(value, 'u');
      } catch (error) {
        return `invalid pattern: ${(error as Error).message}`;
      }
      return null;
    }
  }
}

const BRANCH_KEYS = ['all', 'any', 'not', 'field'] as const;

const ConditionShape = z
  .strictObject({
    get all() {
      return z.array(ConditionSchema).min(1, '`all` needs at least one condition').optional();
    },
    get any() {
      return z.array(ConditionSchema).min(1, '`any` needs at least one condition').optional();
    },
    get not() {
      return ConditionSchema.optional();
    },
    field: z.string().optional(),
    op: z
      .string()
      .refine((op) => (CONDITION_OPS as readonly string[]).includes(op), {
        error: (issue) => `unknown op ${JSON.stringify(issue.input)}; use one of ${CONDITION_OPS.join(', ')}`,
      })
      .optional(),
    value: z.unknown().optional(),
    ignoreCase: z.boolean().optional(),
  })
  .superRefine((node, ctx) => {
    const present = BRANCH_KEYS.filter((k) => node[k] !== undefined);
    if (present.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          present.length === 0
            ? 'a condition needs one of `all`, `any`, `not` or `field` + `op`'
            : `a condition has exactly one of \`all\`, \`any\`, \`not\`, \`field\`; got ${present.join(', ')}`,
      });
      return;
    }
    if (node.field === undefined) {
      for (const key of ['op', 'value', 'ignoreCase'] as const)
        if (node[key] !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: [key],
            message: `\`${key}\` belongs to a leaf with \`field\``,
          });
      return;
    }
    const pathProblem = checkFieldPath(node.field);
    if (pathProblem) ctx.addIssue({ code: 'custom', path: ['field'], message: pathProblem });
    if (node.op === undefined) {
      ctx.addIssue({ code: 'custom', path: ['op'], message: 'a leaf condition needs `op`' });
      return;
    }
    if (!(CONDITION_OPS as readonly string[]).includes(node.op)) return; // reported by the refine
    const op = node.op as ConditionOp;
    const hasValue = 'value' in node && node.value !== undefined;
    if (!hasValue && op !== 'exists' && op !== 'empty') {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `\`${op}\` needs a \`value\`` });
      return;
    }
    const valueProblem = checkLeafValue(op, node.value, hasValue);
    if (valueProblem) ctx.addIssue({ code: 'custom', path: ['value'], message: valueProblem });
  });

/**
 * Zod schema of the condition language (recursive). Every problem is reported with its path, for
 * example `any[1].op: unknown op "equals"`: unknown ops, malformed or prototype-reaching field
 * paths, values of the wrong type for the op, and unsafe `matches` patterns (nested quantifiers,
 * overlapping repeated alternatives, back-references, longer than 256 characters).
 *
 * @example
 * ```ts
 * import { ConditionSchema } from 'tandem-cx/routing';
 * ConditionSchema.safeParse({ field: 'customer.language', op: 'eq', value: 'pl' }).success; // => true
 * ConditionSchema.safeParse({ any: [{ field: 'a', op: 'equals', value: 1 }] }).success; // => false
 * ```
 */
export const ConditionSchema: z.ZodType<Condition> = z.lazy(
  () => ConditionShape,
) as unknown as z.ZodType<Condition>;

/** Options for {@link compileCondition}. */
export interface CompileConditionOptions {
  /** Config path of the condition, prefixed to every error path (e.g. `rules[3].when`). */
  path?: string;
  /** Module named in errors (default `routing`); surveys/handoff pass their own. */
  module?: string;
  /**
   * Zod schema of the items the condition will see. When given, a field path that the schema
   * does not have is a compile-time error (objects, arrays, records, optionals are followed;
   * `unknown`/`any` accept everything below them).
   */
  itemSchema?: z.ZodType;
}

/** One evaluated leaf in a {@link ConditionTrace}, in evaluation order. */
export interface ConditionLeafTrace {
  /** Config path of the leaf (`rules[0].when.any[1]`). */
  path: string;
  field: string;
  op: ConditionOp;
  /** The literal value, or the other field's value when comparing two fields. */
  expected: unknown;
  /** Name of the other field when `value` was `{ field }`. */
  against?: string;
  /** The value found at `field` (`undefined` when absent). */
  seen: unknown;
  result: boolean;
}

/** What a condition evaluated to and why: every evaluated leaf, in order (short-circuit respected). */
export interface ConditionTrace {
  result: boolean;
  leaves: ConditionLeafTrace[];
}

/** A condition compiled to closures: `test` for the hot path, `explain` for the why. */
export interface CompiledCondition {
  /** True when the item satisfies the condition. Does not allocate for literal comparisons. */
  test(item: unknown): boolean;
  /** Same decision as `test`, with every evaluated leaf and the value it saw. */
  explain(item: unknown): ConditionTrace;
}

type Predicate = (item: unknown) => boolean;
type Explainer = (item: unknown, leaves: ConditionLeafTrace[]) => boolean;

const hasOwn = Object.prototype.hasOwnProperty;

const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? (Number.isNaN(v) ? undefined : v) : v instanceof Date ? v.getTime() : undefined;

/** @internal `empty`: `undefined`, `null`, `''`, `[]` or an object without own enumerable keys. */
export function isEmptyValue(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'object' && !(v instanceof Date)) {
    for (const key in v) if (hasOwn.call(v, key)) return false;
    return true;
  }
  return false;
}

const fold = (v: unknown, ignoreCase: boolean): unknown =>
  ignoreCase && typeof v === 'string' ? v.toLowerCase() : v;

/** `seen` contains `x`: element of an array, or substring of a string. */
function containsOne(seen: unknown, x: unknown, ignoreCase: boolean): boolean {
  if (Array.isArray(seen)) {
    if (!ignoreCase) return seen.includes(x);
    for (const e of seen) if (fold(e, true) === x) return true;
    return false;
  }
  if (typeof seen === 'string' && typeof x === 'string')
    return (ignoreCase ? seen.toLowerCase() : seen).includes(x);
  return false;
}

/** @internal Builds `(seen, expected) => boolean` for an op; `expected` is pre-folded for literals. */
export function comparatorFor(
  op: ConditionOp,
  ignoreCase: boolean,
  pattern?: RegExp,
): (seen: unknown, expected: unknown) => boolean {
  switch (op) {
    case 'eq':
      return ignoreCase ? (s, e) => fold(s, true) === fold(e, true) : (s, e) => s === e;
    case 'ne':
      return ignoreCase ? (s, e) => fold(s, true) !== fold(e, true) : (s, e) => s !== e;
    case 'in':
      return (s, e) => Array.isArray(e) && e.includes(fold(s, ignoreCase));
    case 'nin':
      return (s, e) => !Array.isArray(e) || !e.includes(fold(s, ignoreCase));
    case 'gt':
      return (s, e) => {
        const a = num(s);
        const b = num(e);
        return a !== undefined && b !== undefined && a > b;
      };
    case 'gte':
      return (s, e) => {
        const a = num(s);
        const b = num(e);
        return a !== undefined && b !== undefined && a >= b;
      };
    case 'lt':
      return (s, e) => {
        const a = num(s);
        const b = num(e);
        return a !== undefined && b !== undefined && a < b;
      };
    case 'lte':
      return (s, e) => {
        const a = num(s);
        const b = num(e);
        return a !== undefined && b !== undefined && a <= b;
      };
    case 'between':
      return (s, e) => {
        const a = num(s);
        if (a === undefined || !Array.isArray(e)) return false;
        const lo = num(e[0]);
        const hi = num(e[1]);
        return lo !== undefined && hi !== undefined && a >= lo && a <= hi;
      };
    case 'contains':
      return (s, e) => containsOne(s, fold(e, ignoreCase), ignoreCase);
    case 'containsAny':
      return (s, e) => {
        if (!Array.isArray(e)) return false;
        for (const x of e) if (containsOne(s, fold(x, ignoreCase), ignoreCase)) return true;
        return false;
      };
    case 'containsAll':
      return (s, e) => {
        if (!Array.isArray(e) || (!Array.isArray(s) && typeof s !== 'string')) return false;
        for (const x of e) if (!containsOne(s, fold(x, ignoreCase), ignoreCase)) return false;
        return true;
      };
    case 'startsWith':
      return (s, e) =>
        typeof s === 'string' &&
        typeof e === 'string' &&
        (ignoreCase ? s.toLowerCase().startsWith(e.toLowerCase()) : s.startsWith(e));
    case 'endsWith':
      return (s, e) =>
        typeof s === 'string' &&
        typeof e === 'string' &&
        (ignoreCase ? s.toLowerCase().endsWith(e.toLowerCase()) : s.endsWith(e));
    case 'matches': {
      const re = pattern!;
      return (s) => {
        if (typeof s !== 'string') return false;
        re.lastIndex = 0;
        return re.test(s.length > MATCH_INPUT_LIMIT ? s.slice(0, MATCH_INPUT_LIMIT) : s);
      };
    }
    case 'exists':
      return (s, e) => (s !== undefined && s !== null) === (e !== false);
    case 'empty':
      return (s, e) => isEmptyValue(s) === (e !== false);
  }
}

/** @internal Pre-folds a literal so the hot path compares without re-lowercasing it each call. */
export function foldLiteral(op: ConditionOp, value: unknown, ignoreCase: boolean): unknown {
  if (!ignoreCase) return value;
  if (Array.isArray(value)) return value.map((v) => fold(v, true));
  return op === 'eq' || op === 'ne' ? value : fold(value, true);
}

/** @internal A dotted path as data, read by {@link readPath}. */
export interface PathPlan {
  depth: number;
  s0: string;
  s1: string;
  s2: string;
  segments: readonly string[];
}

/**
 * @internal A leaf as data. The hot path evaluates plans with module-level functions
 * ({@link evalLeaf}), whose call sites stay monomorphic so V8 can inline them — unlike a tree of
 * per-leaf closures, where every call site sees many different closures.
 */
export interface LeafPlan {
  code: number;
  path: PathPlan;
  ref: PathPlan | null;
  literal: unknown;
  compare: (seen: unknown, expected: unknown) => boolean;
}

const GENERIC = 0;
const EQ = 1;
const NE = 2;
const IN = 3;
const NIN = 4;
const GT = 5;
const GTE = 6;
const LT = 7;
const LTE = 8;
const CONTAINS = 9;
const FAST_CODES: Partial<Record<ConditionOp, number>> = {
  eq: EQ,
  ne: NE,
  in: IN,
  nin: NIN,
  gt: GT,
  gte: GTE,
  lt: LT,
  lte: LTE,
  contains: CONTAINS,
};

function pathPlan(field: string): PathPlan {
  const segments = field.split('.');
  return { depth: segments.length, s0: segments[0]!, s1: segments[1] ?? '', s2: segments[2] ?? '', segments };
}

/** @internal Reads a path with own-property lookups only. */
export function readPath(p: PathPlan, x: unknown): unknown {
  switch (p.depth) {
    case 1:
      return readOwn(x, p.s0);
    case 2:
      return readOwn(readOwn(x, p.s0), p.s1);
    case 3:
      return readOwn(readOwn(readOwn(x, p.s0), p.s1), p.s2);
    default: {
      let cur = x;
      for (let i = 0; i < p.segments.length && cur !== undefined; i++) cur = readOwn(cur, p.segments[i]!);
      return cur;
    }
  }
}

/** @internal Evaluates one leaf plan against an item. */
export function evalLeaf(p: LeafPlan, x: unknown): boolean {
  return compareLeaf(p, readPath(p.path, x), p.ref === null ? p.literal : readPath(p.ref, x));
}

/** @internal Applies a leaf's operator to values already read. */
export function compareLeaf(p: LeafPlan, seen: unknown, expected: unknown): boolean {
  switch (p.code) {
    case EQ:
      return seen === expected;
    case NE:
      return seen !== expected;
    case IN:
      return (expected as unknown[]).includes(seen);
    case NIN:
      return !(expected as unknown[]).includes(seen);
    case GT:
      return typeof seen === 'number' && typeof expected === 'number'
        ? seen > expected
        : p.compare(seen, expected);
    case GTE:
      return typeof seen === 'number' && typeof expected === 'number'
        ? seen >= expected
        : p.compare(seen, expected);
    case LT:
      return typeof seen === 'number' && typeof expected === 'number'
        ? seen < expected
        : p.compare(seen, expected);
    case LTE:
      return typeof seen === 'number' && typeof expected === 'number'
        ? seen <= expected
        : p.compare(seen, expected);
    case CONTAINS:
      return Array.isArray(seen) ? seen.includes(expected) : p.compare(seen, expected);
    default:
      return p.compare(seen, expected);
  }
}

/** @internal Evaluates a conjunction of leaf plans, in order, short-circuiting. */
export function evalPlans(plans: readonly LeafPlan[], x: unknown): boolean {
  for (let i = 0; i < plans.length; i++) if (!evalLeaf(plans[i]!, x)) return false;
  return true;
}

function joinPath(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? prefix + rest : `${prefix}.${rest}`;
}

interface Compiled {
  test: Predicate;
  explain: Explainer;
  /** The node as a conjunction of leaf plans, when it is one (a leaf or `all` of such). */
  plans: LeafPlan[] | null;
}

function compileNode(
  node: Condition,
  path: string,
  fieldCheck: (field: string) => string | null,
  issues: TandemIssue[],
): Compiled {
  if ('all' in node) {
    const parts = node.all.map((c, i) => compileNode(c, joinPath(path, `all[${i}]`), fieldCheck, issues));
    const tests = parts.map((p) => p.test);
    const explains = parts.map((p) => p.explain);
    const test: Predicate =
      tests.length === 1
        ? tests[0]!
        : tests.length === 2
          ? (
              (a, b) => (x: unknown) =>
                a(x) && b(x)
            )(tests[0]!, tests[1]!)
          : (x) => {
              for (let i = 0; i < tests.length; i++) if (!tests[i]!(x)) return false;
              return true;
            };
    const plans = parts.every((p) => p.plans !== null) ? parts.flatMap((p) => p.plans!) : null;
    return {
      test: plans ? (x) => evalPlans(plans, x) : test,
      explain: (x, leaves) => {
        for (const e of explains) if (!e(x, leaves)) return false;
        return true;
      },
      plans,
    };
  }
  if ('any' in node) {
    const parts = node.any.map((c, i) => compileNode(c, joinPath(path, `any[${i}]`), fieldCheck, issues));
    const tests = parts.map((p) => p.test);
    const explains = parts.map((p) => p.explain);
    const test: Predicate =
      tests.length === 1
        ? tests[0]!
        : tests.length === 2
          ? (
              (a, b) => (x: unknown) =>
                a(x) || b(x)
            )(tests[0]!, tests[1]!)
          : (x) => {
              for (let i = 0; i < tests.length; i++) if (tests[i]!(x)) return true;
              return false;
            };
    return {
      test,
      explain: (x, leaves) => {
        for (const e of explains) if (e(x, leaves)) return true;
        return false;
      },
      plans: null,
    };
  }
  if ('not' in node) {
    const inner = compileNode(node.not, joinPath(path, 'not'), fieldCheck, issues);
    const t = inner.test;
    const e = inner.explain;
    return { test: (x) => !t(x), explain: (x, leaves) => !e(x, leaves), plans: null };
  }
  const { field, op } = node;
  const ignoreCase = node.ignoreCase === true;
  const fieldProblem = fieldCheck(field);
  if (fieldProblem) issues.push({ path: joinPath(path, 'field'), message: fieldProblem });
  const get = compileOwnPath(field);
  const pattern = op === 'matches' ? new RegExp(node.value as string, ignoreCase ? 'iu' : 'u') : undefined;
  const compare = comparatorFor(op, ignoreCase, pattern);
  const leafPath = path;
  if (isFieldReference(node.value)) {
    const against = node.value.field;
    const againstProblem = fieldCheck(against);
    if (againstProblem) issues.push({ path: joinPath(path, 'value.field'), message: againstProblem });
    const getOther = compileOwnPath(against);
    const plan: LeafPlan = {
      code: GENERIC,
      path: pathPlan(field),
      ref: pathPlan(against),
      literal: undefined,
      compare,
    };
    return {
      plans: [plan],
      test: (x) => evalLeaf(plan, x),
      explain: (x, leaves) => {
        const seen = get(x);
        const expected = getOther(x);
        const result = compare(seen, expected);
        leaves.push({ path: leafPath, field, op, expected, against, seen, result });
        return result;
      },
    };
  }
  const literal = foldLiteral(op, node.value, ignoreCase);
  const shown = node.value;
  const code = ignoreCase ? GENERIC : (FAST_CODES[op] ?? GENERIC);
  const plan: LeafPlan = { code, path: pathPlan(field), ref: null, literal, compare };
  return {
    plans: [plan],
    test: (x) => evalLeaf(plan, x),
    explain: (x, leaves) => {
      const seen = get(x);
      const result = compare(seen, literal);
      leaves.push({ path: leafPath, field, op, expected: shown, seen, result });
      return result;
    },
  };
}

/** Follows a dotted path through a zod schema; returns a problem when the schema has no such field. */
function schemaFieldCheck(schema: z.ZodType): (field: string) => string | null {
  return (field) => {
    let cur: z.ZodType | undefined = schema;
    const segments = field.split('.');
    for (let i = 0; i < segments.length; i++) {
      cur = unwrap(cur!);
      const segment = segments[i]!;
      if (cur instanceof z.ZodObject) {
        const next = (cur.shape as Record<string, z.ZodType>)[segment];
        if (!next || !hasOwn.call(cur.shape, segment))
          return `unknown field "${segments.slice(0, i + 1).join('.')}" (not in the item schema)`;
        cur = next;
      } else if (cur instanceof z.ZodArray) {
        if (!/^\d+$/.test(segment) && segment !== 'length')
          return `"${segments.slice(0, i + 1).join('.')}" indexes an array with a non-number`;
        cur = segment === 'length' ? z.number() : (cur.element as z.ZodType);
      } else if (cur instanceof z.ZodRecord) {
        cur = cur.valueType as z.ZodType;
      } else if (cur instanceof z.ZodUnion) {
        return null; // any option may have it; not worth resolving
      } else if (cur instanceof z.ZodAny || cur instanceof z.ZodUnknown) {
        return null;
      } else {
        return `unknown field "${segments.slice(0, i + 1).join('.')}" (the item schema has a scalar there)`;
      }
    }
    return null;
  };
}

function unwrap(schema: z.ZodType): z.ZodType {
  let cur = schema;
  for (let i = 0; i < 16; i++) {
    if (cur instanceof z.ZodOptional || cur instanceof z.ZodNullable || cur instanceof z.ZodDefault)
      cur = cur.unwrap() as z.ZodType;
    else if (cur instanceof z.ZodPipe) cur = cur.in as z.ZodType;
    else if (cur instanceof z.ZodLazy) cur = cur.unwrap() as z.ZodType;
    else return cur;
  }
  return cur;
}

/**
 * Validates a condition and compiles it to closures once; `test` then runs without interpretation.
 *
 * @param condition - the condition (JSON); validated with {@link ConditionSchema}.
 * @param options - `path` prefixes error paths, `module` names the caller, `itemSchema` enables
 *   unknown-field checks.
 * @returns `{ test(item), explain(item) }`.
 * @throws {@link TandemError} `INVALID_CONFIG` listing every problem with its config path.
 *
 * @example
 * ```ts
 * import { compileCondition } from 'tandem-cx/routing';
 * const vip = compileCondition({ any: [{ field: 'customer.vip', op: 'eq', value: true }, { field: 'customer.segment', op: 'in', value: ['enterprise'] }] });
 * vip.test({ customer: { segment: 'enterprise' } }); // => true
 * vip.test({ customer: { segment: 'free' } }); // => false
 * vip.explain({ customer: { vip: true } }); // => { result: true, leaves: [{ path: 'any[0]', field: 'customer.vip', op: 'eq', expected: true, seen: true, result: true }] }
 * ```
 */
export function compileCondition(
  condition: Condition,
  options: CompileConditionOptions = {},
): CompiledCondition {
  return compileConditionWithPlans(condition, options).compiled;
}

/** @internal compileCondition, also returning the leaf plans when the condition is a conjunction of leaves. */
export function compileConditionWithPlans(
  condition: Condition,
  options: CompileConditionOptions = {},
): { compiled: CompiledCondition; plans: readonly LeafPlan[] | null } {
  return compileValidatedCondition(parseCondition(condition, options), options);
}

/** Validates a condition with {@link ConditionSchema}; throws the INVALID_CONFIG error on problems. */
function parseCondition(condition: Condition, options: CompileConditionOptions): Condition {
  const module = options.module ?? 'routing';
  const prefix = options.path ?? '';
  const parsed = ConditionSchema.safeParse(condition);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: joinPath(prefix, formatPath(issue.path)),
      message: issue.message,
    }));
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module,
      message:
        issues.length === 1
          ? `invalid condition: ${issues[0]!.message}`
          : `invalid condition: ${issues.length} problems`,
      issues,
      cause: parsed.error,
    });
  }
  return parsed.data;
}

/**
 * @internal compileCondition for a condition already validated by {@link ConditionSchema} (e.g.
 * as part of a router config): field checks against `itemSchema` still run; the schema is not
 * parsed a second time.
 */
export function compileValidatedCondition(
  condition: Condition,
  options: CompileConditionOptions = {},
): { compiled: CompiledCondition; plans: readonly LeafPlan[] | null } {
  const module = options.module ?? 'routing';
  const prefix = options.path ?? '';
  const issues: TandemIssue[] = [];
  const fieldCheck = options.itemSchema ? schemaFieldCheck(options.itemSchema) : () => null;
  const compiled = compileNode(condition, prefix, fieldCheck, issues);
  if (issues.length > 0)
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module,
      message:
        issues.length === 1
          ? `invalid condition: ${issues[0]!.message}`
          : `invalid condition: ${issues.length} problems`,
      issues,
    });
  const explain = compiled.explain;
  return {
    compiled: Object.freeze({
      test: compiled.test,
      explain: (item: unknown): ConditionTrace => {
        const leaves: ConditionLeafTrace[] = [];
        const result = explain(item, leaves);
        return { result, leaves };
      },
    }),
    plans: compiled.plans,
  };
}
