// A row paired by its other cells is said to have its identifying column rewritten: that
// column is the report type's own (取組番号 in the 職員育成ビジョン), not always 取組内容.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { capture } from '../hostile/io';
import { openpyxlEdit, tmpDir } from '../consolidate/helpers';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');

let dir: string;
beforeAll(() => {
  dir = tmpDir('diff-key');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a vision row renumbered (② → ③) is said to have its 取組番号 rewritten', () => {
  const after = path.join(dir, 'vision-new.xlsx');
  // A row ② inserted in 分類2, the rows below renumbered.
  openpyxlEdit(path.join(SEEDS, 'ok.vision-progress.xlsx'), after, `ws = wb['分類2']
ws.insert_rows(12)
ws['A12'] = 'ケースワーカー'; ws['B12'] = '②'; ws['C12'] = '・新しく加えた取組。'; ws['E12'] = '保) 保護課'
ws['B13'] = '③'; ws['B14'] = '④'; ws['B15'] = '⑤'`);
  const io = capture();
  expect(main(['diff', path.join(SEEDS, 'ok.vision-progress.xlsx'), after], io)).toBe(1);
  const lines = io.outText().split('\n').filter((l) => l.includes('書き換えられた行'));
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toContain('（取組番号が書き換えられた行');
});
