// Where each non-empty cell of each returned workbook went (out, base, control, reported),
// kept as small codes; the per-cell trace is built only when asked for.
import { a1, cellKey, fromCellKey, type Sheet } from '../grid';
import type { CellTrace } from './types';
import { nonEmpty, Loaded } from './load';

export const FATES: readonly CellTrace['fate'][] = ['out', 'base', 'control', 'reported'];

export const FATE_CODE: Record<CellTrace['fate'], number> = { out: 0, base: 1, control: 2, reported: 3 };

/** Where a taken text landed: a master cell (moved by the row map later) or an output cell. */
export interface Landing {
  sheet: string;
  r: number;
  c: number;
  /** r is already an output row (an added row), not a master row. */
  output: boolean;
}

export class SheetFates {
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
export class Fates {
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

export function cmpStr(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function cmpCell(a: string, b: string): number {
  const pa = /^([A-Z]+)(\d+)$/.exec(a);
  const pb = /^([A-Z]+)(\d+)$/.exec(b);
  if (!pa || !pb) return cmpStr(a, b);
  return Number(pa[2]) - Number(pb[2]) || pa[1]!.length - pb[1]!.length || cmpStr(pa[1]!, pb[1]!);
}
