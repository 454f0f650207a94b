import mitt, { type Emitter, type Handler, type WildcardHandler } from 'mitt';
import type { TandemEvents } from './eventMap';

/** A typed event bus: the library's events plus any the host adds. */
export type EventBus<Extra extends Record<string, unknown> = Record<never, never>> = Emitter<
  TandemEvents & Extra
>;

export type { Handler, WildcardHandler };

/**
 * Creates a typed event bus (a [mitt](https://github.com/developit/mitt) emitter) over the
 * library's event map, optionally extended with the host's own events.
 *
 * @returns an emitter with `on`, `off`, `emit` and `all`; `'*'` receives every event.
 *
 * @example
 * ```ts
 * import { createEventBus } from 'tandem-cx/events';
 * const bus = createEventBus();
 * const seen: string[] = [];
 * bus.on('conversation.routed', (e) => seen.push(e.queue));
 * bus.emit('conversation.routed', { at: new Date(0), conversationId: 'c1', queue: 'polish', priority: 3, skills: [] });
 * seen; // => ['polish']
 * ```
 */
export function createEventBus<
  Extra extends Record<string, unknown> = Record<never, never>,
>(): EventBus<Extra> {
  return mitt<TandemEvents & Extra>();
}
