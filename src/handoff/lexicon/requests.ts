// Phrase and pattern sets for explicit requests for a human, per language. Written for this
// project (MIT, no third-party data). Patterns run on text normalised by `normalizeText`
// (lower case, no diacritics, `ł→l`, `ß→ss`, traditional Chinese folded to simplified).
//
// Design: a request needs a *request form* (want / need / can I / imperative / "please") plus a
// *human noun* ("a real person", "konsultant", "人工"), so past-tense reports ("I talked to a person
// yesterday") and descriptions ("the agent was very helpful") do not match. A negation in the
// same clause ("I don't need an agent") cancels a match unless the pattern is itself a negated
// request ("I don't want to talk to a bot").

/** Languages with explicit-request, sensitive-topic and reply phrase sets. */
export const HANDOFF_LANGUAGES = ['en', 'pl', 'zh', 'es', 'de', 'fr'] as const;
/** A language the handoff detectors cover. */
export type HandoffLanguage = (typeof HANDOFF_LANGUAGES)[number];

/** One compiled pattern. */
export interface LexiconPattern {
  id: string;
  pattern: RegExp;
  /** The pattern is a negated request itself ("I don't want a bot"): skip the negation guard. */
  allowNegation?: boolean;
}

/** Phrase sets for one language. */
export interface RequestLexicon {
  language: HandoffLanguage;
  /** Patterns for an explicit request for a human. */
  explicit: LexiconPattern[];
  /** Whole messages (after removing punctuation) that are an explicit request on their own. */
  explicitWords: string[];
  /** Whole messages that are ambiguous ("agent", "help"): offer, do not escalate. */
  ambiguousWords: string[];
  /** Negation that cancels a match in the same clause. */
  negation: RegExp;
  /** How far back (characters) before the match the negation guard looks; whole clause if absent. */
  negationWindow?: number;
  /** Short replies that accept an offer ("yes", "tak", "好的"). */
  accept: string[];
  /** Short replies that decline an offer ("no thanks", "nie", "不用"). */
  decline: string[];
  /** Words that accept when they open the reply ("yes, …", "tak, …"). */
  acceptLead: string[];
  /** Words that decline when they open the reply ("no, …", "nie, …"). */
  declineLead: string[];
  /** Messages that cancel a pending handoff ("never mind", "算了"). */
  cancel: RegExp;
}

const GAP = (max: number) => `[^.!?;\\n]{0,${max}}?`;
const re = (source: string) => new RegExp(source, 'u');

