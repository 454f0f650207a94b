import { describe, expect, it } from 'vitest';
import fixture from '../../routing/__fixtures__/languages.json';
import { detectLanguage } from './detectLanguage';

const data = fixture as Record<string, string[]>;

describe('detectLanguage', () => {
  it.each([
    ['Hello, my card was stolen and I need help', 'en'],
    ['Dzień dobry, moja karta nie działa', 'pl'],
    ['Hola, necesito ayuda con mi pedido', 'es'],
    ['Hallo, ich habe ein Problem mit meiner Bestellung', 'de'],
    ["Bonjour, j'ai un problème avec ma commande", 'fr'],
    ['Olá, preciso de ajuda com o meu pedido', 'pt'],
    ['Buongiorno, ho un problema con il mio ordine', 'it'],
    ['我的银行卡被盗了', 'zh'],
    ['こんにちは、注文について質問があります', 'ja'],
    ['주문이 아직 도착하지 않았습니다', 'ko'],
  ])('%s → %s', (text, language) => {
    const r = detectLanguage(text);
    expect(r.language).toBe(language);
    expect(r.confidence).toBeGreaterThan(0.3);
    expect(r.confidence).toBeLessThanOrEqual(1);
  });

  it('tells simplified from traditional Chinese', () => {
    expect(detectLanguage('请问这个月的账单为什么多了一笔费用？').script).toBe('Hans');
    expect(detectLanguage('請問這個月的帳單為什麼多了一筆費用？').script).toBe('Hant');
  });

  it.each(['', 'ok', '12345 !!!', '👍', 'Hi'])('und for %j', (text) => {
    expect(detectLanguage(text).language).toBe('und');
  });

  it('names an unprofiled script instead of guessing', () => {
    const r = detectLanguage('Здравствуйте, моя карта не работает');
    expect(r).toMatchObject({ language: 'und', script: 'Cyrl' });
  });

  it('respects candidates', () => {
    expect(
      detectLanguage('Hola, necesito ayuda con mi pedido', { candidates: ['en', 'pt'] }).language,
    ).not.toBe('es');
  });

  it('bounds the work on long input', () => {
    expect(detectLanguage('the order '.repeat(100_000)).language).toBe('en');
  });

  // Quality floor on the hand-written fixture (≥100 support messages per language); the full
  // accuracy and confusion table is printed by bench/routing.ts and recorded in docs/routing.md.
  it('accuracy on the fixture ≥ 0.95 overall, ≥ 0.9 per language, no wrong language > 2%', () => {
    let correct = 0;
    let total = 0;
    for (const [language, sentences] of Object.entries(data)) {
      expect(sentences.length).toBeGreaterThanOrEqual(100);
      let ok = 0;
      let wrong = 0;
      for (const s of sentences) {
        const detected = detectLanguage(s).language;
        if (detected === language) ok++;
        else if (detected !== 'und') wrong++;
      }
      expect(ok / sentences.length).toBeGreaterThanOrEqual(0.9);
      expect(wrong / sentences.length).toBeLessThanOrEqual(0.02);
      correct += ok;
      total += sentences.length;
    }
    expect(correct / total).toBeGreaterThanOrEqual(0.95);
  });
});
