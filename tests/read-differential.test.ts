// The two readers against each other on every workbook in the repository: the XML scanner
// (.xlsx/.xlsm) and SheetJS must give each cell the same display text, value and type. The
// only differences allowed are the documented ones, each named below.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Cell, Workbook } from '../lib/grid';
import { readWorkbook } from '../lib/read/workbook';

const ROOT = path.join(__dirname, '..');
const DIRS = ['seeds', 'seeds/libreoffice', 'tests/fixtures/hostile/files'];

function files(): string[] {
  const out: string[] = [];
  for (const d of DIRS) {
    for (const f of fs.readdirSync(path.join(ROOT, d))) if (/\.xls[xm]$/.test(f) && f.startsWith('ok.')) out.push(path.join(d, f));
  }
  return out.sort();
}

function cells(wb: Workbook): Map<string, Cell> {
  const out = new Map<string, Cell>();
  for (const s of wb.sheets) s.rows.forEach((row, r) => row.forEach((c, col) => out.set(`${s.name}!${r}:${col}`, c)));
  return out;
}

/**
 * Documented differences: SheetJS drops a formula cell whose result was not saved (the XML
 * reader keeps it empty with its formula, which validate reports as formula-no-value).
 */
function documented(a: Cell | undefined, b: Cell | undefined): boolean {
  const only = a ?? b!;
  return (a === undefined || b === undefined) && only.formula !== undefined && only.text === '';
}

const list = files();

test('the repository holds workbooks to compare', () => {
  expect(list.length).toBeGreaterThanOrEqual(15);
});

test.each(list)('%s: both readers read every cell alike', (file) => {
  const bytes = new Uint8Array(fs.readFileSync(path.join(ROOT, file)));
  const xml = cells(readWorkbook(bytes, file, { reader: 'xml' }));
  const sj = cells(readWorkbook(bytes, file, { reader: 'sheetjs' }));
  const diffs: string[] = [];
  for (const k of new Set([...xml.keys(), ...sj.keys()])) {
    const a = xml.get(k);
    const b = sj.get(k);
    if (a && b && a.text === b.text && a.value === b.value && (a.type ?? 's') === (b.type ?? 's')) continue;
    if (documented(a, b)) continue;
    diffs.push(`${k}: xml ${JSON.stringify(a)} sheetjs ${JSON.stringify(b)}`);
  }
  expect(diffs.slice(0, 5)).toEqual([]);
});

test('numbers in every kind of format read alike, as Excel shows them', () => {
  const XLSX = require('xlsx') as typeof import('xlsx'); // eslint-disable-line @typescript-eslint/no-require-imports -- test only
  const ws: import('xlsx').WorkSheet = { '!ref': 'A1:A9' };
  const put = (r: number, v: number, z: string | number): void => {
    ws[`A${r}`] = { t: 'n', v, z };
  };
  put(1, 1234567, '#,##0');
  put(2, 0.5, '0%');
  put(3, 45748, 'm/d/yyyy');
  // SSF's code for built-in 14: SheetJS writes it as numFmtId 14, shown the Japanese way.
  put(4, 45748, 'm/d/yy');
  put(5, 1 / 3, 'General');
  put(6, 0, '0;-0;;@');
  put(7, 1500, '"¥"#,##0');
  put(8, 0.5625, 'h:mm');
  put(9, 7, '000');
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, 'S');
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
  const xml = readWorkbook(bytes, 'typed.xlsx', { reader: 'xml' }).sheets[0]!;
  const sj = readWorkbook(bytes, 'typed.xlsx', { reader: 'sheetjs' }).sheets[0]!;
  const shown = (s: typeof xml): string[] => [...Array(9).keys()].map((r) => s.rows.get(r)?.get(0)?.text ?? '');
  expect(shown(xml)).toEqual(['1,234,567', '50%', '4/1/2025', '2025/4/1', '0.333333333', '', '¥1,500', '13:30', '007']);
  expect(shown(sj)).toEqual(shown(xml));
  expect(xml.rows.get(2)?.get(0)).toMatchObject({ value: 45748, type: 'd', format: 'm/d/yyyy' });
});
