// The XML patcher on its own: the row map, references, merges, and a real seed with
// vertically merged 対象職種 cut by split.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { colName } from '../../lib/grid';
import { split } from '../../lib/consolidate/split';
import { readWorkbook } from '../../lib/read/workbook';
import { mapRef, mapSqref, RowMap } from '../../lib/ooxml/rowmap';
import { SheetXml } from '../../lib/ooxml/sheet';
import { mapFormulaRefs } from '../../lib/ooxml/formula';
import { linesFor, textUnits } from '../../lib/ooxml/height';
import { crc32js } from '../../lib/ooxml/package';
import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { strFromU8, unzipSync } from 'fflate';
import { XlsxEditor } from '../../lib/ooxml/workbook';
import { inspect, libreOfficeResave, py, tmpDir } from './helpers';

describe('RowMap', () => {
  const rm = new RowMap([2, 3, 7], new Map([[5, 2]]));
  test('rows shift past deletions and insertions', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8].map((r) => rm.map(r))).toEqual([0, 1, null, null, 2, 3, 6, null, 7]);
    expect(rm.insertedStart(5)).toBe(4);
  });
  test('references and ranges follow; merges do not grow, validations do', () => {
    expect(mapRef('B5', rm, false)).toBe('B3');
    expect(mapRef('$A$1:$F$9', rm, true)).toBe('$A$1:$F$8');
    expect(mapRef('A3:B4', rm, false)).toBe(null);
    expect(mapRef('A5:A6', rm, false)).toBe('A3:A4');
    expect(mapRef('A5:A6', rm, true)).toBe('A3:A6');
    expect(mapRef('E:E', rm, true)).toBe('E:E');
    expect(mapRef('$4:$9', rm, true)).toBe('$3:$8');
    expect(mapSqref('A3 B5:B9 C4', rm, true)).toBe('B3:B8');
  });
});

