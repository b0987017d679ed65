// The Office.js adapter over an in-memory Excel host that counts context.sync() calls.
import { defaultConfig } from '../../lib/config';
import { parseWorkbook } from '../../lib/report';
import { validateParsed } from '../../lib/validate';
import { applyFixes } from '../../lib/fix';
import { readOpenWorkbook } from '../../addin/office/read';
import { runExcel, setExcelRun } from '../../addin/office/run';
import { CONSOLIDATION_FORMULA, LIST_SHEET, MARK_FORMULA, NOTE_PREFIX, setInputRules, setMarks, setOwnedFills, writeCells } from '../../addin/office/write';
import { planInputRules } from '../../addin/office/input-rules';
import { LiveSession, type LiveState } from '../../addin/office/live';
import { FakeExcel } from './fake-excel';
import { planPublish } from '../../lib/consolidate/publish';
import { applyPublish } from '../../addin/office/publish';
import { officeFill } from '../../addin/office/apply-plan';
import { teigenRows } from './fixtures';

const config = defaultConfig();

function host(opts: ConstructorParameters<typeof FakeExcel>[0] = {}): FakeExcel {
  const fake = new FakeExcel(opts);
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  return fake;
}

function faulty(n: number): FakeExcel {
  const fake = host();
  const rows = teigenRows(n);
  rows[4]![4] = '継 続'; // enum variant, fixable
  rows[6]![5] = '子)子育て支援ぶ'; // unknown department, suggestion
  fake.addSheet('提言1-ア', rows);
  return fake;
}

async function findingsOf(): Promise<ReturnType<typeof validateParsed>> {
  const { workbook } = await readOpenWorkbook();
  return validateParsed(parseWorkbook(workbook, config), config);
}

afterEach(() => setExcelRun(undefined));

describe('reading the open workbook', () => {
  test('a 5,000-row report is read in two syncs and validates clean', async () => {
    const fake = host();
    fake.addSheet('提言1-ア', teigenRows(5000));
    fake.addSheet('メモ', [['関係ない表']]);
    const { workbook } = await readOpenWorkbook();
    expect(fake.syncs).toBe(2);
    expect(workbook.sheets.map((s) => s.name)).toEqual(['提言1-ア', 'メモ']);
    expect(workbook.sheets[0]!.rowCount).toBe(5002);
    const parsed = parseWorkbook(workbook, config);
    expect(parsed.reports[0]!.rows).toHaveLength(5000);
    expect(validateParsed(parsed, config)).toEqual([]);
  });

  test('a response over the payload limit is re-read in row blocks', async () => {
    const fake = host({ responseCellLimit: 12000 });
    fake.addSheet('提言1-ア', teigenRows(5000));
    const { workbook } = await readOpenWorkbook('Excel', { blockCells: 20000 });
    // Refused: the whole sheet and the first 20k block; then names, dims and 4 blocks of ≤10k cells.
    expect(fake.syncs).toBe(2 + 3 + 4);
    expect(workbook.sheets[0]!.rowCount).toBe(5002);
    expect(workbook.sheets[0]!.rows.get(5001)!.get(5)!.text).toBe(teigenRows(5000)[5001]![5]);
  });

  test('merges come from ExcelApi 1.13 and are skipped below it', async () => {
    for (const api of [13, 9]) {
      const fake = host({ api });
      const s = fake.addSheet('提言1-ア', teigenRows(3));
      s.merges.push({ r0: 2, c0: 5, r1: 4, c1: 5 });
      const { workbook } = await readOpenWorkbook();
      expect(workbook.sheets[0]!.merges).toEqual(api >= 13 ? [{ s: { r: 2, c: 5 }, e: { r: 4, c: 5 } }] : []);
    }
  });

  test('faults are found at their cells', async () => {
    faulty(10);
    const table = (await findingsOf()).map((f) => [f.sheet, f.cell, f.rule]);
    expect(table).toEqual([
      ['提言1-ア', 'E5', 'enum'],
      ['提言1-ア', 'F7', 'department'],
    ]);
  });
});

