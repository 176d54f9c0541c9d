/**
 * Phrases found in a run of words: the glossary's and the topics' keywords. A phrase is written
 * folded, one space between words; a word ending in `*` matches any word it starts.
 */
export interface Phrase<T> {
  value: T;
  words: string[];
  /** per word: whether it matches as a prefix */
  prefix: boolean[];
}

export class PhraseTable<T> {
  /** phrases by the first three letters of their first word, so each word of a text checks a handful */
  private readonly buckets = new Map<string, Phrase<T>[]>();

  constructor(entries: Iterable<[T, string]>) {
    for (const [value, text] of entries) {
      const parts = text.split(' ');
      const words = parts.map((w) => w.replace(/\*$/, ''));
      if (parts[0].endsWith('*') && words[0].length < 3)
        throw new Error(`"${text}": a word matched by prefix needs three letters at least`);
      const key = words[0].slice(0, 3);
      const list = this.buckets.get(key);
      const phrase = { value, words, prefix: parts.map((w) => w.endsWith('*')) };
      if (list) list.push(phrase);
      else this.buckets.set(key, [phrase]);
    }
  }

  /** The phrases that may start with `word` (folded); check each with `fits`. */
  startingWith(word: string): readonly Phrase<T>[] | undefined {
    return this.buckets.get(word.slice(0, 3));
  }

  /** The phrases whose first word `word` (folded) is; what follows it is for the caller to check. */
  opening(word: string): Phrase<T>[] | undefined {
    const list = this.startingWith(word)?.filter((p) =>
      p.prefix[0] ? word.startsWith(p.words[0]) : word === p.words[0],
    );
    return list?.length ? list : undefined;
  }

  /** Calls `fn` for every phrase in `words` (folded), with where it starts and ends; overlapping ones too. */
  find(words: readonly string[], fn: (value: T, from: number, to: number) => void): void {
    for (let i = 0; i < words.length; i++) {
      const list = this.startingWith(words[i]);
      if (list) for (const p of list) if (fits(p, words, i)) fn(p.value, i, i + p.words.length);
    }
  }
}

/** Whether `p` is written in `words` from `at`; `word` reads the folded word at an index. */
export function fits<T, W>(
  p: Phrase<T>,
  words: readonly W[],
  at: number,
  word: (w: W) => string = (w) => w as string,
): boolean {
  if (at + p.words.length > words.length) return false;
  for (let i = 0; i < p.words.length; i++) {
    const w = word(words[at + i]);
    if (p.prefix[i] ? !w.startsWith(p.words[i]) : w !== p.words[i]) return false;
  }
  return true;
}