describe('SheetXml', () => {
  const xml =
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:B4"/><sheetData>' +
    '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2" ht="40" customHeight="1"><c r="A2" s="3" t="inlineStr"><is><t>x</t></is></c><c r="B2" s="4"/></row>' +
    '<row r="3"><c r="A3"><v>3</v></c></row><row r="4"><c r="A4"><f>A3*2</f><v>6</v></c></row></sheetData>' +
    '<mergeCells count="2"><mergeCell ref="A2:A3"/><mergeCell ref="B3:B4"/></mergeCells>' +
    '<dataValidations count="1"><dataValidation type="list" sqref="B2:B4"><formula1>"a,b"</formula1></dataValidation></dataValidations>' +
    '<colBreaks count="1" manualBreakCount="1"><brk id="3" max="1048575" man="1"/></colBreaks></worksheet>';

  test('text is written as an inline string, never a formula, keeping the style', () => {
    const s = new SheetXml(xml);
    s.setText(1, 0, '=SUM(A1:A9)');
    const out = s.toXml();
    expect(out).toContain('<c r="A2" s="3" t="inlineStr"><is><t xml:space="preserve">=SUM(A1:A9)</t></is></c>');
    expect(out).not.toContain('<f>SUM');
  });

  test('deleting a row moves cells, shrinks merges and validations, leaves column breaks', () => {
    const s = new SheetXml(xml);
    s.remap(new RowMap([2]));
    const out = s.toXml();
    expect(out).toContain('<row r="3"><c r="A3"><f>A3*2</f><v>6</v></c></row>');
    expect(out).not.toContain('A2:A3');
    expect(out).not.toContain('<mergeCells');
    expect(out).toMatch(/<dataValidation type="list" sqref="B2:B3">/);
    expect(out).toContain('<brk id="3"');
    expect(out).toContain('<dimension ref="A1:B3"/>');
  });

  test('lists taken from cells and conditional-format formulas follow the rows', () => {
    const withFormulas = xml
      .replace('<dataValidations count="1">', '<conditionalFormatting sqref="A2:A4"><cfRule type="expression" priority="1"><formula>AND($B2&lt;&gt;"",\'S 1\'!$B$4=B$4)</formula></cfRule></conditionalFormatting><dataValidations count="2">')
      .replace('</dataValidations>', '<dataValidation type="list" sqref="A2:A4"><formula1>$C$3:$C$4</formula1></dataValidation></dataValidations>');
    const inserted = new SheetXml(withFormulas);
    inserted.remap(new RowMap([], new Map([[1, 1]])), 'S 1');
    const out = inserted.toXml();
    // Rows below the second move down one; a list source keeps its last row inserted after it.
    expect(out).toContain('<formula>AND($B2&lt;&gt;&quot;&quot;,\'S 1\'!$B$5=B$5)</formula>');
    expect(out).toContain('<formula1>$C$4:$C$5</formula1>');
    expect(out).toContain('<formula1>"a,b"</formula1>');
    // The range's first row removed: the formula is read for the row that moves up into it.
    const firstGone = new SheetXml(withFormulas);
    firstGone.remap(new RowMap([1]), 'S 1');
    expect(firstGone.toXml()).toContain('<formula>AND($B2&lt;&gt;&quot;&quot;,\'S 1\'!$B$3=B$3)</formula>');
    const deleted = new SheetXml(withFormulas);
    deleted.remap(new RowMap([3]), 'S 1');
    expect(deleted.toXml()).toContain('<formula1>$C$3:$C$3</formula1>');
    expect(deleted.toXml()).toContain('<formula>AND($B2&lt;&gt;&quot;&quot;,\'S 1\'!#REF!=#REF!)</formula>');
  });

  test('validations and formats kept in the extension list (Excel 2010+) follow the rows too', () => {
    const ext =
      '<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"><x14:dataValidation type="list" allowBlank="1">' +
      '<x14:formula1><xm:f>リスト!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>B2:B4</xm:sqref></x14:dataValidation></x14:dataValidations></ext>' +
      '<ext uri="{78C0D931-6437-407d-A8EE-F0AAD7539E65}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main">' +
      '<x14:conditionalFormattings><x14:conditionalFormatting xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">' +
      '<x14:cfRule type="expression" priority="2" id="{00000000-0000-0000-0000-000000000001}"><xm:f>$A2=$C$9</xm:f></x14:cfRule>' +
      '<xm:sqref>A2:A4</xm:sqref></x14:conditionalFormatting></x14:conditionalFormattings></ext></extLst>';
    const s = new SheetXml(xml.replace('</worksheet>', `${ext}</worksheet>`));
    s.remap(new RowMap([], new Map([[1, 1]])), 'S');
    const out = s.toXml();
    // Another sheet's list stays; the range grows over the inserted row; own references move.
    expect(out).toContain('<x14:formula1><xm:f>リスト!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>B2:B5</xm:sqref>');
    expect(out).toContain('<xm:f>$A2=$C$10</xm:f></x14:cfRule><xm:sqref>A2:A5</xm:sqref>');
  });

  test('a shared formula (as Excel writes a filled-down block) is given to each cell before rows move', () => {
    const shared =
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
      '<row r="2"><c r="A2"><f t="shared" ref="A2:B5" si="0">C2*2+$D$1</f><v>1</v></c><c r="B2"><f t="shared" si="0"/><v>1</v></c></row>' +
      '<row r="3"><c r="A3"><f t="shared" si="0"/><v>1</v></c></row>' +
      '<row r="4"><c r="A4"><f t="shared" si="0"/><v>1</v></c></row>' +
      '<row r="5"><c r="A5"><f t="shared" si="0"/><v>1</v></c><c r="B5"><f t="shared" si="0"/><v>1</v></c></row>' +
      '</sheetData></worksheet>';
    const s = new SheetXml(shared);
    // A row inserted after row 3, then references moved as consolidate does next.
    const rm = new RowMap([], new Map([[2, 1]]));
    s.remap(rm, 'S');
    s.mapFormulas((f) => mapFormulaRefs(f, 'S', 'S', rm));
    const cells: string[] = [];
    s.forEachCell((r, c, x) => cells.push(`${colName(c)}${r + 1}=${/<f>([^<]*)<\/f>/.exec(x)?.[1] ?? x}`));
    cells.sort();
    // Every cell still computes from its own row: A5 was A4 (C4 → C5), A6 was A5.
    expect(cells).toEqual(['A2=C2*2+$D$1', 'A3=C3*2+$D$1', 'A4=<c r="A4"/>', 'A5=C5*2+$D$1', 'A6=C6*2+$D$1', 'B2=D2*2+$D$1', 'B6=D6*2+$D$1']);
    expect(s.toXml()).not.toContain('t="shared"');
    // On another sheet, a block is split up when a cell of it points at rows that moved,
    // even if its first cell does not; a block pointing elsewhere stays shared.
    const other = new SheetXml(
      '<worksheet><sheetData><row r="2"><c r="A2"><f t="shared" ref="A2:A4" si="0">S!C2</f></c><c r="B2"><f t="shared" ref="B2:B4" si="1">U!C2</f></c></row>' +
        '<row r="3"><c r="A3"><f t="shared" si="0"/></c><c r="B3"><f t="shared" si="1"/></c></row>' +
        '<row r="4"><c r="A4"><f t="shared" si="0"/></c><c r="B4"><f t="shared" si="1"/></c></row></sheetData></worksheet>',
    );
    other.mapFormulas((f) => mapFormulaRefs(f, 'T', 'S', new RowMap([], new Map([[1, 1]]))));
    const xml2 = other.toXml();
    expect([...xml2.matchAll(/<f>([^<]*)<\/f>/g)].map((m) => m[1])).toEqual(['S!C2', 'S!C4', 'S!C5']);
    expect(xml2).toContain('<f t="shared" ref="B2:B4" si="1">U!C2</f>');
  });

  test('an inserted row copies the styles of the row it follows, not its height', () => {
    const s = new SheetXml(xml);
    s.remap(new RowMap([], new Map([[1, 1]])));
    const out = s.toXml();
    expect(out).toContain('<row r="3"><c r="A3" s="3"/><c r="B3" s="4"/></row>');
    expect(out).toContain('<row r="2" ht="40" customHeight="1">');
    expect(out).toMatch(/sqref="B2:B5"/);
  });
});

