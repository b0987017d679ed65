// Japanese text normalization, for comparisons only: a user's cell is never rewritten silently.

const CIRCLED_1_20 = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const CIRCLED_21_35 = '㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟';
const CIRCLED_36_50 = '㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿';

/** The circled numeral for n (1–50), or String(n) beyond. */
export function circled(n: number): string {
  if (n >= 1 && n <= 20) return CIRCLED_1_20[n - 1]!;
  if (n >= 21 && n <= 35) return CIRCLED_21_35[n - 21]!;
  if (n >= 36 && n <= 50) return CIRCLED_36_50[n - 36]!;
  return String(n);
}

/**
 * Parses an item number as sections write it: ①, (1), （１）, 1, "1." .
 * Must run before NFKC, which turns ① into a bare 1 and loses the distinction.
 */
export function parseItemNumber(raw: string): { n: number; style: 'circled' | 'paren' | 'plain' } | null {
  const t = raw.trim();
  if (t.length === 0) return null;
  if ([...t].length === 1) {
    const ch = t;
    let i = CIRCLED_1_20.indexOf(ch);
    if (i >= 0) return { n: i + 1, style: 'circled' };
    i = CIRCLED_21_35.indexOf(ch);
    if (i >= 0) return { n: i + 21, style: 'circled' };
    i = CIRCLED_36_50.indexOf(ch);
    if (i >= 0) return { n: i + 36, style: 'circled' };
  }
  const n = t.normalize('NFKC').replace(/\s+/g, '');
  let m = /^\((\d{1,3})\)$/.exec(n);
  if (m) return { n: Number(m[1]), style: 'paren' };
  m = /^(\d{1,3})\.?$/.exec(n);
  if (m) return { n: Number(m[1]), style: 'plain' };
  return null;
}

// Folds NFKC leaves alone: circles used as bullets, the many dashes and tildes.
const FOLDS: [RegExp, string][] = [
  [/[○〇◯◦]/g, '○'],
  [/[‐‑‒–—―−ー－﹣─━]/g, '-'],
  [/[〜～∼]/g, '~'],
  [/[・･]/g, '・'],
  [/[“”„‟]/g, '"'],
  [/[‘’‚‛]/g, "'"],
];

/** Normalized form for comparing: NFKC, folds, no white space at all. */
export function normalize(text: string): string {
  let s = text.normalize('NFKC');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s.replace(/\s+/gu, '');
}

/** Like normalize but keeps single spaces between words (for department tokens). */
export function normalizeSpaced(text: string): string {
  let s = text.normalize('NFKC');
  for (const [re, to] of FOLDS) s = s.replace(re, to);
  return s.replace(/\s+/gu, ' ').trim();
}

/** Header cells are compared with spaces and line breaks removed: `取組\n区分` is `取組区分`. */
export function normalizeHeader(text: string): string {
  return normalize(text);
}

/** 【再掲】 (再掲) （再掲） ＜再掲＞ <再掲> and their spaced variants. */
export const SAIKEI_MARK_SOURCE = '[【(（＜<〈《［[]\\s*再\\s*掲\\s*[】)）＞>〉》］\\]]';
export const SAIKEI_MARK = new RegExp(SAIKEI_MARK_SOURCE, 'gu');
const SAIKEI_AT_END = new RegExp(`${SAIKEI_MARK_SOURCE}$`, 'u');
const SAIKEI_ANY = new RegExp(SAIKEI_MARK_SOURCE, 'u');

export interface Bullet {
  /** Text as written, without the 再掲 mark. */
  text: string;
  /** Normalized text without bullet glyph and mark, for matching. */
  key: string;
  /** True when this bullet carries (or inherits) a 再掲 mark. */
  saikei: boolean;
  /** UTF-16 offsets of the bullet in the cell text. */
  start: number;
  end: number;
}

const BULLET_START = /^[\s\u3000]*[・･○〇◯●◎■□◆◇▪▫※\-－]/u;

/** Strip HTML-like tags that some exports leave in cells (`<li>`), for matching only. */
function stripTags(s: string): string {
  return s.replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, ' ');
}

/**
 * Splits a cell into bullets and paragraphs: a new one starts at a line break or at a
 * bullet glyph (・ ○ ● …) that follows sentence-ending punctuation or white space.
 * A 再掲 mark at the very end of a cell whose other bullets carry none marks the whole cell.
 */
export function splitBullets(cellText: string): Bullet[] {
  const out: Bullet[] = [];
  // Split points: line breaks, and bullet glyphs after 。 or white space.
  const re = /\r?\n|(?<=[。．.\s\u3000>])(?=[・●○〇◯◎■◆])/gu;
  let last = 0;
  const pieces: { s: number; e: number }[] = [];
  for (const m of cellText.matchAll(re)) {
    const idx = m.index;
    pieces.push({ s: last, e: idx });
    last = idx + m[0].length;
  }
  pieces.push({ s: last, e: cellText.length });
  for (const p of pieces) {
    const raw = cellText.slice(p.s, p.e);
    const marked = SAIKEI_ANY.test(raw);
    const withoutMark = raw.replace(SAIKEI_MARK, '');
    const body = stripTags(withoutMark).replace(BULLET_START, '');
    const key = normalize(body).replace(/^[・○●◎■□◆◇-]+/u, '');
    if (key.length === 0) {
      // A line holding only a mark (「【再掲】」 alone) marks the bullet before it.
      if (marked && out.length > 0) out[out.length - 1]!.saikei = true;
      continue;
    }
    out.push({ text: withoutMark.trim(), key, saikei: marked, start: p.s, end: p.e });
  }
  const markedCount = out.filter((b) => b.saikei).length;
  if (markedCount === 1 && out.length > 1 && out[out.length - 1]!.saikei) {
    const tail = cellText.replace(/[\s\u3000]+$/u, '');
    const endsWithMark = SAIKEI_AT_END.test(tail);
    if (endsWithMark) for (const b of out) b.saikei = true;
  }
  return out;
}

/** True when the cell text carries any 再掲 mark. */
export function hasSaikeiMark(text: string): boolean {
  return SAIKEI_ANY.test(text);
}
