import { fold } from '../places/text.js';
import type { SearchCorpus } from '../ports.js';
import type { Phrase } from './phrases.js';
import { CONCEPTS, conceptTerm, itemPhrases, placeTerm, planQuery, type PlaceFinder } from './query.js';
import { forEachWord, isStopWord, LANGS, langsOf, stem, type Lang } from './terms.js';

export interface Hit {
  key: number;
  score: number;
}

export interface Found {
  /** documents that meet at least one idea of the query (or, when none does, have any of its words) */
  total: number;
  /** documents that have every word typed, not only other words for them */
  literal: number;
  hits: Hit[];
}

const K1 = 1.2;
const B = 0.7;
/** a title's words count twice its summary's, in a doc's terms and its length */
export const TITLE_WEIGHT = 2;
/** a word matched only as the start of a longer one counts for less */
const PREFIX_WEIGHT = 0.5;
/** a concept the query names, found in other words than the typed ones, counts for less than those */
const GLOSSARY_WEIGHT = 0.6;
/** marks a doc worth ranking in `matched`, above the 30 bits of a query's words and terms (below the sign bit, which would make each a double) */
const CANDIDATE = 1 << 30;
/** ranks by ideas met first: far above any sum of scores */
const PER_IDEA = 1e6;
/** A posting is `doc << 8 | tf` in one 32-bit slot: half the arrays; tf is capped at 255, and a process may number 16 million docs. */
const TF_BITS = 8;
const TF_MAX = (1 << TF_BITS) - 1;
const HAS_DIGIT = /\d/;
/** raw words remembered with their terms; cleared when full, since words are cheap to look up again */
const WORD_MEMO = 200_000;

function grow<T extends Uint32Array | Float32Array | Uint8Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** A word as written, and what the index made of it. */
interface Word {
  folded: string;
  /** term id in English and in Spanish: -1 for a stop word, -2 until first needed */
  en: number;
  es: number;
  /** the glossary phrases it opens (by concept number) */
  phrases: readonly Phrase<number>[] | undefined;
}

/** A term a query looks up, and how much a match of it counts: its idf times its weight, or for a concept or place its weight. */
interface Lookup {
  id: number;
  idf: number;
}

/**
 * The docs a query ranks: those with a term of the groups in `any`, and, for each idea of
 * several words, those with a group of each word (the words' masks, rarest first).
 */
interface Entry {
  any: number;
  every: number[][];
}

/** The terms that stand for one bit of a query: a typed word, or a concept or place. */
interface Group {
  lookups: Lookup[];
  /** for a concept or place: the typed words it stands for; it counts as those the doc lacks would */
  standsFor: number;
}

/**
 * Ranked full-text search (BM25) over title and summary, in English and Spanish. Written for
 * this service rather than taken from a library because, at a hundred thousand items, the
 * library we tried first (minisearch) took tens of seconds to build and hundreds of
 * milliseconds to answer a common word (see the README's benchmark notes). Terms are numbered,
 * and each term's postings live in one typed array, so a hundred thousand items build in about
 * a second and stay small.
 *
 * An item's words are stemmed in its language (both when it has none), into terms kept apart
 * by language (`en:cost` from "costs" never meets `es:cost` from "costos"); the glossary's
 * concepts an item speaks of are terms too (`@work-permit` for "work permit" or "permiso de
 * trabajo"), and so are the places an item is filed under (`#HN`). A query's words are looked
 * up in both languages, with the concepts and places they name (see planQuery).
 * Documents have a numeric key (the item's seq); adding a key again replaces it, and its old
 * postings are skipped from then on.
 */
export class TextIndex {
  /** term → term id, and back */
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  private readonly words = new Map<string, Word>();
  private postings: Uint32Array[] = [];
  private postingCounts = new Int32Array(1024);
  private sortedTerms: string[] = [];
  private termsSorted = true;

