// The 集約結果 sheet as a secretariat prints it: counts, who sent what, what the colours on the
// report sheets mean, then every item with the place to look at.
import { consolidate as t } from '../locale/ja/consolidate';
import { excerpt, format, severityLabel } from '../locale/ja/format';
import { textUnits } from '../ooxml/height';
import type { Styles } from '../ooxml/styles';
import { newSheetXml, type NewSheetCell } from '../ooxml/workbook';
// The legend shows the very colours the report sheets got.
import { MARK_FILLS as FILLS } from '../plan';
import type { ConflictItem, MissingRowsItem, Summary } from './types';

const OK_FILL = 'FFE2EFDA';
const BAD_FILL = 'FFF8CBAD';

function statusFill(status: string): string | undefined {
  return { submitted: OK_FILL, earlier: OK_FILL, missing: FILLS.unfilled, duplicate: BAD_FILL, unusable: BAD_FILL }[status];
}

function kindFill(kind: string): string | undefined {
  const unfilled = FILLS.unfilled;
  return { conflict: FILLS.conflict, unauthorized: FILLS.unauthorized, added: FILLS.added, missing: unfilled, duplicate: unfilled, unusable: unfilled, dropped: unfilled, file: BAD_FILL }[kind];
}

/** Folder and name of a path as the CLI or the pane gave it (either separator). */
function splitPath(p: string): { dir: string; name: string } {
  const i = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
  return i < 0 ? { dir: '', name: p } : { dir: p.slice(0, i), name: p.slice(i + 1) };
}

/**
 * File names without their folder, and the folders once: a full path wraps mid-name. A name
 * two folders share keeps its path, so every file stays told apart.
 */
export function shortFileNames(paths: readonly string[]): { folders: string[]; name: (p: string) => string } {
  const parts = new Map(paths.map((p) => [p, splitPath(p)]));
  const dirsOf = new Map<string, Set<string>>();
  for (const { dir, name } of parts.values()) dirsOf.set(name, (dirsOf.get(name) ?? new Set()).add(dir));
  const folders = [...new Set([...parts.values()].map((x) => x.dir).filter((d) => d !== '' && d !== '.'))];
  return {
    folders,
    name: (p) => {
      const x = parts.get(p) ?? splitPath(p);
      return (dirsOf.get(x.name)?.size ?? 1) > 1 ? p : x.name;
    },
  };
}

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

/** 「3 部署の記載が 2 通りに分かれています: …」: departments, and how many different answers. */
export function conflictDetail(c: ConflictItem): string {
  const variants = new Set(c.contributions.map((x) => x.text.replace(/\r\n?/g, '\n').trimEnd())).size;
  return format(t.detailConflict, { count: c.departments.length, variants, departments: c.departments.join(t.listJoin) });
}

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

