// Shared pieces of the browser tests: a fresh build of the add-in, a static server that
// records every request, Debian's Chromium, and the in-memory Excel host as "office.js".
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Sheet, Workbook } from '../../lib/grid';

export const ROOT = path.join(__dirname, '..', '..');
export const DIST = path.join(ROOT, 'dist', 'addin');
export const OUT = path.join(ROOT, 'test-output');
// Debian's python3 carries python3-openpyxl; a pyenv shim earlier in PATH may not.
export const PYTHON = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
export const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

function newest(dir: string): number {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** Builds dist/addin (production) unless it is newer than every source it comes from. */
export function ensureBuilt(): void {
  const out = path.join(DIST, 'taskpane.js');
  const src = Math.max(newest(path.join(ROOT, 'addin')), newest(path.join(ROOT, 'lib')), fs.statSync(path.join(ROOT, 'manifest.xml')).mtimeMs, fs.statSync(path.join(ROOT, 'webpack.config.js')).mtimeMs);
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs > src) return;
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules', 'webpack', 'bin', 'webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
}

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.png': 'image/png', '.xml': 'application/xml', '.map': 'application/json' };

export interface Server {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

export function serve(dir = DIST): Promise<Server> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    const file = path.join(dir, decodeURIComponent(url.pathname));
    if (!file.startsWith(dir) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      resolve({ origin: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) });
    });
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** What every browser test file starts from; the fields are set once its beforeAll has run. */
export interface E2E {
  server: Server;
  browser: Browser;
  /** A temporary folder of this file's own, removed after its tests. */
  tmp: string;
}

/**
 * The setup the browser test files share: a fresh build, the static server, Chromium and a
 * temporary folder in beforeAll, all taken down in afterAll. Call it at the top of the file;
 * a beforeAll of the file registered after it sees the fields set.
 */
export function e2eSetup(): E2E {
  const env = {} as E2E;
  beforeAll(async () => {
    ensureBuilt();
    env.server = await serve();
    env.browser = await launch();
    env.tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-e2e-'));
    // A production build of the add-in on a busy 2-core machine can take minutes.
  }, 600_000);
  afterAll(async () => {
    await env.browser?.close();
    await env.server?.close();
    if (env.tmp) fs.rmSync(env.tmp, { recursive: true, force: true });
  });
  return env;
}

export function screenshotPath(name: string): string {
  fs.mkdirSync(OUT, { recursive: true });
  return path.join(OUT, name);
}

/** tests/addin/fake-excel.ts compiled for the browser: defines window.FakeExcel. */
export function fakeExcelScript(): string {
  const src = fs.readFileSync(path.join(ROOT, 'tests', 'addin', 'fake-excel.ts'), 'utf8');
  const js = ts.transpileModule(src, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  return `(function(){var module={exports:{}};var exports=module.exports;${js}\nwindow.FakeExcel=module.exports.FakeExcel;})();`;
}

export interface FakeSheetSpec {
  name: string;
  rows: (string | number | boolean | null)[][];
  merges?: { r0: number; c0: number; r1: number; c1: number }[];
  /** Sheet protection (split's section workbooks): "r,c" of the unlocked cells. */
  protected?: boolean;
  unlocked?: string[];
  /** "r,c" → formula ("=…") of the cells that hold one. */
  formulas?: [string, string][];
}

export function sheetSpec(s: Sheet): FakeSheetSpec {
  const rows: (string | number | boolean | null)[][] = [];
  for (const [r, row] of s.rows) {
    rows[r] ??= [];
    for (const [c, cell] of row) rows[r]![c] = typeof cell.value === 'number' || typeof cell.value === 'boolean' ? cell.value : cell.text;
  }
  for (let r = 0; r < rows.length; r++) rows[r] ??= [];
  const formulas: [string, string][] = [];
  for (const [r, row] of s.rows) for (const [c, cell] of row) if (cell.formula) formulas.push([`${r},${c}`, cell.formula.startsWith('=') ? cell.formula : `=${cell.formula}`]);
  return { name: s.name, rows, merges: s.merges.map((m) => ({ r0: m.s.r, c0: m.s.c, r1: m.e.r, c1: m.e.c })), ...(formulas.length ? { formulas } : {}) };
}

export function workbookSpec(wb: Workbook): FakeSheetSpec[] {
  return wb.sheets.map(sheetSpec);
}

/** office.js as served to the task pane: the in-memory host, filled and installed. */
export function fakeOfficeJs(sheets: FakeSheetSpec[], opts: { api?: number; fileBytes?: Uint8Array } = {}): string {
  const b64 = opts.fileBytes ? Buffer.from(opts.fileBytes).toString('base64') : '';
  return `${fakeExcelScript()}
(function(){
  var fake = new window.FakeExcel({ api: ${opts.api ?? 20} });
  var sheets = ${JSON.stringify(sheets)};
  sheets.forEach(function (s) { var x = fake.addSheet(s.name, s.rows); x.merges = s.merges || []; x.protected = !!s.protected; x.unlocked = new Set(s.unlocked || []); x.formulas = new Map(s.formulas || []); });
  var b64 = ${JSON.stringify(b64)};
  var bin = atob(b64); var bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  fake.fileBytes = bytes;
  fake.install(window);
  window.__fake = fake;
})();`;
}

/** Fills cells of an .xlsx with openpyxl: a writer independent of our own code. */
/** Sets cells with openpyxl; `deleteRows` (1-based) go first, as a section deleting a row does. */
export function fillWithOpenpyxl(input: string, output: string, cells: { sheet: string; cell: string; text: string }[], deleteRows: { sheet: string; row: number }[] = []): void {
  const py =
    'import sys, json, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n' +
    'for d in json.loads(sys.argv[4]):\n    wb[d["sheet"]].delete_rows(d["row"])\n' +
    'for c in json.loads(sys.argv[3]):\n    wb[c["sheet"]][c["cell"]] = c["text"]\nwb.save(sys.argv[2])\n';
  execFileSync(PYTHON, ['-c', py, input, output, JSON.stringify(cells), JSON.stringify(deleteRows)]);
}

/** Clicks, saves the download it starts into `dir`, and gives its name and bytes. */
export async function download(page: Page, dir: string, click: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return { name: dl.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync(file)) };
}

/**
 * A zip's parts as [name, base64] in their order: two files compare equal part for part even
 * when their deflate differs (Node zips with zlib, the page with fflate).
 */
export function unzippedParts(bytes: Uint8Array): [string, string][] {
  return Object.entries(unzipSync(bytes)).map(([k, v]) => [k, Buffer.from(v).toString('base64')]);
}
