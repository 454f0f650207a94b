import { parseWithSchema } from '../model/errors';
import { type HandoffLanguage, type RequestLexicon, requestLexicons } from './lexicon/requests';
import { bareText, clauseStart, normalizeText } from './lexicon/text';
import { type HumanRequestDetectorOptions, HumanRequestDetectorOptionsSchema } from './schemas';

/** What {@link detectHumanRequest} found in a message. */
export interface HumanRequestResult {
  /**
   * `explicit`: the customer asks for a person (escalate); `ambiguous`: a bare word such as
   * "agent" or "help" (offer a person, do not escalate); `none`: no request.
   */
  kind: 'explicit' | 'ambiguous' | 'none';
  /** Language of the phrase set that matched, `null` when nothing matched. */
  language: HandoffLanguage | null;
  /** Id of the pattern or word list that matched (`en.want_talk_to`, `pl.word`, `custom`…). */
  patternId: string | null;
  /** The matched text (normalised), for reason details and traces. */
  evidence: string | null;
  /** Matches cancelled by a negation in the same clause ("I don't need an agent"). */
  negated: string[];
}

/** A compiled detector; see {@link createHumanRequestDetector}. */
export interface HumanRequestDetector {
  /** Classifies one customer message (or several joined with newlines). */
  detect(text: string): HumanRequestResult;
}

interface CompiledLexicon {
  lexicon: RequestLexicon;
  patterns: Array<{ id: string; pattern: RegExp; allowNegation: boolean }>;
  explicitWords: Set<string>;
  ambiguousWords: Set<string>;
  accept: Set<string>;
  decline: Set<string>;
  acceptLead: Set<string>;
  declineLead: Set<string>;
}

const NONE: HumanRequestResult = Object.freeze({
  kind: 'none',
  language: null,
  patternId: null,
  evidence: null,
  negated: Object.freeze([]) as unknown as string[],
}) as HumanRequestResult;

