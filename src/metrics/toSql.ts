import { z } from 'zod';
import { ownEntry } from '../_internal/ownProperties';
import type { BusinessCalendar } from '../calendar/types';
import { DurationSchema } from '../model/duration';
import { parseWithSchema, TandemError } from '../model/errors';
import { InstantSchema } from '../model/schemas';
import type { MetricName } from './computeMetrics';
import { CalendarOptionSchema, TimeStatisticSchema } from './schemas';

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

/**
 * Most open intervals a query may carry: 100,000 is about 190 years of one interval per weekday
 * (a longer `from`–`to` range is almost certainly a mistake, and makes a huge statement).
 */
const MAX_INTERVALS = 100_000;

/** Options of {@link toSql}. */
export const ToSqlOptionsSchema = z
  .strictObject({
    dialect: SqlDialectSchema,
    /** Table holding the records (default `tickets`, `survey_responses` or `contacts` by metric kind). */
    table: QualifiedName.optional(),
    /**
     * Next response time: the table of messages, one row per message with `"conversationId"` (the
     * ticket's `"id"`), `"author"`, `"at"` and `"public"` (NULL = public). Default `messages`.
     */
    messagesTable: QualifiedName.optional(),
    /** Columns to group by (flat columns of the table). */
    groupBy: z.array(Identifier).default([]),
    /**
     * Column names when the table's differ from the record fields, e.g. `{ createdAt: 'created_at' }`.
     * Plain identifiers only (they are quoted into the SQL).
     */
    columns: z.record(z.string(), Identifier).default({}),
    /** Time metrics (`firstResponseTime`, `nextResponseTime`, `resolutionTime`, `aht`, `asa`): `mean` (default), `p50`, `p90`. */
    statistic: TimeStatisticSchema,
    /**
     * Business calendar for `firstResponseTime` / `nextResponseTime` / `resolutionTime`: its open intervals between
     * `from` and `to` are rendered into the query and business time is their overlap with each
     * record's span. Requires `from` and `to`.
     */
    calendar: CalendarOptionSchema.optional(),
    /** Start of the rendered calendar (at or before the earliest record). */
    from: InstantSchema.optional(),
    /** End of the rendered calendar (at or after the latest end time). */
    to: InstantSchema.optional(),
    /** CSAT: the satisfied ratings (default 4 and 5). */
    satisfied: z.array(z.number().int()).min(1).default([4, 5]),
    /** First response time: only human replies (`firstHumanResponseAt`). Default false. */
    humanOnly: z.boolean().default(false),
    /** Resolution time: `full` (default, created → last resolved) or `first`. */
    which: z.enum(['first', 'full']).default('full'),
    /** Transfer rate: count a bot → human handoff as a transfer. Default false. */
    includeHandoffs: z.boolean().default(false),
    /** Service level: answer-time threshold (default 20 s). */
    threshold: DurationSchema.default(20_000),
    /** Service level: treatment of abandoned contacts (as the calculator). Default `missed`. */
    abandons: z.enum(['missed', 'exclude', 'excludeShort', 'met']).default('missed'),
    /** Service level, abandonment rate: abandons quicker than this are left out. Default 0. */
    shortAbandon: DurationSchema.default(0),
    /** Routing accuracy: only a transfer within this time after creation is a misroute. Default: any time. */
    within: DurationSchema.optional(),
    /** FCR (default 7 d) and automated resolution (default 72 h): the repeat-contact window. */
    repeatWindow: DurationSchema.optional(),
    /** FCR: `all` (default) or `resolved`; automated resolution: `all` (default) or `bot`. */
    denominator: z.enum(['all', 'resolved', 'bot']).optional(),
    /** FCR: a transferred or handed-off contact is not resolved first time. Default true. */
    transfersBreakFcr: z.boolean().default(true),
  })
  .superRefine((o, ctx) => {
    if (o.calendar !== undefined) {
      if (o.from === undefined)
        ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required with a calendar' });
      if (o.to === undefined)
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'is required with a calendar' });
      if (o.from !== undefined && o.to !== undefined && o.to.getTime() <= o.from.getTime())
        ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be after from' });
    } else if (o.from !== undefined || o.to !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: [o.from !== undefined ? 'from' : 'to'],
        message: 'bounds the calendar, and no calendar was given',
      });
  });
