import type pg from 'pg';
import type { ItemFiling } from '../../src/ports.js';
import { inTransaction } from './connect.js';
import { TermCounts } from './term-counts.js';

/** Items given their terms per transaction: short enough that a writer waiting on one of them waits little. */
const BATCH = 500;

/**
 * Gives the items stored before search moved into the database (migration 002) their search
 * terms, once. Instances opening one database share the work: each takes rows no other holds.
 * Until it is done those items are not found; the result settles when this instance finds none
 * left to take.
 */
export function createSearchBackfill(pool: pg.Pool, filing: ItemFiling): () => Promise<void> {
  let running: Promise<void> | undefined;
  const fill = async () => {
    for (;;) {
      const taken = await inTransaction(pool, async (c) => {
        // Item writes take this lock first too: the counts change one writer at a time.
        await c.query('SELECT 1 FROM item_counter FOR UPDATE');
        const r = await c.query(
          `SELECT seq, title, summary, lang, countries, regions FROM items WHERE terms IS NULL
           ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
          [BATCH],
        );
        if (r.rows.length === 0) return 0;
        const counts = new TermCounts();
        const rows = r.rows.map((row) => {
          const t = filing.searchTerms(row);
          counts.count(t, 1);
          return { seq: row.seq, terms: t.terms, words: t.length };
        });
        await c.query(
          `UPDATE items SET terms = array_to_tsvector(x.terms), words = x.words
           FROM jsonb_to_recordset($1::jsonb) AS x(seq bigint, terms text[], words integer) WHERE items.seq = x.seq`,
          [JSON.stringify(rows)],
        );
        await counts.save(c);
        return r.rows.length;
      });
      if (taken < BATCH) return;
      // Between batches the service answers its commands.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return () =>
    (running ??= fill().catch((err) => {
      running = undefined;
      throw err;
    }));
}
