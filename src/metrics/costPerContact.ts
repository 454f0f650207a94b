import { z } from 'zod';
import {
  type MetricDefinition,
  type MetricResultBase,
  runMetric,
  type TicketFacts,
  type WithSkipped,
} from './_engine';
import { BaseOptionsSchema, type TicketRecordInput } from './schemas';

const money = z.number().min(0, 'must not be negative').finite();

/** Options of {@link costPerContact}. */
export const CostPerContactOptionsSchema = BaseOptionsSchema.extend({
  /** Cost of one contact handled by the bot alone (e.g. a per-resolution price). Default 0. */
  botCost: money.default(0),
  /** Cost of one contact a human took part in. */
  humanCost: money.optional(),
  /** Human cost per hour of `handleTime` (loaded agent cost), added to `humanCost`. */
  humanCostPerHour: money.optional(),
  /** Fixed cost for the period (platform, licences), spread over all contacts. Default 0. */
  fixedCost: money.default(0),
}).refine((o) => o.humanCost !== undefined || o.humanCostPerHour !== undefined, {
  message: 'give humanCost and/or humanCostPerHour',
  path: ['humanCost'],
});
/** Options of {@link costPerContact}. */
export type CostPerContactOptions = z.input<typeof CostPerContactOptionsSchema>;

/** Result of {@link costPerContact}. */
export interface CostPerContactResult extends MetricResultBase {
  /** totalCost / n; null without contacts. */
  value: number | null;
  n: number;
  botContacts: number;
  humanContacts: number;
  botCost: number;
  humanCost: number;
  totalCost: number;
  /** Human contacts without `handleTime` while `humanCostPerHour` is set: not costed, not in n. */
  missing: number;
}

/** Cost per contact definition. */
export const costPerContactMetric: MetricDefinition<
  'ticket',
  z.output<typeof CostPerContactOptionsSchema>,
  CostPerContactResult
> = {
  name: 'costPerContact',
  kind: 'ticket',
  aggregate: 'ratio',
  unit: 'currency',
  source:
    'MetricNet / HDI "cost per ticket" = total support cost / ticket volume; bot vs human split as in the Autodesk virtual-agent case (DOMAIN brief: $15–200 → $1 per ticket)',
  optionsSchema: CostPerContactOptionsSchema,
  create(options) {
    let botContacts = 0;
    let humanContacts = 0;
    let botCost = 0;
    let humanCost = 0;
    let missing = 0;
    return {
      add(f: TicketFacts) {
        if (!f.humanInvolved) {
          botContacts++;
          botCost += options.botCost;
          return;
        }
        let cost = options.humanCost ?? 0;
        if (options.humanCostPerHour !== undefined) {
          if (Number.isNaN(f.handleTime)) {
            missing++;
            return;
          }
          cost += (f.handleTime / 3_600_000) * options.humanCostPerHour;
        }
        humanContacts++;
        humanCost += cost;
      },
      result() {
        const n = botContacts + humanContacts;
        const totalCost = botCost + humanCost + options.fixedCost;
        return {
          value: n ? totalCost / n : null,
          n,
          botContacts,
          humanContacts,
          botCost,
          humanCost,
          totalCost,
          missing,
        };
      },
    };
  },
};

/**
 * Cost per contact: (bot contacts × `botCost` + human contacts × (`humanCost` + hours ×
 * `humanCostPerHour`) + `fixedCost`) / contacts. A contact is a human contact when a person took part.
 *
 * Source: MetricNet / HDI, "cost per ticket" (total cost / volume).
 *
 * @example
 * ```ts
 * import { costPerContact } from 'tandem-cx/metrics';
 * const t = [{ createdAt: 0, botOnly: true }, { createdAt: 0, botOnly: true }, { createdAt: 0, botOnly: true }, { createdAt: 0, humanInvolved: true, handleTime: 1800000 }];
 * costPerContact(t, { botCost: 1, humanCost: 2, humanCostPerHour: 40 }); // => { value: 6.25, botContacts: 3, humanContacts: 1, totalCost: 25 }
 * ```
 */
export function costPerContact(
  tickets: Iterable<TicketRecordInput>,
  options: CostPerContactOptions,
): WithSkipped<CostPerContactResult> {
  return runMetric(costPerContactMetric, tickets, options);
}
