#!/usr/bin/env node
// Builds the sample workbooks in seeds/ from the seed documents (seeds/data/*.js): clean
// ones (ok.<report type>.xlsx) and faulty ones (error.<rule id>[.<variant>].xlsx), in the
// layouts sections really use. ExcelJS is fine here: it only writes files we generate.
// With LibreOffice installed it also saves some of them again with LibreOffice (a second,
// independent writer) into seeds/libreoffice/. Usage: npm run seeds [-- --no-libreoffice]
'use strict';
/* global Buffer, structuredClone */

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const ExcelJS = require('exceljs');
const { unzipSync, zipSync } = require('fflate');
const { TEIGEN, T, R, lines, teigenPages, teigen5e, teigen5eClean } = require('./data/teigen');
const { BUNRUI, SHOBUNRUI, V, visionSheets } = require('./data/vision');
const { planAreas } = require('./data/plan');

// SHINCHOKU_SEEDS_OUT writes elsewhere (tests/seeds.test.ts checks the committed files are current).
const OUT = process.env.SHINCHOKU_SEEDS_OUT || __dirname;
const LO_OUT = path.join(OUT, 'libreoffice');
// Fixed dates keep the output byte-identical from run to run.
const FIXED_DATE = new Date(Date.UTC(2025, 9, 1, 0, 0, 0));
const FONT = 'ＭＳ Ｐゴシック';
const MERGED = '^';

const thin = { style: 'thin', color: { argb: 'FF000000' } };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };
const HEAD_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const HOSHIN_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
const SECTION_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

function newBook() {
  const wb = new ExcelJS.Workbook();
  wb.creator = '札幌市';
  wb.lastModifiedBy = '札幌市';
  wb.created = FIXED_DATE;
  wb.modified = FIXED_DATE;
  return wb;
}

function newSheet(wb, name, widths) {
  const ws = wb.addWorksheet(name, {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '&C&P / &N&R&A' },
    properties: { defaultRowHeight: 15 },
  });
  ws.columns = widths.map((w) => ({ width: w }));
  return ws;
}

function font(extra = {}) {
  return { name: FONT, size: 10, ...extra };
}

/** Writes a value with the workbook's look; text always wraps. */
function put(ws, addr, value, extra = {}) {
  const cell = ws.getCell(addr);
  cell.value = value;
  cell.font = font(extra.font);
  cell.alignment = { wrapText: true, vertical: 'top', ...(extra.alignment || {}) };
  if (extra.border !== false) cell.border = BORDER;
  if (extra.fill) cell.fill = extra.fill;
  return cell;
}

/** Merges a range after styling every cell in it (borders are per cell). */
function mergeBox(ws, r1, c1, r2, c2, value, extra = {}) {
  for (let r = r1; r <= r2; r++) {
    for (let c = c1; c <= c2; c++) put(ws, ws.getCell(r, c).address, r === r1 && c === c1 ? value : null, extra);
  }
  if (r1 !== r2 || c1 !== c2) ws.mergeCells(r1, c1, r2, c2);
}

const col = (c) => String.fromCharCode(64 + c);

/**
 * Lines a wrapped text takes in a column of the given width (Excel width units): what
 * Excel's row autofit stores in a saved file, estimated (a full-width character ≈ 1.7 units).
 */
function wrappedLines(text, width) {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const line of String(text).split('\n')) {
    let w = 0;
    for (const ch of line) w += /[ -\u00ff\uff61-\uff9f]/u.test(ch) ? 1.0 : 1.7;
    lines += Math.max(1, Math.ceil(w / usable));
  }
  return lines;
}
const LINE_PT = 14.5;
const rowHeight = (lines) => Math.round((lines * LINE_PT + 4) * 4) / 4;

