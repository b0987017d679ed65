// 再掲 (re-listed) text: an index of every bullet of every text cell in a workbook, so that
// marked bullets find their source and unmarked repeats are seen, in near-linear time:
// exact matches by hash, near matches through a character-trigram inverted index.
import { isBlank } from './blank';
import { groupBy } from './collections';
import { a1, cellKey } from './grid';
import { bulletKeyHashes, keyHash, levenshtein, splitBullets, type Bullet, SAIKEI_MARK, SAIKEI_MARK_SOURCE } from './normalize';
import type { ParsedWorkbook, ReportCell } from './report';

export interface BulletRef {
  id: number;
  sheet: string;
  r: number;
  c: number;
  /** Row identity (sheet index and row): a bullet repeated in its own row is not a 再掲 matter. */
  rowKey: number;
  cellText: string;
  bullet: Bullet;
}

export interface SaikeiIndex {
  bullets: BulletRef[];
  /** Unmarked bullets by exact normalized key. */
  exact: Map<string, BulletRef[]>;
  /** Source of each marked bullet, by bullet id; filled on first request for a threshold. */
  sources: Map<number, SourceMatch>;
  threshold?: number;
  /** The context indexes `sources` was resolved with. */
  contextOf?: readonly SaikeiIndex[];
}

/** Trigrams so common that they say nothing about which bullet is the source. */
const MAX_POSTING = 64;
const TOP_CANDIDATES = 4;

/** Trigram hashes kept small enough to stay V8 small integers; collisions only add candidates. */
function gramHash(key: string, i: number): number {
  return ((key.charCodeAt(i) * 40503 + key.charCodeAt(i + 1)) * 40503 + key.charCodeAt(i + 2)) & 0x3fffffff;
}

function gramsOf(key: string): number[] {
  if (key.length < 3) return [key.length === 0 ? 0 : gramHash(`${key}\u0000\u0000`, 0)];
  const out: number[] = [];
  for (let i = 0; i + 3 <= key.length; i++) out.push(gramHash(key, i));
  return out;
}

const indexCache = new WeakMap<ParsedWorkbook, SaikeiIndex>();
/** Workbooks with no 再 in any text cell: nothing in them is marked. */
const noMarks = new WeakSet<ParsedWorkbook>();

/** Every non-blank text cell the index covers, once each (a merged cell is one text). */
function forEachTextCell(parsed: ParsedWorkbook, fn: (cell: ReportCell, sheet: string, sheetNo: number) => void): void {
  parsed.reports.forEach((rs, sheetNo) => {
    const textCols = rs.type.columns.filter((c) => c.text);
    // A merged cell is one text, however many rows it spans; a carried one is its source's.
    // Without merges or carried columns each cell is met once: no set of them needed.
    const seenCells = rs.sheet.merges.length > 0 || textCols.some((c) => c.carryDown) ? new Set<number>() : undefined;
    for (const row of rs.rows) {
      for (const col of textCols) {
        const cell = row.cells.get(col.key);
        if (!cell || isBlank(cell.text)) continue;
        if (seenCells) {
          const cellId = cellKey(cell.r, cell.c);
          if (seenCells.has(cellId)) continue;
          seenCells.add(cellId);
        }
        fn(cell, rs.sheet.name, sheetNo);
      }
    }
  });
}

/** Whether any text cell the index covers holds a 再 (every 再掲 mark has one). */
function anyTextWithSai(parsed: ParsedWorkbook): boolean {
  for (const rs of parsed.reports) {
    const textCols = rs.type.columns.filter((c) => c.text);
    for (const row of rs.rows) for (const col of textCols) if (row.cells.get(col.key)?.text.includes('再')) return true;
  }
  return false;
}

function refOf(id: number, cell: ReportCell, sheet: string, sheetNo: number, bullet: Bullet): BulletRef {
  return { id, sheet, r: cell.r, c: cell.c, rowKey: sheetNo * 2 ** 20 + cell.r, cellText: cell.text, bullet };
}

/** Every bullet of every text cell of a workbook, built once per parsed workbook. */
export function buildIndex(parsed: ParsedWorkbook): SaikeiIndex {
  const hit = indexCache.get(parsed);
  if (hit) return hit;
  const bullets: BulletRef[] = [];
  forEachTextCell(parsed, (cell, sheet, sheetNo) => {
    for (const b of splitBullets(cell.text)) bullets.push(refOf(bullets.length, cell, sheet, sheetNo, b));
  });
  const exact = groupBy(bullets, (ref) => (ref.bullet.saikei ? undefined : ref.bullet.key));
  const idx: SaikeiIndex = { bullets, exact, sources: new Map() };
  indexCache.set(parsed, idx);
  return idx;
}

