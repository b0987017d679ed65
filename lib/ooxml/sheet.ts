// Patches one worksheet part: rows and cells we touch are rewritten, everything else
// (styles, widths, merges, validations, print settings, panes, extensions) stays as written.
import { colName, parseA1 } from '../grid';
import { breaks, mapRangeFormula, shiftRelative } from './formula';
import { mapRef, mapSqref, RowMap } from './rowmap';
import { attrIn, escapeXml, followersOf, getAttr, inlineStringCell, insertInOrder, mapElementText, openTagOf, removeAttr, setAttr, tagAt, unescapeXml } from './xml';
import { PackageError } from './package';

interface RowXml {
  /** Opening tag without the row number fixed yet, e.g. `<row r="5" ht="30">`. */
  open: string;
  /** Column → whole `<c …>…</c>` element. */
  cells: Map<number, string>;
}

export interface ColumnSpec {
  width?: number;
  hidden?: boolean;
}

export class SheetXml {
  private head: string;
  private tail: string;
  private rows = new Map<number, RowXml>();
  /** Rows holding a cell formula (a superset): remapping formulas looks at these only. */
  private formulaRows = new Set<number>();

  constructor(xml: string) {
    const { head, body, tail } = splitSheet(xml);
    this.head = head;
    this.tail = tail;
    scanSheetData(body, {
      row: (r, open, selfClosing) => {
        this.rows.set(r, { open: selfClosing ? open.slice(0, -2) + '>' : open, cells: new Map() });
      },
      cell: (r, c, start, end, hasRef, formula) => {
        const el = body.slice(start, end);
        this.rows.get(r)!.cells.set(c, hasRef ? el : `<c r="${colName(c)}${r + 1}"` + el.slice(2));
        if (formula) this.formulaRows.add(r);
      },
    }, true);
  }

  /** Every cell element, row by row: the master is read from the same parse it is patched in. */
  forEachCell(fn: (r: number, c: number, xml: string) => void): void {
    this.rows.forEach((row, r) => row.cells.forEach((xml, c) => fn(r, c, xml)));
  }

  hiddenRows(): number[] {
    return [...this.rows].filter(([, row]) => isHiddenRow(row.open)).map(([r]) => r);
  }

  hiddenColumns(): number[] {
    return hiddenColumnsIn(this.head);
  }

  mergeRefs(): string[] {
    return mergeRefsIn(this.tail);
  }

  /** Deep enough a copy that patching it leaves this one as it was. */
  clone(): SheetXml {
    const c = Object.create(SheetXml.prototype) as SheetXml;
    c.head = this.head;
    c.tail = this.tail;
    c.rows = new Map([...this.rows].map(([r, row]) => [r, { open: row.open, cells: new Map(row.cells) }]));
    c.formulaRows = new Set(this.formulaRows);
    c.widthCache = new Map(this.widthCache);
    return c;
  }

  /** Highest used column index (0-based) over all cells, or -1. */
  maxColumn(): number {
    let max = -1;
    for (const row of this.rows.values()) for (const c of row.cells.keys()) if (c > max) max = c;
    return max;
  }

  hasCell(r: number, c: number): boolean {
    return this.rows.get(r)?.cells.has(c) ?? false;
  }

  /** Style index a cell shows: its own, else its row's, else its column's. */
  styleAt(r: number, c: number): number {
    const row = this.rows.get(r);
    const cell = row?.cells.get(c);
    if (cell) return Number(getAttr(openTagOf(cell), 's') ?? 0);
    if (row && getAttr(row.open, 'customFormat') === '1') return Number(getAttr(row.open, 's') ?? 0);
    for (const m of this.head.matchAll(/<col\b[^>]*?\/?>/g)) {
      const min = Number(getAttr(m[0], 'min')) - 1;
      const max = Number(getAttr(m[0], 'max')) - 1;
      if (c >= min && c <= max) return Number(getAttr(m[0], 'style') ?? 0);
    }
    return 0;
  }

  private row(r: number): RowXml {
    let row = this.rows.get(r);
    if (!row) {
      row = { open: `<row r="${r + 1}">`, cells: new Map() };
      this.rows.set(r, row);
    }
    return row;
  }

