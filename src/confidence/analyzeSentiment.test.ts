import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { analyzeSentiment } from './analyzeSentiment';
import { CHINESE_HELDOUT, CHINESE_SENTENCES } from './fixtures/chinese';
import { POLISH_HELDOUT, POLISH_SENTENCES } from './fixtures/polish';

const en = (text: string) => analyzeSentiment(text, { language: 'en' });

describe('analyzeSentiment — English (VADER)', () => {
  // Source: the demo output in the vaderSentiment README (cjhutto/vaderSentiment, version 3.3.2).
  it.each([
    ['VADER is smart, handsome, and funny.', 0.8316],
    ['VADER is smart, handsome, and funny!', 0.8439],
    ['VADER is very smart, handsome, and funny.', 0.8545],
    ['VADER is VERY SMART, handsome, and FUNNY.', 0.9227],
    ['VADER is VERY SMART, handsome, and FUNNY!!!', 0.9342],
    ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', 0.9469],
    ['VADER is not smart, handsome, nor funny.', -0.7424],
    ['The book was good.', 0.4404],
    ["At least it isn't a horrible book.", 0.431],
    ['The book was only kind of good.', 0.3832],
    ['The plot was good, but the characters are uncompelling and the dialog is not great.', -0.7042],
    ['Today SUX!', -0.5461],
    ["Today only kinda sux! But I'll get by, lol", 0.5249],
    ['Make sure you :) or :D today!', 0.8633],
    ['Not bad at all', 0.431],
  ])('%s → %d (reference)', (text, compound) => {
    expect(en(text).compound).toBeCloseTo(compound, 4);
  });

  it('pins the DESIGN example: "The service was great!" → 0.6588, positive', () => {
    expect(analyzeSentiment('The service was great!')).toMatchObject({
      compound: 0.6588,
      label: 'positive',
      language: 'en',
      fallback: false,
      truncated: false,
    });
  });

  it('negation flips and scales by −0.74 (great 3.1 → −2.294 → −0.5096)', () => {
    expect(en('The service was not great.').compound).toBe(-0.5096);
    expect(en("The service wasn't great").compound).toBe(-0.5096);
    expect(en('The service was not great.').label).toBe('negative');
  });

  it('"never so" intensifies ×1.25 instead of negating; "without doubt" does not negate', () => {
    expect(en('It was never so good').compound).toBe(0.6626);
    expect(en('Without doubt it is good').compound).toBeGreaterThan(0);
    expect(en('It is without good').compound).toBeLessThan(0);
  });

  it('"no" before a lexicon word negates it ("no problems" is positive)', () => {
    expect(en('there are no problems').compound).toBe(0.3089);
  });

  it('tandem-cx deviations: "nobody" negates; an emoticon is not negated by the words before it', () => {
    expect(en('nobody helps').compound).toBeLessThan(0);
    expect(en('This is NOT what I ordered and nobody helps :(').compound).toBeLessThan(-0.5);
    expect(en('not :)').compound).toBe(en(':)').compound);
  });

  it('"least" negates except in "at least" / "very least"', () => {
    expect(en('least good').compound).toBe(-0.3412);
    expect(en('at least good').compound).toBe(0.4404);
  });

  it('"but": words before ×0.5, words after ×1.5', () => {
    // good 1.9 × 0.5 = 0.95; terrible −2.1 × 1.5 = −3.15; sum −2.2 → −0.4939 (without "but": −0.0516)
    expect(en('good but terrible').compound).toBe(-0.4939);
    expect(en('good terrible').compound).toBe(-0.0516);
    expect(en('good terrible').compound).toBe(en('terrible good').compound);
  });

  it('boosters add 0.293 (scaled 0.95 / 0.9 with distance); dampeners subtract', () => {
    // great 3.1 + 0.293 = 3.393 → 0.6588 … without "!" it is 0.6590
    expect(en('very great').compound).toBe(0.659);
    expect(en('slightly great').compound).toBeLessThan(en('great').compound);
  });

  it('ALL CAPS adds 0.733 only when the text mixes cases', () => {
    expect(en('GREAT service').compound).toBe(0.7034);
    expect(en('great service').compound).toBe(0.6249);
    expect(en('GREAT SERVICE').compound).toBe(0.6249);
  });

  it('"!" adds 0.292 each up to 4; "?" adds 0.18 each for 2–3, 0.96 for 4+', () => {
    expect(en('Great!!!!').compound).toBe(en('Great!!!!!!!!').compound);
    expect(en('Great!!!').compound).toBeLessThan(en('Great!!!!').compound);
    expect(en('Great?').compound).toBe(en('Great').compound);
    expect(en('Great???').compound).toBe(0.6848);
    expect(en('Great????').compound).toBe(0.7236);
  });

  it('scores emoticons and emoji', () => {
    expect(en(':)').label).toBe('positive');
    expect(en('thanks 😊').compound).toBeGreaterThan(en('thanks').compound);
    expect(en('my card is still missing 😡').label).toBe('negative');
    expect(en('👍').label).toBe('positive');
  });

  it('special-case idioms replace the valence', () => {
    expect(en('that product is the bomb').label).toBe('positive');
    expect(en('this update is yeah right').compound).toBe(-0.4588);
  });
});

