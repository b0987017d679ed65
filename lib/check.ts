// One file in, one result out: the shared path of the CLI, the add-in and consolidation.
import type { Config } from './config/schema';
import type { Workbook } from './grid';
import { readErrors, format } from './locale/ja';
import { parseWorkbook, type ParsedWorkbook, type SkippedSheet } from './report';
import { readWorkbook, ReadError, DEFAULT_MAX_BYTES, type ReadOptions } from './read/sheetjs';
import type { Finding } from './rules/types';
import { validateParsed } from './validate';

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

export function readErrorMessage(err: ReadError, limit = DEFAULT_MAX_BYTES): FileError {
  return { code: err.code, message: format(readErrors[err.code] ?? err.code, { detail: err.detail, limit }) };
}

export function checkParsed(path: string, parsed: ParsedWorkbook, config: Config): FileResult {
  const reportTypes = [...new Set(parsed.reports.map((r) => r.type.name))];
  if (parsed.reports.length === 0) {
    return { path, reportTypes, findings: [], skipped: parsed.skipped, error: { code: 'no-report', message: readErrors['no-report']! } };
  }
  return { path, reportTypes, findings: validateParsed(parsed, config), skipped: parsed.skipped };
}

export function checkWorkbook(path: string, wb: Workbook, config: Config): FileResult {
  return checkParsed(path, parseWorkbook(wb, config), config);
}

/** Never throws for a bad file: the reason comes back in `error`. */
export function checkBytes(path: string, bytes: Uint8Array, config: Config, opts: ReadOptions = {}): FileResult {
  let wb: Workbook;
  try {
    wb = readWorkbook(bytes, path, opts);
  } catch (err) {
    if (err instanceof ReadError) return { path, reportTypes: [], findings: [], skipped: [], error: readErrorMessage(err, opts.maxBytes) };
    const detail = err instanceof Error ? err.message : String(err);
    return { path, reportTypes: [], findings: [], skipped: [], error: { code: 'corrupt', message: format(readErrors['unreadable']!, { detail }) } };
  }
  return checkWorkbook(path, wb, config);
}
