import { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import { DurationSchema } from '../model/duration';
import { InstantSchema, PrioritySchema } from '../model/schemas';
import {
  type MetricDefinition,
  type MetricResultBase,
  runMetric,
  type TicketFacts,
  type WithSkipped,
} from './_engine';
import { elapsedMs, type PauseMs } from './_time';
import { BaseOptionsSchema, CalendarOptionSchema, type TicketRecordInput } from './schemas';

/** One SLA target row: the goals for tickets of some priorities. */
export const SlaTargetSchema = z
  .object({
    /** Priorities this row applies to; absent = any priority (use as the last, catch-all row). */
    priority: z.union([PrioritySchema, z.array(PrioritySchema).min(1)]).optional(),
    firstReply: DurationSchema.optional(),
    nextReply: DurationSchema.optional(),
    resolution: DurationSchema.optional(),
    /** Measure in `business` hours (through `calendar`, default) or `calendar` hours, as Zendesk SLA policies. */
    hours: z.enum(['business', 'calendar']).default('business'),
  })
  .refine((t) => t.firstReply !== undefined || t.nextReply !== undefined || t.resolution !== undefined, {
    message: 'a target needs at least one of firstReply, nextReply, resolution',
  });

/** An SLA policy: target rows checked in order; the first row matching the ticket's priority applies. */
export const SlaPolicySchema = z.object({
  id: z.string().optional(),
  targets: z.array(SlaTargetSchema).min(1),
});
/** An SLA policy as callers write it. */
export type SlaPolicy = z.input<typeof SlaPolicySchema>;

/** Options of {@link slaAttainment}. */
export const SlaOptionsSchema = BaseOptionsSchema.extend({
  policy: SlaPolicySchema,
  /** Business calendar for targets in business hours; without it business = calendar time. */
  calendar: CalendarOptionSchema.optional(),
  /** Open targets older than their goal at `now` are breached; without `now` they stay pending. */
  now: InstantSchema.optional(),
  humanOnly: z.boolean().default(false),
  excludePauses: z.boolean().default(true),
});
/** Options of {@link slaAttainment}. */
export type SlaOptions = z.input<typeof SlaOptionsSchema>;

/** Counts for one SLA metric. */
export interface SlaCounts {
  value: number | null;
  achieved: number;
  breached: number;
  /** Not measured yet and not yet past the goal (or no `now`). */
  pending: number;
}

/** Result of {@link slaAttainment}. */
export interface SlaResult extends MetricResultBase {
  /** achieved / (achieved + breached), over every target instance; null when none decided. */
  value: number | null;
  /** achieved + breached. */
  n: number;
  achieved: number;
  breached: number;
  pending: number;
  /** Tickets no target row applies to. */
  uncovered: number;
  byMetric: { firstReply: SlaCounts; nextReply: SlaCounts; resolution: SlaCounts };
}

type Counts = { achieved: number; breached: number; pending: number };
const counts = (): Counts => ({ achieved: 0, breached: 0, pending: 0 });
const finish = (c: Counts): SlaCounts => ({
  ...c,
  value: c.achieved + c.breached ? c.achieved / (c.achieved + c.breached) : null,
});

/** SLA attainment definition (Zendesk SLA policies). */
export const slaAttainmentMetric: MetricDefinition<'ticket', z.output<typeof SlaOptionsSchema>, SlaResult> = {
  name: 'slaAttainment',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'Zendesk SLA policies (targets per priority for first reply, next reply, resolution; business or calendar hours); achievement rate = achieved / (achieved + breached)',
  optionsSchema: SlaOptionsSchema,
  create(options) {
    const now = options.now?.getTime() ?? Number.NaN;
    const targets = options.policy.targets.map((t) => ({
      ...t,
      priorities:
        t.priority === undefined ? null : new Set(Array.isArray(t.priority) ? t.priority : [t.priority]),
    }));
    const by = { firstReply: counts(), nextReply: counts(), resolution: counts() };
    let uncovered = 0;
    const judge = (
      c: Counts,
      goal: number,
      start: number,
      end: number,
      pauses: PauseMs[] | null,
      calendar: BusinessCalendar | undefined,
    ) => {
      if (!Number.isNaN(end)) {
        if (elapsedMs(start, end, pauses, calendar) <= goal) c.achieved++;
        else c.breached++;
      } else if (!Number.isNaN(now) && now > start && elapsedMs(start, now, pauses, calendar) > goal)
        c.breached++;
      else c.pending++;
    };
    return {
      add(f: TicketFacts) {
        const target = targets.find((t) => t.priorities === null || t.priorities.has(f.priority));
        if (!target) {
          uncovered++;
          return;
        }
        const calendar = target.hours === 'business' ? options.calendar : undefined;
        const pauses = options.excludePauses ? f.pauses : null;
        if (target.firstReply !== undefined)
          judge(
            by.firstReply,
            target.firstReply,
            f.createdAt,
            options.humanOnly ? f.firstHumanResponseAt : f.firstResponseAt,
            pauses,
            calendar,
          );
        if (target.resolution !== undefined)
          judge(by.resolution, target.resolution, f.createdAt, f.resolvedAt, pauses, calendar);
        if (target.nextReply !== undefined && f.messages) {
          let waitingSince = Number.NaN;
          let replied = false;
          for (const m of f.messages) {
            if (!m.public) continue;
            if (m.author === 'customer') {
              if (Number.isNaN(waitingSince)) waitingSince = m.at;
            } else if (m.author === 'agent' || (!options.humanOnly && m.author === 'bot')) {
              if (replied && !Number.isNaN(waitingSince))
                judge(by.nextReply, target.nextReply, waitingSince, m.at, pauses, calendar);
              waitingSince = Number.NaN;
              replied = true;
            }
          }
          if (replied && !Number.isNaN(waitingSince))
            judge(by.nextReply, target.nextReply, waitingSince, Number.NaN, pauses, calendar);
        }
      },
      result() {
        const achieved = by.firstReply.achieved + by.nextReply.achieved + by.resolution.achieved;
        const breached = by.firstReply.breached + by.nextReply.breached + by.resolution.breached;
        const pending = by.firstReply.pending + by.nextReply.pending + by.resolution.pending;
        const n = achieved + breached;
        return {
          value: n ? achieved / n : null,
          n,
          achieved,
          breached,
          pending,
          uncovered,
          byMetric: {
            firstReply: finish(by.firstReply),
            nextReply: finish(by.nextReply),
            resolution: finish(by.resolution),
          },
        };
      },
    };
  },
};

/**
 * SLA attainment: the share of SLA targets achieved, for a policy with goals per priority (first
 * reply, next reply, resolution; business or calendar hours). A target is achieved when the
 * measured time is within its goal, breached when over it — or, when still open, when `now` is
 * already past the goal; otherwise pending.
 *
 * Source: Zendesk, "Defining and using SLA policies" (metrics first reply time, next reply time,
 * full resolution time; achievement = achieved / (achieved + breached)).
 *
 * @example
 * ```ts
 * import { slaAttainment } from 'tandem-cx/metrics';
 * const policy = { targets: [{ priority: [1, 2], firstReply: '1h' }, { firstReply: '8h' }] };
 * const t = [{ createdAt: 0, priority: 1, firstResponseAt: 1800000 }, { createdAt: 0, priority: 1, firstResponseAt: 7200000 }, { createdAt: 0, priority: 4, firstResponseAt: 7200000 }, { createdAt: 0, priority: 4 }];
 * slaAttainment(t, { policy }); // => { value: 0.6667, achieved: 2, breached: 1, pending: 1 }
 * slaAttainment(t, { policy, now: 86400000 }).breached; // => 2
 * ```
 */
export function slaAttainment(
  tickets: Iterable<TicketRecordInput>,
  options: SlaOptions,
): WithSkipped<SlaResult> {
  return runMetric(slaAttainmentMetric, tickets, options);
}
