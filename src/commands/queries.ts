import { commandWord } from './grammar.js';
import { formatDay, listOf, t } from '../i18n/index.js';
import type { Action, Reply } from '../reply.js';
import type { ItemPage } from '../ports.js';
import { topicKey } from '../search/news-index.js';
import { tagTopics } from '../news/topics.js';
import { parseSince, splitSince } from './args.js';
import type { Call } from './context.js';
import { usageReply } from './usage.js';
import { placeList, itemView } from './views.js';
import { placesProblem, resolvePlaces } from './places-arg.js';
import { placeName } from '../places/gazetteer.js';
import { placeFinder } from '../search/places.js';

const PAGE = 5;
const MAX_LATEST = 20;

/** A page of items as a reply, with "more" when there is more, and "share" for Slack. */
function pageReply(c: Call, heading: string, page: ItemPage, size: number, extra: Action[] = []): Reply {
  const m = t(c.lang);
  const shown = page.items.length;
  const actions: Action[] = [];
  if (c.offset + shown < page.total)
    actions.push({ kind: 'more', label: m.buttons.more, command: c.command, offset: c.offset + size });
  actions.push(...extra);
  actions.push({ kind: 'share', label: m.buttons.share, command: c.command, offset: c.offset });
  return {
    kind: 'result',
    visibility: 'private',
    heading,
    paragraphs:
      page.total > shown || c.offset > 0
        ? [m.range(c.offset + 1, c.offset + shown, page.total, page.atLeast)]
        : [],
    items: page.items.map((it) => itemView(it, c.lang, c.deps.sourceLabels)),
    actions,
    command: c.command,
    offset: c.offset,
  };
}

const info = (paragraphs: string[]): Reply => ({ kind: 'info', visibility: 'private', paragraphs });

export async function latest(c: Call): Promise<Reply> {
  const m = t(c.lang);
  let n = PAGE;
  if (c.args) {
    if (!/^\d+$/.test(c.args) || Number(c.args) < 1)
      return usageReply('latest', c.lang, [m.badCount(c.args)]);
    // More than the most is a wish for all there is: the most, said as such.
    n = Math.min(Number(c.args), MAX_LATEST);
  }
  const page = await c.deps.store.items.latest(n, c.offset);
  if (page.total === 0) return info([m.noItems]);
  const reply = pageReply(c, m.latestHeading, page, n);
  if (c.offset > 0 || Number(c.args) <= MAX_LATEST) return reply;
  return { ...reply, paragraphs: [m.latestAtMost(MAX_LATEST), ...(reply.paragraphs ?? [])] };
}

export async function country(c: Call): Promise<Reply> {
  const m = t(c.lang);
  const { places, since: sinceText } = splitSince(c.args);
  if (places.length === 0) return usageReply('country', c.lang);
  const resolved = resolvePlaces(places, c.deps.resolver, c.lang);
  if (!resolved.ok) return placesProblem(c, 'country', resolved);
  let since: string | undefined;
  if (sinceText !== undefined) {
    since = parseSince(sinceText, c.now);
    if (!since)
      return usageReply('country', c.lang, [sinceText ? m.badSince(sinceText) : m.sinceWithoutDate]);
  }
  const names = placeList(resolved.codes, c.lang);
  const page = await c.deps.store.items.byPlaces(resolved.codes, { since, limit: PAGE, offset: c.offset });
  if (page.total === 0)
    return info([since ? m.noneForPlacesSince(names, formatDay(c.lang, since)) : m.noneForPlaces(names)]);
  const heading = since
    ? `${m.countryHeading(names)} ${m.sinceDate(formatDay(c.lang, since))}`
    : m.countryHeading(names);
  const label = c.ctx.shared ? m.buttons.subscribeChannel : m.buttons.subscribe;
  const subscribe: Action[] = resolved.codes.slice(0, 3).map((code) => ({
    kind: 'subscribe',
    label: label(placeName(code, c.lang)),
    command: `${commandWord('subscribe', c.lang)} ${code}`,
  }));
  return pageReply(c, heading, page, PAGE, subscribe);
}

export async function search(c: Call): Promise<Reply> {
  const m = t(c.lang);
  // Quotes typed around the words ("ethical recruitment") are how people write a phrase, not part of it.
  const q = c.args
    .trim()
    .replace(/^["'“”«»]+|["'“”«»]+$/g, '')
    .trim();
  if (!q) return usageReply('search', c.lang, [m.searchNeedsWords]);
  const page = await c.deps.store.items.search(q, {
    limit: PAGE,
    offset: c.offset,
    placeOf: placeFinder(c.deps.resolver),
  });
  // Search finds other words for a topic's words ("reclutamiento ético", "remittances") in
  // either language; when no item has the words typed, the reply says what the items are about.
  const topics = page.literal > 0 ? [] : tagTopics(q);
  if (page.total > 0 && topics.length === 0) return pageReply(c, m.searchHeading(q), page, PAGE);
  // Items tagged with the topic stand in when none says it in any words the glossary knows.
  const byTopic =
    page.total > 0
      ? page
      : await c.deps.store.items.byPlaces(topics.map(topicKey), { limit: PAGE, offset: c.offset });
  if (!byTopic.total) return info([m.noHits(q)]);
  const reply = pageReply(c, m.searchHeading(q), byTopic, PAGE);
  return {
    ...reply,
    paragraphs: [
      m.byTopic(
        q,
        listOf(
          c.lang,
          topics.map((tp) => m.topicNames[tp] ?? tp),
        ),
      ),
      ...(reply.paragraphs ?? []),
    ],
  };
}
