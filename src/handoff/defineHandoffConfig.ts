import type { HandoffPolicyConfig } from './schemas';

/**
 * Types a handoff policy config written as an object literal, without `as const`: an identity
 * function whose parameter gives the literal its type, so enum-like values stay literal instead
 * of widening to `string`, and a misspelt key is reported where it is written. It does not
 * validate at run time: `createHandoffPolicy` does that.
 *
 * The same pattern as `defineConfig` in Vite and Vitest.
 *
 * @param config - the handoff policy config ({@link HandoffPolicyConfig}).
 * @returns the same object, typed as {@link HandoffPolicyConfig}.
 *
 * @example
 * ```ts
 * import { createHandoffPolicy, defineHandoffConfig } from 'tandem-cx/handoff';
 * const config = defineHandoffConfig({});
 * createHandoffPolicy(config).decide({ id: 'c1', customerId: 'u1', channel: 'chat', messages: [{ id: 'm1', author: 'customer', text: 'I want to talk to a human', at: new Date('2026-11-23T10:00:00Z') }] }, { now: new Date('2026-11-23T10:00:00Z'), agentsAvailable: true }); // => { action: 'escalate' }
 * ```
 */
export function defineHandoffConfig(config: HandoffPolicyConfig): HandoffPolicyConfig {
  return config;
}
