// Consolidation, stage 1: each returned file read into the grid, its department told (key,
// sheet name, file name) and its report parsed; two files of one department marked.
import { isBlank } from '../blank';
import { groupBy } from '../collections';
import { readErrorMessage } from '../check';
import type { Config } from '../config/schema';
import { type Cell, type Sheet, type Workbook } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { readErrors } from '../locale/ja/read';
import { META_SHEET } from '../marks';
import { normalize } from '../normalize';
import { ReadError, type ReadNote } from '../read/sheetjs';
import { formulaNotes, readWorkbook } from '../read/workbook';
import { readSection } from '../section';
import { parseWorkbook, type ParsedWorkbook } from '../report';
import { departmentFromName } from './departments';
import type { MasterModel } from './model';
import type { FileSummary, Source } from './types';

export const nonEmpty = (s: string): boolean => !isBlank(s);

export interface Loaded {
  index: number;
  src: Source;
  grid?: Workbook;
  parsed?: ParsedWorkbook;
  dept: string | null;
  from: FileSummary['departmentFrom'];
  status: FileSummary['status'];
  reason?: string;
  cells: number;
  metaSheet?: Sheet;
  /** Formulas the file holds without a value (read as their typed text). */
  notes?: ReadNote[];
}

/** Non-empty cells, and whether any holds a formula (one pass: most files hold none). */
export function countCells(wb: Workbook): { cells: number; formulas: boolean } {
  let cells = 0;
  let formulas = false;
  for (const s of wb.sheets) {
    for (const row of s.rows.values()) {
      for (const c of row.values()) {
        if (nonEmpty(c.text)) cells++;
        if (c.formula !== undefined) formulas = true;
      }
    }
  }
  return { cells, formulas };
}

