import type { StateData } from './state.js';

interface Pending {
  change: (draft: StateData) => void;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/**
 * Changes to the chats and sources, each taking effect only once it is on disk. A change is
 * made to a copy of the state, the copy is written, and only then does it become the state in
 * memory; a write that fails (a full disk) fails its changes and none of them takes effect, so a
 * later write cannot carry them to disk either. Changes asked for while a write runs are made
 * together and written as the next one, as lowdb's steno did.
 */
export class StateWrites {
  private pending: Pending[] = [];
  /** set and cleared in step with the loop below, so a change asked as a write ends is never left waiting */
  private busy = false;
  private done: Promise<void> = Promise.resolve();

  constructor(
    private readonly state: StateData,
    private readonly write: (data: StateData) => Promise<void>,
  ) {}

  /** Resolves once the change is on disk and in memory; rejects, with neither, when it could not be written. */
  commit(change: (draft: StateData) => void): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ change, resolve, reject });
      if (!this.busy) this.done = this.run();
    });
  }

  /** Resolves once no write is under way (before the state is read again from disk). */
  async idle(): Promise<void> {
    while (this.busy) await this.done;
  }

  private async run(): Promise<void> {
    this.busy = true;
    try {
      while (this.pending.length) {
        const batch = this.pending;
        this.pending = [];
        const draft: StateData = {
          ...this.state,
          chats: { ...this.state.chats },
          sources: { ...this.state.sources },
        };
        for (const p of batch) p.change(draft);
        try {
          await this.write(draft);
        } catch (err) {
          for (const p of batch) p.reject(err);
          continue;
        }
        this.state.chats = draft.chats;
        this.state.sources = draft.sources;
        for (const p of batch) p.resolve();
      }
    } finally {
      // In the same step as the loop's last look at `pending`: a change asked after it starts a new run.
      this.busy = false;
    }
  }
}
