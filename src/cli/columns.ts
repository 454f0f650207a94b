import { METRIC_DEFINITIONS, type MetricName, type RecordKind } from '../metrics/index';
import { ContactRecordSchema, SurveyResponseSchema, TicketRecordSchema } from '../metrics/schemas';

/** The record kinds, in the order the help lists them. */
export const RECORD_KINDS: readonly RecordKind[] = ['ticket', 'survey', 'contact'];

/** The survey metrics: each reads only the rows whose `kind` is its own name. */
export const SURVEY_METRICS = ['csat', 'nps', 'ces'] as const;
/** A survey metric name. */
export type SurveyMetric = (typeof SURVEY_METRICS)[number];

/** Display names of the survey kinds (for messages such as "no NPS answers"). */
export const SURVEY_LABEL: Record<SurveyMetric, string> = { csat: 'CSAT', nps: 'NPS', ces: 'CES' };

/** Columns every row of a kind must have (the schemas' required fields). */
export const REQUIRED_COLUMNS: Record<RecordKind, readonly string[]> = {
  ticket: ['createdAt'],
  survey: ['rating'],
  contact: ['offeredAt'],
};

/** Every column the record schemas know, per kind (others are kept for `--group-by`). */
export const KNOWN_COLUMNS: Record<RecordKind, readonly string[]> = {
  ticket: Object.keys(TicketRecordSchema.shape),
  survey: Object.keys(SurveyResponseSchema.shape),
  contact: Object.keys(ContactRecordSchema.shape),
};

/**
 * What each metric reads beyond the required columns: every group needs at least one of its
 * columns in the file, or the metric has no input (a missing `reopens` column is not "no
 * reopens"). Derived from the readers in src/metrics/_engine.ts (which fields set which fact).
 */
export const METRIC_INPUTS: Partial<Record<MetricName, ReadonlyArray<readonly string[]>>> = {
  firstResponseTime: [['firstResponseAt', 'firstHumanResponseAt', 'messages']],
  nextResponseTime: [['messages']],
  resolutionTime: [['resolvedAt', 'firstResolvedAt', 'events']],
  fcr: [['customerId']],
  reopenRate: [['reopens', 'events']],
  transferRate: [['transfers', 'firstTransferAt', 'events']],
  routingAccuracy: [['transfers', 'reroutes', 'firstTransferAt', 'events']],
  containmentRate: [['botOnly', 'botInvolved', 'botTurns', 'messages']],
  automatedResolutionRate: [['botOnly', 'botInvolved', 'botTurns', 'messages']],
  handoffRate: [
    ['botOnly', 'botInvolved', 'botTurns', 'messages', 'handedOff', 'handedOffAt'],
    ['handedOff', 'handedOffAt', 'events'],
  ],
  slaAttainment: [['firstResponseAt', 'firstHumanResponseAt', 'messages']],
  adoption: [['customerId']],
  aht: [['talkTime', 'holdTime', 'wrapTime']],
  asa: [['answeredAt']],
  serviceLevel: [['answeredAt']],
  abandonmentRate: [['answeredAt', 'abandonedAt']],
};

/** Metric names by the record kind they read. */
export function metricsOfKind(kind: RecordKind): MetricName[] {
  return METRIC_DEFINITIONS.filter((m) => m.kind === kind).map((m) => m.name);
}

/** The record kind a metric reads, or undefined for an unknown name. */
export function kindOfMetric(name: string): RecordKind | undefined {
  return METRIC_DEFINITIONS.find((m) => m.name === name)?.kind;
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`;
}

/** The input groups of a metric that no column of the file satisfies. */
export function missingInputs(metric: MetricName, has: (column: string) => boolean): string[][] {
  return (METRIC_INPUTS[metric] ?? []).filter((group) => !group.some(has)).map((g) => [...g]);
}

/** The part of `--help` that lists metrics and columns per record kind. */
export function describeKinds(): string {
  const lines: string[] = [];
  for (const kind of RECORD_KINDS) {
    lines.push(`  ${kind} records — required column: ${REQUIRED_COLUMNS[kind].join(', ')}`);
    for (const metric of metricsOfKind(kind)) {
      const inputs = METRIC_INPUTS[metric];
      const needs =
        kind === 'survey'
          ? `rows with kind ${metric}`
          : inputs
            ? inputs.map((g) => (g.length === 1 ? g[0] : `one of ${g.join('|')}`)).join(' and ')
            : 'see docs/metrics.md';
      lines.push(`      ${metric.padEnd(24)}${needs}`);
    }
  }
  return lines.join('\n');
}

/** Edit distance (Levenshtein), for "did you mean" on column names. */
function distance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return prev[b.length]!;
}

/** The known column an unknown one was probably meant to be (`created_at` → `createdAt`). */
export function closestColumn(column: string, known: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(squash(column), squash(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(1, Math.floor(column.length / 4)) ? best : undefined;
}
