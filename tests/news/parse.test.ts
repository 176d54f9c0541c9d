import { describe, expect, it } from 'vitest';
import type { TaggedItem } from '../../src/news/item.js';
import { canonicalUrl } from '../../src/news/normalise.js';
import { ParseError, type ParseErrorCode } from '../../src/news/parse/errors.js';
import { parseBody, sniffFormat, type Format, type Parsed } from '../../src/news/parse/index.js';
import { prepareItems } from '../../src/news/prepare.js';
import { createTagger } from '../../src/places/tagger.js';

import { fixture, SEED } from './fixtures.js';

const tagger = createTagger();

/** What the parser reads (raw) and what the pipeline makes of it (normalised, identified, tagged). */
function read(
  body: string,
  opts: { format?: Format; baseUrl?: string } = {},
): { parsed: Parsed; items: TaggedItem[] } {
  const parsed = parseBody(body, opts);
  return { parsed, items: prepareItems(parsed.items, tagger) };
}

function parseError(f: () => unknown): ParseError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(ParseError);
    return err as ParseError;
  }
  throw new Error('expected a ParseError, and nothing was thrown');
}

function expectParseError(f: () => unknown, code: ParseErrorCode, message: RegExp): void {
  const err = parseError(f);
  expect(err.code).toBe(code);
  expect(err.message).toMatch(message);
}

