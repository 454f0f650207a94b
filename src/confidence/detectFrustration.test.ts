import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import type { MessageInput } from '../model/schemas';
import { detectFrustration } from './detectFrustration';

const T0 = Date.UTC(2026, 10, 23, 10, 0);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);
let seq = 0;
const customer = (text: string, minute = 0, extra: Partial<MessageInput> = {}): MessageInput => ({
  id: `c${++seq}`,
  author: 'customer',
  text,
  at: at(minute),
  ...extra,
});
const bot = (text: string, minute = 0): MessageInput => ({
  id: `b${++seq}`,
  author: 'bot',
  text,
  at: at(minute),
});
const kinds = (messages: MessageInput[], options?: Parameters<typeof detectFrustration>[1]) =>
  detectFrustration(messages, options).signals.map((s) => s.kind);

describe('detectFrustration — pattern signals in each language', () => {
  it.each([
    // [language, kind, text]
    ['en', 'profanity', 'This is fucking ridiculous'],
    ['pl', 'profanity', 'Kurwa, znowu nie działa'],
    ['zh', 'profanity', '他妈的，又坏了'],
    ['zh', 'profanity', '他媽的，又壞了'],
    ['en', 'legal_threat', 'I will talk to my lawyer about this'],
    ['pl', 'legal_threat', 'Sprawę skieruję do sądu i zgłoszę do UOKiK'],
    ['zh', 'legal_threat', '我要找律师起诉你们'],
    ['zh', 'legal_threat', '我要找律師起訴你們'],
    ['en', 'churn_threat', 'I want to cancel my subscription today'],
    ['pl', 'churn_threat', 'Rezygnuję z waszych usług i odchodzę do konkurencji'],
    ['zh', 'churn_threat', '我要销户，再也不用你们了'],
    ['zh', 'churn_threat', '我要銷戶'],
    ['en', 'already_told', 'I already told you my order number'],
    ['pl', 'already_told', 'Już mówiłem, że numer zamówienia to 1234'],
    ['pl', 'already_told', 'Ile razy mam to powtarzać?'],
    ['en', 'already_told', 'How many times do I have to tell you?'],
    ['zh', 'already_told', '我已经说过了，订单号是1234'],
    ['zh', 'already_told', '我已經說過了'],
    ['en', 'useless_bot', 'This is useless'],
    ['pl', 'useless_bot', 'To jest bez sensu, strata czasu'],
    ['zh', 'useless_bot', '你这个机器人太笨了，根本没用'],
    ['zh', 'useless_bot', '機器人太笨了'],
  ])('%s %s: %s', (language, kind, text) => {
    const r = detectFrustration([customer(text)], { language });
    const signal = r.signals.find((s) => s.kind === kind);
    expect(signal).toBeDefined();
    expect(signal!.turn).toBe(1);
    expect(signal!.evidence.length).toBeGreaterThan(2);
    // also found without the option (language detected per message)
    expect(kinds([customer(text)])).toContain(kind);
  });

  it.each([
    ['en', 'Thanks, the agent was very helpful'],
    ['en', 'Can I cancel an order before it ships?'],
    ['pl', 'Dziękuję, wszystko działa'],
    ['pl', 'Sądzę, że paczka przyjdzie jutro'],
    ['en', 'I just sent you the screenshot'],
    ['en', 'How many times can I change my password?'],
    ['pl', 'Ile razy mogę zmienić hasło?'],
    ['zh', '谢谢，问题已经解决了'],
    ['zh', '请问怎么修改收货地址？'],
    ['zh', '我还没用过这个功能，怎么开通？'],
  ])('%s calm message has no pattern signal: %s', (language, text) => {
    const r = detectFrustration([customer(text)], { language });
    // a mildly negative word ("cancel") may add a small, continuous sentiment contribution
    expect(r.signals.filter((s) => s.kind !== 'negative_sentiment')).toEqual([]);
    expect(r.score).toBeLessThan(0.2);
    expect(r.level).toBe('none');
  });
});

