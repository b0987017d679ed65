// split: one workbook per department, cut from the master's own bytes so every format
// survives; only the department's rows, a hidden key per row, progress cells unlocked.
import { groupBy } from '../collections';
import type { Config } from '../config/schema';
import { a1 } from '../grid';
import type { ReportSheet } from '../report';
import { KEY_HEADER, META_ROW, META_SHEET, META_TITLE, STATE_SHEET } from '../marks';
import { carriedRows } from '../section';
import { breaks, mapFormulaRefs } from '../ooxml/formula';
import { RowMap } from '../ooxml/rowmap';
import { newSheetXml, XlsxEditor } from '../ooxml/workbook';
import { fileNameFor, knownDepartments, type FileNameChange } from './departments';
import { dropPaneMarks, openMaster } from './master';
import { contentHash } from './answers';
import { ConsolidateError } from './consolidate';
import { believedState } from './state';
import { buildModel, departmentColumn, isEditable, keyOf, noteColumn, type MasterModel } from './model';

export interface SplitOptions {
  /** Shown in the metadata of each file (the master's file name). */
  masterName?: string;
  /** The master already opened (its parse is reused for every department). */
  editor?: XlsxEditor;
}

export interface SplitFile {
  department: string;
  /** File name (no folder), e.g. `子)子育て支援部.xlsx`. */
  name: string;
  bytes: Uint8Array;
  /** Data rows the file holds. */
  rows: number;
  /** Set when the department could not be the file name as written (and why). */
  renamed?: FileNameChange;
}

export interface SplitResult {
  files: SplitFile[];
  /** Data rows with no department: in no file. */
  unowned: { sheet: string; cell: string; row: number }[];
  /**
   * Departments the configuration's department master lacks, each at its first cell: a
   * misspelt name gets a workbook of its own, and the real department's lacks those rows.
   */
  unknown: { department: string; sheet: string; cell: string }[];
  /** The 集約結果 sheet of an earlier consolidation still in the master (its departments count as answered). */
  earlierSummary?: string;
}

/** Column right of everything the sheet uses (cells, merges): where our own column goes. */
export function freeColumn(model: MasterModel, sheetName: string, xmlMax: number): number {
  const sheet = model.workbook.sheets.find((s) => s.name === sheetName)!;
  let c = Math.max(sheet.colCount, xmlMax + 1);
  for (const m of sheet.merges) if (m.e.c + 1 > c && m.e.c < 16384) c = m.e.c + 1;
  // Formatting down to column XFD leaves no column to the right: take the first one after
  // the cells with text instead (never past XFD, which Excel would call a damaged file).
  if (c > 16383) c = Math.min(16383, sheet.colCount);
  return c;
}

