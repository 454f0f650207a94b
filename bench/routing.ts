// biome-ignore-all lint/suspicious/noThenProperty: `then` is the pinned rule shape of DESIGN.md (rules[].then), not a thenable.
/**
 * Routing benchmarks (writes bench/results/routing.md):
 *
 * 1. `route()` of 50 realistic rules (language × topic, country, VIP, channel, fraud tags,
 *    priority/segment) over 10⁵ synthetic items, against the same rules in json-rules-engine
 *    (first match emulated with one priority per rule + `engine.stop()` on the first success)
 *    and a plain `if` chain of the same rules in the same order (bench/routing/ceiling.ts builds
 *    the source from the rules and compiles it with `new Function`: the sequential chain one
 *    would write by hand). Rules and items: `fixedRuleSet()` of test/support/ruleSets.ts.
 *    json-rules-engine is measured on a 5,000-item sample: at its speed the full 10⁵ would take
 *    minutes. Decisions of all three are checked to be identical.
 * 2. `route(item, { explain: true })` cost.
 * 3. Assignment: 500 agents; `assignAgent` per call (roster validated once, options/workload per
 *    call) and `drainQueue` of a 10⁴-item backlog.
 * 4. detectLanguage accuracy and confusion on the hand-written fixture, and its throughput.
 * 5. `route()` against the compiled-JavaScript ceiling on 21 generated rule sets
 *    (bench/routing/seeds.ts; the held-out seeds run with `npx tsx bench/routing/seeds.ts --held-out`).
 *
 *   npx tsx bench/routing.ts
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLanguage } from '../src/_internal/language/detectLanguage';
import { mulberry32 } from '../src/_internal/random';
import type { AgentInput } from '../src/model/schemas';
import { assignAgent, compileRouter, drainQueue, type WorkItem } from '../src/routing/index';
import { fixedRuleSet, toJreEngine } from '../test/support/ruleSets';
import { compileCeiling } from './routing/ceiling';
import { DEV_SEEDS, runSeedBench } from './routing/seeds';

const ITEMS = 100_000;
const JRE_SAMPLE = 5_000;
const AGENTS = 500;
const BACKLOG = 10_000;
const ASSIGN_CALLS = 2_000;

// Assignment data has its own stream (it used to continue the rule-set stream).
const random = mulberry32(20260302);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const LANGS = ['pl', 'de', 'es', 'fr', 'pt', 'it', 'zh', 'en'];

// ---------------------------------------------------------------- rules and items
// The fixed 50-rule set (test/support/ruleSets.ts, seed FIXED_SEED), same rules and items as before.
const { config, items } = fixedRuleSet(ITEMS);
const indexOf = new Map(config.rules.map((r, i) => [r.id, i]));

// ---------------------------------------------------------------- peers
const router = compileRouter(config);
const routeIndexOf = (item: unknown) => {
  const d = router.route(item);
  return d.kind === 'matched' ? indexOf.get(d.ruleId)! : -1;
};
// The hand-written chain: the same rules, in the same order, as plain `if`s (bench/routing/ceiling.ts).
const handChain = compileCeiling(config.rules);
// json-rules-engine: first match emulated with one priority per rule + engine.stop().
const jre = toJreEngine(config, { firstMatch: true });
const jreRoute = (item: object) => jre.route(item);

// ---------------------------------------------------------------- timing helpers
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}
function bestOf(runs: number, fn: () => void): number {
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) best = Math.min(best, time(fn));
  return best;
}
const gc = (globalThis as { gc?: () => void }).gc;
const fmt = (n: number) => (n >= 100 ? Math.round(n).toLocaleString('en-US') : n.toPrecision(3));

// ---------------------------------------------------------------- 1–2: route
// correctness first: all three agree
let sink = 0;
for (let i = 0; i < ITEMS; i++) {
  if (routeIndexOf(items[i]) !== handChain(items[i]))
    throw new Error(`route and if-chain disagree on item ${i}`);
}
for (let i = 0; i < JRE_SAMPLE; i++) {
  const q = await jreRoute(items[i]!);
  if (q !== routeIndexOf(items[i]))
    throw new Error(`route and json-rules-engine disagree on item ${i}: ${q}`);
}
const matchedShare = items.filter((it) => router.route(it).kind === 'matched').length / ITEMS;

gc?.();
// Interleaved runs, best of each: the machine is shared, so alternating keeps both peers under
// the same background load.
let tRoute = Number.POSITIVE_INFINITY;
let tChain = Number.POSITIVE_INFINITY;
for (let r = 0; r < 8; r++) {
  tRoute = Math.min(
    tRoute,
    time(() => {
      for (let i = 0; i < ITEMS; i++) sink += router.route(items[i]).priority;
    }),
  );
  tChain = Math.min(
    tChain,
    time(() => {
      for (let i = 0; i < ITEMS; i++) sink += handChain(items[i]);
    }),
  );
}
const tExplain = bestOf(3, () => {
  for (let i = 0; i < ITEMS; i++) sink += router.route(items[i], { explain: true }).trace!.rules.length;
});
gc?.();
const t0 = performance.now();
for (let i = 0; i < JRE_SAMPLE; i++) sink += await jreRoute(items[i]!);
const tJre = performance.now() - t0;

const perSec = (n: number, ms: number) => (n / ms) * 1000;
const routeRate = perSec(ITEMS, tRoute);
const chainRate = perSec(ITEMS, tChain);
const explainRate = perSec(ITEMS, tExplain);
const jreRate = perSec(JRE_SAMPLE, tJre);

if (process.argv.includes('--route-only')) {
  console.log({
    routeRate: Math.round(routeRate),
    chainRate: Math.round(chainRate),
    jreRate: Math.round(jreRate),
    explainRate: Math.round(explainRate),
    vsChain: (chainRate / routeRate).toFixed(2),
    vsJre: Math.round(routeRate / jreRate),
  });
  process.exit(0);
}

// ---------------------------------------------------------------- 3: assignment
const SKILLS = ['billing', 'tech', 'fraud', 'mortgage', 'cards', 'vip'];
const agents: AgentInput[] = Array.from({ length: AGENTS }, (_, i) => ({
  id: `agent-${i}`,
  languages: ['en', pick(LANGS), pick(LANGS)],
  skills: SKILLS.filter(() => random() < 0.4).map((name) => ({ name, level: 1 + Math.floor(random() * 10) })),
  status: random() < 0.8 ? ('available' as const) : pick(['busy', 'away', 'offline'] as const),
  capacity: { chat: 3, email: 4, ...(random() < 0.3 ? { phone: 1 } : {}) },
  team: pick(['eu', 'us', 'apac']),
}));
const now = new Date('2026-03-02T10:00:00Z');
const backlog = Array.from({ length: BACKLOG }, (_, i) => ({
  id: `b${i}`,
  channel: pick(['chat', 'chat', 'email', 'phone'] as const),
  language: pick(LANGS),
  skills: random() < 0.7 ? [pick(SKILLS)] : [],
  enqueuedAt: new Date(now.getTime() - Math.floor(random() * 3_600_000)),
}));
const workload: WorkItem[] = Array.from({ length: 600 }, () => ({
  agentId: `agent-${Math.floor(random() * AGENTS)}`,
  channel: 'chat' as const,
  status: pick(['open', 'open', 'pending', 'on_hold'] as const),
}));
const relaxation = [
  { after: '2m', ignoreLanguage: true },
  { after: '5m', skills: [] },
];

assignAgent(backlog[0]!, agents, { strategy: 'least_busy', now }); // validates the roster once (cached)
const strategyRates: Array<[string, number]> = [];
for (const strategy of [
  'round_robin',
  'least_busy',
  'longest_idle',
  'skills_best_match',
  'sticky',
] as const) {
  gc?.();
  const t = bestOf(2, () => {
    for (let i = 0; i < ASSIGN_CALLS; i++) {
      const r = assignAgent({ ...backlog[i]!, previousAgentId: `agent-${i % AGENTS}` }, agents, {
        strategy,
        now,
        workload,
        relaxation,
        fairness: { window: '1h', maxAssignments: 20 },
      });
      sink += r.trace.steps.length;
    }
  });
  strategyRates.push([strategy, perSec(ASSIGN_CALLS, t)]);
}
gc?.();
let drained: ReturnType<typeof drainQueue> | undefined;
const tDrain = time(() => {
  drained = drainQueue(backlog, agents, { strategy: 'least_busy', now, workload, relaxation });
});

// ---------------------------------------------------------------- 4: language detection
const fixture = JSON.parse(
  readFileSync(join(import.meta.dirname, '../src/routing/__fixtures__/languages.json'), 'utf8'),
) as Record<string, string[]>;
const langs = Object.keys(fixture);
const predicted = [...langs, 'ja', 'ko', 'und'];
const confusion: Record<string, Record<string, number>> = {};
let correct = 0;
let total = 0;
const allSentences: string[] = [];
for (const lang of langs) {
  confusion[lang] = {};
  for (const sentence of fixture[lang]!) {
    allSentences.push(sentence);
    const got = detectLanguage(sentence).language;
    confusion[lang]![got] = (confusion[lang]![got] ?? 0) + 1;
    total++;
    if (got === lang) correct++;
  }
}
const tDetect = bestOf(3, () => {
  for (let r = 0; r < 10; r++) for (const s of allSentences) sink += detectLanguage(s).confidence;
});
const detectRate = perSec(allSentences.length * 10, tDetect);

// ---------------------------------------------------------------- report
const lines: string[] = [];
lines.push('# Routing benchmarks', '');
lines.push(
  `Node ${process.version}, ${process.platform}/${process.arch}. Synthetic seeded data; 50 rules (language × topic, country, VIP + channel, enterprise + priority, fraud tags, spend, channel); ${ITEMS.toLocaleString('en-US')} items, ${Math.round(matchedShare * 100)}% matched by a rule. json-rules-engine on the first ${JRE_SAMPLE.toLocaleString('en-US')} items (same decisions verified on those; route and the if-chain agree on all ${ITEMS.toLocaleString('en-US')}).`,
  '',
);
lines.push('## route()', '');
lines.push(
  '| implementation | decisions/s | vs json-rules-engine | vs if-chain |',
  '| --- | ---: | ---: | ---: |',
);
lines.push(`| hand-written if chain | ${fmt(chainRate)} | ${fmt(chainRate / jreRate)}× | 1.00× |`);
lines.push(
  `| \`router.route(item)\` | ${fmt(routeRate)} | ${fmt(routeRate / jreRate)}× | ${(routeRate / chainRate).toFixed(2)}× (${(chainRate / routeRate).toFixed(2)}× slower) |`,
);
lines.push(
  `| \`router.route(item, { explain: true })\` | ${fmt(explainRate)} | ${fmt(explainRate / jreRate)}× | ${(explainRate / chainRate).toFixed(3)}× |`,
);
lines.push(
  `| json-rules-engine 7 (first match via priority + stop) | ${fmt(jreRate)} | 1× | ${(jreRate / chainRate).toExponential(2)}× |`,
);
lines.push(
  '',
  `explain costs ${(routeRate / explainRate).toFixed(1)}× the plain route (it allocates a trace of every rule and leaf).`,
  '',
);
lines.push('## Assignment (500 agents)', '');
lines.push(
  `\`assignAgent\` with relaxation (2 steps), fairness window, ${workload.length} work items; roster validated once (cached per agent object), options and workload validated on every call; the full trace (every agent at every step, with every exclusion) is always built.`,
  '',
);
lines.push('| strategy | assignAgent calls/s |', '| --- | ---: |');
for (const [s, r] of strategyRates) lines.push(`| ${s} | ${fmt(r)} |`);
lines.push(
  '',
  `\`drainQueue\` of ${BACKLOG.toLocaleString('en-US')} items over ${AGENTS} agents (least_busy, relaxation, no traces): ${fmt(tDrain)} ms total, ${fmt(perSec(BACKLOG, tDrain))} items/s; ${drained!.assigned.length} assigned, ${drained!.queued.length} left queued (capacity exhausted).`,
  '',
);
lines.push('## detectLanguage', '');
lines.push(
  `Hand-written fixture \`src/routing/__fixtures__/languages.json\`: ${total} customer-service messages (${langs.map((l) => `${l} ${fixture[l]!.length}`).join(', ')}). Accuracy **${(correct / total).toFixed(4)}** (${correct}/${total}); every miss is \`und\` unless the table says otherwise. Throughput ${fmt(detectRate)} messages/s.`,
  '',
);
lines.push(
  `| true \\ detected | ${predicted.join(' | ')} | accuracy |`,
  `| --- | ${predicted.map(() => '---:').join(' | ')} | ---: |`,
);
for (const lang of langs) {
  const row = confusion[lang]!;
  lines.push(
    `| ${lang} | ${predicted.map((p) => row[p] ?? 0).join(' | ')} | ${((row[lang] ?? 0) / fixture[lang]!.length).toFixed(3)} |`,
  );
}
lines.push('');
// ---------------------------------------------------------------- 5: generated rule sets
// The per-seed figures against the compiled ceiling (bench/routing/seeds.ts, issue 15).
const seedReport = await runSeedBench(DEV_SEEDS, {
  title: 'route() vs the compiled ceiling on generated rule sets (development seeds: tuned on)',
  ops: true,
  compile: true,
});
lines.push(seedReport.markdown);
const md = lines.join('\n');
console.log(md);
writeFileSync(join(import.meta.dirname, 'results/routing.md'), md);
if (sink === Math.PI) console.log('');
