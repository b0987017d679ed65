// Evidence for docs/decisions.md: which writer keeps a styled master intact when rows are
// removed (split) and added (consolidate)? ExcelJS 4.4.0 on the master only, against
// patching the master's XML in place (lib/ooxml). Checked with openpyxl, an independent
// reader. Run alone: `npm run build && node bench/consolidate.writers.js`.
'use strict';
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const ExcelJS = require('exceljs');
const { table } = require('./lib');
const lib = require('../dist/lib/index.js');

const PY = fs.existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';
const FIXTURES = path.join(__dirname, '..', 'tests', 'consolidate', 'fixtures.py');

function inspect(file) {
  const x = JSON.parse(execFileSync(PY, [FIXTURES, 'inspect', file], { encoding: 'utf8', maxBuffer: 1 << 26 }));
  return x.sheets.find((s) => s.name === '提言1-ア');
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-writers-'));
  const master = path.join(dir, 'master.xlsx');
  execFileSync(PY, [FIXTURES, 'master', master]);
  const bytes = fs.readFileSync(master);

  // ExcelJS: plain round trip, then delete one data row and insert one (what split and
  // consolidate need).
  const rt = new ExcelJS.Workbook();
  await rt.xlsx.load(bytes);
  await rt.xlsx.writeFile(path.join(dir, 'exceljs-roundtrip.xlsx'));
  const ed = new ExcelJS.Workbook();
  await ed.xlsx.load(bytes);
  const ws = ed.getWorksheet('提言1-ア');
  ws.spliceRows(5, 1);
  ws.insertRow(7, ['○追加した取組']);
  await ed.xlsx.writeFile(path.join(dir, 'exceljs-rows.xlsx'));

  // lib/ooxml: the same two operations through split (row 5 belongs to 保) 総務部 only)
  // and consolidate (a row added by a section).
  const config = lib.defaultConfig();
  const sp = lib.split(bytes, config, { masterName: 'master.xlsx' });
  const mine = sp.files.find((f) => f.department === '子) 子育て支援部');
  fs.writeFileSync(path.join(dir, 'patch-split.xlsx'), mine.bytes);
  const grid = lib.readWorkbook(bytes, 'master.xlsx');
  const sheet = grid.sheets.find((s) => s.name === '提言1-ア');
  lib.setCell(sheet, 7, 0, { value: '○追加した取組', text: '○追加した取組' });
  lib.setCell(sheet, 7, 5, { value: '区)保健福祉部', text: '区)保健福祉部' });
  const res = lib.consolidate(bytes, [{ name: '区)保健福祉部.xlsx', workbook: grid }], config, { masterName: 'master.xlsx' });
  fs.writeFileSync(path.join(dir, 'patch-consolidate.xlsx'), res.bytes);

  const files = ['master.xlsx', 'exceljs-roundtrip.xlsx', 'exceljs-rows.xlsx', 'patch-split.xlsx', 'patch-consolidate.xlsx'];
  const x = files.map((f) => inspect(path.join(dir, f)));
  const rows = [['feature', ...files.map((f) => f.replace('.xlsx', ''))]];
  const row = (name, fn) => rows.push([name, ...x.map((s) => String(fn(s)))]);
  row('font A1 (name, bold, size)', (s) => s.cells.A1.font.slice(0, 3).join(' '));
  row('fill A3', (s) => s.cells.A3.fill);
  row('border B4', (s) => s.cells.B4.border.join('/'));
  row('wrap B4', (s) => s.cells.B4.wrap);
  row('widths A–F', (s) => ['A', 'B', 'C', 'D', 'E', 'F'].map((c) => s.widths[c]).join(','));
  row('merges', (s) => s.merges.join(' '));
  row('list validation', (s) => s.validations.map((v) => v[2]).join(' '));
  row('conditional format', (s) => s.conditional.join(' '));
  row('print titles', (s) => s.printTitles);
  row('print area', (s) => (s.printArea || []).join(' '));
  row('orientation / fit', (s) => `${s.orientation} ${s.fitToPage}`);
  row('frozen pane', (s) => s.freeze);
  row('data rows (A4…)', (s) => Object.entries(s.cells).filter(([k, c]) => /^A\d+$/.test(k) && Number(k.slice(1)) >= 4 && c.v).length);
  console.log(table(rows));
  console.log(`\nfiles in ${dir}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
