/// <reference types="office-js" />
// Writes a consolidated workbook into the open master: rows sections added are inserted
// first (so the rest lines up), then only the cells whose text differs are written, keeping
// the master's own formatting; new sheets (集約結果) come in whole where ExcelApi 1.13 allows
// and the file fits one request. Everything that can fail (reading, protection, sizes) is
// settled before the first write, so a refusal leaves the workbook as it was.
import { a1, sameText, type Cell, type Sheet, type Workbook } from '../../lib/grid';
import type { Fix } from '../../lib/rules/types';
import { readOpenWorkbook } from './read';
import { runExcel, supports, type RunOptions } from './run';
import { FILLS } from '../../lib/consolidate/consolidate';
import type { Summary } from '../../lib/consolidate/types';
import { STATE_SHEET } from '../../lib/marks';
import { writeCells, type OwnedFill } from './write';

/** Base64 characters insertWorksheetsFromBase64 may send: under Excel on the web's 5 MB request. */
export const INSERT_BASE64_LIMIT = 4_500_000;

export interface ApplyReport {
  cells: number;
  insertedRows: number;
  newSheets: string[];
}

/** Cells of `to` whose text differs from `from`, as writes (empty text clears). */
export function diffSheet(from: Sheet, to: Sheet): Fix[] {
  const out: Fix[] = [];
  const rows = new Set([...from.rows.keys(), ...to.rows.keys()]);
  for (const r of [...rows].sort((a, b) => a - b)) {
    const a = from.rows.get(r);
    const b = to.rows.get(r);
    const cols = new Set([...(a?.keys() ?? []), ...(b?.keys() ?? [])]);
    for (const c of [...cols].sort((x, y) => x - y)) {
      const want = b?.get(c);
      if (sameInPane(a?.get(c), want)) continue;
      // A number goes as its digits (Excel keeps it a number, in the cell's format), never as
      // the text it shows (1,234,567 or 50% written back would become text).
      out.push({ sheet: to.name, cell: a1(r, c), value: typeof want?.value === 'number' ? String(want.value) : (want?.text ?? '') });
    }
  }
  return out;
}

/**
 * Whether the open workbook's cell (Office.js values: numbers as numbers, formulas as their
 * results) already holds what the output holds. A formula of the output is the master's own,
 * still in the workbook: never replaced by its value.
 */
function sameInPane(open: Cell | undefined, want: Cell | undefined): boolean {
  if (want?.formula !== undefined) return true;
  if (typeof open?.value === 'number' || typeof want?.value === 'number') return open?.value === want?.value;
  return sameText(open?.text ?? '', want?.text ?? '');
}

/** Moves the cached rows from r0 (0-based) down by one, as Excel's row insertion does. */
function shiftDown(sheet: Sheet, r0: number): void {
  const moved = new Map<number, Map<number, import('../../lib/grid').Cell>>();
  for (const [r, row] of sheet.rows) moved.set(r >= r0 ? r + 1 : r, row);
  sheet.rows = moved;
}