  /** Writes text as an inline string (never a formula), keeping or replacing the style. */
  setText(r: number, c: number, text: string, style?: number): void {
    const s = style ?? this.styleAt(r, c);
    this.row(r).cells.set(c, inlineStringCell(`${colName(c)}${r + 1}`, s, text));
  }

  /** Writes a number as a number and a boolean as a boolean (text goes to setText). */
  setValue(r: number, c: number, value: number | boolean, style?: number): void {
    const s = style ?? this.styleAt(r, c);
    const ref = `${colName(c)}${r + 1}`;
    const sAttr = s ? ` s="${s}"` : '';
    this.row(r).cells.set(c, typeof value === 'number' ? `<c r="${ref}"${sAttr}><v>${String(value)}</v></c>` : `<c r="${ref}"${sAttr} t="b"><v>${value ? 1 : 0}</v></c>`);
  }

  /** Writes a formula with its saved result (the master's own formula, put back). */
  setFormula(r: number, c: number, formula: string, cached: string | number | boolean | null, style?: number): void {
    const s = style ?? this.styleAt(r, c);
    const sAttr = s ? ` s="${s}"` : '';
    const t = typeof cached === 'string' ? ' t="str"' : typeof cached === 'boolean' ? ' t="b"' : '';
    const v = cached === null ? '' : `<v>${typeof cached === 'boolean' ? (cached ? 1 : 0) : escapeXml(String(cached))}</v>`;
    this.row(r).cells.set(c, `<c r="${colName(c)}${r + 1}"${sAttr}${t}><f>${escapeXml(formula)}</f>${v}</c>`);
    this.formulaRows.add(r);
  }

  /** Takes out the conditional formats all of whose rules `isOurs` claims; how many went. */
  removeConditionalFormats(isOurs: (formula: string) => boolean): number {
    let n = 0;
    this.tail = this.tail.replace(/<conditionalFormatting\b[^>]*>[\s\S]*?<\/conditionalFormatting>/g, (el) => {
      const formulas = [...el.matchAll(/<formula>([\s\S]*?)<\/formula>/g)].map((m) => unescapeXml(m[1]!));
      if (formulas.length === 0 || !formulas.every(isOurs)) return el;
      n++;
      return '';
    });
    return n;
  }

  /** Takes out the sheet's <legacyDrawing> (the VML of its notes) when it names `rid`. */
  removeLegacyDrawing(rid: string): void {
    this.tail = this.tail.replace(/<legacyDrawing\b[^>]*?\/>/g, (tag) => (getAttr(tag, 'r:id') === rid ? '' : tag));
  }

  /**
   * Adds a conditional format colouring `sqref` while `formula` holds (ours are always true):
   * a mark over cells that leaves their own formats alone, so it comes off without a trace.
   */
  addConditionalFormat(sqref: string, formula: string, dxfId: number): void {
    let priority = 0;
    for (const m of this.tail.matchAll(/\spriority="(\d+)"/g)) priority = Math.max(priority, Number(m[1]));
    const el = `<conditionalFormatting sqref="${escapeXml(sqref)}"><cfRule type="expression" dxfId="${dxfId}" priority="${priority + 1}"><formula>${escapeXml(formula.replace(/^=/, ''))}</formula></cfRule></conditionalFormatting>`;
    this.tail = insertInOrder(this.tail, el, followersOf('conditionalFormatting'));
  }

  /** Takes a cell out, value and style. */
  removeCell(r: number, c: number): void {
    if (this.hasCell(r, c)) this.row(r).cells.delete(c);
  }

  /** Empties a cell, keeping its style. */
  clearValue(r: number, c: number): void {
    if (!this.hasCell(r, c)) return;
    const s = this.styleAt(r, c);
    this.row(r).cells.set(c, s ? `<c r="${colName(c)}${r + 1}" s="${s}"/>` : `<c r="${colName(c)}${r + 1}"/>`);
  }

