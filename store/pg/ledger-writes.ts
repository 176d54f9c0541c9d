import type pg from 'pg';
import type { Delivery } from '../../src/ports.js';

interface Waiting {
  d: Delivery;
  done(err?: unknown): void;
}

/**
 * Ledger writes gathered into one statement and one commit: a digest run has a write in flight
 * for each digest under way (16 at once on Telegram), and each alone would wait for its own
 * commit to reach the disk. A write settles only once its row is committed, so the ledger is
 * as safe as written one by one; writes that arrive during a commit go in the next.
 */
export function gatheredDeliveryWrites(pool: pg.Pool): (d: Delivery) => Promise<void> {
  let queue: Waiting[] = [];
  let writing = false;

  const write = async () => {
    writing = true;
    while (queue.length) {
      const batch = queue;
      queue = [];
      // One row per delivery in a statement: the last write of it wins, as it would one by one.
      const rows = new Map(batch.map((w) => [w.d.id, w.d]));
      try {
        await pool.query(
          `INSERT INTO deliveries (id, chat_key, state, due_at, updated_at, data)
           SELECT x.id, x.chat_key, x.state, x.due_at, x.updated_at, x.data
           FROM jsonb_to_recordset($1::jsonb)
             AS x(id text, chat_key text, state text, due_at text, updated_at text, data jsonb)
           ON CONFLICT (id) DO UPDATE SET chat_key = excluded.chat_key, state = excluded.state,
             due_at = excluded.due_at, updated_at = excluded.updated_at, data = excluded.data`,
          [
            JSON.stringify(
              [...rows.values()].map((d) => ({
                id: d.id,
                chat_key: d.chatKey,
                state: d.state,
                due_at: d.dueAt,
                updated_at: d.updatedAt,
                data: d,
              })),
            ),
          ],
        );
        for (const w of batch) w.done();
      } catch (err) {
        for (const w of batch) w.done(err);
      }
    }
    writing = false;
  };

  return (d) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ d, done: (err) => (err === undefined ? resolve() : reject(err)) });
      if (!writing) void write();
    });
}
