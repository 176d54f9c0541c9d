/**
 * Runs tasks one after another per key, and tasks of different keys side by side: a chat's
 * updates are handled in the order they came, and a reply's parts are never interleaved with
 * another message to the same chat.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** resolves when everything queued so far has finished */
  idle(): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const prev = tails.get(key) ?? Promise.resolve();
      const result = prev.then(task, task);
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // forget the key once nothing else has queued behind this task
      void tail.then(() => tails.get(key) === tail && tails.delete(key));
      return result;
    },
    async idle() {
      while (tails.size) await Promise.all(tails.values());
    },
  };
}
