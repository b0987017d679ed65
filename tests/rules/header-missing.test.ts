import { book, PLAN_HEADER, run, sheet, table, TEIGEN_HEADER, teigenRow, VISION_HEADER, visionRow } from './helpers';
import { toText } from '../../lib/cli/validate';

const without = (header: string[], label: string) => header.filter((h) => h.replace(/\s/g, '') !== label);

describe('header-missing', () => {
  it('reports a missing column at the header row and still checks the columns found', () => {
    const header = without(TEIGEN_HEADER, '担当部');
    const s = sheet('提言1-ア', [header, teigenRow({ category: '新設' }).slice(0, 5)]);
    const f = run(book(s));
    expect(table(f)).toEqual(['提言1-ア!A1 header-missing/missing', '提言1-ア!E2 enum/invalid']);
    expect(f[0]!.message).toBe('見出し「担当部」の列が見つかりません（検証報告書の提言に係る取組の進捗状況）');
  });

  it('points at the first column of the table, wherever the table starts', () => {
    const s = sheet('提言1-ア', [[null, ...without(TEIGEN_HEADER, '自己評価')]]);
    expect(table(run(book(s), 'header-missing'))).toEqual(['提言1-ア!B1 header-missing/missing']);
  });

  it('reads headers with spaces, line breaks and synonyms, in any order, with extra columns', () => {
    const s = sheet('提言1-ア', [['備考', '担 当 部', '取組 区分', '取組内容', '自己評価', '令和7年度下半期の取組内容', '令和6年度から令和7年度上半期の\n取組状況']]);
    expect(run(book(s), 'header-missing')).toEqual([]);
    const v = sheet('分類1', [['担当部局', '10月以降の取組', '9月までの取組', '番号', '対象職種']]);
    expect(run(book(v), 'header-missing')).toEqual([]);
  });

  it('reads the wordings the city\'s reports use: 9月末まで, ～, 上半期まで, a note in brackets after the heading', () => {
    const t = sheet('提言1-ア', [['取組内容', '令和6年度～令和7年度上半期までの取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部']]);
    expect(run(book(t), 'header-missing')).toEqual([]);
    const v = sheet('分類1', [['対象職種', '取組番号', '9月末までの取組', '10月以降の取組（予定）', '担当課']]);
    expect(run(book(v), 'header-missing')).toEqual([]);
    const p = sheet('取組結果', [['具体的取組', '取組結果\n（令和2年3月末時点）', '担当課']]);
    expect(run(book(p), 'header-missing')).toEqual([]);
  });

  it('does not ask for optional columns (担当課 of the plan results)', () => {
    expect(run(book(sheet('取組結果', [PLAN_HEADER])), 'header-missing')).toEqual([]);
  });

  it('checks each header of a sheet that repeats its table', () => {
    const s = sheet('分類3', [['(1)研修体制の整備'], VISION_HEADER, visionRow(), ['(2)事務マニュアルへの反映'], without(VISION_HEADER, '取組番号'), visionRow({ no: '' })]);
    expect(table(run(book(s), 'header-missing'))).toEqual(['分類3!A5 header-missing/missing']);
  });

  it('silences the number checks when 取組番号 has no header', () => {
    const s = sheet('分類4', [without(VISION_HEADER, '取組番号'), ...['③', '①'].map((no) => visionRow({ no }).filter((_, i) => i !== 1))]);
    expect(table(run(book(s)))).toEqual(['分類4!A1 header-missing/missing']);
  });
});

test('a workbook read but with no report header is not said to be unreadable', () => {
  const text = toText([{ path: 'x.xlsx', reportTypes: [], findings: [], skipped: [], error: { code: 'no-report', message: '報告書の見出し行がありません' } }]);
  expect(text).toContain('× 検証できません: 報告書の見出し行がありません');
  expect(text).not.toContain('読めません');
});
