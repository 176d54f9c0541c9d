import { listOf, t } from '../i18n/index.js';
import type { Chat } from '../ports.js';
import type { Reply } from '../reply.js';
import type { Call } from './context.js';
import { commandWord } from './grammar.js';
import { chatOf, info, save, subscribe, unsubscribe } from './subscriptions.js';
import { resolveTopics, splitTopics, TOPIC_IDS, topicName, type TopicsParse } from './topics-arg.js';
import { usageReply } from './usage.js';

const names = (c: Call, ids: readonly string[]) =>
  listOf(
    c.lang,
    ids.map((id) => topicName(c.lang, id)),
  );

/** An unknown topic: said, with the closest and every known one, under the command's usage. */
function topicProblem(c: Call, name: 'subscribe' | 'unsubscribe', p: TopicsParse): Reply {
  const m = t(c.lang);
  if (p.ok) return usageReply(name, c.lang);
  const problems = [m.unknownTopic(p.unknown)];
  if (p.suggestion) problems.push(m.didYouMean(topicName(c.lang, p.suggestion)));
  problems.push(m.knownTopics(names(c, TOPIC_IDS)));
  return usageReply(name, c.lang, problems);
}

/** What the chat's digests are limited to now. */
function topicsNow(c: Call, chat: Chat): string {
  const m = t(c.lang);
  return chat.topics?.length ? m.topicsOfChat(names(c, chat.topics)) : m.topicsAll;
}

/**
 * `subscribe <countries> [topic <topics>]`: the countries as `subscribe` takes them, then the
 * chat's digests limited to items with any of those topics (added to those it had).
 */
export async function subscribeWithTopics(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const split = splitTopics(c.args);
  if (split.topics === undefined) return subscribe(c);
  if (!split.topics) return usageReply('subscribe', c.lang, [m.topicMissing]);
  const parsed = resolveTopics(split.topics);
  if (!parsed.ok) return topicProblem(c, 'subscribe', parsed);
  let reply: Reply | undefined;
  if (split.places) {
    reply = await subscribe({ ...c, args: split.places });
    if (reply.kind === 'error' || reply.kind === 'usage') return reply;
  }
  const chat = chatOf({ ...c, chat: await c.deps.store.chat(c.chat?.key ?? chatOf(c).key) });
  if (chat.places.length === 0) return usageReply('subscribe', c.lang, [m.topicNeedsCountry]);
  chat.topics = [...new Set([...(chat.topics ?? []), ...parsed.ids])];
  await save(c, chat);
  const said = topicsNow(c, chat);
  if (!reply) return info([said, m.topicsHow]);
  return {
    ...reply,
    paragraphs: [...(reply.paragraphs ?? []).slice(0, 1), said, ...(reply.paragraphs ?? []).slice(1)],
  };
}

/** `unsubscribe topic <topics>` removes those topics (none left: every topic again); anything else is `unsubscribe`. */
export async function unsubscribeWithTopics(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const split = splitTopics(c.args);
  if (split.topics === undefined || split.places) return unsubscribe(c);
  if (!split.topics) return usageReply('unsubscribe', c.lang, [m.topicMissing]);
  const parsed = resolveTopics(split.topics);
  if (!parsed.ok) return topicProblem(c, 'unsubscribe', parsed);
  const chat = chatOf(c);
  const had = chat.topics ?? [];
  const removing = parsed.ids.filter((id) => had.includes(id));
  if (removing.length === 0) return info([m.topicNotSet(names(c, parsed.ids)), topicsNow(c, chat)]);
  chat.topics = had.filter((id) => !removing.includes(id));
  if (chat.topics.length === 0) delete chat.topics;
  await save(c, chat);
  return info([m.topicRemoved(names(c, removing)), topicsNow(c, chat)]);
}

/** `topics`: every topic in the chat's language, what this chat's digests are limited to, and how to change it. */
export function topics(c: Call): Reply {
  const m = t(c.lang);
  const list = TOPIC_IDS.map((id) => `• ${topicName(c.lang, id)}`).join('\n');
  const example = `${commandWord('subscribe', c.lang)} Honduras ${c.lang === 'es' ? 'tema remesas' : 'topic remittances'}`;
  return {
    kind: 'info',
    visibility: 'private',
    heading: m.topicsHeading,
    paragraphs: [list, topicsNow(c, chatOf(c)), m.topicsHowTo(example)],
  };
}
