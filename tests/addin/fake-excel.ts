/* eslint-disable @typescript-eslint/no-explicit-any, @typescript-eslint/no-this-alias -- a double of Office.js: untyped proxies, and setters that must reach their owner */
// An in-memory Excel host: just enough of Office.js for the add-in, with Office.js's batching
// semantics (loads and writes are queued; values exist only after context.sync()) so tests can
// count round trips. Like Excel it raises change events for the add-in's own writes, late
// (after the sync, even after the operation ended) and with triggerSource only from
// ExcelApi 1.14. An API above the host's requirement-set level throws ApiNotFound, and below
// ExcelApi 1.20 every add-in write clears the undo stack (as Excel does). No imports: the e2e test transpiles this file and injects it into the
// browser as "office.js".

export interface FakeSheet {
  id: string;
  name: string;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden';
  cells: Map<string, string | number | boolean>;
  formulas: Map<string, string>;
  /** Number formats set by the add-in ("r,c" → format code). */
  numFmts: Map<string, string>;
  merges: { r0: number; c0: number; r1: number; c1: number }[];
  formats: { id: string; type: string; formula: string; color: string; address: string }[];
  notes: Map<string, string>;
  validations: { address: string; rule: any; errorAlert: any }[];
  /** Cell fills set directly ("r,c" → "#RRGGBB"); no entry is no fill. */
  fills: Map<string, string>;
  hiddenCols: Set<number>;
  /** Sheet protection as split sets it: only cells in `unlocked` may change. */
  protected: boolean;
  /** "r,c" of cells whose format.protection.locked is false; every other cell is locked. */
  unlocked: Set<string>;
  /** Layout the add-in may set: wrapped cells, cell borders ("r,c" → edges), row heights and
   * column widths (points; no entry is the standard width of the font), the print area (`A1:F40`, or null). */
  wraps: Set<string>;
  borders: Map<string, Set<string>>;
  rowHeights: Map<number, number>;
  colWidths: Map<number, number>;
  printArea: string | null;
  /** Sheet-scoped defined names: name → formula as Office.js gives it (`='提言1-ア'!$H:$H`). */
  names: Map<string, string>;
}

/** Excel's default row height in points (Calibri 11). */
export const DEFAULT_ROW_HEIGHT = 15;
/** How far into a whole row or column the layout a range sets is recorded (every range the add-in formats is smaller). */
const LAYOUT_ROWS = 5000;
const LAYOUT_COLS = 100;

export interface FakeOptions {
  /** Highest ExcelApi minor version supported, e.g. 18 for 1.18 (default 20, the latest). */
  api?: number;
  /** A sync loading more value cells than this fails as too large a response. */
  responseCellLimit?: number;
  /** A sync writing more bytes than this fails as too large a request (default 5 MB, as on the web). */
  requestByteLimit?: number;
  /** How long after its sync the change event of an add-in write arrives, ms. */
  echoDelayMs?: number;
  /** Merged areas getMergedAreasOrNullObject may return; Excel fails above 512. */
  mergedAreaLimit?: number;
  /** Office.context.platform: 'OfficeOnline', 'PC', 'Mac'… */
  platform?: string;
  /** The File requirement set (Document.getFileAsync); Excel has it on every platform. */
  file?: boolean;
  /** Pixel width of the Normal font's widest digit: 7 for Calibri 11 (default), 8 for 游ゴシック 11. */
  digitWidth?: number;
}

/** GetFileOptions.sliceSize: the maximum and the default (4 MB). */
export const MAX_SLICE = 4194304;

/** Excel on the web refuses a request over 5 MB (RichApi payload limit). */
export const WEB_REQUEST_LIMIT = 5 * 1024 * 1024;

function colIndex(s: string): number {
  let n = 0;
  for (const ch of s) n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}
function colLetters(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
interface Box { r0: number; c0: number; r1: number; c1: number }
function parseRef(ref: string): Box {
  const rows = /^\$?(\d+):\$?(\d+)$/.exec(ref.replace(/^.*!/, '').trim());
  if (rows) return { r0: Number(rows[1]) - 1, c0: 0, r1: Number(rows[2]) - 1, c1: 16383 };
  const cols = /^\$?([A-Z]+):\$?([A-Z]+)$/.exec(ref.replace(/^.*!/, '').trim());
  if (cols) return { r0: 0, c0: colIndex(cols[1]!), r1: 1048575, c1: colIndex(cols[2]!) };
  const m = /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/.exec(ref.replace(/^.*!/, '').trim());
  if (!m) throw fail('InvalidArgument', `bad address ${ref}`);
  const r0 = Number(m[2]) - 1, c0 = colIndex(m[1]!);
  return m[3] ? { r0, c0, r1: Number(m[4]) - 1, c1: colIndex(m[3]) } : { r0, c0, r1: r0, c1: c0 };
}
function boxAddress(sheet: string, b: Box): string {
  const q = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  const a = `${colLetters(b.c0)}${b.r0 + 1}`;
  const z = `${colLetters(b.c1)}${b.r1 + 1}`;
  return `${q}!${a === z ? a : `${a}:${z}`}`;
}
/** A change event's address: whole rows "3:5" and whole columns "B:B" as Excel gives them. */
function eventAddress(b: Box): string {
  if (b.c0 === 0 && b.c1 === 16383) return `${b.r0 + 1}:${b.r1 + 1}`;
  if (b.r0 === 0 && b.r1 === 1048575) return `${colLetters(b.c0)}:${colLetters(b.c1)}`;
  return boxAddress('x', b).replace(/^.*!/, '');
}
function fail(code: string, message: string): Error {
  const e = new Error(message) as Error & { code: string };
  e.code = code;
  e.name = 'RichApi.Error';
  return e;
}
/**
 * What Excel makes of text written through `values` without a leading apostrophe: accounting
 * negatives "(1)", thousands "1,000", percents and full-width digits become numbers, TRUE and
 * FALSE booleans, and plain numbers ("12", "007", "-3.5") numbers too, leading zeros lost.
 */
function coerce(x: string): string | number | boolean {
  const half = x.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/，/g, ',').replace(/．/g, '.');
  const paren = /^\((\d[\d,]*(?:\.\d+)?)\)$/.exec(half);
  if (paren) return -Number(paren[1]!.replace(/,/g, ''));
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(half)) return Number(half.replace(/,/g, ''));
  if (/^\d+(\.\d+)?%$/.test(half)) return Number(half.slice(0, -1)) / 100;
  if (/^-?\d+(\.\d+)?$/.test(half)) return Number(half);
  if (/^(true|false)$/i.test(x)) return x.toUpperCase() === 'TRUE';
  return x;
}