export function splitModel(masterBytes: Uint8Array, model: MasterModel, config: Config, opts: SplitOptions = {}): SplitResult {
  const masterName = opts.masterName ?? model.workbook.name;
  // Split goes by department: with no table naming any (a 計画の実施結果 without its 担当課
  // column), there is nothing to cut, and "no report sheet" would be untrue.
  const lacking = model.parsed.reports.filter((rs) => !hasDepartmentColumn(rs));
  if (lacking.length > 0 && lacking.length === model.parsed.reports.length) {
    const headers = lacking[0]!.type.columns.find((c) => c.department)?.headers.filter((h) => !h.startsWith('/')) ?? [];
    throw new ConsolidateError('master-no-department', '', lacking.map((rs) => rs.sheet.name), headers);
  }
  const files: SplitFile[] = [];
  const unowned = model.rows.filter((r) => r.owners.length === 0).map((r) => ({ sheet: r.sheet, cell: a1(r.row.r, 0), row: r.row.r + 1 }));
  const known = new Set(knownDepartments(config));
  const unknown: SplitResult['unknown'] = [];
  const said = new Set<string>();
  if (known.size > 0) {
    for (const r of model.rows) {
      const deptCol = departmentColumn(r.rs);
      const cell = deptCol && r.row.cells.get(deptCol.key);
      for (const d of r.owners) {
        // Named once, at its first cell.
        if (known.has(d) || said.has(d)) continue;
        said.add(d);
        unknown.push({ department: d, sheet: r.sheet, cell: a1(cell ? cell.r : r.row.r, cell ? cell.c : 0) });
      }
    }
  }
  const bySheet = groupBy(model.rows, (r) => r.sheet);
  const usedNames = new Set<string>();
  const base = (opts.editor ?? new XlsxEditor(masterBytes)).clone();
  // The add-in's marks on the master are the secretariat's view, not the sections'.
  dropPaneMarks(base);
  // The key column is the same in every department's copy: found once, not per copy.
  const keyCols = new Map<string, number>();
  for (const sheetName of bySheet.keys()) keyCols.set(sheetName, freeColumn(model, sheetName, base.sheet(sheetName).maxColumn()));
  const earlier = believedState(model.workbook, model.parsed.reports.map((r) => r.sheet.name))?.summarySheet;
  // The secretariat's 集約結果 and its record name every department: not a section's to read.
  if (earlier) base.removeSheet(earlier);
  base.removeSheet(STATE_SHEET);
  for (const dept of model.departments) {
    const ed = base.clone();
    let held = 0;
    let firstVisible: string | undefined;
    // Other departments' rows, taken out of every sheet: known first, since a formula's
    // references into any sheet move with that sheet's rows.
    const deletedBy = new Map<string, Set<number>>();
    for (const [sheetName, rows] of bySheet) {
      const deleted = new Set<number>();
      for (const r of rows) {
        if (r.owners.includes(dept)) continue;
        for (let k = r.row.r; k <= r.lastR; k++) deleted.add(k);
      }
      deletedBy.set(sheetName, deleted);
    }
    const rowMaps = new Map([...deletedBy].map(([sheetName, deleted]) => [sheetName, new RowMap(deleted)]));
    // A formula as the section's copy holds it once every sheet's rows are taken out.
    const asSent = (formula: string, own: string): string => [...rowMaps].reduce((f, [target, rm]) => mapFormulaRefs(f, own, target, rm), formula);
    for (const [sheetName, rows] of bySheet) {
      const sx = ed.sheet(sheetName);
      const rs = rows[0]!.rs;
      const keyCol = keyCols.get(sheetName)!;
      const mine = rows.filter((r) => r.owners.includes(dept));
      const deleted = deletedBy.get(sheetName)!;
      // A merge whose first row goes keeps its text on its first remaining row.
      for (const m of rs.sheet.merges) {
        if (!deleted.has(m.s.r)) continue;
        for (let k = m.s.r + 1; k <= m.e.r; k++) {
          if (!deleted.has(k)) {
            sx.copyValue({ r: m.s.r, c: m.s.c }, { r: k, c: m.s.c });
            break;
          }
        }
      }
      // The secretariat's 集約メモ (who answered, conflicts) is not the section's to fill or read.
      const notes = noteColumn(rs);
      if (notes !== undefined) {
        for (const h of rs.headerRows) sx.clearValue(h, notes);
        for (const r of mine) for (let k = r.row.r; k <= r.lastR; k++) sx.clearValue(k, notes);
        sx.setColumn(notes, { hidden: true });
      }
      for (const h of rs.headerRows) sx.setText(h, keyCol, KEY_HEADER);
      for (const r of mine) {
        // What each answer cell holds now: the base its answer is judged against on return.
        const bases = new Map<string, string>();
        for (const col of rs.type.columns) {
          if (!isEditable(col)) continue;
          const c = r.map.get(col.key);
          const cell = r.row.cells.get(col.key);
          if (c === undefined || (cell && cell.merged)) continue;
          // Fingerprinted as sent: a formula whose rows moved is the same formula back.
          const given = rs.sheet.rows.get(r.row.r)?.get(c);
          const sent = given?.formula !== undefined ? asSent(given.formula, sheetName) : undefined;
          // A formula the cut breaks is sent empty (below): empty back is no change.
          bases.set(col.key, contentHash(sent === undefined ? given : breaks(given!.formula!, sent) ? undefined : { ...given!, formula: sent }));
          sx.setStyle(r.row.r, c, ed.styles.derive(sx.styleAt(r.row.r, c), { locked: false }));
        }
        sx.setText(r.row.r, keyCol, keyOf(r.sheetIndex, r.row.r, r.hash, bases));
      }
      sx.setColumn(keyCol, { hidden: true, width: 14 });
      sx.protect();
      const rm = rowMaps.get(sheetName)!;
      sx.remap(rm, sheetName);
      ed.remapNames(sheetName, rm);
      // A formula reading only other departments' rows would show #REF!: its cell is left empty.
      ed.remapFormulas(sheetName, rm, { clearBroken: true });
      if (mine.length === 0) ed.setState(sheetName, 'hidden');
      else firstVisible ??= sheetName;
      held += mine.length;
    }
    if (firstVisible) ed.activate(firstVisible);
    // Other departments' text, left in the shared-string table by the rows taken out, goes too.
    ed.compactSharedStrings();
    const meta = newSheetXml({
      rows: [
        [{ text: META_TITLE }],
        [{ text: META_ROW.department }, { text: dept }],
        [{ text: META_ROW.master }, { text: masterName }],
        [{ text: META_ROW.format }, { text: '1' }],
        // What the section's own check needs of rows it was not sent (lib/section.ts).
        ...carriedRows(model.parsed, model.rows.filter((r) => r.owners.includes(dept)), config.saikei.driftThreshold).map((row) => row.map((text) => ({ text }))),
      ],
    });
    // A master cut from an earlier split already has the sheet: it names the new department.
    if (ed.sheets.some((s) => s.name === META_SHEET)) {
      ed.replaceSheet(META_SHEET, meta);
      ed.setState(META_SHEET, 'veryHidden');
    } else {
      ed.addSheet(META_SHEET, meta, 'veryHidden');
    }
    const { name, change } = fileNameFor(dept, usedNames);
    files.push({ department: dept, name, bytes: ed.toBytes(), rows: held, ...(change ? { renamed: change } : {}) });
  }
  // No department to cut for: said once here, for the CLI, the pane and the page alike.
  if (files.length === 0) throw new ConsolidateError('master-no-report');
  return { files, unowned, unknown, ...(earlier ? { earlierSummary: earlier } : {}) };
}

/** Whether any header row of the table maps its type's department column. */
export function hasDepartmentColumn(rs: ReportSheet): boolean {
  const keys = rs.type.columns.filter((c) => c.department).map((c) => c.key);
  return [...rs.columnMaps.values()].some((map) => keys.some((k) => map.has(k)));
}

/** Splits the master into one workbook per department (browser-safe: bytes in, bytes out). */
export function split(masterBytes: Uint8Array, config: Config, opts: SplitOptions = {}): SplitResult {
  const { editor, grid } = openMaster(masterBytes, opts.masterName ?? 'master.xlsx');
  return splitModel(masterBytes, buildModel(grid, config), config, { ...opts, editor });
}
