import { readFileSync } from 'node:fs';
import { createBusinessCalendar } from '../../calendar/index';
import {
  type ComputeMetricsOptions,
  computeMetrics,
  type InvalidRecord,
  METRIC_DEFINITIONS,
  type MetricRow,
  type RecordKind,
} from '../../metrics/index';

import { type CliIo, createProgressBar, csvCell, formatTable, readLines } from '../io';
import { formatOf, readJsonRecords, streamRecords } from '../records';
import { UsageError } from '../usage';

/** Options of `tandem-cx metrics`. */
export interface MetricsCommandOptions {
  file: string;
  kind?: string;
  metrics?: string;
  groupBy?: string;
  bucket?: string;
  timeZone?: string;
  businessHours?: string;
  format?: string;
  inputFormat?: string;
  skipInvalid?: boolean;
  partial?: boolean;
}

/** Metrics computed when `--metrics` is not given, per record kind. */
export const DEFAULT_METRICS: Record<RecordKind, string[]> = {
  ticket: [
    'firstResponseTime',
    'resolutionTime',
    'reopenRate',
    'transferRate',
    'handoffRate',
    'containmentRate',
  ],
  survey: ['csat', 'nps', 'ces'],
  contact: ['aht', 'asa', 'serviceLevel', 'abandonmentRate'],
};

const MAX_LISTED = 200;

function formatValue(row: MetricRow): string {
  if (row.value === null) return '—';
  const unit = METRIC_DEFINITIONS.find((m) => m.name === row.metric)?.unit;
  if (unit === 'ms') return formatDuration(row.value);
  if (unit === 'fraction') return `${(row.value * 100).toFixed(1)} %`;
  return Number.isInteger(row.value) ? String(row.value) : row.value.toFixed(3);
}

function formatDuration(ms: number): string {
  const minutes = ms / 60_000;
  if (minutes < 1) return `${(ms / 1000).toFixed(1)} s`;
  if (minutes < 120) return `${minutes.toFixed(1)} min`;
  return `${(minutes / 60).toFixed(1)} h`;
}

/** Prints the rows as a table, CSV or JSON. */
export function renderRows(rows: readonly MetricRow[], format: string): string {
  if (format === 'json') return JSON.stringify(rows, null, 2);
  const fields = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter(
    (k) => !['metric', 'value', 'n'].includes(k),
  );
  const headers = [...fields, 'metric', 'value', 'n'];
  if (format === 'csv')
    return [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h])).join(','))].join('\n');
  return formatTable(
    headers,
    rows.map((r) => [...fields.map((f) => String(r[f] ?? '')), r.metric, formatValue(r), String(r.n)]),
  );
}

/**
 * `tandem-cx metrics <file>`: streams a CSV / JSONL / JSON export through `computeMetrics` and
 * prints tidy rows. Bad rows are listed with line and field; by default they fail the run (exit
 * 1) and no numbers are printed unless `--partial` asks for the numbers of the valid rows;
 * `--skip-invalid` computes over the valid rows and only warns.
 *
 * @returns the process exit code.
 */
export function runMetricsCommand(options: MetricsCommandOptions, io: CliIo): number {
  const format = options.inputFormat ?? formatOf(options.file);
  if (format !== 'csv' && format !== 'jsonl' && format !== 'json')
    throw new UsageError(
      `cannot tell the format of ${options.file}: use .csv, .jsonl or .json, or --input-format`,
    );
  const kind = (options.kind ?? 'ticket') as RecordKind;
  if (!['ticket', 'survey', 'contact'].includes(kind))
    throw new UsageError(`--kind must be ticket, survey or contact`);
  const output = options.format ?? 'table';
  if (!['table', 'csv', 'json'].includes(output)) throw new UsageError('--format must be table, csv or json');
  const metrics = options.metrics ? options.metrics.split(',').map((m) => m.trim()) : DEFAULT_METRICS[kind];
  const calendar = options.businessHours
    ? createBusinessCalendar(JSON.parse(readFileSync(options.businessHours, 'utf8')))
    : undefined;

  // Problems are listed (up to MAX_LISTED); rows are counted once however many fields are bad.
  // A row's problems arrive together, so a change of line (or row) starts a new row.
  const invalid: InvalidRecord[] = [];
  let problems = 0;
  let invalidRows = 0;
  let lastKey: number | undefined;
  const onInvalid = (problem: InvalidRecord) => {
    problems++;
    const key = problem.line ?? problem.row;
    if (key !== lastKey) invalidRows++;
    lastKey = key;
    if (invalid.length < MAX_LISTED) invalid.push(problem);
  };
  const bar = createProgressBar(io, 'reading');
  const records =
    format === 'json'
      ? readJsonRecords(options.file, kind, onInvalid)
      : streamRecords(
          readLines(options.file, (done, total) => bar.update(done, total)),
          format,
          kind,
          onInvalid,
        );
  const computeOptions: ComputeMetricsOptions = {
    metrics: metrics as ComputeMetricsOptions['metrics'],
    ...(options.groupBy ? { groupBy: options.groupBy.split(',').map((g) => g.trim()) } : {}),
    ...(options.bucket ? { bucket: options.bucket as 'day' | 'week' | 'month' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(calendar ? { calendar } : {}),
    onInvalid: 'skip',
  };
  const result = computeMetrics(records, computeOptions);
  bar.done();
  // Records the parser accepted but a calculator rejected (rare): counted by the engine, with
  // its first problems (their `row` counts valid records, so they are listed without a line).
  invalidRows += result.skipped;
  problems += result.invalid.length;
  for (const problem of result.invalid) if (invalid.length < MAX_LISTED) invalid.push(problem);

  if (invalidRows > 0) {
    const lines = invalid.map(
      (p) =>
        `  ${p.line !== undefined ? `line ${p.line}` : `row ${p.row + 1}`}${p.field ? `, ${p.field}` : ''}: ${p.message}`,
    );
    if (problems > invalid.length) lines.push(`  … and ${problems - invalid.length} more`);
    io.stderr(
      `${options.skipInvalid ? 'warning' : 'error'}: ${invalidRows} invalid row(s) in ${options.file}\n${lines.join('\n')}\n`,
    );
    if (!options.skipInvalid && !options.partial) return 1;
    if (options.partial && !options.skipInvalid)
      io.stderr('warning: partial results below leave the invalid rows out\n');
  }
  io.stdout(`${renderRows(result.rows, output)}\n`);
  return invalidRows > 0 && !options.skipInvalid ? 1 : 0;
}
