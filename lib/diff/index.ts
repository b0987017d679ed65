// 変更点: what changed between the previous report and this one (rows paired, cells compared,
// characters marked), as data, text, JSON, or a marked copy of this one. Browser-safe: bytes in.
import type { Config } from '../config/schema';
import type { Workbook } from '../grid';
import { buildModel, type MasterModel } from '../consolidate/model';
import { readWorkbook, type ReadOptions } from '../read/workbook';
import { mainReportType } from '../report';
import { compareModels, type DiffResult } from './compare';

export type { CellChange, DiffResult, HeadingChange, MovedItem, RowItem, RowPlace } from './compare';
export { diffChars, hunksOf, textSimilarity, type Hunk, type Part } from './chars';
export { diffText, diffJson } from './render';
export { markedCopy } from './workbook';

export class DiffError extends Error {
  constructor(
    readonly code: 'no-report' | 'type-mismatch',
    readonly which: 'old' | 'new',
    readonly detail: { oldType?: string; newType?: string } = {},
  ) {
    super(code);
  }
}

/** The report rows of one side, or DiffError when it has no report sheet. */
export function modelOf(grid: Workbook, config: Config, which: 'old' | 'new'): MasterModel {
  const model = buildModel(grid, config);
  if (model.parsed.reports.length === 0) throw new DiffError('no-report', which);
  return model;
}

/** Compares two read workbooks (the CLI reads files, the pane the open workbook and a chosen file). */
export function diffGrids(oldGrid: Workbook, newGrid: Workbook, config: Config): DiffResult {
  const oldModel = modelOf(oldGrid, config, 'old');
  const newModel = modelOf(newGrid, config, 'new');
  const ot = mainReportType(oldModel.parsed.reports)!;
  const nt = mainReportType(newModel.parsed.reports)!;
  if (ot.id !== nt.id) throw new DiffError('type-mismatch', 'new', { oldType: ot.name, newType: nt.name });
  return compareModels(oldModel, newModel, { old: oldGrid.name, new: newGrid.name });
}

export function diffWorkbooks(oldBytes: Uint8Array, newBytes: Uint8Array, names: { old: string; new: string }, config: Config, opts: ReadOptions = {}): DiffResult {
  return diffGrids(readWorkbook(oldBytes, names.old, opts), readWorkbook(newBytes, names.new, opts), config);
}
