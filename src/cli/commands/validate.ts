import { readFileSync } from 'node:fs';
import { ownEntry } from '../../_internal/ownProperties';
import { createBusinessCalendar } from '../../calendar/index';
import { createHandoffPolicy } from '../../handoff/index';
import { TandemError, type TandemIssue } from '../../model/errors';
import { compileReplayPolicy } from '../../replay/compileReplayPolicy';
import { compileRouter } from '../../routing/index';
import { compileSurveyPolicy } from '../../surveys/index';
import type { CliIo } from '../io';
import { UsageError } from '../usage';

/** The policy kinds `validate` knows, each with the factory that validates it. */
export const POLICY_VALIDATORS: Record<string, (config: unknown) => unknown> = {
  calendar: (c) => createBusinessCalendar(c as never),
  router: (c) => compileRouter(c as never),
  surveys: (c) => compileSurveyPolicy(c as never),
  handoff: (c) => createHandoffPolicy(c as never),
  replay: (c) => compileReplayPolicy(c as never),
};

/** The validator of a policy kind; own entries only (`toString`, `__proto__` are no kinds). */
function validatorOf(kind: string): ((config: unknown) => unknown) | undefined {
  return ownEntry(POLICY_VALIDATORS, kind);
}

/** Guesses a single config's kind from its shape. */
export function detectPolicyKind(config: unknown): string | undefined {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) return undefined;
  const keys = new Set(Object.keys(config));
  if (keys.has('timeZone') && keys.has('hours')) return 'calendar';
  if (keys.has('rules') && keys.has('fallback')) return 'router';
  if (Array.isArray((config as { surveys?: unknown }).surveys)) return 'surveys';
  // A replay policy is a bundle of module sections plus sla/staffing/offerAcceptance.
  if ([...keys].some((k) => k === 'sla' || k === 'staffing' || k === 'offerAcceptance')) return 'replay';
  if ([...keys].some((k) => validatorOf(k) !== undefined)) return 'bundle';
  return undefined;
}

/**
 * Validates one policy, or a bundle `{ calendar?, router?, handoff?, surveys? }`, returning every
 * problem with its full path (`router.rules[2].when.op`).
 */
export function validatePolicy(config: unknown, kind?: string): TandemIssue[] {
  const resolved = kind ?? detectPolicyKind(config);
  if (!resolved) {
    return [
      {
        path: '',
        message: `cannot tell what kind of policy this is; pass --kind ${Object.keys(POLICY_VALIDATORS).join('|')}|bundle`,
      },
    ];
  }
  if (resolved === 'bundle') {
    const record = config as Record<string, unknown>;
    const issues: TandemIssue[] = [];
    for (const key of Object.keys(record)) {
      if (validatorOf(key) === undefined) {
        issues.push({
          path: key,
          message: `unknown policy section; expected one of ${Object.keys(POLICY_VALIDATORS).join(', ')}`,
        });
        continue;
      }
      for (const issue of validatePolicy(record[key], key))
        issues.push({ path: issue.path ? `${key}.${issue.path}` : key, message: issue.message });
    }
    return issues;
  }
  const validate = validatorOf(resolved);
  if (!validate) throw new UsageError(`unknown --kind "${resolved}"`);
  try {
    validate(config);
    return [];
  } catch (error) {
    if (error instanceof TandemError) return [...error.issues];
    throw error;
  }
}

/** `tandem-cx validate <policy.json> [--kind …]`: prints every config error with its path. */
export function runValidateCommand(options: { file: string; kind?: string }, io: CliIo): number {
  let config: unknown;
  try {
    config = JSON.parse(readFileSync(options.file, 'utf8'));
  } catch (error) {
    io.stderr(`error: ${options.file} is not valid JSON: ${(error as Error).message}\n`);
    return 1;
  }
  const kind = options.kind ?? detectPolicyKind(config);
  const issues = validatePolicy(config, kind);
  if (issues.length === 0) {
    io.stdout(`ok: ${options.file} is a valid ${kind} policy\n`);
    return 0;
  }
  io.stderr(
    `error: ${options.file} has ${issues.length} problem(s):\n${issues.map((i) => `  ${i.path || '(root)'}: ${i.message}`).join('\n')}\n`,
  );
  return 1;
}
