import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fieldBytes, quoteCell, tokenizeCsv } from '../../src/report/csv-spans.js';

const values = (text: string | Buffer): string[][] => {
  const bytes = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  return tokenizeCsv(bytes).map((r) => r.fields.map((f) => fieldBytes(bytes, f).toString('utf8')));
};

describe('tokenizeCsv', () => {
  const cases: [string, string, string[][]][] = [
    ['plain cells, LF', 'a,b\nc,d\n', [['a', 'b'], ['c', 'd']]],
    ['CRLF, no final line end', 'a,b\r\nc,d', [['a', 'b'], ['c', 'd']]],
    ['quoted comma, quote, LF, CRLF', '"a,1","b ""q""","l1\nl2","x\r\ny"\n', [['a,1', 'b "q"', 'l1\nl2', 'x\r\ny']]],
    ['empty cells and a trailing comma', ',,\n"",x,\n', [['', '', ''], ['', 'x', '']]],
    ['a blank line is a record of one empty cell', 'a\n\nb\n', [['a'], [''], ['b']]],
    ['stray bytes after a closing quote stay in the field', '"a"b,c\n', [['ab', 'c']]],
    ['a quote inside an unquoted cell is a byte', 'a"b,c\n', [['a"b', 'c']]],
    ['lone CR line ends', 'a\rb\r', [['a'], ['b']]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(values(text)).toEqual(expected);
  });

  it('records spans, terminators and starting lines', () => {
    const records = tokenizeCsv(Buffer.from('a,"x\ny"\r\nb,c'));
    expect(records.map((r) => ({ start: r.start, end: r.end, terminator: r.terminator, line: r.line }))).toEqual([
      { start: 0, end: 7, terminator: 'CRLF', line: 1 },
      { start: 9, end: 12, terminator: '', line: 3 },
    ]);
    expect(records[0]?.fields).toEqual([{ start: 0, end: 1, quoted: false }, { start: 2, end: 7, quoted: true }]);
  });

  it('works on CP932 bytes (trail bytes are never , " CR LF)', () => {
    const text = 'ソ表,"能,予"\r\n髙①,\\\r\n';
    const bytes = iconv.encode(text, 'cp932');
    const decoded = tokenizeCsv(bytes).map((r) => r.fields.map((f) => iconv.decode(fieldBytes(bytes, f), 'cp932')));
    expect(decoded).toEqual([['ソ表', '能,予'], ['髙①', '\\']]);
  });

  it('starts after a BOM when asked', () => {
    expect(tokenizeCsv(Buffer.from('\ufeffa,b'), 3)[0]?.fields[0]).toEqual({ start: 3, end: 4, quoted: false });
  });

  it('refuses a quote never closed, naming its line', () => {
    expect(() => tokenizeCsv(Buffer.from('a\nb,"c\nd'))).toThrow('a quoted cell that starts on line 2 is never closed');
  });
});

describe('quoteCell', () => {
  it('quotes when asked or needed', () => {
    expect(quoteCell('a', false)).toBe('a');
    expect(quoteCell('a', true)).toBe('"a"');
    expect(quoteCell('a,b', false)).toBe('"a,b"');
    expect(quoteCell('say "hi"', false)).toBe('"say ""hi"""');
    expect(quoteCell('l1\nl2', false)).toBe('"l1\nl2"');
  });
});
