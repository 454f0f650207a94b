import { z } from 'zod';
import {
  type Accumulator,
  createDurationAccumulator,
  type ElapsedSpec,
  type MetricDefinition,
  type MetricEnv,
  runMetric,
  type TicketFacts,
  type TimeMetricResult,
  type WithSkipped,
} from './_engine';
import { elapsedMs } from './_time';
import { type TicketRecordInput, TimeOptionsSchema } from './schemas';

/** Options of the response/resolution time metrics (calendar, pauses, humanOnly, statistic). */
export type TimeMetricOptions = z.input<typeof TimeOptionsSchema>;
type TimeOptions = z.output<typeof TimeOptionsSchema>;

function createElapsedAccumulator(
  spec: ElapsedSpec,
  env: MetricEnv,
): Accumulator<TicketFacts, TimeMetricResult> {
  const acc = createDurationAccumulator(spec.statistic, env.keepValues);
  return {
    add(f) {
      const end = f[spec.end];
      if (Number.isNaN(end)) acc.miss();
      else acc.push(elapsedMs(f.createdAt, end, spec.excludePauses ? f.pauses : null, spec.calendar));
    },
    result: () => acc.result(),
  };
}

const isReply = (author: string, humanOnly: boolean) =>
  author === 'agent' || (!humanOnly && author === 'bot');

// ---------------------------------------------------------------- first response

/** First response time definition (Zendesk / Intercom). */
export const firstResponseTimeMetric: MetricDefinition<'ticket', TimeOptions, TimeMetricResult> = {
  name: 'firstResponseTime',
  kind: 'ticket',
  aggregate: 'mean',
  unit: 'ms',
  source:
    'Zendesk "First reply time": ticket created → first public agent comment, in calendar or business hours; Intercom "first response time" (teammate replies only)',
  optionsSchema: TimeOptionsSchema,
  elapsed: (options) => ({
    end: options.humanOnly ? 'firstHumanResponseAt' : 'firstResponseAt',
    calendar: options.calendar,
    excludePauses: options.excludePauses,
    statistic: options.statistic,
  }),
  create: (options, env) => createElapsedAccumulator(firstResponseTimeMetric.elapsed!(options), env),
};

/**
 * First response time: from ticket creation to the first public reply (agent or bot; only human
 * agents with `humanOnly: true`), in ms of calendar time, or of business time with `calendar`.
 * Pause intervals on the record are left out unless `excludePauses: false`. Unanswered tickets are
 * `missing`.
 *
 * Source: Zendesk, "First reply time" (calendar and business hours); Intercom, "First response
 * time" (teammate replies).
 *
 * @param tickets - ticket records with `firstResponseAt` / `firstHumanResponseAt`, or `messages`.
 * @param options - `calendar`, `humanOnly`, `excludePauses`, `statistic`, `onInvalid`.
 * @returns `{ value, n, mean, sd, p50, p90, min, max, missing, skipped }` (ms).
 *
 * @example
 * ```ts
 * import { firstResponseTime } from 'tandem-cx/metrics';
 * const t = [{ createdAt: '2026-11-23T09:00:00Z', firstResponseAt: '2026-11-23T09:10:00Z' }, { createdAt: '2026-11-23T09:00:00Z', firstResponseAt: '2026-11-23T09:30:00Z' }, { createdAt: '2026-11-23T09:00:00Z' }];
 * firstResponseTime(t); // => { value: 1200000, n: 2, missing: 1, p50: 1200000 }
 * ```
 */
export function firstResponseTime(
  tickets: Iterable<TicketRecordInput>,
  options?: TimeMetricOptions,
): WithSkipped<TimeMetricResult> {
  return runMetric(firstResponseTimeMetric, tickets, options);
}

// ---------------------------------------------------------------- next response