describe('writing', () => {
  test('5,000 fixes take one sync; a small request limit splits them, each part fitting', async () => {
    const fake = host();
    fake.addSheet('提言1-ア', teigenRows(5000));
    const fixes = Array.from({ length: 5000 }, (_, i) => ({ sheet: '提言1-ア', cell: `E${i + 3}`, value: '継続' }));
    const r = await writeCells(fixes);
    expect(r.syncs).toBe(1);
    expect(fake.get('提言1-ア', 'E5002')).toBe('継続');

    // A request budget under the host's limit splits the write; every part is accepted.
    const small = host({ requestByteLimit: 300_000 });
    small.addSheet('提言1-ア', teigenRows(10));
    const long = fixes.map((f, i) => ({ ...f, cell: `A${i + 3}`, value: '長い文章'.repeat(40) + i }));
    const sw = await writeCells(long, { requestBytes: 250_000 });
    expect(sw.syncs).toBeGreaterThanOrEqual(8);
    expect(small.get('提言1-ア', 'A5002')).toBe('長い文章'.repeat(40) + 4999);
    await expect(writeCells(long, { requestBytes: 10_000_000 })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    // …while the real budget keeps every request of a huge write under 5 MB.
    const big = host({ requestByteLimit: 5_000_000 });
    big.addSheet('提言1-ア', teigenRows(10));
    const huge = Array.from({ length: 12000 }, (_, i) => ({ sheet: '提言1-ア', cell: `A${i + 3}`, value: '支援'.repeat(150) + i }));
    const hw = await writeCells(huge);
    expect(hw.syncs).toBeGreaterThan(1);
    expect(hw.syncs).toBeLessThanOrEqual(12);
    expect(big.get('提言1-ア', 'A12002')).toBe('支援'.repeat(150) + 11999);
  });

  test('text starting with = stays text', async () => {
    const fake = host();
    fake.addSheet('S', [['x']]);
    await writeCells([{ sheet: 'S', cell: 'B2', value: '=SUM(A1:A3)' }, { sheet: 'S', cell: 'B3', value: "'quoted" }]);
    expect(fake.get('S', 'B2')).toBe('=SUM(A1:A3)');
    expect(fake.get('S', 'B3')).toBe("'quoted");
    expect(fake.sheet('S').formulas.size).toBe(0);
  });

  test('a write made while a cell is in edit mode is retried, not lost', async () => {
    const fake = host();
    fake.addSheet('S', [['x']]);
    fake.editModeFailures = 2;
    let waits = 0;
    await writeCells([{ sheet: 'S', cell: 'A2', value: '継続' }], { sleep: async () => undefined, onWaitForEdit: () => waits++ });
    expect(waits).toBe(2);
    expect(fake.runs).toBe(3);
    expect(fake.get('S', 'A2')).toBe('継続');
  });
});

describe('marks', () => {
  test('marking and clearing take four syncs whatever the number of findings, and keep the user’s formats and notes', async () => {
    const fake = faulty(5000);
    const s = fake.sheet('提言1-ア');
    s.formats.push({ id: 'user', type: 'Custom', formula: '=A1>0', color: '#00FF00', address: 'A1:A9' });
    s.formats.push({ id: 'user2', type: 'DataBar', formula: '', color: '', address: 'B1:B9' });
    s.notes.set('E5', '利用者のメモ');
    // Many findings: every 取組区分 cell made a variant.
    for (let r = 3; r < 5003; r++) s.cells.set(`${r - 1},4`, '継 続');
    const findings = await findingsOf();
    expect(findings.length).toBeGreaterThan(5000);
    fake.syncs = 0;
    await setMarks(findings);
    expect(fake.syncs).toBe(4);
    const ours = s.formats.filter((f) => f.formula === MARK_FORMULA);
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.flatMap((f) => f.address.split(','))).toHaveLength(new Set(findings.map((f) => f.cell)).size);
    expect(s.notes.get('E5')).toBe('利用者のメモ');
    expect(s.notes.get('F7')).toMatch(new RegExp(`^${NOTE_PREFIX}`));
    expect(s.notes.get('F7')).toContain('部署マスタにありません');

    fake.syncs = 0;
    await setMarks(findings);
    expect(fake.syncs).toBe(4);
    expect(s.formats.filter((f) => f.formula === MARK_FORMULA)).toHaveLength(ours.length);

    await setMarks(null);
    expect(s.formats.map((f) => f.id)).toEqual(['user', 'user2']);
    expect([...s.notes]).toEqual([['E5', '利用者のメモ']]);
  });

  test('without notes (ExcelApi 1.9) marks are conditional formats only', async () => {
    const fake = host({ api: 9 });
    const rows = teigenRows(4);
    rows[3]![4] = '継 続';
    fake.addSheet('提言1-ア', rows);
    await setMarks(await findingsOf());
    expect(fake.sheet('提言1-ア').formats.map((f) => [f.address, f.color])).toEqual([['E4', '#FFEB9C']].map(([a]) => [a, expect.any(String)]));
  });
});

