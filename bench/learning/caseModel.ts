/**
 * Case-model bench: BPI Challenge 2013 incidents (Volvo IT; BPI Challenge terms, evaluation only),
 * protocol of Tax et al. (CAiSE 2017), beside a first-order Markov chain and the annotated
 * transition systems of van der Aalst, Schonenberg & Song (2011), all computed in this run.
 * Returns its Markdown section for bench/learning.ts.
 */

import { trainCaseModel } from '../../src/learning/index';
import {
  type CaseModelEvaluation,
  EVAL_OPTIONS,
  evalPrefixes,
  evaluateCaseModel,
  SLA_MS,
  splitCases,
  toCases,
  toLog,
} from '../../test/support/caseModelEval';
import { hasEvalData, readBpi13 } from '../../test/support/evalData';

const FILE = 'bpi13-incidents/bpi_13_incidents.csv';
const f3 = (x: number) => x.toFixed(3);
const f4 = (x: number) => x.toFixed(4);

function maeRows(label: string, r: CaseModelEvaluation, noRecency: CaseModelEvaluation): string[] {
  const ts = Object.entries(r.maeDays).filter(([k]) => k !== 'model');
  const best = Math.min(...ts.map(([, v]) => v));
  return [
    `| ${label} | **${f3(r.maeDays.model)}** | ${f3(noRecency.maeDays.model)} | ${ts.map(([, v]) => (v === best ? `${f3(v)}*` : f3(v))).join(' | ')} |`,
  ];
}

/** Runs the case-model evaluation (validation and test) and returns the Markdown section. */
export async function benchCaseModel(): Promise<string> {
  if (!hasEvalData(FILE)) return `## Case model\n\n(skipped: ${FILE} not found)`;
  const cases = toCases(readBpi13());
  const { train, test, fit, validation } = splitCases(cases);
  const noRecency = { ...EVAL_OPTIONS, halfLifeMs: null };
  const dev = evaluateCaseModel(fit, validation);
  const devPlain = evaluateCaseModel(fit, validation, noRecency);
  const final = evaluateCaseModel(train, test);
  const finalPlain = evaluateCaseModel(train, test, noRecency);

  // Training time: median of 3 runs on the training two thirds; prediction throughput over the test prefixes.
  const log = toLog(train);
  const times: number[] = [];
  let json = '';
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const model = trainCaseModel(log, EVAL_OPTIONS);
    times.push(performance.now() - t);
    const text = JSON.stringify(model.toJSON());
    if (json && text !== json) throw new Error('case model training is not deterministic');
    json = text;
  }
  times.sort((a, b) => a - b);
  const prefixes = evalPrefixes(test);
  for (const p of prefixes.slice(0, 500)) final.model.predict(p.steps); // warm-up
  const t = performance.now();
  for (const p of prefixes) final.model.predict(p.steps);
  const perSecond = prefixes.length / ((performance.now() - t) / 1000);
  const tsNames = Object.keys(final.maeDays).filter((k) => k !== 'model');

  return [
    '## Case model',
    '',
    `BPI Challenge 2013 incidents (Volvo IT, \`${FILE}\`: ${cases.length.toLocaleString('en')} cases; BPI Challenge terms — evaluation only, nothing learned from it ships). Protocol of Tax et al. (CAiSE 2017): cases in file order, the first two thirds train (${train.length} cases), the last third tests (${test.length} cases, ${final.prefixes} prefixes: every prefix of ≥ 2 events that has a next event); the guess is the most probable activity that is not the end. *Validation* = the last 20 % of the training part, trained on the first 80 % (${fit.length} / ${validation.length} cases, ${dev.prefixes} prefixes): the only part options were chosen on, so the validation rows are development figures and the test rows are not. Options: \`${JSON.stringify({ halfLifeMs: EVAL_OPTIONS.halfLifeMs })}\` (2 days), everything else default. Baselines trained on the same cases in the same run.`,
    '',
    '### Next activity (accuracy)',
    '',
    '| part | trainCaseModel | first-order Markov chain |',
    '| --- | ---: | ---: |',
    `| validation (dev) | ${f4(dev.accuracy.model)} | ${f4(dev.accuracy.markov)} |`,
    `| test | **${f4(final.accuracy.model)}** | ${f4(final.accuracy.markov)} |`,
    '',
    '### Remaining time (MAE, days)',
    '',
    'Transition systems (van der Aalst et al. 2011): state = sequence / multiset / set of the activities so far, or the last activity; prediction = the mean or median remaining time annotated on the state (all prefixes of the training cases, complete ones with 0), the overall mean/median for a state never seen. \\* = the best of them.',
    '',
    `| part | trainCaseModel | without recency weighting | ${tsNames.join(' | ')} |`,
    `| --- | ---: | ---: | ${tsNames.map(() => '---:').join(' | ')} |`,
    ...maeRows('validation (dev)', dev, devPlain),
    ...maeRows('test', final, finalPlain),
    '',
    '### Remaining-time quantiles and deadline risk',
    '',
    `Coverage: share of prefixes whose true remaining time lies between \`p10\` and \`p90\` (ideal 0.80). Deadline risk: SLA "a case ends within ${SLA_MS / 86_400_000} days of its first event" (fixed before measuring: about the median case duration of the whole log), on the prefixes whose last step is before that deadline; \`breachProbability\` from \`predict(steps, { deadline })\` against the peer "share of the training annotations of the same last activity whose remaining time exceeds the time left" (the transition system's last-activity state). AUROC: higher is better; Brier score: lower is better.`,
    '',
    '| part | coverage p10–p90 | same without recency | prefixes (breach rate) | AUROC model | AUROC last-activity peer | Brier model | Brier last-activity peer |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...(
      [
        ['validation (dev)', dev, devPlain],
        ['test', final, finalPlain],
      ] as const
    ).map(
      ([label, r, plain]) =>
        `| ${label} | ${f3(r.coverage80)} | ${f3(plain.coverage80)} | ${r.sla.prefixes} (${f3(r.sla.breachRate)}) | **${f3(r.sla.auroc.model)}** | ${f3(r.sla.auroc.lastActivity)} | **${f3(r.sla.brier.model)}** | ${f3(r.sla.brier.lastActivity)} |`,
    ),
    '',
    '### Cost',
    '',
    '| measure | value |',
    '| --- | ---: |',
    `| training on ${train.length} cases (${log.length.toLocaleString('en')} events), median of 3 | ${Math.round(times[1]!)} ms |`,
    `| model JSON | ${(json.length / 1024).toFixed(1)} KiB (${Object.keys(final.model.toJSON().weights).length} weight rows) |`,
    `| predictions (test prefixes, input validation included) | ${Math.round(perSecond).toLocaleString('en')} /s |`,
    '| same log twice → same JSON | yes (checked above) |',
  ].join('\n');
}
