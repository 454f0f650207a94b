import { z } from 'zod';
import { parseWithSchema } from '../model/errors';
import { InstantSchema } from '../model/schemas';
import { AgingSchema, QueueItemSchema } from './schemas';

/** An item in a queue: an id, a priority 1–5 (default 3) and when it started waiting. */
export type QueueItem = z.input<typeof QueueItemSchema>;

/** Options of {@link orderQueue}. */
export interface OrderQueueOptions {
  /** The decision time (a `Date`, ISO string or epoch ms). */
  now: Date | string | number;
  /**
   * Aging: one priority level is worth `minutesPerLevel` minutes of waiting, so a long-waiting
   * low-priority item eventually overtakes a fresh urgent one. Without it the order is strictly
   * priority first, then oldest first.
   */
  aging?: z.input<typeof AgingSchema>;
}

const OptionsSchema = z.strictObject({ now: InstantSchema, aging: AgingSchema.optional() });

/**
 * Orders a queue: priority first, then oldest first; with `aging`, by the Genesys-style score
 * "minutes waited + priority in minutes" — Genesys Cloud gives each interaction
 * `convScore = enqueue time − priority × 60,000 ms` and serves the lowest score first (Genesys
 * community, G. Ganahl, "Conversation Priority and Score", 2021). Here priority 1 (most urgent) is
 * worth `4 × minutesPerLevel` minutes and priority 5 nothing. The sort is stable: equal keys keep
 * their input order. Items are returned as given (same objects), in a new array.
 *
 * @param items - `[{ id, priority?, enqueuedAt }]` (extra fields are kept).
 * @param options - `now` and optional `aging: { minutesPerLevel }`.
 * @returns the items in serving order.
 * @throws {@link TandemError} `INVALID_INPUT` naming the offending item (`items[3].enqueuedAt`).
 *
 * @example
 * ```ts
 * import { orderQueue } from 'tandem-cx/routing';
 * const now = new Date('2026-03-02T10:00:00Z');
 * const items = [
 *   { id: 'old-low', priority: 4, enqueuedAt: '2026-03-02T09:00:00Z' },
 *   { id: 'new-urgent', priority: 1, enqueuedAt: '2026-03-02T09:55:00Z' },
 * ];
 * orderQueue(items, { now }).map((i) => i.id); // => ['new-urgent', 'old-low']
 * orderQueue(items, { now, aging: { minutesPerLevel: 10 } }).map((i) => i.id); // => ['old-low', 'new-urgent']
 * ```
 */
export function orderQueue<T extends QueueItem>(items: readonly T[], options: OrderQueueOptions): T[] {
  const { aging } = parseWithSchema(OptionsSchema, options, {
    module: 'routing',
    what: 'orderQueue options',
  });
  const parsed = parseWithSchema(z.array(QueueItemSchema.extend({ enqueuedAt: InstantSchema })), items, {
    module: 'routing',
    what: 'queue items',
    pathPrefix: ['items'],
  });
  const keyed = parsed.map((item, index) => ({
    index,
    priority: item.priority,
    at: item.enqueuedAt.getTime(),
  }));
  if (aging) {
    const perLevelMs = aging.minutesPerLevel * 60_000;
    for (const k of keyed) k.at -= (5 - k.priority) * perLevelMs;
    keyed.sort((a, b) => a.at - b.at || a.index - b.index);
  } else {
    keyed.sort((a, b) => a.priority - b.priority || a.at - b.at || a.index - b.index);
  }
  return keyed.map((k) => items[k.index]!);
}