describe('analyzeSentiment — Polish and Chinese', () => {
  it.each([
    ['Obsługa była naprawdę świetna, dziękuję!', 'positive'],
    ['Paczka nie dotarła, jestem bardzo niezadowolony.', 'negative'],
    ['Nic nie działa, mam dość!', 'negative'],
    ['Żadnych problemów, wszystko działa', 'positive'],
    ['Kiedy przyjdzie moja paczka?', 'neutral'],
    ['To nie jest dobre rozwiązanie', 'negative'],
    ['Konsultant był niemiły', 'negative'],
    // negative concord: the earlier "nie" must not flip the phrase "nikt nie" back to positive
    ['Karta nie doszła i nikt nie odpowiada', 'negative'],
  ] as const)('pl: %s → %s', (text, label) => {
    expect(analyzeSentiment(text, { language: 'pl' }).label).toBe(label);
  });

  it.each([
    ['客服态度太差了，非常失望', 'negative'],
    ['服务很好，谢谢！', 'positive'],
    ['服務很好，謝謝！', 'positive'],
    ['我想查询一下订单状态', 'neutral'],
    ['不是很好', 'negative'],
    ['没问题，谢谢', 'positive'],
    ['你好，请问怎么退货？', 'neutral'],
    ['我还没用过这个功能', 'neutral'],
    ['東西壞了，太讓人失望了', 'negative'],
  ] as const)('zh: %s → %s', (text, label) => {
    expect(analyzeSentiment(text, { language: 'zh' }).label).toBe(label);
  });

  it('traditional and simplified score the same', () => {
    expect(analyzeSentiment('服務態度很差，非常失望', { language: 'zh-Hant' }).compound).toBe(
      analyzeSentiment('服务态度很差，非常失望', { language: 'zh-Hans' }).compound,
    );
  });

  it('detects the language when none is given', () => {
    expect(analyzeSentiment('Dzień dobry, moja karta nie działa').language).toBe('pl');
    expect(analyzeSentiment('我的银行卡被盗了').language).toBe('zh');
    expect(analyzeSentiment('My card does not work').language).toBe('en');
  });
});

