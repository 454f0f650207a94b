import { readFileSync } from 'node:fs';
import { createMemoryKnowledgeStore, type KnowledgeStore } from '../../knowledge/index';
import { formatPath } from '../../model/errors';
import { comparePolicies, type PolicyComparison, type RateDifference } from '../../replay/comparePolicies';
import { compileReplayPolicy } from '../../replay/compileReplayPolicy';
import { type ReplaySummary, replay } from '../../replay/replay';
import { type ReplayConversationInput, ReplayConversationSchema } from '../../replay/schemas';
import { type CliIo, createProgressBar, formatTable, readLines } from '../io';
import { createProblemGroups, type ProblemGroups } from '../problems';

/** Options of `tandem-cx replay`. */
export interface ReplayCommandOptions {
  file: string;
  policy: string;
  compare?: string;
  knowledge?: string;
  format?: string;
  seed?: number;
  skipInvalid?: boolean;
  partial?: boolean;
}

/** Valid conversations of a JSONL file, with every bad line reported (line, field, message), grouped. */
function* conversationsOf(
  path: string,
  problems: ProblemGroups | null,
  onBytes?: (done: number, total: number) => void,
): Generator<ReplayConversationInput> {
  for (const { line, text } of readLines(path, onBytes)) {
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      problems?.countRow();
      problems?.add(line, '', `invalid JSON: ${(error as Error).message}`);
      continue;
    }
    const parsed = ReplayConversationSchema.safeParse(value);
    if (parsed.success) yield value as ReplayConversationInput;
    else {
      problems?.countRow();
      for (const issue of parsed.error.issues) problems?.add(line, formatPath(issue.path), issue.message);
    }
  }
}

const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)} %`);

function summaryRows(s: ReplaySummary): Array<[string, string]> {
  return [
    ['conversations', String(s.conversations)],
    ['bot conversations', String(s.botConversations)],
    ['containment', pct(s.containmentRate)],
    ['handoff rate', pct(s.handoffRate)],
    ['  escalations / accepted offers', `${s.escalations} / ${s.acceptedOffers}`],
    ['routing accuracy', pct(s.routingAccuracy)],
    ['SLA attainment (first response)', `${pct(s.sla.attainment)} of ${s.sla.measured}`],
    ['surveys scheduled', String(s.surveys.scheduled)],
    [
      'surveys suppressed',
      Object.entries(s.surveys.suppressed)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || '0',
    ],
    ['human conversations', String(s.humanConversations)],
    [
      'peak interval load',
      `${s.load.peakConversations}${s.load.peakInterval ? ` (${s.load.peakInterval.slice(0, 16)})` : ''}`,
    ],
    ['agents needed at peak (Erlang C)', s.load.staffing ? String(s.load.staffing.positions) : '—'],
  ];
}

function differenceCell(d: RateDifference): string {
  const c = d.comparison;
  if (c.difference === null) return '—';
  const pp = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(1)}`;
  return `${pp(c.difference)} pp [${pp(c.lower!)}, ${pp(c.upper!)}]${c.significant ? ' *' : ''}`;
}

/** Renders a single replay summary or an A/B comparison as a table. */
export function renderReplay(result: ReplaySummary | PolicyComparison): string {
  if (!('containmentRate' in result && 'comparison' in (result.containmentRate as object))) {
    return formatTable(['metric', 'value'], summaryRows(result as ReplaySummary));
  }
  const c = result as PolicyComparison;
  const a = summaryRows(c.a);
  const b = summaryRows(c.b);
  const diffs: Record<string, string> = {
    containment: differenceCell(c.containmentRate),
    'handoff rate': differenceCell(c.handoffRate),
    'routing accuracy': differenceCell(c.routingAccuracy),
    'SLA attainment (first response)': differenceCell(c.slaAttainment),
    'surveys scheduled': `${c.surveyVolume.difference >= 0 ? '+' : ''}${c.surveyVolume.difference}`,
    'agents needed at peak (Erlang C)':
      c.staffing.difference === null
        ? '—'
        : `${c.staffing.difference >= 0 ? '+' : ''}${c.staffing.difference}`,
  };
  const table = formatTable(
    ['metric', 'policy A', 'policy B', 'B − A (95 % CI)'],
    a.map(([name, value], i) => [name, value, b[i]![1], diffs[name] ?? '']),
  );
  // The footnote explains a star, so it is printed only when a row has one.
  const method = 'Newcombe/Wilson interval for the difference of two proportions';
  const starred = Object.values(diffs).some((cell) => cell.endsWith(' *'));
  return `${table}\n${starred ? `* significant at 95 % (${method})` : `no difference is significant at 95 % (${method})`}`;
}

/** `tandem-cx replay <conversations.jsonl> --policy a.json [--compare b.json]`. */
export async function runReplayCommand(options: ReplayCommandOptions, io: CliIo): Promise<number> {
  const policyA = compileReplayPolicy(JSON.parse(readFileSync(options.policy, 'utf8')));
  const policyB = options.compare
    ? compileReplayPolicy(JSON.parse(readFileSync(options.compare, 'utf8')))
    : undefined;
  let knowledge: KnowledgeStore | undefined;
  if (options.knowledge) {
    knowledge = createMemoryKnowledgeStore();
    for (const article of JSON.parse(readFileSync(options.knowledge, 'utf8')) as unknown[])
      await knowledge.upsertArticle(article as never);
  }
  const problems = createProblemGroups();
  const bar = createProgressBar(io, 'replaying');
  const replayOptions = {
    ...(knowledge ? { knowledge } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  let result: ReplaySummary | PolicyComparison;
  if (policyB) {
    let pass = 0;
    result = await comparePolicies(
      policyA,
      policyB,
      () => {
        pass++;
        const sink = pass === 1 ? problems : null;
        return conversationsOf(options.file, sink, (done, total) =>
          bar.update(done + (pass - 1) * total, 2 * total),
        );
      },
      replayOptions,
    );
  } else {
    result = (
      await replay(
        conversationsOf(options.file, problems, (d, t) => bar.update(d, t)),
        policyA,
        { ...replayOptions, keepDecisions: false },
      )
    ).summary;
  }
  bar.done();
  if (problems.rows > 0) {
    io.stderr(
      `${options.skipInvalid ? 'warning' : 'error'}: ${problems.rows.toLocaleString('en-US')} invalid line(s) in ${options.file}\n${problems.render('line').join('\n')}\n`,
    );
    if (!options.skipInvalid && !options.partial) return 1;
    if (!options.skipInvalid) io.stderr('warning: partial results below leave the invalid lines out\n');
  }
  io.stdout(`${options.format === 'json' ? JSON.stringify(result, null, 2) : renderReplay(result)}\n`);
  return problems.rows > 0 && !options.skipInvalid ? 1 : 0;
}
