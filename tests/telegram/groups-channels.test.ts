import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/ports.js';
import {
  botMembership,
  callback,
  channel,
  channelPost,
  group,
  privateChat,
  message,
  serviceMessage,
  setup,
  supergroup,
  users,
  type TgSetup,
} from './setup.js';

let s: TgSetup | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const key = (id: number) => `telegram:${id}`;

describe('administrators in groups', () => {
  it('lets an administrator subscribe a group, and refuses a member politely', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(message(group, users.bob, '/subscribe Honduras'));
    expect((await s.core.store.chat(key(group.id)))?.places.map((p) => p.code)).toEqual(['HN']);

    await s.feed(message(group, users.bob, '/language es'));

    const refusal =
      'Solo los administradores de este grupo pueden cambiar sus suscripciones, su horario y su idioma.';
    await s.feed(message(group, users.ana, '/cancelar todo'));
    expect(s.last(group.id).text).toBe(refusal);
    // in the group's language, whoever asks and in whichever words
    for (const text of [
      '/unsubscribe all',
      '/schedule friday 08:00',
      '/language en',
      '/subscribe Guatemala',
      '/subscribe',
    ]) {
      await s.feed(message(group, users.dan, text));
      expect(s.last(group.id).text, text).toBe(refusal);
    }
    expect(await s.core.store.chat(key(group.id))).toMatchObject({ places: [{ code: 'HN' }] });
    expect((await s.core.store.chat(key(group.id)))?.schedule).toBeUndefined();
    // reading stays open to everyone, without asking Telegram who is an admin
    const lookups = s.fake.callsOf('getChatMember').length;
    await s.feed(message(group, users.ana, '/suscripciones'));
    expect(s.last(group.id).text).toMatch(/Resumen semanal sobre: Honduras/);
    expect(s.fake.callsOf('getChatMember')).toHaveLength(lookups);
  });

  it('counts the creator as an administrator, and remembers the answer briefly', async () => {
    s = await setup();
    s.fake.setMember(supergroup.id, users.carla.id, 'creator');
    await s.feed(message(supergroup, users.carla, '/suscribir Honduras'));
    await s.feed(message(supergroup, users.carla, '/suscribir Guatemala'));
    expect((await s.core.store.chat(key(supergroup.id)))?.places.map((p) => p.code)).toEqual(['HN', 'GT']);
    expect(s.fake.callsOf('getChatMember')).toHaveLength(1);
    expect(s.fake.callsOf('getChatMember')[0].params).toMatchObject({
      chat_id: supergroup.id,
      user_id: users.carla.id,
    });
  });

  it('treats an anonymous administrator (posting as the group) as an administrator', async () => {
    s = await setup();
    await s.feed(
      message(supergroup, users.anonymousAdmin, '/subscribe Guatemala', { sender_chat: supergroup }),
    );
    expect((await s.core.store.chat(key(supergroup.id)))?.places.map((p) => p.code)).toEqual(['GT']);
    expect(s.fake.callsOf('getChatMember')).toHaveLength(0);
    // someone posting as another channel is not
    s.fake.setMember(supergroup.id, 136817688, 'member');
    await s.feed(
      message(
        supergroup,
        { id: 136817688, is_bot: true, first_name: 'Channel' } as never,
        '/unsubscribe all',
        { sender_chat: channel },
      ),
    );
    expect(s.last(supergroup.id).text).toMatch(/^Only this group's administrators/);
  });

  it('refuses when Telegram cannot say who is an administrator', async () => {
    s = await setup();
    await s.feed(message(group, users.bob, '/help'));
    s.fake.setBadToken(true);
    await s.feed(message(group, users.bob, '/subscribe Honduras'));
    expect(await s.core.store.chat(key(group.id))).toBeUndefined();
  });
});

describe('channels', () => {
  it('an admin subscribes a channel from a channel post, and digests are posted there', async () => {
    s = await setup();
    await s.feed(channelPost(channel, '/subscribe Honduras, Costa Rica'));
    expect((await s.core.store.chat(key(channel.id)))?.places.map((p) => p.code)).toEqual(['HN', 'CR']);
    expect(s.last(channel.id).text).toMatch(/now subscribed to Honduras and Costa Rica/);
    // a channel post is not quoted back
    expect(s.last(channel.id).params.reply_parameters).toBeUndefined();
    await s.feed(channelPost(channel, '/country mexico'));
    expect(
      s
        .last(channel.id)
        .replyMarkup?.inline_keyboard?.flat()
        .map((b) => b.text),
    ).toEqual(['Subscribe this channel: Mexico']);
    // posts that are not commands are the channel's own news
    const before = s.fake.sent(channel.id).length;
    await s.feed(channelPost(channel, 'Our weekly roundup is out'));
    expect(s.fake.sent(channel.id)).toHaveLength(before);

    const digest = await s.core.commands.run('digest', {
      address: { platform: 'telegram', chatId: String(channel.id) },
      canManage: true,
      shared: true,
    });
    const { messageIds } = await s.adapter.notifier.send(
      { platform: 'telegram', chatId: String(channel.id) },
      digest,
    );
    expect(messageIds).toEqual([String(s.last(channel.id).messageId)]);
    expect(s.last(channel.id).text).toMatch(/Digest preview: Honduras and Costa Rica/);
  });

  it("a subscriber pressing a channel's button is refused; an admin pressing it subscribes the channel", async () => {
    s = await setup();
    await s.feed(channelPost(channel, '/country mexico'));
    const list = s.last(channel.id);
    const data = (list.replyMarkup!.inline_keyboard![0][0] as { callback_data: string }).callback_data;
    await s.feed(callback(channel, users.bob, data, list.messageId));
    expect(s.fake.callsOf('answerCallbackQuery').at(-1)!.params.text).toMatch(
      /^Only this channel's administrators/,
    );
    s.fake.setMember(channel.id, users.dan.id, 'administrator');
    await s.feed(callback(channel, users.dan, data, list.messageId));
    expect((await s.core.store.chat(key(channel.id)))?.places.map((p) => p.code)).toEqual(['MX']);
  });
});