  setStyle(r: number, c: number, style: number): void {
    const row = this.row(r);
    const cell = row.cells.get(c);
    if (!cell) {
      row.cells.set(c, `<c r="${colName(c)}${r + 1}" s="${style}"/>`);
      return;
    }
    const tag = openTagOf(cell);
    row.cells.set(c, setAttr(tag, 's', String(style)) + cell.slice(tag.length));
  }

  /** Copies a cell's content (not its address) to another cell, keeping the target's style. */
  copyValue(from: { r: number; c: number }, to: { r: number; c: number }): void {
    const src = this.rows.get(from.r)?.cells.get(from.c);
    if (!src) return;
    const style = this.styleAt(to.r, to.c);
    const tag = openTagOf(src);
    let t = setAttr(tag, 'r', `${colName(to.c)}${to.r + 1}`);
    t = style ? setAttr(t, 's', String(style)) : removeAttr(t, 's');
    this.row(to.r).cells.set(to.c, t + src.slice(tag.length));
  }

  private widthCache = new Map<number, number>();

  /** Width of a column in Excel units (the sheet default where none is set). */
  columnWidth(c: number): number {
    const hit = this.widthCache.get(c);
    if (hit !== undefined) return hit;
    const w = this.findWidth(c);
    this.widthCache.set(c, w);
    return w;
  }

  private findWidth(c: number): number {
    for (const m of this.head.matchAll(/<col\b[^>]*?\/?>/g)) {
      const min = Number(getAttr(m[0], 'min')) - 1;
      const max = Number(getAttr(m[0], 'max')) - 1;
      if (c >= min && c <= max) {
        const w = Number(getAttr(m[0], 'width'));
        if (getAttr(m[0], 'hidden') === '1' || getAttr(m[0], 'hidden') === 'true') return 0;
        if (w > 0) return w;
      }
    }
    const fmt = /<sheetFormatPr\b[^>]*?\/?>/.exec(this.head)?.[0];
    const def = fmt ? Number(getAttr(fmt, 'defaultColWidth') ?? getAttr(fmt, 'baseColWidth') ?? 8.43) : 8.43;
    return def > 0 ? def : 8.43;
  }

  /** Makes the row at least `points` tall (never shrinks a row the master made taller). */
  ensureHeight(r: number, points: number): void {
    const row = this.row(r);
    const ht = Number(getAttr(row.open, 'ht') ?? 0);
    if (ht >= points) return;
    row.open = setAttr(setAttr(row.open, 'ht', String(points)), 'customHeight', '1');
  }

  /** Lets the row height follow its (new) text instead of a fixed height. */
  autoHeight(r: number): void {
    const row = this.rows.get(r);
    if (!row) return;
    row.open = removeAttr(removeAttr(row.open, 'customHeight'), 'ht');
  }

  hideRow(r: number): void {
    const row = this.row(r);
    row.open = setAttr(row.open, 'hidden', '1');
  }

