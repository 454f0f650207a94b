import { z } from 'zod';
import { DurationSchema } from '../model/duration';
import {
  type Accumulator,
  createRateAccumulator,
  type MetricDefinition,
  type MetricEnv,
  type RateResult,
  rateFromFlags,
  runMetric,
  TICKET_FLAGS,
  type TicketFacts,
  type WithSkipped,
} from './_engine';
import { BaseOptionsSchema, type TicketRecordInput } from './schemas';

/** Result of the rates whose numerator depends on later contacts of the same customer. */
export interface RepeatAwareResult extends RateResult {
  /** Records without `customerId`: repeat contacts could not be checked (counted as no repeat). */
  withoutCustomer: number;
}

/**
 * Deferred classification: candidates are kept (customer, created, anchor) and checked against
 * the repeat-contact index once the pass is over, so a repeat in a later bucket or group counts.
 */
function createRepeatAwareAccumulator(
  env: MetricEnv,
  windowMs: number,
  classify: (f: TicketFacts) => 'no' | 'candidate' | null,
  anchorOf: (f: TicketFacts) => number,
): Accumulator<TicketFacts, RepeatAwareResult> {
  let n = 0;
  let withoutCustomer = 0;
  let unverifiedHits = 0;
  const customers: string[] = [];
  const created: number[] = [];
  const anchors: number[] = [];
  return {
    add(f) {
      const c = classify(f);
      if (c === null) return;
      n++;
      if (c === 'no') return;
      if (f.customerId === undefined) {
        withoutCustomer++;
        unverifiedHits++;
        return;
      }
      customers.push(f.customerId);
      created.push(f.createdAt);
      anchors.push(anchorOf(f));
    },
    result() {
      let count = unverifiedHits;
      for (let i = 0; i < customers.length; i++) {
        if (!env.contacts.hasOtherContact(customers[i]!, created[i]!, anchors[i]! + windowMs)) count++;
      }
      return { value: n ? count / n : null, n, count, withoutCustomer };
    },
  };
}

// ---------------------------------------------------------------- FCR

/** Options of {@link fcr}. */
export const FcrOptionsSchema = BaseOptionsSchema.extend({
  /** A new contact by the same customer within this window after resolution breaks FCR. Default 7 days (Call Centre Helper). */
  repeatWindow: DurationSchema.default(7 * 86_400_000),
  /** Denominator: `all` contacts (default) or only `resolved` ones (Freshservice). */
  denominator: z.enum(['all', 'resolved']).default('all'),
  /** A transferred or handed-off contact is not resolved on first contact. Default true. */
  transfersBreakFcr: z.boolean().default(true),
});
/** Options of {@link fcr}. */
export type FcrOptions = z.input<typeof FcrOptionsSchema>;

/** First contact resolution definition. */
export const fcrMetric: MetricDefinition<'ticket', z.output<typeof FcrOptionsSchema>, RepeatAwareResult> = {
  name: 'fcr',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  usesContactIndex: true,
  source:
    'Call Centre Helper, "First Call (Contact) Resolution": a contact fails FCR if the customer contacts again about it within 7 days; WFM Labs: no re-contact, transfer or escalation; Freshservice: resolved tickets as denominator (option)',
  optionsSchema: FcrOptionsSchema,
  create(options, env) {
    return createRepeatAwareAccumulator(
      env,
      options.repeatWindow,
      (f) => {
        const resolved = !Number.isNaN(f.firstResolvedAt);
        if (!resolved) return options.denominator === 'resolved' ? null : 'no';
        if (f.reopens > 0) return 'no';
        if (options.transfersBreakFcr && (f.transfers > 0 || f.reroutes > 0 || f.handedOff)) return 'no';
        return 'candidate';
      },
      (f) => f.firstResolvedAt,
    );
  },
};

