// 年度更新: from one period's master, the next period's distribution template. The headings
// name the next period, the per-period columns are empty, the last period's carried text
// (the plan) sits in a 前回 column right of the table, and what a round of 集約 added is gone
// (publish's work). Patched in place: cells not named here keep their bytes. Browser-safe.
import { groupBy } from '../collections';
import type { Config, ColumnDef, PeriodRule } from '../config/schema';
import { a1, colName, typeOf, type Cell } from '../grid';
import { isConflictText, PREVIOUS_NAME, previousColumn, TEMPLATE_NAME, templateFormula } from '../marks';
import { advance, findForms, parsePeriod, periodLabel, previous, rewrite, type FormMatch, type Period } from '../period';
import { mainReportType, type ReportSheet } from '../report';
import { linesFor, pointsFor } from '../ooxml/height';
import type { SheetXml } from '../ooxml/sheet';
import type { Styles } from '../ooxml/styles';
import { openMaster } from './master';
import { buildModel, type MasterRow } from './model';
import { publish } from './publish';
import { freeColumn, hasDepartmentColumn } from './split';

export class NextError extends Error {
  constructor(
    readonly code: 'bad-period' | 'no-period' | 'mixed-period' | 'no-rule' | 'template' | 'not-later',
    readonly detail = '',
  ) {
    super(code);
    this.name = 'NextError';
  }
}

export interface NextOptions {
  /** The master's file name (messages). */
  name?: string;
  /** The next period as people write it (令和8年度上半期); read from the headings when absent. */
  period?: string;
}

export interface HeadingChange {
  sheet: string;
  cell: string;
  before: string;
  after: string;
}

export interface NextResult {
  bytes: Uint8Array;
  /** The period the master's headings named (absent when none did). */
  from?: string;
  to: string;
  headings: HeadingChange[];
  /** Per-period cells emptied. */
  cleared: number;
  /** Rows whose carried text went into the 前回 column. */
  carried: number;
  /** Per sheet, the 前回 column (A1 letters). */
  previousColumns: { sheet: string; column: string }[];
  removedSheets: string[];
  notesCleared: number;
  fillsRestored: number;
  /** 【競合】 left in a column `next` keeps (取組区分…): to settle. */
  conflictsLeft: { sheet: string; cell: string }[];
  /** Whether split can cut the result by department (a table with a department column). */
  splittable: boolean;
}

/** The rule of the workbook's report type (its main one's; all of them must have one). */
function ruleOf(reports: readonly ReportSheet[]): PeriodRule {
  for (const rs of reports) if (!rs.type.period) throw new NextError('no-rule', rs.type.name);
  return mainReportType(reports)!.period!;
}

