/**
 * The evaluator behind `route()` (internal). Three parts, all data built once by `compileRouter`:
 *
 * 1. **Field table** — every distinct path prefix the rules read is a slot, read at most once per
 *    `route()` call (own properties only) and, for case-insensitive operators, lowercased at most
 *    once per call.
 * 2. **Leaf instructions** — each leaf specialised at compile time by operator and literal type
 *    (`eq` on a literal, `in` over ≤ 3 values as direct comparisons and over more as a `Set`,
 *    `contains` on a string literal, `containsAny` without allocation, …), evaluated by one
 *    function with one `switch`, so the hot call sites stay monomorphic.
 * 3. **Programs** — a rule's condition becomes a branching program over its leaves: each
 *    instruction says where to go when the leaf is true and when it is false (`all`/`any`/`not`
 *    compiled to jumps, the classic short-circuit translation of boolean expressions — Aho, Lam,
 *    Sethi, Ullman, *Compilers*, 2nd ed., § 6.6.6). Leaves are evaluated in the same order, with
 *    the same short-circuits, as the condition's closures and its `explain` trace.
 *
 * The rule index (equality guards → bitsets of the rules still possible) sits on top; see
 * {@link buildRuleIndex}. No code is generated (`new Function`/`eval` are unavailable under a
 * strict Content-Security-Policy).
 */
import type { Condition, ConditionOp, LeafCondition } from './conditions';
import { comparatorFor, foldLiteral, isEmptyValue, MATCH_INPUT_LIMIT } from './conditions';

// ---------------------------------------------------------------- field table

/**
 * Per-router field table for one `route()` call. `gens[i] === gen` means `values[i]` holds the
 * current item's value; `foldGens[i] === gen` that `folded[i]` holds its lowercased form.
 */
export interface FieldTable {
  /** Parent slot of each slot; -1 for a top-level key of the item. Parents precede children. */
  parents: number[];
  keys: string[];
  values: unknown[];
  gens: number[];
  folded: unknown[];
  foldGens: number[];
  gen: number;
  busy: boolean;
  /** Candidate rules (bitset) of the call in progress. */
  candidates: Int32Array;
}

/** A table over the given slots (one object literal, so every table has the same shape). */
function makeFieldTable(parents: number[], keys: string[], words: number): FieldTable {
  const n = keys.length;
  return {
    parents,
    keys,
    values: Array.from({ length: n }, () => undefined as unknown),
    gens: Array.from({ length: n }, () => -1),
    folded: Array.from({ length: n }, () => undefined as unknown),
    foldGens: Array.from({ length: n }, () => -1),
    gen: 0,
    busy: false,
    candidates: new Int32Array(words),
  };
}

/** An empty table; slots are added by {@link slotFor}. */
export function createFieldTable(): FieldTable {
  return makeFieldTable([], [], 1);
}

/** A fresh table with the same slots (for a re-entrant `route()` call from inside a getter). */
export function cloneFieldTable(t: FieldTable): FieldTable {
  return makeFieldTable(t.parents, t.keys, t.candidates.length);
}

