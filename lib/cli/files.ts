// Expands the command line's files and folders into workbook paths, in a stable order.
import * as fs from 'node:fs';
import * as path from 'node:path';

// CSV and TSV are listed too: a section that sent one gets told why, instead of its report
// silently missing from the run.
export const WORKBOOK_EXT = /\.(xlsx|xlsm|xlsb|xls|ods|csv|tsv)$/i;

export interface Expanded {
  files: string[];
  /** Arguments that named nothing usable, with the locale key of the reason. */
  problems: { path: string; reason: 'not-found' | 'empty-folder' }[];
}

function walk(dir: string, out: string[]): void {
  const entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    // Excel's lock files (~$book.xlsx) and dot files are not reports.
    if (e.name.startsWith('~$') || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile() && WORKBOOK_EXT.test(e.name)) out.push(p);
  }
}

export function expandInputs(args: string[]): Expanded {
  const files: string[] = [];
  const problems: Expanded['problems'] = [];
  for (const a of args) {
    let st: fs.Stats;
    try {
      st = fs.statSync(a);
    } catch {
      problems.push({ path: a, reason: 'not-found' });
      continue;
    }
    if (st.isDirectory()) {
      const before = files.length;
      walk(a, files);
      if (files.length === before) problems.push({ path: a, reason: 'empty-folder' });
    } else {
      // A file named explicitly is read whatever its extension, so a wrong file gets a reason.
      files.push(a);
    }
  }
  return { files: [...new Set(files)], problems };
}
