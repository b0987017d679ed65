// A section's returned file re-lists text whose source is in rows of the master it was not
// sent: with the master as context the 再掲 finds its source; nothing in the master is reported.
import { defaultConfig } from '../lib/config';
import { emptySheet, setCell, type Workbook } from '../lib/grid';
import { parseWorkbook } from '../lib/report';
import { validateParsed } from '../lib/validate';

const HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部'];
const SOURCE = '・児童相談所と各区家庭児童相談室の連携強化のため、各種研修などを引き続き実施する。';

function book(name: string, sheetName: string, rows: string[][]): Workbook {
  const sheet = emptySheet(sheetName);
  [HEADER, ...rows].forEach((row, r) => row.forEach((v, c) => v && setCell(sheet, r, c, { value: v, text: v })));
  return { name, sheets: [sheet] };
}

const config = defaultConfig();
const master = parseWorkbook(
  book('master.xlsx', '提言1-イ', [['○区と児童相談所の役割を理解する。', SOURCE, '・できた。', '・継続する。', '継続', '子)児童相談所']]),
  config,
);
const returned = parseWorkbook(
  book('子)児童相談所.xlsx', '提言4-エ', [['○体制を整える。【再掲】', `${SOURCE}【再掲】`, '・できた。', '・継続する。', '継続', '子)児童相談所']]),
  config,
);

const rules = (fs: { rule: string; cell: string }[]): string[] => fs.map((f) => `${f.cell} ${f.rule}`);

it('reports the 再掲 as sourceless without the master', () => {
  expect(rules(validateParsed(returned, config))).toEqual(['A2 saikei-source-missing', 'B2 saikei-source-missing']);
});

it('finds the source in the master given as context, and reports nothing of the master', () => {
  const found = validateParsed(returned, config, { context: [master] });
  // A2's 取組内容 has no source anywhere; B2's bullet is the master's B2.
  expect(rules(found)).toEqual(['A2 saikei-source-missing']);
  expect(found.every((f) => f.sheet === '提言4-エ')).toBe(true);
});

it('does not call the returned copy of a master row an unmarked repeat', () => {
  const copy = parseWorkbook(
    book('copy.xlsx', '提言1-イ', [['○区と児童相談所の役割を理解する。', SOURCE, '・できた。', '・継続する。', '継続', '子)児童相談所']]),
    config,
  );
  expect(validateParsed(copy, config, { context: [master] })).toEqual([]);
});
