import { describe, expect, it } from 'vitest';
import { TandemError } from '../model/errors';
import { createSensitiveTopicDetector, detectSensitiveTopics } from './detectSensitiveTopics';

// One realistic message per topic and language (project-written).
const POSITIVE: Array<[string, string, string]> = [
  ['self_harm', 'en', "I can't go on, I want to end my life"],
  ['self_harm', 'pl', 'nie chcę już żyć'],
  ['self_harm', 'zh', '我真的不想活了'],
  ['self_harm', 'es', 'ya no quiero vivir'],
  ['self_harm', 'de', 'ich will nicht mehr leben'],
  ['self_harm', 'fr', 'je veux mourir'],
  ['fraud', 'en', 'I think I was scammed by someone pretending to be your bank'],
  ['fraud', 'pl', 'padłem ofiarą oszustwa, ktoś podszył się pod bank'],
  ['fraud', 'zh', '我被骗了，对方冒充银行客服'],
  ['fraud', 'es', 'creo que me han hecho una estafa'],
  ['fraud', 'de', 'ich bin auf einen Betrug hereingefallen'],
  ['fraud', 'fr', "je suis victime d'une arnaque"],
  ['lost_or_stolen_card', 'en', 'My card was stolen at the train station'],
  ['lost_or_stolen_card', 'pl', 'Zgubiłem kartę, proszę ją zastrzec'],
  ['lost_or_stolen_card', 'zh', '我的银行卡丢了，要挂失'],
  ['lost_or_stolen_card', 'es', 'he perdido mi tarjeta'],
  ['lost_or_stolen_card', 'de', 'Meine Kreditkarte wurde gestohlen'],
  ['lost_or_stolen_card', 'fr', "on m'a volé ma carte bancaire"],
  ['unauthorised_payment', 'en', "There's a payment on my statement that I didn't make"],
  ['unauthorised_payment', 'pl', 'widzę transakcję, której nie zlecałem'],
  ['unauthorised_payment', 'zh', '有一笔消费不是我刷的，我没有授权过扣款'],
  ['unauthorised_payment', 'es', 'tengo un cargo que no reconozco'],
  ['unauthorised_payment', 'de', 'Da ist eine Abbuchung, die ich nicht veranlasst habe'],
  // Phrasings from the bundled sample history that the first lexicon missed.
  ['unauthorised_payment', 'de', 'da ist eine Abbuchung, die ich nicht gemacht habe'],
  ['unauthorised_payment', 'es', 'hay un cargo que no he hecho'],
  ['unauthorised_payment', 'fr', "il y a un prélèvement que je n'ai pas autorisé"],
  ['legal_threat', 'en', 'I will be contacting my lawyer about this'],
  ['legal_threat', 'pl', 'sprawa trafi do sądu, mam już prawnika'],
  ['legal_threat', 'zh', '我要找律师起诉你们'],
  ['legal_threat', 'es', 'voy a hablar con mi abogado'],
  ['legal_threat', 'de', 'ich schalte meinen Anwalt ein'],
  ['legal_threat', 'fr', 'je vais porter plainte'],
  ['bereavement', 'en', 'My husband passed away last month and the account is in his name'],
  ['bereavement', 'pl', 'mój tata zmarł, chcę zamknąć jego konto'],
  ['bereavement', 'zh', '我父亲去世了，想注销他的账户'],
  ['bereavement', 'es', 'mi madre falleció la semana pasada'],
  ['bereavement', 'de', 'mein Vater ist verstorben'],
  ['bereavement', 'fr', 'ma mère est décédée le mois dernier'],
  ['data_protection', 'en', 'Under GDPR please delete my personal data'],
  ['data_protection', 'pl', 'proszę usunąć moje dane osobowe zgodnie z RODO'],
  ['data_protection', 'zh', '请删除我的个人信息'],
  ['data_protection', 'es', 'quiero ejercer mi derecho al olvido'],
  ['data_protection', 'de', 'Ich verlange Auskunft über meine gespeicherten Daten nach DSGVO'],
  ['data_protection', 'fr', 'supprimez mes données personnelles svp'],
  ['staff_complaint', 'en', 'The agent I spoke to was extremely rude'],
  ['staff_complaint', 'pl', 'chcę złożyć skargę na konsultanta'],
  ['staff_complaint', 'zh', '我要投诉你们的客服，态度很差'],
  ['staff_complaint', 'es', 'quiero poner una queja sobre el repartidor'],
  ['staff_complaint', 'de', 'Ich möchte mich über Ihren Mitarbeiter beschweren'],
  ['staff_complaint', 'fr', 'le livreur était très impoli'],
];