/** Excel's refusal of a change on a protected sheet. */
function denied(): Error {
  return fail('AccessDenied', 'The cell or chart you\'re trying to change is on a protected sheet. To make a change, unprotect the sheet.');
}
function byteLength(v: unknown): number {
  return unescape(encodeURIComponent(JSON.stringify(v))).length;
}

export class FakeExcel {
  sheets: FakeSheet[] = [];
  api: number;
  responseCellLimit: number;
  requestByteLimit: number;
  echoDelayMs: number;
  mergedAreaLimit: number;
  platform: string;
  file: boolean;
  /** Files of getFileAsync not closed yet: Office allows two in memory, then refuses. */
  openFiles = 0;
  /** Counters for tests; `writes` counts applied commands that change the workbook. */
  syncs = 0;
  runs = 0;
  writes = 0;
  /** The next n syncs fail as if the user were typing in a cell. */
  editModeFailures = 0;
  selection: { sheet: string; address: string } | null = null;
  active = '';
  fileBytes: Uint8Array = new Uint8Array();
  handlers: ((e: any) => unknown)[] = [];
  /** Stands in for Excel's own .xlsx reader in insertWorksheetsFromBase64 (ExcelApi 1.13). */
  /** Workbook-level defined names: name → formula as Excel keeps it (`="令和7年度下半期"`). */
  definedNames = new Map<string, string>();
  onInsertWorksheets: ((base64: string, names: string[]) => { name: string; rows: (string | number | boolean | null)[][] }[]) | null = null;
  /** Change events raised, for tests. */
  events: any[] = [];
  /**
   * Excel's undo stack: the user's edits, and from ExcelApi 1.20 the add-in's writes too.
   * Below 1.20 an add-in write empties it (the clerk loses Ctrl+Z); `undoClears` counts those.
   */
  undo: ('user' | 'addin')[] = [];
  undoClears = 0;
  /** Highest ExcelApi minor version of any API the add-in called (see need()). */
  apiUsed = 0;
  /** Events not yet delivered, or whose handlers have not finished. */
  private inFlight = new Set<Promise<void>>();
  private nextId = 1;

  constructor(opts: FakeOptions = {}) {
    this.api = opts.api ?? 20;
    this.responseCellLimit = opts.responseCellLimit ?? Infinity;
    this.requestByteLimit = opts.requestByteLimit ?? WEB_REQUEST_LIMIT;
    this.echoDelayMs = opts.echoDelayMs ?? 50;
    this.mergedAreaLimit = opts.mergedAreaLimit ?? 512;
    this.platform = opts.platform ?? 'OfficeOnline';
    this.file = opts.file ?? true;
    this.digitWidth = opts.digitWidth ?? 7;
  }

  readonly digitWidth: number;

  /** A column Excel leaves at the standard width, in px: 8 digits and 5 px, up to a multiple of 8 (64 for Calibri 11). */
  get standardPx(): number {
    return Math.ceil((8 * this.digitWidth + 5) / 8) * 8;
  }

  /** Worksheet.standardWidth as Excel shows it, in characters (8.43 for Calibri 11). */
  get standardWidth(): number {
    return Math.trunc(((this.standardPx - 5) / this.digitWidth) * 100 + 0.5) / 100;
  }

  /** An API of ExcelApi 1.`v`: throws on an older host, as Office.js does, and records its use. */
  need(v: number, what: string): void {
    if (v > this.api) throw fail('ApiNotFound', `${what} needs ExcelApi 1.${v}; this host has 1.${this.api}`);
    this.apiUsed = Math.max(this.apiUsed, v);
  }

  /** An add-in write reached the workbook: below 1.20 it takes the clerk's undo with it. */
  wrote(): void {
    this.writes++;
    if (this.api >= 20) {
      this.undo.push('addin');
    } else {
      if (this.undo.length) this.undoClears++;
      this.undo = [];
    }
  }

