// The reader hands SheetJS only the parts the grid needs (no theme, properties, pictures…).
// Whatever it leaves out, every cell must come out as SheetJS reads it from the whole file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { readWorkbook } from '../lib/read/workbook';
import { isIgnoredPart, openZip } from '../lib/ooxml/zip';
import { Package } from '../lib/ooxml/package';

const ROOT = path.join(__dirname, '..');
const files = [
  ...fs.readdirSync(path.join(ROOT, 'seeds')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'seeds', f)),
  ...fs.readdirSync(path.join(ROOT, 'seeds', 'libreoffice')).filter((f) => f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'seeds', 'libreoffice', f)),
  ...fs.readdirSync(path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files')).filter((f) => f.startsWith('ok.') && f.endsWith('.xlsx')).map((f) => path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files', f)),
];

/** Every non-empty cell as `sheet!r,c=text`, read by SheetJS from the untouched file. */
function sheetjsCells(bytes: Uint8Array): string[] {
  const wb = XLSX.read(bytes, { type: 'array', dense: true, cellFormula: true, cellHTML: false });
  const out: string[] = [];
  for (const name of wb.SheetNames) {
    const data = (wb.Sheets[name] as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
    data.forEach((row, r) => row?.forEach((c, col) => {
      if (!c || c.t === 'z') return;
      const text = c.t === 's' ? String(c.v ?? '') : (c.w ?? String(c.v ?? ''));
      if (text !== '') out.push(`${name}!${r},${col}=${text}`);
    }));
  }
  return out.sort();
}

function ourCells(bytes: Uint8Array, name: string): string[] {
  const out: string[] = [];
  for (const s of readWorkbook(bytes, name).sheets) for (const [r, row] of s.rows) for (const [c, cell] of row) if (cell.text !== '') out.push(`${s.name}!${r},${c}=${cell.text}`);
  return out.sort();
}

describe('parts handed to SheetJS', () => {
  it('leave out the theme, document properties and calculation chain, keep what cells need', () => {
    expect(['xl/theme/theme1.xml', 'docProps/core.xml', 'docProps/app.xml', 'docProps/custom.xml', 'xl/calcChain.xml', 'customXml/item1.xml', 'xl/media/image1.png'].filter((n) => !isIgnoredPart(n))).toEqual([]);
    const kept = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/_rels/sheet1.xml.rels', 'xl/metadata.xml', 'xl/comments1.xml'];
    expect(kept.filter((n) => isIgnoredPart(n))).toEqual([]);
    const lo = new Uint8Array(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files', 'ok.report-by-libreoffice.xlsx')));
    const names = openZip(lo).files.map((f) => f.name);
    expect(names.some((n) => /theme|docProps/.test(n))).toBe(false);
    expect(names).toContain('xl/workbook.xml');
  });

  it.each(files.map((f) => [path.relative(ROOT, f), f]))('lose no cell: %s', (_name, file) => {
    const bytes = new Uint8Array(fs.readFileSync(file));
    const expected = sheetjsCells(bytes);
    expect(expected.length).toBeGreaterThan(0);
    expect(ourCells(bytes, path.basename(file))).toEqual(expected);
  });
});

describe('parts the XML reader inflates', () => {
  const lo = (): Uint8Array => new Uint8Array(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files', 'ok.report-by-libreoffice.xlsx')));

  it('reading leaves the theme and properties packed, and such a package is never written', () => {
    const read = Package.open(lo(), undefined, { readOnly: true });
    expect(read.names().some((n) => /theme|docProps/.test(n))).toBe(false);
    expect(read.has('xl/workbook.xml')).toBe(true);
    expect(() => read.toBytes()).toThrow(/reading only/);
  });

  it('the writer still carries every part into its output', () => {
    const all = Package.open(lo());
    expect(all.names().filter((n) => /theme|docProps/.test(n)).length).toBeGreaterThan(0);
    expect(Package.open(all.toBytes()).names()).toEqual(all.names());
  });
});
