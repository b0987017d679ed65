// Fingerprints and row keys travel in section workbooks already sent out: reading and
// computing them faster must give the very same values, or every returned row would change.
import fc from 'fast-check';
import { contentHash, isBlankContent } from '../../lib/consolidate/answers';
import { hash32, hash32Of, keyOf, parseKey } from '../../lib/consolidate/model';

describe('cell fingerprints', () => {
  it('hash32Of(prefix, s) is hash32(prefix + s)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ unit: 'grapheme' }), (p, s) => {
        expect(hash32Of(p, s)).toBe(hash32(p + s));
      }),
    );
  });

  it('keeps the values split wrote into keys before (FNV-1a of the tagged content)', () => {
    // Values of earlier releases, as files in circulation carry them.
    expect(contentHash({ value: '・引き続き実施する（3）。', text: '・引き続き実施する（3）。', type: 's' })).toBe('ngs2fs');
    expect(contentHash({ value: 1234567, text: '1,234,567', type: 'n', format: '#,##0' })).toBe('153hjmj');
    expect(contentHash({ value: 3, text: '3件', type: 'n', formula: 'COUNTIF(A1:A9,"○")' })).toBe('glf34x');
    expect(contentHash({ value: true, text: 'TRUE', type: 'b' })).toBe('lc3cct');
  });

  it('reads CR LF as LF and ignores trailing space, as sameContent does', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('研修', '\r\n', '\n', '\r', ' ', '\t', '\u3000', '\u00a0', '\u2028', '\ufeff', '\u200b', 'A', '・')), (parts) => {
        const text = parts.join('');
        const plain = text.replace(/\r\n?/g, '\n').trimEnd();
        expect(contentHash({ value: text, text, type: 's' })).toBe(plain === '' ? '-' : hash32(`s:${plain}`));
        expect(isBlankContent({ value: text, text, type: 's' })).toBe(plain === '');
      }),
    );
  });
});

describe('row keys', () => {
  // The pattern keys were read with before: malformed keys it refused are refused still.
  const KEY_PATTERN = /^shinchoku:v1:(\d+):(\d+):([0-9a-z]+)(?::b=((?:[A-Za-z0-9_]+~[0-9a-z-]+,?)*))?$/;
  const word = fc.stringMatching(/^[A-Za-z0-9_]{1,8}$/);
  const fingerprint = fc.oneof(fc.constant('-'), fc.stringMatching(/^[0-9a-z]{1,7}$/));

  it('reads back what keyOf wrote: sheet, row, hash and every base', () => {
    fc.assert(
      fc.property(fc.nat(99), fc.nat(100000), fc.stringMatching(/^[0-9a-z]{1,7}$/), fc.dictionary(word, fingerprint, { maxKeys: 5 }), fc.constantFrom('', ' ', '\n'), (sheet, r, hash, bases, pad) => {
        const map = new Map(Object.entries(bases));
        const k = parseKey(`${pad}${keyOf(sheet, r, hash, map)}${pad}`);
        expect(k).toEqual(map.size > 0 ? { sheetIndex: sheet, r, hash, bases: map } : { sheetIndex: sheet, r, hash });
      }),
    );
  });

  it.each([
    'shinchoku:v1:1:2:',
    'shinchoku:v1::2:ab',
    'shinchoku:v1:1:2:AB',
    'shinchoku:v1:1:x:ab',
    'shinchoku:v2:1:2:ab',
    'shinchoku:v1:1:2:ab:c=x~1',
    'shinchoku:v1:1:2:ab:b=x',
    'shinchoku:v1:1:2:ab:b=x~',
    'shinchoku:v1:1:2:ab:b=~1',
    'shinchoku:v1:1:2:ab:b=x~1;y~2',
    'shinchoku:v1:1:2:ab:b=x~A',
    'shinchoku:v1:1:2:ab x',
    'shinchoku:v1:1:2',
  ])('refuses %j, as the pattern did', (text) => {
    expect(KEY_PATTERN.test(text.trim())).toBe(false);
    expect(parseKey(text)).toBeNull();
  });

  it('takes an empty base list and a trailing comma as the pattern did', () => {
    expect(parseKey('shinchoku:v1:3:7:z9:b=')).toEqual({ sheetIndex: 3, r: 6, hash: 'z9', bases: new Map() });
    expect(parseKey('shinchoku:v1:3:7:z9:b=status~-,')).toEqual({ sheetIndex: 3, r: 6, hash: 'z9', bases: new Map([['status', '-']]) });
  });
});
