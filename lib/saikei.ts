// 再掲 (re-listed) text: an index of every bullet of every text cell in a workbook, so that
// marked bullets find their source and unmarked repeats are seen, in near-linear time:
// exact matches by hash, near matches through a character-trigram inverted index.
import { a1 } from './grid';
import { splitBullets, type Bullet, SAIKEI_MARK, SAIKEI_MARK_SOURCE } from './normalize';
import type { ParsedWorkbook } from './report';

export interface BulletRef {
  id: number;
  sheet: string;
  r: number;
  c: number;
  /** Row identity: a bullet repeated in its own row is not a 再掲 matter. */
  rowKey: string;
  cellText: string;
  bullet: Bullet;
}

export interface SaikeiIndex {
  bullets: BulletRef[];
  /** Unmarked bullets by exact normalized key. */
  exact: Map<string, BulletRef[]>;
  /** trigram → ids of unmarked bullets holding it. */
  grams: Map<string, number[]>;
}

/** Trigrams so common that they say nothing about which bullet is the source. */
const MAX_POSTING = 64;
const TOP_CANDIDATES = 4;

function trigrams(key: string): Set<string> {
  const chars = [...key];
  const out = new Set<string>();
  if (chars.length < 3) {
    if (chars.length > 0) out.add(chars.join(''));
    return out;
  }
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return out;
}

const indexCache = new WeakMap<ParsedWorkbook, SaikeiIndex>();

export function buildIndex(parsed: ParsedWorkbook): SaikeiIndex {
  const hit = indexCache.get(parsed);
  if (hit) return hit;
  const bullets: BulletRef[] = [];
  const exact = new Map<string, BulletRef[]>();
  const grams = new Map<string, number[]>();
  const seenCells = new Set<string>();
  for (const rs of parsed.reports) {
    const textCols = rs.type.columns.filter((c) => c.text);
    for (const row of rs.rows) {
      for (const col of textCols) {
        const cell = row.cells.get(col.key);
        if (!cell || cell.text.trim() === '') continue;
        // A merged cell is one text, however many rows it spans.
        const cellId = `${rs.sheet.name}\u0000${cell.r},${cell.c}`;
        if (seenCells.has(cellId)) continue;
        seenCells.add(cellId);
        for (const b of splitBullets(cell.text)) {
          const ref: BulletRef = {
            id: bullets.length,
            sheet: rs.sheet.name,
            r: cell.r,
            c: cell.c,
            rowKey: `${rs.sheet.name}\u0000${cell.r}`,
            cellText: cell.text,
            bullet: b,
          };
          bullets.push(ref);
          if (b.saikei) continue;
          const list = exact.get(b.key);
          if (list) list.push(ref);
          else exact.set(b.key, [ref]);
          for (const g of trigrams(b.key)) {
            const p = grams.get(g);
            if (!p) grams.set(g, [ref.id]);
            else if (p.length <= MAX_POSTING) p.push(ref.id);
          }
        }
      }
    }
  }
  const idx = { bullets, exact, grams };
  indexCache.set(parsed, idx);
  return idx;
}

/** Similarity 0–1 from the edit distance of the normalized keys. */
export function similarity(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  if (x.length === 0 && y.length === 0) return 1;
  // Band-free Levenshtein on bullets (a few hundred characters at most).
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return 1 - prev[y.length]! / Math.max(x.length, y.length);
}

export type SourceMatch =
  | { kind: 'exact'; source: BulletRef }
  | { kind: 'near'; source: BulletRef; score: number }
  | { kind: 'none' };

/** The source of a marked bullet: an unmarked bullet elsewhere, equal, containing it, or near. */
export function findSource(idx: SaikeiIndex, ref: BulletRef, threshold: number): SourceMatch {
  const key = ref.bullet.key;
  const same = idx.exact.get(key)?.find((s) => s.rowKey !== ref.rowKey);
  if (same) return { kind: 'exact', source: same };
  const hits = new Map<number, number>();
  const mine = trigrams(key);
  for (const g of mine) {
    const p = idx.grams.get(g);
    if (!p || p.length > MAX_POSTING) continue;
    for (const id of p) hits.set(id, (hits.get(id) ?? 0) + 1);
  }
  const ranked = [...hits.entries()]
    .filter(([id]) => idx.bullets[id]!.rowKey !== ref.rowKey)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, TOP_CANDIDATES);
  let best: { source: BulletRef; score: number } | null = null;
  for (const [id] of ranked) {
    const cand = idx.bullets[id]!;
    // A 再掲 often repeats one sentence of a longer source bullet.
    if (key.length >= 10 && cand.bullet.key.includes(key)) return { kind: 'exact', source: cand };
    const score = similarity(key, cand.bullet.key);
    if (!best || score > best.score) best = { source: cand, score };
  }
  if (best && best.score >= threshold) return { kind: 'near', source: best.source, score: best.score };
  return { kind: 'none' };
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
