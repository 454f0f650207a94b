/**
 * Survey planning throughput: 10⁵ events planned against a history of 10⁶ sends.
 *
 *   npx tsx bench/surveys.ts        (writes bench/results/surveys.md)
 *
 * Peers, in the same process:
 * - indexed history (`createSurveyHistoryIndex`, built once) vs. the same history as a plain
 *   array, which `planSurvey` has to scan for the recipient on every call (measured on a small
 *   sample of events, it is ~10⁶ times slower per event);
 * - a compiled policy (`compileSurveyPolicy`, validated once) vs. the raw JSON policy
 *   (validated on every call);
 * - with and without `{ explain: true }`.
 * All data is synthetic and seeded, so every run plans the same events.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mulberry32 } from '../src/_internal/random';
import {
  compileSurveyPolicy,
  createSurveyHistoryIndex,
  planSurvey,
  type SurveyHistoryEntryInput,
  type SurveyPolicyInput,
  type SurveyTriggerEventInput,
} from '../src/surveys/index';

const HISTORY = 1_000_000;
const EVENTS = 100_000;
const RECIPIENTS = 100_000;
const SCAN_SAMPLE = 100;
const RAW_SAMPLE = 10_000;
const DAY = 86_400_000;

const random = mulberry32(20261124);
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

const now = new Date('2026-11-24T12:00:00Z');
const zones = ['Asia/Shanghai', 'Europe/Warsaw', 'America/Los_Angeles', 'UTC', 'Europe/London', undefined];
const surveyIds = ['csat', 'nps-purchase', 'onboarding', 'cancel'];

const policy: SurveyPolicyInput = {
  surveys: [
    {
      id: 'csat',
      kind: 'csat',
      trigger: 'conversation.resolved',
      delay: '24h',
      channel: 'email',
      reminders: { count: 1, spacing: '3d' },
      audience: { not: { field: 'recipient.segment', op: 'eq', value: 'internal' } },
    },
    {
      id: 'nps-purchase',
      kind: 'nps',
      trigger: 'purchase.completed',
      delay: '7d',
      channel: 'email',
      sampleRate: 0.3,
    },
    {
      id: 'onboarding',
      kind: 'custom',
      trigger: 'onboarding.completed',
      channel: 'in_app',
      questions: [{ id: 'q', text: 'How was it?', type: 'text' }],
    },
    {
      id: 'cancel',
      kind: 'ces',
      trigger: 'subscription.cancelled',
      delay: '2h',
      channel: 'email',
      caps: [{ max: 1, window: '365d' }],
    },
  ],
  throttle: '30d',
  caps: [{ max: 6, window: '365d' }],
  fallbackTimeZone: 'UTC',
};

console.log(`generating ${HISTORY.toLocaleString('en')} sends and ${EVENTS.toLocaleString('en')} events…`);
const history: SurveyHistoryEntryInput[] = new Array(HISTORY);
for (let i = 0; i < HISTORY; i++) {
  const r = Math.floor(random() * RECIPIENTS);
  history[i] = {
    recipientId: `u${r}`,
    surveyId: pick(surveyIds),
    sentAt: new Date(now.getTime() - Math.floor(random() * 730 * DAY)),
    conversationId: `c${r}-${Math.floor(random() * 50)}`,
  };
}
const triggers = [
  'conversation.resolved',
  'conversation.resolved',
  'conversation.resolved',
  'purchase.completed',
  'onboarding.completed',
  'subscription.cancelled',
  'review.posted',
];
const events: Array<{
  event: SurveyTriggerEventInput;
  recipient: { id: string; timeZone?: string; segment?: string };
}> = [];
for (let i = 0; i < EVENTS; i++) {
  const r = Math.floor(random() * RECIPIENTS);
  const type = pick(triggers);
  const zone = pick(zones);
  const event: SurveyTriggerEventInput = {
    type,
    at: new Date(now.getTime() - Math.floor(random() * 3 * DAY)),
    customerId: `u${r}`,
    conversationId: `c${r}-${Math.floor(random() * 60)}`,
    ...(random() < 0.05 ? { resolvedBy: 'bot' as const } : {}),
    ...(random() < 0.01 ? { spam: true } : {}),
  };
  events.push({
    event,
    recipient: {
      id: `u${r}`,
      ...(zone ? { timeZone: zone } : {}),
      ...(random() < 0.02 ? { segment: 'internal' } : {}),
    },
  });
}

const gc = (globalThis as { gc?: () => void }).gc;
function time<T>(fn: () => T): { ms: number; value: T } {
  gc?.();
  const start = performance.now();
  const value = fn();
  return { ms: performance.now() - start, value };
}

const compiled = compileSurveyPolicy(policy);
// Warm-up (JIT, time-zone formatters).
const warmIndex = createSurveyHistoryIndex(history.slice(0, 10_000));
for (let i = 0; i < 5_000; i++)
  planSurvey(events[i]!.event, compiled, warmIndex, { now, recipient: events[i]!.recipient });

const built = time(() => createSurveyHistoryIndex(history));
const index = built.value;

const counts = new Map<string, number>();
// The main figure is the median of three passes (the machine is shared; other work skews one pass).
const passes = [0, 1, 2].map((pass) =>
  time(() => {
    for (const { event, recipient } of events) {
      const plan = planSurvey(event, compiled, index, { now, recipient });
      if (pass > 0) continue;
      const key =
        plan.kind === 'scheduled'
          ? plan.deferral.length
            ? 'scheduled (deferred)'
            : 'scheduled'
          : plan.reason;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }),
);
const indexed = passes.sort((a, b) => a.ms - b.ms)[1]!;
const explained = time(() => {
  for (const { event, recipient } of events)
    planSurvey(event, compiled, index, { now, recipient, explain: true });
});
const raw = time(() => {
  for (let i = 0; i < RAW_SAMPLE; i++)
    planSurvey(events[i]!.event, policy, index, { now, recipient: events[i]!.recipient });
});
const scanned = time(() => {
  for (let i = 0; i < SCAN_SAMPLE; i++)
    planSurvey(events[i]!.event, compiled, history, { now, recipient: events[i]!.recipient });
});
// The scan must agree with the index (same decisions).
for (let i = 0; i < SCAN_SAMPLE; i++) {
  const a = planSurvey(events[i]!.event, compiled, history, { now, recipient: events[i]!.recipient });
  const b = planSurvey(events[i]!.event, compiled, index, { now, recipient: events[i]!.recipient });
  if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`scan and index disagree on event ${i}`);
}

const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
const fmt = (n: number) => n.toLocaleString('en');
const indexedRate = perSec(EVENTS, indexed.ms);
const ratio = (n: number, ms: number) => {
  const r = indexedRate / perSec(n, ms);
  return r >= 100 ? fmt(Math.round(r)) : r.toFixed(2);
};
const rows: Array<[string, number, number, string]> = [
  ['planSurvey, compiled policy, indexed history', EVENTS, indexed.ms, '1.00'],
  ['… with `{ explain: true }`', EVENTS, explained.ms, ratio(EVENTS, explained.ms)],
  ['… raw JSON policy (validated per call)', RAW_SAMPLE, raw.ms, ratio(RAW_SAMPLE, raw.ms)],
  ['… history as a plain array (scanned per call)', SCAN_SAMPLE, scanned.ms, ratio(SCAN_SAMPLE, scanned.ms)],
];
const table = [
  `History: ${fmt(HISTORY)} sends over ${fmt(RECIPIENTS)} recipients (730 days); ${fmt(EVENTS)} events, 4 surveys,`,
  `throttle 30 d, caps, quiet hours in 6 zones, sampling, audience rule. Node ${process.version}, ${new Date().toISOString().slice(0, 10)}.`,
  '',
  `Index build (validates every entry): ${fmt(Math.round(built.ms))} ms for ${fmt(HISTORY)} sends (${fmt(perSec(HISTORY, built.ms))} sends/s).`,
  '',
  '| peer | events | time (ms) | events/s | indexed + compiled is N× faster |',
  '| ---- | -----: | --------: | -------: | ------------------------------: |',
  ...rows.map(
    ([name, n, ms, ratio]) =>
      `| ${name} | ${fmt(n)} | ${fmt(Math.round(ms))} | ${fmt(perSec(n, ms))} | ${ratio} |`,
  ),
  '',
  'Outcomes of the 10⁵ indexed plans:',
  '',
  '| outcome | events |',
  '| ------- | -----: |',
  ...[...counts.entries()].sort((a, b) => b[1] - a[1]).map(([k, v]) => `| ${k} | ${fmt(v)} |`),
  '',
].join('\n');

console.log(`\n${table}`);
writeFileSync(join(import.meta.dirname, 'results', 'surveys.md'), `# bench/surveys\n\n${table}`);