/** Options of {@link toSql}. */
export type ToSqlOptions = z.input<typeof ToSqlOptionsSchema>;
type Options = z.output<typeof ToSqlOptionsSchema>;

/** What a metric's SQL is built from. */
interface Context {
  o: Options;
  /** A record field as a column of the table aliased `"r"` (renamed through `columns`). */
  c: (field: string) => string;
  /** A record field's column name, quoted, unqualified. */
  name: (field: string) => string;
  /** Epoch milliseconds of a timestamp column, as a number. */
  ms: (field: string) => string;
  /** The table, quoted. */
  table: string;
  /** The group columns, quoted. */
  groups: string[];
  /** The messages table, quoted (next response time). */
  messagesTable: string;
}

/** A metric as SQL: a per-row derived table (optional) and the aggregate expressions over it. */
interface SqlParts {
  value: string;
  n: string;
  /** Columns computed per row before aggregating (name → expression over the table `r`). */
  derived?: Record<string, string>;
  /** Common table expressions placed first (e.g. the calendar's open intervals). */
  with?: string[];
  /** The whole per-row query (group columns + derived columns), when `derived` over the table is not enough. */
  rows?: string;
}

interface SqlMetric {
  kind: 'ticket' | 'survey' | 'contact';
  /** Takes `statistic` (the time metrics). */
  timed?: boolean;
  /** Takes `calendar` (business time). */
  calendar?: boolean;
  build: (x: Context) => SqlParts;
}

/** A proportion: successes among the rows where `denominator` holds. */
function proportion(success: string, denominator = 'TRUE'): SqlParts {
  const n = `COUNT(*) FILTER (WHERE ${denominator})`;
  return {
    value: `CASE WHEN ${n} = 0 THEN NULL ELSE CAST(COUNT(*) FILTER (WHERE (${denominator}) AND (${success})) AS DOUBLE PRECISION) / ${n} END`,
    n,
  };
}

/**
 * The chosen statistic of a per-row duration (ms; NULL = not measurable). Percentiles are linear
 * interpolation between closest ranks (Hyndman & Fan type 7) in both engines — DuckDB
 * `quantile_cont`, PostgreSQL `percentile_cont` — the definition of `percentile()`.
 */
function statistic(x: Context, duration: string): SqlParts {
  const column = '"_duration"';
  const q = x.o.statistic === 'p50' ? 0.5 : 0.9;
  const value =
    x.o.statistic === 'mean'
      ? `AVG(${column})`
      : x.o.dialect === 'duckdb'
        ? `quantile_cont(${column}, ${q})`
        : `percentile_cont(${q}) WITHIN GROUP (ORDER BY ${column})`;
  return { value, n: `COUNT(${column})`, derived: { _duration: `CAST(${duration} AS DOUBLE PRECISION)` } };
}

/**
 * The calendar's open intervals between `from` and `to` as a CTE of epoch-ms pairs. Holidays,
 * breaks and DST are already applied by `calendar.openIntervals` in JavaScript.
 */
function openIntervalsCte(calendar: BusinessCalendar, from: Date, to: Date): string {
  const intervals = calendar.openIntervals(from, to);
  if (intervals.length === 0)
    throw new TandemError({
      code: 'INVALID_CONFIG',
      module: 'metrics',
      path: 'calendar',
      message: `the calendar has no open hours between ${from.toISOString()} and ${to.toISOString()}: business time would be 0 for every record`,
    });
  if (intervals.length > MAX_INTERVALS)
    throw new TandemError({
      code: 'LIMIT_EXCEEDED',
      module: 'metrics',
      path: 'to',
      message: `${intervals.length} open intervals between from and to (at most ${MAX_INTERVALS}); narrow the range`,
    });
  const rows = intervals.map((i) => `(${i.start.getTime()}, ${i.end.getTime()})`).join(', ');
  return `"_open_intervals"("s", "e") AS (VALUES ${rows})`;
}