/**
 * First contact resolution: the share of contacts resolved without a reopen, without a transfer,
 * and with no new contact by the same customer within `repeatWindow` (default 7 days) after the
 * resolution. Repeat contacts are found across the whole input (any group or bucket); contacts
 * after the end of the data cannot be seen, so the most recent week reads high.
 *
 * Source: Call Centre Helper, "First Call (Contact) Resolution" (7-day re-contact window);
 * Freshservice, "How do you calculate FCR?" (resolved tickets as denominator, option).
 *
 * @example
 * ```ts
 * import { fcr } from 'tandem-cx/metrics';
 * const day = 86400000;
 * const t = [{ customerId: 'a', createdAt: 0, resolvedAt: 3600000 }, { customerId: 'a', createdAt: 3 * day, resolvedAt: 3 * day + 60000 }, { customerId: 'b', createdAt: 0, resolvedAt: 60000, reopens: 1 }, { customerId: 'c', createdAt: 0 }];
 * fcr(t); // => { value: 0.25, count: 1, n: 4 }
 * ```
 */
export function fcr(
  tickets: Iterable<TicketRecordInput>,
  options?: FcrOptions,
): WithSkipped<RepeatAwareResult> {
  return runMetric(fcrMetric, tickets, options);
}

// ---------------------------------------------------------------- reopen / transfer

/** Options of {@link reopenRate}. */
export const ReopenRateOptionsSchema = BaseOptionsSchema;
/** Options of {@link reopenRate}. */
export type ReopenRateOptions = z.input<typeof ReopenRateOptionsSchema>;

/** Reopen rate definition. */
export const reopenRateMetric: MetricDefinition<
  'ticket',
  z.output<typeof ReopenRateOptionsSchema>,
  RateResult
> = {
  name: 'reopenRate',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'Zendesk Explore "Reopened tickets" / "Solved tickets": tickets reopened at least once among tickets solved at least once',
  optionsSchema: ReopenRateOptionsSchema,
  flags: () => ({ denominator: TICKET_FLAGS.resolvedEver, any: TICKET_FLAGS.reopened, none: 0 }),
  create: (options) => createRateAccumulator(rateFromFlags(reopenRateMetric.flags!(options)!)),
};

/**
 * Reopen rate: tickets reopened at least once among tickets resolved at least once.
 *
 * Source: Zendesk Explore, "Reopened tickets" over "Solved tickets".
 *
 * @example
 * ```ts
 * import { reopenRate } from 'tandem-cx/metrics';
 * reopenRate([{ createdAt: 0, resolvedAt: 10, reopens: 1 }, { createdAt: 0, resolvedAt: 10 }, { createdAt: 0, resolvedAt: 10 }, { createdAt: 0 }]); // => { value: 0.3333, count: 1, n: 3 }
 * ```
 */
export function reopenRate(
  tickets: Iterable<TicketRecordInput>,
  options?: ReopenRateOptions,
): WithSkipped<RateResult> {
  return runMetric(reopenRateMetric, tickets, options);
}

/** Options of {@link transferRate}. */
export const TransferRateOptionsSchema = BaseOptionsSchema.extend({
  /** Count a bot → human handoff as a transfer. Default false. */
  includeHandoffs: z.boolean().default(false),
});
/** Options of {@link transferRate}. */
export type TransferRateOptions = z.input<typeof TransferRateOptionsSchema>;

/** Transfer rate definition. */
export const transferRateMetric: MetricDefinition<
  'ticket',
  z.output<typeof TransferRateOptionsSchema>,
  RateResult
> = {
  name: 'transferRate',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source: 'ICMI / SQM Group: transfer rate = contacts transferred at least once / contacts handled',
  optionsSchema: TransferRateOptionsSchema,
  flags: (options) => ({
    denominator: 0,
    any: TICKET_FLAGS.transferred | (options.includeHandoffs ? TICKET_FLAGS.handedOff : 0),
    none: 0,
  }),
  create: (options) => createRateAccumulator(rateFromFlags(transferRateMetric.flags!(options)!)),
};

/**
 * Transfer rate: contacts transferred (to another agent or queue) at least once, over all contacts.
 *
 * Source: ICMI / SQM Group, "Transfer rate".
 *
 * @example
 * ```ts
 * import { transferRate } from 'tandem-cx/metrics';
 * transferRate([{ createdAt: 0, transfers: 2 }, { createdAt: 0 }, { createdAt: 0, events: [{ type: 'transferred', at: 5 }] }, { createdAt: 0 }]); // => { value: 0.5, count: 2, n: 4 }
 * ```
 */
