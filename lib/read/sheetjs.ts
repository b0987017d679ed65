// Reads workbook bytes (.xlsx, .xlsm, .xlsb, .xls, .ods) into the cell grid with SheetJS CE.
// Untrusted input: sniff the container, open zips ourselves under limits (zip.ts), never
// trust !ref, keep names out of plain objects, and bound every loop by real content.
import * as XLSX from 'xlsx';
import { TEMPLATE_NAME, templatePeriod } from '../marks';
import { colIndex, emptySheet, setCell, type Cell, type Range, type Sheet, type Workbook } from '../grid';
import { unescapeXml } from '../ooxml/xml';
import { checkZip, DEFAULT_ZIP_LIMITS, openZip, ZipError, type OpenedZip, type ZipLimits } from '../ooxml/zip';
import { builtinFormat, formatNumber, isDateFormat, localFormat, serialOfIso } from './numfmt';
import { sniffText } from './sniff';

export type ReadErrorCode =
  | 'empty'
  | 'too-large'
  | 'expanded-too-large'
  | 'encrypted'
  | 'not-spreadsheet'
  | 'text-file'
  | 'unsupported-format'
  | 'corrupt'
  | 'changed';

/** A file that could not be read; `code` selects the Japanese message in the locale. */
export class ReadError extends Error {
  constructor(
    readonly code: ReadErrorCode,
    readonly file: string,
    readonly detail = '',
  ) {
    super(`${code}: ${file}${detail ? ` (${detail})` : ''}`);
    this.name = 'ReadError';
  }
}

export interface ReadLimits extends ZipLimits {
  /** Largest accepted file, bytes. */
  maxBytes: number;
  /** Cells holding a value, whole workbook. */
  maxCells: number;
  /** Characters of cell text, whole workbook (shared strings can repeat one long text). */
  maxTextChars: number;
  /** Merge-covered cells per sheet, after clamping to the cells that exist. */
  maxMergeCells: number;
  maxSheets: number;
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

export const DEFAULT_LIMITS: ReadLimits = {
  ...DEFAULT_ZIP_LIMITS,
  maxBytes: DEFAULT_MAX_BYTES,
  maxCells: 2_000_000,
  maxTextChars: 64 * 1024 * 1024,
  maxMergeCells: 1_000_000,
  maxSheets: 1_000,
};

export interface ReadOptions extends Partial<ReadLimits> {
  /** Filled with what was read but deserves a word (a formula without a saved result). */
  notes?: ReadNote[];
}

export interface ReadNote {
  kind: 'formula-no-value';
  sheet: string;
  r: number;
  c: number;
  formula: string;
}

export function limitsOf(opts: ReadOptions = {}): ReadLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const k of Object.keys(DEFAULT_LIMITS) as (keyof ReadLimits)[]) {
    const v = opts[k];
    if (typeof v === 'number') out[k] = v;
  }
  return out;
}

type Container = 'zip' | 'cfb' | 'other';

function sniff(bytes: Uint8Array): Container {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (
    bytes.length >= 8 &&
    bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0 &&
    bytes[4] === 0xa1 && bytes[5] === 0xb1 && bytes[6] === 0x1a && bytes[7] === 0xe1
  ) return 'cfb';
  return 'other';
}

/** An OLE container holding "EncryptionInfo" is a password-protected OOXML file. */
function isEncryptedCfb(bytes: Uint8Array): boolean {
  // Directory entry names are UTF-16LE; scanning for the name is enough to tell.
  const needle = 'EncryptionInfo';
  const limit = Math.min(bytes.length, 4 * 1024 * 1024);
  outer: for (let i = 0; i + needle.length * 2 <= limit; i++) {
    for (let k = 0; k < needle.length; k++) {
      if (bytes[i + k * 2] !== needle.charCodeAt(k) || bytes[i + k * 2 + 1] !== 0) continue outer;
    }
    return true;
  }
  return false;
}

function classify(err: unknown, file: string): ReadError {
  if (err instanceof ReadError) return err;
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(msg)) return new ReadError('encrypted', file, msg);
  if (/unsupported|not supported/i.test(msg)) return new ReadError('unsupported-format', file, msg);
  // V8 gives up on strings or arrays past its own limits: the file is too big, not broken.
  if (err instanceof RangeError) return new ReadError('expanded-too-large', file, msg);
  return new ReadError('corrupt', file, msg);
}