  /**
   * Applies deletions and insertions. Inserted rows copy the row attributes and cell styles
   * of `template(x)` (normally the row they follow), without its values or fixed height.
   * `sheet` is this sheet's name, for references to it written with the name.
   */
  remap(rm: RowMap, sheet = '', template: (after: number) => number = (x) => x): void {
    if (rm.identity) return;
    // Before any row moves: a shared formula's cells are read from their offset to its anchor.
    this.unshareFormulas();
    const next = new Map<number, RowXml>();
    const formulaRows = new Set<number>();
    for (const [r, row] of this.rows) {
      const nr = rm.map(r);
      if (nr === null) continue;
      if (this.formulaRows.has(r)) formulaRows.add(nr);
      const moved = moveRow(row, nr);
      // An array formula names the range it covers; that range moves too.
      for (const [c, cell] of moved.cells) {
        if (!cell.includes('<f')) continue;
        moved.cells.set(c, cell.replace(/<f\b[^>]*?\sref="[^"]*"[^>]*?\/?>/, (tag) => {
          const m = mapRef(getAttr(tag, 'ref')!, rm, false);
          return m ? setAttr(tag, 'ref', m) : tag;
        }));
      }
      next.set(nr, moved);
    }
    for (const [x, n] of rm.inserts) {
      const tpl = this.rows.get(template(x));
      const start = rm.insertedStart(x);
      for (let k = 0; k < n; k++) {
        const nr = start + k;
        const cells = new Map<number, string>();
        if (tpl) {
          for (const [c, cell] of tpl.cells) {
            const s = getAttr(openTagOf(cell), 's');
            cells.set(c, `<c r="${colName(c)}${nr + 1}"${s && s !== '0' ? ` s="${s}"` : ''}/>`);
          }
        }
        const open = tpl ? removeAttr(removeAttr(removeAttr(setAttr(tpl.open, 'r', String(nr + 1)), 'ht'), 'customHeight'), 'hidden') : `<row r="${nr + 1}">`;
        next.set(nr, { open, cells });
      }
    }
    this.rows = next;
    this.formulaRows = formulaRows;
    this.head = this.head.replace(/<dimension\b[^>]*?\/>/, (tag) => {
      const ref = getAttr(tag, 'ref');
      const mapped = ref ? mapRef(ref, rm, true) : null;
      return mapped ? setAttr(tag, 'ref', mapped) : tag;
    });
    this.tail = remapTail(this.tail, rm, sheet);
  }

  /**
   * Excel writes a filled-down or filled-across formula once, on the first cell of the block
   * (`<f t="shared" ref si>`), and the others as `<f t="shared" si/>`, read from their offset
   * to it. Once rows move, that offset no longer holds for every cell: each gets its own text.
   */
  private unshareFormulas(only: (cellText: string) => boolean = () => true): void {
    const F = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/;
    const anchors = new Map<string, { r: number; c: number; text: string }>();
    const members: { row: RowXml; r: number; c: number; si: string; at: number; len: number }[] = [];
    for (const r of this.formulaRows) {
      const row = this.rows.get(r);
      if (!row) continue;
      for (const [c, cell] of row.cells) {
        const m = F.exec(cell);
        const tag = m ? `<f${m[1]!}>` : '';
        if (!m || getAttr(tag, 't') !== 'shared') continue;
        const si = getAttr(tag, 'si');
        if (si === undefined) continue;
        if (m[2] !== undefined && m[2] !== '' && !anchors.has(si)) anchors.set(si, { r, c, text: unescapeXml(m[2]) });
        members.push({ row, r, c, si, at: m.index, len: m[0].length });
      }
    }
    if (anchors.size === 0) return;
    const texts = members.map((x) => {
      const a = anchors.get(x.si);
      return a ? shiftRelative(a.text, x.r - a.r, x.c - a.c) : undefined;
    });
    // A block is split up when any of its cells needs it.
    const split = new Set<string>();
    members.forEach((x, i) => {
      if (texts[i] !== undefined && !split.has(x.si) && only(texts[i])) split.add(x.si);
    });
    members.forEach((x, i) => {
      if (!split.has(x.si)) return;
      const cell = x.row.cells.get(x.c)!;
      x.row.cells.set(x.c, `${cell.slice(0, x.at)}<f>${escapeXml(texts[i]!)}</f>${cell.slice(x.at + x.len)}`);
    });
  }

  /**
   * Calls `fn` with the shared-string index of every shared-string cell and writes back the
   * index it returns. An index that is not a number is left for the caller to judge (NaN).
   */
  mapSharedStrings(fn: (index: number) => number): void {
    for (const row of this.rows.values()) {
      for (const [c, cell] of row.cells) {
        if (!/^<c\b[^>]*\st="s"/.test(cell)) continue;
        const next = cell.replace(/(<v>)([^<]*)(<\/v>)/, (_m, a: string, v: string, b: string) => `${a}${fn(v.trim() === '' ? NaN : Number(v))}${b}`);
        if (next !== cell) row.cells.set(c, next);
      }
    }
  }

  /**
   * Rewrites the text of every cell formula; true when one changed. With `clearBroken`, a
   * formula the rewrite breaks (a new #REF!: all the rows it read are gone) leaves its cell
   * empty instead, style kept.
   */
  mapFormulas(fn: (formula: string) => string, opts: { clearBroken?: boolean } = {}): boolean {
    // Only blocks with a reference that moves (another sheet's rows did) are split up.
    this.unshareFormulas((text) => fn(text) !== text);
    let changed = false;
    for (const r of this.formulaRows) {
      const row = this.rows.get(r);
      if (!row) continue;
      for (const [c, cell] of row.cells) {
        if (!cell.includes('<f')) continue;
        let broken = false;
        const next = mapElementText(cell, /(<f\b[^>]*>)([\s\S]*?)(<\/f>)/, (f) => {
          const mapped = fn(f);
          broken ||= opts.clearBroken === true && breaks(f, mapped);
          return mapped;
        });
        if (next !== cell) {
          row.cells.set(c, next);
          if (broken) this.clearValue(r, c);
          changed = true;
        }
      }
    }
    return changed;
  }

  setColumn(c: number, spec: ColumnSpec): void {
    this.widthCache.clear();
    const attrs = (base: string): string => {
      let t = base;
      if (spec.width !== undefined) t = setAttr(setAttr(t, 'width', String(spec.width)), 'customWidth', '1');
      if (spec.hidden) t = setAttr(t, 'hidden', '1');
      else if (spec.hidden === false) t = removeAttr(t, 'hidden');
      return t;
    };
    const n = c + 1;
    const cols = /<cols>([\s\S]*?)<\/cols>/.exec(this.head);
    if (!cols) {
      const el = `<cols>${attrs(`<col min="${n}" max="${n}"/>`)}</cols>`;
      const doc = insertInOrder(this.head + '</worksheet>', el, ['sheetData']);
      this.head = doc.slice(0, -'</worksheet>'.length);
      return;
    }
    const out: string[] = [];
    let placed = false;
    for (const m of cols[1]!.matchAll(/<col\b[^>]*?\/>/g)) {
      const tag = m[0];
      const min = Number(getAttr(tag, 'min'));
      const max = Number(getAttr(tag, 'max'));
      if (n < min || n > max) {
        if (!placed && n < min) {
          out.push(attrs(`<col min="${n}" max="${n}"/>`));
          placed = true;
        }
        out.push(tag);
        continue;
      }
      if (min < n) out.push(setAttr(tag, 'max', String(n - 1)));
      out.push(attrs(setAttr(setAttr(tag, 'min', String(n)), 'max', String(n))));
      if (max > n) out.push(setAttr(tag, 'min', String(n + 1)));
      placed = true;
    }
    if (!placed) out.push(attrs(`<col min="${n}" max="${n}"/>`));
    this.head = this.head.replace(cols[0], `<cols>${out.join('')}</cols>`);
  }

  /** Sheet protection that still lets sections insert rows and change row heights. */
  protect(): void {
    this.tail = this.tail.replace(/<sheetProtection\b[^>]*?\/>/, '');
    const el = '<sheetProtection sheet="1" objects="1" scenarios="1" formatRows="0" insertRows="0" autoFilter="0"/>';
    const doc = insertInOrder(this.tail, el, followersOf('sheetProtection'));
    this.tail = doc;
  }

  /** Clears the selected-tab flag, so only the sheet we choose opens selected. */
  unselectTab(): void {
    this.head = this.head.replace(/(<sheetView\b[^>]*?)\stabSelected="(?:1|true)"/g, '$1');
  }

  selectTab(): void {
    this.head = this.head.replace(/<sheetView\b[^>]*?(\/?)>/, (tag) => setAttr(tag, 'tabSelected', '1'));
  }

  toXml(): string {
    const rows = sortedKeys(this.rows);
    const parts: string[] = [''];
    let top = Infinity;
    let bottom = -1;
    let left = Infinity;
    let right = -1;
    for (const r of rows) {
      const row = this.rows.get(r)!;
      const cols = sortedKeys(row.cells);
      if (cols.length === 0 && !/\s(ht|s|hidden|customFormat|customHeight|outlineLevel)="/.test(row.open)) continue;
      if (cols.length > 0) {
        top = Math.min(top, r);
        bottom = r;
        left = Math.min(left, cols[0]!);
        right = Math.max(right, cols[cols.length - 1]!);
      }
      parts.push(row.open);
      for (const c of cols) parts.push(row.cells.get(c)!);
      parts.push('</row>');
    }
    // The used range as the cells now stand: readers that trust <dimension> (SheetJS among
    // them) drop cells outside it, and split adds a key column, consolidate a notes column.
    parts[0] = bottom < 0 ? this.head : this.head.replace(/<dimension\b[^>]*?\/>/, (tag) => setAttr(tag, 'ref', top === bottom && left === right ? `${colName(left)}${top + 1}` : `${colName(left)}${top + 1}:${colName(right)}${bottom + 1}`));
    parts.push(this.tail);
    return parts.join('');
  }
}