function english(): RequestLexicon {
  const mod =
    '(?:(?:a|an|the|your|some|one of your|any|another|real|live|actual|human|proper|genuine|customer (?:service|support|care)|support|service) )*';
  const noun =
    '(?:human(?: beings?)?s?|person|people|agents?|representatives?|reps?|operators?|somebody|someone|anyone|anybody|(?:members? of )?staff(?: members?)?|members? of (?:your |the )?team|employees?|managers?|supervisors?|advisors?|advisers?|consultants?|colleagues?|customer (?:service|support|care)|support team|team members?|specialists?|live chat)\\b';
  const human = `${mod}${noun}`;
  const want =
    "(?:want|wanna|need|would like|'d like|wish|prefer|demand|(?:can|could|may|might) (?:i|we)|let me|let us|lemme|please|pls|plz|how (?:do|can|could) i|is it possible to|(?:is there )?(?:any|a) way to|i'd rather|rather|have to|trying to|try to|i must)";
  const talk =
    '(?:(?:talk|speak|chat|converse|communicate|get through|get in touch|be connected|be transferred|be put through|connect|deal|get connected|get transferred|talking|speaking|chatting|dealing) (?:to|with)|reach|contact|get hold of|get ahold of)';
  return {
    language: 'en',
    acceptLead: ['yes', 'yeah', 'yep', 'yup', 'sure', 'absolutely', 'definitely'],
    declineLead: ['no', 'nope', 'nah'],
    explicit: [
      { id: 'en.want_talk_to', pattern: re(`\\b${want}\\b${GAP(30)}\\b${talk} ${human}`) },
      {
        id: 'en.transfer_me',
        pattern: re(
          `\\b(?:connect|transfer|put|patch|forward|route|escalate|pass|hand|switch|redirect|send|get) (?:me|us|this|it|my (?:call|chat|case|issue|ticket|query|question)) (?:through |over |across |on )?(?:to|with) ${human}`,
        ),
      },
      {
        id: 'en.get_me',
        pattern: re(
          `\\b(?:get|give|find|bring|fetch) me (?:to )?(?:a |an |some |the |your )?(?:real |live |actual |proper )?(?:human|person|agent|representative|operator|someone|somebody|manager|supervisor|human being)\\b`,
        ),
      },
      {
        id: 'en.word_please',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:a |an |the )?(?:real |live |actual |human )?(?:human|person|agent|representative|operator|someone real|human being|manager|supervisor|customer service|real person)s?(?: now)?[ ,!]*(?:please|pls|plz|asap|now please|right now)\\b`,
        ),
      },
      {
        id: 'en.can_i_get',
        pattern: re(
          `\\b(?:can|could|may) (?:i|we) (?:please )?(?:get|have) (?:a |an |some |one of your )?(?:real |live |actual |human )?(?:human|person|agent|representative|operator|someone|somebody|human being|rep)s?\\b`,
        ),
      },
      {
        id: 'en.need_a',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:i |we )?(?:need|want) (?:a |an )?(?:real |live |actual |human )(?:human|person|agent|representative|operator|rep|human being)s?\\b`,
        ),
      },
      {
        id: 'en.i_want_a',
        pattern: re(
          `\\b(?:i want|i need|i'd like|i would like|i demand|i'm asking for|i am asking for|i request|requesting|i insist on|i want to see|give me|i'd prefer|i prefer)(?: to have)? (?:a |an |the |your |some )?(?:real |live |actual |human |proper )?(?:human|person|agent|representative|operator|manager|supervisor|human being|somebody real|someone real)s?\\b`,
        ),
      },
      {
        id: 'en.is_there',
        pattern: re(
          `\\b(?:(?:is there|are there) (?:a |an |any )?(?:real |live |actual |human )?(?:human|person|people|agents?|representatives?|operators?|staff|one|body|someone|somebody|anyone|anybody)|is anyone|is somebody|is someone|are any (?:agents?|humans?|people|representatives?|operators?)) ?(?:there|available|around|online|on the line|working|i can (?:talk|speak|chat) (?:to|with)|to (?:talk|speak|chat) (?:to|with))\\b`,
        ),
      },
      {
        id: 'en.imperative_talk',
        pattern: re(`(?:^|[.!?,;] ?)(?:just )?(?:talk|speak|chat) (?:to|with) ${human}`),
      },
      {
        id: 'en.not_a_bot',
        allowNegation: true,
        pattern: re(
          `\\b(?:don'?t|do not|dont) want (?:to (?:talk|speak|chat|deal) (?:to|with) )?(?:a |an |the |this |your )?(?:stupid |useless |dumb )?(?:bot|robot|machine|chatbot|computer|ai|automated (?:system|assistant))\\b|\\b(?:human|person|people|agent|someone real)s?,? not (?:a |an |the |this )?(?:bot|robot|machine|chatbot|computer|ai)\\b`,
        ),
      },
      {
        id: 'en.callback',
        pattern: re(
          `\\b(?:call me back|have (?:someone|somebody|an agent|a person) (?:call|contact|phone|ring) me|(?:can|could) (?:someone|somebody|an agent|a person|a human) (?:call|contact|phone|ring) me|i (?:want|need|'d like|would like) a (?:call ?back|phone call)|request a call ?back)\\b`,
        ),
      },
      { id: 'en.escalate', pattern: re(`\\bescalate (?:this|it|me|my (?:case|issue|ticket))\\b`) },
    ],
    explicitWords: [
      'human',
      'humans',
      'real person',
      'live agent',
      'human agent',
      'human being',
      'live person',
      'real human',
      'speak to human',
      'talk to human',
      'actual person',
      'a human',
      'a real person',
      'human please',
    ],
    ambiguousWords: [
      'agent',
      'agents',
      'an agent',
      'operator',
      'representative',
      'rep',
      'person',
      'help',
      'help me',
      'helpdesk',
      'support',
      'customer service',
      'customer support',
      'staff',
      'someone',
      'anyone',
      'anybody',
      'somebody',
      'manager',
      'assistance',
    ],
    negation:
      /\b(?:don'?t|dont|do not|doesn'?t|does not|didn'?t|did not|no need|not necessary|not needed|needn'?t|won'?t|will not|would rather not|rather not|no longer|never|without)\b|\b(?:do|does|will|would) (?:i|we|you) (?:have|need) to\b/u,
    accept: [
      'yes',
      'yeah',
      'yep',
      'yup',
      'sure',
      'ok',
      'okay',
      'please',
      'y',
      'go ahead',
      'do it',
      'connect me',
      'yes please',
      'absolutely',
      'of course',
      'definitely',
      'alright',
      'sounds good',
    ],
    decline: [
      'no',
      'nope',
      'nah',
      'no thanks',
      'no thank you',
      'not now',
      "i'm fine",
      'im fine',
      'no need',
      'not yet',
      "i'm good",
      'no i am fine',
      'n',
    ],
    cancel:
      /\b(?:never ?mind|forget it|cancel(?: that| it| the (?:request|transfer|handoff))?|no longer needed|not needed anymore|i (?:found|figured|solved|fixed) it|it'?s (?:fixed|solved|sorted|working now|ok now|fine now)|all good now|don'?t need (?:an agent|a human|anyone) anymore)\b/u,
  };
}