  /** per internal doc number; a replaced doc's number is retired, not reused */
  private keys = new Int32Array(1024);
  private lengths = new Float32Array(1024);
  private live = new Uint8Array(1024);
  private norms = new Float32Array(0);
  private normsDirty = true;
  private docs = 0;
  private readonly current = new Map<number, number>();
  private totalLength = 0;
  private liveCount = 0;
  /** the corpus the search under way ranks against, when not this index's own docs */
  private corpus: SearchCorpus | undefined;

  /** scratch space, reused: per term its count in the doc being added; per doc its score and matched words */
  private tf = new Int32Array(1024);
  private docTerms: number[] = [];
  private fieldWords: Word[] = [];
  /** per concept: where its last phrase in the field being read ended */
  private readonly conceptEnds = new Int32Array(CONCEPTS.length);
  /** term ids of the concepts, by number, and of the places, by key: looked up once each */
  private readonly conceptIds = new Int32Array(CONCEPTS.length).fill(-1);
  private readonly placeIds = new Map<string, number>();
  /** per set of matched bits of a query: 1 + the ideas it meets, and 64 when it has every word typed; 0 until known */
  private metCache = new Int8Array(1 << 16);
  private scores = new Float64Array(0);
  private matched = new Uint32Array(0);
  private touched = new Int32Array(0);
  private seen = new Uint8Array(0);

  get size(): number {
    return this.liveCount;
  }

  has(key: number): boolean {
    return this.current.has(key);
  }

