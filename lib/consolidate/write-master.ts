// Consolidation, stage 4: the master's sheets patched — typed answers, conflict and unfilled
// colours, the 集約メモ notes, added rows — with formats kept and rows moved into place.
import { a1 } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { isStatusNote, NOTE_HEADER } from '../marks';
import { type ReportSheet } from '../report';
import { linesFor, pointsFor } from '../ooxml/height';
import { RowMap } from '../ooxml/rowmap';
import type { SheetXml } from '../ooxml/sheet';
import type { XlsxEditor } from '../ooxml/workbook';
import { builtinFormat, builtinId } from '../read/numfmt';
import { isEditable, noteColumn, type MasterModel, type MasterRow } from './model';
import { freeColumn } from './split';
import { fillPattern, giveBackFill, markOf, type UnfilledMark } from './state';
import type { AddedItem, UnplacedItem } from './types';
import { nonEmpty } from './load';
import { Fates } from './fates';
import { AddedRow, unplacedItem, Write } from './merge';

/** What writing one master sheet needs, shared by all sheets. */
/** The colours of consolidation's marks (ARGB). */
export const FILLS = {
  conflict: 'FFF8CBAD',
  added: 'FFE2EFDA',
  // Rose: no master's heading tint is pink, and it stays darker than them in greyscale prints.
  unfilled: 'FFFF99CC',
  unauthorized: 'FFFCE4D6',
} as const;

