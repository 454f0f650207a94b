import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { createFeatureBuffer, extractFeatures, idfOf, weighFeatures } from './features';
import { loadTextClassifier } from './loadTextClassifier';
import { trainTextClassifier } from './trainTextClassifier';

// A small hand-written support set: three intents in English, Polish and Chinese.
const EXAMPLES = [
  ['where is my new card', 'card'],
  ['my card has not arrived yet', 'card'],
  ['card still not here after two weeks', 'card'],
  ['when will the card be delivered', 'card'],
  ['gdzie jest moja nowa karta', 'card'],
  ['karta jeszcze nie dotarła', 'card'],
  ['我的卡还没有到', 'card'],
  ['新卡什么时候寄到', 'card'],
  ['I want a refund', 'refund'],
  ['refund my money please', 'refund'],
  ['how do I get my money back', 'refund'],
  ['please return the payment for the cancelled order', 'refund'],
  ['chcę zwrot pieniędzy', 'refund'],
  ['proszę o zwrot za zamówienie', 'refund'],
  ['我要退款', 'refund'],
  ['请把钱退给我', 'refund'],
  ['I forgot my password', 'password'],
  ['cannot log in, password reset please', 'password'],
  ['how do I change my password', 'password'],
  ['my login does not work', 'password'],
  ['zapomniałem hasła', 'password'],
  ['jak zmienić hasło do konta', 'password'],
  ['忘记密码了', 'password'],
  ['怎么修改登录密码', 'password'],
].map(([text, label]) => ({ text: text!, label: label! }));

function errorOf(fn: () => unknown): TandemError {
  try {
    fn();
  } catch (error) {
    if (error instanceof TandemError) return error;
    throw error;
  }
  throw new Error('expected a TandemError');
}

