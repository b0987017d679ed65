// Derives cell formats from the master's own: the same font, border and alignment with one
// thing changed (a fill colour, unlocked, bold). Appended to styles.xml, never rewritten.
import { escapeXml, getAttr, setAttr, unescapeXml } from './xml';

export interface StyleChange {
  /** ARGB of a solid fill, e.g. FFFCE4D6. */
  fill?: string;
  /** A whole <fill> element instead (one read by fillOf), to put a cell's own fill back. */
  fillXml?: string;
  locked?: boolean;
  bold?: boolean;
  wrap?: boolean;
  border?: boolean;
  /** A number format: a built-in id, or a code (added to the custom formats when new). */
  numFmt?: number | string;
}

const MINIMAL =
  '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs></styleSheet>';

function listOf(xml: string, outer: string, inner: string): { start: number; end: number; items: string[] } | null {
  const open = new RegExp(`<${outer}\\b[^>]*?(/?)>`).exec(xml);
  if (!open) return null;
  if (open[1] === '/') return { start: open.index, end: open.index + open[0].length, items: [] };
  const close = xml.indexOf(`</${outer}>`, open.index);
  const body = xml.slice(open.index + open[0].length, close);
  const items = [...body.matchAll(new RegExp(`<${inner}\\b[^>]*?(?:/>|>[\\s\\S]*?</${inner}>)`, 'g'))].map((m) => m[0]);
  return { start: open.index, end: close + outer.length + 3, items };
}

export class Styles {
  private xml: string;
  private readonly cache = new Map<string, number>();
  private fonts: string[];
  private fills: string[];
  private borders: string[];
  private xfs: string[];
  /** Custom number formats, id → code (ids 164 and up; built-ins are not listed in the file). */
  private numFmts: Map<number, string>;
  private numFmtsAdded = false;
  /** Differential formats (what conditional formats apply); written back only when added to. */
  private dxfs: string[];
  private dxfsAdded = false;
  private dirty = false;

  constructor(xml: string | undefined) {
    this.xml = xml ?? MINIMAL;
    this.dirty = xml === undefined;
    this.fonts = listOf(this.xml, 'fonts', 'font')?.items ?? [];
    this.fills = listOf(this.xml, 'fills', 'fill')?.items ?? [];
    this.borders = listOf(this.xml, 'borders', 'border')?.items ?? [];
    this.xfs = listOf(this.xml, 'cellXfs', 'xf')?.items ?? [];
    if (this.xfs.length === 0) this.xfs.push('<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>');
    this.dxfs = listOf(this.xml, 'dxfs', 'dxf')?.items ?? [];
    this.numFmts = new Map();
    for (const el of listOf(this.xml, 'numFmts', 'numFmt')?.items ?? []) {
      const id = Number(getAttr(el, 'numFmtId'));
      const code = getAttr(el, 'formatCode');
      if (Number.isInteger(id) && code !== undefined) this.numFmts.set(id, unescapeXml(code));
    }
  }

  /** The number format a cell format shows: its id, and its code when it is a custom one. */
  numFmtOf(style: number): { id: number; code?: string } {
    const xf = this.xfs[style] ?? this.xfs[0]!;
    const id = Number(getAttr(/^<xf\b[^>]*?\/?>/.exec(xf)![0], 'numFmtId') ?? 0) || 0;
    const code = this.numFmts.get(id);
    return code === undefined ? { id } : { id, code };
  }

  /** The id of a number format code: an existing custom one, else a new one. */
  private numFmtId(code: string): number {
    for (const [id, c] of this.numFmts) if (c === code) return id;
    const id = Math.max(163, ...this.numFmts.keys()) + 1;
    this.numFmts.set(id, code);
    this.numFmtsAdded = true;
    return id;
  }

  clone(): Styles {
    const c = Object.create(Styles.prototype) as Styles;
    Object.assign(c, {
      xml: this.xml,
      cache: new Map(this.cache),
      numFmts: new Map(this.numFmts),
      numFmtsAdded: this.numFmtsAdded,
      dxfs: [...this.dxfs],
      dxfsAdded: this.dxfsAdded,
      fonts: [...this.fonts],
      fills: [...this.fills],
      borders: [...this.borders],
      xfs: [...this.xfs],
      dirty: this.dirty,
    });
    return c;
  }

  get changed(): boolean {
    return this.dirty;
  }

