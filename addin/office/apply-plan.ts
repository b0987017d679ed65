/// <reference types="office-js" />
// Applies consolidate()'s plan (lib/plan.ts) to the open master, as lib/write does to the
// file's bytes: rows sections added are inserted first, then only the planned cells are
// written, each in its type (a number as a number, text as text, the master's own formula
// back), then their look (an earlier CLI run's colours, the 集約メモ wrapped and bordered,
// rows grown), then our sheets (集約結果, the record) come in whole where ExcelApi 1.13 allows
// and the file fits one request. Everything that can fail (protection, sizes) is settled before
// the first write, so a refusal leaves the workbook as it was. Colours are the pane's own
// conditional formats (setOwnedFills), so they can be taken off again.
import { a1, colIndex, colName, type Sheet } from '../../lib/grid';
import { MARK_FILLS, type ConsolidationPlan, type PlanCell } from '../../lib/plan';
import { LEGACY_UNFILLED } from '../../lib/consolidate/write-master';
import type { Summary } from '../../lib/consolidate/types';
import { readWorkbook } from '../../lib/read/workbook';
import { runExcel, supports, type RunOptions } from './run';
import { COMMAND_BYTES, textOnly, writeBatched, writeCells, type OwnedFill } from './write';

/** Base64 characters insertWorksheetsFromBase64 may send: under Excel on the web's 5 MB request. */
export const INSERT_BASE64_LIMIT = 4_500_000;

export interface ApplyReport {
  /** Cells of the report sheets written (answers, conflicts, added rows, 集約メモ). */
  cells: number;
  insertedRows: number;
  newSheets: string[];
}

/** Excel's own refusal, raised by us before writing anything; `sheet` names where to unprotect. */
function protectedError(sheet: string): Error {
  const e = new Error(`${sheet} is protected`) as Error & { code: string; sheet: string };
  e.code = 'AccessDenied';
  e.sheet = sheet;
  return e;
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

/** Names and protection of the open workbook's sheets: one sync. */
async function sheetsOf(opts: RunOptions): Promise<{ name: string; protected: boolean; visibility: string }[]> {
  return runExcel(async (ctx) => {
    const wss = ctx.workbook.worksheets;
    wss.load('items/name,items/visibility');
    await ctx.sync();
    const ps = wss.items.map((ws) => {
      const p = ws.protection;
      p.load('protected');
      return { ws, p };
    });
    await ctx.sync();
    return ps.map(({ ws, p }) => ({ name: ws.name, protected: p.protected, visibility: String(ws.visibility) }));
  }, opts);
}

/** Rough request bytes of one planned cell, to keep each sync under the 5 MB limit. */
function cellBytes(x: PlanCell): number {
  const v = x.value;
  const text = v?.kind === 'text' ? v.text : v?.kind === 'formula' ? v.formula : '';
  return 200 + text.length * 3;
}

/** The planned cells with a value, each written in its type; one sync per ~2 MB. */
async function writePlannedCells(cells: readonly PlanCell[], opts: RunOptions & { requestBytes?: number }): Promise<number> {
  return writeBatched(
    cells.filter((x) => x.value !== undefined),
    (ws, x) => {
      const range = ws.getRangeByIndexes(x.r, x.c, 1, 1);
      const v = x.value!;
      switch (v.kind) {
        case 'number':
          range.values = [[v.value]];
          if (v.numFmt !== undefined) range.numberFormat = [[v.numFmt]];
          break;
        case 'boolean':
          range.values = [[v.value]];
          break;
        case 'text':
          range.values = [[textOnly(v.text)]];
          break;
        case 'formula':
          range.formulas = [[`=${v.formula}`]];
          break;
        case 'clear':
          range.clear(Excel.ClearApplyTo.contents);
          break;
      }
    },
    cellBytes,
    opts,
  );
}

/**
 * A column width as the file stores it (characters of the Normal font, padding included) in
 * points, as Excel lays it out (ECMA-376 §18.3.1.13): px = trunc((256·w + trunc(128/mdw)) / 256 · mdw),
 * mdw being the pixel width of the font's widest digit (7 for Calibri 11, 8 for 游ゴシック 11).
 */
export const widthPoints = (width: number, mdw = 7): number => Math.trunc(((256 * width + Math.trunc(128 / mdw)) / 256) * mdw) * 0.75;

/**
 * The Normal font's digit width, from a sheet's standard width (characters, as Excel shows it:
 * 8.43) and the width of a column left at it (points): px = chars · mdw + 5. Calibri's 7 when
 * either is missing or the two do not fit a font.
 */
export function digitWidth(standardChars: number | null, standardPoints: number | null): number {
  if (!standardChars || !standardPoints) return 7;
  const mdw = Math.round((standardPoints / 0.75 - 5) / standardChars);
  return mdw >= 4 && mdw <= 40 ? mdw : 7;
}

// One block of a RangeAreas address: a sheet name (quoted where it holds a comma or a space)
// and a cell or range, as Office.js gives it ("Sheet1!A1:B4, Sheet1!D1:D4").
const AREA_BLOCK = /(?:'(?:[^']|'')*'|[^'!,\s][^!,]*)!(\$?[A-Z]{1,3}\$?\d+(?::\$?[A-Z]{1,3}\$?\d+)?)/g;

