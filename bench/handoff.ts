// biome-ignore-all lint/suspicious/noThenProperty: `then` is the routing rule shape (rules[].then), not a thenable.
/**
 * Handoff benchmarks (writes bench/results/handoff.md):
 *
 * 1. Speed: `policy.decide()` on conversations of 20 customer turns (39 messages; earlier
 *    customer turns drawn from banking77, the last one in one of six languages), in several
 *    configurations, against `router.route()` of a 20-rule router on the same number of items,
 *    measured in the same process. Also the two detectors alone, per message.
 * 2. Quality of the explicit-request detector on the project-written labelled set (330
 *    utterances, per language) and on the 75-utterance hold-out set; false-positive rate on real
 *    customer utterances from data sets without a "talk to a person" intent (banking77 train,
 *    CLINC150 train + val + oos); every flagged utterance is listed for a check by hand.
 * 3. Quality of the sensitive-topic detector on banking77 intents that are sensitive
 *    (lost_or_stolen_card, compromised_card, *_not_recognised) and its flag rate on the others.
 *
 *   npx tsx bench/handoff.ts
 */

import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { mulberry32 } from '../src/_internal/random';
import { detectFrustration } from '../src/confidence/detectFrustration';
import { createHandoffPolicy, detectHumanRequest, detectSensitiveTopics } from '../src/handoff/index';
import type { ConversationInput, MessageInput } from '../src/model/schemas';
import { compileRouter } from '../src/routing/compileRouter';
import { readBanking77 } from '../test/support/evalData';
import {
  explicitRequestFalsePositives,
  explicitRequestScores,
  readLabelledUtterances,
  sensitiveTopicQuality,
} from '../test/support/handoffEval';

const root = resolve(import.meta.dirname, '..');
const CONVERSATIONS = 400;
const TURNS = 20;
const MIN_MS = 1500;
const ROUNDS = 3;

const random = mulberry32(20261123);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

// ---------------------------------------------------------------- conversations
const CUSTOMER: Record<string, string[]> = {
  en: [
    'Where is my parcel? It was supposed to arrive on Monday.',
    'I was charged twice for order 48213',
    'How do I change the delivery address?',
    'The app keeps logging me out after the update',
    'Can I get an invoice for my last purchase?',
    'ok thanks',
  ],
  pl: [
    'Gdzie jest moja paczka? Miała być w poniedziałek.',
    'Zostałem obciążony dwa razy za zamówienie 48213',
    'Jak zmienić adres dostawy?',
    'Aplikacja ciągle mnie wylogowuje',
    'dzięki',
  ],
  zh: ['我的快递到哪了？', '订单48213被扣了两次钱', '怎么修改收货地址', '更新以后应用一直退出登录', '谢谢'],
  es: [
    '¿Dónde está mi paquete?',
    'Me cobraron dos veces el pedido 48213',
    '¿Cómo cambio la dirección de envío?',
    'gracias',
  ],
  de: [
    'Wo ist mein Paket?',
    'Mir wurde die Bestellung 48213 doppelt berechnet',
    'Wie ändere ich die Lieferadresse?',
    'danke',
  ],
  fr: [
    'Où est mon colis ?',
    "J'ai été débité deux fois pour la commande 48213",
    "Comment changer l'adresse de livraison ?",
    'merci',
  ],
};
const LAST: Record<string, string[]> = {
  en: ['I want to talk to a human', 'My card was stolen', 'agent', 'and the refund?'],
  pl: ['chcę rozmawiać z konsultantem', 'ukradziono mi kartę', 'a zwrot?'],
  zh: ['转人工', '我的银行卡被偷了', '退款呢？'],
  es: ['quiero hablar con una persona', 'me robaron la tarjeta', '¿y el reembolso?'],
  de: ['Ich möchte mit einem Mitarbeiter sprechen', 'Meine Karte wurde gestohlen', 'und die Erstattung?'],
  fr: ['je veux parler à un conseiller', "on m'a volé ma carte", 'et le remboursement ?'],
};
const BOT = [
  'Let me check that for you.',
  'Your parcel is on its way and should arrive tomorrow.',
  'You can change the address under My orders.',
  'I have found this article that may help.',
  'Could you give me your order number?',
];

