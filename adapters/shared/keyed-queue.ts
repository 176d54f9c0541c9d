import PQueue from 'p-queue';

/**
 * Runs tasks one after another per key, and tasks of different keys side by side: a chat's
 * updates are handled in the order they came, and a chat's messages leave in the order they
 * were sent. A key's queue is forgotten once it is idle, so the map holds only busy chats.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** resolves when everything queued so far has finished */
  idle(): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  const queues = new Map<string, PQueue>();
  return {
    run(key, task) {
      let q = queues.get(key);
      if (!q) {
        const fresh = new PQueue({ concurrency: 1 });
        fresh.on('idle', () => {
          if (queues.get(key) === fresh) queues.delete(key);
        });
        queues.set(key, (q = fresh));
      }
      return q.add(task);
    },
    async idle() {
      while (queues.size) await Promise.all([...queues.values()].map((q) => q.onIdle()));
    },
  };
}