export function transferRate(
  tickets: Iterable<TicketRecordInput>,
  options?: TransferRateOptions,
): WithSkipped<RateResult> {
  return runMetric(transferRateMetric, tickets, options);
}

// ---------------------------------------------------------------- routing accuracy

/** Options of {@link routingAccuracy}. */
export const RoutingAccuracyOptionsSchema = BaseOptionsSchema.extend({
  /** Only a transfer/re-route within this time after creation counts as misrouting. Default: any time. */
  within: DurationSchema.optional(),
});
/** Options of {@link routingAccuracy}. */
export type RoutingAccuracyOptions = z.input<typeof RoutingAccuracyOptionsSchema>;

/** Routing accuracy definition. */
export const routingAccuracyMetric: MetricDefinition<
  'ticket',
  z.output<typeof RoutingAccuracyOptionsSchema>,
  RateResult
> = {
  name: 'routingAccuracy',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'First-time routing accuracy (tandem-cx DOMAIN brief: "60 % of requests reach the right inbox the first time"): no re-route or transfer within N minutes of arrival',
  optionsSchema: RoutingAccuracyOptionsSchema,
  flags: (options) =>
    options.within === undefined ? { denominator: 0, any: 0, none: TICKET_FLAGS.moved } : null,
  rate: (options) => (f) => {
    const moved = f.transfers > 0 || f.reroutes > 0 || !Number.isNaN(f.firstTransferAt);
    if (!moved) return true;
    if (options.within === undefined || Number.isNaN(f.firstTransferAt)) return false;
    return f.firstTransferAt - f.createdAt > options.within;
  },
  create: (options) => createRateAccumulator(routingAccuracyMetric.rate!(options)),
};

/**
 * Routing accuracy: the share of tickets whose first queue was right — no re-route or transfer
 * (within `within` of creation, when given).
 *
 * @example
 * ```ts
 * import { routingAccuracy } from 'tandem-cx/metrics';
 * const t = [{ createdAt: 0 }, { createdAt: 0, firstTransferAt: 60000, transfers: 1 }, { createdAt: 0, firstTransferAt: 7200000, transfers: 1 }];
 * routingAccuracy(t).value; // => 0.3333
 * routingAccuracy(t, { within: '15m' }).value; // => 0.6667
 * ```
 */
export function routingAccuracy(
  tickets: Iterable<TicketRecordInput>,
  options?: RoutingAccuracyOptions,
): WithSkipped<RateResult> {
  return runMetric(routingAccuracyMetric, tickets, options);
}

// ---------------------------------------------------------------- bot outcomes

/** Options of {@link containmentRate} and {@link handoffRate}. */
export const BotRateOptionsSchema = BaseOptionsSchema;
/** Options of {@link containmentRate} and {@link handoffRate}. */
export type BotRateOptions = z.input<typeof BotRateOptionsSchema>;

/** Containment rate definition. */
export const containmentRateMetric: MetricDefinition<
  'ticket',
  z.output<typeof BotRateOptionsSchema>,
  RateResult
> = {
  name: 'containmentRate',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'IBM watsonx Assistant "containment": conversations the assistant handled without human intervention / conversations with the assistant',
  optionsSchema: BotRateOptionsSchema,
  flags: () => ({ denominator: TICKET_FLAGS.bot, any: 0, none: TICKET_FLAGS.human }),
  create: (options) => createRateAccumulator(rateFromFlags(containmentRateMetric.flags!(options)!)),
};

/**
 * Containment rate: among conversations the bot took part in, the share no human was involved in.
 *
 * Source: IBM watsonx Assistant analytics, "containment rate".
 *
 * @example
 * ```ts
 * import { containmentRate } from 'tandem-cx/metrics';
 * containmentRate([{ createdAt: 0, botOnly: true }, { createdAt: 0, botInvolved: true, handedOffAt: 5 }, { createdAt: 0, botOnly: true }, { createdAt: 0, humanInvolved: true }]); // => { value: 0.6667, count: 2, n: 3 }
 * ```
 */
export function containmentRate(
  tickets: Iterable<TicketRecordInput>,
  options?: BotRateOptions,
): WithSkipped<RateResult> {
  return runMetric(containmentRateMetric, tickets, options);
}