describe('input rules', () => {
  test('lists go on a hidden sheet and the columns get list validation', async () => {
    const fake = host();
    fake.addSheet('提言1-ア', teigenRows(20));
    const { workbook } = await readOpenWorkbook();
    const plan = planInputRules(parseWorkbook(workbook, config), config);
    fake.syncs = 0;
    await setInputRules(plan.lists, plan.rules, { error: 'e', message: 'm' });
    expect(fake.syncs).toBe(2);
    const ls = fake.sheet(LIST_SHEET);
    expect(ls.visibility).toBe('Hidden');
    expect(ls.cells.get('0,0')).toBe('新規');
    const v = fake.sheet('提言1-ア').validations.map((x) => [x.address, x.rule.list.source, x.errorAlert.style]);
    expect(v).toEqual([
      ['E3:E122', `='${LIST_SHEET}'!$A$1:$A$3`, 'Stop'],
      ['F3:F122', expect.stringMatching(new RegExp(`^='${LIST_SHEET}'!\\$C\\$1:\\$C\\$\\d+$`)), 'Warning'],
    ]);
    const deptCount = Number(/\$(\d+)$/.exec(v[1]![1] as string)![1]);
    expect(ls.cells.get(`${deptCount - 1},2`)).toBeTruthy();
    // Running it twice replaces, not duplicates.
    await setInputRules(plan.lists, plan.rules, { error: 'e', message: 'm' });
    expect(fake.sheet('提言1-ア').validations).toHaveLength(2);
    expect(fake.sheets.filter((s) => s.name === LIST_SHEET)).toHaveLength(1);
  });
});

