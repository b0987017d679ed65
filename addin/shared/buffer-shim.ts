// lib/read/sheetjs.ts looks for "<f" in sheet XML with Node's Buffer#indexOf; the browser has
// no Buffer. webpack provides this instead: only Buffer.from(arrayBuffer, offset, length) and
// a byte-sequence indexOf, which is all lib/ uses.
function indexOfBytes(hay: Uint8Array, needle: Uint8Array | number, from = 0): number {
  if (typeof needle === 'number') return Uint8Array.prototype.indexOf.call(hay, needle, from);
  if (needle.length === 0) return from;
  const first = needle[0]!;
  outer: for (let i = Uint8Array.prototype.indexOf.call(hay, first, from); i !== -1 && i + needle.length <= hay.length; i = Uint8Array.prototype.indexOf.call(hay, first, i + 1)) {
    for (let k = 1; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

export const Buffer = {
  from(buffer: ArrayBufferLike, byteOffset = 0, length?: number): { indexOf(needle: Uint8Array | number, from?: number): number } {
    const view = new Uint8Array(buffer, byteOffset, length);
    return { indexOf: (needle, from) => indexOfBytes(view, needle, from) };
  },
};

export { indexOfBytes };
