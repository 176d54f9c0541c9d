import { forEachWord, processTerm } from './terms.js';

export interface Hit {
  key: number;
  score: number;
}

const K1 = 1.2;
const B = 0.7;
const TITLE_WEIGHT = 2;
/** a word matched only as the start of a longer one counts for less */
const PREFIX_WEIGHT = 0.5;
/** A posting is `doc << 8 | tf` in one 32-bit slot: half the arrays; tf is capped at 255, and a process may number 16 million docs. */
const TF_BITS = 8;
const TF_MAX = (1 << TF_BITS) - 1;
/** raw words remembered with their term; cleared when full, since words are cheap to look up again */
const WORD_MEMO = 200_000;

function grow<T extends Uint32Array | Float32Array | Uint8Array | Int32Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Ranked full-text search (BM25) over title and summary, with prefix matching. Written for this
 * service rather than taken from a library because, at a hundred thousand items, the library we
 * tried first (minisearch) took tens of seconds to build and hundreds of milliseconds to answer
 * a common word (see the README's benchmark notes). Terms are numbered, and each term's postings
 * live in one typed array, so a hundred thousand items build in about a second and stay small.
 * Documents have a numeric key (the item's seq); adding a key again replaces it, and its old
 * postings are skipped from then on.
 */
export class TextIndex {
  /** term → term id, and back */
  private readonly termIds = new Map<string, number>();
  private readonly termNames: string[] = [];
  /** raw word as written → term id, or -1 for a stop word */
  private readonly wordTerms = new Map<string, number>();
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

  /** scratch space, reused: per term its count in the doc being added; per doc its score and matched words */
  private tf = new Int32Array(1024);
  private docTerms: number[] = [];
  private scores = new Float64Array(0);
  private matched = new Uint8Array(0);
  private touched = new Int32Array(0);

  get size(): number {
    return this.liveCount;
  }

  has(key: number): boolean {
    return this.current.has(key);
  }

  private termOf(word: string): number {
    let id = this.wordTerms.get(word);
    if (id !== undefined) return id;
    const term = processTerm(word);
    if (term === null) id = -1;
    else {
      id = this.termIds.get(term);
      if (id === undefined) {
        id = this.termNames.length;
        this.termIds.set(term, id);
        this.termNames.push(term);
        this.postings.push(new Uint32Array(4));
        this.postingCounts = grow(this.postingCounts, id + 1);
        this.tf = grow(this.tf, id + 1);
        this.termsSorted = false;
      }
    }
    if (this.wordTerms.size >= WORD_MEMO) this.wordTerms.clear();
    this.wordTerms.set(word, id);
    return id;
  }

  private count = (word: string, weight: number): number => {
    const id = this.termOf(word);
    if (id < 0) return 0;
    if (this.tf[id] === 0) this.docTerms.push(id);
    this.tf[id] += weight;
    return weight;
  };

  add(key: number, title: string, summary: string): void {
    const old = this.current.get(key);
    if (old !== undefined) this.retire(old);
    const doc = this.docs++;
    let length = 0;
    forEachWord(title, (w) => {
      length += this.count(w, TITLE_WEIGHT);
    });
    forEachWord(summary, (w) => {
      length += this.count(w, 1);
    });
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
    if (!this.normsDirty) return;
    const avg = this.totalLength / Math.max(1, this.liveCount);
    this.norms = grow(this.norms, this.docs);
    for (let d = 0; d < this.docs; d++) this.norms[d] = K1 * (1 - B + (B * this.lengths[d]) / avg);
    this.normsDirty = false;
  }

  /** The index's terms that a query word stands for: itself, and longer words it starts. */
  private expand(term: string): [number, number][] {
    if (!this.termsSorted) {
      this.sortedTerms = [...this.termNames].sort();
      this.termsSorted = true;
    }
    const exact = this.termIds.get(term);
    const out: [number, number][] = exact !== undefined ? [[exact, 1]] : [];
    if (term.length < 3) return out;
    const vocab = this.sortedTerms;
    let lo = 0;
    let hi = vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vocab[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < vocab.length && vocab[i].startsWith(term); i++) {
      if (vocab[i] !== term) out.push([this.termIds.get(vocab[i])!, PREFIX_WEIGHT]);
    }
    return out;
  }

  /**
   * Keys of the documents that match every word of the query (or, when none matches all, any
   * word), best first; `total` counts them, `hits` holds `limit` of them from `offset`.
   */
  search(query: string, offset: number, limit: number): { total: number; hits: Hit[] } {
    const words: string[] = [];
    forEachWord(query, (w) => {
      const t = processTerm(w);
      if (t && !words.includes(t)) words.push(t);
    });
    words.length = Math.min(words.length, 8);
    if (words.length === 0 || this.liveCount === 0) return { total: 0, hits: [] };
    this.refreshNorms();
    if (this.scores.length < this.docs) {
      this.scores = new Float64Array(this.docs * 2);
      this.matched = new Uint8Array(this.docs * 2);
      this.touched = new Int32Array(this.docs * 2);
    }
    // The rarest word first: every later word only adds to the docs that have all before it.
    const terms = words
      .map((w) => this.expand(w))
      .map((ts) => ({ ts, postings: ts.reduce((n, [id]) => n + this.postingCounts[id], 0) }))
      .sort((a, b) => a.postings - b.postings)
      .map((w) => w.ts);
    const all = (1 << terms.length) - 1;
    let nTouched = this.score(terms, true);
    let total = 0;
    for (let i = 0; i < nTouched; i++) if (this.matched[this.touched[i]] === all) total++;
    let need = all;
    if (total === 0) {
      // No doc has every word: the best partial matches stand in.
      this.clear(nTouched);
      nTouched = total = this.score(terms, false);
      need = 0;
    }
    const { scores, matched, keys } = this;
    const better = (a: number, b: number) => scores[b] - scores[a] || keys[b] - keys[a];
    const top = best(
      this.touched,
      nTouched,
      (d) => (matched[d] & need) === need,
      offset + limit,
      better,
      scores,
    );
    const hits = top.slice(offset).map((d) => ({ key: keys[d], score: scores[d] }));
    this.clear(nTouched);
    return { total, hits };
  }

  /**
   * Adds each word's BM25 score to the docs it names, marking the word's bit. With `every`,
   * a word only adds to docs that have all the words before it. Returns how many docs were touched.
   */
  private score(terms: [number, number][][], every: boolean): number {
    const { scores, matched, live, norms, touched } = this;
    let nTouched = 0;
    for (let w = 0; w < terms.length; w++) {
      const bit = 1 << w;
      const before = every ? bit - 1 : 0;
      for (const [id, weight] of terms[w]) {
        const n = this.postingCounts[id];
        const list = this.postings[id];
        const idf = weight * Math.log(1 + (this.liveCount - n + 0.5) / (n + 0.5));
        for (let i = 0; i < n; i++) {
          const doc = list[i] >>> TF_BITS;
          if (live[doc] === 0 || (matched[doc] & before) !== before) continue;
          const tf = list[i] & TF_MAX;
          if (matched[doc] === 0) touched[nTouched++] = doc;
          scores[doc] += (idf * tf * (K1 + 1)) / (tf + norms[doc]);
          matched[doc] |= bit;
        }
      }
    }
    return nTouched;
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
function best(
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
