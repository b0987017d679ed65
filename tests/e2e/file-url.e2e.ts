// The standalone page opened as a file (file://), as a clerk opens it from a shared folder on
// a PC behind network separation with no web server: copied out of dist/addin into a folder
// with a Japanese, spaced name, it checks, splits and consolidates in Chromium (the engine of
// Edge), and nothing is requested beyond its own files.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { unzipSync } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { cellText } from '../../lib/grid';
import { readWorkbook } from '../../lib/read/workbook';
import { DIST, download, ensureBuilt, fillWithOpenpyxl, launch, ROOT, screenshotPath, unzippedParts } from './helpers';

const config = defaultConfig();
const MASTER = path.join(ROOT, 'seeds', 'ok.teigen-progress.xlsx');
const FAULTY = path.join(ROOT, 'seeds', 'error.enum.xlsx');

let browser: Browser;
let page: Page;
let tmp: string;
let folder: string;
/** Requests for anything but the copied page's own files, blobs and data URLs. */
const foreign: string[] = [];

beforeAll(async () => {
  ensureBuilt();
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-file-'));
  folder = path.join(tmp, '共有 フォルダ', '進捗チェック');
  fs.cpSync(DIST, folder, { recursive: true });
  browser = await launch();
  const ctx = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 }, locale: 'ja-JP' });
  page = await ctx.newPage();
  const own = pathToFileURL(folder).href;
  page.on('request', (r) => {
    if (!r.url().startsWith(own) && !r.url().startsWith('blob:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  page.on('pageerror', (e) => foreign.push(`pageerror: ${e.message}`));
}, 600_000);

afterAll(async () => {
  await browser?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

const save = (click: () => Promise<void>): ReturnType<typeof download> => download(page, tmp, click);

test('opened from a folder as file://: check, split and consolidate as served', async () => {
  await page.goto(pathToFileURL(path.join(folder, 'standalone.html')).href);
  await page.waitForSelector('body[data-ready=standalone]', { timeout: 30_000 });

  await page.setInputFiles('#view-validate input[type=file]', [MASTER, FAULTY]);
  const faulty = page.locator('section.book[data-file="error.enum.xlsx"]');
  await faulty.locator('li.finding').first().waitFor();
  await expect(faulty.locator('[data-testid=counts]').textContent()).resolves.toBe('エラー 4 件');

  await page.locator('#tab-consolidate').click();
  await page.locator('tr[data-file="error.enum.xlsx"] input[type=checkbox]').uncheck();
  const zip = await save(() => page.locator('[data-testid=split]').click());
  const parts = unzipSync(zip.bytes);
  const sectionBytes = parts['子)子育て支援部.xlsx'];
  expect(sectionBytes).toBeDefined();
  const section = path.join(tmp, '子)子育て支援部.xlsx');
  fs.writeFileSync(section, sectionBytes!);
  const filled = path.join(tmp, '子)子育て支援部_記入済み.xlsx');
  const text = '・共有フォルダーから開いた画面で集約した取組状況';
  fillWithOpenpyxl(section, filled, [{ sheet: '提言1-ア', cell: 'B15', text }]);

  await page.setInputFiles('#view-consolidate input[type=file]', [filled]);
  await page.locator(`tr[data-file="${path.basename(filled)}"]`).waitFor();
  await page.locator('tr[data-file="error.enum.xlsx"] input[type=checkbox]').uncheck();
  await page.locator('[data-testid=consolidate]').click();
  await page.locator('[data-testid=summary]').waitFor();
  await page.screenshot({ path: screenshotPath('standalone-file-url.png'), fullPage: true });
  const out = await save(() => page.locator('[data-testid=save-consolidated]').click());
  expect(out.name).toBe('ok.teigen-progress（集約）.xlsx');

  // The library on the same inputs: the same parts, byte for byte once unzipped.
  const lib = consolidate(new Uint8Array(fs.readFileSync(MASTER)), [{ name: path.basename(filled), bytes: new Uint8Array(fs.readFileSync(filled)) }], config, {
    masterName: 'ok.teigen-progress.xlsx',
    outputName: out.name,
  });
  expect(unzippedParts(out.bytes)).toEqual(unzippedParts(lib.bytes));
  expect(cellText(readWorkbook(out.bytes, out.name).sheets.find((s) => s.name === '提言1-ア')!, 14, 1)).toBe(text);
  expect(foreign).toEqual([]);
});
