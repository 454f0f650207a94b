import { TandemError } from '../model/errors';
import { quantileSorted } from './_stats';

/**
 * The `q`-quantile (0..1) of a sample by linear interpolation between closest ranks — Hyndman &
 * Fan (1996) type 7, the default of R `quantile`, NumPy `percentile` and Excel `PERCENTILE.INC`.
 * The time metrics report `p50` and `p90` this way. Returns null for an empty sample.
 *
 * @param values - finite numbers, any order (not modified).
 * @param q - the quantile, e.g. 0.9 for p90.
 * @throws {@link TandemError} `INVALID_INPUT` for q outside 0..1 or non-finite values.
 *
 * @example
 * ```ts
 * import { percentile } from 'tandem-cx/metrics';
 * percentile([1, 2, 3, 4], 0.9); // => 3.7
 * percentile([15, 20, 35, 40, 50], 0.5); // => 35
 * percentile([], 0.5); // => null
 * ```
 */
export function percentile(values: Iterable<number>, q: number): number | null {
  if (!(q >= 0 && q <= 1))
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'metrics',
      path: 'q',
      message: `q must be within 0..1, got ${q}`,
    });
  const sorted = Float64Array.from(values);
  for (let i = 0; i < sorted.length; i++)
    if (!Number.isFinite(sorted[i]!))
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        path: `values[${i}]`,
        message: 'must be a finite number',
      });
  sorted.sort();
  return quantileSorted(sorted, q);
}