test('row heights: full-width text needs more lines than the same count of ASCII', () => {
  expect(linesFor('a'.repeat(15), 20)).toBe(1);
  expect(linesFor('あ'.repeat(15), 20)).toBe(2);
  expect(linesFor('a\nb\nc', 50)).toBe(3);
});

test('row heights: the one-pass count equals counting line by line', () => {
  const byLines = (text: string, width: number): number => {
    const usable = Math.max(1, width * 0.97);
    return text.split(/\r?\n/).reduce((n, line) => n + Math.max(1, Math.ceil(textUnits(line) / usable)), 0);
  };
  const unit = fc.constantFrom('a', 'あ', '\n', '\r', '\r\n', '\u{20BB7}', '\ud842', '\udfb7', '　', '—');
  fc.assert(
    fc.property(fc.array(unit, { maxLength: 60 }), fc.constantFrom(0, 3, 8.43, 20, 50), (us, width) => {
      expect(linesFor(us.join(''), width)).toBe(byLines(us.join(''), width));
    }),
    { numRuns: 3000 },
  );
});

test('text width: a character outside the BMP is one wide character, not two', () => {
  expect(textUnits('ab')).toBe(2);
  expect(textUnits('あa')).toBeCloseTo(2.9);
  expect(textUnits('\u{20BB7}')).toBeCloseTo(1.9);
  expect(textUnits('\u{20BB7}\u{20BB7}a')).toBeCloseTo(4.8);
  // A lone surrogate (a broken string) still counts once.
  expect(textUnits('\ud842a')).toBeCloseTo(2.9);
});

