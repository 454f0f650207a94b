/**
 * `route()` against the compiled-JavaScript ceiling on generated rule sets (issue 15).
 *
 * For each seed: a 50-rule set and 10,000 items from `test/support/ruleSets.ts`; the router and
 * the ceiling (`bench/routing/ceiling.ts`, plain `if`s through `new Function`) must pick the same
 * rule for every item; then both are timed **paired and interleaved**: each round times one pass
 * block of each (alternating which goes first), the round's ratio is ours / ceiling, and the
 * seed's figure is the median over the rounds. The machine is shared with other jobs, so only
 * ratios measured side by side are reported, never absolute rates on their own.
 * json-rules-engine is timed on a 300-item sample per seed (it is ~10³× slower), fastest of 3 runs
 * per item.
 *
 *   npx tsx bench/routing/seeds.ts              # development seeds → bench/results/routing-seeds.md
 *   npx tsx bench/routing/seeds.ts --held-out   # held-out seeds   → bench/results/routing-heldout.md
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileRouter } from '../../src/routing/compileRouter';
import type { ConditionOp } from '../../src/routing/conditions';
import {
  FIXED_SEED,
  type GeneratedConfig,
  type GeneratedItem,
  type GeneratedRuleSet,
  generateRuleSet,
  leavesOf,
  toJreEngine,
} from '../../test/support/ruleSets';
import { compileCeiling } from './ceiling';

/** Development seeds: the fixed set plus 1…20 (tuned on). */
export const DEV_SEEDS = [FIXED_SEED, ...Array.from({ length: 20 }, (_, i) => i + 1)];
/**
 * Held-out seeds, written down before tuning and not run until the evaluator was finished.
 */
export const HELD_OUT_SEEDS = [
  424_242, 510_001, 510_002, 510_003, 777_123, 900_001, 900_002, 31_337, 65_537, 271_828, 314_159, 161_803,
];

const ITEMS = 10_000;
const ROUNDS = 25;
/** Items per timed chunk. */
const CHUNK = 500;
const JRE_SAMPLE = 300;
/** Rounds of the second yardstick (own-property ceiling): a context figure, timed more briefly. */
const OWN_ROUNDS = 11;

let sink = 0;
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Paired, interleaved timing of two functions over the same items. The items are cut into chunks
 * of {@link CHUNK}; every round times each chunk with `a` and then with `b` (order alternating
 * between rounds), and each side keeps, per chunk, its fastest time over the rounds. The ratio is
 * the sum of `a`'s fastest chunk times over the sum of `b`'s. Short chunks (tens to hundreds of
 * µs) are often timed without being preempted even on a loaded machine, so the per-chunk minimum
 * is close to the uncontended cost, and both sides get the same chances.
 */
export function pairedRatio(
  a: (item: unknown) => unknown,
  b: (item: unknown) => unknown,
  items: readonly unknown[],
  rounds = ROUNDS,
): { ratio: number; aNsPerItem: number; bNsPerItem: number } {
  const chunks = Math.ceil(items.length / CHUNK);
  const bestA = new Array<number>(chunks).fill(Number.POSITIVE_INFINITY);
  const bestB = new Array<number>(chunks).fill(Number.POSITIVE_INFINITY);
  const timeOf = (fn: (item: unknown) => unknown, from: number, to: number) => {
    const t0 = performance.now();
    for (let i = from; i < to; i++) if (fn(items[i]) === sink) sink++;
    return performance.now() - t0;
  };
  // warm-up
  timeOf(a, 0, items.length);
  timeOf(b, 0, items.length);
  for (let r = 0; r < rounds; r++)
    for (let c = 0; c < chunks; c++) {
      const from = c * CHUNK;
      const to = Math.min(items.length, from + CHUNK);
      if ((r + c) % 2 === 0) {
        bestA[c] = Math.min(bestA[c]!, timeOf(a, from, to));
        bestB[c] = Math.min(bestB[c]!, timeOf(b, from, to));
      } else {
        bestB[c] = Math.min(bestB[c]!, timeOf(b, from, to));
        bestA[c] = Math.min(bestA[c]!, timeOf(a, from, to));
      }
    }
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  const per = (ms: number) => (ms * 1e6) / items.length;
  return { ratio: sum(bestA) / sum(bestB), aNsPerItem: per(sum(bestA)), bNsPerItem: per(sum(bestB)) };
}

/** The index of the chosen rule (-1 for the fallback), as the ceiling reports it. */
function routeIndex(config: GeneratedConfig) {
  const router = compileRouter(config);
  const indexOf = new Map(config.rules.map((r, i) => [r.id, i]));
  return {
    router,
    index: (item: unknown) => {
      const d = router.route(item);
      return d.kind === 'matched' ? indexOf.get(d.ruleId)! : -1;
    },
  };
}

export interface SeedRow {
  seed: number;
  stableShape: boolean;
  rules: number;
  leaves: number;
  matchedShare: number;
  ratio: number;
  routeNs: number;
  ceilingNs: number;
  /** route / the ceiling with own-property reads, each path read once per call (same semantics as route). */
  ownRatio: number;
  vsJre: number;
}