describe('live validation', () => {
  function session(fake: FakeExcel): { live: LiveSession; states: LiveState[] } {
    const states: LiveState[] = [];
    const live = new LiveSession(config, (s) => states.push(s), { debounceMs: 20 });
    void fake;
    return { live, states };
  }

  test('an edit re-reads only its rows; fixing writes the value and ignores the echo', async () => {
    const fake = faulty(5000);
    const { live } = session(fake);
    await live.start();
    expect(live.state.findings.map((f) => f.cell)).toEqual(['E5', 'F7']);

    // The user corrects the department: one run re-reads one row, then re-marks.
    fake.syncs = 0;
    const runs = fake.runs;
    fake.userEdit('提言1-ア', 'F7', '子)子育て支援部');
    await new Promise((r) => setTimeout(r, 60));
    await live.flush();
    expect(live.state.findings.map((f) => f.cell)).toEqual(['E5']);
    expect(fake.runs - runs).toBe(2);
    expect(fake.syncs).toBe(1 + 4);

    // Applying the fix of E5 writes 継続; the change event it raises is ignored.
    const plan = applyFixes(live.state.findings);
    const before = fake.runs;
    await live.applyFixes(plan.apply);
    expect(fake.get('提言1-ア', 'E5')).toBe('継続');
    expect(live.state.findings).toEqual([]);
    await fake.settled();
    expect(fake.runs - before).toBe(2); // write + marks, no re-read
  });

  test('without triggerSource (before ExcelApi 1.14) our own writes are still recognised', async () => {
    const fake = host({ api: 13 });
    const rows = teigenRows(6);
    rows[4]![4] = '継 続';
    fake.addSheet('提言1-ア', rows);
    const { live } = session(fake);
    await live.start();
    await live.applyFixes(applyFixes(live.state.findings).apply);
    const runs = fake.runs;
    expect(fake.events.at(-1)!.triggerSource).toBeUndefined();
    expect(live.isOwn(fake.events.at(-1)!, '提言1-ア')).toBe(true);
    const writes = fake.writes;
    await fake.settled();
    expect([fake.runs, fake.writes]).toEqual([runs, writes]);
    // A real edit of another cell is not ours.
    expect(live.isOwn({ worksheetId: 'x', address: 'F5' }, '提言1-ア')).toBe(false);
    // Nor is the user's edit of the fixed cell once its echo came: the finding is back.
    fake.userEdit('提言1-ア', 'E5', '継 続');
    await fake.settled();
    expect(live.state.findings.map((f) => f.cell)).toEqual(['E5']);
  });

  test.each([13, 18])('an echo that finds the cells as cached writes nothing more (ExcelApi 1.%i)', async (api) => {
    const fake = host({ api });
    fake.addSheet('提言1-ア', teigenRows(6));
    const states: LiveState[] = [];
    const live = new LiveSession(config, (s) => states.push(s), { debounceMs: 5, retryDelays: [] });
    await live.start();
    // The value a cell already holds, written again by someone's macro or by us: no marks, no state.
    const [writes, seen] = [fake.writes, states.length];
    await runExcel(async (ctx) => {
      ctx.workbook.worksheets.getItem('提言1-ア').getRange('E3').values = [[fake.get('提言1-ア', 'E3')]];
      await ctx.sync();
    });
    const echo = fake.events.at(-1)!;
    await live.onChanged({ ...echo, triggerSource: undefined });
    await fake.settled();
    expect([fake.writes - writes, states.length - seen]).toEqual([1, 0]);
    // After a failed re-read, the next event clears the error even when nothing changed.
    fake.editModeFailures = 100;
    await live.onChanged({ worksheetId: fake.sheet('提言1-ア').id, address: 'E3', changeType: 'RangeEdited' });
    expect(live.state.error).toBeDefined();
    fake.editModeFailures = 0;
    await live.onChanged({ worksheetId: fake.sheet('提言1-ア').id, address: 'E3', changeType: 'RangeEdited' });
    expect(live.state.error).toBeUndefined();
  });
});

