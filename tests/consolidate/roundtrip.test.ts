// split → sections fill their workbooks with openpyxl (one through LibreOffice) →
// consolidate: every filled cell lands, the problems are reported, the formatting survives.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { MARK_FILLS as FILLS } from '../../lib/plan';
import { split } from '../../lib/consolidate/split';
import type { ConsolidateResult, Source } from '../../lib/consolidate/types';
import * as XLSX from 'xlsx';
import { strFromU8, unzipSync } from 'fflate';
import { readWorkbook } from '../../lib/read/workbook';
import { checkBytes } from '../../lib/check';
import { fill, inspect, libreOfficeResave, py, rowOf, sheetOf, tmpDir, type InspectedSheet } from './helpers';

const A = '子) 子育て支援部';
const B = '区) 保健福祉部';
const C = '保) 総務部';
const D = '子) 児童相談所';

let dir: string;
let masterBytes: Buffer;
let result: ConsolidateResult;
let master: { sheets: InspectedSheet[] };
let output: { sheets: InspectedSheet[] };
let splitFiles: ReturnType<typeof split>;

const source = (file: string, name = path.basename(file)): Source => ({ name, bytes: fs.readFileSync(file) });

beforeAll(() => {
  dir = tmpDir('roundtrip');
  const masterPath = path.join(dir, 'master.xlsx');
  py('master', masterPath);
  masterBytes = fs.readFileSync(masterPath);
  splitFiles = split(masterBytes, defaultConfig(), { masterName: 'master.xlsx' });
  fs.mkdirSync(path.join(dir, 'split'));
  fs.mkdirSync(path.join(dir, 'back'));
  for (const f of splitFiles.files) fs.writeFileSync(path.join(dir, 'split', f.name), f.bytes);
  const sp = (name: string): string => path.join(dir, 'split', name);
  const back = (name: string): string => path.join(dir, 'back', name);
  const jobs: Parameters<typeof fill>[1] = [
    {
      // A fills its rows (text starting with = + - @), adds a row, writes beside the table.
      in: sp('子)子育て支援部.xlsx'),
      out: back('子育て支援部_回答.xlsx'),
      steps: [
        {
          sheet: '提言1-ア',
          set: { B4: '=Aが等号で始めた記載', C4: '+良好', D4: '-引き続き実施する', E4: '拡充', B5: 'A: センターを3区に設置した', H2: '欄外のメモ' },
          insert: [6, { A: '○新しく加えた取組（子育て支援部）', B: '@追加した行の取組状況', F: '子)子育て支援部' }],
        },
        { sheet: '提言1-イ', set: { B4: 'A: 協議会を開催した', D4: 'A: 引き続き開催する' } },
      ],
    },
    {
      // B writes the shared row differently from A: a conflict.
      in: sp('区)保健福祉部.xlsx'),
      out: path.join(dir, 'lo-in', '区)保健福祉部.xlsx'),
      steps: [
        { sheet: '提言1-ア', set: { B4: 'B: 区で連携会議を開いた', B5: 'B: 相談体制を整えた', C5: 'B: おおむね達成' } },
        { sheet: '提言1-イ', set: { C4: 'B: 研修は好評だった' } },
      ],
    },
    {
      // D returns a whole copy of the master without keys, and edits a row it does not own.
      in: masterPath,
      out: back('子)児童相談所.xlsx'),
      steps: [
        { sheet: '提言1-イ', set: { D4: 'D: 研修を継続する', B6: 'D: モニタリングを見直した' } },
        { sheet: '提言1-ア', set: { B7: 'D: 他部署の行に書いた' } },
      ],
    },
    { in: masterPath, out: back('回答.xlsx'), steps: [{ sheet: '提言1-ア', set: { B4: 'どこの部署か分からない' } }] },
  ];
  for (const j of jobs) fs.mkdirSync(path.dirname(j.out), { recursive: true });
  fill(dir, jobs);
  // B's workbook comes back through LibreOffice, a second writer.
  libreOfficeResave(path.join(dir, 'lo-in', '区)保健福祉部.xlsx'), path.join(dir, 'back'));
  fs.writeFileSync(back('broken.xlsx'), Buffer.from('PK\u0003\u0004 this is not a workbook at all'));
  const sources = fs.readdirSync(path.join(dir, 'back')).filter((f) => f.endsWith('.xlsx')).sort().map((f) => source(back(f)));
  result = consolidate(masterBytes, sources, defaultConfig(), { masterName: 'master.xlsx', outputName: 'out.xlsx', trace: true });
  fs.writeFileSync(path.join(dir, 'out.xlsx'), result.bytes);
  master = inspect(masterPath);
  output = inspect(path.join(dir, 'out.xlsx'));
});

