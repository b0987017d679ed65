// Answers to one kind of report consolidated into a master of another kind: each file is
// named with both kinds and left out, instead of thousands of cells listed as unplaced.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';

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
