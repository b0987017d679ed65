// `shinchoku validate`: text for people, JSON for machines.
import type { FileResult } from '../check';
import type { Finding, Fix } from '../rules/types';
import { checkFile } from './check-file';
import type { Config } from '../config/schema';
import { cli } from '../locale/ja/cli';
import { excerpt, format, severityLabel } from '../locale/ja/format';
import { readErrors, skipReasons } from '../locale/ja/read';
import { expandInputs, folderProblem } from './files';
import type { Io } from './io';

export interface ValidateArgs {
  inputs: string[];
  format: 'text' | 'json';
  config: Config;
}

export function runValidate(args: ValidateArgs, io: Io): number {
  const { entries, problems } = expandInputs(args.inputs);
  const results: FileResult[] = [];
  // A folder with no workbook: said in the report, before the totals, and exit 2.
  const notices: string[] = [];
  for (const p of problems) {
    if (p.reason === 'not-found') {
      results.push({ path: p.path, reportTypes: [], findings: [], skipped: [], error: { code: 'not-found', message: readErrors['not-found'] } });
    } else {
      notices.push(folderProblem(p));
    }
  }
  const books = entries.filter((e) => e.notWorkbook === undefined);
  books.forEach((e, i) => {
    io.progress(format(cli.progress, { done: i + 1, total: books.length, path: e.path }));
    results.push(checkFile(e.path, args.config));
  });
  io.progressDone();
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  // Listed, never checked: they leave the exit status alone, as a folder may hold notes too.
  const others: Other[] = entries.flatMap((e) => (e.notWorkbook ? [{ path: e.path, ...e.notWorkbook }] : []));
  if (args.format === 'json') {
    // stdout stays one JSON document; the folder's message goes to stderr as well.
    for (const n of notices) io.err(printable(n));
    io.out(JSON.stringify(toJson(results, notices, others), null, 2));
  } else {
    io.out(toText(results, notices, others));
  }
  if (notices.length > 0 || results.some((r) => r.error && r.error.code !== 'no-report')) return 2;
  return results.some((r) => r.error || r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

/** A file of a given folder that is not a workbook. */
export interface Other {
  path: string;
  kind: string;
  reason: string;
}

export interface Totals {
  /** Files checked (workbooks of the folders and the files named). */
  files: number;
  errors: number;
  warnings: number;
  info: number;
  unreadable: number;
  /** Files of the folders that are not workbooks, listed only. */
  notWorkbooks: number;
}

export function totalsOf(results: FileResult[], others: Other[] = []): Totals {
  const t: Totals = { files: results.length, errors: 0, warnings: 0, info: 0, unreadable: 0, notWorkbooks: others.length };
  for (const r of results) {
    if (r.error && r.error.code !== 'no-report') t.unreadable++;
    for (const f of r.findings) {
      if (f.severity === 'error') t.errors++;
      else if (f.severity === 'warning') t.warnings++;
      else t.info++;
    }
  }
  return t;
}

export function toJson(results: FileResult[], notices: string[] = [], others: Other[] = []): unknown {
  return {
    files: results.map((r) => ({
      path: r.path,
      reportType: r.reportTypes.length === 0 ? null : r.reportTypes.join('、'),
      ...(r.error ? { error: r.error } : {}),
      skippedSheets: r.skipped.map((s) => ({ sheet: s.sheet, reason: skipReasons[s.reason] ?? s.reason })),
      findings: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        sheet: f.sheet,
        cell: f.cell,
        row: f.row,
        column: f.column,
        message: f.message,
        ...(f.fix ? { fix: f.fix } : {}),
      })),
    })),
    notWorkbooks: others,
    notices,
    totals: totalsOf(results, others),
  };
}