/** What every item of every well-formed fixture must be after normalising. */
function expectClean(items: TaggedItem[]): void {
  expect(items.length).toBeGreaterThan(0);
  for (const it of items) {
    for (const text of [it.title, it.summary]) {
      expect(text).not.toMatch(/[\u00a0\u200b\ufeff]/);
      expect(text).not.toMatch(/<\/?[a-z][^>]*>/i); // no HTML left
      expect(text).not.toMatch(/&(#\d+|#x[0-9a-f]+|[a-z]+);/i); // no entity left
      expect(text).toBe(text.trim());
      expect(text).not.toMatch(/\s{2}/);
    }
    expect(it.title).not.toBe('');
    expect(it.id).toMatch(/^[0-9a-f]{16}$/);
    if (it.date !== null) expect(it.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (it.url !== null) {
      expect(it.url).toMatch(/^https?:\/\/[^/]+/);
      expect(canonicalUrl(it.url)).toBe(it.url);
    }
    expect(['en', 'es']).toContain(it.lang);
  }
}

const pick = <K extends keyof TaggedItem>(items: TaggedItem[], k: K) => items.map((it) => it[k]);

describe('sniffing', () => {
  it.each([
    ['listing-en-dates.txt', 'text'],
    ['listing-es-dates.txt', 'text'],
    ['listing-no-dates.txt', 'text'],
    ['listing-mixed-dates.txt', 'text'],
    ['rss-basic.xml', 'rss'],
    ['rss-single-item.xml', 'rss'],
    ['atom-html-titles.xml', 'atom'],
    ['jsonfeed-basic.json', 'jsonfeed'],
    ['jsonl-basic.jsonl', 'jsonl'],
    ['jsonl-some-bad-lines.jsonl', 'jsonl'],
    ['jsonl-only-bad-lines.jsonl', 'jsonl'],
    ['jsonl-bad-first-line.jsonl', 'jsonl'],
    ['html-drupal7-views.html', 'html'],
    ['html-drupal8-views.html', 'html'],
    ['html-no-listing.html', 'html'],
    ['malformed-truncated.xml', 'rss'],
    ['malformed-invalid.json', 'jsonfeed'],
    ['malformed-no-items.json', 'jsonfeed'],
  ] as const)('%s is sniffed as %s, and parseBody reads it as that', (name, format) => {
    const body = fixture(name);
    expect(sniffFormat(body)).toBe(format);
    if (/^malformed-|only-bad|no-listing/.test(name)) expect(() => parseBody(body)).toThrow(ParseError);
    else expect(parseBody(body).format).toBe(format);
  });

  it('the seed listing is text', () => {
    expect(sniffFormat(SEED)).toBe('text');
  });

  it('a byte-order mark and leading blank lines do not hide the format', () => {
    expect(sniffFormat(`\ufeff\n\n${fixture('rss-basic.xml')}`)).toBe('rss');
    expect(sniffFormat(`\ufeff${fixture('jsonfeed-basic.json')}`)).toBe('jsonfeed');
  });

  it('the Content-Type decides for JSON and HTML when the body alone does not', () => {
    expect(sniffFormat('<div class="views-row">…</div>', 'text/html; charset=utf-8')).toBe('html');
    expect(sniffFormat(fixture('jsonfeed-basic.json'), 'application/feed+json')).toBe('jsonfeed');
  });

  it('a one-line JSON Feed is not taken for JSON Lines', () => {
    const oneLine = JSON.stringify(JSON.parse(fixture('jsonfeed-basic.json')));
    expect(sniffFormat(oneLine)).toBe('jsonfeed');
    expect(parseBody(oneLine).items).toHaveLength(3);
  });

  it('--format overrides sniffing', () => {
    // an RSS document read as Atom fails as Atom: the sniffer was not asked
    expectParseError(
      () => parseBody(fixture('rss-basic.xml'), { format: 'atom' }),
      'malformed',
      /not an Atom document/,
    );
    // listing text read as RSS fails as XML
    expectParseError(
      () => parseBody(fixture('listing-en-dates.txt'), { format: 'rss' }),
      'malformed',
      /malformed XML/,
    );
    // the sitemap is sniffed as RSS; forced to Atom it is judged as Atom
    expectParseError(
      () => parseBody(fixture('malformed-not-a-feed.xml'), { format: 'atom' }),
      'malformed',
      /not an Atom document: no <feed>/,
    );
    // a JSON Feed forced to JSON Lines: its lines are not objects, and that is what is said
    expectParseError(
      () => parseBody(fixture('jsonfeed-basic.json'), { format: 'jsonl' }),
      'malformed',
      /no valid line \(line 1: not valid JSON\)/,
    );
    const forced = parseBody(fixture('jsonl-basic.jsonl'), { format: 'jsonl' });
    expect(forced.format).toBe('jsonl');
    expect(forced.items).toEqual(parseBody(fixture('jsonl-basic.jsonl')).items);
  });

  it('an unknown format is refused with the list of formats', () => {
    expectParseError(
      () => parseBody('x', { format: 'yaml' as Format }),
      'unknown_format',
      /unknown format "yaml"; use one of text, rss, atom, jsonfeed, jsonl, html/,
    );
  });
});

describe('the seed listing (data/sample-items.txt)', () => {
  const { parsed, items } = read(SEED);

  it('holds exactly the 10 items, with their dates and titles', () => {
    expect(parsed.format).toBe('text');
    expect(parsed.warnings).toEqual([]);
    expect(items.map((it) => [it.date, it.title])).toEqual([
      [
        '2021-02-16',
        'Ministry of Labour and Social Security and IOM promote ethical recruitment principles in Honduras',
      ],
      ['2021-02-15', 'Guyana government and IOM reach agreement for future labour migration collaboration'],
      [
        '2020-12-16',
        'IOM supports protocols to allow seasonal migrants to work in Costa Rica, despite the pandemic',
      ],
      ['2020-12-16', 'Costa Rica: IOM presents labor market research study for the border canton of Upala'],
      [
        '2020-11-12',
        'Panama: IOM collaborates with Morgan & Morgan to strengthen access to legal tools for migrants',
      ],
      [
        '2020-09-14',
        'IOM concludes capacity-building workshop to aid in the integration of Venezuelan migrants into Caribbean labour markets',
      ],
      [
        '2020-09-08',
        'Public and private sectors exchanged perspectives on labor migration and economic recovery',
      ],
      [
        '2020-09-08',
        'IOM launches new campaign on the integration of migrant workers with the Secretariat of Labor in Mexico',
      ],
      ['2020-08-06', 'IOM seeks to characterize diaspora organizations in Mexico and Central America'],
      ['2020-07-13', 'IOM supports Mexico in the economic recovery of migrant workers'],
    ]);
    expect(new Set(pick(items, 'id')).size).toBe(10);
  });

  it('drops the footnote glued to "destination.1" and keeps the numbers that are not footnotes', () => {
    expect(SEED).toContain('destination.1');
    expect(items[8].summary).toMatch(/create common experiences in the country of destination\.$/);
    expect(items[9].summary).toContain('838.272 jobs had disappeared, 340.000 of them in just one month.');
    expect(items[9].summary).toContain('COVID-19');
    expect(items[5].summary).toContain('(R4V)');
  });

  it('leaves no U+00A0 and no doubled or trailing spaces', () => {
    expect(SEED).toContain('\u00a0');
    expectClean(items);
    for (const raw of parsed.items) expect(`${raw.title}${raw.summary}`).not.toContain('\u00a0');
    expect(items[1].summary).toBe(
      'The Government of Guyana, through the Ministry of Labour, has committed to entering a Memorandum of Understanding (MoU) with the International Organization for Migration (IOM) to formalise cooperation and future joint activities.',
    );
    expect(items[9].summary).toContain('The working population in Mexico has been strongly affected');
  });

  it('reads no URL and finds the language (English)', () => {
    expect(pick(items, 'url')).toEqual(Array(10).fill(null));
    expect(pick(items, 'lang')).toEqual(Array(10).fill('en'));
  });
});

describe('listing text', () => {
  it('a line shaped like a date that is none still starts an item, kept undated, with a warning', () => {
    const text =
      'February 30, 2021\n\nHonduran nurses recruited for Canada\n\nThe programme opens in March.\n\n16 February, 2021\n\nGuatemala opens a labour office\n\nIt serves returnees.\n';
    const { parsed, items } = read(text, { format: 'text' });
    expect(items.map((i) => [i.date, i.title])).toEqual([
      [null, 'Honduran nurses recruited for Canada'],
      ['2021-02-16', 'Guatemala opens a labour office'],
    ]);
    expect(parsed.warnings).toEqual([
      'line 1: "February 30, 2021" is not a real date; the item after it is kept without one',
    ]);
  });

  it('English month names, Sept., ordinals and MM/DD/YYYY; irregular blank lines, U+00A0, trailing spaces, footnotes', () => {
    const body = fixture('listing-en-dates.txt');
    expect(body).toMatch(/\u00a0/);
    expect(body).toMatch(/ {2,}\n/);
    const { parsed, items } = read(body);
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Guatemala and Mexico renew agreement on temporary agricultural workers',
      'Seasonal workers from El Salvador travel to Canada under the SAWP',
      'Dominican Republic opens a registry of Haitian workers in construction',
      'Belize: IOM trains labour inspectors on forced labour indicators',
    ]);
    // Sept. 3, 2020 / 10/02/2020 (October 2) / 16 February, 2021 / March 9th, 2021
    expect(pick(items, 'date')).toEqual(['2020-09-03', '2020-10-02', '2021-02-16', '2021-03-09']);
    expect(parsed.items.map((r) => r.date)).toEqual(['2020-09-03', '2020-10-02', '2021-02-16', '2021-03-09']);
    expect(items[0].summary).toMatch(/Chiapas, with IOM support for pre-departure orientation\.$/);
    expect(items[1].summary).toBe(
      'A first group of 120 Salvadoran farm workers left for Ontario on 1 October under the Seasonal Agricultural Worker Program (SAWP), after a COVID-19 quarantine protocol agreed with Canadian employers.',
    );
    // two paragraphs of one summary stay one item
    expect(items[2].summary).toBe(
      'The Ministry of Labour of the Dominican Republic opened a registry for foreign construction workers, most of them Haitian, who can now apply for a work permit without leaving the country. Employers have until 30 April to register their workers; IOM will run information sessions in Santo Domingo and Santiago.',
    );
    // a footnote after "(ILO)." inside the paragraph; H-2A kept
    expect(items[3].summary).toBe(
      'The course, designed with the International Labour Organization (ILO). It reached 45 inspectors in Belize City and San Ignacio, and follows the H-2A recruitment guide published last year.',
    );
    expect(pick(items, 'url')).toEqual([null, null, null, null]);
    expect(pick(items, 'lang')).toEqual(['en', 'en', 'en', 'en']);
  });

  it('Spanish month names (10 Octubre, 2019; 3 de marzo de 2021; setiembre; del; dic.), CRLF line ends', () => {
    const body = fixture('listing-es-dates.txt');
    expect(body).toContain('\r\n');
    const { items } = read(body);
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Costa Rica y Nicaragua acuerdan un protocolo para trabajadores temporales de la cosecha de café',
      'La OIM y el Ministerio de Trabajo de Guatemala presentan una guía de reclutamiento ético',
      'Panamá: venezolanos con permiso de trabajo podrán afiliarse a la Caja de Seguro Social',
      'República Dominicana: remesas crecen pese a la pandemia de COVID-19',
      'Honduras y México firman memorando sobre movilidad laboral',
    ]);
    expect(pick(items, 'date')).toEqual([
      '2019-10-10',
      '2021-03-03',
      '2020-09-15',
      '2020-07-01',
      '2020-12-04',
    ]);
    expect(items[0].summary).toMatch(/ingresar de forma regular a la zona de Los Santos\.$/);
    expect(items[2].summary).toBe(
      'La medida beneficia a más de 30 000 personas venezolanas con carné de residente temporal, según el Ministerio de Trabajo y Desarrollo Laboral (Mitradel).',
    );
    expect(items[3].summary).toContain('838.272 millones de pesos');
    expect(items[4].summary).toBe(
      'El memorando establece un programa piloto para trabajadores hondureños en Chiapas y Tabasco.',
    );
    expect(pick(items, 'lang')).toEqual(['es', 'es', 'es', 'es', 'es']);
    for (const it of items) expect(`${it.title}${it.summary}`).not.toContain('\r');
  });

  it('a listing with no dates at all: a headline after a summary starts the next item', () => {
    const { items } = read(fixture('listing-no-dates.txt'));
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'IOM and the Ministry of Labour of Jamaica sign agreement on overseas employment programmes',
      'Trinidad and Tobago extends work permits for registered Venezuelan migrants',
      'Haitian returnees receive reintegration support in Ouanaminthe',
    ]);
    expect(pick(items, 'date')).toEqual([null, null, null]);
    // the summary on the line right under its title, with a footnote
    expect(items[1].summary).toBe(
      'The extension, announced on Friday, keeps about 16,000 registered Venezuelans in lawful employment until the end of the year.',
    );
    // two paragraphs after one title
    expect(items[2].summary).toBe(
      'IOM provided cash grants and vocational training to 300 Haitian returnees from the Dominican Republic. Further sessions will be held in Cap-Haïtien and Fort-Liberté in May.',
    );
  });

  it('a listing mixing dated and undated items', () => {
    const { items } = read(fixture('listing-mixed-dates.txt'));
    expectClean(items);
    expect(items.map((it) => [it.date, it.title])).toEqual([
      [null, 'Regional Conference on Migration adopts guidelines on labour migration'],
      ['2020-12-01', 'Guatemalan returnees find jobs through the employment service in Quetzaltenango'],
      [null, 'Nicaraguan workers in Costa Rica get health insurance under new agreement'],
      ['2020-11-05', 'El Salvador: IOM trains consular staff on labour rights of Salvadorans abroad'],
    ]);
    expect(items[2].summary).toBe(
      'The agreement between the Costa Rican Social Security Fund and coffee producers covers workers during the harvest.',
    );
  });

  it('a listing of a date line alone has no items', () => {
    expectParseError(
      () => parseBody('16 February, 2021\n\n\n'),
      'no_items',
      /no news items found in the listing text/,
    );
  });
});

