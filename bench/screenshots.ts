/**
 * A picture of a digest for the README: a sample digest, composed by the core and rendered by the
 * real renderers (Telegram HTML, Slack Block Kit), laid out in a phone-width page and shot with
 * headless Chromium (Debian's /usr/bin/chromium). Writes docs/digest-en.png and docs/digest-es.png.
 */
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { renderTelegram } from '../adapters/telegram/render-telegram.js';
import { renderSlack } from '../adapters/slack/render-slack.js';
import { composeDigest } from '../src/digest/compose.js';
import type { Lang } from '../src/i18n/index.js';
import { sourceLabels } from '../src/news/source-labels.js';
import { makeCore } from '../tests/helpers/core.js';
import { addTypical, FIRST_DIGEST, SUBSCRIBED_AT } from '../tests/helpers/digest-items.js';

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Slack mrkdwn as a browser shows it: links, bold, italics, line breaks. */
function mrkdwnHtml(t: string): string {
  return t
    .replace(/<([^|>]+)\|([^>]+)>/g, (_m, _u, label: string) => `<a>${label}</a>`)
    .replace(/\*([^*\n]+)\*/g, '<b>$1</b>')
    .replace(/(^| )_([^_\n]+)_/g, '$1<i>$2</i>')
    .replace(/\n/g, '<br>');
}

async function digestOf(lang: Lang) {
  const core = await makeCore({ sample: false });
  const address = { platform: 'console' as const, chatId: `shot-${lang}` };
  await core.commands.run(lang === 'es' ? 'suscribir Honduras, Guatemala' : 'subscribe Honduras, Guatemala', {
    address,
    canManage: true,
    now: SUBSCRIBED_AT,
  });
  await addTypical(core, 12);
  const chat = (await core.store.chat(`console:shot-${lang}`))!;
  const items = await core.store.items.window(0, await core.store.items.lastSeq());
  const window = { items, toSeq: await core.store.items.lastSeq() };
  const when = { at: FIRST_DIGEST, zone: 'America/Costa_Rica', labels: sourceLabels([]) };
  return composeDigest(chat, window, undefined, lang, when).reply;
}

async function page(lang: Lang): Promise<string> {
  const reply = await digestOf(lang);
  const tg = renderTelegram(reply, { encode: () => 'x' });
  const slack = renderSlack(reply, { audience: 'channel' });
  const tgHtml = tg.parts.map((p) => `<div class="bubble">${p.html.replace(/\n/g, '<br>')}</div>`).join('');
  const keys = (tg.keyboard ?? [])
    .flat()
    .map((b) => `<span class="key">${esc(b.text)}</span>`)
    .join('');
  type Shown = {
    type: string;
    text: { type: string; text: string };
    elements: { text: string & { text: string } }[];
  };
  const blocks = (slack[0].blocks as unknown as Shown[])
    .map((b) => {
      if (b.type === 'header') return `<h3>${esc(b.text.text)}</h3>`;
      if (b.type === 'section')
        return `<p>${b.text.type === 'mrkdwn' ? mrkdwnHtml(b.text.text) : esc(b.text.text)}</p>`;
      if (b.type === 'actions')
        return `<p>${b.elements.map((e) => `<span class="btn">${esc(e.text.text)}</span>`).join(' ')}</p>`;
      if (b.type === 'context') return `<p class="ctx">${b.elements.map((e) => esc(e.text)).join(' ')}</p>`;
      return '';
    })
    .join('');
  return `<!doctype html><meta charset="utf-8"><style>
body{margin:0;font:15px/1.35 -apple-system,"Noto Sans",sans-serif;background:#fff;width:780px;display:flex;gap:12px;padding:12px}
.phone{width:375px;border:1px solid #ccc;border-radius:18px;overflow:hidden}
.bar{padding:8px 12px;font-weight:600;color:#fff}
.tg .bar{background:#517da2}.tg{background:#dfe7ee}.sl .bar{background:#4a154b}
.bubble{background:#fff;margin:10px;padding:8px 10px;border-radius:10px}
.tg a{color:#2a7ab0;text-decoration:none}.sl a{color:#1264a3}
.key{display:block;margin:4px 10px;background:#a7b8c8;color:#fff;text-align:center;border-radius:8px;padding:6px}
.sl .msg{padding:10px 14px}.sl h3{margin:4px 0}.sl p{margin:6px 0}.btn{display:inline-block;white-space:nowrap;margin:2px 0;border:1px solid #bbb;border-radius:4px;padding:3px 10px}
.ctx{color:#616061;font-size:13px}
</style><div class="phone tg"><div class="bar">Telegram</div>${tgHtml}${keys}</div>
<div class="phone sl"><div class="bar">Slack</div><div class="msg">${blocks}</div></div>`;
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
mkdirSync('docs', { recursive: true });
for (const lang of ['en', 'es'] as const) {
  const p = await browser.newPage({ viewport: { width: 804, height: 600 } });
  await p.setContent(await page(lang));
  await p.screenshot({ path: `docs/digest-${lang}.png`, fullPage: true });
  await p.close();
}
await browser.close();