/** Elapsed ms from `start` to `end` of each record: calendar time, or business time with the calendar. */
function elapsed(x: Context, start: string, end: string): SqlParts {
  const s = x.ms(start);
  const e = x.ms(end);
  if (x.o.calendar === undefined)
    return statistic(x, `CASE WHEN ${x.c(end)} IS NOT NULL THEN ${e} - ${s} END`);
  const spans = `SELECT ${[...x.groups.map((g) => `"r".${g}`), `${s} AS "_s"`, `CASE WHEN ${x.c(end)} IS NOT NULL THEN ${e} END AS "_e"`].join(', ')} FROM ${x.table} AS "r"`;
  return spanDurations(x, spans);
}

/**
 * The statistic of durations over spans: `spans` is a query giving the group columns and `"_s"`,
 * `"_e"` in epoch ms (`"_e"` NULL = not measurable). Calendar time is `_e − _s`; business time is
 * the sum of the span's overlaps with the calendar's open intervals rendered into the query.
 */
function spanDurations(x: Context, spans: string): SqlParts {
  const groups = x.groups.map((g) => `"p".${g}`);
  const rowsOf = (duration: string, joins = '') =>
    `SELECT ${[...groups, `CAST(${duration} AS DOUBLE PRECISION) AS "_duration"`].join(', ')} FROM (${spans}) AS "p"${joins}`;
  const parts = statistic(x, '"_duration"');
  delete parts.derived;
  if (x.o.calendar === undefined) return { ...parts, rows: rowsOf('"p"."_e" - "p"."_s"') };
  const intervals = openIntervalsCte(x.o.calendar, x.o.from!, x.o.to!);
  if (x.o.dialect === 'postgres') {
    // Business time = the sum of the span's overlaps with the open intervals (no per-row JavaScript).
    const overlap = `(SELECT COALESCE(SUM(LEAST("i"."e", "p"."_e") - GREATEST("i"."s", "p"."_s")), 0) FROM "_open_intervals" AS "i" WHERE "i"."s" < "p"."_e" AND "i"."e" > "p"."_s")`;
    return {
      ...parts,
      with: [intervals],
      rows: rowsOf(`CASE WHEN "p"."_e" IS NOT NULL THEN ${overlap} END`),
    };
  }
  // DuckDB: the same sum of overlaps, as a difference of running totals. With `before` = open time
  // before an interval starts, the open time up to instant t is before + clamp(t − s, 0, e − s) of
  // the last interval starting at or before t (an ASOF join: one sort-merge, not a scan per row),
  // and the span's business time is open(end) − open(start) = Σ overlaps.
  const upTo = (alias: string, t: string) =>
    `COALESCE("${alias}"."before" + LEAST(GREATEST(${t} - "${alias}"."s", 0), "${alias}"."e" - "${alias}"."s"), 0)`;
  return {
    ...parts,
    with: [
      intervals,
      `"_open_before" AS (SELECT "s", "e", SUM("e" - "s") OVER (ORDER BY "s") - ("e" - "s") AS "before" FROM "_open_intervals")`,
    ],
    rows: rowsOf(
      `CASE WHEN "p"."_e" IS NOT NULL THEN ${upTo('b', '"p"."_e"')} - ${upTo('a', '"p"."_s"')} END`,
      ` ASOF LEFT JOIN "_open_before" AS "a" ON "p"."_s" >= "a"."s" ASOF LEFT JOIN "_open_before" AS "b" ON "p"."_e" >= "b"."s"`,
    ),
  };
}