async function measureSet(set: GeneratedRuleSet): Promise<SeedRow> {
  const { config, items } = set;
  const { router, index } = routeIndex(config);
  const ceiling = compileCeiling(config.rules);
  const ownCeiling = compileCeiling(config.rules, { ownReads: true });
  let matched = 0;
  for (let i = 0; i < items.length; i++) {
    const ours = index(items[i]);
    const theirs = ceiling(items[i]);
    if (ours !== theirs || ownCeiling(items[i]) !== theirs)
      throw new Error(
        `seed ${set.seed}: route chose ${ours}, the ceilings ${theirs} / ${ownCeiling(items[i])} on item ${i}`,
      );
    if (ours >= 0) matched++;
  }
  const jre = toJreEngine(config, { firstMatch: true });
  for (let i = 0; i < JRE_SAMPLE; i++) {
    const theirs = await jre.route(structuredClone(items[i]!));
    if (theirs !== index(items[i]))
      throw new Error(`seed ${set.seed}: json-rules-engine disagrees on item ${i}`);
  }
  const route = (item: unknown) => router.route(item);
  const paired = pairedRatio(route, ceiling, items);
  const pairedOwn = pairedRatio(route, ownCeiling, items, OWN_ROUNDS);
  // json-rules-engine: fastest of 3 runs per item (so it gets the same benefit of the doubt as the
  // chunk minimum above), summed over the sample.
  let jreMs = 0;
  for (let i = 0; i < JRE_SAMPLE; i++) {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < 3; r++) {
      const t0 = performance.now();
      sink += await jre.route(items[i]!);
      best = Math.min(best, performance.now() - t0);
    }
    jreMs += best;
  }
  const jreNs = (jreMs * 1e6) / JRE_SAMPLE;
  return {
    seed: set.seed,
    stableShape: set.stableShape,
    rules: config.rules.length,
    leaves: config.rules.reduce((n, r) => n + leavesOf(r.when).length, 0),
    matchedShare: matched / items.length,
    ratio: paired.ratio,
    routeNs: paired.aNsPerItem,
    ceilingNs: paired.bNsPerItem,
    ownRatio: pairedOwn.ratio,
    vsJre: jreNs / paired.aNsPerItem,
  };
}

export interface OpRow {
  op: ConditionOp;
  /** Share of all leaf evaluations (in the rules' own order, as the ceiling runs them). */
  share: number;
  /** ours / ceiling on a set of single-leaf rules of this operator. */
  ratio: number;
  routeNs: number;
  ceilingNs: number;
}

/**
 * Per-operator cost. Share: leaves evaluated per operator, counted from `explain` traces (which
 * follow the rules' own order and short-circuits, like the ceiling) on 300 items of each set.
 * Cost: for each operator, up to 50 of its leaves from the sets, each as a rule of its own, on
 * items pooled from the sets — ours / ceiling, paired as above.
 */
function measureOps(sets: readonly GeneratedRuleSet[]): OpRow[] {
  const counts = new Map<ConditionOp, number>();
  let total = 0;
  for (const set of sets) {
    const router = compileRouter(set.config);
    for (let i = 0; i < 300; i++)
      for (const rule of router.route(set.items[i], { explain: true }).trace!.rules)
        for (const leaf of rule.conditions) {
          counts.set(leaf.op, (counts.get(leaf.op) ?? 0) + 1);
          total++;
        }
  }
  const pooled: GeneratedItem[] = sets.flatMap((s) => s.items.slice(0, Math.ceil(ITEMS / sets.length)));
  const rows: OpRow[] = [];
  for (const [op, count] of [...counts].sort((a, b) => b[1] - a[1])) {
    const seen = new Set<string>();
    const rules = [];
    for (const set of sets)
      for (const rule of set.config.rules)
        for (const leaf of leavesOf(rule.when)) {
          const key = JSON.stringify(leaf);
          if (leaf.op !== op || seen.has(key) || rules.length >= 50) continue;
          seen.add(key);
          rules.push({ id: `l${rules.length}`, when: leaf, then: { queue: `q${rules.length}` } });
        }
    const config = { rules, fallback: { queue: 'general' } };
    const { index } = routeIndex(config);
    const ceiling = compileCeiling(rules);
    for (const item of pooled)
      if (index(item) !== ceiling(item)) throw new Error(`op ${op}: route and ceiling disagree`);
    const paired = pairedRatio(index, ceiling, pooled, 11);
    rows.push({
      op,
      share: count / total,
      ratio: paired.ratio,
      routeNs: paired.aNsPerItem,
      ceilingNs: paired.bNsPerItem,
    });
  }
  return rows;
}

/** Compile time of a 500-rule generated set (median of 5). */
function measureCompile(): { rules: number; leaves: number; ms: number } {
  const set = generateRuleSet(500_500, { rules: 500, items: 1 });
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    compileRouter(set.config);
    times.push(performance.now() - t0);
  }
  return {
    rules: 500,
    leaves: set.config.rules.reduce((n, r) => n + leavesOf(r.when).length, 0),
    ms: median(times),
  };
}

