// The master's cells as the grid model, read from the very parse we patch it in: row and
// column numbers of the model and of the XML cannot disagree, and the master (the
// secretariat's own file) is not parsed twice.
import { emptySheet, parseA1, setCell, type Cell, type Range, type Workbook } from '../grid';
import { clampMerges, limitsOf, ReadError, type ReadOptions } from './sheetjs';
import { getAttr, tagAt, unescapeXml } from '../ooxml/xml';
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
      if (xml.charCodeAt(gt - 1) !== 0x2f && end > gt) return xstring(unescapeXml(xml.slice(gt + 1, end)));
    }
  }
  const body = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let out = '';
  for (const m of body.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) out += m[1] ?? '';
  return xstring(unescapeXml(out));
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

function cellOf(xml: string, sst: string[]): Cell | undefined {
  const gt = xml.indexOf('>');
  if (xml.charCodeAt(gt - 1) === 0x2f) return undefined;
  const t = getAttr(xml.slice(0, gt + 1), 't') ?? 'n';
  // Each child looked for only where its tag occurs at all.
  const f = xml.includes('<f', gt) ? /<f\b[^>]*?(?:\/>|>([\s\S]*?)<\/f>)/.exec(xml) : null;
  const formula = f?.[1] !== undefined ? unescapeXml(f[1]) : undefined;
  const v = valueText(xml, gt);
  let value: Cell['value'];
  let text: string;
  if (t === 'inlineStr') {
    const is = /<is\b[^>]*>([\s\S]*?)<\/is>/.exec(xml)?.[1] ?? '';
    value = text = runsText(is);
  } else if (t === 's') {
    value = text = sst[Number(v)] ?? '';
  } else if (t === 'str') {
    value = text = v === undefined ? '' : xstring(unescapeXml(v));
  } else if (t === 'b') {
    value = v === '1' || v === 'true';
    text = value ? 'TRUE' : 'FALSE';
  } else if (t === 'e') {
    value = null;
    text = v === undefined ? '' : unescapeXml(v);
  } else {
    if (v === undefined || v.trim() === '') return formula ? { value: null, text: '', formula } : undefined;
    value = Number(v);
    text = Number.isFinite(value) ? String(value) : unescapeXml(v);
  }
  if (text === '' && !formula) return undefined;
  return formula ? { value, text, formula } : { value, text };
}

/**
 * The same limits as readWorkbook (cells, text, merged cells): a master with a shared string
 * repeated a million times or a merge reaching XFD1048576 is refused or clamped, not walked.
 */
export function gridFromEditor(ed: XlsxEditor, name: string, opts: ReadOptions = {}): Workbook {
  const limits = limitsOf(opts);
  const sst = sharedStrings(ed);
  let cells = 0;
  let chars = 0;
  return {
    name,
    sheets: ed.sheets.map((e) => {
      const sx = ed.sheet(e.name);
      const sheet = emptySheet(e.name);
      sheet.hidden = e.state !== 'visible';
      sx.forEachCell((r, c, xml) => {
        const cell = cellOf(xml, sst);
        if (!cell) return;
        cells++;
        chars += cell.text.length;
        if (cells > limits.maxCells) throw new ReadError('expanded-too-large', name, `cells > ${limits.maxCells}`);
        if (chars > limits.maxTextChars) throw new ReadError('expanded-too-large', name, `text > ${limits.maxTextChars} chars`);
        setCell(sheet, r, c, cell);
      });
      const merges: Range[] = [];
      for (const ref of sx.mergeRefs()) {
        const [a, b] = ref.split(':');
        try {
          merges.push({ s: parseA1(a!), e: parseA1(b!) });
        } catch {
          // a whole-row or whole-column merge is not a table cell
        }
      }
      sheet.merges = clampMerges(sheet, merges, limits.maxMergeCells);
      for (const r of sx.hiddenRows()) if (r < sheet.rowCount) sheet.hiddenRows.add(r);
      for (const c of sx.hiddenColumns()) if (c < sheet.colCount) sheet.hiddenCols.add(c);
      return sheet;
    }),
  };
}