function toCell(c: XLSX.CellObject, date1904: boolean): Cell | undefined {
  if (c.t === 'z') return undefined;
  const withFormula = (cell: Cell): Cell => (c.f ? { ...cell, formula: c.f } : cell);
  if (c.t === 'e') return withFormula({ value: null, text: c.w ?? '', type: 'e' });
  if (c.t === 'b') {
    const value = Boolean(c.v);
    return withFormula({ value, text: value ? 'TRUE' : 'FALSE', type: 'b' });
  }
  if (c.t === 'n' || c.t === 'd') {
    // Numbers through the one formatter of every reader (numfmt.ts), never SheetJS's own text.
    const value = c.v instanceof Date ? serialOfIso(c.v.toISOString(), date1904) : typeof c.v === 'number' ? c.v : Number(c.v);
    if (!Number.isFinite(value)) return undefined;
    const format = localFormat(typeof c.z === 'string' ? c.z : typeof c.z === 'number' ? builtinFormat(c.z) : undefined);
    const cell: Cell = { value, text: formatNumber(value, format, date1904), type: c.t === 'd' || isDateFormat(format) ? 'd' : 'n' };
    if (format !== 'General') cell.format = format;
    return withFormula(cell);
  }
  const text = c.v == null ? '' : String(c.v);
  // Empty text is no content (the XML reader leaves such cells out too), unless a formula made it.
  if (text === '' && !c.f) return undefined;
  return withFormula({ value: text, text, type: 's' });
}

interface Budget {
  date1904: boolean;
  cells: number;
  chars: number;
  limits: ReadLimits;
  file: string;
}

/**
 * Merges clamped to the cells that exist; a merge reaching XFD1048576 covers only the used
 * area, and the covered total per sheet is capped (merges past the cap are dropped: they
 * only repeat an anchor's text, and no real report has a million merged cells).
 */
export function clampMerges(sheet: Sheet, merges: readonly Range[], max: number): Range[] {
  const out: Range[] = [];
  let covered = 0;
  const lastR = sheet.rowCount - 1;
  const lastC = sheet.colCount - 1;
  for (const m of merges) {
    const s = { r: Math.max(0, m.s.r | 0), c: Math.max(0, m.s.c | 0) };
    const e = { r: Math.min(m.e.r | 0, lastR), c: Math.min(m.e.c | 0, lastC) };
    if (s.r > lastR || s.c > lastC || e.r < s.r || e.c < s.c) continue;
    const area = (e.r - s.r + 1) * (e.c - s.c + 1);
    if (area <= 1) continue;
    if (covered + area > max) continue;
    covered += area;
    out.push({ s, e });
  }
  return out;
}

function convertSheet(name: string, ws: XLSX.WorkSheet, hidden: boolean, budget: Budget): Sheet {
  const sheet = emptySheet(name);
  sheet.hidden = hidden;
  // Dense mode: ws["!data"][r][c]. Bounds come from the cells that exist, not from !ref,
  // so a stray format reaching XFD1048576 costs nothing.
  const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'];
  if (Array.isArray(data)) {
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!Array.isArray(row)) continue;
      for (let c = 0; c < row.length; c++) {
        const raw = row[c];
        if (!raw) continue;
        const cell = toCell(raw, budget.date1904);
        if (!cell) continue;
        budget.cells++;
        budget.chars += cell.text.length;
        if (budget.cells > budget.limits.maxCells) {
          throw new ReadError('expanded-too-large', budget.file, `cells > ${budget.limits.maxCells}`);
        }
        if (budget.chars > budget.limits.maxTextChars) {
          throw new ReadError('expanded-too-large', budget.file, `text > ${budget.limits.maxTextChars} chars`);
        }
        setCell(sheet, r, c, cell);
      }
    }
  }
  sheet.merges = clampMerges(sheet, ws['!merges'] ?? [], budget.limits.maxMergeCells);
  const rows = ws['!rows'];
  if (Array.isArray(rows)) {
    rows.forEach((ri, r) => {
      if (ri?.hidden && r < sheet.rowCount) sheet.hiddenRows.add(r);
    });
  }
  const cols = ws['!cols'];
  if (Array.isArray(cols)) {
    cols.forEach((ci, c) => {
      if (ci?.hidden && c < sheet.colCount) sheet.hiddenCols.add(c);
    });
  }
  return sheet;
}

