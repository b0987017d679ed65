// The task pane at each supported ExcelApi level (1.9, Office LTSC 2021 = 1.14, LTSC 2024 =
// 1.17, current Microsoft 365 ≥ 1.20) in one browser: validate, fix, 集約 twice and publish on a
// master with formulas, number formats and dates, and a protected section workbook. At every
// level an edit that changes no finding writes nothing, marks follow the undo rule, and the
// pane calls no API above the host's level (the in-memory host refuses and records them).
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { addin as t } from '../../lib/locale/ja/addin';
import { readWorkbook } from '../../lib/read/workbook';
import { protectionOf } from '../addin/xlsx-protection';
import { ensureBuilt, fakeOfficeJs, launch, OFFICE_JS, PYTHON, ROOT, screenshotPath, serve, workbookSpec, type FakeSheetSpec, type Server } from './helpers';

const config = defaultConfig();
const SEED = path.join(ROOT, 'seeds', 'ok.teigen-progress.xlsx');
const ROUNDS = path.join(ROOT, 'tests', 'consolidate', 'rounds.py');
const SHEET = '提言1-ア';
const LEVELS = [9, 14, 17, 20];

// Formulas, number formats and dates in the master (as tests/consolidate/typed.test.ts).
const TYPED = [
  { sheet: SHEET, ref: 'C17', value: 1234567, type: 'n', fmt: '#,##0' },
  { sheet: '提言1-エ', ref: 'C16', value: '2025-04-01T00:00:00', type: 'd', fmt: 'm/d/yyyy' },
  { sheet: SHEET, ref: 'D17', value: '=LEN(A17)', type: 's', fmt: '0"件"' },
];

let server: Server;
let browser: Browser;
let tmp: string;
let master: Uint8Array;
let withFinding: Uint8Array;
let sections: { name: string; bytes: Uint8Array }[];
const errors: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-levels-'));
  const typed = path.join(tmp, 'typed', 'master.xlsx');
  const bad = path.join(tmp, 'typed', 'master-finding.xlsx');
  fs.mkdirSync(path.dirname(typed));
  execFileSync(PYTHON, [ROUNDS, 'edit', SEED, typed, JSON.stringify(TYPED)]);
  // The same master with a finding the pane can fix (取組区分 "継 続").
  execFileSync(PYTHON, [ROUNDS, 'edit', typed, bad, JSON.stringify([{ sheet: SHEET, ref: 'E15', value: '継 続', type: 's' }])]);
  // Saved by a spreadsheet application, as a clerk's file is: formulas carry their results.
  const saved = path.join(tmp, 'saved');
  execFileSync('soffice', [`-env:UserInstallation=file://${path.join(tmp, 'lo-profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', saved, typed, bad], { stdio: 'ignore', timeout: 120000 });
  master = new Uint8Array(fs.readFileSync(path.join(saved, 'master.xlsx')));
  withFinding = new Uint8Array(fs.readFileSync(path.join(saved, 'master-finding.xlsx')));
  sections = split(master, config).files.map((f) => ({ name: f.name, bytes: f.bytes }));
  server = await serve();
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

/**
 * The open workbook as Excel holds it: formula cells carry their formula and its result (the
 * reader sees the formula text in a file saved without results), dates and numbers are numbers.
 */
function hostSpec(bytes: Uint8Array, file: string): FakeSheetSpec[] {
  fs.writeFileSync(file, bytes);
  const dump = JSON.parse(execFileSync(PYTHON, [ROUNDS, 'dump', file], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Record<string, [unknown, string, string]>>;
  return workbookSpec(readWorkbook(bytes, path.basename(file))).map((s) => {
    const formulas: [string, string][] = [];
    for (const [ref, [value]] of Object.entries(dump[s.name] ?? {})) {
      if (typeof value !== 'string' || !value.startsWith('=')) continue;
      const m = /^([A-Z]+)(\d+)$/.exec(ref)!;
      const [r, c] = [Number(m[2]) - 1, m[1]!.charCodeAt(0) - 65];
      formulas.push([`${r},${c}`, value]);
      // Only LEN(cell) is used here: its result, as Excel would have computed it.
      const arg = /^=LEN\(([A-Z])(\d+)\)$/.exec(value);
      if (arg) s.rows[r]![c] = String(s.rows[Number(arg[2]) - 1]?.[arg[1]!.charCodeAt(0) - 65] ?? '').length;
    }
    return { ...s, formulas };
  });
}

/** Excel's own reader behind insertWorksheetsFromBase64 (1.13), played by the library's result read in Node. */
const insertReader = (page: Page, result: Uint8Array): Promise<void> =>
  page.evaluate((sheets) => {
    (window as unknown as { __fake: { onInsertWorksheets: unknown } }).__fake.onInsertWorksheets = (_b64: string, names: string[]) => sheets.filter((x) => names.includes(x.name));
  }, workbookSpec(readWorkbook(result, 'result.xlsx')));

interface FakeView {
  writes: number;
  apiUsed: number;
  undo: string[];
  undoClears: number;
}

async function openPane(sheets: FakeSheetSpec[], api: number, fileBytes: Uint8Array, view = 'validate'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: { width: 350, height: 900 }, locale: 'ja-JP' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(`1.${api}: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(server.origin) && r.url() !== OFFICE_JS) errors.push(`request ${r.url()}`);
  });
  const js = fakeOfficeJs(sheets, { api, fileBytes });
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: js }));
  await page.goto(`${server.origin}/taskpane.html?view=${view}`);
  await page.waitForSelector('body[data-ready=excel]');
  return page;
}

