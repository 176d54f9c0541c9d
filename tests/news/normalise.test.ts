import { describe, expect, it } from 'vitest';
import { isDateLine, parseDate } from '../../src/news/dates.js';
import { detectLang } from '../../src/news/lang.js';
import {
  canonicalUrl,
  cleanText,
  dropFootnotes,
  identityKeys,
  itemId,
  normaliseRaw,
} from '../../src/news/normalise.js';

describe('cleanText', () => {
  it('turns every kind of space, U+00A0 included, into one plain space and trims', () => {
    expect(cleanText('Costa\u00a0Rica')).toBe('Costa Rica');
    expect(cleanText('  IOM\u00a0\u00a0 supports \t\n Mexico\u00a0 ')).toBe('IOM supports Mexico');
    expect(cleanText('8,5\u202f%')).toBe('8,5 %'); // narrow no-break space
    expect(cleanText('a\u2009b\u3000c\u2028d')).toBe('a b c d');
    expect(cleanText('line one\r\n\r\nline two')).toBe('line one line two');
  });

  it('removes invisible characters and a byte-order mark', () => {
    expect(cleanText('\ufeffHon\u200bdu\u200dras\u2060')).toBe('Honduras');
  });

  it('strips control characters (C0 and C1, a terminal escape among them); the spacing ones become a space', () => {
    expect(cleanText('Alert \x1b[31mred\x1b[0m text')).toBe('Alert [31mred[0m text');
    expect(cleanText('bell\x07 nul\x00 del\x7f csi\x9b2J nel\x85.')).toBe('bell nul del csi2J nel.');
    expect(cleanText('tab\there\vand\ffeed')).toBe('tab here and feed');
    // every code point below U+0020 and from U+007F to U+009F, none left
    const all = Array.from({ length: 0xa0 }, (_, i) => String.fromCharCode(i)).join('');
    expect(cleanText(`a${all}b`)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('composes accents (NFC), so decomposed and composed text compare equal', () => {
    const decomposed = 'Panama\u0301 y Nicaragu\u0308enses';
    expect(decomposed.length).toBe(24);
    expect(cleanText(decomposed)).toBe('Panamá y Nicaragüenses');
    expect(cleanText(decomposed).length).toBe(22);
  });

  it('is empty for nothing', () => {
    expect(cleanText(null)).toBe('');
    expect(cleanText(undefined)).toBe('');
    expect(cleanText('\u00a0 \n')).toBe('');
  });
});

describe('dropFootnotes', () => {
  it('drops footnote digits glued to the end of a sentence', () => {
    expect(dropFootnotes('create common experiences in the country of destination.1')).toBe(
      'create common experiences in the country of destination.',
    );
    expect(dropFootnotes('in the country of destination.1 Diasporas are')).toBe(
      'in the country of destination. Diasporas are',
    );
    expect(dropFootnotes('the International Labour Organization (ILO).4 It reached')).toBe(
      'the International Labour Organization (ILO). It reached',
    );
    expect(dropFootnotes('"Ethical Recruitment for Employment".12 In Honduras')).toBe(
      '"Ethical Recruitment for Employment". In Honduras',
    );
    expect(dropFootnotes('Los Santos.2')).toBe('Los Santos.');
    expect(dropFootnotes('migrant workers,3 employers')).toBe('migrant workers, employers');
  });

  it('keeps digits that belong to words and numbers', () => {
    for (const s of [
      'the Response for Venezuelans (R4V) Program',
      'the spread of COVID-19.',
      'COVID-19',
      'the U.S. H-2A visa programme',
      'by the end of May, 838.272 jobs had disappeared, 340.000 of them in just one month.',
      'went into effect on November 2, 2020.',
      'sumaron 838.272 millones de pesos',
      'SARS-CoV-2 vaccines',
      'un crecimiento de 8,5 %',
    ]) {
      expect(dropFootnotes(s)).toBe(s);
    }
  });
});

describe('canonicalUrl', () => {
  it('drops the fragment, utm_* and other tracking parameters, the trailing slash and www; lower-cases the host', () => {
    expect(
      canonicalUrl(
        'https://www.IOM.int/news/iom-supports-mexico/?utm_source=rss&utm_medium=feed&utm_campaign=x#main-content',
      ),
    ).toBe('https://iom.int/news/iom-supports-mexico');
    expect(canonicalUrl('HTTPS://WWW.Rosanjose.IOM.INT/en/News/')).toBe('https://rosanjose.iom.int/en/News');
    expect(canonicalUrl('https://iom.int/news/a?fbclid=IwAR0x&gclid=abc')).toBe('https://iom.int/news/a');
    expect(canonicalUrl('https://iom.int:443/news/a')).toBe('https://iom.int/news/a');
    expect(canonicalUrl('  https://iom.int/news/a  ')).toBe('https://iom.int/news/a');
  });

  it('keeps the parameters that name the page, in a stable order', () => {
    expect(canonicalUrl('https://www.mtss.go.cr/buscar?q=remesas&utm_source=x&page=2')).toBe(
      'https://mtss.go.cr/buscar?page=2&q=remesas',
    );
    expect(canonicalUrl('https://mtss.go.cr/buscar?page=2&q=remesas')).toBe(
      canonicalUrl('https://mtss.go.cr/buscar?q=remesas&page=2'),
    );
  });

  it('keeps the root path and the scheme', () => {
    expect(canonicalUrl('https://www.iom.int/?utm_source=x')).toBe('https://iom.int/');
    expect(canonicalUrl('http://gob.mx/inm')).toBe('http://gob.mx/inm');
  });

  it('resolves a relative URL against a base', () => {
    expect(canonicalUrl('/en/news/a/', 'https://rosanjose.iom.int/en/news?page=1')).toBe(
      'https://rosanjose.iom.int/en/news/a',
    );
    expect(canonicalUrl('2021/b', 'https://www.mintrabajo.gob.gt/noticias/')).toBe(
      'https://mintrabajo.gob.gt/noticias/2021/b',
    );
  });

  it('is null for what is not an http(s) URL', () => {
    for (const u of [
      'mailto:prensa@iom.int',
      'javascript:void(0)',
      'ftp://iom.int/a',
      'not a url',
      '/en/news/a',
      '',
      null,
      undefined,
    ]) {
      expect(canonicalUrl(u)).toBeNull();
    }
  });
});

describe('item identity', () => {
  const story = { title: 'Panamá: IOM collaborates with Morgan & Morgan', date: '2020-11-12', url: null };

  it('an id is 16 hex digits and the same on every run', () => {
    expect(itemId(story)).toMatch(/^[0-9a-f]{16}$/);
    expect(itemId({ ...story })).toBe(itemId(story));
  });

  it('without a URL: from the title, whatever its case, accents and punctuation, and the date', () => {
    expect(itemId({ ...story, title: 'PANAMA - IOM collaborates with Morgan and Morgan' })).not.toBe(
      itemId(story),
    ); // "and" is a word
    expect(itemId({ ...story, title: 'panama: iom collaborates with morgan & morgan!' })).toBe(itemId(story));
    expect(itemId({ ...story, title: 'Panama IOM collaborates with Morgan Morgan' })).toBe(itemId(story));
    expect(itemId({ ...story, date: '2020-11-13' })).not.toBe(itemId(story));
    expect(itemId({ ...story, date: null })).not.toBe(itemId(story));
  });

  it('with a URL: from the canonical URL, whatever the title and the scheme', () => {
    const a = {
      title: 'One title',
      date: '2021-03-16',
      url: canonicalUrl('https://www.rosanjose.iom.int/en/news/a/?utm_source=rss'),
    };
    const b = {
      title: 'Another title',
      date: null,
      url: canonicalUrl('http://rosanjose.iom.int/en/news/a#top'),
    };
    expect(itemId(a)).toBe(itemId(b));
    expect(identityKeys(a).urlKey).toBe('rosanjose.iom.int/en/news/a');
    expect(itemId(a)).not.toBe(itemId({ ...a, url: null }));
  });

  it('normaliseRaw cleans text, drops footnotes, canonicalises the URL and keeps a two-letter language', () => {
    expect(
      normaliseRaw({
        title: ' Costa Rica:\u00a0IOM presents a study ',
        summary: 'In the canton of Upala.1\u00a0 ',
        date: '2020-12-16',
        url: 'https://WWW.iom.int/news/upala/?utm_source=x',
        lang: 'es-CR',
      }),
    ).toEqual({
      title: 'Costa Rica: IOM presents a study',
      summary: 'In the canton of Upala.',
      date: '2020-12-16',
      url: 'https://iom.int/news/upala',
      lang: 'es',
    });
    expect(normaliseRaw({ title: 't', summary: '', date: null, lang: 'EN' }).lang).toBe('en');
    expect(normaliseRaw({ title: 't', summary: '', date: null }).url).toBeNull();
  });

  it('an item from a hostile source keeps no control character in any field it shows', () => {
    const n = normaliseRaw({
      title: '\x1b[2J\x1b[31mHonduras\x1b[0m',
      summary: 'ring\x07 \x9b6n',
      date: null,
      url: 'https://example.org/a\x1b[31m',
      lang: 'e\x1bs',
    });
    expect(JSON.stringify(n)).not.toMatch(/\\u00[01]|\\u007f|[\u0080-\u009f]/);
    expect(n.title).toBe('[2J[31mHonduras[0m');
  });
});

describe('parseDate', () => {
  it.each([
    ['16 February, 2021', '2021-02-16'],
    ['16 February 2021', '2021-02-16'],
    ['10 Octubre, 2019', '2019-10-10'],
    ['3 de marzo de 2021', '2021-03-03'],
    ['1 de julio del 2020', '2020-07-01'],
    ['15 de setiembre de 2020', '2020-09-15'],
    ['15 de septiembre de 2020', '2020-09-15'],
    ['5 ENE 2021', '2021-01-05'],
    ['4 dic. 2020', '2020-12-04'],
    ['Sept. 3, 2020', '2020-09-03'],
    ['Sep 3, 2020', '2020-09-03'],
    ['September 3rd, 2020', '2020-09-03'],
    ['March 9th, 2021', '2021-03-09'],
    ['Dec 4 2020', '2020-12-04'],
    ['Febrero 1, 2021', '2021-02-01'],
    ['02/16/2021', '2021-02-16'],
    ['2/6/2021', '2021-02-06'],
    ['10/02/2020', '2020-10-02'],
    ['2021-02-16', '2021-02-16'],
    ['2021-02-16T10:00:00Z', '2021-02-16'],
    ['2021-02-16T10:00:00.000+01:00', '2021-02-16'],
    // the date as written, not moved to UTC
    ['2021-03-03T23:30:00-06:00', '2021-03-03'],
    ['Tue, 16 Feb 2021 10:00:00 GMT', '2021-02-16'],
    ['Fri, 5 Feb 2021 08:00:00 +0000', '2021-02-05'],
    ['Thu, 28 Jan 2021 23:45:00 -0600', '2021-01-28'],
    ['16\u00a0February,\u00a02021\u00a0', '2021-02-16'],
    ['  3 de marzo de 2021  ', '2021-03-03'],
    ['29 February 2020', '2020-02-29'],
    // day names in front, English and Spanish
    ['Tuesday, 16 February 2021', '2021-02-16'],
    ['Tuesday, February 16, 2021', '2021-02-16'],
    ['martes, 16 de febrero de 2021', '2021-02-16'],
    ['Miércoles 3 de marzo de 2021', '2021-03-03'],
    ['sábado, 5 de diciembre de 2020', '2020-12-05'],
    // day first when it can only be a day, or with dots
    ['16/02/2021', '2021-02-16'],
    ['31/12/2020', '2020-12-31'],
    ['16.02.2021', '2021-02-16'],
    ['3.3.2021', '2021-03-03'],
    ['2021/02/16', '2021-02-16'],
  ])('%s → %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each([
    ['31/02/2021'], // no month 31 (MM/DD/YYYY)
    ['02/31/2021'],
    ['13/13/2020'],
    ['31.02.2021'],
    ['2021/02/30'],
    ['Someday, 16 February 2021'],
    ['30 de febrero de 2021'],
    ['February 30, 2021'],
    ['31 April 2021'],
    ['2021-02-29'],
    ['2021-13-01'],
    ['0 May 2021'],
    ['Smarch 3, 2020'],
    ['May 2021'],
    ['yesterday'],
    ['On 16 February, 2021 the ministry'],
    [''],
  ])('%s is not a date', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('is null for nothing', () => {
    expect(parseDate(null)).toBeNull();
    expect(parseDate(undefined)).toBeNull();
  });

  it('isDateLine: a whole short line that is a date', () => {
    expect(isDateLine('16 February, 2021')).toBe(true);
    expect(isDateLine('3 de marzo de 2021')).toBe(true);
    expect(
      isDateLine('September 14, Georgetown - The International Organization for Migration (IOM) completed'),
    ).toBe(false);
    expect(isDateLine('IOM supports Mexico in the economic recovery of migrant workers')).toBe(false);
  });
});

describe('detectLang', () => {
  it('English and Spanish by their commonest words', () => {
    expect(detectLang('IOM supports Mexico in the economic recovery of migrant workers')).toBe('en');
    expect(
      detectLang('La OIM y el Ministerio de Trabajo de Guatemala presentan una guía de reclutamiento ético'),
    ).toBe('es');
    expect(
      detectLang('PANAMÁ: VENEZOLANOS CON PERMISO DE TRABAJO PODRÁN AFILIARSE A LA CAJA DE SEGURO SOCIAL'),
    ).toBe('es');
    expect(detectLang('Remesas a El Salvador alcanzan un récord en febrero')).toBe('es');
  });

  it('null when the text says too little', () => {
    expect(detectLang('COVID-19')).toBeNull();
    expect(detectLang('Costa Rica')).toBeNull();
    expect(detectLang('')).toBeNull();
  });
});
