// Expands the command line's files and folders into the files to read, in a stable order.
// Every file of a given folder is listed: a section's PDF or Word file instead of its
// workbook must show up with a reason, not vanish.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../locale/ja/cli';
import { format } from '../locale/ja/format';
import { readErrors } from '../locale/ja/read';

// CSV and TSV are read too: a section that sent one gets told why (text-file).
export const WORKBOOK_EXT = /\.(xlsx|xlsm|xlsb|xls|ods|csv|tsv)$/i;

export interface NotWorkbook {
  /** What it is, short: PDF, 画像, .js ファイル. */
  kind: string;
  /** Why it is not used, and what to do. */
  reason: string;
}

export interface Entry {
  path: string;
  /** Set for a folder's file that is not a workbook. It is never opened. */
  notWorkbook?: NotWorkbook;
}

export interface Expanded {
  /** Workbooks of the folders and every file named explicitly, then the rest of the folders. */
  entries: Entry[];
  /** Arguments that named nothing usable. */
  problems: { path: string; reason: 'not-found' | 'empty-folder' | 'no-workbook'; others?: number }[];
}

/**
 * Not reports, left out without a word: Excel's lock files (~$book.xlsx), dot files (our own
 * temporary files, macOS's ._ and .DS_Store) and the thumbnail and settings files Windows
 * puts in shared folders by itself.
 */
export function isIgnored(name: string): boolean {
  return name.startsWith('~$') || name.startsWith('.') || /^(thumbs\.db|ehthumbs\.db|desktop\.ini)$/i.test(name);
}

/** What a folder's file that is not a workbook is, from its name alone (it is never opened). */
export function notWorkbookOf(name: string): NotWorkbook {
  const ext = /\.([^.]{1,10})$/.exec(name)?.[1]?.toLowerCase();
  const kind = ext === undefined ? cli.noExtensionKind : (cli.otherFileKinds[ext] ?? format(cli.extensionKind, { ext }));
  return { kind, reason: format(cli.notWorkbook, { kind }) };
}

function byName(a: fs.Dirent, b: fs.Dirent): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Appends the folder's files to `books` and `others`; `seen` holds real paths (link loops). */
function walk(dir: string, books: Entry[], others: Entry[], seen: Set<string>): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort(byName)) {
    if (isIgnored(e.name)) continue;
    const p = path.join(dir, e.name);
    let st: fs.Stats | fs.Dirent = e;
    if (e.isSymbolicLink()) {
      try {
        st = fs.statSync(p);
      } catch {
        others.push({ path: p, notWorkbook: { kind: cli.brokenLinkKind, reason: readErrors['not-found'] } });
        continue;
      }
    }
    if (st.isDirectory()) {
      const real = fs.realpathSync(p);
      if (seen.has(real)) continue;
      seen.add(real);
      walk(p, books, others, seen);
    } else if (!st.isFile()) {
      // A named pipe, socket or device: never opened, it could make the run wait forever.
      others.push({ path: p, notWorkbook: { kind: cli.specialFileKind, reason: readErrors['not-a-file'] } });
    } else if (WORKBOOK_EXT.test(e.name)) {
      books.push({ path: p });
    } else {
      others.push({ path: p, notWorkbook: notWorkbookOf(e.name) });
    }
  }
}

export function expandInputs(args: string[]): Expanded {
  const books: Entry[] = [];
  const others: Entry[] = [];
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
      const [b, o] = [books.length, others.length];
      walk(a, books, others, new Set([fs.realpathSync(a)]));
      if (books.length === b) problems.push(others.length === o ? { path: a, reason: 'empty-folder' } : { path: a, reason: 'no-workbook', others: others.length - o });
    } else {
      // A file named explicitly is read whatever its extension, so a wrong file gets a reason.
      books.push({ path: a });
    }
  }
  const seen = new Set<string>();
  const entries = [...books, ...others].filter((e) => !seen.has(e.path) && Boolean(seen.add(e.path)));
  return { entries, problems };
}

/** The message for a folder that holds no workbook. */
export function folderProblem(p: Expanded['problems'][number]): string {
  return p.reason === 'no-workbook' ? format(cli.noWorkbookInFolder, { path: p.path, n: p.others ?? 0 }) : format(cli.noFilesInFolder, { path: p.path });
}