/**
 * Next response time (Zendesk "next reply time") over a messages table: for every reply after the
 * first, the time from the earliest public customer message since the previous reply. Each
 * message's reply count before it comes from a window over the ticket's messages in time order
 * (a customer message and a reply at the same instant: the customer's first).
 */
function nextResponse(x: Context): SqlParts {
  const m = (field: string) => `"m".${x.name(field)}`;
  const ms = (column: string) =>
    x.o.dialect === 'duckdb' ? `epoch_ms(${column})` : `(EXTRACT(EPOCH FROM ${column}) * 1000)`;
  const replyAuthors = x.o.humanOnly ? `'agent'` : `'agent', 'bot'`;
  const messages = `SELECT ${m('conversationId')} AS "_t", ${ms(m('at'))} AS "_at", ${m('author')} = 'customer' AS "_customer"
    FROM ${x.messagesTable} AS "m" WHERE COALESCE(${m('public')}, TRUE) AND ${m('author')} IN ('customer', ${replyAuthors})`;
  const counted = `SELECT "_t", "_at", "_customer", COALESCE(SUM(CASE WHEN "_customer" THEN 0 ELSE 1 END) OVER (PARTITION BY "_t" ORDER BY "_at", "_customer" DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS "_before" FROM (${messages}) AS "mm"`;
  // Per ticket and reply count k ≥ 1: the earliest customer message after reply k, and reply k + 1.
  const waits = `SELECT "_t", "_before", MIN(CASE WHEN "_customer" THEN "_at" END) AS "_s", MIN(CASE WHEN NOT "_customer" THEN "_at" END) AS "_e"
    FROM (${counted}) AS "k" WHERE "_before" >= 1 GROUP BY "_t", "_before"`;
  const spans = `SELECT ${[...x.groups.map((g) => `"r".${g}`), '"w"."_s"', '"w"."_e"'].join(', ')} FROM ${x.table} AS "r"
    LEFT JOIN (${waits}) AS "w" ON "w"."_t" = ${x.c('id')} AND "w"."_s" IS NOT NULL`;
  return spanDurations(x, spans);
}

/**
 * Repeat-aware proportion (FCR, automated resolution): a candidate succeeds unless the same
 * customer has another contact created after it and at most `window` after `anchor` (or another
 * at the very same instant), searched over the whole table as the calculator's contact index is.
 * A record without a customer cannot be checked and counts as a success, as in JavaScript.
 */
function repeatAware(
  x: Context,
  inDenominator: string,
  candidate: string,
  anchor: string,
  window: number,
): SqlParts {
  const customer = x.c('customerId');
  const created = x.c('createdAt');
  const other = `${x.table} AS "o"`;
  const oCustomer = `"o".${x.name('customerId')}`;
  const oCreated = `"o".${x.name('createdAt')}`;
  const oMs = x.o.dialect === 'duckdb' ? `epoch_ms(${oCreated})` : `(EXTRACT(EPOCH FROM ${oCreated}) * 1000)`;
  const repeated = `(EXISTS (SELECT 1 FROM ${other} WHERE ${oCustomer} = ${customer} AND ${oCreated} > ${created} AND ${oMs} <= ${x.ms(anchor)} + ${window}) OR (SELECT COUNT(*) FROM ${other} WHERE ${oCustomer} = ${customer} AND ${oCreated} = ${created}) > 1)`;
  const n = `COUNT(*) FILTER (WHERE "_in")`;
  return {
    value: `CASE WHEN ${n} = 0 THEN NULL ELSE CAST(COUNT(*) FILTER (WHERE "_in" AND "_ok") AS DOUBLE PRECISION) / ${n} END`,
    n,
    derived: {
      _in: `COALESCE(${inDenominator}, FALSE)`,
      _ok: `COALESCE(${candidate}, FALSE) AND (${customer} IS NULL OR NOT ${repeated})`,
    },
  };
}

