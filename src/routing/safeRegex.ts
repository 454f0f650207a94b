/**
 * Static safety check for `matches` patterns. JavaScript's RegExp engine backtracks, so a pattern
 * such as `(a+)+$` takes exponential time on `aaaa…b` (the classic ReDoS shape, see OWASP "Regular
 * expression Denial of Service"). We reject, at compile time, the constructs that cause
 * super-linear backtracking in practice:
 *
 * - a repeated group that itself contains a quantifier (`(a+)+`, `(a*)*`, `(?:\d+){2,}`);
 * - a repeated group with alternatives that may overlap (`(a|a)*`, `(a|ab)+`, `(\w|\d)*`);
 * - back-references (`\1`, `\k<name>`), which are not regular at all.
 *
 * The check is conservative: it may refuse a pattern that would have been fine, never the
 * reverse for these shapes. Inputs are additionally length-capped by the caller.
 */

/** Longest `matches` pattern accepted, in UTF-16 code units. */
export const MAX_PATTERN_LENGTH = 256;

interface GroupFrame {
  /** Some quantifier applies inside this group (directly or in a nested group). */
  hasQuantifier: boolean;
  /** First "atom" of each alternative, or null when it cannot be determined cheaply. */
  firstAtoms: Array<string | null>;
  /** Whether the current alternative has seen its first atom yet. */
  atAlternativeStart: boolean;
  /** Some alternative is empty or could be empty. */
  hasEmptyAlternative: boolean;
}

/** Returns a reason string when the pattern is unsafe or too long, or `null` when it is accepted. */
export function findUnsafePattern(pattern: string): string | null {
  if (pattern.length > MAX_PATTERN_LENGTH)
    return `pattern is ${pattern.length} characters long; the limit is ${MAX_PATTERN_LENGTH}`;
  const stack: GroupFrame[] = [newFrame()];
  // What the last atom was, so a following quantifier knows what it repeats.
  let lastAtom: { kind: 'group'; frame: GroupFrame } | { kind: 'atom' } | null = null;
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const top = stack[stack.length - 1]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (/[1-9]/.test(next)) return 'back-references (\\1 …) are not allowed';
      if (next === 'k' && pattern[i + 2] === '<') return 'named back-references (\\k<name>) are not allowed';
      noteAtom(top, next === '' ? null : /[dDwWsSbBpPuxc]/.test(next) ? null : next);
      // \p{…}, \u{…}, \uXXXX, \xXX: skip their payload so braces are not read as quantifiers.
      let end = i + 2;
      if ((next === 'p' || next === 'P' || next === 'u') && pattern[end] === '{') {
        const close = pattern.indexOf('}', end);
        end = close < 0 ? pattern.length : close + 1;
      } else if (next === 'u') end += 4;
      else if (next === 'x') end += 2;
      else if (next === 'c') end += 1;
      lastAtom = { kind: 'atom' };
      i = end;
      continue;
    }
    if (ch === '[') {
      // Skip a character class; `]` right after `[` or `[^` is literal in legacy syntax.
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < pattern.length && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      noteAtom(top, null);
      lastAtom = { kind: 'atom' };
      i = j + 1;
      continue;
    }
    if (ch === '(') {
      let j = i + 1;
      if (pattern[j] === '?') {
        // (?: (?= (?! (?<= (?<! (?<name>
        if (pattern[j + 1] === '<' && pattern[j + 2] !== '=' && pattern[j + 2] !== '!') {
          const close = pattern.indexOf('>', j);
          j = close < 0 ? pattern.length : close + 1;
        } else j += pattern[j + 1] === '<' ? 3 : 2;
      }
      noteAtom(top, null);
      stack.push(newFrame());
      lastAtom = null;
      i = j;
      continue;
    }
    if (ch === ')') {
      if (stack.length === 1) return null; // unbalanced; RegExp construction reports it
      const frame = stack.pop()!;
      if (frame.atAlternativeStart) frame.hasEmptyAlternative = true;
      const parent = stack[stack.length - 1]!;
      if (frame.hasQuantifier) parent.hasQuantifier = true;
      lastAtom = { kind: 'group', frame };
      i++;
      continue;
    }
    if (ch === '|') {
      if (top.atAlternativeStart) top.hasEmptyAlternative = true;
      top.atAlternativeStart = true;
      lastAtom = null;
      i++;
      continue;
    }
    const quantifier = readQuantifier(pattern, i);
    if (quantifier) {
      top.hasQuantifier = true;
      if (quantifier.min === 0 && top.firstAtoms.length > 0 && !top.atAlternativeStart) {
        // An optional first atom makes the alternative's start unknowable cheaply.
        top.firstAtoms[top.firstAtoms.length - 1] = top.firstAtoms.length === 1 ? top.firstAtoms[0]! : null;
      }
      if (lastAtom?.kind === 'group' && quantifier.repeats) {
        const g = lastAtom.frame;
        if (g.hasQuantifier)
          return 'nested quantifiers (a quantified group containing a quantifier, like (a+)+) are not allowed';
        if (g.firstAtoms.length > 1 && (g.hasEmptyAlternative || alternativesMayOverlap(g.firstAtoms)))
          return 'a repeated group with overlapping alternatives (like (a|a)* or (a|ab)+) is not allowed';
      }
      lastAtom = null;
      i = quantifier.end;
      continue;
    }
    // ^ $ . and literal characters
    noteAtom(top, ch === '^' || ch === '$' ? undefined : ch === '.' ? null : ch);
    lastAtom = ch === '^' || ch === '$' ? null : { kind: 'atom' };
    i++;
  }
  return null;
}

function newFrame(): GroupFrame {
  return { hasQuantifier: false, firstAtoms: [], atAlternativeStart: true, hasEmptyAlternative: false };
}

/** Records the first atom of the current alternative; `undefined` = an anchor, not an atom. */
function noteAtom(frame: GroupFrame, atom: string | null | undefined): void {
  if (atom === undefined || !frame.atAlternativeStart) return;
  frame.firstAtoms.push(atom === null ? null : atom.toLowerCase());
  frame.atAlternativeStart = false;
}

function alternativesMayOverlap(firstAtoms: ReadonlyArray<string | null>): boolean {
  const seen = new Set<string>();
  for (const atom of firstAtoms) {
    if (atom === null || seen.has(atom)) return true;
    seen.add(atom);
  }
  return false;
}

function readQuantifier(pattern: string, i: number): { min: number; repeats: boolean; end: number } | null {
  const ch = pattern[i];
  let end = i + 1;
  let min: number;
  let max: number;
  if (ch === '*') [min, max] = [0, Infinity];
  else if (ch === '+') [min, max] = [1, Infinity];
  else if (ch === '?') [min, max] = [0, 1];
  else if (ch === '{') {
    const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
    if (!m) return null;
    min = Number(m[1]);
    max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
    end = i + m[0].length;
  } else return null;
  if (pattern[end] === '?') end++; // lazy variant: same backtracking risk
  return { min, repeats: max > 1, end };
}