describe('detectFrustration — conversation signals', () => {
  it('repeated question: turn and evidence (pinned shape)', () => {
    const r = detectFrustration([
      customer('Where is my refund for order 1234?'),
      bot('Refunds take 5 to 7 working days.'),
      customer('Where is my refund for order 1234??'),
    ]);
    expect(r.signals).toHaveLength(1);
    expect(r.signals[0]).toMatchObject({ kind: 'repeated_question', turn: 3 });
    expect(r.signals[0]!.evidence).toMatch(/repeats turn 1/);
    expect(r.score).toBeCloseTo(0.25, 4);
  });

  it.each([
    ['pl', 'Gdzie jest mój zwrot za zamówienie 1234?', 'Gdzie jest zwrot za moje zamówienie 1234?'],
    ['zh', '我的退款什么时候到账？', '我的退款到底什么时候到账'],
    ['zh', '我的退款什麼時候到賬？', '我的退款什么时候到账'],
  ])('repeated question in %s', (_language, first, second) => {
    const r = detectFrustration([customer(first), bot('...'), customer(second)]);
    expect(r.signals.map((s) => [s.kind, s.turn])).toContainEqual(['repeated_question', 3]);
  });

  it('same meta.intent counts as a repeat even when worded differently', () => {
    const r = detectFrustration([
      customer('where is my parcel', 0, { meta: { intent: 'track_order' } }),
      bot('It is on the way.'),
      customer('has it been shipped yet or not', 1, { meta: { intent: 'track_order' } }),
    ]);
    expect(r.signals[0]).toMatchObject({ kind: 'repeated_question', turn: 3 });
  });

  it('short answers ("yes", "ok") are not repeated questions', () => {
    expect(kinds([customer('yes'), bot('Shall I?'), customer('yes')])).toEqual([]);
  });

  it('no progress: the customer asks the same thing three times', () => {
    const r = detectFrustration([
      customer('How do I reset my password?'),
      bot('Here is an article about accounts.'),
      customer('How do I reset my password'),
      bot('Here is an article about logins.'),
      customer('how do i reset my password?!'),
    ]);
    expect(r.signals.filter((s) => s.kind === 'no_progress').map((s) => s.turn)).toEqual([5]);
  });

  it.each([
    ['en', "Sorry, I didn't understand. Could you rephrase?"],
    ['pl', 'Przepraszam, nie rozumiem. Czy możesz to sformułować inaczej?'],
    ['zh', '抱歉，我没听懂，请换个说法'],
  ])('no progress: three non-understanding bot replies in a row (%s)', (_language, reply) => {
    const r = detectFrustration([
      customer('a'),
      bot(reply),
      customer('b'),
      bot(reply),
      customer('c'),
      bot(reply),
    ]);
    expect(r.signals.filter((s) => s.kind === 'no_progress').map((s) => s.turn)).toEqual([6]);
  });

  it('ALL CAPS needs several cased letters and two words', () => {
    expect(kinds([customer('WHERE IS MY MONEY')])).toContain('all_caps');
    expect(kinds([customer('GDZIE SĄ MOJE PIENIĄDZE')])).toContain('all_caps');
    expect(kinds([customer('OK')])).not.toContain('all_caps');
    expect(kinds([customer('My PIN and IBAN are fine')])).not.toContain('all_caps');
    expect(kinds([customer('我的钱在哪里')])).not.toContain('all_caps');
  });

  it.each([
    [
      'en',
      [
        'Hi, I have a question about my bill',
        'It still shows the wrong amount',
        'This is terrible, I am very angry',
      ],
    ],
    [
      'pl',
      ['Dzień dobry, mam pytanie o fakturę', 'Kwota nadal jest błędna', 'To jest okropne, jestem wściekły'],
    ],
    ['zh', ['你好，我想问一下账单', '金额还是不对，有点失望', '太糟糕了，我非常生气']],
  ])('falling sentiment trend (%s)', (_language, texts) => {
    const r = detectFrustration(texts.map((t, i) => customer(t, i)));
    const trend = r.signals.find((s) => s.kind === 'negative_trend');
    expect(trend).toMatchObject({ turn: 3 });
    expect(trend!.evidence).toMatch(/fell from/);
    expect(r.sentiment).toHaveLength(3);
  });

  it('long wait: reply after the threshold, or unanswered at `now`', () => {
    const r = detectFrustration([customer('hello?', 0), bot('Hi!', 12)]);
    expect(r.signals).toMatchObject([{ kind: 'long_wait', turn: 2 }]);
    expect(r.signals[0]!.evidence).toMatch(/12 min/);
    expect(kinds([customer('hello?', 0), bot('Hi!', 2)])).toEqual([]);
    expect(kinds([customer('hello?', 0)], { now: at(6) })).toEqual(['long_wait']);
    expect(kinds([customer('hello?', 0)], { now: at(6), longWait: '10m' })).toEqual([]);
  });

  it('score is the noisy-OR of the weights; weights are configurable', () => {
    const r = detectFrustration([customer('I already told you, this is useless')]);
    expect(r.signals.map((s) => [s.kind, s.weight])).toEqual([
      ['already_told', 0.45],
      ['useless_bot', 0.45],
      ['negative_sentiment', r.signals[2]!.weight],
    ]);
    expect(r.score).toBeCloseTo(1 - 0.55 * 0.55 * (1 - r.signals[2]!.weight), 6);
    const w = detectFrustration([customer('I already told you')], { weights: { already_told: 0.9 } });
    expect(w.score).toBeCloseTo(0.9, 4);
    expect(w.level).toBe('high');
  });

  it('empty conversation: score 0, no signals', () => {
    expect(detectFrustration([])).toEqual({ score: 0, level: 'none', signals: [], sentiment: [] });
  });

  it('invalid messages and options are INVALID_INPUT with paths', () => {
    try {
      detectFrustration(
        [{ id: 'x', author: 'robot', text: 'hi', at: 'yesterday' }] as unknown as MessageInput[],
        {
          repeatSimilarity: 2,
        },
      );
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).issues.map((i) => i.path)).toEqual(['messages[0].author', 'messages[0].at']);
    }
    expect(() => detectFrustration([], { repeatSimilarity: 2 })).toThrow(/options.repeatSimilarity/);
  });

  it('handles a 1 MB message in bounded work (cut to 5,000 characters per message)', () => {
    const r = detectFrustration([customer('this is useless '.repeat(70_000))]);
    expect(r.signals.map((s) => s.kind)).toContain('useless_bot');
  });
});

