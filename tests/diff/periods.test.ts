// 変更点 between two periods of a real report: openpyxl builds the next period from a seed
// (cells reworded, a one-character fix, 取組区分 changed, a row added, one removed, one moved
// to another 取組方針, headings' 年度 advanced) and says what it changed; the diff must find
// exactly that. The marked copy and the 変更点 sheet are read back with openpyxl.
import { execFileSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';
import { PYTHON, tmpDir } from '../consolidate/helpers';

const SCRIPT = path.join(__dirname, 'periods.py');
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const py = (...args: string[]): string => execFileSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, progressDone: () => undefined };
}

interface Place {
  sheet: string;
  row: number;
}
interface Truth {
  changed: { sheet: string; cell: string; row: number; before: string; after: string }[];
  added: Place[];
  removed: Place[];
  moved: { from: Place; to: Place }[];
  headings: number;
}
interface Inspected {
  sheets: string[];
  values: Record<string, Record<string, [string, string]>>;
  cf: Record<string, [string, string][]>;
  links: Record<string, [string, string][]>;
  titles: Record<string, string | null>;
}
interface Json {
  changed: { sheet: string; cell: string; row: number; before: string; after: string; column: string; columnKey: string; named: boolean; matchedBy: string; confidence: number; hunks: { at: number; removed: string; added: string }[] }[];
  added: (Place & { range: string })[];
  removed: Place[];
  moved: { from: Place; to: Place & { range: string } }[];
  headings: { sheet: string; cell: string; before: string; after: string }[];
}

const sha = (f: string): string => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const byPlace = <T extends { sheet: string; row: number; cell?: string }>(a: T, b: T): number => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.row - b.row || (a.cell ?? '').localeCompare(b.cell ?? ''));

let dir: string;
let oldFile: string;
let newFile: string;
let out: string;
let truth: Truth;
let json: Json;
let code: number;
let hashes: string[];