/** A print area (`'提言1-ア'!$A$1:$F$40, …`) reaching to column `c` at least, without its sheet names. */
export function extendedArea(address: string, c: number): string {
  const blocks = [...address.matchAll(AREA_BLOCK)].map((m) => m[1]!);
  return (blocks.length ? blocks : address.split(',').map((a) => a.trim()))
    .map((a) => a.replace(/(:\$?)([A-Z]{1,3})(\$?\d+)/g, (m, pre: string, col: string, rest: string) => (colIndex(col) < c ? `${pre}${colName(c)}${rest}` : m)))
    .join(',');
}

const EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'] as const;

/** 集約メモ cells as runs of consecutive rows of one column: one range each, not one per cell. */
export function noteRuns(cells: readonly PlanCell[]): { sheet: string; r: number; c: number; rows: number }[] {
  const notes = cells.filter((x) => x.look === 'note').sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.c - b.c || a.r - b.r));
  const runs: { sheet: string; r: number; c: number; rows: number }[] = [];
  for (const x of notes) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === x.sheet && last.c === x.c && last.r + last.rows === x.r) last.rows++;
    else if (!(last && last.sheet === x.sheet && last.c === x.c && x.r < last.r + last.rows)) runs.push({ sheet: x.sheet, r: x.r, c: x.c, rows: 1 });
  }
  return runs;
}

/** One layout command for writeBatched, with the number of Office.js commands it queues. */
interface LayoutWrite {
  sheet: string;
  commands: number;
  put: (ws: Excel.Worksheet) => void;
}

/**
 * What the CLI's writer gives the sheets besides values: an earlier CLI run's colours taken off
 * rows answered now, 集約メモ cells wrapped and bordered, its heading in the look of the
 * table's last heading, rows grown to show their text, the 集約メモ column widened and taken
 * into the print area. One sync reads heights, print areas and fills; the writes go through
 * writeBatched, in syncs of about 2 MB of request.
 */
