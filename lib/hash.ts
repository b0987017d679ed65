// FNV-1a, 32 bits, over UTF-16 code units: the one string hash of the library (row keys,
// answer fingerprints, 再掲 bullet keys). Short, stable across versions, not cryptographic.

export const FNV_OFFSET = 0x811c9dc5;

/** One code unit into the hash (int32 throughout: take `>>> 0` once, at the end). */
export const fnvStep = (h: number, unit: number): number => Math.imul(h ^ unit, 0x01000193);

/** `s` hashed on from `h` (FNV_OFFSET to start), unsigned. */
export function fnv1a(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = fnvStep(h, s.charCodeAt(i));
  return h >>> 0;
}