const fake = (page: Page): Promise<FakeView> =>
  page.evaluate(() => {
    const f = (window as unknown as { __fake: FakeView }).__fake;
    return { writes: f.writes, apiUsed: f.apiUsed, undo: [...f.undo], undoClears: f.undoClears };
  });

/** The clerk types into a cell; resolves once the pane has handled the change. */
const userEdit = (page: Page, sheet: string, cell: string, value: string): Promise<void> =>
  page.evaluate(async ([s, c, v]) => {
    const f = (window as unknown as { __fake: { userEdit(s: string, c: string, v: string): void; settled(): Promise<void> } }).__fake;
    f.userEdit(s!, c!, v!);
    await f.settled();
  }, [sheet, cell, value]);

const setFileBytes = (page: Page, bytes: Uint8Array): Promise<void> =>
  page.evaluate((b64) => {
    const bin = atob(b64);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    (window as unknown as { __fake: { fileBytes: Uint8Array } }).__fake.fileBytes = out;
  }, Buffer.from(bytes).toString('base64'));

const ourMarks = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __fake: { sheets: { formats: { formula: string }[] }[] } }).__fake.sheets.flatMap((s) => s.formats).filter((f) => f.formula === '=LEN("shinchoku")>0').length);

/** The fake's cells and formulas of one sheet ("r,c" → value). */
const sheetOf = (page: Page, name: string): Promise<{ cells: Record<string, unknown>; formulas: Record<string, string> }> =>
  page.evaluate((n) => {
    const s = (window as unknown as { __fake: { sheet(n: string): { cells: Map<string, unknown>; formulas: Map<string, string> } } }).__fake.sheet(n);
    return { cells: Object.fromEntries(s.cells), formulas: Object.fromEntries(s.formulas) };
  }, name);

async function consolidateFile(page: Page, file: { name: string; bytes: Uint8Array }): Promise<string> {
  const p = path.join(tmp, file.name);
  fs.writeFileSync(p, file.bytes);
  await page.setInputFiles('#view-consolidate input[type=file]', [p]);
  await page.locator('[data-testid=consolidate]:not([disabled])').waitFor();
  await page.locator('[data-testid=consolidate]').click();
  await page.waitForFunction(() => /セルを書き込みました|集約できませんでした|エラー/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), undefined, { timeout: 60000 });
  // Late echoes of 集約's writes are handled before the next step.
  await page.evaluate(() => (window as unknown as { __fake: { settled(): Promise<void> } }).__fake.settled());
  return (await page.locator('[data-testid=status]').textContent()) ?? '';
}

