// Provenance of the answer cells within one round. A cell holds what the round started with
// until departments answer; each department's latest answer replaces its earlier one, and the
// cell shows the answer (all agree) or a conflict naming every differing answer. Whether a
// department changed a cell is judged against the text it was given (its base), never against
// what the master holds now, so a late or untouched file cannot undo a co-owner's answer.
import { numberKey, sameContent, typeOf, type Cell, type CellType } from '../grid';
import { CONFLICT_HEAD, conflictPart } from '../marks';
import { fnv1a, fnvStep, FNV_OFFSET } from '../hash';
import { hash32Of } from './model';
import { trimmedLength } from '../blank';

/** A typed cell as the record keeps it (JSON in the record sheet); in memory, the Cell itself. */
export interface StoredCell {
  t: CellType;
  v: string | number | boolean | null;
  /** Display text (what a conflict lists). */
  w: string;
  f?: string;
  z?: string;
}

export function store(cell: Cell | undefined): StoredCell {
  if (!cell) return { t: 's', v: '', w: '' };
  const out: StoredCell = { t: typeOf(cell), v: cell.value, w: cell.text };
  if (cell.formula !== undefined) out.f = cell.formula;
  if (cell.format !== undefined) out.z = cell.format;
  return out;
}

/** An empty cell, shared: never changed. */
export const EMPTY_CELL: Cell = Object.freeze({ value: '', text: '', type: 's' });

export function unstore(s: StoredCell): Cell {
  const cell: Cell = { value: s.v, text: s.w, type: s.t };
  if (s.f !== undefined) cell.formula = s.f;
  if (s.z !== undefined) cell.format = s.z;
  return cell;
}

/**
 * A short fingerprint of a cell's content, as sameContent compares it: numbers by value,
 * formulas by their text, text but for line-break style and trailing space; '-' when empty.
 */
export function contentHash(cell: Cell | undefined): string {
  if (!cell) return '-';
  if (cell.formula !== undefined) return hash32Of('f:', cell.formula);
  const ty = typeOf(cell);
  // At 15 digits, as sameContent compares: LibreOffice saves 2/3 with one digit fewer.
  if (ty === 'n' || ty === 'd') return hash32Of('n:', String(typeof cell.value === 'number' ? numberKey(cell.value) : cell.value));
  if (ty === 'b') return hash32Of('b:', String(cell.value));
  return textHash(cell.text);
}

/** contentHash(cell) === '-' without hashing: no cell, or text that is only white space. */
export function isBlankContent(cell: Cell | undefined): boolean {
  if (!cell) return true;
  if (cell.formula !== undefined) return false;
  const ty = typeOf(cell);
  if (ty === 'n' || ty === 'd' || ty === 'b') return false;
  return trimmedLength(cell.text) === 0;
}

const TEXT_SEED = fnv1a(FNV_OFFSET, 's:');

/**
 * hash32Of('s:', text with CR LF and CR as LF, trimEnd()), '-' when that is empty, in one pass
 * and without the copies: it runs for every answer cell of every returned file.
 */
function textHash(text: string): string {
  const end = trimmedLength(text);
  if (end === 0) return '-';
  let h = TEXT_SEED;
  for (let i = 0; i < end; i++) {
    let ch = text.charCodeAt(i);
    if (ch === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) continue;
      ch = 0x0a;
    }
    h = fnvStep(h, ch);
  }
  return (h >>> 0).toString(36);
}

/** What a department's file says of one cell: a changed cell, or back to its base. */
export interface Answer {
  department: string;
  file: string;
  /** The consolidation run (1, 2, …) of the round that took it. */
  run: number;
  /**
   * The cell it wrote: the returned file's own cell, shared, not copied. The record keeps it
   * only where answers differ; else it is the cell's own.
   */
  cell: Cell;
  /** Where in that file: sheet and A1 cell. */
  sheet: string;
  at: string;
}

/**
 * One answer cell of the round, at its master position. The record keeps fingerprints, not
 * texts, where the text is in the cell anyway: it is read on every later run of the round.
 */
export interface CellState {
  sheet: string;
  r: number;
  c: number;
  /** Fingerprint of what the cell shows with nobody's answer in it: the round's text, or the secretariat's. */
  baseHash: string;
  /** That cell, where this run knows it: read from the master, or from a file back at its base. */
  baseline?: Cell;
  answers: Answer[];
  /** Fingerprint of what consolidation wrote last: a different cell now means the secretariat edited it. */
  writtenHash: string;
}

/** Whether the answers differ: only then does the record need each answer's own text. */
export function inConflict(s: CellState): boolean {
  const first = s.answers[0];
  if (first === undefined || s.answers.length === 1) return false;
  return s.answers.some((a) => a !== first && !sameContent(a.cell, first.cell));
}

/**
 * The cell a state shows: the baseline (else `current`, the cell as it is), the agreed answer,
 * or a conflict naming every answer.
 */
export function shownCell(s: CellState, current?: Cell): { cell: Cell; conflict: boolean } {
  if (s.answers.length === 0) return { cell: s.baseline ?? current ?? EMPTY_CELL, conflict: false };
  const head = s.answers[0]!.cell;
  // Most cells hold one answer: nothing to compare it with.
  if (s.answers.every((a) => a.cell === head || sameContent(a.cell, head))) return { cell: head, conflict: false };
  // Each different answer once, after every department that gave it.
  const sides: { departments: string[]; cell: Cell }[] = [];
  for (const a of s.answers) {
    const side = sides.find((x) => sameContent(x.cell, a.cell));
    if (side) side.departments.push(a.department);
    else sides.push({ departments: [a.department], cell: a.cell });
  }
  const text = [CONFLICT_HEAD, ...sides.flatMap((x) => [conflictPart(x.departments.join('・')), x.cell.text])].join('\n');
  return { cell: { value: text, text, type: 's' }, conflict: true };
}

type Back = { department: string; back: true; cell: Cell };

/** A withdrawal; an answer made as merge's contribution carries `back: false`. */
function isBack(a: Answer | Back): a is Back {
  return (a as { back?: boolean }).back === true;
}

/**
 * The state after a department's file: its answer replaces its earlier one, or, where the
 * file holds the cell's base again, its earlier answer goes. Returns whether anything changed.
 */
export function answer(s: CellState, a: Answer | Back): boolean {
  const before = s.answers.length;
  const own = s.answers.find((x) => x.department === a.department);
  if (isBack(a)) {
    if (!own) return false;
    s.answers = s.answers.filter((x) => x !== own);
    // The file holds the cell's base: what the cell shows again once no answer is left.
    if (s.answers.length === 0) s.baseline = a.cell;
    return s.answers.length !== before;
  }
  if (own && sameContent(own.cell, a.cell)) return false;
  // A literal for the first answer: a spread reserves room for more, kept as long as the state.
  s.answers = own ? [...s.answers.filter((x) => x !== own), a] : s.answers.length === 0 ? [a] : [...s.answers, a];
  return true;
}
