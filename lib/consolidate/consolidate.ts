// consolidate: a three-way merge of returned workbooks into the master. The master is the
// base; each department's changes to its own rows are taken, everything else is reported,
// and every non-empty cell of every returned workbook is accounted for.
import { checkParsed, readErrorMessage } from '../check';
import type { Config } from '../config/schema';
import { a1, cellKey, fromCellKey, parseA1, sameContent, type Cell, type Sheet, type Workbook } from '../grid';
import { consolidate as t, format, readErrors } from '../locale/ja';
import { normalize } from '../normalize';
import { ReadError } from '../read/sheetjs';
import { readWorkbook } from '../read/workbook';
import { readSection } from '../section';
import { parseWorkbook, type ParsedWorkbook, type ReportCell, type ReportRow, type ReportSheet } from '../report';
import { linesFor, pointsFor } from '../ooxml/height';
import { RowMap } from '../ooxml/rowmap';
import type { SheetXml } from '../ooxml/sheet';
import type { XlsxEditor } from '../ooxml/workbook';
import { builtinFormat, builtinId } from '../read/numfmt';
import { departmentFromName, knownDepartments } from './departments';
import { buildModel, isEditable, mappedColumns, noteColumn, parseKey, rowKeyText, sectionPath, type MasterModel, type MasterRow } from './model';
import { openMaster } from './master';
import { freeColumn } from './split';
import { summarySheetXml } from './summary-sheet';
import { answer, contentHash, shownCell, store, type CellState } from './answers';
import { believedState, fillPattern, giveBackFill, markOf, stateSheetXml, type OpenItem, type UnfilledMark } from './state';
import type {
  AddedItem, CellReason, CellTrace, ConflictItem, ConsolidateOptions, ConsolidatePhase, ConsolidateResult, Contribution,
  DepartmentSummary, FileSummary, FindingItem, MissingRowsItem, Source, Summary, UnauthorizedItem, UnplacedItem,
} from './types';

export const FILLS = {
  conflict: 'FFF8CBAD',
  added: 'FFE2EFDA',
  unfilled: 'FFFFF2CC',
  unauthorized: 'FFFCE4D6',
} as const;

/** The master could not be used; `code` picks the CLI message. */
export class ConsolidateError extends Error {
  constructor(
    readonly code: 'master-no-report',
    readonly detail = '',
  ) {
    super(code);
    this.name = 'ConsolidateError';
  }
}

interface Loaded {
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
}

interface SrcRow {
  rs: ReportSheet;
  row: ReportRow;
  path: string;
  /** Normalized row key; computed only for rows our key did not match. */
  keyText?: string;
  keyCell?: { r: number; c: number };
  /** What split wrote into the row's answer cells (fingerprints by column key), from its key. */
  bases?: Map<string, string>;
  match?: MasterRow;
}

/** A changed master cell; also the landing of the cells written to it (one object for all). */
interface Pending extends Landing {
  target: MasterRow;
  /** Each file's word on the cell: its typed cell, or `back` (its base again, an earlier answer withdrawn). */
  contributions: (Omit<Contribution, 'cell' | 'text'> & { cell?: Cell; back?: true; sr: number; sc: number })[];
}

interface AddedRow {
  loaded: Loaded;
  src: SrcRow;
  anchor: MasterRow;
  order: number;
}

const nonEmpty = (s: string): boolean => s.trim() !== '';

