// The character diff behind 変更点: one hunk per changed stretch, by code point, and both
// texts always rebuilt from its parts; a number is no text, and is said whole.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { diffGrids, diffText } from '../../lib/diff';
import { diffChars, hunksOf, textSimilarity } from '../../lib/diff/chars';
import type { Workbook } from '../../lib/grid';
import { readWorkbook } from '../../lib/read/workbook';

const rebuild = (parts: ReturnType<typeof diffChars>, drop: 'added' | 'removed'): string => parts.filter((x) => x.op !== drop).map((x) => x.text).join('');

test('a one-character change of Japanese text is one hunk of one character', () => {
  const parts = diffChars('母子保健における入事異動', '母子保健における人事異動');
  expect(hunksOf(parts)).toEqual([{ at: 8, removed: '入', added: '人' }]);
});

test('two separate changes are two hunks; code points beyond the BMP count as one', () => {
  const before = '𠮷野家で令和6年度に実施した。';
  const after = '𠮷野屋で令和7年度に実施した。';
  expect(hunksOf(diffChars(before, after))).toEqual([
    { at: 2, removed: '家', added: '屋' },
    { at: 6, removed: '6', added: '7' },
  ]);
});

test('the parts rebuild both texts (random strings, an independent check)', () => {
  let seed = 7;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const alphabet = [...'入人事異動、。ab'];
  for (let i = 0; i < 300; i++) {
    const mk = (): string => Array.from({ length: Math.floor(rnd() * 20) }, () => alphabet[Math.floor(rnd() * alphabet.length)]).join('');
    const a = mk();
    const b = mk();
    const parts = diffChars(a, b);
    expect(rebuild(parts, 'added')).toBe(a);
    expect(rebuild(parts, 'removed')).toBe(b);
  }
});

test('the script is a shortest one (the classic example: 5 edits)', () => {
  const parts = diffChars('ABCABBA', 'CBABAC');
  const edits = parts.filter((x) => x.op).reduce((n, x) => n + x.text.length, 0);
  expect(edits).toBe(5);
});

test('similarity: equal texts 1, disjoint 0', () => {
  expect(textSimilarity('継続', '継続')).toBe(1);
  expect(textSimilarity('継続', '拡充')).toBe(0);
  expect(textSimilarity('abcd', 'abce')).toBeCloseTo(0.75);
});

test('a number changed is said whole, as Excel shows it, not character by character', () => {
  const seed = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
  const withNumber = (n: number): Workbook => {
    const wb = readWorkbook(new Uint8Array(fs.readFileSync(seed)), 'x.xlsx');
    const sheet = wb.sheets.find((s) => s.name === '提言1-ア')!;
    sheet.rows.get(14)!.set(2, { value: n, text: n.toLocaleString('en-US'), type: 'n', format: '#,##0' });
    return wb;
  };
  const text = diffText(diffGrids(withNumber(2345678), withNumber(3456789), defaultConfig()));
  expect(text).toContain('C15 自己評価を「2,345,678」から「3,456,789」に変更');
  expect(text).not.toContain('［');
});
