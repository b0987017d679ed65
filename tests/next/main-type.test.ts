// The period rule is the workbook's main report type's: a 取組結果 reference sheet placed before
// a 提言 report's own sheets does not make `next` advance the 提言 headings by year-end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { capture } from '../hostile/io';
import { openpyxlEdit, REFERENCE_SHEET, tmpDir } from '../consolidate/helpers';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');

let dir: string;
beforeAll(() => {
  dir = tmpDir('next-type');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a 提言 master with a 取組結果 reference sheet first advances by half years', () => {
  const mixed = path.join(dir, '参考シート付き.xlsx');
  openpyxlEdit(path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed, REFERENCE_SHEET);
  const io = capture();
  expect(main(['next', mixed, '-o', path.join(dir, 'next.xlsx'), '--format', 'json'], io)).toBe(0);
  const j = JSON.parse(io.outText()) as { from: string; to: string; headings: { sheet: string; cell: string; after: string }[] };
  expect([j.from, j.to]).toEqual(['令和7年度上半期', '令和7年度下半期']);
  expect(j.headings.filter((h) => h.sheet === '提言1-ア').map((h) => [h.cell, h.after.replace(/\n/g, '')])).toEqual([
    ['B14', '令和6年度から令和7年度の取組状況'],
    ['D14', '令和8年度上半期の取組内容'],
  ]);
});