afterAll(() => {
  // SHINCHOKU_KEEP=1 keeps the files to render and look at.
  if (dir && !process.env['SHINCHOKU_KEEP']) fs.rmSync(dir, { recursive: true, force: true });
  else if (dir) process.stderr.write(`kept ${dir}\n`);
});

describe('split', () => {
  test('one workbook per department, holding only its rows, protected, key column hidden', () => {
    expect(splitFiles.files.map((f) => [f.department, f.name, f.rows])).toEqual([
      [A, '子)子育て支援部.xlsx', 3],
      [C, '保)総務部.xlsx', 1],
      [B, '区)保健福祉部.xlsx', 3],
      [D, '子)児童相談所.xlsx', 2],
    ]);
    const a = inspect(path.join(dir, 'split', '子)子育て支援部.xlsx'));
    const ア = sheetOf(a, '提言1-ア');
    expect([ア.cells['A4']?.v, ア.cells['A5']?.v, ア.cells['A6']?.v ?? null]).toEqual([
      '○アセスメントをふまえリスクの段階に応じた支援を継続的に実施する体制を整える。',
      '○こども家庭センターの機能を活かし切れ目のない支援を行う。',
      null,
    ]);
    expect(ア.protected).toBe(true);
    expect(ア.hiddenCols).toContain('G');
    expect(String(ア.cells['G4']?.v)).toMatch(/^shinchoku:v1:/);
    // Progress cells open for typing, the rest locked.
    expect([ア.cells['B4']?.locked, ア.cells['C4']?.locked, ア.cells['E4']?.locked, ア.cells['A4']?.locked, ア.cells['F4']?.locked]).toEqual([false, false, false, true, true]);
    // The master's formatting came along.
    expect(ア.widths['B']).toBe(42);
    expect(ア.merges).toEqual(['A2:F2']);
    expect(ア.validations).toEqual([['list', '"新規,拡充,継続"', 'E4:E5']]);
    expect(ア.cells['A3']?.fill).toBe('FFDDEBF7');
    expect(ア.printTitles).toBe(sheetOf(inspect(path.join(dir, 'master.xlsx')), '提言1-ア').printTitles);
    const d = inspect(path.join(dir, 'split', '子)児童相談所.xlsx'));
    expect(d.sheets.map((s) => [s.name, s.state])).toEqual([['提言1-ア', 'hidden'], ['提言1-イ', 'visible'], ['_shinchoku', 'veryHidden']]);
  });

  test('validating a section’s workbook names no sheet of ours', () => {
    const f = splitFiles.files.find((x) => x.department === A)!;
    const res = checkBytes(f.name, f.bytes, defaultConfig());
    expect(res.error).toBeUndefined();
    // The hidden key sheet is neither a report nor a sheet the section should read about.
    expect(res.skipped.map((s) => s.sheet)).not.toContain('_shinchoku');
    expect(readWorkbook(f.bytes, f.name).sheets.map((s) => s.name)).toContain('_shinchoku');
  });

  test('from a master Excel or LibreOffice saved, a section file keeps only its own text', () => {
    // LibreOffice keeps every text of the master in one shared-string table, as Excel does.
    const saved = libreOfficeResave(path.join(dir, 'master.xlsx'), path.join(dir, 'lo-master'));
    const file = split(fs.readFileSync(saved), defaultConfig(), { masterName: 'master.xlsx' }).files.find((f) => f.department === C)!;
    const sst = strFromU8(unzipSync(file.bytes)['xl/sharedStrings.xml']!);
    expect(sst).toContain('○複合化・複雑化した福祉課題');
    // Rows of other departments only: not in the file, not even unreferenced.
    expect(sst).not.toContain('○区の相談支援体制を整える。');
    expect(sst).not.toContain('○モニタリング制度を見直す。');
    // The same cells as the section file cut from the master openpyxl wrote.
    const cells = (bytes: Uint8Array): string[] =>
      readWorkbook(bytes, 'x').sheets.flatMap((s) => [...s.rows].flatMap(([r, row]) => [...row].map(([c, cell]) => `${s.name}!${r},${c} ${cell.text}`)));
    expect(cells(file.bytes)).toEqual(cells(splitFiles.files.find((f) => f.department === C)!.bytes));
  });

  test('the key column survives a tool that trusts the sheet’s <dimension> (SheetJS)', () => {
    const f = splitFiles.files.find((x) => x.department === A)!;
    const resaved = new Uint8Array(XLSX.write(XLSX.read(f.bytes, { type: 'array' }), { type: 'array', bookType: 'xlsx' }));
    const keys = (b: Uint8Array): string[] => {
      const s = readWorkbook(b, f.name).sheets.find((x) => x.name === '提言1-ア')!;
      return [...s.rows.values()].flatMap((row) => [...row.values()].map((c) => c.text).filter((t) => t.startsWith('shinchoku:v1:')));
    };
    expect(keys(f.bytes)).toHaveLength(2);
    expect(keys(resaved)).toEqual(keys(f.bytes));
  });
});

