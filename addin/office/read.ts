/// <reference types="office-js" />
// Reads the open workbook into lib/'s cell grid: one sync for the sheet list, one for every
// sheet's used range, values and merges. Only when Excel refuses a response as too large does
// it fall back to row blocks, halving the block until each answer fits. Excel fails
// getMergedAreasOrNullObject above 512 areas: then merges are read in row bands.
import { colIndex, emptySheet, setCell, type Cell, type CellValue, type Range, type Sheet, type Workbook } from '../../lib/grid';
import { TEMPLATE_NAME } from '../../lib/marks';
import { isCellEditMode, isPayloadTooLarge, runExcel, supports, type RunOptions } from './run';

export interface SheetInfo {
  id: string;
  name: string;
}

export interface OpenWorkbook {
  workbook: Workbook;
  /** Worksheet id → name, to resolve change events. */
  sheets: SheetInfo[];
  /** Sheets protected when read (split's section workbooks): no marks or validation there. */
  protectedSheets: string[];
}

/** Cells per sync when reading in blocks: about 2 MB of Japanese text at 30 characters a cell. */
export const BLOCK_CELLS = 20000;

export function toCell(v: unknown): Cell | undefined {
  if (v === '' || v === null || v === undefined) return undefined;
  if (typeof v === 'number') return { value: v, text: String(v) };
  if (typeof v === 'boolean') return { value: v, text: v ? 'TRUE' : 'FALSE' };
  const s = String(v);
  return { value: s as CellValue, text: s };
}

function fillRows(sheet: Sheet, r0: number, c0: number, values: unknown[][]): void {
  for (let i = 0; i < values.length; i++) {
    const row = values[i]!;
    for (let j = 0; j < row.length; j++) {
      const cell = toCell(row[j]);
      if (cell) setCell(sheet, r0 + i, c0 + j, cell);
    }
  }
}

/** "Sheet1!A1:B2, Sheet1!C3" or "'シート 1'!A1:B2" → ranges. */
export function parseAreas(address: string): Range[] {
  const out: Range[] = [];
  for (const part of address.split(',')) {
    const ref = part.trim().replace(/^.*!/, '').replace(/\$/g, '');
    const m = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/.exec(ref);
    if (!m) continue;
    const s = { r: Number(m[2]) - 1, c: colIndex(m[1]!) };
    const e = m[3] ? { r: Number(m[4]) - 1, c: colIndex(m[3]) } : s;
    out.push({ s, e });
  }
  return out;
}

interface Dim {
  ws: Excel.Worksheet;
  protection: Excel.WorksheetProtection;
  used: Excel.Range;
  merged?: Excel.RangeAreas;
  /** The used range with formats (merges), when merges are read in bands. */
  full?: Excel.Range;
}

/** Rows per band when a sheet has more merged areas than Excel answers at once (512). */
export const MERGE_BAND_ROWS = 200;

function queueDims(ctx: Excel.RequestContext, items: Excel.Worksheet[], withValues: boolean, mergesWhole = true): Dim[] {
  const mergesOk = supports('ExcelApi', '1.13');
  return items.map((ws) => {
    // Read once per sheet per read, in the same sync as the used range.
    const protection = ws.protection;
    protection.load('protected');
    const used = ws.getUsedRangeOrNullObject(true);
    used.load(withValues ? 'rowIndex,columnIndex,rowCount,columnCount,values' : 'rowIndex,columnIndex,rowCount,columnCount');
    let merged: Excel.RangeAreas | undefined;
    let full: Excel.Range | undefined;
    if (mergesOk && !mergesWhole) {
      full = ws.getUsedRangeOrNullObject(false);
      full.load('rowIndex,columnIndex,rowCount,columnCount');
    } else if (mergesOk) {
      // Merges can cover empty cells outside the values-only used range.
      merged = ws.getUsedRangeOrNullObject(false).getMergedAreasOrNullObject();
      merged.load('address');
    }
    return { ws, protection, used, merged, full };
  });
}

function baseSheet(d: Dim): Sheet {
  const sheet = emptySheet(d.ws.name);
  sheet.hidden = d.ws.visibility !== 'Visible';
  if (d.merged && !d.merged.isNullObject) sheet.merges = parseAreas(d.merged.address);
  return sheet;
}

/**
 * Merges of sheets whose used range has more than 512 merged areas, band by band; a band
 * that still has too many is halved. Areas crossing a band edge come back twice: deduplicated.
 */
async function readMergeBands(ctx: Excel.RequestContext, dims: Dim[], sheets: Sheet[]): Promise<void> {
  let band = MERGE_BAND_ROWS;
  for (;;) {
    const asks: { i: number; areas: Excel.RangeAreas }[] = [];
    dims.forEach((d, i) => {
      if (!d.full || d.full.isNullObject) return;
      for (let r = 0; r < d.full.rowCount; r += band) {
        const rg = d.ws.getRangeByIndexes(d.full.rowIndex + r, d.full.columnIndex, Math.min(band, d.full.rowCount - r), d.full.columnCount);
        const areas = rg.getMergedAreasOrNullObject();
        areas.load('address');
        asks.push({ i, areas });
      }
    });
    try {
      await ctx.sync();
    } catch (err) {
      if (band <= 1 || isPayloadTooLarge(err) || isCellEditMode(err)) throw err;
      band = Math.max(1, Math.floor(band / 2));
      continue;
    }
    const seen = sheets.map(() => new Set<string>());
    for (const { i, areas } of asks) {
      if (areas.isNullObject) continue;
      for (const m of parseAreas(areas.address)) {
        const k = `${m.s.r},${m.s.c},${m.e.r},${m.e.c}`;
        if (seen[i]!.has(k)) continue;
        seen[i]!.add(k);
        sheets[i]!.merges.push(m);
      }
    }
    return;
  }
}

