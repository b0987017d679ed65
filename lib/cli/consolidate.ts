// `shinchoku consolidate MASTER.xlsx FILES-OR-FOLDERS… -o OUT.xlsx`: reads the returned
// workbooks, merges them through the library, writes the result atomically and explains it.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { consolidate } from '../consolidate/consolidate';
import { fileNameFor, knownDepartments, matchDepartmentName } from '../consolidate/departments';
import { masterErrorMessage } from '../consolidate/messages';
import type { Source, Summary } from '../consolidate/types';
import { conflictDetail, droppedRows, unfilledGroups } from '../consolidate/summary-sheet';
import { consolidate as t } from '../locale/ja/consolidate';
import { format, severityLabel } from '../locale/ja/format';
import { readErrors } from '../locale/ja/read';
import { META_SHEET } from '../marks';
import { readWorkbook } from '../read/workbook';
import { readInput as readFileInput } from './check-file';
import { outputFolderProblem, writeReason } from './errors';
import { expandInputs, folderProblem } from './files';
import type { Io } from './io';
import { printable } from './validate';

export interface ConsolidateArgs {
  master: string;
  inputs: string[];
  output: string;
  format: 'text' | 'json';
  config: Config;
  preferNewest: boolean;
  /** Every sheet of each input workbook is a source of its own. */
  sheets: boolean;
}

/** Same file on disk (also through links), or the same resolved path when one does not exist yet. */
export function samePath(a: string, b: string): boolean {
  const real = (p: string): string => {
    try {
      return fs.realpathSync(p);
    } catch {
      try {
        return path.join(fs.realpathSync(path.dirname(p)), path.basename(p));
      } catch {
        return path.resolve(p);
      }
    }
  };
  return real(a) === real(b);
}

export function writeAtomic(target: string, bytes: Uint8Array): void {
  const dir = path.dirname(path.resolve(target));
  // Short and fixed-length: a long target name must not make the temporary one too long.
  const tmp = path.join(dir, `.shinchoku-${process.pid}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}.tmp`);
  try {
    fs.writeFileSync(tmp, bytes, { flag: 'wx' });
    fs.renameSync(tmp, target);
  } catch (err) {
    try {
      fs.unlinkSync(tmp);
    } catch {
      // nothing to clean up
    }
    throw err;
  }
}

/** Writes an output atomically, or says why not in Japanese (`say`); whether it was written. */
export function writeOutput(target: string, bytes: Uint8Array, say: (message: string) => void): boolean {
  try {
    writeAtomic(target, bytes);
    return true;
  } catch (e) {
    say(format(t.writeFailed, { path: target, detail: writeReason(e, target) }));
    return false;
  }
}

/** `BOOK.xlsx#シート名` when BOOK.xlsx exists and the whole argument does not. */
export function splitSheetArg(arg: string): { file: string; sheet?: string } {
  const i = arg.lastIndexOf('#');
  if (i <= 0 || fs.existsSync(arg)) return { file: arg };
  const file = arg.slice(0, i);
  return fs.existsSync(file) ? { file, sheet: arg.slice(i + 1) } : { file: arg };
}

/** An input read as validate reads it (lib/cli/check-file.ts); the error in Japanese. */
export function readInput(file: string): { bytes: Uint8Array; modified: number } | { error: string } {
  const got = readFileInput(file);
  return got.ok ? { bytes: got.bytes, modified: got.modified } : { error: got.error.message };
}

/** The master's bytes, or undefined once the reason it cannot be read is said. */
/**
 * The input of a command that writes one output from one master (publish, summary): its
 * bytes, or undefined once the reason is said (no output folder, unreadable, output = input).
 */
export function readInputFor(input: string, output: string, io: Io): Uint8Array | undefined {
  const err = (text: string): void => io.err(printable(text));
  const folder = outputFolderProblem(output);
  if (folder !== undefined) {
    err(format(t.writeFailed, { path: output, detail: folder }));
    return undefined;
  }
  const bytes = readMaster(input, io);
  if (!bytes) return undefined;
  if (samePath(output, input)) {
    err(format(t.outputIsInput, { path: output }));
    return undefined;
  }
  return bytes;
}

export function readMaster(file: string, io: Io): Uint8Array | undefined {
  const got = readInput(file);
  if ('error' in got) {
    io.err(printable(format(t.masterUnreadable, { path: file, reason: got.error })));
    return undefined;
  }
  return got.bytes;
}

