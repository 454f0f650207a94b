import { z } from 'zod';
import { parseWithSchema, TandemError } from '../model/errors';
import type { MetricName } from './computeMetrics';

/** SQL dialects {@link toSql} writes. */
export const SqlDialectSchema = z.enum(['duckdb', 'postgres']);
/** A SQL dialect. */
export type SqlDialect = z.infer<typeof SqlDialectSchema>;

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
const Identifier = z.string().regex(IDENTIFIER, 'must be a plain SQL identifier (letters, digits, _)');
const QualifiedName = z
  .string()
  .regex(
    /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/,
    'must be a table name, optionally schema-qualified',
  );

/** Options of {@link toSql}. */
export const ToSqlOptionsSchema = z.strictObject({
  dialect: SqlDialectSchema,
  /** Table holding the records (default `tickets`, `survey_responses` or `contacts` by metric kind). */
  table: QualifiedName.optional(),
  /** Columns to group by (flat columns of the table). */
  groupBy: z.array(Identifier).default([]),
  /** CSAT: the satisfied ratings (default 4 and 5). */
  satisfied: z.array(z.number().int()).min(1).default([4, 5]),
  /** First response time: only human replies (`firstHumanResponseAt`). Default false. */
  humanOnly: z.boolean().default(false),
  /** Resolution time: `full` (default, created → last resolved) or `first`. */
  which: z.enum(['first', 'full']).default('full'),
  /** Transfer rate: count a bot → human handoff as a transfer. Default false. */
  includeHandoffs: z.boolean().default(false),
});
/** Options of {@link toSql}. */
export type ToSqlOptions = z.input<typeof ToSqlOptionsSchema>;
type Options = z.output<typeof ToSqlOptionsSchema>;

const q = (column: string) => `"${column}"`;

function millisBetween(dialect: SqlDialect, start: string, end: string): string {
  return dialect === 'duckdb'
    ? `(epoch_ms(${q(end)}) - epoch_ms(${q(start)}))`
    : `(EXTRACT(EPOCH FROM (${q(end)} - ${q(start)})) * 1000)`;
}

// Same derivations as the metrics engine reads flat ticket records (see TicketRecordSchema):
// the bot took part if botInvolved, else botOnly, else a handoff happened; a human took part if
// humanInvolved, else not botOnly, else a handoff or a human reply happened.
const BOT_INVOLVED = `COALESCE("botInvolved", "botOnly", FALSE) OR COALESCE("handedOff", FALSE)`;
const HUMAN_INVOLVED = `COALESCE("humanInvolved", NOT "botOnly", COALESCE("handedOff", FALSE) OR "firstHumanResponseAt" IS NOT NULL)`;
const BOT_CONVERSATION = `(CASE WHEN "botInvolved" IS NOT NULL THEN "botInvolved" ELSE (${BOT_INVOLVED}) END)`;

/** A proportion: successes among the rows where `denominator` holds. */
function proportion(success: string, denominator = 'TRUE'): { value: string; n: string } {
  const n = `COUNT(*) FILTER (WHERE ${denominator})`;
  return {
    value: `CASE WHEN ${n} = 0 THEN NULL ELSE CAST(COUNT(*) FILTER (WHERE (${denominator}) AND (${success})) AS DOUBLE PRECISION) / ${n} END`,
    n,
  };
}

/** A mean of an expression over the rows where it is not null. */
function mean(expression: string): { value: string; n: string } {
  return { value: `AVG(CAST(${expression} AS DOUBLE PRECISION))`, n: `COUNT(${expression})` };
}

interface SqlMetric {
  kind: 'ticket' | 'survey' | 'contact';
  build: (o: Options) => { value: string; n: string };
}

