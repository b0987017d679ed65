// Sheet protection and unlocked cells of an .xlsx, read from its XML so the in-memory host
// can hold a real split section workbook as Excel would (the cell grid has no styles).
import { strFromU8, unzipSync } from 'fflate';

export interface SheetProtection {
  protected: boolean;
  /** "r,c" (0-based) of cells whose style says locked="0". */
  unlocked: string[];
}

function colIndex(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

/** Sheet name → protection, for every sheet of the workbook. */
export function protectionOf(bytes: Uint8Array): Map<string, SheetProtection> {
  const zip = unzipSync(bytes);
  const text = (p: string): string => (zip[p] ? strFromU8(zip[p]!) : '');
  const rels = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]+)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]+)"/.exec(m[0])?.[1];
    if (id && target) rels.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  // cellXfs: index → unlocked.
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(text('xl/styles.xml'))?.[1] ?? '';
  const open: boolean[] = [...xfs.matchAll(/<xf\b[^>]*?(?:\/>|>[\s\S]*?<\/xf>)/g)].map((m) => /<protection\b[^>]*locked="(0|false)"/.test(m[0]));
  const out = new Map<string, SheetProtection>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*>/g)) {
    const name = /\bname="([^"]+)"/.exec(m[0])?.[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'");
    const rid = /\br:id="([^"]+)"/.exec(m[0])?.[1];
    if (!name || !rid) continue;
    const xml = text(rels.get(rid) ?? '');
    const unlocked: string[] = [];
    for (const c of xml.matchAll(/<c\b[^>]*>/g)) {
      const ref = /\br="([A-Z]+)(\d+)"/.exec(c[0]);
      const s = Number(/\bs="(\d+)"/.exec(c[0])?.[1] ?? 0);
      if (ref && open[s]) unlocked.push(`${Number(ref[2]) - 1},${colIndex(ref[1]!)}`);
    }
    out.set(name, { protected: /<sheetProtection\b[^>]*\bsheet="(1|true)"/.test(xml), unlocked });
  }
  return out;
}
