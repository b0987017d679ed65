// How report sheets are understood: the hierarchy (sheet name, heading and legend rows above
// the header, section rows), merged cells, skipped sheets; on the real sample workbooks and
// on small layouts.
import * as fs from 'fs';
import * as path from 'path';
import { readWorkbook } from '../lib/read/workbook';
import { parseWorkbook, type ParsedWorkbook, type ReportSheet } from '../lib/report';
import { book, config, sheet, VISION_HEADER, visionRow } from './rules/helpers';

const SEEDS = path.join(__dirname, '..', 'seeds');
const parse = (rel: string): ParsedWorkbook => parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(path.join(SEEDS, rel))), rel), config);
const report = (p: ParsedWorkbook, name: string): ReportSheet => p.reports.find((r) => r.sheet.name === name)!;
const sections = (rs: ReportSheet) => [...new Set(rs.rows.map((r) => r.section.map((s) => `${s.level}${s.value}`).join('/')))];

describe.each(['', 'libreoffice'])('the sample workbooks (%s)', (dir) => {
  const teigen = parse(path.join(dir, 'ok.teigen-progress.xlsx'));
  const vision = parse(path.join(dir, 'ok.vision-progress.xlsx'));

  it('reads every 提言 sheet and skips the notes sheet, saying why', () => {
    expect(teigen.skipped).toEqual([{ sheet: '記入上の注意', reason: 'no-header' }]);
    expect(teigen.reports.map((r) => r.sheet.name)).toEqual(['提言1-ア', '提言1-イ', '提言1-ウ', '提言1-エ', '提言1-オ', '提言2-ア', '提言3-ウ', '提言3-エ', '提言4-エ', '提言5-ア', '提言5-エ', '提言7-ア']);
  });

  it('takes 提言 and 取組方針 from the sheet name, past the title, legend and 取組方針 rows', () => {
    const rs = report(teigen, '提言1-エ');
    expect(rs.headerRows).toEqual([13]);
    expect(sections(rs)).toEqual(['提言1/取組方針エ']);
    expect([...rs.columnMaps.get(13)!.entries()]).toEqual([['content', 0], ['status', 1], ['evaluation', 2], ['plan', 3], ['category', 4], ['department', 5]]);
  });

  it('gives every row under a merged 取組内容 its text, addressed at the anchor', () => {
    const rows = report(teigen, '提言1-エ').rows;
    expect(rows.map((r) => r.r + 1)).toEqual([15, 16, 17, 18]);
    expect(rows.map((r) => [r.cells.get('content')!.r + 1, r.cells.get('content')!.merged])).toEqual([[15, false], [15, true], [15, true], [15, true]]);
    expect(new Set(rows.map((r) => r.cells.get('content')!.text)).size).toBe(1);
  });

  it('gives every row under a merged 対象職種 the job type (共通 over ①②③)', () => {
    const rows = report(vision, '分類1').rows.slice(0, 3);
    expect(rows.map((r) => [r.cells.get('number')!.text, r.cells.get('jobType')!.text, r.cells.get('jobType')!.merged])).toEqual([
      ['①', '共通', false],
      ['②', '共通', true],
      ['③', '共通', true],
    ]);
  });

  it('takes 分類 and 小分類 from sheet names, not from the legend listing them all', () => {
    expect(vision.reports.map((r) => `${r.sheet.name}:${sections(r).join(',')}`)).toEqual([
      '分類1:分類1',
      '分類2:分類2',
      '分類3-(1):分類3/小分類1',
      '分類3-(2):分類3/小分類2',
      '分類3-(3):分類3/小分類3',
      '分類3-(4):分類3/小分類4',
      '分類4:分類4',
      '分類5:分類5',
    ]);
  });
});

describe('hierarchy from rows above the header', () => {
  const legend = [['1', '職員育成ビジョンの職員への周知や浸透・定着のための取組について'], ['2', '職員育成ビジョンの個別の育成方針等への反映について'], ['3', '職員の専門性の獲得に向けた取組について'], ['(1)研修体制の整備'], ['(2)事務マニュアルへの反映'], ['4', '協働による支援の実践について'], ['5', 'その他の人材育成に資する取組について']];
  const levels = (rows: (string | null)[][]) => sections(parseWorkbook(book(sheet('Sheet1', [...rows, VISION_HEADER, visionRow()])), config).reports[0]!);

  it('takes the heading, which the legend repeats', () => {
    expect(levels([['取組内容の分類'], ['3 職員の専門性の獲得に向けた取組について'], ['(1) 研修体制の整備'], ...legend])).toEqual(['分類3/小分類1']);
  });

  it('takes no section from a legend alone', () => {
    expect(levels([['取組内容の分類'], ['2 職員育成ビジョンの個別の育成方針等への反映について'], ...legend])).toEqual(['分類2']);
    expect(levels(legend)).toEqual(['']);
  });

  it('takes a lone heading', () => {
    expect(levels([['4 協働による支援の実践について']])).toEqual(['分類4']);
  });
});