const banking = readBanking77();
const bankingTexts = banking.slice(0, 4000).map(([text]) => text);

function makeConversation(i: number): ConversationInput {
  const language = pick(Object.keys(CUSTOMER));
  const t0 = Date.UTC(2026, 10, 23, 9, 0);
  const messages: MessageInput[] = [];
  // TURNS customer turns answered by the bot, ending on the customer's turn being decided.
  const last = 2 * TURNS - 2;
  for (let k = 0; k <= last; k++) {
    const customer = k % 2 === 0;
    // Earlier customer turns: real customer questions (banking77), so repeats are as rare as in
    // real traffic; the final turn is in the conversation's language.
    let text = customer ? pick(bankingTexts) : pick(BOT);
    if (k === last) text = i % 4 === 0 ? pick(LAST[language]!) : pick(CUSTOMER[language]!);
    messages.push({
      id: `m${k}`,
      author: customer ? 'customer' : 'bot',
      text,
      at: new Date(t0 + k * 40_000),
      ...(customer ? {} : { meta: { confidence: 0.5 + random() / 2 } }),
    });
  }
  return {
    id: `c${i}`,
    customerId: `u${i}`,
    channel: pick(['chat', 'email', 'whatsapp'] as const),
    messages,
  };
}
const conversations = Array.from({ length: CONVERSATIONS }, (_, i) => makeConversation(i));
const NOW = new Date(Date.UTC(2026, 10, 23, 9, 0) + (2 * TURNS - 2) * 40_000 + 10_000);

// ---------------------------------------------------------------- router peer (20 rules)
const router = compileRouter({
  rules: [
    ...['pl', 'zh', 'es', 'de', 'fr'].map((lang) => ({
      id: `lang-${lang}`,
      when: {
        all: [
          { field: 'customer.language', op: 'eq' as const, value: lang },
          { field: 'channel', op: 'in' as const, value: ['chat', 'whatsapp'] },
        ],
      },
      then: { queue: `support-${lang}` },
    })),
    {
      id: 'vip',
      when: { field: 'customer.vip', op: 'eq', value: true },
      then: { queue: 'vip', priority: 1 },
    },
    {
      id: 'fraud',
      when: { field: 'tags', op: 'containsAny', value: ['fraud', 'stolen_card'] },
      then: { queue: 'fraud', priority: 1 },
    },
    ...['billing', 'delivery', 'account', 'tech'].map((topic) => ({
      id: `topic-${topic}`,
      when: { field: 'topic', op: 'eq' as const, value: topic },
      then: { queue: topic },
    })),
    {
      id: 'big-order',
      when: { field: 'order.value', op: 'gte', value: 1000 },
      then: { queue: 'priority', priority: 2 },
    },
    { id: 'email', when: { field: 'channel', op: 'eq', value: 'email' }, then: { queue: 'email' } },
    ...['US', 'GB', 'DE', 'PL', 'FR', 'ES', 'CN', 'BR'].map((country) => ({
      id: `country-${country}`,
      when: { field: 'customer.country', op: 'eq' as const, value: country },
      then: { queue: `region-${country}` },
    })),
  ],
  fallback: { queue: 'general' },
});
const items = conversations.map((c, i) => ({
  channel: c.channel,
  tags: i % 13 === 0 ? ['fraud'] : [],
  topic: pick(['billing', 'delivery', 'account', 'tech', 'other']),
  order: { value: Math.floor(random() * 1500) },
  customer: {
    language: pick(['en', 'pl', 'zh', 'es', 'de', 'fr', 'it']),
    country: pick(['IT', 'NL', 'SE', 'US']),
    vip: false,
  },
}));

