// Marks and the clerk's undo: below ExcelApi 1.20 any add-in write empties Excel's undo stack,
// so there the pane writes no marks unless asked (one sentence says why); from 1.20 marks are
// on. An edit that changes no finding writes nothing at any level. The in-memory host models
// the undo stack and refuses APIs above its requirement-set level.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../lib/config';
import { split } from '../../lib/consolidate/split';
import { addin as t } from '../../lib/locale/ja/addin';
import { readWorkbook } from '../../lib/read/workbook';
import { OfficeApp, protectedNotice } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { FakeExcel } from './fake-excel';
import { teigenRows } from './fixtures';
import type { MiniElement } from './mini-dom';
import { paneHarness } from './pane-harness';
import { protectionOf } from './xlsx-protection';

const config = defaultConfig();
const SHEET = '提言1-ア';
const harness = paneHarness();

async function pane(api: number, sheets: { name: string; rows: (string | number | boolean | null)[][]; protected?: boolean; unlocked?: string[] }[]): Promise<{ fake: FakeExcel; app: OfficeApp; shell: Shell }> {
  const fake = harness.use(new FakeExcel({ api }));
  for (const s of sheets) {
    const x = fake.addSheet(s.name, s.rows);
    x.protected = !!s.protected;
    x.unlocked = new Set(s.unlocked ?? []);
  }
  const shell = new Shell(document.createElement('div'), 'excel', 'validate');
  const app = new OfficeApp(config, shell);
  await app.start();
  await fake.settled();
  return { fake, app, shell };
}

const view = (shell: Shell): MiniElement => shell.view('validate') as unknown as MiniElement;
const ourFormats = (fake: FakeExcel): string[] => fake.sheet(SHEET).formats.filter((f) => f.formula === '=LEN("shinchoku")>0').flatMap((f) => f.address.split(',')).sort();

function findingRows(): (string | number | null)[][] {
  const rows = teigenRows(8);
  rows[4]![4] = '継 続';
  rows[6]![5] = '子)子育て支援ぶ';
  return rows;
}

describe('the in-memory host', () => {
  test('below ExcelApi 1.20 an add-in write empties the undo stack; from 1.20 it joins it', async () => {
    for (const [api, after] of [[17, { undo: [], clears: 1 }], [20, { undo: ['user', 'addin'], clears: 0 }]] as const) {
      const fake = new FakeExcel({ api });
      fake.addSheet(SHEET, teigenRows(2));
      fake.userEdit(SHEET, 'B3', '・書き直した');
      expect(fake.undo).toEqual(['user']);
      await fake.run(async (ctx: Excel.RequestContext) => {
        ctx.workbook.worksheets.getItem(SHEET).getRange('C3').values = [['x']];
        await ctx.sync();
      });
      expect({ undo: fake.undo, clears: fake.undoClears }).toEqual(after);
      await fake.settled();
    }
  });

  test('APIs above the host’s level throw ApiNotFound and are not recorded as used', async () => {
    const calls: [number, string, (ctx: Excel.RequestContext) => unknown][] = [
      [18, 'notes', (ctx) => ctx.workbook.worksheets.getItem(SHEET).notes],
      [13, 'merged areas', (ctx) => ctx.workbook.worksheets.getItem(SHEET).getRange('A1:B2').getMergedAreasOrNullObject()],
      [13, 'insertWorksheetsFromBase64', (ctx) => ctx.workbook.insertWorksheetsFromBase64('')],
      [9, 'getRanges', (ctx) => ctx.workbook.worksheets.getItem(SHEET).getRanges('A1,B2')],
      [9, 'onChanged', (ctx) => ctx.workbook.worksheets.onChanged],
      [8, 'dataValidation', (ctx) => ctx.workbook.worksheets.getItem(SHEET).getRange('A1').dataValidation],
    ];
    for (const [level, what, call] of calls) {
      const below = new FakeExcel({ api: level - 1 });
      below.addSheet(SHEET, teigenRows(1));
      await expect(below.run(async (ctx: Excel.RequestContext) => call(ctx)).then(() => 'ok', (e: { code?: string }) => e.code)).resolves.toBe('ApiNotFound');
      expect([what, below.apiUsed]).toEqual([what, 0]);
      const at = new FakeExcel({ api: level });
      at.addSheet(SHEET, teigenRows(1));
      await at.run(async (ctx: Excel.RequestContext) => call(ctx));
      expect([what, at.apiUsed]).toEqual([what, level]);
    }
  });
});

