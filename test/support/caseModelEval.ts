/**
 * The evaluation protocol of the case model and its baselines, shared by the quality floors
 * (src/learning/caseModel.eval.test.ts) and the bench (bench/learning/caseModel.ts).
 *
 * Protocol of Tax, Verenich, La Rosa & Dumas, "Predictive Business Process Monitoring with LSTM
 * Neural Networks" (CAiSE 2017): cases in file order, the first two thirds train, the last third
 * tests; every prefix of two or more events that has a next event is evaluated; the guess is the
 * most probable activity that is not the end of the case. Remaining time is measured from the
 * prefix's last event to the case's last event; MAE in days.
 */
import { type CaseModel, type TrainCaseModelOptions, trainCaseModel } from '../../src/learning/index';
import { auroc } from './evalData';

export interface LogEvent {
  caseId: string;
  activity: string;
  at: string;
}
export interface LogCase {
  caseId: string;
  events: Array<{ activity: string; at: string; ms: number }>;
}
export interface EvalPrefix {
  steps: Array<{ activity: string; at: string }>;
  activities: string[];
  next: string;
  remainingMs: number;
  /** When the case started and when the prefix's last step happened (ms). */
  startMs: number;
  lastMs: number;
}

const DAY = 86_400_000;

/** Groups a log into cases in order of first appearance (events keep their file order). */
export function toCases(events: readonly LogEvent[]): LogCase[] {
  const byCase = new Map<string, LogCase>();
  for (const e of events) {
    let c = byCase.get(e.caseId);
    if (!c) {
      c = { caseId: e.caseId, events: [] };
      byCase.set(e.caseId, c);
    }
    c.events.push({ activity: e.activity, at: e.at, ms: Date.parse(e.at) });
  }
  return [...byCase.values()];
}

/** Back to a flat log (for trainCaseModel). */
export function toLog(cases: readonly LogCase[]): LogEvent[] {
  return cases.flatMap((c) => c.events.map((e) => ({ caseId: c.caseId, activity: e.activity, at: e.at })));
}

/**
 * Tax et al.'s split: first two thirds of the cases train, last third tests. `validation` is the
 * last 20 % of the training part (for tuning; `fit` is the rest), so the test third is never tuned on.
 */
export function splitCases(cases: readonly LogCase[]): {
  train: LogCase[];
  test: LogCase[];
  fit: LogCase[];
  validation: LogCase[];
} {
  const nTrain = Math.floor((cases.length * 2) / 3);
  const train = cases.slice(0, nTrain);
  const nFit = Math.floor(train.length * 0.8);
  return { train, test: cases.slice(nTrain), fit: train.slice(0, nFit), validation: train.slice(nFit) };
}

/** Every prefix of ≥ 2 events that has a next event. */
export function evalPrefixes(cases: readonly LogCase[]): EvalPrefix[] {
  const out: EvalPrefix[] = [];
  for (const c of cases) {
    const last = c.events[c.events.length - 1]!.ms;
    for (let k = 2; k < c.events.length; k++) {
      const prefix = c.events.slice(0, k);
      out.push({
        steps: prefix.map((e) => ({ activity: e.activity, at: e.at })),
        activities: prefix.map((e) => e.activity),
        next: c.events[k]!.activity,
        remainingMs: last - prefix[k - 1]!.ms,
        startMs: prefix[0]!.ms,
        lastMs: prefix[k - 1]!.ms,
      });
    }
  }
  return out;
}

/** First-order Markov chain: the most frequent successor (not the end) of the last activity. */
export function trainMarkov(cases: readonly LogCase[]): (activities: readonly string[]) => string | null {
  const table = new Map<string, Map<string, number>>();
  const overall = new Map<string, number>();
  for (const c of cases) {
    for (let i = 0; i + 1 < c.events.length; i++) {
      const from = c.events[i]!.activity;
      const to = c.events[i + 1]!.activity;
      let row = table.get(from);
      if (!row) {
        row = new Map();
        table.set(from, row);
      }
      row.set(to, (row.get(to) ?? 0) + 1);
      overall.set(to, (overall.get(to) ?? 0) + 1);
    }
  }
  const argmax = (m: Map<string, number> | undefined) => {
    let best: string | null = null;
    let n = -1;
    for (const [k, v] of m ?? []) if (v > n || (v === n && best !== null && k < best)) [best, n] = [k, v];
    return best;
  };
  const fallback = argmax(overall);
  const best = new Map([...table].map(([k, row]) => [k, argmax(row)]));
  return (activities) => best.get(activities[activities.length - 1]!) ?? fallback;
}