/** Fills data rows; '^' in a column merges the cell with the one above. Sets row heights. */
function dataRows(ws, firstRow, columns, rows) {
  const spans = new Map(); // column index -> { from, to, text }
  const heights = rows.map(() => 1);
  const merged = [];
  const close = (c, s) => {
    ws.mergeCells(s.from, c, s.to, c);
    merged.push({ ...s, lines: wrappedLines(s.text, columns[c - 1].width) });
  };
  rows.forEach((row, i) => {
    const r = firstRow + i;
    columns.forEach((cd, j) => {
      const c = j + 1;
      const v = cd.value(row);
      const centered = cd.center ? { horizontal: 'center', vertical: 'middle' } : {};
      if (v === MERGED) {
        put(ws, `${col(c)}${r}`, null, { alignment: centered });
        const s = spans.get(c);
        spans.set(c, s ? { ...s, to: r } : { from: r - 1, to: r, text: cd.value(rows[i - 1]) });
        return;
      }
      const s = spans.get(c);
      if (s) {
        close(c, s);
        spans.delete(c);
      }
      put(ws, `${col(c)}${r}`, v === '' ? null : v, { alignment: centered });
      // A cell about to be merged downwards is sized with its merge, below.
      const next = rows[i + 1] && cd.value(rows[i + 1]);
      if (v !== '' && next !== MERGED) heights[i] = Math.max(heights[i], wrappedLines(v, cd.width));
    });
  });
  for (const [c, s] of spans) close(c, s);
  // A merged text longer than the rows it spans makes its last row taller.
  for (const m of merged) {
    const have = heights.slice(m.from - firstRow, m.to - firstRow + 1).reduce((a, b) => a + b, 0);
    if (have < m.lines) heights[m.to - firstRow] += m.lines - have;
  }
  heights.forEach((h, i) => {
    ws.getRow(firstRow + i).height = rowHeight(h);
  });
}

// ---- 提言 progress report (seed 002) --------------------------------------------------

const TEIGEN_COLUMNS = [
  { key: 'content', header: '取組内容', width: 30 },
  { key: 'status', header: '令和6年度から\n令和7年度上半期の取組状況', width: 52 },
  { key: 'evaluation', header: '自己評価', width: 34 },
  { key: 'plan', header: '令和7年度\n下半期の取組内容', width: 36 },
  { key: 'category', header: '取組\n区分', width: 6.5, center: true },
  { key: 'department', header: '担当部', width: 17 },
];

/**
 * One 取組方針 page as a sheet named 提言1-ア: title, the 提言 with its sub-items, the
 * 取組区分 legend and the 取組方針 above the header. opts.columns replaces the columns.
 */
function addTeigenSheet(wb, page, opts = {}) {
  const columns = (opts.columns || TEIGEN_COLUMNS).map((c) => ({ ...c, value: (row) => row[c.key] ?? '' }));
  const n = columns.length;
  const ws = newSheet(wb, `提言${page.teigen}-${page.hoshin}`, columns.map((c) => c.width));
  const t = TEIGEN[page.teigen];
  mergeBox(ws, 1, 1, 1, n, '検証報告書の提言に係る取組の進捗状況', { border: false, font: { size: 14, bold: true }, alignment: { vertical: 'middle' } });
  mergeBox(ws, 3, 1, 3, n, '検証報告書における提言', { font: { bold: true } });
  put(ws, 'A4', String(page.teigen), { alignment: { horizontal: 'center' } });
  mergeBox(ws, 4, 2, 4, n, t.title, { font: { bold: true } });
  t.subs.forEach((s, i) => {
    put(ws, `A${5 + i}`, '①②③④⑤⑥'[i], { alignment: { horizontal: 'center' } });
    mergeBox(ws, 5 + i, 2, 5 + i, n, s);
  });
  let r = 5 + t.subs.length + 1;
  put(ws, `A${r}`, '【取組区分】', { border: false, font: { bold: true } });
  mergeBox(ws, r, 2, r, n, '今後の取組の方向性　新規：新たな取組を実施していく項目　拡充：現在の取組を拡充していく項目　継続：現在の取組を継続する項目', { border: false });
  r += 2;
  put(ws, `A${r}`, `取組方針${page.hoshin}`, { fill: HOSHIN_FILL, font: { bold: true }, alignment: { vertical: 'middle', horizontal: 'center' } });
  mergeBox(ws, r, 2, r, n, page.hoshinText, { fill: HOSHIN_FILL, alignment: { vertical: 'middle' } });
  const wide = columns.slice(1).reduce((a, c) => a + c.width, 0);
  ws.getRow(r).height = Math.max(30, rowHeight(wrappedLines(page.hoshinText, wide)));
  r += 1;
  columns.forEach((c, j) => put(ws, `${col(j + 1)}${r}`, c.header, { fill: HEAD_FILL, font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }));
  ws.getRow(r).height = 30;
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
  dataRows(ws, r + 1, columns, page.rows);
  return ws;
}

