// Cell references inside formulas, moved with their rows: when consolidate inserts a row a
// section added, or split removes other departments' rows, a formula such as
// =COUNTIF(E4:E20,"継続") below the table must still count the same cells, as Excel keeps it
// when rows are inserted or deleted by hand. Strings, function names and other sheets stay.
import { colIndex, colName } from '../grid';
import { mapRef, type RowMap } from './rowmap';

const STRING = /"(?:[^"]|"")*"/g;

// A reference: optional sheet ('quoted' or bare), then A1, A1:B2 or a row range 3:5. Not part
// of a longer name (LOG10, a defined name, Table1[…]) and not a function call (… followed by "(").
const REF =
  /(^|[^A-Za-z0-9_.$'!\]\u0080-\uffff])((?:'(?:[^']|'')+'|[A-Za-z0-9_.\u0080-\uffff]+)!)?(\$?[A-Z]{1,3}\$?\d{1,7}(?::\$?[A-Z]{1,3}\$?\d{1,7})?|\$?\d{1,7}:\$?\d{1,7})(?![A-Za-z0-9_(!\u0080-\uffff])/g;

function sheetOf(prefix: string): string {
  const name = prefix.slice(0, -1);
  return name.startsWith("'") ? name.slice(1, -1).replace(/''/g, "'") : name;
}

/** `code` applied to the formula outside its string literals ("A7" is text, not a cell). */
function outsideStrings(formula: string, code: (part: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of formula.matchAll(STRING)) {
    out += code(formula.slice(last, m.index)) + m[0];
    last = m.index + m[0].length;
  }
  return out + code(formula.slice(last));
}

/**
 * The formula with the references into `target` moved through `rm`. `own` is the sheet the
 * formula lives on: its unqualified references point there. A reference whose rows are all
 * gone becomes #REF!, as in Excel (with `keepGone`, it stays as written: a print area or
 * title is left alone rather than broken); a range keeps the rows inserted right after its
 * end (a tally under a table counts the row a section added).
 */
export function mapFormulaRefs(formula: string, own: string, target: string, rm: RowMap, opts: { keepGone?: boolean } = {}): string {
  if (rm.identity) return formula;
  const code = (part: string): string =>
    part.replace(REF, (all, lead: string, prefix: string | undefined, ref: string) => {
      const sheet = prefix !== undefined ? sheetOf(prefix) : own;
      if (sheet !== target) return all;
      const mapped = mapRef(ref, rm, ref.includes(':'));
      if (mapped === null && opts.keepGone) return all;
      return `${lead}${prefix ?? ''}${mapped ?? '#REF!'}`;
    });
  return outsideStrings(formula, code);
}

/** Whether `after` refers to cells that are gone where `before` did not (a new #REF!). */
export function breaks(before: string, after: string): boolean {
  const count = (f: string): number => f.split('#REF!').length;
  return count(after) > count(before);
}

/**
 * The formula as it reads `dr` rows below and `dc` columns right of the cell it was written
 * for: relative rows and columns move, $-anchored ones stay (Excel's fill rule).
 */
export function shiftRelative(formula: string, dr: number, dc = 0): string {
  if (dr === 0 && dc === 0) return formula;
  const one = (_m: string, colAbs: string | undefined, letters: string | undefined, rowAbs: string, n: string): string => {
    const col = letters === undefined ? '' : colAbs ? `$${letters}` : colName(colIndex(letters) + dc);
    return col + (rowAbs ? `$${n}` : String(Number(n) + dr));
  };
  const code = (part: string): string =>
    part.replace(REF, (_all, lead: string, prefix: string | undefined, ref: string) =>
      `${lead}${prefix ?? ''}${ref.replace(/(?:(\$?)([A-Z]{1,3}))?(\$?)(\d{1,7})/g, one)}`,
    );
  return outsideStrings(formula, code);
}

/**
 * A validation's or conditional format's formula after the row map: it is written for the
 * top-left cell of its range, so when that row is removed the formula is first re-read for
 * the first row that stays (as Excel does), then its references move with the rows.
 */
export function mapRangeFormula(formula: string, sqref: string, sheet: string, rm: RowMap): string {
  if (rm.identity) return formula;
  const first = /^\$?[A-Z]{1,3}\$?(\d{1,7})(?::\$?[A-Z]{1,3}\$?(\d{1,7}))?/.exec(sqref.trim());
  if (!first) return mapFormulaRefs(formula, sheet, sheet, rm);
  const top = Number(first[1]) - 1;
  const bottom = first[2] !== undefined ? Number(first[2]) - 1 : top;
  let anchor = top;
  while (anchor <= bottom && rm.map(anchor) === null) anchor++;
  if (anchor > bottom) return formula;
  return mapFormulaRefs(shiftRelative(formula, anchor - top), sheet, sheet, rm);
}