const PARSE_OPTS: XLSX.ParsingOptions = {
  type: 'array',
  dense: true,
  cellFormula: true,
  cellHTML: false,
  // The format code of each number, for the one formatter every reader uses (numfmt.ts).
  cellNF: true,
  cellStyles: false,
  cellDates: false,
  sheetStubs: false,
  bookVBA: false,
  WTF: false,
};

/** Parse only: the SheetJS step alone, used as the benchmark baseline. */
export function parseWithSheetJS(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, { ...PARSE_OPTS });
}

/**
 * SheetJS reports odd records of a broken file on console.error ("Missing Info for XLS
 * Record…"): English noise on the user's terminal for a file we name and explain anyway.
 */
function quietly<T>(fn: () => T): T {
  const { error, warn } = console;
  const { stackTraceLimit } = Error;
  console.error = () => undefined;
  console.warn = () => undefined;
  // SheetJS looks for optional parts (a sheet's relationships, comments) by catching the
  // error a missing one throws; a stack trace for each costs more than parsing a small sheet.
  Error.stackTraceLimit = 0;
  try {
    return fn();
  } finally {
    console.error = error;
    console.warn = warn;
    Error.stackTraceLimit = stackTraceLimit;
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

function part(z: OpenedZip, name: string): Uint8Array | undefined {
  const lower = name.toLowerCase();
  return z.files.find((f) => f.name.toLowerCase() === lower)?.data;
}

/**
 * ODF's <number:day/>, <number:hours/>, <number:minutes/> and <number:seconds/> are short
 * when they say no style (LibreOffice writes yyyy/m/d and h:mm so); SheetJS reads them as
 * long (dd, hh), and a date typed 2026/4/1 came into the master shown as 2026/4/01.
 */
export function odsShortByDefault(data: Uint8Array): Uint8Array {
  const xml = textDecoder.decode(data);
  const tag = /<number:(?:day|hours|minutes|seconds)(?=[\s/>])[^>]*>/g;
  let changed = false;
  const out = xml.replace(tag, (t) => {
    if (/\snumber:style\s*=/.test(t)) return t;
    changed = true;
    return t.replace(/^(<number:[\w-]+)/, '$1 number:style="short"');
  });
  return changed ? new TextEncoder().encode(out) : data;
}

/** Upper bound of the cells SheetJS materialises from an ODS table's repeat attributes. */
export function odsExpandedCells(xml: string): number {
  let total = 0;
  let rowRepeat = 1;
  let rowCells = 0;
  const tag = /<(\/?)table:(table-row|table-cell|covered-table-cell)\b([^>]*?)(\/?)>/g;
  for (let m = tag.exec(xml); m; m = tag.exec(xml)) {
    const [, close, name, attrs, selfClose] = m;
    if (name === 'table-row') {
      if (close) {
        total += rowRepeat * rowCells;
        rowRepeat = 1;
        rowCells = 0;
      } else {
        rowRepeat = Number(/table:number-rows-repeated="(\d+)"/.exec(attrs!)?.[1] ?? 1) || 1;
        rowCells = 0;
      }
    } else if (!close) {
      // A self-closing cell without a value type is empty and never materialised.
      const empty = selfClose === '/' && !/office:value-type=/.test(attrs!);
      if (!empty) rowCells += Number(/table:number-columns-repeated="(\d+)"/.exec(attrs!)?.[1] ?? 1) || 1;
    }
  }
  return total;
}

/**
 * Sheet name → part path, from workbook.xml and its relationships. Refuses sheets whose
 * target repeats: SheetJS would parse the same part again for every one of them.
 */
function sheetParts(z: OpenedZip, file: string, limits: ReadLimits): Map<string, string> {
  const out = new Map<string, string>();
  const wbXml = part(z, 'xl/workbook.xml');
  if (!wbXml) return out;
  const xml = textDecoder.decode(wbXml);
  const sheetTags = xml.match(/<(?:\w+:)?sheet\b[^>]*>/g) ?? [];
  if (sheetTags.length > limits.maxSheets) throw new ReadError('expanded-too-large', file, `${sheetTags.length} sheets`);
  const rels = part(z, 'xl/_rels/workbook.xml.rels');
  if (!rels) return out;
  const targets = new Map<string, string>();
  for (const m of textDecoder.decode(rels).matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)) {
    const id = /\bId="([^"]*)"/.exec(m[0])?.[1];
    const target = /\bTarget="([^"]*)"/.exec(m[0])?.[1];
    if (id !== undefined && target !== undefined) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const seen = new Set<string>();
  for (const t of sheetTags) {
    const id = /\br:id="([^"]*)"/.exec(t)?.[1] ?? /\bid="([^"]*)"/.exec(t)?.[1];
    const target = id === undefined ? undefined : targets.get(id);
    if (target === undefined) continue;
    if (seen.has(target)) throw new ReadError('corrupt', file, `sheet part ${target} referenced twice`);
    seen.add(target);
    const name = /\bname="([^"]*)"/.exec(t)?.[1];
    if (name !== undefined) out.set(unescapeXml(name), target);
  }
  return out;
}

