// split of a master whose table has no 担当課 column (the 計画の実施結果 seed, as published):
// told which sheet lacks which column and what to do, not that it has no report sheet.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { PYTHON, tmpDir } from '../consolidate/helpers';
import { capture } from '../hostile/io';

const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.plan-results.xlsx');
let dir: string;
beforeAll(() => {
  dir = tmpDir('split-no-dept');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** openpyxl: the header row's texts, after optionally adding a 担当課 column filled in on every item row. */
function withOpenpyxl(out: string, addColumn: boolean): string[] {
  const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb['取組結果']
head = next(r for r in range(1, 10) if ws.cell(r, 1).value == '具体的取組')
if sys.argv[3] == '1':
    c = ws.max_column + 1
    ws.cell(head, c, '担当課')
    for r in range(head + 1, ws.max_row + 1):
        if ws.cell(r, 2).value:
            ws.cell(r, c, '子) 児童相談所')
wb.save(sys.argv[2])
print(json.dumps([ws.cell(head, c).value for c in range(1, ws.max_column + 1)], ensure_ascii=False))
`;
  return JSON.parse(execFileSync(PYTHON, ['-c', script, SEED, out, addColumn ? '1' : '0'], { encoding: 'utf8' })) as string[];
}

function run(args: string[]): { code: number; out: string; err: string } {
  const io = capture();
  const code = main(args, io);
  return { code, out: io.outText(), err: io.errText() };
}

test('a table without 担当課: exit 2, the sheet and the column named, and what to do', () => {
  const master = path.join(dir, '計画の実施結果.xlsx');
  // The published table has no such column; openpyxl confirms it (and saves the copy used).
  expect(withOpenpyxl(master, false)).toEqual(['具体的取組', '取組結果']);
  const r = run(['split', master, '-o', path.join(dir, 'out')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain(
    `集約表 ${master} のシート「取組結果」の表に、見出し「担当課」の列がありません（見出しは「担当部」でも構いません）。` +
      '分割は担当部署ごとに行うため、表に見出し「担当課」の列を加えて各行に担当部署（例: 子)子育て支援部）を記入し、保存してからもう一度分割してください',
  );
  expect(r.err).not.toContain('報告書のシート');
  expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
});

test('the same table with the column added: split into its department', () => {
  const master = path.join(dir, '担当課あり.xlsx');
  expect(withOpenpyxl(master, true)).toEqual(['具体的取組', '取組結果', '担当課']);
  const r = run(['split', master, '-o', path.join(dir, 'out2'), '--format', 'json']);
  expect([r.code, r.err]).toEqual([0, '']);
  const files = (JSON.parse(r.out) as { files: { department: string; rows: number }[] }).files;
  expect(files.map((f) => f.department)).toEqual(['子) 児童相談所']);
  expect(files[0]!.rows).toBeGreaterThan(5);
});
