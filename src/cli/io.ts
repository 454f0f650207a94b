import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Where the CLI writes: injectable so commands are testable without a process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Show a progress bar on stderr (a TTY, or `--progress`). */
  progress: boolean;
}

/** A text line of a file with its 1-based line number. */
export interface Line {
  line: number;
  text: string;
}

/**
 * Reads a file line by line, synchronously, in 1 MiB chunks — so a multi-gigabyte export
 * streams through the metric accumulators without being held in memory. Calls `onBytes` with
 * the bytes read so far (for the progress bar).
 */
export function* readLines(path: string, onBytes?: (read: number, total: number) => void): Generator<Line> {
  const fd = openSync(path, 'r');
  try {
    const total = fstatSync(fd).size;
    const buffer = Buffer.alloc(1 << 20);
    const decoder = new TextDecoder('utf-8');
    let carry = '';
    let line = 0;
    let read = 0;
    for (;;) {
      const bytes = readSync(fd, buffer, 0, buffer.length, null);
      read += bytes;
      const chunk =
        bytes > 0 ? decoder.decode(buffer.subarray(0, bytes), { stream: true }) : decoder.decode();
      const text = carry + chunk;
      const parts = text.split('\n');
      carry = bytes > 0 ? parts.pop()! : '';
      for (const part of parts) {
        line++;
        yield { line, text: part.endsWith('\r') ? part.slice(0, -1) : part };
      }
      onBytes?.(read, total);
      if (bytes === 0) {
        if (carry) yield { line: line + 1, text: carry };
        return;
      }
    }
  } finally {
    closeSync(fd);
  }
}

/** A progress bar on stderr that redraws at most every 100 ms of work. */
export function createProgressBar(
  io: CliIo,
  label: string,
): { update(done: number, total: number): void; done(): void } {
  let last = -1;
  let drawn = false;
  return {
    update(done, total) {
      if (!io.progress || total <= 0) return;
      const pct = Math.min(100, Math.floor((done / total) * 100));
      if (pct === last) return;
      last = pct;
      drawn = true;
      const width = 30;
      const filled = Math.round((pct / 100) * width);
      io.stderr(
        `\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(pct).padStart(3)}%`,
      );
    },
    done() {
      if (drawn) io.stderr('\n');
    },
  };
}

// East Asian wide characters (CJK ideographs, kana, Hangul, full-width forms) take two columns.
const WIDE =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** Terminal column width of a string (CJK characters count two). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** Formats rows as an aligned plain-text table (CJK-aware). */
export function formatTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
): string {
  const cells = [headers, ...rows].map((r) => r.map(String));
  const widths = headers.map((_, c) => Math.max(...cells.map((r) => displayWidth(r[c] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((cell, c) => cell + ' '.repeat(Math.max(0, widths[c]! - displayWidth(cell))))
      .join('  ')
      .trimEnd();
  return [line(cells[0]!), widths.map((w) => '─'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}

/** Quotes a CSV cell when needed (RFC 4180). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
