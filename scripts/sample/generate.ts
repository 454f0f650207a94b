/**
 * Generates the bundled sample support history — SYNTHETIC data, made up by this seeded script:
 * no real customer, conversation or company is in it.
 *
 *   npx tsx scripts/sample/generate.ts        # rewrites examples/data/*
 *
 * The same seed always writes the same bytes (test/sample.test.ts checks it), so the files in
 * the repository are exactly what this script makes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom } from '../../src/_internal/random';
import { createBusinessCalendar } from '../../src/calendar/index';
import {
  AGENT_REPLY,
  BILLING_DISPUTE,
  BOT_CLARIFY,
  BOT_HANDOFF,
  COUNTRIES,
  FAQ,
  FRUSTRATED,
  HUMAN_REQUEST,
  LANGUAGE_QUEUE,
  type Lang,
  NAMES,
  NOT_HELPFUL,
  STOLEN_CARD,
  THANKS,
} from './texts';

export const SAMPLE_SEED = 20261124;
const CONVERSATIONS = 2400;
const CUSTOMERS = 1500;
const START = Date.parse('2026-10-05T00:00:00Z'); // Monday
const DAYS = 42;
const MIN = 60_000;

/** The support desk's hours: Mon–Fri 08:00–20:00 Warsaw, Sat 09:00–15:00. */
export const SAMPLE_CALENDAR = {
  timeZone: 'Europe/Warsaw',
  hours: {
    mon: [['08:00', '20:00']],
    tue: [['08:00', '20:00']],
    wed: [['08:00', '20:00']],
    thu: [['08:00', '20:00']],
    fri: [['08:00', '20:00']],
    sat: [['09:00', '15:00']],
  },
  holidays: ['2026-11-01', '2026-11-11'],
} as const;

type Flow =
  | 'bot_resolved'
  | 'bot_then_human'
  | 'explicit_human'
  | 'sensitive'
  | 'frustrated'
  | 'agent_direct'
  | 'billing_dispute';

interface SampleMessage {
  id: string;
  author: 'customer' | 'bot' | 'agent';
  authorId?: string;
  text: string;
  at: string;
}

