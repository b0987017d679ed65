// Consolidation, stage 5: every cell the rows did not account for (headings, text outside
// the table, files not applied) given its fate, so nothing returned goes unlisted.
import { a1, type Sheet, type Workbook } from '../grid';
import { consolidate as t } from '../locale/ja/consolidate';
import { normalize } from '../normalize';
import type { CellReason, UnplacedItem } from './types';
import { formulaCellOf, nonEmpty, Loaded } from './load';
import { Fates } from './fates';

/**
 * Cells the rows did not account for: headings (the master's text), text outside the table,
 * and every cell of a file that was not applied.
 */
export function accountRest(loaded: Loaded[], fates: Fates, inMaster: ReturnType<typeof masterTextTest>, unplaced: UnplacedItem[]): void {
  for (const l of loaded) {
    if (!l.grid) continue;
    const fileLevel = l.status !== 'applied';
    for (const sheet of l.grid.sheets) {
      const isMeta = sheet === l.metaSheet;
      const rs = l.parsed?.reports.find((r) => r.sheet === sheet);
      const dataRows = new Set(rs?.rows.map((r) => r.r) ?? []);
      const sf = fates.of(l, sheet.name);
      sheet.rows.forEach((row, r) =>
        row.forEach((cell, c) => {
          if (!nonEmpty(cell.text)) return;
          if (!fileLevel && sf.has(r, c)) return;
          if (isMeta) {
            sf.setWithText(r, c, cell.text, 'control');
          } else if (fileLevel) {
            sf.setWithText(r, c, cell.text, 'reported');
          } else if (inMaster(cell.text, sheet.name, r, c, cell.formula !== undefined || formulaCellOf(cell) !== undefined)) {
            sf.setWithText(r, c, cell.text, 'base');
          } else {
            const reason: CellReason = !rs ? 'unrelated-sheet' : dataRows.has(r) ? 'extra-column' : 'outside-table';
            sf.setWithText(r, c, cell.text, 'reported');
            unplaced.push({ department: l.dept, file: l.src.name, sheet: sheet.name, cell: a1(r, c), reason, message: t.cellReasons[reason]!, text: cell.text });
          }
        }),
      );
    }
  }
}

/**
 * Every text of the master, to tell headings copied into a returned file from new text.
 * A heading mostly sits where it sits in the master: that cell is looked at first, and the
 * set of all texts (normalized only when that misses too) is built only when needed.
 * `formula`: the text is a formula's result, or a formula the file holds without a value
 * (load.ts); where the master has a formula at that place (a tally above the table, which split
 * may have moved and the section's copy recalculated over its own rows), it is the master's.
 */
export function masterTextTest(grid: Workbook): (text: string, sheet: string, r: number, c: number, formula?: boolean) => boolean {
  const sheets = new Map<string, Sheet>();
  for (const s of grid.sheets) if (!sheets.has(s.name)) sheets.set(s.name, s);
  let raw: Set<string> | undefined;
  let normalized: Set<string> | undefined;
  return (text, sheet, r, c, formula = false) => {
    const at = sheets.get(sheet)?.rows.get(r)?.get(c);
    if (at?.text === text || (formula && at?.formula !== undefined)) return true;
    if (!raw) {
      raw = new Set<string>();
      for (const s of grid.sheets) for (const row of s.rows.values()) for (const cell of row.values()) raw.add(cell.text);
    }
    if (raw.has(text)) return true;
    normalized ??= new Set([...raw].filter(nonEmpty).map(normalize));
    return normalized.has(normalize(text));
  };
}
