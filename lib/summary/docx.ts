// The 概要版 outline as a Word document: the docx package writes the styles, numbering,
// footer and section (A4, Japanese fonts, real Heading styles for the navigation pane, page
// numbers); the body's paragraphs are written here as XML, since building one docx object
// per ● was most of the time (docs/decisions.md). Browser-safe: returns bytes, never a Buffer.
import { AlignmentType, Document, Footer, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { Package } from '../ooxml/package';
import { xmlSafeText } from '../ooxml/xml';
import type { SummaryItem, SummaryOutline } from './outline';

/** Word's names; LibreOffice and other readers substitute their own Japanese fonts. */
export const FONTS = { body: '游明朝', heading: '游ゴシック' } as const;

const fontOf = (name: string): { ascii: string; eastAsia: string; hAnsi: string; cs: string } => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });

// Twips: A4 and 25 mm margins; one full-width character of 10.5 pt is 210.
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1418;
const CHAR = 210;
/** Fixed document times: the same master gives the same bytes. */
const FIXED_TIME = '2000-01-01T00:00:00Z';

/** The text of a ● paragraph after its glyph: bullet, ＜再掲＞, departments. */
export function itemText(it: SummaryItem): string {
  return `${it.text}${it.saikei ? '＜再掲＞' : ''}${it.departments}`;
}

/** Paragraph styles of the ● items: the secretariat restyles all of them at once. */
const ITEM_STYLE = { past: 'SummaryItem', next: 'SummaryItemNext' } as const;

// eslint-disable-next-line no-control-regex -- what needs escaping or removing in XML 1.0 text
const SPECIAL = /[&"'<>\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** Text as the docx package escapes it (quotes too), without the characters XML forbids. */
function escapeText(s: string): string {
  // Most bullets need nothing: one test instead of two replaces.
  if (!SPECIAL.test(s)) return s;
  return xmlSafeText(s).replace(/[&"'<>]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : ch === '"' ? '&quot;' : '&apos;'));
}

/** One paragraph of one run, in a paragraph style: what `new Paragraph({ style, children: [new TextRun(text)] })` writes. */
function paragraphXml(style: string, text: string, center = false): string {
  return `<w:p><w:pPr><w:pStyle w:val="${style}"/>${center ? '<w:jc w:val="center"/>' : ''}</w:pPr><w:r><w:t xml:space="preserve">${escapeText(text)}</w:t></w:r></w:p>`;
}

/** The body's paragraphs: title, Heading 1 per chapter, Heading 2/3 per group, ● per item. */
export function bodyXml(outline: SummaryOutline): string {
  const parts: string[] = [paragraphXml('Title', `${outline.title}（概要版）`, true)];
  for (const ch of outline.chapters) {
    parts.push(paragraphXml('Heading1', ch.heading));
    for (const g of ch.groups) {
      parts.push(paragraphXml(g.level === 2 ? 'Heading2' : 'Heading3', g.heading));
      for (const it of g.items) parts.push(paragraphXml(ITEM_STYLE[it.period], `●${itemText(it)}`));
    }
  }
  return parts.join('');
}

/** The document without its body: styles, footer, section. bodyXml fills it in summaryDocx. */
export function summaryDocument(outline: SummaryOutline): Document {
  const heading = (size: number, before: number, outlineLevel: number, indent = 0) => ({
    run: { font: fontOf(FONTS.heading), size, bold: true, color: '000000' },
    paragraph: { spacing: { before, after: 120 }, outlineLevel, keepNext: true, ...(indent ? { indent: { left: indent } } : {}) },
  });
  return new Document({
    creator: 'shinchoku',
    lastModifiedBy: 'shinchoku',
    title: outline.title,
    description: '進捗報告書から作った概要版の下書き',
    styles: {
      default: {
        document: { run: { font: fontOf(FONTS.body), size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } } },
        title: { run: { font: fontOf(FONTS.heading), size: 28, bold: true, color: '000000' }, paragraph: { spacing: { after: 240 } } },
        heading1: heading(24, 360, 0),
        heading2: heading(21, 180, 1, CHAR),
        heading3: heading(21, 120, 2, CHAR * 2),
      },
      // What will be done sits one character further in, under what was done (seed 003).
      paragraphStyles: [
        { id: ITEM_STYLE.past, name: '概要 項目', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { left: CHAR * 2, hanging: CHAR }, spacing: { after: 60 } } },
        { id: ITEM_STYLE.next, name: '概要 今後の項目', basedOn: 'Normal', quickFormat: true, paragraph: { indent: { left: CHAR * 3, hanging: CHAR }, spacing: { after: 60 } } },
      ],
    },
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: {
          default: new Footer({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: ['- ', PageNumber.CURRENT, ' -'] })] })] }),
        },
        children: [],
      },
    ],
  });
}

// The order the parts were written in before (sorted, content types first), kept so that
// unchanged parts keep their place in the zip.
const byName = (a: string, b: string): number => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0);

/** Stands for the title in the cached shell; core.xml's dc:title is the only part it reaches. */
const TITLE_SLOT = 'shinchoku-title-slot';
/** Every part but the body, in zip order: the same for every outline, so packed once. */
let shell: Promise<[string, string][]> | undefined;

function shellParts(): Promise<[string, string][]> {
  shell ??= Packer.toArrayBuffer(summaryDocument({ reportType: '', title: TITLE_SLOT, chapters: [], omitted: [], conflicts: [], unanswered: [] })).then(
    (ab) => {
      const p = Package.open(new Uint8Array(ab));
      return p.names().sort(byName).map((n): [string, string] => [n, p.read(n)]);
    },
    (err: unknown) => {
      shell = undefined;
      throw err;
    },
  );
  return shell;
}

/** The .docx bytes of an outline, in Node and in the browser alike: the same outline, the same bytes. */
export async function summaryDocx(outline: SummaryOutline): Promise<Uint8Array> {
  const out = new Package();
  for (const [name, xml] of await shellParts()) out.write(name, xml);
  const doc = out.read('word/document.xml');
  const at = doc.indexOf('<w:sectPr');
  if (!doc.includes('<w:body>') || at < 0) throw new Error('docx: word/document.xml has no body to fill');
  out.write('word/document.xml', doc.slice(0, at) + bodyXml(outline) + doc.slice(at));
  // The title, and fixed document times (Package writes fixed zip dates).
  const core = out
    .read('docProps/core.xml')
    .replace(`<dc:title>${TITLE_SLOT}</dc:title>`, () => `<dc:title>${escapeText(outline.title)}</dc:title>`)
    .replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${FIXED_TIME}$2`);
  out.write('docProps/core.xml', core);
  return out.toBytes();
}
