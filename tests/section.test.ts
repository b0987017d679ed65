// The master's context a section workbook carries (lib/section.ts): what split writes for a
// department is what parseWorkbook reads back, and a damaged sheet costs only its bad rows.
import { META_ROW } from '../lib/marks';
import { parseWorkbook } from '../lib/report';
import { carriedRows, readSection } from '../lib/section';
import { book, config, sectionMeta, sheet, teigenRow, teigenSheet, VISION_HEADER, visionRow } from './rules/helpers';

const PLAN2 = '・児童相談所と各区家庭児童相談室の連携強化のため、各種研修などを引き続き実施する。';

describe('carriedRows → readSection', () => {
  it('carries each section sequence once and only the 再掲 sources outside the rows', () => {
    const vision = sheet('分類3', [
      ['(1)研修体制の整備'],
      VISION_HEADER,
      visionRow({ no: '①', dept: '子) 地域連携課' }),
      visionRow({ no: '②' }),
      visionRow({ no: '③' }),
      ['(2)事務マニュアルへの反映'],
      VISION_HEADER,
      visionRow({ no: '①' }),
    ]);
    const source = teigenSheet('提言1-イ', [teigenRow({ plan: PLAN2, department: '子)子育て支援部' })]);
    const copy = teigenSheet('提言4-エ', [teigenRow({ plan: `${PLAN2}【再掲】`, department: '保) 健康企画課' })]);
    const master = parseWorkbook(book(vision, source, copy), config);
    // 保) 健康企画課 holds ②③ of (1), ① of (2) and the 再掲 row, not its source.
    const mine = master.reports.flatMap((rs) => rs.rows.filter((row) => row.cells.get('department')?.text === '保) 健康企画課').map((row) => ({ rs, row })));
    const rows = carriedRows(master, mine, config.saikei.driftThreshold);
    expect(rows).toEqual([
      [META_ROW.numbering, '分類3', '分類3|小分類1', '1,2,3'],
      [META_ROW.numbering, '分類3', '分類3|小分類2', '1'],
      [META_ROW.saikeiSource, '提言1-イ', 'D3', PLAN2],
    ]);
    const back = readSection(sectionMeta(rows))!;
    expect(back.department).toBe('保) 健康企画課');
    expect([...back.numbering]).toEqual([
      ['分類3|分類3|小分類1', [1, 2, 3]],
      ['分類3|分類3|小分類2', [1]],
    ]);
    // The keys are the ones parseWorkbook gives the rows.
    expect(master.reports[0]!.rows.map((r) => r.sectionKey)).toEqual(['分類3|分類3|小分類1', '分類3|分類3|小分類1', '分類3|分類3|小分類1', '分類3|分類3|小分類2']);
    const src = back.sources!.reports[0]!;
    expect([src.sheet.name, src.rows[0]!.cells.get('text')]).toEqual(['[master.xlsx]提言1-イ', { text: PLAN2, r: 2, c: 3, merged: false, carried: false }]);
  });

  it('carries nothing for a department whose 再掲 sources are its own rows', () => {
    const source = teigenSheet('提言1-イ', [teigenRow({ plan: PLAN2 })]);
    const copy = teigenSheet('提言4-エ', [teigenRow({ plan: `${PLAN2}【再掲】` })]);
    const master = parseWorkbook(book(source, copy), config);
    const mine = master.reports.flatMap((rs) => rs.rows.map((row) => ({ rs, row })));
    expect(carriedRows(master, mine, config.saikei.driftThreshold)).toEqual([]);
  });
});

describe('readSection', () => {
  it('is undefined without a department, and skips rows it cannot read', () => {
    expect(readSection(sectionMeta([], ''))).toBeUndefined();
    const back = readSection(sectionMeta([[META_ROW.numbering, '分類1', '', '1,x,3'], [META_ROW.saikeiSource, '分類1', 'not-a-cell', '・文'], ['誰かのメモ', 'x']]))!;
    expect([...back.numbering]).toEqual([['分類1', [1, 3]]]);
    expect(back.sources).toBeUndefined();
  });

  it('is what parseWorkbook gives a workbook holding the sheet', () => {
    const wb = book(sheet('分類1', [VISION_HEADER, visionRow({ no: '②' })]), sectionMeta([[META_ROW.numbering, '分類1', '分類1', '1,2']]));
    const parsed = parseWorkbook(wb, config);
    expect(parsed.section?.numbering.get('分類1|分類1')).toEqual([1, 2]);
    expect(parsed.reports.map((r) => r.sheet.name)).toEqual(['分類1']);
    expect(parseWorkbook(book(sheet('分類1', [VISION_HEADER, visionRow()])), config).section).toBeUndefined();
  });
});
