/// <reference types="office-js" />
// Writes into the open workbook: cell values (fixes, consolidation), the add-in's own marks
// (conditional formats it can recognise and remove, notes on 1.18) and list validation.
// Every function queues all its commands and syncs a fixed number of times, except that
// large writes are split so no request nears Excel on the web's 5 MB limit.
import type { Fix } from '../../lib/rules/types';
import type { Finding, Severity } from '../../lib/rules/types';
import { parseA1 } from '../../lib/grid';
import { runExcel, supports, type RunOptions } from './run';
import { CONSOLIDATION_FORMULA, isPaneNote, MARK_FORMULA, NOTE_PREFIX } from '../../lib/marks';

/** Request budget per sync, bytes; well under the 5 MB limit as JSON escapes can inflate text. */
export const REQUEST_BYTES = 2_000_000;
/** Rough per-command overhead of the JSON request, bytes. */
export const COMMAND_BYTES = 160;

/** Always-true formulas that name their owner, so our conditional formats are recognisable (lib/marks). */
export { CONSOLIDATION_FORMULA, MARK_FORMULA };
/** Notes we write start with this (lib/marks knows it too); others' notes are never touched. */
export { NOTE_PREFIX };
export const MARK_COLORS: Record<Severity, string> = { error: '#FFC7CE', warning: '#FFEB9C', info: '#DDEBF7' };
/** Areas per conditional format: keeps each address list short. */
const AREAS_PER_FORMAT = 200;

/**
 * A value Excel must store as text. Excel converts typed text: "=…" to a formula, "(1)" to -1,
 * "1,000" to 1000, "50%", "１２", dates, TRUE. A leading apostrophe keeps the text for this
 * value only; numberFormat '@' would also do, but it stays on the cell and changes its format
 * (later typing there becomes text too, and the master's formats would differ from the CLI's).
 * A plain number ("12", "-3.5") is left to become a number: 集約 writes numbers that way.
 */
export function asText(value: string): string {
  if (/^-?\d+(\.\d+)?$/.test(value)) return value;
  if (/^[=+\-@'#]/.test(value)) return `'${value}`;
  // Digits, parentheses, currency or a decimal point first (half- or full-width), or a boolean.
  return /^\s*[0-9０-９(（.．¥￥$＄]/.test(value) || /^(true|false)$/i.test(value) ? `'${value}` : value;
}

/**
 * A value Excel must store as text, whatever it reads as: asText, and a plain number too. For
 * text the plan names as text (a section's "007" or "12" typed as text), which the CLI's file
 * keeps as text; left bare, Excel would store the number 7 or 12.
 */
export function textOnly(value: string): string {
  return /^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : asText(value);
}

function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
  }
  return n;
}

interface Run {
  sheet: string;
  r: number;
  c: number;
  values: string[];
}

/** Adjacent cells of one row become one range write. */
export function toRuns(fixes: readonly Fix[]): Run[] {
  const cells = fixes.map((f) => ({ sheet: f.sheet, ...parseA1(f.cell), value: f.value }));
  cells.sort((a, b) => (a.sheet < b.sheet ? -1 : a.sheet > b.sheet ? 1 : a.r - b.r || a.c - b.c));
  const runs: Run[] = [];
  for (const x of cells) {
    const last = runs[runs.length - 1];
    if (last && last.sheet === x.sheet && last.r === x.r && last.c + last.values.length === x.c) last.values.push(x.value);
    else if (last && last.sheet === x.sheet && last.r === x.r && last.c + last.values.length - 1 === x.c) last.values[last.values.length - 1] = x.value;
    else runs.push({ sheet: x.sheet, r: x.r, c: x.c, values: [x.value] });
  }
  return runs;
}

export interface WriteResult {
  cells: number;
  syncs: number;
}

/**
 * Queues `put` for each item on its sheet and syncs whenever ~`limit` bytes of request are
 * queued, and once at the end: the one batching loop of every cell writer. Returns the syncs.
 */
