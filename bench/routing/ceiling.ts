/**
 * The compiled-JavaScript ceiling: a router config turned into one function of plain `if`s with
 * `new Function`, i.e. what a careful engineer would write by hand for these rules, knowing each
 * literal's type but not the items' — the yardstick `route()` is measured against. Bench-only: the
 * library must run under a strict Content-Security-Policy, so it never generates code.
 *
 * Semantics follow the condition language (docs/routing.md § Condition language) for the data the
 * generator produces; the bench checks that the ceiling and `route()` pick the same rule for
 * every item before timing anything.
 */
import type { Condition, LeafCondition } from '../../src/routing/conditions';
import type { GeneratedRule } from '../../test/support/ruleSets';

const isRef = (v: unknown): v is { field: string } =>
  v !== null &&
  typeof v === 'object' &&
  !Array.isArray(v) &&
  typeof (v as { field?: unknown }).field === 'string';

interface Emit {
  /** Hoisted declarations (regular expressions). */
  prelude: string[];
  /** Extra local variables of the ceiling function. */
  locals: string[];
  counter: number;
  /** Own-property reads (the library's semantics) instead of plain `item.a?.b`. */
  own: boolean;
  /** With `own`: the local holding each path read so far. */
  paths: Map<string, string>;
}

/**
 * A hand-written read: `item.a?.b?.c` (plain JSON items have no inherited fields, so on the
 * bench's items it reads what an own-property read does). With `own`, the library's semantics as
 * one would hand-write them: each path is read at most once per call, lazily, into a local (its
 * parent path first), each step checking `hasOwnProperty` with the key as a literal.
 */
function read(field: string, emit: Emit): string {
  const keys = field.split('.');
  if (!emit.own) return `item.${keys.join('?.')}`;
  let parent = 'item';
  for (let i = 0; i < keys.length; i++) {
    const path = keys.slice(0, i + 1).join('.');
    let local = emit.paths.get(path);
    if (local === undefined) {
      local = `p${emit.paths.size}`;
      if (emit.paths.size === 0) emit.locals.push('o_');
      emit.paths.set(path, local);
      emit.locals.push(`${local} = UNREAD`);
    }
    const k = lit(keys[i]);
    parent = `(${local} !== UNREAD ? ${local} : (${local} = ((o_ = ${parent}), o_ !== null && typeof o_ === 'object' && hasOwn.call(o_, ${k}) ? o_[${k}] : undefined)))`;
  }
  return parent;
}

function lit(v: unknown): string {
  return JSON.stringify(v);
}

