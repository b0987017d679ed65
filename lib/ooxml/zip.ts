// Opens a zip container (.xlsx, .xlsm, .xlsb, .ods) ourselves, before SheetJS sees it:
// the central directory is checked against the limits first, then each needed part is
// inflated with a hard cap on its output, so a decompression bomb costs at most a fraction of
// a second of decoding, never its gigabytes of memory.
import { Inflate, inflateSync } from 'fflate';
import { nodeZlib } from '../node-zlib';

export interface ZipLimits {
  /** Sum of the declared uncompressed sizes of all parts (pictures included), bytes. */
  maxExpandedBytes: number;
  /** Uncompressed / compressed, per part, checked once a part is larger than ratioGraceBytes. */
  maxRatio: number;
  ratioGraceBytes: number;
  maxEntries: number;
}

export const DEFAULT_ZIP_LIMITS: ZipLimits = {
  maxExpandedBytes: 256 * 1024 * 1024,
  maxRatio: 200,
  ratioGraceBytes: 1024 * 1024,
  maxEntries: 10_000,
};

export type ZipProblem =
  | { kind: 'corrupt'; detail: string }
  | { kind: 'encrypted'; detail: string }
  | { kind: 'unsupported'; detail: string }
  | { kind: 'expanded'; detail: string; bytes: number };

/** Thrown by openZip; sheetjs.ts turns it into a ReadError. */
export class ZipError extends Error {
  constructor(readonly problem: ZipProblem) {
    super(`${problem.kind}: ${problem.detail}`);
    this.name = 'ZipError';
  }
}

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  size: number;
  dataStart: number;
}

const u16 = (b: Uint8Array, o: number): number => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number): number => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
const u64 = (b: Uint8Array, o: number): number => u32(b, o) + u32(b, o + 4) * 0x100000000;

const corrupt = (detail: string): ZipError => new ZipError({ kind: 'corrupt', detail });

