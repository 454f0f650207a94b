/**
 * Quality of `detectFrustration` on real rated dialogues and on the project's anger set, shared by
 * bench/confidence.ts and the quality floors in src/confidence/frustration.eval.test.ts, so both
 * report the same figures.
 *
 * - uss-dev (User Satisfaction Simulation, MultiWOZ + ReDial parts; Sun et al., SIGIR 2021; no
 *   license stated: evaluation only, never shipped): for each rated user turn, the conversation so
 *   far (USER → customer, SYSTEM → bot) is scored; AUROC of dissatisfied (mean rating ≤ 2) against
 *   satisfied (mean ≥ 3) turns, beside the baseline "minus the VADER compound of the last user
 *   message" computed with the `vader-sentiment` npm package (1.1.3, the JavaScript port of
 *   VADER), and the false-offer rate: the share of satisfied turns scoring at or above the handoff
 *   policy's default frustration threshold (the policy offers a person at `score ≥ threshold`).
 * - the anger set (src/handoff/__fixtures__/angry-messages.json, written by the project before
 *   tuning): share of messages the default handoff policy answers with `offer` or `escalate`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { createValidatedFrustrationDetector } from '../../src/confidence/createFrustrationDetector';
import { parseMessages } from '../../src/confidence/detectFrustration';
import { createHandoffPolicy, HandoffPolicyConfigSchema } from '../../src/handoff/index';
import { auroc, readUssDialogues, ussMessages, ussTurnLabel } from './evalData';

const require = createRequire(import.meta.url);
const vader = require('vader-sentiment') as {
  SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } };
};

/** The handoff policy's default frustration threshold (offer at `score ≥` it). */
export const DEFAULT_OFFER_THRESHOLD: number = HandoffPolicyConfigSchema.parse({}).frustration.threshold;

/** Figures on one group of rated turns. */
export interface FrustrationFigures {
  dissatisfied: number;
  satisfied: number;
  /** AUROC of the detector's score, dissatisfied vs satisfied. */
  auroc: number;
  /** AUROC of −VADER compound (`vader-sentiment`) of the last user message. */
  baseline: number;
  /** Share of satisfied turns with score ≥ the default offer threshold. */
  falseOffer: number;
  /** Share of dissatisfied turns with score ≥ the default offer threshold. */
  trueOffer: number;
  /** Share of dissatisfied turns scoring exactly 0. */
  dissatisfiedAtZero: number;
  /** Share of satisfied turns scoring above 0. */
  satisfiedAboveZero: number;
}

/** One scored, rated user turn. */
export interface ScoredTurn {
  source: 'MWOZ' | 'ReDial';
  part: 'tune' | 'check';
  dialogue: number;
  /** Index of the user turn's message in the dialogue. */
  message: number;
  label: 'dissatisfied' | 'satisfied';
  score: number;
  baseline: number;
  signals: string[];
}

/** The uss-dev evaluation: every rated user turn, and figures overall, per source and per half. */
export interface UssFrustrationEval {
  turns: ScoredTurn[];
  overall: FrustrationFigures;
  bySource: Record<'MWOZ' | 'ReDial', FrustrationFigures>;
  byPart: Record<'tune' | 'check', FrustrationFigures>;
}

function figures(turns: readonly ScoredTurn[], threshold: number): FrustrationFigures {
  const dis = turns.filter((t) => t.label === 'dissatisfied');
  const sat = turns.filter((t) => t.label === 'satisfied');
  const share = (xs: readonly ScoredTurn[], p: (t: ScoredTurn) => boolean) =>
    xs.length ? xs.filter(p).length / xs.length : 0;
  return {
    dissatisfied: dis.length,
    satisfied: sat.length,
    auroc: auroc(
      dis.map((t) => t.score),
      sat.map((t) => t.score),
    ),
    baseline: auroc(
      dis.map((t) => t.baseline),
      sat.map((t) => t.baseline),
    ),
    falseOffer: share(sat, (t) => t.score >= threshold),
    trueOffer: share(dis, (t) => t.score >= threshold),
    dissatisfiedAtZero: share(dis, (t) => t.score === 0),
    satisfiedAboveZero: share(sat, (t) => t.score > 0),
  };
}

/**
 * Scores every rated user turn of uss-dev with the library's detector (the conversation so far,
 * validated once and scored by the handoff policy's detector, which returns exactly what
 * `detectFrustration(messages, { now })` does — frustrationReuse.test.ts — without validating
 * every prefix again) and with the last-message VADER baseline.
 */
export function evaluateUssFrustration(threshold: number = DEFAULT_OFFER_THRESHOLD): UssFrustrationEval {
  const detector = createValidatedFrustrationDetector();
  const turns: ScoredTurn[] = [];
  for (const d of readUssDialogues()) {
    const messages = parseMessages(ussMessages(d));
    for (let i = 0; i < d.turns.length; i++) {
      const t = d.turns[i]!;
      const label = ussTurnLabel(t);
      if (label === null) continue;
      const result = detector.detect(messages.slice(0, i + 1), { now: messages[i]!.at });
      turns.push({
        source: d.source,
        part: d.part,
        dialogue: d.index,
        message: i,
        label,
        score: result.score,
        baseline: -vader.SentimentIntensityAnalyzer.polarity_scores(t.text).compound,
        signals: result.signals.filter((s) => s.turn === i + 1).map((s) => s.kind),
      });
    }
  }
  return {
    turns,
    overall: figures(turns, threshold),
    bySource: {
      MWOZ: figures(
        turns.filter((t) => t.source === 'MWOZ'),
        threshold,
      ),
      ReDial: figures(
        turns.filter((t) => t.source === 'ReDial'),
        threshold,
      ),
    },
    byPart: {
      tune: figures(
        turns.filter((t) => t.part === 'tune'),
        threshold,
      ),
      check: figures(
        turns.filter((t) => t.part === 'check'),
        threshold,
      ),
    },
  };
}

