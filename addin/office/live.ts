/// <reference types="office-js" />
// Live validation of the open workbook: read once, validate with lib/, mark the cells; then
// on every edit re-read only the changed rows, validate again in memory and re-mark.
// The add-in's own writes raise change events too; those are recognised and ignored.
import type { Config } from '../../lib/config/schema';
import { parseA1, setCell, type Sheet } from '../../lib/grid';
import { parseWorkbook, type ParsedWorkbook } from '../../lib/report';
import type { Finding, Fix } from '../../lib/rules/types';
import { validateParsed } from '../../lib/validate';
import { patchRows, readOpenWorkbook, readRows, toCell, type OpenWorkbook } from './read';
import { isPayloadTooLarge, runExcel, type RunOptions } from './run';
import { selectCell, setMarks, writeCells } from './write';

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

function box(address: string): { r0: number; c0: number; r1: number; c1: number } | null {
  const ref = address.replace(/^.*!/, '').replace(/\$/g, '');
  const [a, b] = ref.split(':');
  // Whole rows or columns ("3:5", "B:B") are re-read in full.
  if (!a || !/^[A-Z]+\d+$/.test(a) || (b !== undefined && !/^[A-Z]+\d+$/.test(b))) return null;
  const s = parseA1(a);
  const e = b ? parseA1(b) : s;
  return { r0: s.r, c0: s.c, r1: e.r, c1: e.c };
}

export class LiveSession {
  state: LiveState = { findings: [], parsed: null, busy: false };
  book: OpenWorkbook | null = null;
  marks: boolean;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private waiting: (() => void)[] = [];
  private dirty = new Map<string, { r0: number; r1: number } | 'all'>();
  private own = new Map<string, number>();
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly config: Config,
    private readonly onState: (s: LiveState) => void,
    private readonly opts: LiveOptions = {},
  ) {
    this.marks = opts.marks ?? true;
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

  private async mark(): Promise<void> {
    if (this.marks) await setMarks(this.state.findings, this.opts);
  }

  refresh(): Promise<void> {
    return this.enqueue(async () => {
      this.state = { ...this.state, busy: true };
      this.onState(this.state);
      this.book = await readOpenWorkbook('Excel', this.opts);
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

  /** True when the event is the echo of our own write. */
  isOwn(e: ChangeEvent, sheet: string): boolean {
    if (e.triggerSource === 'ThisLocalAddin') return true;
    const b = box(e.address);
    if (!b) return false;
    const now = this.now();
    for (let r = b.r0; r <= b.r1; r++) {
      for (let c = b.c0; c <= b.c1; c++) {
        const t = this.own.get(`${sheet}\u0000${r},${c}`);
        if (t === undefined || t < now) return false;
      }
    }
    return true;
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
    if (this.paused) return Promise.resolve();
    const sheet = this.book?.sheets.find((s) => s.id === e.worksheetId)?.name;
    if (!sheet) {
      this.dirty.set('', 'all');
    } else {
      if (this.isOwn(e, sheet)) return Promise.resolve();
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

  /** Re-reads what changed since the last flush. */
  flush(): Promise<void> {
    return this.enqueue(async () => {
      const dirty = [...this.dirty];
      this.dirty.clear();
      if (dirty.length === 0 || !this.book) return;
      let whole = dirty.some(([s, d]) => s === '' || d === 'all');
      if (!whole) {
        try {
          for (const [name, d] of dirty) {
            const sheet = this.book.workbook.sheets.find((s) => s.name === name);
            if (!sheet || d === 'all') continue;
            const values = await readRows(name, d.r0, d.r1, Math.max(sheet.colCount, 1), this.opts);
            patchRows(sheet, d.r0, values);
            sheet.rowCount = Math.max(sheet.rowCount, d.r1 + 1);
          }
        } catch (err) {
          // A paste of thousands of rows can exceed the response limit: the full read chunks.
          if (!isPayloadTooLarge(err)) throw err;
          whole = true;
        }
      }
      if (whole) this.book = await readOpenWorkbook('Excel', this.opts);
      this.validate();
      await this.mark();
      this.onState(this.state);
    });
  }

  /** Writes fixes, keeps the cached grid in step and re-validates without re-reading. */
  applyFixes(fixes: readonly Fix[]): Promise<void> {
    return this.enqueue(async () => {
      if (!this.book || fixes.length === 0) return;
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
  }

  setMarking(on: boolean): Promise<void> {
    this.marks = on;
    return this.enqueue(async () => {
      await setMarks(on ? this.state.findings : null, this.opts);
    });
  }

  select(f: Pick<Finding, 'sheet' | 'cell'>): Promise<void> {
    return selectCell(f.sheet, f.cell, this.opts);
  }
}
