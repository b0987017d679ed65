// Reads any workbook into the one typed cell model. .xlsx and .xlsm go through the XML reader
// that also reads the master (the same scanner, the same formatter), after the same checks
// and zip limits; .xls, .xlsb, .ods and any .xlsx it cannot read go through SheetJS.
import type { Workbook } from '../grid';
import { PackageError } from '../ooxml/package';
import { XlsxEditor } from '../ooxml/workbook';
import { limitsOf, preflight, ReadError, readWithSheetJS, zipReadError, type ReadNote, type ReadOptions } from './sheetjs';
import { gridFromEditor } from './xlsx';

export { ReadError, type ReadOptions } from './sheetjs';

export type Reader = 'xml' | 'sheetjs';

export interface ReadWorkbookOptions extends ReadOptions {
  /** Force one reader (tests compare them); by default the XML reader where it can. */
  reader?: Reader;
}

/** The package as our XML layer sees it, or null when SheetJS is the one to read it. */
function openPackage(bytes: Uint8Array, file: string): XlsxEditor | null {
  try {
    const ed = new XlsxEditor(bytes, { readOnly: true });
    // A Word or PowerPoint file renamed .xlsx: SheetJS names what it is.
    return /<(?:\w+:)?workbook\b/.test(ed.pkg.read(ed.wb).slice(0, 4096)) ? ed : null;
  } catch (err) {
    // A zip's own damage is the file's problem, whoever reads it.
    if (err instanceof PackageError && err.zip) {
      const re = zipReadError(err.zip, file);
      if (re instanceof ReadError) throw re;
    }
    // Not a package we read (.xlsb, .ods, a prefixed namespace, a missing part): SheetJS.
    return null;
  }
}

/** Formulas saved without a value (by a program that computes nothing): they read as empty. */
export function formulaNotes(grid: Workbook): ReadNote[] {
  const notes: ReadNote[] = [];
  for (const s of grid.sheets) {
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell.formula !== undefined && cell.text === '' && (cell.value === null || cell.value === '')) {
          notes.push({ kind: 'formula-no-value', sheet: s.name, r, c, formula: cell.formula });
        }
      }),
    );
  }
  return notes;
}

export function readWorkbook(bytes: Uint8Array, file: string, opts: ReadWorkbookOptions = {}): Workbook {
  const kind = preflight(bytes, file, opts);
  if (kind === 'zip' && opts.reader !== 'sheetjs') {
    const ed = openPackage(bytes, file);
    if (ed && !/\.bin$/i.test(ed.wb)) {
      const limits = limitsOf(opts);
      if (ed.sheets.length > limits.maxSheets) throw new ReadError('expanded-too-large', file, `${ed.sheets.length} sheets`);
      let grid: Workbook;
      try {
        grid = gridFromEditor(ed, file, opts);
      } catch (err) {
        if (err instanceof ReadError) throw err;
        if (!(err instanceof PackageError)) throw err;
        return readWithSheetJS(bytes, file, opts);
      }
      if (grid.sheets.length === 0) throw new ReadError('not-spreadsheet', file, 'no sheets');
      if (opts.notes) opts.notes.push(...formulaNotes(grid));
      return grid;
    }
  }
  return readWithSheetJS(bytes, file, opts);
}