/** Whether the bytes contain "<f" (a formula element); plain loop, no Node Buffer needed. */
function hasFormulaTag(b: Uint8Array): boolean {
  for (let i = b.indexOf(0x3c); i >= 0 && i + 1 < b.length; i = b.indexOf(0x3c, i + 1)) {
    if (b[i + 1] === 0x66) return true;
  }
  return false;
}

/**
 * Formulas saved without their result (files written by scripts, or saved with manual
 * calculation): SheetJS drops such cells, so they are found in the XML and named.
 */
function formulasWithoutValue(z: OpenedZip, parts: Map<string, string>, notes: ReadNote[]): void {
  for (const [sheet, path] of parts) {
    const data = part(z, path);
    if (!data || !hasFormulaTag(data)) continue;
    const xml = textDecoder.decode(data);
    const re = /<c\b([^>]*?)>\s*<f\b[^>]*?(?:\/>|>([^<]*)<\/f>)\s*(?:<v\s*\/>|<v>\s*<\/v>)?\s*<\/c>/g;
    for (const m of xml.matchAll(re)) {
      const ref = /\br="([A-Z]{1,3})(\d{1,7})"/.exec(m[1]!);
      if (!ref) continue;
      notes.push({ kind: 'formula-no-value', sheet, r: Number(ref[2]) - 1, c: colIndex(ref[1]!), formula: unescapeXml(m[2] ?? '') });
    }
  }
}

/** A ZipError as the ReadError of `file`; anything else unchanged. */
export function zipReadError(err: unknown, file: string): unknown {
  if (!(err instanceof ZipError)) return err;
  const p = err.problem;
  if (p.kind === 'expanded') return new ReadError('expanded-too-large', file, p.detail);
  if (p.kind === 'encrypted') return new ReadError('encrypted', file, p.detail);
  if (p.kind === 'unsupported') return new ReadError('unsupported-format', file, p.detail);
  return new ReadError('corrupt', file, p.detail);
}

/**
 * In Node, parts handed to SheetJS as Buffers: it turns a Buffer into its byte string with
 * one native call, a plain Uint8Array with TextDecoder and a regex over the whole part.
 */
function nodeBufferView(): (d: Uint8Array) => Uint8Array {
  const B = (globalThis as { Buffer?: { from: (a: ArrayBufferLike, o: number, n: number) => Uint8Array } }).Buffer;
  return B ? (d) => B.from(d.buffer, d.byteOffset, d.length) : (d) => d;
}

function parseZip(bytes: Uint8Array, file: string, limits: ReadLimits, notes?: ReadNote[]): XLSX.WorkBook {
  let z: OpenedZip;
  try {
    z = openZip(bytes, limits);
  } catch (err) {
    throw zipReadError(err, file);
  }
  const isOds = Boolean(part(z, 'content.xml')) && Boolean(part(z, 'META-INF/manifest.xml') ?? part(z, 'mimetype'));
  const isOoxml = Boolean(part(z, 'xl/workbook.xml') ?? part(z, 'xl/workbook.bin'));
  if (!isOds && !isOoxml) {
    if (part(z, 'word/document.xml')) throw new ReadError('not-spreadsheet', file, 'Word');
    if (part(z, 'ppt/presentation.xml')) throw new ReadError('not-spreadsheet', file, 'PowerPoint');
    if (z.entries.some((e) => e.name === 'Index/Document.iwa')) throw new ReadError('unsupported-format', file, 'Numbers');
    throw new ReadError('not-spreadsheet', file, 'zip');
  }
  if (isOds) {
    const content = part(z, 'content.xml')!;
    const cells = odsExpandedCells(textDecoder.decode(content));
    if (cells > limits.maxCells) throw new ReadError('expanded-too-large', file, `${cells} repeated cells`);
  } else {
    const parts = sheetParts(z, file, limits);
    if (notes) formulasWithoutValue(z, parts, notes);
  }
  const cfb = XLSX.CFB.utils.cfb_new();
  const asBuffer = nodeBufferView();
  for (const f of z.files) {
    const data = isOds && /^(?:content|styles)\.xml$/i.test(f.name) ? odsShortByDefault(f.data) : f.data;
    // What SheetJS's own zip reader does, minus the inflating (done above under limits).
    (XLSX.CFB.utils as unknown as { cfb_add: (c: unknown, n: string, d: Uint8Array, o: object) => void }).cfb_add(cfb, f.name, asBuffer(data), { unsafe: true });
  }
  const parseZipFn = (XLSX as unknown as { parse_zip: (zip: unknown, o: XLSX.ParsingOptions) => XLSX.WorkBook }).parse_zip;
  return parseZipFn(cfb, { ...PARSE_OPTS });
}