export function generateSample(seed = SAMPLE_SEED) {
  const random = createRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T extends string>(table: Array<[T, number]>): T => {
    let r = random() * table.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of table) {
      r -= w;
      if (r < 0) return value;
    }
    return table[table.length - 1]![0];
  };
  const exp = (mean: number) => -Math.log(1 - random()) * mean;
  const calendar = createBusinessCalendar(SAMPLE_CALENDAR as never);

  const langs: Array<[Lang, number]> = [
    ['en', 45],
    ['pl', 20],
    ['es', 12],
    ['de', 10],
    ['zh', 8],
    ['fr', 5],
  ];
  const customers = Array.from({ length: CUSTOMERS }, (_, i) => {
    const language = weighted(langs);
    const place = pick(COUNTRIES[language]);
    const vip = random() < 0.06;
    return {
      id: `U${String(i + 1).padStart(4, '0')}`,
      name: pick(NAMES[language]),
      language,
      location: { country: place.country },
      timeZone: place.timeZone,
      segment: vip ? 'vip' : random() < 0.3 ? 'business' : 'consumer',
      vip,
    };
  });

  const agents = (
    ['en', 'en', 'en', 'en', 'pl', 'pl', 'pl', 'es', 'es', 'de', 'de', 'zh', 'fr'] as Lang[]
  ).flatMap((lang, i) => [
    {
      id: `A${String(i * 2 + 1).padStart(2, '0')}`,
      name: `Agent ${i * 2 + 1}`,
      languages: lang === 'en' ? ['en'] : [lang, 'en'],
      skills: [
        { name: 'cards', level: 3 + (i % 5) },
        { name: 'billing', level: 2 + ((i * 3) % 7) },
        ...(i % 4 === 0 ? [{ name: 'fraud', level: 8 }] : []),
      ],
      status: 'available',
      capacity: { chat: 3, email: 6, phone: 1, social: 3, whatsapp: 3 },
      team: LANGUAGE_QUEUE[lang],
    },
    {
      id: `A${String(i * 2 + 2).padStart(2, '0')}`,
      name: `Agent ${i * 2 + 2}`,
      languages: lang === 'en' ? ['en', 'es'].slice(0, 1 + (i % 2)) : [lang],
      skills: [{ name: i % 3 === 0 ? 'billing' : 'cards', level: 5 }],
      status: 'available',
      capacity: { chat: 2, email: 5, phone: 1 },
      team: LANGUAGE_QUEUE[lang],
    },
  ]);

  const conversations: unknown[] = [];
  const followUps: Array<{ at: number; customer: (typeof customers)[number]; intent: (typeof FAQ)[number] }> =
    [];

  for (let n = 0; n < CONVERSATIONS; n++) {
    const id = `C${String(n + 1).padStart(5, '0')}`;
    const followUp = followUps.length && random() < 0.5 ? followUps.shift() : undefined;
    const customer = followUp?.customer ?? pick(customers);
    const lang = customer.language as Lang;
    // Arrival: uniform day, daytime-weighted hour in the customer's zone approximated by UTC+offset.
    const day = Math.floor(random() * DAYS);
    const hour = weighted<string>([
      ['2', 1],
      ['7', 3],
      ['9', 8],
      ['11', 9],
      ['13', 8],
      ['15', 8],
      ['17', 7],
      ['19', 5],
      ['21', 3],
    ]);
    const created = followUp?.at ?? START + day * 86_400_000 + (Number(hour) + random() * 2) * 3_600_000;
    const channel = weighted<'chat' | 'email' | 'phone' | 'social' | 'whatsapp'>([
      ['chat', 50],
      ['email', 25],
      ['phone', 10],
      ['social', 8],
      ['whatsapp', 7],
    ]);
    const botChannel = channel !== 'email' && channel !== 'phone';
    const flow: Flow = followUp
      ? 'bot_then_human'
      : botChannel
        ? weighted<Flow>([
            ['bot_resolved', 46],
            ['bot_then_human', 16],
            ['explicit_human', 11],
            ['sensitive', 6],
            ['frustrated', 12],
            ['billing_dispute', 9],
          ])
        : weighted<Flow>([
            ['agent_direct', 80],
            ['sensitive', 8],
            ['billing_dispute', 12],
          ]);
    const intent = followUp?.intent ?? pick(FAQ);
    const topicQueue = flow === 'sensitive' ? 'fraud' : flow === 'billing_dispute' ? 'billing' : intent.queue;
    const correctQueue = customer.vip
      ? 'vip'
      : flow === 'sensitive'
        ? 'fraud'
        : lang === 'en'
          ? topicQueue
          : LANGUAGE_QUEUE[lang];
    const priority =
      flow === 'sensitive'
        ? 1
        : customer.vip
          ? 2
          : flow === 'billing_dispute' || flow === 'frustrated'
            ? 3
            : intent.id === 'opening-hours'
              ? 5
              : 4;

    const messages: SampleMessage[] = [];
    const events: Array<Record<string, unknown>> = [];
    let t = created;
    let m = 0;
    const say = (author: SampleMessage['author'], text: string, authorId?: string) => {
      messages.push({
        id: `${id}-m${++m}`,
        author,
        ...(authorId ? { authorId } : {}),
        text,
        at: new Date(t).toISOString(),
      });
    };
    const botSays = (text: string) => {
      t += 2_000 + random() * 4_000;
      say('bot', text, 'bot');
    };
    const customerSays = (text: string, meanMinutes = 1) => {
      t += exp(meanMinutes * MIN) + 5_000;
      say('customer', text);
    };

    // Historical routing: a quarter went to the general queue first and was transferred later.
    const misrouted = correctQueue !== 'general' && random() < 0.25;
    events.push({
      type: 'conversation.routed',
      at: new Date(created).toISOString(),
      queue: misrouted ? 'general' : correctQueue,
    });

    let handedOffAt: number | undefined;
    let human = false;
    const opening =
      flow === 'sensitive'
        ? pick(STOLEN_CARD[lang])
        : flow === 'billing_dispute'
          ? pick(BILLING_DISPUTE[lang])
          : flow === 'explicit_human'
            ? pick(HUMAN_REQUEST[lang])
            : pick(intent.asks[lang]);
    say('customer', opening);

    if (botChannel) {
      switch (flow) {
        case 'bot_resolved':
          botSays(`${intent.answer[lang]}`);
          customerSays(pick(THANKS[lang]));
          break;
        case 'bot_then_human':
          botSays(intent.answer[lang]);
          customerSays(pick(NOT_HELPFUL[lang]), 2);
          botSays(BOT_CLARIFY[lang]);
          customerSays(pick(intent.asks[lang]), 1);
          botSays(BOT_HANDOFF[lang]);
          handedOffAt = t;
          break;
        case 'explicit_human':
        case 'sensitive':
          botSays(BOT_HANDOFF[lang]);
          handedOffAt = t;
          break;
        case 'frustrated':
          botSays(intent.answer[lang]);
          customerSays(pick(intent.asks[lang]), 1);
          botSays(BOT_CLARIFY[lang]);
          customerSays(pick(FRUSTRATED[lang]), 1);
          botSays(intent.answer[lang]);
          customerSays(pick(HUMAN_REQUEST[lang]), 0.5);
          botSays(BOT_HANDOFF[lang]);
          handedOffAt = t;
          break;
        case 'billing_dispute':
          botSays(BOT_CLARIFY[lang]);
          customerSays(pick(BILLING_DISPUTE[lang]), 1);
          botSays(BOT_HANDOFF[lang]);
          handedOffAt = t;
          break;
        default:
          break;
      }
    }
    if (handedOffAt !== undefined)
      events.push({ type: 'handoff.escalated', at: new Date(handedOffAt).toISOString() });

    let firstHumanResponseAt: number | undefined;
    let assignee: string | undefined;
    let handleTime = 0;
    if (!botChannel || handedOffAt !== undefined) {
      human = true;
      const team = agents.filter(
        (a) =>
          a.team ===
          (correctQueue === 'vip' || correctQueue === 'fraud' || ['cards', 'billing'].includes(correctQueue)
            ? 'general'
            : correctQueue),
      );
      assignee = pick(team.length ? team : agents).id;
      // Humans answer within business hours: chat in minutes, email in hours.
      const wait =
        channel === 'email'
          ? exp(5 * 60 * MIN)
          : channel === 'phone'
            ? exp(3 * MIN)
            : exp(flow === 'sensitive' ? 2 * MIN : 6 * MIN);
      t = calendar.addBusinessTime(new Date(t), Math.round(wait)).getTime();
      if (misrouted) {
        events.push({ type: 'transferred', at: new Date(t).toISOString(), queue: correctQueue });
        t = calendar.addBusinessTime(new Date(t), Math.round(exp(20 * MIN))).getTime();
      }
      firstHumanResponseAt = t;
      say('agent', AGENT_REPLY[lang][0]!, assignee);
      if (channel !== 'phone')
        customerSays(
          flow === 'sensitive' ? pick(STOLEN_CARD[lang]) : pick(NOT_HELPFUL[lang]),
          channel === 'email' ? 90 : 2,
        );
      t += exp((channel === 'email' ? 60 : 8) * MIN);
      say('agent', AGENT_REPLY[lang][1]!, assignee);
      handleTime = Math.round(
        (channel === 'phone' ? 6 : channel === 'email' ? 9 : 12) * MIN * (0.5 + random()),
      );
    } else if (misrouted) {
      // The bot resolved it; the routing record still shows the general queue first.
      events.pop();
      events.push({ type: 'conversation.routed', at: new Date(created).toISOString(), queue: correctQueue });
    }

    const reopened = human && random() < 0.06;
    let resolvedAt = t + 60_000;
    events.push({ type: 'resolved', at: new Date(resolvedAt).toISOString() });
    if (reopened) {
      t = resolvedAt + exp(24 * 60 * MIN);
      customerSays(pick(NOT_HELPFUL[lang]), 1);
      events.push({ type: 'reopened', at: new Date(t).toISOString() });
      t = calendar.addBusinessTime(new Date(t), Math.round(exp(60 * MIN))).getTime();
      say('agent', AGENT_REPLY[lang][1]!, assignee);
      resolvedAt = t + 60_000;
      events.push({ type: 'resolved', at: new Date(resolvedAt).toISOString() });
    }
    if (flow === 'bot_resolved' && random() < 0.08)
      followUps.push({ at: resolvedAt + exp(20 * 60 * MIN), customer, intent });

    // CSAT after resolution for about a third of conversations; ratings follow the experience.
    const ratingTable: Record<Flow, number[]> = {
      bot_resolved: [5, 5, 5, 4, 4, 4, 3],
      bot_then_human: [4, 4, 3, 3, 2, 5],
      explicit_human: [5, 5, 4, 4, 3],
      sensitive: [5, 4, 4, 3],
      frustrated: [1, 2, 2, 3, 1, 4],
      agent_direct: [5, 4, 4, 3, 2, 5],
      billing_dispute: [4, 3, 2, 5, 1],
    };
    const survey =
      random() < 0.35
        ? {
            kind: 'csat',
            rating: pick(ratingTable[flow]),
            respondedAt: new Date(resolvedAt + 26 * 3_600_000 + exp(6 * 3_600_000)).toISOString(),
          }
        : undefined;

    conversations.push({
      id,
      customerId: customer.id,
      channel,
      language: lang,
      status: 'resolved',
      createdAt: new Date(created).toISOString(),
      customer,
      messages,
      tags: [flow === 'sensitive' ? 'fraud' : flow === 'billing_dispute' ? 'billing' : intent.topic, flow],
      priority,
      queue: correctQueue,
      ...(assignee ? { assignee } : {}),
      events,
      firstResponseAt: messages[1]?.at ?? null,
      ...(firstHumanResponseAt ? { firstHumanResponseAt: new Date(firstHumanResponseAt).toISOString() } : {}),
      resolvedAt: new Date(resolvedAt).toISOString(),
      handedOff: handedOffAt !== undefined,
      botInvolved: botChannel,
      humanInvolved: human,
      handleTime,
      ...(survey ? { survey } : {}),
      meta: {
        synthetic: true,
        flow,
        intent:
          flow === 'sensitive' ? 'stolen-card' : flow === 'billing_dispute' ? 'billing-dispute' : intent.id,
      },
    });
  }
  (conversations as Array<{ createdAt: string }>).sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const articles = FAQ.flatMap((intent) =>
    (Object.keys(intent.title) as Lang[]).map((lang) => ({
      id: lang === 'en' ? intent.id : `${intent.id}-${lang}`,
      title: intent.title[lang],
      body: intent.answer[lang],
      questions: intent.asks[lang],
      tags: [intent.topic],
      locale: lang,
      audience: 'public',
      status: 'published',
    })),
  );
  articles.push({
    id: 'fraud-playbook',
    title: 'Internal: card fraud playbook',
    body: 'Block the card, confirm the last three transactions with the customer, open a chargeback within 24 hours.',
    questions: ['how do I handle a stolen card case'],
    tags: ['cards', 'fraud'],
    locale: 'en',
    audience: 'internal',
    status: 'published',
  });

  return { conversations, agents, articles };
}

