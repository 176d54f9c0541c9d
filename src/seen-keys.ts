/** Remembers request keys for a while: the ones seen again are duplicates. */
export interface SeenKeys {
  /** true when the key was seen within the window; records it either way */
  seen(key: string, now?: number): boolean;
}

export function createSeenKeys(windowMs = 10 * 60_000, max = 20_000): SeenKeys {
  const at = new Map<string, number>();
  return {
    seen(key, now = Date.now()) {
      // Map keeps insertion order: the oldest keys are first, so expiring stops at the first fresh one.
      for (const [k, t] of at) {
        if (now - t < windowMs && at.size < max) break;
        at.delete(k);
      }
      if (at.has(key)) return true;
      at.set(key, now);
      return false;
    },
  };
}
