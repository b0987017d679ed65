import type { ColumnDef, ReportType } from '../config/schema';
import { columnLabel, type ParsedWorkbook, type ReportCell } from '../report';
import type { Rule } from './types';

/**
 * A distribution template (`next` marked it) whose progress cells are all still empty: its
 * empty rows mean "not answered yet", which is no mistake in a file not yet sent. Once any
 * progress cell holds text the workbook is a report and every empty row counts again.
 * Consolidation drops the mark: a returned file is an answer, however empty (merge.ts).
 */
export function freshTemplate(parsed: ParsedWorkbook): boolean {
  if (parsed.template === undefined) return false;
  return parsed.reports.every((rs) =>
    rs.rows.every((row) => rs.type.columns.every((col) => !col.progress || (row.cells.get(col.key)?.text.trim() ?? '') === '')),
  );
}

export type RequiredMessageIds = 'empty' | 'noProgress';

/** Required cells (担当課/担当部, 取組内容, 取組番号) filled, and at least one progress cell. */
export const required: Rule<RequiredMessageIds> = {
  id: 'required',
  meta: { severity: 'error', messages: { empty: ['column'], noProgress: ['columns'] }, fixable: false },
  create(ctx) {
    const fresh = freshTemplate(ctx.parsed);
    // Found once per table type, not per row: this runs for every row of every file.
    const progressOf = new Map<ReportType, ColumnDef[]>();
    return {
      row(row, rs) {
        for (const col of rs.type.columns) {
          if (!col.required) continue;
          const cell = row.cells.get(col.key);
          if (cell && cell.text.trim() === '') {
            ctx.report({ messageId: 'empty', data: { column: columnLabel(rs, row.r, col) }, sheet: rs.sheet.name, r: cell.r, c: cell.c });
          }
        }
        if (fresh) return;
        let cols = progressOf.get(rs.type);
        if (!cols) progressOf.set(rs.type, (cols = rs.type.columns.filter((c) => c.progress)));
        let first: ReportCell | undefined;
        for (const c of cols) {
          const cell = row.cells.get(c.key);
          if (!cell) continue;
          if (cell.text.trim() !== '') return;
          first ??= cell;
        }
        if (first) {
          const progress = cols.filter((c) => row.cells.has(c.key));
          ctx.report({
            messageId: 'noProgress',
            data: { columns: progress.map((c) => columnLabel(rs, row.r, c)).join('・') },
            sheet: rs.sheet.name,
            r: row.r,
            c: first.c,
          });
        }
      },
    };
  },
};
