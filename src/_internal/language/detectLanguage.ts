/**
 * Offline language detection for short support messages: Unicode script first (Han → zh, kana →
 * ja, Hangul → ko), then, for Latin text, stop-word and character profiles of en, pl, es, de, fr,
 * pt and it. The word lists are the most frequent function words of each language plus common
 * customer-service words, written for this library (no third-party data). Returns `und` when the
 * text is too short or the evidence too weak.
 */

/** Languages the Latin-script profiles can tell apart. */
export const LATIN_LANGUAGES = ['en', 'pl', 'es', 'de', 'fr', 'pt', 'it'] as const;
/** Languages {@link detectLanguage} may return (besides `und`). */
export const DETECTABLE_LANGUAGES = ['en', 'pl', 'zh', 'es', 'de', 'fr', 'pt', 'it', 'ja', 'ko'] as const;

/** Options for {@link detectLanguage}. */
export interface DetectLanguageOptions {
  /** Below this confidence the result is `und` (default 0.3). */
  minConfidence?: number;
  /** Only consider these languages (others score 0), e.g. the languages the team supports. */
  candidates?: readonly string[];
}

/** Result of {@link detectLanguage}. */
export interface LanguageDetection {
  /** `en`, `pl`, `zh`, `es`, `de`, `fr`, `pt`, `it` (also `ja`, `ko`), or `und` when unsure. */
  language: string;
  /** 0..1: share of the evidence that points to `language`, damped for short texts. */
  confidence: number;
  /** Dominant script (ISO 15924): `Latn`, `Hans`, `Hant`, `Jpan`, `Kore`, `Cyrl`, `Arab`, … */
  script?: string;
  /** Raw evidence per language (Latin profiles, or the script share). */
  scores?: Record<string, number>;
}

const WORDS: Record<(typeof LATIN_LANGUAGES)[number], string> = {
  en: `the and is are was were be been being have has had do does did not you he she it we they my your our
their me him her us them this that these those what which who when where why how can could would should will
shall may might must there here with from for of in on at by about as an or but if so than then just also very
please thanks thank hello hi help need want get got order account card payment refund still yet already any
some yes into out up i'm it's don't can't didn't doesn't won't isn't i've i'll haven't wasn't email received
working since last week today yesterday money back again someone anyone all`,
  pl: `i w z na do nie się jest to że jak co ale czy mam mój moja moje mi mnie już jeszcze oraz lub albo tak tylko
bardzo proszę dziękuję dzień dobry może można przez po od dla przy u jestem był była było są być nic ten ta tego
tej które który która kiedy gdzie dlaczego bo więc zamówienie zamówienia konto karta karty płatność pieniądze
zwrot pomoc pan pani państwo chcę chciałbym chciałabym muszę nadal wciąż został została zostało moje mojego
moim jak ze we nie nic czego wczoraj dzisiaj dziś nie mogę działa przyszła przyszło zrobić kod hasło
sprawdzić się się jeśli mnie tydzień dni żeby aby`,
  es: `el la los las de del que y en un una es por con para no se su sus al lo como más pero mi mis me te le les
ya muy está están estoy tengo tiene hay ser fue sido este esta esto eso qué cómo cuándo dónde porque hola gracias
favor ayuda pedido cuenta tarjeta pago dinero reembolso todavía aún puedo quiero necesito usted también desde hasta
sin sobre cuando donde ayer hoy semana llegó funciona hace han he ha sido correo contraseña nadie nada otra vez
estaba muchas`,
  de: `der die das den dem des und ist sind war ein eine einen einem einer nicht ich du er sie es wir ihr mein
meine meinen meiner mir mich dich dir ihnen zu mit von für auf an im aus bei nach über um wie was wann wo warum
weil aber oder auch noch schon sehr bitte danke hallo hilfe bestellung konto karte zahlung geld rückerstattung
kann möchte muss habe hat haben wurde wird werden kein keine bis seit ohne heute gestern guten tag ist nichts
immer wieder funktioniert passwort woche können sich dass mehr`,
  fr: `le la les de du des que et en un une est pour par avec ne pas se son sa ses au aux comme plus mais mon ma mes
me te lui déjà très je tu il elle nous vous ils elles suis ai avez avons été ce cette ces cet quoi pourquoi comment
quand où bonjour merci aide commande compte carte paiement argent remboursement encore toujours peux veux voudrais
dois aussi depuis sans sur dans qui y hier aujourd'hui votre vos notre j'ai c'est n'est je n'ai d'un d'une
qu'il l'application mot passe semaine fonctionne rien personne reçu toujours`,
  pt: `o a os as de do da dos das que e em no na nos nas um uma é por com para não se seu sua ao à como mais mas meu
minha me te lhe já muito está estão estou tenho tem há ser foi este esta isso isto essa esse você vocês obrigado
obrigada olá ajuda pedido conta cartão pagamento dinheiro reembolso ainda posso quero preciso também desde até sem
sobre quando onde pelo pela ontem hoje semana chegou funciona senha ninguém nada vez estava recebi fiz meus minhas`,
  it: `il lo la i gli le di del della dei delle che e è in un una per con non si suo sua al alla come più ma mio mia
mi ti ci già molto sta sono ho ha hanno essere stato questo questa quello cosa perché ciao grazie aiuto ordine
conto carta pagamento soldi rimborso ancora posso voglio vorrei devo anche da fino senza su quando dove nel nella
sul sulla ieri oggi buongiorno salve settimana arrivato funziona nessuno niente volta avevo ricevuto fatto miei
mie c'è l'ordine dell'ordine un'altra po'`,
};