  /** Throws as Excel does when a protected sheet's locked cell in `b` would change. */
  guard(s: FakeSheet, b: Box): void {
    if (!s.protected) return;
    for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) if (!s.unlocked.has(`${r},${c}`)) throw denied();
  }

  /** Formats, conditional formats, notes and validation: refused on a protected sheet. */
  guardSheet(s: FakeSheet): void {
    if (s.protected) throw denied();
  }

  addSheet(name: string, rows: (string | number | boolean | null | undefined)[][] = []): FakeSheet {
    const s: FakeSheet = {
      id: `{S${this.nextId++}}`, name, visibility: 'Visible', cells: new Map(), formulas: new Map(), numFmts: new Map(),
      merges: [], formats: [], notes: new Map(), validations: [], fills: new Map(), hiddenCols: new Set(),
      protected: false, unlocked: new Set(),
      wraps: new Set(), borders: new Map(), rowHeights: new Map(), colWidths: new Map(), printArea: null, names: new Map(),
    };
    rows.forEach((row, r) => row.forEach((v, c) => {
      if (v !== null && v !== undefined && v !== '') s.cells.set(`${r},${c}`, v);
    }));
    this.sheets.push(s);
    if (!this.active) this.active = name;
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.sheets.find((x) => x.name === name);
    if (!s) throw fail('ItemNotFound', `no sheet ${name}`);
    return s;
  }

  get(sheet: string, address: string): string | number | boolean | undefined {
    const b = parseRef(address);
    return this.sheet(sheet).cells.get(`${b.r0},${b.c0}`);
  }

  /** A person typing into a cell: applies and raises onChanged like Excel. */
  userEdit(sheet: string, address: string, value: string): void {
    const s = this.sheet(sheet);
    const b = parseRef(address);
    // Excel refuses the typing itself on a locked cell.
    this.guard(s, b);
    if (value === '') s.cells.delete(`${b.r0},${b.c0}`);
    else s.cells.set(`${b.r0},${b.c0}`, value);
    this.undo.push('user');
    this.raise(s, b, 'Unknown');
  }

  /** A person renaming a sheet: Excel raises no onChanged for it (onNameChanged is another event). */
  userRename(from: string, to: string): void {
    this.sheet(from).name = to;
    if (this.active === from) this.active = to;
  }

  /**
   * Raises onChanged as Excel does: asynchronously; an add-in's own write (raised while its
   * sync applies) arrives echoDelayMs later, so possibly after the operation has finished.
   */
  raise(s: FakeSheet, b: Box, trigger: 'ThisLocalAddin' | 'Unknown', changeType = 'RangeEdited'): void {
    const e: any = { worksheetId: s.id, address: eventAddress(b), changeType, source: 'Local', type: 'WorksheetChanged' };
    // triggerSource came with ExcelApi 1.14 (Office LTSC 2021 and later).
    if (this.api >= 14) e.triggerSource = trigger;
    this.events.push(e);
    const delay = trigger === 'ThisLocalAddin' ? this.echoDelayMs : 0;
    const done = new Promise<void>((resolve) => {
      setTimeout(() => {
        void Promise.all(this.handlers.map((h) => Promise.resolve().then(() => h(e)))).then(() => resolve(), () => resolve());
      }, delay);
    });
    this.inFlight.add(done);
    void done.then(() => this.inFlight.delete(done));
  }

  /** Resolves when every event raised so far, and any raised meanwhile, was handled. */
  async settled(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  usedBox(s: FakeSheet, valuesOnly: boolean): Box | null {
    let box: Box | null = null;
    const grow = (r: number, c: number): void => {
      if (!box) box = { r0: r, c0: c, r1: r, c1: c };
      else box = { r0: Math.min(box.r0, r), c0: Math.min(box.c0, c), r1: Math.max(box.r1, r), c1: Math.max(box.c1, c) };
    };
    for (const k of s.cells.keys()) {
      const [r, c] = k.split(',').map(Number) as [number, number];
      grow(r, c);
    }
    if (!valuesOnly) for (const m of s.merges) { grow(m.r0, m.c0); grow(m.r1, m.c1); }
    return box;
  }

  /** Installs globalThis.Office and globalThis.Excel. */
  install(g: any = globalThis): void {
    const fake = this;
    g.Excel = {
      run: (a: any, b?: any) => fake.run(typeof a === 'function' ? a : b),
      ConditionalFormatType: { custom: 'Custom' },
      SheetVisibility: { visible: 'Visible', hidden: 'Hidden', veryHidden: 'VeryHidden' },
      ClearApplyTo: { all: 'All', contents: 'Contents', formats: 'Formats' },
      DataValidationAlertStyle: { stop: 'Stop', warning: 'Warning', information: 'Information' },
      InsertShiftDirection: { down: 'Down', right: 'Right' },
      WorksheetPositionType: { end: 'End', start: 'Start' },
      NamedItemType: { string: 'String', integer: 'Integer', double: 'Double', boolean: 'Boolean', range: 'Range', error: 'Error', array: 'Array' },
    };
    g.Office = {
      HostType: { Excel: 'Excel' },
      PlatformType: { OfficeOnline: 'OfficeOnline', PC: 'PC', Mac: 'Mac' },
      FileType: { Compressed: 'compressed' },
      AsyncResultStatus: { Succeeded: 'succeeded', Failed: 'failed' },
      onReady: (cb?: (i: any) => void) => {
        const info = { host: 'Excel', platform: fake.platform };
        cb?.(info);
        return Promise.resolve(info);
      },
      context: {
        host: 'Excel',
        platform: fake.platform,
        requirements: {
          isSetSupported: (set: string, v?: string) =>
            (set === 'ExcelApi' && Number(String(v ?? '1.1').split('.')[1] ?? 0) <= fake.api) || (set === 'File' && fake.file && (v ?? '1.1') === '1.1'),
        },
        document: {
          url: 'master.xlsx',
          // Without the File set the pane must not call it: here it is simply absent.
          getFileAsync: fake.file ? (_t: string, opts: any, cb: (r: any) => void) => fake.getFile(opts, cb) : undefined,
        },
      },
    };
  }

  /**
   * Document.getFileAsync(Compressed) as Office answers it: slices of at most 4 MB as arrays of
   * byte values, at most two files open at once, a closed file gives no more slices.
   */
  private getFile(opts: any, cb: (r: any) => void): void {
    const failed = (name: string, message: string): any => ({ status: 'failed', error: { name, message, code: 0 } });
    const size = opts?.sliceSize ?? MAX_SLICE;
    if (!(size > 0) || size > MAX_SLICE) return cb(failed('Invalid Argument', `sliceSize ${size} is over ${MAX_SLICE}`));
    if (this.openFiles >= 2) return cb(failed('Internal Error', 'No more than two documents are allowed in memory'));
    this.openFiles++;
    const bytes = this.fileBytes;
    let open = true;
    const count = Math.max(1, Math.ceil(bytes.length / size));
    const file = {
      size: bytes.length,
      sliceCount: count,
      getSliceAsync: (i: number, cb2: (r: any) => void) => {
        if (!open) return cb2(failed('Internal Error', 'the file is closed'));
        if (!Number.isInteger(i) || i < 0 || i >= count) return cb2(failed('Invalid Argument', `no slice ${i}`));
        const data = Array.from(bytes.subarray(i * size, (i + 1) * size));
        cb2({ status: 'succeeded', value: { data, index: i, size: data.length } });
      },
      closeAsync: (cb2?: (r: any) => void) => {
        if (open) this.openFiles--;
        open = false;
        cb2?.({ status: 'succeeded', value: undefined });
      },
    };
    cb({ status: 'succeeded', value: file });
  }

  async run<T>(batch: (ctx: any) => Promise<T>): Promise<T> {
    this.runs++;
    const ctx = new Ctx(this);
    return batch(ctx);
  }
}

