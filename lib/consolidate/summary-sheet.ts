// The 集約結果 sheet: first who sent what, then every item with the place to look at.
import { consolidate as t, excerpt, format, severityLabel } from '../locale/ja';
import type { Styles } from '../ooxml/styles';
import { newSheetXml, type NewSheetCell } from '../ooxml/workbook';
import type { MissingRowsItem, Summary } from './types';

const STATUS_FILL: Record<string, string> = { submitted: 'FFE2EFDA', earlier: 'FFE2EFDA', missing: 'FFFFF2CC', duplicate: 'FFF8CBAD', unusable: 'FFF8CBAD' };
const KIND_FILL: Record<string, string> = { conflict: 'FFF8CBAD', unauthorized: 'FFFCE4D6', added: 'FFE2EFDA', missing: 'FFFFF2CC', duplicate: 'FFFFF2CC', unusable: 'FFFFF2CC', dropped: 'FFFFF2CC', file: 'FFF8CBAD' };

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

export interface UnfilledGroup {
  department: string;
  status: MissingRowsItem['status'];
  sheet: string;
  /** The first of the rows. */
  cell: string;
  /** Why, and which rows, in Japanese. */
  text: string;
}

const UNFILLED_TEXT: Record<MissingRowsItem['status'], string> = { missing: t.detailMissing, duplicate: t.detailDuplicate, unusable: t.detailUnusable, dropped: t.detailDropped };

/** Rows a department's taken file lacked. */
export function droppedRows(s: Summary): MissingRowsItem[] {
  return s.unfilled.filter((u) => u.status === 'dropped');
}

/** Unfilled rows as one line per department and sheet (a department sending nothing has many). */
export function unfilledGroups(items: readonly MissingRowsItem[]): UnfilledGroup[] {
  const by = new Map<string, { first: MissingRowsItem; cells: string[] }>();
  for (const u of items) {
    const k = `${u.department}\u0000${u.sheet}`;
    const e = by.get(k) ?? { first: u, cells: [] };
    e.cells.push(u.cell);
    by.set(k, e);
  }
  return [...by.values()].map(({ first, cells }) => ({
    department: first.department,
    status: first.status,
    sheet: first.sheet,
    cell: cells[0]!,
    text: format(UNFILLED_TEXT[first.status], { rows: cells.length, cells: cells.join(t.listJoin) }),
  }));
}

export function summarySheetXml(s: Summary, styles: Styles): string {
  const title = styles.derive(0, { bold: true });
  const head = styles.derive(0, { bold: true, fill: 'FFD9D9D9', border: true, wrap: true });
  const body = styles.derive(0, { border: true, wrap: true });
  const fillCache = new Map<string, number>();
  const filled = (argb: string | undefined): number => {
    if (!argb) return body;
    let n = fillCache.get(argb);
    if (n === undefined) fillCache.set(argb, (n = styles.derive(body, { fill: argb })));
    return n;
  };
  const cell = (text: string | number, style = body, link?: string): NewSheetCell => ({ text: String(text), style, ...(link ? { link } : {}) });
  const spill = (text: string, style: number): NewSheetCell => ({ text, style, spill: true });
  const rows: (NewSheetCell | null)[][] = [];
  const count = (st: string): number => s.departments.filter((d) => d.status === st).length;
  rows.push([spill(format(t.summaryTitle, { master: s.master }), title)]);
  rows.push([
    spill(
      format(t.summaryCounts, {
        departments: s.departments.length, submitted: count('submitted'), earlier: count('earlier'), missing: count('missing'), duplicate: count('duplicate'), unusable: count('unusable'),
        conflicts: s.conflicts.length, unauthorized: s.unauthorized.length, added: s.added.length, dropped: droppedRows(s).length,
        findings: s.findings.length, unplaced: s.unplaced.length,
      }),
      0,
    ),
  ]);
  rows.push([spill(t.summaryLateHelp, 0)]);
  rows.push([]);
  rows.push([spill(t.summaryDeptTitle, title)]);
  rows.push(t.summaryDeptHeader.map((h) => cell(h, head)));
  for (const d of s.departments) {
    rows.push([
      cell(d.name),
      cell(t.status[d.status] ?? d.status, filled(STATUS_FILL[d.status])),
      cell(d.files.join('\n')),
      cell(d.rowsTaken),
      cell(d.rowsChanged),
      cell(format(t.summaryDeptDetail, { conflicts: d.conflicts, unauthorized: d.unauthorized, added: d.added, dropped: d.dropped, findings: d.findings })),
    ]);
  }
  rows.push([]);
  rows.push([spill(t.summaryDetailTitle, title)]);
  const detailHeader = rows.length;
  rows.push(t.summaryDetailHeader.map((h) => cell(h, head)));
  const item = (kind: string, dept: string, file: string, sheet: string, ref: string, text: string, link: boolean): void => {
    rows.push([
      cell(t.kinds[kind] ?? kind, filled(KIND_FILL[kind])),
      cell(dept),
      cell(file),
      cell(sheet),
      cell(ref, body, link && sheet && ref ? `${quoteSheet(sheet)}!${ref}` : undefined),
      cell(text),
    ]);
  };
  for (const f of s.files) if (f.status !== 'applied') item('file', f.department ?? '', f.file, '', '', f.reason ?? '', false);
  for (const g of unfilledGroups(s.unfilled)) item(g.status, g.department, '', g.sheet, g.cell, g.text, true);
  for (const c of s.conflicts) {
    item('conflict', c.departments.join('\n'), [...new Set(c.contributions.map((x) => x.file))].join('\n'), c.sheet, c.cell, format(t.detailConflict, { count: c.departments.length, departments: c.departments.join(t.listJoin) }), true);
  }
  for (const u of s.unauthorized) {
    item('unauthorized', u.department, u.file, u.sheet, u.cell, format(t.detailUnauthorized, { sourceCell: `${u.sourceSheet}!${u.sourceCell}`, before: excerpt(u.before, 40), after: excerpt(u.after, 40) }), true);
  }
  for (const a of s.added) {
    item('added', a.department, a.file, a.sheet, a.cell, format(t.detailAdded, { sourceSheet: a.sourceSheet, sourceRow: a.sourceRow, text: excerpt(Object.values(a.texts).join(t.cellJoin), 60) }), true);
  }
  for (const f of s.findings) {
    item('finding', f.department ?? '', f.file, f.sheet, f.cell, format(t.detailFinding, { severity: severityLabel[f.severity], message: f.message, rule: f.rule }), false);
  }
  for (const u of s.unplaced) item('unplaced', u.department ?? '', u.file, u.sheet, u.cell, format(t.detailUnplaced, { reason: u.message, text: excerpt(u.text, 60) }), false);
  if (rows.length === detailHeader + 1) rows.push([cell(t.noneLine)]);
  return newSheetXml({
    rows,
    widths: [20, 22, 30, 14, 9, 80],
    autoFilter: `A${detailHeader + 1}:F${rows.length}`,
    landscape: true,
  });
}
