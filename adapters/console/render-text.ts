import type { ChatReply } from '../../src/ports.js';
import { itemLineText, itemsToText, type Reply } from '../../src/reply.js';
import { consoleText } from './texts.js';

/**
 * The most characters one answer prints: a 20-item result with summaries is about 15,000, and
 * an answer never floods the terminal, whatever was asked.
 */
export const REPLY_CHARS = 32_000;

/**
 * A reply as a terminal shows it: the plain-text fallback, with buttons turned into the
 * command to type ("more" pages the last result). With a budget, the blocks that do not fit
 * within `chars` are left out and `cutNote` says so, before the buttons.
 */
export function renderText(r: Reply, budget?: { chars: number; cutNote: string }): string {
  const parts: string[] = [];
  if (r.heading) parts.push(`== ${r.heading} ==`);
  parts.push(...(r.paragraphs ?? []));
  if (r.layout === 'compact') parts.push(...compactText(r));
  else parts.push(...itemsToText(r).map(indent));
  parts.push(...(r.footer ?? []));
  const hints = (r.actions ?? [])
    .filter((a) => a.kind !== 'share')
    // "more" or "más": the word pages in either language, so the button's own word is shown.
    .map((a) => `→ ${a.label} — ${a.kind === 'more' ? a.label.toLowerCase() : a.command}`);
  const tail = hints.length ? [hints.join('\n')] : [];
  const whole = [...parts, ...tail].join('\n\n');
  if (!budget || whole.length <= budget.chars) return whole;
  const kept: string[] = [];
  let length = budget.cutNote.length + tail.reduce((n, t) => n + t.length + 2, 0);
  for (const p of parts) {
    if (length + p.length + 2 > budget.chars) break;
    kept.push(p);
    length += p.length + 2;
  }
  return [...kept, budget.cutNote, ...tail].join('\n\n');
}

/** A command's answer as printed: within the budget, its note in the reply's language (the core's replies carry one). */
export function renderAnswer(r: Reply): string {
  const lang = (r as Partial<ChatReply>).lang ?? 'en';
  return renderText(r, { chars: REPLY_CHARS, cutNote: consoleText(lang).replyCut });
}

/** Compact items for a terminal, which links nothing: each line with its address under it. */
function compactText(r: Reply): string[] {
  const items = r.items ?? [];
  const blocks: string[] = [];
  items.forEach((v, i) => {
    const line = indent([itemLineText(v, (r.offset ?? 0) + i + 1), v.url].filter(Boolean).join('\n'));
    if (i === 0 || v.group !== items[i - 1].group) blocks.push(v.group ? `${v.group}\n${line}` : line);
    else blocks[blocks.length - 1] += `\n${line}`;
  });
  return blocks;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? l : `   ${l}`))
    .join('\n');
}