type Op = { apply: () => void; bytes: number; cells: number };

class Ctx {
  queue: Op[] = [];
  workbook: any;
  constructor(readonly fake: FakeExcel) {
    const worksheets = new WorksheetCollection(this);
    this.workbook = {
      worksheets,
      names: {
        /** NamedItemCollection.getItemOrNullObject (ExcelApi 1.4); type and value of a constant. */
        getItemOrNullObject: (name: string) => {
          if (fake.api < 4) throw fail('ApiNotFound', 'getItemOrNullObject needs ExcelApi 1.4');
          const item = new FakeProxy(this);
          for (const k of ['isNullObject', 'type', 'value', 'formula']) Object.defineProperty(item, k, { get: () => item.prop(k) });
          (item as any).load = () => {
            this.q(() => {
              const f = fake.definedNames.get(name);
              item.data.isNullObject = f === undefined;
              if (f === undefined) return;
              const text = /^=?"((?:[^"]|"")*)"$/.exec(f);
              Object.assign(item.data, { formula: f.startsWith('=') ? f : `=${f}`, type: text ? 'String' : /^=?-?\d/.test(f) ? 'Double' : 'Range', value: text ? text[1]!.replace(/""/g, '"') : f });
            });
            return item;
          };
          return item;
        },
      },
      insertWorksheetsFromBase64: (b64: string, opts: { sheetNamesToInsert?: string[] } = {}) => {
        fake.need(13, 'insertWorksheetsFromBase64');
        this.w(() => {
          if (!fake.onInsertWorksheets) throw fail('NotImplemented', 'no reader for inserted worksheets');
          for (const s of fake.onInsertWorksheets(b64, opts.sheetNamesToInsert ?? [])) fake.addSheet(s.name, s.rows);
        }, b64.length);
      },
    };
  }
  q(apply: () => void, bytes = 64, cells = 0): void {
    this.queue.push({ apply, bytes, cells });
  }
  /** A command that changes the workbook: counted in fake.writes when it applies. */
  w(apply: () => void, bytes = 64): void {
    this.q(() => {
      apply();
      this.fake.wrote();
    }, bytes);
  }
  async sync(): Promise<void> {
    const ops = this.queue;
    this.queue = [];
    const f = this.fake;
    f.syncs++;
    await Promise.resolve();
    if (f.editModeFailures > 0) {
      f.editModeFailures--;
      throw fail('InvalidOperationInCellEditMode', 'cell edit mode');
    }
    // Excel on the web refuses the whole request: nothing of it applies.
    if (ops.reduce((n, o) => n + o.bytes, 0) > f.requestByteLimit) throw fail('RequestPayloadSizeLimitExceeded', 'The request payload size has exceeded the limit.');
    if (ops.reduce((n, o) => n + o.cells, 0) > f.responseCellLimit) throw fail('ResponsePayloadSizeLimitExceeded', 'response too large');
    for (const o of ops) o.apply();
  }
}

/** Base of every proxy: loaded properties live in `data` and throw until a sync fills them. */
class FakeProxy {
  data: Record<string, unknown> = {};
  constructor(readonly ctx: Ctx) {}
  prop(name: string): any {
    if (!(name in this.data)) throw fail('PropertyNotLoaded', `${name} is not loaded; call load() and sync()`);
    return this.data[name];
  }
}

function defineProps(cls: any, names: string[]): void {
  for (const n of names) Object.defineProperty(cls.prototype, n, { get(this: FakeProxy) { return this.prop(n); }, configurable: true });
}

class WorksheetCollection extends FakeProxy {
  // WorksheetCollection.onChanged is ExcelApi 1.9 (Worksheet.onChanged 1.7).
  get onChanged(): any {
    this.ctx.fake.need(9, 'worksheets.onChanged');
    return { add: (h: (e: any) => unknown) => { this.ctx.fake.handlers.push(h); return { remove: () => undefined }; } };
  }
  load(_p?: string): this {
    this.ctx.q(() => {
      this.data.items = this.ctx.fake.sheets.map((s) => new Worksheet(this.ctx, () => s, s));
    });
    return this;
  }
  getItem(name: string): Worksheet {
    return new Worksheet(this.ctx, () => this.ctx.fake.sheet(name));
  }
  getItemOrNullObject(name: string): Worksheet {
    this.ctx.fake.need(4, 'getItemOrNullObject');
    return new Worksheet(this.ctx, () => this.ctx.fake.sheets.find((s) => s.name === name) ?? null);
  }
  getActiveWorksheet(): Worksheet {
    return new Worksheet(this.ctx, () => this.ctx.fake.sheet(this.ctx.fake.active));
  }
  add(name: string): Worksheet {
    let made: FakeSheet | null = null;
    this.ctx.w(() => { made = this.ctx.fake.addSheet(name); });
    return new Worksheet(this.ctx, () => made);
  }
}

defineProps(WorksheetCollection, ['items']);

