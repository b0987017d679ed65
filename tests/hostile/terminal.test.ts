// Cell text reaches the terminal through split's and consolidate's output: escape
// sequences must show as symbols, never act; a department that cannot be a file name as
// written still gets a safe, unique, short file and a word about it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { main } from '../../lib/cli/main';
import { capture } from './io';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'files');
const ESC = '\u001b[2J\u001b]0;owned\u0007';
// eslint-disable-next-line no-control-regex -- the characters a terminal would act on
const ACTING = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-terminal-'));
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** The corpus report with its department cells (column F) replaced, written by SheetJS. */
function masterWith(file: string, departments: (old: string) => string): string {
  const wb = XLSX.read(fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx')));
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const [ref, cell] of Object.entries(ws)) {
      if (!/^F\d+$/.test(ref) || ref === 'F1' || typeof (cell as XLSX.CellObject).v !== 'string') continue;
      const c = cell as XLSX.CellObject;
      if (String(c.v).includes(')')) ws[ref] = { t: 's', v: departments(String(c.v)) };
    }
  }
  const out = path.join(work, file);
  fs.writeFileSync(out, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  return out;
}

test('split: escape sequences and slashes in department names neither act nor escape the folder', () => {
  const m = masterWith('esc.xlsx', (d) => `${d}${ESC}/../x`);
  const out = path.join(work, 'split-esc');
  const io = capture();
  expect(main(['split', m, '-o', out], io)).toBeLessThan(2);
  const text = io.outText() + io.errText();
  expect(text).toContain('␛[2J');
  expect(text).not.toMatch(ACTING);
  // Every file landed inside the folder, none named with a control character or a slash.
  const files = fs.readdirSync(out);
  expect(files.length).toBeGreaterThan(0);
  for (const f of files) {
    expect(f).toMatch(/\.xlsx$/);
    expect(f).not.toMatch(ACTING);
  }
  expect(fs.readdirSync(work).sort()).toEqual(['esc.xlsx', 'split-esc']);
  // The user is told why the names differ from the departments.
  expect(io.outText()).toContain('_ に置き換えました');
});

test('split: a department name of 30,000 characters (near the cell limit) gets a short, unique file name', () => {
  const long = 'あ'.repeat(30_000);
  const m = masterWith('long.xlsx', (d) => `${d}${long}`);
  const out = path.join(work, 'split-long');
  const io = capture();
  expect(main(['split', m, '-o', out, '--format', 'json'], io)).toBeLessThan(2);
  const files = fs.readdirSync(out);
  const written = (JSON.parse(io.outText()) as { files: { department: string; file: string; renamed?: string }[] }).files;
  expect(written.length).toBeGreaterThan(1);
  expect(files.length).toBe(written.length);
  for (const f of files) expect(Buffer.byteLength(f)).toBeLessThanOrEqual(130);
  for (const w of written) expect(w.renamed).toBe('shortened');
});

test('consolidate: escape sequences in returned cells are shown, not sent, in the text report', () => {
  const master = path.join(work, 'plain.xlsx');
  fs.copyFileSync(path.join(CORPUS, 'ok.report.xlsx'), master);
  const back = path.join(work, 'back');
  expect(main(['split', master, '-o', back], capture())).toBeLessThan(2);
  const f = path.join(back, fs.readdirSync(back).sort()[0]!);
  const wb = XLSX.read(fs.readFileSync(f));
  const ws = wb.Sheets[wb.SheetNames.find((n) => !n.startsWith('_'))!]!;
  // Outside the table: reported with its text in the summary.
  XLSX.utils.sheet_add_aoa(ws, [[`メモ${ESC}\u202eevil`]], { origin: 'J1' });
  fs.writeFileSync(f, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  const io = capture();
  expect(main(['consolidate', master, back, '-o', path.join(work, 'out.xlsx')], io)).toBe(1);
  const text = io.outText();
  expect(text).toContain('メモ␛[2J');
  expect(text).toContain('<U+202E>');
  expect(text + io.errText()).not.toMatch(ACTING);
  const json = capture();
  expect(main(['consolidate', master, back, '-o', path.join(work, 'out2.xlsx'), '--format', 'json'], json)).toBe(1);
  expect(json.outText()).not.toMatch(ACTING);
  expect(JSON.stringify(JSON.parse(json.outText()))).toContain('\\u001b[2J');
});
