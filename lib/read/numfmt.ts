// The display text of a number, as Excel shows it, for every reader: one formatter (SheetJS's
// bundled SSF) and one table of built-in formats, so a cell read from the XML and the same cell
// read by SheetJS show the same text, and a number is never compared as its formatted text.
import * as XLSX from 'xlsx';

/**
 * Built-in formats whose code depends on the user's locale. Excel in Japanese shows format 14
 * as 2025/4/1, not SSF's US m/d/yy; the people reading these reports use Japanese Excel.
 */
const JA_BUILTIN: Readonly<Record<number, string>> = {
  14: 'yyyy/m/d',
  22: 'yyyy/m/d h:mm',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
};

const SSF_TABLE: Readonly<Record<number, string>> = { ...(XLSX.SSF.get_table() as Record<number, string>) };

/** The code of built-in number format `id` (General when unknown, as Excel falls back). */
export function builtinFormat(id: number): string {
  return JA_BUILTIN[id] ?? SSF_TABLE[id] ?? 'General';
}

/**
 * The built-in id of a format code, as Excel would store it; undefined for a custom code and
 * for the locale's date formats, which other readers show in their own locale (mm-dd-yy).
 */
export function builtinId(code: string): number | undefined {
  for (const [id, c] of Object.entries(SSF_TABLE)) if (c === code && JA_BUILTIN[Number(id)] === undefined) return Number(id);
  return undefined;
}

/** SheetJS names built-in formats by SSF's codes: the same id's Japanese code instead. */
export function localFormat(code: string | undefined): string {
  if (code === undefined || code === '') return 'General';
  for (const id of [14, 22]) if (code === SSF_TABLE[id]) return JA_BUILTIN[id]!;
  return code;
}

/** Whether numbers in this format are dates or times (serials, not counts). */
export function isDateFormat(code: string): boolean {
  if (code === 'General' || code === '@') return false;
  try {
    return XLSX.SSF.is_date(code);
  } catch {
    return false;
  }
}

/** A number as Excel shows it in format `code`; its plain digits if the code cannot be read. */
export function formatNumber(value: number, code: string, date1904 = false): string {
  if (!Number.isFinite(value)) return String(value);
  try {
    return XLSX.SSF.format(code, value, { date1904 });
  } catch {
    return String(value);
  }
}

const DAY_MS = 86_400_000;
// 1899-12-30: serial 0 in the 1900 system as Excel counts it (its fake 1900-02-29 included).
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);

/** An ISO date cell (`t="d"`, written by some tools) as Excel's serial number, or NaN. */
export function serialOfIso(iso: string, date1904 = false): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?/.exec(iso.trim());
  if (!m) return NaN;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number((m[7] ?? '0').slice(0, 3).padEnd(3, '0')));
  let serial = (ms - (date1904 ? EPOCH_1904 : EPOCH_1900)) / DAY_MS;
  // Before 1900-03-01 the 1900 system is one day off (its 1900-02-29 does not exist).
  if (!date1904 && serial < 61) serial -= 1;
  return serial;
}
