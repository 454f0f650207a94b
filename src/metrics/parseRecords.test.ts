import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { computeMetrics } from './computeMetrics';
import { parseRecords } from './parseRecords';

describe('parseRecords', () => {
  it('parses RFC 4180 CSV: quotes, escaped quotes, newlines in cells, CRLF, JSON cells, dotted headers', () => {
    const csv = [
      'id,createdAt,queue,priority,botOnly,meta.region,events',
      't1,2026-11-23T09:00:00Z,"billing, EU",2,true,emea,"[{""type"":""resolved"",""at"":""2026-11-23T10:00:00Z""}]"',
      't2,1795424400000,"multi',
      'line",5,false,,',
    ].join('\r\n');
    const { records, skipped } = parseRecords(csv, { format: 'csv', kind: 'ticket' });
    expect(skipped).toBe(0);
    expect(records[0]).toMatchObject({
      id: 't1',
      queue: 'billing, EU',
      priority: 2,
      botOnly: true,
      meta: { region: 'emea' },
    });
    expect(records[0]!.createdAt).toEqual(new Date('2026-11-23T09:00:00Z'));
    expect(records[0]!.events![0]!.type).toBe('resolved');
    expect(records[1]).toMatchObject({ id: 't2', queue: 'multi\r\nline', priority: 5, botOnly: false });
    expect(records[1]!.createdAt.getTime()).toBe(1795424400000);
    // The parsed records feed the calculators directly.
    expect(
      computeMetrics(records, { metrics: ['containmentRate'], groupBy: 'meta.region' }).rows[0],
    ).toMatchObject({ 'meta.region': 'emea', value: 1 });
  });

  it('reports every bad row by line and field: missing timestamp, rating off scale type, end before start', () => {
    const csv = [
      'createdAt,resolvedAt,reopens',
      '2026-11-23T09:00:00Z,2026-11-23T10:00:00Z,0',
      ',2026-11-23T10:00:00Z,0', // line 3: missing createdAt
      '2026-11-23T09:00:00Z,2026-11-22T10:00:00Z,0', // line 4: end before start
      '2026-11-23T09:00:00Z,,-1', // line 5: negative count
      '2026-11-23T09:00:00Z,', // line 6: wrong number of cells
    ].join('\n');
    try {
      parseRecords(csv, { format: 'csv', kind: 'ticket' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TandemError);
      const e = error as TandemError;
      expect(e.message).toContain('4 bad rows');
      expect(e.issues.map((i) => i.path)).toEqual([
        'line 3 createdAt',
        'line 4 resolvedAt',
        'line 5 reopens',
        'line 6',
      ]);
    }
    const r = parseRecords(csv, { format: 'csv', kind: 'ticket', onInvalid: 'skip' });
    expect(r.records).toHaveLength(1);
    expect(r.skipped).toBe(4);
    expect(r.invalid[0]).toEqual({
      row: 1,
      line: 3,
      field: 'createdAt',
      message: 'required field is missing',
    });
    expect(r.invalid[1]).toMatchObject({
      row: 2,
      line: 4,
      field: 'resolvedAt',
      message: 'resolvedAt is before createdAt',
    });
  });

  it('survey CSV: empty rating is a skipped answer (null), text is an error', () => {
    const r = parseRecords(
      'rating,respondedAt\n5,2026-11-23T09:00:00Z\n,2026-11-23T09:00:00Z\nfive,2026-11-23T09:00:00Z',
      {
        format: 'csv',
        kind: 'survey',
        onInvalid: 'skip',
      },
    );
    expect(r.records.map((x) => x.rating)).toEqual([5, null]);
    expect(r.invalid).toMatchObject([{ row: 2, line: 4, field: 'rating' }]);
  });

  it('JSON Lines with line numbers; JSON arrays by row', () => {
    const jsonl =
      '{"offeredAt":"2026-11-23T09:00:00Z","answeredAt":"2026-11-23T09:00:10Z"}\n\n{"offeredAt":"2026-11-23T09:00:00Z","answeredAt":"2026-11-23T08:00:00Z"}\n{oops';
    const r = parseRecords(jsonl, { format: 'jsonl', kind: 'contact', onInvalid: 'skip' });
    expect(r.records).toHaveLength(1);
    expect(r.invalid.map((i) => [i.line, i.field])).toEqual([
      [3, 'answeredAt'],
      [4, ''],
    ]);
    const j = parseRecords('[{"rating": 4}, {"rating": "x"}]', {
      format: 'json',
      kind: 'survey',
      onInvalid: 'skip',
    });
    expect(j.invalid).toMatchObject([{ row: 1, field: 'rating' }]);
    expect(() => parseRecords('{"rating": 4}', { format: 'json', kind: 'survey' })).toThrow(/array/);
  });

  it('rejects bad options', () => {
    expect(() => parseRecords('', { format: 'xml' as never, kind: 'ticket' })).toThrow(/format/);
  });

  it('refuses a CSV header through __proto__ or constructor, and Object.prototype stays clean', () => {
    const polluted = () => (Object.prototype as Record<string, unknown>).polluted;
    try {
      for (const [column, index] of [
        ['__proto__.polluted', 1],
        ['meta.constructor.prototype.polluted', 1],
        ['__proto__', 1],
      ] as const) {
        const csv = `createdAt,${column}\n2026-11-23T09:00:00Z,yes\n`;
        const error = (() => {
          try {
            parseRecords(csv, { format: 'csv', kind: 'ticket', onInvalid: 'skip' });
          } catch (e) {
            return e;
          }
        })();
        expect(error).toBeInstanceOf(TandemError);
        expect((error as TandemError).code).toBe('INVALID_INPUT');
        expect((error as TandemError).message).toContain(`header[${index}]`);
        expect(polluted()).toBeUndefined();
      }
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    // Dotted headers still build nested objects of own properties.
    const ok = parseRecords('createdAt,meta.region\n2026-11-23T09:00:00Z,emea\n', {
      format: 'csv',
      kind: 'ticket',
    });
    expect(ok.records[0]!.meta).toEqual({ region: 'emea' });
  });
});
