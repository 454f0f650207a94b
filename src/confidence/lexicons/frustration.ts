// Frustration patterns in English, Polish and Chinese, written for tandem-cx by the project (MIT,
// like the rest of the library). Chinese patterns are in simplified characters: messages are
// folded from traditional first. Each pattern is matched case-insensitively against one message.

import type { FrustrationSignalKind } from '../schemas';

type PatternKind = Extract<
  FrustrationSignalKind,
  'profanity' | 'legal_threat' | 'churn_threat' | 'already_told' | 'useless_bot'
>;

/** Patterns per language and kind. */
export const FRUSTRATION_PATTERNS: Readonly<
  Record<'en' | 'pl' | 'zh', Readonly<Record<PatternKind, RegExp>>>
> = {
  en: {
    profanity:
      /\b(?:f+u+c+k+\w*|fck\w*|sh[i1]t\w*|bullshit|crap\w*|damn(?:ed|it)?|wtf|asshole\w*|bastard\w*|bloody hell|screw (?:you|this)|dickhead\w*|piss(?:ed)? off)\b/i,
    legal_threat:
      /\b(?:lawyers?|attorneys?|solicitors?|sue|suing|lawsuit|legal action|take (?:you|this|it) to court|small claims|ombudsman|trading standards|consumer protection|report (?:you|this|it) to|regulator|better business bureau|chargeback)\b/i,
    churn_threat:
      /\b(?:cancel (?:my|the) (?:account|subscription|contract|membership|plan|service)|close my account|(?:switch|switching|move|moving|go|going) to (?:a |your )?(?:another|different|competitor)|take my (?:business|money) elsewhere|never (?:use|buy|order|shop) (?:from |with |at )?(?:you|this)|(?:i'?m|i am) (?:done with you|leaving (?:you|this company|this bank|your (?:company|bank|service)))|leave (?:your|this) (?:company|bank|service))/i,
    already_told:
      /\b(?:i already (?:told|said|explained|gave|sent|wrote)|i just (?:told|said) (?:you|that|it)|i'?ve already (?:told|said|explained|given|sent)|as i (?:said|mentioned|told you|explained)|like i said|i said that already|how many (?:more )?times (?:do|must|will|should|have|am) i|for the (?:\w+ )?(?:third|3rd|fourth|4th|fifth|5th|hundredth|last) time|the (?:third|3rd|fourth|4th|fifth|5th|\d+th) time (?:i|i'?m|i am|i'?ve|i have)\b|read my (?:message|question))/i,
    useless_bot:
      /\b(?:this is (?:useless|pointless|ridiculous|a joke|a waste of time)|(?:you(?:'re| are)|this bot is|the bot is) (?:so |completely |totally |absolutely )?(?:useless|stupid|dumb|pointless|not (?:really )?helping|no help)|waste of (?:my )?time|not helpful|(?:doesn'?t|does not|isn'?t|is not) help(?:ing|ful)?|you (?:don'?t|do not) understand|(?:are you|r u) (?:even )?listening|stupid (?:bot|machine)|useless (?:bot|machine)|talking to a wall|going (?:round|around) in circles)/i,
  },
  pl: {
    profanity:
      /(?<!\p{L})(?:kurw\p{L}*|kurde|kurcze|cholera|cholerny|choler\p{L}+|chuj\p{L}*|huj\p{L}*|pierdol\p{L}*|pierdziel\p{L}*|jeb\p{L}*|spierdal\p{L}*|zajeb\p{L}*|gówn\p{L}*|dupa|dupy|skurwysyn\p{L}*|debil\p{L}*|idiot\p{L}*|kretyn\p{L}*)(?!\p{L})/iu,
    legal_threat:
      /(?<!\p{L})(?:prawnik\p{L}*|adwokat\p{L}*|pozew|pozwę|pozywam|pozwiemy|sąd|sądu|sądzie|sądem|sądow\p{L}+|uokik\p{L}*|rzecznik\p{L}* (?:praw )?(?:konsument\p{L}*|finansow\p{L}*)|kroki prawne|kroków prawnych|prokuratur\p{L}*|zgłoszę (?:to|sprawę|was) (?:do|na))(?!\p{L})/iu,
    churn_threat:
      /(?<!\p{L})(?:rezygnuj\p{L}*|zrezygnuj\p{L}*|zrezygnuję|wypowiad\p{L}* umow\p{L}*|wypowiem umow\p{L}*|rozwiąż\p{L}* umow\p{L}*|zamk\p{L}* (?:moje )?konto|usu\p{L}* (?:moje )?konto|odchodzę|przechodzę do (?:konkurencji|innego|innej)|do konkurencji|nigdy więcej (?:nie )?(?:zamówię|kupię|skorzystam)|więcej u was nie)(?!\p{L})/iu,
    already_told:
      /(?<!\p{L})(?:już (?:to )?(?:mówiłe[mś]|mówiłam|pisałe[mś]|pisałam|podawałe[mś]|podawałam|wysłałe[mś]|wysłałam|tłumaczyłe[mś]|tłumaczyłam|wyjaśniałe[mś]|wyjaśniałam|podałe[mś]|podałam)|(?:mówiłe[mś]|mówiłam|pisałe[mś]|pisałam) (?:już|to już|przecież)|ile razy (?:jeszcze |mam |muszę |trzeba |będę )+(?:\p{L}+ )?(?:powtarzać|pisać|mówić|tłumaczyć|wyjaśniać|dzwonić|prosić)|po raz (?:trzeci|czwarty|piąty|kolejny|setny|enty)|(?:trzeci|czwarty|piąty|kolejny|setny) raz (?:piszę|pytam|dzwonię|proszę|powtarzam)|jak już (?:mówiłe[mś]|mówiłam|pisałe[mś]|pisałam)|znowu to samo|przeczytaj (?:moją|mojego|co)|czytasz (?:w ogóle|co piszę))(?!\p{L})/iu,
    useless_bot:
      /(?<!\p{L})(?:bez sensu|bezużyteczn\p{L}*|do niczego|strata czasu|(?:nic )?nie rozumiesz|głup\p{L}* (?:bot|maszyn)\p{L}*|beznadziejn\p{L}* (?:bot|czat|chat)\p{L}*|gadam ze ścianą|w kółko to samo|kręcimy się w kółko|nie pomagasz|nic (?:mi )?nie pomog\p{L}*|to nie pomaga)(?!\p{L})/iu,
  },
  zh: {
    profanity: /(?:他妈的|妈的|tmd|操你|草泥马|卧槽|傻逼|傻b|煞笔|混蛋|王八蛋|狗屎|滚蛋|去死|白痴|脑残)/i,
    legal_threat:
      /(?:律师|起诉|告你们|法院|打官司|法律途径|法律手段|法律责任|消协|消费者协会|12315|工商局|市场监管|银保监|报警|曝光你们|媒体曝光)/,
    churn_threat:
      /(?:销户|注销(?:账户|账号)|退订|取消(?:订阅|会员|服务|合约|合同)|换一家|换别家|再也不(?:用|买|来)|不再使用|去别家|解约)/,
    already_told:
      /(?:已经说过|我说过了|说了(?:多少|好几|几|很多)(?:遍|次)|重复(?:了)?(?:多少|好几|几)(?:遍|次)|到底要我说几遍|第几次|第(?:三|四|五|n|N)次|我刚才说了|前面说过|又是这个|还是这句)/,
    useless_bot:
      /(?:没用(?!过)|没有用(?!过)|有什么用|浪费(?:我的)?时间|听不懂|你不懂|答非所问|(?:笨|蠢|垃圾)机器人|机器人(?:太|真)(?:笨|蠢)|绕圈子|兜圈子|解决不了|什么都不会|人工智障)/,
  },
};

/** Bot replies that admit not understanding (a loop when they repeat). */
export const BOT_FALLBACK =
  /(?:\b(?:i (?:did not|didn'?t|do not|don'?t) (?:understand|get that|follow)|could you (?:please )?(?:rephrase|say that again)|sorry,? i(?:'m| am) not sure)|nie rozumiem|nie zrozumiał(?:em|am)|czy możesz (?:to )?(?:powtórzyć|sformułować)|sformułuj|没(?:听|看)懂|不太明白|不理解|请换(?:个|一种)说法|能再说一遍)/i;
