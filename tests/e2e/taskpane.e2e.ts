// The task pane in Debian's Chromium over the in-memory Excel host, served in place of
// office.js: live validation, select, fix, marks, an edit by the user, input rules, and
// 集約 into the open master and its 概要版, compared with the library's own output.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { MARK_FILLS as FILLS } from '../../lib/plan';
import { consolidationFills } from '../../addin/office/apply-plan';
import { split } from '../../lib/consolidate/split';
import { readWorkbook } from '../../lib/read/workbook';
import { parseWorkbook } from '../../lib/report';
import { outlineOf, summaryDocx } from '../../lib/summary';
import { a1, cellText } from '../../lib/grid';
import * as XLSX from 'xlsx';
import { unzipSync } from 'fflate';
import { TEIGEN_HEADER, teigenRows } from '../addin/fixtures';
import { protectionOf } from '../addin/xlsx-protection';
import { e2eSetup, fakeOfficeJs, fillWithOpenpyxl, OFFICE_JS, ROOT, screenshotPath, unzippedParts, workbookSpec, type FakeSheetSpec } from './helpers';

const config = defaultConfig();
const MASTER = path.join(ROOT, 'seeds', 'ok.teigen-progress.xlsx');
const env = e2eSetup();
const errors: string[] = [];

async function openPane(sheets: FakeSheetSpec[], opts: { api?: number; fileBytes?: Uint8Array; view?: string; width?: number } = {}): Promise<Page> {
  const ctx = await env.browser.newContext({ viewport: { width: opts.width ?? 360, height: 900 }, locale: 'ja-JP' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('request', (r) => {
    if (!r.url().startsWith(env.server.origin) && r.url() !== OFFICE_JS) errors.push(`request ${r.url()}`);
  });
  const js = fakeOfficeJs(sheets, opts);
  await page.route(OFFICE_JS, (route) => route.fulfill({ contentType: 'text/javascript', body: js }));
  await page.goto(`${env.server.origin}/taskpane.html?view=${opts.view ?? 'validate'}`);
  await page.waitForSelector('body[data-ready=excel]');
  return page;
}

const XSS = '<img/src=x/onerror=window.__xss=1>'; // no spaces: one department token

test('live validation: findings, select, fix, marks, a user edit, input rules', async () => {
  const rows = teigenRows(30);
  rows[4]![4] = '継 続';
  rows[6]![5] = '子)子育て支援ぶ';
  rows[8]![5] = XSS;
  rows[9]![0] = '<ul><li>箇条書きのように見える文</li></ul>';
  rows[12]![4] = '拡充　';
  const page = await openPane([{ name: '提言1-ア', rows }, { name: '記入上の注意', rows: [['この表の書き方']] }]);
  const items = page.locator('li.finding');
  await items.first().waitFor();
  await expect(items.evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')))).resolves.toEqual(['提言1-ア!E5', '提言1-ア!F7', '提言1-ア!F9', '提言1-ア!E13']);
  // Cell text is text: the <img> is shown, never parsed.
  await expect(page.locator('li.finding[data-cell="提言1-ア!F9"] .msg').textContent()).resolves.toContain(XSS);
  await expect(page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).resolves.toBeUndefined();
  await expect(page.locator('img').count()).resolves.toBe(0);

  // Marks: one owned conditional format per severity group, notes with the messages.
  const marks = (): Promise<{ formats: string[]; notes: [string, string][] }> =>
    page.evaluate(() => {
      const s = (window as unknown as { __fake: { sheet(n: string): { formats: { formula: string; address: string }[]; notes: Map<string, string> } } }).__fake.sheet('提言1-ア');
      return { formats: s.formats.filter((f) => f.formula === '=LEN("shinchoku")>0').flatMap((f) => f.address.split(',')).sort(), notes: [...s.notes] };
    });
  await expect(marks().then((m) => m.formats)).resolves.toEqual(['E13', 'E5', 'F7', 'F9']);
  await expect(marks().then((m) => m.notes.map(([cell]) => cell).sort())).resolves.toEqual(['E13', 'E5', 'F7', 'F9']);

  // Clicking a finding selects its cell in the workbook.
  await page.locator('li.finding[data-cell="提言1-ア!F7"]').click();
  await page.waitForFunction(() => (window as unknown as { __fake: { selection: { address: string } | null } }).__fake.selection?.address === 'F7');
  await page.screenshot({ path: screenshotPath('taskpane-validate.png'), fullPage: true });

  // All fixes of a kind at once: one write; the echo of our own write does not trigger a re-read.
  const runsBefore = await page.evaluate(() => (window as unknown as { __fake: { runs: number } }).__fake.runs);
  await page.locator('button.fix-kind', { hasText: '選択肢の表記をすべて修正（2 件）' }).click();
  await page.waitForFunction(() => !document.querySelector('li.finding[data-cell="提言1-ア!E5"]') && !document.querySelector('li.finding[data-cell="提言1-ア!E13"]'));
  const get = (a: string): Promise<unknown> => page.evaluate((addr) => (window as unknown as { __fake: { get(s: string, a: string): unknown } }).__fake.get('提言1-ア', addr), a);
  await expect(get('E5')).resolves.toBe('継続');
  await expect(get('E13')).resolves.toBe('拡充');
  await page.waitForTimeout(700);
  const runsAfter = await page.evaluate(() => (window as unknown as { __fake: { runs: number } }).__fake.runs);
  expect(runsAfter - runsBefore).toBe(2); // the write and the re-marking
  await expect(marks().then((m) => m.formats)).resolves.toEqual(['F7', 'F9']);

  // The user corrects F7 in Excel: after the debounce the finding and its mark are gone.
  await page.evaluate(() => (window as unknown as { __fake: { userEdit(s: string, a: string, v: string): void } }).__fake.userEdit('提言1-ア', 'F7', '子)子育て支援部'));
  await page.waitForFunction(() => !document.querySelector('li.finding[data-cell="提言1-ア!F7"]'));
  await expect(marks()).resolves.toEqual({ formats: ['F9'], notes: [['F9', expect.stringContaining('部署マスタにありません')]] });

  // Turning marks off removes ours and nothing else.
  await page.locator('label.toggle input').uncheck();
  await page.waitForFunction(() => (window as unknown as { __fake: { sheet(n: string): { formats: unknown[] } } }).__fake.sheet('提言1-ア').formats.length === 0);

  // 入力規則を設定: lists on a hidden sheet, validation on 取組区分 and 担当部.
  await page.locator('[data-testid=input-rules]').click();
  await page.waitForFunction(() => (window as unknown as { __fake: { sheets: { name: string }[] } }).__fake.sheets.some((s) => s.name === '_進捗チェック_リスト'));
  const dv = await page.evaluate(() => {
    const f = (window as unknown as { __fake: { sheet(n: string): { visibility: string; validations: { address: string; rule: { list: { source: string } } }[] } } }).__fake;
    return { hidden: f.sheet('_進捗チェック_リスト').visibility, v: f.sheet('提言1-ア').validations.map((x) => [x.address, x.rule.list.source]) };
  });
  expect(dv.hidden).toBe('Hidden');
  expect(dv.v.map(([a]) => a)).toEqual(['E3:E132', 'F3:F132']);
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toMatch(/入力規則/);
  await page.screenshot({ path: screenshotPath('taskpane-after-fix.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('opening a 5,000-row report: a fixed handful of syncs for reading, validating and marking', async () => {
  const rows = teigenRows(5000);
  for (let r = 2; r < rows.length; r += 50) rows[r]![4] = '継 続';
  const page = await openPane([{ name: '提言1-ア', rows }]);
  await page.locator('li.finding').first().waitFor({ timeout: 60000 });
  await expect(page.locator('li.finding').count()).resolves.toBe(100);
  const counts = await page.evaluate(() => {
    const f = (window as unknown as { __fake: { syncs: number; runs: number; sheet(n: string): { formats: { address: string }[] } } }).__fake;
    return { syncs: f.syncs, runs: f.runs, marked: f.sheet('提言1-ア').formats.flatMap((x) => x.address.split(',')).length };
  });
  // Read (sheet list, used ranges with values) 2 + marks 4 + registering onChanged 1.
  expect(counts).toEqual({ syncs: 7, runs: 3, marked: 100 });
  expect(errors).toEqual([]);
});

test('集約 writes a returned workbook into the open master, equal to the library’s result', async () => {
  const masterBytes = new Uint8Array(fs.readFileSync(MASTER));
  const grid = readWorkbook(masterBytes, 'master.xlsx');
  const tmp = fs.mkdtempSync(path.join(env.tmp, 'pane-'));
  const part = split(masterBytes, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const section = path.join(tmp, part.name);
  fs.writeFileSync(section, part.bytes);
  const rs = parseWorkbook(readWorkbook(part.bytes, part.name), config).reports[0]!;
  const status = rs.rows[0]!.cells.get('status')!;
  const filled = path.join(tmp, '子)子育て支援部_回答.xlsx');
  const text = '・作業ウィンドウから集約した取組状況';
  fillWithOpenpyxl(section, filled, [{ sheet: rs.sheet.name, cell: a1(status.r, status.c), text }]);

  // ExcelApi 1.12: the 集約結果 sheet is written as values (insertWorksheetsFromBase64 is 1.13).
  const page = await openPane(workbookSpec(grid), { api: 12, fileBytes: masterBytes, view: 'consolidate' });
  // 部署別に分割 from the open master: the same files as the library's split, as one ZIP.
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=split]').click()]);
  const zipPath = path.join(tmp, dl.suggestedFilename());
  await dl.saveAs(zipPath);
  const parts = unzipSync(new Uint8Array(fs.readFileSync(zipPath)));
  expect(Object.keys(parts).sort()).toEqual(split(masterBytes, config).files.map((f) => f.name).sort());
  // Same parts byte for byte once unzipped (Node deflates with zlib, the page with fflate).
  expect(unzippedParts(parts[part.name]!)).toEqual(unzippedParts(part.bytes));
  await page.setInputFiles('#view-consolidate input[type=file]', [filled]);
  await page.locator('ul.sources li').waitFor();
  await page.locator('[data-testid=consolidate]').click();
  await page.locator('[data-testid=summary]').waitFor({ timeout: 60000 });
  await page.screenshot({ path: screenshotPath('taskpane-consolidated.png'), fullPage: true });

  const lib = consolidate(masterBytes, [{ name: path.basename(filled), bytes: new Uint8Array(fs.readFileSync(filled)) }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const expected = readWorkbook(lib.bytes, 'out.xlsx');
  const sheets = await page.evaluate(() =>
    (window as unknown as { __fake: { sheets: { name: string; cells: Map<string, unknown> }[] } }).__fake.sheets.map((s) => ({ name: s.name, cells: [...s.cells].map(([k, v]) => [k, String(v)]) })),
  );
  for (const exp of expected.sheets) {
    const got = sheets.find((s) => s.name === exp.name);
    expect([exp.name, got !== undefined]).toEqual([exp.name, true]);
    const gotCells = new Map(got!.cells as [string, string][]);
    const want = new Map<string, string>();
    for (const [r, row] of exp.rows) for (const [c, cell] of row) if (cell.text !== '') want.set(`${r},${c}`, cell.text);
    expect([exp.name, Object.fromEntries(gotCells)]).toEqual([exp.name, Object.fromEntries(want)]);
  }
  expect(cellText(expected.sheets.find((s) => s.name === '提言1-ア')!, 14, 1)).toBe(text);
  // The record a later 集約 on this workbook reads is there, out of sight.
  const visibility = await page.evaluate(() => (window as unknown as { __fake: { sheets: { name: string; visibility: string }[] } }).__fake.sheets.map((s) => [s.name, s.visibility]));
  expect(visibility.filter(([, v]) => v !== 'Visible')).toEqual([['_shinchoku_集約', 'VeryHidden']]);
  // The rows of departments that sent nothing carry the CLI's 'unfilled' colour, removably.
  const fills = (): Promise<number> =>
    page.evaluate(() => (window as unknown as { __fake: { sheets: { formats: { formula: string; address: string }[] }[] } }).__fake.sheets.flatMap((x) => x.formats).filter((f) => f.formula === '=LEN("shinchoku-consolidate")>0').flatMap((f) => f.address.split(',')).length);
  // The cells the CLI's output colours, each once: every editable cell of an unanswered row.
  await expect(fills()).resolves.toBe(new Set(lib.plan.cells.filter((x) => x.mark !== undefined).map((x) => `${x.sheet}!${a1(x.r, x.c)}`)).size);
  expect(lib.summary.unfilled.length).toBeGreaterThan(0);
  await page.locator('[data-testid=clear-fills]').click();
  await page.waitForFunction(() => /集約で付けた色を消しました/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
  await expect(fills()).resolves.toBe(0);
  expect(errors).toEqual([]);
});

test('［概要版を作る］ from the open workbook downloads the library\'s .docx, the file closed again', async () => {
  const masterBytes = new Uint8Array(fs.readFileSync(MASTER));
  const page = await openPane(workbookSpec(readWorkbook(masterBytes, 'master.xlsx')), { fileBytes: masterBytes, view: 'consolidate' });
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=summary-docx]').click()]);
  expect(dl.suggestedFilename()).toBe('master（概要版）.docx');
  const file = path.join(env.tmp, 'pane-summary.docx');
  await dl.saveAs(file);
  const lib = await summaryDocx(outlineOf(masterBytes, 'master.xlsx', config));
  // The same parts byte for byte once unzipped (Node deflates with zlib, the page with fflate).
  expect(unzippedParts(new Uint8Array(fs.readFileSync(file)))).toEqual(unzippedParts(lib));
  await page.waitForFunction(() => /概要版を保存しました/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
  await expect(page.evaluate(() => (window as unknown as { __fake: { openFiles: number } }).__fake.openFiles)).resolves.toBe(0);
  await page.screenshot({ path: screenshotPath('taskpane-summary.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('集約 again on the consolidated workbook: earlier answers stay taken, 集約結果 is rewritten', async () => {
  const masterBytes = new Uint8Array(fs.readFileSync(MASTER));
  const tmp = fs.mkdtempSync(path.join(env.tmp, 'pane-'));
  const parts = split(masterBytes, config).files;
  const early = parts.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const late = parts.find((f) => f.name === '区)保健福祉部.xlsx')!;
  // What the first 集約 left in the open workbook (the library's output, the same workbook).
  const first = consolidate(masterBytes, [{ name: early.name, bytes: early.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const page = await openPane(workbookSpec(readWorkbook(first.bytes, 'master.xlsx')), { api: 12, fileBytes: first.bytes, view: 'consolidate' });
  // The colours the first 集約 in the pane left: its unfilled marks, and an added row's colour.
  const firstFills = [...consolidationFills(first.plan, first.summary), { sheet: first.summary.unfilled[0]!.sheet, cell: 'A3', color: `#${FILLS.added.slice(-6)}` }];
  await page.evaluate((fills) => {
    const fake = (window as unknown as { __fake: { sheet(n: string): { formats: object[] } } }).__fake;
    fills.forEach((f, i) => fake.sheet(f.sheet).formats.push({ id: `{first-${i}}`, type: 'Custom', formula: '=LEN("shinchoku-consolidate")>0', color: f.color, address: f.cell }));
  }, firstFills);
  const lateFile = path.join(tmp, late.name);
  fs.writeFileSync(lateFile, late.bytes);
  await page.setInputFiles('#view-consolidate input[type=file]', [lateFile]);
  await page.locator('ul.sources li').waitFor();
  await page.locator('[data-testid=consolidate]').click();
  await page.locator('[data-testid=summary]').waitFor({ timeout: 60000 });
  const rows = await page.locator('[data-testid=departments] tbody tr').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const status = (name: string): string | undefined => rows.find((r) => r[0]!.replace(/\s/g, '') === name)?.[1];
  expect([status('子)子育て支援部'), status('区)保健福祉部')]).toEqual(['前回までに反映', '提出']);
  const second = consolidate(first.bytes, [{ name: late.name, bytes: late.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  // Counts only where not zero: no 競合 0 件 or 指摘 0 件.
  await expect(page.locator('[data-testid=summary] p.counts').textContent()).resolves.toBe('提出 1 部署・未提出 7 部署・前回までに反映 1 部署');
  await page.screenshot({ path: screenshotPath('taskpane-late-answers.png'), fullPage: true });
  // The count in the status line is of the report's cells; the hidden record is not counted.
  const changed = (a: string, b: string): number => {
    const [x, y] = [readWorkbook(first.bytes, a), readWorkbook(second.bytes, b)];
    let n = 0;
    for (const sx of x.sheets) {
      if (sx.name.startsWith('_') || sx.name.startsWith('集約結果')) continue;
      const sy = y.sheets.find((s) => s.name === sx.name)!;
      const keys = new Set([...[...sx.rows].flatMap(([r, row]) => [...row.keys()].map((c) => `${r},${c}`)), ...[...sy.rows].flatMap(([r, row]) => [...row.keys()].map((c) => `${r},${c}`))]);
      for (const k of keys) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        if ((sx.rows.get(r)?.get(c)?.text ?? '') !== (sy.rows.get(r)?.get(c)?.text ?? '')) n++;
      }
    }
    return n;
  };
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toContain(`${changed('a', 'b')} セルを書き込みました`);
  // One 集約結果, holding this run's summary and nothing of the first one's.
  const want = readWorkbook(second.bytes, 'x').sheets.find((s) => s.name === '集約結果')!;
  const fakeSheets = await page.evaluate(() =>
    (window as unknown as { __fake: { sheets: { name: string; cells: Map<string, unknown> }[] } }).__fake.sheets.map((s) => ({ name: s.name, cells: [...s.cells].map(([k, v]) => [k, String(v)]) })),
  );
  expect(fakeSheets.filter((s) => s.name.startsWith('集約結果')).map((s) => s.name)).toEqual(['集約結果']);
  const got = Object.fromEntries(fakeSheets.find((s) => s.name === '集約結果')!.cells as [string, string][]);
  const expected: Record<string, string> = {};
  for (const [r, row] of want.rows) for (const [c, cell] of row) if (cell.text !== '') expected[`${r},${c}`] = cell.text;
  expect(got).toEqual(expected);
  // The first run's added-row colour stays; the unfilled marks are this run's alone.
  const colours = await page.evaluate(() =>
    (window as unknown as { __fake: { sheets: { name: string; formats: { formula: string; color: string; address: string }[] }[] } }).__fake.sheets.flatMap((x) =>
      x.formats.filter((f) => f.formula === '=LEN("shinchoku-consolidate")>0').flatMap((f) => f.address.split(',').map((a) => `${f.color} ${x.name}!${a}`)),
    ),
  );
  const unfilled = `#${FILLS.unfilled.slice(-6)}`;
  expect(colours.filter((c) => !c.startsWith(unfilled))).toEqual([`#${FILLS.added.slice(-6)} ${firstFills.at(-1)!.sheet}!A3`]);
  // On every cell the CLI's output colours, not only column A.
  const planned = second.plan.cells.filter((x) => x.mark === 'unfilled').map((x) => `${unfilled} ${x.sheet}!${a1(x.r, x.c)}`);
  expect(planned.length).toBeGreaterThan(second.summary.unfilled.length);
  expect(new Set(colours.filter((c) => c.startsWith(unfilled)))).toEqual(new Set(planned));
  // The late department's rows were marked by the first run and are not now.
  expect(first.summary.unfilled.some((u) => u.department === '区) 保健福祉部')).toBe(true);
  expect(second.summary.unfilled.some((u) => u.department === '区) 保健福祉部')).toBe(false);
  expect(errors).toEqual([]);
});

test('公開用に整える: after asking, 集約結果 and the very hidden record go, 集約メモ is emptied and hidden', async () => {
  const masterBytes = new Uint8Array(fs.readFileSync(MASTER));
  const parts = split(masterBytes, config).files;
  const early = parts.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const first = consolidate(masterBytes, [{ name: early.name, bytes: early.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const grid = readWorkbook(first.bytes, 'master.xlsx');
  const page = await openPane(workbookSpec(grid), { api: 12, fileBytes: first.bytes, view: 'consolidate' });
  await page.evaluate(() => {
    (window as unknown as { __fake: { sheet(n: string): { visibility: string } } }).__fake.sheet('_shinchoku_集約').visibility = 'VeryHidden';
  });
  const names = (): Promise<string[]> => page.evaluate(() => (window as unknown as { __fake: { sheets: { name: string }[] } }).__fake.sheets.map((s) => s.name));
  await page.locator('[data-testid=publish]').click();
  // Nothing changes until the second, explicit click.
  await page.locator('[data-testid=publish-confirm]').waitFor();
  await page.screenshot({ path: screenshotPath('taskpane-publish-confirm.png'), fullPage: true });
  await expect(names()).resolves.toContain('集約結果');
  await page.locator('[data-testid=publish-go]').click();
  await page.waitForFunction(() => /公開用に整えました/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
  await expect(names()).resolves.toEqual(grid.sheets.map((s) => s.name).filter((n) => n !== '集約結果' && n !== '_shinchoku_集約'));
  // The 集約メモ column of each report sheet: no cell left, hidden.
  const notes = await page.evaluate(() =>
    (window as unknown as { __fake: { sheets: { name: string; cells: Map<string, unknown>; hiddenCols: Set<number> }[] } }).__fake.sheets.map((s) => [s.name, [...s.cells.values()].filter((v) => v === '集約メモ').length, [...s.hiddenCols]]),
  );
  const withNotes = grid.sheets.filter((s) => [...s.rows.values()].some((row) => [...row.values()].some((c) => c.text === '集約メモ')));
  expect(withNotes.length).toBeGreaterThan(0);
  expect(notes.filter(([, n]) => n !== 0)).toEqual([]);
  expect(notes.filter(([, , hidden]) => (hidden as number[]).length > 0).map(([n]) => n)).toEqual(withNotes.map((s) => s.name));
  await page.screenshot({ path: screenshotPath('taskpane-published.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('公開用に整える on a workbook without a report: the reason stays on the status line', async () => {
  const page = await openPane([{ name: 'メモ', rows: [['ただのメモ']] }], { view: 'consolidate' });
  await page.locator('[data-testid=publish]').click();
  await page.locator('[data-testid=publish-go]').click();
  await page.waitForFunction(() => /公開用に整えられませんでした/.test(document.querySelector('[data-testid=status]')?.textContent ?? ''));
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toContain('報告書のシート');
  await expect(page.evaluate(() => (window as unknown as { __fake: { sheets: { name: string }[] } }).__fake.sheets.map((s) => s.name))).resolves.toEqual(['メモ']);
  expect(errors).toEqual([]);
});

test('集約 in a shared workbook: the section sheets are consolidated into the master sheet in one click', async () => {
  const head = ['取組方針ア　子ども家庭総合支援拠点を整備する。'];
  const rows = [
    ['○研修を実施する', '', '', '', '継続', '子)子育て支援部'],
    ['○体制を整える', '', '', '', '継続', '区)保健福祉部'],
  ];
  const edited = (k: number, t: string): string[][] => [head, TEIGEN_HEADER, ...rows.map((r, i) => (i === k ? [r[0]!, t, ...r.slice(2)] : r))];
  const sheets: [string, string[][]][] = [['提言1-ア', [head, TEIGEN_HEADER, ...rows]], ['子育て支援部', edited(0, '子: 研修を実施した')], ['保健福祉部', edited(1, '区: 体制を整えた')]];
  const wb = XLSX.utils.book_new();
  for (const [name, aoa] of sheets) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), name);
  const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

  const page = await openPane(sheets.map(([name, aoa]) => ({ name, rows: aoa })), { api: 12, fileBytes: bytes, view: 'consolidate' });
  await expect(page.locator('#view-consolidate').textContent()).resolves.toContain('このブックに部署のシートがあります: 子育て支援部、保健福祉部');
  await page.locator('[data-testid=consolidate-sheets]').click();
  await page.locator('[data-testid=summary]').waitFor();
  const cell = (a: string): Promise<unknown> => page.evaluate((addr) => (window as unknown as { __fake: { get(s: string, a: string): unknown } }).__fake.get('提言1-ア', addr), a);
  await expect(cell('B3')).resolves.toBe('子: 研修を実施した');
  await expect(cell('B4')).resolves.toBe('区: 体制を整えた');
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toMatch(/^2 件を集約し/);
  await page.screenshot({ path: screenshotPath('taskpane-shared-book.png'), fullPage: true });
  expect(errors).toEqual([]);
});

test('350 px screenshots: idle, findings, a protected section workbook, after 集約', async () => {
  const shot = (page: Page, name: string): Promise<Buffer> => page.screenshot({ path: screenshotPath(`pane-350-${name}.png`), fullPage: true });
  const fake = <T>(page: Page, f: (x: { writes: number; sheets: { name: string }[] }) => T): Promise<T> => page.evaluate(`(${f.toString()})(window.__fake)`) as Promise<T>;
  // Idle: a clean report.
  const idle = await openPane([{ name: '提言1-ア', rows: teigenRows(8) }], { width: 350 });
  await idle.locator('[data-testid=counts]').waitFor();
  await expect(idle.locator('[data-testid=counts]').textContent()).resolves.toBe('指摘はありません');
  await shot(idle, 'idle');
  // Findings: the first one has keyboard focus, visibly.
  const rows = teigenRows(8);
  rows[4]![4] = '継 続';
  rows[6]![5] = '子)子育て支援ぶ';
  const findings = await openPane([{ name: '提言1-ア', rows }], { width: 350 });
  await findings.locator('li.finding').first().waitFor();
  await findings.locator('li.finding button.go').first().focus();
  await findings.keyboard.press('Shift+Tab');
  await findings.keyboard.press('Tab');
  const ring = await findings.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
  expect(ring).toBe('solid');
  await shot(findings, 'findings');
  // A section workbook from split, protected as Excel holds it.
  const masterBytes = new Uint8Array(fs.readFileSync(MASTER));
  const parts = split(masterBytes, config).files;
  const section = parts.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const prot = protectionOf(section.bytes);
  const spec = workbookSpec(readWorkbook(section.bytes, section.name)).map((x) => ({ ...x, protected: prot.get(x.name)?.protected ?? false, unlocked: prot.get(x.name)?.unlocked ?? [] }));
  const s1 = spec.find((x) => x.name === '提言1-ア')!;
  s1.rows[14]![4] = '継 続';
  s1.rows[14]![5] = '子)子育支援部';
  const prot1 = await openPane(spec, { width: 350 });
  await prot1.locator('[data-testid=protected]').waitFor();
  await expect(prot1.locator('li.finding').count()).resolves.toBe(2);
  await expect(prot1.locator('li.finding[data-cell="提言1-ア!F15"] .locked').count()).resolves.toBe(1);
  await expect(prot1.locator('[data-testid=status].error').count()).resolves.toBe(0);
  await expect(fake(prot1, (x) => x.writes)).resolves.toBe(0);
  await shot(prot1, 'protected');
  // After 集約 of a returned file into the master: the button is off until new files come.
  const late = parts.find((f) => f.name === '区)保健福祉部.xlsx')!;
  const tmp = fs.mkdtempSync(path.join(env.tmp, 'pane-'));
  fs.writeFileSync(path.join(tmp, late.name), late.bytes);
  const done = await openPane(workbookSpec(readWorkbook(masterBytes, 'master.xlsx')), { width: 350, api: 12, fileBytes: masterBytes, view: 'consolidate' });
  await done.setInputFiles('#view-consolidate input[type=file]', [path.join(tmp, late.name)]);
  await done.locator('ul.sources li').waitFor();
  await done.locator('[data-testid=consolidate]').click();
  await done.locator('[data-testid=summary]').waitFor({ timeout: 60000 });
  await expect(done.locator('[data-testid=consolidate]').isDisabled()).resolves.toBe(true);
  await shot(done, 'after-consolidate');
  expect(errors).toEqual([]);
});

test('every URL of the built manifest names a file of the build', () => {
  const xml = fs.readFileSync(path.join(ROOT, 'dist', 'addin', 'manifest.xml'), 'utf8');
  // Whatever base URL the build was made for (dev server or --env baseUrl=…).
  const base = /<SourceLocation DefaultValue="(https:\/\/[^"]*\/)taskpane\.html"/.exec(xml)![1]!;
  const urls = [...xml.matchAll(/DefaultValue="(https:\/\/[^"]*)"/g)].map((m) => m[1]!);
  expect(urls.length).toBeGreaterThan(8);
  for (const u of urls) {
    expect(u.startsWith(base)).toBe(true);
    const file = u.slice(base.length).replace(/[?#].*$/, '');
    expect([file, fs.existsSync(path.join(ROOT, 'dist', 'addin', file))]).toEqual([file, true]);
  }
});
