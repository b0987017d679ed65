// The standalone page in Debian's Chromium: load sample workbooks, see the findings, open
// one, fix it, split the master, fill a section's workbook with openpyxl, consolidate,
// download, and re-read every download with lib/. No request may leave the page's origin,
// and after loading the page none may be made at all.
import * as fs from 'fs';
import * as path from 'path';
import { unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { checkBytes } from '../../lib/check';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { publish } from '../../lib/consolidate/publish';
import { a1, cellText } from '../../lib/grid';
import { readWorkbook } from '../../lib/read/workbook';
import { parseWorkbook } from '../../lib/report';
import { emptyMasterXlsx } from '../addin/fixtures';
import { download, e2eSetup, fillWithOpenpyxl, ROOT, screenshotPath, unzippedParts } from './helpers';

const config = defaultConfig();
const SEEDS = path.join(ROOT, 'seeds');
const MASTER = path.join(SEEDS, 'ok.teigen-progress.xlsx');
const FAULTY = path.join(SEEDS, 'error.enum.xlsx');
const HOSTILE = path.join(ROOT, 'tests', 'fixtures', 'hostile', 'files');

const env = e2eSetup();
let page: Page;
const offOrigin: string[] = [];

beforeAll(async () => {
  const ctx = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 900, height: 1100 }, locale: 'ja-JP' });
  page = await ctx.newPage();
  page.on('request', (r) => {
    if (!r.url().startsWith(env.server.origin) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) offOrigin.push(r.url());
  });
  page.on('pageerror', (e) => offOrigin.push(`pageerror: ${e.message}`));
  await page.goto(`${env.server.origin}/standalone.html`);
  await page.waitForSelector('body[data-ready=standalone]');
});

const save = (click: () => Promise<void>): ReturnType<typeof download> => download(page, env.tmp, click);

test('load, see findings, open one, fix it, save the fixed workbook', async () => {
  const afterLoad = env.server.requests.length;
  await page.setInputFiles('#view-validate input[type=file]', [MASTER, FAULTY]);
  const faulty = page.locator('section.book[data-file="error.enum.xlsx"]');
  await faulty.locator('li.finding').first().waitFor();
  const cells = await faulty.locator('li.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')));
  expect(cells).toEqual(['提言1-ア!E15', '提言1-ア!E17', '提言1-エ!E16', '提言1-オ!E15']);
  await expect(page.locator('section.book[data-file="ok.teigen-progress.xlsx"] [data-testid=counts]').textContent()).resolves.toBe('指摘はありません');
  await expect(faulty.locator('[data-testid=counts]').textContent()).resolves.toBe('エラー 4 件');

  // Open the first finding: the cell's own text is shown.
  await faulty.locator('li.finding[data-cell="提言1-ア!E15"]').click();
  await expect(faulty.locator('[data-testid=detail] pre').textContent()).resolves.toBe('継 続');
  await page.screenshot({ path: screenshotPath('standalone-findings.png'), fullPage: true });

  // Apply its fix.
  await faulty.locator('li.finding[data-cell="提言1-ア!E15"] button.fix').click();
  await page.waitForFunction(() => !document.querySelector('section.book[data-file="error.enum.xlsx"] li.finding[data-cell="提言1-ア!E15"]'));
  await expect(faulty.locator('[data-testid=counts]').textContent()).resolves.toBe('エラー 3 件');

  const fixed = await save(() => faulty.locator('[data-testid=save-fixed]').click());
  expect(fixed.name).toBe('error.enum（修正済み）.xlsx');
  const recheck = checkBytes(fixed.name, fixed.bytes, config);
  expect(recheck.findings.map((f) => [f.sheet, f.cell, f.rule])).toEqual([
    ['提言1-ア', 'E17', 'enum'],
    ['提言1-エ', 'E16', 'enum'],
    ['提言1-オ', 'E15', 'enum'],
  ]);
  const wb = readWorkbook(fixed.bytes, fixed.name);
  expect(cellText(wb.sheets.find((s) => s.name === '提言1-ア')!, 14, 4)).toBe('継続');
  // The input file itself is untouched.
  expect(checkBytes('x', new Uint8Array(fs.readFileSync(FAULTY)), config).findings).toHaveLength(4);
  expect(env.server.requests.length).toBe(afterLoad);
});

