// A row paired by its other cells is said to have its identifying column rewritten: that
// column is the report type's own (取組番号 in the 職員育成ビジョン), not always 取組内容.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { capture } from '../hostile/io';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-diff-key-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a vision row renumbered (② → ③) is said to have its 取組番号 rewritten', () => {
  const after = path.join(dir, 'vision-new.xlsx');
  // A row ② inserted in 分類2, the rows below renumbered.
  execFileSync(PYTHON, ['-c', `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['分類2']
ws.insert_rows(12)
ws['A12'] = 'ケースワーカー'; ws['B12'] = '②'; ws['C12'] = '・新しく加えた取組。'; ws['E12'] = '保) 保護課'
ws['B13'] = '③'; ws['B14'] = '④'; ws['B15'] = '⑤'
wb.save(sys.argv[2])`, path.join(SEEDS, 'ok.vision-progress.xlsx'), after]);
  const io = capture();
  expect(main(['diff', path.join(SEEDS, 'ok.vision-progress.xlsx'), after], io)).toBe(1);
  const lines = io.outText().split('\n').filter((l) => l.includes('書き換えられた行'));
  expect(lines.length).toBeGreaterThan(0);
  for (const l of lines) expect(l).toContain('（取組番号が書き換えられた行');
});
