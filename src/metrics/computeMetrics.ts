import { TZDate } from '@date-fns/tz';
import { z } from 'zod';
import { compileOwnPath, readOwn, setOwn } from '../_internal/ownProperties';
import { parseWithSchema, TandemError } from '../model/errors';
import {
  type Accumulator,
  type AnyMetricDefinition,
  createContactIndex,
  createFacts,
  createInvalidCollector,
  type ElapsedSpec,
  type FactsByKind,
  type FlagRate,
  type InvalidRecord,
  type MetricEnv,
  type MetricResultBase,
  parseMetricOptions,
  READERS,
  type RecordKind,
  type TicketFacts,
} from './_engine';
import { elapsedMs, toMs } from './_time';
import { adoptionMetric } from './adoption';
import { abandonmentRateMetric, ahtMetric, asaMetric, serviceLevelMetric } from './contactMetrics';
import { costPerContactMetric } from './costPerContact';
import { firstResponseTimeMetric, nextResponseTimeMetric, resolutionTimeMetric } from './responseTimes';
import { CalendarOptionSchema, OnInvalidSchema } from './schemas';
import { slaAttainmentMetric } from './slaAttainment';
import { cesMetric, csatMetric, npsMetric } from './surveyMetrics';
import {
  automatedResolutionRateMetric,
  containmentRateMetric,
  fcrMetric,
  handoffRateMetric,
  reopenRateMetric,
  routingAccuracyMetric,
  transferRateMetric,
} from './ticketRates';

const REGISTRY = {
  csat: csatMetric,
  nps: npsMetric,
  ces: cesMetric,
  aht: ahtMetric,
  asa: asaMetric,
  serviceLevel: serviceLevelMetric,
  abandonmentRate: abandonmentRateMetric,
  firstResponseTime: firstResponseTimeMetric,
  nextResponseTime: nextResponseTimeMetric,
  resolutionTime: resolutionTimeMetric,
  fcr: fcrMetric,
  reopenRate: reopenRateMetric,
  transferRate: transferRateMetric,
  routingAccuracy: routingAccuracyMetric,
  containmentRate: containmentRateMetric,
  automatedResolutionRate: automatedResolutionRateMetric,
  handoffRate: handoffRateMetric,
  slaAttainment: slaAttainmentMetric,
  adoption: adoptionMetric,
  costPerContact: costPerContactMetric,
} as const satisfies Record<string, AnyMetricDefinition>;

/** Names of the metrics {@link computeMetrics} knows. */
export type MetricName = keyof typeof REGISTRY;

/** The declarative part of a metric definition (what a SQL generator or a docs table reads). */
export interface MetricDescriptor {
  name: MetricName;
  /** Record kind the metric reads: `ticket`, `survey` or `contact`. */
  kind: RecordKind;
  aggregate: 'proportion' | 'mean' | 'net_score' | 'distinct' | 'ratio';
  unit: 'fraction' | 'ms' | 'score' | 'count' | 'currency';
  source: string;
}

/**
 * Every metric's name, record kind, aggregate family, unit and cited source.
 *
 * @example
 * ```ts
 * import { METRIC_DEFINITIONS } from 'tandem-cx/metrics';
 * METRIC_DEFINITIONS.find((m) => m.name === 'csat'); // => { kind: 'survey', aggregate: 'proportion', unit: 'fraction' }
 * ```
 */
export const METRIC_DEFINITIONS: readonly MetricDescriptor[] = Object.freeze(
  Object.values(REGISTRY).map((d) =>
    Object.freeze({
      name: d.name as MetricName,
      kind: d.kind,
      aggregate: d.aggregate,
      unit: d.unit,
      source: d.source,
    }),
  ),
);

const MetricNameSchema = z.enum(Object.keys(REGISTRY) as [MetricName, ...MetricName[]]);

