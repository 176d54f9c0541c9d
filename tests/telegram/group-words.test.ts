import { afterEach, describe, expect, it } from 'vitest';
import {
  callback,
  channelPost,
  channel,
  group,
  message,
  privateChat,
  setup,
  users,
  type TgSetup,
} from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const labels = (m: { replyMarkup?: { inline_keyboard?: { text: string }[][] } }) =>
  m.replyMarkup?.inline_keyboard?.flat().map((b) => b.text) ?? [];

describe('Telegram: words that fit the place', () => {
  it('a group is "this group", a channel "this channel", a private chat "this chat", in both languages', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(message(group, users.bob, '/subscribe Honduras'));
    expect(s.last(group.id).text).toMatch(/^This group is now subscribed to Honduras/);
    await s.feed(message(group, users.ana, '/unsubscribe all'));
    expect(s.last(group.id).text).toMatch(/^Only this group's administrators can change/);
    await s.feed(message(group, users.bob, '/idioma es'));
    await s.feed(message(group, users.ana, '/suscripciones'));
    expect(s.last(group.id).text).toMatch(/Suscripciones de este grupo/);

    await s.feed(channelPost(channel, '/subscribe Guatemala'));
    expect(s.last(channel.id).text).toMatch(/^This channel is now subscribed to Guatemala/);

    const me = privateChat(users.bob);
    await s.feed(message(me, users.bob, '/subscribe Panama'));
    expect(s.last(me.id).text).toMatch(/^This chat is now subscribed to Panama/);
  });

  it('/country@bot in a group offers "Subscribe this group", which subscribes it', async () => {
    s = await setup();
    await s.feed(message(group, users.ana, '/pais@migration_news_bot honduras'));
    const list = s.last(group.id);
    expect(labels(list)).toContain('Suscribir este grupo: Honduras');
    const button = list.replyMarkup!.inline_keyboard!.flat().find((b) => b.text.startsWith('Suscribir'))!;
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(callback(group, users.bob, button.callback_data!, list.messageId));
    expect((await s.core.store.chat(`telegram:${group.id}`))?.places.map((p) => p.code)).toEqual(['HN']);
    expect(s.last(group.id).text).toMatch(/^Este grupo ahora está suscrito a Honduras/);
  });

  it('help in a group lists the commands with their slash and says plain text is not read there', async () => {
    s = await setup();
    await s.feed(message(group, users.bob, '/help'));
    const help = s.last(group.id).text;
    expect(help).toMatch(/• \/latest \[n\]/);
    expect(help).toMatch(/• \/country <name or code>/);
    expect(help).toMatch(/In a group, start each command with a slash/);
    // a private chat reads every line: no slashes needed, no such note
    const me = privateChat(users.bob);
    await s.feed(message(me, users.bob, '/help'));
    expect(s.last(me.id).text).toMatch(/• latest \[n\]/);
    expect(s.last(me.id).text).not.toMatch(/start each command with a slash/);
  });

  it('/stop explains how to stop the digests, with a button that unsubscribes from all', async () => {
    s = await setup();
    const me = privateChat(users.bob);
    await s.feed(message(me, users.bob, '/stop'));
    expect(s.last(me.id).text).toBe('This chat has no subscriptions.');
    await s.feed(message(me, users.bob, '/subscribe Honduras, Guatemala'));
    await s.feed(message(me, users.bob, '/stop'));
    expect(s.last(me.id).text).toMatch(
      /^This chat gets digests about Honduras and Guatemala\. To stop them for a while, keeping the countries and the schedule: pause\. To stop them all and forget the countries: unsubscribe all\./,
    );
    expect(labels(s.last(me.id))).toEqual(['Pause', 'Unsubscribe from all']);
    // nothing changed by asking
    expect((await s.core.store.chat(`telegram:${me.id}`))?.places).toHaveLength(2);
  });
});
