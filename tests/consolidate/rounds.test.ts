// A reporting round as it happens: answers over several runs, a late co-owner (untouched and
// filled), a corrected resend, a whole copy of the master, typed cells. Every output is read
// back cell by cell with openpyxl, an independent reader.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import type { Source, Summary } from '../../lib/consolidate/types';
import { PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const SCRIPT = path.join(__dirname, 'rounds.py');

type Dumped = Record<string, Record<string, [unknown, string, string]>>;
interface Step {
  sheet: string;
  ref: string;
  value: string | number;
  type?: 's' | 'n' | 'd' | 'f';
  fmt?: string;
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function edit(dir: string, name: string, bytes: Uint8Array, steps: Step[]): Source {
  const src = path.join(dir, `in-${name}`);
  const out = path.join(dir, name);
  fs.writeFileSync(src, bytes);
  execFileSync(PYTHON, [SCRIPT, 'edit', src, out, JSON.stringify(steps)]);
  return { name, bytes: new Uint8Array(fs.readFileSync(out)) };
}

function dump(dir: string, name: string, bytes: Uint8Array): Dumped {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, 'dump', file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Dumped;
}

const FORMULA = '=TEXT(DATE(2025,10,1),"yyyy年m月d日")&"から実施"';
const TYPED: Step[] = [
  { sheet: '提言1-ア', ref: 'C17', value: 1234567, type: 'n', fmt: '#,##0' },
  { sheet: '提言1-エ', ref: 'C15', value: 0.5, type: 'n', fmt: '0%' },
  { sheet: '提言1-エ', ref: 'C16', value: '2025-04-01T00:00:00', type: 'd', fmt: 'm/d/yyyy' },
  // openpyxl saves a formula without its value: every file split from this master carries it so.
  { sheet: '提言1-エ', ref: 'D17', value: FORMULA, type: 'f' },
  // A formula of an answer cell whose row moves up in its section's copy (row 15 is another's).
  { sheet: '提言1-エ', ref: 'D16', value: '=LEN(A16)', type: 'f' },
  // A tally above the table: split moves its range in each section's copy.
  { sheet: '提言1-ア', ref: 'F12', value: '=COUNTIF(E15:E17,"継続")', type: 'f' },
];

/** Report-sheet cells of an output against the master: those expected to change, and nothing else. */
function expectOnly(master: Dumped, out: Dumped, changed: Record<string, unknown>): void {
  const diffs: string[] = [];
  for (const [sheet, cells] of Object.entries(master)) {
    if (!/^提言/.test(sheet)) continue;
    const now = out[sheet]!;
    // Columns A–F are the report; the 集約メモ column (G) is the secretariat's.
    const refs = new Set([...Object.keys(cells), ...Object.keys(now)].filter((r) => /^[A-F]\d+$/.test(r)));
    for (const ref of refs) {
      const key = `${sheet}!${ref}`;
      const want = key in changed ? changed[key] : cells[ref];
      const got = now[ref];
      if (typeof want === 'function') {
        if (!(want as (x: unknown) => boolean)(got)) diffs.push(`${key}: ${JSON.stringify(got)}`);
      } else if (JSON.stringify(got) !== JSON.stringify(want)) {
        diffs.push(`${key}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
      }
    }
  }
  expect(diffs).toEqual([]);
}

const text = (s: string): [string, string, string] => [s, 's', 'General'];
const conflictOf = (...parts: string[]) => (got: unknown): boolean => {
  const v = Array.isArray(got) ? String(got[0]) : '';
  return v.startsWith('【競合】') && parts.every((p) => v.includes(p));
};
const listed = (s: Summary): string[] => [
  ...s.conflicts.map((c) => `conflict ${c.sheet}!${c.cell}`),
  ...s.unauthorized.map((u) => `unauthorized ${u.department} ${u.sheet}!${u.cell}`),
  ...s.findings.filter((f) => f.severity === 'error').map((f) => `finding ${f.department} ${f.rule} ${f.sheet}!${f.cell}`),
  ...s.unplaced.map((u) => `unplaced ${u.department} ${u.sheet}!${u.cell}`),
  ...s.files.filter((f) => f.status !== 'applied').map((f) => `file ${f.department} ${f.file} ${f.status}`),
];

test('answers over three runs: nothing taken earlier is reverted, every open problem stays listed', () => {
  const dir = tmpDir('rounds');
  dirs.push(dir);
  const masterSrc = edit(dir, 'master.xlsx', new Uint8Array(fs.readFileSync(SEED)), TYPED);
  const master = masterSrc.bytes!;
  const m0 = dump(dir, 'master-dump.xlsx', master);
  expect(m0['提言1-ア']!['C17']).toEqual([1234567, 'n', '#,##0']);
  expect(m0['提言1-エ']!['D17']).toEqual([FORMULA, 'f', 'General']);
  const files = new Map(split(master, config).files.map((f) => [f.department, f]));
  const sec = (d: string): Uint8Array => files.get(d)!.bytes;

  // Round 1: all but 区) 保健福祉部. Co-owners of 提言1-オ row 15 write one cell two ways.
  const run1: Source[] = [
    edit(dir, '子)子育て支援部.xlsx', sec('子) 子育て支援部'), [
      { sheet: '提言1-ア', ref: 'B15', value: '子育て支援部の記載（第1回）' },
      { sheet: '提言1-オ', ref: 'B15', value: '子育て支援部の案' },
    ]),
    // A section file holds only its rows: the master's row 16 is its row 15.
    edit(dir, '子)児童相談所.xlsx', sec('子) 児童相談所'), [
      { sheet: '提言1-オ', ref: 'B15', value: '児童相談所の案' },
      { sheet: '提言1-ア', ref: 'D15', value: '児童相談所の今後' },
      { sheet: '提言1-エ', ref: 'E15', value: '継 続' },
      // A note to the secretariat beside the table: not taken, listed until the section resends.
      { sheet: '提言1-ア', ref: 'H15', value: 'メモ：数値は速報値です' },
    ]),
    // A whole copy of the master (no keys), named after its department, with a change to a row
    // of another department (教) 学校教育部, 提言1-エ row 17): listed, not applied.
    edit(dir, '保)総務部.xlsx', master, [
      { sheet: '提言1-ア', ref: 'B17', value: '総務部の記載' },
      { sheet: '提言1-エ', ref: 'B17', value: '総務部が書き換えた他部の行' },
    ]),
    ...['子) 子ども育成部', '教) 学校教育部', '総) 職員部', '総) 改革推進室', '保) ウェルネス推進部'].map((d) => ({ name: files.get(d)!.name, bytes: sec(d) })),
    // Two different files from 総) 改革推進室: neither is taken, and that stays said all round.
    edit(dir, '総)改革推進室_修正版.xlsx', sec('総) 改革推進室'), [{ sheet: '提言3-エ', ref: 'B15', value: '改革推進室の修正版' }]),
  ];
  const r1 = consolidate(master, run1, config, { masterName: 'master.xlsx', outputName: 'r1.xlsx' });
  const o1 = dump(dir, 'r1.xlsx', r1.bytes);
  const taken1 = {
    '提言1-ア!B15': text('子育て支援部の記載（第1回）'),
    '提言1-ア!D16': text('児童相談所の今後'),
    '提言1-ア!B17': text('総務部の記載'),
    '提言1-エ!E16': text('継 続'),
    '提言1-オ!B15': conflictOf('子育て支援部の案', '児童相談所の案'),
  };
  expectOnly(m0, o1, taken1);
  const open1 = listed(r1.summary);
  expect(open1).toEqual(expect.arrayContaining(['conflict 提言1-オ!B15', 'unauthorized 保) 総務部 提言1-エ!B17', 'finding 子) 児童相談所 enum 提言1-エ!E15', 'unplaced 子) 児童相談所 提言1-ア!H15', 'file 総) 改革推進室 総)改革推進室_修正版.xlsx duplicate']));
  // The formula each file returned as it was given is no one's change: not taken, not listed.
  expect(open1.filter((x) => /提言1-エ!D1[67]|提言1-ア!F12/.test(x))).toEqual([]);
  // What validate says of a formula saved without its value, consolidate says too.
  const noValue = r1.summary.findings.filter((f) => f.rule === 'formula-no-value').map((f) => `${f.department} ${f.sheet}!${f.cell}`);
  expect(noValue).toEqual(expect.arrayContaining(['教) 学校教育部 提言1-エ!D15', '子) 児童相談所 提言1-ア!F12']));

  // Round 2, the late co-owner's file returned untouched: nothing changes, everything stays listed.
  const late = { name: files.get('区) 保健福祉部')!.name, bytes: sec('区) 保健福祉部') };
  const r2a = consolidate(r1.bytes, [late], config, { masterName: 'r1.xlsx', outputName: 'r2a.xlsx' });
  expectOnly(m0, dump(dir, 'r2a.xlsx', r2a.bytes), taken1);
  expect(listed(r2a.summary)).toEqual(expect.arrayContaining(open1));
  expect(r2a.summary.departments.find((d) => d.name === '総) 改革推進室')?.status).toBe('duplicate');

  // Round 2, filled: its own cells of the joint rows, one typed as a number.
  const filled = edit(dir, '区)保健福祉部.xlsx', sec('区) 保健福祉部'), [
    { sheet: '提言1-ア', ref: 'D15', value: '区の今後の取組' },
    { sheet: '提言1-ア', ref: 'C16', value: 42, type: 'n', fmt: '0"件"' },
  ]);
  const r2 = consolidate(r1.bytes, [filled], config, { masterName: 'r1.xlsx', outputName: 'r2.xlsx' });
  const taken2 = { ...taken1, '提言1-ア!D15': text('区の今後の取組'), '提言1-ア!C16': [42, 'n', '0"件"'] };
  expectOnly(m0, dump(dir, 'r2.xlsx', r2.bytes), taken2);
  expect(listed(r2.summary)).toEqual(expect.arrayContaining(open1));
  expect(r2.summary.conflicts.find((c) => c.cell === 'B15')?.run).toBe(1);

  // Round 3: 子) 子育て支援部 resends a corrected file (its conflicting answer kept).
  const resend = edit(dir, '子)子育て支援部.xlsx', sec('子) 子育て支援部'), [
    { sheet: '提言1-ア', ref: 'B15', value: '子育て支援部の記載（訂正）' },
    { sheet: '提言1-オ', ref: 'B15', value: '子育て支援部の案' },
  ]);
  const r3 = consolidate(r2.bytes, [resend], config, { masterName: 'r2.xlsx', outputName: 'r3.xlsx' });
  expectOnly(m0, dump(dir, 'r3.xlsx', r3.bytes), { ...taken2, '提言1-ア!B15': text('子育て支援部の記載（訂正）') });
  expect(listed(r3.summary)).toEqual(expect.arrayContaining(open1));

  // Round 4: 総) 改革推進室 sends one file at last: taken, and its two files of round 1 are no longer a problem.
  const r4 = consolidate(r3.bytes, [{ name: files.get('総) 改革推進室')!.name, bytes: sec('総) 改革推進室') }], config, { masterName: 'r3.xlsx', outputName: 'r4.xlsx' });
  expect(listed(r4.summary).filter((x) => x.includes('改革推進室'))).toEqual([]);
  expect(r4.summary.departments.find((d) => d.name === '総) 改革推進室')?.status).toBe('submitted');
  expect(listed(r4.summary)).toEqual(expect.arrayContaining(open1.filter((x) => !x.includes('改革推進室'))));
});

test('a resend back to the base withdraws only that department’s answer', () => {
  const dir = tmpDir('rounds-back');
  dirs.push(dir);
  const master = new Uint8Array(fs.readFileSync(SEED));
  const files = new Map(split(master, config).files.map((f) => [f.department, f]));
  const a = edit(dir, '子)子育て支援部.xlsx', files.get('子) 子育て支援部')!.bytes, [{ sheet: '提言1-オ', ref: 'B15', value: '子育ての案' }]);
  const b = edit(dir, '子)児童相談所.xlsx', files.get('子) 児童相談所')!.bytes, [{ sheet: '提言1-オ', ref: 'B15', value: '児相の案' }]);
  const r1 = consolidate(master, [a, b], config);
  expect(r1.summary.conflicts).toHaveLength(1);
  // The same department sends its untouched file: its answer goes, the co-owner's stays.
  const untouched = { name: '子)子育て支援部.xlsx', bytes: files.get('子) 子育て支援部')!.bytes };
  const r2 = consolidate(r1.bytes, [untouched], config);
  expect(r2.summary.conflicts).toHaveLength(0);
  expect(dump(dir, 'r2.xlsx', r2.bytes)['提言1-オ']!['B15']).toEqual(text('児相の案'));
});
