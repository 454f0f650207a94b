import { readFileSync } from 'node:fs';
import { createBusinessCalendar } from '../../calendar/index';
import {
  type ComputeMetricsOptions,
  computeMetrics,
  type InvalidRecord,
  METRIC_DEFINITIONS,
  type MetricName,
  type MetricRow,
  type RecordKind,
} from '../../metrics/index';
import {
  closestColumn,
  KNOWN_COLUMNS,
  kindOfMetric,
  metricsOfKind,
  missingInputs,
  orList,
  RECORD_KINDS,
  REQUIRED_COLUMNS,
  SURVEY_LABEL,
  SURVEY_METRICS,
  type SurveyMetric,
} from '../columns';
import { type CliIo, createProgressBar, csvCell, formatTable, readLines } from '../io';
import { createProblemGroups, type PlaceWord, type ProblemGroups } from '../problems';
import {
  formatOf,
  type InputFormat,
  type Located,
  readCsvHeader,
  readJsonRecords,
  streamRecords,
} from '../records';
import { InputError, UsageError } from '../usage';

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
export const DEFAULT_METRICS: Record<RecordKind, MetricName[]> = {
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

/** Input formats, buckets and output formats the command accepts (listed in usage errors). */
export const INPUT_FORMATS: readonly InputFormat[] = ['csv', 'jsonl', 'json'];
export const BUCKETS = ['day', 'week', 'month'] as const;
export const OUTPUT_FORMATS = ['table', 'csv', 'json'] as const;

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

// ---------------------------------------------------------------- step 1: the command line

interface MetricsPlan {
  file: string;
  format: InputFormat;
  kind: RecordKind;
  metrics: MetricName[];
  /** `--metrics` was given: a metric without input is an error, not a note. */
  explicit: boolean;
  groupBy: string[];
  bucket?: (typeof BUCKETS)[number];
  timeZone?: string;
  businessHours?: string;
  output: (typeof OUTPUT_FORMATS)[number];
  skipInvalid: boolean;
  partial: boolean;
}

const choice = <T extends string>(value: string, allowed: readonly T[], option: string): T => {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${option} "${value}" is not one of ${allowed.join(', ')}`);
};

function metricList(): string {
  return RECORD_KINDS.map((k) => `  ${k}: ${metricsOfKind(k).join(', ')}`).join('\n');
}

/** Checks the options (usage errors, exit 2) and settles the record kind and the metrics. */
export function resolveMetricsOptions(options: MetricsCommandOptions): MetricsPlan {
  const given = options.inputFormat ?? formatOf(options.file);
  if (given === undefined)
    throw new UsageError(
      `cannot tell the format of ${options.file} from its name: use .csv, .jsonl or .json, or --input-format ${INPUT_FORMATS.join('|')}`,
    );
  const format = choice(given, INPUT_FORMATS, '--input-format');
  const output = choice(options.format ?? 'table', OUTPUT_FORMATS, '--format');
  const bucket = options.bucket === undefined ? undefined : choice(options.bucket, BUCKETS, '--bucket');
  const requestedKind =
    options.kind === undefined ? undefined : choice(options.kind as RecordKind, RECORD_KINDS, '--kind');
  let metrics: MetricName[];
  let kind: RecordKind;
  if (options.metrics !== undefined) {
    const names = [...new Set(options.metrics.split(',').map((m) => m.trim()))].filter(Boolean);
    if (names.length === 0)
      throw new UsageError(`--metrics is empty; metrics by record kind:\n${metricList()}`);
    const unknown = names.filter((n) => kindOfMetric(n) === undefined);
    if (unknown.length)
      throw new UsageError(
        `unknown metric${unknown.length > 1 ? 's' : ''} ${unknown.map((u) => `"${u}"`).join(', ')}; metrics by record kind:\n${metricList()}`,
      );
    const kinds = [...new Set(names.map((n) => kindOfMetric(n)!))];
    if (kinds.length > 1)
      throw new UsageError(
        `${names.map((n) => `${n} reads ${kindOfMetric(n)} records`).join(', ')}: one run reads one record kind; compute them in separate runs`,
      );
    kind = kinds[0]!;
    if (requestedKind && requestedKind !== kind) {
      const wrong = names[0]!;
      throw new UsageError(
        `${wrong} reads ${kind} records, not ${requestedKind} records${kind === 'survey' ? ' (one row per answer, with rating and kind columns)' : ''}: drop --kind or use --kind ${kind}; ${requestedKind} metrics are ${metricsOfKind(requestedKind).join(', ')}`,
      );
    }
    metrics = names as MetricName[];
  } else {
    kind = requestedKind ?? 'ticket';
    metrics = DEFAULT_METRICS[kind];
  }
  if (options.timeZone !== undefined) {
    try {
      new Intl.DateTimeFormat('en', { timeZone: options.timeZone });
    } catch {
      throw new UsageError(
        `--time-zone "${options.timeZone}" is not an IANA time zone (e.g. Europe/Warsaw, UTC)`,
      );
    }
  }
  return {
    file: options.file,
    format,
    kind,
    metrics,
    explicit: options.metrics !== undefined,
    groupBy: options.groupBy
      ? options.groupBy
          .split(',')
          .map((g) => g.trim())
          .filter(Boolean)
      : [],
    ...(bucket ? { bucket } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
    ...(options.businessHours ? { businessHours: options.businessHours } : {}),
    output,
    skipInvalid: Boolean(options.skipInvalid),
    partial: Boolean(options.partial),
  };
}

// ---------------------------------------------------------------- step 2: the header (CSV)

interface HeaderFacts {
  /** The file's columns, or undefined when they are not known before reading (JSON, JSONL). */
  columns?: Set<string>;
  /** Metrics left out because the file has no column they read (with the reason). */
  absent: Array<{ metric: MetricName; reason: string }>;
  /**
   * A tickets export with a per-ticket score column (`csat`) asked for that one survey metric:
   * the column is read as the rating (renamed), empty cells being tickets without an answer.
   */
  ratingColumn?: SurveyMetric;
  /** Timestamp column of the buckets when the file has no `respondedAt` (the ticket's `createdAt`). */
  timeField?: string;
}

function hasColumn(columns: Set<string>, field: string): boolean {
  if (columns.has(field)) return true;
  // `meta.region` is in a `meta` JSON column; `meta` is spread over `meta.region`, `meta.tier` …
  for (const column of columns)
    if (field.startsWith(`${column}.`) || column.startsWith(`${field}.`)) return true;
  return false;
}

/**
 * Fails fast, once, when a CSV header lacks a required column (naming the missing and unknown
 * columns and the columns expected), lacks a `--group-by` column, or lacks the `kind` column
 * several survey metrics need; and finds the metrics whose input columns are all absent.
 */
export function checkHeader(plan: MetricsPlan): HeaderFacts {
  if (plan.format !== 'csv') return { absent: [] };
  const read = readCsvHeader(plan.file);
  if (read === undefined) throw new InputError(`${plan.file} is empty: no header and no data rows`);
  if (!read.hasData) throw new InputError(`${plan.file} has only a header, no data rows: nothing to compute`);
  const header = read.cells;
  const columns = new Set(header.filter((c) => c !== ''));
  const known = KNOWN_COLUMNS[plan.kind];
  const onlyMetric = plan.metrics.length === 1 ? plan.metrics[0]! : undefined;
  // `--metrics csat` on a tickets export with a per-ticket `csat` column: read that column as the
  // ratings rather than refuse (or print "csat — 0" as before issue 16).
  const ratingColumn =
    plan.kind === 'survey' &&
    !columns.has('rating') &&
    onlyMetric !== undefined &&
    (SURVEY_METRICS as readonly string[]).includes(onlyMetric) &&
    columns.has(onlyMetric)
      ? (onlyMetric as SurveyMetric)
      : undefined;
  const missing = REQUIRED_COLUMNS[plan.kind].filter(
    (c) => !columns.has(c) && !(ratingColumn && c === 'rating'),
  );
  const problems: string[] = [];
  if (missing.length) {
    problems.push(
      `missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')} (required for ${plan.kind} records, read by ${plan.metrics.join(', ')})`,
    );
    const unknown = header.filter((c) => c !== '' && !known.includes(c));
    if (unknown.length)
      problems.push(
        `columns the ${plan.kind} schema does not know: ${unknown
          .map((c) => {
            const close = closestColumn(c, known);
            return close && !columns.has(close) ? `${c} (did you mean ${close}?)` : c;
          })
          .join(', ')}`,
      );
    if (plan.kind === 'survey' && SURVEY_METRICS.some((m) => columns.has(m)))
      problems.push(
        `the ${SURVEY_METRICS.filter((m) => columns.has(m)).join(', ')} column here is a per-ticket score: --metrics ${SURVEY_METRICS.find((m) => columns.has(m))} alone reads it as the ratings; several survey metrics need one row per answer with a rating and a kind (csat|nps|ces) column`,
      );
    problems.push(
      `expected columns for ${plan.kind} records: ${REQUIRED_COLUMNS[plan.kind].join(', ')} (required); ${known.filter((c) => !REQUIRED_COLUMNS[plan.kind].includes(c)).join(', ')} (optional); any other column can be used with --group-by`,
    );
  }
  const noGroup = plan.groupBy.filter((g) => !hasColumn(columns, g));
  if (noGroup.length)
    problems.push(`--group-by ${noGroup.join(', ')}: no such column (columns: ${header.join(', ')})`);
  const surveyMetrics = plan.metrics.filter((m) => (SURVEY_METRICS as readonly string[]).includes(m));
  if (plan.kind === 'survey' && !columns.has('kind') && surveyMetrics.length > 1 && !missing.length)
    problems.push(
      `no kind column, so ${orList(surveyMetrics)} answers cannot be told apart (a 10 is a top NPS score but off the CSAT scale): add a kind column (csat|nps|ces) or compute one metric with --metrics ${surveyMetrics[0]}`,
    );
  if (problems.length)
    throw new InputError(
      `${plan.file}: the header does not fit (${plan.kind} records)\n  ${problems.join('\n  ')}`,
    );

  const absent: HeaderFacts['absent'] = [];
  for (const metric of plan.metrics) {
    const gaps = missingInputs(metric, (c) => columns.has(c));
    if (gaps.length)
      absent.push({
        metric,
        reason: `no input for ${metric} in ${plan.file}: it needs ${gaps.map((g) => `a ${orList(g)} column`).join(' and ')}`,
      });
  }
  const timeField =
    ratingColumn && plan.bucket && !columns.has('respondedAt') && columns.has('createdAt')
      ? 'createdAt'
      : undefined;
  return {
    columns,
    absent,
    ...(ratingColumn ? { ratingColumn } : {}),
    ...(timeField ? { timeField } : {}),
  };
}