/** Keys in ascending order; they mostly are already (the order of the XML), so sort only if not. */
function sortedKeys(m: Map<number, unknown>): number[] {
  const keys = [...m.keys()];
  for (let i = 1; i < keys.length; i++) if (keys[i]! < keys[i - 1]!) return keys.sort((a, b) => a - b);
  return keys;
}

/** A worksheet around its cells: the part up to and including <sheetData>, its body, the rest. */
export function splitSheet(xml: string): { head: string; body: string; tail: string } {
  const open = /<sheetData\s*\/>|<sheetData\b[^>]*>/.exec(xml);
  // The root element comes before <sheetData>: no scan of the cells for a prefix.
  if (/<\w+:worksheet\b/.test(open ? xml.slice(0, open.index) : xml)) throw new PackageError('unsupported-xml', 'prefixed worksheet namespace');
  if (!open) throw new PackageError('unsupported-xml', 'sheetData');
  if (open[0].endsWith('/>')) {
    return { head: xml.slice(0, open.index) + '<sheetData>', body: '', tail: '</sheetData>' + xml.slice(open.index + open[0].length) };
  }
  // From the end: what follows the cells (merges, page setup) is short, the cells are not.
  const close = xml.lastIndexOf('</sheetData>');
  return { head: xml.slice(0, open.index + open[0].length), body: xml.slice(open.index + open[0].length, close), tail: xml.slice(close) };
}

