import { afterEach, describe, expect, it } from 'vitest';
import { CALLBACK_DATA_LIMIT } from '../../adapters/telegram/callback-data.js';
import { SAMPLE_SOURCE_LABEL } from '../../src/news/source-labels.js';
import { jsonl, makeCore, SAMPLE } from '../helpers/core.js';
import { addTypical, sendDigests, SUBSCRIBED_AT, typicalItems } from '../helpers/digest-items.js';
import { callback, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup | undefined;
let other: TgSetup | undefined;
afterEach(async () => {
  await other?.close();
  await s?.close();
  s = other = undefined;
});

const chat = privateChat(users.bob);
const address = { platform: 'telegram' as const, chatId: String(chat.id) };
const numbered = (text: string) => [...text.matchAll(/^(\d+)\. (.+?) · /gm)].map((m) => Number(m[1]));
const titlesIn = (text: string) => [...text.matchAll(/^\d+\. (.+?) · /gm)].map((m) => m[1]);
const moreButton = (m: {
  replyMarkup?: { inline_keyboard?: { text: string; callback_data?: string }[][] };
}) => m.replyMarkup?.inline_keyboard?.flat().find((b) => /^(More|Más)$/.test(b.text));

async function subscribed(text: string, n: number) {
  s = await setup({ core: await makeCore({ sample: false }) });
  await s.core.commands.run(text, { address, canManage: true, now: SUBSCRIBED_AT });
  await addTypical(s.core, n);
  await sendDigests(s.core, 'telegram', s.adapter.notifier);
  return s;
}

const HOME = 'https://oim.example.org/noticias?tema=empleo&pais="hn"';

describe('a digest on Telegram', () => {
  it("links every item: one without a URL to its source's home page, naming the source", async () => {
    s = await setup({
      core: await makeCore({
        sample: false,
        sources: [{ source: 'oim.jsonl', name: 'OIM <Honduras> & co', home: HOME }],
      }),
    });
    await s.core.commands.run('subscribe Honduras', { address, canManage: true, now: SUBSCRIBED_AT });
    const at = new Date('2026-11-29T00:00:00Z');
    await s.core.news.ingestBody(SAMPLE, 'data/sample-items.txt', at);
    const oim = [{ title: 'Honduras: jornada de empleo para retornados', date: '2026-11-27' }];
    await s.core.news.ingestBody(jsonl(oim), 'oim.jsonl', at, { format: 'jsonl' });
    const web = [{ title: 'Honduran workers start the coffee harvest season', date: '2026-11-26' }];
    await s.core.news.ingestBody(jsonl(web), 'https://feeds.example.org/honduras.jsonl', at, {
      format: 'jsonl',
    });
    await sendDigests(s.core, 'telegram', s.adapter.notifier);
    const [m] = s.fake.sent(chat.id);
    const items = m.text.split('\n').filter((l) => /^\d+\. /.test(l));
    expect(items.length).toBeGreaterThan(2);
    expect(m.links.map((l) => l.text)).toEqual(titlesIn(m.text));
    const link = (title: string) => m.links.find((l) => l.text === title)?.url;
    const line = (title: string) => items.find((l) => l.includes(title));
    // the configured home page arrives as written, its & and " escaped in the href and read back
    expect(link(oim[0].title)).toBe(HOME);
    expect(line(oim[0].title)).toMatch(/ · OIM <Honduras> & co · Nov 27, 2026$/);
    // an HTTP source's home page is its own address, named by its host
    expect(link(web[0].title)).toBe('https://feeds.example.org/honduras.jsonl');
    expect(line(web[0].title)).toMatch(/ · feeds\.example\.org · Nov 26, 2026$/);
    // the bundled sample's items link to its publisher's news page
    const sample = items.filter((l) => l.includes(SAMPLE_SOURCE_LABEL.name));
    expect(sample.length).toBeGreaterThan(0);
    for (const l of sample) expect(link(/^\d+\. (.+?) · /.exec(l)![1])).toBe(SAMPLE_SOURCE_LABEL.home);
  });

  it('of 23 items for two countries is one message: the period and count, grouped by country, every item a link', async () => {
    s = await subscribed('subscribe Honduras, Guatemala', 23);
    const [m, ...others] = s.fake.sent(chat.id);
    expect(others).toEqual([]);
    expect(m.text.length).toBeLessThanOrEqual(4096);
    expect(m.text).toMatch(
      /^Weekly digest: Honduras and Guatemala\n\n20 Nov – 30 Nov 2026 · 23 new items\n\n🇭🇳 Honduras\n1\. /,
    );
    const lines = m.text.split('\n');
    const gt = lines.indexOf('🇬🇹 Guatemala');
    expect(gt).toBeGreaterThan(lines.indexOf('🇭🇳 Honduras'));
    // each item one line, numbered 1 to 20 in the order shown; its date as the language writes it
    expect(numbered(m.text)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    for (const l of lines.filter((x) => /^\d+\. /.test(x))) expect(l).toMatch(/ · Nov \d{1,2}, 2026$/);
    // under Honduras only Honduras's items (and the one about both), under Guatemala only Guatemala's
    for (const l of lines.slice(0, gt).filter((x) => /^\d+\. /.test(x))) expect(l).toMatch(/Honduras/);
    for (const l of lines.slice(gt).filter((x) => /^\d+\. /.test(x))) expect(l).toMatch(/Guatemala/);
    // the item about both countries is listed once, under the first the chat subscribed to
    const both = lines.filter((l) => /^\d+\. .*Honduras and Guatemala/.test(l));
    expect(both).toHaveLength(1);
    expect(lines.indexOf(both[0])).toBeLessThan(gt);
    // every item shown is its title linked to its story
    const titles = titlesIn(m.text);
    expect(m.links.map((l) => l.text)).toEqual(titles);
    for (const l of m.links)
      expect(l.url).toMatch(/^https:\/\/news\.example\.org\/2026\/11\/labour-migration-story-number-\d+$/);
    const byTitle = new Map(typicalItems(23).map((it) => [it.title, it.url]));
    for (const l of m.links) expect(l.url).toBe(byTitle.get(l.text));
    expect(m.text).toMatch(/\n\nAnd 3 more: digest \d+-\d+$/);
    expect(moreButton(m)).toBeDefined();
  });

  it('in Spanish: the period, the dates and the words in Spanish, the items as written', async () => {
    s = await subscribed('suscribir Guatemala', 4);
    const [m] = s.fake.sent(chat.id);
    expect(m.text).toMatch(
      /^Resumen semanal: Guatemala\n\n20 nov\. – 30 nov\. 2026 · 2 noticias nuevas\n\n🇬🇹 Guatemala\n1\. /,
    );
    expect(m.text).toMatch(/^2\. Returnees in Guatemala get job placement .* · \d{1,2} nov\. 2026$/m);
  });

  it('with format full: each item with its summary, as before', async () => {
    s = await setup({ core: await makeCore({ sample: false }) });
    await s.core.commands.run('subscribe Guatemala', { address, canManage: true, now: SUBSCRIBED_AT });
    await s.core.commands.run('format full', { address, canManage: true, now: SUBSCRIBED_AT });
    await addTypical(s.core, 4);
    await sendDigests(s.core, 'telegram', s.adapter.notifier);
    const [m] = s.fake.sent(chat.id);
    expect(m.text).toMatch(/^Weekly digest: Guatemala\n\n20 Nov – 30 Nov 2026 · 2 new items\n\n1\. /);
    expect(m.text).toContain('Story 2. Workers, employers and the authorities met');
    expect(m.text).toMatch(/\nNov \d{1,2}, 2026 · Guatemala\n/);
  });

  it('of 45 items: More pages through exactly items 21–45 of that digest, and still works after a restart', async () => {
    s = await subscribed('subscribe Honduras, Guatemala', 45);
    const [digest] = s.fake.sent(chat.id);
    const shown = titlesIn(digest.text);
    expect(shown).toHaveLength(20);
    expect(digest.text).toMatch(/And 25 more: digest \d+-\d+$/);
    const more = moreButton(digest)!;
    expect(Buffer.byteLength(more.callback_data!)).toBeLessThanOrEqual(CALLBACK_DATA_LIMIT);

    // a new process: the button's data alone says what to show
    other = await setup({ core: s.core, fake: undefined });
    await other.feed(callback(chat, users.bob, more.callback_data!, digest.messageId));
    const [page] = other.fake.sent(chat.id);
    expect(page.text).toMatch(
      /^More from the digest: Honduras and Guatemala\n\n21–40 of 45\n\n🇭🇳 Honduras\n21\. /,
    );
    expect(numbered(page.text)).toEqual(Array.from({ length: 20 }, (_, i) => i + 21));
    const firstPage = titlesIn(page.text);
    const next = moreButton(page)!;
    await other.feed(callback(chat, users.bob, next.callback_data!, page.messageId));
    // the next page takes the place of the one it follows
    const last = other.fake.sent(chat.id);
    expect(last).toHaveLength(1);
    expect(last[0].text).toMatch(/^More from the digest: Honduras and Guatemala\n\n41–45 of 45\n/);
    expect(numbered(last[0].text)).toEqual([41, 42, 43, 44, 45]);
    expect(moreButton(last[0])).toBeUndefined();

    const rest = [...firstPage, ...titlesIn(last[0].text)];
    const all = typicalItems(45).map((it) => it.title);
    expect(new Set([...shown, ...rest]).size).toBe(45);
    expect([...shown, ...rest].sort()).toEqual([...all].sort());
  });
});
