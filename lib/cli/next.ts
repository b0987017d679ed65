// `shinchoku next 今期.xlsx -o 次期.xlsx [--period 令和8年度上半期]`: the next period's
// distribution template, written atomically, never over its input.
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { masterErrorMessage } from '../consolidate/messages';
import { NextError, nextMaster } from '../consolidate/next';
import { consolidate as tc } from '../locale/ja/consolidate';
import { nextPeriod as t } from '../locale/ja/cli';
import { format } from '../locale/ja/format';
import type { Io } from './io';
import { readInputFor, safeJson, writeOutput } from './consolidate';
import { printable } from './validate';

export interface NextArgs {
  input: string;
  output: string;
  period?: string;
  format: 'text' | 'json';
  config: Config;
}

function nextErrorMessage(e: NextError, input: string): string {
  switch (e.code) {
    case 'bad-period':
      return format(t.badPeriod, { value: e.detail, yearly: t.badPeriodYearly });
    case 'no-period':
      return format(t.noPeriod, { path: input });
    case 'mixed-period':
      return format(t.mixedPeriod, { path: input, periods: e.detail });
    case 'template':
      return format(t.nextOfTemplate, { path: input, period: e.detail });
    case 'not-later': {
      const [from = '', next = ''] = e.detail.split('\u0000');
      return format(t.notLater, { path: input, from, next });
    }
    default:
      return format(t.noRule, { path: input, type: e.detail });
  }
}

export function runNext(args: NextArgs, io: Io): number {
  const err = (text: string): void => io.err(printable(text));
  const bytes = readInputFor(args.input, args.output, io);
  if (!bytes) return 2;
  let result;
  try {
    result = nextMaster(bytes, args.config, { name: path.basename(args.input), ...(args.period !== undefined ? { period: args.period } : {}) });
  } catch (e) {
    const msg = e instanceof NextError ? nextErrorMessage(e, args.input) : masterErrorMessage(e, args.input);
    if (msg === undefined) throw e;
    err(msg);
    return 2;
  }
  if (!writeOutput(args.output, result.bytes, err)) return 2;
  const { bytes: _bytes, ...summary } = result;
  void _bytes;
  if (args.format === 'json') {
    io.out(safeJson({ output: args.output, ...summary }));
  } else {
    const lines = [format(t.wrote, { path: args.output, from: result.from ?? t.fromUnknown, to: result.to })];
    lines.push(format(t.headings, { n: result.headings.length }));
    for (const h of result.headings) lines.push(format(t.headingLine, { sheet: h.sheet, cell: h.cell, before: oneLine(h.before), after: oneLine(h.after) }));
    lines.push(format(t.cleared, { cells: result.cleared, carried: result.carried }));
    lines.push(format(t.removed, { sheets: result.removedSheets.length ? result.removedSheets.join(tc.listJoin) : t.none, notes: result.notesCleared, fills: result.fillsRestored }));
    if (result.conflictsLeft.length > 0) {
      lines.push('', format(t.conflicts, { n: result.conflictsLeft.length }));
      for (const c of result.conflictsLeft) lines.push(`  ${c.sheet}!${c.cell}`);
    }
    if (result.splittable) lines.push(t.next);
    io.out(lines.map(printable).join('\n'));
  }
  return result.conflictsLeft.length > 0 ? 1 : 0;
}

/** A heading on one line: its line breaks left out. */
function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, '');
}