// Same derivations as the metrics engine reads flat ticket records (see TicketRecordSchema):
// the bot took part if botInvolved, else botOnly, else a handoff happened; a human took part if
// humanInvolved, else not botOnly, else a handoff or a human reply happened.
const botInvolved = (x: Context) =>
  `(CASE WHEN ${x.c('botInvolved')} IS NOT NULL THEN ${x.c('botInvolved')} ELSE COALESCE(${x.c('botOnly')}, FALSE) OR COALESCE(${x.c('handedOff')}, FALSE) END)`;
const humanInvolved = (x: Context) =>
  `COALESCE(${x.c('humanInvolved')}, NOT ${x.c('botOnly')}, COALESCE(${x.c('handedOff')}, FALSE) OR ${x.c('firstHumanResponseAt')} IS NOT NULL)`;
const firstResolved = (x: Context) => `COALESCE(${x.c('firstResolvedAt')}, ${x.c('resolvedAt')})`;

const SQL_METRICS: Partial<Record<MetricName, SqlMetric>> = {
  csat: {
    kind: 'survey',
    build: (x) =>
      proportion(`${x.c('rating')} IN (${x.o.satisfied.join(', ')})`, `${x.c('rating')} IS NOT NULL`),
  },
  nps: {
    kind: 'survey',
    // Bain & Company: % promoters (9–10) − % detractors (0–6), on −100..100.
    build: (x) => {
      const rating = x.c('rating');
      const n = `COUNT(${rating})`;
      return {
        value: `CASE WHEN ${n} = 0 THEN NULL ELSE 100.0 * (COUNT(*) FILTER (WHERE ${rating} >= 9) - COUNT(*) FILTER (WHERE ${rating} <= 6)) / ${n} END`,
        n,
      };
    },
  },
  ces: {
    kind: 'survey',
    build: (x) => ({
      value: `AVG(CAST(${x.c('rating')} AS DOUBLE PRECISION))`,
      n: `COUNT(${x.c('rating')})`,
    }),
  },
  reopenRate: {
    kind: 'ticket',
    build: (x) => proportion(`COALESCE(${x.c('reopens')}, 0) > 0`, `${firstResolved(x)} IS NOT NULL`),
  },
  transferRate: {
    kind: 'ticket',
    build: (x) =>
      proportion(
        x.o.includeHandoffs
          ? `COALESCE(${x.c('transfers')}, 0) > 0 OR COALESCE(${x.c('handedOff')}, FALSE)`
          : `COALESCE(${x.c('transfers')}, 0) > 0`,
      ),
  },
  routingAccuracy: {
    kind: 'ticket',
    // Moved = transferred, re-routed or with a first transfer time; with `within`, only a move in
    // that time after creation is a misroute (a move without a time is one).
    build: (x) => {
      const moved = `(COALESCE(${x.c('transfers')}, 0) > 0 OR COALESCE(${x.c('reroutes')}, 0) > 0 OR ${x.c('firstTransferAt')} IS NOT NULL)`;
      if (x.o.within === undefined) return proportion(`NOT ${moved}`);
      return proportion(
        `NOT ${moved} OR (${x.c('firstTransferAt')} IS NOT NULL AND ${x.ms('firstTransferAt')} - ${x.ms('createdAt')} > ${x.o.within})`,
      );
    },
  },
  handoffRate: {
    kind: 'ticket',
    build: (x) => proportion(`COALESCE(${x.c('handedOff')}, FALSE)`, botInvolved(x)),
  },
  containmentRate: {
    kind: 'ticket',
    build: (x) => proportion(`NOT (${humanInvolved(x)})`, botInvolved(x)),
  },
  fcr: {
    kind: 'ticket',
    // Call Centre Helper: no repeat contact within 7 days of resolution; transfers/handoffs and
    // reopens break FCR (options as the calculator).
    build: (x) => {
      const resolved = `${firstResolved(x)} IS NOT NULL`;
      const broken = x.o.transfersBreakFcr
        ? ` AND COALESCE(${x.c('transfers')}, 0) = 0 AND COALESCE(${x.c('reroutes')}, 0) = 0 AND NOT COALESCE(${x.c('handedOff')}, FALSE)`
        : '';
      return repeatAware(
        x,
        x.o.denominator === 'resolved' ? resolved : 'TRUE',
        `${resolved} AND COALESCE(${x.c('reopens')}, 0) = 0${broken}`,
        '__firstResolved',
        x.o.repeatWindow ?? 7 * 86_400_000,
      );
    },
  },
  automatedResolutionRate: {
    kind: 'ticket',
    // Zendesk automated resolution: bot, no human, resolved, no new contact within 72 h.
    build: (x) =>
      repeatAware(
        x,
        x.o.denominator === 'bot' ? botInvolved(x) : 'TRUE',
        `${botInvolved(x)} AND NOT (${humanInvolved(x)}) AND ${x.c('resolvedAt')} IS NOT NULL`,
        'resolvedAt',
        x.o.repeatWindow ?? 72 * 3_600_000,
      ),
  },
  firstResponseTime: {
    kind: 'ticket',
    timed: true,
    calendar: true,
    build: (x) => elapsed(x, 'createdAt', x.o.humanOnly ? 'firstHumanResponseAt' : 'firstResponseAt'),
  },
  nextResponseTime: {
    kind: 'ticket',
    timed: true,
    calendar: true,
    build: nextResponse,
  },
  resolutionTime: {
    kind: 'ticket',
    timed: true,
    calendar: true,
    build: (x) => elapsed(x, 'createdAt', x.o.which === 'first' ? '__firstResolved' : 'resolvedAt'),
  },
  aht: {
    kind: 'contact',
    timed: true,
    // ICMI: handle time = talk + hold + after-call work over handled contacts; a handled contact
    // without a talk time cannot be measured (the calculator counts it as missing).
    build: (x) =>
      statistic(
        x,
        `CASE WHEN ${x.c('talkTime')} IS NOT NULL THEN ${x.c('talkTime')} + COALESCE(${x.c('holdTime')}, 0) + COALESCE(${x.c('wrapTime')}, 0) END`,
      ),
  },
  asa: {
    kind: 'contact',
    timed: true,
    build: (x) =>
      statistic(
        x,
        `CASE WHEN ${x.c('answeredAt')} IS NOT NULL THEN ${x.ms('answeredAt')} - ${x.ms('offeredAt')} END`,
      ),
  },
  serviceLevel: {
    kind: 'contact',
    // ICMI: answered within T among offered, with the four treatments of abandons.
    build: (x) => {
      const answered = `${x.c('answeredAt')} IS NOT NULL`;
      const waitedAbandon = `${x.ms('abandonedAt')} - ${x.ms('offeredAt')}`;
      const abandoned = `(${x.c('answeredAt')} IS NULL AND ${x.c('abandonedAt')} IS NOT NULL AND ${waitedAbandon} >= ${x.o.shortAbandon})`;
      const answeredWithin = `(${answered} AND ${x.ms('answeredAt')} - ${x.ms('offeredAt')} <= ${x.o.threshold})`;
      const abandonedWithin = `(${abandoned} AND ${waitedAbandon} <= ${x.o.threshold})`;
      const denominator =
        x.o.abandons === 'exclude'
          ? answered
          : x.o.abandons === 'excludeShort'
            ? `${answered} OR (${abandoned} AND NOT ${abandonedWithin})`
            : `${answered} OR ${abandoned}`;
      const success = x.o.abandons === 'met' ? `${answeredWithin} OR ${abandonedWithin}` : answeredWithin;
      return proportion(success, denominator);
    },
  },
  abandonmentRate: {
    kind: 'contact',
    // ICMI: abandoned / offered; abandons shorter than shortAbandon and contacts still waiting left out.
    build: (x) => {
      const abandoned = `(${x.c('abandonedAt')} IS NOT NULL AND ${x.ms('abandonedAt')} - ${x.ms('offeredAt')} >= ${x.o.shortAbandon})`;
      return proportion(
        abandoned,
        `${abandoned} OR (${x.c('abandonedAt')} IS NULL AND ${x.c('answeredAt')} IS NOT NULL)`,
      );
    },
  },
};

