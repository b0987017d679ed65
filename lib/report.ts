// Understands a sheet through a report type: finds the header row, maps columns by their
// synonyms, follows the hierarchy (sheet name, rows above the header, section rows) and
// yields data rows whose cells remember their own address.
import { isBlank } from './blank';
import type { ColumnDef, Config, ReportType } from './config/schema';
import { a1, cellKey, mergeIndex, type Sheet, type Workbook } from './grid';
import { META_SHEET, STATE_SHEET } from './marks';
import { normalize, normalizeHeader } from './normalize';
import { readSection, type SectionContext } from './section';

export interface ReportCell {
  /** Text as the user wrote it (of the merge anchor when merged). */
  text: string;
  /** Where the text lives: the merge anchor for merged cells. */
  r: number;
  c: number;
  /** The cell is covered by a merge and shows its anchor's text. */
  merged: boolean;
  /** Empty in the sheet; the value was carried down from the row above (carryDown columns). */
  carried: boolean;
}

export interface SectionLevel {
  level: string;
  value: string;
}

export interface ReportRow {
  /** 0-based sheet row. */
  r: number;
  cells: Map<string, ReportCell>;
  /** Hierarchy from the outermost level down, e.g. 提言 1 → 取組方針 ア. */
  section: SectionLevel[];
  /** Sheet name plus section values: numbering and row identity are per section key. */
  sectionKey: string;
}

export interface ReportSheet {
  sheet: Sheet;
  type: ReportType;
  /** Header rows (0-based); more than one when a sheet repeats the table per section. */
  headerRows: number[];
  /** Column key → column index, per header row. */
  columnMaps: Map<number, Map<string, number>>;
  /** Columns of the type with no header, per header row. */
  missing: Map<number, ColumnDef[]>;
  rows: ReportRow[];
}

export interface SkippedSheet {
  sheet: string;
  reason: 'no-header' | 'empty' | 'hidden-meta';
}

export interface ParsedWorkbook {
  workbook: Workbook;
  reports: ReportSheet[];
  skipped: SkippedSheet[];
  /** Set for a workbook split made: the master's context it carries for its own check. */
  section?: SectionContext;
  /** Set for a distribution template (`next`): the period it is for. See lib/rules/required.ts. */
  template?: string;
}

const HEADER_SCAN_ROWS = 40;
const MAX_HEADER_CELL_LENGTH = 40;

type Matcher = (normalizedHeader: string) => boolean;

interface CompiledType {
  type: ReportType;
  matchers: { col: ColumnDef; match: Matcher }[];
  /** Whether a normalized text is the header of any column of the type. */
  isHeaderText: Matcher;
  /**
   * The same of a cell's text as written, remembered: every data row asks it of its short
   * cells (新規, 継続, department names), which repeat from row to row and file to file.
   */
  isHeaderCell: Matcher;
  sections: { level: string; re: RegExp }[];
  sheetNames: { re: RegExp; levels: string[] }[];
  levels: string[];
}

const compiledCache = new WeakMap<Config, CompiledType[]>();

function compileHeader(h: string): Matcher {
  if (h.length > 2 && h.startsWith('/') && h.endsWith('/')) {
    const re = new RegExp(h.slice(1, -1), 'u');
    return (s) => re.test(s);
  }
  const target = normalizeHeader(h);
  return (s) => s === target;
}

