// Consolidation, stage 2: rows of a returned file paired with the master's — by our key, then
// hierarchy + 取組内容, then order — and the place a row the section added goes.
import { groupBy } from '../collections';
import { type Sheet } from '../grid';
import { type ReportRow, type ReportSheet } from '../report';
import { KEY_PREFIX } from '../marks';
import { parseKey, rowKeyText, type MasterModel, type MasterRow } from './model';

export interface SrcRow {
  rs: ReportSheet;
  row: ReportRow;
  path: string;
  /** Normalized row key; computed only for rows our key did not match. */
  keyText?: string;
  keyCell?: { r: number; c: number };
  /** What split wrote into the row's answer cells (fingerprints by column key), from its key. */
  bases?: Map<string, string>;
  match?: MasterRow;
}

export interface CandidateIndex {
  byKeyId: Map<number, MasterRow>;
  byText: Map<string, MasterRow[]>;
  paths: Set<string>;
  order: Map<MasterRow, number>;
}

export const indexes = new WeakMap<MasterRow[], CandidateIndex>();

/** A master row by its sheet and row as one number, no key string per row; a key's row past Excel's last is no row (-1). */
const rowId = (sheetIndex: number, r: number): number => (r >= 0 && r < 0x100000 ? sheetIndex * 0x100000 + r : -1);

export function indexOf(candidates: MasterRow[]): CandidateIndex {
  const hit = indexes.get(candidates);
  if (hit) return hit;
  const byKeyId = new Map<number, MasterRow>();
  const byText = new Map<string, MasterRow[]>();
  const paths = new Set<string>();
  for (const m of candidates) {
    byKeyId.set(rowId(m.sheetIndex, m.row.r), m);
    paths.add(m.path);
    const key = `${m.path}\u0002${m.keyText}`;
    const l = byText.get(key) ?? [];
    l.push(m);
    byText.set(key, l);
  }
  const idx = { byKeyId, byText, paths, order: new Map(candidates.map((m, i) => [m, i])) };
  indexes.set(candidates, idx);
  return idx;
}

/** Pairs source rows with master rows: our key, then hierarchy + 取組内容, then order. */
export function matchRows(srcRows: SrcRow[], candidates: MasterRow[], dept: string): void {
  const used = new Set<MasterRow>();
  const { byKeyId, byText, paths, order } = indexOf(candidates);
  for (const s of srcRows) {
    if (!s.keyCell) continue;
    const text = s.rs.sheet.rows.get(s.keyCell.r)?.get(s.keyCell.c)?.text ?? '';
    const k = parseKey(text);
    if (k?.bases) s.bases = k.bases;
    const m = k ? byKeyId.get(rowId(k.sheetIndex, k.r)) : undefined;
    if (m && k && m.hash === k.hash && !used.has(m)) {
      s.match = m;
      used.add(m);
    }
  }
  // A split file holds only the department's rows: a row there without a key can only be
  // one of them (its key lost), never another department's row with the same 取組番号.
  const keyed = srcRows.some((s) => s.keyCell);
  for (const s of srcRows) {
    if (s.match) continue;
    const keyText = (s.keyText ??= rowKeyText(s.row, s.rs));
    if (keyText.split('\u0001').every((x) => x === '')) continue;
    const l = byText.get(`${s.path}\u0002${keyText}`) ?? (paths.has(s.path) ? [] : candidates.filter((m) => m.keyText === keyText));
    const m = l.find((x) => !used.has(x) && (!keyed || x.owners.includes(dept)));
    if (m) {
      s.match = m;
      used.add(m);
    }
  }
  // A split file keys every row it was given: a row without a key was added there.
  if (keyed) return;
  // Runs of unmatched rows between matched anchors pair up with the master's rows in the
  // same gap, in order, when the counts agree (all rows, or the department's own).
  let i = 0;
  while (i < srcRows.length) {
    if (srcRows[i]!.match) {
      i++;
      continue;
    }
    let j = i;
    while (j < srcRows.length && !srcRows[j]!.match) j++;
    const lo = i > 0 ? order.get(srcRows[i - 1]!.match!)! : -1;
    const hi = j < srcRows.length ? order.get(srcRows[j]!.match!)! : candidates.length;
    const run = srcRows.slice(i, j);
    const gap = candidates.filter((m, k) => k > lo && k < hi && !used.has(m));
    const own = gap.filter((m) => m.owners.includes(dept));
    const pick = gap.length === run.length ? gap : own.length === run.length ? own : null;
    if (pick) {
      run.forEach((s, k) => {
        const m = pick[k]!;
        // Only within one section: a row never jumps to another 取組方針.
        if (m.path === s.path || !paths.has(s.path)) {
          s.match = m;
          used.add(m);
        }
      });
    }
    i = j;
  }
}

export function findKeyCell(sheet: Sheet, r: number, mapped: Set<number>): { r: number; c: number } | undefined {
  const row = sheet.rows.get(r);
  if (!row) return undefined;
  // Keys, not entries: no pair per cell of every row.
  for (const c of row.keys()) {
    if (!mapped.has(c) && row.get(c)!.text.startsWith(KEY_PREFIX)) return { r, c };
  }
  return undefined;
}

/** Candidate master rows per (sheet, type) and per type, computed once. */
export function candidateRows(model: MasterModel): (ss: ReportSheet) => MasterRow[] {
  const rowsBySheet = groupBy(model.rows, (m) => `${m.sheet}\u0000${m.rs.type.id}`);
  const rowsByType = groupBy(model.rows, (m) => m.rs.type.id);
  return (ss) => rowsBySheet.get(`${ss.sheet.name}\u0000${ss.type.id}`) ?? rowsByType.get(ss.type.id) ?? [];
}

/** The master row an added row follows: the last row of its section. */
export function placeAdded(s: SrcRow, srcRows: SrcRow[], idx: number, candidates: MasterRow[]): MasterRow | null {
  const lastOf = (path: string, sheet?: string): MasterRow | null => {
    let best: MasterRow | null = null;
    for (const m of candidates) {
      if (m.path !== path || (sheet !== undefined && m.sheet !== sheet)) continue;
      if (!best || m.sheetIndex > best.sheetIndex || (m.sheetIndex === best.sheetIndex && m.lastR > best.lastR)) best = m;
    }
    return best;
  };
  let near: MasterRow | undefined;
  for (let k = idx - 1; k >= 0 && !near; k--) near = srcRows[k]!.match;
  for (let k = idx + 1; k < srcRows.length && !near; k++) near = srcRows[k]!.match;
  const own = lastOf(s.path, near && near.path === s.path ? near.sheet : undefined) ?? lastOf(s.path);
  if (own) return own;
  return near ? lastOf(near.path, near.sheet) : null;
}