// Characters (or letter sequences) that are typical of one language, with weights. A diacritic
// shared by several languages gets a weight in each.
const CHAR_FEATURES: Array<[RegExp, Partial<Record<(typeof LATIN_LANGUAGES)[number], number>>]> = [
  [/[ąęłńśźż]/gu, { pl: 3 }],
  [/ć/gu, { pl: 2 }],
  [/ó/gu, { pl: 1, es: 1, pt: 0.5 }],
  [/[äöüß]/gu, { de: 3 }],
  [/[ñ¿¡]/gu, { es: 3 }],
  [/[ãõ]/gu, { pt: 3 }],
  [/ç/gu, { pt: 1, fr: 1 }],
  [/[êô]/gu, { pt: 1, fr: 1 }],
  [/[ëîïûœ]/gu, { fr: 2 }],
  [/è/gu, { fr: 1, it: 1 }],
  [/[ìò]/gu, { it: 2 }],
  [/ù/gu, { it: 1, fr: 1 }],
  [/à/gu, { it: 1, fr: 1, pt: 0.5 }],
  [/á|í|ú/gu, { es: 1, pt: 1 }],
  [/é/gu, { fr: 1, es: 0.5, pt: 0.5, it: 0.3 }],
  [/sz|cz|rz|dz|ść|ię|\bw\b/gu, { pl: 0.7 }],
  [/sch|cht|ung\b|ei/gu, { de: 0.5 }],
  [/th|ing\b|wh|ck\b/gu, { en: 0.5 }],
  [/ción\b|ll[aeo]|\bqu[eé]\b/gu, { es: 0.5 }],
  [/ção\b|ções\b|nh[aeo]|lh[aeo]|ão\b/gu, { pt: 0.7 }],
  [/zion[ei]\b|gli\b|cch|zz|\bch[ei]\b/gu, { it: 0.7 }],
  [/eau|aux\b|oi|ez\b|\bqu'|\b[ldjnc]'/gu, { fr: 0.5 }],
];

const CHAR_FEATURE_CAP = 6; // per feature, so one repeated letter cannot outvote the words

// A memo of constant data, built on first use so importing the module does no work. It never
// changes after it is built, so it is not state in the sense of the style guide.
let wordTable: Map<string, Float64Array> | undefined;