describe('writing a consolidation plan into the open master', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- lazy: only this block needs it
  const { applyPlan } = require('../../addin/office/apply-plan') as typeof import('../../addin/office/apply-plan');
  const summary = [['集約結果'], ['部署', '状況'], ['子) 子育て支援部', '提出']];
  const sheetOf = (name: string, replace: boolean): import('../../lib/plan').PlanSheet => ({ name, xml: '', state: 'visible', replace });

  test.each([13, 12])('added rows are inserted, planned cells written, new sheets added (ExcelApi 1.%i)', async (api) => {
    const fake = host({ api });
    const master = teigenRows(4);
    fake.addSheet('提言1-ア', master);
    // Row 4 filled, a row added after row 5 (sheet row 6), and a summary sheet.
    const added = ['○追加された取組', '追加行の状況', '', '', '新規', '子)子育て支援部'];
    const plan: import('../../lib/plan').ConsolidationPlan = {
      inserts: [{ sheet: '提言1-ア', after: 4, count: 1 }],
      cells: [
        { sheet: '提言1-ア', r: 3, c: 1, role: 'answer', value: { kind: 'text', text: '記入された取組状況' } },
        ...added.map((text, c) => ({ sheet: '提言1-ア', r: 5, c, role: 'added' as const, mark: 'added' as const, ...(text ? { value: { kind: 'text' as const, text } } : {}) })),
      ],
      columns: [], heights: [], printAreas: [], sheets: [sheetOf('集約結果', false)],
    };
    // Without insertWorksheetsFromBase64 (below 1.13) our sheets' values come from the result file.
    const XLSX = require('xlsx') as typeof import('xlsx'); // eslint-disable-line @typescript-eslint/no-require-imports -- lazy
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(summary), '集約結果');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: summary }));
    fake.syncs = 0;
    const rep = await applyPlan(plan, bytes);
    // One filled cell plus the four non-empty cells of the added row.
    expect(rep).toEqual({ cells: 1 + 4, insertedRows: 1, newSheets: ['集約結果'] });
    // sheets (2), insert, write, new sheet (1, or 2: add + values)
    expect(fake.syncs).toBe(api >= 13 ? 2 + 1 + 1 + 1 : 2 + 1 + 1 + 2);
    const got = (sheet: string): string[][] => {
      const s = fake.sheet(sheet);
      const rows: string[][] = [];
      for (const [k, v] of s.cells) {
        const [r, c] = k.split(',').map(Number) as [number, number];
        (rows[r] ??= [])[c] = String(v);
      }
      return rows.map((r) => Array.from(r ?? [], (x) => x ?? ''));
    };
    expect(got('提言1-ア')[3]![1]).toBe('記入された取組状況');
    expect(got('提言1-ア')[5]).toEqual(added);
    expect(got('提言1-ア')[6]![0]).toBe(master[5]![0]);
    expect(got('集約結果')).toEqual(summary);
  });

  test.each([13, 12])('our sheets from an earlier run are replaced whole, the very hidden record too (ExcelApi 1.%i)', async (api) => {
    const fake = host({ api });
    fake.addSheet('提言1-ア', teigenRows(4));
    // The earlier run's summary, longer than the new one and coloured by the user.
    const old = fake.addSheet('集約結果', [['集約結果'], ['部署', '状況'], ['子) 子育て支援部', '未提出'], ['区) 保健福祉部', '未提出']]);
    old.formats.push({ id: 'f1', type: 'Custom', formula: '=TRUE', address: 'A3:B4' } as never);
    const record = fake.addSheet('_shinchoku_集約', [['古い記録']]);
    record.visibility = 'VeryHidden';
    const plan: import('../../lib/plan').ConsolidationPlan = {
      inserts: [], cells: [], columns: [], heights: [], printAreas: [],
      sheets: [sheetOf('集約結果', true), { ...sheetOf('_shinchoku_集約', true), state: 'veryHidden' }],
    };
    const XLSX = require('xlsx') as typeof import('xlsx'); // eslint-disable-line @typescript-eslint/no-require-imports -- lazy
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(summary), '集約結果');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['新しい記録']]), '_shinchoku_集約');
    fake.onInsertWorksheets = (_b64, names) => names.map((n) => ({ name: n, rows: n === '集約結果' ? summary : [['新しい記録']] }));
    const rep = await applyPlan(plan, new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
    expect(rep.newSheets).toEqual(['集約結果', '_shinchoku_集約']);
    expect(fake.sheets.filter((s) => s.name === '集約結果')).toHaveLength(1);
    const now = fake.sheet('集約結果');
    expect(now).not.toBe(old);
    expect(now.formats).toEqual([]);
    expect([...now.cells.entries()].sort()).toEqual([['0,0', '集約結果'], ['1,0', '部署'], ['1,1', '状況'], ['2,0', '子) 子育て支援部'], ['2,1', '提出']]);
    expect([fake.sheet('_shinchoku_集約').visibility, [...fake.sheet('_shinchoku_集約').cells.values()]]).toEqual(['VeryHidden', ['新しい記録']]);
  });
});

