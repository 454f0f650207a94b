import { z } from 'zod';
import { FORBIDDEN_SEGMENTS, readOwn } from '../_internal/ownProperties';
import { formatPath, parseWithSchema, TandemError } from '../model/errors';
import type { InvalidRecord, RecordKind } from './_engine';
import {
  type ContactRecord,
  ContactRecordSchema,
  OnInvalidSchema,
  type SurveyResponse,
  SurveyResponseSchema,
  type TicketRecord,
  TicketRecordSchema,
} from './schemas';

/** Options of {@link parseRecords}. */
export const ParseRecordsOptionsSchema = z.object({
  /** `csv` (RFC 4180, header row), `json` (an array) or `jsonl` (one object per line). */
  format: z.enum(['csv', 'json', 'jsonl']),
  /** Which record schema to validate against. */
  kind: z.enum(['ticket', 'survey', 'contact']),
  onInvalid: OnInvalidSchema,
  /** CSV field delimiter. Default `,`. */
  delimiter: z.string().length(1).default(','),
});
/** Options of {@link parseRecords}. */
export type ParseRecordsOptions = z.input<typeof ParseRecordsOptionsSchema>;

/** Records by kind. */
export interface ParsedRecordByKind {
  ticket: TicketRecord;
  survey: SurveyResponse;
  contact: ContactRecord;
}

/** Result of {@link parseRecords}. */
export interface ParseRecordsResult<K extends RecordKind> {
  records: ParsedRecordByKind[K][];
  /** Rows skipped as invalid (only with `onInvalid: 'skip'`). */
  skipped: number;
  /** Every problem of the skipped rows: 0-based data row, 1-based line (CSV/JSONL), field, message. */
  invalid: InvalidRecord[];
}

const SCHEMAS = { ticket: TicketRecordSchema, survey: SurveyResponseSchema, contact: ContactRecordSchema };

// How CSV cells (always text) are typed per kind.
const NUMBERS: Record<RecordKind, Set<string>> = {
  ticket: new Set(['priority', 'reopens', 'transfers', 'reroutes', 'botTurns', 'botErrors', 'handleTime']),
  survey: new Set(['rating']),
  contact: new Set(['talkTime', 'holdTime', 'wrapTime']),
};
const BOOLEANS: Record<RecordKind, Set<string>> = {
  ticket: new Set(['handedOff', 'botInvolved', 'humanInvolved', 'botOnly', 'completed']),
  survey: new Set(),
  contact: new Set(['transferred']),
};
const JSON_CELLS = new Set(['messages', 'events', 'pauses', 'meta']);

/** Splits CSV text into rows of cells with the 1-based line each row starts on (RFC 4180). */
function* csvRows(text: string, delimiter: string): Generator<{ line: number; cells: string[] }> {
  let line = 1;
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // BOM
  while (i < n) {
    const startLine = line;
    const cells: string[] = [];
    let cell = '';
    let inQuotes = false;
    let ended = false;
    while (i < n) {
      const ch = text[i]!;
      if (inQuotes) {
        if (ch === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          inQuotes = false;
          i++;
          continue;
        }
        if (ch === '\n') line++;
        cell += ch;
        i++;
        continue;
      }
      if (ch === '"' && cell === '') {
        inQuotes = true;
        i++;
      } else if (ch === delimiter) {
        cells.push(cell);
        cell = '';
        i++;
      } else if (ch === '\r' || ch === '\n') {
        if (ch === '\r' && text[i + 1] === '\n') i++;
        i++;
        line++;
        ended = true;
        break;
      } else {
        cell += ch;
        i++;
      }
    }
    cells.push(cell);
    if (!(cells.length === 1 && cells[0] === '')) yield { line: startLine, cells };
    if (!ended && i >= n) break;
  }
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let node = value;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<PropertyKey, unknown>)[key];
  }
  return node;
}

/** Writes `value` at a dotted path of own properties, creating the objects on the way. */
function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (let i = 0; i < parts.length - 1; i++) {
    const part = parts[i]!;
    let next = readOwn(node, part);
    if (typeof next !== 'object' || next === null) {
      next = {};
      node[part] = next;
    }
    node = next as Record<string, unknown>;
  }
  node[parts[parts.length - 1]!] = value;
}

/**
 * Refuses a CSV header naming the prototype machinery (`__proto__.isAdmin`, `constructor`): such a
 * column can only be an attack, since `setPath` would otherwise write through `__proto__` into
 * `Object.prototype` for the whole process. Every other header text is a field name.
 */
function checkHeader(header: readonly string[]): void {
  header.forEach((field, i) => {
    const segment = field.split('.').find((part) => FORBIDDEN_SEGMENTS.has(part));
    if (segment !== undefined)
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        path: `header[${i}]`,
        message: `CSV column "${field}" uses the forbidden segment "${segment}" (prototype access); rename the column`,
      });
  });
}

