// Row heights for text we write. Neither Excel nor LibreOffice refits a row on opening a
// file, so a row that receives several lines must say how tall it is.

/** Width of the (single code unit) character at i in "0" characters. */
function unitsAt(s: string, i: number): number {
  const cu = s.charCodeAt(i);
  return cu > 0x2e7f || (cu >= 0x2000 && cu <= 0x27ff) ? 1.9 : 1;
}

function isPair(s: string, i: number): boolean {
  const cu = s.charCodeAt(i);
  if (cu < 0xd800 || cu > 0xdbff || i + 1 >= s.length) return false;
  const lo = s.charCodeAt(i + 1);
  return lo >= 0xdc00 && lo <= 0xdfff;
}

/** Display width in "0" characters: a full-width character is a little under two. */
export function textUnits(line: string): number {
  // Code units, not a string iterator: this runs over every character consolidate writes,
  // and the iterator allocated a string per character. A surrogate pair is one wide char.
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    if (isPair(line, i)) {
      n += 1.9;
      i++;
    } else n += unitsAt(line, i);
  }
  return n;
}

/** Lines a wrapped cell of `width` (Excel column width units) needs for `text`. */
export function linesFor(text: string, width: number): number {
  const usable = Math.max(1, width * 0.97);
  // Fits on one line even were every character wide: one line, no look at each (short cells,
  // most of a row, are sized again for every row consolidation writes to).
  if (text.length * 1.9 <= usable && text.indexOf('\n') < 0) return 1;
  // One pass, lines split at \n (a \r before it dropped), as text.split(/\r?\n/) would.
  let lines = 0;
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const cu = text.charCodeAt(i);
    if (cu === 0x0a) {
      lines += Math.max(1, Math.ceil(n / usable));
      n = 0;
    } else if (cu === 0x0d && text.charCodeAt(i + 1) === 0x0a) {
      continue;
    } else if (isPair(text, i)) {
      n += 1.9;
      i++;
    } else n += unitsAt(text, i);
  }
  return lines + Math.max(1, Math.ceil(n / usable));
}

/** Points for that many lines of 11-point text, as Excel lays them out. */
export function pointsFor(lines: number): number {
  return Math.min(409, Math.round((lines * 14.5 + 3) * 4) / 4);
}
