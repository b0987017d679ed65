// What a consolidation leaves for the next one, in a very hidden sheet of its output. Late
// answers are consolidated into that output (the add-in's 集約 on the open master, or the CLI
// with the output as master): the record says which departments were taken already (not
// missing now), which cells were marked unfilled and their own fill (the mark comes off once
// they answer), which rows a taken file lacked (listed until answered), and which sheet is
// the 集約結果 (replaced, not added again).
import { a1, parseA1, type Workbook } from '../grid';
import { EMPTY_CELL, inConflict, store, unstore, type Answer, type CellState, type StoredCell } from './answers';
import type { FileSummary, FindingItem, UnauthorizedItem, UnplacedItem } from './types';
import { STATE_SHEET, STATE_TITLE, SUMMARY_TITLE_PREFIXES } from '../marks';
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
  /** Runs of this round so far (the first consolidation of a round is run 1). */
  run: number;
  /** Answer cells of the round: what each started as and who answered what. */
  cells: CellState[];
  /** What earlier runs of the round found and left open, listed again until answered. */
  open: OpenItem[];
}

/** A problem an earlier run listed: kept until its department sends a file again. */
export type OpenItem =
  | { kind: 'unauthorized'; run: number; item: UnauthorizedItem }
  | { kind: 'finding'; run: number; item: FindingItem }
  | { kind: 'unplaced'; run: number; item: UnplacedItem }
  | { kind: 'file'; run: number; item: FileSummary };

const TAKEN = 'taken';
const MARK = 'unfilled-mark';
const SUMMARY = 'summary-sheet';
const DROPPED = 'dropped-row';
const HISTORY = 'history-mark';
const RUN = 'run';
const CELL = 'answer-cell';
/** Answer cells whose answers agree, packed: most of a round's cells, so kept small. */
const PACKED = 'answer-cells';
const PACKED_NAMES = 'answer-names';
const OPEN = 'open-item';
/** Excel keeps at most 32,767 characters in a cell: JSON longer than a chunk spans cells. */
const CHUNK = 30_000;

function chunks(json: string): { text: string; spill: true }[] {
  // Spilled: nobody reads the record's rows, and sizing them by their text costs time.
  const out: { text: string; spill: true }[] = [];
  for (let i = 0; i < json.length; i += CHUNK) out.push({ text: json.slice(i, i + CHUNK), spill: true });
  return out;
}

