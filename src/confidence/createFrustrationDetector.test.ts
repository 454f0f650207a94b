import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import type { MessageInput } from '../model/schemas';
import { createFrustrationDetector } from './createFrustrationDetector';
import { detectFrustration } from './detectFrustration';

const t0 = Date.parse('2026-11-23T10:00:00Z');
const at = (minute: number) => new Date(t0 + minute * 60_000);

// Texts that trigger every per-message path: patterns in en/pl/zh, ALL CAPS, strong negative
// sentiment, repetition and rephrasing, bot fallbacks and bot repeats, a text over the 5,000
// characters the detector reads, and a lone surrogate.
const texts = [
  'Where is my refund for order 1234?',
  'Where is my refund for order 1234??',
  'where is the refund for my order 1234',
  'I already told you, this is useless',
  'THIS IS NOT WORKING AT ALL',
  'This is terrible, awful, the worst service ever',
  'thanks, that helped',
  'I will call my lawyer and cancel my account',
  'Już mówiłem, to bez sensu',
  'Dziękuję, działa',
  '我已经说过了，没用',
  '我已經說過了，沒用',
  '谢谢，问题解决了',
  "Sorry, I didn't understand. Could you rephrase?",
  'Refunds take 5 to 7 working days.',
  'ok',
  '',
  `${'word '.repeat(1_100)}I already told you`,
  `${'x'.repeat(4_999)}\ud83d\ude00 fine`,
  'broken \ud83d text',
  // conversation-reading signals: bot failures, corrections, restatements, anger, masked profanity
  'Unfortunately there are no results for order 1234.',
  'Are you sure? I really need my refund for order 1234',
  'No. Look again.',
  'No, thank you.',
  'f***ing useless garbage company!!!',
  'Niestety nie mamy takiego zamówienia.',
  'Nie o to mi chodzi, przecież pisałem',
  '抱歉，没有找到您的订单。',
  '不是这个，我说的是退款！！',
];

const message = fc.record({
  author: fc.constantFrom('customer', 'customer', 'bot', 'agent', 'system'),
  // Fixed texts, and random ones (Han, Latin, case, lone and paired surrogates) for the n-grams.
  text: fc.oneof(
    fc.constantFrom(...texts),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({
      unit: fc.constantFrom('a', 'b', 'A', '退', '款', '呢', ' ', '!', '\ud83d', '\ude00'),
      maxLength: 30,
    }),
  ),
  gap: fc.integer({ min: 0, max: 20 }),
  language: fc.option(fc.constantFrom('en', 'pl', 'zh', 'zh-Hant', 'de'), { nil: undefined }),
  intent: fc.option(fc.constantFrom('refund', 'address', 'fallback'), { nil: undefined }),
});
const conversation = fc.array(message, { maxLength: 24 }).map((items) => {
  let minute = 0;
  return items.map(({ author, text, gap, language, intent }, i): MessageInput => {
    minute += gap;
    return {
      id: `m${i}`,
      author,
      text,
      at: at(minute),
      ...(language ? { language } : {}),
      ...(intent ? { meta: { intent } } : {}),
    };
  });
});
const options = fc.record(
  {
    language: fc.constantFrom('en', 'pl', 'zh', 'es'),
    now: fc.integer({ min: 0, max: 600 }).map(at),
    loopTurns: fc.integer({ min: 2, max: 4 }),
    repeatSimilarity: fc.constantFrom(0.4, 0.6, 0.9),
  },
  { requiredKeys: [] },
);

describe('createFrustrationDetector', () => {
  it('gives exactly what detectFrustration gives, for any messages and options', () => {
    // One detector across all runs: its cache carries analyses from earlier conversations.
    const detector = createFrustrationDetector();
    fc.assert(
      fc.property(conversation, options, (messages, opts) => {
        expect(detector.detect(messages, opts)).toStrictEqual(detectFrustration(messages, opts));
        // a second call is answered from the cache
        expect(detector.detect(messages, opts)).toStrictEqual(detectFrustration(messages, opts));
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same results turn by turn (a growing conversation, windowed as handoff does)', () => {
    fc.assert(
      fc.property(
        conversation,
        options,
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 12 }),
        (messages, opts, maxCachedMessages, window) => {
          // A small cache: entries are evicted and analysed again mid-conversation.
          const detector = createFrustrationDetector({ maxCachedMessages });
          for (let n = 0; n <= messages.length; n++) {
            const seen = messages.slice(Math.max(0, n - window), n);
            expect(detector.detect(seen, opts)).toStrictEqual(detectFrustration(seen, opts));
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it('keys the analysis on the language a message is read in', () => {
    const detector = createFrustrationDetector();
    const m = [{ id: 'm1', author: 'customer' as const, text: 'Już mówiłem, to bez sensu', at: at(0) }];
    for (const language of ['pl', 'en', undefined, 'pl'])
      expect(detector.detect(m, language ? { language } : {})).toStrictEqual(
        detectFrustration(m, language ? { language } : {}),
      );
  });

  it('throws what detectFrustration throws for invalid messages and options', () => {
    const detector = createFrustrationDetector();
    const bad = [{ id: '', author: 'robot', text: 1, at: 'never' }] as unknown as MessageInput[];
    const errorOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e;
      }
      return undefined;
    };
    const a = errorOf(() => detector.detect(bad));
    const b = errorOf(() => detectFrustration(bad));
    expect(a).toBeInstanceOf(TandemError);
    expect((a as TandemError).issues).toEqual((b as TandemError).issues);
    const c = errorOf(() => detector.detect([], { loopTurns: 1 }));
    expect((c as TandemError).issues).toEqual(
      (errorOf(() => detectFrustration([], { loopTurns: 1 })) as TandemError).issues,
    );
  });

  it('rejects an invalid cache size with its path', () => {
    expect(() => createFrustrationDetector({ maxCachedMessages: 0 })).toThrow(/maxCachedMessages/);
  });
});