/** Builds the word → per-language weight table (once). */
function getWordTable(): Map<string, Float64Array> {
  if (wordTable) return wordTable;
  const table = new Map<string, Float64Array>();
  LATIN_LANGUAGES.forEach((language, index) => {
    for (const word of new Set(WORDS[language].split(/\s+/).filter(Boolean))) {
      let row = table.get(word);
      if (!row) {
        row = new Float64Array(LATIN_LANGUAGES.length);
        table.set(word, row);
      }
      row[index] = 1;
    }
  });
  // A word in k lists is weak evidence: weight 1/k each, so only distinctive words decide.
  for (const row of table.values()) {
    let k = 0;
    for (const v of row) if (v > 0) k++;
    for (let i = 0; i < row.length; i++) if (row[i]! > 0) row[i] = 1 / k;
  }
  wordTable = table;
  return table;
}

// Traditional-only and simplified-only forms of frequent characters (們/们, 這/这, 說/说, …).
const HANT = /[們這說個麼為來時會對國裡後還發現請問點們號題務單帳戶郵體錢謝]/gu;
const HANS = /[们这说个么为来时会对国里后还发现请问点号题务单帐户邮体钱谢]/gu;

const SCRIPT_RES: Array<[string, RegExp]> = [
  ['Han', /\p{Script=Han}/gu],
  ['Kana', /[\p{Script=Hiragana}\p{Script=Katakana}]/gu],
  ['Hang', /\p{Script=Hangul}/gu],
  ['Cyrl', /\p{Script=Cyrillic}/gu],
  ['Arab', /\p{Script=Arabic}/gu],
  ['Grek', /\p{Script=Greek}/gu],
  ['Hebr', /\p{Script=Hebrew}/gu],
  ['Thai', /\p{Script=Thai}/gu],
  ['Deva', /\p{Script=Devanagari}/gu],
];
const LETTER = /\p{L}/gu;
const TOKEN = /\p{L}+(?:'\p{L}+)*/gu;

const count = (text: string, re: RegExp): number => {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(text)) n++;
  return n;
};

const round = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Detects the language of a short text without network access.
 *
 * @param text - the message.
 * @param options - `minConfidence` (default 0.3) and optional `candidates`.
 * @returns `{ language, confidence, script, scores }`; `language` is `und` when unsure.
 *
 * @example
 * ```ts
 * import { detectLanguage } from 'tandem-cx/routing';
 * detectLanguage('Dzień dobry, moja karta nie działa').language; // => 'pl'
 * detectLanguage('我的银行卡被盗了，请帮我冻结'); // => { language: 'zh', script: 'Hans' }
 * detectLanguage('ok').language; // => 'und'
 * ```
 */
