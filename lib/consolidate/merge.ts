// Consolidation, stage 3: what each file changed, judged against its base, sorted into
// answers, unapplied changes and added rows; then each cell's round state settled.
import { checkParsed, noteFindings } from '../check';
import { sortFindings } from '../validate';
import type { Config } from '../config/schema';
import { a1, cellKey, sameContent, type Cell } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { KEY_HEADER, KEY_PREFIX } from '../marks';
import { type ReportCell, type ReportSheet } from '../report';
import { mappedColumns, sectionPath, type MasterModel, type MasterRow } from './model';
import { answer, contentHash, EMPTY_CELL, isBlankContent, shownCell, type Answer, type CellState } from './answers';
import type { CellReason, ClearedItem, ConflictItem, FindingItem, UnauthorizedItem, UnplacedItem } from './types';
import { formulaCellOf, nonEmpty, Loaded } from './load';
import { Landing, Fates } from './fates';
import { SrcRow, matchRows, findKeyCell, candidateRows, placeAdded } from './match';

/**
 * A changed master cell; also the landing of the cells written to it, once settled its write,
 * and, where the round has no state for the cell yet, that state (one object for all: merge
 * keeps one per answered cell of every file). Its state fields are unused where the record
 * held the cell's state already.
 */
export interface Pending extends Landing, Write, CellState {
  /** Each file's word on the cell, in the order the files were taken. */
  contributions: Contributed[];
}

/**
 * A file's word on a cell: its typed cell, or `back` (its base again, an earlier answer
 * withdrawn). Made as the Answer the round's state keeps, so settling makes no second object.
 */
export interface Contributed extends Answer {
  back: boolean;
  /** The fingerprint merge took of the cell, where it had a base to compare with. */
  hash: string | undefined;
}

/** No answer yet; shared: answer() makes a new list, never pushes to one. */
const NO_ANSWERS = Object.freeze([]) as unknown as Answer[];

export interface AddedRow {
  loaded: Loaded;
  src: SrcRow;
  anchor: MasterRow;
  order: number;
}

/** A row of a returned file, as the lists of rows merge keeps name it (file, sheet, 1-based row). */
export function fileRowKey(l: Loaded, sheet: string, row: number | string): string {
  return `${l.index}\u0000${sheet}\u0000${row}`;
}

/** Findings of the returned files; `noProgress`: those saying a row's progress cells are all empty. */
export function validateAll(loaded: Loaded[], model: MasterModel, config: Config): { findings: FindingItem[]; noProgress: Set<FindingItem> } {
  const findings: FindingItem[] = [];
  const noProgress = new Set<FindingItem>();
  for (const l of loaded) {
    if (!l.parsed || l.status === 'no-report' || l.status === 'other-type') continue;
    // The master is context: a 再掲 in a section's file has its source in rows it was not sent.
    // A copy, so the bullet index built for the 再掲 rules is not kept for the rest of the run.
    // A returned file is an answer, however empty: the template mark it still carries is dropped.
    const parsed = { ...l.parsed };
    delete parsed.template;
    const { findings: found } = checkParsed(l.src.name, parsed, config, { context: [model.parsed] });
    const all = l.notes ? sortFindings([...found, ...noteFindings(l.notes)], parsed.workbook.sheets.map((s) => s.name)) : found;
    for (const f of all) {
      const item: FindingItem = { department: l.dept, file: l.src.name, rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message };
      if (f.rule === 'required' && f.messageId === 'noProgress') noProgress.add(item);
      findings.push(item);
    }
  }
  return { findings, noProgress };
}