export async function writeBatched<T extends { sheet: string }>(
  items: readonly T[],
  put: (ws: Excel.Worksheet, item: T) => void,
  bytesOf: (item: T) => number,
  opts: RunOptions & { requestBytes?: number } = {},
): Promise<number> {
  if (items.length === 0) return 0;
  const limit = opts.requestBytes ?? REQUEST_BYTES;
  return runExcel(async (ctx) => {
    let bytes = 0;
    let syncs = 0;
    const sheets = new Map<string, Excel.Worksheet>();
    for (const item of items) {
      let ws = sheets.get(item.sheet);
      if (!ws) sheets.set(item.sheet, (ws = ctx.workbook.worksheets.getItem(item.sheet)));
      put(ws, item);
      bytes += bytesOf(item);
      if (bytes >= limit) {
        await ctx.sync();
        syncs++;
        bytes = 0;
      }
    }
    if (bytes > 0) {
      await ctx.sync();
      syncs++;
    }
    return syncs;
  }, opts);
}

/** Writes text values; one sync per ~2 MB of request. */
export async function writeCells(fixes: readonly Fix[], opts: RunOptions & { requestBytes?: number } = {}): Promise<WriteResult> {
  const syncs = await writeBatched(
    toRuns(fixes),
    (ws, run) => {
      ws.getRangeByIndexes(run.r, run.c, 1, run.values.length).values = [run.values.map(asText)];
    },
    (run) => COMMAND_BYTES + run.values.reduce((n, v) => n + utf8Length(v) + 8, 0),
    opts,
  );
  return { cells: syncs > 0 ? fixes.length : 0, syncs };
}

/**
 * Cells of `cells` that are locked ("sheet!A1"): one sync, only for protected sheets, so no
 * write is ever attempted into a cell Excel would refuse.
 */
export async function lockedCells(cells: readonly { sheet: string; cell: string }[], protectedSheets: readonly string[], opts: RunOptions = {}): Promise<Set<string>> {
  const asked = [...new Map(cells.filter((x) => protectedSheets.includes(x.sheet)).map((x) => [`${x.sheet}!${x.cell}`, x])).values()];
  if (asked.length === 0) return new Set();
  return runExcel(async (ctx) => {
    const probes = asked.map((x) => {
      const p = ctx.workbook.worksheets.getItem(x.sheet).getRange(x.cell).format.protection;
      p.load('locked');
      return { x, p };
    });
    await ctx.sync();
    // null (mixed) counts as locked: part of the range would be refused.
    return new Set(probes.filter(({ p }) => p.locked !== false).map(({ x }) => `${x.sheet}!${x.cell}`));
  }, opts);
}

export async function selectCell(sheet: string, cell: string, opts: RunOptions = {}): Promise<void> {
  await runExcel(async (ctx) => {
    const ws = ctx.workbook.worksheets.getItem(sheet);
    ws.activate();
    ws.getRange(cell).select();
    await ctx.sync();
  }, opts);
}

interface SheetMarks {
  ws: Excel.Worksheet;
  formats: Excel.ConditionalFormatCollection;
  notes?: Excel.NoteCollection;
}

/**
 * Removes the add-in's marks and, when `findings` are given, marks their cells again:
 * four syncs whatever the number of findings (sheets, formats and notes, custom rules, write).
 */
