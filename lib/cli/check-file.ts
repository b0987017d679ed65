// Node only (fs): kept out of lib/check.ts so the core stays loadable in the browser.
import { checkBytes, readErrorMessage, type FileError, type FileResult } from '../check';
import type { Config } from '../config/schema';
import { basename } from 'node:path';
import { cli } from '../locale/ja/cli';
import { format } from '../locale/ja/format';
import { readErrors } from '../locale/ja/read';
import { readInputFile } from '../read/file';
import { limitsOf, ReadError, type ReadOptions } from '../read/sheetjs';
import { readReason } from './errors';

/**
 * Reads an input once, whole: size checked first, a named pipe refused without waiting, a
 * file saved again while being read caught. Every command reads its inputs through this.
 */
export function readInput(path: string, opts: ReadOptions = {}): { ok: true; bytes: Uint8Array; modified: number } | { ok: false; error: FileError } {
  const got = readInputFile(path, { maxBytes: limitsOf(opts).maxBytes });
  if (got.ok) {
    if (isLockFile(path, got.bytes)) return { ok: false, error: { code: 'lock-file', message: cli.lockFile } };
    return { ok: true, bytes: got.bytes, modified: got.mtimeMs };
  }
  const error =
    got.code === 'not-a-file'
      ? { code: 'unreadable', message: readErrors['not-a-file'] }
      : got.code === 'unreadable'
        ? { code: 'unreadable', message: format(cli.readFailed, { reason: readReason(got.detail) }) }
        : readErrorMessage(new ReadError(got.code, path, got.detail), opts);
  return { ok: false, error };
}

/**
 * Excel's ~$book.xlsx beside an open book: a few bytes naming who has it open. Told apart
 * from a workbook someone named ~$… by its content (neither a zip nor an old .xls).
 */
export function isLockFile(path: string, bytes: Uint8Array): boolean {
  if (!basename(path).startsWith('~$')) return false;
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  const ole = bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0;
  return !zip && !ole;
}

/** Reads a file from disk and checks it. */
export function checkFile(path: string, config: Config, opts: ReadOptions = {}): FileResult {
  const got = readInput(path, opts);
  if (!got.ok) return { path, reportTypes: [], findings: [], skipped: [], error: got.error };
  return checkBytes(path, got.bytes, config, opts);
}
