// Operating-system errors (ENOENT, EACCES, EBUSY…) in words a clerk can act on: what went
// wrong and what to do. The code stays at the end, in brackets, for whoever supports them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../locale/ja/cli';
import { format } from '../locale/ja/format';

export function errorCode(err: unknown): string | undefined {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return undefined;
}

/** Why `target` could not be written, and what to do. */
export function writeReason(err: unknown, target: string): string {
  const code = errorCode(err);
  if (code === undefined) return err instanceof Error ? err.message : String(err);
  const dir = path.dirname(path.resolve(target));
  // `-o 出力/` naming a folder fails as ENOTDIR (the slash), not as EISDIR: it is still a folder.
  const said = code === 'ENOTDIR' && isFolder(target) ? 'EISDIR' : code;
  return format(cli.osWithCode, { reason: format(cli.osWrite[said] ?? cli.osUnknown, { dir }), code });
}

function isFolder(target: string): boolean {
  try {
    return fs.statSync(target).isDirectory();
  } catch {
    return false;
  }
}

/** Why a file could not be read (readInputFile's detail: a code, or a message), and what to do. */
export function readReason(detail: string): string {
  const known = cli.osRead[detail];
  return /^E[A-Z]+$/.test(detail) ? format(cli.osWithCode, { reason: known ?? cli.osUnknown, code: detail }) : detail;
}

/**
 * The folder an output file goes into, checked before any work: it is not created, since a
 * mistyped name would put the result in a new folder nobody looks in. Undefined when fine.
 */
export function outputFolderProblem(output: string): string | undefined {
  const dir = path.dirname(path.resolve(output));
  try {
    if (fs.statSync(dir).isDirectory()) return undefined;
    return format(cli.outputFolderNotFolder, { dir });
  } catch {
    return format(cli.outputFolderMissing, { dir });
  }
}