const DEFAULT_TABLE = { ticket: 'tickets', survey: 'survey_responses', contact: 'contacts' } as const;

/**
 * The metrics {@link toSql} can emit.
 *
 * @example
 * ```ts
 * import { SQL_METRIC_NAMES } from 'tandem-cx/metrics';
 * SQL_METRIC_NAMES.includes('fcr'); // => true
 * ```
 */
export const SQL_METRIC_NAMES: readonly MetricName[] = Object.freeze(
  Object.keys(SQL_METRICS) as MetricName[],
);

/**
 * Why the remaining `computeMetrics` metrics have no SQL form (also in docs/metrics.md).
 *
 * @example
 * ```ts
 * import { SQL_UNSUPPORTED } from 'tandem-cx/metrics';
 * Object.keys(SQL_UNSUPPORTED).length; // => 3
 * ```
 */
export const SQL_UNSUPPORTED: Readonly<Partial<Record<MetricName, string>>> = Object.freeze({
  slaAttainment:
    'judges first reply, next reply and resolution against per-priority targets (business or calendar hours per target) and counts open tickets already past a target at `now`: several measures in one rate; not written as SQL yet',
  adoption:
    'counts distinct active users over sliding day/week/30-day windows from message-level activity, not one value per ticket row',
  costPerContact:
    'divides a cost the host supplies (per channel, bot vs human) by contact counts — one division, not a query over the records',
});

