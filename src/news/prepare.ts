import type { Tagger } from '../places/tagger.js';
import { tokenize } from '../places/text.js';
import type { RawItem, TaggedItem } from './item.js';
import { detectLang } from './lang.js';
import { itemId, normaliseRaw } from './normalise.js';
import { tagTopics } from './topics.js';

/** Normalise, identify and tag what a parser read. Items without a title are dropped. */
export function prepareItems(raws: RawItem[], tagger: Tagger): TaggedItem[] {
  const out: TaggedItem[] = [];
  for (const raw of raws) {
    const n = normaliseRaw(raw);
    if (!n.title) continue;
    const text = `${n.title}\n${n.summary}`;
    const tokens = tokenize(text);
    const tags = tagger.tag(text, tokens);
    out.push({
      id: itemId(n),
      title: n.title,
      summary: n.summary,
      date: n.date,
      url: n.url ?? null,
      lang: n.lang || detectLang(text, tokens),
      countries: tags.countries,
      regions: tags.regions,
      topics: tagTopics(text, tokens),
    });
  }
  return out;
}