// ---------------------------------------------------------------- step 3: passes over the file

/** One pass of computeMetrics: its metrics and which rows it reads. */
interface Pass {
  metrics: MetricName[];
  /** Survey passes read only the rows of their own kind (undefined: every row). */
  surveyKind?: SurveyMetric;
}

function planPasses(plan: MetricsPlan, metrics: MetricName[]): Pass[] {
  if (plan.kind !== 'survey') return [{ metrics }];
  return metrics.map((m) => ({ metrics: [m], surveyKind: m as SurveyMetric }));
}

/** A growable list of places (line numbers), to name the rows computeMetrics rejects. */
function createPlaceLog() {
  let places = new Int32Array(1024);
  let length = 0;
  return {
    push(place: number) {
      if (length === places.length) {
        const grown = new Int32Array(places.length * 2);
        grown.set(places);
        places = grown;
      }
      places[length++] = place;
    },
    at: (row: number) => (row < length ? places[row] : undefined),
    reset() {
      length = 0;
    },
  };
}

interface PassOutcome {
  rows: MetricRow[];
  /** Rows read by this pass (valid for the parser and of its kind). */
  read: number;
}

interface ComputeOutcome {
  passes: PassOutcome[];
  problems: ProblemGroups;
  /** Data rows in the file, valid or not. */
  dataRows: number;
  /** Survey rows by kind, and rows without a kind. */
  kinds: Map<string, number>;
}