const fail = (path: string, message: string): never => {
  throw new TandemError({ code: 'INVALID_CONFIG', module: 'metrics', path, message });
};

/**
 * Emits a metric's definition as one SQL query, so an engine the team already runs (DuckDB for
 * files and notebooks, PostgreSQL and what speaks its SQL) computes it at any scale with the same
 * numbers as the JavaScript calculator. It takes the calculators' own options — `statistic`
 * (`mean`, `p50`, `p90`; linear-interpolation percentiles in both engines) and `calendar` for
 * business time — plus `from`/`to`, the instants between which the calendar's open intervals are
 * rendered into the query (holidays, breaks and DST applied in JavaScript; business time is the
 * sum of each record's overlaps with them, computed by the engine).
 *
 * The query reads *flat* records — one row per ticket, survey response or contact, with the
 * columns of the record schemas (`"createdAt"`, `"firstResponseAt"`, `"resolvedAt"`, `"reopens"`,
 * `"transfers"`, `"handedOff"`, `"botInvolved"`, `"humanInvolved"`, `"botOnly"`, `"customerId"`,
 * `"rating"`, `"offeredAt"`, `"answeredAt"`, `"talkTime"`, …; timestamps as `timestamptz`,
 * durations in ms; rename with `columns`) — and returns `(group columns…, metric, value, n)` like
 * `computeMetrics` rows. A record whose span reaches outside `from`–`to` counts only its business
 * time inside. Metrics without a SQL form are listed in {@link SQL_UNSUPPORTED} with the reason.
 *
 * Equality with the JavaScript calculators is tested by running every query on embedded DuckDB
 * and on a PostgreSQL server over the bundled sample, overall and grouped.
 *
 * @param metric - one of {@link SQL_METRIC_NAMES}.
 * @param options - dialect, table, groupBy, columns and the metric's options (statistic, calendar + from/to, …).
 * @throws {@link TandemError} `INVALID_CONFIG` for an unknown metric or one without a SQL form,
 *   an unsafe table/column name, a calendar without `from`/`to` or with no open hours between
 *   them; `LIMIT_EXCEEDED` for more than 100,000 open intervals.
 *
 * @example
 * ```ts
 * import { toSql } from 'tandem-cx/metrics';
 * const sql = toSql('reopenRate', { dialect: 'duckdb', groupBy: ['queue'] });
 * sql.startsWith('SELECT "queue", \'reopenRate\' AS metric'); // => true
 * sql.includes('GROUP BY "queue"'); // => true
 * toSql('firstResponseTime', { dialect: 'postgres', statistic: 'p90' }).includes('percentile_cont(0.9)'); // => true
 * ```
 */