/** What the returned files changed, before anything is written. */
export interface Merge {
  /** Changed master cells in the order first seen, and the same by sheet and (r, c). */
  pending: Pending[];
  pendingAt: Map<string, Map<number, Pending>>;
  /** Rows of a returned file that belong to other departments (file, sheet, 1-based row). */
  foreign: Set<string>;
  /** Its rows of a master row it shares with other departments, by the same key. */
  joint: Map<string, MasterRow>;
  unauthorizedRaw: (UnauthorizedItem & { target: MasterRow; r: number; c: number })[];
  unplaced: UnplacedItem[];
  addedRows: AddedRow[];
  taken: Map<string, { rows: Set<MasterRow>; changed: Set<MasterRow> }>;
  /** The round's answer cells from the record, by sheet and (r, c) of the master. */
  states: Map<string, Map<number, CellState>>;
  /** This run of the round (1, 2, …): what each answer taken now is stamped with. */
  run: number;
}

export function mergeAll(applied: Loaded[], model: MasterModel, fates: Fates, states: Merge['states'], run: number): Merge {
  const merge: Merge = { pending: [], pendingAt: new Map(), foreign: new Set(), joint: new Map(), unauthorizedRaw: [], unplaced: [], addedRows: [], taken: new Map(), states, run };
  const candidatesOf = candidateRows(model);
  for (const l of applied) {
    const dept = l.dept!;
    const tk = merge.taken.get(dept) ?? { rows: new Set<MasterRow>(), changed: new Set<MasterRow>() };
    merge.taken.set(dept, tk);
    for (const ss of l.parsed!.reports) mergeSheet(merge, l, ss, candidatesOf(ss), tk, fates);
  }
  return merge;
}

/**
 * A file's word on one master cell, added to the cell's pending change (made on first need).
 * The list starts as `[x]`: a `[]` pushed to reserves room for 17, and most cells get one.
 */
export function contribute(merge: Merge, at: Map<number, Pending>, m: MasterRow, r: number, c: number, x: Contributed): Pending {
  let p = at.get(cellKey(r, c));
  if (!p) {
    // Every field set now: one shape, and no property storage added when it is settled.
    at.set(cellKey(r, c), (p = { m, sheet: m.sheet, r, c, output: false, contributions: [x], cell: EMPTY_CELL, conflict: false, formula: undefined, baseHash: '', baseline: undefined, answers: NO_ANSWERS, writtenHash: '' }));
    merge.pending.push(p);
  } else p.contributions.push(x);
  return p;
}