describe('RSS 2.0', () => {
  it('CDATA HTML descriptions, escaped HTML, entities, guid isPermaLink, RFC 822 dates, channel language', () => {
    const { parsed, items } = read(fixture('rss-basic.xml'));
    expect(parsed.format).toBe('rss');
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Guatemala and Mexico agree on orderly labour migration for seasonal farm workers',
      'Honduras: employers and unions discuss the recruitment of workers for Canada & the United States',
      'Belize and IOM train labour inspectors to identify forced labour',
      'Webinar: remittances and the Salvadoran diaspora during the pandemic',
    ]);
    // the date as the publisher wrote it, whatever the zone (23:45 -0600 is still the 28th)
    expect(pick(items, 'date')).toEqual(['2021-03-16', '2021-03-08', '2021-02-05', '2021-01-28']);
    expect(pick(items, 'url')).toEqual([
      // www, trailing slash, utm_* and the fragment dropped; guid isPermaLink="false" not used
      'https://rosanjose.iom.int/en/news/guatemala-and-mexico-agree-orderly-labour-migration',
      'https://rosanjose.iom.int/en/news/honduras-employers-and-unions-discuss-recruitment',
      // no <link>: the guid, a permalink
      'https://rosanjose.iom.int/en/news/belize-and-iom-train-labour-inspectors',
      // no <link> and a guid with isPermaLink="false": no URL, even if it looks like one
      null,
    ]);
    // CDATA HTML: tags stripped (the <sup> footnote dropped, no space before it), &nbsp; and &amp; decoded
    expect(items[0].summary).toBe(
      'The Ministries of Labour of Guatemala and Mexico signed a letter of intent to protect the rights of temporary workers in Chiapas. IOM will support pre-departure orientation & consular registration.',
    );
    // entity-escaped HTML with numeric character references (&#237; &#243;)
    expect(items[1].summary).toBe(
      'Representatives of the private sector, unions and the Secretaría de Trabajo y Seguridad Social met in Tegucigalpa and San Pedro Sula to review the Política de Migración Laboral.',
    );
    expect(parsed.items.map((r) => r.lang)).toEqual(['en-us', 'en-us', 'en-us', 'en-us']);
    expect(pick(items, 'lang')).toEqual(['en', 'en', 'en', 'en']);
    expect(items[0].countries).toEqual(['GT', 'MX']);
  });

  it('a feed with a single item is still a list of one (the isArray trap), dated by dc:date', () => {
    const { items } = read(fixture('rss-single-item.xml'));
    expectClean(items);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      title:
        'MTSS y OIM lanzan plataforma para el registro de personas trabajadoras migrantes en la zona norte',
      summary:
        'La plataforma permitirá a las personas empleadoras de Upala, Los Chiles y Guatuso inscribir a trabajadores nicaragüenses de forma gratuita.',
      date: '2021-03-03',
      url: 'https://mtss.go.cr/prensa/comunicados/2021/marzo/plataforma_registro_trabajadores.html',
      lang: 'es',
    });
    expect(items[0].countries).toEqual(['CR', 'NI']);
  });

  it('a feed with no items is read as none, not as an error', () => {
    const empty =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.org/</link><description>d</description></channel></rss>';
    expect(parseBody(empty).items).toEqual([]);
  });
});

