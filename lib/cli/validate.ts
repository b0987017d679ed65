// `shinchoku validate`: text for people, JSON for machines.
import type { FileResult } from '../check';
import { checkFile } from './check-file';
import type { Config } from '../config/schema';
import { cli, excerpt, format, readErrors, severityLabel, skipReasons } from '../locale/ja';
import { expandInputs } from './files';
import type { Io } from './io';

export interface ValidateArgs {
  inputs: string[];
  format: 'text' | 'json';
  config: Config;
}

export function runValidate(args: ValidateArgs, io: Io): number {
  const { files, problems } = expandInputs(args.inputs);
  const results: FileResult[] = [];
  for (const p of problems) {
    if (p.reason === 'not-found') {
      results.push({ path: p.path, reportTypes: [], findings: [], skipped: [], error: { code: 'not-found', message: readErrors['not-found']! } });
    } else {
      io.err(format(cli.noFilesInFolder, { path: p.path }));
    }
  }
  files.forEach((file, i) => {
    io.progress(format(cli.progress, { done: i + 1, total: files.length, path: file }));
    results.push(checkFile(file, args.config));
  });
  io.progressDone();
  results.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (args.format === 'json') io.out(JSON.stringify(toJson(results), null, 2));
  else io.out(toText(results));
  const unreadable = results.some((r) => r.error && r.error.code !== 'no-report');
  if (unreadable) return 2;
  return results.some((r) => r.error || r.findings.some((f) => f.severity === 'error')) ? 1 : 0;
}

export function toJson(results: FileResult[]): unknown {
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
  };
}

export function toText(results: FileResult[]): string {
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let unreadable = 0;
  for (const r of results) {
    lines.push(r.reportTypes.length > 0 ? format(cli.fileHeader, { path: r.path, type: r.reportTypes.join('、') }) : format(cli.fileHeaderUnknown, { path: r.path }));
    if (r.error) {
      lines.push(format(cli.fileError, { reason: r.error.message }));
      if (r.error.code !== 'no-report') unreadable++;
    }
    for (const s of r.skipped) lines.push(format(cli.skippedSheet, { sheet: s.sheet, reason: skipReasons[s.reason] ?? s.reason }));
    let sheet: string | undefined;
    for (const f of r.findings) {
      if (f.sheet !== sheet) {
        sheet = f.sheet;
        lines.push(format(cli.sheetHeader, { sheet }));
      }
      lines.push(format(cli.findingLine, { cell: f.cell, severity: severityLabel[f.severity], message: f.message, rule: f.rule }));
      if (f.fix) {
        const length = [...f.fix.value].length;
        const oneLine = f.fix.value.replace(/\r?\n/g, '⏎');
        lines.push(length <= 80 ? format(cli.fixLine, { value: oneLine }) : format(cli.fixLineLong, { value: excerpt(oneLine, 60), length }));
      }
      if (f.severity === 'error') errors++;
      else if (f.severity === 'warning') warnings++;
      else infos++;
    }
    if (!r.error && r.findings.length === 0) lines.push(cli.noFindings);
    lines.push('');
  }
  lines.push(format(cli.summary, { files: results.length, errors, warnings, infos, unreadable }));
  return lines.map(printable).join('\n');
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