async function applyLayout(plan: ConsolidationPlan, opts: RunOptions & { requestBytes?: number }): Promise<void> {
  const headings = plan.cells.filter((x) => x.look !== undefined && x.look !== 'note');
  const runs = noteRuns(plan.cells);
  const restores = plan.cells.filter((x) => x.restoreFill !== undefined);
  if (!headings.length && !runs.length && !restores.length && !plan.heights.length && !plan.columns.length && !plan.printAreas.length) return;
  const read = await runExcel(async (ctx) => {
    const ws = (n: string): Excel.Worksheet => ctx.workbook.worksheets.getItem(n);
    const heights = plan.heights.map((h) => ({ h, f: ws(h.sheet).getRangeByIndexes(h.r, 0, 1, 1).format.load('rowHeight') }));
    const areas = plan.printAreas.map((p) => ({ p, a: ws(p.sheet).pageLayout.getPrintAreaOrNullObject().load('address') }));
    const fills = restores.map((x) => ({ x, fill: ws(x.sheet).getRangeByIndexes(x.r, x.c, 1, 1).format.fill.load('color') }));
    // The file's widths are in the Normal font's characters: its digit width turns them into
    // points (the city's Excel uses 游ゴシック, wider than Calibri). XFD is left at the standard width.
    const fonts = [...new Set(plan.columns.map((w) => w.sheet))].map((name) => ({
      name,
      sheet: ws(name).load('standardWidth'),
      last: ws(name).getRangeByIndexes(0, 16383, 1, 1).getEntireColumn().format.load('columnWidth'),
    }));
    await ctx.sync();
    return {
      mdw: new Map(fonts.map((f) => [f.name, digitWidth(f.sheet.standardWidth, f.last.columnWidth)])),
      heights: heights.map(({ h, f }) => ({ h, now: f.rowHeight })),
      areas: areas.map(({ p, a }) => ({ p, address: a.isNullObject ? null : a.address })),
      fills: fills.map(({ x, fill }) => ({ x, color: fill.color })),
    };
  }, opts);
  const writes: LayoutWrite[] = [];
  for (const { x, color } of read.fills) {
    const own = ownFillBack(color, x.restoreFill!);
    if (own === undefined) continue;
    writes.push({
      sheet: x.sheet,
      commands: 1,
      put: (ws) => {
        const fill = ws.getRangeByIndexes(x.r, x.c, 1, 1).format.fill;
        if (own === null) fill.clear();
        else fill.color = own;
      },
    });
  }
  for (const x of headings) {
    const from = (x.look as { headerFrom: number }).headerFrom;
    writes.push({
      sheet: x.sheet,
      commands: 2,
      put: (ws) => {
        const range = ws.getRangeByIndexes(x.r, x.c, 1, 1);
        range.copyFrom(ws.getRangeByIndexes(x.r, from, 1, 1), 'Formats');
        range.format.wrapText = true;
      },
    });
  }
  for (const run of runs) {
    const edges = run.rows > 1 ? [...EDGES, 'InsideHorizontal' as const] : EDGES;
    writes.push({
      sheet: run.sheet,
      commands: 1 + 2 * edges.length,
      put: (ws) => {
        const range = ws.getRangeByIndexes(run.r, run.c, run.rows, 1);
        range.format.wrapText = true;
        for (const edge of edges) {
          const b = range.format.borders.getItem(edge);
          b.style = 'Continuous';
          b.weight = 'Thin';
        }
      },
    });
  }
  for (const { h, now } of read.heights) {
    if (now >= h.points) continue;
    writes.push({ sheet: h.sheet, commands: 1, put: (ws) => void (ws.getRangeByIndexes(h.r, 0, 1, 1).format.rowHeight = h.points) });
  }
  for (const w of plan.columns) {
    const points = widthPoints(w.width, read.mdw.get(w.sheet));
    writes.push({ sheet: w.sheet, commands: 1, put: (ws) => void (ws.getRangeByIndexes(0, w.c, 1, 1).getEntireColumn().format.columnWidth = points) });
  }
  for (const { p, address } of read.areas) {
    if (address === null) continue;
    const next = extendedArea(address, p.c);
    if (next !== extendedArea(address, 0)) writes.push({ sheet: p.sheet, commands: 1, put: (ws) => ws.pageLayout.setPrintArea(next) });
  }
  await writeBatched(writes, (ws, w) => w.put(ws), (w) => w.commands * COMMAND_BYTES, opts);
}