  /** Index of a format equal to `base` with `change` applied (created once, then reused). */
  derive(base: number, change: StyleChange): number {
    const key = `${base}|${JSON.stringify(change)}`;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let xf = this.xfs[base] ?? this.xfs[0]!;
    let tag = /^<xf\b[^>]*?\/?>/.exec(xf)![0];
    let children = tag.endsWith('/>') ? '' : xf.slice(tag.length, xf.lastIndexOf('</xf>'));
    tag = tag.replace(/\/>$/, '>');
    if (change.fill || change.fillXml) {
      this.fills.push(change.fillXml ?? `<fill><patternFill patternType="solid"><fgColor rgb="${change.fill}"/><bgColor indexed="64"/></patternFill></fill>`);
      tag = setAttr(setAttr(tag, 'fillId', String(this.fills.length - 1)), 'applyFill', '1');
    }
    if (change.numFmt !== undefined) {
      const id = typeof change.numFmt === 'number' ? change.numFmt : this.numFmtId(change.numFmt);
      tag = setAttr(setAttr(tag, 'numFmtId', String(id)), 'applyNumberFormat', '1');
    }
    if (change.bold) {
      const fontId = Number(getAttr(tag, 'fontId') ?? 0);
      const font = this.fonts[fontId] ?? '<font><sz val="11"/></font>';
      const bold = /<b\b/.test(font) ? font.replace(/<b\b[^>]*\/>/, '<b/>') : font.replace(/^<font\b[^>]*?>/, (t) => `${t}<b/>`);
      this.fonts.push(bold.endsWith('/>') && !bold.includes('</font>') ? '<font><b/></font>' : bold);
      tag = setAttr(setAttr(tag, 'fontId', String(this.fonts.length - 1)), 'applyFont', '1');
    }
    if (change.border) {
      this.borders.push('<border><left style="thin"><color auto="1"/></left><right style="thin"><color auto="1"/></right><top style="thin"><color auto="1"/></top><bottom style="thin"><color auto="1"/></bottom><diagonal/></border>');
      tag = setAttr(setAttr(tag, 'borderId', String(this.borders.length - 1)), 'applyBorder', '1');
    }
    if (change.wrap) {
      if (/<alignment\b/.test(children)) {
        children = children.replace(/<alignment\b[^>]*?\/?>/, (a) => setAttr(setAttr(a, 'wrapText', '1'), 'vertical', 'top'));
      } else {
        children = `<alignment vertical="top" wrapText="1"/>` + children;
      }
      tag = setAttr(tag, 'applyAlignment', '1');
    }
    if (change.locked !== undefined) {
      const prot = `<protection locked="${change.locked ? 1 : 0}"/>`;
      children = /<protection\b/.test(children) ? children.replace(/<protection\b[^>]*?\/>/, prot) : children.replace(/(<extLst|$)/, `${prot}$1`);
      tag = setAttr(tag, 'applyProtection', '1');
    }
    xf = children ? `${tag}${children}</xf>` : tag.replace(/>$/, '/>');
    this.xfs.push(xf);
    const idx = this.xfs.length - 1;
    this.cache.set(key, idx);
    this.dirty = true;
    return idx;
  }

  /** A differential format of a solid fill (ARGB), for conditional formats; its index. */
  addFillDxf(argb: string): number {
    const dxf = `<dxf><fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor rgb="${argb}"/></patternFill></fill></dxf>`;
    const at = this.dxfs.indexOf(dxf);
    if (at >= 0) return at;
    this.dxfs.push(dxf);
    this.dxfsAdded = true;
    this.dirty = true;
    return this.dxfs.length - 1;
  }

  /** The <fill> element a format shows (compact, as stored). */
  fillOf(style: number): string {
    const xf = this.xfs[style] ?? this.xfs[0]!;
    return (this.fills[Number(getAttr(/^<xf\b[^>]*?\/?>/.exec(xf)![0], 'fillId') ?? 0)] ?? '').replace(/>\s+</g, '><');
  }

  toXml(): string {
    let x = this.xml;
    const put = (outer: string, inner: string, items: string[], before: string[]): void => {
      const el = `<${outer} count="${items.length}">${items.join('')}</${outer}>`;
      const l = listOf(x, outer, inner);
      if (l) {
        x = x.slice(0, l.start) + el + x.slice(l.end);
        return;
      }
      let at = -1;
      for (const b of before) {
        const i = x.indexOf(`<${b}`);
        if (i >= 0 && (at < 0 || i < at)) at = i;
      }
      if (at < 0) at = x.lastIndexOf('</styleSheet>');
      x = x.slice(0, at) + el + x.slice(at);
    };
    if (this.numFmtsAdded) {
      const items = [...this.numFmts].map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code)}"/>`);
      put('numFmts', 'numFmt', items, ['fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs']);
    }
    put('fonts', 'font', this.fonts, ['fills', 'borders', 'cellStyleXfs', 'cellXfs']);
    put('fills', 'fill', this.fills, ['borders', 'cellStyleXfs', 'cellXfs']);
    put('borders', 'border', this.borders, ['cellStyleXfs', 'cellXfs']);
    put('cellXfs', 'xf', this.xfs, ['cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst']);
    if (this.dxfsAdded) put('dxfs', 'dxf', this.dxfs, ['tableStyles', 'colors', 'extLst']);
    return x;
  }
}
