// The adapter against Microsoft's office-addin-mock, as a second, independent double. The mock
// cannot load collection paths such as "items/name", so reading the workbook is covered by the
// in-memory host (adapter.test.ts); here: selecting a cell and writing values.
import { OfficeMockObject } from 'office-addin-mock';
import { setExcelRun } from '../../addin/office/run';
import { selectCell, writeCells } from '../../addin/office/write';

interface Call {
  op: string;
  args: unknown[];
}

function excelMock(): { mock: OfficeMockObject; calls: Call[]; written: Record<string, unknown[][]>; syncs: () => number } {
  const calls: Call[] = [];
  const written: Record<string, unknown[][]> = {};
  let syncs = 0;
  const range = (sheet: string, addr: string): Record<string, unknown> => ({
    select: () => calls.push({ op: 'select', args: [sheet, addr] }),
    set values(v: unknown[][]) {
      written[`${sheet}!${addr}`] = v;
    },
  });
  const sheet = (name: string): Record<string, unknown> => ({
    activate: () => calls.push({ op: 'activate', args: [name] }),
    getRange: (addr: string) => range(name, addr),
    getRangeByIndexes: (r: number, c: number, rows: number, cols: number) => range(name, `R${r}C${c}x${rows}x${cols}`),
  });
  const data = {
    context: {
      workbook: { worksheets: { getItem: (n: string) => sheet(n) } },
      sync: async () => {
        syncs++;
      },
    },
  };
  const mock = new OfficeMockObject(data);
  return { mock, calls, written, syncs: () => syncs };
}

afterEach(() => setExcelRun(undefined));

test('selecting a finding’s cell activates its sheet and selects the cell in one sync', async () => {
  const { mock, calls, syncs } = excelMock();
  setExcelRun((_o, batch) => batch((mock as unknown as { context: Excel.RequestContext }).context));
  await selectCell('提言1-ア', 'E15');
  expect(calls).toEqual([
    { op: 'activate', args: ['提言1-ア'] },
    { op: 'select', args: ['提言1-ア', 'E15'] },
  ]);
  expect(syncs()).toBe(1);
});

test('adjacent cells are one range write; text starting with = is kept as text', async () => {
  const { mock, written, syncs } = excelMock();
  setExcelRun((_o, batch) => batch((mock as unknown as { context: Excel.RequestContext }).context));
  await writeCells([
    { sheet: 'S', cell: 'B2', value: '継続' },
    { sheet: 'S', cell: 'C2', value: '=1+1' },
    { sheet: 'S', cell: 'B5', value: '子)子育て支援部' },
  ]);
  expect(written).toEqual({
    'S!R1C1x1x2': [['継続', "'=1+1"]],
    'S!R4C1x1x1': [['子)子育て支援部']],
  });
  expect(syncs()).toBe(1);
});
