// The master seen as rows with owners: what split cuts and consolidate merges into.
import type { ColumnDef, Config } from '../config/schema';
import { fnv1a, FNV_OFFSET } from '../hash';
import type { Sheet, Workbook } from '../grid';
import { normalize } from '../normalize';
import { parseWorkbook, type ParsedWorkbook, type ReportRow, type ReportSheet } from '../report';
import { KEY_PREFIX, NOTE_HEADER } from '../marks';
import { departmentsOf } from './departments';


export interface MasterRow {
  sheet: string;
  sheetIndex: number;
  rs: ReportSheet;
  row: ReportRow;
  owners: string[];
  /** `提言=1|取組方針=ア`: the hierarchy without the sheet name. */
  path: string;
  /** Normalized row key text (取組内容, 取組番号 …). */
  keyText: string;
  hash: string;
  /** Last sheet row belonging to this row (rows below covered only by its merges). */
  lastR: number;
  /** Column key → column index for this row's table. */
  map: Map<string, number>;
}

export interface MasterModel {
  workbook: Workbook;
  parsed: ParsedWorkbook;
  rows: MasterRow[];
  /** Departments in order of first appearance. */
  departments: string[];
}

/** FNV-1a, 32 bits, base 36: short and stable, enough to notice a different master. */
export function hash32(s: string): string {
  return fnv1a(FNV_OFFSET, s).toString(36);
}

/** hash32(prefix + s) without building the joined string (hashed once per answer cell). */
export function hash32Of(prefix: string, s: string): string {
  return fnv1a(fnv1a(FNV_OFFSET, prefix), s).toString(36);
}

// Rows of one section share their section array (report.ts): one path per section.
const paths = new WeakMap<ReportRow['section'], string>();

export function sectionPath(row: ReportRow): string {
  let p = paths.get(row.section);
  if (p === undefined) {
    p = row.section.map((s) => `${s.level}=${normalize(s.value)}`).join('|');
    paths.set(row.section, p);
  }
  return p;
}

export function rowKeyText(row: ReportRow, rs: ReportSheet): string {
  return rs.type.rowKey.map((k) => normalize(row.cells.get(k)?.text ?? '')).join('\u0001');
}

export function columnMapOf(rs: ReportSheet, r: number): Map<string, number> {
  let best = rs.headerRows[0]!;
  for (const h of rs.headerRows) if (h < r) best = h;
  return rs.columnMaps.get(best)!;
}

export function departmentColumn(rs: ReportSheet): ColumnDef | undefined {
  return rs.type.columns.find((c) => c.department);
}

/** Columns a section fills in: progress columns and code lists that are not structure. */
export function isEditable(col: ColumnDef): boolean {
  return col.progress || (col.codeList !== undefined && !col.carryDown);
}

/**
 * The key of a row in a section workbook. `bases`: column key → fingerprint of what the cell
 * held when the file was made (answers.ts contentHash), so a returned cell is judged against
 * what its section was given, whatever the master holds by the time the file comes back.
 */
export function keyOf(sheetIndex: number, r: number, hash: string, bases?: ReadonlyMap<string, string>): string {
  const b = bases && bases.size > 0 ? `:b=${[...bases].map(([k, h]) => `${k}~${h}`).join(',')}` : '';
  return `${KEY_PREFIX}${sheetIndex}:${r + 1}:${hash}${b}`;
}

export interface RowKey {
  sheetIndex: number;
  r: number;
  hash: string;
  /** Absent in files from before bases were carried. */
  bases?: Map<string, string>;
}

const DIGIT = 0;
const HASH = 1;
const WORD = 2;
const FINGERPRINT = 3;

/** Whether a code unit is of a kind: digits; hash [0-9a-z]; word [A-Za-z0-9_]; fingerprint hash or '-'. */
function isKind(ch: number, kind: number): boolean {
  const digit = ch >= 0x30 && ch <= 0x39;
  const lower = ch >= 0x61 && ch <= 0x7a;
  if (kind === DIGIT) return digit;
  if (kind === HASH) return digit || lower;
  if (kind === WORD) return digit || lower || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f;
  return digit || lower || ch === 0x2d;
}

/** The end of the run of `kind` starting at i (i itself when there is none). */
function runEnd(s: string, i: number, kind: number): number {
  while (i < s.length && isKind(s.charCodeAt(i), kind)) i++;
  return i;
}

