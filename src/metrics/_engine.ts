/**
 * The streaming engine shared by every calculator and by computeMetrics: record readers that
 * validate cheaply by hand (no zod in the hot path) and derive per-record facts once, metric
 * definitions with accumulators (`add` / `result`), and the single-pass runner.
 */
import type { z } from 'zod';
import type { BusinessCalendar } from '../calendar/types';
import { parseWithSchema, TandemError, type TandemIssue } from '../model/errors';
import { createFloat64Buffer, type Float64Buffer, quantileSorted } from './_stats';
import { isPresent, type PauseMs, toMs } from './_time';
import type { OnInvalid } from './schemas';

/** The three record shapes the metrics read. */
export type RecordKind = 'ticket' | 'survey' | 'contact';

/** One invalid record: its 0-based row (and 1-based line when parsed from text), field and problem. */
export interface InvalidRecord {
  row: number;
  line?: number;
  field: string;
  message: string;
}

/** A normalized message (epoch ms). */
export interface MessageFacts {
  author: string;
  at: number;
  public: boolean;
  error: boolean;
}

/** Everything the ticket metrics need, derived once per record. Times are epoch ms, NaN = none. */
export interface TicketFacts {
  record: Record<string, unknown>;
  customerId: string | undefined;
  createdAt: number;
  firstResponseAt: number;
  firstHumanResponseAt: number;
  firstResolvedAt: number;
  resolvedAt: number;
  reopens: number;
  transfers: number;
  reroutes: number;
  firstTransferAt: number;
  handedOff: boolean;
  humanInvolved: boolean;
  botInvolved: boolean;
  completed: boolean;
  botTurns: number;
  botErrors: number;
  handleTime: number;
  priority: number;
  pauses: PauseMs[] | null;
  /** Messages sorted by time, or null when the record has none. */
  messages: MessageFacts[] | null;
  /** Boolean facts as bits ({@link TICKET_FLAGS}). */
  flags: number;
}

/** A survey answer: the rating (NaN = skipped question) and the raw record. */
export interface SurveyFacts {
  record: Record<string, unknown> | null;
  rating: number;
  respondedAt: number;
}

/** A call/contact. */
export interface ContactFacts {
  record: Record<string, unknown>;
  offeredAt: number;
  answeredAt: number;
  abandonedAt: number;
  talkTime: number;
  holdTime: number;
  wrapTime: number;
  transferred: boolean;
}

/** Facts by record kind. */
export interface FactsByKind {
  ticket: TicketFacts;
  survey: SurveyFacts;
  contact: ContactFacts;
}

/** Repeat-contact index: contact creation times per customer, filled during the pass. */
export interface ContactIndex {
  add(customerId: string, at: number): void;
  /** True when the customer has another contact created in `(after, until]` (or at `after` itself, besides this one). */
  hasOtherContact(customerId: string, after: number, until: number): boolean;
}

/** What accumulators get from the runner. */
export interface MetricEnv {
  /** Keep every value of time metrics so percentiles can be computed. */
  keepValues: boolean;
  contacts: ContactIndex;
}

/** A streaming accumulator: one `add` per record, one `result` at the end. */
export interface Accumulator<F, R> {
  add(facts: F): void;
  result(): R;
}

/** The base of every metric result. `value` is null when the metric is undefined (never NaN). */
export interface MetricResultBase {
  value: number | null;
  n: number;
}

/**
 * A metric, declaratively: its record kind, aggregate family, unit and source, plus how to build an
 * accumulator. The declarative part is what a SQL generator would read.
 */