// Greetings and fillers that may surround a bare word ("hi, agent please" is handled by patterns).
const FILLER =
  /^(?:(?:hi|hello|hey|hallo|hola|bonjour|salut|czesc|dzien dobry|witam|guten tag|ok|okay|um|uh|so|well|ja|tak|si|oui|你好|您好|喂|嗨|请问|emm|hmm) )+|(?: (?:thanks|thank you|pls|dziekuje|gracias|danke|merci|谢谢|please))+$/u;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function literalPattern(phrase: string): RegExp {
  const normalized = normalizeText(phrase);
  // Han text has no word boundaries; Latin phrases must match whole words.
  if (/^[\u3400-\u9fff]/u.test(normalized)) return new RegExp(escapeRegExp(normalized), 'gu');
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(normalized)}(?![\\p{L}\\p{N}])`, 'gu');
}

/** Compiles the lexicons once. Shared by the request detector and the offer-reply classifier. */
export function compileRequestLexicons(options: HumanRequestDetectorOptions = {}): CompiledLexicon[] {
  const languages = new Set(options.languages ?? requestLexicons().map((l) => l.language));
  const out: CompiledLexicon[] = [];
  for (const lexicon of requestLexicons()) {
    if (!languages.has(lexicon.language)) continue;
    const patterns = lexicon.explicit.map((p) => ({
      id: p.id,
      pattern: new RegExp(p.pattern.source, 'gu'),
      allowNegation: p.allowNegation === true,
    }));
    for (const [i, phrase] of (options.extraPhrases?.[lexicon.language] ?? []).entries())
      patterns.push({
        id: `${lexicon.language}.custom[${i}]`,
        pattern: literalPattern(phrase),
        allowNegation: false,
      });
    const extraAmbiguous = (options.extraAmbiguousWords?.[lexicon.language] ?? []).map((w) =>
      bareText(normalizeText(w)),
    );
    out.push({
      lexicon,
      patterns,
      explicitWords: new Set(lexicon.explicitWords),
      ambiguousWords: new Set([...lexicon.ambiguousWords, ...extraAmbiguous]),
      accept: new Set(lexicon.accept),
      decline: new Set(lexicon.decline),
      acceptLead: new Set(lexicon.acceptLead),
      declineLead: new Set(lexicon.declineLead),
    });
  }
  return out;
}

function negatedAt(compiled: CompiledLexicon, text: string, index: number, end: number): boolean {
  const window = compiled.lexicon.negationWindow;
  const start =
    window === undefined ? clauseStart(text, index) : Math.max(clauseStart(text, index), index - window);
  return compiled.lexicon.negation.test(text.slice(start, end));
}

/** Runs compiled lexicons over one message (`normalized` = `normalizeText(text)` when known). */
export function runRequestDetection(
  compiled: readonly CompiledLexicon[],
  text: string,
  normalized: string = normalizeText(text),
): HumanRequestResult {
  if (normalized.length === 0) return NONE;
  const bare = bareText(normalized).replace(FILLER, '').trim();
  for (const c of compiled) {
    if (c.explicitWords.has(bare))
      return {
        kind: 'explicit',
        language: c.lexicon.language,
        patternId: `${c.lexicon.language}.word`,
        evidence: bare,
        negated: [],
      };
  }
  const negated: string[] = [];
  for (const c of compiled) {
    for (const { id, pattern, allowNegation } of c.patterns) {
      pattern.lastIndex = 0;
      let m: RegExpExecArray | null = pattern.exec(normalized);
      while (m) {
        const end = m.index + m[0].length;
        if (allowNegation || !negatedAt(c, normalized, m.index, end)) {
          return {
            kind: 'explicit',
            language: c.lexicon.language,
            patternId: id,
            evidence: m[0].trim(),
            negated,
          };
        }
        negated.push(id);
        if (m[0].length === 0) pattern.lastIndex++;
        m = pattern.exec(normalized);
      }
    }
  }
  if (negated.length === 0 && bare.length > 0) {
    // "agent agent", "human human human": a bare word repeated is a request, not a question.
    const words = bare.split(' ');
    for (const c of compiled) {
      if (c.ambiguousWords.has(bare))
        return {
          kind: 'ambiguous',
          language: c.lexicon.language,
          patternId: `${c.lexicon.language}.ambiguous`,
          evidence: bare,
          negated,
        };
      if (words.length >= 2 && words.every((w) => w === words[0]) && c.ambiguousWords.has(words[0]!))
        return {
          kind: 'explicit',
          language: c.lexicon.language,
          patternId: `${c.lexicon.language}.repeated`,
          evidence: bare,
          negated,
        };
    }
  }
  return negated.length ? { ...NONE, negated } : NONE;
}

/**
 * Compiles a multilingual detector of explicit requests for a human (en, pl, zh, es, de, fr).
 *
 * A request needs a request form plus a human noun ("can I talk to a real person", "chcę
 * rozmawiać z konsultantem", "转人工"); a bare ambiguous word ("agent", "help") is `ambiguous`;
 * past-tense reports ("I talked to a person yesterday") and negated clauses ("I don't need an
 * agent") are `none`.
 *
 * @param options - languages to use and extra phrases/words per language.
 * @returns a frozen detector.
 * @throws {@link TandemError} `INVALID_CONFIG` for an unknown language or a non-string phrase.
 *
 * @example
 * ```ts
 * import { createHumanRequestDetector } from 'tandem-cx/handoff';
 * const detector = createHumanRequestDetector({ extraPhrases: { en: ['beam me up'] } });
 * detector.detect('Beam me up, please').kind; // => 'explicit'
 * detector.detect('chcę rozmawiać z konsultantem').language; // => 'pl'
 * ```
 */
export function createHumanRequestDetector(options: HumanRequestDetectorOptions = {}): HumanRequestDetector {
  const parsed = parseWithSchema(HumanRequestDetectorOptionsSchema, options, {
    module: 'handoff',
    code: 'INVALID_CONFIG',
    what: 'human request detector options',
  });
  const compiled = compileRequestLexicons(parsed);
  return Object.freeze({ detect: (text: string) => runRequestDetection(compiled, text) });
}

let defaultDetector: HumanRequestDetector | undefined;

/**
 * Classifies a customer message as an `explicit` request for a human, an `ambiguous` one
 * (a bare "agent" / "help"), or `none`, in English, Polish, Chinese, Spanish, German or French.
 *
 * @param text - the customer's message.
 * @returns kind, language of the matching phrase set, pattern id and evidence.
 *
 * @example
 * ```ts
 * import { detectHumanRequest } from 'tandem-cx/handoff';
 * detectHumanRequest('can I talk to a real person?'); // => { kind: 'explicit', language: 'en' }
 * detectHumanRequest('转人工'); // => { kind: 'explicit', language: 'zh' }
 * detectHumanRequest('agent'); // => { kind: 'ambiguous' }
 * detectHumanRequest('the agent was very helpful'); // => { kind: 'none' }
 * detectHumanRequest("I talked to a person yesterday and it's fixed"); // => { kind: 'none' }
 * ```
 */
export function detectHumanRequest(text: string): HumanRequestResult {
  defaultDetector ??= createHumanRequestDetector();
  return defaultDetector.detect(text);
}
