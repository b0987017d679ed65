// Diff, stage 1: the rows of the previous report paired with this one's, as consolidation
// pairs them — our key, then sheet + hierarchy + 取組内容, then order — plus what a period
// brings: a row moved to another sheet or 取組方針, and a 取組内容 reworded (paired by how
// much of the row is the same, with that share as its confidence).
import { groupBy } from '../collections';
import { normalize } from '../normalize';
import { findKeyCell } from '../consolidate/match';
import { departmentColumn, mappedColumns, parseKey, type MasterRow } from '../consolidate/model';

export type MatchedBy = 'key' | 'text' | 'similar' | 'order';

export interface RowPair {
  old: MasterRow;
  new: MasterRow;
  by: MatchedBy;
  /** 0–1: 1 when the row key (取組内容 …) is the same; the share of the row kept otherwise. */
  confidence: number;
}

/** Rows paired by their content when their 取組内容 differs: this much of the row must be the same. */
export const SIMILAR_MIN = 0.5;
/** A row found in another sheet or 取組方針 by content alone needs more. */
const MOVED_MIN = 0.7;
/** Past this many candidate pairs in one comparison, rows go unpaired rather than take minutes. */
const MAX_PAIRS = 200_000;

const textsMemo = new WeakMap<MasterRow, string>();

/** Every report column's text of a row, normalized, in the type's column order. */
function rowText(m: MasterRow): string {
  let t = textsMemo.get(m);
  if (t === undefined) {
    t = m.rs.type.columns.map((c) => normalize(m.row.cells.get(c.key)?.text ?? '')).join('\u0001');
    textsMemo.set(m, t);
  }
  return t;
}

const gramsMemo = new WeakMap<MasterRow, Map<string, number>>();

/** Character bigrams of a row's text, counted. */
function gramsOf(m: MasterRow): Map<string, number> {
  let g = gramsMemo.get(m);
  if (!g) {
    g = new Map();
    const cps = [...rowText(m)];
    for (let i = 0; i + 1 < cps.length; i++) {
      const k = cps[i]! + cps[i + 1]!;
      g.set(k, (g.get(k) ?? 0) + 1);
    }
    gramsMemo.set(m, g);
  }
  return g;
}

/** Dice coefficient of the rows' bigrams: how much of the row is the same (0–1). */
export function rowSimilarity(a: MasterRow, b: MasterRow): number {
  const ga = gramsOf(a);
  const gb = gramsOf(b);
  let na = 0;
  let nb = 0;
  let both = 0;
  for (const v of ga.values()) na += v;
  for (const [k, v] of gb) {
    nb += v;
    both += Math.min(v, ga.get(k) ?? 0);
  }
  if (na + nb === 0) return rowText(a) === rowText(b) ? 1 : 0;
  return (2 * both) / (na + nb);
}

const deptOf = (m: MasterRow): string => {
  const col = departmentColumn(m.rs);
  return col ? normalize(m.row.cells.get(col.key)?.text ?? '') : '';
};

/** Whether a row's key is only numbers (取組番号): it identifies a place, not the row's content. */
const weakKey = (m: MasterRow): boolean => m.rs.type.rowKey.every((k) => m.rs.type.columns.find((c) => c.key === k)?.number === true);

const placeOf = (m: MasterRow): string => `${m.sheet}\u0002${m.path}`;

/** Pairs the best-scoring (old, new) rows first, each row at most once. */
function greedy(
  olds: MasterRow[],
  news: MasterRow[],
  score: (o: MasterRow, n: MasterRow) => number,
  min: number,
  take: (o: MasterRow, n: MasterRow, s: number) => void,
): void {
  if (olds.length === 0 || news.length === 0 || olds.length * news.length > MAX_PAIRS) return;
  const cands: [number, number, number][] = [];
  olds.forEach((o, i) =>
    news.forEach((n, j) => {
      const s = score(o, n);
      if (s >= min) cands.push([s, i, j]);
    }),
  );
  // Best first; ties to the pair nearest in order (rows of one merged 取組内容 keep their order).
  cands.sort((x, y) => y[0] - x[0] || Math.abs(x[1] - x[2]) - Math.abs(y[1] - y[2]) || x[1] - y[1]);
  const usedO = new Set<number>();
  const usedN = new Set<number>();
  for (const [s, i, j] of cands) {
    if (usedO.has(i) || usedN.has(j)) continue;
    usedO.add(i);
    usedN.add(j);
    take(olds[i]!, news[j]!, s);
  }
}

const hasKeyText = (m: MasterRow): boolean => m.keyText.split('\u0001').some((x) => x !== '');

const mappedMemo = new WeakMap<MasterRow['rs'], Set<number>>();

/** Our key (split's hidden column) of a row, when it has one. */
function keyIdOf(m: MasterRow): string | undefined {
  let mapped = mappedMemo.get(m.rs);
  if (!mapped) mappedMemo.set(m.rs, (mapped = mappedColumns(m.rs)));
  const at = findKeyCell(m.rs.sheet, m.row.r, mapped);
  if (!at) return undefined;
  const k = parseKey(m.rs.sheet.rows.get(at.r)?.get(at.c)?.text ?? '');
  return k ? `${k.sheetIndex}:${k.r}:${k.hash}` : undefined;
}

