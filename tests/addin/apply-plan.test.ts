// 集約 in the pane applies the plan consolidate() returns, through Office.js: afterwards the open
// workbook holds, cell by cell, what the CLI's output file holds (value, type, number format,
// formula), and only the planned cells were written.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyPlan, digitWidth, extendedArea, noteRuns, officeFill, rgb, widthPoints } from '../../addin/office/apply-plan';
import { emptyPlan, MARK_FILLS } from '../../lib/plan';
import { setExcelRun } from '../../addin/office/run';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { a1, colName, type Cell, type Workbook } from '../../lib/grid';
import { XlsxEditor } from '../../lib/ooxml/workbook';
import { readWorkbook } from '../../lib/read/workbook';
import { parseWorkbook } from '../../lib/report';
import { FakeExcel } from './fake-excel';
import { officeErrorMessage } from '../../addin/taskpane/app-office';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';

const config = defaultConfig();
const SEED = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

/** The open workbook as Excel holds it: raw values, formulas and number formats. */
function openInFake(wb: Workbook, api: number, digitWidth?: number): FakeExcel {
  const fake = new FakeExcel({ api, ...(digitWidth !== undefined ? { digitWidth } : {}) });
  for (const s of wb.sheets) {
    const fs_ = fake.addSheet(s.name);
    for (const [r, row] of s.rows) {
      for (const [c, cell] of row) {
        const k = `${r},${c}`;
        if (cell.value !== null && cell.value !== '') fs_.cells.set(k, cell.value as string | number | boolean);
        if (cell.formula !== undefined) fs_.formulas.set(k, `=${cell.formula}`);
        if (cell.format !== undefined && cell.format !== 'General') fs_.numFmts.set(k, cell.format);
      }
    }
  }
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  return fake;
}

/** What a cell shows Office.js: value, formula, number format. */
function officeView(cell: Cell | undefined): [unknown, string | undefined, string] {
  const v = cell?.value ?? '';
  return [v === null ? '' : v, cell?.formula !== undefined ? `=${cell.formula}` : undefined, cell?.format ?? 'General'];
}

/** A master with typed cells, and one department's answers, typed too. */
function round(): { master: Uint8Array; answer: { name: string; bytes: Uint8Array } } {
  const ed = new XlsxEditor(SEED);
  const sx = ed.sheet('提言1-ア');
  sx.setValue(16, 2, 1234567, ed.styles.derive(sx.styleAt(16, 2), { numFmt: '#,##0' }));
  sx.setFormula(16, 3, 'LEN(A17)', 3, ed.styles.derive(sx.styleAt(16, 3), { numFmt: '0"件"' }));
  sx.setValue(17, 2, 45748, ed.styles.derive(sx.styleAt(17, 2), { numFmt: 'yyyy/m/d' }));
  const master = ed.toBytes();
  // The first section file with a row on 提言1-ア: a number in its format, and a new text.
  const files = split(master, config).files;
  for (const f of files) {
    const parsed = parseWorkbook(readWorkbook(f.bytes, f.name), config);
    const rs = parsed.reports.find((x) => x.sheet.name === '提言1-ア');
    if (!rs || rs.rows.length < 2) continue;
    const prog = rs.type.columns.filter((c) => c.progress).map((c) => c.key);
    const [c1, c2] = prog.map((k) => rs.rows[0]!.cells.get(k)).filter((x) => x !== undefined);
    if (!c1 || !c2) continue;
    const fe = new XlsxEditor(f.bytes);
    const fx = fe.sheet('提言1-ア');
    fx.setValue(c1.r, c1.c, 0.75, fe.styles.derive(fx.styleAt(c1.r, c1.c), { numFmt: '0%' }));
    fx.setText(c2.r, c2.c, '=研修を3回実施した（式ではなく文）', fx.styleAt(c2.r, c2.c));
    return { master, answer: { name: f.name, bytes: fe.toBytes() } };
  }
  throw new Error('no section file with two progress cells on 提言1-ア');
}