test('a paste too large to re-read as one range falls back to the chunked full read', async () => {
  // 10k cells per response: the 18k-cell re-read of the pasted rows is refused.
  const fake = host({ responseCellLimit: 10000 });
  fake.addSheet('提言1-ア', teigenRows(3000));
  const live = new LiveSession(config, () => undefined, { debounceMs: 5, blockCells: 8000 });
  await live.start();
  // The user pastes 継 続 over every 取組区分 cell at once.
  const s = fake.sheet('提言1-ア');
  for (let r = 2; r < 3002; r++) s.cells.set(`${r},4`, '継 続');
  const done = live.onChanged({ worksheetId: s.id, address: 'A3:F3002', changeType: 'RangeEdited', triggerSource: 'Unknown' });
  await done;
  await live.flush();
  expect(live.state.error).toBeUndefined();
  expect(live.state.findings.filter((f) => f.rule === 'enum')).toHaveLength(3000);
});

test('集約 fills are owned conditional formats: replaced, removed, and never touch validation marks', async () => {
  const fake = faulty(10);
  await setMarks(await findingsOf());
  const s = fake.sheet('提言1-ア');
  const validation = s.formats.map((f) => f.id);
  fake.syncs = 0;
  await setOwnedFills(CONSOLIDATION_FORMULA, [
    { sheet: '提言1-ア', cell: 'B3', color: '#F8CBAD' },
    { sheet: '提言1-ア', cell: 'B4', color: '#F8CBAD' },
    { sheet: '提言1-ア', cell: 'B9', color: '#FFF2CC' },
    { sheet: 'なし', cell: 'A1', color: '#FFF2CC' },
  ]);
  expect(fake.syncs).toBe(4);
  const ours = (): [string, string][] => s.formats.filter((f) => f.formula === CONSOLIDATION_FORMULA).map((f) => [f.address, f.color]);
  expect(ours()).toEqual([['B3,B4', '#F8CBAD'], ['B9', '#FFF2CC']]);
  await setOwnedFills(CONSOLIDATION_FORMULA, [{ sheet: '提言1-ア', cell: 'C3', color: '#E2EFDA' }]);
  expect(ours()).toEqual([['C3', '#E2EFDA']]);
  await setOwnedFills(CONSOLIDATION_FORMULA, null);
  expect(ours()).toEqual([]);
  expect(s.formats.map((f) => f.id)).toEqual(validation);
});

test('a later 集約 of the round keeps the earlier colours it is told to, where Excel moved them', async () => {
  const fake = faulty(10);
  const s = fake.sheet('提言1-ア');
  await setOwnedFills(CONSOLIDATION_FORMULA, [
    { sheet: '提言1-ア', cell: 'B3', color: '#F8CBAD' },
    { sheet: '提言1-ア', cell: 'B9', color: '#FFF2CC' },
  ]);
  // The later run inserts a row a section added above the earlier conflict.
  await runExcel(async (ctx) => {
    ctx.workbook.worksheets.getItem('提言1-ア').getRange('2:2').insert(Excel.InsertShiftDirection.down);
    await ctx.sync();
  });
  await setOwnedFills(CONSOLIDATION_FORMULA, [{ sheet: '提言1-ア', cell: 'C2', color: '#E2EFDA' }], {}, ['#f8cbad']);
  const ours = s.formats.filter((f) => f.formula === CONSOLIDATION_FORMULA).map((f) => [f.address, f.color]);
  // The conflict colour stays on its moved cell; the unfilled one is recomputed (gone here).
  expect(ours).toEqual([['B4', '#F8CBAD'], ['C2', '#E2EFDA']]);
});