/** Pairs the rows of two reports; rows left out of every pair were removed (old) or added (new). */
export function matchRows(oldRows: MasterRow[], newRows: MasterRow[]): RowPair[] {
  const pairs: RowPair[] = [];
  const doneO = new Set<MasterRow>();
  const doneN = new Set<MasterRow>();
  const take = (by: MatchedBy) => (o: MasterRow, n: MasterRow, s: number): void => {
    doneO.add(o);
    doneN.add(n);
    pairs.push({ old: o, new: n, by, confidence: by === 'key' || by === 'text' ? 1 : Math.round(s * 100) / 100 });
  };
  const leftO = (): MasterRow[] => oldRows.filter((m) => !doneO.has(m));
  const leftN = (): MasterRow[] => newRows.filter((m) => !doneN.has(m));

  // 1. Our key, where both files carry one (two files split from one master).
  const oldKeys = groupBy(oldRows, keyIdOf);
  for (const [k, ns] of groupBy(newRows, keyIdOf)) {
    const os = oldKeys.get(k);
    if (os?.length === 1 && ns.length === 1) take('key')(os[0]!, ns[0]!, 1);
  }
  // 2. Same sheet, hierarchy and row key; among rows sharing one (a merged 取組内容), the rest decides.
  const byPlace = (m: MasterRow): string | undefined => (hasKeyText(m) ? `${placeOf(m)}\u0003${m.keyText}` : undefined);
  // A key that is only a number (取組番号 ③) moves with a row inserted above: the row must
  // also be the same department's, or mostly the same text.
  const sameKey = (o: MasterRow, n: MasterRow): number => {
    const s = rowSimilarity(o, n);
    return !weakKey(n) || s >= SIMILAR_MIN || deptOf(o) === deptOf(n) ? s : -1;
  };
  const oldPlaced = groupBy(leftO(), byPlace);
  for (const [k, ns] of groupBy(leftN(), byPlace)) {
    const os = oldPlaced.get(k);
    if (!os) continue;
    // Nearly every row: one on each side, paired without weighing the rest of the row.
    if (os.length === 1 && ns.length === 1 && (!weakKey(ns[0]!) || deptOf(os[0]!) === deptOf(ns[0]!))) take('text')(os[0]!, ns[0]!, 1);
    else greedy(os, ns, sameKey, 0, take('text'));
  }
  // 3. The same row key elsewhere: moved to another sheet or 取組方針 (the rest must agree too,
  // since short keys such as ① repeat in every section).
  const oldKeyed = groupBy(leftO(), (m) => (hasKeyText(m) ? m.keyText : undefined));
  for (const [k, ns] of groupBy(leftN(), (m) => (hasKeyText(m) ? m.keyText : undefined))) {
    const os = oldKeyed.get(k);
    if (os) greedy(os, ns, rowSimilarity, MOVED_MIN, take('text'));
  }
  // 4. Reworded: in the same place by how much of the row is the same, then anywhere by more.
  const oldByPlace = groupBy(leftO(), placeOf);
  for (const [k, ns] of groupBy(leftN(), placeOf)) {
    const os = oldByPlace.get(k);
    if (os) greedy(os, ns, rowSimilarity, SIMILAR_MIN, take('similar'));
  }
  greedy(leftO(), leftN(), rowSimilarity, MOVED_MIN, take('similar'));
  // 5. Order: a run of unpaired rows between the same paired neighbours, as many on each side,
  // in the same place and for the same department, pairs up in order.
  const partner = new Map(pairs.map((p) => [p.new, p.old]));
  pairByOrder(oldRows, newRows, partner, take('order'));
  return pairs;
}

function pairByOrder(
  oldRows: MasterRow[],
  newRows: MasterRow[],
  partner: Map<MasterRow, MasterRow>,
  take: (o: MasterRow, n: MasterRow, s: number) => void,
): void {
  const orderO = new Map(oldRows.map((m, i) => [m, i]));
  const pairedO = new Set(partner.values());
  let i = 0;
  while (i < newRows.length) {
    if (partner.has(newRows[i]!)) {
      i++;
      continue;
    }
    let j = i;
    while (j < newRows.length && !partner.has(newRows[j]!)) j++;
    const run = newRows.slice(i, j);
    const lo = i > 0 ? orderO.get(partner.get(newRows[i - 1]!)!)! : -1;
    const hi = j < newRows.length ? orderO.get(partner.get(newRows[j]!)!)! : oldRows.length;
    const gap = lo < hi ? oldRows.slice(lo + 1, hi).filter((m) => !pairedO.has(m)) : [];
    if (gap.length === run.length) {
      run.forEach((n, k) => {
        const o = gap[k]!;
        if (placeOf(o) === placeOf(n) && deptOf(o) === deptOf(n)) take(o, n, rowSimilarity(o, n));
      });
    }
    i = j;
  }
}