export interface MetricDefinition<K extends RecordKind, O, R extends MetricResultBase> {
  readonly name: string;
  readonly kind: K;
  /** Aggregate family: `proportion` (count/n), `mean`, `net_score`, `distinct`, `ratio`. */
  readonly aggregate: 'proportion' | 'mean' | 'net_score' | 'distinct' | 'ratio';
  readonly unit: 'fraction' | 'ms' | 'score' | 'count' | 'currency';
  /** The definition's source, as cited in docs/metrics.md. */
  readonly source: string;
  readonly optionsSchema: z.ZodType<O>;
  /** Needs the repeat-contact index (FCR, automated resolution). */
  readonly usesContactIndex?: boolean;
  /**
   * Declarative form of a proportion over records (true / false / null = not counted); the engine
   * runs it inline, and it is what a SQL generator would translate (`AVG(CASE …)`).
   */
  rate?(options: O): (facts: FactsByKind[K]) => boolean | null;
  /**
   * The same proportion as ticket flags (see {@link TICKET_FLAGS}), when it can be: counted when all
   * `denominator` bits are set; in the numerator when any `any` bit (or `any` is 0) and no `none`
   * bit is set. The engine evaluates it with bit operations, no call per record.
   */
  flags?(options: O): FlagRate | null;
  /**
   * Declarative form of a mean duration `end − createdAt` (NaN end = missing); run inline by
   * computeMetrics when the statistic is the mean.
   */
  elapsed?(options: O): ElapsedSpec;
  /** Metric-specific record checks (e.g. rating within the scale). */
  check?(facts: FactsByKind[K], options: O): { field: string; message: string } | null;
  create(options: O, env: MetricEnv): Accumulator<FactsByKind[K], R>;
}

/** Boolean facts of a ticket as bits of {@link TicketFacts.flags}. */
export const TICKET_FLAGS = {
  resolvedEver: 1,
  reopened: 2,
  transferred: 4,
  handedOff: 8,
  bot: 16,
  human: 32,
  resolved: 64,
  /** Transferred, re-routed or with a first transfer time. */
  moved: 128,
} as const;

/** A proportion over ticket flags. */
export interface FlagRate {
  denominator: number;
  any: number;
  none: number;
}

/** The per-record classifier of a {@link FlagRate} (what the accumulators of the calculators use). */
export function rateFromFlags(spec: FlagRate): (facts: TicketFacts) => boolean | null {
  const { denominator, any, none } = spec;
  return (f) =>
    (f.flags & denominator) !== denominator
      ? null
      : (any === 0 || (f.flags & any) !== 0) && (f.flags & none) === 0;
}

/** A duration metric as data: which timestamp ends it, in which time (calendar), with or without pauses. */
export interface ElapsedSpec {
  end: 'firstResponseAt' | 'firstHumanResponseAt' | 'firstResolvedAt' | 'resolvedAt';
  calendar: BusinessCalendar | undefined;
  excludePauses: boolean;
  statistic: 'mean' | 'p50' | 'p90';
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of heterogeneous definitions
export type AnyMetricDefinition = MetricDefinition<any, any, MetricResultBase>;

/** Parses a metric's options at the boundary. */
export function parseMetricOptions<O>(
  definition: { name: string; optionsSchema: z.ZodType<O> },
  raw: unknown,
): O {
  return parseWithSchema(definition.optionsSchema, raw ?? {}, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: `${definition.name} options`,
  }) as O;
}

const RESOLVED = new Set(['resolved', 'solved', 'conversation.resolved', 'ticket.solved', 'ticket.resolved']);
const REOPENED = new Set(['reopened', 'ticket.reopened', 'conversation.reopened']);
const TRANSFERRED = new Set(['transferred', 'conversation.transferred', 'ticket.transferred']);
const REROUTED = new Set(['rerouted', 'conversation.rerouted']);
const ROUTED = new Set(['routed', 'conversation.routed']);
const HANDOFF = new Set(['handoff', 'handoff.escalated', 'handed_off']);
const BOT_ERROR = new Set(['bot.error', 'bot_error']);
const COMPLETED = new Set(['bot.completed', 'completed']);

/** Problems found in one record; the reader stops adding after the first few. */
type IssueSink = Array<{ field: string; message: string }>;

function readTime(raw: unknown, field: string, issues: IssueSink): number {
  if (!isPresent(raw)) return Number.NaN;
  const ms = toMs(raw);
  if (Number.isNaN(ms)) issues.push({ field, message: `not a valid date/time: ${JSON.stringify(raw)}` });
  return ms;
}

function readCount(raw: unknown, field: string, issues: IssueSink): number {
  if (!isPresent(raw)) return Number.NaN;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 0) {
    issues.push({ field, message: `must be a non-negative integer, got ${JSON.stringify(raw)}` });
    return Number.NaN;
  }
  return raw;
}