test('split, fill with openpyxl, consolidate, download: the same workbook as the library', async () => {
  const afterLoad = env.server.requests.length;
  await page.locator('#tab-consolidate').click();
  await page.locator('[data-testid=pick]').waitFor();
  // The master is picked by default; the faulty copy is not a returned workbook.
  await expect(page.locator('tr[data-file="ok.teigen-progress.xlsx"] input[type=radio]').isChecked()).resolves.toBe(true);

  const zip = await save(() => page.locator('[data-testid=split]').click());
  const parts = unzipSync(zip.bytes);
  expect(Object.keys(parts).sort()).toContain('子)子育て支援部.xlsx');
  const section = path.join(env.tmp, '子)子育て支援部.xlsx');
  fs.writeFileSync(section, parts['子)子育て支援部.xlsx']!);

  // A section fills its first row's 取組状況 in another program, and deletes its last row.
  const parsed = parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(section)), section), config);
  const all = parsed.reports.flatMap((rs) => rs.rows.map((row) => ({ rs, row })));
  const first = all[0]!;
  const status = first.row.cells.get('status')!;
  expect([first.rs.sheet.name, a1(status.r, status.c)]).toEqual(['提言1-ア', 'B15']);
  const text = '・E2E テストで記入した取組状況（<b>タグ</b>もそのまま）';
  const filled = path.join(env.tmp, '子)子育て支援部_記入済み.xlsx');
  const last = all[all.length - 1]!;
  expect(last.rs.sheet.name === '提言1-ア' && last.row.r <= 14).toBe(false);
  fillWithOpenpyxl(section, filled, [{ sheet: '提言1-ア', cell: 'B15', text }], [{ sheet: last.rs.sheet.name, row: last.row.r + 1 }]);
  // 区) 保健福祉部 answers in a whole copy of the master: its own row 15 (shared with 子育て支援部:
  // a conflict) and row 17, which belongs to 保) 総務部 only (unauthorized).
  const ku = path.join(env.tmp, '区)保健福祉部_回答.xlsx');
  fillWithOpenpyxl(MASTER, ku, [
    { sheet: '提言1-ア', cell: 'B15', text: '区が書いた取組状況' },
    { sheet: '提言1-ア', cell: 'B17', text: '区が勝手に書いた取組状況' },
  ]);

  // 保) 総務部 sends a file cut short in transit: named in the summary, never a master choice.
  const broken = path.join(env.tmp, '保)総務部.xlsx');
  fs.copyFileSync(path.join(HOSTILE, 'corrupt.truncated-zip.xlsx'), broken);
  await page.setInputFiles('#view-consolidate input[type=file]', [filled, ku, broken]);
  await page.locator('tr[data-file="保)総務部.xlsx"]').waitFor();
  await expect(page.locator('tr[data-file="保)総務部.xlsx"] input[type=radio]').count()).resolves.toBe(0);
  await page.locator('tr[data-file="error.enum.xlsx"] input[type=checkbox]').uncheck();
  await page.locator('[data-testid=consolidate]').click();
  await page.locator('[data-testid=summary]').waitFor();
  const rows = await page.locator('[data-testid=departments] tbody tr').evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].map((td) => td.textContent ?? '')));
  const row = (name: string): string[] | undefined => rows.find((r) => r[0]!.replace(/\s/g, '') === name)?.slice(1);
  expect(row('子)子育て支援部')).toEqual(['提出', String(all.length - 1), path.basename(filled)]);
  expect(row('区)保健福祉部')?.[0]).toBe('提出');
  expect(row('保)総務部')).toEqual(['ファイル不備（反映せず）', '0', '保)総務部.xlsx']);
  expect(rows.filter((r) => r[1] === '未提出')).toHaveLength(Object.keys(parts).length - 3);
  await expect(page.locator('[data-testid=missing]').textContent()).resolves.toMatch(/^未提出: /);
  await expect(page.locator('[data-testid=conflicts] button.cell-link').allTextContents()).resolves.toEqual(['提言1-ア!B15']);
  // The unauthorized change is listed; clicking it shows the master's cell, left as it was.
  const item = page.locator('[data-testid=unauthorized] button.cell-link');
  await expect(item.allTextContents()).resolves.toEqual(['提言1-ア!B17']);
  await item.click();
  const masterGrid = readWorkbook(new Uint8Array(fs.readFileSync(MASTER)), 'master.xlsx');
  await expect(page.locator('[data-testid=sum-detail] pre').textContent()).resolves.toBe(cellText(masterGrid.sheets.find((x) => x.name === '提言1-ア')!, 16, 1));
  await page.screenshot({ path: screenshotPath('standalone-consolidated.png'), fullPage: true });

  const out = await save(() => page.locator('[data-testid=save-consolidated]').click());
  expect(out.name).toBe('ok.teigen-progress（集約）.xlsx');
  const src = (f: string): { name: string; bytes: Uint8Array } => ({ name: path.basename(f), bytes: new Uint8Array(fs.readFileSync(f)) });
  const lib = consolidate(new Uint8Array(fs.readFileSync(MASTER)), [src(filled), src(ku), src(broken)], config, { masterName: 'ok.teigen-progress.xlsx', outputName: out.name });
  // The library on the same inputs gives the same workbook: the same parts, in the same order,
  // byte for byte once unzipped (Node deflates with zlib, the page with fflate).
  expect(unzippedParts(out.bytes)).toEqual(unzippedParts(lib.bytes));
  // The deleted row is listed, where the library lists it.
  const dropped = lib.summary.unfilled.filter((u) => u.status === 'dropped').map((u) => `${u.sheet}!${u.cell}`);
  expect(dropped).toHaveLength(1);
  await expect(page.locator('[data-testid=dropped] button.cell-link').allTextContents()).resolves.toEqual(dropped);
  // And the filled text is in the master's row.
  const result = readWorkbook(out.bytes, out.name);
  const b15 = cellText(result.sheets.find((x) => x.name === '提言1-ア')!, 14, 1);
  expect(b15).toContain(text);
  expect(b15).toContain('区が書いた取組状況');
  expect(cellText(result.sheets.find((x) => x.name === '提言1-ア')!, 16, 1)).toBe(cellText(masterGrid.sheets.find((x) => x.name === '提言1-ア')!, 16, 1));
  expect(result.sheets.map((x) => x.name)).toContain('集約結果');

  // The consolidated master, picked again, made ready to publish: the library's bytes, and the
  // conflict still in it is named.
  await page.setInputFiles('#view-consolidate input[type=file]', [path.join(env.tmp, out.name)]);
  await page.locator(`tr[data-file="${out.name}"] input[type=radio]`).check();
  const pub = await save(() => page.locator('[data-testid=publish]').click());
  expect(pub.name).toBe('ok.teigen-progress（集約）（公開用）.xlsx');
  const libPub = publish(out.bytes, config, { name: out.name });
  expect(unzippedParts(pub.bytes)).toEqual(unzippedParts(libPub.bytes));
  expect(readWorkbook(pub.bytes, pub.name).sheets.map((x) => x.name)).toEqual(masterGrid.sheets.map((x) => x.name));
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toContain('競合が 1 か所に残っています（提言1-ア!B15）');

  expect(env.server.requests.length).toBe(afterLoad);
  expect(offOrigin).toEqual([]);
});

