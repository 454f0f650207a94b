import { readFileSync } from 'node:fs';
import { type InvalidRecord, parseRecords, type RecordKind } from '../metrics/index';
import type { Line } from './io';

/** Record formats the CLI reads, from the file extension unless `--input-format` says. */
export type InputFormat = 'csv' | 'jsonl' | 'json';

/** Infers the input format from a file name. */
export function formatOf(path: string): InputFormat | undefined {
  if (/\.csv$/i.test(path)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(path)) return 'jsonl';
  if (/\.json$/i.test(path)) return 'json';
  return undefined;
}

const BATCH = 4096;

/**
 * Streams validated records out of lines of CSV or JSON Lines, in batches through the metrics
 * module's `parseRecords` (so the CLI and the library share one parser and one set of checks).
 * A CSV row whose quoted cell spans several lines is kept whole. Invalid rows are passed to
 * `onInvalid` with their real line numbers; nothing is dropped silently.
 */
export function* streamRecords(
  lines: Iterable<Line>,
  format: Exclude<InputFormat, 'json'>,
  kind: RecordKind,
  onInvalid: (problem: InvalidRecord) => void,
): Generator<unknown> {
  let header: Line | undefined;
  let batch: Line[] = [];
  let pending: Line | undefined; // a CSV row still inside a quoted cell

  function* flush(): Generator<unknown> {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const text = (format === 'csv' ? [header!, ...rows] : rows).map((l) => l.text).join('\n');
    const result = parseRecords(text, { format, kind, onInvalid: 'skip' });
    // parseRecords numbers lines within the batch text; map them back to the file.
    const fileLine = (batchLine: number | undefined): number | undefined => {
      if (batchLine === undefined) return undefined;
      let offset = format === 'csv' ? 2 : 1; // the header is line 1 of the batch text
      for (const row of rows) {
        const height = row.text.split('\n').length;
        if (batchLine < offset + height) return row.line + (batchLine - offset);
        offset += height;
      }
      return undefined;
    };
    for (const problem of result.invalid) {
      const line = fileLine(problem.line);
      onInvalid({ ...problem, ...(line !== undefined ? { line } : {}) });
    }
    yield* result.records;
  }

  for (const line of lines) {
    if (format === 'csv') {
      if (!header) {
        if (line.text.trim() !== '') header = line;
        continue;
      }
      const current: Line = pending ? { line: pending.line, text: `${pending.text}\n${line.text}` } : line;
      if ((current.text.match(/"/g)?.length ?? 0) % 2 === 1) {
        pending = current;
        continue;
      }
      pending = undefined;
      if (current.text.trim() === '') continue;
      batch.push(current);
    } else if (line.text.trim() !== '') batch.push(line);
    if (batch.length >= BATCH) yield* flush();
  }
  if (pending) batch.push(pending);
  yield* flush();
}

/** Reads a JSON array file whole (JSON has no streaming form) and validates it the same way. */
export function readJsonRecords(
  path: string,
  kind: RecordKind,
  onInvalid: (problem: InvalidRecord) => void,
): unknown[] {
  const result = parseRecords(readFileSync(path, 'utf8'), { format: 'json', kind, onInvalid: 'skip' });
  for (const problem of result.invalid) onInvalid(problem);
  return result.records;
}