function readMillis(raw: unknown, field: string, issues: IssueSink): number {
  if (!isPresent(raw)) return Number.NaN;
  if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
    issues.push({
      field,
      message: `must be a non-negative number of milliseconds, got ${JSON.stringify(raw)}`,
    });
    return Number.NaN;
  }
  return raw;
}

function notBefore(
  later: number,
  laterField: string,
  earlier: number,
  earlierField: string,
  issues: IssueSink,
): void {
  if (later < earlier) issues.push({ field: laterField, message: `${laterField} is before ${earlierField}` });
}

function asRecord(value: unknown, issues: IssueSink): Record<string, unknown> | null {
  if (value !== null && typeof value === 'object' && !Array.isArray(value))
    return value as Record<string, unknown>;
  issues.push({ field: '', message: `expected an object, got ${value === null ? 'null' : typeof value}` });
  return null;
}

const minOf = (a: number, b: number) => (Number.isNaN(a) || b < a ? b : a);

/** Reads a ticket record into `facts` (reused between calls); returns false when invalid. */
export function readTicket(value: unknown, facts: TicketFacts, issues: IssueSink): boolean {
  const r = asRecord(value, issues);
  if (!r) return false;
  facts.record = r;
  // Each timestamp repeats the epoch-ms fast path inline instead of calling readTime first:
  // measured in bench/metrics.ts, moving the check into readTime costs ~5 % of computeMetrics
  // (1.38–1.44× → 1.50–1.53× the hand loop in paired runs), over the 1.5× target.
  const createdAt =
    typeof r.createdAt === 'number' && Number.isFinite(r.createdAt)
      ? (r.createdAt as number)
      : r.createdAt === undefined
        ? Number.NaN
        : readTime(r.createdAt, 'createdAt', issues);
  if (!isPresent(r.createdAt)) issues.push({ field: 'createdAt', message: 'required timestamp is missing' });
  facts.createdAt = createdAt;
  facts.customerId = typeof r.customerId === 'string' ? r.customerId : undefined;
  let firstResponseAt =
    typeof r.firstResponseAt === 'number' && Number.isFinite(r.firstResponseAt)
      ? (r.firstResponseAt as number)
      : r.firstResponseAt === undefined
        ? Number.NaN
        : readTime(r.firstResponseAt, 'firstResponseAt', issues);
  let firstHumanResponseAt =
    typeof r.firstHumanResponseAt === 'number' && Number.isFinite(r.firstHumanResponseAt)
      ? (r.firstHumanResponseAt as number)
      : r.firstHumanResponseAt === undefined
        ? Number.NaN
        : readTime(r.firstHumanResponseAt, 'firstHumanResponseAt', issues);
  let firstResolvedAt =
    typeof r.firstResolvedAt === 'number' && Number.isFinite(r.firstResolvedAt)
      ? (r.firstResolvedAt as number)
      : r.firstResolvedAt === undefined
        ? Number.NaN
        : readTime(r.firstResolvedAt, 'firstResolvedAt', issues);
  let resolvedAt =
    typeof r.resolvedAt === 'number' && Number.isFinite(r.resolvedAt)
      ? (r.resolvedAt as number)
      : r.resolvedAt === undefined
        ? Number.NaN
        : readTime(r.resolvedAt, 'resolvedAt', issues);
  let handedOffAt =
    typeof r.handedOffAt === 'number' && Number.isFinite(r.handedOffAt)
      ? (r.handedOffAt as number)
      : r.handedOffAt === undefined
        ? Number.NaN
        : readTime(r.handedOffAt, 'handedOffAt', issues);
  let firstTransferAt =
    typeof r.firstTransferAt === 'number' && Number.isFinite(r.firstTransferAt)
      ? (r.firstTransferAt as number)
      : r.firstTransferAt === undefined
        ? Number.NaN
        : readTime(r.firstTransferAt, 'firstTransferAt', issues);
  let reopens = r.reopens === undefined ? Number.NaN : readCount(r.reopens, 'reopens', issues);
  let transfers = r.transfers === undefined ? Number.NaN : readCount(r.transfers, 'transfers', issues);
  let reroutes = r.reroutes === undefined ? Number.NaN : readCount(r.reroutes, 'reroutes', issues);
  let botTurns = r.botTurns === undefined ? Number.NaN : readCount(r.botTurns, 'botTurns', issues);
  let botErrors = r.botErrors === undefined ? Number.NaN : readCount(r.botErrors, 'botErrors', issues);
  facts.handleTime = readMillis(r.handleTime, 'handleTime', issues);
  const p = r.priority;
  facts.priority = typeof p === 'number' ? p : Number.NaN;
  if (isPresent(p) && !(typeof p === 'number' && Number.isInteger(p) && p >= 1 && p <= 5))
    issues.push({ field: 'priority', message: `must be an integer 1–5, got ${JSON.stringify(p)}` });

  let agentMessage = false;
  let botMessage = false;
  let messages: MessageFacts[] | null = null;
  if (Array.isArray(r.messages)) {
    messages = [];
    let derivedBotTurns = 0;
    let derivedBotErrors = 0;
    for (let i = 0; i < r.messages.length; i++) {
      const m = r.messages[i] as Record<string, unknown> | null;
      if (m === null || typeof m !== 'object') {
        issues.push({ field: `messages[${i}]`, message: 'expected an object' });
        continue;
      }
      const at = toMs(m.at);
      if (Number.isNaN(at)) {
        issues.push({
          field: `messages[${i}].at`,
          message: isPresent(m.at) ? 'not a valid date/time' : 'required timestamp is missing',
        });
        continue;
      }
      const author = m.author;
      if (author !== 'customer' && author !== 'agent' && author !== 'bot' && author !== 'system') {
        issues.push({
          field: `messages[${i}].author`,
          message: `must be customer, agent, bot or system, got ${JSON.stringify(author)}`,
        });
        continue;
      }
      const isPublic = m.public !== false;
      const error = m.error === true;
      messages.push({ author, at, public: isPublic, error });
      if (author === 'agent') {
        agentMessage = true;
        if (isPublic && at >= createdAt)
          firstHumanResponseAt = isPresent(r.firstHumanResponseAt)
            ? firstHumanResponseAt
            : minOf(firstHumanResponseAt, at);
      } else if (author === 'bot') {
        botMessage = true;
        derivedBotTurns++;
        if (error) derivedBotErrors++;
      }
      if (
        (author === 'agent' || author === 'bot') &&
        isPublic &&
        at >= createdAt &&
        !isPresent(r.firstResponseAt)
      )
        firstResponseAt = minOf(firstResponseAt, at);
    }
    messages.sort((a, b) => a.at - b.at);
    if (Number.isNaN(botTurns)) botTurns = derivedBotTurns;
    if (Number.isNaN(botErrors)) botErrors = derivedBotErrors;
  }
  let handedOff = r.handedOff === true || !Number.isNaN(handedOffAt);
  let completedEvent = false;
  if (Array.isArray(r.events)) {
    let resolvedFirst = Number.NaN;
    let resolvedLast = Number.NaN;
    let reopenLast = Number.NaN;
    let reopenCount = 0;
    let transferCount = 0;
    let rerouteCount = 0;
    let firstMove = Number.NaN;
    let firstQueue: unknown;
    let errorCount = 0;
    for (let i = 0; i < r.events.length; i++) {
      const e = r.events[i] as Record<string, unknown> | null;
      if (e === null || typeof e !== 'object' || typeof e.type !== 'string') {
        issues.push({ field: `events[${i}].type`, message: 'event needs a string type' });
        continue;
      }
      const at = toMs(e.at);
      if (Number.isNaN(at)) {
        issues.push({
          field: `events[${i}].at`,
          message: isPresent(e.at) ? 'not a valid date/time' : 'required timestamp is missing',
        });
        continue;
      }
      if (at < createdAt) {
        issues.push({ field: `events[${i}].at`, message: 'event is before createdAt' });
        continue;
      }
      const type = e.type;
      if (RESOLVED.has(type)) {
        resolvedFirst = minOf(resolvedFirst, at);
        if (Number.isNaN(resolvedLast) || at > resolvedLast) resolvedLast = at;
      } else if (REOPENED.has(type)) {
        reopenCount++;
        if (Number.isNaN(reopenLast) || at > reopenLast) reopenLast = at;
      } else if (TRANSFERRED.has(type)) {
        transferCount++;
        firstMove = minOf(firstMove, at);
      } else if (REROUTED.has(type)) {
        rerouteCount++;
        firstMove = minOf(firstMove, at);
      } else if (ROUTED.has(type)) {
        if (firstQueue === undefined) firstQueue = e.queue ?? null;
        else if (e.queue !== firstQueue) {
          rerouteCount++;
          firstMove = minOf(firstMove, at);
        }
      } else if (HANDOFF.has(type)) {
        handedOff = true;
        handedOffAt = isPresent(r.handedOffAt) ? handedOffAt : minOf(handedOffAt, at);
      } else if (BOT_ERROR.has(type)) errorCount++;
      else if (COMPLETED.has(type)) completedEvent = true;
    }
    if (!isPresent(r.firstResolvedAt)) firstResolvedAt = resolvedFirst;
    if (!isPresent(r.resolvedAt))
      resolvedAt = !Number.isNaN(resolvedLast) && !(reopenLast >= resolvedLast) ? resolvedLast : Number.NaN;
    if (Number.isNaN(reopens)) reopens = reopenCount;
    if (Number.isNaN(transfers)) transfers = transferCount;
    if (Number.isNaN(reroutes)) reroutes = rerouteCount;
    if (!isPresent(r.firstTransferAt)) firstTransferAt = firstMove;
    if (!isPresent(r.botErrors)) botErrors = (Number.isNaN(botErrors) ? 0 : botErrors) + errorCount;
  }
  if (Number.isNaN(firstResponseAt) && !Number.isNaN(firstHumanResponseAt))
    firstResponseAt = firstHumanResponseAt;

  notBefore(firstResponseAt, 'firstResponseAt', createdAt, 'createdAt', issues);
  notBefore(firstHumanResponseAt, 'firstHumanResponseAt', createdAt, 'createdAt', issues);
  notBefore(firstResolvedAt, 'firstResolvedAt', createdAt, 'createdAt', issues);
  notBefore(resolvedAt, 'resolvedAt', createdAt, 'createdAt', issues);
  notBefore(resolvedAt, 'resolvedAt', firstResolvedAt, 'firstResolvedAt', issues);
  notBefore(handedOffAt, 'handedOffAt', createdAt, 'createdAt', issues);
  notBefore(firstTransferAt, 'firstTransferAt', createdAt, 'createdAt', issues);
  if (Number.isNaN(firstResolvedAt)) firstResolvedAt = resolvedAt;

  let pauses: PauseMs[] | null = null;
  if (Array.isArray(r.pauses) && r.pauses.length > 0) {
    pauses = [];
    for (let i = 0; i < r.pauses.length; i++) {
      const pause = r.pauses[i] as Record<string, unknown> | null;
      const start = toMs(pause?.start);
      const end = toMs(pause?.end);
      if (Number.isNaN(start) || Number.isNaN(end)) {
        issues.push({ field: `pauses[${i}]`, message: 'needs valid start and end timestamps' });
        continue;
      }
      if (end < start) {
        issues.push({ field: `pauses[${i}].end`, message: 'end is before start' });
        continue;
      }
      pauses.push({ start, end });
    }
  }

  const botOnly = r.botOnly;
  const humanInvolved =
    typeof r.humanInvolved === 'boolean'
      ? r.humanInvolved
      : botOnly === true
        ? false
        : botOnly === false || agentMessage || handedOff || !Number.isNaN(firstHumanResponseAt);
  const botInvolved =
    typeof r.botInvolved === 'boolean'
      ? r.botInvolved
      : botOnly === true || botMessage || handedOff || (botTurns > 0 && !Number.isNaN(botTurns));

  facts.firstResponseAt = firstResponseAt;
  facts.firstHumanResponseAt = firstHumanResponseAt;
  facts.firstResolvedAt = firstResolvedAt;
  facts.resolvedAt = resolvedAt;
  facts.reopens = Number.isNaN(reopens) ? 0 : reopens;
  facts.transfers = Number.isNaN(transfers) ? 0 : transfers;
  facts.reroutes = Number.isNaN(reroutes) ? 0 : reroutes;
  facts.firstTransferAt = firstTransferAt;
  facts.handedOff = handedOff;
  facts.humanInvolved = humanInvolved;
  facts.botInvolved = botInvolved;
  facts.completed =
    typeof r.completed === 'boolean'
      ? r.completed
      : completedEvent || handedOff || !Number.isNaN(firstResolvedAt);
  facts.botTurns = Number.isNaN(botTurns) ? 0 : botTurns;
  facts.botErrors = Number.isNaN(botErrors) ? 0 : botErrors;
  facts.pauses = pauses;
  facts.flags =
    (Number.isNaN(firstResolvedAt) ? 0 : TICKET_FLAGS.resolvedEver) |
    (facts.reopens > 0 ? TICKET_FLAGS.reopened : 0) |
    (facts.transfers > 0 ? TICKET_FLAGS.transferred : 0) |
    (handedOff ? TICKET_FLAGS.handedOff : 0) |
    (botInvolved ? TICKET_FLAGS.bot : 0) |
    (humanInvolved ? TICKET_FLAGS.human : 0) |
    (Number.isNaN(resolvedAt) ? 0 : TICKET_FLAGS.resolved) |
    (facts.transfers > 0 || facts.reroutes > 0 || !Number.isNaN(firstTransferAt) ? TICKET_FLAGS.moved : 0);
  facts.messages = messages;
  if (facts.botErrors > facts.botTurns && facts.botTurns > 0)
    issues.push({ field: 'botErrors', message: 'more bot errors than bot turns' });
  return issues.length === 0;
}