export async function applyPlan(plan: ConsolidationPlan, resultBytes: Uint8Array, opts: RunOptions & { requestBytes?: number } = {}): Promise<ApplyReport> {
  // Prepare: which sheets exist and which are protected; nothing is written yet.
  const open = await sheetsOf(opts);
  const exists = (n: string): boolean => open.some((s) => s.name === n);
  const ours = plan.sheets.filter((s) => s.replace && exists(s.name)).map((s) => s.name);
  const touched = new Set([...plan.inserts.map((x) => x.sheet), ...plan.cells.filter((x) => x.value !== undefined).map((x) => x.sheet), ...ours]);
  const locked = open.find((s) => s.protected && touched.has(s.name));
  if (locked) throw protectedError(locked.name);
  const newSheets = plan.sheets.map((s) => s.name);
  // The whole file in one request, only where the host has the call and it fits 5 MB.
  const base64 = newSheets.length && supports('ExcelApi', '1.13') ? toBase64(resultBytes) : '';
  const whole = base64.length > 0 && base64.length <= INSERT_BASE64_LIMIT;
  // Without it, our sheets' values come from the result file, read before the first write.
  const values: Sheet[] = whole || newSheets.length === 0 ? [] : readWorkbook(resultBytes, 'result.xlsx').sheets.filter((s) => newSheets.includes(s.name));

  // Write: 1. rows added by sections, top to bottom at their final positions.
  let insertedRows = 0;
  if (plan.inserts.length) {
    await runExcel(async (ctx) => {
      const shift = new Map<string, number>();
      for (const x of [...plan.inserts].sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.after - b.after))) {
        const start = x.after + 1 + (shift.get(x.sheet) ?? 0);
        ctx.workbook.worksheets.getItem(x.sheet).getRange(`${start + 1}:${start + x.count}`).insert(Excel.InsertShiftDirection.down);
        shift.set(x.sheet, (shift.get(x.sheet) ?? 0) + x.count);
        insertedRows += x.count;
      }
      await ctx.sync();
    }, opts);
  }
  // 2. The planned cells of the report sheets, then their look (wrap, borders, heights, widths).
  await writePlannedCells(plan.cells, opts);
  await applyLayout(plan, opts);
  // 3. Our sheets: an earlier run's go (a very hidden one must be made hidden first), then
  // come in whole (with their formatting) from the bytes, or as values.
  if (ours.length) {
    await runExcel(async (ctx) => {
      for (const n of ours) {
        const ws = ctx.workbook.worksheets.getItem(n);
        if (open.find((s) => s.name === n)?.visibility === 'VeryHidden') ws.visibility = Excel.SheetVisibility.hidden;
        ws.delete();
      }
      await ctx.sync();
    }, opts);
  }
  if (newSheets.length) {
    await runExcel(async (ctx) => {
      if (whole) ctx.workbook.insertWorksheetsFromBase64(base64, { sheetNamesToInsert: newSheets, positionType: Excel.WorksheetPositionType.end });
      else for (const n of newSheets) ctx.workbook.worksheets.add(n);
      // The record for the next 集約 is ours, not the user's: very hidden, as in the CLI's output.
      for (const s of plan.sheets) if (s.state === 'veryHidden') ctx.workbook.worksheets.getItem(s.name).visibility = Excel.SheetVisibility.veryHidden;
      await ctx.sync();
    }, opts);
    if (!whole) {
      const fixes = values.flatMap((s) => [...s.rows].flatMap(([r, row]) => [...row].map(([c, cell]) => ({ sheet: s.name, cell: a1(r, c), value: cell.text }))));
      await writeCells(fixes, opts);
    }
  }
  return { cells: plan.cells.filter((x) => x.value !== undefined).length, insertedRows, newSheets };
}

/** An ARGB colour as Office.js writes it, `#RRGGBB`. */
export const rgb = (argb: string): string => `#${argb.slice(-6)}`;

/** Fills a CLI consolidation puts on cells, as Office.js reads them (outputs made before the unfilled colour changed too). */
export const OUR_FILLS: readonly string[] = [MARK_FILLS.unfilled, LEGACY_UNFILLED, MARK_FILLS.conflict, MARK_FILLS.added].map(rgb);

/** A recorded `<fill>` as Office.js can set it: a colour, null for none, undefined when neither fits. */
export function officeFill(xml: string): string | null | undefined {
  if (/<patternFill\s*\/>|patternType="none"/.test(xml)) return null;
  if (!/patternType="solid"/.test(xml)) return undefined;
  const fg = /<fgColor\b[^>]*\brgb="([0-9A-Fa-f]{8})"/.exec(xml);
  return fg ? rgb(fg[1]!).toUpperCase() : undefined;
}

/**
 * The fill to give a recorded cell back (`recorded`: its own `<fill>`): only where it still shows
 * one of our colours (one the secretariat chose since is theirs); undefined: leave it as it is.
 */
export function ownFillBack(current: string | null | undefined, recorded: string): string | null | undefined {
  return OUR_FILLS.includes((current ?? '').toUpperCase()) ? officeFill(recorded) : undefined;
}

/**
 * Colours that are history within a round, as the 集約メモ lines beside them: a later 集約 of
 * late answers keeps them. Unfilled is recomputed each run.
 */
export const HISTORY_FILLS: readonly string[] = [MARK_FILLS.added, MARK_FILLS.unauthorized, MARK_FILLS.conflict].map(rgb);

/**
 * The colours of the plan (conflict, added, unfilled, on the same cells as the CLI's output),
 * and the unauthorized changes' cells, as owned conditional formats for the open master.
 */
export function consolidationFills(plan: ConsolidationPlan, s: Summary): OwnedFill[] {
  return [
    ...plan.cells.filter((x) => x.mark !== undefined).map((x) => ({ sheet: x.sheet, cell: a1(x.r, x.c), color: rgb(MARK_FILLS[x.mark!]) })),
    ...s.unauthorized.map((x) => ({ sheet: x.sheet, cell: x.cell, color: rgb(MARK_FILLS.unauthorized) })),
  ];
}

