// `shinchoku split MASTER.xlsx -o DIR`: one workbook per department, written atomically.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readErrorMessage } from '../check';
import type { Config } from '../config/schema';
import { split } from '../consolidate/split';
import { consolidate as t, format } from '../locale/ja';
import { ReadError } from '../read/sheetjs';
import { PackageError } from '../write/package';
import type { Io } from './io';
import { errorDetail, samePath, writeAtomic } from './consolidate';

export interface SplitArgs {
  master: string;
  outDir: string;
  format: 'text' | 'json';
  config: Config;
}

export function runSplit(args: SplitArgs, io: Io): number {
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(args.master);
  } catch (err) {
    io.err(format(t.masterUnreadable, { path: args.master, reason: errorDetail(err) }));
    return 2;
  }
  let result;
  try {
    io.progress(format(t.progressSplit, { done: 0, total: '?', name: args.master }));
    result = split(bytes, args.config, { masterName: path.basename(args.master) });
  } catch (err) {
    io.progressDone();
    if (err instanceof ReadError) io.err(format(t.masterUnreadable, { path: args.master, reason: readErrorMessage(err).message }));
    else if (err instanceof PackageError) io.err(format(t.masterUnsupported, { path: args.master, detail: err.message }));
    else throw err;
    return 2;
  }
  if (result.files.length === 0) {
    io.progressDone();
    io.err(format(t.masterNoReport, { path: args.master }));
    return 2;
  }
  try {
    fs.mkdirSync(args.outDir, { recursive: true });
  } catch (err) {
    io.progressDone();
    io.err(format(t.writeFailed, { path: args.outDir, detail: errorDetail(err) }));
    return 2;
  }
  const written: { department: string; file: string; rows: number }[] = [];
  for (const [i, f] of result.files.entries()) {
    const target = path.join(args.outDir, f.name);
    io.progress(format(t.progressSplit, { done: i + 1, total: result.files.length, name: f.name }));
    if (samePath(target, args.master)) {
      io.progressDone();
      io.err(format(t.outputIsInput, { path: target }));
      return 2;
    }
    try {
      writeAtomic(target, f.bytes);
    } catch (err) {
      io.progressDone();
      io.err(format(t.writeFailed, { path: target, detail: errorDetail(err) }));
      return 2;
    }
    written.push({ department: f.department, file: target, rows: f.rows });
  }
  io.progressDone();
  if (args.format === 'json') {
    io.out(JSON.stringify({ output: args.outDir, files: written, unowned: result.unowned }, null, 2));
  } else {
    for (const w of written) io.out(format(t.splitLine, { file: w.file, department: w.department, rows: w.rows }));
    for (const u of result.unowned) io.out(format(t.unownedLine, { sheet: u.sheet, cell: u.cell }));
    io.out(format(t.splitSummary, { count: written.length, dir: args.outDir }));
  }
  return result.unowned.length > 0 ? 1 : 0;
}
