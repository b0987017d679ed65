// 集約 in the pane writes only cells whose content changed: a number the workbook holds as a
// number is not rewritten as the text it shows, and a formula is never replaced by its value.
import { diffSheet } from '../../addin/office/apply-result';
import { toCell } from '../../addin/office/read';
import { emptySheet, setCell, type Cell } from '../../lib/grid';

function sheetOf(cells: Record<string, Cell | undefined>): ReturnType<typeof emptySheet> {
  const s = emptySheet('提言1-ア');
  for (const [ref, cell] of Object.entries(cells)) if (cell) setCell(s, Number(ref.slice(1)) - 1, ref.charCodeAt(0) - 65, cell);
  return s;
}

test('numbers, dates, percents and formulas of the open workbook stay as they are', () => {
  // What Office.js gives for the open workbook: raw values.
  const open = sheetOf({ A1: toCell(1234567), A2: toCell(0.5), A3: toCell(45748), A4: toCell(12), A5: toCell('研修を実施した') });
  // What consolidate's output holds for the same cells: typed, formatted, one formula.
  const output = sheetOf({
    A1: { value: 1234567, text: '1,234,567', type: 'n', format: '#,##0' },
    A2: { value: 0.5, text: '50%', type: 'n', format: '0%' },
    A3: { value: 45748, text: '2025/4/1', type: 'd', format: 'yyyy/m/d' },
    A4: { value: 11, text: '11件', type: 'n', format: '0"件"', formula: 'COUNTIF(E4:E20,"継続")' },
    A5: { value: '研修を実施した', text: '研修を実施した', type: 's' },
  });
  expect(diffSheet(open, output)).toEqual([]);
});

test('a changed number is written as its digits, changed text as text', () => {
  const open = sheetOf({ A1: toCell(0.5), A2: toCell('前の記載') });
  const output = sheetOf({ A1: { value: 0.75, text: '75%', type: 'n', format: '0%' }, A2: { value: '新しい記載', text: '新しい記載', type: 's' } });
  expect(diffSheet(open, output)).toEqual([
    { sheet: '提言1-ア', cell: 'A1', value: '0.75' },
    { sheet: '提言1-ア', cell: 'A2', value: '新しい記載' },
  ]);
});
