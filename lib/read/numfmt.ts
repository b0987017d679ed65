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
  // The Japanese built-ins of ECMA-376 Part 1, 18.8.30 (ja-JP): 和暦 among them.
  27: '[$-411]ge.m.d',
  28: '[$-411]ggge"年"m"月"d"日"',
  29: '[$-411]ggge"年"m"月"d"日"',
  30: 'm/d/yy',
  31: 'yyyy"年"m"月"d"日"',
  32: 'h"時"mm"分"',
  33: 'h"時"mm"分"ss"秒"',
  34: 'yyyy"年"m"月"',
  35: 'm"月"d"日"',
  36: '[$-411]ge.m.d',
  50: '[$-411]ge.m.d',
  51: '[$-411]ggge"年"m"月"d"日"',
  52: 'yyyy"年"m"月"',
  53: 'm"月"d"日"',
  54: '[$-411]ggge"年"m"月"d"日"',
  55: 'yyyy"年"m"月"',
  56: 'm"月"d"日"',
  57: '[$-411]ge.m.d',
  58: '[$-411]ggge"年"m"月"d"日"',
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

const dateCodes = new Map<string, boolean>();

/** Whether numbers in this format are dates or times (serials, not counts). */
export function isDateFormat(code: string): boolean {
  if (code === 'General' || code === '@') return false;
  let known = dateCodes.get(code);
  if (known === undefined) {
    try {
      known = Boolean(XLSX.SSF.is_date(code));
    } catch {
      known = false;
    }
    // A workbook has a few dozen formats; a hostile one is not let grow the cache without end.
    if (dateCodes.size < 10_000) dateCodes.set(code, known);
  }
  return known;
}

/** Japanese eras from their first day (UTC ms), newest first: 令和 R 令, 平成 H 平, … */
const ERAS: readonly { from: number; name: string; short: string; letter: string; before: number }[] = [
  { from: Date.UTC(2019, 4, 1), name: '令和', short: '令', letter: 'R', before: 2018 },
  { from: Date.UTC(1989, 0, 8), name: '平成', short: '平', letter: 'H', before: 1988 },
  { from: Date.UTC(1926, 11, 25), name: '昭和', short: '昭', letter: 'S', before: 1925 },
  { from: Date.UTC(1912, 6, 30), name: '大正', short: '大', letter: 'T', before: 1911 },
  { from: Date.UTC(1868, 8, 8), name: '明治', short: '明', letter: 'M', before: 1867 },
];
const WEEKDAYS = '日月火水木金土';

/**
 * A date format as SSF can show it: Japanese Excel's tokens SSF does not know written out as
 * literal text for this date (the era: g R, gg 令, ggg 令和, and e, ee its year where the code
 * names an era or the Japanese locale; the weekday: aaa 水, aaaa 水曜日), a `.` between parts
 * (令和8.4.1, 2026.4.1) as a literal, and a locale tag without a symbol (`[$-411]`) dropped.
 */
function dateCodeForSSF(code: string, value: number, date1904: boolean): string {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  if (!/[gGa.]/.test(bare) && !code.includes('[$-')) return code;
  const whole = Math.floor(value);
  const days = date1904 ? whole + 1462 : whole < 61 ? whole + 1 : whole;
  const ms = EPOCH_1900 + days * DAY_MS;
  const d = new Date(ms);
  const era = ERAS.find((e) => ms >= e.from);
  const eraWanted = /[gG]/.test(bare) || /\[\$-(?:411|ja-JP)\]/i.test(code);
  const lit = (t: string): string => `"${t}"`;
  let out = '';
  for (let i = 0; i < code.length; ) {
    const ch = code[i]!;
    if (ch === '"' || ch === '[') {
      const end = code.indexOf(ch === '"' ? '"' : ']', i + 1);
      const stop = end < 0 ? code.length : end + 1;
      const part = code.slice(i, stop);
      // A locale tag with no currency symbol shows nothing in Excel (SSF prints its $).
      if (!/^\[\$-[\w-]+\]$/.test(part)) out += part;
      i = stop;
      continue;
    }
    if (ch === '\\') {
      out += code.slice(i, i + 2);
      i += 2;
      continue;
    }
    let n = 1;
    while (code[i + n]?.toLowerCase() === ch.toLowerCase()) n++;
    const lower = ch.toLowerCase();
    if (lower === 'g' && era) out += lit(n === 1 ? era.letter : n === 2 ? era.short : era.name);
    else if (lower === 'e' && eraWanted && era) out += lit(String(d.getUTCFullYear() - era.before).padStart(n >= 2 ? 2 : 1, '0'));
    else if (ch === 'a' && (n === 3 || n === 4)) out += lit(WEEKDAYS[d.getUTCDay()]! + (n === 4 ? '曜日' : ''));
    // Fractions of a second (ss.00) keep their point.
    else if (ch === '.' && n === 1 && code[i + 1] !== '0') out += '\\.';
    else out += code.slice(i, i + n);
    i += n;
  }
  return out;
}

/** A number as Excel shows it in format `code`; its plain digits if the code cannot be read. */
export function formatNumber(value: number, code: string, date1904 = false): string {
  if (!Number.isFinite(value)) return String(value);
  try {
    return XLSX.SSF.format(isDateFormat(code) ? dateCodeForSSF(code, value, date1904) : code, value, { date1904 });
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
