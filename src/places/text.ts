const cache = new Map<string, string>();
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case without accents: the form every name and query is compared in. */
export function fold(s: string): string {
  if (s.length > 40) return slowFold(s);
  let f = cache.get(s);
  if (f === undefined) {
    // Words repeat endlessly across items: remembering them makes tagging and indexing cheap.
    if (cache.size > 200_000) cache.clear();
    f = slowFold(s);
    cache.set(s, f);
  }
  return f;
}

function slowFold(s: string): string {
  return ASCII.test(s)
    ? s.toLowerCase()
    : s
        .normalize('NFD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase();
}

export interface Token {
  /** as written */
  raw: string;
  /** folded */
  key: string;
}

const WORD = /[\p{L}\p{N}]+/gu;

export function tokenize(s: string): Token[] {
  const out: Token[] = [];
  for (const m of s.normalize('NFC').matchAll(WORD)) out.push({ raw: m[0], key: fold(m[0]) });
  return out;
}

/** Levenshtein distance, bounded: returns max+1 as soon as it is exceeded. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length];
}
