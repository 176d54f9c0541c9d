import { processTerm, tokenizeText } from './terms.js';

function grow<T extends Int32Array | Uint16Array | Float32Array | Uint8Array>(a: T, need: number): T {
  if (need <= a.length) return a;
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** A growable list of (doc, weight) pairs in typed arrays: postings for a hundred thousand items stay small. */
class Postings {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;

  push(doc: number, tf: number): void {
    this.docs = grow(this.docs, this.length + 1);
    this.tfs = grow(this.tfs, this.length + 1);
    this.docs[this.length] = doc;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
  }
}

export interface Hit {
  key: number;
  score: number;
}

const K1 = 1.2;
const B = 0.7;
const TITLE_WEIGHT = 2;
/** a word matched only as the start of a longer one counts for less */
const PREFIX_WEIGHT = 0.5;

/**
 * Ranked full-text search (BM25) over title and summary, with prefix matching. Written for this
 * service rather than taken from a library because, at a hundred thousand items, the library we
 * tried first (minisearch) took tens of seconds to build and hundreds of milliseconds to answer
 * a common word (see the README's benchmark notes). Documents have a numeric key (the item's
 * seq); adding a key again replaces it, and its old postings are skipped from then on.
 */
export class TextIndex {
  private readonly terms = new Map<string, Postings>();
  private vocab: string[] = [];
  private vocabDirty = false;
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
  private scores = new Float64Array(0);
  private matched = new Uint8Array(0);
  private readonly tf = new Map<string, number>();

  get size(): number {
    return this.liveCount;
  }

  has(key: number): boolean {
    return this.current.has(key);
  }

  add(key: number, title: string, summary: string): void {
    const old = this.current.get(key);
    if (old !== undefined) this.retire(old);
    const doc = this.docs++;
    const tf = this.tf;
    tf.clear();
    let length = 0;
    for (const word of tokenizeText(title)) {
      const term = processTerm(word);
      if (term) { tf.set(term, (tf.get(term) ?? 0) + TITLE_WEIGHT); length += TITLE_WEIGHT; }
    }
    for (const word of tokenizeText(summary)) {
      const term = processTerm(word);
      if (term) { tf.set(term, (tf.get(term) ?? 0) + 1); length += 1; }
    }
    for (const [term, n] of tf) {
      let p = this.terms.get(term);
      if (!p) {
        this.terms.set(term, (p = new Postings()));
        this.vocabDirty = true;
      }
      p.push(doc, n);
    }
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
  private expand(term: string): [string, number][] {
    if (this.vocabDirty) {
      this.vocab = [...this.terms.keys()].sort();
      this.vocabDirty = false;
    }
    const out: [string, number][] = this.terms.has(term) ? [[term, 1]] : [];
    if (term.length < 3) return out;
    let lo = 0;
    let hi = this.vocab.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.vocab[mid] < term) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.vocab.length && this.vocab[i].startsWith(term); i++) {
      if (this.vocab[i] !== term) out.push([this.vocab[i], PREFIX_WEIGHT]);
    }
    return out;
  }

  /**
   * Keys of the documents that match every word of the query (or, when none matches all, any
   * word), best first; `total` counts them, `hits` holds `limit` of them from `offset`.
   */
  search(query: string, offset: number, limit: number): { total: number; hits: Hit[] } {
    const words = [...new Set(tokenizeText(query).map(processTerm).filter((t): t is string => !!t))].slice(0, 8);
    if (words.length === 0 || this.liveCount === 0) return { total: 0, hits: [] };
    this.refreshNorms();
    if (this.scores.length < this.docs) {
      this.scores = new Float64Array(this.docs * 2);
      this.matched = new Uint8Array(this.docs * 2);
    }
    const { scores, matched, live, norms } = this;
    const touched: number[] = [];
    words.forEach((word, w) => {
      const bit = 1 << w;
      for (const [term, weight] of this.expand(word)) {
        const p = this.terms.get(term)!;
        const idf = weight * Math.log(1 + (this.liveCount - p.length + 0.5) / (p.length + 0.5));
        const { docs, tfs } = p;
        for (let i = 0; i < p.length; i++) {
          const doc = docs[i];
          if (live[doc] === 0) continue;
          const tf = tfs[i];
          if (matched[doc] === 0) touched.push(doc);
          scores[doc] += (idf * tf * (K1 + 1)) / (tf + norms[doc]);
          matched[doc] |= bit;
        }
      }
    });
    const all = (1 << words.length) - 1;
    let pool = touched.filter((d) => matched[d] === all);
    if (pool.length === 0) pool = touched;
    const hits = best(pool, offset + limit, (a, b) => scores[b] - scores[a] || this.keys[b] - this.keys[a])
      .slice(offset)
      .map((d) => ({ key: this.keys[d], score: scores[d] }));
    for (const d of touched) {
      scores[d] = 0;
      matched[d] = 0;
    }
    return { total: pool.length, hits };
  }
}

/** The first `want` of `pool` in `order`, without sorting all of it: most queries want five. */
function best(pool: number[], want: number, order: (a: number, b: number) => number): number[] {
  if (pool.length <= 4 * want + 64) return pool.sort(order).slice(0, want);
  const top: number[] = [];
  for (const d of pool) {
    if (top.length < want) {
      top.push(d);
      if (top.length === want) top.sort(order);
    } else if (order(d, top[want - 1]) < 0) {
      let i = want - 1;
      while (i > 0 && order(d, top[i - 1]) < 0) i--;
      top.splice(i, 0, d);
      top.pop();
    }
  }
  return top.length < want ? top.sort(order) : top;
}
