// Benchmark (issue 16): diff of two periods of a generated report (headings' 年度 advanced,
// 1 % of cells edited, rows removed and added) against only parsing both with SheetJS, in the
// same run; and how it grows from 1k to 10k rows.
'use strict';
const lib = require('../dist/lib/index.js');
const { rng, time, table } = require('./lib');
const { reportRows, workbookBytes } = require('./validate');

const config = lib.defaultConfig();

/** The next period: headings advanced, every 100th row's plan reworded, every 250th row gone, one added per 500. */
function nextPeriod(rows) {
  const out = rows.map((r) => [...r]);
  out[2] = out[2].map((h) => (typeof h === 'string' ? h.replace(/令和(\d+)年度/g, (_m, n) => `令和${Number(n) + 1}年度`) : h));
  for (let i = 3; i < out.length; i++) if (i % 100 === 0) out[i][3] = `${out[i][3]}（拡充を検討）`;
  const kept = out.filter((_r, i) => i < 3 || i % 250 !== 0);
  const added = [];
  kept.forEach((r, i) => {
    added.push(r);
    if (i > 3 && i % 500 === 0) added.push([`○新しい取組 ${i}`, '・開始した。', '', '・継続する。', '新規', '子)児童相談所']);
  });
  return added;
}

function pair(n) {
  const rows = reportRows(n, rng(1));
  return { old: workbookBytes(rows), next: workbookBytes(nextPeriod(rows)) };
}

function run(n, repeat) {
  const { old, next } = pair(n);
  const parse = time(() => {
    lib.parseWithSheetJS(old);
    lib.parseWithSheetJS(next);
  }, repeat);
  const diff = time(() => lib.diffWorkbooks(old, next, { old: 'old.xlsx', new: 'new.xlsx' }, config), repeat);
  const r = diff.result;
  return { n, parseMs: parse.ms, diffMs: diff.ms, changed: r.changed.length, added: r.added.length, removed: r.removed.length };
}

function main() {
  const big = run(5000, 3);
  console.log(
    table([
      ['rows', 'SheetJS parse of both (ms)', 'diff (ms)', 'ratio', 'changed', 'added', 'removed'],
      [big.n, big.parseMs.toFixed(1), big.diffMs.toFixed(1), (big.diffMs / big.parseMs).toFixed(2), big.changed, big.added, big.removed],
    ]),
  );
  const small = run(1000, 3);
  const large = run(10000, 1);
  console.log(
    table([
      ['rows', 'diff (ms)', 'ms / 1,000 rows', 'time ratio', 'size ratio'],
      [small.n, small.diffMs.toFixed(1), (small.diffMs / 1).toFixed(1), '1.0', '1'],
      [large.n, large.diffMs.toFixed(1), (large.diffMs / 10).toFixed(1), (large.diffMs / small.diffMs).toFixed(1), '10'],
    ]),
  );
}

if (require.main === module) main();
module.exports = { main, nextPeriod };