describe('analyzeSentiment — review rules (Polish and Chinese)', () => {
  const pl = (text: string) => analyzeSentiment(text, { language: 'pl' }).compound;
  const zh = (text: string) => analyzeSentiment(text, { language: 'zh' }).compound;

  it('pl: words typed without diacritics score like the written ones', () => {
    expect(pl('Lekarz byl swietny')).toBe(pl('Lekarz był świetny'));
    // bare "zle" is both "źle" (badly) and "złe" (bad): negative either way
    expect(pl('zle')).toBeLessThan(-0.4);
    expect(pl('Lekarz zle dobral leki')).toBeLessThan(0);
  });

  it('pl: bare forms are read through the folded tables only in text typed without diacritics', () => {
    // "obraz" is a picture; only on a bare keyboard could it stand for "obraź" (insult)
    expect(pl('Obraz w badaniu był wyraźny')).toBe(0);
    expect(pl('Strategia leczenia została zmieniona')).toBe(0);
    expect(pl('Lekarz zle dobral leki')).toBeLessThan(0);
  });

  it('pl: "dzięki" thanks at the end of a clause or with "za"; before a noun it is "owing to"', () => {
    expect(pl('Dzięki!')).toBeGreaterThan(0.05);
    expect(pl('Dzięki za pomoc')).toBeGreaterThan(0.05);
    expect(pl('Dzięki tej metodzie badanie jest krótsze')).toBe(0);
  });

  it('pl: "nie" reaches across a copula but not across a verb to its object', () => {
    expect(pl('To nie jest dobre')).toBeLessThan(0);
    expect(pl('Nie spotkałam lepszego lekarza')).toBeGreaterThan(0);
  });

  it('pl: a negation that negates no lexicon word is a weak negative cue; "nie tylko" is not', () => {
    expect(pl('Lekarz mnie nie zbadał')).toBeCloseTo(-0.2263, 4); // −0.9 → x/√(x²+15)
    expect(pl('Lekarz nie tylko zbadał')).toBe(0);
  });

  it('pl: attributed reported speech is neutral; a reporting verb elsewhere is not a marker', () => {
    expect(pl('„Ta terapia jest bardzo skuteczna i bezpieczna” – podkreśliła prof. Nowak.')).toBe(0);
    expect(pl('Jak poinformował rzecznik, leczenie było nieskuteczne.')).toBe(0);
    expect(pl('„Nowy lek jest bezpieczny i bardzo skuteczny.')).toBe(0);
    // only the reported sentence is neutral; "prof." does not close a sentence
    expect(pl('Jak mówi prof. Nowak, terapia jest bardzo skuteczna.')).toBe(0);
    expect(pl('Lekarz był wspaniały. „Nic już nie pomoże” – powiedział prof. Nowak.')).toBe(
      pl('Lekarz był wspaniały.'),
    );
    expect(pl('Terapia jest bardzo skuteczna i bezpieczna.')).toBeGreaterThan(0.05);
    expect(pl('Lekarka powiedziała, że leczenie było nieskuteczne.')).toBeLessThan(-0.05);
  });

  it('pl: "super" before a sentiment word intensifies it; a booster is not read as a lexicon word', () => {
    expect(pl('Pani doktor super miła')).toBeGreaterThan(pl('Pani doktor miła'));
    expect(pl('strasznie miła')).toBeGreaterThan(pl('miła'));
  });

  it('zh: 好 before a sentiment word is "so"; degree complements boost the word before them', () => {
    expect(zh('好卡')).toBeLessThan(zh('卡'));
    expect(zh('难吃死了')).toBeLessThan(zh('难吃'));
    expect(zh('好新鲜')).toBeGreaterThan(zh('新鲜'));
  });

  it('zh: clause-initial 就是 and concessive 虽然 weigh the later clause', () => {
    expect(zh('质量还行，就是太贵了')).toBeLessThan(0);
    expect(zh('虽然有点贵，质量很好')).toBeGreaterThan(0);
    expect(zh('这就是好东西')).toBeGreaterThan(0);
  });

  it('zh: 一般 judges only as a predicate; 请问 makes a clause an inquiry; 别人 does not negate', () => {
    expect(zh('质量一般')).toBeLessThan(0);
    expect(zh('快递一般几天能到？')).toBe(0);
    expect(zh('请问这个尺码偏大还是偏小？')).toBeGreaterThan(-0.05);
    expect(zh('比别人贵')).toBeLessThan(0);
  });

  it('zh: 不太好 is milder than 太不好; 吧 softens', () => {
    expect(zh('不太好')).toBeLessThan(0);
    expect(zh('太不好')).toBeLessThan(zh('不太好'));
    expect(zh('还行吧')).toBeLessThan(zh('还行'));
    expect(zh('还行吧')).toBeGreaterThan(0);
  });
});