describe('trainTextClassifier', () => {
  const clf = trainTextClassifier(EXAMPLES, { seed: 1 });

  it('learns the labels, sorted, and predicts held-out phrasings in three languages', () => {
    expect(clf.labels).toEqual(['card', 'password', 'refund']);
    expect(clf.predict('my new card never came').label).toBe('card');
    expect(clf.predict('give me a refund').label).toBe('refund');
    expect(clf.predict('reset my password').label).toBe('password');
    expect(clf.predict('nie dotarła moja karta').label).toBe('card');
    expect(clf.predict('zwrot pieniędzy proszę').label).toBe('refund');
    expect(clf.predict('密码忘记了怎么办').label).toBe('password');
    expect(clf.predict('退款').label).toBe('refund');
  });

  it('returns calibrated scores for every label that sum to 1, confidence = scores[label]', () => {
    const p = clf.predict('when does my card arrive');
    expect(Object.keys(p.scores).sort()).toEqual(['card', 'password', 'refund']);
    expect(Object.values(p.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(p.confidence).toBe(p.scores[p.label]);
    expect(p.confidence).toBeGreaterThan(1 / 3);
  });

  it('keeps labels named like Object.prototype members (__proto__, constructor) in scores', () => {
    const named = { card: '__proto__', refund: 'constructor', password: 'toString' } as Record<
      string,
      string
    >;
    const odd = trainTextClassifier(
      EXAMPLES.map((e) => ({ text: e.text, label: named[e.label]! })),
      { seed: 1 },
    );
    for (const model of [odd, loadTextClassifier(JSON.parse(JSON.stringify(odd.toJSON())))]) {
      const p = model.predict('when does my card arrive');
      expect(p.label).toBe('__proto__');
      expect(Object.keys(p.scores).sort()).toEqual(['__proto__', 'constructor', 'toString']);
      expect(Object.getPrototypeOf(p.scores)).toBe(Object.prototype);
      expect(p.confidence).toBe(Object.getOwnPropertyDescriptor(p.scores, '__proto__')?.value);
      expect(Object.values(p.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('reads characters inside words: a typo still finds the intent', () => {
    expect(clf.predict('pasword resett').label).toBe('password');
    expect(clf.predict('refnud').label).toBe('refund');
  });

  it('gives the class prior for text with no known feature (and for empty text)', () => {
    const empty = clf.predict('');
    const unknown = clf.predict('zzqx');
    expect(Object.values(empty.scores).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(empty.scores).toEqual(clf.predict('   ').scores);
    expect(unknown.confidence).toBeLessThan(0.6);
  });

  it('explains a prediction by its strongest features', () => {
    const p = clf.predict('a refund please', { explain: true });
    expect(p.label).toBe('refund');
    expect(p.trace!.features.length).toBeGreaterThan(0);
    expect(p.trace!.features.length).toBeLessThanOrEqual(10);
    expect(p.trace!.features[0]!.contribution).toBeGreaterThan(0);
    expect(p.trace!.features.map((f) => f.feature).join(' ')).toMatch(/word:refund|char: ?(ref|efu|fun|und)/);
    const c = p.trace!.features.map((f) => Math.abs(f.contribution));
    expect(c).toEqual([...c].sort((a, b) => b - a));
    // Explaining does not change the prediction.
    const { trace: _trace, ...plain } = p;
    expect(plain).toEqual(clf.predict('a refund please'));
  });

  it('same seed and data → the same model JSON byte for byte; another seed → another model', () => {
    const again = trainTextClassifier(EXAMPLES, { seed: 1 });
    expect(JSON.stringify(again.toJSON())).toBe(JSON.stringify(clf.toJSON()));
    const other = trainTextClassifier(EXAMPLES, { seed: 2 });
    expect(JSON.stringify(other.toJSON())).not.toBe(JSON.stringify(clf.toJSON()));
  });

  it('weights rare labels up with balanced class weights', () => {
    const skewed = [
      ...Array.from({ length: 30 }, (_, i) => ({
        text: `question about invoices number ${i}`,
        label: 'billing',
      })),
      { text: 'the app crashes on start', label: 'bug' },
      { text: 'app crash when opening', label: 'bug' },
    ];
    const balanced = trainTextClassifier(skewed, { calibration: 'none' });
    const unweighted = trainTextClassifier(skewed, { calibration: 'none', classWeight: 'none' });
    expect(balanced.predict('the app crashes').scores.bug!).toBeGreaterThan(
      unweighted.predict('the app crashes').scores.bug!,
    );
  });

  it('weighs features by tf-idf: a word in every text counts less than a rare one', () => {
    const words = { words: true, wordBigrams: false, charNgrams: null, han: true, hashBits: 20 } as const;
    const buffer = createFeatureBuffer(true);
    const n = extractFeatures('please refund refund', words, buffer);
    expect(buffer.names).toEqual(expect.arrayContaining(['word:pleas', 'word:refund']));
    const at = (name: string) => buffer.names!.indexOf(name);
    expect(buffer.values[at('word:refund')]).toBe(2); // raw counts before weighing
    // "please" in all 4 training texts, "refund" in 1: idf 1 and ln(5/2) + 1.
    weighFeatures(buffer.values, n, 'tfidf', (i) => idfOf(i === at('word:pleas') ? 4 : 1, 4));
    const refund = (1 + Math.log(2)) * (Math.log(5 / 2) + 1);
    expect(buffer.values[at('word:refund')]! / buffer.values[at('word:pleas')]!).toBeCloseTo(refund, 12);
    expect(buffer.values[0]! ** 2 + buffer.values[1]! ** 2).toBeCloseTo(1, 12);
    expect(clf.toJSON().features.weighting).toBe('tfidf');
    expect(clf.toJSON().documents).toBe(EXAMPLES.length);
    const counts = trainTextClassifier(EXAMPLES, { features: { weighting: 'count' } });
    expect(counts.toJSON().features.weighting).toBe('count');
    expect(counts.predict('give me a refund').label).toBe('refund');
  });

  it('naive Bayes scaling (nbScaling) trains another model that still round-trips', () => {
    const scaled = trainTextClassifier(EXAMPLES, { seed: 1, nbScaling: 0.5 });
    expect(JSON.stringify(scaled.toJSON())).not.toBe(JSON.stringify(clf.toJSON()));
    expect(scaled.predict('give me a refund').label).toBe('refund');
    const back = loadTextClassifier(JSON.parse(JSON.stringify(scaled.toJSON())));
    expect(back.predict('karta nie dotarła').scores).toEqual(scaled.predict('karta nie dotarła').scores);
    expect(errorOf(() => trainTextClassifier(EXAMPLES, { nbScaling: 2 })).path).toBe('options.nbScaling');
  });

  it('fits a temperature on a held-out fold when there are enough examples', () => {
    const many = Array.from({ length: 160 }, (_, i) => [
      { text: `card ${i} has not arrived`, label: 'card' },
      { text: `refund order ${i} please`, label: 'refund' },
    ]).flat();
    expect(trainTextClassifier(many).toJSON().temperature).not.toBe(1);
    expect(trainTextClassifier(many, { calibration: 'none' }).toJSON().temperature).toBe(1);
    expect(clf.toJSON().temperature).toBe(1); // 24 examples: too few to hold any out
  });

  it.each([
    [[], 'examples', /no training examples/],
    [
      [
        { text: 'a', label: 'x' },
        { text: 'b', label: 'x' },
      ],
      'examples',
      /only one label \("x"\)/,
    ],
    [
      [
        { text: 'a', label: 'x' },
        { text: 42, label: 'y' },
      ],
      'examples[1].text',
      /text must be a string/,
    ],
    [
      [
        { text: 'a', label: 'x' },
        { text: 'b', label: '' },
      ],
      'examples[1].label',
      /must not be empty/,
    ],
    ['not an array', 'examples', /must be an array/],
  ])('bad training input %# → INVALID_INPUT at %s', (examples, path, message) => {
    const error = errorOf(() => trainTextClassifier(examples as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toBe(path);
    expect(error.message).toMatch(message);
    expect(error.message).toMatch(/^\[tandem-cx\] \[learning\]/);
  });

  it('bad options → INVALID_CONFIG naming the option', () => {
    const error = errorOf(() => trainTextClassifier(EXAMPLES, { epochs: 0 }));
    expect(error.code).toBe('INVALID_CONFIG');
    expect(error.path).toBe('options.epochs');
    expect(errorOf(() => trainTextClassifier(EXAMPLES, { features: { charNgrams: [5, 3] } })).path).toBe(
      'options.features.charNgrams',
    );
    expect(errorOf(() => trainTextClassifier(EXAMPLES, { learningrate: 1 } as never)).code).toBe(
      'INVALID_CONFIG',
    );
  });

  it('predict refuses a text that is not a string', () => {
    const error = errorOf(() => clf.predict(42 as never));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toBe('text');
    expect(errorOf(() => clf.predict('x', { explain: 'yes' } as never)).path).toBe('options.explain');
  });
});

describe('loadTextClassifier', () => {
  const clf = trainTextClassifier(EXAMPLES, { seed: 3 });
  const json = () => JSON.parse(JSON.stringify(clf.toJSON()));

  it('round trip: a loaded model predicts exactly what the trained one did (property)', () => {
    const loaded = loadTextClassifier(json());
    expect(loaded.labels).toEqual(clf.labels);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => {
        expect(JSON.stringify(loaded.predict(text))).toBe(JSON.stringify(clf.predict(text)));
      }),
      { numRuns: 300 },
    );
    expect(JSON.stringify(loaded.toJSON())).toBe(JSON.stringify(clf.toJSON()));
  });

  it('round trip of models trained on random data (property)', () => {
    const example = fc.record({
      text: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 30 }),
      label: fc.constantFrom('a', 'b', 'c'),
    });
    fc.assert(
      fc.property(
        fc.array(example, { minLength: 2, maxLength: 40 }),
        fc.string({ maxLength: 30 }),
        (examples, text) => {
          fc.pre(new Set(examples.map((e) => e.label)).size >= 2);
          const model = trainTextClassifier(examples, { epochs: 2 });
          const back = loadTextClassifier(JSON.parse(JSON.stringify(model.toJSON())));
          expect(JSON.stringify(back.predict(text))).toBe(JSON.stringify(model.predict(text)));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('loads a model whose keys were reordered (as PostgreSQL jsonb stores them)', () => {
    const reordered = Object.fromEntries(Object.entries(json()).reverse());
    expect(loadTextClassifier(reordered).predict('refund').scores).toEqual(clf.predict('refund').scores);
  });

  it('refuses a model of another version, naming the version', () => {
    const error = errorOf(() => loadTextClassifier({ ...json(), version: 3 }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toBe('model.version');
    expect(error.message).toMatch(/unsupported model version 3/);
  });

  it('refuses a format-1 model (raw counts, no document frequencies) and says to retrain', () => {
    const { documents: _d, ...v1 } = json();
    const { weighting: _w, ...features } = v1.features;
    const error = errorOf(() => loadTextClassifier({ ...v1, version: 1, features }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.path).toBe('model.version');
    expect(error.message).toMatch(/unsupported model version 1: this tandem-cx reads version 2; retrain/);
  });

  it('refuses a tampered model: changed bias, label or weights → checksum mismatch', () => {
    const bias = json();
    bias.bias[0] += 0.5;
    const label = json();
    label.labels[0] = 'cards';
    const weights = json();
    weights.weights = weights.weights.replace(/^./, (c: string) => (c === 'A' ? 'B' : 'A'));
    for (const tampered of [bias, label, weights]) {
      const error = errorOf(() => loadTextClassifier(tampered));
      expect(error.path).toBe('model.checksum');
      expect(error.message).toMatch(/checksum mismatch/);
    }
  });

  it('refuses what is not a model, listing each problem with its path', () => {
    expect(errorOf(() => loadTextClassifier(null)).path).toBe('model');
    expect(errorOf(() => loadTextClassifier({ ...json(), format: 'other' })).path).toBe('model.format');
    const { checksum: _c, ...unsigned } = json();
    expect(errorOf(() => loadTextClassifier(unsigned)).path).toBe('model.checksum');
    expect(errorOf(() => loadTextClassifier({ ...json(), extra: 1 })).code).toBe('INVALID_INPUT');
  });

  it('refuses a corrupt weight stream even with a matching checksum', async () => {
    const { checksumOf } = await import('./codec');
    const broken = json();
    broken.weights = 'AAAA';
    broken.checksum = checksumOf(broken);
    expect(errorOf(() => loadTextClassifier(broken)).path).toBe('model.weights');
  });
});
