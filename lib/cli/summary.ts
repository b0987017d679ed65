// `shinchoku summary 集約表.xlsx -o 概要.docx`: the 概要版 drafted from the master as a Word
// file, written atomically, never over its input; the rows left out are listed.
import * as path from 'node:path';
import type { Config } from '../config/schema';
import { masterErrorMessage } from '../consolidate/messages';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { summary as s } from '../locale/ja/summary';
import { outlineCounts, outlineOf, summaryDocx } from '../summary';
import type { SummaryOutline } from '../summary/outline';
import type { Io } from './io';
import { readInputFor, safeJson, writeOutput } from './consolidate';
import { printable } from './validate';

export interface SummaryArgs {
  input: string;
  output: string;
  format: 'text' | 'json';
  config: Config;
}

export async function runSummary(args: SummaryArgs, io: Io): Promise<number> {
  const err = (text: string): void => io.err(printable(text));
  const bytes = readInputFor(args.input, args.output, io);
  if (!bytes) return 2;
  let outline: SummaryOutline;
  try {
    outline = outlineOf(bytes, path.basename(args.input), args.config);
  } catch (e) {
    const msg = masterErrorMessage(e, args.input);
    if (msg === undefined) throw e;
    err(msg);
    return 2;
  }
  if (outline.reportType === '') {
    err(format(t.masterNoReport, { path: args.input }));
    return 2;
  }
  if (outline.chapters.length === 0) {
    err(format(s.nothing, { path: args.input }));
    return 2;
  }
  const docx = await summaryDocx(outline);
  if (!writeOutput(args.output, docx, err)) return 2;
  const counts = outlineCounts(outline);
  const code = outline.conflicts.length > 0 || outline.unanswered.length > 0 ? 1 : 0;
  if (args.format === 'json') {
    io.out(safeJson({ output: args.output, counts, ...outline }));
    return code;
  }
  const lines = [format(t.wrote, { path: args.output }), format(s.counts, counts)];
  if (outline.omitted.length > 0) {
    lines.push('', format(s.omitted, { n: outline.omitted.length }));
    for (const o of outline.omitted) lines.push(format(s.omittedRow, { sheet: o.sheet, row: o.row, label: o.label }));
  }
  if (outline.unanswered.length > 0) {
    lines.push('', format(s.unanswered, { n: outline.unanswered.length }));
    for (const o of outline.unanswered) lines.push(format(s.omittedRow, { sheet: o.sheet, row: o.row, label: o.label }));
  }
  if (outline.conflicts.length > 0) {
    lines.push('', format(s.conflicts, { n: outline.conflicts.length }));
    for (const c of outline.conflicts) lines.push(`  ${c.sheet}!${c.cell}`);
  }
  io.out(lines.map(printable).join('\n'));
  return code;
}