/** JSON from the record, or undefined when edited into something else. */
function parsed<T>(text: string, ok: (x: unknown) => boolean): T | undefined {
  try {
    const x: unknown = JSON.parse(text);
    return ok(x) ? (x as T) : undefined;
  } catch {
    return undefined;
  }
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isStored = (x: unknown): boolean => isObject(x) && typeof x.t === 'string' && typeof x.w === 'string';
/** A cell state as the record keeps it: fingerprints, and answers' cells only where they differ. */
interface StoredState {
  b: string;
  w: string;
  a: (Omit<Answer, 'cell'> & { cell?: StoredCell })[];
}
const isCellState = (x: unknown): boolean =>
  isObject(x) && typeof x.b === 'string' && typeof x.w === 'string' && Array.isArray(x.a) &&
  x.a.every((a) => isObject(a) && typeof a.department === 'string' && typeof a.run === 'number' && (a.cell === undefined || isStored(a.cell)));
const isOpen = (x: unknown): boolean => isObject(x) && typeof x.kind === 'string' && typeof x.run === 'number' && isObject(x.item);

/**
 * The record in a master that is itself the output of a consolidation; null in any other.
 * Who was taken counts only while that run's 集約結果 sheet is still there: deleting it is
 * how a new round starts (the marks stay usable: they only ever take off our own colour).
 */
export function readState(grid: Workbook): ConsolidationState | null {
  const sheet = grid.sheets.find((s) => s.name === STATE_SHEET);
  if (!sheet) return null;
  const state: ConsolidationState = { taken: new Map(), marks: [], history: [], dropped: [], run: 0, cells: [], open: [] };
  const text = (r: number, c: number): string => sheet.rows.get(r)?.get(c)?.text ?? '';
  // A record edited by hand into nonsense is ignored, never trusted.
  const at = (ref: string): { r: number; c: number } | undefined => {
    try {
      return parseA1(ref);
    } catch {
      return undefined;
    }
  };
  let names: PackedNames | null = null;
  let packed = '';
  const rest = (r: number, from: number): string => {
    let out = '';
    for (let c = from; c < sheet.colCount; c++) out += text(r, c);
    return out;
  };
  for (let r = 1; r < sheet.rowCount; r++) {
    const kind = text(r, 0);
    if (kind === RUN) {
      const n = Number(text(r, 1));
      if (Number.isInteger(n) && n > 0) state.run = n;
      continue;
    }
    if (kind === CELL) {
      const p = at(text(r, 2));
      const body = parsed<StoredState>(rest(r, 3), isCellState);
      if (p && body && text(r, 1)) {
        // An answer kept without its cell is the cell's own content (all answers agreed).
        const own = grid.sheets.find((s) => s.name === text(r, 1))?.rows.get(p.r)?.get(p.c) ?? EMPTY_CELL;
        const answers = body.a.map((a) => ({ ...a, cell: a.cell ? unstore(a.cell) : own }));
        state.cells.push({ sheet: text(r, 1), r: p.r, c: p.c, baseHash: body.b, answers, writtenHash: body.w });
      }
      continue;
    }
    if (kind === PACKED_NAMES) {
      names = parsed<PackedNames>(rest(r, 1), isPackedNames) ?? null;
      continue;
    }
    if (kind === PACKED) {
      packed += rest(r, 1);
      continue;
    }
    if (kind === OPEN) {
      const item = parsed<OpenItem>(rest(r, 1), isOpen);
      if (item) state.open.push(item);
      continue;
    }
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
  if (names && packed) unpack(packed, names, grid, state.cells);
  if (!state.summarySheet || !grid.sheets.some((s) => s.name === state.summarySheet)) {
    state.taken.clear();
    state.dropped = [];
    state.run = 0;
    state.cells = [];
    state.open = [];
    delete state.summarySheet;
  }
  return state;
}

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
  if (name !== STATE_SHEET && !reportSheets.includes(name) && SUMMARY_TITLE_PREFIXES.some((p) => title.startsWith(p))) return state;
  return { taken: new Map(), marks: state.marks, history: state.history, dropped: [], run: 0, cells: [], open: [] };
}

export function stateSheetXml(state: ConsolidationState): string {
  const cell = (text: string): { text: string } => ({ text });
  const rows = [[cell(STATE_TITLE)]];
  if (state.summarySheet) rows.push([cell(SUMMARY), cell(state.summarySheet)]);
  for (const [dept, files] of [...state.taken].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) rows.push([cell(TAKEN), cell(dept), cell(files.join('\n'))]);
  for (const m of state.marks) rows.push([cell(MARK), cell(m.sheet), cell(a1(m.r, m.c)), cell(m.fill)]);
  for (const m of state.history) rows.push([cell(HISTORY), cell(m.sheet), cell(a1(m.r, m.c)), cell(m.fill)]);
  for (const d of state.dropped) rows.push([cell(DROPPED), cell(d.department), cell(d.sheet), cell(a1(d.r, 0))]);
  if (state.run > 0) rows.push([cell(RUN), cell(String(state.run))]);
  const agreed: CellState[] = [];
  for (const x of state.cells) {
    if (!inConflict(x)) {
      agreed.push(x);
      continue;
    }
    const body: StoredState = { b: x.baseHash, w: x.writtenHash, a: x.answers.map((a) => ({ department: a.department, file: a.file, run: a.run, sheet: a.sheet, at: a.at, cell: store(a.cell) })) };
    rows.push([cell(CELL), cell(x.sheet), cell(a1(x.r, x.c)), ...chunks(JSON.stringify(body))]);
  }
  if (agreed.length > 0) {
    const { names, text } = pack(agreed);
    rows.push([cell(PACKED_NAMES), ...chunks(JSON.stringify(names))]);
    const parts = chunks(text);
    for (let i = 0; i < parts.length; i += 8) rows.push([cell(PACKED), ...parts.slice(i, i + 8)]);
  }
  for (const o of state.open) rows.push([cell(OPEN), ...chunks(JSON.stringify(o))]);
  return newSheetXml({ rows });
}

/** The names packed cells refer to by index: departments, files, sheets. */
interface PackedNames {
  d: string[];
  f: string[];
  s: string[];
}

const isStrings = (x: unknown): boolean => Array.isArray(x) && x.every((v) => typeof v === 'string');
const isPackedNames = (x: unknown): boolean => isObject(x) && isStrings(x.d) && isStrings(x.f) && isStrings(x.s);

/**
 * Cells whose answers agree as `sheet cell base written answers;…`, an answer being
 * `department.file.run.sheet.cell` by index: no text (the cell holds it), no JSON per cell.
 */
function pack(cells: readonly CellState[]): { names: PackedNames; text: string } {
  const names: PackedNames = { d: [], f: [], s: [] };
  // One index per kind: no joined lookup key for each of the round's answers.
  const indexer = (list: string[]): ((v: string) => number) => {
    const idx = new Map<string, number>();
    return (v) => {
      let i = idx.get(v);
      if (i === undefined) idx.set(v, (i = list.push(v) - 1));
      return i;
    };
  };
  const dept = indexer(names.d);
  const file = indexer(names.f);
  const sheet = indexer(names.s);
  const out: string[] = [];
  for (const x of cells) {
    const answers = x.answers.map((a) => `${dept(a.department)}.${file(a.file)}.${a.run}.${sheet(a.sheet)}.${a.at}`).join(',');
    out.push(`${sheet(x.sheet)} ${a1(x.r, x.c)} ${x.baseHash} ${x.writtenHash} ${answers}`);
  }
  return { names, text: out.join(';') };
}

/** The packed cells back, each answer's cell being the cell's own content; bad entries are skipped. */
function unpack(text: string, names: PackedNames, grid: Workbook, into: CellState[]): void {
  const sheets = new Map(grid.sheets.map((s) => [s.name, s]));
  for (const entry of text.split(';')) {
    const [si, ref, b, w, list] = entry.split(' ');
    const sheet = names.s[Number(si)];
    if (sheet === undefined || !ref || !b || !w || !list) continue;
    let at: { r: number; c: number };
    try {
      at = parseA1(ref);
    } catch {
      continue;
    }
    const own = sheets.get(sheet)?.rows.get(at.r)?.get(at.c) ?? EMPTY_CELL;
    const answers: Answer[] = [];
    for (const a of list.split(',')) {
      const [d, f, run, s, cellRef] = a.split('.');
      const department = names.d[Number(d)];
      const file = names.f[Number(f)];
      const from = names.s[Number(s)];
      if (department === undefined || file === undefined || from === undefined || !cellRef || !Number.isInteger(Number(run))) continue;
      answers.push({ department, file, run: Number(run), sheet: from, at: cellRef, cell: own });
    }
    if (answers.length > 0) into.push({ sheet, r: at.r, c: at.c, baseHash: b, answers, writtenHash: w });
  }
}
