// Ready to publish: the consolidated master without the secretariat's working parts (the
// 集約結果 sheet, the record, the 集約メモ column and the colours 集約 added), and the
// conflicts still to resolve. Browser-safe: bytes in, bytes out.
import type { Config } from '../config/schema';
import { a1 } from '../grid';
import { consolidate as t } from '../locale/ja';
import { ConsolidateError, FILLS } from './consolidate';
import { openMaster } from './master';
import { buildModel, noteColumn } from './model';
import { believedState } from './state';

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

const OUR_FILL = new RegExp(`rgb="(?:${FILLS.unfilled}|${FILLS.conflict}|${FILLS.added})"`, 'i');

export function publish(bytes: Uint8Array, config: Config, opts: { name?: string } = {}): PublishResult {
  const { editor: ed, grid } = openMaster(bytes, opts.name ?? 'master.xlsx');
  const model = buildModel(grid, config);
  if (model.parsed.reports.length === 0) throw new ConsolidateError('master-no-report');
  const reports = model.parsed.reports.map((rs) => rs.sheet.name);
  // The colours' record outlives the round; the 集約結果 it names only when it is ours.
  const state = believedState(grid, reports);
  let fillsRestored = 0;
  for (const k of [...(state?.marks ?? []), ...(state?.history ?? [])]) {
    if (!reports.includes(k.sheet)) continue;
    const sx = ed.sheet(k.sheet);
    const now = sx.styleAt(k.r, k.c);
    // A colour the secretariat changed since is theirs: left as it is.
    if (!OUR_FILL.test(ed.styles.fillOf(now))) continue;
    sx.setStyle(k.r, k.c, ed.styles.derive(now, { fillXml: k.fill }));
    fillsRestored++;
  }
  let notesCleared = 0;
  const conflictsLeft: PublishResult['conflictsLeft'] = [];
  for (const rs of model.parsed.reports) {
    const sx = ed.sheet(rs.sheet.name);
    const notes = noteColumn(rs);
    rs.sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (c === notes) {
          sx.removeCell(r, c);
          notesCleared++;
        } else if (cell.text.startsWith(t.conflictHead)) {
          conflictsLeft.push({ sheet: rs.sheet.name, cell: a1(r, c) });
        }
      }),
    );
    if (notes !== undefined) sx.setColumn(notes, { hidden: true });
  }
  const removedSheets: string[] = [];
  for (const name of [state?.summarySheet, t.stateSheet, t.metaSheet]) {
    if (name === undefined || !ed.sheets.some((s) => s.name === name)) continue;
    ed.removeSheet(name);
    removedSheets.push(name);
  }
  const first = ed.sheets.find((s) => s.state === 'visible' && reports.includes(s.name));
  if (first) ed.activate(first.name);
  return { bytes: ed.toBytes(), removedSheets, notesCleared, fillsRestored, conflictsLeft };
}
