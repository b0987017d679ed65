// `shinchoku publish 集約済み.xlsx -o 公開用.xlsx`: the consolidated master ready to publish,
// written atomically, never over its input.
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { masterErrorMessage } from '../consolidate/messages';
import { publish } from '../consolidate/publish';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import type { Io } from './io';
import { readInputFor, safeJson, writeOutput } from './consolidate';
import { printable } from './validate';

export interface PublishArgs {
  input: string;
  output: string;
  format: 'text' | 'json';
  config: Config;
}

export function runPublish(args: PublishArgs, io: Io): number {
  const err = (text: string): void => io.err(printable(text));
  const bytes = readInputFor(args.input, args.output, io);
  if (!bytes) return 2;
  let result;
  try {
    result = publish(bytes, args.config, { name: path.basename(args.input) });
  } catch (e) {
    const msg = masterErrorMessage(e, args.input);
    if (msg === undefined) throw e;
    err(msg);
    return 2;
  }
  if (!writeOutput(args.output, result.bytes, err)) return 2;
  const summary = { removedSheets: result.removedSheets, notesCleared: result.notesCleared, fillsRestored: result.fillsRestored, conflictsLeft: result.conflictsLeft };
  if (args.format === 'json') {
    io.out(safeJson({ output: args.output, ...summary }));
  } else {
    const lines = [format(t.wrote, { path: args.output })];
    lines.push(format(t.publishRemoved, { sheets: summary.removedSheets.length ? summary.removedSheets.join(t.listJoin) : t.publishNone }));
    lines.push(format(t.publishCleaned, { notes: summary.notesCleared, fills: summary.fillsRestored }));
    if (summary.conflictsLeft.length > 0) {
      lines.push('', format(t.publishConflicts, { n: summary.conflictsLeft.length }));
      for (const c of summary.conflictsLeft) lines.push(`  ${c.sheet}!${c.cell}`);
    }
    io.out(lines.map(printable).join('\n'));
  }
  return summary.conflictsLeft.length > 0 ? 1 : 0;
}
