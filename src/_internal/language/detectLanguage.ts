/**
 * Offline language detection for short support messages: Unicode script first (Han → zh, kana →
 * ja, Hangul → ko), then, for Latin text, word and character profiles of en, pl, es, de, fr, pt
 * and it. Each word list holds the frequent function words of its language plus a few hundred
 * words of support chat ("talk to a human", passwords, cards, refunds, delivery, thanks,
 * complaints), written for this library (no third-party data). A word listed for k languages
 * counts 1/k for each; diacritics, letter sequences and elision add smaller amounts. Returns
 * `und` when the text is too short or the evidence too weak or too evenly split: a wrong
 * language routes a customer to the wrong queue, an `und` only falls back to the default one.
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

// Each list holds the frequent function words of the language, the words of support chat
// (greetings, "talk to a human", passwords, cards, refunds, delivery, thanks, complaints) with
// their common inflections, and a few spellings typed without diacritics. A word that is common
// in several languages is listed in each of them (so "a", "no", "to", "me" weigh little).
// International words (app, bot, ok, email, pin, chat, super) are in no list.
const WORDS: Record<(typeof LATIN_LANGUAGES)[number], string> = {
  en: `overcharged hacked unlock return returns exchange voucher coupon valid invalid manager stock delete data screen message frustrating annoying angry disappointed quick reply replied shipment receipt purchase bought buy price cost costs fees expensive broken bank withdrawal loan profile settings cancellation membership address via the a an and or but if so than then because as of to in on at by for from with about into over after
before up out off down through without again i me my mine you your yours he him his she her it its we us our
they them their this that these those who whom whose what which where when why how there here am is are was
were be been being have has had having do does did done doing will would shall should can could may might must
not no yes i'm i've i'll i'd you're it's that's what's there's don't doesn't didn't can't cannot couldn't won't
wouldn't isn't aren't wasn't weren't haven't hasn't hadn't shouldn't let's all any some every each none nothing
something anything someone anyone somebody anybody nobody everything more most much many few only just still yet
already also too very really even ever never always please thanks thank hello hi hey dear morning afternoon
evening good great perfect okay bye goodbye sorry cheers help need needs needed want wants wanted like get got
getting give gave send sent receive received arrive arrived arriving delivered delivery order orders ordered
package parcel item items shipping shipped tracking courier address change changed update updated cancel
cancelled canceled refund refunds refunded money charge charged charges twice payment payments pay paid card
cards declined blocked block lock locked freeze frozen stolen stole lost account accounts password login log
sign reset verification phone number website working work works worked broken crash crashing crashes open
opening hours talk speak speaking talking call back human person people real agent representative customer
service support transfer transferred connect connected complaint complain ridiculous useless worst terrible
awful waiting wait waited long take takes taking late wrong right damaged missing new old invoice bill billing
fee subscription pending transaction unauthorised unauthorized abroad withdraw balance statement problem issue
question answer case ticket forgot forget know tell told try tried see seen said say make made go going went
come came keep keeps find found show showed happen happens happened today yesterday tomorrow week weeks month
day days hour minutes now since last next one two fix fixed file one available someone's reach download tap
ten fall`,
  pl: `zaginęła zaginęła włamał kierownik kierownikiem strona strony stronie rabat rabatowy towar towaru zapłacić zapłaciłem zapłaciłam usunąć usuńcie dane halo wysokie drodze stanie cena ceny kupiłem zakup bank bankomat wypłata logowanie profil ustawienia wiadomość szybko szybką i a w we z ze na do od dla po przy przez u o nad pod przed za bez się nie tak to ten ta te tego tej tym
tych że jak co czy ale lub albo bo więc już jeszcze tylko bardzo też także nawet mi mnie mój moja moje mojej
mojego moim moją moich mu jej ich nam nas wam was ty ja on ona ono my wy oni one jest są był była było byli być
będzie będę jestem jesteś mam masz ma mają miałem miałam można może mogę możesz musi muszę chcę chce chcesz
chciałem chciałbym chciałabym proszę dziękuję dzięki dzień dobry witam cześć hej pan pani państwo ktoś coś nic
nikt nigdy zawsze teraz dziś dzisiaj wczoraj jutro tydzień tygodnia dni godzin godziny godzinę kiedy gdzie
dlaczego czemu ile który która które jaki jaka jakie jakich nadal wciąż znowu znów ponownie dalej karta karty
kartę karcie kartą konto konta koncie kontem hasło hasła hasłem zalogować zalogowania zablokowana zablokowane
zablokowany zablokować zablokowanie odblokować zwrot zwrotu zwrotem pieniądze pieniędzy płatność płatności
opłata opłatę opłaty przelew przelewu zamówienie zamówienia zamówieniu paczka paczki paczkę przesyłka
przesyłki przesyłkę dostawa dostawy dostawę kurier kuriera adres adresu zmienić zmiana zmiany anulować
reklamacja reklamację reklamacji faktura fakturę faktury subskrypcja subskrypcję konsultant konsultantem
konsultanta człowiek człowiekiem osobą osoba osobą prawdziwą rozmawiać porozmawiać rozmowa połączyć połącz
połączenie kontakt pomoc pomocy pomóc pomóżcie pomogło potrzebuję działa działają dotarła dotarło dotarł
przyszła przyszło przyszedł dostałem dostałam otrzymałem zapomniałem zapomniałam zgubiłem zgubiłam ukradziono
ukradł użył odrzucona odrzucono aplikacja aplikacji aplikację problem problemem pytanie pytania odpowiedź
odpowiada odpowiedzi czekam czekać długo trwa sprawie sprawa skandal najgorsza obsługa obsługi telefon numer
kod kodu nowa nowe nowy zły zła błąd uszkodzona uszkodzony wielkie widzenia jedno coś mojej zrobić zrobiłem
dzien dziekuje dzieki prosze moge juz dziala dzialaja zapomnialem zapomnialam hasla haslo przesylka przesylki
platnosc zamowienie pieniadze pieniedzy wciaz czlowiekiem rozmawiac polaczyc`,
  es: `favor abre abro hackearon desbloquear desbloqueen devolución perfil mensaje error web página comprar compré precio comisión comisiones caro borrar datos rápido encargado agotado camino cambié mandé pagué vuestra vuestro responde responder tiempo hacer poder el la los las lo un una unos unas de del al a en con por para sin sobre entre hasta desde y o pero que
qué si sí no ni ya muy más menos también tampoco todavía aún solo sólo mi mis tu tus su sus me te se le les nos
os yo tú él ella usted ustedes este esta esto estos estas ese esa eso aquí ahí allí hay es son soy eres era fue
está están estoy estás estaba he ha han has hemos había tengo tiene tienen tenía puedo puede pueden quiero
quiere necesito necesita hago hace hizo hecho dicho dije como cómo cuando cuándo donde dónde cuál cuánto
cuánta cuántos porque nada nadie alguien algo algún alguna ningún ninguna otro otra siempre nunca ahora hoy
ayer mañana semana días día horas hora minutos vez veces dos mil hola buenos buenas tardes noches gracias
muchas favor ayuda ayudar ayúdenme adiós vale perfecto genial pedido pedidos paquete envío entrega repartidor
dirección cambiar cambio cancelar cancelen reembolso devolución devolver devuelven dinero cobro cobraron
cobrado cargo cargos pago pagar tarjeta tarjetas bloqueada bloqueado bloquear bloqueen robado robaron perdido
cuenta cuentas contraseña iniciar sesión enlace código correo llamar llamada hablar persona humano agente
reclamación queja servicio atención cliente clientes esperando espera sigo llevo tarda tardan tanto llega
llegado llegó funciona funcionan sirve servido olvidé recibido recibí equivocado roto factura suscripción
transferencia pendiente nuevo nueva problema pregunta respuesta vergüenza peor horario aplicación vuestro
mudado pásame deja usó caso novedad descargo cancelo cambio reconozco contrasena olvide esta tambien`,
  de: `gehackt entsperrt retoure rückgabe umtausch gutschein gutscheincode ungültig vorgesetzten webseite seite fehlermeldung schnelle schnell ausverkauft handynummer löschen löscht daten gebühren teuer kaufen gekauft preis profil einstellungen nachricht wer der die das den dem des ein eine einen einem einer eines und oder aber wenn dann weil dass ob als wie was
wer wo wann warum wieso welche welcher ich du er sie es wir ihr mein meine meinen meinem meiner mir mich dich
dir sich uns euch ihnen ihm ihn sein seine ist sind war waren bin bist hat habe haben hatte hatten wird werden
wurde wurden kann kannst können konnte muss müssen möchte möchten will wollen soll sollte würde nicht kein
keine keinen nichts nie noch schon immer wieder auch nur sehr so zu zum zur mit von vom für auf an am im in
aus bei beim nach über um unter vor seit bis ohne durch hier da dort jetzt heute gestern morgen bitte danke
dank vielen vielmals schön hallo guten tag abend tschüss hilfe helfen bestellung bestellungen bestellt paket
pakete lieferung geliefert liefern versand sendung sendungsnummer lieferadresse adresse ändern ändere
geändert stornieren storniert rückerstattung erstattung geld zurück zahlung zahlungen bezahlt bezahlen
abbuchung abgebucht berechnet gebühr karte karten kreditkarte gesperrt sperren entsperren gestohlen verloren
abgelehnt konto passwort vergessen anmelden einloggen nummer telefon anrufen zurückrufen mitarbeiter
mitarbeiterin menschen mensch person jemand jemandem jemanden sprechen reden verbinden kundenservice
kundendienst service beschwerde beschweren frechheit nutzlos schlechteste schlechtester warte warten wartet
stunden minuten tage woche lange dauert angekommen kommt kam erhalten bekommen bekomme funktioniert geht
kaputt beschädigt falsch falscher falsche neue neuen neu rechnung abo kündigen kündige überweisung frage
fragen antwort antwortet problem fehler stürzt öffnet erreichbar neuigkeiten fall geholfen gemacht gesagt
echten einloggen bleibt doppelt ständig ja trotzdem doch umgezogen moechte koennen fuer ueber zurueck`,
  fr: `piraté débloquez débloquer retour échange promo valide responsable site panne erreur rapide énervant rupture stock payer acheté acheter prix supprimer supprimez données élevés cher profil message allô trompé c'est j'ai n'est n'ai m'a l'ai qu'il s'il d'aide inutile utile le la les l un une des du de d au aux et ou mais donc car que qu qui quoi dont où si ne n pas plus rien
jamais personne je j tu il elle on nous vous ils elles me m te t se s moi toi lui leur mon ma mes ton ta tes son
sa ses notre nos votre vos ce c cet cette ces ça cela ceci est suis es sont été être ai as a avons avez ont
avoir fait faire peux peut pouvez pouvons veux veut voulez voudrais voudrait dois doit devez vais va allez dans
sur sous avec sans pour par chez vers depuis pendant avant après encore toujours déjà très trop bien aussi comme
comment quand pourquoi combien quel quelle quels quelles y en oui non merci bonjour bonsoir salut revoir
madame monsieur svp plaît commande commandes commandé colis livraison livré livreur adresse changer modifier
annuler annulez remboursement remboursé rembourser argent paiement payé prélèvement débité facturé facture
frais carte cartes bloquée bloqué bloquer bloquez volé volée perdu compte mot passe oublié connecter connexion
lien reçu reçois recevoir appeler rappeler téléphone conseiller conseillère humain quelqu'un quelqu parler
service client clients réclamation plainte inadmissible inacceptable nul pire attends attendre attente heures
minutes jours semaine hier aujourd'hui demain arrivé arrivée arrive marche fonctionne plante ouvre nouvelle
nouveau mauvais abîmé cassé problème question réponse répond abonnement résilier virement dossier aide aidez
besoin étranger horaires suivi numéro petite journée bonne mille mercis trouver arrive oublie recu ca probleme`,
  pt: `favor abre abro hackearam desbloquear desbloqueiem devolução perfil mensagem erro site página comprar comprei preço taxa taxas caro apagar apaguem dados rápido rápida gerente esgotado mudei coisa celular saiu sumiu vocês tanto tempo fazer poder o a os as um uma uns umas de do da dos das no na nos nas ao à aos em com por para pelo pela sem sobre
até desde e ou mas que se não sim já muito mais menos também ainda só eu você vocês ele ela nós eles elas me te
lhe meu minha meus minhas seu sua seus suas este esta isto esse essa isso aqui aí lá há é são sou está estão
estou estava foi foram ser ter tenho tem têm tinha posso pode podem quero quer preciso precisa fiz fez feito
como quando onde quem qual quanto porque nada ninguém alguém algo algum alguma nenhum outro outra vez vezes
sempre nunca agora hoje ontem amanhã semana dias horas hora dois duas mil olá oi bom boa dia tarde noite
obrigado obrigada valeu tchau ajuda ajudar ajude ajudou socorro pedido pedidos encomenda entrega entregador
envio endereço mudar alterar altero trocar cancelar cancelem reembolso estorno dinheiro cobrado cobraram
cobrança pagamento pagar cartão cartões bloqueado bloqueada bloquear bloqueiem roubado clonado perdi perdido
conta senha entrar acessar código ligar atendente atendimento pessoa humano falar reclamação absurdo pior
esperando aguardando demora demorando chegou chega chegar funciona funcionando recebi recebido errado
danificada danificado novo nova fatura assinatura transferência pendente problema pergunta resposta responde
aplicativo trava rastreio cadê esqueci tudo bem verdade passa baixo mudo novidade ótimo nao cartao voce`,
  it: `hackerato sbloccate sbloccare reso cambio sconto valido responsabile sito errore messaggio veloce esaurito pagare comprato prezzo commissioni caro cancellate dati profilo viaggio cellulare sbagliato esce pronto tanto tempo blocca blocco fare potere il lo la i gli le un uno una di del dello della dei degli delle a al allo alla ai agli alle da dal dalla
in nel nello nella nei con su sul sulla per tra fra e o ma che chi cui se non sì no già molto più meno anche
ancora solo io tu lui lei noi voi loro mi ti ci vi si mio mia miei mie tuo tua suo sua nostro vostro questo
questa questi quello quella qui qua lì là c'è dov'è è sono sei siamo siete era stato stata essere ho hai ha
abbiamo avete hanno avevo avere posso può possono voglio vuole vorrei devo deve faccio fatto come quando dove
perché perche quanto quanta cosa niente nessuno qualcuno qualcosa qualche altro altra volta volte sempre mai
ora adesso oggi ieri domani settimana giorni ore minuti due mille ciao buongiorno buonasera salve grazie
prego arrivederci aiuto aiutatemi aiutare favore ordine ordini pacco spedizione consegna corriere
indirizzo cambiare cambio modificare annullare annullate rimborso soldi addebito addebitato pagamento pagare
pagato carta bloccata bloccato bloccare bloccate rubata persa perso conto account password dimenticato
accedere accesso codice chiamare richiamarmi telefono operatore persona umano parlare assistenza servizio
clienti reclamo vergogna peggior peggiore inutile aspetto aspettando attesa arriva arrivato arrivata funziona
funzionano ricevuto sbagliato danneggiato nuova nuovo fattura abbonamento bonifico sospeso problema domanda
risposta risponde estero riesco serve tracciamento pratica bisogno davvero utile sto potete avete disdico
scarico dimenticato va`,
};

// Characters (or letter sequences) that are typical of one language, with weights. A diacritic
// shared by several languages gets a weight in each.
const CHAR_FEATURES: Array<[RegExp, Partial<Record<(typeof LATIN_LANGUAGES)[number], number>>]> = [
  [/[ąęłńśźż]/gu, { pl: 3 }],
  [/ć/gu, { pl: 2 }],
  [/ó/gu, { pl: 1, es: 1, pt: 0.5 }],
  [/[äöß]|(?<!g)ü|ü(?![ei])/gu, { de: 3 }],
  [/gü[ei]/gu, { es: 3 }], // Spanish diaeresis: vergüenza, averigüe
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
  [/ow(?:a|y|ie|an)/gu, { pl: 0.4 }],
  [/sch|cht|ung\b|ei|tz|lich\b|keit\b/gu, { de: 0.5 }],
  [/th|ing\b|wh|ck\b|ght|ee|oo/gu, { en: 0.5 }],
  [/ción\b|\bll|(?<![qgea])ue/gu, { es: 0.5 }],
  [/ção\b|ções\b|nh[aeo]|lh[aeo]|ão\b|[bcdfghjlmnpqrstvxz]ou\b/gu, { pt: 0.7 }],
  [/[dlnrtv]ei\b/gu, { pt: 0.5 }], // first-person past: mudei, falei, cancelei
  [/zion[ei]\b|gli\b|cch|zz|\bch[ei]\b|gn[aeio]|uto\b|iamo\b/gu, { it: 0.7 }],
  [/eau|aux\b|oi|ez\b|eux\b/gu, { fr: 0.5 }],
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
const URLISH =
  /\S*(?:@|:\/\/|www\.)\S*|\b[\p{L}\d-]+(?:\.[\p{L}\d-]+)*\.(?:com|org|net|io|app|co|[a-z]{2})\b\S*/gu;
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
  // Addresses and links are not words of any language ("com" would count for Portuguese).
  const words = sample.replace(URLISH, ' ');
  return detectLatin(words.toLowerCase(), minConfidence, options.candidates);
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

