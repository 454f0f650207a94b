/**
 * The escalation-risk model (DEFAULT_ESCALATION_MODEL in src/confidence/predictEscalationRisk.ts)
 * ships hand-set priors, not fitted coefficients, and this script says why and measures them.
 *
 *   npx tsx scripts/fit/escalationRisk.ts
 *
 * The only conversations with outcome labels here are the USS dev dialogues (Sun et al., SIGIR
 * 2021), whose user turns were rated for satisfaction — and that set carries no license: it is
 * evaluation only, so nothing fitted on it may ship. The script therefore (1) prints the shipped
 * priors, (2) fits the same logistic model the way a team would on its own history (calibrate(),
 * class-balanced, on the `tune` half of the dialogues: "was this turn rated dissatisfied?") and
 * (3) compares both on the `check` half (AUROC). The fitted coefficients are printed to show what
 * fitting gains, never copied into the code. test/fit.test.ts keeps the priors' AUROC above a floor.
 */
import { calibrate, predictLogistic } from '../../src/confidence/calibrate';
import {
  DEFAULT_ESCALATION_MODEL,
  type EscalationFeatures,
  escalationFeatures,
} from '../../src/confidence/predictEscalationRisk';
import { auroc, readUssDialogues, ussMessages, ussTurnLabel } from '../../test/support/evalData';

interface Row {
  part: 'tune' | 'check';
  dissatisfied: boolean;
  features: EscalationFeatures;
}

/** Escalation features of every rated user turn (dissatisfied: mean ≤ 2; satisfied: ≥ 3). */
export function escalationRows(parts: readonly ('tune' | 'check')[] = ['tune', 'check']): Row[] {
  const rows: Row[] = [];
  for (const d of readUssDialogues()) {
    if (!parts.includes(d.part)) continue;
    const messages = ussMessages(d);
    for (let i = 0; i < d.turns.length; i++) {
      const label = ussTurnLabel(d.turns[i]!);
      if (label === null) continue;
      const conversation = {
        id: `${d.source}-${d.index}`,
        customerId: 'u',
        channel: 'chat' as const,
        messages: messages.slice(0, i + 1),
      };
      rows.push({
        part: d.part,
        dissatisfied: label === 'dissatisfied',
        features: escalationFeatures(conversation, { now: messages[i]!.at }),
      });
    }
  }
  return rows;
}

/** AUROC of the shipped priors on the rows given (dissatisfied vs satisfied turns). */
export function priorsAuroc(rows: readonly Row[]): number {
  const p = rows.map((r) => predictLogistic(DEFAULT_ESCALATION_MODEL, r.features));
  return auroc(
    p.filter((_, i) => rows[i]!.dissatisfied),
    p.filter((_, i) => !rows[i]!.dissatisfied),
  );
}

/** AUROC of the shipped priors and of a model fitted on the `tune` half, both on the `check` half. */
export function evaluateEscalationRisk(rows: readonly Row[] = escalationRows()) {
  const tune = rows.filter((r) => r.part === 'tune');
  const check = rows.filter((r) => r.part === 'check');
  const positives = tune.filter((r) => r.dissatisfied).length;
  const fitted = calibrate(
    tune.map((r) => ({
      features: { ...r.features },
      outcome: r.dissatisfied,
      // Class-balanced: each class carries half the weight.
      weight: tune.length / (2 * (r.dissatisfied ? positives : tune.length - positives)),
    })),
  );
  const score = (model: typeof DEFAULT_ESCALATION_MODEL) => {
    const p = check.map((r) => predictLogistic(model, r.features));
    return auroc(
      p.filter((_, i) => check[i]!.dissatisfied),
      p.filter((_, i) => !check[i]!.dissatisfied),
    );
  };
  return {
    turns: {
      tune: tune.length,
      check: check.length,
      dissatisfiedCheck: check.filter((r) => r.dissatisfied).length,
    },
    priorsAuroc: score(DEFAULT_ESCALATION_MODEL),
    fittedAuroc: score(fitted),
    fitted: { intercept: fitted.intercept, coefficients: fitted.coefficients },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = evaluateEscalationRisk();
  const round = (x: number) => Math.round(x * 100) / 100;
  console.log(`Shipped priors (hand-set): ${JSON.stringify(DEFAULT_ESCALATION_MODEL)}`);
  console.log(
    `USS dev turns: ${r.turns.tune} tune, ${r.turns.check} check (${r.turns.dissatisfiedCheck} dissatisfied in check)`,
  );
  console.log(
    `AUROC on the check half — shipped priors: ${r.priorsAuroc.toFixed(3)}; fitted on the tune half: ${r.fittedAuroc.toFixed(3)}`,
  );
  console.log(
    `Fitted (evaluation only, not shipped): intercept ${round(r.fitted.intercept)}, ${Object.entries(
      r.fitted.coefficients,
    )
      .map(([k, v]) => `${k} ${round(v)}`)
      .join(', ')}`,
  );
}