/** Handoff rate definition. */
export const handoffRateMetric: MetricDefinition<
  'ticket',
  z.output<typeof BotRateOptionsSchema>,
  RateResult
> = {
  name: 'handoffRate',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  source:
    'Zendesk AI agents "escalation rate" / Intercom Fin "escalated": bot conversations handed to a human / bot conversations',
  optionsSchema: BotRateOptionsSchema,
  flags: () => ({ denominator: TICKET_FLAGS.bot, any: TICKET_FLAGS.handedOff, none: 0 }),
  create: (options) => createRateAccumulator(rateFromFlags(handoffRateMetric.flags!(options)!)),
};

/**
 * Handoff rate: among conversations the bot took part in, the share handed off to a human
 * (a `handoff` event or `handedOffAt`).
 *
 * Source: Zendesk AI agents analytics, "escalation rate"; Intercom Fin reports, "escalated".
 *
 * @example
 * ```ts
 * import { handoffRate } from 'tandem-cx/metrics';
 * handoffRate([{ createdAt: 0, botOnly: true }, { createdAt: 0, botInvolved: true, events: [{ type: 'handoff.escalated', at: 5 }] }]); // => { value: 0.5, count: 1, n: 2 }
 * ```
 */
export function handoffRate(
  tickets: Iterable<TicketRecordInput>,
  options?: BotRateOptions,
): WithSkipped<RateResult> {
  return runMetric(handoffRateMetric, tickets, options);
}

/** Options of {@link automatedResolutionRate}. */
export const AutomatedResolutionOptionsSchema = BaseOptionsSchema.extend({
  /** No new contact by the customer within this window after resolution. Default 72 h (Zendesk). */
  repeatWindow: DurationSchema.default(72 * 3_600_000),
  /** Denominator: `all` conversations (default, as Intercom ROAR) or only `bot` conversations. */
  denominator: z.enum(['all', 'bot']).default('all'),
});
/** Options of {@link automatedResolutionRate}. */
export type AutomatedResolutionOptions = z.input<typeof AutomatedResolutionOptionsSchema>;

/** Verified automated resolution definition. */
export const automatedResolutionRateMetric: MetricDefinition<
  'ticket',
  z.output<typeof AutomatedResolutionOptionsSchema>,
  RepeatAwareResult
> = {
  name: 'automatedResolutionRate',
  kind: 'ticket',
  aggregate: 'proportion',
  unit: 'fraction',
  usesContactIndex: true,
  source:
    'Zendesk "About automated resolutions": resolved without live-agent intervention, counted after 72 hours of inactivity; Intercom ROAR (rate of automated resolution) over all conversations',
  optionsSchema: AutomatedResolutionOptionsSchema,
  create(options, env) {
    return createRepeatAwareAccumulator(
      env,
      options.repeatWindow,
      (f) => {
        if (options.denominator === 'bot' && !f.botInvolved) return null;
        if (!f.botInvolved || f.humanInvolved || Number.isNaN(f.resolvedAt)) return 'no';
        return 'candidate';
      },
      (f) => f.resolvedAt,
    );
  },
};

/**
 * Verified automated resolution rate: conversations resolved by the bot with no human involved and
 * no new contact by the same customer within `repeatWindow` (default 72 h) after the resolution,
 * over all conversations (or bot conversations with `denominator: 'bot'`).
 *
 * Source: Zendesk, "About automated resolutions for AI agents" (72 hours); Intercom, ROAR.
 *
 * @example
 * ```ts
 * import { automatedResolutionRate } from 'tandem-cx/metrics';
 * const h = 3600000;
 * const t = [{ customerId: 'a', createdAt: 0, resolvedAt: h, botOnly: true }, { customerId: 'a', createdAt: 24 * h, humanInvolved: true }, { customerId: 'b', createdAt: 0, resolvedAt: h, botOnly: true }, { customerId: 'c', createdAt: 0, humanInvolved: true }];
 * automatedResolutionRate(t); // => { value: 0.25, count: 1, n: 4 }
 * ```
 */
export function automatedResolutionRate(
  tickets: Iterable<TicketRecordInput>,
  options?: AutomatedResolutionOptions,
): WithSkipped<RepeatAwareResult> {
  return runMetric(automatedResolutionRateMetric, tickets, options);
}
