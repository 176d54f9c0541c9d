import { afterEach, describe, expect, test } from 'vitest';
import { jsonl, makeCore } from '../helpers/core.js';
import { addTypical, sendDigests, SUBSCRIBED_AT, typicalItems } from '../helpers/digest-items.js';
import { buttonOf, buttonsOf, CHANNEL, plain, startRig, TEAM, type Rig } from '../helpers/slack-rig.js';

let rig: Rig | undefined;
let other: Rig | undefined;
afterEach(async () => {
  await other?.close();
  await rig?.close();
  rig = other = undefined;
});

const address = { platform: 'slack' as const, chatId: CHANNEL, teamId: TEAM };
/** The mrkdwn of a message's item sections: "*🇭🇳 Honduras*\n1. <url|title> · date" */
const sections = (m: Record<string, any>): string[] =>
  m.blocks
    .filter((b: any) => b.type === 'section' && b.text.type === 'mrkdwn')
    .map((b: any) => b.text.text as string);
const lines = (m: Record<string, any>): string[] => sections(m).flatMap((t: string) => t.split('\n'));
const links = (m: Record<string, any>): { n: number; url: string; title: string }[] =>
  lines(m).flatMap((l: string) =>
    [...l.matchAll(/^(\d+)\. <([^|>]+)\|([^>]+)>/g)].map((x) => ({
      n: Number(x[1]),
      url: x[2],
      title: x[3],
    })),
  );

async function subscribed(text: string, n: number) {
  rig = await startRig({ core: await makeCore({ sample: false }) });
  await rig.core.commands.run(text, { address, canManage: true, shared: true, now: SUBSCRIBED_AT });
  await addTypical(rig.core, n);
  await sendDigests(rig.core, 'slack', rig.adapter.notifier);
  return rig;
}

describe('a digest in Slack', () => {
  test("an item without a URL links to its source's home page, escaped for Slack, and names the source", async () => {
    const home = 'https://oim.example.org/noticias?tema=empleo&pais=hn|x';
    rig = await startRig({
      core: await makeCore({
        sample: false,
        sources: [{ source: 'oim.jsonl', name: 'OIM <!channel> & co', home }],
      }),
    });
    await rig.core.commands.run('subscribe Honduras', {
      address,
      canManage: true,
      shared: true,
      now: SUBSCRIBED_AT,
    });
    const oim = [{ title: 'Honduras: jornada de empleo para retornados', date: '2026-11-27' }];
    await rig.core.news.ingestBody(jsonl(oim), 'oim.jsonl', new Date('2026-11-29T00:00:00Z'), {
      format: 'jsonl',
    });
    await sendDigests(rig.core, 'slack', rig.adapter.notifier);
    const [post] = rig.fake.posts(CHANNEL);
    const [line] = lines(post.body).filter((l) => /^1\. /.test(l));
    expect(line).toBe(
      '1. <https://oim.example.org/noticias?tema=empleo&amp;pais=hn%7Cx|Honduras: jornada de empleo para retornados> · _OIM &lt;!channel&gt; &amp; co_ · Nov 27, 2026',
    );
  });

  test('of 23 items for two countries is one message well within the limits: period and count, grouped, every item a link', async () => {
    const r = await subscribed('subscribe Honduras, Guatemala', 23);
    const posts = r.fake.posts(CHANNEL);
    expect(posts).toHaveLength(1);
    const m = posts[0].body;
    expect(m.blocks.length).toBeLessThanOrEqual(10);
    expect(String(m.text).length).toBeLessThan(3000);
    expect(m.blocks[0]).toMatchObject({
      type: 'header',
      text: { text: 'Weekly digest: Honduras and Guatemala' },
    });
    expect(m.blocks[1].text.text).toBe('20 Nov – 30 Nov 2026 · 23 new items');
    const [hn, gt] = sections(m);
    expect(hn).toMatch(/^\*🇭🇳 Honduras\*\n1\. </);
    expect(gt).toMatch(/^\*🇬🇹 Guatemala\*\n\d+\. </);
    const linked = links(m);
    expect(linked.map((l) => l.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const byTitle = new Map(typicalItems(23).map((it) => [it.title, it.url]));
    for (const l of linked) expect(l.url).toBe(byTitle.get(l.title));
    for (const l of lines(m).filter((x: string) => /^\d+\. /.test(x)))
      expect(l).toMatch(/ · Nov \d{1,2}, 2026$/);
    // the fallback a notification shows reads the same, without the links
    expect(plain(m)).toMatch(
      /^Weekly digest: Honduras and Guatemala\n\n20 Nov – 30 Nov 2026 · 23 new items\n\n🇭🇳 Honduras\n1\. /,
    );
    expect(plain(m)).toMatch(/And 3 more: digest \d+-\d+$/);
  });

  test('of 45 items: More pages through exactly items 21–45 of that digest, and still works after a restart', async () => {
    const r = await subscribed('subscribe Honduras, Guatemala', 45);
    const [post] = r.fake.posts(CHANNEL);
    const shown = links(post.body).map((l) => l.title);
    expect(shown).toHaveLength(20);
    // another process answers the press: the button's value alone says what to show
    other = await startRig({ core: r.core });
    const page = await other.press(buttonOf(post.body, 'more'), { ephemeral: false });
    expect(page.first.response_type).toBe('ephemeral');
    expect(page.first.blocks[0].text.text).toBe('More from the digest: Honduras and Guatemala');
    expect(plain(page.first)).toContain('21–40 of 45');
    expect(links(page.first).map((l) => l.n)).toEqual(Array.from({ length: 20 }, (_, i) => i + 21));
    const next = await other.press(buttonOf(page.first, 'more'), { ephemeral: true });
    expect(next.first.replace_original).toBe(true);
    expect(links(next.first).map((l) => l.n)).toEqual([41, 42, 43, 44, 45]);
    expect(buttonsOf(next.first).some((b) => String(b.action_id).startsWith('news:more:'))).toBe(false);
    const all = [
      ...shown,
      ...links(page.first).map((l) => l.title),
      ...links(next.first).map((l) => l.title),
    ];
    expect(new Set(all).size).toBe(45);
    expect(all.sort()).toEqual(
      typicalItems(45)
        .map((it) => it.title)
        .sort(),
    );
  });

  test('in Spanish: "Más" pages on, in Spanish', async () => {
    const r = await subscribed('suscribir Honduras, Guatemala', 23);
    const [post] = r.fake.posts(CHANNEL);
    expect(post.body.blocks[1].text.text).toBe('20 nov. – 30 nov. 2026 · 23 noticias nuevas');
    expect(plain(post.body)).toMatch(/Y 3 más: resumen \d+-\d+$/);
    const more = buttonOf(post.body, 'more');
    expect(more.text.text).toBe('Más');
    const page = await r.press(more, { ephemeral: false });
    expect(page.first.blocks[0].text.text).toBe('Más del resumen: Honduras y Guatemala');
    expect(plain(page.first)).toContain('21–23 de 23');
    expect(links(page.first).map((l) => l.n)).toEqual([21, 22, 23]);
  });
});