/**
 * The checks that need no parse: empty, too large, not a workbook container, encrypted,
 * and for zips the directory limits (nothing inflated). Throws ReadError. Anyone opening
 * untrusted workbook bytes by other means (a zip library, an XML patcher) calls this first.
 */
export function preflight(bytes: Uint8Array, file: string, opts: ReadOptions = {}): 'zip' | 'cfb' {
  const limits = limitsOf(opts);
  if (bytes.length === 0) throw new ReadError('empty', file);
  if (bytes.length > limits.maxBytes) throw new ReadError('too-large', file, String(bytes.length));
  const kind = sniff(bytes);
  if (kind === 'other') {
    const t = sniffText(bytes);
    if (t === 'csv' || t === 'tsv' || t === 'text') throw new ReadError('text-file', file, t);
    if (t === 'html' || t === 'xml') throw new ReadError('unsupported-format', file, t);
    if (t === 'pdf') throw new ReadError('not-spreadsheet', file, 'PDF');
    throw new ReadError('not-spreadsheet', file);
  }
  if (kind === 'cfb' && isEncryptedCfb(bytes)) throw new ReadError('encrypted', file);
  if (kind === 'zip') {
    try {
      checkZip(bytes, limits);
    } catch (err) {
      throw zipReadError(err, file);
    }
  }
  return kind;
}

/** Reads any workbook SheetJS knows (.xls, .xlsb, .ods; .xlsx the XML reader refused). */
export function readWithSheetJS(bytes: Uint8Array, file: string, opts: ReadOptions = {}): Workbook {
  const limits = limitsOf(opts);
  const kind = preflight(bytes, file, opts);
  let wb: XLSX.WorkBook;
  try {
    wb = quietly(() => (kind === 'zip' ? parseZip(bytes, file, limits, opts.notes) : parseWithSheetJS(bytes)));
  } catch (err) {
    throw classify(err, file);
  }
  const names = Array.isArray(wb.SheetNames) ? wb.SheetNames : [];
  if (names.length === 0) throw new ReadError('not-spreadsheet', file, 'no sheets');
  if (names.length > limits.maxSheets) throw new ReadError('expanded-too-large', file, `${names.length} sheets`);
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets: Sheet[] = [];
  const date1904 = Boolean((wb.Workbook?.WBProps as { date1904?: boolean } | undefined)?.date1904);
  const budget: Budget = { date1904, cells: 0, chars: 0, limits, file };
  names.forEach((name, i) => {
    // Own-property check: a sheet called "__proto__" must not resolve to Object.prototype.
    let ws = Object.prototype.hasOwnProperty.call(wb.Sheets, name) ? wb.Sheets[name] : undefined;
    // SheetJS stores sheets in a plain object: `Sheets["__proto__"] = ws` set its prototype
    // instead of a key. Take the sheet back from there rather than lose it.
    if (!ws && name === '__proto__') {
      const proto: unknown = Object.getPrototypeOf(wb.Sheets);
      if (proto && proto !== Object.prototype && typeof proto === 'object' && ('!data' in proto || '!ref' in proto)) ws = proto as XLSX.WorkSheet;
    }
    if (!ws) {
      sheets.push(emptySheet(String(name)));
      return;
    }
    sheets.push(convertSheet(String(name), ws, Boolean(meta[i]?.Hidden), budget));
  });
  // The template mark `next` writes: a workbook-level name holding a string constant.
  const mark = (wb.Workbook?.Names ?? []).find((n) => n.Name === TEMPLATE_NAME && n.Sheet === undefined);
  const template = templatePeriod(mark?.Ref);
  return { name: file, sheets, ...(template !== undefined ? { template } : {}) };
}