function addTeigenNotes(wb) {
  const ws = newSheet(wb, '記入上の注意', [5, 100]);
  mergeBox(ws, 1, 1, 1, 2, '記入上の注意', { border: false, font: { size: 14, bold: true } });
  const notes = [
    '取組方針ごとに1シートとし、シート名は「提言1-ア」のように提言番号と取組方針の記号で付けてください。',
    '「取組区分」は「新規」「拡充」「継続」のいずれかを記入してください。',
    '「担当部」は「子)子育て支援部」のように局の略称と部の名称を記入し、複数の部で取り組む場合は改行して列記してください。',
    '他の取組方針に記載した内容を再び記載する場合は、該当する文の末尾に(再掲)または【再掲】と記入してください。',
    '行の追加やセルの結合は構いませんが、見出し行の文言は変更しないでください。',
  ];
  notes.forEach((s, i) => {
    put(ws, `A${3 + i}`, String(i + 1), { border: false, alignment: { horizontal: 'right' } });
    put(ws, `B${3 + i}`, s, { border: false });
    ws.getRow(3 + i).height = rowHeight(wrappedLines(s, 100));
  });
  return ws;
}

function teigenBook(pages, { notes = true } = {}) {
  const wb = newBook();
  if (notes) addTeigenNotes(wb);
  for (const p of pages) addTeigenSheet(wb, p);
  return wb;
}

// ---- 職員育成ビジョン progress report (seed 000) --------------------------------------

const VISION_COLUMNS = [
  { key: 'job', header: '対象職種', width: 14, center: true },
  { key: 'no', header: '取組\n番号', width: 6, center: true },
  { key: 'sep', header: '9月までの取組', width: 62 },
  { key: 'oct', header: '10月以降の取組', width: 50 },
  { key: 'dept', header: '担当課', width: 18 },
];

/** One 分類 (or 分類3-(n)) as a sheet; 分類3 sheets carry the sub-category in a leading column. */
function addVisionSheet(wb, sheet, opts = {}) {
  const lead = sheet.sho !== undefined;
  const base = (opts.columns || VISION_COLUMNS).map((c) => ({ ...c, value: (row) => row[c.key] ?? '' }));
  const columns = lead
    ? [{ key: 'lead', header: '', width: 5, center: true, value: (row) => row.lead }, ...base]
    : base;
  const rows = lead ? sheet.rows.map((row, i) => ({ ...row, lead: i === 0 ? `(${sheet.sho})` : MERGED })) : sheet.rows;
  const n = columns.length;
  const name = lead ? `分類${sheet.bunrui}-(${sheet.sho})` : `分類${sheet.bunrui}`;
  const ws = newSheet(wb, name, columns.map((c) => c.width));
  mergeBox(ws, 1, 1, 1, n, '職員育成ビジョンに係る取組の進捗状況（令和5年9月末時点）', { border: false, font: { size: 14, bold: true } });
  const labelEnd = lead ? 3 : 2;
  mergeBox(ws, 3, 1, 3, labelEnd, '取組内容の分類', { fill: HEAD_FILL, font: { bold: true }, alignment: { vertical: 'middle' } });
  mergeBox(ws, 3, labelEnd + 1, 3, n, `${sheet.bunrui}\u3000${BUNRUI[sheet.bunrui]}`, { font: { bold: true, size: 11 } });
  let r = 4;
  if (lead) {
    mergeBox(ws, r, 1, r, labelEnd, null, { border: false });
    mergeBox(ws, r, labelEnd + 1, r, n, `(${sheet.sho})\u3000${SHOBUNRUI[sheet.sho]}`, { font: { bold: true, size: 11 } });
    r++;
  }
  // The legend of every 分類, as the published pages repeat it (3 lists its (1)–(4) in its own cell).
  for (let k = 1; k <= 5; k++) {
    const text = k === 3 ? `${BUNRUI[k]}\n${Object.entries(SHOBUNRUI).map(([i, s]) => `(${i})${s}`).join('　')}` : BUNRUI[k];
    put(ws, `${col(labelEnd)}${r}`, String(k), { border: false, font: { color: { argb: 'FF595959' } }, alignment: { horizontal: 'right' } });
    mergeBox(ws, r, labelEnd + 1, r, n, text, { border: false, font: { color: { argb: 'FF595959' } } });
    if (k === 3) ws.getRow(r).height = 27;
    r++;
  }
  r += 1;
  columns.forEach((c, j) => put(ws, `${col(j + 1)}${r}`, c.header, { fill: HEAD_FILL, font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }));
  ws.getRow(r).height = 30;
  ws.pageSetup.printTitlesRow = `${r}:${r}`;
  dataRows(ws, r + 1, columns, rows);
  return ws;
}