/** Each bullet's key hash (keyHash) and length, by the fast pass or from splitBullets. */
function hashesOf(text: string): number[] {
  const fast = bulletKeyHashes(text);
  if (fast) return fast;
  const out: number[] = [];
  // A marked bullet is nobody's repeat: -1 keeps its place (its id) and matches nothing.
  for (const b of splitBullets(text)) out.push(b.saikei ? -1 : keyHash(b.key), [...b.key].length);
  return out;
}

/**
 * The unmarked bullets whose key, of `minLength` code points or more, is in two places or
 * more: one list per key, in the order the index meets the keys, each in bullet order. The
 * same as the index's exact matches, but without making a key where no hash repeats: a
 * returned file with no 再掲 mark need not be indexed at all.
 */
export function repeatedBullets(parsed: ParsedWorkbook, minLength: number): BulletRef[][] {
  const built = indexCache.get(parsed);
  if (built) return [...built.exact.values()].filter((refs) => refs.length > 1 && [...refs[0]!.bullet.key].length >= minLength);
  const count = new Map<number, number>();
  let repeats = false;
  forEachTextCell(parsed, (cell) => {
    const hs = hashesOf(cell.text);
    for (let k = 0; k < hs.length; k += 2) {
      if (hs[k] === -1 || hs[k + 1]! < minLength) continue;
      const n = (count.get(hs[k]!) ?? 0) + 1;
      count.set(hs[k]!, n);
      if (n > 1) repeats = true;
    }
  });
  if (!repeats) return [];
  // Only the bullets whose hashes met are split, and grouped by their real keys.
  const met: BulletRef[] = [];
  let id = 0;
  forEachTextCell(parsed, (cell, sheet, sheetNo) => {
    const hs = hashesOf(cell.text);
    let bullets: Bullet[] | undefined;
    for (let k = 0; k < hs.length; k += 2, id++) {
      if (hs[k] === -1 || hs[k + 1]! < minLength || count.get(hs[k]!)! < 2) continue;
      met.push(refOf(id, cell, sheet, sheetNo, (bullets ??= splitBullets(cell.text))[k / 2]!));
    }
  });
  return [...groupBy(met, (ref) => ref.bullet.key).values()].filter((refs) => refs.length > 1);
}

/** Similarity 0–1 from the edit distance of the normalized keys. */
export function similarity(a: string, b: string): number {
  const longest = Math.max([...a].length, [...b].length);
  return longest === 0 ? 1 : 1 - levenshtein(a, b) / longest;
}

export type SourceMatch =
  | { kind: 'exact'; source: BulletRef }
  | { kind: 'near'; source: BulletRef; score: number }
  | { kind: 'none' };

/**
 * Finds the source of every marked bullet at once: exact keys by hash; for the rest, one
 * pass over the unmarked bullets collects, per trigram of a pending bullet, the bullets that
 * share it. Only the (few) pending bullets' trigrams are indexed, so the work is linear in
 * the workbook's text, and trigrams shared by too many bullets are ignored. Context indexes
 * (the master, for a section's returned file) are built once and only consulted here.
 */
function resolveSources(idx: SaikeiIndex, threshold: number, contexts: readonly SaikeiIndex[]): void {
  idx.sources.clear();
  idx.threshold = threshold;
  idx.contextOf = contexts;
  const pending: BulletRef[] = [];
  for (const ref of idx.bullets) {
    if (!ref.bullet.saikei) continue;
    const key = ref.bullet.key;
    const same = idx.exact.get(key)?.find((s) => s.rowKey !== ref.rowKey) ?? contexts.map((c) => c.exact.get(key)?.[0]).find((s) => s);
    if (same) idx.sources.set(ref.id, { kind: 'exact', source: same });
    else pending.push(ref);
  }
  if (pending.length === 0) return;
  // Candidates: this workbook's unmarked bullets, then the contexts'; own ones never from the same row.
  const pool: { ref: BulletRef; own: boolean }[] = [];
  for (const u of idx.bullets) if (!u.bullet.saikei) pool.push({ ref: u, own: true });
  for (const c of contexts) for (const u of c.bullets) if (!u.bullet.saikei) pool.push({ ref: u, own: false });
  const postings = new Map<number, number[]>();
  const pendingGrams = pending.map((ref) => {
    const gs = [...new Set(gramsOf(ref.bullet.key))];
    for (const g of gs) if (!postings.has(g)) postings.set(g, []);
    return gs;
  });
  pool.forEach((u, id) => {
    for (const g of gramsOf(u.ref.bullet.key)) {
      const p = postings.get(g);
      if (p && p.length <= MAX_POSTING && p[p.length - 1] !== id) p.push(id);
    }
  });
  pending.forEach((ref, i) => {
    const key = ref.bullet.key;
    const hits = new Map<number, number>();
    for (const g of pendingGrams[i]!) {
      const p = postings.get(g)!;
      if (p.length > MAX_POSTING) continue;
      for (const id of p) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    const ranked = [...hits.entries()]
      .filter(([id]) => !pool[id]!.own || pool[id]!.ref.rowKey !== ref.rowKey)
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, TOP_CANDIDATES);
    let best: { source: BulletRef; score: number } | null = null;
    let found: SourceMatch | null = null;
    for (const [id] of ranked) {
      const cand = pool[id]!.ref;
      // A 再掲 often repeats one sentence of a longer source bullet.
      if (key.length >= 10 && cand.bullet.key.includes(key)) {
        found = { kind: 'exact', source: cand };
        break;
      }
      const score = similarity(key, cand.bullet.key);
      if (!best || score > best.score) best = { source: cand, score };
    }
    if (!found) found = best && best.score >= threshold ? { kind: 'near', source: best.source, score: best.score } : { kind: 'none' };
    idx.sources.set(ref.id, found);
  });
}