export async function setMarks(findings: readonly Finding[] | null, opts: RunOptions & { notes?: boolean; skip?: readonly string[] } = {}): Promise<{ syncs: number; marked: number }> {
  const useNotes = (opts.notes ?? true) && supports('ExcelApi', '1.18');
  const skip = new Set(opts.skip ?? []);
  return runExcel(async (ctx) => {
    const wss = ctx.workbook.worksheets;
    wss.load('items/name');
    const bySheet = new Map<string, Finding[]>();
    for (const f of findings ?? []) {
      if (skip.has(f.sheet)) continue;
      const list = bySheet.get(f.sheet) ?? [];
      list.push(f);
      bySheet.set(f.sheet, list);
    }
    await ctx.sync();
    // A protected sheet refuses formats and notes, deleting included: not touched at all.
    const marks: SheetMarks[] = wss.items.filter((ws) => !skip.has(ws.name)).map((ws) => {
      const formats = ws.getRange().conditionalFormats;
      formats.load('items/type');
      let notes: Excel.NoteCollection | undefined;
      if (useNotes) {
        notes = ws.notes;
        notes.load('items/content');
      }
      return { ws, formats, notes };
    });
    // Cells that already carry someone's note keep it; ours goes elsewhere or not at all.
    const noteSlots = new Map<string, Map<string, Excel.Note>>();
    if (useNotes) {
      for (const m of marks) {
        const cells = new Set((bySheet.get(m.ws.name) ?? []).map((f) => f.cell));
        const slots = new Map<string, Excel.Note>();
        for (const cell of cells) {
          const n = m.notes!.getItemOrNullObject(cell);
          n.load('content');
          slots.set(cell, n);
        }
        noteSlots.set(m.ws.name, slots);
      }
    }
    await ctx.sync();
    const customs: { f: Excel.ConditionalFormat; rule: Excel.ConditionalFormatRule }[] = [];
    for (const m of marks) {
      for (const f of m.formats.items) {
        if (f.type !== 'Custom') continue;
        const rule = f.custom.rule;
        rule.load('formula');
        customs.push({ f, rule });
      }
    }
    await ctx.sync();
    let syncs = 3;
    for (const c of customs) if (c.rule.formula === MARK_FORMULA) c.f.delete();
    for (const m of marks) for (const n of m.notes?.items ?? []) if (isPaneNote(String(n.content))) n.delete();
    let marked = 0;
    for (const m of marks) {
      const list = bySheet.get(m.ws.name);
      if (!list?.length) continue;
      for (const sev of ['info', 'warning', 'error'] as Severity[]) {
        // Higher severities are added last so they win where a cell has several findings.
        const cells = [...new Set(list.filter((f) => f.severity === sev).map((f) => f.cell))];
        for (let i = 0; i < cells.length; i += AREAS_PER_FORMAT) {
          const part = cells.slice(i, i + AREAS_PER_FORMAT);
          const cf = m.ws.getRanges(part.join(',')).conditionalFormats.add(Excel.ConditionalFormatType.custom);
          cf.custom.rule.formula = MARK_FORMULA;
          cf.custom.format.fill.color = MARK_COLORS[sev];
          marked += part.length;
        }
      }
      if (useNotes) {
        const slots = noteSlots.get(m.ws.name)!;
        const text = new Map<string, string[]>();
        for (const f of list) text.set(f.cell, [...(text.get(f.cell) ?? []), f.message]);
        for (const [cell, msgs] of text) {
          const slot = slots.get(cell);
          const existing = slot && !slot.isNullObject ? String(slot.content) : null;
          if (existing !== null && !isPaneNote(existing)) continue;
          // Ours was deleted above; a fresh one replaces it.
          m.ws.notes.add(cell, `${NOTE_PREFIX}\n${msgs.join('\n')}`);
        }
      }
    }
    await ctx.sync();
    syncs++;
    return { syncs, marked };
  }, opts);
}

export interface OwnedFill {
  sheet: string;
  cell: string;
  /** "#RRGGBB". */
  color: string;
}

/**
 * Replaces the conditional formats tagged `formula` with fills on the given cells (or only
 * removes them when `fills` is null): four syncs, like setMarks, whatever the number of cells.
 * Formats in a colour of `keep` stay: an earlier run's history, moved by Excel with its rows.
 * Formats tagged with a formula of `alsoDrop` go too (publish: `diff -o`'s colours).
 */
export async function setOwnedFills(formula: string, fills: readonly OwnedFill[] | null, opts: RunOptions = {}, keep: readonly string[] = [], alsoDrop: readonly string[] = []): Promise<{ syncs: number }> {
  return runExcel(async (ctx) => {
    const wss = ctx.workbook.worksheets;
    wss.load('items/name');
    await ctx.sync();
    const formats = wss.items.map((ws) => {
      const f = ws.getRange().conditionalFormats;
      f.load('items/type');
      return { ws, f };
    });
    await ctx.sync();
    const customs: { f: Excel.ConditionalFormat; rule: Excel.ConditionalFormatRule; fill: Excel.ConditionalRangeFill }[] = [];
    for (const { f } of formats) {
      for (const cf of f.items) {
        if (cf.type !== 'Custom') continue;
        const rule = cf.custom.rule;
        rule.load('formula');
        const fill = cf.custom.format.fill;
        fill.load('color');
        customs.push({ f: cf, rule, fill });
      }
    }
    await ctx.sync();
    const kept = new Set(keep.map((c) => c.toUpperCase()));
    for (const c of customs) if ((c.rule.formula === formula && !kept.has((c.fill.color ?? '').toUpperCase())) || alsoDrop.includes(c.rule.formula)) c.f.delete();
    const groups = new Map<string, string[]>();
    for (const x of fills ?? []) {
      const k = `${x.sheet}\u0000${x.color}`;
      groups.set(k, [...(groups.get(k) ?? []), x.cell]);
    }
    for (const [k, cells] of groups) {
      const [sheet, color] = k.split('\u0000') as [string, string];
      const ws = formats.find((x) => x.ws.name === sheet)?.ws;
      if (!ws) continue;
      const unique = [...new Set(cells)];
      for (let i = 0; i < unique.length; i += AREAS_PER_FORMAT) {
        const cf = ws.getRanges(unique.slice(i, i + AREAS_PER_FORMAT).join(',')).conditionalFormats.add(Excel.ConditionalFormatType.custom);
        cf.custom.rule.formula = formula;
        cf.custom.format.fill.color = color;
      }
    }
    await ctx.sync();
    return { syncs: 4 };
  }, opts);
}

