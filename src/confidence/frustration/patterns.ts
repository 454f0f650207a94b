// Conversation-reading frustration patterns in English, Polish and Chinese, written for tandem-cx
// by the project from general knowledge of the languages (MIT, like the rest of the library) —
// nothing here is learned or extracted from an evaluation data set. Chinese patterns are in
// simplified characters (messages are folded from traditional first); all are matched
// case-insensitively against one message.
//
// Why these: in task-oriented bot conversations, dissatisfaction mostly shows as a customer
// correcting or insisting after the bot failed ("no, I said Tuesday", "are you sure?", "I really
// need…"), not as swearing (Sun et al., SIGIR 2021, on rated MultiWOZ/ReDial turns; Hernandez
// Caralt et al. on repair in dialogue). Anger words and masked profanity cover the rarer, obvious
// cases, which one message alone must be able to carry to an offer.

/** Languages with their own pattern set (anything else is read with the English one). */
export type PatternLanguage = 'en' | 'pl' | 'zh';

const PL_START = '(?<!\\p{L})';
const PL_END = '(?!\\p{L})';
const pl = (body: string) => new RegExp(`${PL_START}(?:${body})${PL_END}`, 'iu');

/**
 * The customer corrects the bot or insists: "no, I said…", "are you sure", "that's not what I
 * asked", "I really need", "did you not understand", "I told you". A message opening with a bare
 * "no" counts only right after a failed bot reply, and never a polite one ({@link POLITE_NO}).
 */
export const CORRECTION: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /(?:\bare you (?:sure|serious|kidding)\b|\bthat'?s (?:not|wrong|incorrect)\b|\b(?:not|isn'?t) what i (?:asked|said|wanted|meant|need(?:ed)?)\b|\bi (?:said|told you|asked (?:for|you)|meant|specifically)\b|\bi (?:really|still|do|absolutely|just) (?:need|want)\b|\bi need (?:it|one|that|this) (?:to|in|on|for)\b|\b(?:did|do)(?:n'?t| not)? you (?:not )?(?:understand|read|hear|get|listen)\b|\byou (?:didn'?t|did not|don'?t|do not) (?:understand|listen|read|get it)\b|\b(?:you(?:'re| are)|that(?:'s| is)) (?:wrong|mistaken|incorrect)\b|\bthat (?:doesn'?t|does not|won'?t|will not) (?:help|work)\b|\bi can ?not do that\b|\bthat'?s not (?:right|correct|it|possible)\b|\bagain\?|\bwhy (?:not|can'?t you|won'?t you|didn'?t you)\b|\bhow (?:come|is that possible)\b|\bstill (?:not|no|nothing|waiting|haven'?t)\b|\bwhat do you mean\b|\bthere (?:must|has to|should) be\b|\bplease (?:just|actually|read|listen)\b|\bcan(?:'?t| ?not) you (?:just|even|please)?\s*(?:check|look|find|help|try)\b)/i,
  pl: pl(
    [
      'nie,? (?:nie )?(?:o to|to nie)',
      'nie o to (?:mi )?chodzi\\p{L}*',
      'nie (?:tak|to)(?: pisał\\p{L}*| mówił\\p{L}*)?',
      'przecież',
      'na pewno\\?',
      'jest pan\\p{L}* pewn\\p{L}*',
      'jesteś pewn\\p{L}*',
      'mówił\\p{L}* (?:już|przecież|wyraźnie)',
      'pisał\\p{L}* (?:już|przecież|wyraźnie)',
      '(?:naprawdę|koniecznie|bardzo) (?:potrzebuję|muszę|chcę)',
      'nadal (?:nie|nic|czekam)',
      'wciąż (?:nie|nic|czekam)',
      'dalej (?:nie|nic)',
      'czemu (?:nie|to)',
      'dlaczego (?:nie|to nie)',
      'jak to (?:nie|możliwe)',
      'nie rozumiesz',
      'nie zrozumiał\\p{L}*',
      'to (?:nie jest|jest) (?:źle|błąd|nieprawda)',
      'to nieprawda',
      'błędn\\p{L}* (?:odpowiedź|informacj\\p{L}*)',
      'musi (?:być|się)',
      'co (?:to )?znaczy',
      'znowu\\?',
    ].join('|'),
  ),
  zh: /(?:不是(?:这个|这样|我要的|我说的|我问的)|我(?:说的|问的)是|我(?:刚才|已经)?说(?:了|过)|你确定|真的(?:没有|吗)|确定(?:没有|吗)|怎么(?:会|可能)(?:没有)?|为什么(?:没有|不|还)|我(?:真的|一定|必须|就是)(?:要|需要|想)|(?:还是|仍然|依然)(?:没有|不|没)|到底|你(?:没|不)(?:懂|明白|理解|看)|答非所问|不对|错了|搞错)/,
};

/**
 * The customer turns down what the bot just proposed or checks the bot is still there: "that
 * won't work either", "not a fan", "I didn't like that one", "not what I'm looking for", "are you
 * still there?". Weaker than a correction: it counts as one at 0.6 of the weight (like a bare "no").
 */
export const REJECTION: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /\b(?:(?:that|it|this|neither|none of (?:them|those))(?: one)? (?:won'?t|wouldn'?t|doesn'?t|does not|will not|would not|isn'?t going to|don'?t) (?:work|help|do)|(?:not|wasn'?t|isn'?t|i'?m not) (?:really )?(?:a (?:big )?fan|for me|my (?:taste|thing|type|cup of tea))|(?:i'?m|i am) not (?:really )?(?:into|interested in) (?:that|it|this|those|them)\b|i (?:didn'?t|did not|don'?t|do not) (?:really )?(?:like|want|enjoy|care for) (?:that|it|this|those|them|either)\b|not that one|not (?:what|quite what) i(?:'m| am) looking for|(?:are )?you still there|anyone (?:there|here)\?|hello\s*\?)/i,
  pl: pl(
    [
      'to nie dla mnie',
      'nie podoba mi się',
      'nie pasuje mi',
      'nie odpowiada mi',
      'to mi nie pasuje',
      'nie tego szukam',
      'jesteś tam\\?',
      'jest tam ktoś',
      'halo\\?',
    ].join('|'),
  ),
  zh: /(?:不喜欢(?:这个|那个|这部|那部)?|这个不行|不太行|不合适|不是我想要的|还在吗|有人吗|在吗[？?])/,
};