export function compileTypes(config: Config): CompiledType[] {
  const hit = compiledCache.get(config);
  if (hit) return hit;
  const out = config.reportTypes.map((type) => {
    const levels: string[] = [];
    const addLevel = (l: string): void => {
      if (!levels.includes(l)) levels.push(l);
    };
    type.sheetNames.forEach((s) => s.levels.forEach(addLevel));
    type.sections.forEach((s) => addLevel(s.level));
    // Plain loops: these run for every short cell of every row, where a closure per call
    // (some(…)) was most of what parsing a returned file allocated.
    const matchers = type.columns.map((col) => {
      const ms = col.headers.map(compileHeader);
      return {
        col,
        match: (s: string): boolean => {
          for (const m of ms) if (m(s)) return true;
          // A note in brackets after the heading (取組結果（令和2年3月末時点）, …の取組（予定）).
          if (s.endsWith(')')) {
            const bare = s.replace(/\([^()]*\)$/u, '');
            if (bare !== s && bare !== '') for (const m of ms) if (m(bare)) return true;
          }
          return false;
        },
      };
    });
    const isHeaderText = (s: string): boolean => {
      for (const m of matchers) if (m.match(s)) return true;
      return false;
    };
    const hits = new Map<string, boolean>();
    return {
      type,
      matchers,
      isHeaderText,
      isHeaderCell: (t: string): boolean => {
        let hit = hits.get(t);
        if (hit === undefined) {
          if (hits.size >= 10_000) hits.clear();
          hit = isHeaderText(headerText(t));
          hits.set(t, hit);
        }
        return hit;
      },
      sections: type.sections.map((s) => ({ level: s.level, re: new RegExp(s.pattern, 'u') })),
      sheetNames: type.sheetNames.map((s) => ({ re: new RegExp(s.pattern, 'u'), levels: s.levels })),
      levels,
    };
  });
  compiledCache.set(config, out);
  return out;
}

/** The leftmost text of a row. */
function firstText(texts: Map<number, string>): [number, string] | undefined {
  let best: [number, string] | undefined;
  for (const [c, t] of texts) if (!best || c < best[0]) best = [c, t];
  return best;
}

function hasUnmapped(texts: Map<number, string>, mapped: Set<number>): boolean {
  for (const c of texts.keys()) if (!mapped.has(c)) return true;
  return false;
}

/** The non-blank texts of row r by column; into `out` (cleared) when given, for loops. */
function rowTexts(sheet: Sheet, r: number, out = new Map<number, string>()): Map<number, string> {
  out.clear();
  const row = sheet.rows.get(r);
  if (!row) return out;
  row.forEach((cell, c) => {
    if (!isBlank(cell.text)) out.set(c, cell.text);
  });
  return out;
}

/** Short cells of a row, normalized once, in column order: what a header can be made of. */
type HeaderCells = [c: number, normalized: string][];

// Short cells repeat a lot (新規, 継続, department names): normalize each distinct one once.
const headerMemo = new Map<string, string>();
function headerText(t: string): string {
  let n = headerMemo.get(t);
  if (n === undefined) {
    if (headerMemo.size >= 10_000) headerMemo.clear();
    n = normalizeHeader(t);
    headerMemo.set(t, n);
  }
  return n;
}

function headerCells(texts: Map<number, string>): HeaderCells {
  const out: HeaderCells = [];
  let sorted = true;
  for (const [c, t] of texts) {
    if (t.length > MAX_HEADER_CELL_LENGTH) continue;
    if (out.length > 0 && c < out[out.length - 1]![0]) sorted = false;
    out.push([c, headerText(t)]);
  }
  // Cells come in column order from every reader we have; sort only when they do not.
  return sorted ? out : out.sort((a, b) => a[0] - b[0]);
}

/** Maps the cells of one row to the columns of a type; each column at most once. */
function matchHeaderRow(cells: HeaderCells, ct: CompiledType): Map<string, number> {
  const found = new Map<string, number>();
  for (const [c, n] of cells) {
    for (const m of ct.matchers) {
      if (!found.has(m.col.key) && m.match(n)) {
        found.set(m.col.key, c);
        break;
      }
    }
  }
  return found;
}