describe('HTML entities in titles and summaries', () => {
  // &euro; &copy; &agrave;: beyond the few accents of English and Spanish that a short list would know.
  const want = 'Recruitment fees of 300 € banned © IOM: à la carte no more';
  const escaped = 'Recruitment fees of 300 &amp;euro; banned &amp;copy; IOM: &amp;agrave; la carte no more';

  it('RSS: escaped (&amp;euro;) and in CDATA (&euro;), in the title and the description; numeric ones too', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
      <item><title>${escaped}</title><link>https://example.org/a</link>
        <description>&lt;p&gt;Fees of 5 &amp;euro; &amp;#8364; &amp;#x20AC;&lt;/p&gt;</description></item>
      <item><title><![CDATA[Recruitment fees of 300 &euro; banned &copy; IOM: &agrave; la carte no more]]></title>
        <link>https://example.org/b</link><description><![CDATA[<p>Voil&agrave;, 5&nbsp;&euro;</p>]]></description></item>
    </channel></rss>`;
    const { items } = read(rss);
    expect(pick(items, 'title')).toEqual([want, want]);
    expect(pick(items, 'summary')).toEqual(['Fees of 5 € € €', 'Voilà, 5 €']);
    expectClean(items);
  });

  it('Atom type="html" titles', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>News</title>
      <entry><title type="html">${escaped}</title><link href="https://example.org/a"/>
        <updated>2026-11-30T10:00:00Z</updated><summary type="html">&lt;p&gt;5 &amp;euro;&lt;/p&gt;</summary></entry>
    </feed>`;
    const { items } = read(atom);
    expect(pick(items, 'title')).toEqual([want]);
    expect(pick(items, 'summary')).toEqual(['5 €']);
  });

  it("HTML listing: the page's entities in the title link and the teaser", () => {
    const html = `<!doctype html><html lang="en"><body><div class="view-content">
      <div class="views-row"><h3><a href="/news/a">Recruitment fees of 300 &euro; banned &copy; IOM: &agrave; la carte no more</a></h3>
        <p>Voil&agrave;: 5&nbsp;&#8364;</p></div>
      </div></body></html>`;
    const { items } = read(html, { format: 'html', baseUrl: 'https://example.org/' });
    expect(pick(items, 'title')).toEqual([want]);
    expect(pick(items, 'summary')).toEqual(['Voilà: 5 €']);
  });

  it('text that only looks like an entity, with no semicolon, stays as written', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>
      <item><title>Q&amp;A: the &amp;copy2026 rules and ?a=1&amp;not=2</title><link>https://example.org/a</link></item>
    </channel></rss>`;
    expect(pick(read(rss).items, 'title')).toEqual(['Q&A: the &copy2026 rules and ?a=1&not=2']);
  });
});

describe('items without a title', () => {
  it('take the first sentence of their text (shortened at a word); an item with neither is skipped with a warning', () => {
    const rss = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><link>https://a.org/</link><description>d</description>
      <item><description>Hondurans return from Mexico under a new protocol. The ministry said more would follow.</description><link>https://a.org/1</link></item>
      <item><description>${'Trabajadores guatemaltecos '.repeat(8)}llegan a Canadá sin punto final</description><link>https://a.org/2</link></item>
      <item><link>https://a.org/3</link></item>
    </channel></rss>`;
    const { parsed, items } = read(rss);
    expect(items.map((i) => i.title)).toEqual([
      'Hondurans return from Mexico under a new protocol.',
      expect.stringMatching(/^Trabajadores guatemaltecos .*…$/),
    ]);
    expect(items[1].title.length).toBeLessThanOrEqual(121);
    expect(items[0].countries).toEqual(['HN', 'MX']);
    expect(parsed.warnings).toEqual(['item 3 has neither a title nor a text: skipped']);

    const feed = JSON.stringify({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'f',
      items: [{ id: '1', content_html: '<p>Remesas a El Salvador crecen. Más datos.</p>' }, { id: '2' }],
    });
    const json = read(feed);
    expect(json.items.map((i) => i.title)).toEqual(['Remesas a El Salvador crecen.']);
    expect(json.parsed.warnings).toEqual(['item 2 has neither a title nor a text: skipped']);
  });
});