export function detectLanguage(text: string, options: DetectLanguageOptions = {}): LanguageDetection {
  const minConfidence = options.minConfidence ?? 0.3;
  // Long inputs: the first 2,000 characters are plenty and keep the cost bounded.
  const sample = (text.length > 2000 ? text.slice(0, 2000) : text).replace(/[’`´]/g, "'");
  const letters = count(sample, LETTER);
  if (letters === 0) return { language: 'und', confidence: 0 };

  let bestScript = 'Latn';
  let bestScriptCount = 0;
  for (const [script, re] of SCRIPT_RES) {
    const n = count(sample, re);
    if (n > bestScriptCount) {
      bestScript = script;
      bestScriptCount = n;
    }
  }
  const kana = bestScript === 'Kana' || (bestScript === 'Han' && count(sample, SCRIPT_RES[1]![1]) > 0);
  if (bestScriptCount / letters >= 0.3 && bestScript !== 'Latn') {
    const share = bestScriptCount / letters;
    if (kana) return scriptResult('ja', 'Jpan', share, bestScriptCount, options);
    if (bestScript === 'Han') {
      const hant = count(sample, HANT);
      const hans = count(sample, HANS);
      return scriptResult('zh', hant > hans ? 'Hant' : 'Hans', share, bestScriptCount, options);
    }
    if (bestScript === 'Hang') return scriptResult('ko', 'Kore', share, bestScriptCount, options);
    // A script we have no language profile for: name the script, not a guess at the language.
    return { language: 'und', confidence: 0, script: bestScript };
  }
  // Two or three Latin letters ("ok", "hi") say nothing reliable about the language.
  if (letters < 4) return { language: 'und', confidence: 0, script: 'Latn' };
  return detectLatin(sample.toLowerCase(), minConfidence, options.candidates);
}

function scriptResult(
  language: string,
  script: string,
  share: number,
  n: number,
  options: DetectLanguageOptions,
): LanguageDetection {
  if (options.candidates && !options.candidates.includes(language))
    return { language: 'und', confidence: 0, script };
  // Two CJK characters are already a word; damp only the very shortest texts.
  const confidence = round(Math.min(1, share) * Math.min(1, n / 4));
  if (confidence < (options.minConfidence ?? 0.3)) return { language: 'und', confidence, script };
  return { language, confidence, script, scores: { [language]: round(share) } };
}

function detectLatin(
  lower: string,
  minConfidence: number,
  candidates: readonly string[] | undefined,
): LanguageDetection {
  const table = getWordTable();
  const scores = new Float64Array(LATIN_LANGUAGES.length);
  TOKEN.lastIndex = 0;
  let tokens = 0;
  for (let m = TOKEN.exec(lower); m; m = TOKEN.exec(lower)) {
    tokens++;
    const word = m[0];
    let row = table.get(word);
    if (!row) {
      const apostrophe = word.indexOf("'");
      if (apostrophe > 0) {
        // English contractions (don't, I'm) vs French/Italian elision (l'ordre, dell'ordine).
        const head = word.slice(0, apostrophe + 1);
        const tail = word.slice(apostrophe);
        if (/^'(t|m|re|ve|ll|s|d)$/.test(tail)) scores[0]! += 1;
        else if (/^(l|d|j|n|c|s|m|t|qu|jusqu|lorsqu)'$/.test(head)) scores[4]! += 0.7;
        else if (/^(dell|nell|all|dall|sull|un|quest|c)'$/.test(head)) scores[6]! += 0.7;
        row = table.get(word.slice(0, apostrophe + 1)) ?? table.get(word.slice(0, apostrophe));
      }
    }
    if (row) for (let i = 0; i < row.length; i++) scores[i]! += row[i]!;
  }
  for (const [re, weights] of CHAR_FEATURES) {
    const n = Math.min(CHAR_FEATURE_CAP, count(lower, re));
    if (n === 0) continue;
    for (const [language, weight] of Object.entries(weights)) {
      const index = (LATIN_LANGUAGES as readonly string[]).indexOf(language);
      scores[index]! += n * weight!;
    }
  }
  const named: Record<string, number> = {};
  let best = -1;
  let second = 0;
  let total = 0;
  for (let i = 0; i < LATIN_LANGUAGES.length; i++) {
    const language = LATIN_LANGUAGES[i]!;
    if (candidates && !candidates.includes(language)) scores[i] = 0;
    named[language] = round(scores[i]!);
    total += scores[i]!;
    if (best < 0 || scores[i]! > scores[best]!) best = i;
  }
  for (let i = 0; i < scores.length; i++) if (i !== best && scores[i]! > second) second = scores[i]!;
  const top = scores[best]!;
  if (top <= 0 || tokens === 0) return { language: 'und', confidence: 0, script: 'Latn', scores: named };
  // Share of evidence for the winner, damped when there is little evidence at all (a 2-word
  // message) and when the runner-up is close.
  const share = top / total;
  const margin = (top - second) / top;
  const evidence = Math.min(1, top / 3);
  const confidence = round(Math.min(1, (0.5 * share + 0.5 * margin) * evidence));
  if (confidence < minConfidence) return { language: 'und', confidence, script: 'Latn', scores: named };
  return { language: LATIN_LANGUAGES[best]!, confidence, script: 'Latn', scores: named };
}