describe.each(LEVELS)('ExcelApi 1.%i', (api) => {
  test('a master with formulas, formats and dates: validate, fix, 集約 twice, publish', async () => {
    const spec = hostSpec(withFinding, path.join(tmp, `host-${api}.xlsx`));
    const page = await openPane(spec, api, withFinding);
    const finding = page.locator(`li.finding[data-cell="${SHEET}!E15"]`);
    await finding.waitFor();
    // Marks: on from 1.20, else off with the sentence saying why; nothing written yet below 1.20.
    await expect(page.locator('[data-testid=marks]').isChecked()).resolves.toBe(api >= 20);
    await expect(page.locator('[data-testid=marks-why]').count()).resolves.toBe(api >= 20 ? 0 : 1);
    if (api < 20) await expect(page.locator('[data-testid=marks-why]').textContent()).resolves.toBe(t.marksOffUndo);
    await expect(ourMarks(page)).resolves.toBe(api >= 20 ? 1 : 0);
    if (api < 20) await expect(fake(page).then((f) => f.writes)).resolves.toBe(0);
    if (api === 14) await page.screenshot({ path: screenshotPath('levels-1.14-findings.png'), fullPage: true });

    // Fix: the cell is corrected in the workbook.
    await finding.locator('button.fix').click();
    await finding.waitFor({ state: 'detached' });
    await expect(sheetOf(page, SHEET).then((s) => s.cells['14,4'])).resolves.toBe('継続');
    await page.evaluate(() => (window as unknown as { __fake: { settled(): Promise<void> } }).__fake.settled());

    // An edit that changes no finding writes nothing, and the clerk's undo is intact.
    const before = await fake(page);
    await userEdit(page, SHEET, 'B16', '・書き直した取組状況');
    const after = await fake(page);
    expect(after.writes - before.writes).toBe(0);
    expect(after.undo.at(-1)).toBe('user');
    expect(after.undoClears).toBe(before.undoClears);

    // 集約 twice: the file Excel hands over is the fixed master, then the first result.
    await setFileBytes(page, master);
    await page.locator('#tab-consolidate').click();
    const typedBefore = await sheetOf(page, SHEET);
    const [a, b] = [sections.find((s) => s.name === '子)子育て支援部.xlsx')!, sections.find((s) => s.name === '区)保健福祉部.xlsx')!];
    const once = consolidate(master, [{ name: a.name, bytes: a.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' }).bytes;
    await insertReader(page, once);
    const first = await consolidateFile(page, a);
    expect(first).toMatch(/^1 件を集約し、\d+ セルを書き込みました/);
    await setFileBytes(page, once);
    await insertReader(page, consolidate(once, [{ name: b.name, bytes: b.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' }).bytes);
    const second = await consolidateFile(page, b);
    expect(second).toMatch(/^1 件を集約し、\d+ セルを書き込みました/);
    await expect(page.locator('[data-testid=sum-counts]').textContent()).resolves.not.toMatch(/ 0 (件|部署)/);
    // The master's formula, number and date cells are as they were.
    const typedAfter = await sheetOf(page, SHEET);
    expect(typedBefore.formulas['16,3']).toBe('=LEN(A17)');
    expect(typedAfter.formulas).toEqual(typedBefore.formulas);
    // The open workbook equals the CLI's output for the same files, cell by cell (values,
    // formulas), but for the cell the clerk edited after Excel handed the file over (B16).
    const cli = readWorkbook(consolidate(once, [{ name: b.name, bytes: b.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' }).bytes, 'cli.xlsx');
    const differ: string[] = [];
    for (const name of [SHEET, '提言1-エ']) {
      const want = cli.sheets.find((x) => x.name === name)!;
      const got = await sheetOf(page, name);
      const keys = new Set([...Object.keys(got.cells), ...[...want.rows].flatMap(([r, row]) => [...row.keys()].map((c) => `${r},${c}`))]);
      for (const k of keys) {
        if (name === SHEET && k === '15,1') continue;
        const [r, c] = k.split(',').map(Number) as [number, number];
        const w = want.rows.get(r)?.get(c);
        const wv = w === undefined || w.value === '' ? undefined : w.formula !== undefined ? `=${w.formula}` : w.value;
        const gv = got.formulas[k] ?? got.cells[k];
        if (wv !== gv) differ.push(`${name}!${k}: ${JSON.stringify(gv)} ≠ ${JSON.stringify(wv)}`);
      }
    }
    expect(differ).toEqual([]);
    expect(typedAfter.cells['16,2']).toBe(typedBefore.cells['16,2']);
    expect(typeof typedAfter.cells['16,2']).toBe('number');
    const date = await sheetOf(page, '提言1-エ');
    expect(typeof date.cells['15,2']).toBe('number');

    // 公開用に整える.
    await page.locator('[data-testid=publish]').click();
    await page.locator('[data-testid=publish-go]').click();
    await page.waitForFunction(() => /公開用に整えました/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''), undefined, { timeout: 60000 });
    const names = await page.evaluate(() => (window as unknown as { __fake: { sheets: { name: string }[] } }).__fake.sheets.map((s) => s.name));
    expect(names.filter((n) => n.startsWith('集約結果') || n.startsWith('_shinchoku'))).toEqual([]);

    // Only APIs of this level were called.
    const end = await fake(page);
    expect(end.apiUsed).toBeLessThanOrEqual(api);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  test('a protected section workbook: findings, a fix where unlocked, no write attempted elsewhere', async () => {
    const section = sections.find((s) => s.name === '子)子育て支援部.xlsx')!;
    const prot = protectionOf(section.bytes);
    const spec = workbookSpec(readWorkbook(section.bytes, section.name)).map((x) => ({ ...x, protected: prot.get(x.name)?.protected ?? false, unlocked: prot.get(x.name)?.unlocked ?? [] }));
    const s1 = spec.find((x) => x.name === SHEET)!;
    s1.rows[14]![4] = '継 続';
    s1.rows[14]![5] = '子)子育支援部';
    const page = await openPane(spec, api, section.bytes);
    await page.locator(`li.finding[data-cell="${SHEET}!E15"]`).waitFor();
    await expect(page.locator(`li.finding[data-cell="${SHEET}!F15"] .locked`).count()).resolves.toBe(1);
    // Every report sheet of a section workbook is protected: one notice, the switch off.
    expect(spec.filter((x) => x.name.startsWith('提言')).every((x) => x.protected)).toBe(true);
    await expect(page.locator('[data-testid=marks]').isDisabled()).resolves.toBe(true);
    await expect(page.locator('[data-testid=marks-why]').count()).resolves.toBe(0);
    await expect(page.locator('[data-testid=protected]').count()).resolves.toBe(1);
    await expect(fake(page).then((f) => f.writes)).resolves.toBe(0);
    // The unlocked cell is fixed; the locked one is not attempted.
    await page.locator(`li.finding[data-cell="${SHEET}!E15"] button.fix`).click();
    await page.locator(`li.finding[data-cell="${SHEET}!E15"]`).waitFor({ state: 'detached' });
    await expect(sheetOf(page, SHEET).then((s) => s.cells['14,4'])).resolves.toBe('継続');
    await page.evaluate(() => (window as unknown as { __fake: { settled(): Promise<void> } }).__fake.settled());
    const before = await fake(page);
    await userEdit(page, SHEET, 'B15', '・部署で書いた取組状況');
    expect((await fake(page)).writes - before.writes).toBe(0);
    await expect(page.locator('[data-testid=status].error').count()).resolves.toBe(0);
    if (api === 14) await page.screenshot({ path: screenshotPath('levels-1.14-protected.png'), fullPage: true });
    expect((await fake(page)).apiUsed).toBeLessThanOrEqual(api);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

test('350 px at ExcelApi 1.14: idle with marks off and the sentence saying why', async () => {
  const page = await openPane(workbookSpec(readWorkbook(master, 'master.xlsx')), 14, master);
  await page.locator('[data-testid=counts]').waitFor();
  await expect(page.locator('[data-testid=marks-why]').textContent()).resolves.toBe(t.marksOffUndo);
  await page.screenshot({ path: screenshotPath('levels-1.14-idle.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.context().close();
});
