import type { z } from 'zod';
import { InstantSchema } from '../model/schemas';
import {
  type MetricDefinition,
  type MetricResultBase,
  runMetric,
  type TicketFacts,
  type WithSkipped,
} from './_engine';
import { BaseOptionsSchema, type TicketRecordInput } from './schemas';

const DAY = 86_400_000;

/** Options of {@link adoption}. */
export const AdoptionOptionsSchema = BaseOptionsSchema.extend({
  /** End of the daily / weekly / 30-day windows (exclusive). Without it those counts are null. */
  asOf: InstantSchema.optional(),
});
/** Options of {@link adoption}. */
export type AdoptionOptions = z.input<typeof AdoptionOptionsSchema>;

/** Result of {@link adoption}. */
export interface AdoptionResult extends MetricResultBase {
  /** Distinct customers with a bot conversation in the input (per bucket in computeMetrics: DAU/WAU/MAU). */
  value: number | null;
  /** Bot conversations. */
  n: number;
  /** Distinct bot users in the 1, 7 and 30 days before `asOf`. */
  daily: number | null;
  weekly: number | null;
  monthly: number | null;
  /** daily / monthly ("stickiness"). */
  stickiness: number | null;
  /** Bot conversations that neither resolved, handed off nor completed. */
  startedNotCompleted: number;
  startedNotCompletedRate: number | null;
  botTurns: number;
  botErrors: number;
  /** botErrors / botTurns. */
  errorRate: number | null;
  /** Bot conversations without `customerId` (not in the user counts). */
  withoutCustomer: number;
}

/** Bot adoption definition. */
export const adoptionMetric: MetricDefinition<
  'ticket',
  z.output<typeof AdoptionOptionsSchema>,
  AdoptionResult
> = {
  name: 'adoption',
  kind: 'ticket',
  aggregate: 'distinct',
  unit: 'count',
  source:
    'DAU/WAU/MAU active-user counts (distinct users in 1/7/30 days; stickiness DAU/MAU); Google Dialogflow CX analytics (no-match turns / turns) for the bot error rate; started-not-completed from the tandem-cx DOMAIN brief',
  optionsSchema: AdoptionOptionsSchema,
  create(options) {
    const asOf = options.asOf?.getTime() ?? Number.NaN;
    const users = new Set<string>();
    const daily = new Set<string>();
    const weekly = new Set<string>();
    const monthly = new Set<string>();
    let n = 0;
    let notCompleted = 0;
    let botTurns = 0;
    let botErrors = 0;
    let withoutCustomer = 0;
    return {
      add(f: TicketFacts) {
        if (!f.botInvolved) return;
        n++;
        if (!f.completed) notCompleted++;
        botTurns += f.botTurns;
        botErrors += f.botErrors;
        const id = f.customerId;
        if (id === undefined) {
          withoutCustomer++;
          return;
        }
        users.add(id);
        if (!Number.isNaN(asOf) && f.createdAt < asOf) {
          const age = asOf - f.createdAt;
          if (age <= DAY) daily.add(id);
          if (age <= 7 * DAY) weekly.add(id);
          if (age <= 30 * DAY) monthly.add(id);
        }
      },
      result() {
        const hasWindow = !Number.isNaN(asOf);
        return {
          value: n ? users.size : null,
          n,
          daily: hasWindow ? daily.size : null,
          weekly: hasWindow ? weekly.size : null,
          monthly: hasWindow ? monthly.size : null,
          stickiness: hasWindow && monthly.size ? daily.size / monthly.size : null,
          startedNotCompleted: notCompleted,
          startedNotCompletedRate: n ? notCompleted / n : null,
          botTurns,
          botErrors,
          errorRate: botTurns ? botErrors / botTurns : null,
          withoutCustomer,
        };
      },
    };
  },
};

/**
 * Bot adoption: distinct customers using the bot (overall and in the 1 / 7 / 30 days before
 * `asOf`), conversations started but not completed, and the bot error rate (errored bot turns /
 * bot turns). A conversation is a bot conversation when the bot took part (`botInvolved`,
 * `botOnly`, bot messages or a handoff); it is completed when it was resolved, handed off or
 * reached `bot.completed`.
 *
 * Sources: DAU/WAU/MAU active-user definitions (distinct users in a trailing window);
 * Google Dialogflow CX conversation analytics (no-match rate) for the error rate.
 *
 * @example
 * ```ts
 * import { adoption } from 'tandem-cx/metrics';
 * const d = 86400000;
 * const t = [{ customerId: 'a', createdAt: 29 * d, botOnly: true, completed: true, botTurns: 4, botErrors: 1 }, { customerId: 'b', createdAt: 10 * d, botOnly: true, botTurns: 2 }, { customerId: 'a', createdAt: 2 * d, botOnly: true, completed: true, botTurns: 2 }];
 * adoption(t, { asOf: 30 * d }); // => { value: 2, n: 3, daily: 1, weekly: 1, monthly: 2, startedNotCompleted: 1, errorRate: 0.125 }
 * ```
 */
export function adoption(
  tickets: Iterable<TicketRecordInput>,
  options?: AdoptionOptions,
): WithSkipped<AdoptionResult> {
  return runMetric(adoptionMetric, tickets, options);
}