/** Next response time definition (Zendesk "next reply time"). */
export const nextResponseTimeMetric: MetricDefinition<'ticket', TimeOptions, TimeMetricResult> = {
  name: 'nextResponseTime',
  kind: 'ticket',
  aggregate: 'mean',
  unit: 'ms',
  source:
    'Zendesk SLA "Next reply time": oldest unanswered customer comment → next public agent comment, after the first reply',
  optionsSchema: TimeOptionsSchema,
  create(options, env) {
    const acc = createDurationAccumulator(options.statistic, env.keepValues);
    return {
      add(f: TicketFacts) {
        if (!f.messages) {
          acc.miss();
          return;
        }
        let waitingSince = Number.NaN;
        let replied = false;
        for (const m of f.messages) {
          if (!m.public) continue;
          if (m.author === 'customer') {
            if (Number.isNaN(waitingSince)) waitingSince = m.at;
          } else if (isReply(m.author, options.humanOnly)) {
            if (!Number.isNaN(waitingSince) && replied)
              acc.push(
                elapsedMs(waitingSince, m.at, options.excludePauses ? f.pauses : null, options.calendar),
              );
            waitingSince = Number.NaN;
            replied = true;
          }
        }
        // A customer message still waiting for its next reply is not measured yet.
        if (!Number.isNaN(waitingSince) && replied) acc.miss();
      },
      result: () => acc.result(),
    };
  },
};

/**
 * Next response time: for every customer turn after the first reply, the time from the oldest
 * unanswered customer message to the next public reply. Each wait is one sample (`n` counts
 * waits); waits still open and tickets without `messages` are `missing`.
 *
 * Source: Zendesk SLA metric "Next reply time".
 *
 * @example
 * ```ts
 * import { nextResponseTime } from 'tandem-cx/metrics';
 * const t = { createdAt: 0, messages: [{ author: 'customer', at: 0 }, { author: 'agent', at: 60000 }, { author: 'customer', at: 120000 }, { author: 'customer', at: 150000 }, { author: 'agent', at: 420000 }] };
 * nextResponseTime([t]); // => { value: 300000, n: 1 }
 * ```
 */
export function nextResponseTime(
  tickets: Iterable<TicketRecordInput>,
  options?: TimeMetricOptions,
): WithSkipped<TimeMetricResult> {
  return runMetric(nextResponseTimeMetric, tickets, options);
}

// ---------------------------------------------------------------- resolution

/** Options of {@link resolutionTime}. */
export const ResolutionTimeOptionsSchema = TimeOptionsSchema.extend({
  /** `full` (default): to the final resolution, across reopens; `first`: to the first resolution. */
  which: z.enum(['full', 'first']).default('full'),
});
/** Options of {@link resolutionTime}. */
export type ResolutionTimeOptions = z.input<typeof ResolutionTimeOptionsSchema>;

/** Resolution time definition (Zendesk first / full resolution time). */
export const resolutionTimeMetric: MetricDefinition<
  'ticket',
  z.output<typeof ResolutionTimeOptionsSchema>,
  TimeMetricResult
> = {
  name: 'resolutionTime',
  kind: 'ticket',
  aggregate: 'mean',
  unit: 'ms',
  source:
    'Zendesk "First resolution time" (created → first solved) and "Full resolution time" (created → last solved, across reopens)',
  optionsSchema: ResolutionTimeOptionsSchema,
  elapsed: (options) => ({
    end: options.which === 'first' ? 'firstResolvedAt' : 'resolvedAt',
    calendar: options.calendar,
    excludePauses: options.excludePauses,
    statistic: options.statistic,
  }),
  create: (options, env) => createElapsedAccumulator(resolutionTimeMetric.elapsed!(options), env),
};

/**
 * Resolution time: creation → final resolution (`which: 'full'`, across reopens) or → first
 * resolution (`which: 'first'`), in calendar or business time, pauses left out. Unresolved
 * tickets (including reopened, not yet re-solved) are `missing`.
 *
 * Source: Zendesk Explore, "First resolution time" and "Full resolution time".
 *
 * @example
 * ```ts
 * import { resolutionTime } from 'tandem-cx/metrics';
 * const t = { createdAt: '2026-11-23T09:00:00Z', events: [{ type: 'resolved', at: '2026-11-23T10:00:00Z' }, { type: 'reopened', at: '2026-11-23T12:00:00Z' }, { type: 'resolved', at: '2026-11-23T13:00:00Z' }] };
 * resolutionTime([t]).value; // => 14400000
 * resolutionTime([t], { which: 'first' }).value; // => 3600000
 * ```
 */
export function resolutionTime(
  tickets: Iterable<TicketRecordInput>,
  options?: ResolutionTimeOptions,
): WithSkipped<TimeMetricResult> {
  return runMetric(resolutionTimeMetric, tickets, options);
}
