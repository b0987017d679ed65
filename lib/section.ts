// What a section workbook carries of its master so that it passes its own check: split
// writes it on the very hidden `_shinchoku` sheet under the department rows, parseWorkbook
// reads it back. Two things need rows the section was not sent:
// - numbering: the master's 取組番号 of each section, in order (the file holds a part of it);
// - 再掲: the cells the section's 再掲 copy when they lie in other departments' rows (only
//   those, so the file still holds no other department's text beyond what it quotes).
// The other rules look at one row (required, enum, department), one header (header-missing)
// or pairs of rows the master also has (saikei-unmarked): a part of a clean master is clean.
import type { ColumnDef, ReportType } from './config/schema';
import { a1, cellKey, emptySheet, parseA1, setCell, type Sheet } from './grid';
import { META_ROW } from './marks';
import { parseItemNumber } from './normalize';
import type { ParsedWorkbook, ReportRow, ReportSheet } from './report';
import { markedWithSources } from './saikei';

export interface SectionContext {
  department: string;
  /** The master's file name, as split was told it. */
  master: string;
  /** The master's 取組番号 per section key (sheet|levels), in sheet order. */
  numbering: Map<string, number[]>;
  /** The carried 再掲 sources, as a workbook the 再掲 rules consult (none when nothing was carried). */
  sources?: ParsedWorkbook;
}

/** The rest of a row's section key after the sheet name (report.ts joins them with |). */
const levelsOf = (row: ReportRow): string => row.section.map((s) => `${s.level}${s.value}`).join('|');

const numberingCache = new WeakMap<ParsedWorkbook, Map<string, number[]>>();

/** 取組番号 per section key in sheet order, read as the numbering rule reads them. */
export function numberSequences(parsed: ParsedWorkbook): Map<string, number[]> {
  const hit = numberingCache.get(parsed);
  if (hit) return hit;
  const out = new Map<string, number[]>();
  for (const rs of parsed.reports) {
    const key = rs.type.numberColumn;
    if (!key) continue;
    let last: { r: number; c: number } | undefined;
    for (const row of rs.rows) {
      const cell = row.cells.get(key);
      if (!cell || cell.text.trim() === '') continue;
      // One merged number cell over several rows is one number.
      if (last && last.r === cell.r && last.c === cell.c) continue;
      last = cell;
      const p = parseItemNumber(cell.text);
      if (!p) continue;
      const list = out.get(row.sectionKey) ?? [];
      list.push(p.n);
      out.set(row.sectionKey, list);
    }
  }
  numberingCache.set(parsed, out);
  return out;
}

/**
 * The metadata rows (below split's first four) for a department holding `mine` of the
 * master: each of its sections' numbering, then the 再掲 sources outside its rows.
 */
export function carriedRows(master: ParsedWorkbook, mine: readonly { rs: ReportSheet; row: ReportRow }[], threshold: number): string[][] {
  const out: string[][] = [];
  const sequences = numberSequences(master);
  const done = new Set<string>();
  const cells = new Set<string>();
  for (const { rs, row } of mine) {
    const seq = sequences.get(row.sectionKey);
    if (seq && !done.has(row.sectionKey)) {
      done.add(row.sectionKey);
      out.push([META_ROW.numbering, rs.sheet.name, levelsOf(row), seq.join(',')]);
    }
    for (const col of rs.type.columns) {
      const cell = col.text ? row.cells.get(col.key) : undefined;
      if (cell) cells.add(`${rs.sheet.name}\u0000${cellKey(cell.r, cell.c)}`);
    }
  }
  const carried = new Set<string>();
  for (const { ref, match } of markedWithSources(master, [], threshold)) {
    if (match.kind === 'none' || !cells.has(`${ref.sheet}\u0000${cellKey(ref.r, ref.c)}`)) continue;
    const src = `${match.source.sheet}\u0000${cellKey(match.source.r, match.source.c)}`;
    if (cells.has(src) || carried.has(src)) continue;
    carried.add(src);
    out.push([META_ROW.saikeiSource, match.source.sheet, a1(match.source.r, match.source.c), match.source.cellText]);
  }
  return out;
}

// The carried sources are one text column to the 再掲 index; no other rule sees them.
const SOURCE_COLUMN: ColumnDef = {
  key: 'text',
  label: META_ROW.saikeiSource,
  headers: [META_ROW.saikeiSource],
  required: false,
  department: false,
  number: false,
  progress: false,
  carryDown: false,
  text: true,
  optional: false,
  perPeriod: false,
  carry: false,
};
const SOURCE_TYPE: ReportType = {
  id: 'carried-source',
  name: META_ROW.saikeiSource,
  columns: [SOURCE_COLUMN],
  detect: { minColumns: 1 },
  sheetNames: [],
  sections: [],
  rowKey: ['text'],
};

/** The carried sources as a parsed workbook; sheets named `[master]sheet`, as Excel names another book's cells. */
function sourcesWorkbook(master: string, cells: { sheet: string; r: number; c: number; text: string }[]): ParsedWorkbook | undefined {
  if (cells.length === 0) return undefined;
  const sheets = new Map<string, ReportSheet>();
  for (const { sheet, r, c, text } of cells) {
    let rs = sheets.get(sheet);
    if (!rs) {
      const s = emptySheet(master ? `[${master}]${sheet}` : sheet);
      rs = { sheet: s, type: SOURCE_TYPE, headerRows: [], columnMaps: new Map(), missing: new Map(), rows: [] };
      sheets.set(sheet, rs);
    }
    setCell(rs.sheet, r, c, { value: text, text });
    rs.rows.push({ r, cells: new Map([['text', { text, r, c, merged: false, carried: false }]]), section: [], sectionKey: rs.sheet.name });
  }
  const reports = [...sheets.values()];
  return { workbook: { name: master, sheets: reports.map((rs) => rs.sheet) }, reports, skipped: [] };
}

/** What the metadata sheet of a split workbook says; undefined when it names no department. */
export function readSection(sheet: Sheet): SectionContext | undefined {
  const text = (r: number, c: number): string => sheet.rows.get(r)?.get(c)?.text ?? '';
  const department = text(1, 1).trim();
  if (department === '') return undefined;
  const numbering = new Map<string, number[]>();
  const sources: { sheet: string; r: number; c: number; text: string }[] = [];
  for (let r = 4; r < sheet.rowCount; r++) {
    const label = text(r, 0);
    const name = text(r, 1);
    if (label === META_ROW.numbering) {
      const levels = text(r, 2);
      const seq = text(r, 3).split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
      numbering.set(levels ? `${name}|${levels}` : name, seq);
    } else if (label === META_ROW.saikeiSource && /^[A-Z]+[1-9]\d*$/.test(text(r, 2))) {
      const at = parseA1(text(r, 2));
      sources.push({ sheet: name, r: at.r, c: at.c, text: text(r, 3) });
    }
  }
  const master = text(2, 1).trim();
  const carried = sourcesWorkbook(master, sources);
  return { department, master, numbering, ...(carried ? { sources: carried } : {}) };
}
