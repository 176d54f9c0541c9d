import type pg from 'pg';
import type { SearchTerms } from '../../src/ports.js';

/** Changes to the search counts from items given terms (+1) or losing theirs (-1). */
export class TermCounts {
  private readonly n = new Map<string, number>();
  private words = 0;

  count(t: SearchTerms, by: 1 | -1): void {
    for (const term of t.terms) this.n.set(term, (this.n.get(term) ?? 0) + by);
    this.words += by * t.length;
  }

  /** Writes them in the caller's transaction, which holds the item counter's row lock. */
  async save(c: pg.ClientBase): Promise<void> {
    // In one order, so two writers that ever meet on these rows wait rather than deadlock.
    const changed = [...this.n].filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    if (changed.length)
      await c.query(
        `INSERT INTO term_counts (term, n) SELECT * FROM unnest($1::text[], $2::bigint[])
         ON CONFLICT (term) DO UPDATE SET n = term_counts.n + excluded.n`,
        [changed.map(([t]) => t), changed.map(([, n]) => n)],
      );
    if (this.words !== 0) await c.query('UPDATE item_counter SET words = words + $1', [this.words]);
  }
}