export interface SheetDataVisitor {
  /** Each row's number and opening tag, before its cells. */
  row(r: number, open: string, selfClosing: boolean): void;
  /** Each cell element's bounds in the body; `formula`: it holds an <f> (when asked for). */
  cell(r: number, c: number, start: number, end: number, hasRef: boolean, formula: boolean): void;
}

/**
 * Rows and cells found with indexOf rather than regexes: the master's 30,000+ cells are
 * visited once, without a match array per element. An element ends at its first `>`
 * (`/>`: empty) or its first closing tag, as the regexes this replaced read it. The one
 * scanner of the patcher (SheetXml) and of the reader (lib/read), so both see the same cells.
 */
export function scanSheetData(body: string, visit: SheetDataVisitor, formulas: boolean): void {
  let implicitRow = 0;
  let nextF = formulas ? body.indexOf('<f') : -1;
  let nextClose = 0;
  for (let p = 0; ; ) {
    const i = tagAt(body, '<row', p);
    if (i < 0) break;
    const gt = body.indexOf('>', i);
    if (gt < 0) break;
    const selfClosing = body.charCodeAt(gt - 1) === 0x2f;
    const end = selfClosing ? gt + 1 : body.indexOf('</row>', gt + 1);
    if (end < 0) break;
    const openTag = body.slice(i, gt + 1);
    const rAttr = getAttr(openTag, 'r');
    const r = rAttr !== undefined ? Number(rAttr) - 1 : implicitRow;
    implicitRow = r + 1;
    visit.row(r, openTag, selfClosing);
    let implicitCol = 0;
    for (let q = gt + 1; !selfClosing; ) {
      const ci = tagAt(body, '<c', q);
      if (ci < 0 || ci >= end) break;
      const cgt = body.indexOf('>', ci);
      if (cgt < 0 || cgt >= end) break;
      let cend: number;
      if (body.charCodeAt(cgt - 1) === 0x2f) cend = cgt + 1;
      else {
        // The next </c> is found once and reused until passed: unclosed cells cost no rescan.
        if (nextClose >= 0 && nextClose <= cgt) nextClose = body.indexOf('</c>', cgt + 1);
        const x = nextClose;
        if (x < 0 || x >= end) {
          q = ci + 2;
          continue;
        }
        cend = x + 4;
      }
      const c = columnAt(body, ci, cgt + 1);
      const hasRef = c >= 0;
      const col = hasRef ? c : implicitCol;
      implicitCol = col + 1;
      let formula = false;
      if (formulas) {
        while (nextF >= 0 && nextF < ci) nextF = body.indexOf('<f', nextF + 2);
        formula = nextF >= 0 && nextF < cend;
      }
      visit.cell(r, col, ci, cend, hasRef, formula);
      q = cend;
    }
    p = selfClosing ? end : end + 6;
  }
}