class Worksheet extends FakeProxy {
  constructor(ctx: Ctx, readonly get: () => FakeSheet | null, loaded?: FakeSheet) {
    super(ctx);
    if (loaded) Object.assign(this.data, { id: loaded.id, name: loaded.name, visibility: loaded.visibility, isNullObject: false });
  }
  must(): FakeSheet {
    const s = this.get();
    if (!s) throw fail('ItemNotFound', 'worksheet not found');
    return s;
  }
  load(p?: string): this {
    // Worksheet.standardWidth is ExcelApi 1.7.
    if (p?.includes('standardWidth')) this.ctx.fake.need(7, 'Worksheet.standardWidth');
    this.ctx.q(() => {
      const s = this.get();
      this.data.isNullObject = !s;
      if (s) Object.assign(this.data, { id: s.id, name: s.name, visibility: s.visibility });
      if (s && p?.includes('standardWidth')) this.data.standardWidth = this.ctx.fake.standardWidth;
    });
    return this;
  }
  get standardWidth(): number { return this.prop('standardWidth'); }
  set visibility(v: string) {
    this.ctx.w(() => { this.must().visibility = v as FakeSheet['visibility']; });
  }
  get visibility(): string { return this.prop('visibility'); }
  activate(): void { this.ctx.q(() => { this.ctx.fake.active = this.must().name; }); }
  delete(): void {
    this.ctx.w(() => {
      const s = this.must();
      const f = this.ctx.fake;
      // As Office.js documents: a very hidden sheet must be made visible or hidden first.
      if (s.visibility === 'VeryHidden') throw fail('InvalidOperation', 'a very hidden sheet cannot be deleted');
      if (f.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0) throw fail('InvalidOperation', 'a workbook needs a visible sheet');
      f.sheets = f.sheets.filter((x) => x !== s);
    });
  }
  getRange(address?: string): Range {
    return new Range(this.ctx, this, () => (address ? parseRef(address) : { r0: 0, c0: 0, r1: 1048575, c1: 16383 }));
  }
  getRangeByIndexes(r: number, c: number, rows: number, cols: number): Range {
    this.ctx.fake.need(7, 'getRangeByIndexes');
    return new Range(this.ctx, this, () => ({ r0: r, c0: c, r1: r + rows - 1, c1: c + cols - 1 }));
  }
  getRanges(addresses: string): RangeAreas {
    this.ctx.fake.need(9, 'getRanges');
    return new RangeAreas(this.ctx, this, () => addresses.split(',').map((a) => parseRef(a)));
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    this.ctx.fake.need(4, 'getUsedRangeOrNullObject');
    return new Range(this.ctx, this, () => this.ctx.fake.usedBox(this.must(), valuesOnly));
  }
  /** WorksheetProtection (ExcelApi 1.2): only `protected` is modelled. */
  get protection(): any {
    this.ctx.fake.need(2, 'Worksheet.protection');
    const p = new FakeProxy(this.ctx);
    Object.defineProperty(p, 'protected', { get: () => p.prop('protected') });
    (p as any).load = () => { this.ctx.q(() => { p.data.protected = this.must().protected; }); return p; };
    return p;
  }
  /** PageLayout (ExcelApi 1.9): only the print area is modelled. */
  get pageLayout(): any {
    this.ctx.fake.need(9, 'Worksheet.pageLayout');
    const ctx = this.ctx;
    return {
      getPrintAreaOrNullObject: () => {
        const area = new FakeProxy(ctx);
        for (const k of ['address', 'isNullObject']) Object.defineProperty(area, k, { get: () => area.prop(k) });
        (area as any).load = () => {
          ctx.q(() => {
            const s = this.must();
            area.data.isNullObject = s.printArea === null;
            // As Excel answers: every area with its sheet name, quoted where the name needs it.
            if (s.printArea !== null) area.data.address = s.printArea.split(',').map((a) => `'${s.name.replace(/'/g, "''")}'!${a}`).join(', ');
          });
          return area;
        };
        return area;
      },
      setPrintArea: (address: string) => ctx.w(() => { const s = this.must(); ctx.fake.guardSheet(s); s.printArea = address; }),
    };
  }
  /** Worksheet.names (ExcelApi 1.4): getItemOrNullObject, with the name's formula. */
  get names(): any {
    this.ctx.fake.need(4, 'Worksheet.names');
    const ctx = this.ctx;
    return {
      getItemOrNullObject: (name: string) => {
        const item = new FakeProxy(ctx);
        for (const k of ['isNullObject', 'formula']) Object.defineProperty(item, k, { get: () => item.prop(k) });
        (item as any).load = () => {
          ctx.q(() => {
            const f = this.must().names.get(name);
            item.data.isNullObject = f === undefined;
            if (f !== undefined) item.data.formula = f;
          });
          return item;
        };
        return item;
      },
    };
  }
  get notes(): NoteCollection {
    this.ctx.fake.need(18, 'Worksheet.notes');
    return new NoteCollection(this.ctx, this);
  }
}
defineProps(Worksheet, ['id', 'name', 'isNullObject']);

