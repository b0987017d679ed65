// Row heights for text we write. Neither Excel nor LibreOffice refits a row on opening a
// file, so a row that receives several lines must say how tall it is.

/** Display width in "0" characters: a full-width character is a little under two. */
export function textUnits(line: string): number {
  // Code units, not a string iterator: this runs over every character consolidate writes,
  // and the iterator allocated a string per character. A surrogate pair is one wide char.
  let n = 0;
  for (let i = 0; i < line.length; i++) {
    const cu = line.charCodeAt(i);
    if (cu >= 0xd800 && cu <= 0xdbff && i + 1 < line.length) {
      const lo = line.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        n += 1.9;
        i++;
        continue;
      }
    }
    n += cu > 0x2e7f || (cu >= 0x2000 && cu <= 0x27ff) ? 1.9 : 1;
  }
  return n;
}

/** Lines a wrapped cell of `width` (Excel column width units) needs for `text`. */
export function linesFor(text: string, width: number): number {
  const usable = Math.max(1, width * 0.97);
  let lines = 0;
  for (const line of text.split(/\r?\n/)) lines += Math.max(1, Math.ceil(textUnits(line) / usable));
  return lines;
}

/** Points for that many lines of 11-point text, as Excel lays them out. */
export function pointsFor(lines: number): number {
  return Math.min(409, Math.round((lines * 14.5 + 3) * 4) / 4);
}
