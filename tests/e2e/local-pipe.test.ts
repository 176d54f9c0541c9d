/**
 * Local mode writing into a pipe, as `… | npm start | (sleep 3; cat)` does: the process does not
 * end before its reader has taken every reply, however slow the reader; and a reader that goes
 * away (EPIPE, `| head`) ends it quietly, exit 0.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { tempDb } from '../helpers/temp.js';
import { startService, type Service } from '../helpers/service.js';

let s: Service | undefined;
afterEach(() => {
  if (s?.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
});

// About 4 KB each: 800 KB, more than the kernel holds for a reader that is not reading.
const COMMANDS = 200;

/**
 * Everything the service writes to standard output, read only once it waits for its reader (it
 * says so at debug level) or has ended. Node drops a child's unread output right after 'exit',
 * so the reading starts in that event's own turn.
 */
function readWhenStalledOrEnded(service: Service): Promise<string> {
  return new Promise((resolve) => {
    let started = false;
    const read = () => {
      if (started) return;
      started = true;
      let text = '';
      service.child.stdout!.on('data', (d) => (text += d)).on('end', () => resolve(text));
    };
    service.child.once('exit', read);
    service.waitFor('stderr', /waiting for its reader/).then(read, () => {});
  });
}

describe('local mode into a pipe', () => {
  it('a reader that reads nothing until the service waits for it (or has ended) still gets every reply; exit 0', async () => {
    // Nothing reads standard output yet: the pipe fills, as with a slow reader.
    s = startService({ NEWSBOT_DB: tempDb(), LOG_LEVEL: 'debug' }, { read: false });
    const out = readWhenStalledOrEnded(s);
    s.child.stdin!.end('latest 20\n'.repeat(COMMANDS));
    expect((await out).match(/^== Latest news ==$/gm)).toHaveLength(COMMANDS);
    expect(await s.exited).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('a reader that goes away (EPIPE) ends the service quietly: exit 0, no error, no stack trace', async () => {
    s = startService({ NEWSBOT_DB: tempDb() }, { read: false });
    await s.waitFor('stderr', /local mode/);
    s.child.stdout!.destroy();
    s.child.stdin!.end('latest 20\n'.repeat(COMMANDS));
    expect(await s.exited).toEqual({ code: 0, signal: null });
    expect(s.stderr()).not.toMatch(/EPIPE|Error|\n\s+at /);
  }, 60_000);
});