class Range extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet, readonly box: () => Box | null) { super(ctx); }
  load(p: string | string[]): this {
    const props = Array.isArray(p) ? p : p.split(',').map((s) => s.trim());
    const op = (): void => {
      const s = this.ws.must();
      const b = this.box();
      this.data.isNullObject = !b;
      if (!b) return;
      Object.assign(this.data, { rowIndex: b.r0, columnIndex: b.c0, rowCount: b.r1 - b.r0 + 1, columnCount: b.c1 - b.c0 + 1, address: boxAddress(s.name, b) });
      if (props.includes('values') || props.includes('text')) {
        const vals: unknown[][] = [];
        for (let r = b.r0; r <= b.r1; r++) {
          const row: unknown[] = [];
          for (let c = b.c0; c <= b.c1; c++) row.push(s.cells.get(`${r},${c}`) ?? '');
          vals.push(row);
        }
        this.data.values = vals;
        this.data.text = vals.map((row) => row.map(String));
      }
    };
    // The response size is counted before any op of the sync applies.
    const self = this;
    this.ctx.queue.push({ apply: op, bytes: 64, get cells() {
      if (!props.includes('values')) return 0;
      try {
        const b = self.box();
        return b ? (b.r1 - b.r0 + 1) * (b.c1 - b.c0 + 1) : 0;
      } catch {
        return 0;
      }
    } });
    return this;
  }
  set values(v: unknown[][]) {
    this.ctx.w(() => {
      const s = this.ws.must();
      const b = this.box()!;
      this.ctx.fake.guard(s, { r0: b.r0, c0: b.c0, r1: b.r0 + v.length - 1, c1: b.c0 + (v[0]?.length ?? 1) - 1 });
      v.forEach((row, i) => row.forEach((x, j) => {
        const k = `${b.r0 + i},${b.c0 + j}`;
        if (typeof x === 'string' && x.startsWith('=')) { s.formulas.set(k, x); s.cells.set(k, '#FORMULA'); return; }
        const val = typeof x === 'string' && x.startsWith("'") ? x.slice(1) : typeof x === 'string' ? coerce(x) : x;
        s.formulas.delete(k);
        if (val === '' || val === null) s.cells.delete(k);
        else s.cells.set(k, val as string);
      }));
      const fb = { r0: b.r0, c0: b.c0, r1: b.r0 + v.length - 1, c1: b.c0 + (v[0]?.length ?? 1) - 1 };
      this.ctx.fake.raise(s, fb, 'ThisLocalAddin');
    }, byteLength(v) + 64);
  }
  get values(): unknown[][] { return this.prop('values'); }
  /** Range.formulas (ExcelApi 1.1): "=…" is a formula, anything else a value. */
  set formulas(v: unknown[][]) {
    this.values = v;
  }
  /** Range.numberFormat (ExcelApi 1.1): a format, not a change of values (no onChanged). */
  set numberFormat(v: string[][]) {
    this.ctx.w(() => {
      const s = this.ws.must();
      const b = this.box()!;
      this.ctx.fake.guard(s, { r0: b.r0, c0: b.c0, r1: b.r0 + v.length - 1, c1: b.c0 + (v[0]?.length ?? 1) - 1 });
      v.forEach((row, i) => row.forEach((x, j) => s.numFmts.set(`${b.r0 + i},${b.c0 + j}`, x)));
    }, byteLength(v) + 64);
  }
  insert(shift: string): void {
    this.ctx.w(() => {
      if (shift !== 'Down') throw fail('NotImplemented', 'only whole rows, shifted down');
      const s = this.ws.must();
      const b = this.box()!;
      if (b.c0 !== 0 || b.c1 !== 16383) throw fail('NotImplemented', 'only whole rows');
      // split's protection allows inserting rows (insertRows="0"); locked cells move with them.
      if (s.protected) s.unlocked = new Set([...s.unlocked].map((k) => { const [r, c] = k.split(',').map(Number) as [number, number]; return r >= b.r0 ? `${r + b.r1 - b.r0 + 1},${c}` : k; }));
      const n = b.r1 - b.r0 + 1;
      // Values, formulas, number formats, fills and notes move with their cells.
      const down = <V>(m: Map<string, V>): Map<string, V> => {
        const moved = new Map<string, V>();
        for (const [k, v] of m) {
          const [r, c] = k.split(',').map(Number) as [number, number];
          moved.set(r >= b.r0 ? `${r + n},${c}` : k, v);
        }
        return moved;
      };
      s.cells = down(s.cells);
      s.formulas = down(s.formulas);
      s.numFmts = down(s.numFmts);
      s.fills = down(s.fills);
      for (const m of s.merges) {
        if (m.r0 >= b.r0) { m.r0 += n; m.r1 += n; } else if (m.r1 >= b.r0) m.r1 += n;
      }
      // Excel moves conditional formats with their cells (single cells are all we add).
      for (const f of s.formats) {
        f.address = f.address.replace(/([A-Z]+)(\d+)/g, (_m, col: string, row: string) => `${col}${Number(row) - 1 >= b.r0 ? Number(row) + n : Number(row)}`);
      }
      this.ctx.fake.raise(s, { r0: b.r0, c0: 0, r1: b.r0 + n - 1, c1: 16383 }, 'ThisLocalAddin', 'RowInserted');
    });
  }
  select(): void {
    this.ctx.q(() => { this.ctx.fake.selection = { sheet: this.ws.must().name, address: boxAddress(this.ws.must().name, this.box()!).replace(/^.*!/, '') }; });
  }
  clear(applyTo?: string): void {
    this.ctx.w(() => {
      const s = this.ws.must();
      const b = this.box()!;
      const inBox = (k: string): boolean => {
        const [r, c] = k.split(',').map(Number) as [number, number];
        return r >= b.r0 && r <= b.r1 && c >= b.c0 && c <= b.c1;
      };
      if (applyTo === 'All' || applyTo === 'Formats') this.ctx.fake.guardSheet(s);
      else if (s.protected) for (const k of s.cells.keys()) if (inBox(k) && !s.unlocked.has(k)) throw denied();
      for (const k of [...s.cells.keys()]) if (inBox(k)) s.cells.delete(k);
      if (applyTo === 'All' || applyTo === 'Formats') for (const k of [...s.fills.keys()]) if (inBox(k)) s.fills.delete(k);
      // Clearing contents is a change of values; formats alone raise no onChanged.
      if (applyTo !== 'Formats') this.ctx.fake.raise(s, b, 'ThisLocalAddin');
    });
  }
  set columnHidden(v: boolean) {
    this.ctx.fake.need(2, 'columnHidden');
    this.ctx.w(() => {
      this.ctx.fake.guardSheet(this.ws.must());
      const b = this.box()!;
      for (let c = b.c0; c <= b.c1; c++) if (v) this.ws.must().hiddenCols.add(c); else this.ws.must().hiddenCols.delete(c);
    });
  }
  /** The fill of a single cell. */
  get format(): any {
    const ctx = this.ctx;
    const key = (): string => { const b = this.box()!; return `${b.r0},${b.c0}`; };
    const ws = this.ws;
    const fill = new FakeProxy(ctx);
    Object.defineProperty(fill, 'color', {
      get: () => fill.prop('color'),
      set: (c: string) => ctx.w(() => { ctx.fake.guardSheet(ws.must()); ws.must().fills.set(key(), c.toUpperCase()); }),
    });
    (fill as any).load = () => { ctx.q(() => { fill.data.color = ws.must().fills.get(key()) ?? '#FFFFFF'; }); return fill; };
    (fill as any).clear = () => ctx.w(() => { ctx.fake.guardSheet(ws.must()); ws.must().fills.delete(key()); });
    // format.protection.locked: true, false, or null where the range is mixed, as Excel says.
    const box = this.box;
    const protection = new FakeProxy(ctx);
    Object.defineProperty(protection, 'locked', {
      get: () => protection.prop('locked'),
      set: (v: boolean) => ctx.w(() => {
        const s = ws.must();
        ctx.fake.guardSheet(s);
        const b = box()!;
        for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) if (v) s.unlocked.delete(`${r},${c}`); else s.unlocked.add(`${r},${c}`);
      }),
    });
    (protection as any).load = () => {
      ctx.q(() => {
        const s = ws.must();
        const b = box()!;
        let locked = 0, open = 0;
        for (let r = b.r0; r <= b.r1; r++) for (let c = b.c0; c <= b.c1; c++) if (s.unlocked.has(`${r},${c}`)) open++; else locked++;
        protection.data.locked = open === 0 ? true : locked === 0 ? false : null;
      });
      return protection;
    };
    // Layout: wrap, borders, row height and column width, each refused on a protected sheet.
    const cellsOf = (f: (k: string) => void): void => {
      const b = box()!;
      for (let r = b.r0; r <= Math.min(b.r1, b.r0 + LAYOUT_ROWS); r++) for (let c = b.c0; c <= Math.min(b.c1, b.c0 + LAYOUT_COLS); c++) f(`${r},${c}`);
    };
    const layout = (apply: (s: FakeSheet) => void): void => ctx.w(() => { const sh = ws.must(); ctx.fake.guardSheet(sh); apply(sh); });
    const format = new FakeProxy(ctx);
    Object.defineProperty(format, 'wrapText', { set: (v: boolean) => layout((sh) => cellsOf((k) => (v ? sh.wraps.add(k) : sh.wraps.delete(k)))) });
    Object.defineProperty(format, 'rowHeight', {
      get: () => format.prop('rowHeight'),
      set: (v: number) => layout((sh) => { const b = box()!; for (let r = b.r0; r <= b.r1; r++) sh.rowHeights.set(r, v); }),
    });
    Object.defineProperty(format, 'columnWidth', {
      get: () => format.prop('columnWidth'),
      set: (v: number) => layout((sh) => { const b = box()!; for (let c = b.c0; c <= b.c1; c++) sh.colWidths.set(c, v); }),
    });
    (format as any).load = (p: string) => {
      ctx.q(() => {
        const sh = ws.must();
        const b = box()!;
        // Excel answers null where the rows (columns) of the range differ.
        const one = <T>(xs: T[]): T | null => (xs.every((x) => x === xs[0]) ? xs[0]! : null);
        if (p.includes('rowHeight')) format.data.rowHeight = one(Array.from({ length: Math.min(b.r1 - b.r0 + 1, LAYOUT_ROWS) }, (_, i) => sh.rowHeights.get(b.r0 + i) ?? DEFAULT_ROW_HEIGHT));
        if (p.includes('columnWidth')) format.data.columnWidth = one(Array.from({ length: Math.min(b.c1 - b.c0 + 1, LAYOUT_COLS) }, (_, i) => sh.colWidths.get(b.c0 + i) ?? ctx.fake.standardPx * 0.75));
      });
      return format;
    };
    // As Excel draws them: an edge on the range's outer cells only, the inside lines between its
    // cells (kept per cell as the edges they make: EdgeBottom above a line, EdgeTop below it).
    const edgeCells = (edge: string, b: Box): [number, number, string][] => {
      const out: [number, number, string][] = [];
      for (let r = b.r0; r <= Math.min(b.r1, b.r0 + LAYOUT_ROWS); r++) {
        for (let c = b.c0; c <= Math.min(b.c1, b.c0 + LAYOUT_COLS); c++) {
          if (edge === 'EdgeTop' && r === b.r0) out.push([r, c, edge]);
          if (edge === 'EdgeBottom' && r === b.r1) out.push([r, c, edge]);
          if (edge === 'EdgeLeft' && c === b.c0) out.push([r, c, edge]);
          if (edge === 'EdgeRight' && c === b.c1) out.push([r, c, edge]);
          if (edge === 'InsideHorizontal') {
            if (r < b.r1) out.push([r, c, 'EdgeBottom']);
            if (r > b.r0) out.push([r, c, 'EdgeTop']);
          }
          if (edge === 'InsideVertical') {
            if (c < b.c1) out.push([r, c, 'EdgeRight']);
            if (c > b.c0) out.push([r, c, 'EdgeLeft']);
          }
        }
      }
      return out;
    };
    const borders = {
      getItem: (edge: string) => {
        const border: any = {};
        Object.defineProperty(border, 'style', {
          set: (v: string) => layout((sh) => {
            for (const [r, c, e] of edgeCells(edge, box()!)) {
              const k = `${r},${c}`;
              const set = sh.borders.get(k) ?? new Set<string>();
              if (v === 'None') set.delete(e);
              else set.add(e);
              sh.borders.set(k, set);
            }
          }),
        });
        Object.defineProperty(border, 'weight', { set: () => layout(() => undefined) });
        return border;
      },
    };
    Object.assign(format, { fill, protection, borders });
    return format;
  }
  /** Range.copyFrom (ExcelApi 1.9); only copyType Formats, from one cell to one cell, is modelled. */
  copyFrom(source: Range, copyType: string): void {
    this.ctx.fake.need(9, 'Range.copyFrom');
    if (copyType !== 'Formats') throw fail('NotImplemented', `copyFrom ${copyType}`);
    this.ctx.w(() => {
      const to = this.ws.must();
      this.ctx.fake.guardSheet(to);
      const from = source.ws.must();
      const sb = source.box()!;
      const tb = this.box()!;
      const sk = `${sb.r0},${sb.c0}`;
      const tk = `${tb.r0},${tb.c0}`;
      const copy = <V>(a: Map<string, V>, b: Map<string, V>): void => { if (a.has(sk)) b.set(tk, a.get(sk)!); else b.delete(tk); };
      copy(from.fills, to.fills);
      copy(from.numFmts, to.numFmts);
      copy(from.borders, to.borders);
      if (from.wraps.has(sk)) to.wraps.add(tk); else to.wraps.delete(tk);
    });
  }
  getEntireColumn(): Range {
    return new Range(this.ctx, this.ws, () => { const b = this.box()!; return { r0: 0, c0: b.c0, r1: 1048575, c1: b.c1 }; });
  }
  getMergedAreasOrNullObject(): RangeAreas {
    this.ctx.fake.need(13, 'getMergedAreasOrNullObject');
    return new RangeAreas(this.ctx, this.ws, () => {
      const b = this.box();
      if (!b) return [];
      const found = this.ws.must().merges.filter((m) => m.r0 <= b.r1 && m.r1 >= b.r0 && m.c0 <= b.c1 && m.c1 >= b.c0);
      // Excel answers at most 512 areas and fails the whole request beyond.
      if (found.length > this.ctx.fake.mergedAreaLimit) throw fail('GeneralException', 'There are too many merged areas in the range.');
      return found;
    });
  }
  get conditionalFormats(): ConditionalFormatCollection {
    this.ctx.fake.need(6, 'Range.conditionalFormats');
    return new ConditionalFormatCollection(this.ctx, this.ws, () => [this.box()!]);
  }
  get dataValidation(): any {
    this.ctx.fake.need(8, 'Range.dataValidation');
    const ctx = this.ctx;
    const self = this;
    const addr = (): string => boxAddress(self.ws.must().name, self.box()!).replace(/^.*!/, '');
    const find = (): { address: string; rule: any; errorAlert: any } => {
      const s = self.ws.must();
      let v = s.validations.find((x) => x.address === addr());
      if (!v) { v = { address: addr(), rule: null, errorAlert: null }; s.validations.push(v); }
      return v;
    };
    return {
      clear: () => ctx.w(() => { const s = self.ws.must(); ctx.fake.guardSheet(s); s.validations = s.validations.filter((x) => x.address !== addr()); }),
      set rule(r: any) { ctx.w(() => { ctx.fake.guardSheet(self.ws.must()); find().rule = r; }); },
      set errorAlert(a: any) { ctx.w(() => { ctx.fake.guardSheet(self.ws.must()); find().errorAlert = a; }); },
    };
  }
}
defineProps(Range, ['rowIndex', 'columnIndex', 'rowCount', 'columnCount', 'address', 'isNullObject', 'text']);

