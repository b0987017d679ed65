// The browser has no zlib: the page and the add-in inflate with fflate (lib/ooxml/zip). That
// path must read every workbook as Node's zlib does and refuse the same bombs, with the same code.
import * as fs from 'node:fs';
import * as path from 'node:path';
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
