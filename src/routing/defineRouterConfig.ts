import type { RouterConfig } from './schemas';

/**
 * Types a router config written as an object literal, without `as const`: an identity function
 * whose parameter gives the literal its type, so `mode: 'all'` stays `'all'` instead of widening to
 * `string`, and a misspelt key is reported where it is written. It does not validate at run
 * time: `compileRouter` does that.
 *
 * The same pattern as `defineConfig` in Vite and Vitest.
 *
 * @param config - the router config ({@link RouterConfig}).
 * @returns the same object, typed as {@link RouterConfig}.
 *
 * @example
 * ```ts
 * import { compileRouter, defineRouterConfig } from 'tandem-cx/routing';
 * const config = defineRouterConfig({ rules: [{ id: 'pl', when: { field: 'customer.language', op: 'eq', value: 'pl' }, then: { queue: 'polish' } }], fallback: { queue: 'general' } });
 * compileRouter(config).route({ customer: { language: 'pl' } }); // => { kind: 'matched', queue: 'polish' }
 * ```
 */
export function defineRouterConfig(config: RouterConfig): RouterConfig {
  return config;
}