test('bad files get a Japanese reason naming them; cell text with markup stays text', async () => {
  const hostile = HOSTILE;
  // The markup sample, with one 担当部 cell made into markup too, so a finding quotes it.
  const markupSrc = path.join(hostile, 'ok.html-and-script-text.xlsx');
  const parsed = parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(markupSrc)), 'm.xlsx'), config);
  const dept = parsed.reports[0]!.rows[0]!.cells.get('department')!;
  const markup = path.join(env.tmp, 'markup.xlsx');
  const bad = '<img/src=x/onerror=alert(1)>';
  fillWithOpenpyxl(markupSrc, markup, [{ sheet: parsed.reports[0]!.sheet.name, cell: a1(dept.r, dept.c), text: bad }]);
  const files = [path.join(hostile, 'encrypted.password-protected.xlsx'), path.join(hostile, 'corrupt.truncated-zip.xlsx'), markup];
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.locator('#tab-validate').click();
  await page.setInputFiles('#view-validate input[type=file]', files);
  const card = (n: string): ReturnType<Page['locator']> => page.locator(`section.book[data-file="${n}"]`);
  await card('markup.xlsx').waitFor();
  for (const f of files.slice(0, 2)) {
    const name = path.basename(f);
    const lib = checkBytes(name, new Uint8Array(fs.readFileSync(f)), config);
    expect(lib.error).toBeDefined();
    await expect(card(name).locator('.file-error').textContent()).resolves.toBe(`「${name}」: ${lib.error!.message}`);
  }
  // The finding quotes the markup as text; opening it shows the cell's text as text.
  const lib = checkBytes('markup.xlsx', new Uint8Array(fs.readFileSync(markup)), config);
  const finding = lib.findings.find((f) => f.rule === 'department')!;
  expect(finding.message).toContain(bad);
  const item = card('markup.xlsx').locator(`li.finding[data-cell="${finding.sheet}!${finding.cell}"]`);
  await expect(item.locator('.msg').textContent()).resolves.toBe(finding.message);
  await item.click();
  await expect(card('markup.xlsx').locator('[data-testid=detail] pre').textContent()).resolves.toBe(bad);
  await expect(page.locator('main script, main img, main svg, main iframe').count()).resolves.toBe(0);
  await page.waitForTimeout(200);
  expect(dialogs).toEqual([]);
  await page.screenshot({ path: screenshotPath('standalone-bad-files.png'), fullPage: true });
  await card('markup.xlsx').screenshot({ path: screenshotPath('standalone-markup-card.png') });
  expect(offOrigin).toEqual([]);
});

