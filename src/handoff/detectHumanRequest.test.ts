import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import dataset from './__fixtures__/explicit-requests.json';
import holdout from './__fixtures__/explicit-requests-holdout.json';
import { createHumanRequestDetector, detectHumanRequest } from './detectHumanRequest';
import { HANDOFF_LANGUAGES } from './lexicon/requests';

interface Labelled {
  language: string;
  label: 'explicit' | 'ambiguous' | 'none';
  text: string;
}
const data = dataset as Labelled[];

// Project-written, hand-checked utterances (see docs/handoff.md § Quality).
describe('labelled dataset', () => {
  it('has at least 300 utterances and 20 positive + 20 negative per language', () => {
    expect(data.length).toBeGreaterThanOrEqual(300);
    for (const language of HANDOFF_LANGUAGES) {
      const rows = data.filter((d) => d.language === language);
      expect(rows.filter((d) => d.label === 'explicit').length, language).toBeGreaterThanOrEqual(20);
      expect(rows.filter((d) => d.label === 'none').length, language).toBeGreaterThanOrEqual(20);
    }
  });

  for (const language of HANDOFF_LANGUAGES) {
    describe(language, () => {
      it.each(data.filter((d) => d.language === language).map((d) => [d.label, d.text] as const))(
        '%s: %s',
        (label, text) => {
          expect(detectHumanRequest(text).kind).toBe(label);
        },
      );
    });
  }

  it('keeps precision and recall of explicit requests on the hold-out set at or above 0.95', () => {
    const rows = holdout as Labelled[];
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const row of rows) {
      const predicted = detectHumanRequest(row.text).kind === 'explicit';
      const actual = row.label === 'explicit';
      if (predicted && actual) tp++;
      else if (predicted) fp++;
      else if (actual) fn++;
    }
    expect(tp / (tp + fp)).toBeGreaterThanOrEqual(0.95);
    expect(tp / (tp + fn)).toBeGreaterThanOrEqual(0.95);
  });
});

describe('detectHumanRequest', () => {
  it('reports the language, pattern and evidence', () => {
    expect(detectHumanRequest('Can I talk to a real person?')).toEqual({
      kind: 'explicit',
      language: 'en',
      patternId: 'en.want_talk_to',
      evidence: 'can i talk to a real person',
      negated: [],
    });
  });

  it.each([
    ["I don't want to talk to a human", 'none'],
    ['no need for an agent', 'none'],
    ['nie potrzebuję rozmawiać z konsultantem', 'none'],
    ['不用转人工', 'none'],
    ['no quiero hablar con un agente', 'none'],
    ['ich möchte nicht mit einem Mitarbeiter sprechen', 'none'],
    ['je ne veux pas parler à un conseiller', 'none'],
  ] as const)('a negation in the clause cancels the request: %s', (text, kind) => {
    expect(detectHumanRequest(text).kind).toBe(kind);
  });

  it('records the patterns a negation cancelled', () => {
    expect(detectHumanRequest('I do not want to talk to a human').negated).toEqual(['en.want_talk_to']);
  });

  it('a negation in another clause does not cancel', () => {
    expect(detectHumanRequest("No, that doesn't help. I want to talk to a human").kind).toBe('explicit');
    expect(detectHumanRequest('不要机器人，我要人工').kind).toBe('explicit');
  });

  it.each(['agent agent', 'AGENT!!! AGENT!!!', 'konsultant konsultant'])(
    'a repeated bare word is explicit: %s',
    (text) => {
      expect(detectHumanRequest(text).kind).toBe('explicit');
    },
  );

  it('folds diacritics, case, full-width punctuation and traditional Chinese', () => {
    expect(detectHumanRequest('CHCE ROZMAWIAC Z KONSULTANTEM').kind).toBe('explicit');
    expect(detectHumanRequest('轉人工').kind).toBe('explicit');
    expect(detectHumanRequest('我要人工客服！').kind).toBe('explicit');
  });

  it.each(['', '   ', '🙂', '?!'])('empty or symbol-only text is none: %j', (text) => {
    expect(detectHumanRequest(text).kind).toBe('none');
  });

  it('caps very long input (defined result, no blow-up)', () => {
    const text = `${'blah '.repeat(100_000)} I want to talk to a human`;
    expect(detectHumanRequest(text).kind).toBe('none');
    expect(detectHumanRequest(`I want to talk to a human ${'blah '.repeat(100_000)}`).kind).toBe('explicit');
  });
});

describe('createHumanRequestDetector', () => {
  it('adds literal phrases and ambiguous words per language', () => {
    const d = createHumanRequestDetector({
      extraPhrases: { en: ['beam me up'] },
      extraAmbiguousWords: { en: ['hello?'] },
    });
    expect(d.detect('Beam me up, please').kind).toBe('explicit');
    expect(d.detect('hello?').kind).toBe('ambiguous');
  });

  it('limits the languages', () => {
    const d = createHumanRequestDetector({ languages: ['en'] });
    expect(d.detect('转人工').kind).toBe('none');
    expect(d.detect('talk to a human please').kind).toBe('explicit');
  });

  it('rejects bad options with their paths', () => {
    expect(() => createHumanRequestDetector({ languages: ['xx' as never] })).toThrow(TandemError);
    try {
      createHumanRequestDetector({ languages: ['xx' as never], extraPhrases: { en: [''] } });
    } catch (e) {
      expect((e as TandemError).code).toBe('INVALID_CONFIG');
      expect((e as TandemError).issues.map((i) => i.path)).toEqual(['languages[0]', 'extraPhrases.en[0]']);
    }
  });
});
