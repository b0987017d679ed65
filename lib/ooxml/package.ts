// An .xlsx package as parts in memory: unzip, patch parts as text, zip again with fixed
// dates so the same input always gives the same bytes. Browser-safe (fflate only).
import { nodeZlib } from '../node-zlib';
import { strFromU8, zipSync, type Zippable } from 'fflate';
import { DEFAULT_ZIP_LIMITS, isIgnoredPart, unzipAll, ZipError, type ZipLimits } from './zip';

/** The master could not be patched (not an .xlsx we understand); `code` selects the message. */
export class PackageError extends Error {
  constructor(
    readonly code: 'not-xlsx' | 'missing-part' | 'unsupported-xml',
    readonly detail = '',
    /** The limit or damage found while inflating, when that was the reason. */
    readonly zip?: ZipError,
  ) {
    super(`${code}${detail ? `: ${detail}` : ''}`);
    this.name = 'PackageError';
  }
}

// Local-time components, so the DOS timestamp in the zip is the same in every time zone.
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

export class Package {
  private readonly parts = new Map<string, Uint8Array>();
  private readonly text = new Map<string, string>();
  private readonly order: string[] = [];

  /** Only for reading cells: parts no reader needs were left packed, so it cannot be written. */
  private readOnly = false;

  /**
   * Inflates every part under the read limits (lib/ooxml/zip): a bomb stops at its cap.
   * `readOnly`: pictures, theme and document properties stay packed (a reader never needs them).
   */
  static open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS, opts: { readOnly?: boolean } = {}): Package {
    let files: { name: string; data: Uint8Array }[];
    try {
      files = unzipAll(bytes, limits, opts.readOnly === true ? isIgnoredPart : undefined);
    } catch (err) {
      throw new PackageError('not-xlsx', err instanceof Error ? err.message : String(err), err instanceof ZipError ? err : undefined);
    }
    const p = new Package();
    p.readOnly = opts.readOnly === true;
    for (const f of files) {
      if (p.parts.has(f.name)) throw new PackageError('not-xlsx', `${f.name} twice`);
      p.parts.set(f.name, f.data);
      p.order.push(f.name);
    }
    // The workbook part itself is looked for by the editor (xl/workbook.xml, else _rels/.rels).
    if (!p.parts.has('[Content_Types].xml') || !(p.parts.has('xl/workbook.xml') || p.parts.has('_rels/.rels'))) throw new PackageError('not-xlsx', 'xl/workbook.xml');
    return p;
  }

  clone(): Package {
    const p = new Package();
    p.readOnly = this.readOnly;
    for (const [k, v] of this.parts) p.parts.set(k, v);
    for (const [k, v] of this.text) p.text.set(k, v);
    p.order.push(...this.order);
    return p;
  }

  has(name: string): boolean {
    return this.text.has(name) || this.parts.has(name);
  }

  names(): string[] {
    return [...this.order];
  }

  read(name: string): string {
    const t = this.text.get(name);
    if (t !== undefined) return t;
    const b = this.parts.get(name);
    if (!b) throw new PackageError('missing-part', name);
    const s = strFromU8(b);
    this.text.set(name, s);
    return s;
  }

  write(name: string, xml: string): void {
    if (!this.parts.has(name) && !this.text.has(name)) this.order.push(name);
    this.text.set(name, xml);
    this.parts.delete(name);
  }

  remove(name: string): void {
    this.parts.delete(name);
    this.text.delete(name);
    const i = this.order.indexOf(name);
    if (i >= 0) this.order.splice(i, 1);
  }

  toBytes(): Uint8Array {
    if (this.readOnly) throw new Error('a package opened for reading only is never written');
    // The platform's encoder: several times faster than a loop in JavaScript on MBs of XML.
    const enc = new TextEncoder();
    const strToU8 = (t: string): Uint8Array => enc.encode(t);
    const deflate = nativeDeflate();
    if (deflate) {
      const entries: { name: string; data: Uint8Array }[] = [];
      for (const name of this.order) {
        const t = this.text.get(name);
        entries.push({ name, data: t !== undefined ? strToU8(t) : this.parts.get(name)! });
      }
      return zipWith(entries, deflate);
    }
    const files: Zippable = {};
    for (const name of this.order) {
      const t = this.text.get(name);
      const data = t !== undefined ? strToU8(t) : this.parts.get(name)!;
      files[name] = [data, { mtime: FIXED_DATE, level: 1 }];
    }
    return zipSync(files, { mtime: FIXED_DATE });
  }
}

