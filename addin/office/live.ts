/// <reference types="office-js" />
// Live validation of the open workbook: read once, validate with lib/, mark the cells; then
// on every edit re-read only the changed rows, validate again in memory and re-mark.
// The add-in's own writes raise change events too ("echoes"), late and, below ExcelApi 1.14,
// without triggerSource. They must cause no writes: echoes are recognised where possible
// (triggerSource, cells a fix wrote), and a re-read that finds the cached cells unchanged,
// or findings unchanged, stops there.
import type { Config } from '../../lib/config/schema';
import { parseA1, setCell, type Sheet, type Workbook } from '../../lib/grid';
import { parseWorkbook, type ParsedWorkbook } from '../../lib/report';
import type { Finding, Fix } from '../../lib/rules/types';
import { validateParsed } from '../../lib/validate';
import { patchRows, readOpenWorkbook, readRows, toCell, type OpenWorkbook } from './read';
import { errorCode, isPayloadTooLarge, runExcel, supports, type RunOptions } from './run';
import { lockedCells, selectCell, setMarks, writeCells } from './write';

export interface LiveState {
  findings: Finding[];
  parsed: ParsedWorkbook | null;
  busy: boolean;
  error?: unknown;
}

export interface LiveOptions extends RunOptions {
  debounceMs?: number;
  /** Cells per sync when a read has to be split (see read.ts). */
  blockCells?: number;
  /** Marks in the workbook; by default only where Excel keeps its undo over add-in writes. */
  marks?: boolean;
  /** How long a cell we wrote stays "ours" for change events without triggerSource, ms. */
  ownWriteMs?: number;
  now?: () => number;
}

interface ChangeEvent {
  worksheetId: string;
  address: string;
  changeType?: string;
  triggerSource?: string;
}

/** Rows beyond which a changed range is re-read with the whole workbook. */
const ROWS_PER_PATCH = 100000;

function box(address: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const ref = address.replace(/^.*!/, '').replace(/\$/g, '');
  const [a, b] = ref.split(':');
  // Whole rows or columns ("3:5", "B:B") are re-read in full.
  if (!a || !/^[A-Z]+\d+$/.test(a) || (b !== undefined && !/^[A-Z]+\d+$/.test(b))) return null;
  const s = parseA1(a);
  const e = b ? parseA1(b) : s;
  if (e.r - s.r >= ROWS_PER_PATCH) return null;
  return { r0: s.r, c0: s.c, r1: e.r, c1: e.c };
}

function sameCell(a: { value: unknown; text: string } | undefined, b: { value: unknown; text: string } | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.value === b.value && a.text === b.text);
}

/** True when re-read rows hold what the cache holds: patching them would change nothing. */
function sameRows(sheet: Sheet, r0: number, values: unknown[][]): boolean {
  return values.every((row, i) => {
    const cached = sheet.rows.get(r0 + i);
    if (cached && [...cached.keys()].some((c) => c >= row.length)) return false;
    return row.every((v, c) => sameCell(cached?.get(c), toCell(v)));
  });
}

function sameSheet(a: Sheet, b: Sheet): boolean {
  if (a.name !== b.name || a.hidden !== b.hidden || a.rows.size !== b.rows.size || JSON.stringify(a.merges) !== JSON.stringify(b.merges)) return false;
  for (const [r, row] of a.rows) {
    const other = b.rows.get(r);
    if (!other || other.size !== row.size) return false;
    for (const [c, cell] of row) if (!sameCell(cell, other.get(c))) return false;
  }
  return true;
}

function sameWorkbook(a: Workbook, b: Workbook): boolean {
  return a.sheets.length === b.sheets.length && a.sheets.every((s, i) => sameSheet(s, b.sheets[i]!));
}

/**
 * Below ExcelApi 1.20 (Office LTSC 2021 and 2024) any add-in write empties Excel's undo stack:
 * marks rewritten after each edit would take the clerk's Ctrl+Z away.
 */
export function undoKept(): boolean {
  return supports('ExcelApi', '1.20');
}

const sameFindings = (a: readonly Finding[], b: readonly Finding[]): boolean => JSON.stringify(a) === JSON.stringify(b);

export class LiveSession {
  state: LiveState = { findings: [], parsed: null, busy: false };
  book: OpenWorkbook | null = null;
  marks: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting: (() => void)[] = [];
  private dirty = new Map<string, { r0: number; r1: number } | 'all'>();
  private own = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();
  /** "sheet!A1" of fixable findings in locked cells of protected sheets: no fix offered there. */
  locked = new Set<string>();
  private lockKnown = new Set<string>();