test('files saved by LibreOffice (.xls, .ods, .xlsx) give the same findings in the page as in Node', async () => {
  const dir = HOSTILE;
  await page.locator('#tab-validate').click();
  const files = ['ok.biff8-by-libreoffice.xls', 'ok.report-by-libreoffice.ods', 'ok.report-by-libreoffice.xlsx'].map((f) => path.join(dir, f));
  await page.setInputFiles('#view-validate input[type=file]', files);
  for (const f of files) {
    const name = path.basename(f);
    const card = page.locator(`section.book[data-file="${name}"]`);
    await card.locator('[data-testid=counts]').waitFor();
    const lib = checkBytes(name, new Uint8Array(fs.readFileSync(f)), config);
    expect(lib.error).toBeUndefined();
    // Read, not merely survived: the page names the report type the library found.
    expect(lib.reportTypes.length).toBeGreaterThan(0);
    await expect(card.locator('.types').textContent()).resolves.toBe(lib.reportTypes.join('・'));
    await expect(card.locator('.file-error').count()).resolves.toBe(0);
    const cells = await card.locator('li.finding').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-cell')} ${e.getAttribute('data-rule')}`));
    expect([name, cells]).toEqual([name, lib.findings.map((x) => `${x.sheet}!${x.cell} ${x.rule}`)]);
  }
  expect(offOrigin).toEqual([]);
});

