import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

const DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
/** Taken for the whole of a migration, so instances starting together apply each one once. */
const MIGRATION_LOCK = 7_294_031;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** The migrations in store/pg/migrations: NNN_name.sql, in the order of their numbers. */
export function migrations(dir = DIR): Migration[] {
  return readdirSync(dir)
    .map((file) => /^(\d+)_(.+)\.sql$/.exec(file))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ version: Number(m[1]), name: m[2], sql: readFileSync(`${dir}/${m[0]}`, 'utf8') }))
    .sort((a, b) => a.version - b.version);
}

/**
 * Brings the database's schema up to date: each migration not yet applied runs in a transaction
 * of its own and is recorded in schema_migrations, so a failed one leaves nothing behind and the
 * next start tries it again. Returns the versions applied now.
 */
export async function migrate(client: pg.ClientBase, list = migrations()): Promise<number[]> {
  const applied: number[] = [];
  for (const m of list) {
    await client.query('BEGIN');
    try {
      await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      await client.query(
        `CREATE TABLE IF NOT EXISTS schema_migrations (
           version integer PRIMARY KEY,
           name text NOT NULL,
           applied_at timestamptz NOT NULL DEFAULT now()
         )`,
      );
      const done = await client.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (done.rowCount === 0) {
        await client.query(m.sql);
        await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
          m.version,
          m.name,
        ]);
        applied.push(m.version);
      }
      await client.query('COMMIT');
    } catch (err) {
      await client.query('ROLLBACK').catch(() => {});
      throw err;
    }
  }
  return applied;
}