/** Non-empty cells, and whether any holds a formula (one pass: most files hold none). */
function countCells(wb: Workbook): { cells: number; formulas: boolean } {
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
function departmentByName(src: Source, candidates: string[]): Pick<Loaded, 'dept' | 'from'> {
  const bySheet = src.sheet !== undefined ? departmentFromName(src.sheet, candidates) : null;
  const byFile = bySheet ? null : departmentFromName(src.name.replace(/#.*$/, ''), candidates);
  return { dept: bySheet ?? byFile, from: bySheet ? 'sheet-name' : byFile ? 'file-name' : null };
}

function load(src: Source, index: number, candidates: string[], config: Config): Loaded {
  const base: Loaded = { index, src, dept: null, from: null, status: 'applied', cells: 0 };
  // An unreadable file still tells by its name which department sent it.
  const unreadable = (reason: string): Loaded => ({ ...base, ...departmentByName(src, candidates), status: 'unreadable', reason });
  let grid: Workbook;
  if (src.error !== undefined || (!src.bytes && !src.workbook)) return unreadable(src.error ?? readErrors['not-found']!);
  try {
    grid = src.workbook ?? readWorkbook(src.bytes ?? new Uint8Array(), src.name);
  } catch (err) {
    return unreadable(err instanceof ReadError ? readErrorMessage(err).message : format(readErrors['unreadable']!, { detail: err instanceof Error ? err.message : String(err) }));
  }
  if (src.sheet !== undefined) {
    const want = normalize(src.sheet);
    const sheet = grid.sheets.find((s) => s.name === src.sheet) ?? grid.sheets.find((s) => normalize(s.name) === want);
    if (!sheet) return unreadable(format(t.sheetNotFound, { sheet: src.sheet }));
    grid = { name: src.name, sheets: [sheet] };
  }
  let counted = countCells(grid);
  if (counted.formulas) {
    grid = formulasAsText(grid);
    counted = countCells(grid);
  }
  const metaSheet = grid.sheets.find((s) => s.name === t.metaSheet);
  const body: Workbook = metaSheet ? { name: grid.name, sheets: grid.sheets.filter((s) => s !== metaSheet) } : grid;
  const out: Loaded = { ...base, grid, cells: counted.cells, ...(metaSheet ? { metaSheet } : {}) };
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

interface CandidateIndex {
  byKeyId: Map<string, MasterRow>;
  byText: Map<string, MasterRow[]>;
  paths: Set<string>;
  order: Map<MasterRow, number>;
}
const indexes = new WeakMap<MasterRow[], CandidateIndex>();

function indexOf(candidates: MasterRow[]): CandidateIndex {
  const hit = indexes.get(candidates);
  if (hit) return hit;
  const byKeyId = new Map<string, MasterRow>();
  const byText = new Map<string, MasterRow[]>();
  const paths = new Set<string>();
  for (const m of candidates) {
    byKeyId.set(`${m.sheetIndex}:${m.row.r}`, m);
    paths.add(m.path);
    const key = `${m.path}\u0002${m.keyText}`;
    const l = byText.get(key) ?? [];
    l.push(m);
    byText.set(key, l);
  }
  const idx = { byKeyId, byText, paths, order: new Map(candidates.map((m, i) => [m, i])) };
  indexes.set(candidates, idx);
  return idx;
}

/** Pairs source rows with master rows: our key, then hierarchy + 取組内容, then order. */
function matchRows(srcRows: SrcRow[], candidates: MasterRow[], dept: string): void {
  const used = new Set<MasterRow>();
  const { byKeyId, byText, paths, order } = indexOf(candidates);
  for (const s of srcRows) {
    if (!s.keyCell) continue;
    const text = s.rs.sheet.rows.get(s.keyCell.r)?.get(s.keyCell.c)?.text ?? '';
    const k = parseKey(text);
    if (k?.bases) s.bases = k.bases;
    const m = k ? byKeyId.get(`${k.sheetIndex}:${k.r}`) : undefined;
    if (m && k && m.hash === k.hash && !used.has(m)) {
      s.match = m;
      used.add(m);
    }
  }
  // A split file holds only the department's rows: a row there without a key can only be
  // one of them (its key lost), never another department's row with the same 取組番号.
  const keyed = srcRows.some((s) => s.keyCell);
  for (const s of srcRows) {
    if (s.match) continue;
    const keyText = (s.keyText ??= rowKeyText(s.row, s.rs));
    if (keyText.split('\u0001').every((x) => x === '')) continue;
    const l = byText.get(`${s.path}\u0002${keyText}`) ?? (paths.has(s.path) ? [] : candidates.filter((m) => m.keyText === keyText));
    const m = l.find((x) => !used.has(x) && (!keyed || x.owners.includes(dept)));
    if (m) {
      s.match = m;
      used.add(m);
    }
  }
  // A split file keys every row it was given: a row without a key was added there.
  if (keyed) return;
  // Runs of unmatched rows between matched anchors pair up with the master's rows in the
  // same gap, in order, when the counts agree (all rows, or the department's own).
  let i = 0;
  while (i < srcRows.length) {
    if (srcRows[i]!.match) {
      i++;
      continue;
    }
    let j = i;
    while (j < srcRows.length && !srcRows[j]!.match) j++;
    const lo = i > 0 ? order.get(srcRows[i - 1]!.match!)! : -1;
    const hi = j < srcRows.length ? order.get(srcRows[j]!.match!)! : candidates.length;
    const run = srcRows.slice(i, j);
    const gap = candidates.filter((m, k) => k > lo && k < hi && !used.has(m));
    const own = gap.filter((m) => m.owners.includes(dept));
    const pick = gap.length === run.length ? gap : own.length === run.length ? own : null;
    if (pick) {
      run.forEach((s, k) => {
        const m = pick[k]!;
        // Only within one section: a row never jumps to another 取組方針.
        if (m.path === s.path || !paths.has(s.path)) {
          s.match = m;
          used.add(m);
        }
      });
    }
    i = j;
  }
}

function findKeyCell(sheet: Sheet, r: number, mapped: Set<number>): { r: number; c: number } | undefined {
  const row = sheet.rows.get(r);
  if (!row) return undefined;
  // Keys, not entries: no pair per cell of every row.
  for (const c of row.keys()) {
    if (!mapped.has(c) && row.get(c)!.text.startsWith('shinchoku:v1:')) return { r, c };
  }
  return undefined;
}

const FATES: readonly CellTrace['fate'][] = ['out', 'base', 'control', 'reported'];
const FATE_CODE: Record<CellTrace['fate'], number> = { out: 0, base: 1, control: 2, reported: 3 };

/** Where a taken text landed: a master cell (moved by the row map later) or an output cell. */
interface Landing {
  sheet: string;
  r: number;
  c: number;
  /** r is already an output row (an added row), not a master row. */
  output: boolean;
}

class SheetFates {
  constructor(
    private readonly sheet: Sheet | undefined,
    private readonly codes: Map<number, number>,
    private readonly landings: Map<number, Landing>,
  ) {}

  has(r: number, c: number): boolean {
    return this.codes.has(cellKey(r, c));
  }

  set(r: number, c: number, fate: CellTrace['fate'], landing?: Landing): void {
    this.setWithText(r, c, this.sheet?.rows.get(r)?.get(c)?.text ?? '', fate, landing);
  }

  /** The same, for a caller that holds the cell's text already. */
  setWithText(r: number, c: number, text: string, fate: CellTrace['fate'], landing?: Landing): void {
    if (!nonEmpty(text)) return;
    const k = cellKey(r, c);
    this.codes.set(k, FATE_CODE[fate]);
    if (landing) this.landings.set(k, landing);
    else if (this.landings.size > 0) this.landings.delete(k);
  }
}

/**
 * Where each non-empty cell of each returned workbook went, keyed by file, sheet and (r, c).
 * Kept as small codes: the trace (tens of thousands of objects) is built only when asked for.
 */
class Fates {
  private readonly byFile = new Map<Loaded, Map<string, Map<number, number>>>();
  private readonly landings = new Map<Loaded, Map<string, Map<number, Landing>>>();
  private readonly sheets = new Map<Loaded, Map<string, Sheet>>();

  private sheetOf(l: Loaded, name: string): Sheet | undefined {
    let m = this.sheets.get(l);
    if (!m) {
      m = new Map();
      for (const s of l.grid?.sheets ?? []) if (!m.has(s.name)) m.set(s.name, s);
      this.sheets.set(l, m);
    }
    return m.get(name);
  }

  private static at<T>(map: Map<Loaded, Map<string, T>>, l: Loaded, sheet: string, make: () => T): T {
    let bySheet = map.get(l);
    if (!bySheet) map.set(l, (bySheet = new Map()));
    let m = bySheet.get(sheet);
    if (m === undefined) bySheet.set(sheet, (m = make()));
    return m;
  }

  /** Records a cell's fate; an empty cell has none to record. */
  set(l: Loaded, sheet: string, r: number, c: number, fate: CellTrace['fate'], landing?: Landing): void {
    this.of(l, sheet).set(r, c, fate, landing);
  }

  /** The fates of one sheet of one file, for loops over its cells (no lookups per cell). */
  of(l: Loaded, sheet: string): SheetFates {
    const codes = Fates.at(this.byFile, l, sheet, () => new Map<number, number>());
    const landings = Fates.at(this.landings, l, sheet, () => new Map<number, Landing>());
    return new SheetFates(this.sheetOf(l, sheet), codes, landings);
  }

  /** Cells per fate, without building the trace. */
  counts(): Record<CellTrace['fate'], number> {
    const n = [0, 0, 0, 0];
    for (const bySheet of this.byFile.values()) for (const m of bySheet.values()) for (const code of m.values()) n[code]!++;
    return { out: n[0]!, base: n[1]!, control: n[2]!, reported: n[3]! };
  }

  /** Every trace, in file, sheet, row, column order; `out` gives a master row's output row. */
  trace(loaded: readonly Loaded[], out: (sheet: string, r: number) => number): CellTrace[] {
    const all: { tr: CellTrace; r: number; c: number }[] = [];
    // A loop, not push(...values): spreading 100,000+ cells overflows the call stack.
    for (const l of loaded) {
      for (const [sheet, m] of this.byFile.get(l) ?? []) {
        const rows = this.sheetOf(l, sheet)?.rows;
        const lands = this.landings.get(l)?.get(sheet);
        for (const [k, code] of m) {
          const { r, c } = fromCellKey(k);
          const land = lands?.get(k);
          const tr: CellTrace = { file: l.src.name, sheet, cell: a1(r, c), text: rows?.get(r)?.get(c)?.text ?? '', fate: FATES[code]! };
          if (land) tr.at = { sheet: land.sheet, cell: a1(land.output ? land.r : out(land.sheet, land.r), land.c) };
          all.push({ tr, r, c });
        }
      }
    }
    // Row and column as numbers: the same order as cmpCell, without parsing A1 per comparison.
    all.sort((a, b) => cmpStr(a.tr.file, b.tr.file) || cmpStr(a.tr.sheet, b.tr.sheet) || a.r - b.r || a.c - b.c);
    return all.map((x) => x.tr);
  }
}

/** One department, several files: neither is taken unless the newest one may be. */
function markDuplicates(loaded: Loaded[], preferNewest: boolean): void {
  const byDept = new Map<string, Loaded[]>();
  for (const l of loaded) {
    if (l.status !== 'applied' || !l.dept) continue;
    const list = byDept.get(l.dept) ?? [];
    list.push(l);
    byDept.set(l.dept, list);
  }
  for (const list of byDept.values()) {
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

function validateAll(loaded: Loaded[], model: MasterModel, config: Config): FindingItem[] {
  const findings: FindingItem[] = [];
  for (const l of loaded) {
    if (!l.parsed || l.status === 'no-report') continue;
    // The master is context: a 再掲 in a section's file has its source in rows it was not sent.
    // A copy, so the bullet index built for the 再掲 rules is not kept for the rest of the run.
    for (const f of checkParsed(l.src.name, { ...l.parsed }, config, { context: [model.parsed] }).findings) {
      findings.push({ department: l.dept, file: l.src.name, rule: f.rule, severity: f.severity, sheet: f.sheet, cell: f.cell, message: f.message });
    }
  }
  return findings;
}

/** What the returned files changed, before anything is written. */
interface Merge {
  /** Changed master cells in the order first seen, and the same by sheet and (r, c). */
  pending: Pending[];
  pendingAt: Map<string, Map<number, Pending>>;
  /** Rows of a returned file that belong to other departments (file, sheet, 1-based row). */
  foreign: Set<string>;
  unauthorizedRaw: (UnauthorizedItem & { target: MasterRow; r: number; c: number })[];
  unplaced: UnplacedItem[];
  addedRows: AddedRow[];
  taken: Map<string, { rows: Set<MasterRow>; changed: Set<MasterRow> }>;
  /** The round's answer cells from the record, by sheet and (r, c) of the master. */
  states: Map<string, Map<number, CellState>>;
}

/** Candidate master rows per (sheet, type) and per type, computed once. */
function candidateRows(model: MasterModel): (ss: ReportSheet) => MasterRow[] {
  const rowsBySheet = new Map<string, MasterRow[]>();
  const rowsByType = new Map<string, MasterRow[]>();
  for (const m of model.rows) {
    const k = `${m.sheet}\u0000${m.rs.type.id}`;
    const bySheet = rowsBySheet.get(k) ?? [];
    bySheet.push(m);
    rowsBySheet.set(k, bySheet);
    const byType = rowsByType.get(m.rs.type.id) ?? [];
    byType.push(m);
    rowsByType.set(m.rs.type.id, byType);
  }
  return (ss) => rowsBySheet.get(`${ss.sheet.name}\u0000${ss.type.id}`) ?? rowsByType.get(ss.type.id) ?? [];
}

function mergeAll(applied: Loaded[], model: MasterModel, fates: Fates, states: Merge['states']): Merge {
  const merge: Merge = { pending: [], pendingAt: new Map(), foreign: new Set(), unauthorizedRaw: [], unplaced: [], addedRows: [], taken: new Map(), states };
  const candidatesOf = candidateRows(model);
  for (const l of applied) {
    const dept = l.dept!;
    const tk = merge.taken.get(dept) ?? { rows: new Set<MasterRow>(), changed: new Set<MasterRow>() };
    merge.taken.set(dept, tk);
    for (const ss of l.parsed!.reports) mergeSheet(merge, l, ss, candidatesOf(ss), tk, fates);
  }
  return merge;
}

/** The pending change of one master cell, made on first need. */
function pendingAt(merge: Merge, at: Map<number, Pending>, m: MasterRow, r: number, c: number): Pending {
  let p = at.get(cellKey(r, c));
  if (!p) {
    at.set(cellKey(r, c), (p = { target: m, sheet: m.sheet, r, c, output: false, contributions: [] }));
    merge.pending.push(p);
  }
  return p;
}

/** One sheet of one returned file: pair its rows with the master's and sort each cell's change. */
function mergeSheet(
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
      if (cell.text.startsWith('shinchoku:v1:') || cell.text === t.keyHeader) sf.setWithText(r, c, cell.text, 'control');
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
    else merge.foreign.add(`${l.index}\u0000${sheetName}\u0000${s.row.r + 1}`);
    let at = merge.pendingAt.get(m.sheet);
    if (!at) merge.pendingAt.set(m.sheet, (at = new Map()));
    for (const [key, sc] of s.row.cells) {
      if (sc.carried) continue;
      if (seenAnchor) {
        const anchor = cellKey(sc.r, sc.c);
        if (seenAnchor.has(anchor)) continue;
        seenAnchor.add(anchor);
      }
      const mc = m.row.cells.get(key);
      const col = m.map.get(key);
      if (col === undefined) {
        if (nonEmpty(sc.text)) {
          sf.set(sc.r, sc.c, 'reported');
          merge.unplaced.push(unplacedItem(l, sheetName, sc, 'extra-column'));
        }
        continue;
      }
      const master = mc?.text ?? '';
      const tr = mc ? mc.r : m.row.r;
      const tc = mc ? mc.c : col;
      const srcCell = ss.sheet.rows.get(sc.r)?.get(sc.c);
      const masterCell = m.rs.sheet.rows.get(tr)?.get(tc);
      const state = merge.states.get(m.sheet)?.get(cellKey(tr, tc));
      // Changed is judged against what the section was given: the base split wrote into its key,
      // else the round's own text (a whole copy of the master), else the master as it is.
      const base = s.bases?.get(key);
      const changed = base !== undefined ? contentHash(srcCell) !== base : state ? contentHash(srcCell) !== state.baseHash : !sameContent(srcCell, masterCell);
      if (!changed || (!owned && sameContent(srcCell, masterCell))) {
        // Its base again: where this department's earlier answer stands, that answer is withdrawn.
        if (owned && state?.answers.some((a) => a.department === dept)) {
          pendingAt(merge, at, m, tr, tc).contributions.push({ department: dept, file: l.src.name, sheet: sheetName, sr: sc.r, sc: sc.c, back: true, cell: srcCell ?? { value: '', text: '', type: 's' } });
          tk.changed.add(m);
        }
        sf.setWithText(sc.r, sc.c, sc.text, 'base');
        continue;
      }
      if (owned) {
        // By cell, not by row: rows sharing a merged cell change one cell.
        const p = pendingAt(merge, at, m, tr, tc);
        p.contributions.push({ department: dept, file: l.src.name, sheet: sheetName, sr: sc.r, sc: sc.c, cell: srcCell ?? { value: '', text: '', type: 's' } });
        tk.changed.add(m);
        sf.setWithText(sc.r, sc.c, sc.text, 'out', p);
      } else {
        merge.unauthorizedRaw.push({
          department: dept, file: l.src.name, sheet: m.sheet, cell: '', row: 0, sourceSheet: sheetName, sourceCell: a1(sc.r, sc.c),
          before: master, after: sc.text, target: m, r: tr, c: tc,
        });
        sf.set(sc.r, sc.c, 'reported');
      }
    }
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

interface Write {
  m: MasterRow;
  r: number;
  c: number;
  cell: Cell;
  conflict: boolean;
  /** The master's own formula, put back when the answers that replaced it are withdrawn. */
  formula?: string;
}

type RawConflict = ConflictItem & { m: MasterRow; r: number; c: number };

/**
 * Each changed cell's round state after this run's files: earlier answers kept, each
 * department's replaced by its latest, and the cell written only where what it shows changes.
 * A cell the secretariat edited since the last run starts again from that edit.
 */
function settle(pending: Pending[], states: Merge['states'], run: number): { writes: Write[]; conflictsRaw: RawConflict[]; touched: CellState[] } {
  const writes: Write[] = [];
  const conflictsRaw: RawConflict[] = [];
  const touched: CellState[] = [];
  for (const p of pending) {
    const current = p.target.rs.sheet.rows.get(p.r)?.get(p.c);
    let st = states.get(p.sheet)?.get(cellKey(p.r, p.c));
    if (!st || contentHash(current) !== st.writtenHash) {
      st = { sheet: p.sheet, r: p.r, c: p.c, baseHash: contentHash(current), baseline: store(current), answers: [], writtenHash: contentHash(current) };
      let bySheet = states.get(p.sheet);
      if (!bySheet) states.set(p.sheet, (bySheet = new Map()));
      bySheet.set(cellKey(p.r, p.c), st);
    }
    for (const x of p.contributions) {
      if (x.back) answer(st, { department: x.department, back: true, cell: store(x.cell) });
      else answer(st, { department: x.department, file: x.file, run, cell: store(x.cell), sheet: x.sheet, at: a1(x.sr, x.sc) });
    }
    touched.push(st);
    const shown = shownCell(st, current);
    if (!sameContent(shown.cell, current) || shown.conflict) {
      const own = st.answers.length === 0 ? st.baseline?.f : undefined;
      writes.push({ m: p.target, r: p.r, c: p.c, cell: shown.cell, conflict: shown.conflict, ...(own !== undefined ? { formula: own } : {}) });
    }
    st.writtenHash = contentHash(shown.cell);
    if (shown.conflict) conflictsRaw.push(conflictOf(st, p.target, run));
  }
  return { writes, conflictsRaw, touched };
}

function conflictOf(st: CellState, m: MasterRow, run: number): RawConflict {
  return {
    sheet: st.sheet, cell: '', row: 0, departments: [...new Set(st.answers.map((a) => a.department))],
    contributions: st.answers.map((a) => ({ department: a.department, file: a.file, sheet: a.sheet, cell: a.at, text: a.cell.w })),
    run: Math.max(0, ...st.answers.map((a) => a.run)) || run,
    m, r: st.r, c: st.c,
  };
}

/** What writing one master sheet needs, shared by all sheets. */
interface WriteContext {
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

const UNFILLED_FILL = fillPattern(FILLS.unfilled);
const HISTORY_FILL = fillPattern(FILLS.conflict, FILLS.added);

/** Leading text of the notes on who answered, recomputed by every run. */
const STATUS_NOTES = [t.noteMissing, t.noteDuplicate, t.noteUnusable, t.noteDropped].map((x) => x.slice(0, x.indexOf('{')));

/** Changes, fills, notes and added rows of one master sheet, then its rows moved into place. */
function writeSheet(w: WriteContext, rs: ReportSheet, rows: MasterRow[]): void {
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
      oldNotes.set(r, w.sameRound ? text.split('\n').filter((line) => line !== '' && !STATUS_NOTES.some((p) => line.startsWith(p))) : []);
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
    for (const h of rs.headerRows) sx.setText(h, noteCol, t.noteHeader, ed.styles.derive(sx.styleAt(h, lastHeaderCol), { wrap: true }));
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
function writeTyped(ed: XlsxEditor, sx: SheetXml, x: Write, style?: number): void {
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

/**
 * Cells the rows did not account for: headings (the master's text), text outside the table,
 * and every cell of a file that was not applied.
 */
function accountRest(loaded: Loaded[], fates: Fates, inMaster: ReturnType<typeof masterTextTest>, unplaced: UnplacedItem[]): void {
  for (const l of loaded) {
    if (!l.grid) continue;
    const fileLevel = l.status !== 'applied';
    for (const sheet of l.grid.sheets) {
      const isMeta = sheet === l.metaSheet;
      const rs = l.parsed?.reports.find((r) => r.sheet === sheet);
      const dataRows = new Set(rs?.rows.map((r) => r.r) ?? []);
      const sf = fates.of(l, sheet.name);
      sheet.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!nonEmpty(cell.text)) return;
          if (!fileLevel && sf.has(r, c)) return;
          if (isMeta) {
            sf.setWithText(r, c, cell.text, 'control');
          } else if (fileLevel) {
            sf.setWithText(r, c, cell.text, 'reported');
          } else if (inMaster(cell.text, sheet.name, r, c)) {
            sf.setWithText(r, c, cell.text, 'base');
          } else {
            const reason: CellReason = !rs ? 'unrelated-sheet' : dataRows.has(r) ? 'extra-column' : 'outside-table';
            sf.setWithText(r, c, cell.text, 'reported');
            unplaced.push({ department: l.dept, file: l.src.name, sheet: sheet.name, cell: a1(r, c), reason, message: t.cellReasons[reason]!, text: cell.text });
          }
        }),
      );
    }
  }
}

/**
 * Every text of the master, to tell headings copied into a returned file from new text.
 * A heading mostly sits where it sits in the master: that cell is looked at first, and the
 * set of all texts (normalized only when that misses too) is built only when needed.
 */
function masterTextTest(grid: Workbook): (text: string, sheet: string, r: number, c: number) => boolean {
  const sheets = new Map<string, Sheet>();
  for (const s of grid.sheets) if (!sheets.has(s.name)) sheets.set(s.name, s);
  let raw: Set<string> | undefined;
  let normalized: Set<string> | undefined;
  return (text, sheet, r, c) => {
    if (sheets.get(sheet)?.rows.get(r)?.get(c)?.text === text) return true;
    if (!raw) {
      raw = new Set<string>();
      for (const s of grid.sheets) for (const row of s.rows.values()) for (const cell of row.values()) raw.add(cell.text);
    }
    if (raw.has(text)) return true;
    normalized ??= new Set([...raw].filter(nonEmpty).map(normalize));
    return normalized.has(normalize(text));
  };
}

/** The note beside a row its department's answer did not reach, by why. */
const ROW_NOTE: Record<MissingRowsItem['status'], string> = { missing: t.noteMissing, duplicate: t.noteDuplicate, unusable: t.noteUnusable, dropped: t.noteDropped };

/** Reports each phase's time since the previous one; nothing when nobody listens. */
function phaseClock(listen: ConsolidateOptions['onPhase']): (name: ConsolidatePhase) => void {
  if (!listen) return () => undefined;
  let last = performance.now();
  return (name) => {
    const now = performance.now();
    listen(name, now - last);
    last = now;
  };
}

export function consolidate(masterBytes: Uint8Array, sources: Source[], config: Config, opts: ConsolidateOptions = {}): ConsolidateResult {
  const masterName = opts.masterName ?? 'master.xlsx';
  const outputName = opts.outputName ?? 'output.xlsx';
  const phase = phaseClock(opts.onPhase);
  const { editor: ed, grid: masterGrid } = openMaster(masterBytes, masterName);
  const model = buildModel(masterGrid, config, opts.masterSheets);
  if (model.parsed.reports.length === 0) throw new ConsolidateError('master-no-report');
  // The master may be an earlier consolidation's output, late answers being added to it.
  const prev = believedState(masterGrid, model.parsed.reports.map((r) => r.sheet.name));
  const candidatesDepts = [...new Set([...model.departments, ...knownDepartments(config)])];
  const sheetOrder = masterGrid.sheets.map((s) => s.name);
  phase('master');

  const loaded = sources.map((s, i) => {
    const l = load(s, i, candidatesDepts, config);
    opts.onProgress?.(i + 1, sources.length, s.name);
    return l;
  });
  markDuplicates(loaded, opts.preferNewest === true);
  phase('read');

  const fates = new Fates();
  const findings = opts.validate !== false ? validateAll(loaded, model, config) : [];
  phase('validate');
  const deptOrder = (d: string): number => {
    const i = model.departments.indexOf(d);
    return i < 0 ? 1e6 : i;
  };
  const applied = loaded
    .filter((l) => l.status === 'applied')
    .sort((a, b) => deptOrder(a.dept!) - deptOrder(b.dept!) || cmpStr(a.src.name, b.src.name));
  // A later run of the round goes on from the answers the record kept; a new round starts afresh.
  const sameRound = prev?.summarySheet !== undefined;
  const run = sameRound ? Math.max(1, prev?.run ?? 0) + 1 : 1;
  const states: Merge['states'] = new Map();
  for (const st of sameRound ? (prev?.cells ?? []) : []) {
    let bySheet = states.get(st.sheet);
    if (!bySheet) states.set(st.sheet, (bySheet = new Map()));
    bySheet.set(cellKey(st.r, st.c), st);
  }
  const { pending, foreign, unauthorizedRaw, unplaced, addedRows, taken } = mergeAll(applied, model, fates, states);
  const { writes, conflictsRaw, touched } = settle(pending, states, run);
  // Conflicts of earlier runs still in their cells stay listed until the secretariat settles them.
  const rowAt = new Map<string, MasterRow>();
  for (const m of model.rows) for (let r = m.row.r; r <= m.lastR; r++) rowAt.set(`${m.sheet}\u0000${r}`, m);
  const touchedSet = new Set(touched);
  for (const bySheet of states.values()) {
    for (const st of bySheet.values()) {
      if (touchedSet.has(st)) continue;
      const m = rowAt.get(`${st.sheet}\u0000${st.r}`);
      const current = m?.rs.sheet.rows.get(st.r)?.get(st.c);
      if (!m || contentHash(current) !== st.writtenHash) {
        // Edited by the secretariat since: its text stands, the answers before it are settled.
        bySheet.delete(cellKey(st.r, st.c));
        continue;
      }
      if (shownCell(st).conflict) conflictsRaw.push(conflictOf(st, m, run));
    }
  }
  phase('merge');

  // Row maps: added rows go after the last row of their section.
  const inserts = new Map<string, Map<number, AddedRow[]>>();
  for (const a of addedRows) {
    const bySheet = inserts.get(a.anchor.sheet) ?? new Map<number, AddedRow[]>();
    const l = bySheet.get(a.anchor.lastR) ?? [];
    l.push(a);
    bySheet.set(a.anchor.lastR, l);
    inserts.set(a.anchor.sheet, bySheet);
  }
  const rowMaps = new Map<string, RowMap>();
  for (const rs of model.parsed.reports) {
    const ins = inserts.get(rs.sheet.name);
    const counts = new Map<number, number>();
    if (ins) for (const [x, l] of ins) counts.set(x, l.length);
    rowMaps.set(rs.sheet.name, new RowMap([], counts));
  }
  const out = (sheet: string, r: number): number => rowMaps.get(sheet)?.map(r) ?? r;

  // Departments and their status.
  const submitted = new Set(applied.map((l) => l.dept!));
  const dupDepts = new Set(loaded.filter((l) => l.status === 'duplicate').map((l) => l.dept!));
  // Departments that sent something, none of it usable (unreadable, no report in it).
  const unusableDepts = new Set(loaded.filter((l) => l.dept && (l.status === 'unreadable' || l.status === 'no-report')).map((l) => l.dept!));
  for (const d of [...submitted, ...dupDepts]) unusableDepts.delete(d);
  const rowStatus = (d: string): Exclude<MissingRowsItem['status'], 'dropped'> => (dupDepts.has(d) ? 'duplicate' : unusableDepts.has(d) ? 'unusable' : 'missing');
  // Taken by the consolidation that wrote this master: its rows hold its answer already.
  const earlier = new Set([...(prev?.taken.keys() ?? [])].filter((d) => !submitted.has(d)));
  const allDepts = [...model.departments];
  for (const l of loaded) if (l.dept && l.status !== 'unknown-department' && !allDepts.includes(l.dept)) allDepts.push(l.dept);

  // Notes beside the rows, and rows left unfilled.
  const unfilled: MissingRowsItem[] = [];
  const notes = new Map<MasterRow, string[]>();
  const note = (m: MasterRow, text: string): void => {
    const l = notes.get(m) ?? [];
    if (!l.includes(text)) l.push(text);
    notes.set(m, l);
  };
  for (const c of conflictsRaw) note(c.m, format(t.noteConflict, { departments: c.departments.join(t.listJoin) }));
  for (const u of unauthorizedRaw) note(u.target, format(t.noteUnauthorized, { department: u.department, file: u.file, cell: `${u.sourceSheet}!${u.sourceCell}` }));
  const unfilledRows = new Set<MasterRow>();
  const prevDropped = new Set((prev?.dropped ?? []).map((x) => `${x.department}\u0000${x.sheet}\u0000${x.r}`));
  const rowsByReport = new Map<ReportSheet, MasterRow[]>();
  for (const m of model.rows) {
    const list = rowsByReport.get(m.rs) ?? [];
    list.push(m);
    rowsByReport.set(m.rs, list);
    // Not taken now. A department taken before keeps that answer (no mark, no listing), but a
    // broken or doubled file it sends now is still said beside its rows. A department whose
    // file was taken but lacks the row (deleted, or its 取組内容 rewritten) did not answer it,
    // now or in an earlier run of the round.
    const droppedBefore = (d: string): boolean => earlier.has(d) && rowStatus(d) === 'missing' && prevDropped.has(`${d}\u0000${m.sheet}\u0000${m.row.r}`);
    const status = (d: string): MissingRowsItem['status'] => (submitted.has(d) || droppedBefore(d) ? 'dropped' : rowStatus(d));
    const notTaken = m.owners.filter((d) => (submitted.has(d) ? !taken.get(d)?.rows.has(m) : droppedBefore(d) || !(earlier.has(d) && rowStatus(d) === 'missing')));
    if (notTaken.length === 0) continue;
    // A department that sent two files, or a broken one, did answer: say why its rows stay.
    for (const st of ['missing', 'duplicate', 'unusable', 'dropped'] as const) {
      const ds = notTaken.filter((d) => status(d) === st);
      if (ds.length > 0) note(m, format(ROW_NOTE[st], { departments: ds.join(t.listJoin) }));
    }
    const missing = notTaken.filter((d) => !earlier.has(d) || status(d) === 'dropped');
    for (const d of missing) {
      unfilled.push({ department: d, status: status(d), sheet: m.sheet, cell: a1(out(m.sheet, m.row.r), 0), row: out(m.sheet, m.row.r) + 1 });
    }
    if (missing.length === m.owners.length) unfilledRows.add(m);
  }

  // Write the output from the master's own bytes.
  const writesBySheet = new Map<string, Write[]>();
  for (const x of writes) {
    const list = writesBySheet.get(x.m.sheet) ?? [];
    list.push(x);
    writesBySheet.set(x.m.sheet, list);
  }
  const addedItems: AddedItem[] = [];
  const marks: UnfilledMark[] = [];
  const w: WriteContext = {
    ed, model, writesBySheet, notes, unfilledRows, rowMaps, inserts, deptOrder, fates, unplaced, addedItems,
    noteStyleBase: ed.styles.derive(0, { wrap: true, border: true }),
    prevMarks: prev?.marks ?? [],
    prevHistory: prev?.history ?? [],
    history: [],
    historyOut: [],
    sameRound,
    marks,
  };
  for (const rs of model.parsed.reports) writeSheet(w, rs, rowsByReport.get(rs) ?? []);
  phase('write');

  const conflicts: ConflictItem[] = conflictsRaw.map(({ m: _m, r, c, ...rest }) => ({ ...rest, cell: a1(out(rest.sheet, r), c), row: out(rest.sheet, r) + 1 }));
  const unauthorized: UnauthorizedItem[] = unauthorizedRaw.map(({ target: _t, r, c, ...rest }) => ({ ...rest, cell: a1(out(rest.sheet, r), c), row: out(rest.sheet, r) + 1, run }));
  for (const u of unplaced) u.run ??= run;

  accountRest(loaded, fates, masterTextTest(masterGrid), unplaced);
  phase('account');

  // A whole copy of the master carries everyone's rows: their findings are not this file's.
  const byName = new Map(loaded.map((l) => [l.src.name, l]));
  const kept = findings.filter((f) => {
    const l = byName.get(f.file);
    return !(l && l.status === 'applied' && foreign.has(`${l.index}\u0000${f.sheet}\u0000${/\d+$/.exec(f.cell)![0]}`));
  });
  for (const f of kept) f.run = run;
  // What earlier runs of the round found stays listed until its department sends a file again.
  const resent = new Set(applied.map((l) => l.dept!));
  const stillOpen = (sameRound ? (prev?.open ?? []) : []).filter((o) => !resent.has(o.item.department ?? ''));
  const openNow: OpenItem[] = [...stillOpen];
  for (const o of stillOpen) {
    if (o.kind === 'unauthorized') {
      // Rows inserted now move the cell it was aimed at.
      const at = parseA1(o.item.cell);
      const moved = { ...o.item, cell: a1(out(o.item.sheet, at.r), at.c), row: out(o.item.sheet, at.r) + 1 };
      unauthorized.push(moved);
      openNow[openNow.indexOf(o)] = { ...o, item: moved };
    } else if (o.kind === 'finding') {
      kept.push(o.item);
    } else if (o.kind === 'unplaced') {
      unplaced.push(o.item);
    }
  }
  for (const item of unauthorized) if (item.run === run) openNow.push({ kind: 'unauthorized', run, item });
  for (const item of kept) if (item.run === run && item.department !== null) openNow.push({ kind: 'finding', run, item });
  for (const item of unplaced) if (item.run === run && item.department !== null) openNow.push({ kind: 'unplaced', run, item });

  const files: FileSummary[] = loaded.map((l) => ({
    file: l.src.name,
    department: l.dept,
    departmentFrom: l.from,
    status: l.status,
    ...(l.status !== 'applied' ? { reason: l.reason ? `${t.fileStatus[l.status]}: ${l.reason}` : t.fileStatus[l.status] } : {}),
    cells: l.cells,
  }));
  const deptSummaries: DepartmentSummary[] = allDepts.map((d) => {
    const fl = loaded.filter((l) => l.dept === d && l.status !== 'unknown-department');
    const status = submitted.has(d) ? 'submitted' : earlier.has(d) && rowStatus(d) === 'missing' ? 'earlier' : rowStatus(d);
    const tk = taken.get(d);
    return {
      name: d,
      status,
      // Taken before: the files the earlier run took, which the record kept.
      files: status === 'earlier' ? [...(prev?.taken.get(d) ?? [])] : fl.map((l) => l.src.name).sort(),
      rowsTaken: tk?.rows.size ?? 0,
      rowsChanged: tk ? [...tk.changed].filter((m) => tk.rows.has(m)).length : 0,
      conflicts: conflicts.filter((c) => c.departments.includes(d)).length,
      unauthorized: unauthorized.filter((u) => u.department === d).length,
      added: addedItems.filter((a) => a.department === d).length,
      dropped: unfilled.filter((u) => u.status === 'dropped' && u.department === d).length,
      findings: kept.filter((f) => f.department === d).length,
    };
  });
  const missing = deptSummaries.filter((d) => d.status === 'missing').map((d) => d.name);

  const so = (s: string): number => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? 1e6 : i;
  };
  const byPlace = <T extends { sheet: string; cell: string }>(a: T, b: T): number => so(a.sheet) - so(b.sheet) || cmpCell(a.cell, b.cell);
  conflicts.sort(byPlace);
  unauthorized.sort((a, b) => byPlace(a, b) || cmpStr(a.file, b.file));
  addedItems.sort(byPlace);
  unfilled.sort((a, b) => byPlace(a, b) || cmpStr(a.department, b.department));
  unplaced.sort((a, b) => cmpStr(a.file, b.file) || cmpStr(a.sheet, b.sheet) || cmpCell(a.cell, b.cell));
  kept.sort((a, b) => cmpStr(a.file, b.file));
  const cells = { in: 0, ...fates.counts() };
  for (const l of loaded) cells.in += l.cells;

  const summary: Summary = {
    output: outputName,
    master: masterName,
    departments: deptSummaries,
    missing,
    files,
    conflicts,
    unauthorized,
    added: addedItems,
    findings: kept,
    unplaced,
    unfilled,
    cells,
  };
  // The earlier 集約結果 is replaced by this one; its record with this run's.
  const summaryName = prev?.summarySheet && ed.sheets.some((s) => s.name === prev.summarySheet) ? prev.summarySheet : uniqueSheetName(t.summarySheet, ed.sheets.map((s) => s.name));
  if (summaryName === prev?.summarySheet) ed.replaceSheet(summaryName, summarySheetXml(summary, ed.styles));
  else ed.addSheet(summaryName, summarySheetXml(summary, ed.styles));
  const takenSoFar = new Map(prev?.taken ?? []);
  for (const d of deptSummaries) if (d.status === 'submitted') takenSoFar.set(d.name, d.files);
  const dropped = unfilled.filter((u) => u.status === 'dropped').map((u) => ({ department: u.department, sheet: u.sheet, r: u.row - 1 }));
  const history = [...w.history.map((m) => ({ ...m, r: out(m.sheet, m.r) })), ...w.historyOut];
  const cellsNow: CellState[] = [];
  for (const bySheet of states.values()) for (const st of bySheet.values()) if (st.answers.length > 0) cellsNow.push({ ...st, r: out(st.sheet, st.r) });
  const record = stateSheetXml({
    taken: takenSoFar, marks: marks.map((m) => ({ ...m, r: out(m.sheet, m.r) })), history, dropped, summarySheet: summaryName, run, cells: cellsNow, open: openNow,
  });
  if (ed.sheets.some((s) => s.name === t.stateSheet)) ed.replaceSheet(t.stateSheet, record);
  else ed.addSheet(t.stateSheet, record, 'veryHidden');
  ed.activate(summaryName);
  const bytes = ed.toBytes();
  phase('output');
  // Only when asked: the trace is built from every returned workbook, which the result would
  // otherwise keep alive (the add-in holds its result until the next run).
  const replaced = prev?.summarySheet !== undefined ? { earlierSummary: prev.summarySheet } : {};
  return opts.trace === true ? { bytes, summary, trace: fates.trace(loaded, out), ...replaced } : { bytes, summary, ...replaced };
}

/**
 * A formula with no value or an error (#NAME?) is what a section gets when it types text
 * starting with `=`: keep what was typed, as text, so it is not silently dropped.
 */
function formulasAsText(wb: Workbook): Workbook {
  let changed = false;
  const sheets = wb.sheets.map((s) => {
    let copy: Sheet | undefined;
    for (const [r, row] of s.rows) {
      for (const [c, cell] of row) {
        if (!cell.formula || (cell.value !== null && nonEmpty(cell.text))) continue;
        copy ??= { ...s, rows: new Map([...s.rows].map(([k, v]) => [k, new Map(v)])) };
        copy.rows.get(r)!.set(c, { value: `=${cell.formula}`, text: `=${cell.formula}` });
      }
    }
    if (copy) changed = true;
    return copy ?? s;
  });
  return changed ? { ...wb, sheets } : wb;
}

function unplacedItem(l: Loaded, sheet: string, c: ReportCell, reason: CellReason): UnplacedItem {
  return { department: l.dept, file: l.src.name, sheet, cell: a1(c.r, c.c), reason, message: t.cellReasons[reason]!, text: c.text };
}

/** The master row an added row follows: the last row of its section. */
function placeAdded(s: SrcRow, srcRows: SrcRow[], idx: number, candidates: MasterRow[]): MasterRow | null {
  const lastOf = (path: string, sheet?: string): MasterRow | null => {
    let best: MasterRow | null = null;
    for (const m of candidates) {
      if (m.path !== path || (sheet !== undefined && m.sheet !== sheet)) continue;
      if (!best || m.sheetIndex > best.sheetIndex || (m.sheetIndex === best.sheetIndex && m.lastR > best.lastR)) best = m;
    }
    return best;
  };
  let near: MasterRow | undefined;
  for (let k = idx - 1; k >= 0 && !near; k--) near = srcRows[k]!.match;
  for (let k = idx + 1; k < srcRows.length && !near; k++) near = srcRows[k]!.match;
  const own = lastOf(s.path, near && near.path === s.path ? near.sheet : undefined) ?? lastOf(s.path);
  if (own) return own;
  return near ? lastOf(near.path, near.sheet) : null;
}

function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cmpCell(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return cmpStr(a, b);
  return Number(pa[2]) - Number(pb[2]) || pa[1]!.length - pb[1]!.length || cmpStr(pa[1]!, pb[1]!);
}

function uniqueSheetName(want: string, used: string[]): string {
  let n = want;
  for (let k = 2; used.includes(n); k++) n = `${want}${k}`;
  return n;
}

