// Blank text told without trim(): it must agree with the engine's trim() on every character,
// or a cell holding only an unusual space would count as text (or text as empty).
import fc from 'fast-check';
import { isBlank, isTrimmed, trimmedLength } from '../lib/blank';

describe('blank text without trim()', () => {
  it('takes off exactly the code units trim() takes off', () => {
    const differ: string[] = [];
    for (let ch = 0; ch <= 0xffff; ch++) {
      if (isTrimmed(ch) !== (String.fromCharCode(ch).trim() === '')) differ.push(ch.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('agrees with trim() and trimEnd() on texts of spaces, breaks and words', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('研修', '\r\n', '\n', ' ', '\t', '\u3000', '\u00a0', '\u2028', '\ufeff', '\u200b', 'A', '・', '\u180e')), (parts) => {
        const text = parts.join('');
        expect(isBlank(text)).toBe(text.trim() === '');
        expect(trimmedLength(text)).toBe(text.trimEnd().length);
      }),
    );
  });
});