/** JSON for the terminal: same values, but C1 controls and bidi overrides escaped, never acting. */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Exit status: 0 clean, 1 anything the secretariat must look at. */
export function exitCodeOf(s: Summary): number {
  const problems =
    s.conflicts.length + s.unauthorized.length + s.missing.length + s.unplaced.length +
    droppedRows(s).length +
    s.files.filter((f) => f.status !== 'applied' && f.status !== 'superseded').length +
    s.findings.filter((f) => f.severity !== 'info').length;
  return problems > 0 ? 1 : 0;
}

export function runConsolidate(args: ConsolidateArgs, io: Io): number {
  // Before minutes of reading: a result that cannot be written is not worth computing.
  const folder = outputFolderProblem(args.output);
  if (folder !== undefined) {
    io.err(printable(format(t.writeFailed, { path: args.output, detail: folder })));
    return 2;
  }
  const master = splitSheetArg(args.master);
  const sources: Source[] = [];
  const inputPaths: string[] = [master.file];
  const plain: string[] = [];
  for (const a of args.inputs) {
    const s = splitSheetArg(a);
    if (s.sheet !== undefined) {
      inputPaths.push(s.file);
      const r = readInput(s.file);
      sources.push({ name: a, sheet: s.sheet, ...('error' in r ? { error: r.error } : { bytes: r.bytes, modified: r.modified }) });
    } else {
      plain.push(a);
    }
  }
  const { entries, problems } = expandInputs(plain);
  for (const p of problems) {
    if (p.reason === 'not-found') sources.push({ name: p.path, error: readErrors['not-found'] });
    else io.err(printable(folderProblem(p)));
  }
  for (const { path: f, notWorkbook } of entries) {
    // Not a workbook (a PDF, a picture, a pipe): an unreadable file of the department its
    // name tells, so the department shows ファイル不備 instead of 未提出.
    if (notWorkbook !== undefined) {
      sources.push({ name: f, error: notWorkbook.reason });
      continue;
    }
    inputPaths.push(f);
    if (samePath(f, master.file) && !args.sheets) {
      io.err(printable(format(t.skippedMaster, { path: f })));
      continue;
    }
    if (samePath(f, args.output)) continue;
    const r = readInput(f);
    if ('error' in r) {
      sources.push({ name: f, error: r.error });
      continue;
    }
    if (!args.sheets) {
      sources.push({ name: f, bytes: r.bytes, modified: r.modified });
      continue;
    }
    // One source per sheet; the book is read once. A sheet of the master is not a source.
    let wb;
    try {
      wb = readWorkbook(r.bytes, f);
    } catch {
      sources.push({ name: f, bytes: r.bytes });
      continue;
    }
    for (const sh of wb.sheets) {
      if (samePath(f, master.file) && (master.sheet === undefined || master.sheet === sh.name)) continue;
      if (sh.name === META_SHEET) continue;
      sources.push({ name: `${f}#${sh.name}`, workbook: wb, sheet: sh.name, modified: r.modified });
    }
  }
  for (const p of inputPaths) {
    if (samePath(p, args.output)) {
      io.err(printable(format(t.outputIsInput, { path: args.output })));
      return 2;
    }
  }
  const masterBytes = readMaster(master.file, io);
  if (!masterBytes) return 2;
  io.progress(format(t.progressRead, { done: sources.length, total: sources.length, name: args.output }));
  let result;
  try {
    result = consolidate(masterBytes, sources, args.config, {
      masterName: path.basename(args.master),
      outputName: args.output,
      preferNewest: args.preferNewest,
      ...(master.sheet !== undefined ? { masterSheets: [master.sheet] } : {}),
      onProgress: (done: number, total: number, name: string) => io.progress(format(t.progressRead, { done, total, name })),
    });
  } catch (err) {
    io.progressDone();
    const msg = masterErrorMessage(err, master.file);
    if (msg === undefined) throw err;
    io.err(printable(msg));
    return 2;
  }
  io.progress(t.progressWrite);
  if (!writeOutput(args.output, result.bytes, (m) => (io.progressDone(), io.err(printable(m))))) return 2;
  io.progressDone();
  explainUndecided(result.summary, args.config);
  if (args.format === 'json') io.out(safeJson(result.summary));
  else io.out(summaryText(result.summary));
  return exitCodeOf(result.summary);
}

/**
 * A file whose name fits two departments equally: its reason says which, so the clerk knows
 * what to rename. (consolidate() only says it cannot tell.)
 */