// ---------------------------------------------------------------- timing
function opsPerSecond(batch: number, fn: (i: number) => void, setup?: () => void): number {
  setup?.();
  for (let i = 0; i < Math.min(batch, 300); i++) fn(i);
  (globalThis as { gc?: () => void }).gc?.();
  const rates: number[] = [];
  const start = performance.now();
  while (performance.now() - start < MIN_MS / ROUNDS || rates.length < 3) {
    setup?.();
    const t0 = performance.now();
    for (let i = 0; i < batch; i++) fn(i);
    rates.push(batch / ((performance.now() - t0) / 1000));
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)]!;
}

const full = createHandoffPolicy();
const light = createHandoffPolicy(
  { frustration: { enabled: false } },
  { detectFrustration: null, analyzeSentiment: null },
);
const actions: Record<string, number> = {};
for (const c of conversations) {
  const a = full.decide(c, { now: NOW, agentsAvailable: true }).action;
  actions[a] = (actions[a] ?? 0) + 1;
}
const lastTexts = conversations.map((c) => c.messages[c.messages.length - 1]!.text);
const n = conversations.length;
const windows = conversations.map((c) => c.messages.slice(-12));

// Turn by turn: every customer turn of every conversation decided in order, as a live chat calls
// decide (the conversation grows by one bot reply and one customer message per turn, the message
// objects are kept), with a new policy per batch so that each message is new to it once; the
// first 100 conversations (2,000 decisions per batch).
const turnByTurn = conversations.slice(0, 100).flatMap((c) =>
  Array.from({ length: TURNS }, (_, k) => {
    const messages = c.messages.slice(0, 2 * k + 1);
    return {
      conversation: { ...c, messages },
      now: new Date(new Date(messages[messages.length - 1]!.at).getTime() + 10_000),
    };
  }),
);
let live = createHandoffPolicy();
// The same turns, but every message a new object on every call (as when a host reads the
// conversation from its database each turn): nothing can be served from the policy's per-object
// caches. Copies are made in the batch set-up, outside the timed loop.
const freshTurns = (): typeof turnByTurn =>
  turnByTurn.map((t) => ({
    conversation: { ...t.conversation, messages: t.conversation.messages.map((m) => ({ ...m })) },
    now: t.now,
  }));
let fresh = freshTurns();
let freshPolicy = createHandoffPolicy();

// Rows are measured in ROUNDS rotations (each row ≥ MIN_MS / ROUNDS per round) and the median
// per row is kept, so load changes on a shared machine hit every row alike.
let cold = createHandoffPolicy();
// Second field: calls per batch (0 = one per conversation).
const rows: Array<[string, number, (i: number) => void, (() => void)?]> = [
  ['`router.route(item)` — 20 rules (peer)', 0, (i) => router.route(items[i])],
  // Cold: a new policy per batch, so every message is validated (nothing cached) — the cost when
  // the host builds new message objects on every turn (e.g. reads them from a database).
  [
    '`decide()` default, whole 39-message conversation by a new policy (nothing cached)',
    0,
    (i) => cold.decide(conversations[i]!, { now: NOW, agentsAvailable: true }),
    () => {
      cold = createHandoffPolicy();
    },
  ],
  // Headline: each turn of a conversation in order, every message a fresh object (nothing cached).
  [
    '**`decide()` default, turn by turn, fresh objects (per turn; nothing cached)**',
    turnByTurn.length,
    (i) => {
      const t = fresh[i]!;
      freshPolicy.decide(t.conversation, { now: t.now, agentsAvailable: true });
    },
    () => {
      fresh = freshTurns();
      freshPolicy = createHandoffPolicy();
    },
  ],
  // Re-deciding the same 400 conversation objects: the policy's per-object caches already hold
  // every message's validation, sentiment, n-grams and pairwise similarities, so this row times
  // the decision logic alone — an upper bound, not what a live turn costs.
  [
    '`decide()` default, re-deciding the same objects (validation, sentiment and similarity cached)',
    0,
    (i) => full.decide(conversations[i]!, { now: NOW, agentsAvailable: true }),
  ],
  [
    '`decide()` default, turn by turn, message objects kept across turns (per turn; earlier messages cached)',
    turnByTurn.length,
    (i) => {
      const t = turnByTurn[i]!;
      live.decide(t.conversation, { now: t.now, agentsAvailable: true });
    },
    () => {
      live = createHandoffPolicy();
    },
  ],
  [
    '`decide()` default, re-deciding the same objects, `packet: false`',
    0,
    (i) => full.decide(conversations[i]!, { now: NOW, agentsAvailable: true, packet: false }),
  ],
  [
    '`decide()` re-deciding the same objects, without frustration detector, `packet: false`',
    0,
    (i) => light.decide(conversations[i]!, { now: NOW, agentsAvailable: true, packet: false }),
  ],
  [
    '`decide()` default, re-deciding the same objects, `explain: true`',
    0,
    (i) => full.decide(conversations[i]!, { now: NOW, agentsAvailable: true, explain: true }),
  ],
  [
    '`detectFrustration(last 12 messages)` — confidence module, alone',
    0,
    (i) => detectFrustration(windows[i]!, { now: NOW }),
  ],
  ['`detectHumanRequest(text)` — one message', 0, (i) => detectHumanRequest(lastTexts[i]!)],
  ['`detectSensitiveTopics(text)` — one message', 0, (i) => detectSensitiveTopics(lastTexts[i]!)],
];
const perRound: number[][] = rows.map(() => []);
for (let round = 0; round < ROUNDS; round++)
  for (const [k, [, batch, fn, setup]] of rows.entries())
    perRound[k]!.push(opsPerSecond(batch || n, fn, setup));
