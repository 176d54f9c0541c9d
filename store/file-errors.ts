import { statSync } from 'node:fs';
import path from 'node:path';
import { printable, StoreError, StoreWriteError } from '../src/ports.js';

/**
 * A store file that cannot be opened at all: a folder where the file should be, a file where
 * its folder should be, a permission. Restoring a backup would not help, so the message says
 * what would. Still a StoreError: the service stops on it and writes nothing.
 */
export class StoreAccessError extends StoreError {
  constructor(
    file: string,
    problem: string,
    readonly advice: string,
  ) {
    super(file, problem);
    this.message = `The store file ${printable(file)} cannot be opened: ${this.problem}. Nothing has been written to it. ${advice}`;
  }
}

/** Which of the store's files, for the advice: the state file is the one NEWSBOT_DB names. */
export type StoreFileRole = 'state' | 'items' | 'ledger' | 'lock';

/** What was being done when the error came. */
export type FileOp = 'read' | 'write' | 'mkdir';

const ROLE_NAMES: Record<StoreFileRole, string> = {
  state: 'the chats and sources',
  items: 'the item archive',
  ledger: 'the delivery ledger',
  lock: 'the scheduler lease',
};

const ELSEWHERE = 'or set NEWSBOT_DB to a file path elsewhere, such as data/newsbot.json';

/** The nearest folder on the way up from `file` that exists as something other than a folder. */
function fileInThePath(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    try {
      if (!statSync(dir).isDirectory()) return dir;
    } catch {
      // not there, or not reachable: look further up
    }
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/**
 * The error `err`, met while opening the store file `file`, as a StoreError that names the file
 * and says what to do. Errors that are not the file system's (a StoreError already, a bug) are
 * given back as they are.
 */
export function accessError(file: string, err: unknown, role: StoreFileRole, op: FileOp = 'read'): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || err instanceof StoreError) return err;
  const what = ROLE_NAMES[role];
  switch (code) {
    case 'EISDIR':
      return role === 'state'
        ? new StoreAccessError(
            file,
            'it is a folder, not a file',
            `NEWSBOT_DB names a folder; set it to a file path such as ${path.join(file, 'newsbot.json')}.`,
          )
        : new StoreAccessError(
            file,
            `it is a folder, where the store keeps ${what} in a file`,
            `Move that folder aside, ${ELSEWHERE}.`,
          );
    case 'ENOTDIR':
    case 'EEXIST': {
      // EEXIST comes from making the store's folder when a file has its name.
      const blocker = fileInThePath(file);
      return new StoreAccessError(
        file,
        blocker ? `${blocker} is a file, not a folder` : 'a part of its path is a file, not a folder',
        'Move that file aside, or set NEWSBOT_DB to a file path in a folder, such as data/newsbot.json.',
      );
    }
    case 'EACCES':
    case 'EPERM': {
      const user = process.getuid ? ` (the service runs as user ${process.getuid()})` : '';
      if (op === 'mkdir')
        return new StoreAccessError(
          file,
          `its folder ${path.dirname(path.resolve(file))} cannot be created: permission denied`,
          `Create that folder and let the service write to it${user}, ${ELSEWHERE}.`,
        );
      return new StoreAccessError(
        file,
        `permission denied to ${op} it`,
        `Fix the permissions of the file and its folder${user}, ${ELSEWHERE}.`,
      );
    }
    case 'EROFS':
      return new StoreAccessError(
        file,
        'it is on a read-only file system',
        `Set NEWSBOT_DB to a file path on a writable disk, such as data/newsbot.json.`,
      );
    case 'ENOSPC':
    case 'EDQUOT':
      return new StoreAccessError(
        file,
        `the disk is full (no space left to ${op} it)`,
        `Free some space on that disk, ${ELSEWHERE}.`,
      );
    case 'ELOOP':
      return new StoreAccessError(
        file,
        'its path goes round a loop of symbolic links',
        `Fix the links, ${ELSEWHERE}.`,
      );
    case 'ENAMETOOLONG':
      return new StoreAccessError(
        file,
        'its path is too long',
        'Set NEWSBOT_DB to a shorter file path, such as data/newsbot.json.',
      );
    default:
      return new StoreAccessError(
        file,
        (err as Error).message,
        `Check the file and its folder, ${ELSEWHERE}.`,
      );
  }
}

/**
 * The error `err`, met while writing the store file `file`, as a StoreWriteError that names the
 * file and the cause and says what to do. A full disk (or a spent quota) is `disk_full`, so a
 * command can tell the chat; every other failure is `store_write`. Errors that are not the file
 * system's (a StoreError already, a bug) are given back as they are.
 */
export function writeError(file: string, err: unknown, role: StoreFileRole): unknown {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof code !== 'string' || err instanceof StoreError) return err;
  const what = ROLE_NAMES[role];
  const folder = path.dirname(path.resolve(file));
  switch (code) {
    case 'ENOSPC':
      return new StoreWriteError(
        file,
        'disk_full',
        `the disk is full (no space left on the device holding ${folder}) while writing ${what}`,
        `Free some space on that disk (old logs, backups), or set NEWSBOT_DB to a file on another disk; the next change is written whole.`,
      );
    case 'EDQUOT':
      return new StoreWriteError(
        file,
        'disk_full',
        `the disk quota of the user the service runs as is spent, while writing ${what}`,
        `Free some of that user's space or raise the quota, or set NEWSBOT_DB to a file elsewhere; the next change is written whole.`,
      );
    case 'EISDIR':
      return new StoreWriteError(
        file,
        'store_write',
        `it is a folder, where the store keeps ${what} in a file`,
        `Move that folder aside, ${ELSEWHERE}.`,
      );
    case 'EACCES':
    case 'EPERM':
      return new StoreWriteError(
        file,
        'store_write',
        `permission denied to write ${what}`,
        `Let the service write to ${folder} and the file, ${ELSEWHERE}.`,
      );
    case 'EROFS':
      return new StoreWriteError(
        file,
        'store_write',
        `its disk is now read-only (writing ${what})`,
        'Check the disk (a read-only remount often follows disk errors), or set NEWSBOT_DB to a file on a writable disk.',
      );
    default:
      return new StoreWriteError(
        file,
        'store_write',
        `${(err as Error).message} (writing ${what})`,
        `Check the disk and the file's folder, ${ELSEWHERE}.`,
      );
  }
}
