import type { z } from 'zod';

/**
 * Stable error codes. Hosts branch on `code`, never on the message text.
 *
 * - `INVALID_CONFIG`: a policy/config object failed validation (at `compileX` / `createX`).
 * - `INVALID_INPUT`: a record or argument failed validation at call time.
 * - `CONFLICT`: an optimistic-concurrency check failed (stale `expectedVersion`).
 * - `NOT_FOUND`: the addressed entity does not exist (for this tenant / viewer).
 * - `FORBIDDEN`: the actor is not allowed to do this.
 * - `LIMIT_EXCEEDED`: an input is larger than the documented limit.
 */
export type TandemErrorCode =
  | 'INVALID_CONFIG'
  | 'INVALID_INPUT'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'FORBIDDEN'
  | 'LIMIT_EXCEEDED';

/** One problem found while validating, with the path of the offending value. */
export interface TandemIssue {
  /** Dotted/bracketed path of the offending value, e.g. `rules[2].when.op`; `''` for the root. */
  path: string;
  /** What is wrong, in plain words. */
  message: string;
}

/** Constructor options for {@link TandemError}. */
export interface TandemErrorOptions {
  code: TandemErrorCode;
  /** Module that raised it (`routing`, `calendar`, …); appears in the message prefix. */
  module: string;
  /** Human explanation, without the prefix. */
  message: string;
  /** Path of the first offending value (see {@link TandemIssue.path}). */
  path?: string;
  /** Every problem found, when validation found several. */
  issues?: TandemIssue[];
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * The one error type tandem-cx throws. Thrown only for misuse and bad input; expected runtime
 * outcomes (no agent free, survey suppressed) are returned as values.
 *
 * The message is prefixed `[tandem-cx] [module]` and, for validation errors, lists every problem
 * with its path.
 *
 * @example
 * ```ts
 * import { TandemError } from 'tandem-cx/model';
 * const err = new TandemError({ code: 'INVALID_CONFIG', module: 'routing', path: 'rules[0].when.op', message: 'unknown op "equals"' });
 * err.message; // => '[tandem-cx] [routing] rules[0].when.op: unknown op "equals"'
 * err.code; // => 'INVALID_CONFIG'
 * err instanceof Error; // => true
 * ```
 */
export class TandemError extends Error {
  /** Stable machine-readable code. */
  readonly code: TandemErrorCode;
  /** Module that raised the error. */
  readonly module: string;
  /** Path of the first offending value (`''` when the whole input is at fault). */
  readonly path: string;
  /** Every problem found (at least one). */
  readonly issues: readonly TandemIssue[];

  constructor(options: TandemErrorOptions) {
    const path = options.path ?? options.issues?.[0]?.path ?? '';
    const issues = options.issues ?? [{ path, message: options.message }];
    super(formatMessage(options.module, path, options.message, issues), { cause: options.cause });
    this.name = 'TandemError';
    this.code = options.code;
    this.module = options.module;
    this.path = path;
    this.issues = issues;
  }
}

function formatMessage(
  module: string,
  path: string,
  message: string,
  issues: readonly TandemIssue[],
): string {
  const prefix = `[tandem-cx] [${module}] `;
  if (issues.length <= 1) return prefix + (path ? `${path}: ${message}` : message);
  const lines = issues.map((i) => `  - ${i.path || '(root)'}: ${i.message}`);
  return `${prefix}${message}\n${lines.join('\n')}`;
}

/**
 * Formats a path array as `a.b[2].c`. Numbers become indexes; keys that are not plain
 * identifiers are quoted (`meta["x-y"]`).
 *
 * @example
 * ```ts
 * import { formatPath } from 'tandem-cx/model';
 * formatPath(['rules', 2, 'when', 'op']); // => 'rules[2].when.op'
 * formatPath(['config', 'meta', 'x-y']); // => 'config.meta["x-y"]'
 * ```
 */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'symbol') out += `[${String(key)}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out;
}

/** Options for {@link toTandemError} and {@link parseWithSchema}. */
export interface ValidationContext {
  /** Module name for the message prefix. */
  module: string;
  /** `INVALID_CONFIG` for policies, `INVALID_INPUT` for records and arguments (default). */
  code?: TandemErrorCode;
  /** What was being validated, e.g. `router config` (used in the summary line). */
  what?: string;
  /** Path prefix for every issue, e.g. `rows[41]`. */
  pathPrefix?: readonly PropertyKey[];
}

/**
 * Turns a zod error into one {@link TandemError} that lists every issue with its path.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { toTandemError } from 'tandem-cx/model';
 * const r = z.object({ queue: z.string(), priority: z.number() }).safeParse({ priority: 'high' });
 * const err = toTandemError(r.error!, { module: 'routing', code: 'INVALID_CONFIG', what: 'fallback' });
 * err.issues.map((i) => i.path); // => ['queue', 'priority']
 * err.path; // => 'queue'
 * ```
 */
export function toTandemError(error: z.ZodError, context: ValidationContext): TandemError {
  const prefix = context.pathPrefix ?? [];
  const issues: TandemIssue[] = error.issues.map((issue) => ({
    path: formatPath([...prefix, ...issue.path]),
    message: issue.message,
  }));
  return validationError(issues, context, error);
}

/**
 * One {@link TandemError} for a list of problems found while validating (by zod or by hand):
 * the summary reads `invalid <what>: <the problem>` for one problem and `invalid <what>: N
 * problems` for several, and every problem keeps its path. Paths are used as given
 * (`pathPrefix` applies to zod paths in {@link toTandemError} only).
 *
 * @example
 * ```ts
 * import { validationError } from 'tandem-cx/model';
 * const err = validationError([{ path: 'hours', message: 'no open hours' }], { module: 'calendar', code: 'INVALID_CONFIG', what: 'business calendar' });
 * err.message; // => '[tandem-cx] [calendar] hours: invalid business calendar: no open hours'
 * validationError([{ path: 'a', message: 'x' }, { path: 'b', message: 'y' }], { module: 'demo' }).issues.length; // => 2
 * ```
 */
export function validationError(
  issues: TandemIssue[],
  context: ValidationContext,
  cause?: unknown,
): TandemError {
  const what = context.what ?? 'input';
  const summary =
    issues.length === 1
      ? `invalid ${what}: ${issues[0]!.message}`
      : `invalid ${what}: ${issues.length} problems`;
  return new TandemError({
    code: context.code ?? 'INVALID_INPUT',
    module: context.module,
    message: summary,
    issues,
    ...(cause !== undefined ? { cause } : {}),
  });
}

/**
 * Validates `input` against `schema`; returns the parsed value or throws one {@link TandemError}
 * listing every problem. The boundary helper every `compileX`/`createX` uses.
 *
 * @example
 * ```ts
 * import { z } from 'zod';
 * import { parseWithSchema } from 'tandem-cx/model';
 * parseWithSchema(z.object({ n: z.number() }), { n: 1 }, { module: 'demo' }); // => { n: 1 }
 * ```
 */
export function parseWithSchema<S extends z.ZodType>(
  schema: S,
  input: unknown,
  context: ValidationContext,
): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw toTandemError(result.error, context);
  return result.data;
}
