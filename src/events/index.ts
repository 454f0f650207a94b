/**
 * Typed event bus (mitt) and the library's event map.
 *
 * @module events
 */
export { createEventBus, type EventBus, type Handler, type WildcardHandler } from './createEventBus';
export type * from './eventMap';