const speed: Array<[string, number]> = rows.map(([name], k) => {
  const rates = [...perRound[k]!].sort((a, b) => a - b);
  return [name, rates[Math.floor(rates.length / 2)]!];
});
const routeRate = speed[0]![1];

// ---------------------------------------------------------------- quality (test/support/handoffEval.ts)
const dev = readLabelledUtterances('explicit-requests.json');
const holdout = readLabelledUtterances('explicit-requests-holdout.json');
const prf = explicitRequestScores;
const fmt = (x: number | null, d = 3) => (x === null ? '–' : x.toFixed(d));
const { banking77: bankingFlags, clinc150: clincFlags } = explicitRequestFalsePositives();
const sensitive = sensitiveTopicQuality();
const sensitiveRows = sensitive.intents.map((r) => [r.name, r.n, r.anyTopic, r.sameTopic] as const);
const { others, otherFlagged } = sensitive;
const otherByIntent = new Map<string, number>();
for (const [, c] of otherFlagged) otherByIntent.set(c, (otherByIntent.get(c) ?? 0) + 1);
const topOther = [...otherByIntent.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5);

// ---------------------------------------------------------------- report
const out: string[] = [];
out.push('# handoff benchmark', '');
out.push(
  `Node ${process.version}, ${new Date(NOW).toISOString().slice(0, 10)} fixtures; ${CONVERSATIONS} synthetic conversations of ${TURNS} customer turns (${2 * TURNS - 1} messages; earlier customer turns are real banking77 questions; the final turn is in one of six languages, a quarter of them a request for a person, a sensitive topic or a follow-up). Each row: median over ${ROUNDS} rotations through all rows (≥${MIN_MS} ms per row in total), same process; load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores at the end of the run (the machine is shared, so absolute rates vary between runs; read the ratios). Decisions on the set: ${Object.entries(
    actions,
  )
    .map(([a, c]) => `${a} ${c}`)
    .join(', ')}.`,
  '',
);
out.push(
  '## Speed',
  '',
  'Last column: how many `route()` calls fit in the time of one call of the row (route rate ÷ row rate).',
  '',
  '| what | ops/s | µs/op | `route()` calls per op |',
  '| --- | ---: | ---: | ---: |',
);
for (const [name, rate] of speed)
  out.push(
    `| ${name} | ${Math.round(rate).toLocaleString('en-US')} | ${(1e6 / rate).toFixed(2)} | ${Math.round(routeRate / rate).toLocaleString('en-US')} |`,
  );