/** Reads a survey answer: a number, `null` (skipped) or `{ rating }`. */
export function readSurvey(value: unknown, facts: SurveyFacts, issues: IssueSink): boolean {
  if (typeof value === 'number' || value === null || value === undefined) {
    facts.record = null;
    facts.respondedAt = Number.NaN;
    if (typeof value === 'number' && !Number.isFinite(value)) {
      issues.push({ field: 'rating', message: `not a finite number: ${value}` });
      return false;
    }
    facts.rating = typeof value === 'number' ? value : Number.NaN;
    return true;
  }
  const r = asRecord(value, issues);
  if (!r) return false;
  facts.record = r;
  facts.respondedAt = readTime(r.respondedAt, 'respondedAt', issues);
  const rating = r.rating;
  if (rating === null || rating === undefined) facts.rating = Number.NaN;
  else if (typeof rating === 'number' && Number.isFinite(rating)) facts.rating = rating;
  else issues.push({ field: 'rating', message: `must be a number or null, got ${JSON.stringify(rating)}` });
  return issues.length === 0;
}

/** Reads a call/contact record. */
export function readContact(value: unknown, facts: ContactFacts, issues: IssueSink): boolean {
  const r = asRecord(value, issues);
  if (!r) return false;
  facts.record = r;
  facts.offeredAt = readTime(r.offeredAt, 'offeredAt', issues);
  if (!isPresent(r.offeredAt)) issues.push({ field: 'offeredAt', message: 'required timestamp is missing' });
  facts.answeredAt = readTime(r.answeredAt, 'answeredAt', issues);
  facts.abandonedAt = readTime(r.abandonedAt, 'abandonedAt', issues);
  facts.talkTime = readMillis(r.talkTime, 'talkTime', issues);
  facts.holdTime = readMillis(r.holdTime, 'holdTime', issues);
  facts.wrapTime = readMillis(r.wrapTime, 'wrapTime', issues);
  facts.transferred = r.transferred === true;
  notBefore(facts.answeredAt, 'answeredAt', facts.offeredAt, 'offeredAt', issues);
  notBefore(facts.abandonedAt, 'abandonedAt', facts.offeredAt, 'offeredAt', issues);
  if (!Number.isNaN(facts.answeredAt) && !Number.isNaN(facts.abandonedAt))
    issues.push({ field: 'abandonedAt', message: 'a contact cannot be both answered and abandoned' });
  const endedAt = readTime(r.endedAt, 'endedAt', issues);
  notBefore(
    endedAt,
    'endedAt',
    Number.isNaN(facts.answeredAt) ? facts.offeredAt : facts.answeredAt,
    'answeredAt/offeredAt',
    issues,
  );
  return issues.length === 0;
}

