// What a consolidation leaves for the next one, in a very hidden sheet of its output. Late
// answers are consolidated into that output (the add-in's 集約 on the open master, or the CLI
// with the output as master): the record says which departments were taken already (not
// missing now), which cells were marked unfilled and their own fill (the mark comes off once
// they answer), which rows a taken file lacked (listed until answered), and which sheet is
// the 集約結果 (replaced, not added again).
import { a1, parseA1, type Workbook } from '../grid';
import { consolidate as t } from '../locale/ja';
import { newSheetXml, type XlsxEditor } from '../ooxml/workbook';

export interface UnfilledMark {
  sheet: string;
  r: number;
  c: number;
  /**
   * The cell's own <fill> before the mark. A fill, not a format index: Excel renumbers the
   * formats when it saves, and the secretariat may well open and save the output in between.
   */
  fill: string;
}

// Plain pattern fills only: the record is read back into styles.xml, so nothing else passes.
const FILL = /^<fill>(?:<patternFill(?: patternType="\w+")?\/>|<patternFill(?: patternType="\w+")?>(?:<(?:fgColor|bgColor)(?: \w+="[\w.#-]*")*\/>){0,2}<\/patternFill>)<\/fill>$/;

/** Whether a fill read from a record (or a master) may be written back as it is. */
export function isPlainFill(xml: string): boolean {
  return FILL.test(xml);
}

/** Matches a `<fill>` showing one of the given ARGB colours. */
export function fillPattern(...argb: string[]): RegExp {
  return new RegExp(`rgb="(?:${argb.join('|')})"`, 'i');
}

/**
 * A mark for a cell about to be coloured: its own fill from `style`, when plain enough to
 * write back (else no mark, and the colour stays).
 */
export function markOf(ed: XlsxEditor, sheet: string, r: number, c: number, style: number): UnfilledMark | undefined {
  const fill = ed.styles.fillOf(style);
  return isPlainFill(fill) ? { sheet, r, c, fill } : undefined;
}

/** Gives a marked cell its own fill back while it still shows a colour `ours` matches; whether it did. */
export function giveBackFill(ed: XlsxEditor, k: UnfilledMark, ours: RegExp): boolean {
  const sx = ed.sheet(k.sheet);
  const now = sx.styleAt(k.r, k.c);
  // A colour the secretariat changed since is theirs.
  if (!ours.test(ed.styles.fillOf(now))) return false;
  sx.setStyle(k.r, k.c, ed.styles.derive(now, { fillXml: k.fill }));
  return true;
}

/** A row a department's taken file lacked: listed again until that department answers it. */
export interface DroppedRow {
  department: string;
  sheet: string;
  r: number;
}

export interface ConsolidationState {
  /** Department → files taken from it, this run or an earlier one. */
  taken: Map<string, string[]>;
  marks: UnfilledMark[];
  /**
   * Cells coloured as a conflict or an added row, with their own fill: history within a round,
   * taken off when a new round starts or the workbook is made ready to publish.
   */
  history: UnfilledMark[];
  dropped: DroppedRow[];
  summarySheet?: string;
}

const TAKEN = 'taken';
const MARK = 'unfilled-mark';
const SUMMARY = 'summary-sheet';
const DROPPED = 'dropped-row';
const HISTORY = 'history-mark';

/**
 * The record in a master that is itself the output of a consolidation; null in any other.
 * Who was taken counts only while that run's 集約結果 sheet is still there: deleting it is
 * how a new round starts (the marks stay usable: they only ever take off our own colour).
 */
export function readState(grid: Workbook): ConsolidationState | null {
  const sheet = grid.sheets.find((s) => s.name === t.stateSheet);
  if (!sheet) return null;
  const state: ConsolidationState = { taken: new Map(), marks: [], history: [], dropped: [] };
  const text = (r: number, c: number): string => sheet.rows.get(r)?.get(c)?.text ?? '';
  // A record edited by hand into nonsense is ignored, never trusted.
  const at = (ref: string): { r: number; c: number } | undefined => {
    try {
      return parseA1(ref);
    } catch {
      return undefined;
    }
  };
  for (let r = 1; r < sheet.rowCount; r++) {
    const kind = text(r, 0);
    if (kind === TAKEN && text(r, 1)) {
      state.taken.set(text(r, 1), text(r, 2).split('\n').filter((f) => f !== ''));
    } else if ((kind === MARK || kind === HISTORY) && isPlainFill(text(r, 3))) {
      const p = at(text(r, 2));
      if (p) (kind === MARK ? state.marks : state.history).push({ sheet: text(r, 1), r: p.r, c: p.c, fill: text(r, 3) });
    } else if (kind === DROPPED && text(r, 1) && text(r, 2)) {
      const p = at(text(r, 3));
      if (p) state.dropped.push({ department: text(r, 1), sheet: text(r, 2), r: p.r });
    } else if (kind === SUMMARY && text(r, 1)) {
      state.summarySheet = text(r, 1);
    }
  }
  if (!state.summarySheet || !grid.sheets.some((s) => s.name === state.summarySheet)) {
    state.taken.clear();
    state.dropped = [];
    delete state.summarySheet;
  }
  return state;
}

const SUMMARY_TITLE = t.summaryTitle.slice(0, t.summaryTitle.indexOf('{'));

/**
 * The record as far as it can be believed. One naming as its 集約結果 a sheet that is not one
 * (a report, the notes for sections) was edited: that sheet is never replaced, nor who was
 * taken believed.
 */
export function believedState(grid: Workbook, reportSheets: readonly string[]): ConsolidationState | null {
  const state = readState(grid);
  const name = state?.summarySheet;
  if (!state || name === undefined) return state;
  const title = grid.sheets.find((s) => s.name === name)?.rows.get(0)?.get(0)?.text ?? '';
  if (name !== t.stateSheet && !reportSheets.includes(name) && title.startsWith(SUMMARY_TITLE)) return state;
  return { taken: new Map(), marks: state.marks, history: state.history, dropped: [] };
}

export function stateSheetXml(state: ConsolidationState): string {
  const cell = (text: string): { text: string } => ({ text });
  const rows = [[cell(t.stateTitle)]];
  if (state.summarySheet) rows.push([cell(SUMMARY), cell(state.summarySheet)]);
  for (const [dept, files] of [...state.taken].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) rows.push([cell(TAKEN), cell(dept), cell(files.join('\n'))]);
  for (const m of state.marks) rows.push([cell(MARK), cell(m.sheet), cell(a1(m.r, m.c)), cell(m.fill)]);
  for (const m of state.history) rows.push([cell(HISTORY), cell(m.sheet), cell(a1(m.r, m.c)), cell(m.fill)]);
  for (const d of state.dropped) rows.push([cell(DROPPED), cell(d.department), cell(d.sheet), cell(a1(d.r, 0))]);
  return newSheetXml({ rows });
}