function computePasses(plan: MetricsPlan, header: HeaderFacts, passes: Pass[], io: CliIo): ComputeOutcome {
  const calendar = plan.businessHours
    ? createBusinessCalendar(JSON.parse(readFileSync(plan.businessHours, 'utf8')))
    : undefined;
  const problems = createProblemGroups();
  const kinds = new Map<string, number>();
  const severalSurveyKinds = passes.filter((p) => p.surveyKind).length > 1;
  let dataRows = 0;
  const bar = createProgressBar(io, 'reading');
  const log = createPlaceLog();
  const outcomes: PassOutcome[] = [];
  let json: Located[] | undefined;

  passes.forEach((pass, index) => {
    const first = index === 0;
    // Parser problems are the same in every pass: reported by the first.
    const onInvalid = (place: number | undefined, rowProblems: readonly InvalidRecord[]) => {
      if (!first) return;
      dataRows++;
      problems.countRow();
      for (const p of rowProblems) problems.add(place, p.field, p.message);
    };
    if (plan.format === 'json' && json === undefined) json = readJsonRecords(plan.file, plan.kind, onInvalid);
    const source: Iterable<Located> =
      json !== undefined
        ? json
        : streamRecords(
            readLines(plan.file, (done, total) => bar.update(done + index * total, passes.length * total)),
            plan.format === 'json' ? 'jsonl' : plan.format, // (json is read whole above)
            plan.kind,
            onInvalid,
            header.ratingColumn ? { [header.ratingColumn]: 'rating' } : undefined,
          );
    log.reset();
    let read = 0;
    function* records(): Generator<unknown> {
      for (const { record, place } of source) {
        if (first) dataRows++;
        if (pass.surveyKind) {
          const kind = (record as { kind?: unknown }).kind;
          if (first) kinds.set(String(kind ?? ''), (kinds.get(String(kind ?? '')) ?? 0) + 1);
          if (kind === undefined && severalSurveyKinds) {
            if (first) {
              problems.countRow();
              problems.add(
                place,
                'kind',
                `kind is missing; with several survey metrics each answer needs its kind (csat|nps|ces)`,
              );
            }
            continue;
          }
          if (kind !== undefined && kind !== pass.surveyKind) continue;
        }
        log.push(place);
        read++;
        yield record;
      }
    }
    const options: ComputeMetricsOptions = {
      metrics: pass.metrics,
      ...(plan.groupBy.length ? { groupBy: plan.groupBy } : {}),
      ...(plan.bucket ? { bucket: plan.bucket } : {}),
      ...(plan.timeZone ? { timeZone: plan.timeZone } : {}),
      ...(header.timeField ? { timeField: header.timeField } : {}),
      ...(calendar ? { calendar } : {}),
      onInvalid: 'skip',
    };
    const result = computeMetrics(records(), options);
    // Records the parser accepted but a metric rejected (a rating off its scale): named by line.
    let lastRow: number | undefined;
    for (const p of result.invalid) {
      if (p.row !== lastRow) problems.countRow();
      lastRow = p.row;
      problems.add(log.at(p.row), p.field, p.message);
    }
    const listedRows = new Set(result.invalid.map((p) => p.row)).size;
    for (let i = listedRows; i < result.skipped; i++) problems.countRow();
    if (result.skipped > listedRows)
      problems.add(
        undefined,
        '',
        `${result.skipped - listedRows} more row(s) rejected by the ${pass.metrics.join(', ')} checks`,
      );
    outcomes.push({ rows: result.rows, read });
  });
  bar.done();
  return { passes: outcomes, problems, dataRows, kinds };
}