test('a workbook dropped on the page is checked like a picked one', async () => {
  const name = 'error.department.xlsx';
  const b64 = fs.readFileSync(path.join(SEEDS, name)).toString('base64');
  await page.locator('#tab-validate').click();
  await page.evaluate(
    ({ name, b64 }) => {
      const bin = atob(b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
    },
    { name, b64 },
  );
  const card = page.locator(`section.book[data-file="${name}"]`);
  await card.locator('li.finding').first().waitFor();
  const lib = checkBytes(name, new Uint8Array(fs.readFileSync(path.join(SEEDS, name))), config);
  await expect(card.locator('li.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')))).resolves.toEqual(lib.findings.map((f) => `${f.sheet}!${f.cell}`));
  expect(offOrigin).toEqual([]);
});

test('thousands of findings: the first 200 drawn, more on request; a click redraws its own card only', async () => {
  const ctx = await env.browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  const p = await ctx.newPage();
  await p.goto(`${env.server.origin}/standalone.html`);
  await p.waitForSelector('body[data-ready=standalone]');
  const big = path.join(env.tmp, 'マスター.xlsx');
  fs.writeFileSync(big, emptyMasterXlsx(1500));
  const lib = checkBytes('マスター.xlsx', new Uint8Array(fs.readFileSync(big)), config);
  expect(lib.findings.length).toBeGreaterThanOrEqual(1500);
  await p.setInputFiles('#view-validate input[type=file]', [big, FAULTY]);
  const master = p.locator('section.book[data-file="マスター.xlsx"]');
  const faulty = p.locator('section.book[data-file="error.enum.xlsx"]');
  await faulty.locator('li.finding').first().waitFor();
  await expect(master.locator('li.finding').count()).resolves.toBe(200);
  // The first 200 in the library's order; the count line counts them all.
  await expect(master.locator('li.finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-cell')))).resolves.toEqual(lib.findings.slice(0, 200).map((f) => `${f.sheet}!${f.cell}`));
  await expect(master.locator('[data-testid=counts]').textContent()).resolves.toContain(`${lib.findings.length} 件`);
  await master.locator('[data-testid=findings-more]').focus();
  await p.keyboard.press('Enter');
  await expect(master.locator('li.finding').count()).resolves.toBe(400);
  // The keyboard goes on from the first finding drawn, where the button was.
  await expect(p.evaluate(() => document.activeElement?.closest('li.finding')?.getAttribute('data-cell'))).resolves.toBe(`${lib.findings[200]!.sheet}!${lib.findings[200]!.cell}`);
  await p.screenshot({ path: screenshotPath('standalone-findings-more.png') });

  // A click on the other file's finding redraws that card; the master's (400 drawn) stays as it is.
  await p.evaluate(() => document.querySelectorAll('section.book').forEach((e) => e.setAttribute('data-drawn', 'before')));
  await faulty.locator('li.finding[data-cell="提言1-ア!E15"]').click();
  await expect(faulty.locator('[data-testid=detail] pre').textContent()).resolves.toBe('継 続');
  await expect(faulty.getAttribute('data-drawn')).resolves.toBeNull();
  await expect(master.getAttribute('data-drawn')).resolves.toBe('before');
  await expect(master.locator('li.finding').count()).resolves.toBe(400);
  await ctx.close();
});

/** A fresh page of its own: these tests change what the page's File objects do. */
async function freshPage(): Promise<{ p: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await env.browser.newContext({ acceptDownloads: true, viewport: { width: 900, height: 1100 }, locale: 'ja-JP' });
  const p = await ctx.newPage();
  const errors: string[] = [];
  p.on('pageerror', (e) => errors.push(e.message));
  await p.goto(`${env.server.origin}/standalone.html`);
  await p.waitForSelector('body[data-ready=standalone]');
  return { p, errors, close: () => ctx.close() };
}

const cardsOf = (p: Page): Promise<[string | null, string | null][]> =>
  p.locator('section.book').evaluateAll((els) => els.map((e) => [e.getAttribute('data-file'), e.querySelector('.file-error')?.textContent ?? null]));

