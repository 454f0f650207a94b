// Incremental inverted index with BM25 ranking for the memory knowledge store. Not exported from
// the package.
//
// Each article is indexed twice:
// - as "units" — its title, each example question and its body separately — so that a query is
//   matched against the nearest example phrasing (nearest-neighbour retrieval works well when an
//   article carries many phrasings of one intent);
// - as one article-level document (all fields, weighted), which rewards articles whose phrasings
//   share the query's words (a class-level signal).
// The article's score is its best unit + a share of its second-best unit + a share of the
// article-level score. Scores are BM25 (Robertson & Zaragoza, "The Probabilistic Relevance
// Framework: BM25 and Beyond", 2009) with the usual k1 = 1.2, b = 0.75.
//
// Updates are incremental: an upsert retires the article's old slot (its postings are skipped and
// compacted lazily, list by list) and appends a new one; nothing is rebuilt.
import Fuse from 'fuse.js';
import { type AnalyzerLanguage, analyze } from '../_internal/textAnalysis';

const K1 = 1.2;
const B = 0.75;
const FIELD_TITLE = 0;
const FIELD_QUESTION = 1;
const FIELD_BODY = 2;
const FIELD_NAMES = ['title', 'question', 'body'] as const;

/** Ranking knobs (tuned on banking77/CLINC150 development splits; see bench/knowledge.ts). */
export interface RankingWeights {
  /** Boost per unit field: title, question, body. */
  unitBoost: readonly [number, number, number];
  /** Field weights inside the article-level document: title, question, body. */
  articleFieldWeight: readonly [number, number, number];
  /** Share of the second-best unit added to the best. */
  second: number;
  /** Share of the article-level BM25 added. */
  article: number;
  /** Weight of a typo-corrected term relative to an exact one. */
  typo: number;
  /** BM25 k1 and b of the article-level document (many phrasings: slower saturation). */
  articleK1: number;
  articleB: number;
}

export const DEFAULT_WEIGHTS: RankingWeights = {
  unitBoost: [1.3, 1, 0.6],
  articleFieldWeight: [3, 1, 0.5],
  second: 0.4,
  article: 1.2,
  typo: 0.7,
  articleK1: 3,
  articleB: 0.8,
};

// New candidates stop being added once this many phrasings are in play (see search()).
const CANDIDATE_BUDGET = 2_000;

// Above this ratio of posting length to candidates, candidates are looked up (binary search in
// the slot-sorted posting list) rather than the list walked.
const SEEK_RATIO = 16;

