/**
 * tandem-cx: customer-service automation that works with people.
 *
 * Every module is also importable on its own (`tandem-cx/routing`, `tandem-cx/metrics`, …).
 *
 * @packageDocumentation
 */
export * from './calendar/index';
export * from './confidence/index';
export * from './events/index';
export * from './handoff/index';
export * from './knowledge/index';
export * from './learning/index';
export * from './metrics/index';
export * from './model/index';
export * from './replay/index';
export * from './routing/index';
export * from './surveys/index';
