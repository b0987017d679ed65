// Text written back must stay the text the clerk sees: Excel turns "(1)" into -1, "1,000" into
// 1000, "１２" into 12 and "TRUE" into a boolean unless the value is marked as text.
import { writeCells } from '../../addin/office/write';
import { setExcelRun } from '../../addin/office/run';
import { FakeExcel } from './fake-excel';

afterEach(() => setExcelRun(undefined));

test('text that Excel would convert is written as that text; plain numbers stay numbers', async () => {
  const fake = new FakeExcel({ api: 18 });
  fake.addSheet('提言1-ア', []);
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  const texts = ['(1)', '（1）', '1,000', '50%', '１２', 'TRUE', '=A1', '-継続', "'quoted", '継続'];
  await writeCells(texts.map((value, i) => ({ sheet: '提言1-ア', cell: `A${i + 1}`, value })));
  expect(texts.map((_, i) => fake.get('提言1-ア', `A${i + 1}`))).toEqual(texts);
  // A plain number is sent without the apostrophe, for Excel to store as a number.
  await writeCells([{ sheet: '提言1-ア', cell: 'B1', value: '12' }]);
  expect(fake.get('提言1-ア', 'B1')).toBe(12);
  expect(fake.sheet('提言1-ア').cells.size).toBe(texts.length + 1);
});