function addVisionNotes(wb) {
  const ws = newSheet(wb, '記入上の注意', [5, 100]);
  mergeBox(ws, 1, 1, 1, 2, '記入上の注意', { border: false, font: { size: 14, bold: true } });
  const notes = [
    '取組内容の分類ごとに1シートとし、分類3は(1)～(4)ごとにシートを分けてください。',
    '取組番号は分類ごとに①から順に振ってください。',
    '対象職種は「共通」「ケースワーカー」「精神保健福祉相談員」「保健師」「保育士」「児童相談所・福祉コース職員」「教員」のいずれかを記入してください。',
    '担当課は「保) 保護課」のように局の略称と課の名称を記入してください。',
    '他の分類に記載した取組を再び記載する場合は、末尾に【再掲】と記入してください。',
  ];
  notes.forEach((s, i) => {
    put(ws, `A${3 + i}`, String(i + 1), { border: false, alignment: { horizontal: 'right' } });
    put(ws, `B${3 + i}`, s, { border: false });
    ws.getRow(3 + i).height = rowHeight(wrappedLines(s, 100));
  });
}

function visionBook(sheets, { notes = true } = {}) {
  const wb = newBook();
  for (const s of sheets) addVisionSheet(wb, s);
  if (notes) addVisionNotes(wb);
  return wb;
}

// ---- 児童相談体制強化プラン results (seed 004) -----------------------------------------