const fmt = (n: number, d = 2) => n.toFixed(d);

export interface SeedReport {
  rows: SeedRow[];
  ops: OpRow[] | null;
  compile: { rules: number; leaves: number; ms: number } | null;
  markdown: string;
}

/** Runs the per-seed bench and returns its markdown. */
export async function runSeedBench(
  seeds: readonly number[],
  options: { title: string; ops?: boolean; compile?: boolean },
): Promise<SeedReport> {
  const sets = seeds.map((seed) => generateRuleSet(seed, { items: ITEMS }));
  const rows: SeedRow[] = [];
  for (const set of sets) {
    const row = await measureSet(set);
    rows.push(row);
    console.error(
      `seed ${row.seed}: ${fmt(row.ratio)}× ceiling, ${fmt(row.ownRatio)}× own-read ceiling, ${Math.round(row.vsJre)}× json-rules-engine`,
    );
  }
  const ops = options.ops ? measureOps(sets) : null;
  const compile = options.compile ? measureCompile() : null;
  const ratios = rows.map((r) => r.ratio);
  const ownRatios = rows.map((r) => r.ownRatio);
  const lines: string[] = [];
  lines.push(`## ${options.title}`, '');
  lines.push(
    `${rows.length} rule sets (${ITEMS.toLocaleString('en-US')} items each), Node ${process.version}. Ratio = time of \`router.route(item)\` / time of the compiled \`if\` chain (\`new Function\`) on the same items, paired and interleaved in ${CHUNK}-item chunks over ${ROUNDS} rounds, fastest time per chunk on each side, ratio of the sums. Decisions of route, the ceiling and json-rules-engine (${JRE_SAMPLE}-item sample; timed as the fastest of 3 runs per item) checked identical first.`,
    '',
    `**Median ${fmt(median(ratios))}×, worst ${fmt(Math.max(...ratios))}×, best ${fmt(Math.min(...ratios))}×** the ceiling; vs json-rules-engine: median ${Math.round(median(rows.map((r) => r.vsJre))).toLocaleString('en-US')}×, lowest ${Math.round(Math.min(...rows.map((r) => r.vsJre))).toLocaleString('en-US')}× faster.`,
    '',
    `Second yardstick, same semantics as \`route()\`: the ceiling with own-property reads (each path read at most once per call, lazily, \`hasOwnProperty\` with the key as a literal at every step — what one would hand-write to keep the library's guarantee), paired the same way over ${OWN_ROUNDS} rounds: **median ${fmt(median(ownRatios))}×, worst ${fmt(Math.max(...ownRatios))}×**.`,
    '',
    '| seed | item shapes | leaves | matched | route ns/item | ceiling ns/item | ratio | vs own-read ceiling | vs json-rules-engine |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of rows)
    lines.push(
      `| ${r.seed === FIXED_SEED ? `${r.seed} (fixed set)` : r.seed} | ${r.stableShape ? 'one' : 'varied'} | ${r.leaves} | ${Math.round(r.matchedShare * 100)}% | ${fmt(r.routeNs, 0)} | ${fmt(r.ceilingNs, 0)} | ${fmt(r.ratio)}× | ${fmt(r.ownRatio)}× | ${Math.round(r.vsJre).toLocaleString('en-US')}× |`,
    );
  lines.push('');
  if (ops) {
    lines.push(
      '### Per operator',
      '',
      'Share: leaf evaluations per operator in the rules’ own order (from `explain` traces, 300 items per set). Cost: up to 50 distinct leaves of the operator from these sets, each a rule of its own, on items pooled from the sets, ours / ceiling (paired as above, 11 rounds).',
      '',
      '| op | share of leaf evaluations | route ns/item | ceiling ns/item | ratio |',
      '| --- | ---: | ---: | ---: | ---: |',
    );
    for (const o of ops)
      lines.push(
        `| \`${o.op}\` | ${(o.share * 100).toFixed(1)}% | ${fmt(o.routeNs, 0)} | ${fmt(o.ceilingNs, 0)} | ${fmt(o.ratio)}× |`,
      );
    lines.push('');
  }
  if (compile)
    lines.push(
      `Compile time of a generated ${compile.rules}-rule set (${compile.leaves} leaves, seed 500500): **${fmt(compile.ms, 1)} ms** (median of 5 \`compileRouter\` calls, validation included).`,
      '',
    );
  if (sink === Math.PI) console.log('');
  return { rows, ops, compile, markdown: lines.join('\n') };
}

if (import.meta.filename === process.argv[1]) {
  const heldOut = process.argv.includes('--held-out');
  const report = await runSeedBench(heldOut ? HELD_OUT_SEEDS : DEV_SEEDS, {
    title: heldOut
      ? 'Held-out rule sets (seeds not run during tuning)'
      : 'Generated rule sets (development seeds: tuned on)',
    ops: !heldOut,
    compile: !heldOut,
  });
  console.log(report.markdown);
  writeFileSync(
    join(import.meta.dirname, `../results/routing-${heldOut ? 'heldout' : 'seeds'}.md`),
    `# Routing: route() vs the compiled ceiling\n\n${report.markdown}`,
  );
}