/** The source of a marked bullet: an unmarked bullet elsewhere, equal, containing it, or near. */
export function findSource(idx: SaikeiIndex, ref: BulletRef, threshold: number, contexts: readonly SaikeiIndex[] = []): SourceMatch {
  const same = idx.contextOf !== undefined && idx.contextOf.length === contexts.length && idx.contextOf.every((c, i) => c === contexts[i]);
  if (idx.threshold !== threshold || !same) resolveSources(idx, threshold, contexts);
  return idx.sources.get(ref.id) ?? { kind: 'none' };
}

/** Every 再掲-marked bullet of `parsed` with its source (the two 再掲 source rules share this). */
export function markedWithSources(
  parsed: ParsedWorkbook,
  context: readonly ParsedWorkbook[],
  threshold: number,
): { ref: BulletRef; match: SourceMatch }[] {
  // Every mark has a 再: without one, nothing is marked and the workbook need not be indexed.
  if (noMarks.has(parsed)) return [];
  if (!indexCache.has(parsed) && !anyTextWithSai(parsed)) {
    // Both 再掲 source rules ask: the second is answered without a second look.
    noMarks.add(parsed);
    return [];
  }
  const idx = buildIndex(parsed);
  const marked = idx.bullets.filter((ref) => ref.bullet.saikei);
  // Most returned files mark nothing: then the context (a whole master) need not be indexed.
  if (marked.length === 0) return [];
  const contexts = context.map((c) => buildIndex(c));
  return marked.map((ref) => ({ ref, match: findSource(idx, ref, threshold, contexts) }));
}

export function location(ref: { sheet: string; r: number; c: number }): string {
  return `${ref.sheet}!${a1(ref.r, ref.c)}`;
}

/** The changed part of two texts with a little context: 元「…ように育成…」→ 再掲「…よう育成…」. */
export function describeDiff(source: string, copy: string, context = 6): string {
  const a = [...source];
  const b = [...copy];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  const pre = a.slice(Math.max(0, p - context), p).join('');
  const postA = a.slice(a.length - s, Math.min(a.length, a.length - s + context)).join('');
  const postB = b.slice(b.length - s, Math.min(b.length, b.length - s + context)).join('');
  const lead = p > context ? '…' : '';
  const tailA = a.length - s + context < a.length ? '…' : '';
  const tailB = b.length - s + context < b.length ? '…' : '';
  const midA = a.slice(p, a.length - s).join('');
  const midB = b.slice(p, b.length - s).join('');
  return `元「${lead}${pre}${midA}${postA}${tailA}」→ 再掲「${lead}${pre}${midB}${postB}${tailB}」`;
}

/** Cell text with each drifted bullet replaced by its source, keeping the 再掲 mark where it was. */
export function replaceBullets(cellText: string, replacements: { bullet: Bullet; sourceText: string }[]): string {
  let out = cellText;
  for (const { bullet, sourceText } of [...replacements].sort((x, y) => y.bullet.start - x.bullet.start)) {
    const seg = out.slice(bullet.start, bullet.end);
    const lead = /^[\s\u3000]*/u.exec(seg)![0];
    const trail = /[\s\u3000]*$/u.exec(seg)![0];
    const marks = [...seg.matchAll(SAIKEI_MARK)].map((m) => m[0]);
    const markText = marks.join('');
    const startMark = new RegExp(`^[\\s\\u3000]*${SAIKEI_MARK_SOURCE}`, 'u').test(seg);
    const srcClean = sourceText.replace(SAIKEI_MARK, '').trim();
    const gap = new RegExp(`\\s${SAIKEI_MARK_SOURCE}`, 'u').test(seg) ? ' ' : '';
    const next = startMark ? `${markText}${srcClean}` : `${srcClean}${markText ? gap + markText : ''}`;
    out = out.slice(0, bullet.start) + lead + next + trail + out.slice(bullet.end);
  }
  return out;
}