/** Excel's own refusal, raised by us before writing anything. */
function protectedError(sheet: string): Error {
  const e = new Error(`${sheet} is protected`) as Error & { code: string };
  e.code = 'AccessDenied';
  return e;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** The record for the next 集約 is ours, not the user's: very hidden, as in the CLI's output. */
function hideRecord(ctx: Excel.RequestContext, added: readonly Sheet[]): void {
  if (added.some((s) => s.name === STATE_SHEET)) ctx.workbook.worksheets.getItem(STATE_SHEET).visibility = Excel.SheetVisibility.veryHidden;
}

/**
 * `replace`: sheets of ours the result rewrites whole (an earlier 集約結果): deleted and
 * inserted again, so no colour or row of the old one stays beside the new values.
 */
export async function applyResult(
  result: Workbook,
  resultBytes: Uint8Array,
  added: readonly { sheet: string; row: number }[],
  opts: RunOptions = {},
  replace: readonly string[] = [],
): Promise<ApplyReport> {
  const rows = [...new Map(added.map((x) => [`${x.sheet}\u0000${x.row}`, x])).values()].sort((x, y) => (x.sheet < y.sheet ? -1 : x.sheet > y.sheet ? 1 : x.row - y.row));
  // Prepare: read the master once and work out every write, with the added rows in place.
  const open = await readOpenWorkbook('Excel', opts);
  for (const x of rows) {
    const sheet = open.workbook.sheets.find((s) => s.name === x.sheet);
    if (sheet) shiftDown(sheet, x.row - 1);
  }
  const fixes: Fix[] = [];
  const newSheets: Sheet[] = [];
  const gone = replace.filter((n) => open.workbook.sheets.some((s) => s.name === n) && result.sheets.some((s) => s.name === n));
  for (const rs of result.sheets) {
    const os = open.workbook.sheets.find((s) => s.name === rs.name);
    if (os && !gone.includes(rs.name)) fixes.push(...diffSheet(os, rs));
    else newSheets.push(rs);
  }
  // A protected sheet would refuse midway: refuse now, with nothing written.
  const touched = new Set([...rows.map((x) => x.sheet), ...fixes.map((f) => f.sheet), ...gone]);
  const locked = open.protectedSheets.find((n) => touched.has(n));
  if (locked !== undefined) throw protectedError(locked);
  // The whole file in one request, only where the host has the call and it fits 5 MB.
  const base64 = newSheets.length && supports('ExcelApi', '1.13') ? toBase64(resultBytes) : '';
  const whole = base64.length > 0 && base64.length <= INSERT_BASE64_LIMIT;

  // Write: 1. rows added by sections, top to bottom at their final positions.
  if (rows.length) {
    await runExcel(async (ctx) => {
      for (const x of rows) ctx.workbook.worksheets.getItem(x.sheet).getRange(`${x.row}:${x.row}`).insert(Excel.InsertShiftDirection.down);
      await ctx.sync();
    }, opts);
  }
  // 2. Cell values of the sheets both have.
  await writeCells(fixes, opts);
  if (gone.length) {
    await runExcel(async (ctx) => {
      for (const n of gone) ctx.workbook.worksheets.getItem(n).delete();
      await ctx.sync();
    }, opts);
  }
  // 3. New sheets: whole (with their formatting) from the bytes, or their values.
  if (newSheets.length) {
    if (whole) {
      await runExcel(async (ctx) => {
        ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: newSheets.map((s) => s.name), positionType: Excel.WorksheetPositionType.end });
        hideRecord(ctx, newSheets);
        await ctx.sync();
      }, opts);
    } else {
      await runExcel(async (ctx) => {
        for (const s of newSheets) ctx.workbook.worksheets.add(s.name);
        hideRecord(ctx, newSheets);
        await ctx.sync();
      }, opts);
      const values: Fix[] = [];
      for (const s of newSheets) for (const [r, row] of s.rows) for (const [c, cell] of row) values.push({ sheet: s.name, cell: a1(r, c), value: cell.text });
      await writeCells(values, opts);
    }
  }
  // The record for the next 集約 is bookkeeping, not what the user reads as written cells.
  return { cells: fixes.filter((f) => f.sheet !== STATE_SHEET).length, insertedRows: rows.length, newSheets: newSheets.map((s) => s.name) };
}

/** An ARGB colour as Office.js writes it, `#RRGGBB`. */
export const rgb = (argb: string): string => `#${argb.slice(-6)}`;

/**
 * Colours that are history within a round, as the 集約メモ lines beside them: a later 集約 of
 * late answers keeps them. Unfilled is recomputed each run.
 */
export const HISTORY_FILLS: readonly string[] = [FILLS.added, FILLS.unauthorized, FILLS.conflict].map(rgb);

/** The fills the CLI's output file carries, as owned conditional formats for the open master. */
export function consolidationFills(s: Summary): OwnedFill[] {
  return [
    ...s.unfilled.map((x) => ({ sheet: x.sheet, cell: x.cell, color: rgb(FILLS.unfilled) })),
    ...s.added.map((x) => ({ sheet: x.sheet, cell: x.cell, color: rgb(FILLS.added) })),
    ...s.unauthorized.map((x) => ({ sheet: x.sheet, cell: x.cell, color: rgb(FILLS.unauthorized) })),
    ...s.conflicts.map((x) => ({ sheet: x.sheet, cell: x.cell, color: rgb(FILLS.conflict) })),
  ];
}