// ---------------------------------------------------------------- step 4: report

function groupKey(row: MetricRow, fields: readonly string[]): Array<unknown> {
  return [row.bucket, ...fields.map((f) => row[f])];
}

function compareKeys(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (x === null || x === undefined) return 1;
    if (y === null || y === undefined) return -1;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  }
  return 0;
}

function absentReason(plan: MetricsPlan, metric: MetricName, outcome: ComputeOutcome): string {
  if ((SURVEY_METRICS as readonly string[]).includes(metric)) {
    const label = SURVEY_LABEL[metric as SurveyMetric];
    const rows = outcome.kinds.get(metric) ?? 0;
    return rows > 0
      ? `no ${label} answers in ${plan.file}: its ${rows} ${metric} row(s) skipped the question (empty rating)`
      : `no ${label} answers in ${plan.file} (no row has kind ${metric}; kinds found: ${
          [...outcome.kinds.keys()].map((k) => k || '(none)').join(', ') || 'none'
        })`;
  }
  const needs = missingInputs(metric, () => false)
    .map((g) => orList(g))
    .join(' and ');
  return `no input for ${metric} in ${plan.file}: no valid row has ${needs ? `the ${needs} it reads` : 'what it reads'}`;
}

/**
 * `tandem-cx metrics <file>`: streams a CSV / JSONL / JSON export through `computeMetrics` and
 * prints tidy rows. A pipeline of steps: the command line (usage errors exit 2, listing the valid
 * choices) → the CSV header (fails fast, once, on missing columns) → one pass per record kind
 * read (survey metrics each read only their own `kind`) → the report. Bad rows are grouped by
 * field and problem with example lines; by default they fail the run (exit 1) and no numbers are
 * printed unless `--partial` asks for the numbers of the valid rows; `--skip-invalid` computes
 * over the valid rows and only warns. A metric with no input in the file is refused, never
 * printed as a number.
 *
 * @returns the process exit code.
 */