test('split of the vision seed: a merged 対象職種 keeps its text on the first kept row', () => {
  const seed = path.join(__dirname, '..', '..', 'seeds', 'ok.vision-progress.xlsx');
  if (!fs.existsSync(seed)) throw new Error(`seed missing: ${seed}`);
  const bytes = fs.readFileSync(seed);
  const res = split(bytes, defaultConfig(), { masterName: 'ok.vision-progress.xlsx' });
  const master = readWorkbook(bytes, 'm');
  const masterMerges = master.sheets[0]!.merges.filter((m) => m.e.r > m.s.r && m.s.c === 0);
  expect(masterMerges.length).toBeGreaterThan(0);
  // Every file: every data row has its 対象職種, either in its own cell or through a merge.
  for (const f of res.files) {
    const wb = readWorkbook(f.bytes, f.name);
    for (const sheet of wb.sheets.filter((s) => !s.hidden && /^分類/.test(s.name))) {
      const header = [...sheet.rows.entries()].find(([, row]) => row.get(0)?.text === '対象職種')?.[0];
      if (header === undefined) continue;
      for (const [r, row] of sheet.rows) {
        if (r <= header || !/^shinchoku:v1:/.test([...row.values()].map((c) => c.text).find((t) => t.startsWith('shinchoku:')) ?? '')) continue;
        const merge = sheet.merges.find((m) => m.s.c === 0 && m.s.r <= r && m.e.r >= r);
        const text = merge ? sheet.rows.get(merge.s.r)?.get(0)?.text : row.get(0)?.text;
        expect([f.name, sheet.name, r, Boolean(text)]).toEqual([f.name, sheet.name, r, true]);
      }
    }
  }
});

test('the JavaScript CRC-32 (used in the browser) agrees with zlib', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (d) => crc32js(d) === zlib.crc32(d)), { numRuns: 300 });
  expect(crc32js(new TextEncoder().encode('abc'))).toBe(0x352441c2);
});

