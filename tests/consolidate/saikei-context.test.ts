// 提言4-エ re-lists 提言1-イ with 【再掲】 (seed 002). When 1-イ belongs to another department,
// the split file of 4-エ's department does not hold the source row: split carries the source
// text on its metadata sheet, and consolidation validates returned files with the master as context.
import * as XLSX from 'xlsx';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { checkBytes, checkWorkbook } from '../../lib/check';
import { readWorkbook } from '../../lib/read/workbook';

const HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組\n区分', '担当部'];
const SOURCE = '・児童相談所と各区家庭児童相談室の連携強化のため、各種研修などを引き続き実施する。';

function masterBytes(): Uint8Array {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([HEADER, ['○区と児童相談所の役割を理解する。', SOURCE, '・できた。', '・継続する。', '継続', '子)子育て支援部']]),
    '提言1-イ',
  );
  XLSX.utils.book_append_sheet(
    wb,
    XLSX.utils.aoa_to_sheet([HEADER, ['○有機的な協働体制を構築する。', `${SOURCE}【再掲】`, '・できた。', '・継続する。', '継続', '子)児童相談所']]),
    '提言4-エ',
  );
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }));
}

it('finds 再掲 sources in the master, not only in the returned file', () => {
  const master = masterBytes();
  const config = defaultConfig();
  const jisou = split(master, config).files.find((f) => f.department.includes('児童相談所'));
  expect(jisou).toBeDefined();
  // Alone, the split file finds the source it carries; without its metadata sheet the 再掲
  // has no source in it: the premise of this test.
  expect(checkBytes(jisou!.name, jisou!.bytes, config).findings).toEqual([]);
  const wb = readWorkbook(jisou!.bytes, jisou!.name);
  const bare = { ...wb, sheets: wb.sheets.filter((s) => s.name !== '_shinchoku') };
  expect(checkWorkbook(jisou!.name, bare, config).findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}`)).toEqual(['提言4-エ!B2 saikei-source-missing']);
  const { summary } = consolidate(master, [{ name: jisou!.name, bytes: jisou!.bytes }], config);
  expect(summary.findings.filter((f) => f.rule.startsWith('saikei-'))).toEqual([]);
});