function planBook(areas) {
  const wb = newBook();
  const ws = newSheet(wb, '取組結果', [46, 70]);
  mergeBox(ws, 1, 1, 1, 2, '第2次札幌市児童相談体制強化プランの取組一覧と取組結果', { border: false, font: { size: 14, bold: true } });
  put(ws, 'B2', '令和2年3月末時点', { border: false, alignment: { horizontal: 'right' } });
  put(ws, 'A3', '具体的取組', { fill: HEAD_FILL, font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  put(ws, 'B3', '取組結果', { fill: HEAD_FILL, font: { bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.pageSetup.printTitlesRow = '3:3';
  let r = 4;
  for (const area of areas) {
    mergeBox(ws, r, 1, r, 2, `${area.no}\u3000${area.title}`, { fill: SECTION_FILL, font: { bold: true } });
    r++;
    for (const it of area.items) {
      // Title in bold and description in one cell, as the published table has it.
      const value = it.desc === '' ? it.title : { richText: [{ font: font({ bold: true }), text: `${it.title}\n` }, { font: font(), text: it.desc }] };
      put(ws, `A${r}`, value);
      put(ws, `B${r}`, it.result === '' ? null : it.result);
      ws.getRow(r).height = rowHeight(Math.max(wrappedLines(`${it.title}\n${it.desc}`, 46), wrappedLines(it.result, 70)));
      r++;
    }
  }
  const notes = newSheet(wb, '注記', [100]);
  put(notes, 'A1', '※「(2019AP事業)」は、第2次札幌市まちづくり戦略ビジョン・アクションプラン2019の計上事業です。', { border: false });
  put(notes, 'A2', '※ 取組結果は令和2年3月末時点のものです。', { border: false });
  return wb;
}

// ---- writing ---------------------------------------------------------------------------

/** Re-zips with fixed timestamps so that the same input gives the same bytes. */
function stableZip(buf) {
  const files = unzipSync(new Uint8Array(buf));
  const out = {};
  for (const name of Object.keys(files).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0))) {
    out[name] = [files[name], { mtime: FIXED_DATE, level: 6 }];
  }
  return Buffer.from(zipSync(out));
}

function writeAtomic(file, bytes) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, bytes);
  fs.renameSync(tmp, file);
}

async function save(wb, name) {
  const buf = await wb.xlsx.writeBuffer();
  writeAtomic(path.join(OUT, name), stableZip(buf));
  return name;
}

// ---- the samples -----------------------------------------------------------------------

const clone = (x) => structuredClone(x);
const pick = (pages, ...names) => names.map((nm) => clone(pages.find((p) => `${p.teigen}-${p.hoshin}` === nm)));
const pickV = (sheets, ...names) =>
  names.map((nm) => clone(sheets.find((s) => (s.sho === undefined ? String(s.bunrui) : `${s.bunrui}-(${s.sho})`) === nm)));

function samples() {
  const pages = teigenPages();
  const vis = visionSheets();
  const out = [];

  // Clean masters: no finding at all, of any severity.
  // 提言5-エ after 5-ア, as published; its ※ note repeats 提言1-ア's word for word.
  const okPages = clone(pages);
  okPages.splice(okPages.findIndex((p) => p.teigen === 7), 0, teigen5eClean());
  out.push(['ok.teigen-progress.xlsx', teigenBook(okPages)]);
  out.push(['ok.vision-progress.xlsx', visionBook(clone(vis))]);
  out.push(['ok.plan-results.xlsx', planBook(planAreas())]);

  // header-missing: 担当部 titled 「担当」 on 提言1-ア; no 自己評価 column on 提言1-イ.
  {
    const wb = newBook();
    addTeigenNotes(wb);
    const [a, i, u] = pick(pages, '1-ア', '1-イ', '1-ウ');
    addTeigenSheet(wb, a, { columns: TEIGEN_COLUMNS.map((c) => (c.key === 'department' ? { ...c, header: '担当' } : c)) });
    addTeigenSheet(wb, i, { columns: TEIGEN_COLUMNS.filter((c) => c.key !== 'evaluation') });
    addTeigenSheet(wb, u);
    out.push(['error.header-missing.xlsx', wb]);
  }
  // header-missing on the vision report: 取組番号 headed 「No.」 on 分類4.
  {
    const wb = newBook();
    const [v4] = pickV(vis, '4');
    addVisionSheet(wb, v4, { columns: VISION_COLUMNS.map((c) => (c.key === 'no' ? { ...c, header: 'No.' } : c)) });
    out.push(['error.header-missing.vision.xlsx', wb]);
  }

  // required: 提言2-ア's empty 担当部 as published (the merge undone), 7-ア without 取組内容,
  // 3-ウ's first row with no progress at all, and a 担当部 holding a lone space.
  {
    const [a2, u3, a7] = pick(pages, '2-ア', '3-ウ', '7-ア');
    a2.rows[0].department = '';
    a2.rows[1].department = lines('子)子育て支援部', '区)保健福祉部');
    u3.rows[0].status = '';
    u3.rows[0].evaluation = '';
    u3.rows[0].plan = '';
    u3.rows[1].department = ' ';
    a7.rows[0].content = '';
    out.push(['error.required.xlsx', teigenBook([a2, u3, a7])]);
  }
  // required on the vision report: an unnumbered last row, 担当課 blank (full-width space
  // and empty), and a row with neither 9月までの取組 nor 10月以降の取組.
  {
    const [v1, v2, v34] = pickV(vis, '1', '2', '3-(4)');
    v2.rows[4].no = '';
    v2.rows[2].dept = '\u3000';
    v34.rows[1].dept = '';
    v34.rows[2].sep = '';
    v34.rows[2].oct = '';
    out.push(['error.required.vision.xlsx', visionBook([v1, v2, v34], { notes: false })]);
  }

  // enum (取組区分): spacing variants that normalize to a valid value, and values that do not.
  {
    const [a, i, u, e, o] = pick(pages, '1-ア', '1-イ', '1-ウ', '1-エ', '1-オ');
    a.rows[0].category = '継 続';
    a.rows[2].category = '新設';
    e.rows[1].category = '拡充\u3000';
    o.rows[0].category = '継続中';
    out.push(['error.enum.xlsx', teigenBook([a, i, u, e, o])]);
  }
  // enum (対象職種), including merged cells: one finding at the merge anchor.
  {
    const [v1, v4] = pickV(vis, '1', '4');
    v1.rows[0].job = '共 通';
    v1.rows[4].job = '精神保健福祉士';
    v4.rows[2].job = '保健師（区）';
    v4.rows[4].job = '教　員';
    out.push(['error.enum.vision.xlsx', visionBook([v1, v4], { notes: false })]);
  }

  // department: the seed's 子)子ども支援部, typos, an unknown section; valid spellings
  // (full-width parenthesis, a space after the prefix) around them.
  {
    const [a, e, u, a7] = pick(pages, '1-ア', '1-エ', '3-ウ', '7-ア');
    a.rows[0].department = lines('子)子ども支援部', '区)保健福祉部');
    a.rows[1].department = lines('子）児童相談所', '区）保健福祉部');
    a.rows[2].department = '保)総務部　区)保険福祉部';
    e.rows[1].department = '子)児童相談書';
    u.rows[2].department = '総)職員課';
    a7.rows[0].department = '子) 子ども育成部、子)子育て支援部';
    out.push(['error.department.xlsx', teigenBook([a, e, u, a7])]);
  }
  // department on the vision report: 健康・子ども課 without its ・.
  {
    const [v1] = pickV(vis, '1');
    v1.rows[5].dept = lines('保) 健康企画課', '区) 健康子ども課');
    out.push(['error.department.vision.xlsx', visionBook([v1], { notes: false })]);
  }

  // numbering: ①②②④ (duplicate, then ③ skipped), ①③② (order), ③ skipped on 分類3-(2),
  // an unreadable 「⑤-2」; a full-width ４ reads fine.
  {
    const [v1, v2, v32, v5] = pickV(vis, '1', '2', '3-(2)', '5');
    v1.rows[2].no = '②';
    v2.rows[1].no = '③';
    v2.rows[2].no = '②';
    v32.rows[2].no = '④';
    v32.rows[3].no = '⑤';
    v32.rows[4].no = '⑥';
    v5.rows[3].no = '４';
    v5.rows[5].no = '⑤-2';
    out.push(['error.numbering.xlsx', visionBook([v1, v2, v32, v5])]);
  }

  // saikei-source-missing: 提言4-エ re-lists 1-イ, which this workbook lacks; a (再掲)
  // bullet on 1-ウ whose source exists nowhere.
  {
    const [a, u, e4, a5] = pick(pages, '1-ア', '1-ウ', '4-エ', '5-ア');
    u.rows[0].plan = lines(u.rows[0].plan, R('・生活支援業務に係るマニュアルを改訂し、各区へ周知する。'));
    out.push(['error.saikei-source-missing.xlsx', teigenBook([a, u, e4, a5])]);
  }

  // saikei-drift, the seed's own cases: 分類2 ① (できるように → できるよう) and
  // 分類3-(1) ⑥ (あたる。(SSW) → あたる(SSW)).
  {
    const [v1, v2, v31] = pickV(vis, '1', '2', '3-(1)');
    v2.rows[0].sep = `${V.fukushiCourse.replace('向上できるように', '向上できるよう')}【再掲】`;
    v31.rows[5].sep = `${lines(...V.kyoin).replace('あたる。(SSW)', 'あたる(SSW)')}【再掲】`;
    out.push(['error.saikei-drift.xlsx', visionBook([v1, v2, v31])]);
  }
  // saikei-drift on the 提言 report: 3-エ's 入事 (seed), and 4-エ left behind after 1-イ's
  // text was corrected.
  {
    const [i, u, e3, e4] = pick(pages, '1-イ', '3-ウ', '3-エ', '4-エ');
    e3.rows[1].status = e3.rows[1].status.replace('全管理職向け人事評価', '全管理職向け入事評価');
    i.rows[0].plan = lines(T.monitoringPlan1, T.monitoringPlan2.replace('各種研修などを', '各種研修や合同事例検討などを'));
    out.push(['error.saikei-drift.teigen.xlsx', teigenBook([i, u, e3, e4])]);
  }

  // saikei-unmarked, as published: 3-エ repeats 3-ウ's 自己評価 and the opening line of its
  // 下半期 plan without a mark; 5-エ's first row repeats 3-エ's third row.
  {
    const [u, e3] = pick(pages, '3-ウ', '3-エ');
    e3.rows[1].evaluation = T.managementEval;
    e3.rows[1].plan = lines(T.managementPlanIntro, R(T.kokoroePlan), R(T.homepage), R(T.shisaku));
    out.push(['error.saikei-unmarked.xlsx', teigenBook([u, e3, clone(teigen5e())])]);
  }
  // saikei-unmarked on the vision report, as published: 保健師 and 児童相談所 rows that
  // say the same thing word for word.
  {
    const [v1, v31, v33] = pickV(vis, '1', '3-(1)', '3-(3)');
    v1.rows[7].oct = v1.rows[7].oct.replace('・引き続き、業務の振り返りの際に職員育成ビジョンを参照し、定着を図っていく。', V.furikaeri);
    v31.rows[4].sep = v31.rows[4].sep.replace(V.offjt.replace('各職員', '所内職員'), V.offjt);
    v31.rows[4].oct = v31.rows[4].oct.replace(V.offjtPlan.replace('各職員', '所内職員'), V.offjtPlan);
    v33.rows[2].oct = v33.rows[2].oct.replace('・引き続き、所内の個別事例を通じて', '・引き続き、個別事例を通じて');
    out.push(['error.saikei-unmarked.vision.xlsx', visionBook([v1, v31, v33])]);
  }
  // required on the plan-results report: a 具体的取組 with no 取組結果 yet (area 2, first item),
  // and a 取組結果 whose 具体的取組 cell was left empty (area 3, second item).
  {
    const areas = planAreas();
    areas[1].items[0].result = '';
    areas[2].items[1].title = '';
    areas[2].items[1].desc = '';
    out.push(['error.required.plan.xlsx', planBook(areas)]);
  }
  return out;
}

// Saved again by LibreOffice: the clean masters and a few faulty ones.
const LIBREOFFICE = [
  'ok.teigen-progress.xlsx',
  'ok.vision-progress.xlsx',
  'ok.plan-results.xlsx',
  'error.department.xlsx',
  'error.enum.vision.xlsx',
  'error.numbering.xlsx',
  'error.saikei-drift.xlsx',
  'error.saikei-unmarked.xlsx',
];

function hasSoffice() {
  try {
    execFileSync('soffice', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function libreofficeCopies(names) {
  fs.mkdirSync(LO_OUT, { recursive: true });
  // A private profile: other LibreOffice runs on this machine must not collide with ours.
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-seeds-lo-'));
  const tmpOut = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-seeds-out-'));
  try {
    execFileSync(
      'soffice',
      [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', tmpOut, ...names.map((n) => path.join(OUT, n))],
      { stdio: 'ignore', timeout: 180000 },
    );
    for (const n of names) {
      const produced = path.join(tmpOut, n);
      if (!fs.existsSync(produced)) throw new Error(`LibreOffice did not write ${n}`);
      writeAtomic(path.join(LO_OUT, n), fs.readFileSync(produced));
    }
  } finally {
    fs.rmSync(profile, { recursive: true, force: true });
    fs.rmSync(tmpOut, { recursive: true, force: true });
  }
}

async function main() {
  const written = [];
  for (const [name, wb] of samples()) written.push(await save(wb, name));
  console.log(`seeds: ${written.length} workbooks written to ${path.relative(process.cwd(), OUT) || '.'}`);
  if (process.argv.includes('--no-libreoffice')) return;
  if (!hasSoffice()) {
    console.log('seeds: soffice not found, LibreOffice copies left as they are');
    return;
  }
  libreofficeCopies(LIBREOFFICE);
  console.log(`seeds: ${LIBREOFFICE.length} LibreOffice copies written to ${path.relative(process.cwd(), LO_OUT)}`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