function polish(): RequestLexicon {
  const human =
    '(?:(?:z|ze|do|na|jakims|jakas|jakiegos|innym|innego|prawdziwym|prawdziwa|prawdziwego|zywym|zywa|zywego|realnym|zywym) )*(?:konsultant(?:a|em|ow|ka|ke|ki|ami)?|czlowiek(?:a|iem|u)?|ludzmi|ludzi|osob(?:a|e|y|ie|ami)|pracownik(?:a|iem|ow|ami)?|pracownic(?:a|e|y)|doradc(?:a|e|y|ow)|agent(?:a|em|ow|ami|ka|ki)?|operator(?:a|em|ow)?|kims|kogos|kierownik(?:a|iem)?|przelozon(?:ym|ego|a)|specjalist(?:a|e|y|ow)|opiekun(?:a|em)?|obslug(?:a|e|i) klienta|biurem obslugi|infolini(?:a|e|i)|czlowiekiem)\\b';
  const want =
    '(?:chce|chcial(?:a|)bym|chcialabym|chcemy|moge|moglbym|moglabym|mozna|czy da sie|prosze o|prosze|poprosze|potrzebuje|wole|wolal(?:a|)bym|pozwol(?:cie)? mi|musze|daj(?:cie)? mi|zamierzam|jak moge|jak)';
  const talk =
    '(?:porozmawiac|rozmawiac|pogadac|mowic|pomowic|polaczyc sie|polaczenie|rozmowe|kontakt|kontaktu|przelaczyc|przekierowac|skontaktowac sie|pisac|popisac|zostac polaczon\\w*|byc polaczon\\w*)';
  return {
    language: 'pl',
    acceptLead: ['tak', 'jasne', 'pewnie', 'chetnie', 'oczywiscie'],
    declineLead: ['nie'],
    explicit: [
      { id: 'pl.want_talk_to', pattern: re(`\\b${want}\\b${GAP(30)}\\b${talk} (?:z|ze|do|na) ${human}`) },
      {
        id: 'pl.connect_me',
        pattern: re(
          `\\b(?:polacz|polaczcie|polaczyc|przelacz|przelaczcie|przelaczyc|przekieruj|przekierujcie|przekierowac|przekaz|przekazcie|zawolaj|zawolajcie|dawaj|daj|dajcie|zwolaj|podlacz|podlaczcie)(?: mnie| mi| nas| sprawe| rozmowe)? (?:z |ze |do |na )?${human}`,
        ),
      },
      {
        id: 'pl.want_a',
        pattern: re(
          `\\b(?:chce|potrzebuje|poprosze|prosze o|wole|zadam|domagam sie|chcial(?:a|)bym|chcialabym)(?: (?:z|do|rozmowy z|kontaktu z|polaczenia z))? (?:jakiegos |prawdziwego |zywego |innego )?(?:konsultant(?:a|ke|em)|czlowieka|osoby|osobe|pracownika|pracownice|doradcy|doradce|agenta|operatora|kierownika|przelozonego|specjalisty|kogos zywego|czlowiekiem|konsultantem)\\b`,
        ),
      },
      {
        id: 'pl.word_please',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:konsultant|czlowiek|konsultanta|czlowieka|pracownik|pracownika|doradca|agent|operator|zywy czlowiek)[ ,!]*(?:prosze|poprosze|pilnie|natychmiast|teraz|szybko)\\b`,
        ),
      },
      {
        id: 'pl.is_there',
        pattern: re(
          `\\bczy (?:jest|sa|bedzie|znajdzie sie) (?:tam |tu |tutaj )?(?:jakis |jakas |ktos |ktokolwiek )?(?:zywy|prawdziwy|dostepny|dostepna)?(?: ?(?:konsultant|konsultantka|czlowiek|pracownik|doradca|agent|operator|osoba|ktos)\\b)`,
        ),
      },
      {
        id: 'pl.not_a_bot',
        allowNegation: true,
        pattern: re(
          `\\bnie (?:chce|bede|zamierzam|mam zamiaru)(?: juz)? (?:rozmawiac|pisac|gadac|korespondowac) (?:z|ze) (?:tym |jakims |glupim )?(?:botem|robotem|maszyna|automatem|komputerem|programem|czatbotem|chatbotem|sztuczna inteligencja)\\b`,
        ),
      },
      {
        id: 'pl.callback',
        pattern: re(
          `\\b(?:prosze o|poprosze o|chce|chcial(?:a|)bym|chcialabym)? ?(?:kontakt telefoniczny|telefon od (?:konsultanta|pracownika|kogos)|oddzwonienie)\\b|\\b(?:niech|prosze, zeby|prosze aby) (?:ktos|konsultant|pracownik) (?:do mnie )?(?:zadzwoni|oddzwoni|sie odezwie|skontaktuje)`,
        ),
      },
    ],
    explicitWords: [
      'czlowiek',
      'zywy czlowiek',
      'prawdziwy czlowiek',
      'z czlowiekiem',
      'czlowieka',
      'do konsultanta',
      'z konsultantem',
      'konsultant prosze',
      'polacz z konsultantem',
    ],
    ambiguousWords: [
      'konsultant',
      'konsultanta',
      'konsultantka',
      'pomoc',
      'pomocy',
      'agent',
      'operator',
      'obsluga',
      'obsluga klienta',
      'doradca',
      'pracownik',
      'infolinia',
      'ratunku',
    ],
    negation:
      /\bnie (?:chce|chcial(?:a|)bym|chcialabym|potrzebuje|trzeba|musze|musisz|ma potrzeby|bede|wolno|zamierzam|prosze)\b|\bbez (?:konsultanta|czlowieka|pracownika)\b|\bniepotrzebn\w*|\bzbedn\w*/u,
    accept: [
      'tak',
      'poprosze',
      'prosze',
      'dobrze',
      'ok',
      'okej',
      'jasne',
      'chetnie',
      'oczywiscie',
      'tak prosze',
      'tak poprosze',
      'pewnie',
      'no tak',
      'dawaj',
    ],
    decline: [
      'nie',
      'nie dziekuje',
      'nie trzeba',
      'nie teraz',
      'nie, dziekuje',
      'dziekuje nie',
      'raczej nie',
      'nie potrzebuje',
    ],
    cancel:
      /\b(?:niewazne|nie wazne|anuluj|anulujcie|juz nie trzeba|juz niepotrzebne|juz niepotrzebny|juz dziala|sprawa rozwiazana|rozwiazane|zalatwione|jednak nie trzeba|nie trzeba juz|juz sobie poradzilem|juz sobie poradzilam)\b/u,
  };
}

function chinese(): RequestLexicon {
  const human =
    '(?:人工(?!智能|费|成本|翻译|合成|降雨|湖|呼吸|授精|智慧|岛|草)(?:客服|服务|坐席|座席|服务台|接听|客户服务|帮助)?|真人(?!秀)(?:客服|服务)?|活人|客服人员|客服专员|客服小姐|客服代表|工作人员|服务人员|业务员|你们?的?(?:经理|主管|负责人|员工|同事|客服)|经理|主管|专员|坐席|有人)';
  return {
    language: 'zh',
    acceptLead: ['好的', '好啊', '好吧', '是的', '可以', '行啊', '要的', '麻烦了'],
    declineLead: ['不', '不用', '不要', '不需要', '算了', '不必'],
    explicit: [
      {
        id: 'zh.transfer',
        pattern: re(
          `(?:转|转接|转到|转给|接通|接入|找|联系|叫|换成?|要|请|给我接|帮我接|帮我转|帮我找|接)(?:一下|一个|个|下|给|到|你们的?|我)?(?:一下|一个|个)?${human}`,
        ),
      },
      {
        id: 'zh.want_talk_with',
        pattern: re(
          `(?:要|想|需要|希望|请|麻烦|能不能|可不可以|可以|能否|能|让我|我要)[^.!?,;]{0,4}?(?:跟|和|与|同)${human}[^.!?,;]{0,6}?(?:说|谈|聊|沟通|通话|讲|对话|联系|交流)`,
        ),
      },
      {
        id: 'zh.let_human',
        pattern: re(`(?:让|叫|请)${human}[^.!?,;]{0,4}?(?:来|处理|联系|回复|接|跟进|打电话)`),
      },
      { id: 'zh.is_there', pattern: re(`有没有${human}|有${human}(?:吗|么|嘛)|${human}(?:在吗|在不在|呢)`) },
      {
        id: 'zh.human_please',
        pattern: re(`(?:人工|真人)(?:客服|服务)?[,!. ]*(?:谢谢|拜托|快点|马上|立刻|赶紧|求求)`),
      },
      {
        id: 'zh.not_a_bot',
        allowNegation: true,
        pattern: re(`不(?:想|要|愿意)(?:再)?(?:跟|和|与)?(?:这个)?(?:机器人|智能客服|自动回复|机器)`),
      },
      {
        id: 'zh.callback',
        pattern: re(
          `(?:请|麻烦|让|希望)?(?:人工|客服|工作人员|你们)[^.!?,;]{0,4}?(?:给我)?回(?:个)?电话|回电`,
        ),
      },
    ],
    explicitWords: [
      '人工',
      '人工客服',
      '人工服务',
      '转人工',
      '真人',
      '真人客服',
      '人工坐席',
      '找人工',
      '要人工',
      '转人工客服',
    ],
    ambiguousWords: ['客服', '帮助', '帮忙', '求助', '服务', '在吗', '有人吗', '救命', '投诉'],
    negation: /不(?:需要|用|要|想|必|打算|愿)|别|甭|无需|没必要|没有必要|不是要/u,
    negationWindow: 4,
    accept: [
      '好',
      '好的',
      '是',
      '是的',
      '可以',
      '要',
      '嗯',
      '行',
      '转吧',
      '好啊',
      '对',
      '需要',
      '麻烦了',
      '好的谢谢',
      '嗯嗯',
      'ok',
    ],
    decline: ['不', '不用', '不要', '不用了', '算了', '不需要', '不用谢谢', '暂时不用', '不必了', '不了'],
    cancel: /算了|取消|不用了|已经解决|问题解决了|不需要了|没事了|搞定了|好了不用/u,
  };
}

function spanish(): RequestLexicon {
  const human =
    '(?:(?:un|una|el|la|algun|alguna|tu|su|vuestro|otro|otra|con) )*(?:persona(?:s)?(?: real| humana| de verdad| fisica)?|humano|ser humano|agente(?:s)?(?: humano| real)?|asesor(?:a|es)?|operador(?:a)?|representante|ejecutiv[oa]|alguien(?: real| de verdad| de carne y hueso)?|encargad[oa]|supervisor(?:a)?|gerente|responsable|emplead[oa]|personal|atencion al cliente|soporte humano|servicio al cliente|especialista)\\b';
  const want =
    '(?:quiero|quisiera|necesito|me gustaria|puedo|podria|podemos|se puede|deseo|prefiero|dejame|dejeme|por favor|favor de|me puede|me puedes|me podria|me podrias|como puedo|como hago para|exijo)';
  const talk =
    '(?:hablar|charlar|conversar|comunicarme|contactar|platicar|chatear|pasar|ser atendid[oa]|que me atienda|que me pasen|que me comuniquen|que me transfieran|hablarlo)';
  return {
    language: 'es',
    acceptLead: ['si', 'claro', 'vale', 'dale'],
    declineLead: ['no'],
    explicit: [
      { id: 'es.want_talk_to', pattern: re(`\\b${want}\\b${GAP(30)}\\b${talk} (?:con|a) ${human}`) },
      {
        id: 'es.pass_me',
        pattern: re(
          `\\b(?:pasame|pasadme|pasenme|paseme|ponedme|comunicadme|conectadme|me (?:comunicas|comunica|pasas|pasa|pones|pone|conectas|conecta|transfieres|transfiere|derivas|deriva)|comunicame|comuniqueme|comuniquenme|conectame|conecteme|conectenme|transfiereme|transfierame|transfieranme|ponme|pongame|ponganme|derivame|deriveme|redirigeme|redirijame|comunicar|transferir|conectar|derivar)(?: (?:la llamada|el chat|mi caso))? (?:con|a) ${human}`,
        ),
      },
      {
        id: 'es.want_a',
        pattern: re(
          `\\b(?:quiero|necesito|exijo|pido|prefiero|dame|deme|solicito|quisiera)(?: (?:hablar con|que me atienda))? (?:un|una|el|la|a)?\\s?(?:humano|persona real|persona de verdad|agente(?: humano)?|asesor(?:a)?|operador(?:a)?|representante|persona|ser humano|supervisor(?:a)?|gerente|ejecutiv[oa])\\b`,
        ),
      },
      {
        id: 'es.word_please',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:un |una )?(?:humano|persona|agente|asesor|operador|representante|persona real|agente humano)[ ,!]*(?:por favor|porfa|xfa|ya|ahora|urgente)\\b`,
        ),
      },
      {
        id: 'es.is_there',
        pattern: re(
          `\\b(?:hay|habra|existe)(?: (?:algun|alguna|alguien|un|una))?(?: (?:persona|agente|asesor|humano|operador|ser humano))?(?: (?:disponible|real|ahi|de verdad|que me (?:atienda|ayude|pueda atender)|con quien hablar))`,
        ),
      },
      {
        id: 'es.attend_me',
        pattern: re(
          `\\bque me (?:atienda|llame|contacte) (?:una persona|un humano|un agente|alguien|un asesor|una persona real)`,
        ),
      },
      {
        id: 'es.not_a_bot',
        allowNegation: true,
        pattern: re(
          `\\bno quiero (?:hablar|chatear|seguir|escribir)(?: hablando)? con (?:un |el |este |una )?(?:bot|robot|maquina|contestador|programa|chatbot|asistente virtual)\\b`,
        ),
      },
      {
        id: 'es.callback',
        pattern: re(
          `\\b(?:llamenme|llameme|que me llamen|pueden llamarme|me pueden llamar|quiero que me llamen|solicito una llamada)\\b`,
        ),
      },
    ],
    explicitWords: [
      'humano',
      'persona real',
      'agente humano',
      'un humano',
      'hablar con un humano',
      'hablar con una persona',
      'una persona',
    ],
    ambiguousWords: [
      'agente',
      'ayuda',
      'persona',
      'asesor',
      'operador',
      'soporte',
      'asistencia',
      'atencion al cliente',
      'ayudame',
      'representante',
    ],
    negation:
      /\bno (?:quiero|necesito|hace falta|me hace falta|es necesario|deseo|hay necesidad|me interesa|quisiera|voy a)\b|\bsin (?:un|una|hablar)\b|\bya no\b/u,
    accept: [
      'si',
      'claro',
      'vale',
      'por favor',
      'de acuerdo',
      'dale',
      'ok',
      'si por favor',
      'bueno',
      'perfecto',
      'adelante',
      'okey',
      'sip',
    ],
    decline: [
      'no',
      'no gracias',
      'ahora no',
      'no hace falta',
      'no, gracias',
      'todavia no',
      'no es necesario',
    ],
    cancel:
      /\b(?:olvidalo|olvidelo|cancela(?:r)?|cancelalo|ya no hace falta|ya no es necesario|ya esta resuelto|ya lo resolvi|ya funciona|da igual|no importa)\b/u,
  };
}