function leafJs(leaf: LeafCondition, emit: Emit): string {
  const id = `v${emit.counter++}`;
  const r = read(leaf.field, emit);
  const ic = leaf.ignoreCase === true;
  // Every leaf reads its field once into a fresh variable (`(v = item.a?.b, …)`), as one would.
  const bind = (body: string) => `((${id} = ${r}), ${body})`;
  const v = leaf.value;
  if (isRef(v)) {
    const o = read(v.field, emit);
    switch (leaf.op) {
      case 'eq':
        return `${r} === ${o}`;
      case 'ne':
        return `${r} !== ${o}`;
      case 'gt':
      case 'gte':
      case 'lt':
      case 'lte': {
        const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[leaf.op];
        const w = `w${emit.counter++}`;
        emit.locals.push(w);
        return bind(
          `((${w} = ${o}), typeof ${id} === 'number' && typeof ${w} === 'number' && ${id} ${sym} ${w})`,
        );
      }
      default:
        throw new Error(`ceiling: field reference with ${leaf.op} not generated`);
    }
  }
  const fold = (x: string) => (ic ? `(typeof ${x} === 'string' ? ${x}.toLowerCase() : ${x})` : x);
  const low = (x: unknown) => (ic && typeof x === 'string' ? x.toLowerCase() : x);
  switch (leaf.op) {
    case 'eq':
      return ic && typeof v === 'string' ? bind(`${fold(id)} === ${lit(low(v))}`) : `${r} === ${lit(v)}`;
    case 'ne':
      return ic && typeof v === 'string' ? bind(`${fold(id)} !== ${lit(low(v))}`) : `${r} !== ${lit(v)}`;
    case 'in':
    case 'nin': {
      const values = (v as unknown[]).map(low);
      const x = ic ? `f${id}` : id;
      if (ic) emit.locals.push(x);
      const any = values.map((e) => `${x} === ${lit(e)}`).join(' || ');
      const body = ic ? `((${x} = ${fold(id)}), ${any})` : `(${any})`;
      return bind(leaf.op === 'in' ? body : `!${body}`);
    }
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const sym = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[leaf.op];
      return bind(`typeof ${id} === 'number' && ${id} ${sym} ${lit(v)}`);
    }
    case 'between': {
      const [lo, hi] = v as [number, number];
      return bind(`typeof ${id} === 'number' && ${id} >= ${lo} && ${id} <= ${hi}`);
    }
    case 'contains':
    case 'containsAny':
    case 'containsAll': {
      const values = (leaf.op === 'contains' ? [v] : (v as unknown[])).map(low);
      const join = leaf.op === 'containsAll' ? ' && ' : ' || ';
      if (!ic) {
        const inArray = values.map((e) => `${id}.includes(${lit(e)})`).join(join);
        const inString = values.every((e) => typeof e === 'string') ? inArray : 'false';
        return bind(`(typeof ${id} === 'string' ? (${inString}) : Array.isArray(${id}) && (${inArray}))`);
      }
      const s = `s${emit.counter++}`;
      emit.locals.push(s);
      const inString = values.map((e) => `${s}.includes(${lit(e)})`).join(join);
      const inArray = values.map((e) => `hasFolded(${id}, ${lit(e)})`).join(join);
      return bind(
        `(typeof ${id} === 'string' ? ((${s} = ${id}.toLowerCase()), ${inString}) : Array.isArray(${id}) && (${inArray}))`,
      );
    }
    case 'startsWith':
    case 'endsWith':
      return ic
        ? bind(`typeof ${id} === 'string' && ${id}.toLowerCase().${leaf.op}(${lit(low(v))})`)
        : bind(`typeof ${id} === 'string' && ${id}.${leaf.op}(${lit(v)})`);
    case 'matches': {
      const re = `re${emit.counter++}`;
      emit.prelude.push(`const ${re} = new RegExp(${lit(v)}, ${lit(ic ? 'iu' : 'u')});`);
      return bind(
        `typeof ${id} === 'string' && ${re}.test(${id}.length > 10000 ? ${id}.slice(0, 10000) : ${id})`,
      );
    }
    case 'exists':
      return v === false
        ? bind(`(${id} === undefined || ${id} === null)`)
        : bind(`${id} !== undefined && ${id} !== null`);
    case 'empty':
      return v === false ? bind(`!isEmpty(${id})`) : bind(`isEmpty(${id})`);
  }
}

function conditionJs(c: Condition, emit: Emit): string {
  if ('all' in c) return `(${c.all.map((x) => conditionJs(x, emit)).join(' && ')})`;
  if ('any' in c) return `(${c.any.map((x) => conditionJs(x, emit)).join(' || ')})`;
  if ('not' in c) return `!(${conditionJs(c.not, emit)})`;
  return leafJs(c, emit);
}

/** The source of `(item) => index of the first enabled rule that matches, or -1`. */
export function ceilingSource(rules: readonly GeneratedRule[], options: CeilingOptions = {}): string {
  const emit: Emit = {
    prelude: [],
    locals: [],
    counter: 0,
    own: options.ownReads === true,
    paths: new Map(),
  };
  const body = rules
    .map((rule, i) => (rule.enabled === false ? '' : `if (${conditionJs(rule.when, emit)}) return ${i};`))
    .filter(Boolean)
    .join('\n');
  const vars = [...Array.from({ length: emit.counter }, (_, i) => `v${i}`), ...emit.locals];
  return [
    'const hasOwn = Object.prototype.hasOwnProperty;',
    'const UNREAD = {};',
    'function isEmpty(v) { if (v === undefined || v === null || v === "") return true; if (Array.isArray(v)) return v.length === 0; if (typeof v === "object" && !(v instanceof Date)) { for (const k in v) if (hasOwn.call(v, k)) return false; return true; } return false; }',
    'function hasFolded(a, x) { for (let i = 0; i < a.length; i++) { const e = a[i]; if ((typeof e === "string" ? e.toLowerCase() : e) === x) return true; } return false; }',
    ...emit.prelude,
    `return function ceiling(item) { let ${vars.join(', ') || '_'};`,
    body,
    'return -1; };',
  ].join('\n');
}

/** Options of {@link compileCeiling}. */
export interface CeilingOptions {
  /**
   * Read fields own-property-only (`hasOwnProperty` before each step), the semantics `route()`
   * keeps; default false, the plain `item.a?.b` of the yardstick.
   */
  ownReads?: boolean;
}

/** Compiles the ceiling (bench only: `new Function`). */
export function compileCeiling(
  rules: readonly GeneratedRule[],
  options: CeilingOptions = {},
): (item: unknown) => number {
  return new Function(ceilingSource(rules, options))() as (item: unknown) => number;
}
