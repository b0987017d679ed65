// Files and cells a clerk would otherwise not see: answers to another kind of report (each file
// named with both kinds), the same file twice, text a section deleted.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { nextMaster } from '../../lib/consolidate/next';
import type { Summary } from '../../lib/consolidate/types';
import { XlsxEditor } from '../../lib/ooxml/workbook';
import { readWorkbook } from '../../lib/read/workbook';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const config = defaultConfig();

test('section files of 提言 progress given to a 取組結果 master: not taken, said why', () => {
  const files = split(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')), config).files.slice(0, 2);
  const res = consolidate(fs.readFileSync(path.join(SEEDS, 'ok.plan-results.xlsx')), files.map((f) => ({ name: f.name, bytes: f.bytes })), config, { masterName: 'plan.xlsx' });
  const s = res.summary;
  expect(s.files.map((f) => f.status)).toEqual(['other-type', 'other-type']);
  for (const f of s.files) expect(f.reason).toMatch(/報告書の種類.*検証報告書の提言に係る取組の進捗状況.*児童相談体制強化プランの取組結果/u);
  expect(s.unplaced).toEqual([]);
  expect(s.departments.filter((d) => files.some((f) => f.department === d.name)).map((d) => d.status)).toEqual(['unusable', 'unusable']);
  expect([s.cells.out, s.cells.base, s.cells.in]).toEqual([0, 0, s.cells.reported + s.cells.control]);
});

test('the same file given twice: taken once, the copy named, the department not a duplicate', () => {
  const file = split(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')), config).files[0]!;
  const other = split(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')), config).files[1]!;
  const changed = new Uint8Array(file.bytes);
  const res = consolidate(
    fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')),
    [
      { name: 'b.xlsx', bytes: file.bytes },
      { name: 'a.xlsx', bytes: new Uint8Array(file.bytes) },
      { name: 'c.xlsx', bytes: other.bytes },
    ],
    config,
  );
  const s = res.summary;
  expect(s.files.map((f) => [f.file, f.status])).toEqual([['b.xlsx', 'same-file'], ['a.xlsx', 'applied'], ['c.xlsx', 'applied']]);
  expect(s.files[0]!.reason).toContain('a.xlsx');
  expect(s.departments.find((d) => d.name === file.department)?.status).toBe('submitted');
  expect(changed).toEqual(file.bytes);
});

test('text a section deleted is listed with what the cell held, so a reviewer sees it went', () => {
  const masterBytes = fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx'));
  const file = split(masterBytes, config).files.find((f) => f.department === '保) 総務部')!;
  // Its one row (提言1-ア 17) is its row 15: 取組状況 emptied, 下半期 left as it was.
  const ed = new XlsxEditor(file.bytes);
  ed.sheet('提言1-ア').removeCell(14, 1);
  const before = readWorkbook(new Uint8Array(masterBytes), 'm.xlsx').sheets.find((s) => s.name === '提言1-ア')!.rows.get(16)!.get(1)!.text;
  const res = consolidate(masterBytes, [{ name: file.name, bytes: ed.toBytes() }], config);
  expect(res.summary.cleared).toEqual([{ department: '保) 総務部', file: file.name, sheet: '提言1-ア', cell: 'B17', row: 17, before }]);
  const out = readWorkbook(res.bytes, 'o.xlsx').sheets.find((s) => s.name === '提言1-ア')!;
  expect(out.rows.get(16)?.get(1)?.text ?? '').toBe('');
  expect(readWorkbook(res.bytes, 'o.xlsx').sheets.find((s) => s.name === '集約結果')!.rows.size).toBeGreaterThan(0);
});

test('a joint row one co-owner answered is no 空欄 error in the other co-owner\'s file; unanswered, it is in both', () => {
  const template = nextMaster(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')), config).bytes;
  const files = split(template, config).files;
  const lead = files.find((f) => f.department === '子) 子育て支援部')!;
  const other = files.find((f) => f.department === '区) 保健福祉部')!;
  // 提言1-ア row 15 is both departments' (their first row of that sheet in each copy).
  const ed = new XlsxEditor(lead.bytes);
  ed.sheet('提言1-ア').setText(14, 1, '・子育て支援部が書いた取組状況');
  const noProgressAt = (s: Summary, file: string): string[] => s.findings.filter((f) => f.rule === 'required' && f.file === file && f.sheet === '提言1-ア' && f.cell.endsWith('15')).map((f) => f.cell);
  const answered = consolidate(template, [{ name: lead.name, bytes: ed.toBytes() }, { name: other.name, bytes: other.bytes }], config).summary;
  expect(noProgressAt(answered, other.name)).toEqual([]);
  const neither = consolidate(template, [{ name: lead.name, bytes: lead.bytes }, { name: other.name, bytes: other.bytes }], config).summary;
  expect(noProgressAt(neither, other.name).length).toBeGreaterThan(0);
  expect(noProgressAt(neither, lead.name).length).toBeGreaterThan(0);
});
