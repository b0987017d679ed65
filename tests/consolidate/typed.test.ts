// Typed cells survive a round: numbers, percents, dates, times, currency and formulas with
// their formats, split and returned untouched (once straight, once saved by LibreOffice in
// between), come back with the same value, type, number format and formula under openpyxl.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const SCRIPT = path.join(__dirname, 'rounds.py');
type Dumped = Record<string, Record<string, [unknown, string, string]>>;

const TYPED = [
  { sheet: '提言1-ア', ref: 'C17', value: 1234567, type: 'n', fmt: '#,##0' },
  { sheet: '提言1-エ', ref: 'C15', value: 0.5, type: 'n', fmt: '0%' },
  { sheet: '提言1-エ', ref: 'C16', value: '2025-04-01T00:00:00', type: 'd', fmt: 'm/d/yyyy' },
  { sheet: '提言1-エ', ref: 'C17', value: 0.5625, type: 'n', fmt: 'h:mm' },
  { sheet: '提言1-エ', ref: 'C18', value: 1500, type: 'n', fmt: '"¥"#,##0' },
  { sheet: '提言1-ア', ref: 'D17', value: '=LEN(A17)', type: 's', fmt: '0"件"' },
  { sheet: '提言1-イ', ref: 'C15', value: 3.14159265358979, type: 'n' },
];

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function dump(file: string): Dumped {
  return JSON.parse(execFileSync(PYTHON, [SCRIPT, 'dump', file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Dumped;
}

/** LibreOffice opens and saves each file again (one process for all of them). */
function resave(files: string[], outDir: string): string[] {
  fs.mkdirSync(outDir, { recursive: true });
  const profile = path.join(outDir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, ...files], { stdio: 'ignore', timeout: 300000 });
  return files.map((f) => path.join(outDir, path.basename(f)));
}

/** Cells of the report sheets (columns A–F) that differ between two dumps. */
function differences(a: Dumped, b: Dumped): string[] {
  const out: string[] = [];
  for (const [sheet, cells] of Object.entries(a)) {
    if (!sheet.startsWith('提言')) continue;
    const other = b[sheet] ?? {};
    for (const ref of new Set([...Object.keys(cells), ...Object.keys(other)])) {
      if (!/^[A-F]\d+$/.test(ref)) continue;
      if (JSON.stringify(cells[ref]) !== JSON.stringify(other[ref])) out.push(`${sheet}!${ref}: ${JSON.stringify(cells[ref])} → ${JSON.stringify(other[ref])}`);
    }
  }
  return out;
}

test.each([['returned as split wrote them', false], ['saved by LibreOffice in between', true]])('typed cells, %s, come back as they were', (_label, viaLibreOffice) => {
  const dir = tmpDir('typed');
  dirs.push(dir);
  const seedCopy = path.join(dir, 'seed.xlsx');
  fs.copyFileSync(SEED, seedCopy);
  const masterFile = path.join(dir, 'master.xlsx');
  execFileSync(PYTHON, [SCRIPT, 'edit', seedCopy, masterFile, JSON.stringify(TYPED)]);
  const master = new Uint8Array(fs.readFileSync(masterFile));
  const before = dump(masterFile);
  expect(before['提言1-エ']!['C16']![2]).toBe('m/d/yyyy');
  const parts = split(master, config).files;
  let sources = parts.map((f) => ({ name: f.name, bytes: f.bytes }));
  if (viaLibreOffice) {
    // The files holding a number, a percent, a date and a formula (LibreOffice is slow to start).
    const viaLo = new Set(['保) 総務部', '子) 子ども育成部', '子) 児童相談所']);
    const written = parts.filter((f) => viaLo.has(f.department)).map((f) => {
      const p = path.join(dir, 'sections', f.name);
      fs.mkdirSync(path.dirname(p), { recursive: true });
      fs.writeFileSync(p, f.bytes);
      return p;
    });
    const saved = resave(written, path.join(dir, 'lo')).map((p) => ({ name: path.basename(p), bytes: new Uint8Array(fs.readFileSync(p)) }));
    expect(saved).toHaveLength(3);
    sources = [...sources.filter((s) => !saved.some((x) => x.name === s.name)), ...saved];
  }
  const res = consolidate(master, sources, config, { masterName: 'master.xlsx' });
  expect(res.summary.conflicts).toEqual([]);
  expect(res.summary.unauthorized).toEqual([]);
  const outFile = path.join(dir, 'out.xlsx');
  fs.writeFileSync(outFile, res.bytes);
  expect(differences(before, dump(outFile))).toEqual([]);
}, 240000);

/** 保) 総務部's section workbook in a new folder: the master, the copy, and where its filled copy goes. */
function generalAffairs(prefix: string): { dir: string; master: Uint8Array; src: string; filled: string } {
  const dir = tmpDir(prefix);
  dirs.push(dir);
  const master = new Uint8Array(fs.readFileSync(SEED));
  const part = split(master, config).files.find((f) => f.department === '保) 総務部')!;
  const src = path.join(dir, 'in.xlsx');
  fs.writeFileSync(src, part.bytes);
  return { dir, master, src, filled: path.join(dir, '保)総務部.xlsx') };
}

test('a number a section types is written as a number, in its format', () => {
  const { dir, master, src, filled } = generalAffairs('typed-write');
  execFileSync(PYTHON, [SCRIPT, 'edit', src, filled, JSON.stringify([
    { sheet: '提言1-ア', ref: 'C15', value: 0.75, type: 'n', fmt: '0%' },
    { sheet: '提言1-ア', ref: 'D15', value: '2026-03-31T00:00:00', type: 'd', fmt: 'yyyy/m/d' },
    { sheet: '提言1-ア', ref: 'B15', value: '=SUM(1,2)', type: 's' },
  ])]);
  const res = consolidate(master, [{ name: '保)総務部.xlsx', bytes: new Uint8Array(fs.readFileSync(filled)) }], config);
  const outFile = path.join(dir, 'out.xlsx');
  fs.writeFileSync(outFile, res.bytes);
  const row = dump(outFile)['提言1-ア']!;
  // The section's row 15 is the master's row 17 (保) 総務部's only row on this sheet).
  expect(row['C17']).toEqual([0.75, 'n', '0%']);
  expect(row['D17']).toEqual(['2026-03-31T00:00:00', 'd', 'yyyy/m/d']);
  // Text starting with = stays text.
  expect(row['B17']).toEqual(['=SUM(1,2)', 's', 'General']);
});

test('a row a section adds keeps its numbers and dates as numbers, in their formats', () => {
  const { dir, master, src, filled } = generalAffairs('typed-added');
  // A row added under its own (row 15 of its copy), as a section does in Excel.
  execFileSync(PYTHON, ['-c', `import datetime, openpyxl, sys
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb['提言1-ア']
ws.insert_rows(16)
ws['A16'] = '○加えた取組'; ws['B16'] = '研修を実施した。'
ws['C16'] = 0.75; ws['C16'].number_format = '0%'
ws['D16'] = datetime.datetime(2026, 3, 31); ws['D16'].number_format = 'yyyy/m/d'
ws['F16'] = '保)総務部'
wb.save(sys.argv[2])`, src, filled]);
  const res = consolidate(master, [{ name: '保)総務部.xlsx', bytes: new Uint8Array(fs.readFileSync(filled)) }], config);
  expect(res.summary.added).toHaveLength(1);
  const outFile = path.join(dir, 'out.xlsx');
  fs.writeFileSync(outFile, res.bytes);
  const sheet = dump(outFile)['提言1-ア']!;
  const r = res.summary.added[0]!.row;
  expect([sheet[`A${r}`], sheet[`C${r}`], sheet[`D${r}`]]).toEqual([['○加えた取組', 's', 'General'], [0.75, 'n', '0%'], ['2026-03-31T00:00:00', 'd', 'yyyy/m/d']]);
});