/** One sheet of one returned file: pair its rows with the master's and sort each cell's change. */
export function mergeSheet(
  merge: Merge,
  l: Loaded,
  ss: ReportSheet,
  candidates: MasterRow[],
  tk: { rows: Set<MasterRow>; changed: Set<MasterRow> },
  fates: Fates,
): void {
  const dept = l.dept!;
  const sheetName = ss.sheet.name;
  const mappedCols = mappedColumns(ss);
  const srcRows: SrcRow[] = ss.rows.map((row) => {
    const keyCell = findKeyCell(ss.sheet, row.r, mappedCols);
    const s: SrcRow = { rs: ss, row, path: sectionPath(row) };
    if (keyCell) s.keyCell = keyCell;
    return s;
  });
  // Key cells anywhere (also on rows the parser did not take as data) are ours.
  const sf = fates.of(l, sheetName);
  // forEach: a for-of over entries allocates a pair per cell, and this visits every cell.
  ss.sheet.rows.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (cell.text.startsWith(KEY_PREFIX) || cell.text === KEY_HEADER) sf.setWithText(r, c, cell.text, 'control');
    }),
  );
  if (srcRows.length === 0) return;
  matchRows(srcRows, candidates, dept);
  // Only a merged cell can be reached from two rows (carried cells are skipped).
  const seenAnchor = ss.sheet.merges.length > 0 ? new Set<number>() : undefined;
  for (const s of srcRows) {
    if (!s.match) continue;
    const m = s.match;
    const owned = m.owners.includes(dept);
    if (owned) tk.rows.add(m);
    else merge.foreign.add(fileRowKey(l, sheetName, s.row.r + 1));
    if (owned && m.owners.length > 1) merge.joint.set(fileRowKey(l, sheetName, s.row.r + 1), m);
    let atSheet = merge.pendingAt.get(m.sheet);
    if (!atSheet) merge.pendingAt.set(m.sheet, (atSheet = new Map()));
    const at = atSheet;
    // forEach, not for-of: no [key, cell] pair made for each cell of each row.
    s.row.cells.forEach((sc, key) => {
      if (sc.carried) return;
      if (seenAnchor) {
        const anchor = cellKey(sc.r, sc.c);
        if (seenAnchor.has(anchor)) return;
        seenAnchor.add(anchor);
      }
      const mc = m.row.cells.get(key);
      const col = m.map.get(key);
      if (col === undefined) {
        if (nonEmpty(sc.text)) {
          sf.set(sc.r, sc.c, 'reported');
          merge.unplaced.push(unplacedItem(l, sheetName, sc, 'extra-column'));
        }
        return;
      }
      const master = mc?.text ?? '';
      const tr = mc ? mc.r : m.row.r;
      const tc = mc ? mc.c : col;
      const read = ss.sheet.rows.get(sc.r)?.get(sc.c);
      const masterCell = m.rs.sheet.rows.get(tr)?.get(tc);
      const state = merge.states.get(m.sheet)?.get(cellKey(tr, tc));
      // Changed is judged against what the section was given: the base split wrote into its key,
      // else the round's own text (a whole copy of the master), else the master as it is.
      const base = s.bases?.get(key) ?? state?.baseHash;
      // A formula saved without its value was read as typed text (load.ts); where it is the
      // formula the file was given, it is that formula, unchanged.
      const asFormula = formulaCellOf(read);
      const srcCell = asFormula && (base !== undefined ? contentHash(asFormula) === base : sameContent(asFormula, masterCell)) ? asFormula : read;
      // Kept with the answer: settle records what it writes by this same fingerprint.
      const hash = base !== undefined ? contentHash(srcCell) : undefined;
      const changed = base !== undefined ? hash !== base : !sameContent(srcCell, masterCell);
      if (!changed || (!owned && sameContent(srcCell, masterCell))) {
        // Its base again: where this department's earlier answer stands, that answer is withdrawn.
        if (owned && state?.answers.some((a) => a.department === dept)) {
          contribute(merge, at, m, tr, tc, { department: dept, file: l.src.name, run: merge.run, cell: srcCell ?? EMPTY_CELL, sheet: sheetName, at: a1(sc.r, sc.c), back: true, hash: undefined });
          tk.changed.add(m);
        }
        sf.setWithText(sc.r, sc.c, sc.text, 'base');
        return;
      }
      if (owned) {
        // By cell, not by row: rows sharing a merged cell change one cell.
        const p = contribute(merge, at, m, tr, tc, { department: dept, file: l.src.name, run: merge.run, cell: srcCell ?? EMPTY_CELL, sheet: sheetName, at: a1(sc.r, sc.c), back: false, hash });
        tk.changed.add(m);
        sf.setWithText(sc.r, sc.c, sc.text, 'out', p);
      } else {
        merge.unauthorizedRaw.push({
          department: dept, file: l.src.name, sheet: m.sheet, cell: '', row: 0, sourceSheet: sheetName, sourceCell: a1(sc.r, sc.c),
          before: master, after: sc.text, target: m, r: tr, c: tc,
        });
        sf.set(sc.r, sc.c, 'reported');
      }
    });
  }
  // Unmatched rows with text of their own are rows the section added.
  srcRows.forEach((s, idx) => {
    if (s.match) return;
    const own = [...s.row.cells.values()].filter((c) => !c.carried && !c.merged && nonEmpty(c.text));
    if (own.length === 0) return;
    const anchor = placeAdded(s, srcRows, idx, candidates);
    if (!anchor) {
      for (const c of own) {
        sf.set(c.r, c.c, 'reported');
        merge.unplaced.push(unplacedItem(l, sheetName, c, 'no-place'));
      }
      return;
    }
    merge.addedRows.push({ loaded: l, src: s, anchor, order: merge.addedRows.length });
  });
}