function isHeaderFor(cells: HeaderCells, ct: CompiledType): Map<string, number> | null {
  const min = ct.type.detect.minColumns;
  if (cells.length < min) return null;
  // Nearly every row is data: count the cells that could be headers before mapping any.
  let hits = 0;
  for (const [, n] of cells) if (ct.isHeaderText(n) && ++hits >= min) break;
  if (hits < min) return null;
  const found = matchHeaderRow(cells, ct);
  return found.size >= min ? found : null;
}

/** isHeaderFor's first test, straight from the row's texts: data rows build nothing. */
function mayBeHeader(texts: Map<number, string>, ct: CompiledType): boolean {
  const min = ct.type.detect.minColumns;
  if (texts.size < min) return false;
  let hits = 0;
  for (const t of texts.values()) {
    if (t.length <= MAX_HEADER_CELL_LENGTH && ct.isHeaderCell(t) && ++hits >= min) return true;
  }
  return false;
}

/** Best (type, header row) of a sheet, or null when no row looks like a report header. */
export function detectHeader(sheet: Sheet, types: CompiledType[]): { ct: CompiledType; r: number; map: Map<string, number> } | null {
  let best: { ct: CompiledType; r: number; map: Map<string, number>; score: number } | null = null;
  const last = Math.min(sheet.rowCount, HEADER_SCAN_ROWS);
  // A row matching every column of the widest type cannot be beaten (ties keep the first).
  let perfect = 0;
  for (const ct of types) perfect = Math.max(perfect, ct.type.columns.length + 1);
  for (let r = 0; r < last && !(best && best.score >= perfect); r++) {
    const texts = rowTexts(sheet, r);
    if (texts.size < 2) continue;
    const cells = headerCells(texts);
    for (const ct of types) {
      const map = isHeaderFor(cells, ct);
      if (!map) continue;
      // Prefer more matched columns, then the larger share of the type's columns.
      const score = map.size + map.size / ct.type.columns.length;
      if (!best || score > best.score) best = { ct, r, map, score };
    }
  }
  return best ? { ct: best.ct, r: best.r, map: best.map } : null;
}

function matchSection(text: string, ct: CompiledType): { level: string; value: string } | null {
  const n = normalize(text);
  for (const s of ct.sections) {
    const m = s.re.exec(n);
    if (m) return { level: s.level, value: m[1] ?? m[0] };
  }
  return null;
}

/** A section label alone in a cell left of the table's first column, in a data row. */
function leadingSection(texts: Map<number, string>, firstMapped: number, ct: CompiledType): { level: string; value: string } | null {
  for (const [c, t] of texts) {
    if (c >= firstMapped || t.length > 20) continue;
    const s = matchSection(t, ct);
    if (s) return s;
  }
  return null;
}

function setLevel(path: Map<string, string>, levels: string[], level: string, value: string): void {
  path.set(level, value);
  // Opening a section closes every deeper one.
  const i = levels.indexOf(level);
  for (const deeper of levels.slice(i + 1)) path.delete(deeper);
}

function toSection(path: Map<string, string>, levels: string[]): SectionLevel[] {
  return levels.filter((l) => path.has(l)).map((l) => ({ level: l, value: path.get(l)! }));
}