describe('XlsxEditor.removeSheet', () => {
  // openpyxl writes the workbook and reads the result: a reader independent of ours.
  let dir: string;
  beforeAll(() => {
    dir = tmpDir('remove-sheet');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const zipNames = (bytes: Uint8Array): string[] => Object.keys(unzipSync(bytes));
  const partText = (bytes: Uint8Array, name: string): string => strFromU8(unzipSync(bytes)[name]!);

  test('the sheet goes with its comment, drawing and print area; later names and the active tab move down', () => {
    const file = path.join(dir, 'three.xlsx');
    py('three-sheets', file);
    const ed = new XlsxEditor(fs.readFileSync(file));
    expect(ed.removeSheet('中')).toBe(true);
    expect(ed.sheets.map((s) => [s.name, s.index])).toEqual([['表', 0], ['後', 1]]);
    const out = ed.toBytes();
    const names = zipNames(out);
    expect(names.filter((n) => /sheet2|comment|Drawing/.test(n))).toEqual([]);
    expect(partText(out, '[Content_Types].xml')).not.toMatch(/sheet2|comments/);
    expect(partText(out, 'xl/_rels/workbook.xml.rels')).not.toContain('sheet2');
    const wb = partText(out, 'xl/workbook.xml');
    expect(wb).toContain('<definedName name="後の範囲" localSheetId="1">');
    expect(wb).not.toContain('Print_Area');
    expect(wb).toMatch(/activeTab="1"/);
    for (const n of names) expect(partText(out, n)).not.toContain('秘密の集計');
    const written = path.join(dir, 'two.xlsx');
    fs.writeFileSync(written, out);
    expect(inspect(written).sheets.map((s) => [s.name, s.cells['A1']?.v])).toEqual([['表', '表のセル'], ['後', '後のセル']]);
    // LibreOffice opens it as a sound workbook too.
    expect(inspect(libreOfficeResave(written, path.join(dir, 'lo'))).sheets.map((s) => s.name)).toEqual(['表', '後']);
  });

  test.each(['--formula', '--chart', '--chart-as-excel'])('a sheet something elsewhere refers to (%s) is made very hidden, not removed', (what) => {
    const file = path.join(dir, `three${what}.xlsx`);
    py('three-sheets', file, what);
    const ed = new XlsxEditor(fs.readFileSync(file));
    expect(ed.removeSheet('中')).toBe(false);
    const written = path.join(dir, `kept${what}.xlsx`);
    fs.writeFileSync(written, ed.toBytes());
    expect(inspect(written).sheets.map((s) => [s.name, s.state])).toEqual([['表', 'visible'], ['中', 'veryHidden'], ['後', 'visible']]);
  });

  test('a sheet a pivot table is built from is made very hidden, not removed', () => {
    const file = path.join(dir, 'three-pivot.xlsx');
    py('three-sheets', file);
    const ed = new XlsxEditor(fs.readFileSync(file));
    // openpyxl cannot make a pivot table: the part that names its source, as Excel writes it.
    ed.pkg.write('xl/pivotCache/pivotCacheDefinition1.xml', '<pivotCacheDefinition xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cacheSource type="worksheet"><worksheetSource ref="A1:A2" sheet="中"/></cacheSource></pivotCacheDefinition>');
    expect(ed.removeSheet('中')).toBe(false);
    expect(ed.sheets.find((s) => s.name === '中')?.state).toBe('veryHidden');
  });

  test('shared strings: those of a removed sheet go, the rest renumbered; a table it cannot trust is left', () => {
    const file = path.join(dir, 'three-sst.xlsx');
    py('three-sheets', file);
    // LibreOffice keeps its text in the shared-string table, as Excel does.
    const saved = libreOfficeResave(file, path.join(dir, 'lo-sst'));
    const ed = new XlsxEditor(fs.readFileSync(saved));
    expect(ed.removeSheet('中')).toBe(true);
    expect(ed.compactSharedStrings()).toBe(1);
    const out = path.join(dir, 'two-sst.xlsx');
    fs.writeFileSync(out, ed.toBytes());
    expect(partText(fs.readFileSync(out), 'xl/sharedStrings.xml')).not.toContain('秘密の集計');
    expect(inspect(out).sheets.map((x) => [x.name, x.cells['A1']?.v])).toEqual([['表', '表のセル'], ['後', '後のセル']]);
    // A cell naming a string past the end: nothing is renumbered.
    const bad = new XlsxEditor(fs.readFileSync(saved));
    const part = bad.sheets.find((x) => x.name === '表')!.part;
    bad.pkg.write(part, bad.pkg.read(part).replace(/(<c r="A1"[^>]*t="s"[^>]*><v>)\d+/, '$1999'));
    expect(bad.pkg.read(part)).toContain('<v>999</v>');
    expect(bad.removeSheet('中')).toBe(true);
    expect(bad.compactSharedStrings()).toBe(0);
  });

  test('a chart on the sheet itself goes with it', () => {
    const file = path.join(dir, 'three-own-chart.xlsx');
    py('three-sheets', file, '--own-chart');
    const ed = new XlsxEditor(fs.readFileSync(file));
    expect(zipNames(fs.readFileSync(file)).filter((n) => /chart|drawing/i.test(n)).length).toBeGreaterThan(1);
    expect(ed.removeSheet('中')).toBe(true);
    const out = ed.toBytes();
    expect(zipNames(out).filter((n) => /chart|drawing/i.test(n))).toEqual([]);
    expect(partText(out, '[Content_Types].xml')).not.toMatch(/chart|drawing\d/);
    const written = path.join(dir, 'own-chart.xlsx');
    fs.writeFileSync(written, out);
    expect(inspect(written).sheets.map((s) => s.name)).toEqual(['表', '後']);
  });
});