export function explainUndecided(s: Summary, config: Config): void {
  const candidates = [...new Set([...s.departments.map((d) => d.name), ...knownDepartments(config)])];
  for (const f of s.files) {
    if (f.department !== null || (f.status !== 'unknown-department' && f.status !== 'unreadable')) continue;
    const hash = f.file.lastIndexOf('#');
    const names = hash > 0 ? [f.file.slice(hash + 1), f.file.slice(0, hash)] : [f.file];
    const tied = names.map((n) => matchDepartmentName(n, candidates, config.bureaus).tied).find((x) => x.length > 1);
    if (!tied) continue;
    const tie = format(t.departmentTie, { departments: tied.map((d) => `「${d}」`).join(''), example: fileNameFor(tied[0]!).name });
    f.reason = f.status === 'unknown-department' ? format(t.unknownDepartmentTie, { tie }) : format(t.reasonWithTie, { reason: f.reason ?? '', tie });
  }
}

export function summaryText(s: Summary): string {
  const lines: string[] = [format(t.wrote, { path: s.output }), ''];
  lines.push(format(t.textSection, { title: t.summaryDeptTitle, count: s.departments.length }));
  for (const d of s.departments) {
    lines.push(format(t.textDept, { department: d.name, status: t.status[d.status] ?? d.status, files: d.files.join(t.listJoin) || '-', rows: d.rowsTaken }));
  }
  const notApplied = s.files.filter((f) => f.status !== 'applied');
  if (notApplied.length > 0) {
    lines.push('', format(t.textSection, { title: t.kinds['file']!, count: notApplied.length }));
    for (const f of notApplied) lines.push(format(t.textFileLine, { file: f.file, department: f.department ?? t.status['unknown']!, status: f.reason ?? f.status }));
  }
  const section = (kind: string, items: { sheet: string; cell: string; department: string; text: string }[]): void => {
    if (items.length === 0) return;
    lines.push('', format(t.textSection, { title: t.kinds[kind]!, count: items.length }));
    for (const i of items) lines.push(format(t.textItem, { ...i, text: i.text.replace(/\r?\n/g, t.lineBreakMark) }));
  };
  section('conflict', s.conflicts.map((c) => ({ sheet: c.sheet, cell: c.cell, department: c.departments.join(t.listJoin), text: conflictDetail(c) })));
  section('unauthorized', s.unauthorized.map((u) => ({ sheet: u.sheet, cell: u.cell, department: u.department, text: format(t.detailUnauthorized, { sourceCell: `${u.file} ${u.sourceSheet}!${u.sourceCell}`, before: u.before.slice(0, 40), after: u.after.slice(0, 40) }) })));
  section('added', s.added.map((a) => ({ sheet: a.sheet, cell: a.cell, department: a.department, text: format(t.detailAdded, { sourceSheet: `${a.file} ${a.sourceSheet}`, sourceRow: a.sourceRow, text: Object.values(a.texts).join(t.cellJoin).slice(0, 60) }) })));
  section('cleared', s.cleared.map((c) => ({ sheet: c.sheet, cell: c.cell, department: c.department, text: format(t.detailCleared, { before: c.before.slice(0, 60) }) })));
  // One line per department and sheet, as on the 集約結果 sheet.
  const groups = unfilledGroups(s.unfilled);
  for (const status of ['missing', 'duplicate', 'unusable', 'dropped'] as const) section(status, groups.filter((g) => g.status === status));
  section('finding', s.findings.map((f) => ({ sheet: `${f.file} ${f.sheet}`, cell: f.cell, department: f.department ?? '', text: format(t.textFinding, { severity: severityLabel[f.severity], message: f.message, rule: f.rule }) })));
  section('unplaced', s.unplaced.map((u) => ({ sheet: `${u.file} ${u.sheet}`, cell: u.cell, department: u.department ?? '', text: format(t.detailUnplaced, { reason: u.message, text: u.text.slice(0, 60) }) })));
  lines.push('');
  lines.push(format(t.textTotals, {
    departments: s.departments.length, submitted: s.departments.filter((d) => d.status === 'submitted').length,
    earlier: s.departments.filter((d) => d.status === 'earlier').length, missing: s.missing.length, duplicate: s.departments.filter((d) => d.status === 'duplicate').length,
    unusable: s.departments.filter((d) => d.status === 'unusable').length, conflicts: s.conflicts.length, unauthorized: s.unauthorized.length,
    added: s.added.length, dropped: droppedRows(s).length, findings: s.findings.length, unplaced: s.unplaced.length,
  }));
  lines.push(format(t.textCells, { in: s.cells.in, out: s.cells.out, base: s.cells.base, control: s.cells.control, reported: s.cells.reported }));
  // Cell text and file names reach the terminal: escape sequences must show, not act.
  return lines.map(printable).join('\n');
}
