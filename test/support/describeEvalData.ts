import { describe } from 'vitest';
import { hasEvalData } from './evalData';

/** The `describe` that `describe.skipIf(…)` returns. */
type SkippableDescribe = ReturnType<typeof describe.skipIf>;

/**
 * `describe` for a quality-floor suite over the named files of ../shared/eval-data: skips (and
 * says so) outside CI when any is missing, fails in CI. Kept apart from `evalData.ts` because the
 * benches import that outside vitest.
 */
export function describeEvalData(files: readonly string[]): SkippableDescribe {
  return describe.skipIf(!files.every((f) => hasEvalData(f)));
}