out.push('');
out.push('## Explicit-request detection: labelled utterances (project-written, hand-checked)', '');
out.push(
  '| set | n | TP | FP | FN | precision | recall | F1 | ambiguous → offer |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
);
const row = (name: string, r: ReturnType<typeof prf>) =>
  out.push(
    `| ${name} | ${r.n} | ${r.tp} | ${r.fp} | ${r.fn} | ${fmt(r.precision)} | ${fmt(r.recall)} | ${fmt(r.f1)} | ${r.ambiguousTotal ? `${r.ambiguousRight}/${r.ambiguousTotal}` : '–'} |`,
  );
for (const language of ['en', 'pl', 'zh', 'es', 'de', 'fr'])
  row(`dev ${language}`, prf(dev.filter((d) => d.language === language)));
row('**dev, all**', prf(dev));
for (const language of ['en', 'pl', 'zh', 'es', 'de', 'fr'])
  row(`hold-out ${language}`, prf(holdout.filter((d) => d.language === language)));
row('**hold-out, all**', prf(holdout));
out.push('');
out.push(
  'The dev set was used to write the patterns. The hold-out set was written before its first evaluation; that first run (before any pattern change) had 10 missed requests and 1 false alarm: precision 28/29 = 0.966, recall 28/38 = 0.737. The misses were then fixed with general patterns, so the current hold-out row is no longer an unbiased estimate.',
  '',
);
out.push('## Explicit-request detection: false positives on real customer utterances', '');
out.push(
  'Neither data set has a "talk to a person" intent, so a flag is a false positive unless the utterance itself asks for a person; every flagged utterance is listed below and was checked by hand (see docs/handoff.md). First run, before the two fixes described there: 3 flagged on banking77, 8 on CLINC150.',
  '',
);
out.push('| data | n | flagged explicit | rate | flagged ambiguous |', '| --- | ---: | ---: | ---: | ---: |');
for (const [name, r] of [
  ['banking77 train', bankingFlags],
  ['CLINC150 train+val+oos', clincFlags],
] as const)
  out.push(
    `| ${name} | ${r.n} | ${r.explicit} | ${((100 * r.explicit) / r.n).toFixed(2)} % | ${r.ambiguous} |`,
  );
out.push('');
const examples = [...bankingFlags.examples, ...clincFlags.examples];
if (examples.length) out.push(`All flagged: ${examples.map((e) => `“${e}”`).join('; ')}.`, '');
out.push('## Sensitive topics on banking77 (English)', '');
out.push(
  '| intent → expected topic | n | any sensitive topic | expected topic | recall |',
  '| --- | ---: | ---: | ---: | ---: |',
);
for (const [name, total, any, same] of sensitiveRows)
  out.push(`| ${name} | ${total} | ${any} | ${same} | ${(same / total).toFixed(3)} |`);
out.push(
  `| other 72 intents (flag rate) | ${others.length} | ${otherFlagged.length} | – | ${((100 * otherFlagged.length) / others.length).toFixed(2)} % flagged |`,
  '',
);
out.push(`Most flagged other intents: ${topOther.map(([c, k]) => `${c} (${k})`).join(', ')}.`, '');
out.push(
  'First run, before looking at these utterances: recall 0.817 / 0.233 / 0.536 / 0.263 / 0.451 (rows in order) and 0.89 % of other utterances flagged. The English patterns were then extended after reading the misses, so banking77 is now a development set for them, not a test set.',
  '',
);
out.push(
  'Sources: banking77 (Casanueva et al., 2020, CC BY 4.0) and CLINC150 (Larson et al., 2019, CC BY 3.0), read in place from `../shared/eval-data`.',
  '',
);

const md = out.join('\n');
console.log(md);
writeFileSync(join(root, 'bench/results/handoff.md'), md);