export function toSql(metric: MetricName, options: ToSqlOptions): string {
  if (typeof metric !== 'string' || !Object.hasOwn(SQL_METRICS, metric)) {
    const reason = typeof metric === 'string' ? ownEntry(SQL_UNSUPPORTED, metric) : undefined;
    fail(
      'metric',
      reason !== undefined
        ? `"${metric}" has no SQL form: it ${reason}`
        : `"${String(metric)}" has no SQL form; toSql supports ${SQL_METRIC_NAMES.join(', ')}`,
    );
  }
  const definition = SQL_METRICS[metric]!;
  const o = parseWithSchema(ToSqlOptionsSchema, options, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'toSql options',
  });
  if (!definition.timed && o.statistic !== 'mean')
    fail('statistic', `${metric} is not a time metric; statistic applies to ${timedNames().join(', ')}`);
  if (o.calendar !== undefined && !definition.calendar)
    fail(
      'calendar',
      `${metric} is not measured in business time; calendar applies to firstResponseTime, nextResponseTime, resolutionTime`,
    );

  const q = (name: string) => `"${name}"`;
  const name = (field: string) => q(o.columns[field] ?? field);
  const column = (field: string) => `"r".${name(field)}`;
  // "__firstResolved" stands for the calculator's derived first resolution (firstResolvedAt, else resolvedAt).
  const c = (field: string) =>
    field === '__firstResolved'
      ? `COALESCE(${column('firstResolvedAt')}, ${column('resolvedAt')})`
      : column(field);
  const ms = (field: string) =>
    o.dialect === 'duckdb' ? `epoch_ms(${c(field)})` : `(EXTRACT(EPOCH FROM ${c(field)}) * 1000)`;
  const table = (o.table ?? DEFAULT_TABLE[definition.kind]).split('.').map(q).join('.');
  const groups = o.groupBy.map(q);
  const messagesTable = (o.messagesTable ?? 'messages').split('.').map(q).join('.');
  const parts = definition.build({ o, c, name, ms, table, groups, messagesTable });

  const select = [...groups, `'${metric}' AS metric`, `${parts.value} AS value`, `${parts.n} AS n`].join(
    ', ',
  );
  const grouping = groups.length ? ` GROUP BY ${groups.join(', ')} ORDER BY ${groups.join(', ')}` : '';
  const withClause = parts.with?.length ? `WITH ${parts.with.join(', ')} ` : '';
  if (parts.rows !== undefined)
    return `${withClause}SELECT ${select} FROM (${parts.rows}) AS "rows"${grouping}`;
  if (parts.derived === undefined) return `${withClause}SELECT ${select} FROM ${table} AS "r"${grouping}`;
  const derived = Object.entries(parts.derived).map(([name, expression]) => `${expression} AS ${q(name)}`);
  const rows = `SELECT ${[...groups.map((g) => `"r".${g}`), ...derived].join(', ')} FROM ${table} AS "r"`;
  return `${withClause}SELECT ${select} FROM (${rows}) AS "rows"${grouping}`;
}

function timedNames(): string[] {
  return Object.entries(SQL_METRICS)
    .filter(([, d]) => d.timed)
    .map(([name]) => name);
}
