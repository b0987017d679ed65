// The consolidation API of lib/consolidate, seen from the add-in, and the CLI's Japanese
// reasons for a master it cannot use.
import { readErrorMessage } from '../../lib/check';
import { ConsolidateError } from '../../lib/consolidate/consolidate';
import { consolidate as t, format } from '../../lib/locale/ja';
import { ReadError } from '../../lib/read/sheetjs';
import { PackageError } from '../../lib/write/package';
export { consolidate } from '../../lib/consolidate/consolidate';
export { split, type SplitResult, type SplitFile } from '../../lib/consolidate/split';
export type { Summary, Source, ConsolidateResult } from '../../lib/consolidate/types';

export function masterErrorMessage(err: unknown, master: string): string {
  if (err instanceof ReadError) return format(t.masterUnreadable, { path: master, reason: readErrorMessage(err).message });
  if (err instanceof PackageError) return format(t.masterUnsupported, { path: master, detail: err.message });
  if (err instanceof ConsolidateError) return format(t.masterNoReport, { path: master });
  return err instanceof Error ? err.message : String(err);
}
