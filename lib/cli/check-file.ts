// Node only (fs): kept out of lib/check.ts so the core stays loadable in the browser.
import { checkBytes, readErrorMessage, type FileResult } from '../check';
import type { Config } from '../config/schema';
import { format, readErrors } from '../locale/ja';
import { readInputFile } from '../read/file';
import { limitsOf, ReadError, type ReadOptions } from '../read/sheetjs';

/** Reads a file from disk (size checked before reading, changes while reading caught) and checks it. */
export function checkFile(path: string, config: Config, opts: ReadOptions = {}): FileResult {
  const l = limitsOf(opts);
  const got = readInputFile(path, { maxBytes: l.maxBytes });
  if (!got.ok) {
    const error =
      got.code === 'unreadable' || got.code === 'not-a-file'
        ? { code: 'unreadable', message: format(readErrors[got.code]!, { detail: got.detail }) }
        : readErrorMessage(new ReadError(got.code, path, got.detail), opts);
    return { path, reportTypes: [], findings: [], skipped: [], error };
  }
  return checkBytes(path, got.bytes, config, opts);
}
