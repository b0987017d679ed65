// Reads an input file once, whole, into memory; everything after works on these bytes, so a
// file saved again mid-run cannot give two commands two different versions.
import * as fs from 'node:fs';

export type FileReadResult =
  | { ok: true; bytes: Uint8Array; size: number; mtimeMs: number }
  | { ok: false; code: 'too-large' | 'changed' | 'unreadable' | 'not-a-file'; detail: string };

export interface FileReadOptions {
  maxBytes: number;
  /** Test seam: runs after the first chunk was read, before the rest. */
  afterFirstChunk?: () => void;
}

const CHUNK = 4 * 1024 * 1024;

export function readInputFile(path: string, opts: FileReadOptions): FileReadResult {
  let fd: number;
  try {
    // Non-blocking open: a named pipe must not make the run wait for a writer forever.
    fd = fs.openSync(path, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { ok: false, code: 'unreadable', detail: errCode(err) };
  }
  try {
    const st = fs.fstatSync(fd);
    if (!st.isFile()) return { ok: false, code: 'not-a-file', detail: '' };
    if (st.size > opts.maxBytes) return { ok: false, code: 'too-large', detail: String(st.size) };
    const buf = Buffer.allocUnsafe(st.size);
    let off = 0;
    while (off < st.size) {
      const n = fs.readSync(fd, buf, off, Math.min(CHUNK, st.size - off), off);
      if (n === 0) return { ok: false, code: 'changed', detail: `shrank to ${off} bytes` };
      if (off === 0) opts.afterFirstChunk?.();
      off += n;
    }
    const extra = Buffer.alloc(1);
    if (fs.readSync(fd, extra, 0, 1, off) > 0) return { ok: false, code: 'changed', detail: 'grew while read' };
    const after = fs.fstatSync(fd);
    if (after.size !== st.size || after.mtimeMs !== st.mtimeMs) return { ok: false, code: 'changed', detail: 'modified while read' };
    return { ok: true, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.length), size: st.size, mtimeMs: st.mtimeMs };
  } catch (err) {
    return { ok: false, code: 'unreadable', detail: errCode(err) };
  } finally {
    fs.closeSync(fd);
  }
}

function errCode(err: unknown): string {
  if (err && typeof err === 'object' && 'code' in err && typeof (err as { code: unknown }).code === 'string') return (err as { code: string }).code;
  return err instanceof Error ? err.message : String(err);
}