  private termId(term: string): number {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.termNames.length;
      this.termIds.set(term, id);
      this.termNames.push(term);
      this.postings.push(new Uint32Array(4));
      this.postingCounts = grow(this.postingCounts, id + 1);
      this.tf = grow(this.tf, id + 1);
      this.termsSorted = false;
    }
    return id;
  }

  private word(raw: string): Word {
    let w = this.words.get(raw);
    if (w) return w;
    // Numbers are mostly new (amounts, counts): remembering them would only push words out.
    if (HAS_DIGIT.test(raw)) return { folded: fold(raw), en: -2, es: -2, phrases: undefined };
    const folded = fold(raw);
    const stop = isStopWord(folded);
    w = { folded, en: stop ? -1 : -2, es: stop ? -1 : -2, phrases: itemPhrases.opening(folded) };
    if (this.words.size >= WORD_MEMO) this.words.clear();
    this.words.set(raw, w);
    return w;
  }

  private termIn(w: Word, lang: Lang): number {
    if (lang === 'en') {
      if (w.en === -2) w.en = this.termId(`en:${stem(w.folded, 'en')}`);
      return w.en;
    }
    if (w.es === -2) w.es = this.termId(`es:${stem(w.folded, 'es')}`);
    return w.es;
  }

  private count(id: number, weight: number): void {
    if (this.tf[id] === 0) this.docTerms.push(id);
    this.tf[id] += weight;
  }

  /** Counts a field's words in the doc's languages and the concepts they name; returns its length. */
  private countField(text: string, weight: number, langs: readonly Lang[]): number {
    const ws = this.fieldWords;
    ws.length = 0;
    let length = 0;
    let phrases = false;
    const [first, second] = langs;
    forEachWord(text, (raw) => {
      const w = this.word(raw);
      ws.push(w);
      if (w.phrases) phrases = true;
      if (w.en === -1) return;
      this.count(this.termIn(w, first), weight);
      if (second) this.count(this.termIn(w, second), weight);
      length += weight;
    });
    if (!phrases) return length;
    // A concept said twice in one breath ("human trafficking": two of its phrases) counts once.
    const ends = this.conceptEnds;
    ends.fill(0);
    for (let i = 0; i < ws.length; i++) {
      const list = ws[i].phrases;
      if (!list) continue;
      for (const p of list) {
        if (ends[p.value] > i || !this.follows(p, ws, i)) continue;
        ends[p.value] = i + p.words.length;
        let id = this.conceptIds[p.value];
        if (id < 0) id = this.conceptIds[p.value] = this.termId(conceptTerm(CONCEPTS[p.value]));
        this.count(id, weight);
      }
    }
    return length;
  }

  /** Whether the rest of a phrase that `ws[at]` opens follows it. */
  private follows(p: Phrase<number>, ws: Word[], at: number): boolean {
    const n = p.words.length;
    if (at + n > ws.length) return false;
    for (let i = 1; i < n; i++) {
      const w = ws[at + i].folded;
      if (p.prefix[i] ? !w.startsWith(p.words[i]) : w !== p.words[i]) return false;
    }
    return true;
  }

  /**
   * Adds a document: `lang` is its language (`en`, `es`, or anything else for both); `places`
   * the country and region keys it is filed under, which a query naming them finds.
   */
  add(
    key: number,
    title: string,
    summary: string,
    lang?: string | null,
    places: readonly string[] = [],
  ): void {
    const old = this.current.get(key);
    if (old !== undefined) this.retire(old);
    const doc = this.docs++;
    const langs = langsOf(lang);
    const length = this.countField(title, TITLE_WEIGHT, langs) + this.countField(summary, 1, langs);
    for (const p of places) {
      let id = this.placeIds.get(p);
      if (id === undefined) this.placeIds.set(p, (id = this.termId(placeTerm(p))));
      this.count(id, 1);
    }
    const { tf, docTerms } = this;
    for (const id of docTerms) {
      const n = this.postingCounts[id];
      const list = (this.postings[id] = grow(this.postings[id], n + 1));
      list[n] = ((doc << TF_BITS) | Math.min(tf[id], TF_MAX)) >>> 0;
      this.postingCounts[id] = n + 1;
      tf[id] = 0;
    }
    docTerms.length = 0;
    this.keys = grow(this.keys, this.docs);
    this.lengths = grow(this.lengths, this.docs);
    this.live = grow(this.live, this.docs);
    this.keys[doc] = key;
    this.lengths[doc] = length;
    this.live[doc] = 1;
    this.current.set(key, doc);
    this.totalLength += length;
    this.liveCount++;
    this.normsDirty = true;
  }

  /** Gives back the room the postings grew into: called after a bulk build, which leaves up to half of it empty. */
  trim(): void {
    for (let id = 0; id < this.postings.length; id++) {
      if (this.postings[id].length > this.postingCounts[id])
        this.postings[id] = this.postings[id].slice(0, this.postingCounts[id]);
    }
    this.words.clear();
  }

  remove(key: number): void {
    const doc = this.current.get(key);
    if (doc !== undefined) this.retire(doc);
    this.current.delete(key);
  }

  private retire(doc: number): void {
    if (!this.live[doc]) return;
    this.live[doc] = 0;
    this.totalLength -= this.lengths[doc];
    this.liveCount--;
    this.normsDirty = true;
  }

  /** BM25's length normalisation per doc, recomputed once after changes rather than per posting. */
  private refreshNorms(): void {
    if (!this.normsDirty && !this.corpus) return;
    const avg = this.corpus
      ? this.corpus.length / Math.max(1, this.corpus.docs)
      : this.totalLength / Math.max(1, this.liveCount);
    this.norms = grow(this.norms, this.docs);
    for (let d = 0; d < this.docs; d++) this.norms[d] = K1 * (1 - B + (B * this.lengths[d]) / avg);
    this.normsDirty = false;
  }

  /** BM25's inverse document frequency. */
  private idf(df: number): number {
    return Math.log(1 + ((this.corpus?.docs ?? this.liveCount) - df + 0.5) / (df + 0.5));
  }

  /** How many docs have a term: in the corpus ranked against, else here. */
  private dfOf(id: number): number {
    return this.corpus ? (this.corpus.df.get(this.termNames[id]) ?? 0) : this.postingCounts[id];
  }

  /**
   * What a typed word is looked up as: its stem in each language, with one idf (the word's,
   * whichever language says it), and the longer words it starts.
   */
  private lookups(word: string): { lookups: Lookup[]; idf: number } {
    const ids: number[] = [];
    const names = [...new Set(LANGS.map((lang) => `${lang}:${stem(word, lang)}`))];
    for (const name of names) {
      const id = this.termIds.get(name);
      if (id !== undefined) ids.push(id);
    }
    const { corpus } = this;
    const idf = this.idf(
      corpus
        ? names.reduce((n, name) => n + (corpus.df.get(name) ?? 0), 0)
        : ids.reduce((n, id) => n + this.postingCounts[id], 0),
    );
    const out = ids.map((id) => ({ id, idf }));
    if (word.length < 4) return { lookups: out, idf };
    if (!this.termsSorted) {
      this.sortedTerms = [...this.termNames].sort();
      this.termsSorted = true;
    }
    const vocab = this.sortedTerms;
    for (const lang of LANGS) {
      const prefix = `${lang}:${word}`;
      let lo = 0;
      let hi = vocab.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (vocab[mid] < prefix) lo = mid + 1;
        else hi = mid;
      }
      for (let i = lo; i < vocab.length && vocab[i].startsWith(prefix); i++) {
        const id = this.termIds.get(vocab[i])!;
        if (!out.some((l) => l.id === id)) out.push({ id, idf: PREFIX_WEIGHT * this.idf(this.dfOf(id)) });
      }
    }
    return { lookups: out, idf };
  }

  /**
   * Keys of the documents that meet the query's ideas, best first: those that meet the most
   * ideas, then by score. An idea is a typed word or a run of words naming a glossary concept;
   * a document meets it by its words or by the concept in other words (which count for less).
   * When no document meets any idea, those with any of the words stand in.
   */
  search(query: string, offset: number, limit: number, placeOf?: PlaceFinder, corpus?: SearchCorpus): Found {
    this.corpus = corpus;
    try {
      return this.rank(query, offset, limit, placeOf);
    } finally {
      this.corpus = undefined;
    }
  }

  private rank(query: string, offset: number, limit: number, placeOf?: PlaceFinder): Found {
    const plan = planQuery(query, placeOf);
    if (plan.words.length === 0 || this.liveCount === 0) return { total: 0, literal: 0, hits: [] };
    this.refreshNorms();
    if (this.scores.length < this.docs) {
      this.scores = new Float64Array(this.docs * 2);
      this.matched = new Uint32Array(this.docs * 2);
      this.touched = new Int32Array(this.docs * 2);
      this.seen = new Uint8Array(this.docs * 2);
    }
    // One bit per typed word, then one per concept or place named. Those count as the typed
    // words they stand for would, less: they are the same idea in other words.
    const typed = plan.words.map((w) => this.lookups(w.text));
    const groups: Group[] = typed.map((t) => ({ lookups: t.lookups, standsFor: 0 }));
    const termBits = new Map<string, number>();
    const bitOf = (term: string, words: number[]) => {
      let bit = termBits.get(term);
      if (bit === undefined) {
        // 30 bits in all: past them, a term is left out rather than mistaken for a word
        if (groups.length >= 30) return 0;
        bit = 1 << groups.length;
        groups.push({ lookups: [], standsFor: 0 });
        termBits.set(term, bit);
      }
      const group = groups[31 - Math.clz32(bit)];
      for (const w of words) group.standsFor |= 1 << w;
      return bit;
    };
    // Per word, the bits that stand for it; per idea, its words' and its terms'.
    const wordMasks = plan.words.map((w, i) => w.terms.reduce((m, t) => m | bitOf(t, [i]), 1 << i));
    const ideas = plan.ideas.map((idea) => ({
      words: idea.words,
      concepts: idea.terms.reduce((m, t) => m | bitOf(t, idea.words), 0),
    }));
    for (const [term, bit] of termBits) {
      const id = this.termIds.get(term);
      if (id !== undefined) groups[31 - Math.clz32(bit)].lookups.push({ id, idf: GLOSSARY_WEIGHT });
    }
    // The idf of any set of typed words, by its bits.
    const idfOf = new Float64Array(1 << typed.length);
    for (let m = 1; m < idfOf.length; m++) idfOf[m] = idfOf[m & (m - 1)] + typed[31 - Math.clz32(m & -m)].idf;

    // A doc can meet an idea only with one of its run's terms or every one of its words: only
    // those docs need a place in the ranking.
    const all = 2 ** groups.length - 1;
    const postings = (mask: number) =>
      groups.reduce(
        (n, g, i) => (mask & (1 << i) ? n + g.lookups.reduce((k, l) => k + this.postingCounts[l.id], 0) : n),
        0,
      );
    const entry: Entry = { any: 0, every: [] };
    for (const idea of ideas) {
      entry.any |= idea.concepts;
      if (idea.words.length === 0) continue;
      const words = idea.words.map((w) => wordMasks[w]).sort((a, b) => postings(a) - postings(b));
      // Ranking a doc costs about ten times reading a posting: the docs of the rarest word are
      // all ranked, unless finding those with every word first is cheaper.
      const scan = words.reduce((n, w) => n + postings(w), 0) + postings(words[0]);
      if (words.length > 1 && scan < 10 * postings(words[0])) entry.every.push(words);
      else entry.any |= words[0];
    }
    const pruned = entry.any !== all;
    let nTouched = this.score(groups, idfOf, pruned ? entry : null);
    const { scores, matched, touched, keys } = this;
    /** 1 + the ideas a set of bits meets, and 64 when it has every word typed */
    const meets = (m: number): number => {
      let met = 0;
      let typed = true;
      for (const idea of ideas) {
        let byWords = idea.words.length > 0;
        let asTyped = byWords;
        for (const w of idea.words) {
          if ((m & wordMasks[w]) === 0) byWords = false;
          if ((m & (1 << w)) === 0) asTyped = false;
        }
        if (byWords || (m & idea.concepts) !== 0) met++;
        if (!asTyped) typed = false;
      }
      return (met + 1) | (typed ? 64 : 0);
    };
    // Docs share a few sets of bits: each set is worked out once.
    const cache = groups.length <= 16 ? this.metCache.fill(0, 0, 1 << groups.length) : undefined;
    const levels = new Int32Array(ideas.length + 1);
    let best = 0;
    let literal = 0;
    const rank = () => {
      for (let i = 0; i < nTouched; i++) {
        const d = touched[i];
        const m = matched[d] & ~CANDIDATE;
        let v = cache ? cache[m] : 0;
        if (v === 0) {
          v = meets(m);
          if (cache) cache[m] = v;
        }
        const met = (v & 63) - 1;
        if (v & 64) literal++;
        if (met > best) best = met;
        levels[met]++;
        scores[d] += met * PER_IDEA;
      }
    };
    rank();
    if (best === 0 && pruned) {
      // No doc meets an idea: every doc with any of the words stands in.
      this.clear(nTouched);
      levels.fill(0);
      nTouched = this.score(groups, idfOf, null);
      rank();
    }
    const floor = best > 0 ? PER_IDEA : 0;
    const total = best > 0 ? nTouched - levels[0] : nTouched;
    const better = (a: number, b: number) => scores[b] - scores[a] || keys[b] - keys[a];
    const top = bestOf(touched, nTouched, (d) => scores[d] >= floor, offset + limit, better, scores);
    const hits = top.slice(offset).map((d) => ({ key: keys[d], score: scores[d] % PER_IDEA }));
    this.clear(nTouched);
    return { total, literal, hits };
  }

  /**
   * Adds each group's BM25 score to the docs it names, marking the group's bit, for the docs
   * that one of the `entry` groups names. The typed words' groups come first, so a concept or
   * place adds only for the words a doc lacks. Returns how many docs were touched.
   */
  private score(groups: Group[], idfOf: Float64Array, entry: Entry | null): number {
    const { scores, matched, live, norms, touched, seen } = this;
    let nTouched = 0;
    // First the docs worth ranking, marked; the groups' postings then skip the rest.
    if (entry) {
      for (const { id } of this.lookupsOf(groups, entry.any)) {
        const n = this.postingCounts[id];
        const list = this.postings[id];
        for (let i = 0; i < n; i++) {
          const doc = list[i] >>> TF_BITS;
          if (live[doc] === 0 || matched[doc] !== 0) continue;
          touched[nTouched++] = doc;
          matched[doc] = CANDIDATE;
        }
      }
      for (const words of entry.every) {
        // `seen` counts a doc's words in order, so it reaches their number only with all of them.
        for (let k = 0; k < words.length; k++) {
          for (const { id } of this.lookupsOf(groups, words[k])) {
            const n = this.postingCounts[id];
            const list = this.postings[id];
            for (let i = 0; i < n; i++) {
              const doc = list[i] >>> TF_BITS;
              if (seen[doc] === k) seen[doc] = k + 1;
            }
          }
        }
        // Every doc counted is among the rarest word's: there, those with all are marked, and all reset.
        for (const { id } of this.lookupsOf(groups, words[0])) {
          const n = this.postingCounts[id];
          const list = this.postings[id];
          for (let i = 0; i < n; i++) {
            const doc = list[i] >>> TF_BITS;
            const all = seen[doc] === words.length;
            seen[doc] = 0;
            if (!all || live[doc] === 0 || matched[doc] !== 0) continue;
            touched[nTouched++] = doc;
            matched[doc] = CANDIDATE;
          }
        }
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const bit = 1 << g;
      const need = groups[g].standsFor;
      for (const { id, idf } of groups[g].lookups) {
        const n = this.postingCounts[id];
        const list = this.postings[id];
        for (let i = 0; i < n; i++) {
          const doc = list[i] >>> TF_BITS;
          let m = matched[doc];
          if (m === 0) {
            if (entry || live[doc] === 0) continue;
            touched[nTouched++] = doc;
            m = CANDIDATE;
          }
          const tf = list[i] & TF_MAX;
          const w = need === 0 ? idf : idf * idfOf[need & ~m];
          scores[doc] += (w * tf * (K1 + 1)) / (tf + norms[doc]);
          matched[doc] = m | bit;
        }
      }
    }
    return nTouched;
  }

  /** The lookups of the groups in `mask`. */
  private lookupsOf(groups: Group[], mask: number): Lookup[] {
    return groups.flatMap((g, i) => (mask & (1 << i) ? g.lookups : []));
  }

  private clear(nTouched: number): void {
    for (let i = 0; i < nTouched; i++) {
      this.scores[this.touched[i]] = 0;
      this.matched[this.touched[i]] = 0;
    }
  }
}

/**
 * The first `want` docs of `pool[0..n)` that pass `keep`, in `order`, without sorting all of
 * them: most queries want five out of thousands. A doc scoring below the last kept one is
 * passed over with one comparison.
 */
function bestOf(
  pool: Int32Array,
  n: number,
  keep: (d: number) => boolean,
  want: number,
  order: (a: number, b: number) => number,
  scores: Float64Array,
): number[] {
  const top: number[] = [];
  if (want <= 0) return top;
  let floor = -Infinity;
  for (let i = 0; i < n; i++) {
    const d = pool[i];
    if (scores[d] < floor || !keep(d)) continue;
    if (top.length < want) {
      top.push(d);
      if (top.length === want) {
        top.sort(order);
        floor = scores[top[want - 1]];
      }
    } else if (order(d, top[want - 1]) < 0) {
      let j = want - 1;
      while (j > 0 && order(d, top[j - 1]) < 0) j--;
      top.splice(j, 0, d);
      top.pop();
      floor = scores[top[want - 1]];
    }
  }
  return top.length < want ? top.sort(order) : top;
}