export function parseReportSheet(sheet: Sheet, ct: CompiledType, headerRow: number, headerMap: Map<string, number>): ReportSheet {
  const type = ct.type;
  const merges = mergeIndex(sheet);
  const path = new Map<string, string>();
  const sheetName = normalize(sheet.name);
  for (const sn of ct.sheetNames) {
    const m = sn.re.exec(sheetName);
    if (!m) continue;
    sn.levels.forEach((l, i) => {
      const v = m[i + 1];
      if (v !== undefined) path.set(l, v);
    });
    break;
  }
  // Rows above the header, for levels the sheet name does not give. Seed 000 pages print a
  // legend listing every 分類 (and every (1)–(4)) under the real heading: a level matched
  // with several values is a legend, and the heading is the value it repeats; a legend
  // alone (no value twice) names no section.
  const fromName = new Set(path.keys());
  const found = new Map<string, string[]>();
  for (let r = 0; r < headerRow; r++) {
    const first = firstText(rowTexts(sheet, r));
    if (!first) continue;
    const s = matchSection(first[1], ct);
    if (s && !fromName.has(s.level)) found.set(s.level, [...(found.get(s.level) ?? []), s.value]);
  }
  for (const [level, values] of found) {
    const heading = new Set(values).size === 1 ? values[0] : values.find((v, i) => values.indexOf(v) !== i);
    if (heading !== undefined) path.set(level, heading);
  }

  const headerRows = [headerRow];
  const columnMaps = new Map<number, Map<string, number>>([[headerRow, headerMap]]);
  const missing = new Map<number, ColumnDef[]>();
  const missingFor = (map: Map<string, number>): ColumnDef[] => type.columns.filter((c) => !c.optional && !map.has(c.key));
  missing.set(headerRow, missingFor(headerMap));
  let map = headerMap;
  // The map's entries as an array: iterating the Map itself made a [key, column] pair per
  // column of every row (7 MB for the bench's 100 files).
  let columns = [...map];
  let mappedCols = new Set(map.values());
  // Columns left of the table, where a sub-section may be written down (none when it starts at A).
  let firstMapped = Math.min(...mappedCols);
  // The section of the rows since the last section row: one array and key for all of them.
  let section: SectionLevel[] | null = null;
  let sectionKey = '';
  const rows: ReportRow[] = [];
  const carry = new Map<string, ReportCell>();
  let lastSectionKey = '';

  // One map for every row's texts: nothing below keeps it past its row.
  const texts = new Map<number, string>();
  for (let r = headerRow + 1; r < sheet.rowCount; r++) {
    rowTexts(sheet, r, texts);
    if (texts.size === 0) continue;
    // A repeated header opens a new table (one sheet holding several 分類).
    if (texts.size >= 2) {
      const again = mayBeHeader(texts, ct) ? isHeaderFor(headerCells(texts), ct) : null;
      if (again) {
        headerRows.push(r);
        columnMaps.set(r, again);
        missing.set(r, missingFor(again));
        map = again;
        columns = [...map];
        mappedCols = new Set(map.values());
        firstMapped = Math.min(...mappedCols);
        continue;
      }
    }
    // A section row: its first text matches a section pattern and it fills none of the
    // columns a data row must have (department, number, code lists) besides the cell holding
    // that text (a section row written from column A lands in 対象職種).
    if (texts.size <= 2) {
      const [c, t] = firstText(texts)!;
      const s = t.length <= 80 ? matchSection(t, ct) : null;
      const keyed = type.columns.some((cd) => {
        if (!(cd.department || cd.number || cd.codeList)) return false;
        const col = map.get(cd.key);
        return col !== undefined && col !== c && texts.has(col);
      });
      if (s && !keyed) {
        setLevel(path, ct.levels, s.level, s.value);
        section = null;
        continue;
      }
      // Title-like text before any data, in a column no report column uses.
      if (texts.size === 1 && !mappedCols.has(c) && rows.length === 0) continue;
    }
    // A sub-section written down a leading column the table does not map (seed 000 prints 分類3
    // (2)–(4) on one page, each (n) merged down the rows of its block) opens that section.
    const lead = firstMapped > 0 ? leadingSection(texts, firstMapped, ct) : null;
    if (lead && path.get(lead.level) !== lead.value) {
      setLevel(path, ct.levels, lead.level, lead.value);
      section = null;
    }
    const cells = new Map<string, ReportCell>();
    let own = 0;
    for (let i = 0; i < columns.length; i++) {
      const key = columns[i]![0];
      const c = columns[i]![1];
      const anchor = merges.size > 0 ? merges.get(cellKey(r, c)) : undefined;
      if (anchor && anchor.r > headerRow) {
        const t = sheet.rows.get(anchor.r)?.get(anchor.c)?.text ?? '';
        cells.set(key, { text: t, r: anchor.r, c: anchor.c, merged: true, carried: false });
        continue;
      }
      const t = sheet.rows.get(r)?.get(c)?.text ?? '';
      if (!isBlank(t)) own++;
      cells.set(key, { text: t, r, c, merged: false, carried: false });
    }
    if (own === 0 && !hasUnmapped(texts, mappedCols)) continue;
    if (!section) {
      section = toSection(path, ct.levels);
      sectionKey = [sheet.name, ...section.map((s) => `${s.level}${s.value}`)].join('|');
    }
    if (sectionKey !== lastSectionKey) {
      carry.clear();
      lastSectionKey = sectionKey;
    }
    for (const col of type.columns) {
      if (!col.carryDown) continue;
      const cell = cells.get(col.key);
      if (!cell) continue;
      if (isBlank(cell.text) && !cell.merged) {
        const prev = carry.get(col.key);
        if (prev) cells.set(col.key, { ...prev, carried: true, merged: false });
      } else {
        carry.set(col.key, cell);
      }
    }
    rows.push({ r, cells, section, sectionKey });
  }
  return { sheet, type, headerRows, columnMaps, missing, rows };
}