function findEocd(b: Uint8Array): number {
  // The record is 22 bytes plus a comment of at most 65,535.
  const stop = Math.max(0, b.length - 22 - 0xffff);
  for (let i = b.length - 22; i >= stop; i--) {
    if (b[i] === 0x50 && b[i + 1] === 0x4b && b[i + 2] === 0x05 && b[i + 3] === 0x06) return i;
  }
  return -1;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Lists the entries from the central directory; throws ZipError on anything inconsistent. */
export function listEntries(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): ZipEntry[] {
  const eocd = findEocd(b);
  if (eocd < 0) throw corrupt('no end of central directory (truncated?)');
  let count = u16(b, eocd + 10);
  let cdSize = u32(b, eocd + 12);
  let cdOffset = u32(b, eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff || cdSize === 0xffffffff) {
    // Zip64: the locator sits right before the classic record.
    const loc = eocd - 20;
    if (loc < 0 || u32(b, loc) !== 0x07064b50) throw corrupt('zip64 locator missing');
    const rec = u64(b, loc + 8);
    if (rec + 56 > b.length || u32(b, rec) !== 0x06064b50) throw corrupt('zip64 record missing');
    count = u64(b, rec + 32);
    cdSize = u64(b, rec + 40);
    cdOffset = u64(b, rec + 48);
  }
  if (count > limits.maxEntries) throw new ZipError({ kind: 'expanded', detail: `${count} entries`, bytes: 0 });
  if (cdOffset + cdSize > b.length) throw corrupt('central directory outside the file (truncated?)');
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw corrupt(`bad central directory entry ${i}`);
    const flags = u16(b, p + 8);
    const method = u16(b, p + 10);
    let compressedSize = u32(b, p + 20);
    let size = u32(b, p + 24);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    let local = u32(b, p + 42);
    if (p + 46 + nameLen + extraLen > b.length) throw corrupt('central directory entry outside the file');
    const name = decoder.decode(b.subarray(p + 46, p + 46 + nameLen));
    // Zip64 extra field: the 64-bit values appear only for the fields set to 0xFFFFFFFF.
    for (let e = p + 46 + nameLen; e + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = u16(b, e);
      const len = u16(b, e + 2);
      if (id === 0x0001) {
        let q = e + 4;
        if (size === 0xffffffff && q + 8 <= e + 4 + len) { size = u64(b, q); q += 8; }
        if (compressedSize === 0xffffffff && q + 8 <= e + 4 + len) { compressedSize = u64(b, q); q += 8; }
        if (local === 0xffffffff && q + 8 <= e + 4 + len) local = u64(b, q);
      }
      e += 4 + len;
    }
    if (local + 30 > b.length || u32(b, local) !== 0x04034b50) throw corrupt(`local header of ${name} missing (truncated?)`);
    const dataStart = local + 30 + u16(b, local + 26) + u16(b, local + 28);
    if (dataStart + compressedSize > b.length) throw corrupt(`data of ${name} outside the file (truncated?)`);
    out.push({ name, method, flags, compressedSize, size, dataStart });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/**
 * Parts the grid never needs: pictures, embedded objects, printer settings, macros, and
 * (with cellStyles and bookDeps off) the theme, document properties and calculation chain.
 * Fewer parts also matter because SheetJS finds each part by a scan of all of them.
 */
export function isIgnoredPart(name: string): boolean {
  return /(^|\/)(media|embeddings|printerSettings|Pictures|Thumbnails|theme)\//i.test(name) ||
    /^(docProps|customXml)\//i.test(name) ||
    /^xl\/calcChain\.xml$/i.test(name) ||
    /vbaProject\.bin$/i.test(name) ||
    /\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|wdp|mp4|avi|wav|mp3|ole|pdf)$/i.test(name);
}

const STOP = Symbol('stop');

/** The largest output buffer zlib is given at once, whatever size a part claims. */
const MAX_CHUNK = 4 * 1024 * 1024;

const beyondDeclared = (e: ZipEntry): ZipError =>
  new ZipError({ kind: 'expanded', detail: `${e.name} expands beyond its declared ${e.size} bytes`, bytes: e.size });

function inflateCapped(b: Uint8Array, e: ZipEntry, budget: OneCallBudget): Uint8Array {
  const src = b.subarray(e.dataStart, e.dataStart + e.compressedSize);
  if (e.method === 0) {
    if (e.compressedSize !== e.size) throw corrupt(`stored size mismatch in ${e.name}`);
    return src;
  }
  const inflateRaw = nodeZlib()?.inflateRawSync;
  // One output buffer of the claimed size (capped: a claim is not yet believed) instead of
  // 16 KB chunks joined after: a third of the time for a workbook's many small parts.
  if (inflateRaw) return inflateWhole(e, () => inflateRaw(src, { maxOutputLength: e.size + 1, chunkSize: Math.min(MAX_CHUNK, Math.max(64, e.size + 1)) }));
  // In one call only where the part does not claim to be smaller than its packed bytes (a lie
  // or a stored part) and the file's budget covers the worst a lying part could decode.
  const worst = e.compressedSize * 1032;
  if (e.compressedSize <= e.size && worst <= budget.left) {
    budget.left -= worst;
    return inflateWhole(e, () => inflateSync(src, { out: new Uint8Array(e.size + 1) }));
  }
  const outBuf = new Uint8Array(e.size);
  let n = 0;
  let over = false;
  const inf = new Inflate((chunk) => {
    if (n + chunk.length > e.size) {
      over = true;
      throw STOP;
    }
    outBuf.set(chunk, n);
    n += chunk.length;
  });
  try {
    // Deflate expands at most ~1032-fold, and output is checked once per slice: slices sized
    // from the declared size keep a part that lies about it from inflating far past it (at
    // most ~17 MB for a 16 KB slice; 1 KB slices made the page's master 4× slower to open).
    const step = Math.min(64 * 1024, Math.max(16 * 1024, Math.ceil(e.size / 1032)));
    for (let i = 0; i < src.length; i += step) inf.push(src.subarray(i, Math.min(src.length, i + step)), i + step >= src.length);
    if (src.length === 0) inf.push(new Uint8Array(0), true);
  } catch (err) {
    if (err === STOP || over) {
      throw beyondDeclared(e);
    }
    throw corrupt(`${e.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (n !== e.size) throw corrupt(`${e.name}: ${n} bytes inflated, ${e.size} declared`);
  return outBuf;
}

/**
 * Without zlib (the browser), parts are inflated in one fflate call, 4× faster than in slices,
 * while the decoding a file's parts could cost if they lied about their sizes (deflate expands
 * at most ~1032-fold) stays under this: about 0.35 s, written nowhere, before the lie is seen.
 * A section workbook uses ~20 MB of it; beyond it, parts go in slices that stop at the cap.
 */
const ONE_CALL_BUDGET = 128 * 1024 * 1024;

interface OneCallBudget {
  left: number;
}

/**
 * A part inflated in one call that may give one byte over the claim, to tell "more than
 * declared" from "exactly declared": Node's zlib (maxOutputLength), which stops there, or
 * fflate into a buffer of that size, which a longer stream fills.
 */
function inflateWhole(e: ZipEntry, inflate: () => Uint8Array): Uint8Array {
  let out: Uint8Array;
  try {
    out = inflate();
  } catch (err) {
    // zlib past maxOutputLength, or fflate copying a stored block past the buffer's end.
    const code = (err as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE' || err instanceof RangeError) throw beyondDeclared(e);
    throw corrupt(`${e.name}: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (out.length > e.size) throw beyondDeclared(e);
  if (out.length !== e.size) throw corrupt(`${e.name}: ${out.length} bytes inflated, ${e.size} declared`);
  return new Uint8Array(out.buffer, out.byteOffset, out.length);
}

export interface OpenedZip {
  entries: ZipEntry[];
  /** Inflated parts, in central-directory order. */
  files: { name: string; data: Uint8Array }[];
  expandedBytes: number;
}

/** Checks the limits on the declared sizes, then inflates the parts a reader needs. */
export function openZip(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): OpenedZip {
  const { entries, wanted, total } = checkZip(b, limits);
  const budget = { left: ONE_CALL_BUDGET };
  const files = wanted.map((e) => ({ name: e.name, data: inflateCapped(b, e, budget) }));
  return { entries, files, expandedBytes: total };
}

/**
 * Every part, pictures included, each inflated with its cap: for whoever rewrites the whole
 * package (the writer of split/consolidate). Same limits as openZip, so nothing inflates past them.
 */
export function unzipAll(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, skip?: (name: string) => boolean): { name: string; data: Uint8Array }[] {
  const { entries } = checkZip(b, limits);
  const budget = { left: ONE_CALL_BUDGET };
  const out: { name: string; data: Uint8Array }[] = [];
  for (const e of entries) {
    if (e.name.endsWith('/') || skip?.(e.name)) continue;
    if (e.flags & 0x1) throw new ZipError({ kind: 'encrypted', detail: e.name });
    if (e.method !== 0 && e.method !== 8) throw new ZipError({ kind: 'unsupported', detail: `${e.name}: compression method ${e.method}` });
    out.push({ name: e.name, data: inflateCapped(b, e, budget) });
  }
  return out;
}

/**
 * The directory checks alone, nothing inflated: entry count, encryption, methods, declared
 * total and ratios. A part that lies about its size is caught when it is inflated.
 */
export function checkZip(b: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): { entries: ZipEntry[]; wanted: ZipEntry[]; total: number } {
  const entries = listEntries(b, limits);
  const wanted = entries.filter((e) => !e.name.endsWith('/') && !isIgnoredPart(e.name));
  let total = 0;
  // Pictures are never inflated here, but the limits cover them too: whoever opens the
  // package after us (the writer of split/consolidate) would inflate a bomb hidden there.
  const needed = new Set(wanted);
  for (const e of entries) {
    if (needed.has(e)) {
      // Bit 0: traditional zip encryption (not how Office protects a file, but refuse it clearly).
      if (e.flags & 0x1) throw new ZipError({ kind: 'encrypted', detail: e.name });
      if (e.method !== 0 && e.method !== 8) throw new ZipError({ kind: 'unsupported', detail: `${e.name}: compression method ${e.method}` });
    }
    total += e.size;
    if (total > limits.maxExpandedBytes) throw new ZipError({ kind: 'expanded', detail: `total over ${limits.maxExpandedBytes}`, bytes: total });
    if (e.size > limits.ratioGraceBytes && e.size > e.compressedSize * limits.maxRatio) {
      throw new ZipError({ kind: 'expanded', detail: `${e.name}: ratio ${Math.round(e.size / Math.max(1, e.compressedSize))}`, bytes: e.size });
    }
  }
  return { entries, wanted, total };
}