function german(): RequestLexicon {
  const human =
    '(?:(?:einem|einer|einen|ein|eine|dem|den|der|ihrem|ihren|ihrer|eurem|euren|einen|echten|richtigen|menschlichen|realen|lebenden|zustandigen|echte|echter|persönlichen|personlichen) )*(?:mensch(?:en)?|mitarbeiter(?:in|innen|n)?|berater(?:in)?|kundenberater(?:in)?|kundenservice|kundendienst|sachbearbeiter(?:in)?|agent(?:en|in)?|person|ansprechpartner(?:in)?|jemand(?:em|en)?|vorgesetzten?|chef(?:in)?|support(?:-?mitarbeiter(?:in)?)?|servicemitarbeiter(?:in)?|operator|supportmitarbeiter(?:in)?|kollegen|kollegin|menschlichen mitarbeiter)\\b';
  const want =
    '(?:mochte|mochten|will|wollen|wurde gerne?|wurde|kann ich|konnte ich|kann man|darf ich|durfte ich|bitte|lass(?:en sie)? mich|lasst mich|moglich|brauche|wunsche|hatte gerne?|wie kann ich|wie komme ich)';
  const talk =
    '(?:sprechen|reden|telefonieren|chatten|schreiben|verbunden werden|verbinden|unterhalten|kontakt aufnehmen|in kontakt treten)';
  return {
    language: 'de',
    acceptLead: ['ja', 'gerne', 'gern', 'klar', 'jawohl', 'jo'],
    declineLead: ['nein', 'nee', 'ne'],
    explicit: [
      {
        id: 'de.want_talk_with',
        pattern: re(`\\b${want}\\b${GAP(40)}\\bmit ${human}${GAP(25)}\\b${talk}\\b`),
      },
      {
        id: 'de.connect_me',
        pattern: re(
          `\\b(?:verbinden sie mich|verbinde mich|verbindet mich|stellen sie mich|stell mich|leiten sie mich|leite mich|leitet mich|geben sie mich|gib mich)(?: bitte)?(?: (?:weiter|durch))?(?: (?:mit|an|zu))? ${human}`,
        ),
      },
      {
        id: 'de.forward_to',
        pattern: re(
          `\\b(?:an|zu|mit) ${human}${GAP(20)}(?:weiterleiten|durchstellen|weiterverbinden|verbinden|weitergeleitet|verbunden werden)\\b`,
        ),
      },
      {
        id: 'de.want_a',
        pattern: re(
          `\\b(?:ich (?:will|mochte|brauche|hatte gerne?|verlange|fordere|wunsche mir)|bitte|gib mir|geben sie mir|her mit)(?: bitte)? (?:einen|eine|einem|ein|mit einem|mit einer)? ?(?:echten |richtigen |menschlichen |lebenden )?(?:menschen|mitarbeiter(?:in)?|berater(?:in)?|kundenberater(?:in)?|sachbearbeiter(?:in)?|person|ansprechpartner(?:in)?|agenten|vorgesetzten|chef)\\b`,
        ),
      },
      {
        id: 'de.want_speak_acc',
        pattern: re(
          `\\b(?:mochte|will|kann ich|konnte ich|wurde gerne?|darf ich)${GAP(20)}\\b(?:einen|eine|ihren|ihre|den|die|jemanden) (?:echten |richtigen |zustandigen )?(?:mitarbeiter(?:in)?|berater(?:in)?|kundenberater(?:in)?|menschen|vorgesetzten|chef(?:in)?|sachbearbeiter(?:in)?|ansprechpartner(?:in)?|person) (?:sprechen|erreichen|haben|ans telefon)\\b`,
        ),
      },
      {
        id: 'de.word_please',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:einen |ein )?(?:mensch|menschen|mitarbeiter|berater|echten menschen|echter mensch|kundenberater|sachbearbeiter|agent)[ ,!]*(?:bitte|sofort|jetzt|schnell)\\b`,
        ),
      },
      {
        id: 'de.is_there',
        allowNegation: true,
        pattern: re(
          `\\b(?:gibt es|ist da|ist hier|gibt's)(?: (?:hier|da|auch|bei euch|bei ihnen))? (?:einen|eine|keinen|keine|jemanden|irgendeinen|irgendwen|niemanden|kein|auch)? ?(?:echten |richtigen |lebenden |menschlichen )?(?:menschen|mensch|mitarbeiter|person|jemand(?:en)?|berater|ansprechpartner)\\b`,
        ),
      },
      {
        id: 'de.not_a_bot',
        allowNegation: true,
        pattern: re(
          `\\b(?:will|mochte)(?: (?:nicht|nicht mehr|nicht langer|keinen))(?: (?:mit|mehr mit))? (?:einem |dem |diesem |einer |der )?(?:bot|roboter|chatbot|computer|automaten|maschine|ki)\\b`,
        ),
      },
      {
        id: 'de.callback',
        pattern: re(
          `\\b(?:rufen sie mich (?:bitte )?(?:zuruck|an)|ruft mich (?:bitte )?(?:zuruck|an)|ich mochte einen ruckruf|ich bitte um (?:einen )?ruckruf|ruckruf bitte)\\b`,
        ),
      },
    ],
    explicitWords: [
      'mensch',
      'menschen',
      'echter mensch',
      'einen menschen',
      'echten menschen',
      'mit einem menschen',
      'menschlicher mitarbeiter',
    ],
    ambiguousWords: [
      'hilfe',
      'mitarbeiter',
      'agent',
      'berater',
      'support',
      'kundenservice',
      'kundendienst',
      'hilfe bitte',
      'person',
      'sachbearbeiter',
    ],
    negation: /\b(?:nicht|kein(?:e|en|em|er)?|ohne)\b/u,
    accept: [
      'ja',
      'gerne',
      'gern',
      'bitte',
      'ok',
      'okay',
      'klar',
      'jawohl',
      'ja bitte',
      'ja gerne',
      'sicher',
      'natürlich',
      'naturlich',
      'einverstanden',
      'jo',
    ],
    decline: [
      'nein',
      'nein danke',
      'nicht notig',
      'jetzt nicht',
      'nee',
      'ne',
      'danke nein',
      'noch nicht',
      'nein, danke',
    ],
    cancel:
      /\b(?:egal|abbrechen|vergiss es|vergessen sie es|hat sich erledigt|nicht mehr notig|schon erledigt|ist gelost|geht jetzt wieder|funktioniert jetzt)\b/u,
  };
}

