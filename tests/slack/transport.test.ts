import { afterEach, describe, expect, test } from 'vitest';
import { createSlackAdapter } from '../../adapters/slack/index.js';
import { apiBaseUrl } from '../../adapters/slack/web-client.js';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { SettingsError } from '../../src/ports.js';
import { UnreachableError } from '../../src/ports.js';
import { createHttpListener, type HttpListener } from '../../src/http.js';
import { startFakeSlack, type FakeSlack } from '../fakes/slack-api.js';
import { makeCore } from '../helpers/core.js';
import { BOT_TOKEN, SIGNING_SECRET, silent, signedHeaders, slashForm } from '../helpers/slack-rig.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function fakeSlack(opts?: Parameters<typeof startFakeSlack>[0]): Promise<FakeSlack> {
  const fake = await startFakeSlack(opts);
  cleanups.push(() => fake.close());
  return fake;
}

async function listener(): Promise<{ http: HttpListener; base: string }> {
  const http = createHttpListener(silent());
  const port = await http.listen(0, '127.0.0.1');
  cleanups.push(() => http.close());
  return { http, base: `http://127.0.0.1:${port}` };
}

describe('Slack transport', () => {
  test('the API base URL always ends in a slash (WebClient appends method names to it)', () => {
    expect(apiBaseUrl('https://slack-gov.com/api')).toBe('https://slack-gov.com/api/');
    expect(apiBaseUrl('https://slack-gov.com/api/')).toBe('https://slack-gov.com/api/');
    expect(apiBaseUrl(undefined)).toBe('https://slack.com/api/');
  });

  test('Socket Mode with SLACK_APP_TOKEN: built without touching the network, and no HTTP route', async () => {
    const fake = await fakeSlack();
    const { http, base } = await listener();
    const core = await makeCore({ sample: false });
    const adapter = createSlackAdapter({
      settings: {
        botToken: BOT_TOKEN,
        appToken: 'xapp-1-A0NEWS-123-abc',
        apiUrl: fake.apiUrl,
        command: '/news',
      },
      core: core.services,
      http,
      log: silent(),
    });
    expect(adapter.mode).toBe('socket');
    expect(adapter.notifier.platform).toBe('slack');
    expect((await fetch(`${base}/slack/events`, { method: 'POST' })).status).toBe(404);
    expect(fake.calls).toEqual([]);
  });

  test('HTTP mode without a signing secret is refused with what to set', async () => {
    const core = await makeCore({ sample: false });
    const { http } = await listener();
    expect(() =>
      createSlackAdapter({
        settings: { botToken: BOT_TOKEN, command: '/news' },
        core: core.services,
        http,
        log: silent(),
      }),
    ).toThrow(/SLACK_SIGNING_SECRET.*SLACK_APP_TOKEN/);
  });

  test('before start() the route answers 503 (Slack retries); a token Slack refuses fails start() with its word', async () => {
    const fake = await fakeSlack({ token: 'xoxb-the-real-one' });
    const { http, base } = await listener();
    const core = await makeCore({ sample: false });
    const adapter = createSlackAdapter({
      settings: {
        botToken: 'xoxb-a-wrong-one',
        signingSecret: SIGNING_SECRET,
        apiUrl: fake.apiUrl,
        command: '/news',
      },
      core: core.services,
      http,
      log: silent(),
    });
    const body = slashForm('latest', fake.responseUrl('early'));
    expect(
      (await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(body), body })).status,
    ).toBe(503);
    const err = await adapter.start().catch((e) => e);
    expect(err).toBeInstanceOf(SettingsError);
    expect(err.message).toMatch(
      /SLACK_BOT_TOKEN was refused by the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ \(invalid_auth\): copy the Bot User OAuth Token again/,
    );
  });

  test('a Slack API that cannot be reached fails start() saying so, apart from a refused token', async () => {
    const fake = await fakeSlack();
    const apiUrl = fake.apiUrl;
    await fake.close();
    const { http } = await listener();
    const core = await makeCore({ sample: false });
    const adapter = createSlackAdapter({
      settings: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl, command: '/news' },
      core: core.services,
      http,
      log: silent(),
    });
    const err = await adapter.start().catch((e) => e);
    expect(err).toBeInstanceOf(UnreachableError);
    expect(err.message).toMatch(
      /^Could not reach the Slack Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ to check SLACK_BOT_TOKEN: .*Check the network, or SLACK_API_URL\.$/,
    );
  });

  test('stop() waits for a command already acknowledged to be answered', async () => {
    const fake = await fakeSlack();
    const { http, base } = await listener();
    const core = await makeCore({ sample: false });
    const adapter = createSlackAdapter({
      settings: { botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, apiUrl: fake.apiUrl, command: '/news' },
      core: core.services,
      http,
      log: silent(),
    });
    await adapter.start();
    // the subscribe answer waits for conversations.info: slow it, so the stop comes in between
    fake.slowMethod('conversations.info', 600);
    const body = slashForm('subscribe Honduras', fake.responseUrl('in-flight'));
    expect(
      (await fetch(`${base}/slack/events`, { method: 'POST', headers: signedHeaders(body), body })).status,
    ).toBe(200);
    expect(fake.responsesTo('in-flight')).toHaveLength(0);
    await adapter.stop();
    expect(fake.responsesTo('in-flight')).toHaveLength(1);
    expect(fake.responsesTo('in-flight')[0].body.text).toMatch(/subscribed to Honduras/);
  });
});

describe('Slack through the app: config → createApp → the shared listener', () => {
  let app: App | undefined;
  afterEach(async () => {
    await app?.stop();
    app = undefined;
  });

  test('SLACK_* settings start a Slack app on /slack/events; SLACK_API_URL without a trailing slash still reaches the fake', async () => {
    const fake = await fakeSlack();
    const config = loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl.replace(/\/$/, ''),
      PORT: '0',
      LOG_LEVEL: 'silent',
    });
    app = await createApp(config, { memory: true, log: silent() });
    await app.start();
    const port = app.port()!;
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test']);
    const body = slashForm('help', fake.responseUrl('through-app'));
    const res = await fetch(`http://127.0.0.1:${port}/slack/events`, {
      method: 'POST',
      headers: signedHeaders(body),
      body,
    });
    expect(res.status).toBe(200);
    const answer = await fake.waitFor(() => fake.responsesTo('through-app')[0]);
    expect(answer.body.blocks[0].text.text).toBe('Migration news: commands');
    expect(app.platforms()).toContain('slack');
  });
});
