import type { NewsItem } from './item.js';

/** What NEWS_SOURCES says of a source beyond its address: a name and a home page, either optional. */
export interface SourceEntry {
  source: string;
  name?: string;
  home?: string;
}

/** How a source is named, and where its home page is (none for a file). */
export interface SourceLabel {
  name: string;
  home: string | null;
}

const isWeb = (s: string) => /^https?:\/\/\S+$/i.test(s);

/**
 * One NEWS_SOURCES entry: `<source>`, `Name|<source>` or `Name|https://home.page|<source>`.
 * An entry without `|` reads as it always did.
 */
export function parseSourceEntry(entry: string): SourceEntry | { problem: string } {
  const parts = entry.split('|').map((p) => p.trim());
  const how =
    'write it as <url or file>, Name|<url or file>, or Name|https://home.page|<url or file> (no commas in a name)';
  if (parts.length > 3) return { problem: `NEWS_SOURCES entry "${entry}" has more than three parts: ${how}` };
  const source = parts[parts.length - 1];
  if (!source) return { problem: `NEWS_SOURCES entry "${entry}" names no source after its last "|": ${how}` };
  if (parts.length === 1) return { source };
  const [name] = parts;
  if (!name) return { problem: `NEWS_SOURCES entry "${entry}" has an empty name: ${how}` };
  if (parts.length === 2) return { source, name };
  const home = parts[1];
  if (!isWeb(home) || !URL.canParse(home))
    return {
      problem: `NEWS_SOURCES entry "${entry}": its home page "${home}" is not an http(s) address: ${how}`,
    };
  return { source, name, home };
}

/**
 * A source's name and home page: what was configured, else for a web source its own address
 * (named by its host), else (a file) its file name and no home page.
 */
function sourceLabel(source: string, configured?: Omit<SourceEntry, 'source'>): SourceLabel {
  const web = isWeb(source) && URL.canParse(source);
  const home = configured?.home ?? (web ? source : null);
  const name =
    configured?.name ?? (web ? new URL(source).hostname.replace(/^www\./, '') : source.split(/[\\/]/).pop()!);
  return { name, home };
}

/** The configured sources' labels, by address. */
export type SourceLabels = ReadonlyMap<string, SourceLabel>;

export function sourceLabels(entries: readonly SourceEntry[]): SourceLabels {
  return new Map(entries.map((e) => [e.source, sourceLabel(e.source, e)]));
}

/**
 * Where an item links: its own URL, else the home page of the first of its sources that has
 * one, named (the reader should know the link is the source's, not the story's).
 */
export function itemLink(
  item: Pick<NewsItem, 'url' | 'sources'>,
  labels: SourceLabels | undefined,
): { url: string | null; source?: string } {
  if (item.url) return { url: item.url };
  for (const s of item.sources) {
    const label = labels?.get(s) ?? sourceLabel(s);
    if (label.home) return { url: label.home, source: label.name };
  }
  return { url: null };
}

/** The bundled sample items (data/sample-items.txt), named for their publisher. */
export const SAMPLE_SOURCE_LABEL = {
  name: 'IOM Mesoamerica–Caribbean labour migration programme',
  home: 'https://programamesocaribe.iom.int/en/news',
} as const;