function french(): RequestLexicon {
  const human =
    "(?:(?:un|une|le|la|l'|votre|vos|un vrai|une vraie|vrai|vraie|veritable|avec) ?)*(?:humain|etre humain|personne(?: reelle| physique| humaine| en chair et en os)?|agent(?: humain)?|conseiller(?:e)?|operat(?:eur|rice)|interlocut(?:eur|rice)|responsable|superieur|manager|employe(?:e)?|quelqu'un(?: de reel| de vrai)?|service client|technicien(?:ne)?|collaborat(?:eur|rice)|chef)\\b";
  const want =
    "(?:je veux|je voudrais|j'aimerais|je souhaite|je souhaiterais|puis-je|puis je|est-ce que je peux|est-ce que je pourrais|je peux|pourrais-je|pourrais je|je dois|il me faut|laissez-moi|laisse-moi|svp|s'il vous plait|s'il te plait|merci de|besoin de|comment (?:puis-je|faire pour|je peux)|j'exige|je demande a)";
  const talk =
    '(?:parler|discuter|echanger|etre mise? en relation|etre transferee?|joindre|contacter|avoir|communiquer|etre mise? en contact|avoir affaire)';
  return {
    language: 'fr',
    acceptLead: ['oui', 'ouais', 'volontiers'],
    declineLead: ['non'],
    explicit: [
      {
        id: 'fr.want_talk_to',
        pattern: re(`(?:^|\\b)${want}${GAP(25)}\\b${talk}(?: (?:a|avec|en contact avec|au|vers))? ${human}`),
      },
      {
        id: 'fr.pass_me',
        pattern: re(
          `\\b(?:(?:pouvez-vous|pouvez vous|pourriez-vous|pourriez vous|peux-tu|tu peux|vous pouvez) me (?:passer|transferer|mettre en relation avec|connecter (?:a|avec))|passez-moi|passez moi|passe-moi|passe moi|mettez-moi en (?:relation|contact)|mettez moi en (?:relation|contact)|mets-moi en relation|transferez-moi|transferez moi|transfere-moi|redirigez-moi|redirigez moi|connectez-moi|connecte-moi|orientez-moi|basculez-moi)(?: (?:a|avec|vers|au))? ${human}`,
        ),
      },
      {
        id: 'fr.want_a',
        pattern: re(
          `(?:^|\\b)(?:je veux|je voudrais|je demande|j'exige|je prefere|donnez-moi|je souhaite|il me faut|j'aimerais)(?: (?:parler a|parler avec|avoir))? (?:un |une |a un |a une )?(?:vrai |vraie |veritable )?(?:humain|personne|conseiller(?:e)?|agent|operat(?:eur|rice)|interlocut(?:eur|rice)|etre humain|responsable|superieur)\\b`,
        ),
      },
      {
        id: 'fr.word_please',
        pattern: re(
          `(?:^|[.!?,;] ?)(?:un |une )?(?:vrai |vraie )?(?:humain|conseiller|agent|operateur|personne|conseillere)[ ,!]*(?:svp|s'il vous plait|s'il te plait|stp|merci|vite|maintenant|tout de suite)`,
        ),
      },
      {
        id: 'fr.is_there',
        pattern: re(
          `\\b(?:y a-t-il|y a t il|y'a t il|est-ce qu'il y a|il y a|ya|y a)(?: (?:un|une|quelqu'un))(?: ?(?:vrai |vraie )?(?:humain|personne|conseiller(?:e)?|agent))?${GAP(20)}\\?`,
        ),
      },
      {
        id: 'fr.not_a_bot',
        allowNegation: true,
        pattern: re(
          `\\b(?:je ne veux (?:pas|plus)|j'en ai marre de|marre de|je refuse de)(?: (?:parler|discuter|ecrire|echanger))? (?:a|avec) (?:un |une |le |ce |cette |la )?(?:robot|bot|machine|chatbot|ia|programme|assistant virtuel)\\b`,
        ),
      },
      {
        id: 'fr.callback',
        pattern: re(
          `\\b(?:rappelez-moi|rappelez moi|qu'on me rappelle|je veux etre rappele|je souhaite etre rappele|demande de rappel|pouvez-vous me rappeler)\\b`,
        ),
      },
    ],
    explicitWords: [
      'humain',
      'un humain',
      'vrai humain',
      'un vrai humain',
      'une vraie personne',
      'etre humain',
      'personne reelle',
      'parler a un humain',
    ],
    ambiguousWords: [
      'aide',
      'agent',
      'conseiller',
      'operateur',
      'assistance',
      'support',
      'service client',
      'aidez-moi',
      'aidez moi',
      'personne',
      'au secours',
    ],
    negation:
      /\bne\b[^.!?,;]{0,15}\b(?:pas|plus|jamais)\b|\bn'\w+ (?:pas|plus|jamais)\b|\bpas besoin\b|\bsans\b|\binutile\b|\bn(?:e |')[^.!?,;]{0,30}\bpersonne\b/u,
    accept: [
      'oui',
      "d'accord",
      'ok',
      'volontiers',
      'svp',
      'ouais',
      'oui svp',
      'oui merci',
      'bien sur',
      "oui s'il vous plait",
      'avec plaisir',
      'allez-y',
      'dac',
    ],
    decline: [
      'non',
      'non merci',
      'pas besoin',
      'pas maintenant',
      'non, merci',
      'ca ira',
      'pas pour le moment',
      'non ca va',
    ],
    cancel:
      /\b(?:laisse tomber|laissez tomber|annule(?:r|z)?|c'est bon|plus besoin|c'est resolu|c'est regle|ca marche maintenant|ca fonctionne maintenant|oubliez|tant pis)\b/u,
  };
}

let lexicons: readonly RequestLexicon[] | undefined;

/** The request lexicons for every covered language (built once, on first use). */
export function requestLexicons(): readonly RequestLexicon[] {
  lexicons ??= [english(), polish(), chinese(), spanish(), german(), french()];
  return lexicons;
}
