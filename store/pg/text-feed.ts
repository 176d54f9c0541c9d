import type pg from 'pg';
import type { SearchableItem, TextSearch } from '../../src/ports.js';

/** Items read per query while the index is built or caught up. */
const PAGE = 5000;

export interface TextFeed {
  /** the index, once built and caught up with every change committed before the call */
  current(): Promise<TextSearch>;
  /** starts building (once); settles when every item stored when it began is searchable */
  build(): Promise<void>;
}

/**
 * Feeds the core's full-text index, held in this instance's memory, from the database: every
 * item once, a page at a time between other work, then what changed since (items carry the
 * version of the write that last changed them, and writes commit in version order). Each search
 * first catches up, so a search on any instance finds what any instance stored before it.
 */
export function createTextFeed(pool: pg.Pool, index: TextSearch): TextFeed {
  let fed = 0;
  let built: Promise<void> | undefined;
  let catching: Promise<void> | undefined;

  const add = (rows: SearchableItem[]) => {
    for (const r of rows) index.add(r);
  };

  const fill = async () => {
    // What changes while the pages are read is caught up after, from this version on.
    fed = (await pool.query('SELECT version FROM item_counter')).rows[0].version;
    let after = 0;
    for (;;) {
      const r = await pool.query(
        'SELECT seq, title, summary, lang, countries, regions FROM items WHERE seq > $1 ORDER BY seq LIMIT $2',
        [after, PAGE],
      );
      add(r.rows);
      if (r.rows.length < PAGE) break;
      after = r.rows[r.rows.length - 1].seq;
      await new Promise((resolve) => setImmediate(resolve));
    }
    index.trim();
  };

  const catchUp = async () => {
    const latest = (await pool.query('SELECT version FROM item_counter')).rows[0].version as number;
    let at = { version: fed, seq: Number.MAX_SAFE_INTEGER };
    while (at.version < latest) {
      const r = await pool.query(
        `SELECT seq, title, summary, lang, countries, regions, version FROM items
         WHERE (version, seq) > ($1, $2) AND version <= $3 ORDER BY version, seq LIMIT $4`,
        [at.version, at.seq, latest, PAGE],
      );
      add(r.rows);
      if (r.rows.length < PAGE) break;
      const last = r.rows[r.rows.length - 1];
      at = { version: last.version, seq: last.seq };
      await new Promise((resolve) => setImmediate(resolve));
    }
    fed = Math.max(fed, latest);
  };

  const build = () => {
    built ??= fill().catch((err) => {
      built = undefined;
      throw err;
    });
    return built;
  };

  return {
    build,
    async current() {
      await build();
      // One catch-up at a time: each search's starts after the one before it ends.
      const mine = (catching ?? Promise.resolve()).catch(() => {}).then(catchUp);
      catching = mine;
      await mine;
      return index;
    },
  };
}