  constructor(
    private readonly config: Config,
    private readonly onState: (s: LiveState) => void,
    private readonly opts: LiveOptions = {},
  ) {
    this.marks = opts.marks ?? undoKept();
  }

  /**
   * True when no mark can be written: every report sheet is protected (marks go nowhere else),
   * or every sheet when the workbook holds no report. A section workbook from split is so.
   */
  get fullyProtected(): boolean {
    const b = this.book;
    if (!b || b.sheets.length === 0) return false;
    const reports = this.state.parsed?.reports.map((r) => r.sheet.name) ?? [];
    return (reports.length > 0 ? reports : b.sheets.map((s) => s.name)).every((n) => b.protectedSheets.includes(n));
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  /** Serialises work: an edit arriving mid-refresh waits for it. */
  private enqueue(job: () => Promise<void>): Promise<void> {
    this.running = this.running.then(job, job).catch((error: unknown) => {
      this.state = { ...this.state, busy: false, error };
      this.onState(this.state);
    });
    return this.running;
  }

  private validate(): void {
    const parsed = parseWorkbook(this.book!.workbook, this.config);
    this.state = { findings: validateParsed(parsed, this.config), parsed, busy: false };
  }

  /** Sheets protected at the last read; marks, notes and validation stay off there. */
  get protectedSheets(): string[] {
    return this.book?.protectedSheets ?? [];
  }

  private async mark(): Promise<void> {
    await this.checkLocked();
    if (this.marks) await setMarks(this.state.findings, { ...this.opts, skip: this.protectedSheets });
  }

  /** Asks Excel, once per cell, whether a fix's cell on a protected sheet is locked. */
  private async checkLocked(): Promise<void> {
    const ask = this.state.findings.filter((f) => f.fix && !this.lockKnown.has(`${f.sheet}!${f.cell}`) && this.protectedSheets.includes(f.sheet));
    if (ask.length === 0) return;
    for (const x of await lockedCells(ask, this.protectedSheets, this.opts)) this.locked.add(x);
    for (const f of ask) this.lockKnown.add(`${f.sheet}!${f.cell}`);
  }

  refresh(): Promise<void> {
    return this.enqueue(async () => {
      this.state = { ...this.state, busy: true };
      this.onState(this.state);
      this.book = await readOpenWorkbook('Excel', this.opts);
      // Protection may have changed since: locks are asked again.
      this.locked.clear();
      this.lockKnown.clear();
      this.validate();
      await this.mark();
      this.onState(this.state);
    });
  }

  async start(): Promise<void> {
    await this.refresh();
    await runExcel(async (ctx) => {
      ctx.workbook.worksheets.onChanged.add((e) => this.onChanged(e as unknown as ChangeEvent));
      await ctx.sync();
    }, this.opts);
  }

  /** True when the event is the echo of our own write (a fix's cells, below ExcelApi 1.14). */
  isOwn(e: ChangeEvent, sheet: string): boolean {
    if (e.triggerSource === 'ThisLocalAddin') return true;
    const b = box(e.address);
    if (!b || (e.changeType && e.changeType !== 'RangeEdited')) return false;
    const now = this.now();
    for (let r = b.r0; r <= b.r1; r++) {
      for (let c = b.c0; c <= b.c1; c++) {
        const t = this.own.get(`${sheet}\u0000${r},${c}`);
        if (t === undefined || t < now) return false;
      }
    }
    return true;
  }

  /** A cell's echo comes once: a later event there is the user's. */
  private forgetOwn(e: ChangeEvent, sheet: string): void {
    const b = box(e.address);
    if (!b) return;
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) this.own.delete(`${sheet}\u0000${r},${c}`);
  }

  private paused = false;

  /** While the add-in writes a lot (集約), change events are not ours to chase. */
  pause(): void {
    this.paused = true;
  }

  resume(): Promise<void> {
    this.paused = false;
    this.dirty.clear();
    return this.refresh();
  }