/** Index of `slot` in an ascending list, or -1. Posting lists stay sorted: slots only grow. */
function findSorted(ids: readonly number[], slot: number): number {
  let lo = 0;
  let hi = ids.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = ids[mid]!;
    if (v === slot) return mid;
    if (v < slot) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

interface Walk {
  t: string;
  bit: number;
  weight: number;
  posting: Posting;
  df: number;
  idf: number;
}

interface Posting {
  ids: number[];
  tfs: number[];
  dead: number;
}

/** One ranked candidate. */
export interface IndexHit<T> {
  payload: T;
  slot: number;
  score: number;
  field: 'title' | 'question' | 'body';
  text: string | undefined;
  terms: string[];
  /** Share (0..1) of the query's idf mass that the best-matching unit contains. */
  coverage: number;
  /**
   * Share (0..1) of the query's idf mass that the best-matching unit contains only through a
   * typo-corrected term (the query word is not in the index; a near spelling is).
   */
  corrected: number;
}

/** Result of {@link SearchIndex.search}: the top hits plus signals for confidence. */
export interface IndexResult<T> {
  hits: IndexHit<T>[];
  /** Score of the second candidate (0 if none), even when `limit` is 1. */
  secondScore: number;
  /** Whether the hits come from the fuzzy title fallback. */
  fuzzy: boolean;
  /** Number of query terms scored. */
  termCount: number;
  /** Sum of the query terms' unit-level idf (unknown terms count with the largest idf). */
  queryIdf: number;
}

export interface IndexDocument {
  title: string;
  questions: readonly string[];
  body: string;
  language: AnalyzerLanguage;
}

export interface SearchIndex<T> {
  add(doc: IndexDocument, payload: T): number;
  remove(slot: number): void;
  search(
    query: string,
    language: AnalyzerLanguage,
    limit: number,
    accept: (payload: T) => boolean,
    maxTerms: number,
    /** Identifies `accept` (> 0): equal keys must mean equal decisions; results are cached. */
    acceptKey: number,
  ): IndexResult<T>;
  readonly size: number;
}

function newPosting(): Posting {
  return { ids: [], tfs: [], dead: 0 };
}

function countTerms(terms: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

// Typo candidates: a SymSpell-style index of one-character deletions (Garbe, 2012). Two terms
// within Damerau–Levenshtein distance 2 share a deletion variant (or one equals a variant of the
// other); candidates are then verified with the exact distance.
function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

function damerau(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

const TYPO_MIN_LENGTH = 5;
const TYPO_LETTERS = /^[a-z]+$/;

/** Creates an empty index. `weights` are the ranking knobs (defaults tuned on dev data). */
export function createSearchIndex<T>(weights: RankingWeights = DEFAULT_WEIGHTS): SearchIndex<T> {
  const unitPostings = new Map<string, Posting>();
  const articlePostings = new Map<string, Posting>();
  const deletionIndex = new Map<string, string[]>();

  // Article slots.
  const artPayload: (T | undefined)[] = [];
  const artAlive: boolean[] = [];
  const artLen: number[] = [];
  const artTerms: string[][] = [];
  const artUnits: number[][] = [];
  const artTitle: string[] = [];
  let artLive = 0;
  let artLenSum = 0;

  // Unit slots.
  const unitArt: number[] = [];
  const unitField: number[] = [];
  const unitLen: number[] = [];
  const unitText: (string | undefined)[] = [];
  const unitTerms: string[][] = [];
  let unitLive = 0;
  const fieldCount = [0, 0, 0];
  const fieldLenSum = [0, 0, 0];

  // Per-search scratch, reused (grown on demand) so a search allocates little.
  let capacityUnits = 0;
  let unitScore = new Float64Array(0);
  let unitMask = new Uint32Array(0);
  let unitStamp = new Uint32Array(0);
  let capacityArts = 0;
  let artScore = new Float64Array(0);
  let artLevel = new Float64Array(0);
  let artBest = new Float64Array(0);
  let artSecond = new Float64Array(0);
  let artBestUnit = new Int32Array(0);
  let artStamp = new Uint32Array(0);
  let artLevelStamp = new Uint32Array(0);
  let artVisible = new Uint8Array(0);
  const artAcceptKey = new Int32Array(0);
  const artAcceptValue = new Uint8Array(0);
  const scratchWalks: Walk[] = [];
  const scratchSlope = new Float64Array(3);
  const scratchBoost = new Float64Array(3);
  let epoch = 0;
  const touchedUnits: number[] = [];
  const touchedArts: number[] = [];

  // Fuzzy fallback on titles (fuse.js), built lazily on first use and then kept in sync.
  let fuse: Fuse<{ slot: number; title: string }> | undefined;
  let fuseDead = 0;

  function ensureCapacity(): void {
    if (unitArt.length <= capacityUnits && artPayload.length <= capacityArts) return;
    // Stamps of both kinds restart together with the epoch.
    epoch = 0;
    capacityUnits = Math.max(64, unitArt.length * 2);
    unitScore = new Float64Array(capacityUnits);
    unitMask = new Uint32Array(capacityUnits);
    unitStamp = new Uint32Array(capacityUnits);
    capacityArts = Math.max(64, artPayload.length * 2);
    artScore = new Float64Array(capacityArts);
    artLevel = new Float64Array(capacityArts);
    artBest = new Float64Array(capacityArts);
    artSecond = new Float64Array(capacityArts);
    artBestUnit = new Int32Array(capacityArts);
    artStamp = new Uint32Array(capacityArts);
    artLevelStamp = new Uint32Array(capacityArts);
    artVisible = new Uint8Array(capacityArts);
  }

  function addToPostings(map: Map<string, Posting>, slot: number, counts: Map<string, number>): void {
    for (const [term, tf] of counts) {
      let posting = map.get(term);
      if (posting === undefined) {
        posting = newPosting();
        map.set(term, posting);
        if (map === unitPostings) indexTypoVariants(term);
      }
      posting.ids.push(slot);
      posting.tfs.push(tf);
    }
  }

  function indexTypoVariants(term: string): void {
    if (term.length < TYPO_MIN_LENGTH - 1 || !TYPO_LETTERS.test(term)) return;
    for (const variant of [term, ...deletions(term)]) {
      const list = deletionIndex.get(variant);
      if (list === undefined) deletionIndex.set(variant, [term]);
      else if (!list.includes(term)) list.push(term);
    }
  }

  function addUnit(art: number, field: number, text: string | undefined, terms: string[]): void {
    const slot = unitArt.length;
    unitArt.push(art);
    unitField.push(field);
    unitLen.push(terms.length);
    unitText.push(text);
    const counts = countTerms(terms);
    unitTerms.push(Array.from(counts.keys()));
    fieldCount[field]! += 1;
    fieldLenSum[field]! += terms.length;
    unitLive++;
    addToPostings(unitPostings, slot, counts);
    artUnits[art]!.push(slot);
  }

  function add(doc: IndexDocument, payload: T): number {
    const art = artPayload.length;
    artPayload.push(payload);
    artAlive.push(true);
    artUnits.push([]);
    artTitle.push(doc.title);
    artLive++;
    const articleCounts = new Map<string, number>();
    let length = 0;
    const fieldWeight = weights.articleFieldWeight;
    const addUnitOf = (field: number, text: string, keepText: boolean) => {
      const terms = analyze(text, doc.language, []);
      if (terms.length === 0) return;
      addUnit(art, field, keepText ? text : undefined, terms);
      const w = fieldWeight[field]!;
      length += w * terms.length;
      for (const t of terms) articleCounts.set(t, (articleCounts.get(t) ?? 0) + w);
    };
    addUnitOf(FIELD_TITLE, doc.title, true);
    for (const q of doc.questions) addUnitOf(FIELD_QUESTION, q, true);
    if (doc.body.length > 0) addUnitOf(FIELD_BODY, doc.body, false);
    artLen.push(length);
    artLenSum += length;
    artTerms.push(Array.from(articleCounts.keys()));
    addToPostings(articlePostings, art, articleCounts);
    if (fuse !== undefined) fuse.add({ slot: art, title: doc.title });
    return art;
  }

  function remove(art: number): void {
    if (!artAlive[art]) return;
    artAlive[art] = false;
    artPayload[art] = undefined;
    artLive--;
    artLenSum -= artLen[art]!;
    for (const term of artTerms[art]!) articlePostings.get(term)!.dead++;
    for (const unit of artUnits[art]!) {
      const field = unitField[unit]!;
      fieldCount[field]! -= 1;
      fieldLenSum[field]! -= unitLen[unit]!;
      unitLive--;
      for (const term of unitTerms[unit]!) unitPostings.get(term)!.dead++;
      unitTerms[unit] = [];
      unitText[unit] = undefined;
    }
    artTerms[art] = [];
    artUnits[art] = [];
    artTitle[art] = '';
    if (fuse !== undefined) fuseDead++;
  }

  function compact(posting: Posting, alive: (slot: number) => boolean): void {
    let w = 0;
    for (let i = 0; i < posting.ids.length; i++) {
      const id = posting.ids[i]!;
      if (!alive(id)) continue;
      posting.ids[w] = id;
      posting.tfs[w] = posting.tfs[i]!;
      w++;
    }
    posting.ids.length = w;
    posting.tfs.length = w;
    posting.dead = 0;
  }
  const unitAlive = (u: number) => artAlive[unitArt[u]!] === true;
  const articleAlive = (a: number) => artAlive[a] === true;

  function typoCandidates(term: string): string[] {
    if (term.length < TYPO_MIN_LENGTH || !TYPO_LETTERS.test(term)) return [];
    const max = term.length <= 5 ? 1 : 2;
    const seen = new Set<string>();
    let best: { term: string; d: number; df: number }[] = [];
    for (const variant of [term, ...deletions(term)]) {
      const list = deletionIndex.get(variant);
      if (list === undefined) continue;
      for (const candidate of list) {
        if (seen.has(candidate)) continue;
        seen.add(candidate);
        const posting = unitPostings.get(candidate);
        const df = posting === undefined ? 0 : posting.ids.length - posting.dead;
        if (df === 0) continue;
        const d = damerau(term, candidate, max);
        if (d <= max) best.push({ term: candidate, d, df });
      }
    }
    best.sort((x, y) => x.d - y.d || y.df - x.df || (x.term < y.term ? -1 : 1));
    best = best.filter((c) => c.d === best[0]!.d).slice(0, 2);
    return best.map((c) => c.term);
  }

  function fuzzyTitles(query: string, limit: number, accept: (payload: T) => boolean): IndexResult<T> {
    if (fuse === undefined || fuseDead > artLive) {
      const docs: { slot: number; title: string }[] = [];
      for (let a = 0; a < artPayload.length; a++) {
        if (artAlive[a]) docs.push({ slot: a, title: artTitle[a]! });
      }
      fuse = new Fuse(docs, { keys: ['title'], includeScore: true, ignoreLocation: true, threshold: 0.4 });
      fuseDead = 0;
    }
    const found = fuse.search(query.slice(0, 64), { limit: limit * 4 + 8 });
    const hits: IndexHit<T>[] = [];
    let secondScore = 0;
    for (const r of found) {
      const payload = artPayload[r.item.slot];
      if (payload === undefined || !accept(payload)) continue;
      const score = 1 - (r.score ?? 1);
      if (hits.length >= limit) {
        if (hits.length === limit && secondScore === 0 && limit === 1) secondScore = score;
        break;
      }
      hits.push({
        payload,
        slot: r.item.slot,
        score,
        field: 'title',
        text: r.item.title,
        terms: [],
        coverage: 0,
        corrected: 0,
      });
    }
    if (hits.length > 1) secondScore = hits[1]!.score;
    return { hits, secondScore, fuzzy: true, termCount: 0, queryIdf: 0 };
  }

  function search(
    query: string,
    language: AnalyzerLanguage,
    limit: number,
    accept: (payload: T) => boolean,
    maxTerms: number,
    acceptKey: number,
  ): IndexResult<T> {
    const raw = analyze(query, language, []);
    const queryTerms: string[] = [];
    for (const t of raw) {
      if (queryTerms.length >= maxTerms) break;
      if (!queryTerms.includes(t)) queryTerms.push(t);
    }
    if (queryTerms.length === 0 || artLive === 0)
      return { hits: [], secondScore: 0, fuzzy: false, termCount: 0, queryIdf: 0 };
    ensureCapacity();
    epoch++;
    if (epoch === 0xffffffff) {
      unitStamp.fill(0);
      artStamp.fill(0);
      artLevelStamp.fill(0);
      epoch = 1;
    }
    touchedUnits.length = 0;
    touchedArts.length = 0;

    const avgLen = [0, 1, 2].map((f) => (fieldCount[f]! > 0 ? fieldLenSum[f]! / fieldCount[f]! : 1));
    const avgArtLen = artLive > 0 ? artLenSum / artLive : 1;
    const maxIdfUnits = Math.log(1 + (unitLive + 0.5) / 0.5);
    const idfOfTerm: number[] = [];
    const correctedTerm: boolean[] = [];
    const ak1 = weights.articleK1;
    const ab = weights.articleB;
    let idfTotal = 0;

    // Postings to walk, rarest first. Every term re-scores the candidates found so far, but a
    // common term adds new candidates only while the candidate set stays under a budget: a
    // phrasing that shares nothing but frequent words with the query cannot rank anyway, and this
    // keeps large knowledge bases fast (a "candidate budget" simplification of MaxScore pruning,
    // Turtle & Flood 1995).
    const walks = scratchWalks;
    walks.length = 0;
    for (let ti = 0; ti < queryTerms.length; ti++) {
      const term = queryTerms[ti]!;
      const exact = unitPostings.get(term);
      const expansions =
        exact !== undefined && exact.ids.length - exact.dead > 0 ? [term] : typoCandidates(term);
      let termIdf = maxIdfUnits;
      for (const t of expansions) {
        const posting = unitPostings.get(t)!;
        if (posting.dead > 0 && posting.dead * 2 > posting.ids.length) compact(posting, unitAlive);
        const df = posting.ids.length - posting.dead;
        const idf = Math.log(1 + (unitLive - df + 0.5) / (df + 0.5));
        if (t === term) termIdf = idf;
        walks.push({
          t,
          bit: ti < 32 ? 1 << ti : 0,
          weight: t === term ? 1 : weights.typo,
          posting,
          df,
          idf,
        });
      }
      idfOfTerm.push(termIdf);
      correctedTerm.push(expansions[0] !== term);
      idfTotal += termIdf;
    }
    walks.sort((x, y) => x.df - y.df || (x.t < y.t ? -1 : x.t > y.t ? 1 : 0));

    // BM25 per unit: idf · tf·(k1+1) / (tf + k1·(1 − b + b·len/avgLen)), times the field boost.
    const normBase = K1 * (1 - B);
    const normSlope = scratchSlope;
    const boost = scratchBoost;
    for (let f = 0; f < 3; f++) {
      normSlope[f] = (K1 * B) / avgLen[f]!;
      boost[f] = weights.unitBoost[f]!;
    }
    for (let wi = 0; wi < walks.length; wi++) {
      const { bit, weight, posting, df, idf } = walks[wi]!;
      const addNew = wi === 0 || touchedUnits.length + df <= CANDIDATE_BUDGET;
      const scale = weight * idf * (K1 + 1);
      const ids = posting.ids;
      const tfs = posting.tfs;
      if (!addNew && df > touchedUnits.length * SEEK_RATIO) {
        // A very common term only re-scores: look the candidates up in its (slot-sorted) posting
        // list instead of walking all of it.
        for (let k = 0; k < touchedUnits.length; k++) {
          const u = touchedUnits[k]!;
          const i = findSorted(ids, u);
          if (i < 0) continue;
          const field = unitField[u]!;
          const tf = tfs[i]!;
          unitScore[u]! += (scale * boost[field]! * tf) / (tf + normBase + normSlope[field]! * unitLen[u]!);
          unitMask[u]! |= bit;
        }
        continue;
      }
      for (let i = 0; i < ids.length; i++) {
        const u = ids[i]!;
        if (unitStamp[u] !== epoch) {
          if (!addNew || !artAlive[unitArt[u]!]) continue;
          unitStamp[u] = epoch;
          unitScore[u] = 0;
          unitMask[u] = 0;
          touchedUnits.push(u);
        }
        const field = unitField[u]!;
        const tf = tfs[i]!;
        unitScore[u]! += (scale * boost[field]! * tf) / (tf + normBase + normSlope[field]! * unitLen[u]!);
        unitMask[u]! |= bit;
      }
    }

    // Best and second-best unit per visible article (access filter before ranking).
    for (let i = 0; i < touchedUnits.length; i++) {
      const u = touchedUnits[i]!;
      const a = unitArt[u]!;
      if (artStamp[a] !== epoch) {
        artStamp[a] = epoch;
        // The access decision of a slot never changes (an update makes a new slot): cache it
        // per filter key.
        let visible: boolean;
        if (artAcceptKey[a] === acceptKey) visible = artAcceptValue[a] === 1;
        else {
          visible = accept(artPayload[a]!);
          artAcceptKey[a] = acceptKey;
          artAcceptValue[a] = visible ? 1 : 0;
        }
        artVisible[a] = visible ? 1 : 0;
        if (!visible) continue;
        artBest[a] = unitScore[u]!;
        artSecond[a] = 0;
        artBestUnit[a] = u;
        touchedArts.push(a);
        continue;
      }
      if (artVisible[a] === 0) continue;
      const s = unitScore[u]!;
      if (s > artBest[a]!) {
        artSecond[a] = artBest[a]!;
        artBest[a] = s;
        artBestUnit[a] = u;
      } else if (s > artSecond[a]!) artSecond[a] = s;
    }

    if (touchedArts.length === 0) return fuzzyTitles(query, limit, accept);

    // Article-level BM25, only for the visible candidates.
    if (weights.article !== 0) {
      for (const { t, weight } of walks) {
        const artPosting = articlePostings.get(t);
        if (artPosting === undefined) continue;
        if (artPosting.dead > 0 && artPosting.dead * 2 > artPosting.ids.length)
          compact(artPosting, articleAlive);
        const adf = artPosting.ids.length - artPosting.dead;
        const aidf = Math.log(1 + (artLive - adf + 0.5) / (adf + 0.5));
        const aids = artPosting.ids;
        const atfs = artPosting.tfs;
        const scale = weight * aidf * (ak1 + 1);
        const base = ak1 * (1 - ab);
        const slope = (ak1 * ab) / avgArtLen;
        if (adf > touchedArts.length * SEEK_RATIO) {
          for (let k = 0; k < touchedArts.length; k++) {
            const a = touchedArts[k]!;
            const i = findSorted(aids, a);
            if (i < 0) continue;
            const tf = atfs[i]!;
            const s = (scale * tf) / (tf + base + slope * artLen[a]!);
            if (artLevelStamp[a] !== epoch) {
              artLevelStamp[a] = epoch;
              artLevel[a] = s;
            } else artLevel[a]! += s;
          }
          continue;
        }
        for (let i = 0; i < aids.length; i++) {
          const a = aids[i]!;
          if (artStamp[a] !== epoch || artVisible[a] === 0) continue;
          const tf = atfs[i]!;
          const s = (scale * tf) / (tf + base + slope * artLen[a]!);
          if (artLevelStamp[a] !== epoch) {
            artLevelStamp[a] = epoch;
            artLevel[a] = s;
          } else artLevel[a]! += s;
        }
      }
    }

    // Top-k by insertion into a short sorted list (k is small).
    const k = Math.max(limit, 2);
    const top: number[] = [];
    for (let i = 0; i < touchedArts.length; i++) {
      const a = touchedArts[i]!;
      const level = artLevelStamp[a] === epoch ? artLevel[a]! : 0;
      const score = artBest[a]! + weights.second * artSecond[a]! + weights.article * level;
      artScore[a] = score;
      if (top.length === k && score <= artScore[top[k - 1]!]!) continue;
      let j = top.length < k ? top.length : k - 1;
      if (top.length < k) top.push(a);
      while (j > 0 && artScore[top[j - 1]!]! < score) {
        top[j] = top[j - 1]!;
        j--;
      }
      top[j] = a;
    }

    const hits: IndexHit<T>[] = [];
    for (let i = 0; i < Math.min(limit, top.length); i++) {
      const a = top[i]!;
      const u = artBestUnit[a]!;
      const mask = unitMask[u]!;
      const terms: string[] = [];
      let matchedIdf = 0;
      let correctedIdf = 0;
      for (let ti = 0; ti < queryTerms.length && ti < 32; ti++) {
        if ((mask & (1 << ti)) !== 0) {
          terms.push(queryTerms[ti]!);
          matchedIdf += idfOfTerm[ti]!;
          if (correctedTerm[ti]) correctedIdf += idfOfTerm[ti]!;
        }
      }
      hits.push({
        payload: artPayload[a]!,
        slot: a,
        score: artScore[a]!,
        field: FIELD_NAMES[unitField[u]!]!,
        text: unitText[u],
        terms,
        coverage: idfTotal > 0 ? matchedIdf / idfTotal : 0,
        corrected: idfTotal > 0 ? correctedIdf / idfTotal : 0,
      });
    }
    const secondScore = top.length > 1 ? artScore[top[1]!]! : 0;
    return { hits, secondScore, fuzzy: false, termCount: queryTerms.length, queryIdf: idfTotal };
  }

  return {
    add,
    remove,
    search,
    get size() {
      return artLive;
    },
  };
}