test.each([12, 13, 17])('the open master after 集約 equals the CLI output, cell by cell (ExcelApi 1.%i)', async (api) => {
  const { master, answer } = round();
  const result = consolidate(master, [answer], config, { masterName: 'master.xlsx' });
  const fake = openInFake(readWorkbook(master, 'master.xlsx'), api);
  fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: [] }));
  const writes = fake.writes;
  const rep = await applyPlan(result.plan, result.bytes);
  const planned = result.plan.cells.filter((x) => x.value !== undefined);
  expect(rep.cells).toBe(planned.length);
  expect(planned.some((x) => x.role === 'answer')).toBe(true);
  const out = readWorkbook(result.bytes, 'out.xlsx');
  const differ: string[] = [];
  for (const os of out.sheets) {
    if (!result.plan.cells.some((x) => x.sheet === os.name)) continue;
    const fsheet = fake.sheet(os.name);
    const keys = new Set([...fsheet.cells.keys(), ...[...os.rows].flatMap(([r, row]) => [...row.keys()].map((c) => `${r},${c}`))]);
    for (const k of keys) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      const want = officeView(os.rows.get(r)?.get(c));
      const v = fsheet.cells.get(k);
      const got = [fsheet.formulas.has(k) ? want[0] : (v ?? ''), fsheet.formulas.get(k), fsheet.numFmts.get(k) ?? 'General'];
      if (JSON.stringify(got) !== JSON.stringify(want)) differ.push(`${os.name}!${a1(r, c)}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
    }
  }
  expect(differ).toEqual([]);
  // The section's text that starts with "=" is text, its 75% a number, the master's formula kept.
  const sheet = fake.sheet('提言1-ア');
  expect([...sheet.cells.values()]).toContain('=研修を3回実施した（式ではなく文）');
  expect([...sheet.cells.values()]).toContain(0.75);
  expect(sheet.formulas.get('16,3')).toBe('=LEN(A17)');
  expect(fake.writes - writes).toBeGreaterThan(0);
});

test('a width in the file\'s characters becomes the points Excel lays it out at (ECMA-376 §18.3.1.13)', () => {
  // The standard's own example: 8 characters of Calibri 11 are stored as 8.7109375, 61 px.
  expect(widthPoints(8.7109375, 7)).toBe(61 * 0.75);
  // The CLI's 集約メモ width (32): 224 px in Calibri 11, 256 px in 游ゴシック 11.
  expect([widthPoints(32, 7), widthPoints(32, 8)]).toEqual([168, 192]);
  // Standard widths as Excel shows them, with a standard column's points.
  expect([digitWidth(8.43, 48), digitWidth(8.38, 54), digitWidth(null, 48), digitWidth(8.43, null), digitWidth(8.43, 9000)]).toEqual([7, 8, 7, 7, 7]);
});

test('the 集約メモ column is as wide as in the CLI\'s file whatever the Normal font (游ゴシック in Japanese Excel)', async () => {
  const { master, answer } = round();
  const result = consolidate(master, [answer], config, { masterName: 'master.xlsx' });
  const col = result.plan.columns.find((w) => w.sheet === '提言1-ア')!;
  for (const [mdw, px] of [[7, 224], [8, 256]] as const) {
    const fake = openInFake(readWorkbook(master, 'master.xlsx'), 13, mdw);
    fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: [] }));
    await applyPlan(result.plan, result.bytes);
    expect([mdw, fake.sheet('提言1-ア').colWidths.get(col.c)]).toEqual([mdw, px * 0.75]);
  }
  // What Excel does with the CLI's <col width="32">, for the same fonts.
  const xml = new XlsxEditor(result.bytes).sheet('提言1-ア').columnWidth(col.c);
  expect(xml).toBe(col.width);
});

test('集約 in the pane gives the sheets the CLI output\'s look: 集約メモ wrapped, bordered, wide, printed; rows grown', async () => {
  const { master, answer } = round();
  const result = consolidate(master, [answer], config, { masterName: 'master.xlsx' });
  const fake = openInFake(readWorkbook(master, 'master.xlsx'), 13);
  fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: [] }));
  const sheet = fake.sheet('提言1-ア');
  sheet.printArea = '$A$1:$F$60';
  // A row already taller than the plan asks keeps its height.
  const tall = result.plan.heights.find((h) => h.sheet === '提言1-ア')!;
  sheet.rowHeights.set(tall.r, tall.points + 50);
  await applyPlan(result.plan, result.bytes);
  const plan = result.plan;
  const col = plan.columns.find((w) => w.sheet === '提言1-ア')!;
  expect(col).toBeDefined();
  expect(sheet.colWidths.get(col.c)).toBe(widthPoints(col.width));
  const notes = plan.cells.filter((x) => x.sheet === '提言1-ア' && x.look === 'note');
  expect(notes.length).toBeGreaterThan(0);
  // Consecutive notes go as one range: its inside lines must border every cell too.
  expect(noteRuns(plan.cells).some((r) => r.sheet === '提言1-ア' && r.rows > 1)).toBe(true);
  for (const x of notes) {
    expect(sheet.wraps.has(`${x.r},${x.c}`)).toBe(true);
    expect([...(sheet.borders.get(`${x.r},${x.c}`) ?? [])].sort()).toEqual(['EdgeBottom', 'EdgeLeft', 'EdgeRight', 'EdgeTop']);
  }
  const heading = plan.cells.find((x) => x.sheet === '提言1-ア' && x.role === 'note-header')!;
  expect(sheet.wraps.has(`${heading.r},${heading.c}`)).toBe(true);
  for (const h of plan.heights.filter((x) => x.sheet === '提言1-ア')) expect(sheet.rowHeights.get(h.r)).toBe(h === tall ? tall.points + 50 : h.points);
  expect(sheet.printArea).toBe(`$A$1:$${colName(col.c)}$60`);
});

test('a CLI output opened in Excel: 集約 of a late answer gives the rows answered now their own fill back', async () => {
  const files = split(SEED, config).files;
  const first = consolidate(SEED, [files[0]!], config, { masterName: 'master.xlsx' });
  const second = consolidate(first.bytes, [files[1]!], config, { masterName: 'master.xlsx' });
  const restores = second.plan.cells.filter((x) => x.restoreFill !== undefined);
  expect(restores.length).toBeGreaterThan(1);
  // The first output as Excel opens it: its values, and its cells' fills as Office.js reads them.
  const fake = openInFake(readWorkbook(first.bytes, 'first.xlsx'), 13);
  fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: [] }));
  const ed = new XlsxEditor(first.bytes);
  for (const x of restores) {
    const color = officeFill(ed.styles.fillOf(ed.sheet(x.sheet).styleAt(x.r, x.c)));
    expect(color).toBe(rgb(MARK_FILLS.unfilled).toUpperCase());
    fake.sheet(x.sheet).fills.set(`${x.r},${x.c}`, color!);
  }
  // A colour the secretariat chose since is theirs.
  const [theirs, ...ours] = restores;
  fake.sheet(theirs!.sheet).fills.set(`${theirs!.r},${theirs!.c}`, '#00B050');
  await applyPlan(second.plan, second.bytes);
  for (const x of ours) expect(fake.sheet(x.sheet).fills.get(`${x.r},${x.c}`)).toBe(officeFill(x.restoreFill!) ?? undefined);
  expect(fake.sheet(theirs!.sheet).fills.get(`${theirs!.r},${theirs!.c}`)).toBe('#00B050');
});

test('thousands of 集約メモ cells are laid out in requests under the host\'s limit', async () => {
  const fake = new FakeExcel({ api: 13, requestByteLimit: 20_000 });
  fake.addSheet('提言1-ア');
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  const plan = emptyPlan();
  // Every other row: 3,000 separate ranges, 11 commands each.
  for (let i = 0; i < 3000; i++) plan.cells.push({ sheet: '提言1-ア', r: 10 + 2 * i, c: 7, role: 'note', look: 'note' });
  const syncs = fake.syncs;
  await applyPlan(plan, new Uint8Array(), { requestBytes: 16_000 });
  expect(fake.syncs - syncs).toBeGreaterThan(10);
  const sheet = fake.sheet('提言1-ア');
  expect(sheet.wraps.size).toBe(3000);
  expect([...sheet.borders.values()].every((e) => e.size === 4)).toBe(true);
});

test.each([
  ["'提言1-ア'!$A$1:$F$60", 7, '$A$1:$H$60'],
  ["'提言1-ア'!$A$1:$F$60,'提言1-ア'!$A$70:$J$80", 7, '$A$1:$H$60,$A$70:$J$80'],
  ['Sheet1!A1:Z9', 7, 'A1:Z9'],
  ["'提言1,ア'!$A$1:$F$60, '提言1,ア'!$A$70:$J$80", 7, '$A$1:$H$60,$A$70:$J$80'],
  ["'部長''s'!A1:B2", 3, 'A1:D2'],
])('a print area %s reaches column %i as %s', (address, c, want) => {
  expect(extendedArea(address, c)).toBe(want);
});

test('a protected sheet the plan writes into refuses 集約 before anything is written', async () => {
  const { master, answer } = round();
  const result = consolidate(master, [answer], config, { masterName: 'master.xlsx' });
  const fake = openInFake(readWorkbook(master, 'master.xlsx'), 13);
  fake.sheet('提言1-ア').protected = true;
  const writes = fake.writes;
  const err: unknown = await applyPlan(result.plan, result.bytes).catch((e: unknown) => e);
  expect(err).toMatchObject({ code: 'AccessDenied' });
  expect(fake.writes).toBe(writes);
  // The clerk is told which sheet to unprotect.
  expect(officeErrorMessage(err)).toBe(format(t.protectedSheetNamed, { sheet: '提言1-ア' }));
});

test('text the plan names as text stays text in the open workbook, a plain number\'s digits too ("007" is not 7)', async () => {
  const fake = new FakeExcel({ api: 13 });
  fake.addSheet('提言1-ア');
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  const texts = ['007', '12', '-3.5', '(1)', '=式ではなく文'];
  const plan = emptyPlan();
  texts.forEach((text, i) => plan.cells.push({ sheet: '提言1-ア', r: 15, c: i, role: 'answer', value: { kind: 'text', text } }));
  plan.cells.push({ sheet: '提言1-ア', r: 16, c: 0, role: 'answer', value: { kind: 'number', value: 12 } });
  await applyPlan(plan, new Uint8Array());
  const sheet = fake.sheet('提言1-ア');
  expect(texts.map((_, i) => sheet.cells.get(`15,${i}`))).toEqual(texts);
  expect(sheet.cells.get('16,0')).toBe(12);
});
