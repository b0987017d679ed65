// The browser has no zlib: the page and the add-in inflate with fflate (lib/ooxml/zip). That
// path must read every workbook as Node's zlib does and refuse the same bombs, with the same code.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { deflateSync, unzipSync } from 'fflate';
import { crc32 } from 'node:zlib';
import { nodeZlib } from '../lib/node-zlib';
import { readWorkbook } from '../lib/read/workbook';

const ROOT = path.join(__dirname, '..');
const dirs = [path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files'), path.join(ROOT, 'seeds'), path.join(ROOT, 'seeds', 'libreoffice')];
const files = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.xlsx$/.test(f)).map((f) => path.join(d, f)));

/** Every cell as text, or the reader's error code. */
function outcome(file: string): string[] {
  try {
    return readWorkbook(new Uint8Array(fs.readFileSync(file)), path.basename(file)).sheets.flatMap((s) => [...s.rows].flatMap(([r, row]) => [...row].map(([c, cell]) => `${s.name}!${r},${c}=${cell.type}:${cell.text}`)));
  } catch (err) {
    return [`error ${(err as { code?: string }).code ?? String(err)}`];
  }
}

/** Runs `fn` as the browser bundle would: process.getBuiltinModule gives no zlib. */
function withoutZlib<T>(fn: () => T): T {
  const proc = process as unknown as { getBuiltinModule: (id: string) => unknown };
  const original = proc.getBuiltinModule.bind(process);
  const spy = jest.spyOn(proc, 'getBuiltinModule').mockImplementation((id: string) => (/zlib$/.test(id) ? undefined : original(id)));
  try {
    return fn();
  } finally {
    spy.mockRestore();
  }
}

test('the stub hides zlib as the browser lacks it', () => {
  expect(nodeZlib()?.inflateRawSync).toBeDefined();
  expect(withoutZlib(() => nodeZlib())).toBeUndefined();
});

test.each(files.map((f) => [path.relative(ROOT, f), f]))('fflate reads %s as zlib does', (_name, file) => {
  const native = outcome(file);
  expect(native.length).toBeGreaterThan(0);
  expect(withoutZlib(() => outcome(file))).toEqual(native);
});

/** A zip written by hand, so a part's directory entry can claim any size. */
function zipByHand(entries: { name: string; packed: Uint8Array; crc: number; size: number }[]): Uint8Array {
  const enc = new TextEncoder();
  const chunks: number[] = [];
  const put = (bytes: ArrayLike<number>): void => {
    for (let i = 0; i < bytes.length; i++) chunks.push(bytes[i]!);
  };
  const le = (n: number, width: number): number[] => Array.from({ length: width }, (_, i) => (n >>> (8 * i)) & 0xff);
  const central: number[] = [];
  for (const e of entries) {
    const name = enc.encode(e.name);
    const offset = chunks.length;
    const common = [...le(20, 2), ...le(0x800, 2), ...le(8, 2), ...le(0, 2), ...le(0x21, 2), ...le(e.crc, 4), ...le(e.packed.length, 4), ...le(e.size, 4), ...le(name.length, 2), ...le(0, 2)];
    put([0x50, 0x4b, 0x03, 0x04, ...common]);
    put(name);
    put(e.packed);
    central.push(0x50, 0x4b, 0x01, 0x02, ...le(20, 2), ...common, ...le(0, 2), ...le(0, 2), ...le(0, 2), ...le(0, 4), ...le(offset, 4), ...name);
  }
  const at = chunks.length;
  put(central);
  put([0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, ...le(entries.length, 2), ...le(entries.length, 2), ...le(central.length, 4), ...le(at, 4), 0, 0]);
  return new Uint8Array(chunks);
}

test('a sheet whose stream expands far past a plausible claimed size is refused without zlib as with it', () => {
  const parts = unzipSync(new Uint8Array(fs.readFileSync(path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files', 'ok.report.xlsx'))));
  // 40 MB of XML packed to ~40 KB, claiming 64 KB: more than its packed bytes, so it looks real.
  const bomb = deflateSync(new TextEncoder().encode(`<worksheet>${' '.repeat(40 * 1024 * 1024)}`), { level: 9 });
  expect(bomb.length).toBeLessThan(64 * 1024);
  const entries = Object.entries(parts).map(([name, data]) =>
    name === 'xl/worksheets/sheet1.xml' ? { name, packed: bomb, crc: 0, size: 64 * 1024 } : { name, packed: deflateSync(data), crc: crc32(data), size: data.length },
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bomb-')), 'bomb.xlsx');
  fs.writeFileSync(file, zipByHand(entries));
  try {
    expect(outcome(file)).toEqual(['error expanded-too-large']);
    expect(withoutZlib(() => outcome(file))).toEqual(['error expanded-too-large']);
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
  }
});