const EN = 0;
const FR = 4;
const IT = 6;
const addRow = (scores: Float64Array, row: Float64Array | undefined) => {
  if (row) for (let i = 0; i < row.length; i++) scores[i]! += row[i]!;
};

/** English contractions (don't, I'm) vs French/Italian elision (j'ai, l'ordre, dell'ordine). */
function scoreApostrophe(
  word: string,
  apostrophe: number,
  table: Map<string, Float64Array>,
  scores: Float64Array,
) {
  const head = word.slice(0, apostrophe);
  const tail = word.slice(apostrophe + 1);
  if (/^(t|m|re|ve|ll|s|d)$/.test(tail)) {
    scores[EN]! += 1;
    addRow(scores, table.get(head));
    return;
  }
  if (/^(j|qu|jusqu|lorsqu|puisqu|n|d|s|m|t)$/.test(head)) scores[FR]! += 0.7;
  else if (/^(dell|nell|all|dall|sull|un|quest|quell|dov|com|cos|po)$/.test(head)) scores[IT]! += 0.7;
  else if (head === 'l' || head === 'c') {
    scores[FR]! += 0.35;
    scores[IT]! += 0.35;
  }
  addRow(scores, table.get(tail));
}

const EVIDENCE_DIV = 2.5;

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
    const row = table.get(word);
    if (row) for (let i = 0; i < row.length; i++) scores[i]! += row[i]!;
    else {
      const apostrophe = word.indexOf("'");
      if (apostrophe > 0) scoreApostrophe(word, apostrophe, table, scores);
    }
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
  // Share of evidence for the winner, damped when there is little evidence at all (one known
  // word gives 0.4) and when the runner-up is close (a tie gives at most 0.5 × share).
  const share = top / total;
  const margin = (top - second) / top;
  const evidence = Math.min(1, top / EVIDENCE_DIV);
  const confidence = round(Math.min(1, (0.5 * share + 0.5 * margin) * evidence));
  if (confidence < minConfidence) return { language: 'und', confidence, script: 'Latn', scores: named };
  return { language: LATIN_LANGUAGES[best]!, confidence, script: 'Latn', scores: named };
}
