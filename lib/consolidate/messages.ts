// Why a master could not be used, in Japanese: one text for the CLI and the add-in.
import { readErrorMessage } from '../check';
import { consolidate as t } from '../locale/ja/consolidate';
import { format } from '../locale/ja/format';
import { ReadError } from '../read/sheetjs';
import { PackageError } from '../ooxml/package';
import { ConsolidateError } from './consolidate';

/** The Japanese reason a master could not be used, or undefined for an unexpected error. */
export function masterErrorMessage(err: unknown, master: string): string | undefined {
  if (err instanceof ReadError) return format(t.masterUnreadable, { path: master, reason: readErrorMessage(err).message });
  if (err instanceof PackageError) {
    // The zip library's English says nothing to a section; the part name helps whoever repairs it.
    const reason = format(t.packageReasons[err.code], { detail: err.code === 'not-xlsx' ? '' : err.detail });
    return format(t.masterUnsupported, { path: master, reason });
  }
  if (err instanceof ConsolidateError && err.code === 'master-no-department') {
    const [header = '担当課', ...others] = err.headers;
    const also = others.length > 0 ? format(t.masterNoDepartmentAlso, { headers: others.map((h) => `「${h}」`).join('・') }) : '';
    return format(t.masterNoDepartment, { path: master, sheets: err.sheets.join('」「'), header, also });
  }
  if (err instanceof ConsolidateError) return format(t.masterNoReport, { path: master });
  return undefined;
}