/** Fresh facts objects (reused record after record). */
export function createFacts<K extends RecordKind>(kind: K): FactsByKind[K] {
  if (kind === 'survey')
    return { record: null, rating: Number.NaN, respondedAt: Number.NaN } as FactsByKind[K];
  if (kind === 'contact')
    return {
      record: {},
      offeredAt: 0,
      answeredAt: 0,
      abandonedAt: 0,
      talkTime: 0,
      holdTime: 0,
      wrapTime: 0,
      transferred: false,
    } as FactsByKind[K];
  return {
    record: {},
    customerId: undefined,
    createdAt: 0,
    firstResponseAt: 0,
    firstHumanResponseAt: 0,
    firstResolvedAt: 0,
    resolvedAt: 0,
    reopens: 0,
    transfers: 0,
    reroutes: 0,
    firstTransferAt: 0,
    handedOff: false,
    humanInvolved: false,
    botInvolved: false,
    completed: false,
    botTurns: 0,
    botErrors: 0,
    handleTime: 0,
    priority: 0,
    pauses: null,
    messages: null,
    flags: 0,
  } as FactsByKind[K];
}

/** The reader for a record kind. */
export const READERS: {
  [K in RecordKind]: (value: unknown, facts: FactsByKind[K], issues: IssueSink) => boolean;
} = {
  ticket: readTicket,
  survey: readSurvey,
  contact: readContact,
};