export function runMetricsCommand(options: MetricsCommandOptions, io: CliIo): number {
  const plan = resolveMetricsOptions(options);
  const header = checkHeader(plan);
  const word: PlaceWord = plan.format === 'json' ? 'record' : 'line';
  const refused: string[] = [];
  const notes: string[] = [];
  const refuse = (reason: string) => (plan.explicit ? refused : notes).push(reason);
  for (const a of header.absent) refuse(a.reason);
  const metrics = plan.metrics.filter((m) => !header.absent.some((a) => a.metric === m));
  if (metrics.length === 0) {
    io.stderr(`error: ${[...refused, ...notes].join('\nerror: ')}\n`);
    return 1;
  }

  if (header.ratingColumn)
    io.stderr(
      `note: reading the ${header.ratingColumn} column of ${plan.file} as ${SURVEY_LABEL[header.ratingColumn]} ratings, one per row (an empty cell is a row without an answer)${header.timeField ? `; buckets by ${header.timeField}` : ''}\n`,
    );
  const outcome = computePasses(plan, header, planPasses(plan, metrics), io);
  if (outcome.dataRows === 0)
    throw new InputError(
      `${plan.file} has no data rows${plan.format === 'csv' ? ' (only a header)' : ''}: nothing to compute`,
    );

  // A metric no row fed (n = 0 everywhere) is refused: "no NPS answers", not "nps —". When every
  // row is invalid, the invalid rows are the whole story: no refusal is added to them.
  const rows: MetricRow[] = [];
  const allInvalid = outcome.problems.rows >= outcome.dataRows;
  outcome.passes.forEach((pass, index) => {
    const passMetrics = planPasses(plan, metrics)[index]!.metrics;
    for (const metric of passMetrics) {
      const own = pass.rows.filter((r) => r.metric === metric);
      if (!own.every((r) => r.n === 0)) rows.push(...own);
      else if (!allInvalid) refuse(absentReason(plan, metric, outcome));
    }
  });
  const order = new Map(metrics.map((m, i) => [m, i]));
  rows.sort(
    (a, b) =>
      compareKeys(groupKey(a, plan.groupBy), groupKey(b, plan.groupBy)) ||
      order.get(a.metric as MetricName)! - order.get(b.metric as MetricName)!,
  );

  const problems = outcome.problems;
  if (problems.rows > 0) {
    io.stderr(
      `${plan.skipInvalid ? 'warning' : 'error'}: ${problems.rows.toLocaleString('en-US')} invalid row(s) in ${plan.file}\n${problems.render(word).join('\n')}\n`,
    );
  }
  for (const reason of refused) io.stderr(`error: ${reason}\n`);
  for (const note of notes) io.stderr(`note: ${note}; left out\n`);
  const failed = (problems.rows > 0 && !plan.skipInvalid) || refused.length > 0;
  if (failed && !plan.partial) return 1;
  if (failed) io.stderr('warning: partial results below leave the invalid rows and refused metrics out\n');
  if (rows.length === 0) {
    if (!failed) io.stderr(`error: no metric could be computed from ${plan.file}\n`);
    return 1;
  }
  io.stdout(`${renderRows(rows, plan.output)}\n`);
  return failed ? 1 : 0;
}
