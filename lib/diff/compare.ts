// Diff, stage 2: paired rows compared cell by cell, by column role (a heading whose 年度 moved
// on is the same column), on typed values (a number by its value, a formula by its result),
// plus the rows added, removed and moved.
import type { ColumnDef } from '../config/schema';
import { a1, sameNumber, sameText, typeOf, type Cell, type CellType } from '../grid';
import { normalize } from '../normalize';
import { mainReportType, type ReportCell } from '../report';
import type { MasterModel, MasterRow } from '../consolidate/model';
import { diffChars, hunksOf, type Hunk, type Part } from './chars';
import { matchRows, type MatchedBy, type RowPair } from './match';

export interface RowPlace {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  /** The hierarchy as people read it: 提言1 取組方針ア. */
  section: string;
}

export interface CellChange {
  sheet: string;
  /** NEW's cell. */
  cell: string;
  row: number;
  /** Column by its role: the type's label (取組区分), whatever the heading says this period. */
  column: string;
  columnKey: string;
  /** As Excel shows them. */
  before: string;
  after: string;
  beforeType: CellType | 'empty';
  afterType: CellType | 'empty';
  /** The changed stretches of the text (code points into `before`). */
  hunks: Hunk[];
  /** 取組区分 / 担当部 and other choice or department columns: said by name (継続 → 拡充). */
  named: boolean;
  /** Where the cell was in OLD. */
  from: { sheet: string; cell: string; row: number };
  /** How the row was paired, and how sure (1 unless its 取組内容 differs). */
  matchedBy: MatchedBy;
  confidence: number;
  /** The text with its changes, for people and the 変更点 sheet (not in the JSON). */
  parts: Part[];
}

export interface RowItem extends RowPlace, RowCells {
  /** The row's 取組内容 (or its key columns). */
  label: string;
  /** Every report column's text, by column label. */
  texts: Record<string, string>;
}

export interface MovedItem {
  from: RowPlace & RowCells;
  to: RowPlace & RowCells;
  label: string;
  confidence: number;
}

export interface HeadingChange {
  sheet: string;
  cell: string;
  column: string;
  before: string;
  after: string;
}

export interface DiffResult {
  old: string;
  new: string;
  reportType: string;
  /** What names a row in this report type (取組内容; 取組番号 in the 職員育成ビジョン). */
  rowKey: string;
  /** NEW's sheets in workbook order (for listing changes in it). */
  sheets: string[];
  changed: CellChange[];
  added: RowItem[];
  removed: RowItem[];
  moved: MovedItem[];
  /** Column headings reworded (年度 advanced): the same columns, compared by role. */
  headings: HeadingChange[];
  /** Rows paired, and of them those paired by similarity or order (reworded 取組内容). */
  rowsMatched: number;
  rowsReworded: number;
}

const sectionText = (m: MasterRow): string => m.row.section.map((s) => `${s.level}${s.value}`).join(' ');

export interface RowCells {
  /** The row's first report cell, and the span of its report columns (`A18:F18`). */
  cell: string;
  range: string;
}

function place(m: MasterRow): RowPlace & RowCells {
  const cols = [...m.map.values()];
  const lo = Math.min(...cols);
  const hi = Math.max(...cols);
  return { sheet: m.sheet, row: m.row.r + 1, section: sectionText(m), cell: a1(m.row.r, lo), range: `${a1(m.row.r, lo)}:${a1(m.row.r, hi)}` };
}

function labelOf(m: MasterRow): string {
  return m.rs.type.rowKey.map((k) => m.row.cells.get(k)?.text ?? '').filter((x) => x.trim() !== '').join(' ');
}

function textsOf(m: MasterRow): Record<string, string> {
  const out: Record<string, string> = {};
  for (const col of m.rs.type.columns) {
    const t = m.row.cells.get(col.key)?.text ?? '';
    if (t.trim() !== '') out[col.label] = t;
  }
  return out;
}

/** A cell this row shows but does not hold: carried down from above, or covered by a merge above. */
const borrowed = (c: ReportCell | undefined, m: MasterRow): boolean => !c || c.carried || c.r !== m.row.r;

function cellAt(m: MasterRow, c: ReportCell | undefined): Cell | undefined {
  return c ? m.rs.sheet.rows.get(c.r)?.get(c.c) : undefined;
}

const kindOf = (cell: Cell | undefined): CellType | 'empty' => (!cell || (cell.text.trim() === '' && cell.formula === undefined) ? 'empty' : typeOf(cell));

/**
 * The same content for a reader: numbers (and dates) by value, whatever their format; a
 * formula by the value it shows; text but for line-break style and trailing white space.
 */
