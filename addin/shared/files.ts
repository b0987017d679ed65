// Files in and out of the page: nothing is uploaded; downloads are blob URLs.
export interface LoadedFile {
  name: string;
  bytes: Uint8Array;
}

export async function readFiles(list: FileList | readonly File[]): Promise<LoadedFile[]> {
  const files = Array.from(list);
  return Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
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
