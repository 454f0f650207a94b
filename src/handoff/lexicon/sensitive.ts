// Sensitive and complex topics that go to a person at once, per language. Written for this
// project (MIT, no third-party data). Patterns run on text normalised by `normalizeText`.
import type { HandoffLanguage } from './requests';

/** The built-in sensitive topics. */
export const SENSITIVE_TOPICS = [
  'self_harm',
  'fraud',
  'lost_or_stolen_card',
  'unauthorised_payment',
  'legal_threat',
  'bereavement',
  'data_protection',
  'staff_complaint',
] as const;
/** A built-in sensitive topic id. */
export type SensitiveTopic = (typeof SENSITIVE_TOPICS)[number];

/**
 * Default priority (1 = most urgent) of each built-in topic. Safety first (self-harm), then money
 * at risk right now (fraud, a lost card that must be blocked), then disputes and regulatory
 * matters; the order follows the usual "stop the loss first" triage of bank contact centres.
 */
export const SENSITIVE_TOPIC_PRIORITY: Record<SensitiveTopic, 1 | 2 | 3> = {
  self_harm: 1,
  fraud: 1,
  lost_or_stolen_card: 1,
  unauthorised_payment: 2,
  legal_threat: 2,
  bereavement: 2,
  data_protection: 3,
  staff_complaint: 3,
};

/** Compiled patterns for one topic in one language. */
export interface SensitivePattern {
  topic: SensitiveTopic;
  language: HandoffLanguage;
  pattern: RegExp;
}

const G = (max: number) => `[^.!?;\\n]{0,${max}}?`;

type Table = Record<SensitiveTopic, Partial<Record<HandoffLanguage, string[]>>>;