export function unplacedItem(l: Loaded, sheet: string, c: ReportCell, reason: CellReason): UnplacedItem {
  return { department: l.dept, file: l.src.name, sheet, cell: a1(c.r, c.c), reason, message: t.cellReasons[reason]!, text: c.text };
}

/** A master cell to write: a settled Pending. */
export interface Write {
  m: MasterRow;
  r: number;
  c: number;
  cell: Cell;
  conflict: boolean;
  /** The master's own formula, put back when the answers that replaced it are withdrawn. */
  formula: string | undefined;
}

export type RawConflict = ConflictItem & { m: MasterRow; r: number; c: number };
export type RawCleared = Omit<ClearedItem, 'cell' | 'row'> & { r: number; c: number };

/**
 * Each changed cell's round state after this run's files: earlier answers kept, each
 * department's replaced by its latest, and the cell written only where what it shows changes.
 * A cell the secretariat edited since the last run starts again from that edit.
 */
export function settle(pending: Pending[], states: Merge['states'], run: number): { writes: Write[]; conflictsRaw: RawConflict[]; clearedRaw: RawCleared[]; touched: CellState[] } {
  const writes: Pending[] = [];
  const clearedRaw: RawCleared[] = [];
  const conflictsRaw: RawConflict[] = [];
  const touched: CellState[] = [];
  for (const p of pending) {
    const current = p.m.rs.sheet.rows.get(p.r)?.get(p.c);
    let st = states.get(p.sheet)?.get(cellKey(p.r, p.c));
    const currentHash = contentHash(current);
    if (!st || currentHash !== st.writtenHash) {
      // The pending cell becomes the cell's state: no second object for it.
      st = p;
      p.baseHash = currentHash;
      p.baseline = current ?? EMPTY_CELL;
      p.writtenHash = currentHash;
      let bySheet = states.get(p.sheet);
      if (!bySheet) states.set(p.sheet, (bySheet = new Map()));
      bySheet.set(cellKey(p.r, p.c), st);
    }
    // The last answer given, and the fingerprint merge took of its cell.
    let lastAnswer: Answer | undefined;
    let lastHash: string | undefined;
    for (const x of p.contributions) {
      // The contribution is the answer kept, or the withdrawal (`back`) itself: made so in merge.
      answer(st, x);
      if (!x.back) {
        lastAnswer = x;
        lastHash = x.hash;
      }
    }
    touched.push(st);
    const shown = shownCell(st, current);
    if (!sameContent(shown.cell, current) || shown.conflict) {
      const own = st.answers.length === 0 ? st.baseline?.formula : undefined;
      p.cell = shown.cell;
      p.conflict = shown.conflict;
      p.formula = own;
      writes.push(p);
      // Text deleted leaves nothing to see in the cell: said, with what it held.
      const by = lastAnswer ?? p.contributions[p.contributions.length - 1];
      if (!shown.conflict && own === undefined && isBlankContent(shown.cell) && current && !isBlankContent(current) && by) {
        clearedRaw.push({ department: by.department, file: by.file, sheet: p.sheet, r: p.r, c: p.c, before: current.text });
      }
    }
    // The one answer shown is the cell merge fingerprinted already: no second hash of its text.
    const known = !shown.conflict && lastAnswer !== undefined && st.answers.length === 1 && st.answers[0] === lastAnswer ? lastHash : undefined;
    st.writtenHash = known ?? contentHash(shown.cell);
    if (shown.conflict) conflictsRaw.push(conflictOf(st, p.m, run));
  }
  return { writes, conflictsRaw, clearedRaw, touched };
}

export function conflictOf(st: CellState, m: MasterRow, run: number): RawConflict {
  return {
    sheet: st.sheet, cell: '', row: 0, departments: [...new Set(st.answers.map((a) => a.department))],
    contributions: st.answers.map((a) => ({ department: a.department, file: a.file, sheet: a.sheet, cell: a.at, text: a.cell.text })),
    run: Math.max(0, ...st.answers.map((a) => a.run)) || run,
    m, r: st.r, c: st.c,
  };
}
