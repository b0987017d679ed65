// A workbook is of the type most of its report rows are of: a reference sheet of another type
// placed before the report's own sheets does not make `diff` call the two reports different kinds.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { capture } from '../hostile/io';
import { openpyxlEdit, REFERENCE_SHEET, tmpDir } from '../consolidate/helpers';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');

let dir: string;
beforeAll(() => {
  dir = tmpDir('diff-type');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('a 提言 report with a 取組結果 reference sheet first is still compared as a 提言 report', () => {
  const mixed = path.join(dir, '参考シート付き.xlsx');
  openpyxlEdit(path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed, REFERENCE_SHEET);
  const io = capture();
  expect(main(['diff', path.join(SEEDS, 'ok.teigen-progress.xlsx'), mixed, '--format', 'json'], io)).toBe(1);
  expect(io.errText()).toBe('');
  const j = JSON.parse(io.outText()) as { reportType: string; changed: unknown[]; added: { sheet: string }[]; removed: unknown[] };
  expect([j.reportType, j.changed, j.added.map((a) => a.sheet), j.removed]).toEqual(['検証報告書の提言に係る取組の進捗状況', [], ['参考'], []]);
});