describe('detectFrustration — properties', () => {
  const texts = [
    'Where is my refund?',
    'Where is my refund??',
    'I already told you',
    'THIS IS NOT WORKING AT ALL',
    'thanks, that helped',
    'I will call my lawyer',
    'Już mówiłem, to bez sensu',
    'Dziękuję, działa',
    '我已经说过了，没用',
    '谢谢，问题解决了',
    "Sorry, I didn't understand. Could you rephrase?",
    'ok',
  ];
  const message = fc.record({
    author: fc.constantFrom('customer', 'bot', 'agent', 'system'),
    text: fc.constantFrom(...texts),
    gap: fc.integer({ min: 0, max: 20 }),
  });
  const conversation = fc.array(message, { maxLength: 12 }).map((items) => {
    let minute = 0;
    return items.map(({ author, text, gap }, i) => {
      minute += gap;
      return { id: `m${i}`, author, text, at: at(minute) } as MessageInput;
    });
  });

  it('score is in [0, 1] and every signal points at a message of the conversation', () => {
    fc.assert(
      fc.property(conversation, (messages) => {
        const r = detectFrustration(messages);
        return (
          r.score >= 0 &&
          r.score <= 1 &&
          r.signals.every((s) => messages[s.turn - 1]?.id === s.messageId && s.evidence.length > 0)
        );
      }),
      { numRuns: 150 },
    );
  });

  it('score is the noisy-OR of the reported weights (monotone in every piece of evidence)', () => {
    fc.assert(
      fc.property(conversation, (messages) => {
        const r = detectFrustration(messages);
        const keep = r.signals.reduce((k, s) => k * (1 - s.weight), 1);
        return Math.abs(r.score - (1 - keep)) < 1e-5 && r.signals.every((s) => s.weight > 0 && s.weight <= 1);
      }),
      { numRuns: 150 },
    );
  });

  it('a customer message never lowers the score of the signals in it: appending anger raises it', () => {
    fc.assert(
      fc.property(
        conversation,
        fc.constantFrom('This is useless!!!', 'F***ING RIDICULOUS', '气死我了！！！'),
        (messages, angry) => {
          const base = [...messages, { id: 'last', author: 'customer' as const, text: 'ok', at: at(999) }];
          const worse = [...messages, { id: 'last', author: 'customer' as const, text: angry, at: at(999) }];
          return detectFrustration(worse).score >= detectFrustration(base).score;
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('detectFrustration — reading the conversation (bot failures, corrections, anger)', () => {
  it('a correction right after a failed bot reply: bot_failure + correction, with turns and evidence', () => {
    const r = detectFrustration([
      customer('I need a train to Cambridge on Tuesday'),
      bot('Unfortunately there are no trains on Tuesday.'),
      customer('Are you sure? I really need to leave Tuesday.'),
    ]);
    const failure = r.signals.find((s) => s.kind === 'bot_failure');
    const correction = r.signals.find((s) => s.kind === 'correction');
    expect(failure).toMatchObject({ turn: 2, weight: 0.1 });
    expect(failure!.evidence).toMatch(/unfortunately/i);
    expect(correction).toMatchObject({ turn: 3 });
    expect(correction!.evidence).toMatch(/after the bot's failed reply at turn 2/);
    // stronger after a failure than after a helpful answer
    const helpful = detectFrustration([
      customer('I need a train to Cambridge on Tuesday'),
      bot('The 10:15 train leaves Tuesday from platform 2.'),
      customer('Are you sure? I really need to leave Tuesday.'),
    ]);
    expect(helpful.signals.find((s) => s.kind === 'correction')!.weight).toBeLessThan(correction!.weight);
    expect(r.score).toBeGreaterThan(helpful.score);
  });

  it.each([
    ['en', 'No, I said the east part of town.'],
    ['en', "That's not what I asked."],
    ['pl', 'Nie o to mi chodzi, przecież pisałem, że we wtorek.'],
    ['pl', 'Jest pan pewien? Naprawdę potrzebuję na wtorek.'],
    ['zh', '不是这个，我说的是周二的火车'],
    ['zh', '你确定吗？我一定要周二走'],
  ])('%s correction after a failure: %s', (language, text) => {
    const failure =
      language === 'pl'
        ? 'Niestety nie mamy takich połączeń.'
        : language === 'zh'
          ? '抱歉，没有找到符合的车次。'
          : 'Sorry, there are no results.';
    const r = detectFrustration([customer('hello there, a train please'), bot(failure), customer(text)], {
      language,
    });
    expect(r.signals.map((s) => s.kind)).toEqual(expect.arrayContaining(['bot_failure', 'correction']));
  });

  it.each([
    ['en', "Wasn't a fan of that one."],
    ['en', 'Not a fan of that suggestion.'],
    ['en', 'Are you still there?'],
    ['pl', 'To nie dla mnie, nie podoba mi się.'],
    ['zh', '不喜欢这个，不是我想要的'],
  ])('%s turning down the bot is a weak correction: %s', (language, text) => {
    const r = detectFrustration(
      [customer('something to watch tonight?'), bot('How about "Up"?'), customer(text)],
      { language },
    );
    expect(r.signals.find((s) => s.kind === 'correction')?.weight).toBeCloseTo(0.35 * 0.6, 6);
  });

  it('"no, thank you" is not a correction; a bare "no" after a failure is', () => {
    const failed = bot('I am sorry, I cannot find that.');
    expect(
      kinds([customer('find my booking please'), failed, customer('No, thank you, that is all.')]),
    ).not.toContain('correction');
    expect(kinds([customer('find my booking please'), failed, customer('No. Look again.')])).toContain(
      'correction',
    );
    expect(
      kinds([customer('find my booking please'), bot('Anything else?'), customer('No, all good')]),
    ).not.toContain('correction');
  });

  it.each([
    ['en', 'f***ing useless garbage company'],
    ['en', 'You useless piece of s***, answer me'],
    ['pl', 'To jest k***a jakiś żart'],
    ['zh', 'TMD，还没到'],
    ['zh', '尼玛的，钱扣了货没到'],
  ])('masked profanity is profanity (%s): %s', (language, text) => {
    expect(kinds([customer(text)], { language })).toContain('profanity');
  });

  it('one strongly angry message reaches the default offer threshold (0.6)', () => {
    for (const text of [
      'Absolutely ridiculous. I am so angry. Worst service ever!!!',
      'WHERE IS MY MONEY?!?! I AM SICK OF THIS',
      'Jestem wściekły, najgorsza obsługa w życiu!!!',
      '气死我了！垃圾服务！！！',
    ])
      expect(detectFrustration([customer(text)]).score).toBeGreaterThanOrEqual(0.6);
  });

  it('negative sentiment is continuous: more negative, higher score, few ties', () => {
    const scores = [
      'I am a bit unhappy',
      'This is bad',
      'This is terrible and awful',
      'I hate this, it is horrible and awful',
    ].map((t) => detectFrustration([customer(t)], { language: 'en' }).score);
    expect(new Set(scores).size).toBe(4);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });

  it('older signals fade per later customer message (recency 0.6)', () => {
    const r = detectFrustration([
      customer('I already told you'),
      bot('OK.'),
      customer('fine'),
      bot('OK.'),
      customer('fine'),
    ]);
    expect(r.signals.find((s) => s.kind === 'already_told')!.weight).toBeCloseTo(0.45 * 0.36, 6);
  });

  it('booking language does not fire churn_threat or repeated_question', () => {
    const r = detectFrustration([
      customer('I am leaving on Tuesday and need a train to Cambridge.'),
      bot('There are 5 trains on Tuesday. When would you like to arrive?'),
      customer('I need to arrive by 10:00 on Tuesday, leaving from London.'),
    ]);
    expect(r.signals.map((s) => s.kind)).not.toContain('churn_threat');
  });
});
