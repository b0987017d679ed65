// An .xlsx package as parts in memory: unzip, patch parts as text, zip again with fixed
// dates so the same input always gives the same bytes. Browser-safe (fflate only).
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import { DEFAULT_ZIP_LIMITS, unzipAll, ZipError, type ZipLimits } from '../read/zip';

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

  /** Inflates every part under the read limits (lib/read/zip): a bomb stops at its cap. */
  static open(bytes: Uint8Array, limits: ZipLimits = DEFAULT_ZIP_LIMITS): Package {
    let files: { name: string; data: Uint8Array }[];
    try {
      files = unzipAll(bytes, limits);
    } catch (err) {
      throw new PackageError('not-xlsx', err instanceof Error ? err.message : String(err), err instanceof ZipError ? err : undefined);
    }
    const p = new Package();
    for (const f of files) {
      if (p.parts.has(f.name)) throw new PackageError('not-xlsx', `${f.name} twice`);
      p.parts.set(f.name, f.data);
      p.order.push(f.name);
    }
    if (!p.parts.has('[Content_Types].xml') || !p.parts.has('xl/workbook.xml')) throw new PackageError('not-xlsx', 'xl/workbook.xml');
    return p;
  }

  clone(): Package {
    const p = new Package();
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
    const files: Zippable = {};
    for (const name of this.order) {
      const t = this.text.get(name);
      const data = t !== undefined ? strToU8(t) : this.parts.get(name)!;
      files[name] = [data, { mtime: FIXED_DATE, level: 1 }];
    }
    return zipSync(files, { mtime: FIXED_DATE });
  }
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