describe('Atom (RFC 4287)', () => {
  it('an <entry> or <item> holding only text is passed over; the real ones are read', () => {
    const atom = `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
      <entry>just some text</entry>
      <entry><title>Remittances to Haiti rise</title><link href="https://a.org/h"/><updated>2021-03-20T09:00:00Z</updated></entry>
      <entry><title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Panama <b>opens</b> a labour office</div></title><link href="https://a.org/p"/></entry>
    </feed>`;
    expect(read(atom).items.map((i) => [i.title, i.url])).toEqual([
      ['Remittances to Haiti rise', 'https://a.org/h'],
      ['Panama opens a labour office', 'https://a.org/p'],
    ]);
    const rss =
      '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item>text</item><item><title>Cuba and Mexico sign</title></item></channel></rss>';
    expect(read(rss).items.map((i) => i.title)).toEqual(['Cuba and Mexico sign']);
  });

  it('type="xhtml" titles, summaries and content keep their words in order, inline markup gone, blocks on lines of their own', () => {
    const { parsed, items } = read(fixture('atom-xhtml.xml'));
    expect(parsed.format).toBe('atom');
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Nicaraguan coffee pickers return to Costa Rica',
      'Remittances to Haiti rise',
      'Guatemala & Mexico: a plain-text summary',
    ]);
    expect(items[0].summary).toBe(
      'Workers from Nicaragua crossed at Peñas Blancas for the harvest in Los Santos. Employers & unions signed the protocol.',
    );
    // no summary: the xhtml content, a namespace prefix on its elements
    expect(items[1].summary).toBe('Money sent home by the Haitian diaspora grew in March.');
    expect(items[2].summary).toBe('Seasonal workers from Guatemala in Chiapas.');
    expect(items.map((i) => i.countries)).toEqual([['CR', 'NI'], ['HT'], ['GT', 'MX']]);
  });

  it('type="html" titles, several links, published or else updated, xml:lang on the feed and the entry', () => {
    const { parsed, items } = read(fixture('atom-html-titles.xml'));
    expect(parsed.format).toBe('atom');
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      // escaped <em> and a double-escaped &aacute;
      'Trabajadores temporales guatemaltecos llegan a Canadá con contratos revisados',
      'Jamaica & Canada review the Seasonal Agricultural Worker Program',
      // CDATA with <strong> and &nbsp;
      'Remesas hacia Honduras y El Salvador crecen 13 % en enero',
    ]);
    // published wins over updated; an entry with only updated uses it
    expect(pick(items, 'date')).toEqual(['2021-03-10', '2021-02-22', '2021-02-15']);
    expect(pick(items, 'url')).toEqual([
      // rel="alternate", not the rel="self" before it
      'https://rosanjose.iom.int/es/noticias/trabajadores-temporales-guatemaltecos-llegan-canada',
      // a link without rel is the alternate one; rel="related" is not
      'https://rosanjose.iom.int/en/news/jamaica-canada-review-sawp',
      // rel="alternate", not the enclosure; utm_* dropped
      'https://rosanjose.iom.int/es/noticias/remesas-honduras-el-salvador-enero',
    ]);
    expect(pick(items, 'lang')).toEqual(['es', 'en', 'es']);
    expect(items[0].summary).toBe(
      'Un primer grupo de 85 personas trabajadoras de Guatemala viajó a Quebec dentro del programa de trabajadores agrícolas temporales, con el apoyo de la OIM.',
    );
    // no summary: the content, with &#8217; decoded
    expect(items[1].summary).toBe(
      'Officials from Jamaica’s Ministry of Labour and Social Security met their Canadian counterparts in Kingston to review housing standards for seasonal workers.',
    );
  });
});

