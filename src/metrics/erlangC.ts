import { z } from 'zod';
import { parseWithSchema, TandemError } from '../model/errors';

/** Inputs of {@link erlangC}. `aht`, `asa` and `interval` share one time unit (pyworkforce: minutes). */
export const ErlangCConfigSchema = z.object({
  /** Contacts arriving in one interval. */
  transactions: z.number().min(0).finite(),
  /** Average handle time. */
  aht: z.number().positive().finite(),
  /** Target answer time (the "T" of the service level). */
  asa: z.number().min(0).finite(),
  /** Interval length. */
  interval: z.number().positive().finite(),
  /** Share of paid time not available for contacts, 0 ≤ shrinkage < 1. Default 0. */
  shrinkage: z.number().min(0).lt(1, 'shrinkage must be below 1').default(0),
});
/** Inputs of {@link erlangC}. */
export type ErlangCConfig = z.input<typeof ErlangCConfigSchema>;

/** Goals of {@link ErlangC.requiredPositions}. */
export const RequiredPositionsOptionsSchema = z.object({
  /** Service level to reach, 0..1 (e.g. 0.8 for 80 % within `asa`). */
  serviceLevel: z.number().gt(0).max(1),
  /** Highest acceptable occupancy, 0..1. Default 1. */
  maxOccupancy: z.number().gt(0).max(1).default(1),
});
/** Goals of {@link ErlangC.requiredPositions}. */
export type RequiredPositionsOptions = z.input<typeof RequiredPositionsOptionsSchema>;

/** Staffing answer of {@link ErlangC.requiredPositions}. */
export interface RequiredPositions {
  /** Agents needed on the queue (productive positions). */
  rawPositions: number;
  /** Agents to schedule: `ceil(rawPositions / (1 − shrinkage))`. */
  positions: number;
  /** Service level achieved with `rawPositions`. */
  serviceLevel: number;
  /** Occupancy with `rawPositions`. */
  occupancy: number;
  /** Probability that a contact waits, with `rawPositions`. */
  waitingProbability: number;
}

/** Options for the per-positions methods. */
export interface PositionsOptions {
  /** Treat the positions as scheduled and scale them by `1 − shrinkage` first (pyworkforce `scale_positions`). */
  scalePositions?: boolean;
}

/** An Erlang C queue model; see {@link erlangC}. */
export interface ErlangC {
  /** Traffic intensity in Erlangs: `transactions / interval × aht`. */
  readonly intensity: number;
  /** Probability that a contact has to wait (Erlang C formula). 1 when positions ≤ intensity. */
  waitingProbability(positions: number, options?: PositionsOptions): number;
  /** Share of contacts answered within `asa`: `1 − Pw · e^{−(N − A)·asa/aht}`, floored at 0. */
  serviceLevel(positions: number, options?: PositionsOptions): number;
  /** Occupancy `A / N` (may exceed 1 when under-staffed). */
  occupancy(positions: number, options?: PositionsOptions): number;
  /** The fewest positions meeting the service level and the occupancy cap. */
  requiredPositions(options: RequiredPositionsOptions): RequiredPositions;
}

/**
 * Erlang C staffing model with pyworkforce's semantics and results.
 *
 * `intensity = transactions / interval × aht`. `waitingProbability(N)` is the Erlang C
 * probability of waiting, computed through the Erlang B recursion (stable for large N).
 * `serviceLevel(N) = max(0, 1 − Pw(N) · exp(−(N − A) · asa / aht))`. `requiredPositions` starts at
 * `round(A + 1)`, adds positions until the service level is met, then, if occupancy is above the
 * cap, uses `ceil(A / maxOccupancy)`; scheduled positions are `ceil(raw / (1 − shrinkage))`.
 *
 * Source: pyworkforce `pyworkforce.queuing.ErlangC` (R. Arenas) and its test vectors; formula as in
 * P. Prevos, "Call Centre Workforce Planning Using Erlang C in R" (lucidmanager.org).
 *
 * Differences from pyworkforce: for N ≤ A (an unstable queue) the waiting probability is 1 and the
 * service level 0, where pyworkforce returns values outside [0, 1].
 *
 * @param config - `{ transactions, aht, asa, interval, shrinkage? }`, times in one unit.
 * @returns the model.
 * @throws {@link TandemError} `INVALID_CONFIG` for negative or missing inputs, shrinkage ≥ 1.
 *
 * @example
 * ```ts
 * import { erlangC } from 'tandem-cx/metrics';
 * const model = erlangC({ transactions: 100, aht: 3, asa: 20 / 60, interval: 30, shrinkage: 0.3 });
 * model.requiredPositions({ serviceLevel: 0.8, maxOccupancy: 0.85 }); // => { rawPositions: 14, positions: 20, serviceLevel: 0.888, occupancy: 0.714, waitingProbability: 0.174 }
 * model.intensity; // => 10
 * ```
 */
export function erlangC(config: ErlangCConfig): ErlangC {
  const c = parseWithSchema(ErlangCConfigSchema, config, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'erlangC config',
  });
  const intensity = (c.transactions / c.interval) * c.aht;
  const productive = (positions: number, options?: PositionsOptions) => {
    if (!Number.isFinite(positions) || positions < 0)
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        path: 'positions',
        message: `positions must be a non-negative number, got ${positions}`,
      });
    return options?.scalePositions ? Math.floor((1 - c.shrinkage) * positions) : positions;
  };
  const waiting = (n: number): number => {
    if (intensity === 0) return 0;
    if (n <= intensity) return 1;
    // Erlang B by recursion: 1/B(k) = 1 + k/A · 1/B(k − 1), then C = N·B / (N − A·(1 − B)).
    let inverseB = 1;
    for (let k = 1; k <= n; k++) inverseB = 1 + (inverseB * k) / intensity;
    const b = 1 / inverseB;
    return (n * b) / (n - intensity * (1 - b));
  };
  const serviceLevelAt = (n: number): number => {
    if (intensity === 0) return 1;
    if (n <= intensity) return 0;
    return Math.max(0, 1 - waiting(n) * Math.exp((-(n - intensity) * c.asa) / c.aht));
  };
  const occupancyAt = (n: number): number =>
    n === 0 ? (intensity === 0 ? 0 : Number.POSITIVE_INFINITY) : intensity / n;
  return {
    intensity,
    waitingProbability: (positions, options) => waiting(productive(positions, options)),
    serviceLevel: (positions, options) => serviceLevelAt(productive(positions, options)),
    occupancy: (positions, options) => occupancyAt(productive(positions, options)),
    requiredPositions(options) {
      const goal = parseWithSchema(RequiredPositionsOptionsSchema, options, {
        module: 'metrics',
        code: 'INVALID_CONFIG',
        what: 'requiredPositions options',
      });
      // pyworkforce: start at round(A + 1) and add positions until the service level is met.
      let positions = Math.max(1, Math.round(intensity + 1));
      let achieved = serviceLevelAt(positions);
      while (achieved < goal.serviceLevel) {
        positions++;
        achieved = serviceLevelAt(positions);
      }
      let occupancy = occupancyAt(positions);
      let raw = Math.ceil(positions);
      if (occupancy > goal.maxOccupancy) {
        raw = Math.ceil(intensity / goal.maxOccupancy);
        occupancy = occupancyAt(raw);
        achieved = serviceLevelAt(raw);
      }
      return {
        rawPositions: raw,
        positions: Math.ceil(raw / (1 - c.shrinkage)),
        serviceLevel: achieved,
        occupancy,
        waitingProbability: waiting(raw),
      };
    },
  };
}