/** The anger set: the openings per language and the messages. */
export interface AngerSet {
  openings: Record<string, { customer: string; bot: string }>;
  messages: Array<{ language: 'en' | 'pl' | 'zh'; text: string }>;
}

/** Reads src/handoff/__fixtures__/angry-messages.json (the project's own anger set). */
export function readAngerSet(): AngerSet {
  const file = join(resolve(import.meta.dirname, '../..'), 'src/handoff/__fixtures__/angry-messages.json');
  return JSON.parse(readFileSync(file, 'utf8')) as AngerSet;
}

/**
 * The default handoff policy on each angry message, as the third message of a conversation (the
 * language's opening customer message and bot reply first): share answered `offer`/`escalate`,
 * overall and per language, and the messages that were not.
 */
export function evaluateAngerSet(): {
  rate: number;
  n: number;
  byLanguage: Record<string, { rate: number; n: number }>;
  missed: Array<{ language: string; text: string; action: string; frustration: number | null }>;
} {
  const set = readAngerSet();
  const policy = createHandoffPolicy();
  const now = new Date('2026-11-23T10:00:00Z');
  const at = (minutesBefore: number) => new Date(now.getTime() - minutesBefore * 60_000);
  const tally: Record<string, { hit: number; n: number }> = {};
  const missed: Array<{ language: string; text: string; action: string; frustration: number | null }> = [];
  let hit = 0;
  for (const [i, m] of set.messages.entries()) {
    const opening = set.openings[m.language]!;
    const decision = policy.decide(
      {
        id: `anger-${i}`,
        customerId: 'u1',
        channel: 'chat',
        messages: [
          { id: 'm1', author: 'customer', text: opening.customer, at: at(2) },
          { id: 'm2', author: 'bot', text: opening.bot, at: at(1) },
          { id: 'm3', author: 'customer', text: m.text, at: now },
        ],
      },
      { now, agentsAvailable: true, explain: true },
    );
    const ok = decision.action === 'offer' || decision.action === 'escalate';
    tally[m.language] ??= { hit: 0, n: 0 };
    tally[m.language]!.n++;
    if (ok) {
      hit++;
      tally[m.language]!.hit++;
    } else
      missed.push({
        language: m.language,
        text: m.text,
        action: decision.action,
        frustration: Number(decision.trace?.find((s) => s.step === 'frustration')?.result ?? Number.NaN),
      });
  }
  const byLanguage: Record<string, { rate: number; n: number }> = {};
  for (const [language, t] of Object.entries(tally)) byLanguage[language] = { rate: t.hit / t.n, n: t.n };
  return { rate: hit / set.messages.length, n: set.messages.length, byLanguage, missed };
}

/**
 * A markdown section with the frustration figures beside their baseline (for bench/confidence.ts):
 * uss-dev AUROC overall, per source and per half, false-offer rate, and the anger set.
 */
export function frustrationReport(): string {
  const r = evaluateUssFrustration();
  const a = evaluateAngerSet();
  const f = (x: number, d = 4) => x.toFixed(d);
  const pct = (x: number) => `${(x * 100).toFixed(2)} %`;
  const row = (name: string, x: FrustrationFigures) =>
    `| ${name} | ${x.dissatisfied} / ${x.satisfied} | ${f(x.auroc)} | ${f(x.baseline)} | ${f(x.auroc - x.baseline)} | ${pct(x.falseOffer)} |`;
  return `## Frustration: real rated dialogues (uss-dev) and the anger set

uss-dev = MultiWOZ and ReDial parts of the User Satisfaction Simulation set (Sun et al., SIGIR 2021; evaluation only, never shipped). Each rated user turn: \`detectFrustration\` on the conversation so far; AUROC of dissatisfied (mean rating ≤ 2) vs satisfied (≥ 3) turns. Baseline: −VADER compound of the last user message (\`vader-sentiment\` 1.1.3), same turns, same run. False offer: satisfied turns scoring ≥ the default offer threshold ${DEFAULT_OFFER_THRESHOLD}. Development figures (the detector was tuned with this data in view).

| turns | dissatisfied / satisfied | AUROC | baseline | difference | false offer |
| --- | ---: | ---: | ---: | ---: | ---: |
${row('all', r.overall)}
${row('MultiWOZ', r.bySource.MWOZ)}
${row('ReDial', r.bySource.ReDial)}
${row('tune half', r.byPart.tune)}
${row('check half', r.byPart.check)}

Anger set (${a.n} project-written angry messages, en/pl/zh): the default handoff policy offers or escalates on **${pct(a.rate)}** (${Object.entries(
    a.byLanguage,
  )
    .map(([language, x]) => `${language} ${pct(x.rate)}`)
    .join(', ')}); the first run, before the retune, was 8.00 %.
`;
}