test('a folder dropped is opened; a file the browser cannot read is named and the others go on', async () => {
  const { p, errors, close } = await freshPage();
  // A real drop of paths (Chromium's own drag and drop), a folder with a subfolder and a workbook.
  const folder = path.join(env.tmp, '回答 フォルダ');
  fs.mkdirSync(path.join(folder, '下'), { recursive: true });
  fs.copyFileSync(path.join(SEEDS, 'error.department.xlsx'), path.join(folder, 'error.department.xlsx'));
  fs.copyFileSync(path.join(SEEDS, 'ok.plan-results.xlsx'), path.join(folder, '下', 'ok.plan-results.xlsx'));
  const cdp = await p.context().newCDPSession(p);
  const data = { items: [], files: [folder, FAULTY], dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, x: 450, y: 700, data });
  await p.locator('section.book[data-file="ok.plan-results.xlsx"]').waitFor();
  expect((await cardsOf(p)).map(([f]) => f).sort()).toEqual(['error.department.xlsx', 'error.enum.xlsx', 'ok.plan-results.xlsx']);

  // One file of a batch gone from under the browser (a USB stick pulled, a file locked).
  await p.evaluate(() => {
    const read = Blob.prototype.arrayBuffer;
    Blob.prototype.arrayBuffer = function (this: Blob): Promise<ArrayBuffer> {
      return (this as File).name === 'error.department.xlsx' ? Promise.reject(new DOMException('gone', 'NotReadableError')) : read.call(this);
    };
  });
  await p.locator('#tab-consolidate').click();
  await p.setInputFiles('#view-consolidate input[type=file]', [path.join(SEEDS, 'error.department.xlsx'), path.join(SEEDS, 'ok.vision-progress.xlsx')]);
  await p.locator('tr[data-file="ok.vision-progress.xlsx"]').waitFor();
  await expect(p.locator('[data-testid=status]').textContent()).resolves.toBe('2 件のファイルを読み込みました（うち読めない・ブックでないもの 1 件: 各カードに理由があります）');
  await p.locator('#tab-validate').click();
  const cards = await cardsOf(p);
  expect(cards.filter(([f]) => f === 'ok.vision-progress.xlsx')).toEqual([['ok.vision-progress.xlsx', null]]);
  expect(cards.filter(([, e]) => e !== null && e.includes('このファイルを読めませんでした')).map(([f]) => f)).toEqual(['error.department.xlsx']);
  await p.screenshot({ path: screenshotPath('standalone-unreadable.png'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

test('the master the sections name is picked; a result goes when its inputs change; the ZIP keeps the name', async () => {
  const { p, errors, close } = await freshPage();
  const masterName = '提言_進捗報告 R7.上半期.xlsx';
  const masterPath = path.join(env.tmp, masterName);
  fs.copyFileSync(MASTER, masterPath);
  const parts = split(new Uint8Array(fs.readFileSync(MASTER)), config, { masterName }).files.slice(0, 3);
  const sections = parts.map((f) => {
    const file = path.join(env.tmp, f.name);
    fs.writeFileSync(file, f.bytes);
    return file;
  });
  await p.locator('#tab-consolidate').click();
  // Sections first, as a file dialog sorting by name gives them (保… before 提…).
  await p.setInputFiles('#view-consolidate input[type=file]', [...sections, masterPath]);
  await p.locator(`tr[data-file="${masterName}"]`).waitFor();
  await expect(p.locator(`tr[data-file="${masterName}"] input[type=radio]`).isChecked()).resolves.toBe(true);
  await expect(p.locator('[data-testid=master-is-section]').count()).resolves.toBe(0);

  await p.locator('[data-testid=consolidate]').click();
  await p.locator('[data-testid=save-consolidated]').waitFor();
  // A source left out: the result made with it is gone, and so is its 保存.
  await p.locator(`tr[data-file="${parts[0]!.name}"] input[type=checkbox]`).uncheck();
  await expect(p.locator('[data-testid=save-consolidated]').count()).resolves.toBe(0);
  await expect(p.locator('[data-testid=summary]').count()).resolves.toBe(0);

  const zip = await download(p, env.tmp, () => p.locator('[data-testid=split]').click());
  expect(zip.name).toBe('提言_進捗報告 R7.上半期_部署別.zip');
  // No source left: nothing to consolidate.
  for (const part of parts.slice(1)) await p.locator(`tr[data-file="${part.name}"] input[type=checkbox]`).uncheck();
  await expect(p.locator('[data-testid=consolidate]').isDisabled()).resolves.toBe(true);
  await p.locator(`tr[data-file="${parts[2]!.name}"] input[type=checkbox]`).check();
  await expect(p.locator('[data-testid=consolidate]').isDisabled()).resolves.toBe(false);

  // A section's own workbook picked as the master is said to be one.
  await p.locator(`tr[data-file="${parts[1]!.name}"] input[type=radio]`).check();
  await expect(p.locator('[data-testid=master-is-section]').textContent()).resolves.toContain(`部署別に分割したブック（${parts[1]!.department}）`);
  await p.screenshot({ path: screenshotPath('standalone-master-is-section.png'), fullPage: true });
  expect(errors).toEqual([]);
  await close();
});

test('the keyboard stays where it was when a card is drawn anew (a finding opened, a fix, a card removed)', async () => {
  const { p, errors, close } = await freshPage();
  await p.setInputFiles('#view-validate input[type=file]', [FAULTY, path.join(SEEDS, 'error.department.xlsx')]);
  const card = p.locator('section.book[data-file="error.enum.xlsx"]');
  await card.locator('li.finding').first().waitFor();
  const where = (): Promise<string> => p.evaluate(() => {
    const e = document.activeElement as HTMLElement | null;
    return `${e?.closest('section.book')?.getAttribute('data-file') ?? '-'} ${e?.closest('[data-cell]')?.getAttribute('data-cell') ?? '-'} ${e?.tagName.toLowerCase()}.${e?.classList[0] ?? ''}`;
  });
  await card.locator('li.finding[data-cell="提言1-エ!E16"] button.go').focus();
  await p.keyboard.press('Enter');
  await expect(card.locator('[data-testid=detail]').count()).resolves.toBe(1);
  await expect(where()).resolves.toBe('error.enum.xlsx 提言1-エ!E16 button.go');
  await card.locator('li.finding[data-cell="提言1-ア!E15"] button.fix').focus();
  await p.keyboard.press('Enter');
  await p.waitForFunction(() => !document.querySelector('section.book[data-file="error.enum.xlsx"] li.finding[data-cell="提言1-ア!E15"]'));
  await expect(where()).resolves.toMatch(/^error\.enum\.xlsx \S+ button\.fix$/u);
  await card.locator('header button.link').focus();
  await p.keyboard.press('Enter');
  await expect(card.count()).resolves.toBe(0);
  await expect(where()).resolves.toBe('error.department.xlsx - h2.');
  expect(errors).toEqual([]);
  await close();
});

test('a file dropped on a card\'s 前回の報告書 box is compared with that card, not loaded as a book', async () => {
  const { p, errors, close } = await freshPage();
  await p.setInputFiles('#view-validate > label.drop input[type=file]', [MASTER]);
  const card = p.locator('section.book[data-file="ok.teigen-progress.xlsx"]');
  await card.locator('[data-testid=diff]').waitFor();
  const b64 = fs.readFileSync(FAULTY).toString('base64');
  await card.locator('[data-testid=diff] label.drop').evaluate((zone, b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], '前回.xlsx'));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, b64);
  await card.locator('[data-testid=diff-counts]').waitFor();
  await expect(card.locator('[data-testid=diff-counts]').textContent()).resolves.toMatch(/^セルの変更 \d+ 件/u);
  await expect(p.locator('section.book').count()).resolves.toBe(1);
  expect(errors).toEqual([]);
  await close();
});