/** Name of the hidden sheet holding the lists for 入力規則. */
export const LIST_SHEET = '_進捗チェック_リスト';

export interface ListRule {
  sheet: string;
  /** 0-based column and rows (inclusive) the rule covers. */
  c: number;
  r0: number;
  r1: number;
  /** Index into `lists`. */
  list: number;
  /** 担当課 cells may name several departments: warn instead of refusing. */
  strict: boolean;
}

/**
 * Writes the lists on a hidden sheet (a literal list is capped at 255 characters) and sets
 * list validation on the given columns: two syncs.
 */
export async function setInputRules(lists: string[][], rules: readonly ListRule[], titles: { error: string; message: string }, opts: RunOptions = {}): Promise<{ syncs: number }> {
  return runExcel(async (ctx) => {
    const wss = ctx.workbook.worksheets;
    const existing = wss.getItemOrNullObject(LIST_SHEET);
    existing.load('name');
    await ctx.sync();
    const ls = existing.isNullObject ? wss.add(LIST_SHEET) : existing;
    if (!existing.isNullObject) ls.getRange().clear(Excel.ClearApplyTo.contents);
    lists.forEach((items, j) => {
      if (items.length === 0) return;
      ls.getRangeByIndexes(0, j, items.length, 1).values = items.map((v) => [asText(v)]);
    });
    ls.visibility = Excel.SheetVisibility.hidden;
    const colLetter = (c: number): string => {
      let s = '';
      for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      return s;
    };
    for (const r of rules) {
      const items = lists[r.list]!;
      const col = colLetter(r.list);
      const dv = wss.getItem(r.sheet).getRangeByIndexes(r.r0, r.c, r.r1 - r.r0 + 1, 1).dataValidation;
      dv.clear();
      dv.rule = { list: { inCellDropDown: true, source: `='${LIST_SHEET}'!$${col}$1:$${col}$${Math.max(1, items.length)}` } };
      dv.errorAlert = {
        showAlert: true,
        style: r.strict ? Excel.DataValidationAlertStyle.stop : Excel.DataValidationAlertStyle.warning,
        title: titles.error,
        message: titles.message,
      };
    }
    await ctx.sync();
    return { syncs: 2 };
  }, opts);
}

/** Thrown when the host cannot give the open workbook as a file (no File requirement set). */
export const NO_FILE_API = 'FileApiMissing';

/** The open workbook as .xlsx bytes (Office common API, slices of 4 MB). */
export function getFileBytes(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const doc = Office.context.document;
    if (!Office.context.requirements.isSetSupported('File', '1.1') || typeof doc.getFileAsync !== 'function') {
      return reject(Object.assign(new Error('Document.getFileAsync is not available (File 1.1)'), { code: NO_FILE_API }));
    }
    doc.getFileAsync(Office.FileType.Compressed, { sliceSize: 4 * 1024 * 1024 }, (res) => {
      if (res.status !== Office.AsyncResultStatus.Succeeded) return reject(res.error);
      const file = res.value;
      const parts: Uint8Array[] = [];
      let i = 0;
      const next = (): void => {
        file.getSliceAsync(i, (s) => {
          if (s.status !== Office.AsyncResultStatus.Succeeded) {
            file.closeAsync();
            return reject(s.error);
          }
          parts.push(new Uint8Array(s.value.data as ArrayLike<number>));
          i++;
          if (i < file.sliceCount) next();
          else {
            file.closeAsync();
            const total = parts.reduce((n, p) => n + p.length, 0);
            const out = new Uint8Array(total);
            let o = 0;
            for (const p of parts) {
              out.set(p, o);
              o += p.length;
            }
            resolve(out);
          }
        });
      };
      next();
    });
  });
}
