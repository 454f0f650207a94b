import { toTandemError } from '../model/errors';
import { type SurveyHistoryEntryInput, SurveyHistoryEntrySchema } from './schemas';

/** One past or scheduled send as the index keeps it (time in epoch ms). */
export interface IndexedSurveySend {
  readonly time: number;
  readonly surveyId: string;
  readonly conversationId: string | undefined;
  readonly resolutionId: string | undefined;
  readonly eventKey: string | undefined;
}

/**
 * Survey history indexed by recipient, each recipient's sends sorted by time, so that
 * `planSurvey` looks up one recipient's sends in O(1) and checks throttles and caps by binary
 * search instead of scanning the whole history. Hosts may implement it over their own cache;
 * `planSurvey` only calls `forRecipient`.
 */
export interface SurveyHistoryIndex {
  /** Number of sends indexed. */
  readonly size: number;
  /** The recipient's sends, oldest first (empty when none). Do not mutate. */
  forRecipient(recipientId: string): readonly IndexedSurveySend[];
  /** Adds one send (validated), keeping the recipient's sends sorted. */
  add(entry: SurveyHistoryEntryInput): void;
}

/** True for a {@link SurveyHistoryIndex} (anything with `forRecipient`), false for an array/iterable. */
export function isSurveyHistoryIndex(value: unknown): value is SurveyHistoryIndex {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof (value as { forRecipient?: unknown }).forRecipient === 'function'
  );
}

function toSend(entry: SurveyHistoryEntryInput, index: number): [string, IndexedSurveySend] {
  const parsed = SurveyHistoryEntrySchema.safeParse(entry);
  if (!parsed.success)
    throw toTandemError(parsed.error, {
      module: 'surveys',
      what: 'survey history',
      pathPrefix: ['history', index],
    });
  const e = parsed.data;
  return [
    e.recipientId,
    {
      time: e.sentAt.getTime(),
      surveyId: e.surveyId,
      conversationId: e.conversationId,
      resolutionId: e.resolutionId,
      eventKey: e.eventKey,
    },
  ];
}

const EMPTY: readonly IndexedSurveySend[] = Object.freeze([]);

/**
 * One recipient's sends from a plain array/iterable, oldest first: only that recipient's entries
 * are validated (errors keep the entry's position in the whole history, `history[41].sentAt`).
 * Internal to the module: `planSurvey` uses it when it is not given an index.
 */
export function recipientSendsFromIterable(
  history: Iterable<SurveyHistoryEntryInput>,
  recipientId: string,
): IndexedSurveySend[] {
  const out: IndexedSurveySend[] = [];
  let i = 0;
  for (const entry of history) {
    if (entry && (entry as { recipientId?: unknown }).recipientId === recipientId)
      out.push(toSend(entry, i)[1]);
    i++;
  }
  if (out.length > 1) out.sort((a, b) => a.time - b.time);
  return out;
}

/**
 * Builds a {@link SurveyHistoryIndex} from past (and scheduled) sends. Build it once and pass it
 * to every `planSurvey` call; with 10⁶ sends a plain array would be scanned on every call.
 *
 * @param history - sends `{ recipientId, surveyId, sentAt, conversationId?, resolutionId?, eventKey? }`.
 * @returns an index with `forRecipient(id)`, `add(entry)` and `size`.
 * @throws {@link TandemError} `INVALID_INPUT` naming the entry (`history[41].sentAt`) when one is malformed.
 *
 * @example
 * ```ts
 * import { createSurveyHistoryIndex } from 'tandem-cx/surveys';
 * const index = createSurveyHistoryIndex([{ recipientId: 'u1', surveyId: 'csat', sentAt: '2026-11-01T10:00:00Z' }]);
 * index.forRecipient('u1').length; // => 1
 * index.forRecipient('nobody').length; // => 0
 * ```
 */
export function createSurveyHistoryIndex(
  history: Iterable<SurveyHistoryEntryInput> = [],
): SurveyHistoryIndex {
  const byRecipient = new Map<string, IndexedSurveySend[]>();
  let size = 0;
  let i = 0;
  for (const entry of history) {
    const [recipientId, send] = toSend(entry, i++);
    let list = byRecipient.get(recipientId);
    if (!list) {
      list = [];
      byRecipient.set(recipientId, list);
    }
    list.push(send);
    size++;
  }
  for (const list of byRecipient.values()) if (list.length > 1) list.sort((a, b) => a.time - b.time);

  return {
    get size() {
      return size;
    },
    forRecipient(recipientId) {
      return byRecipient.get(recipientId) ?? EMPTY;
    },
    add(entry) {
      const [recipientId, send] = toSend(entry, size);
      let list = byRecipient.get(recipientId);
      if (!list) {
        list = [];
        byRecipient.set(recipientId, list);
      }
      // Insert after every send at the same or an earlier time (stable).
      let lo = 0;
      let hi = list.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (list[mid]!.time <= send.time) lo = mid + 1;
        else hi = mid;
      }
      list.splice(lo, 0, send);
      size++;
    },
  };
}