/** The department a source's sheet name, else its file name, tells (no key in the file). */
export function departmentByName(src: Source, candidates: string[]): Pick<Loaded, 'dept' | 'from'> {
  const bySheet = src.sheet !== undefined ? departmentFromName(src.sheet, candidates) : null;
  const byFile = bySheet ? null : departmentFromName(src.name.replace(/#.*$/, ''), candidates);
  return { dept: bySheet ?? byFile, from: bySheet ? 'sheet-name' : byFile ? 'file-name' : null };
}

export function load(src: Source, index: number, candidates: string[], config: Config): Loaded {
  const base: Loaded = { index, src, dept: null, from: null, status: 'applied', cells: 0 };
  // An unreadable file still tells by its name which department sent it.
  const unreadable = (reason: string): Loaded => ({ ...base, ...departmentByName(src, candidates), status: 'unreadable', reason });
  let grid: Workbook;
  if (src.error !== undefined || (!src.bytes && !src.workbook)) return unreadable(src.error ?? readErrors['not-found']);
  try {
    grid = src.workbook ?? readWorkbook(src.bytes ?? new Uint8Array(), src.name);
  } catch (err) {
    return unreadable(err instanceof ReadError ? readErrorMessage(err).message : format(readErrors['unreadable'], { detail: err instanceof Error ? err.message : String(err) }));
  }
  if (src.sheet !== undefined) {
    const want = normalize(src.sheet);
    const sheet = grid.sheets.find((s) => s.name === src.sheet) ?? grid.sheets.find((s) => normalize(s.name) === want);
    if (!sheet) return unreadable(format(t.sheetNotFound, { sheet: src.sheet }));
    grid = { name: src.name, sheets: [sheet] };
  }
  let counted = countCells(grid);
  let notes: ReadNote[] = [];
  if (counted.formulas) {
    // What validate says of a formula without a value, said of the file before it becomes text.
    notes = formulaNotes(grid);
    grid = formulasAsText(grid);
    counted = countCells(grid);
  }
  const metaSheet = grid.sheets.find((s) => s.name === META_SHEET);
  const body: Workbook = metaSheet ? { name: grid.name, sheets: grid.sheets.filter((s) => s !== metaSheet) } : grid;
  const out: Loaded = { ...base, grid, cells: counted.cells, ...(metaSheet ? { metaSheet } : {}), ...(notes.length > 0 ? { notes } : {}) };
  const metaDept = metaSheet?.rows.get(1)?.get(1)?.text.trim();
  if (metaDept) {
    out.dept = metaDept;
    out.from = 'key';
  } else {
    Object.assign(out, departmentByName(src, candidates));
  }
  out.parsed = parseWorkbook(body, config);
  // A section workbook is checked against the master's numbering and 再掲 sources it carries.
  const section = metaSheet && readSection(metaSheet);
  if (section) out.parsed.section = section;
  if (out.parsed.reports.length === 0) {
    out.status = 'no-report';
    out.reason = readErrors['no-report'];
  } else if (!out.dept) {
    out.status = 'unknown-department';
  }
  return out;
}

/**
 * A file whose reports are all of kinds the master has none of (提言 answers given to a 取組結果
 * master): nothing of it can land, so it is left out with both kinds named, not cell by cell.
 */
export function setOtherTypes(loaded: Loaded[], model: MasterModel): void {
  const names = (reports: ParsedWorkbook['reports']): string[] => [...new Set(reports.map((r) => r.type.name))];
  const masterTypes = new Set(model.parsed.reports.map((r) => r.type.id));
  for (const l of loaded) {
    if (l.status !== 'applied' || !l.parsed || l.parsed.reports.some((r) => masterTypes.has(r.type.id))) continue;
    l.status = 'other-type';
    l.reason = format(t.otherType, { file: names(l.parsed.reports).join('・'), master: names(model.parsed.reports).join('・') });
  }
}

/** One department, several files: neither is taken unless the newest one may be. */
export function markDuplicates(loaded: Loaded[], preferNewest: boolean): void {
  for (const all of groupBy(loaded, (l) => (l.status === 'applied' && l.dept ? l.dept : undefined)).values()) {
    // The same file given twice (picked twice, or copied under another name) is one answer.
    const list: Loaded[] = [];
    for (const l of [...all].sort((a, b) => (a.src.name < b.src.name ? -1 : a.src.name > b.src.name ? 1 : 0))) {
      const same = list.find((x) => sameBytes(x.src.bytes, l.src.bytes));
      if (same) {
        l.status = 'same-file';
        l.reason = format(t.sameFile, { file: same.src.name });
      } else {
        list.push(l);
      }
    }
    if (list.length < 2) continue;
    const dated = list.every((l) => typeof l.src.modified === 'number');
    const newest = dated ? list.reduce((m, l) => Math.max(m, l.src.modified!), -Infinity) : NaN;
    const winners = dated ? list.filter((l) => l.src.modified === newest) : [];
    for (const l of list) {
      if (preferNewest && winners.length === 1) {
        if (l !== winners[0]) l.status = 'superseded';
      } else {
        l.status = 'duplicate';
      }
    }
  }
}

// Each cell formulasAsText made text, and the formula cell it was read as.
const formulaCells = new WeakMap<Cell, Cell>();

/**
 * The formula cell a text cell was read as, when formulasAsText made it text: merge takes it
 * as that formula again where it is the formula the file was given (a file saved by a
 * program that writes no values, openpyxl among them), so it is nobody's change.
 */
export function formulaCellOf(cell: Cell | undefined): Cell | undefined {
  return cell && formulaCells.get(cell);
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array | undefined): boolean {
  if (!a || !b || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * A formula with no value or an error (#NAME?) is what a section gets when it types text
 * starting with `=`: keep what was typed, as text, so it is not silently dropped.
 */
export function formulasAsText(wb: Workbook): Workbook {
  let changed = false;
  const sheets = wb.sheets.map((s) => {
    let copy: Sheet | undefined;
    // forEach: a for-of over a Map makes a [key, value] pair per cell of every returned file.
    s.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (!cell.formula || (cell.value !== null && nonEmpty(cell.text))) return;
        copy ??= { ...s, rows: new Map([...s.rows].map(([k, v]) => [k, new Map(v)])) };
        const typed: Cell = { value: `=${cell.formula}`, text: `=${cell.formula}` };
        formulaCells.set(typed, cell);
        copy.rows.get(r)!.set(c, typed);
      }),
    );
    if (copy) changed = true;
    return copy ?? s;
  });
  return changed ? { ...wb, sheets } : wb;
}