describe('公開用に整える in the open workbook', () => {
  test('our sheets deleted (the very hidden record too), 集約メモ emptied and hidden, recorded colours given back', async () => {
    const fake = host();
    const rows = teigenRows(3);
    rows[1]![6] = '集約メモ';
    rows[2]![6] = '未提出: 区) 保健福祉部';
    const s = fake.addSheet('提言1-ア', rows);
    fake.addSheet('集約結果', [['集約結果（master.xlsx）']]);
    const none = '<fill><patternFill patternType="none"/></fill>';
    const red = '<fill><patternFill patternType="solid"><fgColor rgb="FFFF0000"/></patternFill></fill>';
    fake.addSheet('_shinchoku_集約', [
      ['記録'],
      ['summary-sheet', '集約結果'],
      ['unfilled-mark', '提言1-ア', 'B3', none],
      ['unfilled-mark', '提言1-ア', 'C3', red],
      ['history-mark', '提言1-ア', 'B4', none],
      ['unfilled-mark', '提言1-ア', 'D3', none],
    ]).visibility = 'VeryHidden';
    s.fills.set('2,1', '#FFF2CC');
    s.fills.set('2,2', '#FFF2CC');
    s.fills.set('3,1', '#F8CBAD');
    // The secretariat recoloured D3 since: theirs now.
    s.fills.set('2,3', '#00B050');
    rows[3]![1] = '【競合】\n［子) 子育て支援部］\nA\n［区) 保健福祉部］\nB';
    fake.sheet('提言1-ア').cells.set('3,1', rows[3]![1]!);
    const { workbook } = await readOpenWorkbook();
    const plan = planPublish(workbook, config);
    expect(plan.conflictsLeft).toEqual([{ sheet: '提言1-ア', cell: 'B4' }]);
    fake.syncs = 0;
    const res = await applyPublish(plan);
    expect([res.fillsRestored, fake.syncs]).toEqual([3, 2]);
    expect(fake.sheets.map((x) => x.name)).toEqual(['提言1-ア']);
    expect([...s.fills]).toEqual([['2,2', '#FF0000'], ['2,3', '#00B050']]);
    expect([...s.cells.keys()].filter((k) => k.endsWith(',6'))).toEqual([]);
    expect([...s.hiddenCols]).toEqual([6]);
  });

  test('the 前回 column `next` added is hidden, as the CLI\'s publish hides it (ExcelApi 1.4 and later)', async () => {
    const fake = host();
    const rows = teigenRows(3);
    // The header row is the fixtures' shared array: this sheet's own copy.
    rows[1] = [...rows[1]!];
    rows[1]![6] = '前回の予定\n（令和7年度下半期の取組内容）';
    rows[1]![7] = '集約メモ';
    rows[2]![6] = '・前期に予定したこと';
    const s = fake.addSheet('提言1-ア', rows);
    s.names.set('_shinchoku_previous', "='提言1-ア'!$G:$G");
    // Another report sheet without the name keeps its columns.
    const other = teigenRows(2);
    other[1] = other[1]!.slice(0, 6);
    fake.addSheet('提言1-イ', other);
    const { workbook } = await readOpenWorkbook();
    await applyPublish(planPublish(workbook, config));
    expect([...s.hiddenCols].sort()).toEqual([6, 7]);
    expect(s.cells.get('2,6')).toBe('・前期に予定したこと');
    expect([...fake.sheet('提言1-イ').hiddenCols]).toEqual([]);
  });

  test('a recorded fill Office.js cannot set (a pattern, a theme colour) is left', () => {
    expect(officeFill('<fill><patternFill/></fill>')).toBeNull();
    expect(officeFill('<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill>')).toBe('#DDEBF7');
    expect(officeFill('<fill><patternFill patternType="solid"><fgColor theme="4" tint="0.79"/></patternFill></fill>')).toBeUndefined();
    expect(officeFill('<fill><patternFill patternType="gray125"/></fill>')).toBeUndefined();
  });
});
