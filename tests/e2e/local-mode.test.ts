import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { consoleSession, run, runInProcess } from '../helpers/run.js';
import { tempDb } from '../helpers/temp.js';

describe('npm start in local mode', () => {
  it('ingests the bundled items, says it is in local mode, answers piped commands and exits at their end', async () => {
    const db = tempDb();
    const r = await run('src/main.ts', [], {
      env: { NEWSBOT_DB: db },
      input:
        'latest\ncountry costa rica\ncountry México\nsearch recruitment\nsubscribe Honduras\nsubscriptions\nlanguage es\nhelp\n',
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/local mode/);
    expect(r.stderr).toMatch(/10 news items from 1 source/);
    expect(r.stdout).toMatch(/== Latest news ==/);
    expect(r.stdout).toMatch(/== News about Costa Rica ==[\s\S]*Upala/);
    expect(r.stdout).toMatch(/== News about Mexico ==/);
    expect(r.stdout).toMatch(/== Search: "recruitment" ==/);
    expect(r.stdout).toMatch(/now subscribed to Honduras/);
    expect(r.stdout).toMatch(/Weekly digest about: Honduras/);
    expect(r.stdout).toMatch(/Las respuestas de este chat ahora son en español/);
    expect(r.stdout).toMatch(/Noticias de migración: comandos/);
    const state = JSON.parse(readFileSync(db, 'utf8'));
    expect(state.chats['console:local'].places.map((p: { code: string }) => p.code)).toEqual(['HN']);
  });

  // The console's behaviour in this process; the process itself is the test above.
  it('answers a bad command with its usage and goes on', async () => {
    const out = await consoleSession('country narnia\nfoo\nlatest 1\n', { NEWSBOT_DB: tempDb() });
    expect(out).toMatch(/don't know the country or region "narnia"[\s\S]*Usage: country/);
    expect(out).toMatch(/don't know the command "foo"/);
    expect(out).toMatch(/1–1 of 10/);
  });

  it('"more" pages the last list, says when it has ended, and in Spanish answers as "más"', async () => {
    const out = await consoleSession('más\nlatest 4\nmore\nmore\nmore\n', { NEWSBOT_DB: tempDb() });
    expect(
      out.startsWith('No hay nada más que mostrar: primero use un comando (ultimas, pais, buscar).\n'),
    ).toBe(true);
    expect(out).toMatch(/1–4 of 10[\s\S]*→ More — more[\s\S]*5–8 of 10[\s\S]*9–10 of 10/);
    expect(out.trim().endsWith('That was all: the list has nothing more.')).toBe(true);
    const es = await consoleSession('idioma es\nultimas 4\n', { NEWSBOT_DB: tempDb() });
    expect(es).toMatch(/→ Más — más/);
  });

  // The one start-up failure in a process of its own: the others are found in this process
  // (startupFailure in tests/helpers/run.ts) and printed the same way.
  it('stops on a corrupt store with a message naming the file, and leaves the file as it was', async () => {
    const db = tempDb();
    writeFileSync(db, '{"chats": {"console:local": ');
    const r = await run('src/main.ts', [], { env: { NEWSBOT_DB: db }, input: 'latest\n' });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^newsbot: The store file ${db} cannot be read`));
    expect(r.stderr).toMatch(/cannot be read[\s\S]*left exactly as it is/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(readFileSync(db, 'utf8')).toBe('{"chats": {"console:local": ');
  });

  it("stops on unusable settings with what to do (the exit code and message are the entry points' one rule)", async () => {
    const r = await runInProcess(['ask', 'latest'], {
      NEWSBOT_DB: tempDb(),
      SOURCE_POLL_MINUTES: 'often',
      DIGEST_DEFAULT: 'someday',
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/SOURCE_POLL_MINUTES must be a whole number/);
    expect(r.stderr).toMatch(/\.env\.example/);
  });
});

// The command line in this process: its start-up as a process is covered by cli-parse.test.ts.
describe('newsbot CLI', () => {
  it('ingest fills the store and ask runs one command, as text or JSON', async () => {
    const db = tempDb();
    const ing = await runInProcess(['ingest'], { NEWSBOT_DB: db });
    expect(ing.code).toBe(0);
    expect(ing.stdout).toMatch(/10 read, 10 new, 0 updated/);
    const again = await runInProcess(['ingest'], { NEWSBOT_DB: db });
    expect(again.stdout).toMatch(/sample-items\.txt: unchanged since the last read/);
    const ask = await runInProcess(['ask', 'country nicaragua'], { NEWSBOT_DB: db });
    expect(ask.stdout).toMatch(/== News about Nicaragua ==/);
    const json = await runInProcess(['ask', 'subscribe GT', '--chat', 'team-7', '--json'], {
      NEWSBOT_DB: db,
    });
    const reply = JSON.parse(json.stdout);
    expect(reply.paragraphs[0]).toMatch(/now subscribed to Guatemala/);
    const state = JSON.parse(readFileSync(db, 'utf8'));
    expect(Object.keys(state.chats)).toEqual(['console:team-7']);
  });

  it('ingest reports a broken source and still stores the good one', async () => {
    const db = tempDb();
    const r = await runInProcess(['ingest', 'data/sample-items.txt', 'no/such/file.xml'], { NEWSBOT_DB: db });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/10 new/);
    expect(r.stderr).toMatch(/no\/such\/file\.xml: failed: no file at no\/such\/file\.xml/);
  });
});