describe.each([9, 14, 17])('ExcelApi 1.%i (no undo kept over add-in writes)', (api) => {
  test('marks are off by default, said in one sentence; findings listed, a click selects', async () => {
    const { fake, app, shell } = await pane(api, [{ name: SHEET, rows: findingRows() }]);
    expect(app.live.state.findings.map((f) => f.cell)).toEqual(['E5', 'F7']);
    expect(fake.writes).toBe(0);
    expect(ourFormats(fake)).toEqual([]);
    expect(view(shell).find('data-testid', 'marks')!.getAttribute('checked')).toBeNull();
    expect(view(shell).find('data-testid', 'marks-why')!.textContent).toBe(t.marksOffUndo);
    await app.live.select(app.live.state.findings[1]!);
    expect(fake.selection).toEqual({ sheet: SHEET, address: 'F7' });
    // The clerk's typing stays undoable: an edit that changes no finding, one that removes one.
    fake.userEdit(SHEET, 'B3', '・研修を 6 回実施した。');
    fake.userEdit(SHEET, 'F7', '子)子育て支援部');
    await fake.settled();
    expect(app.live.state.findings.map((f) => f.cell)).toEqual(['E5']);
    expect({ writes: fake.writes, undo: fake.undo, clears: fake.undoClears }).toEqual({ writes: 0, undo: ['user', 'user'], clears: 0 });
    expect(fake.apiUsed).toBeLessThanOrEqual(api);
  });

  test('switched on, marks are written, the sentence says what they cost, and the host loses undo', async () => {
    const { fake, app, shell } = await pane(api, [{ name: SHEET, rows: findingRows() }]);
    const box = view(shell).find('data-testid', 'marks')!;
    box.checked = true;
    box.listeners.get('change')![0]!({ target: box });
    // flush() queues behind the marking the click started.
    await app.live.flush();
    expect(ourFormats(fake)).toEqual(['E5', 'F7']);
    expect(view(shell).find('data-testid', 'marks-why')!.textContent).toBe(t.marksOnUndo);
    fake.userEdit(SHEET, 'F7', '子)子育て支援部');
    await fake.settled();
    expect(ourFormats(fake)).toEqual(['E5']);
    // Re-marking after the clerk's edit took their Ctrl+Z: what the default avoids.
    expect(fake.undoClears).toBe(1);
    expect(fake.apiUsed).toBeLessThanOrEqual(api);
  });
});

test('ExcelApi 1.20: marks on by default, no sentence; an edit that changes no finding writes nothing', async () => {
  const { fake, app, shell } = await pane(20, [{ name: SHEET, rows: findingRows() }]);
  expect(ourFormats(fake)).toEqual(['E5', 'F7']);
  expect([...fake.sheet(SHEET).notes.keys()].sort()).toEqual(['E5', 'F7']);
  expect(view(shell).find('data-testid', 'marks')!.getAttribute('checked')).toBe('');
  expect(view(shell).find('data-testid', 'marks-why')).toBeNull();
  const writes = fake.writes;
  fake.userEdit(SHEET, 'B3', '・研修を 6 回実施した。');
  fake.userEdit(SHEET, 'C4', '');
  await fake.settled();
  expect(app.live.state.findings.map((f) => f.cell)).toEqual(['E5', 'F7']);
  expect(fake.writes - writes).toBe(0);
  expect(fake.undo.slice(-2)).toEqual(['user', 'user']);
});

test('a workbook protected throughout: the marks switch is off and disabled, with the reason', async () => {
  const master = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));
  const section = split(master, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const prot = protectionOf(section.bytes);
  const spec = workbookSpec(readWorkbook(section.bytes, section.name)).map((s) => ({ ...s, protected: true, unlocked: prot.get(s.name)?.unlocked ?? [] }));
  spec.find((s) => s.name === SHEET)!.rows[14]![4] = '継 続';
  const { fake, app, shell } = await pane(20, spec);
  expect(app.live.state.findings.map((f) => f.cell)).toContain('E15');
  const box = view(shell).find('data-testid', 'marks')!;
  expect([box.getAttribute('disabled'), box.getAttribute('checked')]).toEqual(['', null]);
  // One notice says why: the protection one, not a second about marks.
  expect(view(shell).find('data-testid', 'marks-why')).toBeNull();
  expect(view(shell).find('data-testid', 'protected')!.textContent).toBe(protectedNotice(app.live.protectedSheets));
  expect(fake.writes).toBe(0);
});
