// Benchmark (issue 13): the standalone page consolidating the same 100 section workbooks as
// bench/consolidate.js in Debian's Chromium, from the files given to the download ready,
// against consolidate() on the same files in Node in the same run.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { ensureBuilt, serve, launch } = require('./page');
const lib = require('../dist/lib/index.js');
const { masterBytes, filledSections } = require('./consolidate.js');
const { time, table } = require('./lib');

const RUNS = 3;

async function pageRuns(files, masterName) {
  const { server, origin } = await serve();
  const browser = await launch();
  const picked = [];
  const ready = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const page = await browser.newPage({ acceptDownloads: true });
      await page.goto(`${origin}/standalone.html`);
      await page.waitForSelector('body[data-ready=standalone]');
      await page.locator('#tab-consolidate').click();
      const t0 = Date.now();
      await page.setInputFiles('#view-consolidate input[type=file]', files);
      await page.locator(`tr[data-file="${masterName}"] input[type=radio]`).check({ timeout: 300000 });
      // eslint-disable-next-line no-undef -- runs in the page
      await page.waitForFunction((n) => document.querySelectorAll('table.pick tbody tr').length >= n, files.length, { timeout: 300000 });
      picked.push(Date.now() - t0);
      await page.locator('[data-testid=consolidate]').click();
      await page.locator('[data-testid=save-consolidated]').waitFor({ timeout: 300000 });
      const [dl] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid=save-consolidated]').click()]);
      await dl.path();
      ready.push(Date.now() - t0);
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { pickedMs: median(picked), readyMs: median(ready) };
}

async function main() {
  ensureBuilt();
  const master = masterBytes();
  // The page knows the departments from the master; Node runs with the same (default) settings.
  const config = lib.defaultConfig();
  const sections = filledSections(master, config);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bench-page-'));
  const files = [path.join(tmp, 'master.xlsx')];
  fs.writeFileSync(files[0], master);
  for (const s of sections) {
    const p = path.join(tmp, s.name);
    fs.writeFileSync(p, s.bytes);
    files.push(p);
  }
  const node = time(() => lib.consolidate(master, sections, config, { masterName: 'master.xlsx' }), RUNS);
  const page = await pageRuns(files, 'master.xlsx');
  fs.rmSync(tmp, { recursive: true, force: true });
  console.log(`## standalone page in Chromium: consolidate ${sections.length} section workbooks, median of ${RUNS}`);
  console.log(table([
    ['what', 'ms', 'ratio to Node consolidate'],
    ['Node: consolidate(), best of 3 (baseline)', node.ms.toFixed(0), '1.00'],
    ['Chromium: files given → list shown, master picked', String(page.pickedMs), (page.pickedMs / node.ms).toFixed(2)],
    ['Chromium: files given → download ready', String(page.readyMs), (page.readyMs / node.ms).toFixed(2)],
  ]));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
