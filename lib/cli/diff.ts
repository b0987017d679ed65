// `shinchoku diff 前回.xlsx 今回.xlsx [-o 変更点.xlsx]`: what changed since the previous report,
// as text or JSON, and optionally a marked copy of this one, written atomically.
import * as path from 'node:path';
import { readErrorMessage } from '../check';
import type { Config } from '../config/schema';
import { consolidate as ct } from '../locale/ja/consolidate';
import { diff as t } from '../locale/ja/diff';
import { format } from '../locale/ja/format';
import { readWorkbook } from '../read/workbook';
import { ReadError } from '../read/sheetjs';
import { PackageError } from '../ooxml/package';
import { DiffError, diffGrids, diffJson, diffText, markedCopy, type DiffResult } from '../diff';
import type { Workbook } from '../grid';
import { readInput } from './check-file';
import { safeJson, samePath, writeOutput } from './consolidate';
import { outputFolderProblem } from './errors';
import type { Io } from './io';
import { printable } from './validate';

export interface DiffArgs {
  old: string;
  new: string;
  output?: string;
  format: 'text' | 'json';
  config: Config;
}

export function runDiff(args: DiffArgs, io: Io): number {
  const err = (text: string): void => io.err(printable(text));
  if (args.output !== undefined) {
    const folder = outputFolderProblem(args.output);
    if (folder !== undefined) {
      err(format(ct.writeFailed, { path: args.output, detail: folder }));
      return 2;
    }
    for (const input of [args.old, args.new]) {
      if (samePath(args.output, input)) {
        err(format(ct.outputIsInput, { path: args.output }));
        return 2;
      }
    }
  }
  const sides: { which: 'old' | 'new'; file: string; bytes?: Uint8Array; grid?: Workbook }[] = [
    { which: 'old', file: args.old },
    { which: 'new', file: args.new },
  ];
  for (const s of sides) {
    const got = readInput(s.file);
    if (!got.ok) {
      err(format(t.unreadable, { which: t[s.which], path: s.file, reason: got.error.message }));
      return 2;
    }
    s.bytes = got.bytes;
    try {
      s.grid = readWorkbook(got.bytes, path.basename(s.file));
    } catch (e) {
      if (!(e instanceof ReadError)) throw e;
      err(format(t.unreadable, { which: t[s.which], path: s.file, reason: readErrorMessage(e).message }));
      return 2;
    }
  }
  let result: DiffResult;
  try {
    result = diffGrids(sides[0]!.grid!, sides[1]!.grid!, args.config);
  } catch (e) {
    if (!(e instanceof DiffError)) throw e;
    if (e.code === 'no-report') err(format(t.noReport, { which: t[e.which], path: e.which === 'old' ? args.old : args.new }));
    else err(format(t.typeMismatch, { old: args.old, new: args.new, oldType: e.detail.oldType, newType: e.detail.newType }));
    return 2;
  }
  if (args.output !== undefined) {
    let bytes: Uint8Array;
    try {
      bytes = markedCopy(sides[1]!.bytes!, result, path.basename(args.new));
    } catch (e) {
      if (!(e instanceof PackageError) && !(e instanceof ReadError)) throw e;
      const reason = e instanceof PackageError ? format(ct.packageReasons[e.code], { detail: e.code === 'not-xlsx' ? '' : e.detail }) : readErrorMessage(e).message;
      err(format(t.outputUnsupported, { path: args.new, reason }));
      return 2;
    }
    if (!writeOutput(args.output, bytes, err)) return 2;
  }
  if (args.format === 'json') {
    io.out(safeJson(diffJson(result, args.output !== undefined ? { output: args.output } : {})));
  } else {
    const text = diffText(result);
    io.out((args.output !== undefined ? `${format(t.wrote, { path: args.output })}\n${text}` : text).split('\n').map(printable).join('\n'));
  }
  const any = result.changed.length + result.added.length + result.removed.length + result.moved.length;
  return any > 0 ? 1 : 0;
}
