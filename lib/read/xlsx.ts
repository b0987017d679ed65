// The master's cells as the grid model, read from the very parse we patch it in: row and
// column numbers of the model and of the XML cannot disagree, and the master (the
// secretariat's own file) is not parsed twice.
import { emptySheet, parseA1, setCell, type Cell, type Range, type Workbook } from '../grid';
import { TEMPLATE_NAME, templatePeriod } from '../marks';
import { clampMerges, limitsOf, ReadError, type ReadOptions } from './sheetjs';
import { shiftRelative } from '../ooxml/formula';
import { getAttrIn, tagAt, unescapeXml } from '../ooxml/xml';
import { builtinFormat, formatNumber, isDateFormat, serialOfIso } from './numfmt';
import type { XlsxEditor } from '../ooxml/workbook';

/** Text of an <si> or <is>: its <t> runs, without phonetic guides (<rPh>). */
function runsText(xml: string): string {
  // The usual case, one <t> run and no phonetic guide, without the regexes below.
  if (!xml.includes('<rPh')) {
    const a = xml.indexOf('<t');
    const next = xml.charCodeAt(a + 2);
    if (a >= 0 && (next === 0x3e || next === 0x20) && xml.indexOf('<t', a + 2) < 0) {
      const gt = xml.indexOf('>', a);
      const end = xml.indexOf('</t>', gt);
      if (xml.charCodeAt(gt - 1) !== 0x2f && end > gt) return xstring(xmlText(xml.slice(gt + 1, end)));
    }
  }
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return xstring(xmlText(out));
}

/** Excel and SheetJS write control characters as _xHHHH_, in every kind of string cell. */
function xstring(s: string): string {
  return s.includes('_x') ? s.replace(/_x([0-9A-Fa-f]{4})_/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))) : s;
}

export function sharedStrings(ed: XlsxEditor): string[] {
  const part = ed.sharedStringsPart;
  if (!part || !ed.pkg.has(part)) return [];
  return [...ed.pkg.read(part).matchAll(/<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g)].map((m) => runsText(m[1] ?? ''));
}

/** The text of a cell's <v> (what /<v\b[^>]*>([\s\S]*?)<\/v>/ finds), by indexOf: hot. */
export function valueText(xml: string, from: number): string | undefined {
  const a = tagAt(xml, '<v', from);
  const gt = a < 0 ? -1 : xml.indexOf('>', a);
  if (gt < 0) return undefined;
  const end = xml.indexOf('</v>', gt + 1);
  return end < 0 ? undefined : xml.slice(gt + 1, end);
}

/** What reading one sheet's cells needs besides the cell: strings, formats, shared formulas. */
interface CellContext {
  sst: string[];
  ed: XlsxEditor;
  /** Format code per style index, found once. */
  formats: Map<number, string>;
  /** Shared formulas by `si`: the text on the block's first cell and where that cell is. */
  shared: Map<string, { r: number; c: number; text: string }>;
}

function formatOf(ctx: CellContext, style: number): string {
  let code = ctx.formats.get(style);
  if (code === undefined) {
    const nf = ctx.ed.styles.numFmtOf(style);
    code = nf.code ?? builtinFormat(nf.id);
    ctx.formats.set(style, code);
  }
  return code;
}

/** XML reads a literal CR LF (or a lone CR) in text as LF; `&#13;` stays a CR. */
function xmlText(raw: string): string {
  return unescapeXml(raw.includes('\r') ? raw.replace(/\r\n?/g, '\n') : raw);
}

/** A cell's formula: its own text, or a shared formula's text moved to this cell. */
function formulaOf(xml: string, gt: number, r: number, c: number, ctx: CellContext): string | undefined {
  if (!xml.includes('<f', gt)) return undefined;
  const f = /<f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/f>)/.exec(xml);
  if (!f) return undefined;
  const attrs = f[1] ?? '';
  const own = f[2] !== undefined && f[2] !== '' ? xmlText(f[2]) : undefined;
  if (!/\bt="shared"/.test(attrs)) return own;
  const si = /\bsi="(\d+)"/.exec(attrs)?.[1];
  if (si === undefined) return own;
  if (own !== undefined) {
    if (!ctx.shared.has(si)) ctx.shared.set(si, { r, c, text: own });
    return own;
  }
  const a = ctx.shared.get(si);
  return a ? shiftRelative(a.text, r - a.r, c - a.c) : undefined;
}

