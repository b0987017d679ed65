// ［概要版を作る］ on the standalone page, in Debian's Chromium: the .docx the page downloads
// holds the parts the library (and so the CLI) makes from the same master, byte for byte.
import * as fs from 'fs';
import * as path from 'path';
import type { Page } from 'playwright-core';
import { defaultConfig } from '../../lib/config';
import { outlineOf, summaryDocx } from '../../lib/summary';
import { e2eSetup, ROOT, unzippedParts } from './helpers';

const MASTER = path.join(ROOT, 'seeds', 'ok.vision-progress.xlsx');

const env = e2eSetup();
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  page = await (await env.browser.newContext({ acceptDownloads: true, locale: 'ja-JP' })).newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${env.server.origin}/standalone.html`);
  await page.waitForSelector('body[data-ready=standalone]');
});

test('［概要版を作る］ downloads the library\'s .docx of the picked master', async () => {
  await page.locator('#tab-consolidate').click();
  await page.setInputFiles('#view-consolidate input[type=file]', [MASTER]);
  await page.locator(`tr[data-file="${path.basename(MASTER)}"] input[type=radio]`).check();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=summary-docx]').click()]);
  expect(dl.suggestedFilename()).toBe('ok.vision-progress（概要版）.docx');
  const file = path.join(env.tmp, dl.suggestedFilename());
  await dl.saveAs(file);
  const config = defaultConfig();
  const lib = await summaryDocx(outlineOf(new Uint8Array(fs.readFileSync(MASTER)), path.basename(MASTER), config));
  // The same parts byte for byte once unzipped (Node deflates with zlib, the page with fflate).
  expect(unzippedParts(new Uint8Array(fs.readFileSync(file)))).toEqual(unzippedParts(lib));
  await expect(page.locator('[data-testid=status]').textContent()).resolves.toContain('概要版を保存しました: 見出し 5 件・項目（●）160 件');
  expect(errors).toEqual([]);
});
