// Benchmark (issue 17): drafting the 概要版 of a generated 5,000-row master, against a bare
// SheetJS parse of the same bytes in the same run: the outline (read, parse, bullets,
// departments) and the outline plus the Word file, which the goal of 1.5× is about.
'use strict';
const XLSX = require('xlsx');
const lib = require('../dist/lib/index.js');
const { rng, sentence, table, median } = require('./lib');

const config = lib.defaultConfig();
const DEPTS = ['子)子育て支援部', '区)保健福祉部', '子)児童相談所', '総)職員部', '保)総務部'];
const N = 5000;

function masterBytes() {
  const rand = rng(17);
  const wb = XLSX.utils.book_new();
  // Ten 取組方針 sheets of 500 rows, as a master holds one sheet per 取組方針.
  for (let s = 0; s < 10; s++) {
    const rows = [['検証報告書の提言に係る取組の進捗状況'], ['1', '区及び生活圏を単位とした支援体制の強化の必要性'], [`取組方針${'アイウエオ'[s % 5]}`, '区を単位とした相談支援体制を整える。'],
      ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組\n区分', '担当部']];
    for (let i = 0; i < N / 10; i++) {
      const k = s * 1000 + i;
      rows.push([`○取組 ${k}`, [sentence(rand, k * 3), sentence(rand, k * 3 + 1)].join('\n'), sentence(rand, k * 3 + 2), `・引き続き実施する（${k}）。`, '継続', `${DEPTS[k % 5]}\n${DEPTS[(k + 1) % 5]}`]);
    }
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), `提言${1 + Math.floor(s / 5)}-${'アイウエオ'[s % 5]}`);
  }
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

async function main() {
  const bytes = masterBytes();
  const times = { parse: [], outline: [], docx: [] };
  let counts;
  for (let i = 0; i < 5; i++) {
    if (typeof globalThis.gc === 'function') globalThis.gc();
    let t0 = process.hrtime.bigint();
    lib.parseWithSheetJS(bytes);
    times.parse.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (typeof globalThis.gc === 'function') globalThis.gc();
    t0 = process.hrtime.bigint();
    const o = lib.outlineOf(bytes, 'bench.xlsx', config);
    times.outline.push(Number(process.hrtime.bigint() - t0) / 1e6);
    counts = lib.outlineCounts(o);
    await lib.summaryDocx(o);
    times.docx.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  const base = median(times.parse);
  const rows = [['what', 'median ms', '× SheetJS parse']];
  const label = { parse: 'parse', outline: 'outline', docx: 'outline + docx' };
  for (const [k, v] of Object.entries(times)) rows.push([label[k], median(v).toFixed(0), (median(v) / base).toFixed(2)]);
  console.log(`${N} rows, ${bytes.length} bytes, ${counts.items} ● items`);
  console.log(table(rows));
  // The goal (issue 17) is the whole draft, Word file included.
  const ratio = median(times.docx) / base;
  console.log(ratio <= 1.5 ? `summary ${ratio.toFixed(2)}× ≤ 1.5×: ok` : `summary ${ratio.toFixed(2)}× > 1.5×`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
