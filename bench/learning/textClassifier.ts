/**
 * Text-classifier bench: banking77, CLINC150, PolEmo (Polish) and Chinese reviews, each beside
 * baselines computed in the same run — a textbook multinomial naive Bayes (written below),
 * node-nlp's `NlpManager` (nlp.js v4) and tandem-cx's own knowledge-base search — plus training
 * time, prediction throughput and model size. Returns its Markdown section for bench/learning.ts.
 * Protocols: test/support/textClassifierEval.ts.
 */
import { gzipSync } from 'node:zlib';
import { analyzeSentiment } from '../../src/confidence/index';
import { createMemoryKnowledgeStore } from '../../src/knowledge/index';
import { type TextClassifier, trainTextClassifier } from '../../src/learning/index';
import { auroc, hasEvalData } from '../../test/support/evalData';
import {
  accuracy,
  balancedAccuracy,
  banking77Split,
  clinc150Split,
  type Labelled,
  polemoSplit,
  validationFold,
  zhFold,
  zhReviewsByCategory,
} from '../../test/support/textClassifierEval';

const pct = (x: number) => x.toFixed(3);
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const log = (what: string) => process.stderr.write(`[learning bench] ${what}\n`);

// ---------------------------------------------------------------------------------------------
// Baseline: multinomial naive Bayes as in Manning, Raghavan & Schütze, "Introduction to
// Information Retrieval" (2008), §13.2 — lower-cased word tokens, add-one (Laplace) smoothing,
// class priors from the training counts, argmax of log P(c) + Σ log P(t|c). Han characters are
// tokens of their own (the textbook assumes words; Chinese has no spaces).

const TOKEN = /\p{Script=Han}|[\p{L}\p{N}]+/gu;

interface NaiveBayes {
  predict(text: string): { label: string; confidence: number };
}

