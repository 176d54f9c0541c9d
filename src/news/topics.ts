import type { Token } from '../places/text.js';
import { tokenize } from '../places/text.js';
import { GLOSSARY } from '../search/glossary.js';
import { fits, PhraseTable } from '../search/phrases.js';

/**
 * Topics by keyword, English and Spanish: the `words` of the glossary's concepts that name a
 * topic (src/search/glossary.ts), so search and tagging share one list of the field's terms.
 */
export const TOPICS: Record<string, string[]> = {};
for (const concept of Object.values(GLOSSARY)) {
  if (concept.topic) (TOPICS[concept.topic] ??= []).push(...concept.words);
}

const keywords = new PhraseTable(
  Object.entries(TOPICS).flatMap(([topic, words]) => words.map((w) => [topic, w] as [string, string])),
);

export function tagTopics(text: string, tokens: Token[] = tokenize(text)): string[] {
  const found = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const list = keywords.startingWith(tokens[i].key);
    if (!list) continue;
    for (const k of list) if (!found.has(k.value) && fits(k, tokens, i, (t) => t.key)) found.add(k.value);
  }
  return Object.keys(TOPICS).filter((t) => found.has(t));
}