/** One requested metric: a name, or `{ metric, options?, as? }` (`as` names the row's metric). */
export const MetricSpecSchema = z.union([
  MetricNameSchema,
  z.object({
    metric: MetricNameSchema,
    options: z.record(z.string(), z.unknown()).optional(),
    as: z.string().min(1).optional(),
  }),
]);

type GroupByFunction = (record: Record<string, unknown>) => unknown;

/** Options of {@link computeMetrics}. */
export const ComputeMetricsOptionsSchema = z.object({
  metrics: z.array(MetricSpecSchema).min(1),
  /** A field name (dotted paths allowed: `meta.region`), several, or a function of the record. */
  groupBy: z
    .union([
      z.string().min(1),
      z.array(z.string().min(1)),
      z.custom<GroupByFunction>((v) => typeof v === 'function'),
    ])
    .optional(),
  /** Time bucket of each record's timestamp (`createdAt` / `respondedAt` / `offeredAt`, or `timeField`). */
  bucket: z.enum(['day', 'week', 'month']).optional(),
  /** IANA zone the buckets are cut in. Default `UTC`. */
  timeZone: z
    .string()
    .default('UTC')
    .refine((zone) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: zone });
        return true;
      } catch {
        return false;
      }
    }, 'unknown IANA time zone'),
  /** First day of a week bucket, 0 = Sunday … 6 = Saturday. Default 1 (Monday, ISO 8601). */
  weekStartsOn: z.number().int().min(0).max(6).default(1),
  /** Timestamp field used for buckets instead of the kind's default. */
  timeField: z.string().min(1).optional(),
  /** Business calendar handed to the time metrics and SLA (a metric's own options win). */
  calendar: CalendarOptionSchema.optional(),
  onInvalid: OnInvalidSchema,
});
/** Options of {@link computeMetrics}. */
export type ComputeMetricsOptions = z.input<typeof ComputeMetricsOptionsSchema>;

/** One tidy row: group fields, the bucket (when bucketing), the metric name, its value and n. */
export type MetricRow = Record<string, unknown> & {
  bucket?: string;
  metric: string;
  value: number | null;
  n: number;
};

/** Result of {@link computeMetrics}. */
export interface ComputeMetricsResult {
  /** Sorted by bucket, then group, then the order of `metrics`. */
  rows: MetricRow[];
  /** Invalid records skipped (only with `onInvalid: 'skip'`). */
  skipped: number;
  /** The first 50 problems of skipped records, with row and field. */
  invalid: InvalidRecord[];
}

interface GroupState {
  fields: unknown[];
  bucket: string | undefined;
  /** Generic accumulators (null for metrics run inline). */
  accumulators: Array<Accumulator<unknown, MetricResultBase> | null>;
  /** Inline metrics: numerator (count or summed ms) and n, per metric index. */
  sums: Float64Array;
  counts: Float64Array;
}

// How each requested metric is run: inline as a rate, inline as a mean duration, or by its accumulator.
const RATE = 1;
const ELAPSED = 2;
const GENERIC = 0;
const FLAGS = 3;

