/**
 * A database that goes away and comes back (issue 14): the service, composed as `npm start`
 * composes it, answers "try again in a moment" in the chat's language while it is away, says not
 * ok in /healthz with the reason, gives up the scheduler lease and takes it again once the
 * database is back, and has lost nothing. The database is cut off by a TCP proxy between the
 * service and the shared server, which goes on running for everyone else.
 */
import { PassThrough } from 'node:stream';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { t } from '../../src/i18n/index.js';
import { StoreUnavailableError } from '../../src/ports.js';
import { answeringWhileAway } from '../../src/requests.js';
import { createTestDatabase, hasPg } from '../helpers/pg.js';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.js';

/** Log lines as they come, and a way to wait for one. */
function logLines() {
  const lines: { msg: string }[] = [];
  const waiters: { re: RegExp; from: number; resolve: () => void }[] = [];
  const check = () => {
    for (const w of [...waiters])
      if (lines.slice(w.from).some((l) => w.re.test(l.msg))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
  };
  const log = pino(
    { level: 'info' },
    {
      write(s: string) {
        lines.push(JSON.parse(s));
        check();
      },
    },
  );
  return {
    log,
    lines,
    /** the next line (from now on) that matches */
    next(re: RegExp) {
      const from = lines.length;
      return new Promise<void>((resolve) => {
        waiters.push({ re, from, resolve });
        check();
      });
    },
  };
}

const text = (r: { paragraphs?: string[]; heading?: string; items?: unknown[] }) =>
  [r.heading, ...(r.paragraphs ?? [])].join('\n');

describe.skipIf(!hasPg)('connection loss on PostgreSQL', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let proxy: TcpProxy | undefined;
  let app: App | undefined;
  afterAll(async () => {
    proxy?.restore();
    await app?.stop().catch(() => {});
    await proxy?.close();
    await db?.drop();
  });

  it('is survived: "try again in a moment" in both languages, /healthz not ok, the lease given up and retaken, nothing lost', async () => {
    db = await createTestDatabase();
    proxy = await startTcpProxy(db.url);
    const logs = logLines();
    const config = loadConfig({ NEWSBOT_DB: proxy.via(db.url), PORT: '0', NEWSBOT_LEASE_TTL_MS: '2000' });
    app = await createApp(config, {
      log: logs.log,
      console: { input: new PassThrough(), output: new PassThrough() },
    });
    await app.ingest();
    await app.start();
    const health = async () => {
      const res = await fetch(`http://127.0.0.1:${app!.port()}/healthz`);
      return {
        status: res.status,
        body: (await res.json()) as { ok: boolean; reason?: string; items?: number },
      };
    };
    expect((await app.takeLease()).ok).toBe(true);
    expect(text(await app.ask('subscribe costa rica'))).toMatch(/Costa Rica/);
    const latestBefore = await app.ask('latest');
    expect(latestBefore.items?.length).toBe(5);
    expect((await health()).body.ok).toBe(true);

    const lost = logs.next(/lost the scheduler lease/);
    proxy.cut();

    const away = await health();
    expect(away.status).toBe(503);
    expect(away.body.ok).toBe(false);
    expect(away.body.reason).toMatch(/the database cannot be reached/);
    const en = await app.ask('latest');
    expect(en.paragraphs).toEqual([t('en').storeAway]);
    const es = await app.ask('ultimas 3');
    expect(es.paragraphs).toEqual([t('es').storeAway]);
    expect(text(await app.ask('subscribe honduras'))).toBe(text({ paragraphs: [t('en').storeAway] }));

    // The lease runs out while the database is away: the scheduler stops here.
    await lost;
    const retaken = logs.next(/now polls the sources and sends the digests/);
    proxy.restore();
    await retaken;

    const back = await health();
    expect(back.status).toBe(200);
    expect(back.body.ok).toBe(true);
    expect(back.body.items).toBe(await app.itemCount());
    expect((await app.ask('latest')).items?.map((i) => i.title)).toEqual(
      latestBefore.items?.map((i) => i.title),
    );
    const subs = text(await app.ask('subscriptions'));
    expect(subs).toMatch(/Costa Rica/);
    expect(subs).not.toMatch(/Honduras/);
    expect((await app.takeLease()).ok).toBe(true);
  });
});

describe('a shared request log whose database is away', () => {
  it('counts the request as new, so the command runs and answers "try again"; other failures stay failures', async () => {
    const awayError = async () => {
      throw new StoreUnavailableError('the database cannot be reached (ECONNREFUSED)');
    };
    const away = answeringWhileAway({ firstTime: awayError, answered: awayError });
    expect(await away.firstTime('telegram:update:1')).toBe(true);
    // the answer went out: that it could not be recorded costs nothing, the platform sends it no more
    await expect(away.answered('telegram:update:1')).resolves.toBeUndefined();
    const bug = async () => {
      throw new Error('syntax error at or near "SELEC"');
    };
    const broken = answeringWhileAway({ firstTime: bug, answered: bug });
    await expect(broken.firstTime('slack:command:1')).rejects.toThrow(/syntax error/);
    await expect(broken.answered('slack:command:1')).rejects.toThrow(/syntax error/);
  });
});
