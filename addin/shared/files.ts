// Files in and out of the page: nothing is uploaded; downloads are blob URLs.
import { addin as t } from '../../lib/locale/ja/addin';

/** The error code of a card for a file the browser could not read (not a reader's code). */
export const UNREADABLE_HERE = 'browser-unreadable';

export interface LoadedFile {
  name: string;
  bytes: Uint8Array;
  /** Why the browser could not read it (moved, locked, a folder it could not open): shown by name. */
  unreadable?: string;
}

/** Every file given, each read on its own: one that cannot be read is named, the others go on. */
export async function readFiles(list: FileList | readonly File[]): Promise<LoadedFile[]> {
  const files = Array.from(list);
  return Promise.all(
    files.map(async (f) => {
      try {
        return { name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
      } catch {
        return { name: f.name, bytes: new Uint8Array(), unreadable: t.fileUnreadable };
      }
    }),
  );
}

type Entry = { isFile: boolean; isDirectory: boolean; name: string; file?: (ok: (f: File) => void, fail: (e: unknown) => void) => void; createReader?: () => { readEntries: (ok: (es: Entry[]) => void, fail: (e: unknown) => void) => void } };

/** A dropped folder's files, its subfolders' too (as the CLI takes a folder); dot files left out. */
async function entryFiles(entry: Entry): Promise<File[]> {
  if (entry.isFile && entry.file) {
    const fileOf = entry.file.bind(entry);
    return [await new Promise<File>((ok, fail) => fileOf(ok, fail))];
  }
  if (!entry.isDirectory || !entry.createReader) return [];
  const reader = entry.createReader();
  const children: Entry[] = [];
  // readEntries gives a folder's entries in batches, an empty one at the end.
  for (;;) {
    const batch = await new Promise<Entry[]>((ok, fail) => reader.readEntries(ok, fail));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  const out: File[] = [];
  for (const c of children.filter((x) => !x.name.startsWith('.') && !x.name.startsWith('~$')).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) out.push(...(await entryFiles(c)));
  return out;
}

/**
 * The files of a drop, folders opened: the entries are taken while the event lasts (the
 * browser forgets them after), then read. A folder that cannot be opened is given as itself,
 * so readFiles names it.
 */
export async function droppedFiles(dt: DataTransfer): Promise<File[]> {
  const items = Array.from(dt.items ?? []).filter((i) => i.kind === 'file');
  const taken = items.map((i) => ({ entry: (i as { webkitGetAsEntry?: () => Entry | null }).webkitGetAsEntry?.() ?? null, file: i.getAsFile() }));
  if (taken.length === 0) return Array.from(dt.files);
  const out: File[] = [];
  for (const { entry, file } of taken) {
    if (entry?.isDirectory) {
      try {
        out.push(...(await entryFiles(entry)));
        continue;
      } catch {
        // named below, as a file that cannot be read
      }
    }
    if (file) out.push(file);
  }
  return out;
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function download(bytes: Uint8Array, name: string, mime = XLSX_MIME): void {
  const blob = new Blob([bytes as BlobPart], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** "報告.xlsx" → "報告（修正済み）.xlsx". */
export function suffixed(name: string, suffix: string): string {
  const m = /^(.*?)(\.[^.]+)?$/.exec(name)!;
  return `${m[1]}${suffix}${m[2] ?? ''}`;
}