/** "No, thanks", "nie, dziękuję", "不用了，谢谢": a polite no, not a correction. */
export const POLITE_NO: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /^\s*(?:no|nope|nah)[ ,.!]*(?:thanks?|thank you|that'?s (?:all|it|fine|ok)|(?:all|that'?s) (?:good|set|fine)|(?:i(?:'m| am) )?(?:good|fine|ok|all set)|problem|worries|need)\b/i,
  pl: pl('nie,? dzięk\\p{L}*|nie,? to wszystko'),
  zh: /^(?:不用了?|没有了?)[，,。！!]*(?:谢谢|多谢|好的)/,
};

/**
 * The bot could not do what was asked: "unfortunately", "there are no…", "I can't", "I'm sorry",
 * "not available", "no results", and the Polish/Chinese equivalents. Read on bot messages only.
 */
export const BOT_FAILURE: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /\b(?:unfortunately|regrettably|i(?:'m| am) (?:sorry|afraid)|(?:sorry|apologies),? (?:but |i |we |there |that )|there (?:are|is|were|was) (?:no|none|nothing)\b|(?:i|we) (?:can(?:'?t| ?not)|could(?:n'?t| not)|(?:was|were)(?:n'?t| not) able to|am unable|are unable|do(?:n'?t| not) have)\b|no (?:results?|matches|availability|options?|information|records?|such)\b|(?:not|un)available\b|(?:fully booked|sold out)\b|does(?:n'?t| not) (?:exist|match)|(?:did|do)(?:n'?t| not) (?:find|understand|get)|not (?:able|possible) to)/i,
  pl: pl(
    [
      'niestety',
      'przykro mi',
      'przepraszam',
      'nie (?:mogę|możemy|udało się|ma (?:takich|takiego|takiej|żadn\\p{L}*)|mamy|znalazł\\p{L}*|znaleźliśmy|rozumiem)',
      'brak (?:wyników|dostępn\\p{L}*|miejsc)',
      'nie(?:dostępn|możliw)\\p{L}*',
    ].join('|'),
  ),
  zh: /(?:抱歉|对不起|很遗憾|不好意思|没有找到|找不到|没有(?:符合|合适|相关)|无法|不能(?:为您|帮)|暂时没有|已(?:经)?(?:满|售完|订满)|不支持|没听懂|不太明白)/,
};

/**
 * Anger and strong complaint words: "furious", "worst service ever", "ridiculous", "scam",
 * "sick of this"; "wściekły", "skandal", "mam dość"; "气死", "垃圾", "受够了". One message alone.
 */
export const ANGER: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /\b(?:furious|livid|(?:i(?:'m| am)|so|very|really|getting|makes me|extremely) angry|so mad|pissed|outraged|outrageous|infuriat\w*|fed up|sick (?:and tired )?of (?:this|it|you|waiting)|had enough|(?:worst|terrible|horrible|awful|pathetic|disgusting|appalling|shocking|atrocious|abysmal|useless|garbage|rubbish|crap) (?:service|company|support|experience|bot|customer service|app|shop|store)\b|worst \w+ ever|ridiculous|unacceptable|disgrace\w*|disgust\w*|pathetic|incompetent|scam\w*|fraudsters?|thie(?:f|ves)|rip[ -]?off|robbed|a joke|are you kidding|kidding me|i hate (?:this|you|it|your)|hate this company|driving me (?:crazy|insane|mad)|give me my money back|where is my money|(?:useless|stupid|dumb|idiotic) (?:bot|machine|chatbot|robot|company|people|service|answer)|waste of (?:my )?time|nobody (?:cares|helps|answers|(?:is )?(?:helping|answering|listening|responding))|piece of (?:s\W*|shit|crap|garbage|junk|rubbish)|beyond (?:angry|frustrated|annoyed)|so (?:frustrated|annoyed|angry|done)|(?:i(?:'m| am)|i'?ve been) (?:so |really |very |extremely )?(?:frustrated|annoyed|upset))\b/i,
  pl: pl(
    [
      'wściek\\p{L}*',
      'wkurz\\p{L}*',
      'wkurw\\p{L}*',
      'skandal\\p{L}*',
      'żenad\\p{L}*',
      'żenując\\p{L}*',
      'kpin\\p{L}*',
      'oszu\\p{L}*',
      'złodziej\\p{L}*',
      'mam (?:was |tego |już )?(?:serdecznie )?dość',
      'najgorsz\\p{L}*',
      'beznadziejn\\p{L}*',
      'tragiczn\\p{L}*',
      'tragedi\\p{L}*',
      'fataln\\p{L}*',
      'okropn\\p{L}*',
      'żałosn\\p{L}*',
      'porażk\\p{L}*',
      'dramat',
      'nienawidzę',
      'bezczeln\\p{L}*',
      'skandaliczn\\p{L}*',
      'szlag mnie',
      'ręce opadają',
      'nie do przyjęcia',
      'bezużyteczn\\p{L}*',
      'idioc\\p{L}*',
      'oddajcie (?:mi )?(?:moje )?pieniądze',
      'gdzie (?:są )?moje pieniądze',
      'to jest chore',
      'ile (?:można|mam|jeszcze|będę) (?:czekać|czekał\\p{L}*)',
      'zdenerwowan\\p{L}*',
      'rozczarowan\\p{L}*',
    ].join('|'),
  ),
  zh: /(?:气死|生气|愤怒|火大|恼火|垃圾|骗子|诈骗|坑人|太坑|坑爹|最差|极差|太差|差劲|差评|恶心|受够|忍无可忍|无语|烦死|烦人|破(?:服务|机器人|东西|公司|玩意)|什么破|有病|过分|离谱|投诉|退钱|还钱|我的钱呢|摆设|不要脸|欺骗|糊弄|敷衍|失望)/,
};

/** {@link ANGER} with the global flag: the number of distinct anger expressions in a message. */
export const ANGER_ALL: Readonly<Record<PatternLanguage, RegExp>> = {
  en: new RegExp(ANGER.en.source, `${ANGER.en.flags}g`),
  pl: new RegExp(ANGER.pl.source, `${ANGER.pl.flags}g`),
  zh: new RegExp(ANGER.zh.source, `${ANGER.zh.flags}g`),
};

/**
 * Profanity written with a mask ("f***", "f***ing", "sh*t", "k***a", "ch*j") or as a short form
 * ("TMD", "尼玛", "艹") that the plain profanity patterns miss.
 */
export const MASKED_PROFANITY: Readonly<Record<PatternLanguage, RegExp>> = {
  en: /(?:\b(?:f|fu|s|sh|b|bi|a|as|d|di|c|cu|p|pi)[*#@$%][*#@$%!]*(?:[a-z]+)?(?![a-z])|\bs[h*][*#@$%]+t\w*|\b(?:fk|fkn|fkin|fking|fcking|effing|frickin\w*|freakin\w*|stfu|gtfo|omfg|ffs|af)\b)/i,
  pl: pl(
    'k[*#@$%.]+a|kur[*#@$%.]+a|ku[*#@$%.]+wa|ch[*#@$%.]+j\\p{L}*|p[*#@$%.]+erdol\\p{L}*|pierd[*#@$%.]+\\p{L}*|sp[*#@$%.]+\\p{L}*|j[*#@$%.]+b\\p{L}*|kurwa mać|kurna|ja pierdolę|ja pierdziele',
  ),
  zh: /(?:tmd|nmd|nmsl|cnm|sb(?![a-z])|尼玛|你妈|妈蛋|艹|靠(?:[!！，,]|$)|我靠|我去(?:[!！，,]|$)|妈的|特么|他喵)/i,
};

/** Shouting punctuation: a run of two or more "!" / "?" (either width), like "!!!" or "?!?!". */
export const PUNCTUATION_RUN = /[!?！？]{2,}/g;
