/**
 * In a private chat every line is for the bot (README): one that looks addressed elsewhere
 * (`/<@U1>`, `/@everyone`, `/start@other_bot`) is answered too, at least with what to type;
 * in a group, a command for another bot is still left to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { group, message, privateChat, setup, users, type TgSetup } from './setup.js';

let s: TgSetup;
beforeAll(async () => {
  s = await setup();
});
afterAll(async () => {
  await s.close();
});

describe('Telegram: lines in a private chat that look addressed to someone else', () => {
  it.each([
    ['/<@U1>', /I don't know the command "<@U1>"[\s\S]*help/],
    ['/@everyone', /I don't know the command "@everyone"[\s\S]*help/],
    ['/<!channel> latest', /I don't know the command "<!channel>"[\s\S]*help/],
    ['/start@some_other_bot', /subscribe|latest/i],
    ['/latest@some_other_bot 1', /^Latest news/],
  ])('%s is answered', async (text, answer) => {
    const before = s.texts(users.bob.id).length;
    await s.feed(message(privateChat(users.bob), users.bob, text));
    const sent = s.texts(users.bob.id).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatch(answer);
  });

  it('in a group, a command for another bot is still left to it', async () => {
    await s.feed(message(group, users.bob, '/latest@some_other_bot'));
    await s.feed(message(group, users.bob, '/<@U1>'));
    expect(s.texts(group.id)).toHaveLength(0);
  });
});
