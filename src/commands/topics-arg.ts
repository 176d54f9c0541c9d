import { t, type Lang } from '../i18n/index.js';
import { TOPICS } from '../news/topics.js';
import { editDistance, fold } from '../places/text.js';

/** Every topic id, in the order items are tagged with them. */
export const TOPIC_IDS = Object.keys(TOPICS);

/** A topic's name in the language: "remittances", "remesas". */
export const topicName = (lang: Lang, id: string): string => t(lang).topicNames[id] ?? id;

const bare = (s: string) =>
  fold(s)
    .replace(/^(the|la|el|los|las)\s+/, '')
    .trim();

/** What a person may write for each topic: its id, its names in both languages, its glossary words. */
const byWord = new Map<string, string>();
for (const id of TOPIC_IDS) {
  const words = [id, id.replace(/-/g, ' '), topicName('en', id), topicName('es', id), ...TOPICS[id]];
  for (const w of words) if (!byWord.has(bare(w))) byWord.set(bare(w), id);
}

export type TopicsParse = { ok: true; ids: string[] } | { ok: false; unknown: string; suggestion?: string };

/** "remittances, trafficking", "remesas y trata": topic ids, or the first name that is none (with the closest). */
export function resolveTopics(text: string): TopicsParse {
  const parts = text
    .split(/\s*[,;]\s*|\s+(?:and|y|e)\s+/i)
    .map((s) => s.trim())
    .filter(Boolean);
  const ids: string[] = [];
  for (const part of parts) {
    const id = byWord.get(bare(part));
    if (!id) {
      let best: { d: number; id: string } | undefined;
      for (const [w, tid] of byWord) {
        const d = editDistance(bare(part), w, 3);
        if (d <= 3 && (!best || d < best.d)) best = { d, id: tid };
      }
      return { ok: false, unknown: part, suggestion: best?.id };
    }
    if (!ids.includes(id)) ids.push(id);
  }
  return { ok: true, ids };
}

/** The command's places and, after "topic"/"tema", its topics (undefined when none is named). */
export function splitTopics(args: string): { places: string; topics?: string } {
  const m = /(?:^|\s)(?:topics?|temas?)(?:\s+|$)/i.exec(args);
  if (!m) return { places: args.trim() };
  return { places: args.slice(0, m.index).trim(), topics: args.slice(m.index + m[0].length).trim() };
}