describe('consolidate', () => {
  test('every filled cell lands in the output', () => {
    const ア = sheetOf(output, '提言1-ア');
    const イ = sheetOf(output, '提言1-イ');
    const r1 = rowOf(ア, '○アセスメント');
    expect([ア.cells[`B${r1}`]?.v, ア.cells[`C${r1}`]?.v, ア.cells[`D${r1}`]?.v, ア.cells[`E${r1}`]?.v]).toEqual(['=Aが等号で始めた記載', '+良好', '-引き続き実施する', '拡充']);
    const r4 = rowOf(ア, '○区の相談支援体制');
    expect([ア.cells[`B${r4}`]?.v, ア.cells[`C${r4}`]?.v]).toEqual(['B: 相談体制を整えた', 'B: おおむね達成']);
    const i1 = rowOf(イ, '○児童相談所と区');
    expect([イ.cells[`C${i1}`]?.v, イ.cells[`D${i1}`]?.v]).toEqual(['B: 研修は好評だった', 'D: 研修を継続する']);
    expect(イ.cells[`B${rowOf(イ, '○要保護')}`]?.v).toBe('A: 協議会を開催した');
    expect(イ.cells[`D${rowOf(イ, '○要保護')}`]?.v).toBe('A: 引き続き開催する');
    expect(イ.cells[`B${rowOf(イ, '○モニタリング')}`]?.v).toBe('D: モニタリングを見直した');
  });

  test('text starting with = + - @ stays text', () => {
    const ア = sheetOf(output, '提言1-ア');
    const r1 = rowOf(ア, '○アセスメント');
    for (const col of ['B', 'C', 'D']) expect(ア.cells[`${col}${r1}`]?.t).toBe('s');
    const added = rowOf(ア, '○新しく加えた取組');
    expect([ア.cells[`B${added}`]?.v, ア.cells[`B${added}`]?.t]).toEqual(['@追加した行の取組状況', 's']);
  });

  test('the conflict keeps both texts, marked with their departments', () => {
    expect(result.summary.conflicts.map((c) => [c.sheet, c.cell, c.departments])).toEqual([['提言1-ア', 'B6', [A, B]]]);
    const cell = sheetOf(output, '提言1-ア').cells['B6']!;
    expect(cell.v).toBe('【競合】\n［子) 子育て支援部］\nA: センターを3区に設置した\n［区) 保健福祉部］\nB: 区で連携会議を開いた');
    expect(cell.fill).toBe('FFF8CBAD');
  });

  test('a change to another department’s row is reported, not applied', () => {
    expect(result.summary.unauthorized.map((u) => [u.department, u.file, u.sheet, u.cell, u.sourceCell, u.after])).toEqual([
      [D, '子)児童相談所.xlsx', '提言1-ア', 'B7', 'B7', 'D: 他部署の行に書いた'],
    ]);
    const ア = sheetOf(output, '提言1-ア');
    expect(ア.cells[`B${rowOf(ア, '○区の相談支援体制')}`]?.v).toBe('B: 相談体制を整えた');
  });

  test('the added row follows the last row of its section, marked', () => {
    expect(result.summary.added.map((a) => [a.department, a.sheet, a.row, a.sourceRow])).toEqual([[A, '提言1-ア', 8, 6]]);
    const ア = sheetOf(output, '提言1-ア');
    expect(rowOf(ア, '○新しく加えた取組')).toBe(8);
    expect(rowOf(ア, '○区の相談支援体制')).toBe(7);
    expect(ア.cells['A8']?.fill).toBe('FFE2EFDA');
    expect(String(ア.cells['G8']?.v)).toContain('追加行');
  });

  test('missing department, unreadable and unattributable files are reported', () => {
    const s = result.summary;
    expect(s.missing).toEqual([C]);
    expect(s.departments.map((d) => [d.name, d.status, d.files])).toEqual([
      [A, 'submitted', ['子育て支援部_回答.xlsx']],
      [C, 'missing', []],
      [B, 'submitted', ['区)保健福祉部.xlsx']],
      [D, 'submitted', ['子)児童相談所.xlsx']],
    ]);
    expect(s.files.map((f) => [f.file, f.status, f.departmentFrom])).toEqual([
      ['broken.xlsx', 'unreadable', null],
      ['区)保健福祉部.xlsx', 'applied', 'key'],
      ['回答.xlsx', 'unknown-department', null],
      ['子)児童相談所.xlsx', 'applied', 'file-name'],
      ['子育て支援部_回答.xlsx', 'applied', 'key'],
    ]);
    const ア = sheetOf(output, '提言1-ア');
    const r = rowOf(ア, '○複合化');
    expect(String(ア.cells[`G${r}`]?.v)).toContain(`未提出: ${C}`);
    expect(ア.cells[`B${r}`]?.fill).toBe(FILLS.unfilled);
    expect(s.unplaced.map((u) => [u.file, u.sheet, u.cell, u.reason])).toEqual([['子育て支援部_回答.xlsx', '提言1-ア', 'H2', 'outside-table']]);
  });

  test('nothing lost: every non-empty cell is out, unchanged, ours, or listed', () => {
    const c = result.summary.cells;
    expect(c.in).toBe(c.out + c.base + c.control + c.reported);
    // Each "out" cell's text is really in the output at the place it claims.
    const outWb = readWorkbook(result.bytes, 'out.xlsx');
    const outCells = (result.trace ?? []).filter((x) => x.fate === 'out');
    for (const tr of outCells) {
      const sheet = outWb.sheets.find((s) => s.name === tr.at!.sheet)!;
      const [, col, row] = /^([A-Z]+)(\d+)$/.exec(tr.at!.cell)!;
      const colIdx = [...col!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      expect(sheet.rows.get(Number(row) - 1)?.get(colIdx)?.text ?? '').toContain(tr.text);
    }
    expect(outCells.length).toBeGreaterThanOrEqual(15);
  });

  test('the master’s formatting survives', () => {
    for (const name of ['提言1-ア', '提言1-イ']) {
      const m = sheetOf(master, name);
      const o = sheetOf(output, name);
      // The note column (集約メモ) is added only where there is something to note.
      expect(o.widths).toEqual(name === '提言1-ア' ? { ...m.widths, G: 32 } : m.widths);
      expect(o.orientation).toBe(m.orientation);
      expect(o.fitToPage).toBe(m.fitToPage);
      expect(o.printTitles).toBe(m.printTitles);
      expect(o.freeze).toBe(m.freeze);
      expect(o.merges).toEqual(m.merges);
      for (const [ref, mc] of Object.entries(m.cells)) {
        const oc = o.cells[ref]!;
        if (name === '提言1-ア' && Number(ref.slice(1)) >= 8) continue; // below the added row
        expect([ref, oc.font, oc.border, oc.wrap]).toEqual([ref, mc.font, mc.border, mc.wrap]);
        if (oc.fill !== mc.fill) expect([ref, oc.fill]).toEqual([ref, expect.stringMatching(new RegExp(`^(${FILLS.conflict}|${FILLS.unfilled})$`))]);
      }
    }
    const ア = sheetOf(output, '提言1-ア');
    // Validation and conditional format grow over the added row; the print area too.
    expect(ア.validations).toEqual([['list', '"新規,拡充,継続"', 'E4:E8']]);
    expect(ア.conditional).toEqual(['E4:E8']);
    // The print area grows by the added row and takes in the 集約メモ column.
    expect(ア.printArea).toEqual(['$A$1:$G$8']);
    expect(sheetOf(output, '提言1-イ').validations).toEqual(sheetOf(master, '提言1-イ').validations);
  });

  test('a 集約結果 sheet opens first and lists each item with its sheet and cell', () => {
    // The record for a later run on this output stays out of sight.
    expect(output.sheets.map((s) => [s.name, s.state])).toEqual([['提言1-ア', 'visible'], ['提言1-イ', 'visible'], ['集約結果', 'visible'], ['_shinchoku_集約', 'veryHidden']]);
    const s = sheetOf(output, '集約結果');
    const values = Object.values(s.cells).map((c) => String(c.v ?? ''));
    expect(values).toContain('競合');
    expect(values).toContain('担当外の変更');
    expect(values).toContain('未提出');
    expect(values).toContain('B6');
  });

  test('each phase reports its time once, in order (what npm run bench breaks down)', () => {
    const phases: [string, number][] = [];
    const sources = splitFiles.files.map((f) => ({ name: f.name, bytes: f.bytes }));
    consolidate(masterBytes, sources, defaultConfig(), { masterName: 'master.xlsx', onPhase: (p, ms) => phases.push([p, ms]) });
    expect(phases.map(([p]) => p)).toEqual(['master', 'read', 'validate', 'merge', 'write', 'account', 'output']);
    expect(phases.every(([, ms]) => Number.isFinite(ms) && ms >= 0)).toBe(true);
  });

  test('same inputs give the same bytes', () => {
    const sources = fs.readdirSync(path.join(dir, 'back')).filter((f) => f.endsWith('.xlsx')).sort().map((f) => source(path.join(dir, 'back', f)));
    const again = consolidate(masterBytes, sources, defaultConfig(), { masterName: 'master.xlsx', outputName: 'out.xlsx' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(result.bytes))).toBe(true);
    // The trace (asked for above) changes nothing written, and is not built unless asked for.
    expect(result.trace?.length).toBe(result.summary.cells.in);
    expect(again.trace).toBeUndefined();
  });

  test('grids given instead of bytes (the page keeps them) come out as they went in', () => {
    // Answers hold the returned files' own cells: consolidating must never change them, or the
    // page's next run (and its findings list) would see another file.
    const files = fs.readdirSync(path.join(dir, 'back')).filter((f) => f.endsWith('.xlsx')).sort();
    const sources: Source[] = files.map((f) => {
      const bytes = fs.readFileSync(path.join(dir, 'back', f));
      // As the page does: a file it could not read goes as bytes alone (named in the summary).
      try {
        return { name: f, bytes, workbook: readWorkbook(bytes, f) };
      } catch {
        return { name: f, bytes };
      }
    });
    expect(sources.filter((s) => s.workbook).length).toBeGreaterThan(3);
    const before = sources.map((s) => structuredClone(s.workbook));
    const first = consolidate(masterBytes, sources, defaultConfig(), { masterName: 'master.xlsx', outputName: 'out.xlsx' });
    const second = consolidate(masterBytes, sources, defaultConfig(), { masterName: 'master.xlsx', outputName: 'out.xlsx' });
    expect(result.summary.conflicts.length).toBeGreaterThan(0);
    expect(sources.map((s) => s.workbook)).toEqual(before);
    expect(Buffer.from(first.bytes).equals(Buffer.from(result.bytes))).toBe(true);
    expect(Buffer.from(second.bytes).equals(Buffer.from(result.bytes))).toBe(true);
  });

  test('returned workbooks are validated and the findings summarised', () => {
    const f = result.summary.findings;
    expect(f.length).toBeGreaterThan(0);
    expect(f.every((x) => x.file && x.sheet && /^[A-Z]+\d+$/.test(x.cell) && x.message)).toBe(true);
    // A file nobody can be told from is checked whole; D's whole copy only on D's own rows
    // (the other departments' empty rows in it are not D's findings).
    expect(f.some((x) => x.file === '回答.xlsx' && x.rule === 'required')).toBe(true);
    expect(f.filter((x) => x.file === '子)児童相談所.xlsx')).toEqual([]);
    expect(f.filter((x) => x.file === '子育て支援部_回答.xlsx')).toEqual([]);
  });
});

describe('late answers consolidated into the output', () => {
  let late: ConsolidateResult;
  let output2: { sheets: InspectedSheet[] };

  beforeAll(() => {
    // 総務部 answers after the first run, in a copy of that run's output, and the secretariat
    // consolidates it into the same output (the add-in's 集約 on the open master does this).
    const first = path.join(dir, 'out.xlsx');
    const row = rowOf(sheetOf(output, '提言1-ア'), '○複合化');
    const file = path.join(dir, 'late', '保)総務部.xlsx');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fill(dir, [{ in: first, out: file, steps: [{ sheet: '提言1-ア', set: { [`B${row}`]: 'C: 遅れて記入した取組状況' } }] }]);
    late = consolidate(fs.readFileSync(first), [source(file)], defaultConfig(), { masterName: 'out.xlsx', outputName: 'out2.xlsx' });
    fs.writeFileSync(path.join(dir, 'out2.xlsx'), late.bytes);
    output2 = inspect(path.join(dir, 'out2.xlsx'));
  });

  test('departments taken before are not missing; the late one is taken', () => {
    expect(late.summary.missing).toEqual([]);
    expect(late.summary.departments.map((d) => [d.name, d.status, d.files])).toEqual([
      [A, 'earlier', ['子育て支援部_回答.xlsx']],
      [C, 'submitted', ['保)総務部.xlsx']],
      [B, 'earlier', ['区)保健福祉部.xlsx']],
      [D, 'earlier', ['子)児童相談所.xlsx']],
    ]);
    expect(late.summary.unfilled).toEqual([]);
    const ア = sheetOf(output2, '提言1-ア');
    const r = rowOf(ア, '○複合化');
    expect(ア.cells[`B${r}`]?.v).toBe('C: 遅れて記入した取組状況');
    // The unfilled mark comes off: the cell looks as it did in the master.
    const before = sheetOf(master, '提言1-ア').cells[`B${rowOf(sheetOf(master, '提言1-ア'), '○複合化')}`]!;
    expect(ア.cells[`B${r}`]?.fill ?? null).toBe(before.fill ?? null);
    expect(sheetOf(output, '提言1-ア').cells[`B${r}`]?.fill).toBe(FILLS.unfilled);
  });

  test('one 集約結果 and one 集約メモ column: replaced, not added again', () => {
    expect(output2.sheets.map((s) => [s.name, s.state])).toEqual(output.sheets.map((s) => [s.name, s.state]));
    const ア = sheetOf(output2, '提言1-ア');
    const notes = Object.entries(ア.cells).filter(([, c]) => c.v === '集約メモ').map(([ref]) => ref);
    expect(notes).toEqual(['G3']);
    const r = rowOf(ア, '○複合化');
    // Who had not answered is said afresh; the first run's conflict and added row stay noted.
    expect(String(ア.cells[`G${r}`]?.v ?? '')).not.toContain('未提出');
    expect(String(ア.cells['G6']?.v)).toContain('競合');
    expect(String(ア.cells['G8']?.v)).toContain('追加行');
    // So do their colours, within the round.
    expect([ア.cells['B6']?.fill, ア.cells['A8']?.fill]).toEqual(['FFF8CBAD', 'FFE2EFDA']);
    // No department is 未提出 any more: the count beside the label says 0.
    const summary = sheetOf(output2, '集約結果').cells;
    const values = Object.values(summary).map((c) => String(c.v ?? ''));
    expect(values).toContain('前回までに反映');
    const missing = Object.entries(summary).filter(([, c]) => c.v === '未提出').map(([ref]) => ref);
    expect(missing.map((ref) => summary[ref.replace(/^A/, 'B')]?.v)).toEqual([0]);
  });

  test('the mark comes off an output LibreOffice saved in between (its formats renumbered)', () => {
    const resaved = libreOfficeResave(path.join(dir, 'out.xlsx'), path.join(dir, 'lo-out'));
    const res = consolidate(fs.readFileSync(resaved), [source(path.join(dir, 'late', '保)総務部.xlsx'))], defaultConfig(), { masterName: 'out.xlsx' });
    const file = path.join(dir, 'out-lo2.xlsx');
    fs.writeFileSync(file, res.bytes);
    const ア = sheetOf(inspect(file), '提言1-ア');
    const r = rowOf(ア, '○複合化');
    const before = sheetOf(master, '提言1-ア').cells[`B${rowOf(sheetOf(master, '提言1-ア'), '○複合化')}`]!;
    expect([ア.cells[`B${r}`]?.v, ア.cells[`B${r}`]?.fill ?? null]).toEqual(['C: 遅れて記入した取組状況', before.fill ?? null]);
    // The resaved first output did carry the mark.
    expect(sheetOf(inspect(resaved), '提言1-ア').cells[`B${r}`]?.fill).toBe(FILLS.unfilled);
    expect(res.summary.departments.filter((d) => d.status === 'earlier').map((d) => d.name)).toEqual([A, B, D]);
  });

  test('split warns while the 集約結果 is there; deleting it starts a new round', () => {
    const first = path.join(dir, 'out.xlsx');
    const again = split(fs.readFileSync(first), defaultConfig(), { masterName: 'out.xlsx' });
    expect(again.earlierSummary).toBe('集約結果');
    // A section's copy carries neither the secretariat's summary nor its record.
    const copy = path.join(dir, 'split-again.xlsx');
    fs.writeFileSync(copy, again.files.find((f) => f.department === C)!.bytes);
    const sheets = inspect(copy).sheets;
    expect(sheets.filter((s) => s.state === 'visible').map((s) => s.name)).toEqual(['提言1-ア']);
    expect(sheets.map((s) => s.name).filter((n) => n.startsWith('集約結果') || n.startsWith('_shinchoku_集約'))).toEqual([]);
    expect(inspect(first).sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['集約結果', '_shinchoku_集約']));
    // Nor the 集約メモ column's notes: the column stays, empty and hidden.
    const mine = sheetOf({ sheets }, '提言1-ア');
    const notes = Object.entries(mine.cells).filter(([, c]) => typeof c.v === 'string' && /^(集約メモ|競合|未提出|追加行)/.test(c.v));
    expect(notes).toEqual([]);
    expect(mine.hiddenCols).toContain('G');
    expect(String(sheetOf(inspect(first), '提言1-ア').cells['G3']?.v)).toBe('集約メモ');
    const fresh = path.join(dir, 'new-round.xlsx');
    py('drop-sheet', first, '集約結果', fresh);
    expect(split(fs.readFileSync(fresh), defaultConfig(), { masterName: 'new-round.xlsx' }).earlierSummary).toBeUndefined();
    const next = consolidate(fs.readFileSync(fresh), [source(path.join(dir, 'late', '保)総務部.xlsx'))], defaultConfig(), { masterName: 'new-round.xlsx' });
    // Nobody counts as answered from the last round: the others are missing again.
    expect(next.summary.departments.map((d) => [d.name, d.status])).toEqual([[A, 'missing'], [C, 'submitted'], [B, 'missing'], [D, 'missing']]);
    // The 集約メモ column serves again, without the last round's notes.
    const file = path.join(dir, 'new-round-out.xlsx');
    fs.writeFileSync(file, next.bytes);
    const ア = sheetOf(inspect(file), '提言1-ア');
    expect(Object.entries(ア.cells).filter(([, c]) => c.v === '集約メモ').map(([ref]) => ref)).toEqual(['G3']);
    expect(String(ア.cells['G6']?.v)).not.toContain('競合');
    expect(String(ア.cells['G6']?.v)).toContain('未提出');
    // Last round's conflict and added-row colours go with it, as its notes do (B6 is unfilled
    // again: its departments have not answered this round).
    const m = sheetOf(master, '提言1-ア');
    expect([ア.cells['B6']?.fill ?? null, ア.cells['A8']?.fill ?? null]).toEqual([FILLS.unfilled, m.cells['A7']?.fill ?? null]);
    expect([sheetOf(output, '提言1-ア').cells['B6']?.fill, sheetOf(output, '提言1-ア').cells['A8']?.fill]).toEqual(['FFF8CBAD', 'FFE2EFDA']);
  });

  test.each(['提言1-ア', '記入上の注意'])('a record edited to name %s as its 集約結果 replaces nothing', (sheet) => {
    const forged = path.join(dir, 'forged.xlsx');
    const notes = sheet === '提言1-ア' ? [] : [{ sheet, set: { A1: '記入上の注意', A2: '取組状況は具体的に書いてください' } }];
    fill(dir, [{ in: path.join(dir, 'out.xlsx'), out: forged, steps: [...notes, { sheet: '_shinchoku_集約', set: { B2: sheet } }] }]);
    const res = consolidate(fs.readFileSync(forged), [source(path.join(dir, 'late', '保)総務部.xlsx'))], defaultConfig(), { masterName: 'forged.xlsx' });
    const file = path.join(dir, 'forged-out.xlsx');
    fs.writeFileSync(file, res.bytes);
    const got = inspect(file);
    expect(got.sheets.map((s) => s.name)).toEqual(['提言1-ア', '提言1-イ', '集約結果', '_shinchoku_集約', ...(notes.length ? ['記入上の注意'] : []), '集約結果2']);
    expect(sheetOf(got, '提言1-ア').cells['A3']?.v).toBe('取組内容');
    if (notes.length) expect(sheetOf(got, '記入上の注意').cells['A2']?.v).toBe('取組状況は具体的に書いてください');
    expect(res.summary.departments.map((d) => d.status)).not.toContain('earlier');
  });

  test('a department taken before that now sends a broken file: noted, its answer kept', () => {
    const broken = path.join(dir, 'late-broken', '子育て支援部_再送.xlsx');
    fs.mkdirSync(path.dirname(broken), { recursive: true });
    fs.writeFileSync(broken, Buffer.from('PK\u0003\u0004 cut short', 'latin1'));
    const res = consolidate(fs.readFileSync(path.join(dir, 'out.xlsx')), [source(broken)], defaultConfig(), { masterName: 'out.xlsx' });
    expect(res.summary.departments.find((d) => d.name === A)?.status).toBe('unusable');
    expect(res.summary.unfilled.filter((u) => u.department === A)).toEqual([]);
    const file = path.join(dir, 'late-broken-out.xlsx');
    fs.writeFileSync(file, res.bytes);
    const ア = sheetOf(inspect(file), '提言1-ア');
    const r = rowOf(ア, '○アセスメント');
    expect(ア.cells[`B${r}`]?.v).toBe('=Aが等号で始めた記載');
    expect(ア.cells[`B${r}`]?.fill ?? null).toBe(sheetOf(output, '提言1-ア').cells[`B${r}`]?.fill ?? null);
    expect(String(ア.cells[`G${r}`]?.v)).toContain(`ファイルに不備があり未反映: ${A}`);
  });

  test('the same late answer again gives the same bytes', () => {
    const again = consolidate(fs.readFileSync(path.join(dir, 'out.xlsx')), [source(path.join(dir, 'late', '保)総務部.xlsx'))], defaultConfig(), { masterName: 'out.xlsx', outputName: 'out2.xlsx' });
    expect(Buffer.from(again.bytes).equals(Buffer.from(late.bytes))).toBe(true);
  });
});