describe('JSON Feed 1.1', () => {
  it('content_html only, summary, content_text, date_published or date_modified, language of the feed and the item', () => {
    const { parsed, items } = read(fixture('jsonfeed-basic.json'));
    expect(parsed.format).toBe('jsonfeed');
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Remesas a El Salvador alcanzan un récord en febrero',
      'Nicaraguan coffee pickers return to Costa Rica under the binational agreement',
      'Guatemala abre convocatoria del Programa de Trabajo Temporal en el Extranjero',
    ]);
    expect(pick(items, 'date')).toEqual(['2021-03-05', '2021-02-26', '2021-02-20']);
    expect(pick(items, 'url')).toEqual([
      'https://redmigracionlaboral.org/noticias/2021/03/remesas-el-salvador-record',
      'https://redmigracionlaboral.org/en/news/2021/02/nicaraguan-coffee-pickers-costa-rica',
      // no url: the external_url
      'https://mintrabajo.gob.gt/index.php/noticias/2021/programa-trabajo-temporal-en-el-extranjero',
    ]);
    expect(pick(items, 'lang')).toEqual(['es', 'en', 'es']);
    // content_html only: two paragraphs, <strong> and &nbsp;
    expect(items[0].summary).toBe(
      'El Banco Central de Reserva informó que las remesas familiares crecieron un 8,5 % respecto a febrero de 2020, impulsadas por el empleo de salvadoreños en Estados Unidos. La diáspora envió 512,3 millones de dólares.',
    );
    // summary wins over content_html
    expect(items[1].summary).toBe(
      'About 4,000 workers crossed at Peñas Blancas for the harvest in Los Santos and Coto Brus.',
    );
    expect(items[2].summary).toBe(
      'El Ministerio de Trabajo y Previsión Social recibe solicitudes de personas interesadas en trabajar en Canadá y Estados Unidos.',
    );
  });
});

