// Benchmark (issue 4): the task-pane bundle's size (raw and gzipped), and the time until the
// standalone page shows the findings of a generated 5,000-row report in Debian's Chromium,
// against checking the same file with the library in Node in the same run.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const zlib = require('node:zlib');
const XLSX = require('xlsx');
const { DIST, ensureBuilt, serve, launch } = require('./page');
const lib = require('../dist/lib/index.js');
const { rng, sentence, time, table } = require('./lib');

const N = 5000;
const DEPTS = ['子)子育て支援部', '区)保健福祉部', '子)児童相談所', '総)職員部', '保)総務部'];
const KUBUN = ['新規', '拡充', '継続'];



function reportBytes() {
  const rand = rng(4);
  const rows = [
    ['取組方針ア 区を単位とした相談支援体制を整える。'],
    ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部'],
  ];
  for (let i = 0; i < N; i++) {
    rows.push([
      `○取組 ${i + 1}: ${sentence(rand, 700000 + i).slice(1, 30)}`,
      [sentence(rand, i * 3), sentence(rand, i * 3 + 1)].join('\n'),
      sentence(rand, i * 3 + 2),
      `・引き続き実施する（${i}）。`,
      // About 1% of rows carry a fault, so the page has findings to show.
      i % 100 === 7 ? '継 続' : KUBUN[i % 3],
      i % 100 === 31 ? '子)子育て支援ぶ' : DEPTS[i % DEPTS.length],
    ]);
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '提言1-ア');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}


async function pageTimes(file, repeat) {
  const { server, origin } = await serve();
  const browser = await launch();
  const load = [];
  const findings = [];
  let shown = 0;
  try {
    for (let i = 0; i < repeat; i++) {
      const page = await browser.newPage();
      const t0 = Date.now();
      await page.goto(`${origin}/standalone.html`);
      await page.waitForSelector('body[data-ready=standalone]');
      load.push(Date.now() - t0);
      const t1 = Date.now();
      await page.setInputFiles('#view-validate input[type=file]', file);
      await page.waitForSelector('section.book li.finding', { timeout: 120000 });
      findings.push(Date.now() - t1);
      shown = await page.locator('section.book li.finding').count();
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { loadMs: median(load), findingsMs: median(findings), shown };
}

async function main() {
  ensureBuilt();
  const js = fs.readFileSync(path.join(DIST, 'taskpane.js'));
  const css = fs.readFileSync(path.join(DIST, 'taskpane.css'));
  const gz = (b) => zlib.gzipSync(b, { level: 9 }).length;
  const kib = (n) => (n / 1024).toFixed(0);

  const bytes = reportBytes();
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-bench-'));
  const file = path.join(tmp, 'bench-5000.xlsx');
  fs.writeFileSync(file, bytes);
  const config = lib.defaultConfig();
  const parse = time(() => lib.parseWithSheetJS(bytes), 3);
  const check = time(() => lib.checkBytes('bench-5000.xlsx', bytes, config), 3);
  const page = await pageTimes(file, 3);
  fs.rmSync(tmp, { recursive: true, force: true });

  const lines = [];
  lines.push('## add-in bundle (production build, dist/addin)');
  lines.push(table([
    ['file', 'KiB', 'gzipped KiB'],
    ['taskpane.js (task pane + standalone page)', kib(js.length), kib(gz(js))],
    ['taskpane.css', kib(css.length), kib(gz(css))],
  ]));
  lines.push('');
  lines.push(`## standalone page in Chromium: ${N.toLocaleString('en')}-row report (${kib(bytes.length)} KiB), median of 3`);
  lines.push(table([
    ['what', 'ms', 'ratio to Node check'],
    ['Node: SheetJS parse only', parse.ms.toFixed(0), (parse.ms / check.ms).toFixed(2)],
    ['Node: checkBytes (read + validate, baseline)', check.ms.toFixed(0), '1.00'],
    ['Chromium: page load until ready', String(page.loadMs), (page.loadMs / check.ms).toFixed(2)],
    ['Chromium: file picked → findings shown', String(page.findingsMs), (page.findingsMs / check.ms).toFixed(2)],
  ]));
  lines.push(`${check.result.findings.length} findings in Node, ${page.shown} listed on the page`);
  console.log(lines.join('\n'));
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
