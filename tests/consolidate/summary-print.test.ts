// The 集約結果 sheet as a secretariat prints it, read back by openpyxl: numbers stored as
// numbers, file names without their folder, the detail header repeated on printed pages.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';
import { consolidate } from '../../lib/consolidate/consolidate';
import { MARK_FILLS as FILLS } from '../../lib/plan';
import { shortFileNames, summarySheet } from '../../lib/consolidate/summary-sheet';
import { defaultConfig } from '../../lib/config';
import { consolidate as t } from '../../lib/locale/ja/consolidate';
import { format } from '../../lib/locale/ja/format';
import { glossary } from '../../lib/locale/ja/glossary';
import { SUMMARY_SHEET } from '../../lib/marks';
import { XlsxEditor } from '../../lib/ooxml/workbook';
import { inspect, sheetOf, tmpDir } from './helpers';

const quiet: Io = { out: () => undefined, err: () => undefined, progress: () => undefined, progressDone: () => undefined };
const SEED = path.join(__dirname, '../../seeds/ok.teigen-progress.xlsx');

let dir: string;
let out: string;
let titles: string;

beforeAll(() => {
  dir = tmpDir('summary-print');
  const dist = path.join(dir, '配布');
  const back = path.join(dir, '返送');
  expect(main(['split', SEED, '-o', dist], quiet)).toBe(0);
  fs.mkdirSync(back);
  // Two sections return their workbooks untouched; the others stay silent.
  const sent = fs.readdirSync(dist).sort().slice(0, 2);
  for (const f of sent) fs.copyFileSync(path.join(dist, f), path.join(back, f));
  const sources = sent.map((f) => ({ name: path.join(back, f), bytes: new Uint8Array(fs.readFileSync(path.join(back, f))) }));
  const r = consolidate(new Uint8Array(fs.readFileSync(SEED)), sources, defaultConfig());
  // What consolidate.ts is asked to do after adding the sheet (see the round's report).
  const ed = new XlsxEditor(r.bytes);
  titles = summarySheet(r.summary, ed.styles).printTitles;
  ed.setPrintTitles(SUMMARY_SHEET, titles);
  out = path.join(dir, '集約.xlsx');
  fs.writeFileSync(out, ed.toBytes());
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('counts and row numbers are numeric cells, labelled with the glossary', () => {
  const s = sheetOf(inspect(out), SUMMARY_SHEET);
  const label = (text: string): string => Object.entries(s.cells).find(([, c]) => c.v === text)![0];
  const right = (ref: string): string => ref.replace(/^A/, 'B');
  expect(s.cells[right(label(glossary.missing))]).toMatchObject({ v: 7, t: 'n' });
  expect(s.cells[right(label(glossary.submitted))]).toMatchObject({ v: 2, t: 'n' });
  expect(s.cells[right(label('部署'))]).toMatchObject({ v: 9, t: 'n' });
  // 反映行数 of every department row: a number, never text.
  const rowsTaken = Object.entries(s.cells).filter(([ref]) => /^D\d+$/.test(ref)).map(([, c]) => c);
  expect(rowsTaken.filter((c) => typeof c.v === 'number').length).toBe(9);
  expect(rowsTaken.filter((c) => typeof c.v === 'string' && /^\d+$/.test(c.v))).toEqual([]);
});

test('files are named without their folder; the folder is said once', () => {
  const s = sheetOf(inspect(out), SUMMARY_SHEET);
  const texts = Object.values(s.cells).map((c) => String(c.v ?? ''));
  const back = path.join(dir, '返送');
  expect(texts.filter((x) => x.includes(back))).toEqual([format(t.summaryFolder, { folders: back })]);
  expect(texts.some((x) => /^.+\.xlsx$/.test(x) && !x.includes('/'))).toBe(true);
});

test('the detail header repeats on every printed page, and name columns fit their names', () => {
  const s = sheetOf(inspect(out), SUMMARY_SHEET);
  expect(titles).toMatch(/^\$\d+:\$\d+$/);
  expect(s.printTitles).toBe(titles);
  const row = titles.slice(1, titles.indexOf(':'));
  expect(s.cells[`A${row}`]?.v).toBe(t.summaryDetailHeader[0]);
  expect(s.orientation).toBe('landscape');
  // 保) ウェルネス推進部 and its file name stay on one line.
  expect(s.widths['A']).toBeGreaterThanOrEqual(20);
  expect(s.widths['C']).toBeGreaterThanOrEqual(24);
});

test('the legend shows the colours the report sheets use', () => {
  const s = sheetOf(inspect(out), SUMMARY_SHEET);
  const fills = Object.values(s.cells).map((c) => c.fill);
  for (const argb of Object.values(FILLS)) expect(fills).toContain(argb);
  const texts = Object.values(s.cells).map((c) => String(c.v ?? ''));
  expect(texts).toContain(t.summaryLegend['unfilled']);
  expect(texts.some((x) => x.includes(glossary.unchanged))).toBe(true);
});

test('setPrintTitles replaces the sheet\'s earlier titles and leaves other names', () => {
  const ed = new XlsxEditor(new Uint8Array(fs.readFileSync(out)));
  ed.setPrintTitles(SUMMARY_SHEET, '$3:$3');
  const wb = ed.pkg.read(ed.wb);
  const index = ed.sheets.find((x) => x.name === SUMMARY_SHEET)!.index;
  const own = [...wb.matchAll(new RegExp(`<definedName name="_xlnm\\.Print_Titles" localSheetId="${index}">([^<]*)<`, 'g'))].map((m) => m[1]);
  expect(own).toEqual([`'${SUMMARY_SHEET}'!$3:$3`]);
});

test('shortFileNames keeps the path of a name two folders share', () => {
  const f = shortFileNames(['/a/x.xlsx', '/b/x.xlsx', 'C:\\回答\\y.xlsx']);
  expect(f.folders).toEqual(['/a', '/b', 'C:\\回答']);
  expect(f.name('/a/x.xlsx')).toBe('/a/x.xlsx');
  expect(f.name('C:\\回答\\y.xlsx')).toBe('y.xlsx');
});