describe('analyzeSentiment — bad input', () => {
  it('Polish and Chinese: empty, 1 MB, lone surrogates, astral characters and emoji stay defined', () => {
    for (const language of ['pl', 'zh']) {
      expect(analyzeSentiment('', { language })).toMatchObject({ compound: 0, label: 'neutral', language });
      const big = analyzeSentiment(
        language === 'pl' ? 'Świetna obsługa! '.repeat(70_000) : '服务很好！'.repeat(220_000),
        {
          language,
        },
      );
      expect(big).toMatchObject({ truncated: true, label: 'positive' });
      const odd = analyzeSentiment(`\ud800好\udc00 𠀀𠀁 😡 ${'，'.repeat(50)} ok`, { language });
      expect(Number.isFinite(odd.compound)).toBe(true);
      expect(Math.abs(odd.compound)).toBeLessThanOrEqual(1);
    }
  });

  it('any string gives a compound in −1..1 and shares that sum to 1 or 0 (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 200 }),
        fc.constantFrom('en', 'pl', 'zh'),
        (text, language) => {
          const r = analyzeSentiment(text, { language });
          const sum = r.positive + r.negative + r.neutral;
          return Math.abs(r.compound) <= 1 && (sum === 0 || Math.abs(sum - 1) < 0.01);
        },
      ),
      { numRuns: 300, seed: 13 },
    );
  });

  it('empty and whitespace-only text is neutral with all shares 0', () => {
    expect(analyzeSentiment('')).toEqual({
      compound: 0,
      positive: 0,
      negative: 0,
      neutral: 0,
      label: 'neutral',
      language: 'en',
      fallback: false,
      truncated: false,
    });
    expect(analyzeSentiment('   \n ').compound).toBe(0);
  });

  it('caps 1 MB of text at maxLength and reports truncated', () => {
    const big = 'The service was great! '.repeat(50_000); // ≈ 1.15 MB
    const r = analyzeSentiment(big, { language: 'en' });
    expect(r.truncated).toBe(true);
    expect(r.label).toBe('positive');
    expect(analyzeSentiment('great service', { maxLength: 5 }).truncated).toBe(true);
    expect(analyzeSentiment('great', { maxLength: 5 }).truncated).toBe(false);
  });

  it('reads lone surrogates as U+FFFD without throwing', () => {
    const broken = `great \ud800 service \udc00!`;
    const r = analyzeSentiment(broken, { language: 'en' });
    expect(r.label).toBe('positive');
    expect(analyzeSentiment('\udfff\ud83d').compound).toBe(0);
  });

  it('a well-formed language without a lexicon falls back to English rules, flagged', () => {
    const r = analyzeSentiment('great :)', { language: 'de' });
    expect(r).toMatchObject({ language: 'en', fallback: true, unsupportedLanguage: 'de' });
    expect(analyzeSentiment('great', { language: 'und' }).fallback).toBe(false);
  });

  it('a malformed language tag or a non-string text is INVALID_INPUT', () => {
    expect(() => analyzeSentiment('hi', { language: 'not a tag' })).toThrow(TandemError);
    try {
      analyzeSentiment('hi', { language: 'xx_1', maxLength: -1 });
    } catch (e) {
      expect((e as TandemError).code).toBe('INVALID_INPUT');
      expect((e as TandemError).issues.map((i) => i.path)).toEqual(['options.language', 'options.maxLength']);
    }
    expect(() => analyzeSentiment(42 as unknown as string)).toThrow(/text must be a string/);
  });
});

describe('analyzeSentiment — labelled fixtures (project-written, see fixtures/)', () => {
  const accuracy = (set: readonly (readonly [string, string])[], language: string) =>
    set.filter(([text, label]) => analyzeSentiment(text, { language }).label === label).length / set.length;

  // Regression guards; the measured figures are reported by bench/confidence.ts.
  it('Polish: ≥ 95% on the 215 tuning sentences, ≥ 90% on the 36 held-out ones', () => {
    expect(POLISH_SENTENCES.length).toBeGreaterThanOrEqual(200);
    expect(accuracy(POLISH_SENTENCES, 'pl')).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(POLISH_HELDOUT, 'pl')).toBeGreaterThanOrEqual(0.9);
  });

  it('Chinese: ≥ 95% on the 216 tuning sentences, ≥ 90% on the 36 held-out ones', () => {
    expect(CHINESE_SENTENCES.length).toBeGreaterThanOrEqual(200);
    expect(accuracy(CHINESE_SENTENCES, 'zh')).toBeGreaterThanOrEqual(0.95);
    expect(accuracy(CHINESE_HELDOUT, 'zh')).toBeGreaterThanOrEqual(0.9);
  });
});
