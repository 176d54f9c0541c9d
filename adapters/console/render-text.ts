import { itemViewToText, type Reply } from '../../src/reply.js';

/**
 * A reply as a terminal shows it: the plain-text fallback, with buttons turned into the
 * command to type ("more" pages the last result).
 */
export function renderText(r: Reply): string {
  const parts: string[] = [];
  if (r.heading) parts.push(`== ${r.heading} ==`);
  parts.push(...(r.paragraphs ?? []));
  (r.items ?? []).forEach((v, i) => parts.push(indent(`${(r.offset ?? 0) + i + 1}. ${itemViewToText(v)}`)));
  parts.push(...(r.footer ?? []));
  const hints = (r.actions ?? [])
    .filter((a) => a.kind !== 'share')
    // "more" or "más": the word pages in either language, so the button's own word is shown.
    .map((a) => `→ ${a.label} — ${a.kind === 'more' ? a.label.toLowerCase() : a.command}`);
  if (hints.length) parts.push(hints.join('\n'));
  return parts.join('\n\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 ? l : `   ${l}`))
    .join('\n');
}