async function readBlocks(ctx: Excel.RequestContext, dims: Dim[], sheets: Sheet[], blockCells: number): Promise<void> {
  interface Block { i: number; r0: number; rows: number; c0: number; cols: number }
  let pending: Block[] = [];
  dims.forEach((d, i) => {
    if (d.used.isNullObject) return;
    pending.push({ i, r0: d.used.rowIndex, rows: d.used.rowCount, c0: d.used.columnIndex, cols: d.used.columnCount });
  });
  let budget = blockCells;
  while (pending.length) {
    // Take blocks up to the budget, splitting a sheet's rows where needed.
    const batch: Block[] = [];
    let cells = 0;
    const rest: Block[] = [];
    for (const b of pending) {
      if (cells >= budget) {
        rest.push(b);
        continue;
      }
      const rowsFit = Math.max(1, Math.floor((budget - cells) / Math.max(1, b.cols)));
      if (rowsFit >= b.rows) {
        batch.push(b);
        cells += b.rows * b.cols;
      } else {
        batch.push({ ...b, rows: rowsFit });
        rest.push({ ...b, r0: b.r0 + rowsFit, rows: b.rows - rowsFit });
        cells = budget;
      }
    }
    const ranges = batch.map((b) => {
      const rg = dims[b.i]!.ws.getRangeByIndexes(b.r0, b.c0, b.rows, b.cols);
      rg.load('values');
      return rg;
    });
    try {
      await ctx.sync();
    } catch (err) {
      if (!isPayloadTooLarge(err) || budget <= 1) throw err;
      budget = Math.max(1, Math.floor(budget / 2));
      continue;
    }
    batch.forEach((b, k) => fillRows(sheets[b.i]!, b.r0, b.c0, ranges[k]!.values));
    pending = rest;
  }
}

export async function readOpenWorkbook(name = 'Excel', opts: RunOptions & { blockCells?: number } = {}): Promise<OpenWorkbook> {
  const collect = async (ctx: Excel.RequestContext, whole: boolean): Promise<OpenWorkbook> => {
    const wss = ctx.workbook.worksheets;
    wss.load('items/id,items/name,items/visibility');
    // A distribution template `next` made carries its period in a hidden name (ExcelApi 1.4):
    // the rules then take its empty rows for "not answered yet", as the CLI does.
    const mark = supports('ExcelApi', '1.4') ? ctx.workbook.names.getItemOrNullObject(TEMPLATE_NAME) : undefined;
    mark?.load('type,value');
    await ctx.sync();
    const template = mark && !mark.isNullObject && mark.type === Excel.NamedItemType.string ? String(mark.value) : undefined;
    let dims = queueDims(ctx, wss.items, whole);
    let banded = false;
    try {
      await ctx.sync();
    } catch (err) {
      // Too many merged areas fails the whole request: read again, merges in bands.
      if (!supports('ExcelApi', '1.13') || isPayloadTooLarge(err) || isCellEditMode(err)) throw err;
      dims = queueDims(ctx, wss.items, whole, false);
      await ctx.sync();
      banded = true;
    }
    const sheets = dims.map(baseSheet);
    if (banded) await readMergeBands(ctx, dims, sheets);
    if (whole) {
      dims.forEach((d, i) => {
        if (!d.used.isNullObject) fillRows(sheets[i]!, d.used.rowIndex, d.used.columnIndex, d.used.values);
      });
    } else {
      await readBlocks(ctx, dims, sheets, opts.blockCells ?? BLOCK_CELLS);
    }
    const protectedSheets = dims.filter((d) => d.protection.protected).map((d) => d.ws.name);
    return { workbook: { name, sheets, ...(template !== undefined ? { template } : {}) }, sheets: wss.items.map((ws) => ({ id: ws.id, name: ws.name })), protectedSheets };
  };
  try {
    return await runExcel((ctx) => collect(ctx, true), opts);
  } catch (err) {
    if (!isPayloadTooLarge(err)) throw err;
    return runExcel((ctx) => collect(ctx, false), opts);
  }
}

/** Re-reads rows r0..r1 (0-based, inclusive) of one sheet over columns 0..cols-1: one sync. */
export async function readRows(sheetName: string, r0: number, r1: number, cols: number, opts: RunOptions = {}): Promise<unknown[][]> {
  return runExcel(async (ctx) => {
    const rg = ctx.workbook.worksheets.getItem(sheetName).getRangeByIndexes(r0, 0, r1 - r0 + 1, Math.max(1, cols));
    rg.load('values');
    await ctx.sync();
    return rg.values;
  }, opts);
}

/** Replaces rows r0.. of a cached sheet with freshly read values. */
export function patchRows(sheet: Sheet, r0: number, values: unknown[][]): void {
  for (let i = 0; i < values.length; i++) {
    const r = r0 + i;
    sheet.rows.delete(r);
    values[i]!.forEach((v, c) => {
      const cell = toCell(v);
      if (cell) setCell(sheet, r, c, cell);
    });
  }
}