export function toText(results: FileResult[], notices: string[] = [], others: Other[] = []): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(r.reportTypes.length > 0 ? format(cli.fileHeader, { path: r.path, type: r.reportTypes.join('、') }) : format(cli.fileHeaderUnknown, { path: r.path }));
    // A workbook with no report sheet was read, and is not counted unreadable: said so.
    if (r.error) lines.push(format(r.error.code === 'no-report' ? cli.fileNoReport : cli.fileError, { reason: r.error.message }));
    for (const s of r.skipped) lines.push(format(cli.skippedSheet, { sheet: s.sheet, reason: skipReasons[s.reason] ?? s.reason }));
    let sheet: string | undefined;
    for (const f of r.findings) {
      if (f.sheet !== sheet) {
        sheet = f.sheet;
        lines.push(format(cli.sheetHeader, { sheet }));
      }
      lines.push(format(cli.findingLine, { cell: f.cell, severity: severityLabel[f.severity], message: f.message, rule: f.rule }));
      if (f.fix) lines.push(fixText(f, f.fix));
    }
    if (!r.error && r.findings.length === 0) lines.push(cli.noFindings);
    lines.push('');
  }
  if (others.length > 0) {
    lines.push(format(cli.notWorkbooksHeader, { n: others.length }));
    for (const o of others) lines.push(format(cli.notWorkbookLine, { path: o.path, kind: o.kind }));
    lines.push('');
  }
  for (const n of notices) lines.push(n, '');
  const t = totalsOf(results, others);
  const more = t.notWorkbooks > 0 ? format(cli.summaryNotWorkbooks, { n: t.notWorkbooks }) : '';
  lines.push(format(cli.summary, { files: t.files, errors: t.errors, warnings: t.warnings, infos: t.info, unreadable: t.unreadable }) + more);
  return lines.map(printable).join('\n');
}

/**
 * The 修正案 line. A long fix (a 再掲 copied back into a cell of several bullets) is shown
 * where it changes the cell, with the words before and after: the start of the cell would
 * not show 入事 → 人事.
 */
function fixText(f: Finding, fix: Fix): string {
  const value = fix.value;
  const length = [...value].length;
  const oneLine = (x: string): string => x.replace(/\r?\n/g, '⏎');
  if (length <= 80) return format(cli.fixLine, { value: oneLine(value) });
  const change = typeof f.data['diff'] === 'string' ? changeOf(f.data['diff']) : undefined;
  if (!change || !value.includes(change.fixed)) return format(cli.fixLineLong, { value: excerpt(oneLine(value), 60), length });
  return format(cli.fixLineChange, { value: oneLine(change.shown), before: oneLine(change.before), after: oneLine(change.after), length });
}

/**
 * The changed words of saikei-drift's diff (元「…X…」→ 再掲「…Y…」): the source's text with
 * its context, and the words that differ, widened to two characters so a one-character
 * slip (入 → 人) reads as a word (入事 → 人事).
 */
export function changeOf(diff: string): { fixed: string; shown: string; before: string; after: string } | undefined {
  const m = /^[^「]*「(.*?)」→[^「]*「(.*)」$/su.exec(diff);
  if (!m) return undefined;
  const strip = (x: string): string => x.replace(/^…|…$/gu, '');
  const a = [...strip(m[1]!)];
  const b = [...strip(m[2]!)];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  // A changed character takes the one after it (入事 → 人事); an insertion or deletion the
  // ones before it (よう → ように).
  const replaced = a.length - p - s > 0 && b.length - p - s > 0;
  const short = (): boolean => Math.min(a.length, b.length) - p - s < 2;
  if (replaced) while (s > 0 && short()) s--;
  while (p > 0 && short()) p--;
  while (s > 0 && short()) s--;
  const before = b.slice(p, b.length - s).join('');
  const after = a.slice(p, a.length - s).join('');
  return before === '' || after === '' || before === after ? undefined : { fixed: a.join(''), shown: m[1]!, before, after };
}

/**
 * Cell text reaches a terminal: control characters (ESC sequences can rewrite the screen),
 * bidi overrides and lone surrogates are shown as visible symbols instead of acting.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return line.replace(/[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (ch) => {
    const code = ch.charCodeAt(0);
    if (code < 0x20) return String.fromCharCode(0x2400 + code);
    if (code === 0x7f) return '\u2421';
    return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
  });
}
