import fc from 'fast-check';
import { colIndex, colName, parseA1 } from '../lib/grid';
import { unescapeXml } from '../lib/write/xml';

it('reads column letters back to the column colName wrote', () => {
  fc.assert(fc.property(fc.integer({ min: 0, max: 16383 }), (c) => colIndex(colName(c)) === c));
  expect([colIndex('A'), colIndex('Z'), colIndex('AA'), colIndex('XFD')]).toEqual([0, 25, 26, 16383]);
  expect(parseA1('$XFD$1048576')).toEqual({ r: 1048575, c: 16383 });
});

it('reads entity references back, and leaves one beyond U+10FFFF as written', () => {
  expect(unescapeXml('&lt;&#x8AB2;&#35506;&amp;&quot;&apos;&gt;')).toBe('<課課&"\'>');
  expect(unescapeXml('a&#x110000;b&#99999999;')).toBe('a&#x110000;b&#99999999;');
});
