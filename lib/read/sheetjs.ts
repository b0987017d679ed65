// Reads workbook bytes (.xlsx, .xlsm, .xls, .ods) into the cell grid with SheetJS CE.
// Untrusted input: sniff the container first, never trust !ref, keep names out of plain objects.
import * as XLSX from 'xlsx';
import { emptySheet, setCell, type Cell, type Sheet, type Workbook } from '../grid';

export type ReadErrorCode =
  | 'empty'
  | 'too-large'
  | 'encrypted'
  | 'not-spreadsheet'
  | 'unsupported-format'
  | 'corrupt';

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

export interface ReadOptions {
  /** Largest accepted file, bytes. */
  maxBytes?: number;
}

export const DEFAULT_MAX_BYTES = 100 * 1024 * 1024;

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
  const msg = err instanceof Error ? err.message : String(err);
  if (/password|encrypt/i.test(msg)) return new ReadError('encrypted', file, msg);
  if (/unsupported|not supported/i.test(msg)) return new ReadError('unsupported-format', file, msg);
  return new ReadError('corrupt', file, msg);
}

function toCell(c: XLSX.CellObject): Cell | undefined {
  if (c.t === 'z' || c.t === 'e') {
    if (c.t === 'e') return { value: null, text: c.w ?? '', ...(c.f ? { formula: c.f } : {}) };
    return undefined;
  }
  let value: Cell['value'];
  let text: string;
  if (c.t === 's') {
    value = c.v == null ? '' : String(c.v);
    text = value;
  } else if (c.t === 'n') {
    value = typeof c.v === 'number' ? c.v : Number(c.v);
    text = c.w ?? String(value);
  } else if (c.t === 'b') {
    value = Boolean(c.v);
    text = c.w ?? (value ? 'TRUE' : 'FALSE');
  } else if (c.t === 'd') {
    const d = c.v instanceof Date ? c.v : new Date(String(c.v));
    value = c.w ?? d.toISOString();
    text = value;
  } else {
    value = c.v == null ? null : String(c.v);
    text = c.w ?? (value == null ? '' : String(value));
  }
  if (text === '' && value == null) return undefined;
  return c.f ? { value, text, formula: c.f } : { value, text };
}

function convertSheet(name: string, ws: XLSX.WorkSheet, hidden: boolean): Sheet {
  const sheet = emptySheet(name);
  sheet.hidden = hidden;
  // Dense mode: ws["!data"][r][c]. Bounds come from the cells that exist, not from !ref,
  // so a stray format reaching XFD1048576 costs nothing.
  const data = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'];
  if (data) {
    for (let r = 0; r < data.length; r++) {
      const row = data[r];
      if (!row) continue;
      for (let c = 0; c < row.length; c++) {
        const raw = row[c];
        if (!raw) continue;
        const cell = toCell(raw);
        if (cell) setCell(sheet, r, c, cell);
      }
    }
  }
  for (const m of ws['!merges'] ?? []) {
    sheet.merges.push({ s: { r: m.s.r, c: m.s.c }, e: { r: m.e.r, c: m.e.c } });
  }
  (ws['!rows'] ?? []).forEach((ri, r) => {
    if (ri?.hidden) sheet.hiddenRows.add(r);
  });
  (ws['!cols'] ?? []).forEach((ci, c) => {
    if (ci?.hidden) sheet.hiddenCols.add(c);
  });
  return sheet;
}

/** Parse only: the SheetJS step alone, used as the benchmark baseline. */
export function parseWithSheetJS(bytes: Uint8Array): XLSX.WorkBook {
  return XLSX.read(bytes, {
    type: 'array',
    dense: true,
    cellFormula: true,
    cellHTML: false,
    cellStyles: false,
    cellDates: false,
    sheetStubs: false,
    bookVBA: false,
    WTF: false,
  });
}

export function readWorkbook(bytes: Uint8Array, file: string, opts: ReadOptions = {}): Workbook {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length === 0) throw new ReadError('empty', file);
  if (bytes.length > maxBytes) throw new ReadError('too-large', file, String(bytes.length));
  const kind = sniff(bytes);
  if (kind === 'other') throw new ReadError('not-spreadsheet', file);
  if (kind === 'cfb' && isEncryptedCfb(bytes)) throw new ReadError('encrypted', file);
  let wb: XLSX.WorkBook;
  try {
    wb = parseWithSheetJS(bytes);
  } catch (err) {
    throw classify(err, file);
  }
  const names = Array.isArray(wb.SheetNames) ? wb.SheetNames : [];
  if (names.length === 0) throw new ReadError('not-spreadsheet', file, 'no sheets');
  const meta = wb.Workbook?.Sheets ?? [];
  const sheets: Sheet[] = [];
  names.forEach((name, i) => {
    // Own-property check: a sheet called "__proto__" must not resolve to Object.prototype.
    const ws = Object.prototype.hasOwnProperty.call(wb.Sheets, name) ? wb.Sheets[name] : undefined;
    if (!ws) {
      sheets.push(emptySheet(name));
      return;
    }
    sheets.push(convertSheet(name, ws, Boolean(meta[i]?.Hidden)));
  });
  return { name: file, sheets };
}
