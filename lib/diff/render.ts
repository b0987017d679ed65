// Diff, stage 4a: the changes for people (Japanese text, changed characters in ［旧→新］) and
// for programs (JSON: rows are NEW's, removed rows OLD's).
import { diff as t } from '../locale/ja/diff';
import { excerpt, format } from '../locale/ja/format';
import type { Part } from './chars';
import type { CellChange, DiffResult, HeadingChange } from './compare';

/** Text around a change kept to this many characters on each side. */
const CONTEXT = 12;

/** The parts with long unchanged stretches cut to their ends: what a reader needs around each change. */
export function trimmedParts(parts: readonly Part[], context = CONTEXT): Part[] {
  const out: Part[] = [];
  parts.forEach((p, i) => {
    if (p.op) {
      out.push(p);
      return;
    }
    const cps = [...p.text];
    const first = i === 0;
    const last = i === parts.length - 1;
    const keepHead = first ? 0 : context;
    const keepTail = last ? 0 : context;
    if (cps.length <= keepHead + keepTail + 1) {
      out.push(p);
      return;
    }
    const head = cps.slice(0, keepHead).join('');
    const tail = cps.slice(cps.length - keepTail).join('');
    out.push({ text: `${head}…${tail}` });
  });
  return out;
}

/** A change in one line: 「…における［入→人］事…」. */
export function inlineChange(parts: readonly Part[]): string {
  const shown = trimmedParts(parts);
  let s = '';
  for (let i = 0; i < shown.length; i++) {
    const p = shown[i]!;
    if (!p.op) {
      s += p.text;
    } else if (p.op === 'removed' && shown[i + 1]?.op === 'added') {
      s += `［${p.text}→${shown[i + 1]!.text}］`;
      i++;
    } else {
      s += p.op === 'removed' ? `［−${p.text}］` : `［＋${p.text}］`;
    }
  }
  return s.replace(/\r?\n/g, '⏎');
}

const pct = (x: number): number => Math.round(x * 100);

function cellLine(c: CellChange, firstOfRow: boolean, rowKey: string): string {
  const type = c.beforeType !== c.afterType && c.beforeType !== 'empty' && c.afterType !== 'empty' ? format(t.typeChange, { before: t.types[c.beforeType] ?? '', after: t.types[c.afterType] ?? '' }) : '';
  // A number or date is one value: 2,345,678 → 3,456,789 said whole, not as edited characters.
  const whole = c.named || [c.beforeType, c.afterType].some((x) => x === 'n' || x === 'd' || x === 'b');
  const line = whole
    ? format(t.namedLine, { cell: c.cell, column: c.column, before: c.before, after: c.after })
    : format(t.cellLine, { cell: c.cell, column: c.column, text: inlineChange(c.parts) });
  const reworded = firstOfRow && (c.matchedBy === 'similar' || c.matchedBy === 'order') ? format(t.reworded, { key: rowKey, pct: pct(c.confidence) }) : '';
  return line + type + reworded;
}

export function diffText(r: DiffResult): string {
  const lines = [format(t.title, { old: r.old, new: r.new })];
  lines.push(format(t.counts, { changed: r.changed.length, added: r.added.length, removed: r.removed.length, moved: r.moved.length }));
  if (r.headings.length > 0) lines.push(format(t.headingsNote, { n: r.headings.length }));
  if (r.changed.length + r.added.length + r.removed.length + r.moved.length === 0) lines.push(t.none);
  // Sheet by sheet in NEW's order, rows in order.
  const bySheet = new Map<string, { row: number; text: string }[]>();
  const add = (sheet: string, row: number, text: string): void => {
    const l = bySheet.get(sheet) ?? [];
    l.push({ row, text });
    bySheet.set(sheet, l);
  };
  const rowsSeen = new Set<string>();
  for (const c of r.changed) {
    const k = `${c.sheet}\u0000${c.row}`;
    add(c.sheet, c.row, cellLine(c, !rowsSeen.has(k), r.rowKey));
    rowsSeen.add(k);
  }
  for (const a of r.added) add(a.sheet, a.row, format(t.addedLine, { row: a.row, label: excerpt(a.label, 40) }));
  for (const m of r.moved) add(m.to.sheet, m.to.row, format(t.movedLine, { row: m.to.row, fromSheet: m.from.sheet, fromRow: m.from.row, label: excerpt(m.label, 40) }));
  const order = (s: string): number => {
    const i = r.sheets.indexOf(s);
    return i < 0 ? r.sheets.length : i;
  };
  for (const [sheet, items] of [...bySheet].sort((a, b) => order(a[0]) - order(b[0]))) {
    lines.push('', `[${sheet}]`);
    items.sort((a, b) => a.row - b.row);
    for (const x of items) lines.push(x.text);
  }
  if (r.removed.length > 0) {
    lines.push('', t.removedTitle);
    for (const x of r.removed) lines.push(format(t.removedLine, { sheet: x.sheet, row: x.row, label: excerpt(x.label, 40) }));
  }
  if (r.headings.length > 0) {
    lines.push('', t.headingsTitle);
    for (const g of headingGroups(r.headings)) {
      const names = g.items.map((h) => h.sheet);
      const sheets = names.length > 3 ? `${names.slice(0, 3).join('、')} ほか ${names.length - 3} シート` : names.join('、');
      lines.push(format(t.headingLine, { column: g.column, before: g.before.replace(/\r?\n/g, ''), after: g.after.replace(/\r?\n/g, ''), sheets }));
    }
  }
  return lines.join('\n');
}

/** The same wording change of one column on many sheets, as one group. */
export function headingGroups(headings: readonly HeadingChange[]): { column: string; before: string; after: string; items: HeadingChange[] }[] {
  const groups = new Map<string, { column: string; before: string; after: string; items: HeadingChange[] }>();
  for (const h of headings) {
    const k = `${h.column}\u0000${h.before}\u0000${h.after}`;
    const g = groups.get(k) ?? { column: h.column, before: h.before, after: h.after, items: [] };
    g.items.push(h);
    groups.set(k, g);
  }
  return [...groups.values()];
}

/** The JSON form: every field but the text parts (hunks say what changed, by position). */
export function diffJson(r: DiffResult, extra: Record<string, unknown> = {}): unknown {
  return {
    ...extra,
    old: r.old,
    new: r.new,
    reportType: r.reportType,
    counts: { changed: r.changed.length, added: r.added.length, removed: r.removed.length, moved: r.moved.length, headings: r.headings.length, rowsMatched: r.rowsMatched, rowsReworded: r.rowsReworded },
    changed: r.changed.map(({ parts: _parts, ...c }) => c),
    added: r.added,
    removed: r.removed,
    moved: r.moved,
    headings: r.headings,
  };
}