describe('JSON Lines', () => {
  it('optional fields may be missing', () => {
    const { parsed, items } = read(fixture('jsonl-basic.jsonl'));
    expect(parsed.format).toBe('jsonl');
    expect(parsed.warnings).toEqual([]);
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Costa Rica amplía el registro de personas trabajadoras agrícolas nicaragüenses',
      'Haitian workers in the Dominican Republic receive identity documents',
      'Panamá y la OIM capacitan a inspectores de trabajo en Colón',
      'Mexico issues regional visitor cards to Guatemalan workers in Chiapas',
    ]);
    expect(pick(items, 'date')).toEqual(['2021-03-02', '2021-03-01', null, null]);
    expect(pick(items, 'url')).toEqual([
      'https://mtss.go.cr/prensa/comunicados/2021/marzo/registro_agricola.html',
      null,
      null,
      'http://gob.mx/inm/prensa/tarjetas-visitante-regional',
    ]);
    expect(parsed.items.map((r) => r.lang)).toEqual(['es', null, null, null]);
    // without a lang field the language is detected from the text
    expect(pick(items, 'lang')).toEqual(['es', 'en', 'es', 'en']);
    expect(items[3].summary).toBe('');
  });

  it('bad lines are skipped and reported by line number; the good ones are read', () => {
    const { parsed, items } = read(fixture('jsonl-some-bad-lines.jsonl'));
    expect(parsed.format).toBe('jsonl');
    expect(parsed.warnings).toEqual([
      'line 2: not valid JSON',
      'line 5: needs a "title" string',
      'line 6: needs a "title" string',
    ]);
    expectClean(items);
    expect(items.map((it) => [it.date, it.title])).toEqual([
      ['2021-03-08', 'Trinidad and Tobago re-opens registration for Venezuelan migrants'],
      ['2021-03-04', 'Jamaica sends first group of farm workers to Canada this season'],
      ['2021-03-04', 'Nicaragua y Costa Rica revisan el convenio de trabajadores temporales'],
    ]);
  });

  it('a broken first line is skipped like any other', () => {
    const { parsed, items } = read(fixture('jsonl-bad-first-line.jsonl'));
    expect(parsed.format).toBe('jsonl');
    expect(parsed.warnings).toEqual(['line 1: not valid JSON']);
    expect(pick(items, 'date')).toEqual(['2020-10-05', '2020-10-19']);
    expect(pick(items, 'lang')).toEqual(['en', 'es']);
  });

  it('only bad lines: a ParseError that names the first problem', () => {
    expectParseError(
      () => parseBody(fixture('jsonl-only-bad-lines.jsonl')),
      'malformed',
      /^no valid line \(line 1: needs a "title" string\)$/,
    );
  });
});

describe('HTML listing (Drupal views)', () => {
  it('Drupal 7: .views-row with .date-display-single or created dates, relative links resolved against the page URL', () => {
    const { parsed, items } = read(fixture('html-drupal7-views.html'), {
      baseUrl: 'https://rosanjose.iom.int/en/news?page=0',
    });
    expect(parsed.format).toBe('html');
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Ministry of Labour and Social Security and IOM promote ethical recruitment principles in Honduras',
      'Guyana government and IOM reach agreement for future labour migration collaboration',
      'IOM supports protocols to allow seasonal migrants to work in Costa Rica, despite the pandemic',
      'IOM concludes workshop on the integration of Venezuelan migrants into Caribbean labour markets',
    ]);
    expect(pick(items, 'date')).toEqual(['2021-02-16', '2021-02-15', '2020-12-16', null]);
    expect(pick(items, 'url')).toEqual([
      'https://rosanjose.iom.int/en/news/ministry-labour-and-iom-promote-ethical-recruitment-honduras',
      'https://rosanjose.iom.int/en/news/guyana-government-and-iom-reach-agreement-future-labour-migration-collaboration',
      'https://iom.int/news/iom-supports-protocols-allow-seasonal-migrants-work-costa-rica',
      'https://rosanjose.iom.int/en/news/caribbean-labour-market-integration-venezuelan-migrants',
    ]);
    expect(pick(items, 'lang')).toEqual(['en', 'en', 'en', 'en']);
    // the teaser, not the "Read more" link nor the date; &quot; and &nbsp; decoded
    expect(items[0].summary).toBe(
      'In order to guarantee the rights of migrant and national workers, the Ministry of Labour and Social Security and the International Organization for Migration (IOM) seek to position "Ethical Recruitment for Employment" in Honduras.',
    );
    expect(items[3].summary).toBe(
      'The trainings were held online with the R4V platform and the International Labour Organization (ILO).',
    );
  });

  it('without the page URL, relative links cannot be resolved and give no URL; absolute ones stay', () => {
    const { items } = read(fixture('html-drupal7-views.html'));
    expect(pick(items, 'url')).toEqual([
      null,
      null,
      'https://iom.int/news/iom-supports-protocols-allow-seasonal-migrants-work-costa-rica',
      null,
    ]);
  });

  it('Drupal 8: <time datetime>, lang on <html> and on a row, path-relative links', () => {
    const { items } = read(fixture('html-drupal8-views.html'), {
      baseUrl: 'https://www.mintrabajo.gob.gt/index.php/noticias',
    });
    expectClean(items);
    expect(pick(items, 'title')).toEqual([
      'Guatemala y México firman memorando sobre trabajo temporal en Chiapas',
      'Feria de empleo para personas retornadas en Quetzaltenango',
      'Guatemala launches temporary work abroad programme with IOM',
    ]);
    expect(pick(items, 'date')).toEqual(['2021-03-03', '2021-02-24', '2021-02-15']);
    expect(pick(items, 'url')).toEqual([
      'https://mintrabajo.gob.gt/index.php/noticias/2021/guatemala-y-mexico-firman-memorando-trabajo-temporal',
      'https://mintrabajo.gob.gt/index.php/noticias/2021/feria-empleo-retornados-quetzaltenango',
      'https://iom.int/news/guatemala-launches-temporary-work-abroad-programme',
    ]);
    expect(pick(items, 'lang')).toEqual(['es', 'es', 'en']);
    expect(items[1].summary).toBe(
      'Más de 40 empresas ofrecieron plazas a guatemaltecos retornados desde Estados Unidos y México.',
    );
  });
});