export interface WriteContext {
  ed: XlsxEditor;
  model: MasterModel;
  writesBySheet: Map<string, Write[]>;
  notes: Map<MasterRow, string[]>;
  unfilledRows: Set<MasterRow>;
  rowMaps: Map<string, RowMap>;
  inserts: Map<string, Map<number, AddedRow[]>>;
  noteStyleBase: number;
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
export const UNFILLED_FILL = fillPattern(FILLS.unfilled, LEGACY_UNFILLED);

export const HISTORY_FILL = fillPattern(FILLS.conflict, FILLS.added);

/** Changes, fills, notes and added rows of one master sheet, then its rows moved into place. */
export function writeSheet(w: WriteContext, rs: ReportSheet, rows: MasterRow[]): void {
  const { ed, notes, fates } = w;
  const name = rs.sheet.name;
  const sx = ed.sheet(name);
  const rm = w.rowMaps.get(name)!;
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
  // Earlier marks come off where the cell still shows our colour; this run marks afresh. First,
  // so a colour added now is recorded over the cell's own fill.
  for (const k of w.prevMarks) if (k.sheet === name) giveBackFill(ed, k, UNFILLED_FILL);
  const kept = new Set<string>();
  for (const k of w.prevHistory) {
    if (k.sheet !== name) continue;
    if (!w.sameRound) {
      giveBackFill(ed, k, HISTORY_FILL);
    } else if (HISTORY_FILL.test(ed.styles.fillOf(sx.styleAt(k.r, k.c)))) {
      w.history.push(k);
      kept.add(`${k.r},${k.c}`);
    }
  }
  for (const x of w.writesBySheet.get(name) ?? []) {
    let style: number | undefined;
    if (x.conflict) {
      const before = sx.styleAt(x.r, x.c);
      style = ed.styles.derive(before, { fill: FILLS.conflict });
      const mark = kept.has(`${x.r},${x.c}`) ? undefined : markOf(ed, name, x.r, x.c, before);
      if (mark) w.history.push(mark);
    }
    writeTyped(ed, sx, x, style);
    touch(x.r, x.c, x.cell.text);
  }
  for (const m of rows) {
    if (!w.unfilledRows.has(m)) continue;
    for (const col of rs.type.columns) {
      const c = m.map.get(col.key);
      if (c === undefined || !isEditable(col) || m.row.cells.get(col.key)?.merged) continue;
      const style = sx.styleAt(m.row.r, c);
      sx.setStyle(m.row.r, c, ed.styles.derive(style, { fill: FILLS.unfilled }));
      const mark = markOf(ed, name, m.row.r, c, style);
      if (mark) w.marks.push(mark);
    }
  }
  if (hasNotes) {
    const lastHeaderCol = Math.max(...[...(rs.columnMaps.get(rs.headerRows[0]!)?.values() ?? [0])]);
    for (const h of rs.headerRows) sx.setText(h, noteCol, NOTE_HEADER, ed.styles.derive(sx.styleAt(h, lastHeaderCol), { wrap: true }));
    sx.setColumn(noteCol, { width: 32 });
    const written = new Set<number>();
    for (const m of rows) {
      const old = oldNotes.get(m.row.r) ?? [];
      const n = [...old, ...(notes.get(m) ?? []).filter((x) => !old.includes(x))];
      if (n.length === 0) continue;
      sx.setText(m.row.r, noteCol, n.join('\n'), w.noteStyleBase);
      touch(m.row.r, noteCol, n.join('\n'));
      written.add(m.row.r);
    }
    for (const [r, lines] of oldNotes) {
      if (written.has(r)) continue;
      if (lines.length > 0) sx.setText(r, noteCol, lines.join('\n'), w.noteStyleBase);
      else sx.clearValue(r, noteCol);
    }
  }
  // Tall enough for every cell of the row: the master's texts where nothing new was written.
  const linesOf = (c: number, text: string): number => {
    const w = sx.columnWidth(c);
    return w > 0 ? linesFor(text, w) : 1;
  };
  for (const [r, cols] of touched) {
    let lines = 1;
    for (const [c, cell] of rs.sheet.rows.get(r) ?? []) if (!cols.has(c)) lines = Math.max(lines, linesOf(c, cell.text));
    for (const [c, text] of cols) lines = Math.max(lines, linesOf(c, text));
    sx.ensureHeight(r, pointsFor(lines));
  }
  sx.remap(rm, name);
  ed.remapNames(name, rm);
  ed.remapFormulas(name, rm);
  // The notes print with the table, so a printed copy can be worked from as well.
  if (hasNotes) ed.extendPrintArea(name, noteCol);
  if (!ins) return;
  for (const [x, list] of [...ins.entries()].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => w.deptOrder(a.loaded.dept!) - w.deptOrder(b.loaded.dept!) || a.order - b.order);
    const start = rm.insertedStart(x);
    list.forEach((a, k) => {
      const nr = start + k;
      const texts: Record<string, string> = {};
      for (const [key, c] of a.anchor.map) {
        const sc = a.src.row.cells.get(key);
        const before = sx.styleAt(nr, c);
        const style = ed.styles.derive(before, { fill: FILLS.added });
        const mark = markOf(ed, name, nr, c, before);
        if (mark) w.historyOut.push(mark);
        if (sc && !sc.carried && !sc.merged && nonEmpty(sc.text)) {
          sx.setText(nr, c, sc.text, style);
          texts[key] = sc.text;
          fates.set(a.loaded, a.src.rs.sheet.name, sc.r, sc.c, 'out', { sheet: name, r: nr, c, output: true });
        } else {
          sx.setStyle(nr, c, style);
        }
      }
      for (const [key, sc] of a.src.row.cells) {
        if (a.anchor.map.has(key) || sc.carried || sc.merged || !nonEmpty(sc.text)) continue;
        fates.set(a.loaded, a.src.rs.sheet.name, sc.r, sc.c, 'reported');
        w.unplaced.push(unplacedItem(a.loaded, a.src.rs.sheet.name, sc, 'extra-column'));
      }
      const noteText = format(t.noteAdded, { department: a.loaded.dept!, file: a.loaded.src.name });
      sx.setText(nr, noteCol, noteText, w.noteStyleBase);
      const lines = [...a.anchor.map].map(([key, c]) => (texts[key] && sx.columnWidth(c) > 0 ? linesFor(texts[key]!, sx.columnWidth(c)) : 1));
      sx.ensureHeight(nr, pointsFor(Math.max(1, linesFor(noteText, 32), ...lines)));
      w.addedItems.push({
        department: a.loaded.dept!, file: a.loaded.src.name, sheet: name, row: nr + 1, cell: a1(nr, 0),
        sourceSheet: a.src.rs.sheet.name, sourceRow: a.src.row.r + 1, texts,
      });
    });
  }
}

/**
 * A cell written as what it is: a number stays a number with its format (the section's, where
 * it differs from the master's), a boolean a boolean, text inline text (never a formula).
 */
export function writeTyped(ed: XlsxEditor, sx: SheetXml, x: Write, style?: number): void {
  const base = style ?? sx.styleAt(x.r, x.c);
  const v = x.cell.value;
  if (x.formula !== undefined) {
    sx.setFormula(x.r, x.c, x.formula, v, base);
  } else if (typeof v === 'number' && !x.conflict) {
    const want = x.cell.format ?? 'General';
    const nf = ed.styles.numFmtOf(base);
    const have = nf.code ?? builtinFormat(nf.id);
    sx.setValue(x.r, x.c, v, want === have ? base : ed.styles.derive(base, { numFmt: builtinId(want) ?? want }));
  } else if (typeof v === 'boolean' && !x.conflict) {
    sx.setValue(x.r, x.c, v, base);
  } else {
    sx.setText(x.r, x.c, x.cell.text, base);
  }
}
