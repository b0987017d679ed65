// Japanese text normalization, for comparisons only: a user's cell is never rewritten silently.
import { FNV_OFFSET, fnv1a, fnvStep } from './hash';

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
// One pass over a character map, since normalize() runs on every bullet of a report.
const FOLD_MAP = new Map<string, string>();
for (const [chars, to] of [
  ['○〇◯◦', '○'],
  ['‐‑‒–—―−－﹣─━', '-'],
  ['〜～∼', '~'],
  ['・･', '・'],
  ['“”„‟', '"'],
  ['‘’‚‛', "'"],
] as const) {
  // Identity entries would make every bullet glyph a match for nothing.
  for (const ch of chars) if (ch !== to) FOLD_MAP.set(ch, to);
}
// Without the u flag: every folded character is in the BMP, and the plain engine is faster.
const FOLD_RE = new RegExp(`[${[...FOLD_MAP.keys()].join('')}]`, 'g');
const foldChar = (ch: string): string => FOLD_MAP.get(ch) ?? ch;

const FOLD_TEST = new RegExp(FOLD_RE.source);

/** Code units NFKC leaves as they are, alone or next to each other (no combining marks). */
function nfkcStable(ch: number): boolean {
  if (ch < 0x7f) return ch >= 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d;
  return (
    (ch >= 0x4e00 && ch <= 0x9fff) || // CJK ideographs
    (ch >= 0x3041 && ch <= 0x3096) || // hiragana
    (ch >= 0x30a1 && ch <= 0x30fc) || // katakana, ・ and ー
    ch === 0x3001 || ch === 0x3002 || // 、。
    (ch >= 0x3008 && ch <= 0x3011) || // 〈〉《》「」『』【】
    ch === 0x203b || ch === 0x25a0 || ch === 0x25c6 || ch === 0x25cb || ch === 0x25ce || ch === 0x25cf // ※■◆○◎●
  );
}

/**
 * NFKC. Most cell text is kana, kanji, ASCII and full-width ASCII (（）１２：), for which
 * NFKC is the identity or a fixed shift; such text skips ICU, which costs more than the
 * rest of the comparison. Anything else goes through String.prototype.normalize.
 */
export function nfkc(text: string): string {
  // One pass: slices between the (few) full-width characters, cheaper than a replace
  // callback each; the first character outside the fast set hands the text to ICU.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (nfkcStable(ch)) continue;
    if (ch >= 0xff01 && ch <= 0xff5e) {
      out += text.slice(last, i) + String.fromCharCode(ch - 0xfee0);
      last = i + 1;
      continue;
    }
    return text.normalize('NFKC');
  }
  return last === 0 ? text : out + text.slice(last);
}

function fold(text: string): string {
  const n = nfkc(text);
  return FOLD_TEST.test(n) ? n.replace(FOLD_RE, foldChar) : n;
}

const SPACE = /\s/;
const SPACES = /\s+/g;

