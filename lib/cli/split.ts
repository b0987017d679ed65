// `shinchoku split MASTER.xlsx -o DIR`: one workbook per department, written atomically.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { masterErrorMessage } from '../consolidate/messages';
import { split } from '../consolidate/split';
import { consolidate as t } from '../locale/ja/consolidate';
import { excerpt, format } from '../locale/ja/format';
import type { Io } from './io';
import { readMaster, safeJson, samePath, writeOutput } from './consolidate';
import { writeReason } from './errors';
import { printable } from './validate';

export interface SplitArgs {
  master: string;
  outDir: string;
  format: 'text' | 'json';
  config: Config;
  /** Overwrite workbooks of the same names already in the folder. */
  force?: boolean;
}

export function runSplit(args: SplitArgs, io: Io): number {
  const err = (text: string): void => io.err(printable(text));
  const bytes = readMaster(args.master, io);
  if (!bytes) return 2;
  let result;
  try {
    io.progress(format(t.progressSplit, { done: 0, total: '?', name: args.master }));
    result = split(bytes, args.config, { masterName: path.basename(args.master) });
  } catch (e) {
    io.progressDone();
    const msg = masterErrorMessage(e, args.master);
    if (msg === undefined) throw e;
    err(msg);
    return 2;
  }
  // A folder already holding these names may hold workbooks sent out or come back filled in:
  // list them and write nothing, so the folder is never half old and half new.
  const existing = args.force ? [] : result.files.map((f) => path.join(args.outDir, f.name)).filter((p) => fs.existsSync(p));
  if (existing.length > 0) {
    io.progressDone();
    for (const line of [format(t.splitExisting, { dir: args.outDir, n: existing.length }), ...existing.map((file) => format(t.splitExistingLine, { file })), t.splitExistingHelp]) err(line);
    return 2;
  }
  try {
    fs.mkdirSync(args.outDir, { recursive: true });
  } catch (e) {
    io.progressDone();
    err(format(t.writeFailed, { path: args.outDir, detail: writeReason(e, args.outDir) }));
    return 2;
  }
  const written: { department: string; file: string; rows: number; renamed?: string }[] = [];
  for (const [i, f] of result.files.entries()) {
    const target = path.join(args.outDir, f.name);
    io.progress(format(t.progressSplit, { done: i + 1, total: result.files.length, name: f.name }));
    if (samePath(target, args.master)) {
      io.progressDone();
      err(format(t.outputIsInput, { path: target }));
      return 2;
    }
    if (!writeOutput(target, f.bytes, (m) => (io.progressDone(), err(m)))) return 2;
    written.push({ department: f.department, file: target, rows: f.rows, ...(f.renamed ? { renamed: f.renamed } : {}) });
  }
  io.progressDone();
  if (args.format === 'json') {
    io.out(safeJson({ output: args.outDir, files: written, unowned: result.unowned, unknown: result.unknown, ...(result.earlierSummary ? { earlierSummary: result.earlierSummary } : {}) }));
  } else {
    const lines: string[] = [];
    for (const w of written) {
      lines.push(format(t.splitLine, { file: w.file, department: excerpt(w.department, 40), rows: w.rows }));
      if (w.renamed) lines.push(format(t.splitRenamed, { department: excerpt(w.department, 40), reason: t.fileNameReasons[w.renamed] ?? w.renamed }));
    }
    for (const u of result.unowned) lines.push(format(t.unownedLine, { sheet: u.sheet, cell: u.cell }));
    for (const u of result.unknown) lines.push(format(t.unknownLine, { department: excerpt(u.department, 40), sheet: u.sheet, cell: u.cell }));
    lines.push(format(t.splitSummary, { count: written.length, dir: args.outDir }));
    if (result.earlierSummary) lines.push(format(t.splitEarlier, { sheet: result.earlierSummary }));
    // Department names come from cells: escape sequences there must show, not act.
    io.out(lines.map(printable).join('\n'));
  }
  return result.unowned.length > 0 || result.unknown.length > 0 ? 1 : 0;
}