/** Creates the repeat-contact index (sorted lazily on first query). */
export function createContactIndex(): ContactIndex {
  const byCustomer = new Map<string, number[]>();
  let sorted = true;
  const upperBound = (xs: number[], x: number) => {
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (xs[mid]! <= x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    add(customerId, at) {
      const list = byCustomer.get(customerId);
      if (list) list.push(at);
      else byCustomer.set(customerId, [at]);
      sorted = false;
    },
    hasOtherContact(customerId, after, until) {
      if (!sorted) {
        for (const list of byCustomer.values()) list.sort((a, b) => a - b);
        sorted = true;
      }
      const list = byCustomer.get(customerId);
      if (!list) return false;
      const afterIndex = upperBound(list, after);
      // Another contact at the very same instant also counts (the record itself is one of them).
      let atSame = 0;
      for (let i = afterIndex - 1; i >= 0 && list[i] === after; i--) atSame++;
      if (atSame > 1) return true;
      return afterIndex < list.length && list[afterIndex]! <= until;
    },
  };
}

/** Collects invalid rows and enforces `onInvalid`. */
export interface InvalidCollector {
  skipped: number;
  issues: InvalidRecord[];
  report(row: number, problems: IssueSink): void;
  finish(what: string): void;
}

const MAX_LISTED = 50;

/** Creates the collector. `throw` throws after the pass, listing up to 50 problems with row and field. */
export function createInvalidCollector(onInvalid: OnInvalid | undefined): InvalidCollector {
  const collector: InvalidCollector = {
    skipped: 0,
    issues: [],
    report(row, problems) {
      collector.skipped++;
      for (const p of problems)
        if (collector.issues.length < MAX_LISTED) collector.issues.push({ row, ...p });
    },
    finish(what) {
      if (onInvalid === 'skip' || collector.skipped === 0) return;
      const issues: TandemIssue[] = collector.issues.map((i) => ({
        path: `[${i.row}]${i.field ? (i.field.startsWith('[') ? i.field : `.${i.field}`) : ''}`,
        message: i.message,
      }));
      const more =
        collector.skipped > 1
          ? ` (${collector.skipped} invalid records${collector.skipped > MAX_LISTED ? `, first ${MAX_LISTED} problems listed` : ''})`
          : '';
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        message: `invalid ${what}${issues.length === 1 ? `: ${issues[0]!.message}` : ''}${more}; pass { onInvalid: 'skip' } to skip and count them`,
        issues,
      });
    },
  };
  return collector;
}

