// Consolidation, stage 4: the plan of each master sheet — typed answers, conflict and unfilled
// colours, the 集約メモ notes, added rows — read from the master, written by nobody here.
import { a1, type Cell } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { isStatusNote, NOTE_HEADER } from '../marks';
import { type ReportSheet } from '../report';
import { linesFor, pointsFor } from '../ooxml/height';
import type { RowMap } from '../ooxml/rowmap';
import type { SheetXml } from '../ooxml/sheet';
import type { XlsxEditor } from '../ooxml/workbook';
import { builtinFormat } from '../read/numfmt';
import { MARK_FILLS, type ConsolidationPlan, type PlanValue } from '../plan';
import { isEditable, noteColumn, type MasterModel, type MasterRow } from './model';
import { freeColumn } from './split';
import { fillPattern, isPlainFill, type UnfilledMark } from './state';
import type { AddedItem, UnplacedItem } from './types';
import { nonEmpty } from './load';
import { Fates } from './fates';
import { AddedRow, unplacedItem, Write } from './merge';

/** Width of the 集約メモ column, in characters. */
const NOTE_WIDTH = 32;

/** What planning one master sheet needs, shared by all sheets. */
export interface WriteContext {
  /** The master, read only. */
  ed: XlsxEditor;
  plan: ConsolidationPlan;
  model: MasterModel;
  writesBySheet: Map<string, Write[]>;
  notes: Map<MasterRow, string[]>;
  unfilledRows: Set<MasterRow>;
  rowMaps: Map<string, RowMap>;
  inserts: Map<string, Map<number, AddedRow[]>>;
  deptOrder: (d: string) => number;
  fates: Fates;
  unplaced: UnplacedItem[];
  addedItems: AddedItem[];
  /** Unfilled marks of the consolidation that wrote the master, and this run's (master rows). */
  prevMarks: readonly UnfilledMark[];
  /** Its conflict and added-row colours (master rows): kept within a round, taken off after. */
  prevHistory: readonly UnfilledMark[];
  /** This run's conflict colours and those kept (master rows), and its added rows' (output rows). */
  history: UnfilledMark[];
  historyOut: UnfilledMark[];
  /** Late answers to that consolidation (not a new round): its notes on conflicts etc. stay. */
  sameRound: boolean;
  marks: UnfilledMark[];
}

/** The unfilled mark of outputs before 2026-12 (FFF2CC, the tint masters use for headings). */
export const LEGACY_UNFILLED = 'FFFFF2CC';
export const UNFILLED_FILL = fillPattern(MARK_FILLS.unfilled, LEGACY_UNFILLED);

export const HISTORY_FILL = fillPattern(MARK_FILLS.conflict, MARK_FILLS.added);