describe('a group that becomes a supergroup', () => {
  it('takes its subscription along (migrate_to_chat_id in the old group)', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(message(group, users.bob, '/subscribe Honduras'));
    await s.feed(message(group, users.bob, '/language es'));
    await s.feed(serviceMessage(group, { migrate_to_chat_id: supergroup.id }));
    expect(await s.core.store.chat(key(group.id))).toBeUndefined();
    expect(await s.core.store.chat(key(supergroup.id))).toMatchObject({
      address: { platform: 'telegram', chatId: String(supergroup.id) },
      language: 'es',
      places: [{ code: 'HN' }],
    });
    // the matching message in the new supergroup changes nothing more
    await s.feed(serviceMessage(supergroup, { migrate_from_chat_id: group.id }));
    expect((await s.core.store.chat(key(supergroup.id)))?.places.map((p) => p.code)).toEqual(['HN']);
  });

  it('also when only the supergroup side (migrate_from_chat_id) arrives', async () => {
    s = await setup();
    s.fake.setMember(group.id, users.bob.id, 'administrator');
    await s.feed(message(group, users.bob, '/subscribe Guatemala'));
    await s.feed(serviceMessage(supergroup, { migrate_from_chat_id: group.id }));
    expect((await s.core.store.chat(key(supergroup.id)))?.places.map((p) => p.code)).toEqual(['GT']);
  });

  it('a digest sent to the old group reports where it went', async () => {
    s = await setup();
    s.fake.fault(group.id, { kind: 'migrated', to: String(supergroup.id) });
    const err = await s.adapter.notifier
      .send(
        { platform: 'telegram', chatId: String(group.id) },
        { kind: 'info', visibility: 'public', paragraphs: ['x'] },
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ code: 'chat_migrated', extra: { migratedTo: String(supergroup.id) } });
  });
});

describe("the bot's own membership (my_chat_member)", () => {
  it('removed from a group: its digests pause at once; added back: they resume, and the group is told', async () => {
    s = await setup();
    s.fake.setMember(supergroup.id, users.bob.id, 'administrator');
    await s.feed(message(supergroup, users.bob, '/subscribe Honduras'));
    const sent = s.fake.sent(supergroup.id).length;
    await s.feed(botMembership(supergroup, users.bob, 'member', 'kicked'));
    expect(await s.core.store.chat(key(supergroup.id))).toMatchObject({
      state: 'paused',
      pausedReason: 'bot_removed',
    });
    // nothing is said to a chat the bot has just left
    expect(s.fake.sent(supergroup.id)).toHaveLength(sent);

    await s.feed(botMembership(supergroup, users.bob, 'left', 'member'));
    expect((await s.core.store.chat(key(supergroup.id)))?.state).toBe('active');
    expect(s.last(supergroup.id).text).toMatch(
      /^Subscriptions of this group\n\nDigests to this group had been paused \(the bot was removed from this group\); they are on again\.\n\nWeekly digest about: Honduras/,
    );
  });

  it('added to a new group: a welcome in the language of whoever added it', async () => {
    s = await setup();
    await s.feed(botMembership(group, users.ana, 'left', 'member'));
    expect(s.last(group.id).text).toMatch(/^¡Hola!/);
    expect(await s.core.store.chat(key(group.id))).toBeUndefined();
    // promoted to administrator: no second welcome
    await s.feed(botMembership(group, users.ana, 'member', 'administrator'));
    expect(s.fake.sent(group.id)).toHaveLength(1);
  });

  it('blocked in a private chat, or removed from a channel: paused, nothing sent; added to a channel: nothing posted', async () => {
    s = await setup();
    const dm = privateChat(users.carla);
    await s.feed(message(dm, users.carla, '/subscribe Mexico'));
    await s.feed(channelPost(channel, '/subscribe Haiti'));
    const before = s.fake.callsOf('sendMessage').length;
    await s.feed(botMembership(dm, users.carla, 'member', 'kicked'));
    await s.feed(botMembership(channel, users.bob, 'administrator', 'left'));
    expect(await s.core.store.chat(key(dm.id))).toMatchObject({
      state: 'paused',
      pausedReason: 'bot_blocked',
    });
    expect(await s.core.store.chat(key(channel.id))).toMatchObject({
      state: 'paused',
      pausedReason: 'bot_removed',
    });
    await s.feed(botMembership(channel, users.bob, 'left', 'administrator'));
    expect(s.fake.callsOf('sendMessage')).toHaveLength(before);
    // back in the channel: on again, without a post its readers would all see
    expect((await s.core.store.chat(key(channel.id)))?.state).toBe('active');
    // unblocked in the private chat: on again, and the person is told
    await s.feed(botMembership(dm, users.carla, 'kicked', 'member'));
    expect((await s.core.store.chat(key(dm.id)))?.state).toBe('active');
    expect(s.last(dm.id).text).toMatch(
      /Los resúmenes a este chat estaban en pausa \(el bot fue bloqueado en este chat\); vuelven a enviarse\./,
    );
  });
});