/** The column a cell's `r` names, read in place; -1 when it has none. */
function columnAt(body: string, start: number, end: number): number {
  const at = attrIn(body, 'r', start, end);
  if (!at) return -1;
  const c = quickColumn(body, at[0], at[1]);
  // Anything else (lower case, $, an entity, a fourth letter) as the regex reads it.
  return c >= 0 ? c : refColumn(getAttr(body.slice(start, end), 'r')!);
}

export function isHiddenRow(open: string): boolean {
  return open.includes('hidden') && /\shidden="(1|true)"/.test(open);
}

/** Hidden columns a sheet's <cols> names (at most 1,001 per <col>: a hostile max is no loop). */
export function hiddenColumnsIn(head: string): number[] {
  const out: number[] = [];
  for (const m of head.matchAll(/<col\b[^>]*?\/?>/g)) {
    if (!/\shidden="(1|true)"/.test(m[0])) continue;
    const min = Number(getAttr(m[0], 'min')) - 1;
    const max = Math.min(Number(getAttr(m[0], 'max')) - 1, min + 1000);
    for (let c = min; c <= max; c++) out.push(c);
  }
  return out;
}

export function mergeRefsIn(tail: string): string[] {
  return [...tail.matchAll(/<mergeCell\b[^>]*?\/>/g)].map((m) => getAttr(m[0], 'ref') ?? '').filter((r) => r.includes(':'));
}

/** The column of a reference `s[a, b)` of the usual shape (`AB12`), without a regex; else -1. */
function quickColumn(s: string, a: number, b: number): number {
  let c = 0;
  let i = a;
  for (; i < b && i < a + 3; i++) {
    const ch = s.charCodeAt(i);
    if (ch < 0x41 || ch > 0x5a) break;
    c = c * 26 + (ch - 0x40);
  }
  const d = s.charCodeAt(i);
  return i === a || i >= b || d < 0x30 || d > 0x39 ? -1 : c - 1;
}

/** Column of a cell reference such as `AB12`; the regex only for the unusual shapes. */
function refColumn(ref: string): number {
  const c = quickColumn(ref, 0, ref.length);
  return c >= 0 ? c : parseA1(ref).c;
}

function moveRow(row: RowXml, nr: number): RowXml {
  const open = setAttr(row.open, 'r', String(nr + 1));
  const cells = new Map<number, string>();
  for (const [c, cell] of row.cells) {
    const tag = openTagOf(cell);
    cells.set(c, setAttr(tag, 'r', `${colName(c)}${nr + 1}`) + cell.slice(tag.length));
  }
  // `spans` is only an optimisation hint; keep it, it stays valid (columns do not move).
  return { open, cells };
}

/**
 * Each `<name …>…</name>` element of a part through `fn`, found with one forward scan (a lazy
 * regex would rescan the rest of the part from every opening tag left unclosed).
 */
function mapElements(doc: string, name: string, fn: (el: string) => string): string {
  const open = new RegExp(`<${name}\\b[^>]*>`, 'g');
  const close = `</${name}>`;
  let out = '';
  let last = 0;
  for (let m = open.exec(doc); m; m = open.exec(doc)) {
    if (m[0].endsWith('/>')) continue;
    const end = doc.indexOf(close, open.lastIndex);
    if (end < 0) break;
    const stop = end + close.length;
    out += doc.slice(last, m.index) + fn(doc.slice(m.index, stop));
    last = stop;
    open.lastIndex = stop;
  }
  return out + doc.slice(last);
}