export function sameValue(a: Cell | undefined, b: Cell | undefined): boolean {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'empty' || kb === 'empty') return ka === kb;
  const num = (k: string): boolean => k === 'n' || k === 'd';
  if (num(ka) || num(kb)) return num(ka) && num(kb) && sameNumber(a!.value, b!.value);
  if (ka === 'b' || kb === 'b') return ka === kb && a!.value === b!.value;
  return sameText(a!.text, b!.text);
}

const isNamed = (col: ColumnDef): boolean => col.department || (col.codeList !== undefined && !col.carryDown);

export function compareModels(oldModel: MasterModel, newModel: MasterModel, names: { old: string; new: string }): DiffResult {
  const pairs: RowPair[] = matchRows(oldModel.rows, newModel.rows);
  const newOrder = new Map(newModel.rows.map((m, i) => [m, i]));
  pairs.sort((x, y) => newOrder.get(x.new)! - newOrder.get(y.new)!);
  const changed: CellChange[] = [];
  const moved: MovedItem[] = [];
  const seen = new Set<string>();
  for (const p of pairs) {
    const o = p.old;
    const n = p.new;
    if (o.sheet !== n.sheet || o.path !== n.path) {
      moved.push({ from: place(o), to: place(n), label: labelOf(n), confidence: p.confidence });
    }
    for (const col of n.rs.type.columns) {
      const oc = o.row.cells.get(col.key);
      const nc = n.row.cells.get(col.key);
      // A merged 取組内容 or a carried 対象職種 belongs to the row that holds it.
      if (borrowed(oc, o) && borrowed(nc, n)) continue;
      const before = cellAt(o, oc);
      const after = cellAt(n, nc);
      if (sameValue(before, after)) continue;
      const at = nc ?? { r: n.row.r, c: n.map.get(col.key) ?? 0 };
      const ref = `${n.sheet}\u0000${at.r},${at.c}`;
      if (seen.has(ref)) continue;
      seen.add(ref);
      const bt = before?.text ?? '';
      const atxt = after?.text ?? '';
      const parts = diffChars(bt, atxt);
      changed.push({
        sheet: n.sheet,
        cell: a1(at.r, at.c),
        row: at.r + 1,
        column: col.label,
        columnKey: col.key,
        before: bt,
        after: atxt,
        beforeType: kindOf(before),
        afterType: kindOf(after),
        hunks: hunksOf(parts),
        named: isNamed(col),
        from: { sheet: o.sheet, cell: a1(oc?.r ?? o.row.r, oc?.c ?? o.map.get(col.key) ?? 0), row: (oc?.r ?? o.row.r) + 1 },
        matchedBy: p.by,
        confidence: p.confidence,
        parts,
      });
    }
  }
  const pairedO = new Set(pairs.map((p) => p.old));
  const pairedN = new Set(pairs.map((p) => p.new));
  const item = (m: MasterRow): RowItem => ({ ...place(m), label: labelOf(m), texts: textsOf(m) });
  const type = mainReportType(newModel.parsed.reports);
  const added = newModel.rows.filter((m) => !pairedN.has(m)).map(item);
  const removed = oldModel.rows.filter((m) => !pairedO.has(m)).map(item);
  return {
    old: names.old,
    new: names.new,
    reportType: type?.name ?? '',
    rowKey: type ? type.rowKey.map((k) => type.columns.find((c) => c.key === k)?.label ?? k).join('・') : '',
    sheets: newModel.workbook.sheets.map((s) => s.name),
    changed,
    added,
    removed,
    moved,
    headings: headingChanges(oldModel, newModel),
    rowsMatched: pairs.length,
    rowsReworded: pairs.filter((p) => p.by === 'similar' || p.by === 'order').filter((p) => normalize(p.old.keyText) !== normalize(p.new.keyText)).length,
  };
}

/** Headings of the same column, sheet by sheet, that read differently now (年度 advanced). */
function headingChanges(oldModel: MasterModel, newModel: MasterModel): HeadingChange[] {
  const out: HeadingChange[] = [];
  for (const rs of newModel.parsed.reports) {
    const prev = oldModel.parsed.reports.find((x) => x.sheet.name === rs.sheet.name);
    if (!prev) continue;
    const h = rs.headerRows[0]!;
    const ph = prev.headerRows[0]!;
    const map = rs.columnMaps.get(h)!;
    const pmap = prev.columnMaps.get(ph)!;
    for (const col of rs.type.columns) {
      const c = map.get(col.key);
      const pc = pmap.get(col.key);
      if (c === undefined || pc === undefined) continue;
      const after = rs.sheet.rows.get(h)?.get(c)?.text ?? '';
      const before = prev.sheet.rows.get(ph)?.get(pc)?.text ?? '';
      if (!sameText(before, after)) out.push({ sheet: rs.sheet.name, cell: a1(h, c), column: col.label, before, after });
    }
  }
  return out;
}