function typeCell(kind: RecordKind, field: string, cell: string): unknown {
  if (cell === '') return kind === 'survey' && field === 'rating' ? null : undefined;
  if (NUMBERS[kind].has(field)) {
    const number = Number(cell);
    return Number.isNaN(number) ? cell : number;
  }
  if (BOOLEANS[kind].has(field)) {
    const lower = cell.toLowerCase();
    return lower === 'true' || lower === '1' ? true : lower === 'false' || lower === '0' ? false : cell;
  }
  if (JSON_CELLS.has(field)) {
    try {
      return JSON.parse(cell);
    } catch {
      return cell;
    }
  }
  // Epoch milliseconds in timestamp columns.
  if (/At$/.test(field) && /^\d{9,}$/.test(cell)) return Number(cell);
  return cell;
}

/**
 * Parses and validates records from CSV, JSON or JSON Lines text against the ticket, survey or
 * contact schema. Every bad row is reported with its row, line and field — a missing timestamp, a
 * rating that is not a number, an end before a start — and either thrown as one
 * {@link TandemError} (default) or skipped and counted (`onInvalid: 'skip'`). Nothing is dropped
 * silently.
 *
 * CSV: a header row of field names (dotted names such as `meta.region` build nested objects);
 * `messages`, `events`, `pauses`, `meta` cells hold JSON; empty cells are absent fields (an empty
 * survey `rating` is `null`, a skipped answer).
 *
 * @example
 * ```ts
 * import { parseRecords } from 'tandem-cx/metrics';
 * const csv = 'createdAt,queue,resolvedAt\n2026-11-23T09:00:00Z,billing,2026-11-23T10:00:00Z\n,tech,\n2026-11-23T09:00:00Z,tech,2026-11-22T09:00:00Z';
 * const r = parseRecords(csv, { format: 'csv', kind: 'ticket', onInvalid: 'skip' }); // => { skipped: 2 }
 * r.invalid[0]; // => { row: 1, line: 3, field: 'createdAt' }
 * r.invalid[1]; // => { row: 2, line: 4, field: 'resolvedAt', message: 'resolvedAt is before createdAt' }
 * ```
 */
export function parseRecords<K extends RecordKind>(
  text: string,
  options: ParseRecordsOptions & { kind: K },
): ParseRecordsResult<K> {
  const o = parseWithSchema(ParseRecordsOptionsSchema, options, {
    module: 'metrics',
    code: 'INVALID_CONFIG',
    what: 'parseRecords options',
  });
  if (typeof text !== 'string')
    throw new TandemError({ code: 'INVALID_INPUT', module: 'metrics', message: 'parseRecords expects text' });
  const kind = o.kind as K;
  const schema = SCHEMAS[kind] as unknown as z.ZodType<ParsedRecordByKind[K]>;
  const records: ParsedRecordByKind[K][] = [];
  const invalid: InvalidRecord[] = [];
  let skipped = 0;
  let row = 0;

  const take = (value: unknown, line: number | undefined) => {
    const result = schema.safeParse(value);
    if (result.success) records.push(result.data);
    else {
      skipped++;
      for (const issue of result.error.issues) {
        const missing = issue.path.length > 0 && valueAt(value, issue.path) === undefined;
        invalid.push({
          row,
          ...(line !== undefined ? { line } : {}),
          field: formatPath(issue.path),
          message: missing ? 'required field is missing' : issue.message,
        });
      }
    }
    row++;
  };
  const broken = (line: number | undefined, message: string) => {
    skipped++;
    invalid.push({ row, ...(line !== undefined ? { line } : {}), field: '', message });
    row++;
  };

  if (o.format === 'csv') {
    let header: string[] | null = null;
    for (const { line, cells } of csvRows(text, o.delimiter)) {
      if (!header) {
        header = cells.map((c) => c.trim());
        checkHeader(header);
        continue;
      }
      if (cells.length !== header.length) {
        broken(line, `expected ${header.length} cells, found ${cells.length}`);
        continue;
      }
      const record: Record<string, unknown> = {};
      header.forEach((field, i) => {
        const value = typeCell(kind, field, cells[i]!);
        if (value !== undefined) setPath(record, field, value);
      });
      take(record, line);
    }
  } else if (o.format === 'jsonl') {
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
      if (raw.trim() === '') return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        broken(index + 1, `invalid JSON: ${(error as Error).message}`);
        return;
      }
      take(value, index + 1);
    });
  } else {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        message: `invalid JSON: ${(error as Error).message}`,
        cause: error,
      });
    }
    if (!Array.isArray(value))
      throw new TandemError({
        code: 'INVALID_INPUT',
        module: 'metrics',
        message: 'JSON input must be an array of records',
      });
    for (const item of value) take(item, undefined);
  }

  if (skipped > 0 && o.onInvalid === 'throw') {
    throw new TandemError({
      code: 'INVALID_INPUT',
      module: 'metrics',
      message: `invalid ${kind} records: ${skipped} bad row${skipped === 1 ? '' : 's'}; pass { onInvalid: 'skip' } to skip and count them`,
      issues: invalid.slice(0, 50).map((i) => ({
        path: `${i.line !== undefined ? `line ${i.line}` : `[${i.row}]`}${i.field ? ` ${i.field}` : ''}`,
        message: i.message,
      })),
    });
  }
  return { records, skipped, invalid };
}
