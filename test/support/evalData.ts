/**
 * Readers for the evaluation data in ../shared/eval-data (read in place, never copied; see its
 * README), shared by the quality tests and the benchmarks, plus the statistics they report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** `../shared/eval-data`, beside the repository. */
export const EVAL_DATA = resolve(import.meta.dirname, '../../../shared/eval-data');

/**
 * True when the evaluation data is present; quality tests skip themselves when it is not.
 * In CI (`CI=true`) a missing file is a failure, not a skip: the quality floors guard every
 * headline figure, and a CI run that silently skipped them would guard nothing.
 */
export function hasEvalData(file: string): boolean {
  if (existsSync(join(EVAL_DATA, file))) return true;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(
      `[tandem-cx] evaluation data ${join(EVAL_DATA, file)} is missing; CI needs ../shared/eval-data beside the clone`,
    );
  }
  console.warn(`[tandem-cx] skipping quality floors: ${file} not found under ${EVAL_DATA}`);
  return false;
}

/** VADER's Amazon review snippets: id, mean of 20 human ratings (−4..+4), text (Hutto & Gilbert 2014, MIT). */
export function readVaderSnippets(): Array<{ id: string; rating: number; text: string }> {
  return readFileSync(join(EVAL_DATA, 'vader/amazonReviewSnippets_GroundTruth.txt'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [id, rating, ...text] = line.split('\t');
      return { id: id!, rating: Number(rating), text: text.join('\t') };
    });
}

/** RFC 4180 CSV: quoted fields may hold commas, doubled quotes and newlines. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      field = '';
      if (row.some((f) => f.length)) rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

/** banking77 training split (Casanueva et al. 2020, CC BY 4.0): `[text, category]` rows, header dropped. */
export function readBanking77(): Array<[text: string, category: string]> {
  return parseCsv(readFileSync(join(EVAL_DATA, 'banking77/train.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length === 2)
    .map((r) => [r[0]!, r[1]!.trim()]);
}

/** CLINC150 "full" train/val/oos parts (Larson et al. 2019, CC BY 3.0): `[text, intent]` pairs per part. */
export function readClinc150(): Record<
  'train' | 'val' | 'oos_train' | 'oos_val',
  Array<[text: string, intent: string]>
> {
  return JSON.parse(readFileSync(join(EVAL_DATA, 'clinc150/data_dev.json'), 'utf8'));
}

/** Pearson correlation coefficient of two equally long samples. */
export function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  const ma = a.reduce((s, x) => s + x, 0) / n;
  const mb = b.reduce((s, x) => s + x, 0) / n;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i]! - ma) * (b[i]! - mb);
    saa += (a[i]! - ma) ** 2;
    sbb += (b[i]! - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

/**
 * Area under the ROC curve: the probability that a random positive scores above a random
 * negative, ties counted as one half (Mann–Whitney U / (n₁·n₂); Hanley & McNeil 1982).
 */
export function auroc(positives: readonly number[], negatives: readonly number[]): number {
  const all = [...positives.map((v) => [v, 1] as const), ...negatives.map((v) => [v, 0] as const)].sort(
    (a, b) => a[0] - b[0],
  );
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]![0] === all[i]![0]) j++;
    const rank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if (all[k]![1] === 1) rankSum += rank;
    i = j;
  }
  const n1 = positives.length;
  const n2 = negatives.length;
  return (rankSum - (n1 * (n1 + 1)) / 2) / (n1 * n2);
}

/**
 * Development split for the sentiment sets, fixed before any tuning: FNV-1a (32-bit) of
 * `tandem-cx-sentiment-2026|` + the item's text, even → `tune` (errors may be read), odd → `check`
 * (figures only). Duplicate texts fall on the same side.
 */
export function sentimentSplit(text: string): 'tune' | 'check' {
  let h = 0x811c9dc5;
  const s = `tandem-cx-sentiment-2026|${text}`;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h % 2 === 0 ? 'tune' : 'check';
}

/**
 * Chinese e-commerce reviews, nine categories (SophonPlus ChineseNlpCorpus `online_shopping_10_cats`
 * without hotels; evaluation only, never shipped): `{ category, positive, text, part }`.
 */
export function readZhReviews(): Array<{
  category: string;
  positive: boolean;
  text: string;
  part: 'tune' | 'check';
}> {
  return parseCsv(readFileSync(join(EVAL_DATA, 'zh-reviews/online_shopping_9_cats.csv'), 'utf8'))
    .slice(1)
    .filter((r) => r.length >= 3 && (r[1] === '0' || r[1] === '1') && r[2]!.trim() !== '')
    .map((r) => ({ category: r[0]!, positive: r[1] === '1', text: r[2]!, part: sentimentSplit(r[2]!) }));
}

/**
 * PolEmo 2.0 medicine sentences, development half (Kocoń et al. 2019; CC BY-SA 4.0, evaluation
 * only, never shipped): `{ label, text, part }` with label `plus`, `minus`, `zero` or `amb`.
 * Lines are tokenized text ending in `__label__z_<label>`; a wrapping CSV quote is removed.
 */
