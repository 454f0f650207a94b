/**
 * Quality of the handoff detectors on real and labelled data, shared by bench/handoff.ts and the
 * quality floors in src/handoff/detectors.eval.test.ts, so both report the same figures.
 *
 * - explicit-request detection on the project-written labelled sets (src/handoff/__fixtures__);
 * - its false positives on real customer utterances with no "talk to a person" intent: banking77
 *   train (PolyAI, CC BY 4.0) and CLINC150 train + val + oos (Larson et al. 2019, CC BY 3.0);
 * - sensitive-topic recall on the banking77 intents that are sensitive, and the flag rate on the rest.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { detectHumanRequest, detectSensitiveTopics } from '../../src/handoff/index';
import { readBanking77, readClinc150 } from './evalData';

/** One labelled utterance of the explicit-request sets. */
export interface LabelledUtterance {
  language: string;
  label: 'explicit' | 'ambiguous' | 'none';
  text: string;
}

/** A labelled set from src/handoff/__fixtures__ (`explicit-requests.json`, `…-holdout.json`). */
export function readLabelledUtterances(name: string): LabelledUtterance[] {
  const file = join(resolve(import.meta.dirname, '../..'), 'src/handoff/__fixtures__', name);
  return JSON.parse(readFileSync(file, 'utf8')) as LabelledUtterance[];
}

/** Precision, recall and F1 of `detectHumanRequest(text).kind === 'explicit'` on a labelled set. */
export function explicitRequestScores(rows: readonly LabelledUtterance[]) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  let ambiguousRight = 0;
  let ambiguousTotal = 0;
  for (const row of rows) {
    const kind = detectHumanRequest(row.text).kind;
    const predicted = kind === 'explicit';
    const actual = row.label === 'explicit';
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
    if (row.label === 'ambiguous') {
      ambiguousTotal++;
      if (kind === 'ambiguous') ambiguousRight++;
    }
  }
  const precision = tp + fp ? tp / (tp + fp) : null;
  const recall = tp + fn ? tp / (tp + fn) : null;
  const f1 =
    precision !== null && recall !== null && precision + recall
      ? (2 * precision * recall) / (precision + recall)
      : null;
  return { n: rows.length, tp, fp, fn, tn, precision, recall, f1, ambiguousRight, ambiguousTotal };
}

/** How often `detectHumanRequest` flags utterances that do not ask for a person. */
export function explicitRequestFlags(rows: readonly (readonly [string, string])[]) {
  let explicit = 0;
  let ambiguous = 0;
  const examples: string[] = [];
  for (const [text] of rows) {
    const kind = detectHumanRequest(text).kind;
    if (kind === 'explicit') {
      explicit++;
      examples.push(text);
    } else if (kind === 'ambiguous') ambiguous++;
  }
  return { n: rows.length, explicit, ambiguous, examples };
}

/** False-positive flags on banking77 train and on CLINC150 train + val + oos. */
export function explicitRequestFalsePositives() {
  const clinc = readClinc150();
  return {
    banking77: explicitRequestFlags(readBanking77()),
    clinc150: explicitRequestFlags([...clinc.train, ...clinc.val, ...clinc.oos_train, ...clinc.oos_val]),
  };
}

/** banking77 intents that are sensitive matters, with the topic `detectSensitiveTopics` should name. */
export const SENSITIVE_INTENTS: Readonly<Record<string, string>> = {
  lost_or_stolen_card: 'lost_or_stolen_card',
  compromised_card: 'fraud',
  card_payment_not_recognised: 'unauthorised_payment',
  cash_withdrawal_not_recognised: 'unauthorised_payment',
  direct_debit_payment_not_recognised: 'unauthorised_payment',
};

/** Sensitive-topic recall per sensitive banking77 intent, and the flag rate on the other intents. */
export function sensitiveTopicQuality() {
  const banking = readBanking77();
  const intents: { name: string; n: number; anyTopic: number; sameTopic: number }[] = [];
  let n = 0;
  let same = 0;
  for (const [intent, topic] of Object.entries(SENSITIVE_INTENTS)) {
    const rows = banking.filter(([, c]) => c === intent);
    let anyTopic = 0;
    let sameTopic = 0;
    for (const [text] of rows) {
      const matches = detectSensitiveTopics(text).matches;
      if (matches.length) anyTopic++;
      if (matches.some((m) => m.topic === topic)) sameTopic++;
    }
    intents.push({ name: `${intent} → ${topic}`, n: rows.length, anyTopic, sameTopic });
    n += rows.length;
    same += sameTopic;
  }
  const others = banking.filter(([, c]) => !(c in SENSITIVE_INTENTS));
  const otherFlagged = others.filter(([text]) => detectSensitiveTopics(text).matches.length > 0);
  return { intents, recall: same / n, others, otherFlagged };
}
