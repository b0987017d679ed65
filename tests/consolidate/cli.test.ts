// The two commands as a user runs them: files on disk, exit codes, JSON, sheets as sources.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { strFromU8, unzipSync, zipSync } from 'fflate';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';
import { MARK_FILLS as FILLS } from '../../lib/plan';
import type { Summary } from '../../lib/consolidate/types';
import { STATUS_NOTE_MARK } from '../../lib/marks';
import { readWorkbook } from '../../lib/read/workbook';
import { checkBytes } from '../../lib/check';
import { defaultConfig } from '../../lib/config';
import { fill, inspect, libreOfficeResave, py, sheetOf, tmpDir, type InspectedSheet } from './helpers';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, progressDone: () => undefined };
}

let dir: string;
let masterPath: string;

beforeAll(() => {
  dir = tmpDir('cli');
  masterPath = path.join(dir, 'master.xlsx');
  py('master', masterPath);
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const HEAD = ['取組内容', '取組状況', '自己評価', '下半期の取組内容', '取組区分', '担当部'];
function book(file: string, sheets: [string, string[][]][]): void {
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
}
const table = (rows: string[][]): string[][] => [['検証報告書における提言1'], ['取組方針ア'], HEAD, ...rows];

test('split writes one workbook per department, atomically', () => {
  const io = capture();
  const out = path.join(dir, 'split');
  expect(main(['split', masterPath, '-o', out], io)).toBe(0);
  expect(fs.readdirSync(out).sort()).toEqual(['保)総務部.xlsx', '区)保健福祉部.xlsx', '子)児童相談所.xlsx', '子)子育て支援部.xlsx']);
  expect(io.stdout.join('\n')).toContain('部署 4 件のブックを');
  // Again into the same folder: nothing is overwritten unless asked.
  const again = capture();
  const before = fs.statSync(path.join(out, '保)総務部.xlsx')).mtimeMs;
  expect(main(['split', masterPath, '-o', out], again)).toBe(2);
  expect(again.stdout).toEqual([]);
  expect(again.stderr[0]).toContain('同じ名前のファイルが 4 件あります。何も書き出していません');
  expect(again.stderr).toContain(`  ${path.join(out, '保)総務部.xlsx')}`);
  expect(again.stderr.at(-1)).toContain('--force');
  expect(fs.statSync(path.join(out, '保)総務部.xlsx')).mtimeMs).toBe(before);
  const json = capture();
  expect(main(['split', masterPath, '-o', out, '--format', 'json', '--force'], json)).toBe(0);
  const parsed = JSON.parse(json.stdout.join('\n')) as { files: { department: string; rows: number }[] };
  expect(parsed.files.map((f) => [f.department, f.rows])).toEqual([['子) 子育て支援部', 3], ['保) 総務部', 1], ['区) 保健福祉部', 3], ['子) 児童相談所', 2]]);
  expect(fs.readdirSync(out).some((f) => f.endsWith('.tmp'))).toBe(false);
});

test('consolidate: JSON summary, exit 1 when a department is missing, master never touched', () => {
  const before = fs.readFileSync(masterPath);
  const back = path.join(dir, 'back1');
  fs.mkdirSync(back);
  fill(dir, [{ in: path.join(dir, 'split', '子)子育て支援部.xlsx'), out: path.join(back, '子)子育て支援部.xlsx'), steps: [{ sheet: '提言1-ア', set: { B4: '=SUM(A1:A2)' } }] }]);
  const io = capture();
  const out = path.join(dir, 'out1.xlsx');
  expect(main(['consolidate', masterPath, back, '-o', out, '--format', 'json'], io)).toBe(1);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(Object.keys(s)).toEqual(expect.arrayContaining(['output', 'departments', 'missing', 'conflicts', 'unauthorized', 'added', 'findings']));
  expect(s.departments[0]).toEqual(expect.objectContaining({ name: '子) 子育て支援部', status: 'submitted', files: [path.join(back, '子)子育て支援部.xlsx')], rowsTaken: 3 }));
  expect(s.missing).toEqual(['保) 総務部', '区) 保健福祉部', '子) 児童相談所']);
  expect(fs.readFileSync(masterPath).equals(before)).toBe(true);
  // The formula-looking text arrived as text.
  const wb = readWorkbook(fs.readFileSync(out), 'out1.xlsx');
  const cell = wb.sheets[0]!.rows.get(3)!.get(1)!;
  expect([cell.text, cell.formula]).toEqual(['=SUM(A1:A2)', undefined]);
  const text = capture();
  expect(main(['consolidate', masterPath, back, '-o', out], text)).toBe(1);
  expect(text.stdout.join('\n')).toMatch(/未提出[\s\S]*保\) 総務部/);
});

test('consolidate refuses to write over an input, and says why', () => {
  const io = capture();
  const back = path.join(dir, 'back1');
  const target = path.join(back, '子)子育て支援部.xlsx');
  const before = fs.readFileSync(target);
  expect(main(['consolidate', masterPath, back, '-o', target], io)).toBe(2);
  expect(io.stderr.join('\n')).toContain('入力ファイルと同じです');
  expect(fs.readFileSync(target).equals(before)).toBe(true);
  expect(main(['consolidate', masterPath, back, '-o', masterPath], capture())).toBe(2);
});

test('a source that does not exist is reported by name, the rest goes on', () => {
  const io = capture();
  const missing = path.join(dir, 'nowhere', '子育て支援部.xlsx');
  expect(main(['consolidate', masterPath, path.join(dir, 'back1'), missing, '-o', path.join(dir, 'out-missing.xlsx'), '--format', 'json'], io)).toBe(1);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(s.files.find((f) => f.file === missing)).toEqual(expect.objectContaining({ status: 'unreadable', reason: expect.stringContaining('ファイルが見つかりません') }));
  expect(s.departments[0]!.status).toBe('submitted');
});

test('an unreadable master or missing -o: exit 2', () => {
  const bad = path.join(dir, 'bad.xlsx');
  fs.writeFileSync(bad, 'not a workbook');
  const io = capture();
  expect(main(['consolidate', bad, path.join(dir, 'back1'), '-o', path.join(dir, 'x.xlsx')], io)).toBe(2);
  expect(io.stderr.join('\n')).toContain('bad.xlsx');
  expect(main(['consolidate', masterPath, path.join(dir, 'back1')], capture())).toBe(2);
  expect(main(['split', masterPath], capture())).toBe(2);
  const usage = capture();
  expect(main(['publish', '-o', path.join(dir, 'p.xlsx')], usage)).toBe(2);
  expect(usage.stderr[0]).toBe('公開用に整える集約済みのブックを 1 つ指定してください');
  expect(main(['publish', masterPath], capture())).toBe(2);
});

test('a master that is a real .xls, or lacks a part: why, in Japanese, and what to do', () => {
  const xls = path.join(__dirname, '..', 'fixtures', 'hostile', 'files', 'ok.biff8-by-libreoffice.xls');
  const torn = path.join(dir, 'torn.xlsx');
  // The workbook names a sheet whose part is not in the zip.
  const parts = unzipSync(fs.readFileSync(masterPath));
  delete parts['xl/worksheets/sheet1.xml'];
  fs.writeFileSync(torn, zipSync(parts));
  const said = (cmd: string[]): [number, string] => {
    const io = capture();
    return [main(cmd, io), io.stderr.join('\n')];
  };
  for (const [cmd, reason] of [
    [['split', xls, '-o', path.join(dir, 'from-xls')], '.xlsx 形式のブックではありません'],
    [['consolidate', xls, path.join(dir, 'back1'), '-o', path.join(dir, 'from-xls.xlsx')], '.xlsx 形式のブックではありません'],
    [['split', torn, '-o', path.join(dir, 'from-torn')], 'ブックの部品（xl/worksheets/sheet1.xml）が欠けています'],
  ] as const) {
    const [code, err] = said([...cmd]);
    expect([code, err]).toEqual([2, expect.stringContaining(reason)]);
    expect(err).toContain('「Excel ブック (*.xlsx)」で保存し直してください');
    // No English from the zip or XML layer reaches the user (a part's name, in brackets, may).
    expect(err.replace(cmd[1], '').replace(/（[^）]*）/g, '')).not.toMatch(/[a-z]{5,}/);
  }
});

test('clean consolidation exits 0', () => {
  const m = path.join(dir, 'one.xlsx');
  book(m, [['提言1-ア', table([['○研修を実施する', '', '', '', '継続', '子)子育て支援部']])]]);
  const back = path.join(dir, 'back-clean');
  fs.mkdirSync(back);
  book(path.join(back, '子育て支援部.xlsx'), [['提言1-ア', table([['○研修を実施する', '研修を3回実施した', '達成', '継続して実施する', '継続', '子)子育て支援部']])]]);
  const io = capture();
  expect(main(['consolidate', m, back, '-o', path.join(dir, 'clean.xlsx')], io)).toBe(0);
});

test('a row missing from a department’s returned file: listed, noted, marked, exit 1', () => {
  const m = path.join(dir, 'one-two.xlsx');
  book(m, [['提言1-ア', table([['○研修を実施する', '', '', '', '継続', '子)子育て支援部'], ['○会議を開く', '', '', '', '継続', '子)子育て支援部']])]]);
  const back = path.join(dir, 'back-dropped');
  fs.mkdirSync(back);
  // The section answered the first row and deleted the second (the table starts on row 4).
  book(path.join(back, '子育て支援部.xlsx'), [['提言1-ア', table([['○研修を実施する', '研修を3回実施した', '達成', '継続して実施する', '継続', '子)子育て支援部']])]]);
  const json = capture();
  const out = path.join(dir, 'dropped.xlsx');
  expect(main(['consolidate', m, back, '-o', out, '--format', 'json'], json)).toBe(1);
  const s = JSON.parse(json.stdout.join('\n')) as Summary;
  expect(s.missing).toEqual([]);
  expect(s.departments.map((d) => [d.name, d.status, d.rowsTaken, d.dropped])).toEqual([['子) 子育て支援部', 'submitted', 1, 1]]);
  expect(s.unfilled).toEqual([{ department: '子) 子育て支援部', status: 'dropped', sheet: '提言1-ア', cell: 'A5', row: 5 }]);
  const sheet = readWorkbook(fs.readFileSync(out), 'dropped.xlsx').sheets.find((x) => x.name === '提言1-ア')!;
  // The row keeps its text and says why beside it; the answered row says nothing.
  expect(sheet.rows.get(4)?.get(0)?.text).toBe('○会議を開く');
  expect([...sheet.rows.get(4)!.values()].map((c) => c.text)).toContain(`${STATUS_NOTE_MARK}返送ファイルにこの行がなく未反映: 子) 子育て支援部`);
  expect([...sheet.rows.get(3)!.values()].map((c) => c.text).filter((x) => x.includes('未反映'))).toEqual([]);
  const text = capture();
  main(['consolidate', m, back, '-o', out], text);
  expect(text.stdout.join('\n')).toContain('提言1-ア!A5\t子) 子育て支援部\t返送されたファイルに担当 1 行が見つからず');
  expect(inspect(out).sheets.find((x) => x.name === '提言1-ア')!.cells['B5']?.fill).toBe(FILLS.unfilled);
  // A file taken with every row of its department lists nothing of the kind.
  const full = path.join(dir, 'back-full');
  fs.mkdirSync(full);
  book(path.join(full, '子育て支援部.xlsx'), [['提言1-ア', table([['○研修を実施する', '実施した', '達成', '継続', '継続', '子)子育て支援部'], ['○会議を開く', '開いた', '達成', '継続', '継続', '子)子育て支援部']])]]);
  expect(main(['consolidate', m, full, '-o', path.join(dir, 'full.xlsx')], capture())).toBe(0);
});

test('a row deleted from a split workbook (rows matched by key) is listed too', () => {
  const back = path.join(dir, 'back-deleted');
  fs.mkdirSync(back);
  // Its split file holds its two 提言1-ア rows on rows 4 and 5 (master rows 4 and 6, the second
  // shared with 保健福祉部); it deletes row 5 and answers row 4.
  fill(dir, [{ in: path.join(dir, 'split', '子)子育て支援部.xlsx'), out: path.join(back, '子)子育て支援部.xlsx'), steps: [{ sheet: '提言1-ア', delete: 5, set: { B4: '実施した' } }] }]);
  const io = capture();
  main(['consolidate', masterPath, back, '-o', path.join(dir, 'deleted.xlsx'), '--format', 'json'], io);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(s.unfilled.filter((u) => u.status === 'dropped').map((u) => [u.department, u.sheet, u.cell])).toEqual([['子) 子育て支援部', '提言1-ア', 'A6']]);
  expect(s.departments.find((d) => d.name === '子) 子育て支援部')?.rowsTaken).toBe(2);
  // Late answers from another department: the row is still listed, until its department answers it.
  const json = (master: string, sources: string[], out: string): Summary => {
    const run = capture();
    main(['consolidate', master, ...sources, '-o', out, '--format', 'json'], run);
    return JSON.parse(run.stdout.join('\n')) as Summary;
  };
  const dropped = (x: Summary): string[][] => x.unfilled.filter((u) => u.status === 'dropped').map((u) => [u.department, u.sheet, u.cell]);
  const late = json(path.join(dir, 'deleted.xlsx'), [path.join(dir, 'split', '保)総務部.xlsx')], path.join(dir, 'deleted-2.xlsx'));
  expect(late.departments.find((d) => d.name === '子) 子育て支援部')?.status).toBe('earlier');
  expect(dropped(late)).toEqual([['子) 子育て支援部', '提言1-ア', 'A6']]);
  expect(inspect(path.join(dir, 'deleted-2.xlsx')).sheets.find((x) => x.name === '提言1-ア')!.cells['B6']?.fill).toBe(FILLS.unfilled);
  const answered = json(path.join(dir, 'deleted-2.xlsx'), [path.join(dir, 'split', '子)子育て支援部.xlsx')], path.join(dir, 'deleted-3.xlsx'));
  expect(dropped(answered)).toEqual([]);
});

test('publish: without our sheets, notes and colours, every cell as the master shows it; conflicts left listed', () => {
  const back = path.join(dir, 'back-publish');
  fs.mkdirSync(back);
  // 子育て支援部 and 保健福祉部 write the row they share (master row 6) differently, and 子育て支援部
  // adds a row, which goes after the section's last row (output row 8).
  fill(dir, [
    { in: path.join(dir, 'split', '子)子育て支援部.xlsx'), out: path.join(back, '子)子育て支援部.xlsx'), steps: [{ sheet: '提言1-ア', set: { B5: 'A: 書いた' }, insert: [6, { A: '○子育て支援部が加えた取組', F: '子)子育て支援部' }] }] },
    { in: path.join(dir, 'split', '区)保健福祉部.xlsx'), out: path.join(back, '区)保健福祉部.xlsx'), steps: [{ sheet: '提言1-ア', set: { B4: 'B: 書いた' } }] },
  ]);
  const consolidated = path.join(dir, 'to-publish.xlsx');
  main(['consolidate', masterPath, back, '-o', consolidated], capture());
  const before = fs.readFileSync(consolidated);
  const io = capture();
  const published = path.join(dir, 'published.xlsx');
  expect(main(['publish', consolidated, '-o', published, '--format', 'json'], io)).toBe(1);
  const s = JSON.parse(io.stdout.join('\n')) as { removedSheets: string[]; conflictsLeft: { sheet: string; cell: string }[]; fillsRestored: number };
  expect(s.removedSheets).toEqual(['集約結果', '_shinchoku_集約']);
  expect(s.conflictsLeft).toEqual([{ sheet: '提言1-ア', cell: 'B6' }]);
  expect(fs.readFileSync(consolidated).equals(before)).toBe(true);
  const m = inspect(masterPath);
  const c = inspect(consolidated);
  const p = inspect(published);
  expect(p.sheets.map((x) => [x.name, x.state])).toEqual(m.sheets.map((x) => [x.name, x.state]));
  // The master's row of each output row: the added row looks like the row it follows.
  const masterRow = (r: number): number => (r <= 8 ? Math.min(r, 7) : r - 1);
  const fills = (x: { sheets: InspectedSheet[] }, at: (r: number) => number): string[] =>
    x.sheets.filter((sh) => m.sheets.some((ms) => ms.name === sh.name)).flatMap((sh) => Object.entries(sh.cells).map(([ref, cell]) => {
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const r = sh.name === '提言1-ア' ? at(Number(row)) : Number(row);
      const own = sheetOf(m, sh.name).cells[`${col}${r}`]?.fill ?? null;
      return `${sh.name}!${ref} ${cell.fill ?? null} ${own}`;
    })).filter((line) => { const [, a, b] = line.split(' '); return a !== b; });
  // The consolidated copy was coloured (conflict, added row, unfilled rows); the published one is not.
  expect(fills(c, masterRow).length).toBeGreaterThan(3);
  expect(fills(p, masterRow)).toEqual([]);
  // Each coloured cell was given its own fill back; the 集約メモ header (column G) went.
  expect(s.fillsRestored).toBe(fills(c, masterRow).filter((line) => !/^[^!]+!G\d+ /.test(line)).length);
  const ア = sheetOf(p, '提言1-ア');
  expect(ア.hiddenCols).toContain('G');
  expect(Object.entries(ア.cells).filter(([ref, cell]) => ref.startsWith('G') && cell.v !== null)).toEqual([]);
  // Never over its input; and once the conflict is resolved, nothing is left to say.
  expect(main(['publish', consolidated, '-o', consolidated], capture())).toBe(2);
  const resolved = path.join(dir, 'resolved.xlsx');
  fill(dir, [{ in: consolidated, out: resolved, steps: [{ sheet: '提言1-ア', set: { B6: '両部署で決めた記載' } }] }]);
  const text = capture();
  expect(main(['publish', resolved, '-o', path.join(dir, 'published-2.xlsx')], text)).toBe(0);
  expect(text.stdout.join('\n')).toContain('外したシート: 集約結果、_shinchoku_集約');
});

test('publish of a file Excel or LibreOffice saved: the removed text leaves the shared-string table too', () => {
  // The consolidated workbook saved once more by LibreOffice, which moves every text, the
  // 集約結果's and the notes' included, into the shared-string table.
  const saved = libreOfficeResave(path.join(dir, 'to-publish.xlsx'), path.join(dir, 'lo-publish'));
  const sst = (file: string): string => strFromU8(unzipSync(fs.readFileSync(file))['xl/sharedStrings.xml']!);
  expect(sst(saved)).toContain('集約メモ');
  const out = path.join(dir, 'published-lo.xlsx');
  expect(main(['publish', saved, '-o', out], capture())).toBe(1);
  for (const gone of ['集約メモ', '集約結果（', '未提出', 'shinchoku 集約の記録']) expect([gone, sst(out).includes(gone)]).toEqual([gone, false]);
  // Every remaining cell still reads as before.
  const texts = (file: string): string[] =>
    readWorkbook(fs.readFileSync(file), file).sheets.filter((s) => !s.name.startsWith('集約結果') && !s.name.startsWith('_')).flatMap((s) =>
      [...s.rows].flatMap(([r, row]) => [...row].filter(([, c]) => !new RegExp(`^(集約メモ|${STATUS_NOTE_MARK}|未提出|追加行|競合)`).test(c.text)).map(([c, cell]) => `${s.name}!${r},${c} ${cell.text}`)),
    );
  expect(texts(out)).toEqual(texts(saved));
});

test('sheets of one shared workbook are sources: BOOK#シート and --sheets', () => {
  const shared = path.join(dir, 'shared.xlsx');
  const rows = [
    ['○研修を実施する', '', '', '', '継続', '子)子育て支援部'],
    ['○体制を整える', '', '', '', '継続', '区)保健福祉部'],
  ];
  const edited = (k: number, t: string): string[][] => table(rows.map((r, i) => (i === k ? [r[0]!, t, ...r.slice(2)] : r)));
  book(shared, [['進捗', table(rows)], ['子育て支援部', edited(0, '子: 研修を実施した')], ['保健福祉部', edited(1, '区: 体制を整えた')]]);
  const out = path.join(dir, 'shared-out.xlsx');
  const io = capture();
  expect(main(['consolidate', `${shared}#進捗`, `${shared}#子育て支援部`, `${shared}#保健福祉部`, '-o', out, '--format', 'json'], io)).toBe(0);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(s.files.map((f) => [f.file.replace(/^.*\//, ''), f.department, f.departmentFrom])).toEqual([
    ['shared.xlsx#子育て支援部', '子) 子育て支援部', 'sheet-name'],
    ['shared.xlsx#保健福祉部', '区) 保健福祉部', 'sheet-name'],
  ]);
  const wb = readWorkbook(fs.readFileSync(out), 'o');
  expect([wb.sheets[0]!.rows.get(3)!.get(1)!.text, wb.sheets[0]!.rows.get(4)!.get(1)!.text]).toEqual(['子: 研修を実施した', '区: 体制を整えた']);
  const io2 = capture();
  expect(main(['consolidate', `${shared}#進捗`, shared, '--sheets', '-o', out, '--format', 'json'], io2)).toBe(0);
  expect((JSON.parse(io2.stdout.join('\n')) as Summary).files.length).toBe(2);
});

test('two files from one department: neither taken, unless --prefer-newest', () => {
  const m = path.join(dir, 'one.xlsx');
  const back = path.join(dir, 'back-dup');
  fs.mkdirSync(back);
  const older = path.join(back, '子育て支援部_第1版.xlsx');
  const newer = path.join(back, '子育て支援部_第2版.xlsx');
  book(older, [['提言1-ア', table([['○研修を実施する', '古い記載', '', '', '継続', '子)子育て支援部']])]]);
  book(newer, [['提言1-ア', table([['○研修を実施する', '新しい記載', '', '', '継続', '子)子育て支援部']])]]);
  fs.utimesSync(older, new Date('2026-10-01T00:00:00Z'), new Date('2026-10-01T00:00:00Z'));
  fs.utimesSync(newer, new Date('2026-10-02T00:00:00Z'), new Date('2026-10-02T00:00:00Z'));
  const out = path.join(dir, 'dup.xlsx');
  const io = capture();
  expect(main(['consolidate', m, back, '-o', out, '--format', 'json'], io)).toBe(1);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(s.departments[0]!.status).toBe('duplicate');
  expect(s.files.map((f) => f.status)).toEqual(['duplicate', 'duplicate']);
  // The department answered (twice): its rows are not called unanswered, here or in the book.
  expect(s.missing).toEqual([]);
  expect(s.unfilled.map((u) => [u.cell, u.status])).toEqual([['A4', 'duplicate']]);
  const dupBook = readWorkbook(fs.readFileSync(out), 'o');
  expect(dupBook.sheets[0]!.rows.get(3)!.get(1)?.text ?? '').toBe('');
  const noteOf = [...dupBook.sheets[0]!.rows.get(3)!.values()].map((c) => c.text).find((x) => x.includes('未反映'));
  expect(noteOf).toBe(`${STATUS_NOTE_MARK}同じ部署から複数のファイルがあり未反映: 子) 子育て支援部`);
  expect(dupBook.sheets[0]!.rows.get(3)!.size).toBeGreaterThan(0);
  expect([...dupBook.sheets[0]!.rows.get(3)!.values()].some((c) => c.text.startsWith('未提出'))).toBe(false);
  const text = capture();
  main(['consolidate', m, back, '-o', out], text);
  expect(text.stdout.join('\n')).toContain('■ 重複のため未反映（1 件）');
  expect(text.stdout.join('\n')).not.toContain('■ 未提出');
  const io2 = capture();
  main(['consolidate', m, back, '-o', out, '--format', 'json', '--prefer-newest'], io2);
  const s2 = JSON.parse(io2.stdout.join('\n')) as Summary;
  expect(s2.files.map((f) => [path.basename(f.file), f.status])).toEqual([['子育て支援部_第1版.xlsx', 'superseded'], ['子育て支援部_第2版.xlsx', 'applied']]);
  expect(readWorkbook(fs.readFileSync(out), 'o').sheets[0]!.rows.get(3)!.get(1)!.text).toBe('新しい記載');
});

test('a department whose only file is broken: named with the file, its rows say why', () => {
  const m = path.join(dir, 'one.xlsx');
  const back = path.join(dir, 'back-broken');
  fs.mkdirSync(back);
  // Cut short while saving: a zip header and nothing after it.
  fs.writeFileSync(path.join(back, '子育て支援部.xlsx'), Buffer.from('PK\u0003\u0004broken', 'latin1'));
  const out = path.join(dir, 'broken-out.xlsx');
  const io = capture();
  expect(main(['consolidate', m, back, '-o', out, '--format', 'json'], io)).toBe(1);
  const s = JSON.parse(io.stdout.join('\n')) as Summary;
  expect(s.files.map((f) => [path.basename(f.file), f.status, f.department, f.departmentFrom])).toEqual([['子育て支援部.xlsx', 'unreadable', '子) 子育て支援部', 'file-name']]);
  expect(s.departments.map((d) => [d.name, d.status, d.files.map((f) => path.basename(f))])).toEqual([['子) 子育て支援部', 'unusable', ['子育て支援部.xlsx']]]);
  // It did answer: not in the missing list, and its row says the file could not be used.
  expect(s.missing).toEqual([]);
  expect(s.unfilled.map((u) => [u.cell, u.status])).toEqual([['A4', 'unusable']]);
  const row = [...readWorkbook(fs.readFileSync(out), 'o').sheets[0]!.rows.get(3)!.values()].map((c) => c.text);
  expect(row).toContain(`${STATUS_NOTE_MARK}ファイルに不備があり未反映: 子) 子育て支援部`);
  const text = capture();
  main(['consolidate', m, back, '-o', out], text);
  expect(text.stdout.join('\n')).toMatch(/子\) 子育て支援部\tファイル不備\t.*子育て支援部\.xlsx/);
  expect(text.stdout.join('\n')).toContain('■ ファイル不備のため未反映（1 件）\n  提言1-ア!A4\t子) 子育て支援部\tファイルを反映できなかったため、担当 1 行は前回の記載のままです（A4）');
});

test('split names the departments its department master lacks (a misspelling gets no workbook of its own unnoticed)', () => {
  const seed = path.join(__dirname, '..', '..', 'seeds', 'error.department.xlsx');
  const rule = checkBytes('e.xlsx', new Uint8Array(fs.readFileSync(seed)), defaultConfig()).findings.filter((f) => f.rule === 'department');
  expect(rule.length).toBe(4);
  const io = capture();
  const out = path.join(dir, 'split-unknown');
  expect(main(['split', seed, '-o', out, '--format', 'json'], io)).toBe(1);
  const j = JSON.parse(io.stdout.join('\n')) as { unknown: { department: string; sheet: string; cell: string }[] };
  // The same cells the department rule finds, from split's own reading of the master.
  expect(j.unknown.map((u) => `${u.sheet}!${u.cell}`).sort()).toEqual(rule.map((f) => `${f.sheet}!${f.cell}`).sort());
  const text = capture();
  expect(main(['split', seed, '-o', out, '--force'], text)).toBe(1);
  expect(text.stdout.join('\n')).toContain('部署マスタにない部署名: 「子) 子ども支援部」（提言1-ア!F15）');
});
