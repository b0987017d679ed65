// Where each row of a sheet goes when rows are deleted and inserted: the one mapping that
// rows, cells, merges, validations, conditional formats, print areas and links all follow.

export class RowMap {
  private readonly deleted: number[];
  private readonly deletedSet: Set<number>;
  /** Insertions after old row x (0-based), sorted by x, with cumulative counts. */
  private readonly insAfter: number[];
  private readonly insCum: number[];
  readonly inserts: ReadonlyMap<number, number>;

  constructor(deleted: Iterable<number> = [], inserts: ReadonlyMap<number, number> = new Map()) {
    this.deletedSet = new Set(deleted);
    this.deleted = [...this.deletedSet].sort((a, b) => a - b);
    this.inserts = inserts;
    this.insAfter = [...inserts.keys()].sort((a, b) => a - b);
    let cum = 0;
    this.insCum = this.insAfter.map((x) => (cum += inserts.get(x)!));
  }

  get identity(): boolean {
    return this.deleted.length === 0 && this.insAfter.length === 0;
  }

  isDeleted(r: number): boolean {
    return this.deletedSet.has(r);
  }

  /** Count of sorted values strictly below v. */
  private static below(sorted: number[], v: number): number {
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** New 0-based row of old row r, or null when r is deleted. */
  map(r: number): number | null {
    if (this.deletedSet.has(r)) return null;
    const k = RowMap.below(this.insAfter, r);
    const inserted = k === 0 ? 0 : this.insCum[k - 1]!;
    return r - RowMap.below(this.deleted, r) + inserted;
  }

  /** First new row of the rows inserted after old row x. */
  insertedStart(x: number): number {
    return this.map(x)! + 1;
  }

  /**
   * Maps an inclusive row range. Deleted ends shrink inward; a range left with no rows is
   * null. `grow`: rows inserted right after the last row join the range (validations and
   * formats should cover an added row; merges must not).
   */
  mapRange(s: number, e: number, grow: boolean): [number, number] | null {
    let a = s;
    while (a <= e && this.deletedSet.has(a)) a++;
    let b = e;
    while (b >= a && this.deletedSet.has(b)) b--;
    if (a > b) return null;
    let nb = this.map(b)!;
    if (grow) nb += this.inserts.get(b) ?? 0;
    return [this.map(a)!, nb];
  }
}

const REF = /^(\$?)([A-Z]{1,3})?(\$?)(\d+)?$/;

/** Rewrites one A1 reference or range (A1, A1:B2, 2:5, A:C) through the row map. */
export function mapRef(ref: string, rm: RowMap, grow: boolean): string | null {
  const parts = ref.split(':');
  if (parts.length > 2) return ref;
  const parsed = parts.map((p) => REF.exec(p));
  if (parsed.some((m) => !m)) return ref;
  const rows = parsed.map((m) => (m![4] === undefined ? undefined : Number(m![4]) - 1));
  if (rows.some((r) => r === undefined)) return ref; // whole columns: rows do not matter
  const s = rows[0]!;
  const e = rows[rows.length - 1]!;
  let out: [number, number] | null;
  if (parts.length === 1) {
    const n = rm.map(s);
    out = n === null ? null : [n, n];
  } else {
    out = rm.mapRange(Math.min(s, e), Math.max(s, e), grow);
  }
  if (!out) return null;
  const fmt = (m: RegExpExecArray, row: number): string => `${m[1]}${m[2] ?? ''}${m[3]}${row + 1}`;
  if (parts.length === 1) return fmt(parsed[0]!, out[0]);
  return `${fmt(parsed[0]!, out[0])}:${fmt(parsed[1]!, out[1])}`;
}

/** A space-separated list of references (sqref); null when nothing is left. */
export function mapSqref(sqref: string, rm: RowMap, grow: boolean): string | null {
  const out = sqref
    .split(/\s+/)
    .filter((t) => t.length > 0)
    .map((t) => mapRef(t, rm, grow))
    .filter((t): t is string => t !== null);
  return out.length === 0 ? null : out.join(' ');
}
