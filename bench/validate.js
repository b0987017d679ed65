// Benchmark (issue 2): validating a generated 5,000-row report against only parsing it with
// SheetJS, in the same run; and 再掲 matching at 1k, 10k and 100k bullets.
'use strict';
const XLSX = require('xlsx');
const lib = require('../dist/lib/index.js');
const { rng, sentence, time, table } = require('./lib');

const config = lib.defaultConfig();
const DEPTS = ['子)子育て支援部', '区)保健福祉部', '子)児童相談所', '総)職員部', '保)総務部'];
const KUBUN = ['新規', '拡充', '継続'];

function reportRows(n, rand) {
  const rows = [
    ['提言1 区及び生活圏を単位とした支援体制の強化の必要性'],
    ['取組方針ア 区を単位とした相談支援体制を整える。'],
    ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組\n区分', '担当部'],
  ];
  for (let i = 0; i < n; i++) {
    const status = [sentence(rand, i * 3), sentence(rand, i * 3 + 1)];
    // Every 20th row re-lists an earlier bullet, as reports do.
    if (i % 20 === 19) status.push(`${rows[rows.length - 10][1].split('\n')[0]}（再掲）`);
    // …a few of them drifted from their source, a few with no source at all.
    if (i % 100 === 49) status.push(`${rows[rows.length - 7][1].split('\n')[0].replace('令和', '平成')}（再掲）`);
    if (i % 500 === 99) status.push(`・存在しない取組の記載 ${i}（再掲）`);
    rows.push([
      `○取組 ${i + 1}: ${sentence(rand, 900000 + i).slice(1, 30)}`,
      status.join('\n'),
      sentence(rand, i * 3 + 2),
      `・引き続き実施する（${i}）。`,
      KUBUN[i % 3],
      `${DEPTS[i % DEPTS.length]} ${DEPTS[(i + 1) % DEPTS.length]}`,
    ]);
  }
  return rows;
}

function workbookBytes(rows) {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), '提言1-ア');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

function gridOf(rows, name) {
  const sheet = lib.emptySheet(name);
  rows.forEach((r, i) => r.forEach((v, c) => v !== '' && lib.setCell(sheet, i, c, { value: v, text: v })));
  return { name, sheets: [sheet] };
}

function runValidate() {
  const N = 5000;
  const bytes = workbookBytes(reportRows(N, rng(1)));
  const parse = time(() => lib.parseWithSheetJS(bytes), 5);
  const full = time(() => lib.checkBytes('bench.xlsx', bytes, config), 5);
  const rows = full.result.findings.length;
  const validationOnly = full.ms - parse.ms;
  return {
    rows: N,
    bytes: bytes.length,
    parseMs: parse.ms,
    fullMs: full.ms,
    perThousand: full.ms / (N / 1000),
    ratio: full.ms / parse.ms,
    addedRatio: validationOnly / parse.ms,
    findings: rows,
  };
}

function runSaikei() {
  const saikeiRules = lib.rules.filter((r) => r.id.startsWith('saikei-'));
  const out = [];
  for (const bullets of [1000, 10000, 100000]) {
    // Three bullets per row in two text columns; 5% of rows re-list a bullet from earlier.
    const rows = bullets / 3;
    const rand = rng(bullets);
    const data = reportRows(Math.round(rows), rand).map((r, i) => (i < 3 ? r : [r[0], r[1], r[2], '', r[4], r[5]]));
    const wb = gridOf(data, '提言1-ア');
    const parsed = lib.parseWorkbook(wb, config);
    const t = time(() => lib.validateParsed({ ...parsed }, config, { rules: saikeiRules }), bullets >= 100000 ? 1 : 3);
    out.push({ bullets, ms: t.ms, perBulletUs: (t.ms * 1000) / bullets, findings: t.result.length });
  }
  return out;
}

function main() {
  const v = runValidate();
  const s = runSaikei();
  const lines = [];
  lines.push('## validate: 5,000-row report (提言 progress), best of 5');
  lines.push(
    table([
      ['what', 'ms', 'ms / 1,000 rows', 'ratio to parse'],
      ['SheetJS parse only (baseline)', v.parseMs.toFixed(1), (v.parseMs / 5).toFixed(1), '1.00'],
      ['read + validate (all rules)', v.fullMs.toFixed(1), v.perThousand.toFixed(1), v.ratio.toFixed(2)],
    ]),
  );
  lines.push(`validation adds ${(v.addedRatio * 100).toFixed(0)}% of the parse time (goal: under 100%); ${v.findings} findings; file ${(v.bytes / 1024).toFixed(0)} KiB`);
  lines.push('');
  lines.push('## 再掲 matching (saikei-* rules) by bullet count');
  const base = s[0];
  lines.push(
    table([
      ['bullets', 'ms', 'µs / bullet', 'time ratio', 'size ratio', 'findings'],
      ...s.map((x) => [x.bullets, x.ms.toFixed(1), x.perBulletUs.toFixed(2), (x.ms / base.ms).toFixed(1), (x.bullets / base.bullets).toFixed(0), x.findings]),
    ]),
  );
  console.log(lines.join('\n'));
  return { validate: v, saikei: s };
}

if (require.main === module) main();
module.exports = { main, reportRows, workbookBytes };