/** The state abstractions of van der Aalst, Schonenberg & Song (2011), horizon unlimited. */
export const ABSTRACTIONS = {
  sequence: (a: readonly string[]) => a.join('\u001f'),
  multiset: (a: readonly string[]) => {
    const counts = new Map<string, number>();
    for (const x of a) counts.set(x, (counts.get(x) ?? 0) + 1);
    return [...counts]
      .sort((p, q) => (p[0] < q[0] ? -1 : 1))
      .map(([x, n]) => `${x}\u001e${n}`)
      .join('\u001f');
  },
  set: (a: readonly string[]) => [...new Set(a)].sort().join('\u001f'),
  last: (a: readonly string[]) => a[a.length - 1]!,
} as const;
export type Abstraction = keyof typeof ABSTRACTIONS;

function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}
function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/**
 * Annotated transition system (van der Aalst, Schonenberg & Song 2011): every prefix of every
 * training case (the complete trace too, remaining 0) annotates the state its abstraction maps to
 * with its remaining time; a prediction is the mean or median annotation of the prefix's state.
 * A state never seen in training ("non-fitting") gets the mean/median over all annotations.
 */
export function trainTransitionSystem(
  cases: readonly LogCase[],
  abstraction: Abstraction,
  statistic: 'mean' | 'median',
): (activities: readonly string[]) => number {
  const key = ABSTRACTIONS[abstraction];
  const states = new Map<string, number[]>();
  const all: number[] = [];
  for (const c of cases) {
    const last = c.events[c.events.length - 1]!.ms;
    const acts = c.events.map((e) => e.activity);
    for (let k = 1; k <= acts.length; k++) {
      const r = last - c.events[k - 1]!.ms;
      const s = key(acts.slice(0, k));
      let list = states.get(s);
      if (!list) {
        list = [];
        states.set(s, list);
      }
      list.push(r);
      all.push(r);
    }
  }
  const f = statistic === 'mean' ? mean : median;
  const value = new Map([...states].map(([s, xs]) => [s, f(xs)]));
  const fallback = f(all);
  return (activities) => value.get(key(activities)) ?? fallback;
}

/**
 * Peer for deadline risk: the empirical share of training annotations of the same last activity
 * (the transition system's "last" state, unweighted) whose remaining time exceeds the budget.
 */
export function trainLastActivityExceedance(
  cases: readonly LogCase[],
): (activities: readonly string[], budgetMs: number) => number {
  const states = new Map<string, number[]>();
  const all: number[] = [];
  for (const c of cases) {
    const last = c.events[c.events.length - 1]!.ms;
    for (const e of c.events) {
      let list = states.get(e.activity);
      if (!list) {
        list = [];
        states.set(e.activity, list);
      }
      list.push(last - e.ms);
      all.push(last - e.ms);
    }
  }
  for (const list of states.values()) list.sort((a, b) => a - b);
  all.sort((a, b) => a - b);
  const exceed = (sorted: readonly number[], budget: number) => {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! <= budget) lo = mid + 1;
      else hi = mid;
    }
    return (sorted.length - lo) / sorted.length;
  };
  return (activities, budget) => exceed(states.get(activities[activities.length - 1]!) ?? all, budget);
}

/**
 * The SLA used to measure deadline risk: a case should end within 7 days of its first event —
 * fixed before measuring, about the median case duration of the whole log (7.5 days).
 */
export const SLA_MS = 7 * DAY;