function cellOf(xml: string, r: number, c: number, ctx: CellContext): Cell | undefined {
  const gt = xml.indexOf('>');
  if (xml.charCodeAt(gt - 1) === 0x2f) return undefined;
  const t = getAttrIn(xml, 't', 0, gt + 1) ?? 'n';
  const formula = formulaOf(xml, gt, r, c, ctx);
  const v = valueText(xml, gt);
  let cell: Cell;
  if (t === 'inlineStr') {
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(xml)?.[1] ?? '';
    const text = runsText(is);
    cell = { value: text, text, type: 's' };
  } else if (t === 's') {
    const text = ctx.sst[Number(v)] ?? '';
    cell = { value: text, text, type: 's' };
  } else if (t === 'str') {
    const text = v === undefined ? '' : xstring(xmlText(v));
    cell = { value: text, text, type: 's' };
  } else if (t === 'b') {
    const value = v === '1' || v === 'true';
    cell = { value, text: value ? 'TRUE' : 'FALSE', type: 'b' };
  } else if (t === 'e') {
    cell = { value: null, text: v === undefined ? '' : unescapeXml(v), type: 'e' };
  } else {
    if (v === undefined || v.trim() === '') return formula ? { value: null, text: '', formula, type: 'n' } : undefined;
    const style = Number(getAttrIn(xml, 's', 0, gt + 1) ?? 0) || 0;
    const format = formatOf(ctx, style);
    // ISO dates (`t="d"`, from some writers) are serials, as Excel itself would store them.
    const value = t === 'd' ? serialOfIso(v, ctx.ed.date1904) : Number(v);
    if (!Number.isFinite(value)) {
      const text = unescapeXml(v);
      cell = { value: text, text, type: 's' };
    } else {
      const type = t === 'd' || isDateFormat(format) ? 'd' : 'n';
      cell = { value, text: formatNumber(value, format, ctx.ed.date1904), type };
      if (format !== 'General') cell.format = format;
    }
  }
  if (cell.text === '' && !formula) return undefined;
  if (formula !== undefined) cell.formula = formula;
  return cell;
}

/**
 * The same limits as readWorkbook (cells, text, merged cells): a master with a shared string
 * repeated a million times or a merge reaching XFD1048576 is refused or clamped, not walked.
 */
export function gridFromEditor(ed: XlsxEditor, name: string, opts: ReadOptions = {}): Workbook {
  const limits = limitsOf(opts);
  const ctx: CellContext = { sst: sharedStrings(ed), ed, formats: new Map(), shared: new Map() };
  let cells = 0;
  let chars = 0;
  const template = templatePeriod(ed.definedName(TEMPLATE_NAME));
  return {
    name,
    ...(template !== undefined ? { template } : {}),
    // Chart and dialog sheets hold no cells: they stay in the package, out of the grid.
    sheets: ed.sheets.filter((e) => e.kind === 'worksheet').map((e) => {
      ctx.shared.clear();
      let sheet = emptySheet(e.name);
      const counted = { cells, chars };
      const take = (r: number, c: number, xml: string): void => {
        const cell = cellOf(xml, r, c, ctx);
        if (!cell) return;
        cells++;
        chars += cell.text.length;
        if (cells > limits.maxCells) throw new ReadError('expanded-too-large', name, `cells > ${limits.maxCells}`);
        if (chars > limits.maxTextChars) throw new ReadError('expanded-too-large', name, `text > ${limits.maxTextChars} chars`);
        setCell(sheet, r, c, cell);
      };
      let facts = ed.readCells(e.name, take);
      if (!facts) {
        // Rows or cells out of order: read again as the patcher sees them (the last of two stands).
        ({ cells, chars } = counted);
        ctx.shared.clear();
        sheet = emptySheet(e.name);
        facts = ed.readCells(e.name, take, true)!;
      }
      sheet.hidden = e.state !== 'visible';
      const merges: Range[] = [];
      for (const ref of facts.mergeRefs) {
        const [a, b] = ref.split(':');
        try {
          merges.push({ s: parseA1(a!), e: parseA1(b!) });
        } catch {
          // a whole-row or whole-column merge is not a table cell
        }
      }
      sheet.merges = clampMerges(sheet, merges, limits.maxMergeCells);
      for (const r of facts.hiddenRows) if (r < sheet.rowCount) sheet.hiddenRows.add(r);
      for (const c of facts.hiddenColumns) if (c < sheet.colCount) sheet.hiddenCols.add(c);
      return sheet;
    }),
  };
}
