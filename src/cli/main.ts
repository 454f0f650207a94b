#!/usr/bin/env node
/**
 * The `tandem-cx` command line: metrics from exports, policy validation, replay of history.
 *
 *   tandem-cx metrics <file.csv|jsonl|json> [--group-by queue] [--bucket week] …
 *   tandem-cx validate <policy.json> [--kind router|surveys|calendar|handoff|replay|bundle]
 *   tandem-cx replay <conversations.jsonl> --policy a.json [--compare b.json]
 */
import { parseArgs } from 'node:util';
import { ownEntry } from '../_internal/ownProperties';
import { TandemError } from '../model/errors';
import { describeKinds } from './columns';
import { runMetricsCommand } from './commands/metrics';
import type { CliIo } from './io';
import { InputError, UsageError } from './usage';

export const HELP = `tandem-cx — support metrics, policy validation and replay

Usage:
  tandem-cx metrics <file> [options]     metrics from a CSV, JSON Lines or JSON export
      --kind ticket|survey|contact        record kind (default: the kind the metrics read, else ticket)
      --metrics a,b,c                     metrics to compute (default depends on --kind; list below)
      --group-by field[,field]            group rows (e.g. queue,channel)
      --bucket day|week|month             time buckets
      --time-zone Zone                    IANA zone the buckets are cut in (default UTC)
      --business-hours calendar.json      time metrics in business time
      --format table|csv|json             output (default table)
      --input-format csv|jsonl|json       when the file name does not say (.csv, .jsonl/.ndjson, .json)
      --skip-invalid                      compute over valid rows, warn about the rest (exit 0)
      --partial                           on invalid rows, still print the valid rows' numbers (exit 1)
  tandem-cx validate <policy.json> [--kind router|surveys|calendar|handoff|replay|bundle]
  tandem-cx replay <conversations.jsonl> --policy a.json [options]
      --compare b.json                    what-if: policy B against policy A
      --knowledge articles.json           answer confidence from a knowledge base
      --seed n                            seed of the offer-acceptance draws (default 1)
      --format table|json
  Progress is drawn on stderr when it is a terminal (--progress forces it).

Metrics by record kind, and the columns they read (a metric whose columns are all absent is
refused, not printed; survey metrics read only the rows of their own kind):
${describeKinds()}

Exit codes: 0 ok, 1 invalid data or policy, 2 usage error.
`;

const OPTIONS = {
  kind: { type: 'string' },
  metrics: { type: 'string' },
  'group-by': { type: 'string' },
  bucket: { type: 'string' },
  'time-zone': { type: 'string' },
  'business-hours': { type: 'string' },
  format: { type: 'string' },
  'input-format': { type: 'string' },
  'skip-invalid': { type: 'boolean' },
  partial: { type: 'boolean' },
  policy: { type: 'string' },
  compare: { type: 'string' },
  knowledge: { type: 'string' },
  seed: { type: 'string' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Extra commands registered by modules built on top of the CLI (replay). */
export const COMMANDS: Record<
  string,
  (file: string, values: Record<string, unknown>, io: CliIo) => number | Promise<number>
> = {
  metrics: (file, v, io) =>
    runMetricsCommand(
      {
        file,
        ...(v.kind ? { kind: String(v.kind) } : {}),
        ...(v.metrics ? { metrics: String(v.metrics) } : {}),
        ...(v['group-by'] ? { groupBy: String(v['group-by']) } : {}),
        ...(v.bucket ? { bucket: String(v.bucket) } : {}),
        ...(v['time-zone'] ? { timeZone: String(v['time-zone']) } : {}),
        ...(v['business-hours'] ? { businessHours: String(v['business-hours']) } : {}),
        ...(v.format ? { format: String(v.format) } : {}),
        ...(v['input-format'] ? { inputFormat: String(v['input-format']) } : {}),
        skipInvalid: Boolean(v['skip-invalid']),
        partial: Boolean(v.partial),
      },
      io,
    ),
  // validate and replay load every module (handoff, knowledge, lexicons): imported on use, so
  // `metrics` and `--help` start without them (a header error answers at once).
  validate: async (file, v, io) => {
    const { runValidateCommand } = await import('./commands/validate');
    return runValidateCommand({ file, ...(v.kind ? { kind: String(v.kind) } : {}) }, io);
  },
  replay: async (file, v, io) => {
    if (!v.policy) throw new UsageError('replay needs --policy <policy.json>');
    const { runReplayCommand } = await import('./commands/replay');
    return runReplayCommand(
      {
        file,
        policy: String(v.policy),
        ...(v.compare ? { compare: String(v.compare) } : {}),
        ...(v.knowledge ? { knowledge: String(v.knowledge) } : {}),
        ...(v.format ? { format: String(v.format) } : {}),
        ...(v.seed ? { seed: Number(v.seed) } : {}),
        skipInvalid: Boolean(v['skip-invalid']),
        partial: Boolean(v.partial),
      },
      io,
    );
  },
};

/** Runs the CLI with `argv` (without `node` and the script); returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: OPTIONS,
      allowPositionals: true,
      strict: true,
    });
    const [command, file] = positionals;
    if (values.help || !command) {
      io.stdout(HELP);
      return command || values.help ? 0 : 2;
    }
    // Own entries only: `toString` or `__proto__` on the command line is not a command.
    const run = ownEntry(COMMANDS, command);
    if (!run) throw new UsageError(`unknown command "${command}"`);
    if (!file) throw new UsageError(`${command} needs a file`);
    const io2 = values.progress ? { ...io, progress: true } : io;
    return await run(file, values, io2);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(
        `usage error: ${(error as Error).message}\n(tandem-cx --help lists the commands, options, metrics and columns)\n`,
      );
      return 2;
    }
    if (error instanceof InputError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    if (error instanceof TandemError) {
      io.stderr(`error: ${error.message}\n`);
      return 1;
    }
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      io.stderr(`error: no such file: ${(error as NodeJS.ErrnoException).path}\n`);
      return 1;
    }
    throw error;
  }
}

/**
 * The process's streams as a {@link CliIo}: progress is drawn only when stderr is a terminal (a
 * redirected stderr gets no `\r` frames; `--progress` forces it).
 */
export function processIo(
  stdout: { write(text: string): unknown },
  stderr: { write(text: string): unknown; isTTY?: boolean },
): CliIo {
  return {
    stdout: (t) => void stdout.write(t),
    stderr: (t) => void stderr.write(t),
    progress: stderr.isTTY === true,
  };
}

// Run when executed as a program (not when imported by tests).
const entry = process.argv[1] ?? '';
if (/(?:cli[\\/]main\.(?:ts|js|cjs)|tandem-cx)$/.test(entry)) {
  const io = processIo(process.stdout, process.stderr);
  main(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