type Deflate = (data: Uint8Array) => Uint8Array;

/** Node's own deflate when it is there: writing is most of split's time. */
function nativeDeflate(): Deflate | undefined {
  const fn = nodeZlib()?.deflateRawSync;
  return fn ? (d) => fn(d, { level: 1 }) : undefined;
}

let crcTable: Uint32Array | undefined;

/** Node's zlib.crc32 (Node 20.15+) when there, else a table in JavaScript (the browser). */
function crc32(d: Uint8Array): number {
  const native = nodeZlib()?.crc32;
  if (native) return native(d) >>> 0;
  return crc32js(d);
}

export function crc32js(d: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  const t = crcTable;
  let c = 0xffffffff;
  for (let i = 0; i < d.length; i++) c = t[(c ^ d[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

// DOS date of FIXED_DATE (1980-01-01 00:00): the same bytes in every time zone.
const DOS_TIME = 0;
const DOS_DATE = (1 << 5) | 1;

/** A plain zip (deflate, UTF-8 names, fixed dates) from already-ordered parts. */
function zipWith(entries: { name: string; data: Uint8Array }[], deflate: Deflate): Uint8Array {
  const enc = new TextEncoder();
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = enc.encode(e.name);
    const packed = deflate(e.data);
    const stored = packed.length >= e.data.length;
    const body = stored ? e.data : packed;
    const crc = crc32(e.data);
    const utf8 = [...e.name].some((ch) => ch.charCodeAt(0) > 0x7e);
    const head = (size: number, sig: number): DataView => {
      const v = new DataView(new ArrayBuffer(size));
      v.setUint32(0, sig, true);
      return v;
    };
    const local = head(30, 0x04034b50);
    local.setUint16(4, 20, true);
    local.setUint16(6, utf8 ? 0x800 : 0, true);
    local.setUint16(8, stored ? 0 : 8, true);
    local.setUint16(10, DOS_TIME, true);
    local.setUint16(12, DOS_DATE, true);
    local.setUint32(14, crc, true);
    local.setUint32(18, body.length, true);
    local.setUint32(22, e.data.length, true);
    local.setUint16(26, name.length, true);
    const cd = head(46, 0x02014b50);
    cd.setUint16(4, 20, true);
    cd.setUint16(6, 20, true);
    for (let i = 6; i < 30; i++) cd.setUint8(i + 2, local.getUint8(i));
    cd.setUint32(42, offset, true);
    chunks.push(new Uint8Array(local.buffer), name, body);
    central.push(new Uint8Array(cd.buffer), name);
    offset += 30 + name.length + body.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new DataView(new ArrayBuffer(22));
  end.setUint32(0, 0x06054b50, true);
  end.setUint16(8, entries.length, true);
  end.setUint16(10, entries.length, true);
  end.setUint32(12, cdSize, true);
  end.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let p = 0;
  for (const c of [...chunks, ...central, new Uint8Array(end.buffer)]) {
    out.set(c, p);
    p += c.length;
  }
  return out;
}

/** Resolves a relationship target against the folder of the part that owns the rels. */
export function resolveTarget(ownerPart: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = ownerPart.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') base.pop();
    else if (seg !== '.') base.push(seg);
  }
  return base.join('/');
}

export function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}