const DAY = 86_400_000;
const EMPTY: Record<string, unknown> = Object.freeze({});
const SLOT = 900_000; // every zone offset in use today is a multiple of 15 minutes

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dayLabel(dayIndex: number): string {
  const d = new Date(dayIndex * DAY);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

interface Bucketer {
  /** Numeric id of the bucket holding `ms`: local day number of its first day, or year × 12 + month. */
  id(ms: number): number;
  /** Label of a bucket id: `YYYY-MM-DD` (day, week) or `YYYY-MM` (month). */
  label(id: number): string;
}

/** Buckets instants in a zone; offsets are cached per 15-minute slot, months per local day. */
function createBucketer(bucket: 'day' | 'week' | 'month', timeZone: string, weekStartsOn: number): Bucketer {
  const utc = timeZone === 'UTC' || timeZone === 'Etc/UTC';
  const offsets = new Map<number, number>();
  let lastSlot = Number.NaN;
  let lastOffset = 0;
  const months = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const slot = Math.floor(ms / SLOT);
    if (slot === lastSlot) return lastOffset;
    let offset = offsets.get(slot);
    if (offset === undefined) {
      offset = -new TZDate(slot * SLOT, timeZone).getTimezoneOffset() * 60_000;
      offsets.set(slot, offset);
    }
    lastSlot = slot;
    lastOffset = offset;
    return offset;
  };
  return {
    id(ms) {
      const day = Math.floor((utc ? ms : ms + offsetAt(ms)) / DAY);
      if (bucket === 'day') return day;
      if (bucket === 'week') return day - ((((day + 4) % 7) + 7 - weekStartsOn) % 7); // 1970-01-01 was a Thursday
      let month = months.get(day);
      if (month === undefined) {
        const d = new Date(day * DAY);
        month = d.getUTCFullYear() * 12 + d.getUTCMonth();
        months.set(day, month);
      }
      return month;
    },
    label(id) {
      if (bucket !== 'month') return dayLabel(id);
      return `${Math.floor(id / 12)}-${pad((id % 12) + 1)}`;
    },
  };
}

/**
 * One level of the group tree: a linear list while small (group fields usually have a handful of
 * values, and comparing a few references beats hashing), a Map beyond 16 values.
 */
interface Level {
  keys: unknown[];
  nodes: Array<Level | GroupState>;
  map: Map<unknown, Level | GroupState> | null;
}

function createLevel(): Level {
  return { keys: [], nodes: [], map: null };
}

function levelGet(level: Level, key: unknown): Level | GroupState | undefined {
  if (level.map !== null) return level.map.get(key);
  const keys = level.keys;
  for (let i = 0; i < keys.length; i++) if (keys[i] === key) return level.nodes[i];
  // NaN is one group, as in a Map (SameValueZero).
  if (typeof key === 'number' && Number.isNaN(key))
    for (let i = 0; i < keys.length; i++) if (Number.isNaN(keys[i])) return level.nodes[i];
  return undefined;
}

function levelSet(level: Level, key: unknown, node: Level | GroupState): void {
  if (level.map !== null) {
    level.map.set(key, node);
    return;
  }
  level.keys.push(key);
  level.nodes.push(node);
  if (level.keys.length > 16) {
    level.map = new Map(level.keys.map((k, i) => [k, level.nodes[i]!]));
  }
}

function timeOf(kind: RecordKind, facts: FactsByKind[RecordKind]): number {
  if (kind === 'ticket') return (facts as TicketFacts).createdAt;
  if (kind === 'contact') return (facts as FactsByKind['contact']).offeredAt;
  return (facts as FactsByKind['survey']).respondedAt;
}

const DEFAULT_TIME_FIELD: Record<RecordKind, string> = {
  ticket: 'createdAt',
  survey: 'respondedAt',
  contact: 'offeredAt',
};

