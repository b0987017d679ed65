// The cell-grid model every reader produces (SheetJS now, Office.js in the add-in).
// Rows and columns are 0-based internally; addresses are A1 strings for people.

export type CellValue = string | number | boolean | null;

/** Text, number, boolean, date (a number shown as a date or time), error. */
export type CellType = 's' | 'n' | 'b' | 'd' | 'e';

export interface Cell {
  /** Typed value: a formula's computed value, never its source; a date is its serial number. */
  value: CellValue;
  /** Text as Excel shows it (the value for text, the formatted number for numbers). */
  text: string;
  /** Formula source without '=' (its computed value is `value`). */
  formula?: string;
  /** Set by the readers of files; derived from the value where absent (the add-in, tests). */
  type?: CellType;
  /** Number format code of a number or date cell (`#,##0`, `0%`, `yyyy/m/d`); General when absent. */
  format?: string;
}

/** A cell's type, told by its value where no reader said. */
export function typeOf(cell: Cell): CellType {
  if (cell.type) return cell.type;
  if (typeof cell.value === 'number') return 'n';
  if (typeof cell.value === 'boolean') return 'b';
  return cell.value === null && cell.formula === undefined && cell.text !== '' ? 'e' : 's';
}

/**
 * A number as Excel and LibreOffice keep it: 15 significant digits. LibreOffice saves 2/3 as
 * 0.666666666666667 where Excel and SheetJS wrote 0.6666666666666666; to both it is one number.
 */
export function numberKey(v: number): number {
  return Number.isFinite(v) ? Number(v.toPrecision(15)) : v;
}

/** Two values the same number at 15 significant digits (or simply the same). */
export function sameNumber(a: CellValue, b: CellValue): boolean {
  return a === b || (typeof a === 'number' && typeof b === 'number' && numberKey(a) === numberKey(b));
}

/**
 * Whether two cells hold the same thing: numbers by value (not by how they are shown), text
 * but for line-break style and trailing white space, formulas by their text.
 */
export function sameContent(a: Cell | undefined, b: Cell | undefined): boolean {
  if (!a || !b) return (a?.text ?? '').trim() === '' && (b?.text ?? '').trim() === '' && !a?.formula && !b?.formula;
  if (a.formula !== undefined || b.formula !== undefined) return a.formula !== undefined && a.formula === b.formula;
  const ta = typeOf(a);
  const tb = typeOf(b);
  const numA = ta === 'n' || ta === 'd';
  const numB = tb === 'n' || tb === 'd';
  if (numA || numB) return numA && numB && sameNumber(a.value, b.value);
  if (ta === 'b' || tb === 'b') return ta === tb && a.value === b.value;
  return sameText(a.text, b.text);
}

/** Equal but for line-break style and trailing white space. */
export function sameText(a: string, b: string): boolean {
  if (a === b) return true;
  // Without a CR only trailing white space can differ: no regex, no copies.
  if (!a.includes('\r') && !b.includes('\r')) return a.trimEnd() === b.trimEnd();
  return a.replace(/\r\n?/g, '\n').trimEnd() === b.replace(/\r\n?/g, '\n').trimEnd();
}

export interface Range {
  s: { r: number; c: number };
  e: { r: number; c: number };
}

export interface Sheet {
  name: string;
  /** Row-major sparse cells: rows[r][c]. */
  rows: Map<number, Map<number, Cell>>;
  /** Exclusive bounds of the used area. */
  rowCount: number;
  colCount: number;
  merges: Range[];
  hiddenRows: Set<number>;
  hiddenCols: Set<number>;
  hidden: boolean;
}

export interface Workbook {
  /** File name or a label such as "Excel" for the open workbook. */
  name: string;
  sheets: Sheet[];
  /** Set for a distribution template `next` made: the period it is for (lib/marks.ts). */
  template?: string;
}

export function emptySheet(name: string): Sheet {
  return {
    name,
    rows: new Map(),
    rowCount: 0,
    colCount: 0,
    merges: [],
    hiddenRows: new Set(),
    hiddenCols: new Set(),
    hidden: false,
  };
}

export function setCell(sheet: Sheet, r: number, c: number, cell: Cell): void {
  let row = sheet.rows.get(r);
  if (!row) {
    row = new Map();
    sheet.rows.set(r, row);
  }
  row.set(c, cell);
  if (r + 1 > sheet.rowCount) sheet.rowCount = r + 1;
  if (c + 1 > sheet.colCount) sheet.colCount = c + 1;
}

export function getCell(sheet: Sheet, r: number, c: number): Cell | undefined {
  return sheet.rows.get(r)?.get(c);
}

export function cellText(sheet: Sheet, r: number, c: number): string {
  return getCell(sheet, r, c)?.text ?? '';
}

export function colName(c: number): string {
  let s = '';
  let n = c + 1;
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export function a1(r: number, c: number): string {
  return `${colName(c)}${r + 1}`;
}

/** 0-based column of column letters: A → 0, XFD → 16383 (the inverse of colName). */
export function colIndex(letters: string): number {
  let c = 0;
  for (const ch of letters) c = c * 26 + (ch.charCodeAt(0) - 64);
  return c - 1;
}

export function parseA1(ref: string): { r: number; c: number } {
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})$/.exec(ref.toUpperCase());
  if (!m) throw new Error(`bad A1 reference: ${ref}`);
  return { r: Number(m[2]) - 1, c: colIndex(m[1]!) };
}

// 2^16 columns per row: more than any reference can name (ZZZ is column 18,278), so keys of
// distinct cells never meet, even in a hostile sheet past XFD.
const KEY_COLS = 65536;

/** A cell as one number, for maps keyed by cell (no string per lookup). */
export const cellKey = (r: number, c: number): number => r * KEY_COLS + c;

/** The row and column a cellKey stands for. */
export function fromCellKey(k: number): { r: number; c: number } {
  return { r: Math.floor(k / KEY_COLS), c: k % KEY_COLS };
}

/** Map from each covered (non-anchor) cell, by cellKey, to its merge anchor. */
export function mergeIndex(sheet: Sheet): Map<number, { r: number; c: number }> {
  const idx = new Map<number, { r: number; c: number }>();
  for (const m of sheet.merges) {
    // Guard against hostile merges spanning the whole sheet: only the used area matters.
    const er = Math.min(m.e.r, sheet.rowCount - 1);
    const ec = Math.min(m.e.c, sheet.colCount - 1);
    for (let r = m.s.r; r <= er; r++) {
      for (let c = m.s.c; c <= ec; c++) {
        if (r !== m.s.r || c !== m.s.c) idx.set(cellKey(r, c), m.s);
      }
    }
  }
  return idx;
}