/** Changes, fills, notes and added rows of one master sheet, planned in output rows. */
export function planSheet(w: WriteContext, rs: ReportSheet, rows: MasterRow[]): void {
  const { ed, notes, fates, plan } = w;
  const name = rs.sheet.name;
  // Read only: the plan is applied afterwards (lib/write/apply-plan.ts), or by the add-in.
  const sx = ed.sheet(name);
  const rm = w.rowMaps.get(name)!;
  const out = (r: number): number => rm.map(r) ?? r;
  for (const [after, count] of [...rm.inserts].sort((a, b) => a[0] - b[0])) plan.inserts.push({ sheet: name, after, count });
  const ins = w.inserts.get(name);
  const reused = noteColumn(rs);
  const noteCol = reused ?? freeColumn(w.model, name, sx.maxColumn());
  // Notes an earlier run wrote: who answered is said afresh now; conflicts, changes and added
  // rows are history and stay within its round, and go with a new one.
  const oldNotes = new Map<number, string[]>();
  if (reused !== undefined) {
    rs.sheet.rows.forEach((row, r) => {
      const text = row.get(reused)?.text;
      if (!text || rs.headerRows.includes(r)) return;
      oldNotes.set(r, w.sameRound ? text.split('\n').filter((line) => line !== '' && !isStatusNote(line)) : []);
    });
  }
  const hasNotes = rows.some((m) => notes.has(m)) || (ins && ins.size > 0) || oldNotes.size > 0;
  // Rows that get new text, and that text, to size them afterwards.
  const touched = new Map<number, Map<number, string>>();
  const touch = (r: number, c: number, text: string): void => {
    let m = touched.get(r);
    if (!m) touched.set(r, (m = new Map<number, string>()));
    m.set(c, text);
  };
  // Earlier marks come off where the cell still shows our colour; this run marks afresh. A
  // colour added now records the cell's own fill, the one given back where there is one.
  const restored = new Map<string, string>();
  const fillNow = (r: number, c: number): string => restored.get(`${r},${c}`) ?? ed.styles.fillOf(sx.styleAt(r, c));
  const giveBack = (k: UnfilledMark): void => {
    restored.set(`${k.r},${k.c}`, k.fill);
    plan.cells.push({ sheet: name, r: out(k.r), c: k.c, role: 'restore', restoreFill: k.fill });
  };
  const markAt = (r: number, c: number, fill = fillNow(r, c)): UnfilledMark | undefined => (isPlainFill(fill) ? { sheet: name, r, c, fill } : undefined);
  for (const k of w.prevMarks) if (k.sheet === name && UNFILLED_FILL.test(fillNow(k.r, k.c))) giveBack(k);
  const kept = new Set<string>();
  for (const k of w.prevHistory) {
    if (k.sheet !== name || !HISTORY_FILL.test(fillNow(k.r, k.c))) continue;
    if (!w.sameRound) {
      giveBack(k);
    } else {
      w.history.push(k);
      kept.add(`${k.r},${k.c}`);
    }
  }
  for (const x of w.writesBySheet.get(name) ?? []) {
    if (x.conflict) {
      const mark = kept.has(`${x.r},${x.c}`) ? undefined : markAt(x.r, x.c);
      if (mark) w.history.push(mark);
    }
    // The write is its own options: no object per written cell for them.
    const value = planValue(ed, sx, x.cell, x.r, x.c, x);
    plan.cells.push(x.conflict ? { sheet: name, r: out(x.r), c: x.c, role: 'conflict', value, mark: 'conflict' } : { sheet: name, r: out(x.r), c: x.c, role: 'answer', value });
    touch(x.r, x.c, x.cell.text);
  }
  for (const m of rows) {
    if (!w.unfilledRows.has(m)) continue;
    for (const col of rs.type.columns) {
      const c = m.map.get(col.key);
      if (c === undefined || !isEditable(col) || m.row.cells.get(col.key)?.merged) continue;
      const mark = markAt(m.row.r, c);
      if (mark) w.marks.push(mark);
      plan.cells.push({ sheet: name, r: out(m.row.r), c, role: 'unfilled', mark: 'unfilled' });
    }
  }
  // A note the cell already holds is not written again: the add-in writes only what changes.
  const holds = (r: number, c: number): string => rs.sheet.rows.get(r)?.get(c)?.text ?? '';
  const note = (r: number, text: string): void => {
    plan.cells.push({ sheet: name, r, c: noteCol, role: 'note', value: { kind: 'text', text }, look: 'note' });
  };
  if (hasNotes) {
    const lastHeaderCol = Math.max(...[...(rs.columnMaps.get(rs.headerRows[0]!)?.values() ?? [0])]);
    for (const h of rs.headerRows) if (holds(h, noteCol) !== NOTE_HEADER) plan.cells.push({ sheet: name, r: out(h), c: noteCol, role: 'note-header', value: { kind: 'text', text: NOTE_HEADER }, look: { headerFrom: lastHeaderCol } });
    plan.columns.push({ sheet: name, c: noteCol, width: NOTE_WIDTH });
    const written = new Set<number>();
    for (const m of rows) {
      const old = oldNotes.get(m.row.r) ?? [];
      const n = [...old, ...(notes.get(m) ?? []).filter((x) => !old.includes(x))];
      if (n.length === 0) continue;
      if (holds(m.row.r, noteCol) !== n.join('\n')) note(out(m.row.r), n.join('\n'));
      touch(m.row.r, noteCol, n.join('\n'));
      written.add(m.row.r);
    }
    for (const [r, lines] of oldNotes) {
      if (written.has(r)) continue;
      if (lines.length > 0) {
        if (holds(r, noteCol) !== lines.join('\n')) note(out(r), lines.join('\n'));
      } else plan.cells.push({ sheet: name, r: out(r), c: noteCol, role: 'note', value: { kind: 'clear' } });
    }
  }
  // Tall enough for every cell of the row: the master's texts where nothing new was written.
  const widthOf = (c: number): number => (hasNotes && c === noteCol ? NOTE_WIDTH : sx.columnWidth(c));
  const linesOf = (c: number, text: string): number => {
    const w = widthOf(c);
    return w > 0 ? linesFor(text, w) : 1;
  };
  // forEach, not for-of: a pair per cell of every touched row was most of what planning allocated.
  touched.forEach((cols, r) => {
    let lines = 1;
    rs.sheet.rows.get(r)?.forEach((cell, c) => {
      if (!cols.has(c)) lines = Math.max(lines, linesOf(c, cell.text));
    });
    cols.forEach((text, c) => {
      lines = Math.max(lines, linesOf(c, text));
    });
    plan.heights.push({ sheet: name, r: out(r), points: pointsFor(lines) });
  });
  // The notes print with the table, so a printed copy can be worked from as well.
  if (hasNotes) plan.printAreas.push({ sheet: name, c: noteCol });
  if (!ins) return;
  for (const [x, list] of [...ins.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => w.deptOrder(a.loaded.dept!) - w.deptOrder(b.loaded.dept!) || a.order - b.order);
    const start = rm.insertedStart(x);
    list.forEach((a, k) => {
      const nr = start + k;
      const texts: Record<string, string> = {};
      for (const [key, c] of a.anchor.map) {
        const sc = a.src.row.cells.get(key);
        // An inserted row takes the cell styles of the row it follows.
        const mark = markAt(nr, c, fillNow(x, c));
        if (mark) w.historyOut.push(mark);
        if (sc && !sc.carried && !sc.merged && nonEmpty(sc.text)) {
          // Typed as the section typed it (a percent stays a number); styled as row x, which it copies.
          const typed = a.src.rs.sheet.rows.get(sc.r)?.get(sc.c);
          const value: PlanValue = typed ? planValue(ed, sx, typed, x, c) : { kind: 'text', text: sc.text };
          plan.cells.push({ sheet: name, r: nr, c, role: 'added', value, mark: 'added' });
          texts[key] = sc.text;
          fates.set(a.loaded, a.src.rs.sheet.name, sc.r, sc.c, 'out', { sheet: name, r: nr, c, output: true });
        } else {
          plan.cells.push({ sheet: name, r: nr, c, role: 'added', mark: 'added' });
        }
      }
      for (const [key, sc] of a.src.row.cells) {
        if (a.anchor.map.has(key) || sc.carried || sc.merged || !nonEmpty(sc.text)) continue;
        fates.set(a.loaded, a.src.rs.sheet.name, sc.r, sc.c, 'reported');
        w.unplaced.push(unplacedItem(a.loaded, a.src.rs.sheet.name, sc, 'extra-column'));
      }
      const noteText = format(t.noteAdded, { department: a.loaded.dept!, file: a.loaded.src.name });
      note(nr, noteText);
      const lines = [...a.anchor.map].map(([key, c]) => (texts[key] && widthOf(c) > 0 ? linesFor(texts[key]!, widthOf(c)) : 1));
      plan.heights.push({ sheet: name, r: nr, points: pointsFor(Math.max(1, linesFor(noteText, NOTE_WIDTH), ...lines)) });
      w.addedItems.push({
        department: a.loaded.dept!, file: a.loaded.src.name, sheet: name, row: nr + 1, cell: a1(nr, 0),
        sourceSheet: a.src.rs.sheet.name, sourceRow: a.src.row.r + 1, texts,
      });
    });
  }
}

/**
 * A cell planned as what it is: a number stays a number with its format (the section's, where
 * it differs from the one the cell at (r, c) of the master has), a boolean a boolean, text
 * text (never a formula); a conflict is text, both answers in it.
 */
function planValue(ed: XlsxEditor, sx: SheetXml, cell: Cell, r: number, c: number, opts: { conflict?: boolean; formula?: string | undefined } = {}): PlanValue {
  const v = cell.value;
  if (opts.formula !== undefined) return { kind: 'formula', formula: opts.formula, cached: v ?? null };
  if (typeof v === 'number' && !opts.conflict) {
    const want = cell.format ?? 'General';
    const nf = ed.styles.numFmtOf(sx.styleAt(r, c));
    return want === (nf.code ?? builtinFormat(nf.id)) ? { kind: 'number', value: v } : { kind: 'number', value: v, numFmt: want };
  }
  if (typeof v === 'boolean' && !opts.conflict) return { kind: 'boolean', value: v };
  return { kind: 'text', text: cell.text };
}