/**
 * `shinchoku:v1:<sheet>:<row>:<hash>[:b=<col>~<fingerprint>,…]`, read by hand: one key per
 * returned row (the regex it replaces, KEY_PATTERN in the tests, cost a third of matching;
 * closures per run, as first written, half of what is left).
 */
export function parseKey(text: string): RowKey | null {
  const s = text.trim();
  if (!s.startsWith(KEY_PREFIX)) return null;
  let from = KEY_PREFIX.length;
  let i = runEnd(s, from, DIGIT);
  if (i === from || s.charCodeAt(i) !== 0x3a) return null;
  const sheetIndex = Number(s.slice(from, i));
  from = i + 1;
  i = runEnd(s, from, DIGIT);
  if (i === from || s.charCodeAt(i) !== 0x3a) return null;
  const r = Number(s.slice(from, i)) - 1;
  from = i + 1;
  i = runEnd(s, from, HASH);
  if (i === from) return null;
  const key: RowKey = { sheetIndex, r, hash: s.slice(from, i) };
  if (i === s.length) return key;
  if (!s.startsWith(':b=', i)) return null;
  i += 3;
  const bases = new Map<string, string>();
  while (i < s.length) {
    from = i;
    i = runEnd(s, from, WORD);
    if (i === from || s.charCodeAt(i) !== 0x7e) return null;
    const k = s.slice(from, i);
    from = i + 1;
    i = runEnd(s, from, FINGERPRINT);
    if (i === from) return null;
    bases.set(k, s.slice(from, i));
    if (i < s.length && s.charCodeAt(i++) !== 0x2c) return null;
  }
  key.bases = bases;
  return key;
}

/** Rows under a data row that hold nothing of their own but its merged cells. */
function continuationEnd(sheet: Sheet, rowR: number, dataRows: Set<number>): number {
  let last = rowR;
  for (const m of sheet.merges) {
    if (m.s.r !== rowR || m.e.r <= rowR) continue;
    for (let r = rowR + 1; r <= Math.min(m.e.r, sheet.rowCount); r++) {
      if (dataRows.has(r)) break;
      const own = sheet.rows.get(r);
      const hasOwn = own ? [...own.values()].some((c) => c.text.trim() !== '') : false;
      if (hasOwn) break;
      if (r > last) last = r;
    }
  }
  return last;
}

/** `sheets`: only these sheets are the master (a shared book also holds the sections' sheets). */
export function buildModel(workbook: Workbook, config: Config, sheets?: readonly string[]): MasterModel {
  const full = parseWorkbook(workbook, config);
  const parsed: ParsedWorkbook = sheets ? { ...full, reports: full.reports.filter((r) => sheets.includes(r.sheet.name)) } : full;
  const rows: MasterRow[] = [];
  const departments: string[] = [];
  // A few department texts repeat over thousands of rows: tokenize each once.
  const ownersOf = new Map<string, string[]>();
  for (const rs of parsed.reports) {
    const sheetIndex = workbook.sheets.indexOf(rs.sheet);
    const dataRows = new Set(rs.rows.map((r) => r.r));
    const deptKey = departmentColumn(rs)?.key;
    for (const row of rs.rows) {
      const deptText = deptKey ? (row.cells.get(deptKey)?.text ?? '') : undefined;
      let owners = deptText === undefined ? [] : ownersOf.get(deptText);
      if (!owners) ownersOf.set(deptText!, (owners = departmentsOf(deptText!, config)));
      for (const d of owners) if (!departments.includes(d)) departments.push(d);
      const keyText = rowKeyText(row, rs);
      const mr: MasterRow = {
        sheet: rs.sheet.name,
        sheetIndex,
        rs,
        row,
        owners,
        path: sectionPath(row),
        keyText,
        hash: hash32(keyText),
        lastR: continuationEnd(rs.sheet, row.r, dataRows),
        map: columnMapOf(rs, row.r),
      };
      rows.push(mr);
    }
  }
  return { workbook, parsed, rows, departments };
}

/** Columns any header row of the table maps to a report column. */
export function mappedColumns(rs: ReportSheet): Set<number> {
  const out = new Set<number>();
  for (const map of rs.columnMaps.values()) for (const c of map.values()) out.add(c);
  return out;
}

/** The 集約メモ column an earlier consolidation added to this table, if any. */
export function noteColumn(rs: ReportSheet): number | undefined {
  const mapped = mappedColumns(rs);
  for (const h of rs.headerRows) {
    for (const [c, cell] of rs.sheet.rows.get(h) ?? []) if (cell.text === NOTE_HEADER && !mapped.has(c)) return c;
  }
  return undefined;
}
