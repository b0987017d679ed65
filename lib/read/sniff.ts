// Names what a non-workbook file probably is, so the message can say "a CSV" or "a web page
// saved as .xls" instead of only "not a workbook". Looks at the first 8 KiB only.

export type TextKind = 'csv' | 'tsv' | 'text' | 'html' | 'xml' | 'pdf' | 'binary';

export function sniffText(bytes: Uint8Array): TextKind {
  const head = bytes.subarray(0, 8192);
  if (head.length >= 5 && head[0] === 0x25 && head[1] === 0x50 && head[2] === 0x44 && head[3] === 0x46) return 'pdf';
  let start = 0;
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) start = 3;
  const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
  let text: string;
  if (utf16) {
    text = new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(head.subarray(2));
  } else {
    // Control bytes other than tab, CR, LF (and the ESC of rare escapes) mean binary;
    // Shift_JIS and UTF-8 text both pass.
    let control = 0;
    for (let i = start; i < head.length; i++) {
      const b = head[i]!;
      if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
    }
    if (control > 0 && control * 100 > head.length - start) return 'binary';
    if (control > 8) return 'binary';
    text = new TextDecoder('latin1').decode(head.subarray(start));
  }
  const lead = text.trimStart().slice(0, 512).toLowerCase();
  if (lead.startsWith('<!doctype html') || lead.startsWith('<html') || /<(table|meta|head|body)\b/.test(lead)) return 'html';
  if (lead.startsWith('<?xml') || lead.startsWith('<')) return /<html\b/.test(text.toLowerCase()) ? 'html' : 'xml';
  const lines = text.split(/\r?\n/).slice(0, 20).filter((l) => l.length > 0);
  const tabs = lines.filter((l) => l.includes('\t')).length;
  const commas = lines.filter((l) => l.includes(',')).length;
  if (lines.length > 0 && tabs * 2 >= lines.length) return 'tsv';
  if (lines.length > 0 && commas * 2 >= lines.length) return 'csv';
  return 'text';
}