const NEGATIVE: Array<[string, string]> = [
  ['en', 'When will my new card arrive?'],
  ['en', 'I found my card, it was in my bag'],
  ['en', 'The agent was lovely, thank you'],
  ['en', 'This bug is killing me, lol'],
  ['en', 'My phone died so I could not answer'],
  ['en', 'How do I change my password?'],
  ['pl', 'kiedy przyjdzie moja karta?'],
  ['pl', 'pozwól mi zmienić adres'],
  ['zh', '人工智能客服很好用'],
  ['zh', '我的快递到哪了'],
  ['es', '¿cuánto tarda el envío?'],
  ['de', 'Das Gericht im Restaurant war kalt'],
  ['de', 'Wann kommt meine neue Karte?'],
  ['fr', "j'ai retrouvé ma carte"],
  ['fr', 'merci pour votre aide'],
];

describe('detectSensitiveTopics', () => {
  it.each(POSITIVE)('%s (%s): %s', (topic, language, text) => {
    const r = detectSensitiveTopics(text);
    expect(r.matches.map((m) => m.topic)).toContain(topic);
    expect(r.matches.find((m) => m.topic === topic)!.language).toBe(language);
  });

  it.each(NEGATIVE)('no topic (%s): %s', (_language, text) => {
    expect(detectSensitiveTopics(text).matches).toEqual([]);
  });

  it('orders matches by priority and reports the most urgent', () => {
    const r = detectSensitiveTopics('My card was stolen and I will call my lawyer');
    expect(r.matches.map((m) => [m.topic, m.priority])).toEqual([
      ['lost_or_stolen_card', 1],
      ['legal_threat', 2],
    ]);
    expect(r.priority).toBe(1);
  });
});

describe('createSensitiveTopicDetector', () => {
  it('keeps only the listed topics and applies priority overrides', () => {
    const d = createSensitiveTopicDetector({ topics: ['legal_threat'], priorities: { legal_threat: 1 } });
    expect(d.detect('My card was stolen').matches).toEqual([]);
    expect(d.detect('I will sue you').priority).toBe(1);
  });

  it('adds custom keyword topics (whole words, any language)', () => {
    const d = createSensitiveTopicDetector({
      topics: [],
      custom: [{ id: 'recall', keywords: ['product recall', '召回'] }],
    });
    expect(d.detect('Is my kettle in the Product Recall?').matches).toEqual([
      { topic: 'recall', language: null, evidence: 'product recall', priority: 2 },
    ]);
    expect(d.detect('这个产品召回了吗').matches[0]!.topic).toBe('recall');
    expect(d.detect('product recalled').matches).toEqual([]);
  });

  it('rejects unknown topics and duplicate ids with their paths', () => {
    try {
      createSensitiveTopicDetector({
        topics: ['weather' as never],
        custom: [{ id: 'fraud', keywords: ['x'] }],
      });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(TandemError);
      expect((e as TandemError).issues.map((i) => i.path)).toEqual(['topics[0]']);
    }
    expect(() => createSensitiveTopicDetector({ custom: [{ id: 'fraud', keywords: ['x'] }] })).toThrow(
      /custom\[0\]\.id: .*duplicate topic id "fraud"/,
    );
  });
});