/** Rewrites row references in the elements after sheetData. */
function remapTail(tail: string, rm: RowMap, sheet: string): string {
  let t = tail;
  // Formulas of validations (a list taken from cells) and conditional formats move with the
  // rows, read for the top-left cell of their range (its old sqref, before it is remapped).
  const formulas = (el: string, sqref: string | undefined, re: RegExp): string => mapElementText(el, re, (text) => mapRangeFormula(text, sqref ?? '', sheet, rm));
  const FORMULA = /(<(?:formula|formula1|formula2)>)([\s\S]*?)(<\/(?:formula|formula1|formula2)>)/g;
  t = mapElements(t, 'conditionalFormatting', (el) => formulas(el, getAttr(openTagOf(el), 'sqref'), FORMULA));
  t = mapElements(t, 'dataValidation', (el) => formulas(el, getAttr(openTagOf(el), 'sqref'), FORMULA));
  // Excel 2010+ keeps validations listing another sheet's cells, and data bars or icon sets,
  // in the extension list: the range is an <xm:sqref> element there, the formulas <xm:f>.
  const extension = (el: string): string => {
    const sqref = /<xm:sqref>([^<]*)<\/xm:sqref>/.exec(el)?.[1];
    if (sqref === undefined) return el;
    const out = formulas(el, sqref, /(<xm:f>)([\s\S]*?)(<\/xm:f>)/g);
    const m = mapSqref(sqref, rm, true);
    return m === null ? out : out.replace(/<xm:sqref>[^<]*<\/xm:sqref>/, `<xm:sqref>${m}</xm:sqref>`);
  };
  t = mapElements(t, 'x14:dataValidation', extension);
  t = mapElements(t, 'x14:conditionalFormatting', extension);
  // Merges never grow; a merge reduced to one cell is dropped.
  t = t.replace(/<mergeCell\b[^>]*?\/>/g, (tag) => {
    const ref = getAttr(tag, 'ref');
    const m = ref ? mapRef(ref, rm, false) : null;
    if (!m || !m.includes(':')) return '';
    const [a, b] = m.split(':');
    return a === b ? '' : setAttr(tag, 'ref', m);
  });
  t = t.replace(/<mergeCells\b[^>]*>([\s\S]*?)<\/mergeCells>/, (all, inner: string) => {
    const n = (inner.match(/<mergeCell\b/g) ?? []).length;
    return n === 0 ? '' : setAttr(/^<mergeCells\b[^>]*>/.exec(all)![0], 'count', String(n)) + inner + '</mergeCells>';
  });
  // Validations, conditional formats, links and filters follow their rows (and grow).
  const sq = (tag: string, attr: string, drop: boolean): string => {
    const v = getAttr(tag, attr);
    if (v === undefined) return tag;
    const m = mapSqref(v, rm, true);
    if (m === null) return drop ? '' : tag;
    return setAttr(tag, attr, m);
  };
  t = t.replace(/<dataValidation\b[^>]*>/g, (tag) => sq(tag, 'sqref', false));
  t = t.replace(/<conditionalFormatting\b[^>]*>/g, (tag) => sq(tag, 'sqref', false));
  t = t.replace(/<hyperlink\b[^>]*?\/>/g, (tag) => sq(tag, 'ref', true));
  t = t.replace(/<autoFilter\b[^>]*?\/?>/g, (tag) => sq(tag, 'ref', false));
  // Only row breaks carry row numbers; column breaks stay.
  t = t.replace(/<rowBreaks\b[\s\S]*?<\/rowBreaks>/, (el) =>
    el.replace(/<brk\b[^>]*?\/>/g, (tag) => {
      const id = getAttr(tag, 'id');
      if (id === undefined) return tag;
      const n = rm.map(Number(id) - 1);
      return n === null ? '' : setAttr(tag, 'id', String(n + 1));
    }),
  );
  return t;
}
