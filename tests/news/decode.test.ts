import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../src/news/fetch.js';

const latin1 = (s: string) => Buffer.from(s, 'latin1');
const TEXT = 'hondureños en México';

describe('decodeBody', () => {
  it.each([
    ['an XML declaration', `<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>${TEXT}</title></rss>`],
    [
      'an XML declaration in single quotes',
      `<?xml version='1.0' encoding='windows-1252' standalone='yes'?><feed><title>${TEXT}</title></feed>`,
    ],
    [
      '<meta charset> without quotes',
      `<!DOCTYPE html><html><head><meta charset=iso-8859-1><title>${TEXT}</title>`,
    ],
    [
      '<meta http-equiv> with content first',
      `<html><head><meta content="text/html; charset=ISO-8859-1" http-equiv="Content-Type"><title>${TEXT}</title>`,
    ],
    [
      '<meta http-equiv> with http-equiv first',
      `<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html;charset=windows-1252"><title>${TEXT}</title>`,
    ],
  ])('finds the charset in %s', (_, doc) => {
    expect(decodeBody(latin1(doc))).toContain(TEXT);
  });

  it.each([
    ['text/plain; charset=iso-8859-1'],
    ['text/plain;charset="ISO-8859-1"'],
    ['text/html; charset=windows-1252; foo=bar'],
  ])('takes the charset of the Content-Type %s', (contentType) => {
    expect(decodeBody(latin1(TEXT), contentType)).toBe(TEXT);
  });

  it('reads ISO-8859-1 as windows-1252, as browsers do: its 0x80-0x9F are curly quotes and dashes', () => {
    expect(
      decodeBody(Buffer.from([0x93, 0x61, 0x94, 0x20, 0x96, 0x20, 0x80]), 'text/plain; charset=iso-8859-1'),
    ).toBe('“a” – €');
  });

  it('lets the Content-Type outrank the document, and a BOM outrank both', () => {
    const doc = `<?xml version="1.0" encoding="utf-8"?><rss><title>${TEXT}</title></rss>`;
    expect(decodeBody(latin1(doc), 'application/xml; charset=iso-8859-1')).toContain(TEXT);
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc, 'utf8')]);
    expect(decodeBody(bom, 'application/xml; charset=iso-8859-1')).toBe(doc);
    const be = Buffer.from(`\ufeff${TEXT}`, 'utf16le').swap16();
    expect(decodeBody(be)).toBe(TEXT);
  });

  it('passes over a label it does not know, to the next clue or to UTF-8', () => {
    const doc = `<?xml version="1.0" encoding="ISO-8859-1"?><rss><title>${TEXT}</title></rss>`;
    expect(decodeBody(latin1(doc), 'text/xml; charset=none')).toContain(TEXT);
    expect(
      decodeBody(
        Buffer.from(`<?xml version="1.0" encoding="x-klingon"?><rss><title>${TEXT}</title></rss>`, 'utf8'),
      ),
    ).toContain(TEXT);
    expect(decodeBody(Buffer.from(TEXT, 'utf8'), 'text/plain; charset=x-no-such-charset')).toBe(TEXT);
  });

  it('reads UTF-8 when nothing says otherwise, and a UTF-16 claim in ASCII-readable bytes as UTF-8', () => {
    expect(decodeBody(Buffer.from(TEXT, 'utf8'))).toBe(TEXT);
    expect(decodeBody(Buffer.from(TEXT, 'utf8'), 'application/json')).toBe(TEXT);
    expect(
      decodeBody(
        Buffer.from(`<?xml version="1.0" encoding="UTF-16"?><rss><title>${TEXT}</title></rss>`, 'utf8'),
      ),
    ).toContain(TEXT);
  });

  it('looks for a declaration only near the top', () => {
    const far = `<html><head>${' '.repeat(4000)}<meta charset="iso-8859-1"></head><body>${TEXT}</body></html>`;
    expect(decodeBody(Buffer.from(far, 'utf8'))).toContain(TEXT);
  });

  it('decodes the other encodings of the WHATWG standard too: Cyrillic windows-1251, Shift_JIS, a UTF-16LE BOM', () => {
    // "Мигранты" in windows-1251, "移民" in Shift_JIS
    const cyrillic = Buffer.from([0xcc, 0xe8, 0xe3, 0xf0, 0xe0, 0xed, 0xf2, 0xfb]);
    expect(decodeBody(cyrillic, 'text/html; charset=windows-1251')).toBe('Мигранты');
    const sjis = Buffer.concat([
      Buffer.from('<?xml version="1.0" encoding="Shift_JIS"?><title>'),
      Buffer.from([0x88, 0xda, 0x96, 0xaf]),
      Buffer.from('</title>'),
    ]);
    expect(decodeBody(sjis)).toBe('<?xml version="1.0" encoding="Shift_JIS"?><title>移民</title>');
    expect(decodeBody(Buffer.from(`\ufeff${TEXT}`, 'utf16le'))).toBe(TEXT);
  });
});