describe('malformed sources', () => {
  it('truncated XML: says it is cut short and what is left open', () => {
    const err = parseError(() => parseBody(fixture('malformed-truncated.xml')));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^malformed XML: /);
    expect(err.message).toMatch(/<item>, <title>/);
    expect(err.message).toMatch(/cut short/);
  });

  it('XML in the wrong place: an unclosed or mismatched element is named with its line', () => {
    const body =
      '<?xml version="1.0"?>\n<rss version="2.0">\n<channel>\n<item><title>Remesas</item>\n</channel>\n</rss>';
    expectParseError(() => parseBody(body), 'malformed', /^malformed XML at line 4: .*title/);
  });

  it('XML that is not a feed', () => {
    expectParseError(
      () => parseBody(fixture('malformed-not-a-feed.xml')),
      'malformed',
      /not an RSS 2\.0 document: no <rss><channel>/,
    );
  });

  it('HTML with no listing', () => {
    expectParseError(
      () => parseBody(fixture('html-no-listing.html')),
      'no_items',
      /no news items found in the HTML page \(looked for \.views-row and <article> blocks\)/,
    );
  });

  it('invalid JSON: says where', () => {
    expectParseError(
      () => parseBody(fixture('malformed-invalid.json')),
      'malformed',
      /^malformed JSON Feed: .*position \d+/,
    );
  });

  it('JSON without items', () => {
    expectParseError(
      () => parseBody(fixture('malformed-no-items.json')),
      'malformed',
      /not a JSON Feed: no "items" array/,
    );
  });

  it('an empty file, or one of blank lines, whatever the format', () => {
    expect(fixture('empty.txt')).toBe('');
    expectParseError(() => parseBody(fixture('empty.txt')), 'empty', /^the source is empty$/);
    expectParseError(() => parseBody(' \n\u00a0\r\n\t\n'), 'empty', /empty/);
    for (const format of ['rss', 'atom', 'jsonfeed', 'jsonl', 'html', 'text'] as const) {
      expectParseError(() => parseBody('', { format }), 'empty', /empty/);
    }
  });

  it('binary data (a gzip body read as text) is refused, whatever the format asked', () => {
    const body = fixture('malformed-binary.txt');
    expectParseError(() => parseBody(body), 'malformed', /binary data, not text/);
    expectParseError(() => parseBody(body, { format: 'text' }), 'malformed', /binary/);
    // garbage without NUL bytes: control characters and undecodable bytes
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x01, 0x02, 0xff, 0xfe, 0x81, 0x07, 0x10, 0x9c, 0xe3,
      0x1f, 0x8b, 0x05, 0x06,
    ]).toString('utf8');
    expectParseError(() => parseBody(png.repeat(20)), 'malformed', /binary/);
  });

  it('a Spanish listing saved as Latin-1 is still text (its accented letters do not make it binary)', () => {
    const latin1 = Buffer.from(fixture('listing-es-dates.txt'), 'latin1').toString('utf8');
    expect(latin1).toContain('\ufffd');
    const { items } = read(latin1);
    expect(pick(items, 'date')).toEqual([
      '2019-10-10',
      '2021-03-03',
      '2020-09-15',
      '2020-07-01',
      '2020-12-04',
    ]);
  });
});