/** split's key sheet and consolidate's record. */
const OWN_SHEETS = new Set<string>([META_SHEET, STATE_SHEET]);

/**
 * The type most of a workbook's report rows are of (the first such on a tie): what the
 * workbook is. A sheet of another type before its own (a reference table copied in) does not
 * decide it.
 */
export function mainReportType(reports: readonly ReportSheet[]): ReportType | undefined {
  const rows = new Map<ReportType, number>();
  for (const rs of reports) rows.set(rs.type, (rows.get(rs.type) ?? 0) + rs.rows.length);
  let best: ReportType | undefined;
  for (const [type, n] of rows) if (best === undefined || n > rows.get(best)!) best = type;
  return best;
}

export function parseWorkbook(workbook: Workbook, config: Config): ParsedWorkbook {
  const types = compileTypes(config);
  const reports: ReportSheet[] = [];
  const skipped: SkippedSheet[] = [];
  let section: SectionContext | undefined;
  for (const sheet of workbook.sheets) {
    if (sheet.name === META_SHEET) section = readSection(sheet);
    // Our own bookkeeping, hidden from people: not a report, and not worth a line to them.
    if (sheet.hidden && OWN_SHEETS.has(sheet.name)) continue;
    if (sheet.rowCount === 0) {
      skipped.push({ sheet: sheet.name, reason: 'empty' });
      continue;
    }
    const h = detectHeader(sheet, types);
    if (!h) {
      skipped.push({ sheet: sheet.name, reason: 'no-header' });
      continue;
    }
    reports.push(parseReportSheet(sheet, h.ct, h.r, h.map));
  }
  return { workbook, reports, skipped, ...(section ? { section } : {}), ...(workbook.template !== undefined ? { template: workbook.template } : {}) };
}

/** A1 address of a report cell. */
/**
 * What a message calls a column of row `r`: the type's label, or the sheet's own heading where
 * the label is not in it (令和8年度上半期の取組内容 where the label says 下半期, 担当課 for 担当部),
 * so the clerk reads the name the sheet shows.
 */
export function columnLabel(rs: ReportSheet, r: number, col: ColumnDef): string {
  let h = rs.headerRows[0]!;
  for (const x of rs.headerRows) if (x <= r && x > h) h = x;
  const c = rs.columnMaps.get(h)?.get(col.key);
  const heading = c === undefined ? '' : (rs.sheet.rows.get(h)?.get(c)?.text ?? '').replace(/\s+/g, '');
  return heading === '' || heading.includes(col.label) ? col.label : heading;
}

export function cellAddress(cell: { r: number; c: number }): string {
  return a1(cell.r, cell.c);
}
