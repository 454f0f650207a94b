import type { MetricRow } from './computeMetrics';

/** Options of {@link toVegaLite}. */
export interface ToVegaLiteOptions {
  /** Chart title. */
  title?: string;
  /** Only these metrics (default: every metric in the rows). */
  metrics?: readonly string[];
  /** Field that colours the series (default: the first group field found in the rows). */
  color?: string;
  /** Width / height of each panel in pixels (default 480 × 160). */
  width?: number;
  height?: number;
}

/** A Vega-Lite v5 specification (plain JSON). */
export type VegaLiteSpec = Record<string, unknown>;

const RESERVED = new Set(['bucket', 'metric', 'value', 'n']);

/**
 * Turns tidy metric rows (from `computeMetrics`) into a Vega-Lite v5 spec: one panel per
 * metric, lines over time when the rows have a `bucket`, bars otherwise, coloured by the first
 * group field. The result is plain JSON for notebooks (Observable, Jupyter with Altair/vega-embed,
 * Deno); the library has no rendering dependency.
 *
 * Rows whose `value` is `null` are kept out of the chart (they have no value to draw).
 *
 * @param rows - metric rows `{ ...groupFields, bucket?, metric, value, n }`.
 * @param options - title, metric filter, colour field, panel size.
 * @returns a Vega-Lite spec with the data inlined.
 *
 * @example
 * ```ts
 * import { toVegaLite } from 'tandem-cx/metrics';
 * const rows = [
 *   { queue: 'cards', bucket: '2026-11-02', metric: 'csat', value: 0.8, n: 40 },
 *   { queue: 'cards', bucket: '2026-11-09', metric: 'csat', value: 0.85, n: 38 },
 * ];
 * const spec = toVegaLite(rows, { title: 'CSAT by week' });
 * spec.mark; // => { type: 'line', point: true }
 * spec.encoding; // => { x: { field: 'bucket', type: 'temporal' }, color: { field: 'queue', type: 'nominal' } }
 * ```
 */
export function toVegaLite(rows: readonly MetricRow[], options: ToVegaLiteOptions = {}): VegaLiteSpec {
  const wanted = options.metrics ? new Set(options.metrics) : undefined;
  const values = rows.filter((r) => r.value !== null && (!wanted || wanted.has(r.metric)));
  const metrics = [...new Set(values.map((r) => r.metric))];
  const timed = values.some((r) => r.bucket !== undefined);
  const color = options.color ?? values.flatMap((r) => Object.keys(r)).find((k) => !RESERVED.has(k));
  const encoding: Record<string, unknown> = {
    x: timed
      ? { field: 'bucket', type: 'temporal', title: null }
      : { field: color ?? 'metric', type: 'nominal', title: null },
    y: { field: 'value', type: 'quantitative', title: null },
    tooltip: [
      ...(color ? [{ field: color, type: 'nominal' }] : []),
      ...(timed ? [{ field: 'bucket', type: 'temporal' }] : []),
      { field: 'metric', type: 'nominal' },
      { field: 'value', type: 'quantitative', format: '.3~f' },
      { field: 'n', type: 'quantitative' },
    ],
  };
  if (color) encoding.color = { field: color, type: 'nominal' };
  const unit = {
    mark: timed ? { type: 'line', point: true } : { type: 'bar' },
    encoding,
    width: options.width ?? 480,
    height: options.height ?? 160,
  };
  const base = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(options.title ? { title: options.title } : {}),
    data: { values: values.map((r) => ({ ...r })) },
  };
  if (metrics.length <= 1) return { ...base, ...unit };
  return {
    ...base,
    facet: { row: { field: 'metric', type: 'nominal', title: null } },
    spec: unit,
    resolve: { scale: { y: 'independent' } },
  };
}