/** The result of a calculator: the metric's own fields plus how many invalid records were skipped. */
export type WithSkipped<R> = R & { skipped: number };

/** Runs one metric over any iterable in one pass. */
export function runMetric<
  K extends RecordKind,
  O extends { onInvalid?: OnInvalid },
  R extends MetricResultBase,
>(definition: MetricDefinition<K, O, R>, records: Iterable<unknown>, rawOptions: unknown): WithSkipped<R> {
  if (records === null || typeof (records as Iterable<unknown>)?.[Symbol.iterator] !== 'function')
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'metrics',
      message: `${definition.name}: records must be an array or another iterable`,
    });
  const options = parseMetricOptions(definition, rawOptions);
  const env: MetricEnv = { keepValues: true, contacts: createContactIndex() };
  const accumulator = definition.create(options, env);
  const facts = createFacts(definition.kind);
  const read = READERS[definition.kind] as (v: unknown, f: FactsByKind[K], i: IssueSink) => boolean;
  const invalid = createInvalidCollector(options.onInvalid);
  const problems: IssueSink = [];
  let row = 0;
  for (const record of records) {
    problems.length = 0;
    let ok = read(record, facts, problems);
    if (ok && definition.check) {
      const problem = definition.check(facts, options);
      if (problem) {
        problems.push(problem);
        ok = false;
      }
    }
    if (!ok) invalid.report(row, problems);
    else {
      if (definition.usesContactIndex && definition.kind === 'ticket') {
        const t = facts as TicketFacts;
        if (t.customerId !== undefined) env.contacts.add(t.customerId, t.createdAt);
      }
      accumulator.add(facts);
    }
    row++;
  }
  invalid.finish(`${definition.name} records`);
  return { ...accumulator.result(), skipped: invalid.skipped };
}