/** The slot of a dotted path (creating it and its prefixes). */
export function slotFor(table: FieldTable, slotOf: Map<string, number>, field: string): number {
  const segments = field.split('.');
  let parent = -1;
  for (let length = 1; length <= segments.length; length++) {
    const key = segments.slice(0, length).join('.');
    let index = slotOf.get(key);
    if (index === undefined) {
      index = table.keys.length;
      slotOf.set(key, index);
      table.parents.push(parent);
      table.keys.push(segments[length - 1]!);
      table.values.push(undefined);
      table.gens.push(-1);
      table.folded.push(undefined);
      table.foldGens.push(-1);
    }
    parent = index;
  }
  return parent;
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

/** The value at a slot for the current item (read once per call). Small, so V8 inlines it. */
export function fieldValue(table: FieldTable, slot: number, item: unknown): unknown {
  return table.gens[slot] === table.gen ? table.values[slot] : readField(table, slot, item);
}

/** Reads a slot (and, first, its parents) for the current item and caches it. */
function readField(table: FieldTable, slot: number, item: unknown): unknown {
  const parent = table.parents[slot]!;
  const value = readSlot(slot, parent < 0 ? item : fieldValue(table, parent, item), table.keys[slot]!);
  table.values[slot] = value;
  table.gens[slot] = table.gen;
  return value;
}

/** The value at a slot, lowercased when it is a string (once per call). */
function foldedValue(table: FieldTable, slot: number, item: unknown): unknown {
  if (table.foldGens[slot] === table.gen) return table.folded[slot];
  const value = fieldValue(table, slot, item);
  const folded = typeof value === 'string' ? value.toLowerCase() : value;
  table.folded[slot] = folded;
  table.foldGens[slot] = table.gen;
  return folded;
}

// ---------------------------------------------------------------- leaf instructions

/** Opcodes: one per operator × literal type (× case folding) that has its own fast path. */
const GENERIC = 0;
const EQ = 1;
const NE = 2;
const EQ_FOLD = 3;
const NE_FOLD = 4;
const IN3 = 5;
const NIN3 = 6;
const IN_SET = 7;
const NIN_SET = 8;
const IN3_FOLD = 9;
const NIN3_FOLD = 10;
const GT = 11;
const GTE = 12;
const LT = 13;
const LTE = 14;
const BETWEEN = 15;
const CONTAINS_STR = 16;
const CONTAINS_VALUE = 17;
const CONTAINS_FOLD = 18;
const CONTAINS_ANY = 19;
const CONTAINS_ALL = 20;
const STARTS = 21;
const ENDS = 22;
const STARTS_FOLD = 23;
const ENDS_FOLD = 24;
const MATCHES = 25;
const EXISTS = 26;
const ABSENT = 27;
const EMPTY = 28;
const NOT_EMPTY = 29;
const EQ_REF = 30;
const NE_REF = 31;

/** Where a program goes when it is done. */
export const ACCEPT = -1;
export const REJECT = -2;

/**
 * One leaf, specialised. Every instruction has every field (one object shape, so the reads in
 * {@link testInstruction} stay monomorphic).
 */
export interface Instruction {
  code: number;
  slot: number;
  /** Slot of the compared field (`value: { field }`), else -1. */
  refSlot: number;
  /** The literal (pre-lowercased for the folding opcodes). */
  literal: unknown;
  /** `in`/`nin` over ≤ 3 values: the values, the last repeated to fill three. */
  a: unknown;
  b: unknown;
  c: unknown;
  /** Numeric bounds (`gt`…`lte` use `lo`; `between` uses both). */
  lo: number;
  hi: number;
  list: readonly unknown[];
  set: ReadonlySet<unknown> | null;
  pattern: RegExp | null;
  /** The general comparison (same as the condition's closure), for opcode GENERIC. */
  compare: (seen: unknown, expected: unknown) => boolean;
  /** Next instruction when the leaf is true / false, or ACCEPT / REJECT. */
  onTrue: number;
  onFalse: number;
}

const isRef = (value: unknown): value is { field: string } =>
  value !== null &&
  typeof value === 'object' &&
  !Array.isArray(value) &&
  typeof (value as { field?: unknown }).field === 'string';

const fold = (v: unknown): unknown => (typeof v === 'string' ? v.toLowerCase() : v);

/** The specialised opcode and operands of a leaf (validated by ConditionSchema already). */
function specialise(
  leaf: LeafCondition,
): Pick<Instruction, 'code' | 'literal' | 'a' | 'b' | 'c' | 'lo' | 'hi' | 'list' | 'set'> {
  const op: ConditionOp = leaf.op;
  const ic = leaf.ignoreCase === true;
  const value = leaf.value;
  const base = {
    literal: value,
    a: undefined,
    b: undefined,
    c: undefined,
    lo: 0,
    hi: 0,
    list: [],
    set: null,
  };
  if (isRef(value)) {
    if (op === 'eq' && !ic) return { ...base, code: EQ_REF };
    if (op === 'ne' && !ic) return { ...base, code: NE_REF };
    return { ...base, code: GENERIC };
  }
  switch (op) {
    case 'eq':
    case 'ne':
      if (ic && typeof value === 'string')
        return { ...base, code: op === 'eq' ? EQ_FOLD : NE_FOLD, literal: value.toLowerCase() };
      return { ...base, code: op === 'eq' ? EQ : NE };
    case 'in':
    case 'nin': {
      const list = (value as unknown[]).map((v) => (ic ? fold(v) : v));
      // `includes` is SameValueZero; `===` differs only on NaN, so lists with NaN use the Set
      // (also SameValueZero). Empty lists go to GENERIC (always false / true).
      const hasNaN = list.some((v) => typeof v === 'number' && Number.isNaN(v));
      if (list.length === 0) return { ...base, code: GENERIC };
      if (list.length <= 3 && !hasNaN) {
        const [a, b = a, c = b] = list;
        if (ic) return { ...base, code: op === 'in' ? IN3_FOLD : NIN3_FOLD, a, b, c, list };
        return { ...base, code: op === 'in' ? IN3 : NIN3, a, b, c, list };
      }
      if (ic) return { ...base, code: GENERIC };
      return { ...base, code: op === 'in' ? IN_SET : NIN_SET, list, set: new Set(list) };
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return { ...base, code: { gt: GT, gte: GTE, lt: LT, lte: LTE }[op], lo: value as number };
    case 'between': {
      const [lo, hi] = value as [number, number];
      return { ...base, code: BETWEEN, lo, hi };
    }
    case 'contains':
      if (ic)
        return typeof value === 'string'
          ? { ...base, code: CONTAINS_FOLD, literal: value.toLowerCase() }
          : { ...base, code: GENERIC };
      return { ...base, code: typeof value === 'string' ? CONTAINS_STR : CONTAINS_VALUE };
    case 'containsAny':
    case 'containsAll':
      if (ic) return { ...base, code: GENERIC };
      return { ...base, code: op === 'containsAny' ? CONTAINS_ANY : CONTAINS_ALL, list: value as unknown[] };
    case 'startsWith':
    case 'endsWith': {
      const s = value as string;
      if (ic)
        return { ...base, code: op === 'startsWith' ? STARTS_FOLD : ENDS_FOLD, literal: s.toLowerCase() };
      return { ...base, code: op === 'startsWith' ? STARTS : ENDS };
    }
    case 'matches':
      return { ...base, code: MATCHES };
    case 'exists':
      return { ...base, code: value === false ? ABSENT : EXISTS };
    case 'empty':
      return { ...base, code: value === false ? NOT_EMPTY : EMPTY };
  }
}

/** Compiles a leaf to an instruction (targets filled in by {@link compileProgram}). */
function compileInstruction(leaf: LeafCondition, slotOf: (field: string) => number): Instruction {
  const ic = leaf.ignoreCase === true;
  const pattern = leaf.op === 'matches' ? new RegExp(leaf.value as string, ic ? 'iu' : 'u') : null;
  const sp = specialise(leaf);
  // One object literal with every field in one order: every instruction has the same shape.
  return {
    code: sp.code,
    slot: slotOf(leaf.field),
    refSlot: isRef(leaf.value) ? slotOf(leaf.value.field) : -1,
    // The general comparison expects the literal pre-folded, as the condition's closure has it.
    literal: sp.code === GENERIC ? foldLiteral(leaf.op, leaf.value, ic) : sp.literal,
    a: sp.a,
    b: sp.b,
    c: sp.c,
    lo: sp.lo,
    hi: sp.hi,
    list: sp.list,
    set: sp.set,
    pattern,
    compare: comparatorFor(leaf.op, ic, pattern ?? undefined),
    onTrue: ACCEPT,
    onFalse: REJECT,
  };
}

function containsValue(s: unknown, x: unknown): boolean {
  if (Array.isArray(s)) return s.includes(x);
  return typeof s === 'string' && typeof x === 'string' && s.includes(x);
}

/** `containsAny` (no case folding): an array element or a substring equal to one of `list`. */
function containsAnyOf(s: unknown, list: readonly unknown[]): boolean {
  if (!Array.isArray(s) && typeof s !== 'string') return false;
  for (let i = 0; i < list.length; i++) if (containsValue(s, list[i])) return true;
  return false;
}

/** `containsAll` (no case folding). */
function containsAllOf(s: unknown, list: readonly unknown[]): boolean {
  if (!Array.isArray(s) && typeof s !== 'string') return false;
  for (let i = 0; i < list.length; i++) if (!containsValue(s, list[i])) return false;
  return true;
}

/** `contains` with `ignoreCase`; `s` is already folded (a lowercased string, or the raw value). */
function containsFolded(s: unknown, x: string): boolean {
  if (typeof s === 'string') return s.includes(x);
  if (!Array.isArray(s)) return false;
  for (let i = 0; i < s.length; i++) if (fold(s[i]) === x) return true;
  return false;
}

function matchesPattern(s: unknown, re: RegExp): boolean {
  if (typeof s !== 'string') return false;
  re.lastIndex = 0;
  return re.test(s.length > MATCH_INPUT_LIMIT ? s.slice(0, MATCH_INPUT_LIMIT) : s);
}

function asNumber(s: unknown): number {
  return typeof s === 'number' ? s : s instanceof Date ? s.getTime() : Number.NaN;
}

/**
 * Runs a program from `pc`; true when it reaches ACCEPT. Each instruction's leaf is evaluated
 * inline (one `switch`, no call per leaf): same results as the condition's closures.
 */
export function runProgram(
  t: FieldTable,
  program: readonly Instruction[],
  pc: number,
  item: unknown,
): boolean {
  while (pc >= 0) {
    const ins = program[pc]!;
    let ok: boolean;
    let s: unknown;
    switch (ins.code) {
      case EQ:
        ok = fieldValue(t, ins.slot, item) === ins.literal;
        break;
      case NE:
        ok = fieldValue(t, ins.slot, item) !== ins.literal;
        break;
      case EQ_FOLD:
        ok = foldedValue(t, ins.slot, item) === ins.literal;
        break;
      case NE_FOLD:
        ok = foldedValue(t, ins.slot, item) !== ins.literal;
        break;
      case IN3:
        s = fieldValue(t, ins.slot, item);
        ok = s === ins.a || s === ins.b || s === ins.c;
        break;
      case NIN3:
        s = fieldValue(t, ins.slot, item);
        ok = s !== ins.a && s !== ins.b && s !== ins.c;
        break;
      case IN3_FOLD:
        s = foldedValue(t, ins.slot, item);
        ok = s === ins.a || s === ins.b || s === ins.c;
        break;
      case NIN3_FOLD:
        s = foldedValue(t, ins.slot, item);
        ok = s !== ins.a && s !== ins.b && s !== ins.c;
        break;
      case IN_SET:
        ok = ins.set!.has(fieldValue(t, ins.slot, item));
        break;
      case NIN_SET:
        ok = !ins.set!.has(fieldValue(t, ins.slot, item));
        break;
      // NaN (or a non-number) compares false, as in `num()` of the condition closures.
      case GT:
        s = fieldValue(t, ins.slot, item);
        ok = (typeof s === 'number' ? s : asNumber(s)) > ins.lo;
        break;
      case GTE:
        s = fieldValue(t, ins.slot, item);
        ok = (typeof s === 'number' ? s : asNumber(s)) >= ins.lo;
        break;
      case LT:
        s = fieldValue(t, ins.slot, item);
        ok = (typeof s === 'number' ? s : asNumber(s)) < ins.lo;
        break;
      case LTE:
        s = fieldValue(t, ins.slot, item);
        ok = (typeof s === 'number' ? s : asNumber(s)) <= ins.lo;
        break;
      case BETWEEN: {
        const n = asNumber(fieldValue(t, ins.slot, item));
        ok = n >= ins.lo && n <= ins.hi;
        break;
      }
      case CONTAINS_STR:
        s = fieldValue(t, ins.slot, item);
        ok =
          typeof s === 'string'
            ? s.includes(ins.literal as string)
            : Array.isArray(s) && s.includes(ins.literal);
        break;
      case CONTAINS_VALUE:
        s = fieldValue(t, ins.slot, item);
        ok = Array.isArray(s) && s.includes(ins.literal);
        break;
      case CONTAINS_FOLD:
        ok = containsFolded(foldedValue(t, ins.slot, item), ins.literal as string);
        break;
      case CONTAINS_ANY:
        ok = containsAnyOf(fieldValue(t, ins.slot, item), ins.list);
        break;
      case CONTAINS_ALL:
        ok = containsAllOf(fieldValue(t, ins.slot, item), ins.list);
        break;
      case STARTS:
        s = fieldValue(t, ins.slot, item);
        ok = typeof s === 'string' && s.startsWith(ins.literal as string);
        break;
      case ENDS:
        s = fieldValue(t, ins.slot, item);
        ok = typeof s === 'string' && s.endsWith(ins.literal as string);
        break;
      case STARTS_FOLD:
        s = foldedValue(t, ins.slot, item);
        ok = typeof s === 'string' && s.startsWith(ins.literal as string);
        break;
      case ENDS_FOLD:
        s = foldedValue(t, ins.slot, item);
        ok = typeof s === 'string' && s.endsWith(ins.literal as string);
        break;
      case MATCHES:
        ok = matchesPattern(fieldValue(t, ins.slot, item), ins.pattern!);
        break;
      case EXISTS:
        s = fieldValue(t, ins.slot, item);
        ok = s !== undefined && s !== null;
        break;
      case ABSENT:
        s = fieldValue(t, ins.slot, item);
        ok = s === undefined || s === null;
        break;
      case EMPTY:
        ok = isEmptyValue(fieldValue(t, ins.slot, item));
        break;
      case NOT_EMPTY:
        ok = !isEmptyValue(fieldValue(t, ins.slot, item));
        break;
      case EQ_REF:
        ok = fieldValue(t, ins.slot, item) === fieldValue(t, ins.refSlot, item);
        break;
      case NE_REF:
        ok = fieldValue(t, ins.slot, item) !== fieldValue(t, ins.refSlot, item);
        break;
      default:
        ok = ins.compare(
          fieldValue(t, ins.slot, item),
          ins.refSlot < 0 ? ins.literal : fieldValue(t, ins.refSlot, item),
        );
    }
    pc = ok ? ins.onTrue : ins.onFalse;
  }
  return pc === ACCEPT;
}

// ---------------------------------------------------------------- programs

/**
 * Appends the instructions of `node` to `program`, jumping to `onTrue`/`onFalse` when it is
 * decided; returns the entry. Built from the last child backwards so every target exists.
 */
function emit(
  node: Condition,
  onTrue: number,
  onFalse: number,
  program: Instruction[],
  slotOf: (field: string) => number,
): number {
  if ('all' in node) {
    let next = onTrue;
    for (let i = node.all.length - 1; i >= 0; i--) next = emit(node.all[i]!, next, onFalse, program, slotOf);
    return next;
  }
  if ('any' in node) {
    let next = onFalse;
    for (let i = node.any.length - 1; i >= 0; i--) next = emit(node.any[i]!, onTrue, next, program, slotOf);
    return next;
  }
  if ('not' in node) return emit(node.not, onFalse, onTrue, program, slotOf);
  const instruction = compileInstruction(node, slotOf);
  instruction.onTrue = onTrue;
  instruction.onFalse = onFalse;
  program.push(instruction);
  return program.length - 1;
}

/**
 * Compiles a conjunction of conditions into `program` (shared by all rules of a router); returns
 * the entry, or ACCEPT when there is nothing to evaluate.
 */
export function compileProgram(
  conjuncts: readonly Condition[],
  program: Instruction[],
  slotOf: (field: string) => number,
): number {
  return conjuncts.length === 0 ? ACCEPT : emit({ all: [...conjuncts] }, ACCEPT, REJECT, program, slotOf);
}

/** The top-level conjuncts of a condition (nested `all`s flattened, order kept). */
export function conjunctsOf(node: Condition): Condition[] {
  return 'all' in node ? node.all.flatMap(conjunctsOf) : [node];
}

// ---------------------------------------------------------------- rule index

/** One indexed field: for each value, the rules that can still match (bitset over rule order). */
export interface GuardIndex {
  slot: number;
  byValue: Map<unknown, Int32Array>;
  /** The keys and values of `byValue` as arrays, scanned instead of hashing when short. */
  keys: unknown[] | null;
  bitsList: Int32Array[];
  /** Rules compatible with any value not in `byValue` (those without a guard on this field). */
  otherwise: Int32Array;
}

/** The rule index and, per rule, the program of what the index does not decide. */
export interface RuleIndex {
  words: number;
  all: Int32Array;
  guards: GuardIndex[];
  /** Per rule, the entry of its residual program (ACCEPT: nothing left to evaluate). */
  entries: Int32Array;
  program: Instruction[];
  /** Per rule, the bit mask of the guards (indices into `guards`) it has. */
  needs: Int32Array;
}

/** A field is indexed when at least this many rules have an `eq`/`in` guard on it. */
const MIN_GUARDED_RULES = 6;

// Map keys compare with SameValueZero, like `===` except NaN; NaN never equals anything under
// `eq`, so it is left out of the index (its leaves still evaluate normally).
const isIndexable = (v: unknown): boolean =>
  v === null ||
  typeof v === 'string' ||
  typeof v === 'boolean' ||
  (typeof v === 'number' && !Number.isNaN(v));

/** The values a conjunct allows when it is a guard (`eq`/`in` on literal scalars), else undefined. */
function guardValues(c: Condition): readonly unknown[] | undefined {
  if (!('field' in c) || c.ignoreCase === true || isRef(c.value)) return undefined;
  if (c.op === 'eq' && isIndexable(c.value)) return [c.value];
  if (c.op === 'in' && Array.isArray(c.value) && c.value.every(isIndexable)) return c.value;
  return undefined;
}

/**
 * Builds the rule index: every top-level `eq`/`in` leaf with literal scalars is a guard — the rule
 * can only hold when the field's value is one of the guard's values. Per guarded field, a map
 * value → bitset of rules still possible. A rule that survives every guard has all its guard
 * leaves true (`===` and `includes` agree with the map's SameValueZero on the indexable values),
 * so only its other conjuncts are left to evaluate, as a program; decisions are unchanged (the
 * differential tests run through it).
 */
export function buildRuleIndex(
  rules: ReadonlyArray<readonly Condition[]>,
  slotOf: (field: string) => number,
): RuleIndex {
  const count = rules.length;
  const words = Math.max(1, Math.ceil(count / 32));
  const all = new Int32Array(words);
  for (let i = 0; i < count; i++) all[i >> 5]! |= 1 << (i & 31);
  // A map lookup costs about as much as a few leaf comparisons, so only fields that guard several
  // rules are indexed; guards on the other fields stay ordinary leaves.
  const guarding = new Map<number, Set<number>>();
  rules.forEach((conjuncts, rule) => {
    for (const c of conjuncts) {
      if (!guardValues(c)) continue;
      const slot = slotOf((c as LeafCondition).field);
      const set = guarding.get(slot) ?? new Set<number>();
      guarding.set(slot, set.add(rule));
    }
  });
  // At most 31 indexed fields (a rule's guards are a bit mask), those guarding the most rules.
  const indexedSlots = [...guarding]
    .filter(([, set]) => set.size >= MIN_GUARDED_RULES)
    .sort((a, b) => b[1].size - a[1].size || a[0] - b[0])
    .slice(0, 31)
    .map(([slot]) => slot);
  // slot → rule → allowed values (intersection of the rule's guards on that slot)
  const allowed = new Map<number, Map<number, Set<unknown>>>();
  const program: Instruction[] = [];
  const entries = new Int32Array(count);
  rules.forEach((conjuncts, rule) => {
    const rest: Condition[] = [];
    for (const c of conjuncts) {
      const values = guardValues(c);
      const slot = values ? slotOf((c as LeafCondition).field) : -1;
      if (!values || !indexedSlots.includes(slot)) {
        rest.push(c);
        continue;
      }
      let byRule = allowed.get(slot);
      if (!byRule) {
        byRule = new Map();
        allowed.set(slot, byRule);
      }
      const previous = byRule.get(rule);
      byRule.set(rule, previous ? new Set(values.filter((v) => previous.has(v))) : new Set(values));
    }
    entries[rule] = compileProgram(rest, program, slotOf);
  });
  const guards: GuardIndex[] = [];
  const needs = new Int32Array(count);
  for (const [slot, byRule] of allowed) {
    for (const rule of byRule.keys()) needs[rule]! |= 1 << guards.length;
    const otherwise = Int32Array.from(all);
    for (const rule of byRule.keys()) otherwise[rule >> 5]! &= ~(1 << (rule & 31));
    const byValue = new Map<unknown, Int32Array>();
    for (const [rule, values] of byRule)
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
  return { words, all, guards, entries, program, needs };
}

/**
 * The first rule (in order) whose condition holds, or -1. Walks the candidate rules in order.
 * Guards are applied lazily: the first time a candidate needs a field's guard, that field is read
 * and looked up once, which removes every rule the value rules out (this one and later ones); a
 * candidate whose guards all passed has only its residual program left to run.
 */
export function firstMatch(t: FieldTable, index: RuleIndex, item: unknown): number {
  const { guards, entries, needs, words, program } = index;
  const candidates = t.candidates;
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
          const value = fieldValue(t, guard.slot, item);
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
      const entry = entries[i]!;
      if (entry === ACCEPT || runProgram(t, program, entry, item)) return i;
    }
  }
  return -1;
}