const temps: string[] = [];
afterAll(() => [dir, ...temps].forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

beforeAll(() => {
  dir = tmpDir('diff');
  oldFile = path.join(dir, '令和6年度.xlsx');
  newFile = path.join(dir, '令和7年度.xlsx');
  out = path.join(dir, '変更点.xlsx');
  truth = JSON.parse(py('teigen', SEED, oldFile, newFile)) as Truth;
  hashes = [sha(oldFile), sha(newFile)];
  const io = capture();
  code = main(['diff', oldFile, newFile, '-o', out, '--format', 'json'], io);
  json = JSON.parse(io.stdout.join('\n')) as Json;
});

test('the JSON gives exactly the changes made, at NEW\'s cells (removed rows at OLD\'s)', () => {
  expect(code).toBe(1);
  const pick = (c: Json['changed'][number]): Truth['changed'][number] => ({ sheet: c.sheet, cell: c.cell, row: c.row, before: c.before, after: c.after });
  expect(json.changed.map(pick).sort(byPlace)).toEqual([...truth.changed].sort(byPlace));
  expect(json.added.map((a) => ({ sheet: a.sheet, row: a.row }))).toEqual(truth.added);
  expect(json.removed.map((a) => ({ sheet: a.sheet, row: a.row }))).toEqual(truth.removed);
  expect(json.moved.map((m) => ({ from: { sheet: m.from.sheet, row: m.from.row }, to: { sheet: m.to.sheet, row: m.to.row } }))).toEqual(truth.moved);
  // The advanced headings are the same columns: listed apart, never as changed cells.
  expect(json.headings).toHaveLength(truth.headings);
  for (const h of json.headings) expect(h.after).toBe(h.before.replace(/令和(\d+)年度/g, (_m, n: string) => `令和${Number(n) + 1}年度`));
});

test('入事→人事 is one change of one character; 取組区分 is named; a reworded 取組内容 says how sure', () => {
  const typo = json.changed.find((c) => c.sheet === '提言3-エ')!;
  expect(typo.hunks).toEqual([{ at: typo.before.indexOf('入事'), removed: '入', added: '人' }]);
  const category = json.changed.find((c) => c.columnKey === 'category')!;
  expect(category).toMatchObject({ column: '取組区分', named: true, before: '継続', after: '拡充' });
  const reworded = json.changed.find((c) => c.cell === 'A15' && c.sheet === '提言1-ア')!;
  expect(reworded.matchedBy).toBe('similar');
  expect(reworded.confidence).toBeGreaterThan(0.5);
  expect(reworded.confidence).toBeLessThan(1);
  expect(reworded.hunks).toEqual([{ at: reworded.before.indexOf('ふまえ'), removed: 'ふ', added: '踏' }]);
});

test('the text output names the changes in Japanese, characters marked', () => {
  const io = capture();
  expect(main(['diff', oldFile, newFile], io)).toBe(1);
  const text = io.stdout.join('\n');
  expect(text).toContain('［入→人］事評価');
  expect(text).toContain('取組区分を「継続」から「拡充」に変更');
  expect(text).toContain('移動（提言1-ア 16 行目 から）');
  expect(text).toMatch(/類似度 \d+%/);
});

test('the marked copy: NEW\'s cells untouched, our marks on exactly the changes, a 変更点 sheet linking to each', () => {
  expect([sha(oldFile), sha(newFile)]).toEqual(hashes);
  const before = JSON.parse(py('inspect', newFile)) as Inspected;
  const after = JSON.parse(py('inspect', out)) as Inspected;
  expect(after.sheets).toEqual([...before.sheets, '変更点']);
  for (const s of before.sheets) expect(after.values[s]).toEqual(before.values[s]);
  const marked = (formula: string): string[] =>
    Object.entries(after.cf).flatMap(([s, list]) => list.filter(([, f]) => f === formula).flatMap(([sq]) => sq.split(' ').map((r) => `${s}!${r}`))).sort();
  expect(marked('LEN("shinchoku-diff")>0')).toEqual(truth.changed.map((c) => `${c.sheet}!${c.cell}`).sort());
  expect(marked('LEN("shinchoku-diff-added")>0')).toEqual(json.added.map((a) => `${a.sheet}!${a.range}`));
  expect(marked('LEN("shinchoku-diff-moved")>0')).toHaveLength(6);
  const links = after.links['変更点']!.map(([, loc]) => loc);
  for (const c of truth.changed) expect(links).toContain(`'${c.sheet}'!${c.cell}`);
  for (const a of json.added) expect(links).toContain(`'${a.sheet}'!A${a.row}`);
  expect(after.titles['変更点']).toMatch(/^\$\d+:\$\d+$/);
});

test('publish takes the marks and the 変更点 sheet out again', () => {
  const pub = path.join(dir, '公開用.xlsx');
  expect(main(['publish', out, '-o', pub], capture())).toBe(0);
  const x = JSON.parse(py('inspect', pub)) as Inspected;
  const base = JSON.parse(py('inspect', newFile)) as Inspected;
  expect(x.sheets).toEqual(base.sheets);
  for (const list of Object.values(x.cf)) expect(list.filter(([, f]) => f.includes('shinchoku'))).toEqual([]);
});

test('bad input: Japanese reasons, exit 2, nothing written', () => {
  const missing = capture();
  expect(main(['diff', path.join(dir, 'ない.xlsx'), newFile], missing)).toBe(2);
  expect(missing.stderr.join('\n')).toMatch(/^前回 .*ない\.xlsx を読めません/);
  const one = capture();
  expect(main(['diff', newFile], one)).toBe(2);
  expect(one.stderr[0]).toBe('前回と今回の報告書を 2 つ指定してください');
  const vision = path.join(__dirname, '..', '..', 'seeds', 'ok.vision-progress.xlsx');
  const mismatch = capture();
  expect(main(['diff', oldFile, vision], mismatch)).toBe(2);
  expect(mismatch.stderr.join('\n')).toContain('報告書の種類が違います');
  const self = capture();
  expect(main(['diff', oldFile, newFile, '-o', newFile], self)).toBe(2);
  expect(sha(newFile)).toBe(hashes[1]);
  const help = capture();
  expect(main(['diff', '--help'], help)).toBe(0);
  expect(help.stdout.join('\n')).toContain('shinchoku diff <前回.xlsx> <今回.xlsx>');
});

// The other two report types: a row inserted mid-table under 取組番号 (the numbers below move
// on: the rows are still paired by what they say), a 担当課 changed, a result corrected, a row removed.
test.each([
  ['vision', 'ok.vision-progress.xlsx'],
  ['plan', 'ok.plan-results.xlsx'],
])('%s: exactly the changes made', (kind, seed) => {
  const d = tmpDir(`diff-${kind}`);
  temps.push(d);
  const o = path.join(d, 'old.xlsx');
  const n = path.join(d, 'new.xlsx');
  const want = JSON.parse(py(kind, path.join(__dirname, '..', '..', 'seeds', seed), o, n)) as Truth;
  const io = capture();
  expect(main(['diff', o, n, '--format', 'json'], io)).toBe(1);
  const got = JSON.parse(io.stdout.join('\n')) as Json;
  expect(got.changed.map((c) => ({ sheet: c.sheet, cell: c.cell, row: c.row, before: c.before, after: c.after })).sort(byPlace)).toEqual([...want.changed].sort(byPlace));
  expect(got.added.map((a) => ({ sheet: a.sheet, row: a.row }))).toEqual(want.added);
  expect(got.removed.map((a) => ({ sheet: a.sheet, row: a.row }))).toEqual(want.removed);
  expect(got.moved).toEqual([]);
  expect(got.headings).toEqual([]);
  for (const c of got.changed.filter((x) => x.columnKey === 'department')) expect(c.named).toBe(true);
});