/**
 * Computes several metrics over any iterable of records in one pass, grouped by fields and/or
 * time buckets, as tidy rows (`{ ...group, bucket, metric, value, n }`) ready for a notebook table
 * or a chart. Every metric is a streaming accumulator; memory grows with the number of groups,
 * not records (percentile statistics and the repeat-contact checks of `fcr` /
 * `automatedResolutionRate` keep one number per record).
 *
 * All metrics of one call read the same record kind (tickets, survey responses or contacts).
 * Week buckets are labelled by their first day (`YYYY-MM-DD`, Monday by default), months as
 * `YYYY-MM`, in `timeZone`.
 *
 * @param records - any iterable (arrays, generators) of ticket, survey or contact records.
 * @param options - `metrics`, `groupBy`, `bucket`, `timeZone`, `weekStartsOn`, `timeField`, `calendar`, `onInvalid`.
 * @returns `{ rows, skipped, invalid }`.
 * @throws {@link TandemError} `INVALID_CONFIG` for unknown metrics or mixed record kinds;
 *   `INVALID_INPUT` listing invalid records (row and field) unless `onInvalid: 'skip'`.
 *
 * @example
 * ```ts
 * import { computeMetrics } from 'tandem-cx/metrics';
 * const tickets = [
 *   { createdAt: '2026-11-23T09:00:00Z', queue: 'billing', firstResponseAt: '2026-11-23T09:30:00Z', reopens: 0, resolvedAt: '2026-11-23T12:00:00Z' },
 *   { createdAt: '2026-11-24T09:00:00Z', queue: 'billing', firstResponseAt: '2026-11-24T10:30:00Z', reopens: 1, resolvedAt: '2026-11-25T09:00:00Z' },
 *   { createdAt: '2026-11-24T09:00:00Z', queue: 'tech' },
 * ];
 * const { rows } = computeMetrics(tickets, { metrics: ['firstResponseTime', 'reopenRate'], groupBy: 'queue', bucket: 'week' });
 * rows.length; // => 4
 * rows[0]; // => { queue: 'billing', bucket: '2026-11-23', metric: 'firstResponseTime', value: 3600000, n: 2 }
 * rows[1]; // => { queue: 'billing', bucket: '2026-11-23', metric: 'reopenRate', value: 0.5, n: 2 }
 * rows[3]; // => { queue: 'tech', metric: 'reopenRate', value: null, n: 0 }
 * ```
 */