export function readPolemo(): Array<{
  label: 'plus' | 'minus' | 'zero' | 'amb';
  text: string;
  part: 'tune' | 'check';
}> {
  const out: Array<{ label: 'plus' | 'minus' | 'zero' | 'amb'; text: string; part: 'tune' | 'check' }> = [];
  const file = readFileSync(join(EVAL_DATA, 'polemo-dev/medicine-sentences-dev.txt'), 'utf8');
  for (const raw of file.split('\n')) {
    const m = /^(.*?)\s*__label__z_(plus_m|minus_m|zero|amb)"?\s*$/.exec(raw);
    if (!m) continue;
    let text = m[1]!;
    if (text.startsWith('"')) text = text.slice(1).replace(/""/g, '"');
    text = text.trim();
    const label = m[2] === 'plus_m' ? 'plus' : m[2] === 'minus_m' ? 'minus' : (m[2] as 'zero' | 'amb');
    out.push({ label, text, part: sentimentSplit(text) });
  }
  return out;
}

/** One turn of a USS dialogue: `USER` (customer) or `SYSTEM` (bot), with user-turn ratings. */
export interface UssTurn {
  role: 'USER' | 'SYSTEM';
  text: string;
  /** Satisfaction ratings 1–5 of the annotators (user turns; empty for system turns). */
  ratings: number[];
}

/**
 * USS dev part (Sun et al., SIGIR 2021, `sunnweiwei/user-satisfaction-simulation`; no license
 * stated: evaluation only, never shipped): MultiWOZ and ReDial dialogues, each `{ source, index,
 * turns, overall, part }`. A blank line ends a dialogue; its last `USER OVERALL` line rates the
 * whole dialogue and is returned apart. `part` splits dialogues in halves by FNV-1a of
 * `tandem-cx-frustration-2026|<source>|<index>` (fixed before tuning): `tune` (errors may be
 * read) and `check` (figures only).
 */
export function readUssDialogues(): Array<{
  source: 'MWOZ' | 'ReDial';
  index: number;
  turns: UssTurn[];
  overall: number[] | null;
  part: 'tune' | 'check';
}> {
  const out: ReturnType<typeof readUssDialogues> = [];
  for (const source of ['MWOZ', 'ReDial'] as const) {
    const blocks = readFileSync(join(EVAL_DATA, `uss-dev/${source}.txt`), 'utf8').split(/\r?\n\s*\r?\n/);
    for (const block of blocks) {
      const turns: UssTurn[] = [];
      let overall: number[] | null = null;
      for (const line of block.split(/\r?\n/)) {
        if (!line.trim()) continue;
        const [role, text = '', , ratings = ''] = line.split('\t');
        if (role !== 'USER' && role !== 'SYSTEM') continue;
        const scores = ratings
          .split(',')
          .map((x) => Number(x.trim()))
          .filter((x) => Number.isFinite(x) && x > 0);
        if (role === 'USER' && text.trim() === 'OVERALL') overall = scores;
        else turns.push({ role, text, ratings: role === 'USER' ? scores : [] });
      }
      if (!turns.length) continue;
      const index = out.filter((d) => d.source === source).length;
      let h = 0x811c9dc5;
      const key = `tandem-cx-frustration-2026|${source}|${index}`;
      for (let i = 0; i < key.length; i++) {
        h ^= key.charCodeAt(i);
        h = Math.imul(h, 0x01000193) >>> 0;
      }
      out.push({ source, index, turns, overall, part: h % 2 === 0 ? 'tune' : 'check' });
    }
  }
  return out;
}

/**
 * BPI Challenge 2013 incidents (Volvo IT; the copy used by Tax et al. 2017; BPI Challenge terms,
 * evaluation only): the event log in file order, `at` read as UTC (the file has no zone). Cases
 * are contiguous in the file and already time-ordered within each case.
 */
export function readBpi13(): Array<{ caseId: string; activity: string; at: string }> {
  return readFileSync(join(EVAL_DATA, 'bpi13-incidents/bpi_13_incidents.csv'), 'utf8')
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => {
      const [caseId, activity, time] = line.trim().split(',');
      return { caseId: caseId!, activity: activity!, at: `${time!.replace(' ', 'T')}Z` };
    });
}

/**
 * The messages of a USS dialogue as conversation messages (USER → customer, SYSTEM → bot), 30 s
 * apart from a fixed start, so every evaluation builds the same conversation.
 */
export function ussMessages(dialogue: { turns: readonly UssTurn[] }): Array<{
  id: string;
  author: 'customer' | 'bot';
  text: string;
  at: Date;
}> {
  const start = Date.UTC(2026, 0, 5, 10, 0, 0);
  return dialogue.turns.map((t, i) => ({
    id: `m${i + 1}`,
    author: t.role === 'USER' ? 'customer' : 'bot',
    text: t.text,
    at: new Date(start + i * 30_000),
  }));
}

/**
 * The label of a rated user turn as the eval-data README defines it: dissatisfied when the mean
 * rating is ≤ 2, satisfied when it is ≥ 3, `null` in between or when unrated (left out).
 */
export function ussTurnLabel(turn: UssTurn): 'dissatisfied' | 'satisfied' | null {
  if (turn.role !== 'USER' || turn.ratings.length === 0) return null;
  const m = turn.ratings.reduce((a, b) => a + b, 0) / turn.ratings.length;
  return m <= 2 ? 'dissatisfied' : m >= 3 ? 'satisfied' : null;
}
