import type { types } from '@slack/bolt';
import {
  itemLineText,
  itemViewToText,
  shorten,
  type Action,
  type ItemView,
  type Reply,
} from '../../src/reply.js';
import { actionId, BUTTON_TEXT_MAX, encodeButtonValue } from './button-value.js';
import { escapeEntities, linkTarget, mrkdwnLiteral } from './mrkdwn.js';

type Block = types.KnownBlock;
type Button = types.Button;

/** Slack's limits on one message (Block Kit reference). */
export const LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextText: 3000,
  actionsPerBlock: 25,
  /** Slack truncates `text` beyond 40,000 characters: the escaped fallback is cut well under it */
  fallbackText: 30_000,
} as const;

/** How much of an item's title is shown before it is shortened. */
const TITLE_CHARS = 250;
/** A longer link target is dropped rather than eat the section's 3,000 characters. */
const URL_CHARS = 1500;

/** One message as chat.postMessage and respond() take it. */
export interface SlackMessage {
  text: string;
  blocks: Block[];
}

export interface RenderOptions {
  /**
   * 'ephemeral': only the asker sees it, so it offers "Share in channel"; 'channel': everyone
   * sees it (public replies, shared results, digests), so no share button.
   */
  audience: 'ephemeral' | 'channel';
  /** mrkdwn lines of our own (warnings), shown first */
  notes?: string[];
  /** a plain line shown small at the end (how to type commands in Slack) */
  hint?: string;
  /**
   * At most this many messages (the posts a response URL takes): the content that does not fit
   * is left out, and the last message says so with `cutNote` before its hint and buttons.
   */
  budget?: { messages: number; cutNote: string };
}

/** A run of blocks that stays in one message, with its share of the fallback text. */
interface Unit {
  blocks: Block[];
  text?: string;
}

const plain = (text: string, emoji = true): types.PlainTextElement => ({ type: 'plain_text', text, emoji });

/** Text split into pieces of at most `max` characters, at line breaks where it can be. */
export function chunkText(text: string, max: number): string[] {
  const out: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    let rest = line;
    while (rest.length > max) {
      if (current) out.push(current);
      current = '';
      out.push(rest.slice(0, max));
      rest = rest.slice(max);
    }
    const joined = current ? `${current}\n${rest}` : rest;
    if (joined.length > max) {
      out.push(current);
      current = rest;
    } else {
      current = joined;
    }
  }
  if (current.trim()) out.push(current);
  return out.filter((p) => p.trim() !== '');
}

/** Plain paragraphs as sections (no parsing at all), each within the section limit. */
function paragraphUnits(paragraphs: string[] | undefined): Unit[] {
  return (paragraphs ?? [])
    .filter((p) => p.trim() !== '')
    .map((p) => ({
      text: p,
      blocks: chunkText(p, LIMITS.sectionText).map((piece): Block => ({
        type: 'section',
        text: plain(piece),
      })),
    }));
}

