// The 概要版 outline as a Word document (the docx package): A4, Japanese fonts, real Heading
// styles for the navigation pane, page numbers. Browser-safe: returns bytes, never a Buffer.
import { AlignmentType, Document, Footer, HeadingLevel, Packer, PageNumber, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
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
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

/** The text of a ● paragraph after its glyph: bullet, ＜再掲＞, departments. */
export function itemText(it: SummaryItem): string {
  return `${it.text}${it.saikei ? '＜再掲＞' : ''}${it.departments}`;
}

/** Paragraph styles of the ● items: the secretariat restyles all of them at once. */
const ITEM_STYLE = { past: 'SummaryItem', next: 'SummaryItemNext' } as const;

function itemParagraph(it: SummaryItem): Paragraph {
  return new Paragraph({ style: ITEM_STYLE[it.period], children: [new TextRun(`●${itemText(it)}`)] });
}

export function summaryDocument(outline: SummaryOutline): Document {
  const children: Paragraph[] = [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(`${outline.title}（概要版）`)] })];
  for (const ch of outline.chapters) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(ch.heading)] }));
    for (const g of ch.groups) {
      children.push(new Paragraph({ heading: g.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [new TextRun(g.heading)] }));
      for (const it of g.items) children.push(itemParagraph(it));
    }
  }
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
        children,
      },
    ],
  });
}

/** Same outline, same bytes: fixed document times, fixed zip entry times, sorted entries. */
function stabilize(bytes: Uint8Array): Uint8Array {
  const files = unzipSync(bytes);
  const core = files['docProps/core.xml'];
  if (core) {
    const xml = strFromU8(core).replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:)/g, `$1${FIXED_TIME}$2`);
    files['docProps/core.xml'] = strToU8(xml);
  }
  const names = Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, [Uint8Array, { mtime: Date; level: 6 }]> = {};
  for (const n of names) out[n] = [files[n]!, { mtime: FIXED_MTIME, level: 6 }];
  return zipSync(out);
}

/** The .docx bytes of an outline, in Node and in the browser alike. */
export async function summaryDocx(outline: SummaryOutline): Promise<Uint8Array> {
  const ab = await Packer.toArrayBuffer(summaryDocument(outline));
  return stabilize(new Uint8Array(ab));
}
