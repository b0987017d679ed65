// Ready to publish: the consolidated master without the secretariat's working parts (the
// 集約結果 sheet, the record, the 集約メモ column and the colours 集約 added), and the
// conflicts still to resolve. Browser-safe: bytes in, bytes out.
import type { Config } from '../config/schema';
import { a1, type Workbook } from '../grid';
import { isConflictText, DIFF_SHEET, DIFF_TITLE_PREFIXES, META_SHEET, PREVIOUS_NAME, previousColumn, STATE_SHEET } from '../marks';
import { MARK_FILLS as FILLS } from '../plan';
import { ConsolidateError } from './consolidate';
import { LEGACY_UNFILLED } from './write-master';
import { dropPaneMarks, openMaster } from './master';
import { buildModel, noteColumn } from './model';
import { believedState, fillPattern, giveBackFill, type UnfilledMark } from './state';

export interface PublishResult {
  bytes: Uint8Array;
  /** Sheets of ours taken out (made very hidden where something else refers to them). */
  removedSheets: string[];
  /** 集約メモ cells taken out; the column is hidden. */
  notesCleared: number;
  /** Cells given their own fill back (the unfilled, conflict and added-row colours). */
  fillsRestored: number;
  /** Cells still holding a conflict's texts: to resolve before publishing. */
  conflictsLeft: { sheet: string; cell: string }[];
}

const OUR_FILL = fillPattern(FILLS.unfilled, LEGACY_UNFILLED, FILLS.conflict, FILLS.added);

/** What making a consolidated workbook ready to publish takes, read from its cells. */
export interface PublishPlan {
  /** The report sheets, in workbook order. */
  reports: string[];
  /** Our sheets, to take out: the 集約結果 (only when ours), the record, split's metadata. */
  sheets: string[];
  /** The 集約メモ column (0-based) of each report sheet that has one. */
  noteColumns: { sheet: string; c: number }[];
  /** Cells 集約 coloured, with their own fill to give back while they still show our colour. */
  fills: UnfilledMark[];
  conflictsLeft: { sheet: string; cell: string }[];
}

export function planPublish(grid: Workbook, config: Config): PublishPlan {
  const model = buildModel(grid, config);
  if (model.parsed.reports.length === 0) throw new ConsolidateError('master-no-report');
  const reports = model.parsed.reports.map((rs) => rs.sheet.name);
  // The colours' record outlives the round; the 集約結果 it names counts only when it is ours.
  const state = believedState(grid, reports);
  const fills = [...(state?.marks ?? []), ...(state?.history ?? [])].filter((k) => reports.includes(k.sheet));
  const noteColumns: PublishPlan['noteColumns'] = [];
  const conflictsLeft: PublishPlan['conflictsLeft'] = [];
  for (const rs of model.parsed.reports) {
    const notes = noteColumn(rs);
    if (notes !== undefined) noteColumns.push({ sheet: rs.sheet.name, c: notes });
    rs.sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (c !== notes && isConflictText(cell.text)) conflictsLeft.push({ sheet: rs.sheet.name, cell: a1(r, c) });
      }),
    );
  }
  const sheets = [state?.summarySheet, STATE_SHEET, META_SHEET].filter((n): n is string => n !== undefined && grid.sheets.some((s) => s.name === n));
  // The 変更点 sheet `diff -o` adds (known by its title: a sheet the secretariat named so stays).
  for (const s of grid.sheets) {
    const title = s.rows.get(0)?.get(0)?.text ?? '';
    if (s.name.startsWith(DIFF_SHEET) && DIFF_TITLE_PREFIXES.some((p) => title.startsWith(p)) && !reports.includes(s.name)) sheets.push(s.name);
  }
  return { reports, sheets, noteColumns, fills, conflictsLeft };
}

export function publish(bytes: Uint8Array, config: Config, opts: { name?: string } = {}): PublishResult {
  const { editor: ed, grid } = openMaster(bytes, opts.name ?? 'master.xlsx');
  dropPaneMarks(ed);
  const plan = planPublish(grid, config);
  const fillsRestored = plan.fills.filter((k) => giveBackFill(ed, k, OUR_FILL)).length;
  let notesCleared = 0;
  for (const { sheet, c } of plan.noteColumns) {
    const sx = ed.sheet(sheet);
    grid.sheets.find((s) => s.name === sheet)?.rows.forEach((row, r) => {
      if (!row.has(c)) return;
      sx.removeCell(r, c);
      notesCleared++;
    });
    sx.setColumn(c, { hidden: true });
  }
  // The 前回 column `next` added is for the sections writing, not for the published report.
  for (const sheet of plan.reports) {
    const c = previousColumn(ed.definedName(PREVIOUS_NAME, sheet));
    if (c !== undefined) ed.sheet(sheet).setColumn(c, { hidden: true });
  }
  for (const name of plan.sheets) ed.removeSheet(name);
  // What Excel moved into the shared-string table of the sheets and notes removed goes too.
  ed.compactSharedStrings();
  const first = ed.sheets.find((s) => s.state === 'visible' && plan.reports.includes(s.name));
  if (first) ed.activate(first.name);
  return { bytes: ed.toBytes(), removedSheets: plan.sheets, notesCleared, fillsRestored, conflictsLeft: plan.conflictsLeft };
}