export function computeMetrics(
  records: Iterable<unknown>,
  options: ComputeMetricsOptions,
): ComputeMetricsResult {
  const o = parseWithSchema(ComputeMetricsOptionsSchema, options, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'computeMetrics options',
  });
  if (records === null || typeof (records as Iterable<unknown>)?.[Symbol.iterator] !== 'function')
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'metrics',
      message: 'records must be an array or another iterable',
    });

  const specs = o.metrics.map((spec) => (typeof spec === 'string' ? { metric: spec } : spec));
  const definitions: AnyMetricDefinition[] = specs.map((s) => REGISTRY[s.metric] as AnyMetricDefinition);
  const kind: RecordKind = definitions[0]!.kind;
  definitions.forEach((d, i) => {
    if (d.kind !== kind)
      throw new TandemError({
        code: 'INVALID_CONFIG',
        module: 'metrics',
        path: `metrics[${i}]`,
        message: `${d.name} reads ${d.kind} records but ${definitions[0]!.name} reads ${kind} records; compute them in separate calls`,
      });
  });
  const metricOptions = specs.map((s, i) => {
    const raw = { ...(o.calendar ? { calendar: o.calendar } : {}), ...(s.options ?? {}) };
    try {
      return parseMetricOptions(definitions[i]!, raw);
    } catch (error) {
      if (error instanceof TandemError)
        throw new TandemError({
          code: 'INVALID_CONFIG',
          module: 'metrics',
          message: error.message.replace(/^\[tandem-cx\] \[metrics\] /, ''),
          issues: error.issues.map((issue) => ({
            path: `metrics[${i}].options.${issue.path}`,
            message: issue.message,
          })),
        });
      throw error;
    }
  });
  const names = specs.map((s) => s.as ?? s.metric);
  const usesContactIndex = definitions.some((d) => d.usesContactIndex);
  // Declarative metrics run inline (no accumulator call): rates, and mean durations.
  const flagRates = definitions.map((d, i) =>
    kind === 'ticket' && d.flags ? (d.flags(metricOptions[i]) as FlagRate | null) : null,
  );
  const rates = definitions.map((d, i) =>
    !flagRates[i] && d.rate ? (d.rate(metricOptions[i]) as (f: unknown) => boolean | null) : null,
  );
  const elapsedSpecs = definitions.map((d, i) =>
    d.elapsed ? (d.elapsed(metricOptions[i]) as ElapsedSpec) : null,
  );
  const modes = definitions.map((_, i) =>
    flagRates[i]
      ? FLAGS
      : rates[i]
        ? RATE
        : elapsedSpecs[i] && elapsedSpecs[i]!.statistic === 'mean'
          ? ELAPSED
          : GENERIC,
  );
  const metricCount = definitions.length;
  const END_KINDS = ['firstResponseAt', 'resolvedAt', 'firstHumanResponseAt', 'firstResolvedAt'];
  const endKinds = elapsedSpecs.map((spec) => (spec ? END_KINDS.indexOf(spec.end) : -1));

  const env: MetricEnv = { keepValues: false, contacts: createContactIndex() };
  const groupFields =
    o.groupBy === undefined
      ? []
      : typeof o.groupBy === 'function'
        ? ['group']
        : Array.isArray(o.groupBy)
          ? o.groupBy
          : [o.groupBy];
  const readers: Array<(r: Record<string, unknown>) => unknown> =
    typeof o.groupBy === 'function' ? [o.groupBy as GroupByFunction] : groupFields.map(compileOwnPath);
  const bucketOf = o.bucket ? createBucketer(o.bucket, o.timeZone, o.weekStartsOn) : null;
  const timeField = o.timeField;

  const root = new Map<number | null, Level | GroupState>();
  let rootArray: Array<Level | GroupState | undefined> = [];
  let rootBase: number | null = null;
  const groups: GroupState[] = [];
  let group: GroupState | null = null;
  let lastBucketId: number | null = null;
  const newGroup = (bucketId: number | null): GroupState => {
    const group: GroupState = {
      fields: fieldValues.slice(),
      bucket: bucketId === null ? undefined : bucketOf!.label(bucketId),
      accumulators: definitions.map((d, i) =>
        modes[i] === GENERIC
          ? (d.create(metricOptions[i], env) as Accumulator<unknown, MetricResultBase>)
          : null,
      ),
      sums: new Float64Array(definitions.length),
      counts: new Float64Array(definitions.length),
    };
    groups.push(group);
    return group;
  };
  const facts = createFacts(kind);
  const read = READERS[kind] as (
    v: unknown,
    f: FactsByKind[RecordKind],
    i: Array<{ field: string; message: string }>,
  ) => boolean;
  const hasChecks = definitions.some((d) => d.check !== undefined);
  const checks = definitions.map((d, i) =>
    d.check ? (f: FactsByKind[RecordKind]) => d.check!(f, metricOptions[i]) : null,
  );
  const invalid = createInvalidCollector(o.onInvalid);
  const problems: Array<{ field: string; message: string }> = [];
  const fieldValues: unknown[] = new Array(readers.length);

  let row = 0;
  for (const record of records) {
    if (problems.length > 0) problems.length = 0;
    let ok = read(record, facts, problems);
    if (ok && hasChecks) {
      for (const check of checks) {
        const problem = check?.(facts);
        if (problem) {
          problems.push(problem);
          ok = false;
          break;
        }
      }
    }
    let bucketId: number | null = null;
    if (ok && bucketOf) {
      const field = timeField ?? DEFAULT_TIME_FIELD[kind];
      const at = timeField ? toMs(readOwn(facts.record, timeField)) : timeOf(kind, facts);
      if (Number.isNaN(at)) {
        problems.push({ field, message: `a valid ${field} is needed for the ${o.bucket} bucket` });
        ok = false;
      } else bucketId = bucketOf.id(at);
    }
    if (!ok) {
      invalid.report(row++, problems);
      continue;
    }
    const source = (facts.record ?? EMPTY) as Record<string, unknown>;
    // Nested maps keyed by the raw values (bucket id, then each group field): no key strings to
    // build. The previous record's group is tried first (exports are often sorted).
    let same = group !== null && bucketId === lastBucketId;
    for (let i = 0; i < readers.length; i++) {
      const raw = readers[i]!(source);
      const value = raw === undefined ? null : raw;
      if (same && value !== fieldValues[i]) same = false;
      fieldValues[i] = value;
    }
    if (!same) {
      // Bucket ids are day numbers (or months): a dense array around the first one seen, a Map outside it.
      if (bucketId !== null && rootBase === null) {
        rootBase = bucketId - 32_768;
        rootArray = new Array<Level | GroupState | undefined>(65_536).fill(undefined); // packed, not sparse
      }
      const slot = bucketId === null || rootBase === null ? -1 : bucketId - rootBase;
      const dense = slot >= 0 && slot < 65_536;
      let node: Level | GroupState | undefined = dense ? rootArray[slot] : root.get(bucketId);
      if (node === undefined) {
        node = readers.length === 0 ? newGroup(bucketId) : createLevel();
        if (dense) rootArray[slot] = node;
        else root.set(bucketId, node);
      }
      for (let i = 0; i < readers.length; i++) {
        const level = node as Level;
        const value = fieldValues[i];
        let next = levelGet(level, value);
        if (next === undefined) {
          next = i === readers.length - 1 ? newGroup(bucketId) : createLevel();
          levelSet(level, value, next);
        }
        node = next;
      }
      group = node as GroupState;
      lastBucketId = bucketId;
    }
    const accumulators = (group as GroupState).accumulators;
    if (usesContactIndex && kind === 'ticket') {
      const t = facts as TicketFacts;
      if (t.customerId !== undefined) env.contacts.add(t.customerId, t.createdAt);
    }
    const g = group as GroupState;
    for (let i = 0; i < metricCount; i++) {
      const mode = modes[i];
      if (mode === FLAGS) {
        const spec = flagRates[i]!;
        const bits = (facts as TicketFacts).flags;
        if ((bits & spec.denominator) === spec.denominator) {
          g.counts[i]!++;
          if ((spec.any === 0 || (bits & spec.any) !== 0) && (bits & spec.none) === 0) g.sums[i]!++;
        }
      } else if (mode === RATE) {
        const c = rates[i]!(facts);
        if (c !== null) {
          g.counts[i]!++;
          if (c) g.sums[i]!++;
        }
      } else if (mode === ELAPSED) {
        const spec = elapsedSpecs[i]!;
        const t = facts as TicketFacts;
        // Named loads (not t[spec.end]) keep the property access monomorphic.
        const which = endKinds[i];
        const end =
          which === 0
            ? t.firstResponseAt
            : which === 1
              ? t.resolvedAt
              : which === 2
                ? t.firstHumanResponseAt
                : t.firstResolvedAt;
        if (!Number.isNaN(end)) {
          const pauses = spec.excludePauses ? t.pauses : null;
          g.sums[i]! +=
            spec.calendar === undefined && pauses === null
              ? end - t.createdAt
              : elapsedMs(t.createdAt, end, pauses, spec.calendar);
          g.counts[i]!++;
        }
      } else accumulators[i]!.add(facts);
    }
    row++;
  }
  invalid.finish('records');

  const ordered = groups.sort((a, b) => {
    if (a.bucket !== b.bucket) return (a.bucket ?? '') < (b.bucket ?? '') ? -1 : 1;
    for (let i = 0; i < a.fields.length; i++) {
      const x = a.fields[i];
      const y = b.fields[i];
      if (x === y) continue;
      if (x === null) return 1;
      if (y === null) return -1;
      return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    }
    return 0;
  });
  const rows: MetricRow[] = [];
  for (const group of ordered) {
    for (let i = 0; i < metricCount; i++) {
      const n = group.counts[i]!;
      const result =
        modes[i] === GENERIC ? group.accumulators[i]!.result() : { value: n ? group.sums[i]! / n : null, n };
      const out: Record<string, unknown> = {};
      groupFields.forEach((field, j) => {
        setOwn(out, field, group.fields[j]);
      });
      if (group.bucket !== undefined) out.bucket = group.bucket;
      out.metric = names[i];
      out.value = result.value;
      out.n = result.n;
      rows.push(out as MetricRow);
    }
  }
  return { rows, skipped: invalid.skipped, invalid: invalid.issues };
}
