/** How a problem's place in the input is named: `line` for CSV / JSON Lines, `record` for a JSON array. */
export type PlaceWord = 'line' | 'record';

interface Group {
  field: string;
  message: string;
  count: number;
  places: number[];
}

const EXAMPLES = 3;
const MAX_GROUPS = 50;

/**
 * Problems of invalid rows, grouped by field and message in one pass (a Map lookup per problem,
 * nothing re-read): a column missing on 575,879 rows is one line of output with the first few
 * line numbers, not 575,879 lines — and not one per row up to an arbitrary cut.
 */
export interface ProblemGroups {
  /** Adds one problem of the row at `place` (a line or record number; undefined when unknown). */
  add(place: number | undefined, field: string, message: string): void;
  /** Counts one invalid row (a row may have several problems). */
  countRow(): void;
  readonly rows: number;
  readonly problems: number;
  /** The report, one line per group, in order of first appearance. */
  render(word: PlaceWord): string[];
}

const formatCount = (n: number) => n.toLocaleString('en-US');

/** Creates an empty {@link ProblemGroups}. */
export function createProblemGroups(): ProblemGroups {
  const groups = new Map<string, Group>();
  let rows = 0;
  let problems = 0;
  let overflow = 0;
  return {
    add(place, field, message) {
      problems++;
      const key = `${field}\u0000${message}`;
      let group = groups.get(key);
      if (!group) {
        if (groups.size >= MAX_GROUPS) {
          overflow++;
          return;
        }
        group = { field, message, count: 0, places: [] };
        groups.set(key, group);
      }
      group.count++;
      if (place !== undefined && group.places.length < EXAMPLES) group.places.push(place);
    },
    countRow() {
      rows++;
    },
    get rows() {
      return rows;
    },
    get problems() {
      return problems;
    },
    render(word) {
      const out: string[] = [];
      for (const g of groups.values()) {
        const what = `${g.field ? `${g.field}: ` : ''}${g.message}`;
        if (g.count === 1)
          out.push(
            `  ${g.places.length ? `${word} ${g.places[0]}` : `1 ${word}`}${g.field ? ', ' : ': '}${what}`,
          );
        else {
          const examples = g.places.length
            ? `, e.g. ${word}s ${g.places.join(', ')}${g.count > g.places.length ? ', …' : ''}`
            : '';
          out.push(`  ${what} — on ${formatCount(g.count)} ${word}s${examples}`);
        }
      }
      if (overflow > 0) out.push(`  … and ${formatCount(overflow)} more problem(s) of other kinds`);
      return out;
    },
  };
}