export interface CaseModelEvaluation {
  prefixes: number;
  trainCases: number;
  testCases: number;
  accuracy: { model: number; markov: number };
  maeDays: { model: number } & Record<`${Abstraction}/${'mean' | 'median'}`, number>;
  /** Share of test prefixes whose true remaining time lies in [p10, p90] (ideal 0.8). */
  coverage80: number;
  /** Deadline risk for {@link SLA_MS} on the prefixes still before their deadline. */
  sla: {
    prefixes: number;
    breachRate: number;
    auroc: { model: number; lastActivity: number };
    brier: { model: number; lastActivity: number };
  };
  trainMs: number;
  jsonBytes: number;
  model: CaseModel;
}

/** The options used for the reported figures: chosen on the validation part (see docs/learning.md). */
export const EVAL_OPTIONS: TrainCaseModelOptions = { halfLifeMs: 2 * DAY };

/** Trains on `train`, evaluates every measure on `test` in the same run. */
export function evaluateCaseModel(
  train: readonly LogCase[],
  test: readonly LogCase[],
  options: TrainCaseModelOptions = EVAL_OPTIONS,
): CaseModelEvaluation {
  const started = performance.now();
  const model = trainCaseModel(toLog(train), options);
  const trainMs = performance.now() - started;
  const prefixes = evalPrefixes(test);
  const markov = trainMarkov(train);
  const ts = Object.fromEntries(
    (Object.keys(ABSTRACTIONS) as Abstraction[]).flatMap((a) =>
      (['mean', 'median'] as const).map((s) => [`${a}/${s}`, trainTransitionSystem(train, a, s)] as const),
    ),
  );
  const lastExceed = trainLastActivityExceedance(train);
  let hits = 0;
  let markovHits = 0;
  let err = 0;
  let covered = 0;
  const risk = { model: [] as number[], last: [] as number[], breached: [] as boolean[] };
  const tsErr: Record<string, number> = Object.fromEntries(Object.keys(ts).map((k) => [k, 0]));
  for (const p of prefixes) {
    const deadline = p.startMs + SLA_MS;
    const open = p.lastMs < deadline;
    const prediction = model.predict(p.steps, open ? { deadline } : {});
    if (open) {
      risk.model.push(prediction.breachProbability!);
      risk.last.push(lastExceed(p.activities, deadline - p.lastMs));
      risk.breached.push(p.lastMs + p.remainingMs > deadline);
    }
    const q = prediction.remainingQuantilesMs;
    if (q.p10 <= p.remainingMs && p.remainingMs <= q.p90) covered++;
    const guess = prediction.next.find((n) => n.activity !== null)?.activity;
    if (guess === p.next) hits++;
    if (markov(p.activities) === p.next) markovHits++;
    err += Math.abs(prediction.remainingMs - p.remainingMs);
    for (const [k, f] of Object.entries(ts)) tsErr[k]! += Math.abs(f(p.activities) - p.remainingMs);
  }
  const n = prefixes.length;
  const split = (scores: number[]) => ({
    pos: scores.filter((_, i) => risk.breached[i]),
    neg: scores.filter((_, i) => !risk.breached[i]),
  });
  const brier = (scores: number[]) =>
    scores.reduce((s, v, i) => s + (v - (risk.breached[i] ? 1 : 0)) ** 2, 0) / scores.length;
  const m = split(risk.model);
  const l = split(risk.last);
  return {
    prefixes: n,
    trainCases: train.length,
    testCases: test.length,
    accuracy: { model: hits / n, markov: markovHits / n },
    maeDays: {
      model: err / n / DAY,
      ...(Object.fromEntries(Object.entries(tsErr).map(([k, e]) => [k, e / n / DAY])) as Record<
        `${Abstraction}/${'mean' | 'median'}`,
        number
      >),
    },
    coverage80: covered / n,
    sla: {
      prefixes: risk.breached.length,
      breachRate: risk.breached.filter(Boolean).length / risk.breached.length,
      auroc: { model: auroc(m.pos, m.neg), lastActivity: auroc(l.pos, l.neg) },
      brier: { model: brier(risk.model), lastActivity: brier(risk.last) },
    },
    trainMs,
    jsonBytes: JSON.stringify(model.toJSON()).length,
    model,
  };
}