/** Normalized form for comparing: NFKC, folds, no white space at all. */
export function normalize(text: string): string {
  // One pass for text of the fast set (see nfkc): there NFKC only shifts full-width ASCII,
  // no character is folded, and white space is dropped. It runs on every bullet of a report.
  let out = '';
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch > 0x20 && ch < 0x7f) continue;
    if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x3000) {
      out += text.slice(last, i);
      last = i + 1;
    } else if (ch >= 0xff01 && ch <= 0xff5e) {
      out += text.slice(last, i) + String.fromCharCode(ch - 0xfee0);
      last = i + 1;
    } else if (!nfkcStable(ch)) {
      const f = fold(text);
      // Dropping white space can put a letter before a combining mark (NFKC turns ῁ into a
      // space and two marks): compose again, or normalizing twice would differ.
      return SPACE.test(f) ? f.replace(SPACES, '').normalize('NFKC') : f;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Like normalize but keeps single spaces between words (for department tokens). */
export function normalizeSpaced(text: string): string {
  return fold(text).replace(/\s+/gu, ' ').trim();
}

/** Header cells are compared with spaces and line breaks removed: `取組\n区分` is `取組区分`. */
export function normalizeHeader(text: string): string {
  return normalize(text);
}

/** 【再掲】 (再掲) （再掲） ＜再掲＞ <再掲> 〔再掲〕 and their spaced variants. */
export const SAIKEI_MARK_SOURCE = '[【(（＜<〈《［[〔]\\s*再\\s*掲\\s*[】)）＞>〉》］\\]〕]';
export const SAIKEI_MARK = new RegExp(SAIKEI_MARK_SOURCE, 'gu');
/** 【再掲】 or ＜再掲＞ closing a cell marks the whole cell; (再掲) marks its own bullet only. */
const SAIKEI_CELL_MARK_AT_END = /[【＜<〈《［〔]\s*再\s*掲\s*[】＞>〉》］〕]$/u;
const SAIKEI_ANY = new RegExp(SAIKEI_MARK_SOURCE, 'u');
const SAIKEI_CELL_MARK_AT_START = new RegExp(`^[\\s\\u3000]*${SAIKEI_MARK_SOURCE}`, 'u');

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

// Glyphs that open a bullet, after optional white space (・ ○ ※ - …).
const START_GLYPHS = new Set([...'・･○〇◯●◎■□◆◇▪▫※-－'].map((ch) => ch.charCodeAt(0)));
// What a normalized key may still start with (・○●◎■□◆◇-), checked the same way.
const KEY_GLYPHS = new Set([...'・○●◎■□◆◇-'].map((ch) => ch.charCodeAt(0)));

/** The text without its bullet glyph (and the white space before it). */
function stripBulletStart(s: string): string {
  let i = 0;
  while (i < s.length && isSpaceAt(s, i)) i++;
  // The white space and one glyph go (every glyph is one code unit).
  return i < s.length && START_GLYPHS.has(s.charCodeAt(i)) ? s.slice(i + 1) : s;
}

/** SPACE.test(s[i]) without a one-character string for most characters. */
function isSpaceAt(s: string, i: number): boolean {
  const ch = s.charCodeAt(i);
  if (ch === 0x20 || ch === 0x3000 || (ch >= 0x09 && ch <= 0x0d)) return true;
  if (ch < 0x80 || (ch >= 0x3001 && ch <= 0xfefe)) return false;
  return SPACE.test(s[i]!);
}

/** Strip HTML-like tags that some exports leave in cells (`<li>`), for matching only. */
function stripTags(s: string): string {
  return s.replace(/<\/?[a-zA-Z][^<>]{0,200}>/g, ' ');
}

/**
 * Splits a cell into bullets and paragraphs: a new one starts at a line break or at a
 * bullet glyph (・ ○ ● …) that follows sentence-ending punctuation or white space.
 * 【再掲】 at the very end of a cell whose other bullets carry no mark marks the whole cell
 * (seed 002 提言4-エ); (再掲) after a bullet marks that bullet only (seed 002 提言3-エ).
 */
// ・ ● ○ 〇 ◯ ◎ ■ ◆ start a bullet after 。 ． . > or white space.
const BULLET_GLYPHS = new Set([0x30fb, 0x25cf, 0x25cb, 0x3007, 0x25ef, 0x25ce, 0x25a0, 0x25c6]);
const BEFORE_BULLET = new Set([0x3002, 0xff0e, 0x2e, 0x3e, 0x20, 0x09, 0x3000]);

/** The glyphs' range test before the set: kana and kanji, most of a text, fail it at once. */
const mayBeBulletGlyph = (ch: number): boolean => (ch >= 0x25a0 && ch <= 0x25ef) || ch === 0x30fb || ch === 0x3007;

/** Piece boundaries: line breaks, and bullet glyphs after 。 or white space (a hand loop: hot). */
function splitPoints(text: string): number[] {
  // Flat [start, end, start, end, …]: no object per piece.
  const pieces: number[] = [];
  let last = 0;
  let prev = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) {
      pieces.push(last, prev === 0x0d ? i - 1 : i);
      last = i + 1;
    } else if (i > last && mayBeBulletGlyph(ch) && BULLET_GLYPHS.has(ch) && BEFORE_BULLET.has(prev)) {
      pieces.push(last, i);
      last = i;
    }
    prev = ch;
  }
  pieces.push(last, text.length);
  return pieces;
}

