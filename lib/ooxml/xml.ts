// Small string-level helpers for SpreadsheetML. We patch parts of a workbook we (or the
// secretariat) wrote, element by element, and leave every byte we do not understand alone.

const NEEDS_ESCAPE = /[&<>"]/;

export function escapeXml(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return s;
  return s.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

// eslint-disable-next-line no-control-regex -- exactly the characters XML 1.0 forbids
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
// eslint-disable-next-line no-control-regex -- the same set, without the global flag's state
const FORBIDDEN_TEST = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** XML 1.0 forbids most control characters; a pasted one would make the part unreadable. */
export function xmlSafeText(s: string): string {
  return FORBIDDEN_TEST.test(s) ? s.replace(FORBIDDEN, '') : s;
}

/** Reads entity references back; a numeric one beyond U+10FFFF (hostile XML) stays as written. */
export function unescapeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (m, e: string) => {
    if (e === 'amp') return '&';
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    const n = e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return n <= 0x10ffff ? String.fromCodePoint(n) : m;
  });
}

const SPACE = /\s/;

/**
 * Where the value of `name="…"` (after white space) lies in the tag `s[from, end)`, as
 * [start, end): read in place, so a reader need not slice out every opening tag.
 */
export function attrIn(s: string, name: string, from: number, end: number): [number, number] | undefined {
  for (let i = s.indexOf(name, from + 1); i >= 0 && i < end; i = s.indexOf(name, i + 1)) {
    const q = i + name.length;
    if (s.charCodeAt(q) !== 0x3d || s.charCodeAt(q + 1) !== 0x22) continue;
    const before = s.charCodeAt(i - 1);
    if (before !== 0x20 && !SPACE.test(s[i - 1]!)) continue;
    const close = s.indexOf('"', q + 2);
    return close < 0 || close >= end ? undefined : [q + 2, close];
  }
  return undefined;
}

/** Where the value of `name="…"` (after white space) lies in a tag, as [start, end). */
function attrValueAt(tag: string, name: string): [number, number] | undefined {
  return attrIn(tag, name, 0, tag.length);
}

/**
 * The value of `name="…"` after white space, as the regex `\sname="([^"]*)"` finds it, with
 * indexOf: the patcher and the master's reader call this for every row and cell.
 */
export function getAttr(tag: string, name: string): string | undefined {
  return getAttrIn(tag, name, 0, tag.length);
}

/** getAttr of the tag `s[from, end)`, read in place. */
export function getAttrIn(s: string, name: string, from: number, end: number): string | undefined {
  const at = attrIn(s, name, from, end);
  if (!at) return undefined;
  const v = s.slice(at[0], at[1]);
  return v.includes('&') ? unescapeXml(v) : v;
}

/** Sets (or adds) an attribute in an opening tag string such as `<c r="A1" s="3">`. */
export function setAttr(tag: string, name: string, value: string): string {
  const v = escapeXml(value);
  const at = attrValueAt(tag, name);
  if (at) return tag.slice(0, at[0]) + v + tag.slice(at[1]);
  // Added before `>` or `/>`, in place of the white space there.
  let close = tag.length - 1;
  if (tag.charCodeAt(close) !== 0x3e) return tag;
  if (tag.charCodeAt(close - 1) === 0x2f) close--;
  let cut = close;
  while (cut > 0 && SPACE.test(tag[cut - 1]!)) cut--;
  return `${tag.slice(0, cut)} ${name}="${v}"${tag.slice(close)}`;
}

/**
 * Rewrites the text of each element `re` matches (three groups: opening tag, body, closing
 * tag), read and written with entities; an element whose text `fn` leaves as it was keeps
 * its bytes.
 */
export function mapElementText(doc: string, re: RegExp, fn: (text: string, open: string) => string): string {
  return doc.replace(re, (all, open: string, body: string, close: string) => {
    const text = unescapeXml(body);
    const next = fn(text, open);
    return next === text ? all : open + escapeXml(next) + close;
  });
}

/** The opening tag of an element string: up to its first `>`. */
export function openTagOf(el: string): string {
  return el.slice(0, el.indexOf('>') + 1);
}

/** Removes `name="…"` and the white space before it. */
export function removeAttr(tag: string, name: string): string {
  const at = attrValueAt(tag, name);
  return at ? tag.slice(0, at[0] - name.length - 3) + tag.slice(at[1] + 1) : tag;
}

/** An inline-string cell: never a formula, whatever the text starts with. */
export function inlineStringCell(ref: string, style: number | undefined, text: string): string {
  const s = style !== undefined && style !== 0 ? ` s="${style}"` : '';
  if (text === '') return `<c r="${ref}"${s}/>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(xmlSafeText(text))}</t></is></c>`;
}

/**
 * Inserts `xml` into a part before the first of `followers` (the elements its schema orders
 * after it), or before the closing tag of the part's root.
 */
export function insertInOrder(doc: string, xml: string, followers: readonly string[], closing = '</worksheet>'): string {
  let best = -1;
  for (const name of followers) {
    const m = new RegExp(`<${name}[\\s>/]`).exec(doc);
    if (m && (best < 0 || m.index < best)) best = m.index;
  }
  if (best < 0) best = doc.lastIndexOf(closing);
  return doc.slice(0, best) + xml + doc.slice(best);
}

/** CT_Workbook children that follow calcPr. */
export const WORKBOOK_AFTER_CALCPR = [
  'oleSize', 'customWorkbookViews', 'pivotCaches', 'smartTagPr', 'smartTagTypes', 'webPublishing', 'fileRecoveryPr',
  'webPublishObjects', 'extLst',
] as const;

/** CT_Worksheet child order, used to place elements we add. */
export const WORKSHEET_ORDER = [
  'sheetPr', 'dimension', 'sheetViews', 'sheetFormatPr', 'cols', 'sheetData', 'sheetCalcPr',
  'sheetProtection', 'protectedRanges', 'scenarios', 'autoFilter', 'sortState', 'dataConsolidate',
  'customSheetViews', 'mergeCells', 'phoneticPr', 'conditionalFormatting', 'dataValidations',
  'hyperlinks', 'printOptions', 'pageMargins', 'pageSetup', 'headerFooter', 'rowBreaks', 'colBreaks',
  'customProperties', 'cellWatches', 'ignoredErrors', 'smartTags', 'drawing', 'legacyDrawing',
  'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst',
] as const;

export function followersOf(name: (typeof WORKSHEET_ORDER)[number]): string[] {
  return WORKSHEET_ORDER.slice(WORKSHEET_ORDER.indexOf(name) + 1);
}

const isNameChar = (ch: number): boolean =>
  (ch >= 0x30 && ch <= 0x39) || (ch >= 0x41 && ch <= 0x5a) || (ch >= 0x61 && ch <= 0x7a) || ch === 0x5f;

/** Start of the next `name` element (`<c` not `<col`) at or after `from`, or -1. */
export function tagAt(s: string, name: string, from: number): number {
  for (let i = s.indexOf(name, from); i >= 0; i = s.indexOf(name, i + 1)) {
    if (!isNameChar(s.charCodeAt(i + name.length))) return i;
  }
  return -1;
}
