// The period rule is the workbook's main report type's: a 取組結果 reference sheet placed before
// a 提言 report's own sheets does not make `next` advance the 提言 headings by year-end.
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-next-type-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a 提言 master with a 取組結果 reference sheet first advances by half years', () => {
  const mixed = path.join(dir, '参考シート付き.xlsx');
  execFileSync(PYTHON, ['-c', `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('参考', 1)
ws.append(['具体的取組', '取組結果'])
ws.append(['参考の取組', '参考の結果。'])
wb.save(sys.argv[2])`, path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed]);
  const io = capture();
  expect(main(['next', mixed, '-o', path.join(dir, 'next.xlsx'), '--format', 'json'], io)).toBe(0);
  const j = JSON.parse(io.outText()) as { from: string; to: string; headings: { sheet: string; cell: string; after: string }[] };
  expect([j.from, j.to]).toEqual(['令和7年度上半期', '令和7年度下半期']);
  expect(j.headings.filter((h) => h.sheet === '提言1-ア').map((h) => [h.cell, h.after.replace(/\n/g, '')])).toEqual([
    ['B14', '令和6年度から令和7年度の取組状況'],
    ['D14', '令和8年度上半期の取組内容'],
  ]);
});
