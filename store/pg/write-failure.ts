import { StoreWriteError, type StoreWriteCode } from '../../src/ports.js';

/**
 * What the server says when it could not carry out a statement for want of room or memory
 * (SQLSTATE class 53), and what to do about each: someone has to act on the server, so asking
 * again in a moment would fail the same way. 53300 (too many connections) is not here: it is
 * about getting a connection, and is the database being away (unavailable.ts). Class 54 (a
 * statement or value over one of PostgreSQL's limits) is not either: it is that statement's or
 * that value's fault, and freeing anything on the server would not help (an ingest reports it as
 * that source's failure and goes on with the others).
 */
const SHORT_OF: Record<string, { code: StoreWriteCode; problem: string; advice: string }> = {
  '53100': {
    code: 'disk_full',
    problem: 'the disk of the database server is full',
    advice:
      "Free some space on the disk that holds the database's data directory (old logs, WAL archives, backups), " +
      'or move it to a larger disk; the next change is written whole.',
  },
  '53000': {
    code: 'store_write',
    problem: 'the database server is short of resources',
    advice: 'Check the database server: its log says what it ran out of. Then make the change again.',
  },
  '53200': {
    code: 'store_write',
    problem: 'the database server is out of memory',
    advice:
      "Check the database server's memory and its log (out of shared memory names the setting to raise, " +
      'such as max_locks_per_transaction). Then make the change again.',
  },
  '53400': {
    code: 'store_write',
    problem: 'a limit set in the database server was reached',
    advice: "Raise the setting the database server's log names, then make the change again.",
  },
};

/** A change the database could not store: said as the database's, not a store file's. */
class DatabaseWriteError extends StoreWriteError {
  constructor(database: string, code: StoreWriteCode, problem: string, advice: string) {
    super(database, code, problem, advice);
    this.message = `The database ${database} could not be written: ${this.problem}. The change was not made. ${advice}`;
  }
}

/**
 * The error `err`, from a statement on the database shown as `database`, as a StoreWriteError
 * when the server could not carry it out for want of room or memory (see SHORT_OF); any other
 * error as it is. The message names the database, PostgreSQL's own words and SQLSTATE, and what
 * to do; the command service tells the chat, and the command line exits 2 with it.
 */
export function writeFailure(err: unknown, database: string): unknown {
  const e = err as { code?: unknown; message?: unknown } | undefined;
  const known = typeof e?.code === 'string' ? SHORT_OF[e.code] : undefined;
  if (!known) return err;
  const said = typeof e?.message === 'string' && e.message ? `PostgreSQL: ${e.message}; ` : '';
  const error = new DatabaseWriteError(
    database,
    known.code,
    `${known.problem} (${said}SQLSTATE ${e!.code as string})`,
    known.advice,
  );
  error.cause = err;
  return error;
}