function trainNaiveBayes(examples: readonly Labelled[]): NaiveBayes {
  const labels = [...new Set(examples.map((e) => e.label))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const vocabulary = new Map<string, number>();
  const counts: Map<number, number>[] = labels.map(() => new Map());
  const totals = new Float64Array(labels.length);
  const docs = new Float64Array(labels.length);
  for (const { text, label } of examples) {
    const c = index.get(label)!;
    docs[c]!++;
    for (const token of text.toLowerCase().match(TOKEN) ?? []) {
      let id = vocabulary.get(token);
      if (id === undefined) {
        id = vocabulary.size;
        vocabulary.set(token, id);
      }
      counts[c]!.set(id, (counts[c]!.get(id) ?? 0) + 1);
      totals[c]!++;
    }
  }
  const v = vocabulary.size;
  const prior = labels.map((_, c) => Math.log(docs[c]! / examples.length));
  const scores = new Float64Array(labels.length);
  return {
    predict(text) {
      const tokens = (text.toLowerCase().match(TOKEN) ?? []).map((t) => vocabulary.get(t));
      for (let c = 0; c < labels.length; c++) {
        let s = prior[c]!;
        const denominator = Math.log(totals[c]! + v);
        for (const id of tokens)
          if (id !== undefined) s += Math.log((counts[c]!.get(id) ?? 0) + 1) - denominator;
        scores[c] = s;
      }
      let best = 0;
      for (let c = 1; c < labels.length; c++) if (scores[c]! > scores[best]!) best = c;
      let sum = 0;
      for (let c = 0; c < labels.length; c++) sum += Math.exp(scores[c]! - scores[best]!);
      return { label: labels[best]!, confidence: 1 / sum };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Baseline: node-nlp (nlp.js v4) as its users set it up: an NlpManager for English, one document
// per utterance, `train()`, then `process()`; the intent is `intent`, its `score` the confidence.

interface NodeNlpManager {
  addDocument(locale: string, utterance: string, intent: string): void;
  train(): Promise<void>;
  process(locale: string, utterance: string): Promise<{ intent: string; score: number }>;
}

async function trainNodeNlp(examples: readonly Labelled[]): Promise<NodeNlpManager> {
  // node-nlp ships no types: import it by a variable name so TypeScript treats it as unknown.
  const name = 'node-nlp';
  const { NlpManager } = (await import(name)) as {
    NlpManager: new (settings: object) => NodeNlpManager;
  };
  const manager = new NlpManager({
    languages: ['en'],
    nlu: { log: false },
    autoSave: false,
    autoLoad: false,
  });
  for (const { text, label } of examples) manager.addDocument('en', text, label);
  await manager.train();
  return manager;
}

// ---------------------------------------------------------------------------------------------
// Baseline: tandem-cx knowledge search, each intent an article whose questions are its training
// utterances (as in bench/knowledge.ts); the top hit is the prediction.

async function knowledgeBaseOf(examples: readonly Labelled[]) {
  const kb = createMemoryKnowledgeStore({ now: () => new Date('2026-11-23T10:00:00Z') });
  const by = new Map<string, string[]>();
  for (const { text, label } of examples) by.set(label, [...(by.get(label) ?? []), text]);
  for (const [label, questions] of by)
    await kb.upsertArticle({
      id: label,
      title: label.replace(/_/g, ' '),
      body: '',
      questions,
      status: 'published',
      audience: 'public',
    });
  return async (text: string) => {
    const r = await kb.search(text, { limit: 1 });
    return { label: r.hits[0]?.article.id ?? '', confidence: r.confidence };
  };
}

// Wall-clock and CPU time (user + system, this process): on a shared machine the CPU time is the
// steadier figure.
function timed<T>(fn: () => T): { value: T; ms: number; cpuMs: number } {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

async function timedAsync<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; cpuMs: number }> {
  const start = performance.now();
  const cpu = process.cpuUsage();
  const value = await fn();
  const used = process.cpuUsage(cpu);
  return { value, ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
}

const both = (t: { ms: number; cpuMs: number }) => `${seconds(t.ms)} (CPU ${seconds(t.cpuMs)})`;

/** CPU seconds (user + system) since `start`. */
function cpuSeconds(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

/** Texts per CPU-second of `predict` over `texts`, after one warm-up pass (median of 3 passes). */
function throughput(predict: (text: string) => unknown, texts: readonly string[]): number {
  for (const t of texts) predict(t);
  const rates: number[] = [];
  for (let r = 0; r < 3; r++) {
    const cpu = process.cpuUsage();
    for (const t of texts) predict(t);
    rates.push(texts.length / (cpuSeconds(cpu) || 1e-9));
  }
  return rates.sort((a, b) => a - b)[1]!;
}

async function banking77Section(out: string[]): Promise<void> {
  const { train, test } = banking77Split();
  const gold = test.map((e) => e.label);
  const texts = test.map((e) => e.text);
  log('banking77: validation fold');
  const { fit, validation } = validationFold(train);
  const dev = trainTextClassifier(fit, { seed: 1 });
  const devAccuracy = accuracy(
    validation.map((e) => e.label),
    validation.map((e) => dev.predict(e.text).label),
  );
  log('banking77: tandem-cx');
  const ours = timed(() => trainTextClassifier(train, { seed: 1 }));
  const ourLabels = texts.map((t) => ours.value.predict(t).label);
  log('banking77: naive Bayes');
  const nb = timed(() => trainNaiveBayes(train));
  const nbLabels = texts.map((t) => nb.value.predict(t).label);
  log('banking77: node-nlp');
  const nlp = await timedAsync(() => trainNodeNlp(train));
  const nlpLabels: string[] = [];
  let start = process.cpuUsage();
  for (const t of texts) nlpLabels.push((await nlp.value.process('en', t)).intent);
  const nlpRate = texts.length / cpuSeconds(start);
  log('banking77: knowledge search');
  const kb = await timedAsync(() => knowledgeBaseOf(train));
  const kbLabels: string[] = [];
  start = process.cpuUsage();
  for (const t of texts) kbLabels.push((await kb.value(t)).label);
  const kbRate = texts.length / cpuSeconds(start);
  const ourRate = throughput((t) => ours.value.predict(t), texts);
  const nbRate = throughput((t) => nb.value.predict(t), texts);
  const json = JSON.stringify(ours.value.toJSON());
  const model = ours.value.toJSON();
  out.push(
    '### banking77 intents',
    '',
    `77 intents; per intent a seeded 80/20 split of \`train.csv\` (seed 77, the knowledge bench's split): ` +
      `${train.length.toLocaleString('en')} training and ${test.length.toLocaleString('en')} test utterances. ` +
      'Each row trains on the same training part in this run. Throughput: texts per CPU-second, one at a ' +
      'time, warm (median of 3 passes; node-nlp and knowledge search are async and timed over their one pass).',
    '',
    '| classifier | top-1 accuracy | training: wall (CPU) | predictions per CPU-second |',
    '| --- | ---: | ---: | ---: |',
    `| **tandem-cx \`trainTextClassifier\`** (defaults, seed 1) | **${pct(accuracy(gold, ourLabels))}** | ${both(ours)} | ${Math.round(ourRate).toLocaleString('en')} |`,
    `| multinomial naive Bayes (textbook, add-one) | ${pct(accuracy(gold, nbLabels))} | ${both(nb)} | ${Math.round(nbRate).toLocaleString('en')} |`,
    `| node-nlp \`NlpManager\` ('en') | ${pct(accuracy(gold, nlpLabels))} | ${both(nlp)} | ${Math.round(nlpRate).toLocaleString('en')} |`,
    `| tandem-cx knowledge search (intent = article) | ${pct(accuracy(gold, kbLabels))} | ${both(kb)} | ${Math.round(kbRate).toLocaleString('en')} |`,
    '',
    `Validation fold (15 % of the training part, seed 11; the defaults were chosen on validation folds, ` +
      `never on the test part): top-1 ${pct(devAccuracy)}. ` +
      `Speed ratios in this run: tandem-cx predicts ${(ourRate / nlpRate).toFixed(0)}× as fast as node-nlp and ` +
      `${(ourRate / nbRate).toFixed(1)}× as fast as the naive Bayes.`,
    '',
    `Model: ${model.labels.length} labels, ${model.buckets.toLocaleString('en')} feature buckets, ` +
      `${model.nonZero.toLocaleString('en')} non-zero ${8}-bit weights, temperature ${model.temperature}; JSON ` +
      `${(json.length / 1024).toFixed(0)} KiB (${(gzipSync(json).length / 1024).toFixed(0)} KiB gzipped).`,
    '',
  );
}

function confidences(clf: TextClassifier, texts: readonly string[]): number[] {
  return texts.map((t) => clf.predict(t).confidence);
}

async function clincSection(out: string[]): Promise<void> {
  log('CLINC150');
  const { train, val, oos } = clinc150Split();
  const ours = timed(() => trainTextClassifier(train, { seed: 1 }));
  const ourVal = val.map((e) => ours.value.predict(e.text));
  const nb = trainNaiveBayes(train);
  const nbVal = val.map((e) => nb.predict(e.text));
  const kb = await knowledgeBaseOf(train);
  const kbVal: Array<{ label: string; confidence: number }> = [];
  for (const e of val) kbVal.push(await kb(e.text));
  const kbOos: number[] = [];
  for (const t of oos) kbOos.push((await kb(t)).confidence);
  const gold = val.map((e) => e.label);
  const row = (name: string, predicted: Array<{ label: string; confidence: number }>, negatives: number[]) =>
    `| ${name} | ${pct(
      accuracy(
        gold,
        predicted.map((p) => p.label),
      ),
    )} | ${auroc(
      predicted.map((p) => p.confidence),
      negatives,
    ).toFixed(3)} |`;
  out.push(
    '### CLINC150 intents and out-of-scope',
    '',
    `Train on \`train\` (${train.length.toLocaleString('en')} utterances, 150 intents; tandem-cx trained in ` +
      `${both(ours)}), accuracy on \`val\` (${val.length.toLocaleString('en')}); AUROC of the confidence ` +
      `separating \`val\` (in scope) from \`oos_val\` (${oos.length}, out of scope).`,
    '',
    '| classifier | val accuracy | out-of-scope AUROC |',
    '| --- | ---: | ---: |',
    row('**tandem-cx `trainTextClassifier`**', ourVal, confidences(ours.value, oos)),
    row(
      'multinomial naive Bayes',
      nbVal,
      oos.map((t) => nb.predict(t).confidence),
    ),
    row('tandem-cx knowledge search', kbVal, kbOos),
    '',
  );
}

function polemoSection(out: string[]): void {
  log('PolEmo');
  const { train, test } = polemoSplit();
  const gold = test.map((e) => e.label);
  const { fit, validation } = validationFold(train);
  const dev = trainTextClassifier(fit, { seed: 1 });
  const devAccuracy = accuracy(
    validation.map((e) => e.label),
    validation.map((e) => dev.predict(e.text).label),
  );
  const ours = timed(() => trainTextClassifier(train, { seed: 1 }));
  const nb = trainNaiveBayes(train);
  const lexicon = (text: string) => {
    const label = analyzeSentiment(text, { language: 'pl' }).label;
    return label === 'positive' ? 'plus' : label === 'negative' ? 'minus' : 'zero';
  };
  out.push(
    '### Polish sentiment (PolEmo 2.0 medicine, 3 classes)',
    '',
    `\`plus\`/\`minus\`/\`zero\` sentences (\`amb\` left out); train on the \`tune\` half ` +
      `(${train.length.toLocaleString('en')}), test on the \`check\` half (${test.length.toLocaleString('en')}), ` +
      '`sentimentSplit` in test/support/evalData.ts (fixed before tuning). The lexicon row is ' +
      "`analyzeSentiment(text, { language: 'pl' })` (no training).",
    '',
    '| classifier | accuracy | macro recall |',
    '| --- | ---: | ---: |',
    ...(
      [
        [
          `**tandem-cx \`trainTextClassifier\`** (trained in ${both(ours)})`,
          (t: string) => ours.value.predict(t).label,
        ],
        ['multinomial naive Bayes', (t: string) => nb.predict(t).label],
        ['tandem-cx Polish lexicon (`analyzeSentiment`)', lexicon],
      ] as const
    ).map(([name, predict]) => {
      const predicted = test.map((e) => predict(e.text));
      return `| ${name} | ${pct(accuracy(gold, predicted))} | ${pct(balancedAccuracy(gold, predicted))} |`;
    }),
    '',
    `Validation fold of the \`tune\` half (15 %, seed 11): accuracy ${pct(devAccuracy)}.`,
    '',
  );
}

function zhSection(out: string[]): void {
  const byCategory = zhReviewsByCategory();
  const rows: string[] = [];
  const sums = [0, 0, 0];
  let trainMs = 0;
  let trainCpuMs = 0;
  for (const category of [...byCategory.keys()].sort()) {
    log(`zh-reviews: ${category}`);
    const { train, test } = zhFold(byCategory, category);
    const gold = test.map((e) => e.label);
    const ours = timed(() => trainTextClassifier(train, { seed: 1 }));
    trainMs += ours.ms;
    trainCpuMs += ours.cpuMs;
    const nb = trainNaiveBayes(train);
    const figures = [
      balancedAccuracy(
        gold,
        test.map((e) => ours.value.predict(e.text).label),
      ),
      balancedAccuracy(
        gold,
        test.map((e) => nb.predict(e.text).label),
      ),
      balancedAccuracy(
        gold,
        test.map((e) =>
          analyzeSentiment(e.text, { language: 'zh' }).compound > 0 ? 'positive' : 'negative',
        ),
      ),
    ];
    figures.forEach((f, i) => {
      sums[i]! += f;
    });
    rows.push(`| ${category} | ${test.length.toLocaleString('en')} | ${figures.map(pct).join(' | ')} |`);
  }
  const n = byCategory.size;
  out.push(
    '### Chinese sentiment, leave one category out (online_shopping reviews)',
    '',
    'Positive/negative reviews in nine product categories: train on eight, test on the ninth, for each ' +
      'category; balanced accuracy (mean recall of the two classes). The lexicon row is ' +
      "`analyzeSentiment(text, { language: 'zh' }).compound > 0` (no training). " +
      `tandem-cx training: ${both({ ms: trainMs / n, cpuMs: trainCpuMs / n })} per fold on average.`,
    '',
    '| test category | reviews | tandem-cx | naive Bayes | lexicon |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **mean** | | **${pct(sums[0]! / n)}** | ${pct(sums[1]! / n)} | ${pct(sums[2]! / n)} |`,
    '',
  );
}

/** Runs the text-classifier evaluations and returns the Markdown section. */
export async function benchTextClassifier(): Promise<string> {
  const out: string[] = [
    '## Text classifier',
    '',
    `Node ${process.version}, ${process.platform}/${process.arch}; every row is computed in this run. ` +
      'The machine is a shared 2-core box (other jobs ran at the same time): wall-clock times are inflated, ' +
      'CPU times are the steadier figure; compare within a table, not across runs.',
    '',
  ];
  if (hasEvalData('banking77/train.csv')) await banking77Section(out);
  if (hasEvalData('clinc150/data_dev.json')) await clincSection(out);
  if (hasEvalData('polemo-dev/medicine-sentences-dev.txt')) polemoSection(out);
  if (hasEvalData('zh-reviews/online_shopping_9_cats.csv')) zhSection(out);
  return out.join('\n');
}