class RangeAreas extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet, readonly boxes: () => Box[]) { super(ctx); }
  load(_p?: string): this {
    this.ctx.q(() => {
      const bs = this.boxes();
      this.data.isNullObject = bs.length === 0;
      this.data.address = bs.map((b) => boxAddress(this.ws.must().name, b)).join(', ');
    });
    return this;
  }
  get conditionalFormats(): ConditionalFormatCollection {
    this.ctx.fake.need(9, 'RangeAreas.conditionalFormats');
    return new ConditionalFormatCollection(this.ctx, this.ws, this.boxes);
  }
}
defineProps(RangeAreas, ['address', 'isNullObject']);

class ConditionalFormatCollection extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet, readonly boxes: () => Box[]) { super(ctx); }
  load(_p?: string): this {
    this.ctx.q(() => {
      this.data.items = this.ws.must().formats.map((f) => new ConditionalFormat(this.ctx, this.ws, f));
    });
    return this;
  }
  add(type: string): any {
    const rec = { id: '', type, formula: '', color: '', address: '' };
    this.ctx.w(() => {
      this.ctx.fake.guardSheet(this.ws.must());
      rec.id = `{CF${this.ctx.fake.sheets.length}-${Math.random().toString(36).slice(2)}}`;
      rec.address = this.boxes().map((b) => boxAddress(this.ws.must().name, b).replace(/^.*!/, '')).join(',');
      this.ws.must().formats.push(rec);
    });
    const ctx = this.ctx;
    return {
      custom: {
        rule: { set formula(f: string) { ctx.q(() => { rec.formula = f; }); } },
        format: { fill: { set color(c: string) { ctx.q(() => { rec.color = c; }); } } },
      },
    };
  }
}
defineProps(ConditionalFormatCollection, ['items']);

