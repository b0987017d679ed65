// Diff, stage 4b: a copy of this report with the changes shown — changed cells, added and moved
// rows coloured by conditional formats of ours (the cells' own formats untouched; publish takes
// them off as it takes the add-in's), and a 変更点 sheet listing every change with a link to it.
import { colName, parseA1 } from '../grid';
import { diff as t } from '../locale/ja/diff';
import { excerpt, format } from '../locale/ja/format';
import { DIFF_ADDED_FORMULA, DIFF_FORMULA, DIFF_MOVED_FORMULA, DIFF_SHEET, DIFF_TITLE_PREFIXES } from '../marks';
import { textUnits } from '../ooxml/height';
import { newSheetXml, type NewSheetCell, type XlsxEditor } from '../ooxml/workbook';
import { openMaster } from '../consolidate/master';
import type { Part } from './chars';
import type { DiffResult } from './compare';
import { headingGroups, trimmedParts } from './render';

/** The colours of the marks (ARGB): none is a tint the masters use for headings. */
export const DIFF_FILLS = { changed: 'FFFFD966', added: 'FFC6EFCE', moved: 'FFBDD7EE' } as const;

const OUR_FORMULAS = new Set([DIFF_FORMULA, DIFF_ADDED_FORMULA, DIFF_MOVED_FORMULA].map((f) => f.slice(1)));

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A sheet name not yet used: 変更点, else 変更点 (2) … (a sheet of that name of the user's stays). */
function freeName(ed: XlsxEditor, base: string): string {
  const used = new Set(ed.sheets.map((s) => s.name));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base} (${n})`)) return `${base} (${n})`;
}

/** The cells of a one-row range `A18:F18`. */
function cellsOf(range: string): string[] {
  const [from, to] = range.split(':') as [string, string];
  const a = parseA1(from);
  const b = parseA1(to);
  const out: string[] = [];
  for (let c = a.c; c <= b.c; c++) out.push(`${colName(c)}${a.r + 1}`);
  return out;
}

/** Bytes of NEW with the marks and the 変更点 sheet; throws what openMaster throws for a file it cannot patch. */
export function markedCopy(newBytes: Uint8Array, r: DiffResult, name: string): Uint8Array {
  const { editor: ed, grid } = openMaster(newBytes, name);
  // Marks and the list of an earlier diff of this file are replaced, never stacked.
  for (const e of ed.sheets) if (e.kind === 'worksheet') ed.sheet(e.name).removeConditionalFormats((f) => OUR_FORMULAS.has(f.trim().replace(/^=/, '')));
  for (const s of grid.sheets) {
    if (s.name === DIFF_SHEET || s.name.startsWith(`${DIFF_SHEET} (`)) {
      const title = s.rows.get(0)?.get(0)?.text ?? '';
      if (DIFF_TITLE_PREFIXES.some((p) => title.startsWith(p))) ed.removeSheet(s.name);
    }
  }
  const dxf = {
    changed: ed.styles.addFillDxf(DIFF_FILLS.changed),
    added: ed.styles.addFillDxf(DIFF_FILLS.added),
    moved: ed.styles.addFillDxf(DIFF_FILLS.moved),
  };
  const marks = new Map<string, { changed: string[]; added: string[]; moved: string[] }>();
  const of = (sheet: string): { changed: string[]; added: string[]; moved: string[] } => {
    let m = marks.get(sheet);
    if (!m) marks.set(sheet, (m = { changed: [], added: [], moved: [] }));
    return m;
  };
  const changedCells = new Set(r.changed.map((c) => `${c.sheet}\u0000${c.cell}`));
  for (const c of r.changed) of(c.sheet).changed.push(c.cell);
  for (const a of r.added) of(a.sheet).added.push(a.range);
  // A moved row's changed cells show as changed; the rest of it as moved.
  for (const m of r.moved) of(m.to.sheet).moved.push(...cellsOf(m.to.range).filter((ref) => !changedCells.has(`${m.to.sheet}\u0000${ref}`)));
  for (const [sheet, m] of marks) {
    const sx = ed.sheet(sheet);
    if (m.changed.length) sx.addConditionalFormat(m.changed.join(' '), DIFF_FORMULA, dxf.changed);
    if (m.added.length) sx.addConditionalFormat(m.added.join(' '), DIFF_ADDED_FORMULA, dxf.added);
    if (m.moved.length) sx.addConditionalFormat(m.moved.join(' '), DIFF_MOVED_FORMULA, dxf.moved);
  }
  const sheetName = freeName(ed, DIFF_SHEET);
  const { xml, printTitles } = changesSheet(r, ed, grid.sheets.map((s) => s.name));
  ed.addSheet(sheetName, xml);
  ed.setPrintTitles(sheetName, printTitles);
  // Opens on the list (where the workbook keeps a view to say so).
  ed.activate(sheetName);
  return ed.toBytes();
}

/** Runs for a rich cell: one side of the change (removed parts for OLD, added for NEW). */
function sideRuns(parts: readonly Part[], side: 'removed' | 'added'): { text: string; mark?: 'removed' | 'added' }[] {
  // Trimmed with both sides in view, so each shows the same text around the change.
  return trimmedParts(parts, 20)
    .filter((p) => !p.op || p.op === side)
    .map((p) => (p.op ? { text: p.text, mark: p.op } : { text: p.text }));
}

/** The 変更点 sheet, and the header row to repeat on every printed page. */
function changesSheet(r: DiffResult, ed: XlsxEditor, sheetOrder: string[]): { xml: string; printTitles: string } {
  const styles = ed.styles;
  const title = styles.derive(0, { bold: true });
  const head = styles.derive(0, { bold: true, fill: 'FFD9D9D9', border: true, wrap: true });
  const body = styles.derive(0, { border: true, wrap: true });
  const swatch = { changed: styles.derive(body, { fill: DIFF_FILLS.changed }), added: styles.derive(body, { fill: DIFF_FILLS.added }), moved: styles.derive(body, { fill: DIFF_FILLS.moved }) };
  const cell = (text: string, style = body, link?: string): NewSheetCell => ({ text, style, ...(link ? { link } : {}) });
  const rich = (runs: { text: string; mark?: 'removed' | 'added' }[], style = body): NewSheetCell => ({ text: runs.map((x) => x.text).join(''), runs, style });
  const spill = (text: string, style: number): NewSheetCell => ({ text, style, spill: true });
  const link = (sheet: string, ref: string): string => `${quoteSheet(sheet)}!${ref}`;
  const rows: (NewSheetCell | null)[][] = [];
  rows.push([spill(format(t.sheetTitle, { old: r.old, new: r.new }), title)]);
  rows.push([spill(format(t.counts, { changed: r.changed.length, added: r.added.length, removed: r.removed.length, moved: r.moved.length }), 0)]);
  rows.push([spill(t.sheetHelp, 0)]);
  rows.push([spill(t.legendTitle, title)]);
  for (const k of ['changed', 'added', 'moved'] as const) rows.push([cell('', swatch[k]), spill(t.legend[k]!, 0)]);
  rows.push([]);
  const headerRow = rows.length;
  rows.push(t.sheetHeader.map((h) => cell(h, head)));
  type Item = { sheet: string; row: number; order: number; cells: (NewSheetCell | null)[] };
  const items: Item[] = [];
  const sheetIdx = (s: string): number => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  const pct = (x: number): number => Math.round(x * 100);
  for (const c of r.changed) {
    const notes: string[] = [];
    if (c.matchedBy === 'similar' || c.matchedBy === 'order') notes.push(format(t.noteReworded, { pct: pct(c.confidence) }));
    if (c.from.sheet !== c.sheet) notes.push(format(t.noteMovedFrom, { sheet: c.from.sheet, row: c.from.row }));
    if (c.beforeType !== c.afterType) notes.push(`${t.types[c.beforeType] ?? ''}→${t.types[c.afterType] ?? ''}`);
    items.push({
      sheet: c.sheet, row: c.row, order: 1,
      cells: [
        cell(t.kinds[c.named ? 'named' : 'changed']!, swatch.changed), cell(c.sheet), cell(c.cell, body, link(c.sheet, c.cell)), cell(c.column),
        rich(sideRuns(c.parts, 'removed')), rich(sideRuns(c.parts, 'added')), cell(notes.join('\n')),
      ],
    });
  }
  for (const a of r.added) {
    items.push({ sheet: a.sheet, row: a.row, order: 0, cells: [cell(t.kinds.added!, swatch.added), cell(a.sheet), cell(a.cell, body, link(a.sheet, a.cell)), cell(''), cell(''), rich([{ text: excerpt(a.label, 60), mark: 'added' }]), cell(a.section)] });
  }
  for (const m of r.moved) {
    items.push({
      sheet: m.to.sheet, row: m.to.row, order: 0,
      cells: [cell(t.kinds.moved!, swatch.moved), cell(m.to.sheet), cell(m.to.cell, body, link(m.to.sheet, m.to.cell)), cell(''), cell(`${m.from.sheet} ${m.from.row} 行目\n${m.from.section}`), cell(`${m.to.sheet} ${m.to.row} 行目\n${m.to.section}`), cell(excerpt(m.label, 40))],
    });
  }
  for (const x of r.removed) {
    items.push({ sheet: x.sheet, row: x.row, order: 2, cells: [cell(t.kinds.removed!), cell(x.sheet), cell(format(t.noteRemovedAt, { row: x.row })), cell(''), rich([{ text: excerpt(x.label, 60), mark: 'removed' }]), cell(''), cell(x.section)] });
  }
  items.sort((a, b) => sheetIdx(a.sheet) - sheetIdx(b.sheet) || a.row - b.row || a.order - b.order);
  // Headings last, one line per wording change however many sheets share it.
  for (const g of headingGroups(r.headings)) {
    const first = g.items[0]!;
    const sheets = g.items.length > 1 ? format(t.sheetsMore, { sheet: first.sheet, n: g.items.length - 1 }) : first.sheet;
    items.push({ sheet: first.sheet, row: 0, order: 0, cells: [cell(t.kinds.heading!), cell(sheets), cell(first.cell, body, link(first.sheet, first.cell)), cell(g.column), cell(g.before), cell(g.after), cell(t.noteSameColumn)] });
  }
  for (const it of items) rows.push(it.cells);
  if (items.length === 0) rows.push([cell(t.none)]);
  const widths = [10, 10, 8, 12, 46, 46, 28];
  // Names and cells on one line where they fit.
  for (const row of rows.slice(headerRow)) {
    row.forEach((c, i) => {
      if (!c || i > 3) return;
      widths[i] = Math.min(24, Math.max(widths[i]!, Math.ceil(textUnits(c.text) + 2)));
    });
  }
  const xml = newSheetXml({ rows, widths, autoFilter: `A${headerRow + 1}:G${rows.length}`, landscape: true, freezeRows: headerRow + 1 });
  return { xml, printTitles: `$${headerRow + 1}:$${headerRow + 1}` };
}
