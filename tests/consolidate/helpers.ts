// Test helpers: the openpyxl side (an independent writer/reader) and temporary folders.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

// Debian's python3 carries python3-openpyxl; a pyenv shim earlier in PATH may not.
export const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const SCRIPT = path.join(__dirname, 'fixtures.py');

export function py(...args: string[]): string {
  return execFileSync(PYTHON, [SCRIPT, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export interface InspectedCell {
  v: string | number | null;
  t: string;
  font: [string | null, boolean, number | null, string | null];
  fill: string | null;
  border: (string | null)[];
  wrap: boolean;
  locked: boolean;
}

export interface InspectedSheet {
  name: string;
  state: string;
  cells: Record<string, InspectedCell>;
  widths: Record<string, number>;
  hiddenCols: string[];
  merges: string[];
  validations: [string, string, string][];
  conditional: string[];
  conditionalFormulas: [string, string][];
  printTitles: string | null;
  printArea: string | null;
  orientation: string | null;
  fitToPage: boolean;
  freeze: string | null;
  protected: boolean;
  maxRow: number;
}

export function inspect(file: string): { sheets: InspectedSheet[] } {
  return JSON.parse(py('inspect', file)) as { sheets: InspectedSheet[] };
}

export interface FillStep {
  sheet: string;
  set?: Record<string, string>;
  insert?: [number, Record<string, string>];
  /** A row the section deletes (1-based), before the insert and the cells set. */
  delete?: number;
}

export function fill(dir: string, jobs: { in: string; out: string; steps: FillStep[] }[]): void {
  const spec = path.join(dir, `fill-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  fs.writeFileSync(spec, JSON.stringify(jobs));
  py('fill', spec);
}

/**
 * `src` opened by openpyxl as `wb`, `body` run on it, saved as `dest`; `args` follow as
 * sys.argv[3…]. An edit by a writer that is not ours, as a clerk's program would make.
 */
export function openpyxlEdit(src: string, dest: string, body: string, ...args: string[]): void {
  execFileSync(PYTHON, ['-c', `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\n${body}\nwb.save(sys.argv[2])`, src, dest, ...args]);
}

/** A 取組結果 reference sheet put second, before the report's own sheets (another report type). */
export const REFERENCE_SHEET = `ws = wb.create_sheet('参考', 1)
ws.append(['具体的取組', '取組結果'])
ws.append(['参考の取組', '参考の結果。'])`;

export function tmpDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `shinchoku-${prefix}-`));
}

export function sheetOf(x: { sheets: InspectedSheet[] }, name: string): InspectedSheet {
  const s = x.sheets.find((s) => s.name === name);
  if (!s) throw new Error(`no sheet ${name}`);
  return s;
}

/** Row number (1-based) whose column A holds text starting with `start`. */
export function rowOf(s: InspectedSheet, start: string): number {
  for (const [ref, c] of Object.entries(s.cells)) {
    if (/^A\d+$/.test(ref) && typeof c.v === 'string' && c.v.startsWith(start)) return Number(ref.slice(1));
  }
  throw new Error(`no row starting with ${start} in ${s.name}`);
}

/** LibreOffice as a second writer: opens and saves an .xlsx again. */
export function libreOfficeResave(file: string, outDir: string): string {
  const profile = path.join(outDir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', outDir, file], { stdio: 'ignore', timeout: 120000 });
  return path.join(outDir, path.basename(file));
}