class ConditionalFormat extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet, readonly rec: FakeSheet['formats'][number]) {
    super(ctx);
    this.data.type = rec.type;
    this.data.id = rec.id;
  }
  get custom(): any {
    if (this.rec.type !== 'Custom') throw fail('InvalidOperation', 'not a custom format');
    const rule = new FakeProxy(this.ctx);
    Object.defineProperty(rule, 'formula', { get: () => rule.prop('formula') });
    (rule as any).load = () => { this.ctx.q(() => { rule.data.formula = this.rec.formula; }); return rule; };
    const fill = new FakeProxy(this.ctx);
    Object.defineProperty(fill, 'color', { get: () => fill.prop('color') });
    (fill as any).load = () => { this.ctx.q(() => { fill.data.color = this.rec.color; }); return fill; };
    return { rule, format: { fill } };
  }
  delete(): void {
    this.ctx.w(() => { const s = this.ws.must(); this.ctx.fake.guardSheet(s); s.formats = s.formats.filter((f) => f !== this.rec); });
  }
}
defineProps(ConditionalFormat, ['type', 'id']);

class NoteCollection extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet) { super(ctx); }
  load(_p?: string): this {
    this.ctx.q(() => {
      this.data.items = [...this.ws.must().notes.keys()].map((a) => new Note(this.ctx, this.ws, a, true));
    });
    return this;
  }
  getItemOrNullObject(address: string): Note {
    return new Note(this.ctx, this.ws, address, false);
  }
  add(address: string, content: string): Note {
    this.ctx.w(() => {
      const s = this.ws.must();
      this.ctx.fake.guardSheet(s);
      if (s.notes.has(address)) throw fail('InvalidArgument', `note exists at ${address}`);
      s.notes.set(address, content);
    }, byteLength(content) + 64);
    return new Note(this.ctx, this.ws, address, false);
  }
}
defineProps(NoteCollection, ['items']);

class Note extends FakeProxy {
  constructor(ctx: Ctx, readonly ws: Worksheet, readonly addr: string, loaded: boolean) {
    super(ctx);
    if (loaded) {
      this.data.content = ws.must().notes.get(addr);
      this.data.isNullObject = false;
    }
  }
  load(_p?: string): this {
    this.ctx.q(() => {
      const c = this.ws.must().notes.get(this.addr);
      this.data.isNullObject = c === undefined;
      if (c !== undefined) this.data.content = c;
    });
    return this;
  }
  delete(): void {
    this.ctx.w(() => { this.ctx.fake.guardSheet(this.ws.must()); this.ws.must().notes.delete(this.addr); });
  }
}
defineProps(Note, ['content', 'isNullObject']);