function table(): Table {
  return {
    self_harm: {
      en: [
        `\\b(?:kill (?:myself|me)|killing myself|end (?:my|it all|my own) life|end it all|take my (?:own )?life|suicid\\w*|hurt(?:ing)? myself|harm(?:ing)? myself|self[- ]harm|(?:don'?t|do not) want to (?:live|be alive|be here) anymore|no reason to live|better off dead|want to die)\\b`,
      ],
      pl: [
        `\\b(?:zabic sie|zabije sie|samobojstw\\w*|samobojcz\\w*|odebrac sobie zycie|odbiore sobie zycie|nie chce (?:juz )?zyc|skonczyc ze soba|skoncze ze soba|zrobic sobie krzywde|zrobie sobie krzywde|chce umrzec|targnac sie na)\\b`,
      ],
      zh: [`自杀|自尽|轻生|不想活|活不下去|想死|结束(?:自己的)?生命|伤害自己|寻死|了结自己`],
      es: [
        `\\b(?:suicid\\w*|matarme|quitarme la vida|no quiero (?:seguir )?vivir|hacerme dano|acabar con mi vida|quiero morir(?:me)?|me quiero morir)\\b`,
      ],
      de: [
        `\\b(?:selbstmord\\w*|suizid\\w*|mich umbringen|mir das leben nehmen|nicht mehr leben|mir etwas antun|mir was antun|will sterben|mochte sterben|selbst verletzen)\\b`,
      ],
      fr: [
        `\\b(?:suicid\\w*|me suicider|me tuer|mettre fin a (?:mes jours|ma vie)|en finir avec la vie|je veux mourir|me faire du mal|ne plus vivre|envie de mourir)\\b`,
      ],
    },
    fraud: {
      en: [
        `\\b(?:fraud\\w*|scam(?:med|mer|mers)?|phishing|identity theft|stolen identity|hacked|hacker|compromised|someone (?:hacked|accessed|got into|is using) my (?:account|card)|fake (?:email|call|sms|text|website) (?:from|pretending))\\b`,
        `\\b(?:someone|somebody|some one|a stranger)(?: else| other than me| besides me)?(?: (?:is|was|has been|might be|may be|must be|could be|might have been|may have been))? (?:using|used|utili[sz]ing|making (?:transactions|purchases|payments) (?:on|with)|took|stole|got|gained access to|accessed|had access to|has access to) (?:to )?(?:my|the info on my|the details of my) (?:card|account|details|card details|card information|card info|information)\\b`,
        `\\b(?:my )?(?:card|account)(?: details| info| information)? (?:was|were|has been|have been|got|is being) (?:used|stolen|compromised|hacked|accessed) (?:by (?:someone|somebody) else|without (?:my )?(?:permission|authori[sz]ation|consent|knowledge))`,
        `\\b(?:card |account )?(?:details|info|information) (?:was|were|has been|have been|got|seems to have been|seem to have been) (?:stolen|compromised|hacked|leaked)\\b`,
        `\\b(?:card|account) (?:was|were|has been|have been|got|is) (?:compromised|hacked)\\b`,
        `\\b(?:suspicious|unusual|strange|questionable) (?:activity|spending|transactions?|charges?|logins?)\\b`,
        `\\bwithout my (?:permission|authori[sz]ation|consent|knowledge)\\b`,
      ],
      pl: [
        `\\bktos (?:inny )?(?:uzywa|uzyl|korzysta|skorzystal|placi|zaplacil)\\w* (?:z )?(?:mojej|moja|moich) (?:karty|karta|danych)|\\bbez mojej (?:zgody|wiedzy)|\\b(?:oszust\\w*|oszuk\\w*|wyludz\\w*|phishing\\w*|wlamani\\w*|wlamal\\w*|zhakowa\\w*|shakowa\\w*|podszy\\w*|kradziez tozsamosci|przekret\\w*|wyłudz\\w*|ktos (?:zalogowal sie|ma dostep|uzywa) (?:na )?moje\\w*)\\b`,
      ],
      zh: [
        `有人(?:在)?(?:用|使用|盗用)我的(?:卡|银行卡|信用卡|账户|账号)|诈骗|欺诈|被骗|骗子|钓鱼(?:网站|短信|邮件|链接)|盗号|盗刷|账户被盗|账号被盗|身份被盗|冒用|被黑|黑客|骗了`,
      ],
      es: [
        `\\balguien (?:mas )?(?:esta usando|uso|ha usado|usa|utiliza|ha utilizado) mi (?:tarjeta|cuenta|datos)|\\bsin mi (?:permiso|autorizacion|consentimiento)|\\b(?:fraude\\w*|fraudulent\\w*|estafa\\w*|estafad\\w*|timo|timaron|phishing|suplantacion de identidad|robo de identidad|hackea\\w*|jaquea\\w*|me han hackeado|cuenta comprometida)\\b`,
      ],
      de: [
        `\\bjemand (?:anderes )?(?:benutzt|nutzt|verwendet|hat) (?:meine|meiner) (?:karte|kartendaten|daten)\\w*|\\bohne mein (?:wissen|einverstandnis)|\\b(?:betrug\\w*|betruger\\w*|betrogen|phishing|identitatsdiebstahl|gehackt|abzocke|abgezockt|scam|hacker|konto (?:wurde )?kompromittiert)\\b`,
      ],
      fr: [
        `\\bquelqu'un (?:d'autre )?(?:utilise|a utilise|se sert de|s'est servi de) (?:ma|mes) (?:carte|compte|donnees)|\\bsans mon (?:accord|autorisation|consentement)|\\b(?:fraud\\w*|arnaqu\\w*|escroqu\\w*|phishing|hameconnage|usurpation d'identite|pirate|piratage|hacke|compte compromis)\\b`,
      ],
    },
    lost_or_stolen_card: {
      en: [
        `\\b(?:lost|stolen|misplaced|can'?t find|cannot find|someone stole|somebody stole|stole|robbed|pickpocketed|mugged)\\b${G(30)}\\b(?:card|wallet|purse|credit card|debit card|bank card)s?\\b`,
        `\\b(?:card|wallet|purse)s? (?:was|got|has been|have been|is|were|been|went) (?:lost|stolen|taken|missing|nicked|swallowed)\\b`,
        `\\b(?:block|freeze|cancel|lock|stop|deactivate) (?:my|the|this) (?:credit |debit |bank |lost |stolen )?card\\b`,
      ],
      pl: [
        `\\b(?:zgubil\\w*|zgubion\\w*|ukradl\\w*|ukradzion\\w*|skradzion\\w*|kradziez\\w*|zagubion\\w*|zginel\\w*|zginela|nie moge znalezc|okradzion\\w*)${G(30)}(?:kart\\w*|portfel\\w*)`,
        `\\bkart\\w*${G(25)}(?:zgubion\\w*|ukradzion\\w*|skradzion\\w*|zgubil\\w*|ukradl\\w*|zginela)`,
        `\\b(?:zastrzec|zastrzez\\w*|zablokuj\\w*|zablokowac|zastrzezenie|blokada)${G(12)}kart\\w*`,
      ],
      zh: [
        `(?:卡|钱包|银行卡|信用卡)${G(8)}(?:丢|掉了|遗失|被偷|被盗|被抢|不见了|找不到)`,
        `(?:丢|遗失|被偷|被盗|被抢|偷)了?${G(6)}(?:卡|钱包)`,
        `挂失|冻结(?:我的)?(?:银行卡|信用卡|卡)`,
      ],
      es: [
        `\\b(?:perdi|he perdido|perdida|extravie|extraviada|me robaron|me han robado|robada|robo|hurto|no encuentro)${G(30)}(?:tarjeta|cartera|billetera)`,
        `\\btarjeta${G(20)}(?:perdida|robada|extraviada)`,
        `\\b(?:bloquear|cancelar|congelar|bloqueen|bloqueame)(?: mi| la)? tarjeta`,
      ],
      de: [
        `\\b(?:verloren|gestohlen|geklaut|entwendet|abhanden|verlegt)${G(20)}(?:karte|geldborse|portemonnaie|brieftasche)`,
        `\\b(?:karte|kreditkarte|bankkarte|ec-karte|girokarte|geldborse|portemonnaie|brieftasche)${G(30)}(?:verloren|gestohlen|geklaut|entwendet)`,
        `\\b(?:karte (?:sperren|sperrung)|(?:sperren sie|sperrt|sperre) (?:meine|die|bitte meine) (?:\\w+)?karte|kartensperre)`,
      ],
      fr: [
        `\\b(?:perdu|vole|volee|egare|egaree|derobe|on m'a vole|je ne trouve plus)${G(30)}(?:carte|portefeuille)`,
        `\\bcarte${G(25)}(?:perdue|volee|egaree|derobee)`,
        `\\b(?:bloquer|faire opposition|opposition sur|faire opposition sur)(?: ma| la)? carte`,
      ],
    },
    unauthorised_payment: {
      en: [
        `\\b(?:unauthori[sz]ed|didn'?t (?:make|authori[sz]e|recogni[sz]e|do)|did not (?:make|authori[sz]e|recogni[sz]e)|don'?t recogni[sz]e|do not recogni[sz]e|never made|unknown|strange|suspicious)\\b${G(30)}\\b(?:payments?|transactions?|charges?|purchases?|withdrawals?|transfers?|debits?|direct debits?)\\b`,
        `\\b(?:payments?|transactions?|charges?|purchases?|withdrawals?|debits?)\\b${G(30)}\\b(?:i (?:didn'?t|did not|never) (?:make|authori[sz]e|do)|not (?:mine|made by me|authori[sz]ed)|i don'?t recogni[sz]e)`,
        `\\bchargeback\\b`,
        `\\b(?:withdr[ae]w\\w*|withdrawl|took out (?:cash|money)|got cash|cash|money|payments?|charges?|purchases?|transactions?|debits?)\\b${G(60)}\\b(?:i (?:didn'?t|did not|never|definitely didn'?t|haven'?t|have not) (?:make|made|do|done|authori[sz]e|withdraw|take|took|buy|bought|perform|complete|initiate|order|recogni[sz]e|get it|get)|(?:it )?(?:was not|wasn'?t|is not|isn'?t) (?:me|mine|done by me|made by me)|not (?:done|made) by me|has not be(?:en)? done by me|i (?:don'?t|do not) (?:remember|recogni[sz]e|recall)|i'?m not (?:familiar|sure)|i am not (?:familiar|sure))`,
        `\\b(?:unfamiliar|random|unknown|unexpected) (?:merchant|payment|charge|withdrawal|transaction|name|debit)s?\\b|\\bnever seen (?:that|this|the) (?:name|merchant|payment|charge) before\\b|\\b(?:someone|somebody)(?: just)? (?:made|took|did) (?:a |an )?(?:\\S+ )?(?:cash )?(?:withdrawal|payment|purchase|transaction)`,
      ],
      pl: [
        `\\b(?:nieautoryzowan\\w*|niezlecon\\w*)`,
        `\\b(?:nie (?:zlecal\\w*|robil\\w*|dokonywal\\w*|autoryzowal\\w*|rozpoznaj\\w*|kojarz\\w*)|nieznan\\w*|podejrzan\\w*)${G(30)}(?:platnos\\w*|transakcj\\w*|przelew\\w*|obciazen\\w*|wyplat\\w*|pobran\\w*)`,
        `\\b(?:platnos\\w*|transakcj\\w*|przelew\\w*|obciazen\\w*|wyplat\\w*)${G(30)}(?:nie (?:zlecal|robil|dokonywal|autoryzowal)\\w*|nie moj\\w*|nie rozpoznaje)`,
      ],
      zh: [
        `(?:不是我|我(?:并)?没有?(?:做|进行|授权|买|消费|刷|付|支付|操作)过?|未经(?:我的?)?(?:授权|同意)|未授权|陌生|不明|莫名其妙|可疑)${G(10)}(?:扣款|扣费|付款|支付|消费|交易|转账|刷卡|扣了|扣钱)`,
        `(?:扣款|交易|消费|转账|付款)${G(8)}不是我`,
      ],
      es: [
        `\\bno autorizad\\w*`,
        `\\b(?:no (?:reconozco|hice|he hecho|autorice|realice)|desconocid\\w*|sospechos\\w*)${G(30)}(?:cargos?|pagos?|compras?|transaccion\\w*|cobros?|retiros?|transferencias?)`,
        `\\b(?:cargos?|pagos?|compras?|transaccion\\w*|cobros?)${G(30)}(?:que no (?:reconozco|hice|autorice|realice|he (?:hecho|realizado|autorizado))|desconocid\\w*)`,
      ],
      de: [
        `\\b(?:nicht autorisiert\\w*|unautorisiert\\w*|unberechtigt\\w*)`,
        `\\b(?:nicht (?:getatigt\\w*|veranlasst\\w*|autorisiert\\w*)|unbekannt\\w*|fremd\\w*|verdachtig\\w*)${G(30)}(?:zahlung\\w*|abbuchung\\w*|buchung\\w*|transaktion\\w*|uberweisung\\w*|lastschrift\\w*|belastung\\w*)`,
        `\\b(?:zahlung|abbuchung|buchung|transaktion|uberweisung|lastschrift|belastung)\\w*${G(40)}(?:nicht (?:getatigt|veranlasst|autorisiert|gemacht|durchgefuhrt)|kenne ich nicht|nicht von mir|erkenne ich nicht)`,
      ],
      fr: [
        `\\bnon autorise\\w*`,
        `\\b(?:je n'ai (?:pas|jamais) (?:fait|effectue|autorise)|inconnu\\w*|suspect\\w*)${G(30)}(?:paiement|prelevement|transaction|debit|achat|virement)s?`,
        `\\b(?:paiement|prelevement|transaction|debit|achat|virement)s?${G(40)}(?:non autorise|que je n'ai (?:pas|jamais) (?:fait|effectue|autorise)|que je ne reconnais pas)`,
      ],
    },
    legal_threat: {
      en: [
        `\\b(?:lawyers?|attorneys?|solicitors?|legal action|legal proceedings|take (?:legal|you to court)|see you in court|(?:i will|i'll|i am going to|i'm going to|gonna) sue|suing you|lawsuit|small claims|ombudsman|class action|trading standards|cfpb|report you to the (?:regulator|authorities|fca|bbb))\\b`,
      ],
      pl: [
        `\\b(?:prawnik\\w*|adwokat\\w*|radc\\w* prawn\\w*|pozew|pozwe|pozwac|pozwiemy|pozwie|do sadu|w sadzie|sadow\\w*|rzecznik\\w* (?:praw|finansow)\\w*|uokik|kroki prawne|krokow prawnych|droge sadowa|drodze sadowej)\\b`,
      ],
      zh: [
        `律师|起诉|法院|告你们|诉讼|法律途径|法律手段|打官司|仲裁|消协|消费者协会|12315|银保监|监管部门|投诉到`,
      ],
      es: [
        `\\b(?:abogad\\w*|demandar\\w*|los voy a demandar|denunciar\\w*|voy a denunciar|juicio|tribunal\\w*|acciones? legal\\w*|medidas legales|via judicial|oficina de consumo|profeco|defensor del (?:cliente|consumidor))\\b`,
      ],
      de: [
        `\\b(?:anwalt|anwaltin|rechtsanwalt\\w*|anwalts\\w*|klage|verklagen|vor gericht|gerichtlich\\w*|rechtliche schritte|rechtlichen schritten|verbraucherzentrale|schlichtungsstelle|ombudsmann|bafin)\\b`,
      ],
      fr: [
        `\\b(?:avocat\\w*|poursuites?(?: judiciaires?| en justice)|porter plainte|deposer plainte|action en justice|tribunal|mediateur|huissier|association de consommateurs|dgccrf|poursuivre en justice|en justice)\\b`,
      ],
    },
    bereavement: {
      en: [
        `\\b(?:passed away|has passed|passed on|deceased|bereave\\w*|funeral|death certificate|estate of (?:my|the late)|executor of|probate|(?:my )?late (?:husband|wife|father|mother|mom|mum|dad|son|daughter|partner|brother|sister))\\b`,
        `\\b(?:husband|wife|father|mother|mom|mum|dad|son|daughter|partner|brother|sister|parent|grandmother|grandfather|grandma|grandpa|spouse|relative|he|she) (?:has |just |recently |sadly )?(?:died|passed)\\b`,
        `\\b(?:lost my|death of my|loss of my) (?:husband|wife|father|mother|mom|mum|dad|son|daughter|partner|brother|sister|grandmother|grandfather|spouse)\\b`,
      ],
      pl: [
        `\\b(?:zmarl\\w*|smierc\\w*|pogrzeb\\w*|zgon\\w*|odszedl|odeszla|nie zyje|akt zgonu|spadk\\w*|zalob\\w*)\\b`,
      ],
      zh: [
        `去世|过世|逝世|病逝|离世|死亡证明|丧事|葬礼|遗产|身故|(?:父亲|母亲|爸爸|妈妈|丈夫|妻子|老公|老婆|儿子|女儿|家人|爷爷|奶奶)(?:已经|刚刚)?(?:去世|过世|死了|走了)`,
      ],
      es: [
        `\\b(?:fallecio|fallecid\\w*|fallecimiento|murio|muerte de|defuncion|funeral|velorio|luto|herencia|difunt\\w*)\\b`,
      ],
      de: [
        `\\b(?:verstorben\\w*|gestorben|tod (?:meines|meiner)|todesfall|beerdigung|trauerfall|sterbeurkunde|erbschaft|nachlass|erbe)\\b`,
      ],
      fr: [
        `\\b(?:decede\\w*|deces|est mort|est morte|obseques|funerailles|enterrement|succession|acte de deces|defunt\\w*)\\b`,
      ],
    },
    data_protection: {
      en: [
        `\\b(?:gdpr|data protection|delete (?:all )?(?:of )?my (?:personal )?(?:data|information)|erase my (?:data|information)|right to (?:be forgotten|erasure|access)|subject access request|dsar|what (?:personal )?data do you (?:have|hold|store|keep)|my personal (?:data|information)|data breach|ccpa|privacy (?:request|complaint)|information commissioner|ico)\\b`,
      ],
      pl: [
        `\\b(?:rodo|dane osobowe|danych osobowych|usun\\w* (?:wszystkie )?moje dane|usuniecie (?:moich )?danych|prawo do bycia zapomnianym|ochron\\w* danych|uodo|wyciek\\w* danych|dostep do (?:moich )?danych)\\b`,
      ],
      zh: [`个人信息|个人数据|隐私|删除我的(?:数据|信息|资料|账户|账号)|数据泄露|信息泄露|个人资料`],
      es: [
        `\\b(?:rgpd|lopd|proteccion de datos|datos personales|borr\\w* (?:todos )?mis datos|elimin\\w* (?:todos )?mis datos|derecho al olvido|derecho de acceso|aepd|filtracion de datos)\\b`,
      ],
      de: [
        `\\b(?:dsgvo|datenschutz\\w*|personenbezogen\\w* daten|meine daten (?:loschen|loscht|geloscht)|loschung (?:meiner|aller|der) daten|recht auf vergessenwerden|auskunft uber (?:meine )?(?:gespeicherten )?daten|datenleck)\\b`,
      ],
      fr: [
        `\\b(?:rgpd|protection des donnees|donnees personnelles|supprim\\w* (?:toutes )?mes donnees|effac\\w* mes donnees|droit a l'oubli|droit d'acces|cnil|fuite de donnees)\\b`,
      ],
    },
    staff_complaint: {
      en: [
        `\\b(?:complain|complaint|report)\\b${G(40)}\\b(?:agent|employee|staff|representative|rep|member of staff|colleague|driver|technician|courier|manager|cashier|engineer)s?\\b`,
        `\\b(?:agent|employee|staff|representative|rep|driver|technician|courier|cashier|engineer|guy|woman|man|lady)s? (?:you sent |on the phone |i spoke to |who helped me )?(?:was|were|is|has been) (?:so |very |really |extremely |incredibly )?(?:rude|abusive|unprofessional|racist|sexist|aggressive|insulting|disrespectful|threatening|harassing|inappropriate|condescending)\\b`,
        `\\b(?:rude|abusive|unprofessional|racist|aggressive|disrespectful)\\s+(?:agent|employee|staff|representative|rep|driver|technician|courier|behaviou?r)`,
      ],
      pl: [
        `\\b(?:skarg\\w*|zazal\\w*|reklamacj\\w* na)${G(30)}(?:konsultant\\w*|pracownik\\w*|pracownic\\w*|obslug\\w*|kurier\\w*|doradc\\w*|pani|pana|technik\\w*)`,
        `\\b(?:konsultant\\w*|pracownik\\w*|pracownic\\w*|kurier\\w*|doradc\\w*|technik\\w*)${G(30)}(?:niegrzeczn\\w*|chamsk\\w*|opryskliw\\w*|bezczeln\\w*|nieprofesjonaln\\w*|obrazal\\w*|wulgarn\\w*|agresywn\\w*|nieuprzejm\\w*)`,
      ],
      zh: [
        `投诉${G(10)}(?:客服|员工|工作人员|快递员|司机|师傅|业务员|经理|人员)`,
        `(?:客服|员工|工作人员|快递员|司机|业务员|人员|师傅)${G(10)}(?:态度(?:很|非常|太|极其)?(?:差|恶劣|不好)|骂人|骂我|辱骂|不礼貌|没礼貌|威胁)`,
      ],
      es: [
        `\\b(?:queja|quejarme|reclamacion|reclamo|denunciar)${G(30)}(?:agente|emplead[oa]|asesor(?:a)?|personal|operador(?:a)?|repartidor|tecnico|trabajador(?:a)?)`,
        `\\b(?:agente|emplead[oa]|asesor(?:a)?|operador(?:a)?|repartidor|tecnico)${G(30)}(?:groser[oa]|maleducad\\w*|irrespetuos\\w*|agresiv\\w*|insult\\w*|falta de respeto|mal educad\\w*)`,
      ],
      de: [
        `\\bbeschwer\\w*${G(30)}(?:mitarbeiter\\w*|berater\\w*|angestellt\\w*|personal|fahrer\\w*|techniker\\w*|boten?|kurier\\w*)`,
        `\\b(?:mitarbeiter\\w*|berater\\w*|angestellt\\w*|personal|fahrer\\w*|techniker\\w*|boten?|kurier\\w*)${G(30)}beschwer\\w*`,
        `\\b(?:mitarbeiter\\w*|berater\\w*|fahrer\\w*|techniker\\w*|kurier\\w*)${G(30)}(?:unhoflich|unfreundlich|frech|respektlos|beleidigend|aggressiv|unverschamt|unprofessionell)`,
      ],
      fr: [
        `\\b(?:plainte|plaindre|reclamation|signaler)${G(30)}(?:conseiller\\w*|agent|employe\\w*|personnel|livreur\\w*|technicien\\w*|vendeu\\w*)`,
        `\\b(?:conseiller\\w*|agent|employe\\w*|livreur\\w*|technicien\\w*|vendeu\\w*)${G(30)}(?:impoli\\w*|grossier\\w*|irrespectueu\\w*|agressi\\w*|insultant\\w*|desagreable|mal poli)`,
      ],
    },
  };
}

let compiled: readonly SensitivePattern[] | undefined;

/** The compiled built-in sensitive-topic patterns (built once, on first use). */
export function sensitivePatterns(): readonly SensitivePattern[] {
  if (!compiled) {
    const out: SensitivePattern[] = [];
    const t = table();
    for (const topic of SENSITIVE_TOPICS) {
      for (const [language, sources] of Object.entries(t[topic]) as Array<[HandoffLanguage, string[]]>) {
        for (const source of sources) out.push({ topic, language, pattern: new RegExp(source, 'u') });
      }
    }
    compiled = out;
  }
  return compiled;
}
