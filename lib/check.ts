// One file in, one result out: the shared path of the CLI, the add-in and consolidation.
import type { Config } from './config/schema';
import type { Workbook } from './grid';
import { a1, colName } from './grid';
import { fileKinds, readErrors } from './locale/ja/read';
import { format } from './locale/ja/format';
import { ruleMessage } from './locale/ja/rules';
import { parseWorkbook, type ParsedWorkbook, type SkippedSheet } from './report';
import { ReadError, limitsOf, type ReadNote, type ReadOptions } from './read/sheetjs';
import { readWorkbook } from './read/workbook';
import type { Finding } from './rules/types';
import { sortFindings, validateParsed, type ValidateOptions } from './validate';

export interface FileError {
  code: string;
  /** Japanese reason, ready to show next to the file name. */
  message: string;
}

export interface FileResult {
  path: string;
  /** Report type names found, in sheet order, deduplicated. */
  reportTypes: string[];
  findings: Finding[];
  skipped: SkippedSheet[];
  error?: FileError;
}

const MB = 1024 * 1024;
const mb = (n: number): string => (n / MB >= 10 ? String(Math.round(n / MB)) : (n / MB).toFixed(1));

/** Japanese reason for a read failure; the limits in force fill the numbers. */
export function readErrorMessage(err: ReadError, opts: ReadOptions = {}): FileError {
  const l = limitsOf(opts);
  const size = Number(err.detail);
  const what = fileKinds[err.detail] ? `（${fileKinds[err.detail]}）` : '';
  const data = {
    detail: err.detail,
    size: Number.isFinite(size) ? mb(size) : err.detail,
    limit: mb(l.maxBytes),
    expandedLimit: mb(l.maxExpandedBytes),
    maxCells: l.maxCells.toLocaleString('ja-JP'),
    what,
  };
  return { code: err.code, message: format(readErrors[err.code] ?? err.code, data) };
}

/** Read notes as findings, so every front-end shows them at their cell. */
export function noteFindings(notes: ReadNote[]): Finding[] {
  return notes.map((n) => {
    const data = { formula: n.formula.length > 60 ? `${n.formula.slice(0, 60)}…` : n.formula };
    return {
      rule: 'formula-no-value',
      messageId: 'noValue',
      data,
      severity: 'warning' as const,
      sheet: n.sheet,
      cell: a1(n.r, n.c),
      row: n.r + 1,
      column: colName(n.c),
      message: ruleMessage('formula-no-value', 'noValue', data),
    };
  });
}

export function checkParsed(path: string, parsed: ParsedWorkbook, config: Config, opts: ValidateOptions = {}): FileResult {
  const reportTypes = [...new Set(parsed.reports.map((r) => r.type.name))];
  if (parsed.reports.length === 0) {
    return { path, reportTypes, findings: [], skipped: parsed.skipped, error: { code: 'no-report', message: readErrors['no-report'] } };
  }
  return { path, reportTypes, findings: validateParsed(parsed, config, opts), skipped: parsed.skipped };
}

export function checkWorkbook(path: string, wb: Workbook, config: Config): FileResult {
  return checkParsed(path, parseWorkbook(wb, config), config);
}

/** Never throws for a bad file: the reason comes back in `error`. */
export function checkBytes(path: string, bytes: Uint8Array, config: Config, opts: ReadOptions = {}): FileResult {
  return checkBytesRead(path, bytes, config, opts).result;
}

/**
 * checkBytes, with the grid it read (null when the file could not be read or checked): the
 * browser page keeps it, so consolidating the same files does not read them again.
 */
export function checkBytesRead(path: string, bytes: Uint8Array, config: Config, opts: ReadOptions = {}): { result: FileResult; workbook: Workbook | null } {
  const result = (r: FileResult, workbook: Workbook | null = null): { result: FileResult; workbook: Workbook | null } => ({ result: r, workbook });
  let wb: Workbook;
  const notes: ReadNote[] = [];
  try {
    wb = readWorkbook(bytes, path, { ...opts, notes });
  } catch (err) {
    if (err instanceof ReadError) return result({ path, reportTypes: [], findings: [], skipped: [], error: readErrorMessage(err, opts) });
    const detail = err instanceof Error ? err.message : String(err);
    return result({ path, reportTypes: [], findings: [], skipped: [], error: { code: 'corrupt', message: format(readErrors['unreadable'], { detail }) } });
  }
  let checked: FileResult;
  try {
    checked = checkWorkbook(path, wb, config);
  } catch (err) {
    // A bug met on a strange workbook must cost this file only, not the run.
    const detail = err instanceof Error ? err.message : String(err);
    return result({ path, reportTypes: [], findings: [], skipped: [], error: { code: 'internal', message: format(readErrors['internal'], { detail }) } });
  }
  if (notes.length > 0) {
    checked.findings = sortFindings([...checked.findings, ...noteFindings(notes)], wb.sheets.map((s) => s.name));
  }
  return result(checked, wb);
}