export function splitBullets(cellText: string): Bullet[] {
  const out: Bullet[] = [];
  const pieces = splitPoints(cellText);
  let markedCount = 0;
  // 「【再掲】」 alone on the cell's first line heads the whole cell.
  let headMark = false;
  for (let k = 0; k < pieces.length; k += 2) {
    const start = pieces[k]!;
    const end = pieces[k + 1]!;
    const raw = cellText.slice(start, end);
    // Most bullets carry neither a mark nor a tag: skip those passes.
    const marked = raw.includes('再') && SAIKEI_ANY.test(raw);
    const withoutMark = marked ? raw.replace(SAIKEI_MARK, '') : raw;
    const body = stripBulletStart(withoutMark.includes('<') ? stripTags(withoutMark) : withoutMark);
    const n = normalize(body);
    const key = KEY_GLYPHS.has(n.charCodeAt(0)) ? n.replace(/^[・○●◎■□◆◇-]+/, '') : n;
    if (key.length === 0) {
      // A line holding only a mark (「【再掲】」 alone) marks the bullet before it.
      if (marked && out.length > 0 && !out[out.length - 1]!.saikei) {
        out[out.length - 1]!.saikei = true;
        markedCount++;
      } else if (marked && out.length === 0) {
        headMark = true;
      }
      continue;
    }
    if (marked) markedCount++;
    out.push({ text: withoutMark.trim(), key, saikei: marked, start, end });
  }
  if (markedCount === 1 && out.length > 1 && out[out.length - 1]!.saikei) {
    const tail = cellText.replace(/[\s\u3000]+$/u, '');
    const endsWithMark = SAIKEI_CELL_MARK_AT_END.test(tail);
    if (endsWithMark) for (const b of out) b.saikei = true;
  }
  // A mark opening the cell (「（再掲）・…」 or a first line of its own) marks the whole cell,
  // as one closing it does, when no other bullet carries one.
  const opensWithMark = headMark || (markedCount === 1 && out.length > 1 && out[0]!.saikei && SAIKEI_CELL_MARK_AT_START.test(cellText));
  if (opensWithMark && markedCount <= 1) for (const b of out) b.saikei = true;
  return out;
}

// 30 bits: a V8 small integer, so counting keys in a Map boxes no number (a full 32-bit
// hash made two heap numbers per bullet); a collision only costs splitting those bullets.
const KEY_HASH_MASK = 0x3fffffff;

/** A bullet key's hash as bulletKeyHashes gives it (fnv1a from FNV_OFFSET, 30 bits). */
export const keyHash = (key: string): number => fnv1a(FNV_OFFSET, key) & KEY_HASH_MASK;

/**
 * Each bullet's key as splitBullets would make it, hashed (`keyHash`) with its length,
 * without making the key: [hash, length, hash, length, …] in bullet order. Null when
 * the cell needs splitBullets itself: a 再掲 mark, a tag, or a character outside normalize's
 * fast set.
 * Most cells of a returned file repeat nothing; only the bullets whose hashes meet are split.
 */
export function bulletKeyHashes(cellText: string): number[] | null {
  if (cellText.includes('再')) return null;
  const pieces = splitPoints(cellText);
  const out: number[] = [];
  for (let k = 0; k < pieces.length; k += 2) {
    const start = pieces[k]!;
    const end = pieces[k + 1]!;
    // stripBulletStart: white space and one glyph go; without a glyph the piece stays whole.
    let i = start;
    while (i < end && isSpaceAt(cellText, i)) i++;
    i = i < end && START_GLYPHS.has(cellText.charCodeAt(i)) ? i + 1 : start;
    let h = FNV_OFFSET;
    let n = 0;
    for (; i < end; i++) {
      let ch = cellText.charCodeAt(i);
      if (ch >= 0x3041 && ch <= 0x9fff && nfkcStable(ch)) {
        // Kana and kanji, most of a text: asked first.
      } else if (ch > 0x20 && ch < 0x7f) {
        // A tag (<li>) is stripped before the key is made: splitBullets knows how.
        if (ch === 0x3c) return null;
      } else if (ch === 0x20 || ch === 0x09 || ch === 0x0a || ch === 0x0d || ch === 0x3000) {
        continue;
      } else if (ch >= 0xff01 && ch <= 0xff5e) {
        // ＜ becomes < only here, after the tags were looked for: it is text.
        ch -= 0xfee0;
      } else if (!nfkcStable(ch)) {
        return null;
      }
      // The glyphs a normalized key may still start with go, as in splitBullets.
      if (n === 0 && KEY_GLYPHS.has(ch)) continue;
      h = fnvStep(h, ch);
      n++;
    }
    if (n > 0) out.push(h & KEY_HASH_MASK, n);
  }
  return out;
}

/** True when the cell text carries any 再掲 mark. */
export function hasSaikeiMark(text: string): boolean {
  return SAIKEI_ANY.test(text);
}

/** Edit distance in code points. */
export function levenshtein(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}
