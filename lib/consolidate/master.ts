// Opens the master for split and consolidate: the same checks and limits as validate's
// reader run before the package is unzipped, and every refusal is a ReadError naming why,
// so a bad master gets its own reason (empty, encrypted, CSV, bomb…), not "not an xlsx".
import type { Workbook } from '../grid';
import { preflight, ReadError, zipReadError, type ReadOptions } from '../read/sheetjs';
import { readWorkbook } from '../read/workbook';
import { PackageError } from '../ooxml/package';
import { gridFromEditor } from '../read/xlsx';
import { XlsxEditor } from '../ooxml/workbook';
import { isPaneMark, isPaneNote } from '../marks';

export interface OpenedMaster {
  editor: XlsxEditor;
  grid: Workbook;
}

/** Throws ReadError (unreadable file) or PackageError (a workbook we cannot patch, e.g. .xls). */
export function openMaster(bytes: Uint8Array, name: string, opts: ReadOptions = {}): OpenedMaster {
  const kind = preflight(bytes, name, opts);
  let editor: XlsxEditor;
  try {
    editor = new XlsxEditor(bytes);
  } catch (err) {
    // A zip's own damage is the reason; an .xls is no zip at all, and the reader says why.
    if (err instanceof PackageError && err.zip && kind === 'zip') {
      const re = zipReadError(err.zip, name);
      if (re instanceof ReadError) throw re;
    }
    if (!(err instanceof PackageError)) throw err;
    // Not an .xlsx we can patch (.xls, .ods, broken XML): when the reader has a reason of
    // its own (an .ods bomb, a corrupt part) that reason is the one to give.
    try {
      readWorkbook(bytes, name, opts);
    } catch (readErr) {
      if (readErr instanceof ReadError) throw readErr;
    }
    throw err;
  }
  return { editor, grid: gridFromEditor(editor, name, opts) };
}

/** Takes the add-in's marks (its always-true conditional formats and its notes) out of every worksheet. */
export function dropPaneMarks(ed: XlsxEditor): number {
  let n = 0;
  for (const e of ed.sheets) if (e.kind === 'worksheet') n += ed.sheet(e.name).removeConditionalFormats(isPaneMark) + ed.removeNotes(e.name, isPaneNote);
  return n;
}
