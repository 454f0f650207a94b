// Text normalisation shared by the handoff detectors. Not exported from the package.

// Traditional → simplified for the characters the Chinese phrase lists use, so one simplified
// list covers both scripts. Written for this project (character pairs are standard).
const TRADITIONAL_TO_SIMPLIFIED_PAIRS =
  '轉转務务們们說说話话聯联繫系經经處处幫帮請请機机員员詐诈騙骗盜盗竊窃掛挂報报訴诉師师殺杀隱隐資资刪删個个錢钱遺遗過过親亲態态麼么沒没讓让喚唤聽听還还這这門门問问題题與与專专線线號号帳账賬账戶户險险訊讯護护權权罵骂禮礼惡恶業业遞递費费譯译搶抢凍冻結结見见諮谘詢询擾扰難难歡欢謝谢煩烦識识認认監监銀银協协會会喪丧產产媽妈兒儿婦妇傷伤條条洩泄據据預预約约電电嗎吗時时給给發发實实碼码談谈講讲換换負负責责氣气終终網网頁页絕绝隨随應应該该樣样點点開开關关離离邊边議议將将聲声';
let traditionalMap: Map<string, string> | undefined;
function traditionalToSimplified(): Map<string, string> {
  if (!traditionalMap) {
    traditionalMap = new Map();
    const chars = [...TRADITIONAL_TO_SIMPLIFIED_PAIRS];
    for (let i = 0; i + 1 < chars.length; i += 2) traditionalMap.set(chars[i]!, chars[i + 1]!);
  }
  return traditionalMap;
}

// Letters that do not decompose under NFD but should match their plain forms.
const LATIN_FOLD: Record<string, string> = { ł: 'l', ß: 'ss', œ: 'oe', æ: 'ae', ø: 'o', đ: 'd' };

const COMBINING = /\p{M}+/gu;
const APOSTROPHES = /[\u2018\u2019\u02bc\u0060\u00b4]/g;
const DASHES = /[\u2010-\u2015]/g;
const SPACES = /\s+/g;
const NEWLINES = /\s*\n\s*/g;
const HORIZONTAL_SPACES = /[^\S\n]+/g;
const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const FOLDABLE = /[łßœæøđ]/g;
const FULLWIDTH_PUNCT: Record<string, string> = {
  '，': ',',
  '。': '.',
  '！': '!',
  '？': '?',
  '；': ';',
  '：': ':',
};

/** Longest text the detectors look at; longer input is cut (support messages are short). */
export const MAX_DETECTION_CHARS = 4000;

/**
 * Lower-cases, removes diacritics (Latin), folds `ł ß œ æ`, normalises apostrophes, dashes,
 * full-width punctuation and whitespace, and maps traditional Chinese characters used by the
 * phrase lists to simplified. Length is capped at {@link MAX_DETECTION_CHARS}.
 */
export function normalizeText(text: string): string {
  let t = text.length > MAX_DETECTION_CHARS ? text.slice(0, MAX_DETECTION_CHARS) : text;
  t = t.toLowerCase().normalize('NFD').replace(COMBINING, '').normalize('NFC');
  t = t.replace(FOLDABLE, (c) => LATIN_FOLD[c] ?? c);
  t = t.replace(APOSTROPHES, "'").replace(DASHES, '-');
  if (HAN.test(t) || /[，。！？；：]/.test(t)) {
    let out = '';
    const map = traditionalToSimplified();
    for (const ch of t) out += map.get(ch) ?? FULLWIDTH_PUNCT[ch] ?? ch;
    t = out;
  }
  // Keep message boundaries (joined with newlines) as clause breaks; collapse other whitespace.
  return t.replace(NEWLINES, '\n').replace(HORIZONTAL_SPACES, ' ').trim();
}

/** True when the text contains Han characters. */
export function hasHan(text: string): boolean {
  return HAN.test(text);
}

const CLAUSE_BREAK = /[.;!?\n,:]/;

/** Index where the clause containing `index` starts (after the previous `. ; ! ? , :` or newline). */
export function clauseStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0; i--) if (CLAUSE_BREAK.test(text[i]!)) return i + 1;
  return 0;
}

/** Index where the clause containing `index` ends (exclusive). */
export function clauseEnd(text: string, index: number): number {
  for (let i = index; i < text.length; i++) if (CLAUSE_BREAK.test(text[i]!)) return i;
  return text.length;
}

/** The text with punctuation and emoji removed and spaces collapsed, for whole-message matches. */
export function bareText(normalized: string): string {
  return normalized
    .replace(/[^\p{L}\p{N}' ]+/gu, ' ')
    .replace(SPACES, ' ')
    .trim();
}
