// 前回との違い on the standalone page in Chromium: a report loaded, the previous period's file
// picked in its card, the changes listed; a click opens before and after. Screenshot to look at.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ensureBuilt, launch, PYTHON, ROOT, screenshotPath, serve, type Server } from './helpers';

let server: Server;
let browser: Browser;
let page: Page;
let dir: string;

beforeAll(async () => {
  ensureBuilt();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-e2e-diff-'));
  execFileSync(PYTHON, [path.join(ROOT, 'tests', 'diff', 'periods.py'), 'teigen', path.join(ROOT, 'seeds', 'ok.teigen-progress.xlsx'), path.join(dir, '前回.xlsx'), path.join(dir, '今回.xlsx')]);
  server = await serve();
  browser = await launch();
  const ctx = await browser.newContext({ viewport: { width: 480, height: 1000 }, locale: 'ja-JP' });
  page = await ctx.newPage();
  await page.goto(`${server.origin}/standalone.html`);
  await page.waitForSelector('body[data-ready=standalone]');
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('pick the previous report, see the changes, open one', async () => {
  await page.setInputFiles('#view-validate > label.drop input[type=file]', [path.join(dir, '今回.xlsx')]);
  const card = page.locator('section.book[data-file="今回.xlsx"]');
  await card.locator('[data-testid=diff] input[type=file]').setInputFiles(path.join(dir, '前回.xlsx'));
  await expect(card.locator('[data-testid=diff-counts]').textContent()).resolves.toBe('セルの変更 4 件、追加した行 1 件、削除した行 1 件、移動した行 1 件');
  await card.locator('[data-cell="提言3-エ!C17"]').click();
  await expect(card.locator('[data-testid=diff-detail]').textContent()).resolves.toContain('人事評価');
  await card.locator('[data-testid=diff]').screenshot({ path: screenshotPath('standalone-diff.png') });
});