/** Result of a time metric (milliseconds). `value` is the chosen statistic (default the mean). */
export interface TimeMetricResult extends MetricResultBase {
  /** Arithmetic mean in ms. */
  mean: number | null;
  /** Sample standard deviation in ms (n − 1), for Welch comparisons. */
  sd: number | null;
  /** Median (type-7 quantile); null when values were not kept. */
  p50: number | null;
  /** 90th percentile (type-7 quantile); null when values were not kept. */
  p90: number | null;
  min: number | null;
  max: number | null;
  /** Records where the measure is not available yet (e.g. no reply, unresolved). */
  missing: number;
  statistic: 'mean' | 'p50' | 'p90';
}

/** Streaming mean/sd/min/max with optional value storage for percentiles. */
export interface DurationAccumulator {
  push(value: number): void;
  miss(): void;
  result(): TimeMetricResult;
}

/** Creates a {@link DurationAccumulator}. */
export function createDurationAccumulator(
  statistic: 'mean' | 'p50' | 'p90',
  keepValues: boolean,
): DurationAccumulator {
  let n = 0;
  // Mean from the plain sum (exact for integer milliseconds below 2^53); variance from sums shifted
  // by the first value, which keeps them small and the subtraction stable.
  let sum = 0;
  let shift = 0;
  let shiftedSum = 0;
  let shiftedSquares = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  let missing = 0;
  const values: Float64Buffer | null = keepValues || statistic !== 'mean' ? createFloat64Buffer() : null;
  return {
    push(value) {
      if (n === 0) shift = value;
      n++;
      sum += value;
      const d = value - shift;
      shiftedSum += d;
      shiftedSquares += d * d;
      if (value < min) min = value;
      if (value > max) max = value;
      values?.push(value);
    },
    miss() {
      missing++;
    },
    result() {
      const sorted = values ? values.sorted() : null;
      const p50 = sorted ? quantileSorted(sorted, 0.5) : null;
      const p90 = sorted ? quantileSorted(sorted, 0.9) : null;
      const meanValue = n ? sum / n : null;
      const variance =
        n > 1 ? Math.max(0, (shiftedSquares - (shiftedSum * shiftedSum) / n) / (n - 1)) : Number.NaN;
      return {
        value: statistic === 'mean' ? meanValue : statistic === 'p50' ? p50 : p90,
        n,
        mean: meanValue,
        sd: n > 1 ? Math.sqrt(variance) : null,
        p50,
        p90,
        min: n ? min : null,
        max: n ? max : null,
        missing,
        statistic,
      };
    },
  };
}

/** Result of a proportion metric: `value = count / n`. */
export interface RateResult extends MetricResultBase {
  /** Records meeting the condition (numerator). */
  count: number;
}

/** Builds a proportion accumulator from a per-record classifier: true / false / null (not counted). */
export function createRateAccumulator<F>(classify: (facts: F) => boolean | null): Accumulator<F, RateResult> {
  let count = 0;
  let n = 0;
  return {
    add(facts) {
      const c = classify(facts);
      if (c === null) return;
      n++;
      if (c) count++;
    },
    result: () => ({ value: n ? count / n : null, n, count }),
  };
}

export type { BusinessCalendar };