  onChanged(e: ChangeEvent): Promise<void> {
    // ExcelApi 1.14+ says which writes are ours, also on sheets we have not read yet.
    if (this.paused || e.triggerSource === 'ThisLocalAddin') return Promise.resolve();
    const sheet = this.book?.sheets.find((s) => s.id === e.worksheetId)?.name;
    if (!sheet) {
      this.dirty.set('', 'all');
    } else {
      if (this.isOwn(e, sheet)) {
        this.forgetOwn(e, sheet);
        return Promise.resolve();
      }
      const b = box(e.address);
      const prev = this.dirty.get(sheet);
      if (!b || (e.changeType && e.changeType !== 'RangeEdited') || prev === 'all') this.dirty.set(sheet, 'all');
      else this.dirty.set(sheet, prev ? { r0: Math.min(prev.r0, b.r0), r1: Math.max(prev.r1, b.r1) } : { r0: b.r0, r1: b.r1 });
    }
    clearTimeout(this.timer);
    // Every caller is told when the flush that covers its event is done, not only the last.
    return new Promise((resolve) => {
      this.waiting.push(resolve);
      this.timer = setTimeout(() => {
        const done = this.waiting.splice(0);
        void this.flush().then(() => done.forEach((f) => f()));
      }, this.opts.debounceMs ?? 400);
    });
  }

  /**
   * Re-reads what changed since the last flush. Cells as cached (the echo of our own write,
   * or a value typed again) end it there; findings as before are not marked again.
   */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      const dirty = [...this.dirty];
      this.dirty.clear();
      if (dirty.length === 0 || !this.book) return;
      let whole = dirty.some(([s, d]) => s === '' || d === 'all');
      let changed = false;
      if (!whole) {
        try {
          for (const [name, d] of dirty) {
            const sheet = this.book.workbook.sheets.find((s) => s.name === name);
            if (!sheet || d === 'all') continue;
            const values = await readRows(name, d.r0, d.r1, Math.max(sheet.colCount, 1), this.opts);
            if (sameRows(sheet, d.r0, values)) continue;
            changed = true;
            patchRows(sheet, d.r0, values);
            sheet.rowCount = Math.max(sheet.rowCount, d.r1 + 1);
          }
        } catch (err) {
          // A paste of thousands of rows can exceed the response limit: the full read chunks.
          // A sheet renamed since the last read is not found by its old name: read it all again.
          if (!isPayloadTooLarge(err) && errorCode(err) !== 'ItemNotFound') throw err;
          whole = true;
        }
      }
      if (whole) {
        const book = await readOpenWorkbook('Excel', this.opts);
        changed ||= !sameWorkbook(this.book.workbook, book.workbook);
        this.book = book;
      }
      // Nothing new: no re-validation, unless an earlier failure is still shown.
      if (!changed && !this.state.error) return;
      const before = this.state.findings;
      this.validate();
      if (!sameFindings(before, this.state.findings)) await this.mark();
      this.onState(this.state);
    });
  }

  /**
   * Writes fixes, keeps the cached grid in step and re-validates without re-reading. Fixes
   * in locked cells of protected sheets are left out (never attempted); their count is returned.
   */
  async applyFixes(all: readonly Fix[]): Promise<{ written: number; locked: number }> {
    let fixes = all;
    let skipped = 0;
    await this.enqueue(async () => {
      if (!this.book || all.length === 0) return;
      const locked = await lockedCells(all, this.protectedSheets, this.opts);
      fixes = all.filter((f) => !locked.has(`${f.sheet}!${f.cell}`));
      skipped = all.length - fixes.length;
      if (fixes.length === 0) return;
      const until = this.now() + (this.opts.ownWriteMs ?? 10000);
      for (const f of fixes) {
        const { r, c } = parseA1(f.cell);
        this.own.set(`${f.sheet}\u0000${r},${c}`, until);
      }
      await writeCells(fixes, this.opts);
      for (const f of fixes) {
        const sheet: Sheet | undefined = this.book.workbook.sheets.find((s) => s.name === f.sheet);
        const { r, c } = parseA1(f.cell);
        const cell = toCell(f.value);
        if (!sheet) continue;
        if (cell) setCell(sheet, r, c, cell);
        else sheet.rows.get(r)?.delete(c);
      }
      this.validate();
      await this.mark();
      this.onState(this.state);
    });
    return { written: fixes.length, locked: skipped };
  }

  setMarking(on: boolean): Promise<void> {
    this.marks = on;
    return this.enqueue(async () => {
      await setMarks(on ? this.state.findings : null, { ...this.opts, skip: this.protectedSheets });
    });
  }

  select(f: Pick<Finding, 'sheet' | 'cell'>): Promise<void> {
    return selectCell(f.sheet, f.cell, this.opts);
  }
}
