// Node only (fs): kept out of lib/check.ts so the core stays loadable in the browser.
import { checkBytes, readErrorMessage, type FileError, type FileResult } from '../check';
import type { Config } from '../config/schema';
import { format, readErrors } from '../locale/ja';
import { readInputFile } from '../read/file';
import { limitsOf, ReadError, type ReadOptions } from '../read/sheetjs';

/**
 * Reads an input once, whole: size checked first, a named pipe refused without waiting, a
 * file saved again while being read caught. Every command reads its inputs through this.
 */
export function readInput(path: string, opts: ReadOptions = {}): { ok: true; bytes: Uint8Array; modified: number } | { ok: false; error: FileError } {
  const got = readInputFile(path, { maxBytes: limitsOf(opts).maxBytes });
  if (got.ok) return { ok: true, bytes: got.bytes, modified: got.mtimeMs };
  const error =
    got.code === 'unreadable' || got.code === 'not-a-file'
      ? { code: 'unreadable', message: format(readErrors[got.code]!, { detail: got.detail }) }
      : readErrorMessage(new ReadError(got.code, path, got.detail), opts);
  return { ok: false, error };
}

/** Reads a file from disk and checks it. */
export function checkFile(path: string, config: Config, opts: ReadOptions = {}): FileResult {
  const got = readInput(path, opts);
  if (!got.ok) return { path, reportTypes: [], findings: [], skipped: [], error: got.error };
  return checkBytes(path, got.bytes, config, opts);
}