export function nextMaster(bytes: Uint8Array, config: Config, opts: NextOptions = {}): NextResult {
  const name = opts.name ?? 'master.xlsx';
  // What a round of 集約 added goes as publish takes it out: the same code, the same result.
  const pub = publish(bytes, config, { name });
  const { editor: ed, grid } = openMaster(pub.bytes, name);
  // A template not answered yet: its 前回 column is all there is of last period, and another
  // next would empty it.
  if (grid.template !== undefined) throw new NextError('template', grid.template);
  const model = buildModel(grid, config);
  const rule = ruleOf(model.parsed.reports);
  let wanted: Period | undefined;
  if (opts.period !== undefined) {
    wanted = parsePeriod(opts.period, rule);
    if (!wanted) throw new NextError('bad-period', opts.period);
  }

  // Data rows are the sections' text: headings are looked for everywhere else.
  const dataRows = new Map<string, Set<number>>();
  for (const r of model.rows) {
    const set = dataRows.get(r.sheet) ?? new Set<number>();
    for (let k = r.row.r; k <= r.lastR; k++) set.add(k);
    dataRows.set(r.sheet, set);
  }
  // The 前回 column of an earlier `next` quotes an old heading: it is rewritten below, not read.
  const ownColumn = new Map(grid.sheets.map((sh) => [sh.name, previousColumn(ed.definedName(PREVIOUS_NAME, sh.name))]));
  const ruleBySheet = new Map(model.parsed.reports.map((rs) => [rs.sheet.name, rs.type.period ?? rule]));
  const found: { sheet: string; r: number; c: number; text: string; rule: PeriodRule; matches: FormMatch[] }[] = [];
  for (const sheet of grid.sheets) {
    const skip = dataRows.get(sheet.name);
    const sheetRule = ruleBySheet.get(sheet.name) ?? rule;
    for (const [r, row] of sheet.rows) {
      if (skip?.has(r)) continue;
      for (const [c, cell] of row) {
        if (c === ownColumn.get(sheet.name)) continue;
        if (cell.formula !== undefined || typeof cell.value !== 'string') continue;
        const matches = findForms(cell.value, sheetRule);
        if (matches.length > 0) found.push({ sheet: sheet.name, r, c, text: cell.value, rule: sheetRule, matches });
      }
    }
  }
  // The period the headings name: every year and half they tell must agree.
  const halves = new Set(found.flatMap((f) => f.matches.map((m) => m.half)));
  const years = new Set(found.flatMap((f) => f.matches.flatMap((m) => (m.year !== undefined ? [m.year] : []))));
  let from: Period | undefined;
  if (halves.size === 1 && years.size === 1) from = { year: [...years][0]!, half: [...halves][0]! };
  if (!wanted) {
    if (halves.size > 1 || years.size > 1) {
      const told = [...new Set(found.flatMap((f) => f.matches.map((m) => `「${m.text.replace(/\s+/g, '')}」`)))].join('・');
      throw new NextError('mixed-period', told);
    }
    if (!from) throw new NextError('no-period');
    wanted = advance(from, rule);
  }
  // A period the headings already name, or one before it, would write impossible headings
  // (令和6年度から令和元年度) and empty this period's answers.
  if (from && !isLater(wanted, from)) throw new NextError('not-later', `${periodLabel(from, rule)}\u0000${periodLabel(advance(from, rule), rule)}`);
  const to = wanted;
  const before = from ?? previous(to, rule);

  const headings: HeadingChange[] = [];
  for (const f of found) {
    let out = '';
    let at = 0;
    for (const m of f.matches) {
      out += f.text.slice(at, m.index) + rewrite(m, to, f.rule);
      at = m.index + m.text.length;
    }
    out += f.text.slice(at);
    if (out === f.text) continue;
    ed.sheet(f.sheet).setText(f.r, f.c, out);
    headings.push({ sheet: f.sheet, cell: a1(f.r, f.c), before: f.text, after: out });
  }

  // Per-period columns emptied; the carried one's text kept in the 前回 column.
  let cleared = 0;
  let carried = 0;
  const carriedConflicts: NextResult['conflictsLeft'] = [];
  const emptied = new Set<string>();
  const previousColumns: NextResult['previousColumns'] = [];
  const bySheet = groupBy(model.rows, (r) => r.sheet);
  for (const rs of model.parsed.reports) {
    const rows = bySheet.get(rs.sheet.name) ?? [];
    const sx = ed.sheet(rs.sheet.name);
    const carry = rs.type.columns.find((col) => col.carry);
    const prevCol = carry ? previousColumn(ed.definedName(PREVIOUS_NAME, rs.sheet.name)) ?? freeColumn(model, rs.sheet.name, sx.maxColumn()) : undefined;
    const perPeriod = rs.type.columns.filter((col) => col.perPeriod);
    if (carry && prevCol !== undefined) {
      for (const h of rs.headerRows) {
        const c = rs.columnMaps.get(h)?.get(carry.key);
        if (c === undefined) continue;
        const old = rs.sheet.rows.get(h)?.get(c)?.text ?? carry.label;
        const header = (rs.type.period ?? rule).previousHeader
          .replace(/\{見出し\}/g, old.replace(/\s+/g, ''))
          .replace(/\{前回\}/g, periodLabel(before, rs.type.period ?? rule));
        const width = sx.columnWidth(c);
        sx.setText(h, prevCol, header, sx.styleAt(h, c));
        sx.setColumn(prevCol, { width, hidden: false });
        // 前回の取組結果⏎（令和元年度末）: two lines where the heading row may be one line high.
        if (width > 0) sx.ensureHeight(h, pointsFor(linesFor(header, width)));
      }
      ed.setDefinedName(PREVIOUS_NAME, `'${rs.sheet.name.replace(/'/g, "''")}'!$${colName(prevCol)}:$${colName(prevCol)}`, rs.sheet.name);
      previousColumns.push({ sheet: rs.sheet.name, column: colName(prevCol) });
    }
    for (const row of rows) {
      if (carry && prevCol !== undefined) {
        const c = row.map.get(carry.key);
        const filled: { r: number; cell: Cell }[] = [];
        for (let k = row.row.r; k <= row.lastR; k++) {
          const cell = c === undefined ? undefined : rs.sheet.rows.get(k)?.get(c);
          if (cell && cell.text.trim() !== '') filled.push({ r: k, cell });
          // The column looks like its neighbour's cells (borders, wrap), text or not.
          sx.removeCell(k, prevCol);
          const style = c === undefined ? 0 : sx.styleAt(k, c);
          if (style) sx.setStyle(k, prevCol, style);
        }
        const only = filled.length === 1 ? filled[0]! : undefined;
        // Both departments' texts carried as last period's plan would be a conflict nobody can
        // settle any more: listed now, with the other conflicts left.
        if (filled.some((x) => isConflictText(x.cell.text))) carriedConflicts.push({ sheet: rs.sheet.name, cell: a1(row.row.r, prevCol) });
        if (only && c !== undefined && only.r === row.row.r && typeOf(only.cell) !== 's' && typeOf(only.cell) !== 'e' && only.cell.formula === undefined) {
          // A number, date or boolean stays one, in its format (the style was copied above).
          sx.copyValue({ r: only.r, c }, { r: row.row.r, c: prevCol });
          carried++;
        } else if (filled.length > 0) {
          sx.setText(row.row.r, prevCol, filled.map((x) => x.cell.text).join('\n'));
          carried++;
        }
      }
      for (const col of perPeriod) cleared += clearColumn(sx, ed.styles, rs, row, col, emptied);
    }
  }

  ed.setDefinedName(TEMPLATE_NAME, templateFormula(periodLabel(to, rule)));
  return {
    bytes: ed.toBytes(),
    ...(from ? { from: periodLabel(from, rule) } : {}),
    to: periodLabel(to, rule),
    headings,
    cleared,
    carried,
    previousColumns,
    removedSheets: pub.removedSheets,
    notesCleared: pub.notesCleared,
    fillsRestored: pub.fillsRestored,
    // A conflict in a column emptied is gone with it; one in a kept column is still to settle.
    conflictsLeft: [...pub.conflictsLeft.filter((x) => !emptied.has(`${x.sheet}!${x.cell}`)), ...carriedConflicts],
    splittable: model.parsed.reports.some(hasDepartmentColumn),
  };
}

/** Empties a per-period cell of the row (every sheet row it spans), keeping its format. */
function clearColumn(sx: SheetXml, styles: Styles, rs: ReportSheet, row: MasterRow, col: ColumnDef, emptied: Set<string>): number {
  const c = row.map.get(col.key);
  if (c === undefined) return 0;
  let n = 0;
  for (let k = row.row.r; k <= row.lastR; k++) {
    const cell = rs.sheet.rows.get(k)?.get(c);
    if (!cell) continue;
    sx.clearValue(k, c);
    // A number's format goes with the number (an answer typed 85% leaves 0% behind, and next
    // period's 3 would show as 300%); a format on an empty cell is the master's own, and stays.
    const ty = typeOf(cell);
    if ((ty === 'n' || ty === 'd') && cell.format !== undefined && cell.formula === undefined) sx.setStyle(k, c, styles.derive(sx.styleAt(k, c), { numFmt: 0 }));
    emptied.add(`${rs.sheet.name}!${a1(k, c)}`);
    n++;
  }
  return n;
}

/** Whether a is a later period than b. */
function isLater(a: Period, b: Period): boolean {
  return a.year > b.year || (a.year === b.year && a.half === 'second' && b.half === 'first');
}

