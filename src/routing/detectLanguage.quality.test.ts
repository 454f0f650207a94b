import { describe, expect, it } from 'vitest';
import * as sample from '../../scripts/sample/texts';
import fixture from './__fixtures__/languages.json';
import shortFixture from './__fixtures__/short-messages.json';
import { detectLanguage } from './index';

// Quality floors for detectLanguage. A wrong language (an English customer in the Polish queue)
// is worse than `und` (the default queue), so the wrong-language rate has its own, stricter
// floor. The figures themselves are recorded in docs/routing.md § Language detection.

interface Tally {
  total: number;
  correct: number;
  wrong: number;
  und: number;
  misses: string[];
}

function evaluate(data: Record<string, string[]>): Tally & { perLanguage: Record<string, Tally> } {
  const all: Tally = { total: 0, correct: 0, wrong: 0, und: 0, misses: [] };
  const perLanguage: Record<string, Tally> = {};
  for (const [language, texts] of Object.entries(data)) {
    const t: Tally = { total: 0, correct: 0, wrong: 0, und: 0, misses: [] };
    for (const text of texts) {
      const detected = detectLanguage(text).language;
      t.total++;
      if (detected === language) t.correct++;
      else {
        if (detected === 'und') t.und++;
        else t.wrong++;
        t.misses.push(`${language} → ${detected}: ${text}`);
      }
    }
    perLanguage[language] = t;
    all.total += t.total;
    all.correct += t.correct;
    all.wrong += t.wrong;
    all.und += t.und;
    all.misses.push(...t.misses);
  }
  return { ...all, perLanguage };
}

/** The customer texts of the sample history, by language. */
function sampleCustomerTexts(): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  const add = (byLanguage: Record<string, string[]>) => {
    for (const [language, texts] of Object.entries(byLanguage))
      out[language] = [...(out[language] ?? []), ...texts];
  };
  for (const intent of sample.FAQ) add(intent.asks);
  for (const set of [
    sample.THANKS,
    sample.NOT_HELPFUL,
    sample.HUMAN_REQUEST,
    sample.STOLEN_CARD,
    sample.FRUSTRATED,
    sample.BILLING_DISPUTE,
  ])
    add(set);
  return out;
}

describe('detectLanguage quality', () => {
  it('short support messages (2–7 words): accuracy ≥ 0.95, wrong language ≤ 1 %', () => {
    const data = shortFixture as Record<string, string[]>;
    expect(Object.keys(data).sort()).toEqual(['de', 'en', 'es', 'fr', 'it', 'pl', 'pt', 'zh']);
    for (const texts of Object.values(data)) expect(texts.length).toBeGreaterThanOrEqual(60);
    const r = evaluate(data);
    expect(r.correct / r.total).toBeGreaterThanOrEqual(0.95);
    expect(r.wrong / r.total).toBeLessThanOrEqual(0.01);
    for (const t of Object.values(r.perLanguage)) expect(t.correct / t.total).toBeGreaterThanOrEqual(0.9);
  });

  it('the 810-sentence fixture: accuracy ≥ 0.985 and no wrong language', () => {
    const r = evaluate(fixture as Record<string, string[]>);
    expect(r.correct / r.total).toBeGreaterThanOrEqual(0.985);
    expect(r.misses.filter((m) => !m.includes('→ und'))).toEqual([]);
  });

  it('every customer text of the sample history is detected correctly', () => {
    const r = evaluate(sampleCustomerTexts());
    expect(r.total).toBeGreaterThan(100);
    expect(r.misses).toEqual([]);
  });

  // Word prefixes of the 810 sentences: short, unedited text the word lists were not written
  // for. Wrong answers must stay rare even when only the first words are seen.
  it('first 3 words of each fixture sentence: wrong language ≤ 1 %', () => {
    let total = 0;
    let wrong = 0;
    for (const [language, texts] of Object.entries(fixture as Record<string, string[]>)) {
      if (language === 'zh') continue;
      for (const text of texts) {
        const detected = detectLanguage(text.split(/\s+/).slice(0, 3).join(' ')).language;
        total++;
        if (detected !== language && detected !== 'und') wrong++;
      }
    }
    expect(wrong / total).toBeLessThanOrEqual(0.01);
  });

  it.each([
    ['I want to talk to a human', 'en'],
    ['can I speak to a real person please', 'en'],
    ['connect me to an agent', 'en'],
    ['I forgot my password', 'en'],
    ['esto es una vergüenza', 'es'],
    ['c’est inutile', 'fr'],
    ["c'è qualcuno?", 'it'],
    ['me ajuda por favor', 'pt'],
  ])('%s → %s', (text, language) => {
    expect(detectLanguage(text).language).toBe(language);
  });

  it.each(['www.example.com', 'john@example.com', 'ok ok', 'PayPal', '12345'])('und for %j', (text) => {
    expect(detectLanguage(text).language).toBe('und');
  });
});
