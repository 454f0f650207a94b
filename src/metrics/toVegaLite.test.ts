import { describe, expect, it } from 'vitest';
import type { MetricRow } from './computeMetrics';
import { toVegaLite } from './toVegaLite';

const rows: MetricRow[] = [
  { queue: 'cards', bucket: '2026-11-02', metric: 'csat', value: 0.8, n: 40 },
  { queue: 'billing', bucket: '2026-11-02', metric: 'csat', value: 0.7, n: 20 },
  { queue: 'cards', bucket: '2026-11-02', metric: 'firstResponseTime', value: 60_000, n: 40 },
  { queue: 'billing', bucket: '2026-11-09', metric: 'firstResponseTime', value: null, n: 0 },
];

describe('toVegaLite', () => {
  it('facets several metrics with independent y scales and drops null values', () => {
    const spec = toVegaLite(rows);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec.facet).toEqual({ row: { field: 'metric', type: 'nominal', title: null } });
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(3);
    expect((spec.spec as { encoding: { color: unknown } }).encoding.color).toEqual({
      field: 'queue',
      type: 'nominal',
    });
  });

  it('draws bars by group when there is no time bucket, and filters metrics', () => {
    const spec = toVegaLite(
      [
        { queue: 'cards', metric: 'nps', value: 20, n: 10 },
        { queue: 'billing', metric: 'nps', value: -5, n: 8 },
        { queue: 'billing', metric: 'csat', value: 0.5, n: 8 },
      ],
      { metrics: ['nps'], width: 300 },
    );
    expect(spec.mark).toEqual({ type: 'bar' });
    expect(spec.width).toBe(300);
    expect((spec.encoding as { x: unknown }).x).toEqual({ field: 'queue', type: 'nominal', title: null });
    expect((spec.data as { values: unknown[] }).values).toHaveLength(2);
  });

  it('is plain JSON (round-trips)', () => {
    const spec = toVegaLite(rows, { title: 't' });
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  });
});