const CSV_COLUMNS = [
  'id',
  'customerId',
  'createdAt',
  'channel',
  'language',
  'queue',
  'priority',
  'firstResponseAt',
  'firstHumanResponseAt',
  'resolvedAt',
  'reopens',
  'transfers',
  'handedOff',
  'botOnly',
  'handleTime',
  'csat',
] as const;

/** Flattens conversations to the tickets CSV that `tandem-cx metrics` reads. */
export function toTicketsCsv(conversations: unknown[]): string {
  const rows = (conversations as Array<Record<string, unknown>>).map((c) => {
    const events = c.events as Array<{ type: string }>;
    const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: c.id,
      customerId: c.customerId,
      createdAt: c.createdAt,
      channel: c.channel,
      language: c.language,
      queue: c.queue,
      priority: c.priority,
      firstResponseAt: c.firstResponseAt,
      firstHumanResponseAt: c.firstHumanResponseAt,
      resolvedAt: c.resolvedAt,
      reopens: events.filter((e) => e.type === 'reopened').length,
      transfers: events.filter((e) => e.type === 'transferred').length,
      handedOff: c.handedOff,
      botOnly: c.botInvolved === true && c.humanInvolved === false,
      handleTime: c.handleTime,
      csat: (c.survey as { rating?: number } | undefined)?.rating,
    };
    return CSV_COLUMNS.map((k) =>
      values[k] === undefined || values[k] === null ? '' : String(values[k]),
    ).join(',');
  });
  return `${CSV_COLUMNS.join(',')}\n${rows.join('\n')}\n`;
}

export function writeSample(dir: string): void {
  const { conversations, agents, articles } = generateSample();
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'conversations.jsonl'),
    `${conversations.map((c) => JSON.stringify(c)).join('\n')}\n`,
  );
  writeFileSync(join(dir, 'tickets.csv'), toTicketsCsv(conversations));
  writeFileSync(join(dir, 'agents.json'), `${JSON.stringify(agents, null, 2)}\n`);
  writeFileSync(join(dir, 'knowledge.json'), `${JSON.stringify(articles, null, 2)}\n`);
  writeFileSync(join(dir, 'calendar.json'), `${JSON.stringify(SAMPLE_CALENDAR, null, 2)}\n`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = join(import.meta.dirname, '../../examples/data');
  writeSample(dir);
  console.log(`wrote synthetic sample data to ${dir}`);
}