const SQL_METRICS: Partial<Record<MetricName, SqlMetric>> = {
  csat: {
    kind: 'survey',
    build: (o) => proportion(`"rating" IN (${o.satisfied.join(', ')})`, `"rating" IS NOT NULL`),
  },
  nps: {
    kind: 'survey',
    // Bain & Company: % promoters (9–10) − % detractors (0–6), on −100..100.
    build: () => {
      const n = `COUNT("rating")`;
      return {
        value: `CASE WHEN ${n} = 0 THEN NULL ELSE 100.0 * (COUNT(*) FILTER (WHERE "rating" >= 9) - COUNT(*) FILTER (WHERE "rating" <= 6)) / ${n} END`,
        n,
      };
    },
  },
  ces: { kind: 'survey', build: () => mean(`"rating"`) },
  reopenRate: {
    kind: 'ticket',
    build: () =>
      proportion(`COALESCE("reopens", 0) > 0`, `COALESCE("firstResolvedAt", "resolvedAt") IS NOT NULL`),
  },
  transferRate: {
    kind: 'ticket',
    build: (o) =>
      proportion(
        o.includeHandoffs
          ? `COALESCE("transfers", 0) > 0 OR COALESCE("handedOff", FALSE)`
          : `COALESCE("transfers", 0) > 0`,
      ),
  },
  handoffRate: { kind: 'ticket', build: () => proportion(`COALESCE("handedOff", FALSE)`, BOT_CONVERSATION) },
  containmentRate: { kind: 'ticket', build: () => proportion(`NOT (${HUMAN_INVOLVED})`, BOT_CONVERSATION) },
  firstResponseTime: {
    kind: 'ticket',
    build: (o) =>
      mean(millisBetween(o.dialect, 'createdAt', o.humanOnly ? 'firstHumanResponseAt' : 'firstResponseAt')),
  },
  resolutionTime: {
    kind: 'ticket',
    build: (o) =>
      mean(millisBetween(o.dialect, 'createdAt', o.which === 'first' ? 'firstResolvedAt' : 'resolvedAt')),
  },
  aht: {
    kind: 'contact',
    // ICMI: handle time = talk + hold + after-call work, over handled (answered) contacts.
    build: () =>
      mean(
        `CASE WHEN "answeredAt" IS NOT NULL OR "talkTime" IS NOT NULL THEN COALESCE("talkTime", 0) + COALESCE("holdTime", 0) + COALESCE("wrapTime", 0) END`,
      ),
  },
  asa: { kind: 'contact', build: (o) => mean(millisBetween(o.dialect, 'offeredAt', 'answeredAt')) },
};

const DEFAULT_TABLE = { ticket: 'tickets', survey: 'survey_responses', contact: 'contacts' } as const;

/** The metrics {@link toSql} can emit. */
export const SQL_METRIC_NAMES: readonly MetricName[] = Object.freeze(
  Object.keys(SQL_METRICS) as MetricName[],
);

/**
 * Emits a metric's definition as one SQL query, so a warehouse (DuckDB, Postgres, and engines
 * that speak their dialect) computes it at any scale with the same numbers as the JavaScript
 * calculator. The query reads *flat* records — one row per ticket, survey response or contact,
 * with the columns of the record schemas (`"createdAt"`, `"firstResponseAt"`, `"resolvedAt"`,
 * `"reopens"`, `"transfers"`, `"handedOff"`, `"botInvolved"`, `"humanInvolved"`, `"botOnly"`,
 * `"rating"`, `"talkTime"`, …; timestamps as `timestamptz`, durations in ms) — and returns
 * `(group columns…, metric, value, n)` like `computeMetrics` rows. Calendar-time means only:
 * business-time and percentile variants stay in JavaScript.
 *
 * Equality with the JavaScript calculators is tested by running every query in DuckDB on the
 * bundled sample.
 *
 * @param metric - one of {@link SQL_METRIC_NAMES}.
 * @param options - dialect, table, groupBy and the metric's options.
 * @throws {@link TandemError} `INVALID_CONFIG` for a metric that has no SQL form or bad options.
 *
 * @example
 * ```ts
 * import { toSql } from 'tandem-cx/metrics';
 * const sql = toSql('reopenRate', { dialect: 'duckdb', groupBy: ['queue'] });
 * sql.startsWith('SELECT "queue", \'reopenRate\' AS metric'); // => true
 * sql.includes('GROUP BY "queue"'); // => true
 * ```
 */
export function toSql(metric: MetricName, options: ToSqlOptions): string {
  const o = parseWithSchema(ToSqlOptionsSchema, options, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'toSql options',
  });
  const definition = SQL_METRICS[metric];
  if (!definition) {
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: 'metrics',
      path: 'metric',
      message: `"${metric}" has no SQL form; toSql supports ${SQL_METRIC_NAMES.join(', ')}`,
    });
  }
  const { value, n } = definition.build(o);
  const groups = o.groupBy.map(q);
  const select = [...groups, `'${metric}' AS metric`, `${value} AS value`, `${n} AS n`].join(', ');
  const table = (o.table ?? DEFAULT_TABLE[definition.kind]).split('.').map(q).join('.');
  const grouping = groups.length ? ` GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : '';
  return `SELECT ${select} FROM ${table}${grouping}`;
}
