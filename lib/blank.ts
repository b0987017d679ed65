// Blank text as String.prototype.trim() sees it, told without the copy trim() makes: these run
// for every cell of every returned workbook.

/** White space as trim() takes it off (ECMAScript WhiteSpace and LineTerminator). */
export function isTrimmed(ch: number): boolean {
  if (ch <= 0x20) return ch === 0x20 || (ch >= 0x09 && ch <= 0x0d);
  if (ch < 0xa0) return false;
  return ch === 0xa0 || ch === 0x1680 || (ch >= 0x2000 && ch <= 0x200a) || ch === 0x2028 || ch === 0x2029 || ch === 0x202f || ch === 0x205f || ch === 0x3000 || ch === 0xfeff;
}

/** The length of text.trimEnd(), without the copy. */
export function trimmedLength(text: string): number {
  let end = text.length;
  while (end > 0 && isTrimmed(text.charCodeAt(end - 1))) end--;
  return end;
}

/** text.trim() === '', without the copy: most texts answer at their first character. */
export function isBlank(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (!isTrimmed(text.charCodeAt(i))) return false;
  return true;
}
