import { readFileSync } from 'node:fs';
import { ownEntry } from '../_internal/ownProperties';
import { type InvalidRecord, parseRecords, type RecordKind } from '../metrics/index';
import { csvCell, type Line, readLines } from './io';

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

/** A validated record and where it came from: its line (CSV/JSONL) or 1-based record number (JSON). */
export interface Located {
  record: unknown;
  place: number;
}

/** Receives the problems of one invalid row, with its line (or record number). */
export type InvalidRowSink = (place: number | undefined, problems: readonly InvalidRecord[]) => void;

/**
 * Reports the invalid rows of one parsed batch and yields its valid records with their places.
 * `placeOf(row)` maps a 0-based data row of the batch to its line; problems arrive ordered by row,
 * so this is one walk over the batch (the old per-problem re-split of the batch was quadratic).
 */
function* located(
  result: { records: unknown[]; invalid: InvalidRecord[] },
  rows: number,
  placeOf: (row: number) => number,
  onInvalid: InvalidRowSink,
): Generator<Located> {
  let next = 0; // next valid record
  let p = 0; // next problem
  const problems: InvalidRecord[] = [];
  for (let row = 0; row < rows; row++) {
    if (p < result.invalid.length && result.invalid[p]!.row === row) {
      problems.length = 0;
      while (p < result.invalid.length && result.invalid[p]!.row === row) problems.push(result.invalid[p++]!);
      onInvalid(placeOf(row), problems);
      continue;
    }
    if (next < result.records.length) yield { record: result.records[next++], place: placeOf(row) };
  }
}

/**
 * Streams validated records out of lines of CSV or JSON Lines, in batches through the metrics
 * module's `parseRecords` (so the CLI and the library share one parser and one set of checks).
 * A CSV row whose quoted cell spans several lines is kept whole. Invalid rows are passed to
 * `onInvalid` with their real line numbers; nothing is dropped silently. `renameColumns` renames
 * CSV header cells (`{ csat: 'rating' }`).
 */
export function* streamRecords(
  lines: Iterable<Line>,
  format: Exclude<InputFormat, 'json'>,
  kind: RecordKind,
  onInvalid: InvalidRowSink,
  renameColumns?: Readonly<Record<string, string>>,
): Generator<Located> {
  let header: Line | undefined;
  let batch: Line[] = [];
  let pending: Line | undefined; // a CSV row still inside a quoted cell

  function* flush(): Generator<Located> {
    if (batch.length === 0) return;
    const rows = batch;
    batch = [];
    const text = (format === 'csv' ? [header!, ...rows] : rows).map((l) => l.text).join('\n');
    const result = parseRecords(text, { format, kind, onInvalid: 'skip' });
    // parseRecords counts data rows 0, 1, 2 … in the batch, one per batch entry (blank lines
    // never reach it), so a row's file line is the line of that entry.
    yield* located(result, rows.length, (row) => rows[row]!.line, onInvalid);
  }

  for (const line of lines) {
    if (format === 'csv') {
      if (!header) {
        if (line.text.trim() !== '')
          header = renameColumns
            ? {
                line: line.line,
                text: splitHeader(line.text)
                  // Own entries only: a column named `toString` keeps its name.
                  .map((cell) => csvCell(ownEntry(renameColumns, cell) ?? cell))
                  .join(','),
              }
            : line;
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
export function readJsonRecords(path: string, kind: RecordKind, onInvalid: InvalidRowSink): Located[] {
  const text = readFileSync(path, 'utf8');
  const result = parseRecords(text, { format: 'json', kind, onInvalid: 'skip' });
  const total = result.records.length + result.skipped;
  return [...located(result, total, (row) => row + 1, onInvalid)];
}

/**
 * The header cells of a CSV file (its first non-blank line, split on commas outside quotes) and
 * whether any non-blank line follows it. Undefined for an empty file. Reads only the first chunk,
 * so a header problem in a multi-gigabyte file is reported at once.
 */
export function readCsvHeader(path: string): { cells: string[]; hasData: boolean } | undefined {
  let cells: string[] | undefined;
  for (const { text } of readLines(path)) {
    if (text.trim() === '') continue;
    if (cells) return { cells, hasData: true };
    cells = splitHeader(text);
  }
  return cells ? { cells, hasData: false } : undefined;
}

function splitHeader(text: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell === '') quoted = true;
    else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else cell += ch;
  }
  cells.push(cell.trim());
  return cells;
}