/** The sheet, and the rows to repeat on every printed page (`ed.setPrintTitles`). */
export function summarySheet(s: Summary, styles: Styles): { xml: string; printTitles: string } {
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
  const cell = (text: string, style = body, link?: string): NewSheetCell => ({ text, style, ...(link ? { link } : {}) });
  const num = (n: number, style = body): NewSheetCell => ({ text: String(n), value: n, style });
  const spill = (text: string, style: number): NewSheetCell => ({ text, style, spill: true });
  const files = shortFileNames([...s.files.map((f) => f.file.replace(/#[^#/\\]*$/, '')), ...s.departments.flatMap((d) => d.files)]);
  // A sheet of a workbook (ブック.xlsx#シート) keeps its sheet part after the short name.
  const fileName = (p: string): string => {
    const hash = /#[^#/\\]*$/.exec(p);
    return hash ? files.name(p.slice(0, hash.index)) + hash[0] : files.name(p);
  };
  const rows: (NewSheetCell | null)[][] = [];
  const count = (st: string): number => s.departments.filter((d) => d.status === st).length;
  rows.push([spill(format(t.summaryTitle, { master: s.master }), title)]);
  if (files.folders.length > 0) rows.push([spill(format(t.summaryFolder, { folders: files.folders.join(t.listJoin) }), 0)]);
  rows.push([spill(t.summaryLateHelp, 0)]);
  rows.push([]);
  const counts: Record<keyof typeof t.summaryCounts, number> = {
    departments: s.departments.length, submitted: count('submitted'), earlier: count('earlier'), missing: count('missing'), duplicate: count('duplicate'), unusable: count('unusable'),
    conflicts: s.conflicts.length, unauthorized: s.unauthorized.length, added: s.added.length, dropped: droppedRows(s).length,
    findings: s.findings.length, unplaced: s.unplaced.length,
  };
  // Counts on the left, what the colours mean beside them: both short, read together.
  const legend: [string, string][] = [
    ['unfilled', FILLS.unfilled], ['conflict', FILLS.conflict], ['added', FILLS.added], ['unauthorized', FILLS.unauthorized],
  ];
  const countRows = Object.entries(t.summaryCounts) as [keyof typeof t.summaryCounts, string][];
  rows.push([cell(t.summaryCountsTitle, head), cell('', head), null, spill(t.summaryLegendTitle, title)]);
  countRows.forEach(([k, label], i) => {
    const l = legend[i];
    // A swatch, its meaning beside it: text running over a fill would look like part of it.
    rows.push([cell(label), num(counts[k]), null, ...(l ? [cell('', filled(l[1])), spill(t.summaryLegend[l[0]] ?? l[0], 0)] : [])]);
  });
  rows.push([]);
  rows.push([spill(t.summaryDeptTitle, title)]);
  rows.push(t.summaryDeptHeader.map((h) => cell(h, head)));
  for (const d of s.departments) {
    rows.push([
      cell(d.name),
      cell(t.status[d.status] ?? d.status, filled(statusFill(d.status))),
      cell(d.files.map(fileName).join('\n')),
      num(d.rowsTaken),
      num(d.rowsChanged),
      cell(format(t.summaryDeptDetail, { conflicts: d.conflicts, unauthorized: d.unauthorized, added: d.added, dropped: d.dropped, findings: d.findings })),
    ]);
  }
  rows.push([]);
  rows.push([spill(t.summaryDetailTitle, title)]);
  const detailHeader = rows.length;
  rows.push(t.summaryDetailHeader.map((h) => cell(h, head)));
  const item = (kind: string, dept: string, file: string, sheet: string, ref: string, text: string, link: boolean): void => {
    rows.push([
      cell(t.kinds[kind] ?? kind, filled(kindFill(kind))),
      cell(dept),
      cell(file),
      cell(sheet),
      cell(ref, body, link && sheet && ref ? `${quoteSheet(sheet)}!${ref}` : undefined),
      cell(text),
    ]);
  };
  for (const f of s.files) if (f.status !== 'applied') item('file', f.department ?? '', fileName(f.file), '', '', f.reason ?? '', false);
  for (const g of unfilledGroups(s.unfilled)) item(g.status, g.department, '', g.sheet, g.cell, g.text, true);
  for (const c of s.conflicts) {
    item('conflict', c.departments.join('\n'), [...new Set(c.contributions.map((x) => fileName(x.file)))].join('\n'), c.sheet, c.cell, conflictDetail(c), true);
  }
  for (const u of s.unauthorized) {
    item('unauthorized', u.department, fileName(u.file), u.sheet, u.cell, format(t.detailUnauthorized, { sourceCell: `${u.sourceSheet}!${u.sourceCell}`, before: excerpt(u.before, 40), after: excerpt(u.after, 40) }), true);
  }
  for (const c of s.cleared) item('cleared', c.department, fileName(c.file), c.sheet, c.cell, format(t.detailCleared, { before: excerpt(c.before, 60) }), true);
  for (const a of s.added) {
    item('added', a.department, fileName(a.file), a.sheet, a.cell, format(t.detailAdded, { sourceSheet: a.sourceSheet, sourceRow: a.sourceRow, text: excerpt(Object.values(a.texts).join(t.cellJoin), 60) }), true);
  }
  for (const f of s.findings) {
    item('finding', f.department ?? '', fileName(f.file), f.sheet, f.cell, format(t.detailFinding, { severity: severityLabel[f.severity], message: f.message, rule: f.rule }), false);
  }
  for (const u of s.unplaced) item('unplaced', u.department ?? '', fileName(u.file), u.sheet, u.cell, format(t.detailUnplaced, { reason: u.message, text: excerpt(u.text, 60) }), false);
  if (rows.length === detailHeader + 1) rows.push([cell(t.noneLine)]);
  const xml = newSheetXml({
    rows,
    widths: fittedWidths(rows, [10, 8, 14, 10, 8], 80),
    autoFilter: `A${detailHeader + 1}:F${rows.length}`,
    landscape: true,
  });
  return { xml, printTitles: `$${detailHeader + 1}:$${detailHeader + 1}` };
}

export function summarySheetXml(s: Summary, styles: Styles): string {
  return summarySheet(s, styles).xml;
}

/**
 * Columns wide enough for their longest line (names, files, cells never wrap mid-name), up to
 * a cap; the last column, free text, keeps its width and wraps.
 */
function fittedWidths(rows: readonly (NewSheetCell | null)[][], min: readonly number[], last: number): number[] {
  const w = [...min];
  for (const row of rows) {
    row.forEach((c, i) => {
      if (!c || c.spill || i >= min.length) return;
      for (const line of c.text.split('\n')) w[i] = Math.max(w[i]!, Math.ceil(textUnits(line) + 2));
    });
  }
  return [...w.map((x) => Math.min(x, 45)), last];
}