/** One item: a section with the title as a link and the summary, and a context line with date and places. */
export function itemBlocks(v: ItemView, n: number): Block[] {
  const target = linkTarget(v.url);
  const title = mrkdwnLiteral(shorten(v.title, TITLE_CHARS));
  const heading = target && target.length <= URL_CHARS ? `${n}. *<${target}|${title}>*` : `${n}. *${title}*`;
  const room = LIMITS.sectionText - heading.length - 1;
  const summary = v.summary.trim() ? `\n${mrkdwnLiteral(v.summary, room)}` : '';
  const blocks: Block[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${heading}${summary}`, verbatim: true } },
  ];
  const meta = [v.date, v.places.join(', '), v.source].filter(Boolean).join(' · ');
  if (meta) blocks.push({ type: 'context', elements: [plain(shorten(meta, LIMITS.contextText), false)] });
  return blocks;
}

/** A compact item as a mrkdwn line: "3. <url|Title> · _Source_ · Dec 5, 2026". */
function lineMrkdwn(v: ItemView, n: number): string {
  const target = linkTarget(v.url);
  const title = mrkdwnLiteral(shorten(v.title, TITLE_CHARS));
  const linked = target && target.length <= URL_CHARS ? `<${target}|${title}>` : title;
  const rest = [v.source && `_${mrkdwnLiteral(shorten(v.source, 80))}_`, v.date && mrkdwnLiteral(v.date)];
  return [`${n}. ${linked}`, ...rest].filter(Boolean).join(' · ');
}

/**
 * Compact items: a section per group, its heading in bold then a line an item, started afresh
 * before the section's 3,000 characters. Each line's fallback is its plain twin.
 */
function lineUnits(items: ItemView[], offset: number): Unit[] {
  const units: Unit[] = [];
  let mrkdwn = '';
  let text = '';
  const flush = () => {
    if (mrkdwn)
      units.push({
        text,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: mrkdwn, verbatim: true } }],
      });
    mrkdwn = text = '';
  };
  items.forEach((v, i) => {
    const n = offset + i + 1;
    if (v.group && (i === 0 || v.group !== items[i - 1].group)) {
      flush();
      mrkdwn = `*${mrkdwnLiteral(v.group)}*`;
      text = v.group;
    }
    const line = lineMrkdwn(v, n);
    if (mrkdwn.length + 1 + line.length > LIMITS.sectionText) flush();
    mrkdwn = mrkdwn ? `${mrkdwn}\n${line}` : line;
    text = text ? `${text}\n${itemLineText(v, n)}` : itemLineText(v, n);
  });
  flush();
  return units;
}

function button(a: Action, n: number): Button | undefined {
  const value = encodeButtonValue(a);
  if (value === undefined) return undefined;
  const b: Button = {
    type: 'button',
    action_id: actionId(a.kind, n),
    text: plain(shorten(a.label, BUTTON_TEXT_MAX)),
    value,
  };
  if (a.kind === 'subscribe') b.style = 'primary';
  return b;
}

function actionUnits(actions: Action[] | undefined, audience: RenderOptions['audience']): Unit[] {
  const buttons = (actions ?? [])
    .filter((a) => audience === 'ephemeral' || a.kind !== 'share')
    .map(button)
    .filter((b): b is Button => b !== undefined);
  const units: Unit[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.actionsPerBlock) {
    units.push({ blocks: [{ type: 'actions', elements: buttons.slice(i, i + LIMITS.actionsPerBlock) }] });
  }
  return units;
}

/**
 * A reply as Slack messages: Block Kit with a plain `text` fallback on each, every message
 * within 50 blocks and every text within its limit. A long reply becomes several messages,
 * split between items (an item's blocks stay together); the buttons go with the last one.
 */
export function renderSlack(reply: Reply, opts: RenderOptions): SlackMessage[] {
  const units: Unit[] = [];
  for (const note of opts.notes ?? []) {
    units.push({
      text: note,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: shorten(note, LIMITS.sectionText) } }],
    });
  }
  if (reply.heading) {
    units.push({
      text: reply.heading,
      blocks: [{ type: 'header', text: plain(shorten(reply.heading, LIMITS.headerText)) }],
    });
  }
  units.push(...paragraphUnits(reply.paragraphs));
  if (reply.layout === 'compact') units.push(...lineUnits(reply.items ?? [], reply.offset ?? 0));
  else
    (reply.items ?? []).forEach((v, i) => {
      const n = (reply.offset ?? 0) + i + 1;
      units.push({ text: `${n}. ${itemViewToText(v)}`, blocks: itemBlocks(v, n) });
    });
  units.push(...paragraphUnits(reply.footer));
  // The end of the answer: kept under the last message even when the content is cut.
  const tail: Unit[] = [];
  if (opts.hint)
    tail.push({ blocks: [{ type: 'context', elements: [plain(shorten(opts.hint, LIMITS.contextText))] }] });
  tail.push(...actionUnits(reply.actions, opts.audience));

  let messages = groupIntoMessages([...units, ...tail]);
  if (opts.budget && messages.length > opts.budget.messages)
    messages = cutToBudget(groupIntoMessages(units), tail, opts.budget);
  return messages
    .filter((m) => m.length > 0)
    .map((m) => {
      const text = m
        .map((u) => u.text)
        .filter(Boolean)
        .join('\n\n');
      // Notifications show the fallback; a message of buttons alone still needs some text.
      const fallback = text ? fallbackOf(text) : '…';
      return { text: fallback, blocks: m.flatMap((u) => u.blocks) };
    });
}

const blockCount = (m: Unit[]) => m.reduce((n, u) => n + u.blocks.length, 0);

/** Units, in order, as messages of at most 50 blocks. */
function groupIntoMessages(units: Unit[]): Unit[][] {
  const messages: Unit[][] = [[]];
  let count = 0;
  for (const u of units) {
    if (count + u.blocks.length > LIMITS.blocks && count > 0) {
      messages.push([]);
      count = 0;
    }
    messages[messages.length - 1].push(u);
    count += u.blocks.length;
  }
  return messages;
}

/** The first messages of the content within the budget; the last ends with the note, then the tail. */
function cutToBudget(
  content: Unit[][],
  tail: Unit[],
  budget: NonNullable<RenderOptions['budget']>,
): Unit[][] {
  const kept = content.slice(0, Math.max(1, budget.messages)).map((m) => [...m]);
  const last = kept[kept.length - 1];
  const note: Unit = {
    text: budget.cutNote,
    blocks: [{ type: 'context', elements: [plain(shorten(budget.cutNote, LIMITS.contextText))] }],
  };
  const end = [note, ...tail];
  while (last.length && blockCount(last) + blockCount(end) > LIMITS.blocks) last.pop();
  last.push(...end);
  return kept;
}

/**
 * The fallback as Slack counts it: escaped first (an & becomes five characters), then cut, and
 * never inside an entity.
 */
function fallbackOf(text: string): string {
  const escaped = escapeEntities(text);
  if (escaped.length <= LIMITS.fallbackText) return escaped;
  return `${escaped.slice(0, LIMITS.fallbackText - 1).replace(/&[a-z]*$/, '')}…`;
}
