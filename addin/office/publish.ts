// 公開用に整える in the open workbook: the library plans from the cells, Office.js applies it.
import type { PublishPlan } from '../../lib/consolidate/publish';
import { colName } from '../../lib/grid';
import { PREVIOUS_NAME, previousColumn } from '../../lib/marks';
import { ownFillBack } from './apply-plan';
import { runExcel, supports, type RunOptions } from './run';

/**
 * Gives the recorded cells their own fill back where they still show our colour (a CLI output
 * opened in Excel), empties and hides the 集約メモ columns, hides the 前回 columns, deletes our
 * sheets: two syncs.
 */
export async function applyPublish(plan: PublishPlan, opts: RunOptions = {}): Promise<{ fillsRestored: number; syncs: number }> {
  return runExcel(async (ctx) => {
    const sheets = ctx.workbook.worksheets;
    const probes = plan.fills.map((k) => {
      const fill = sheets.getItem(k.sheet).getRangeByIndexes(k.r, k.c, 1, 1).format.fill;
      fill.load('color');
      return { k, fill };
    });
    // The 前回 column `next` added is named per sheet (Worksheet.names, ExcelApi 1.4): hidden, as publish does.
    const previous = supports('ExcelApi', '1.4')
      ? plan.reports.map((name) => {
          const item = sheets.getItem(name).names.getItemOrNullObject(PREVIOUS_NAME);
          item.load('formula');
          return { name, item };
        })
      : [];
    await ctx.sync();
    let fillsRestored = 0;
    for (const { k, fill } of probes) {
      const own = ownFillBack(fill.color, k.fill);
      if (own === undefined) continue;
      if (own === null) fill.clear();
      else fill.color = own;
      fillsRestored++;
    }
    for (const { sheet, c } of plan.noteColumns) {
      const col = sheets.getItem(sheet).getRange(`${colName(c)}:${colName(c)}`);
      col.clear(Excel.ClearApplyTo.all);
      col.columnHidden = true;
    }
    for (const { name, item } of previous) {
      const c = item.isNullObject ? undefined : previousColumn(String(item.formula));
      if (c !== undefined) sheets.getItem(name).getRange(`${colName(c)}:${colName(c)}`).columnHidden = true;
    }
    for (const name of plan.sheets) {
      const ws = sheets.getItem(name);
      // Office.js refuses to delete a very hidden sheet (our record is one).
      ws.visibility = Excel.SheetVisibility.hidden;
      ws.delete();
    }
    await ctx.sync();
    return { fillsRestored, syncs: 2 };
  }, opts);
}
