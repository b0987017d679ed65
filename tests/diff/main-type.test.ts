// A workbook is of the type most of its report rows are of: a reference sheet of another type
// placed before the report's own sheets does not make `diff` call the two reports different kinds.
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
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-diff-type-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a 提言 report with a 取組結果 reference sheet first is still compared as a 提言 report', () => {
  const mixed = path.join(dir, '参考シート付き.xlsx');
  execFileSync(PYTHON, ['-c', `import openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.create_sheet('参考', 1)
ws.append(['具体的取組', '取組結果'])
ws.append(['参考の取組', '参考の結果。'])
wb.save(sys.argv[2])`, path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed]);
  const io = capture();
  expect(main(['diff', path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed, '--format', 'json'], io)).toBe(1);
  expect(io.errText()).toBe('');
  const j = JSON.parse(io.outText()) as { reportType: string; changed: unknown[]; added: { sheet: string }[]; removed: unknown[] };
  expect([j.reportType, j.changed, j.added.map((a) => a.sheet), j.removed]).toEqual(['検証報告書の提言に係る取組の進捗状況', [], ['参考'], []]);
});
