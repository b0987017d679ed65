// A section workbook from split, as Excel holds it: protected sheets, only answer cells
// unlocked. Excel refuses writes to locked cells and any format, note or validation on such a
// sheet; the pane must find, select and fix where it may, and never try where it may not.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../lib/config';
import { split } from '../../lib/consolidate/split';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { readWorkbook } from '../../lib/read/workbook';
import { OfficeApp, protectedNotice } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { FakeExcel } from './fake-excel';
import type { MiniElement } from './mini-dom';
import { paneHarness, recordStatus } from './pane-harness';
import { protectionOf } from './xlsx-protection';

const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));
const SECTION = split(MASTER, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
const SHEET = '提言1-ア';

/** The section workbook in the in-memory host, with its protection; `edit` changes cells first. */
function sectionHost(api: number, edit: Record<string, string> = {}): FakeExcel {
  const fake = new FakeExcel({ api });
  const prot = protectionOf(SECTION.bytes);
  for (const spec of workbookSpec(readWorkbook(SECTION.bytes, SECTION.name))) {
    const s = fake.addSheet(spec.name, spec.rows);
    s.merges = spec.merges ?? [];
    s.protected = prot.get(spec.name)?.protected ?? false;
    s.unlocked = new Set(prot.get(spec.name)?.unlocked ?? []);
  }
  for (const [cell, v] of Object.entries(edit)) {
    const m = /^([A-Z]+)(\d+)$/.exec(cell)!;
    fake.sheet(SHEET).cells.set(`${Number(m[2]) - 1},${m[1]!.charCodeAt(0) - 65}`, v);
  }
  return harness.use(fake);
}

const harness = paneHarness();

describe('the in-memory host refuses what Excel refuses on a protected sheet', () => {
  test('split protects the report sheets and unlocks only the answer cells', () => {
    const prot = protectionOf(SECTION.bytes).get(SHEET)!;
    expect(prot.protected).toBe(true);
    // Row 15: 取組状況, 自己評価, 下半期の取組内容, 取組区分 (B–E); 取組内容 and 担当部 stay locked.
    expect(prot.unlocked.sort()).toEqual(['14,1', '14,2', '14,3', '14,4']);
  });

  test('locked cells, formats, notes and validation fail with AccessDenied; unlocked cells take values', async () => {
    const fake = sectionHost(18);
    const attempt = (batch: (ctx: Excel.RequestContext) => void): Promise<unknown> =>
      fake.run(async (ctx: Excel.RequestContext) => {
        batch(ctx);
        await ctx.sync();
      }).then(() => 'ok', (e: { code?: string }) => e.code);
    const ws = (ctx: Excel.RequestContext): Excel.Worksheet => ctx.workbook.worksheets.getItem(SHEET);
    await expect(attempt((ctx) => { ws(ctx).getRange('E15').values = [['新規']]; })).resolves.toBe('ok');
    await expect(attempt((ctx) => { ws(ctx).getRange('F15').values = [['x']]; })).resolves.toBe('AccessDenied');
    await expect(attempt((ctx) => { ws(ctx).getRange('E15').format.fill.color = '#FF0000'; })).resolves.toBe('AccessDenied');
    await expect(attempt((ctx) => { ws(ctx).getRange('E15').conditionalFormats.add(Excel.ConditionalFormatType.custom); })).resolves.toBe('AccessDenied');
    await expect(attempt((ctx) => { ws(ctx).notes.add('E15', 'x'); })).resolves.toBe('AccessDenied');
    await expect(attempt((ctx) => { ws(ctx).getRange('E15').dataValidation.rule = { list: { inCellDropDown: true, source: 'a' } }; })).resolves.toBe('AccessDenied');
    const state = await fake.run(async (ctx: Excel.RequestContext) => {
      const p = ws(ctx).protection;
      p.load('protected');
      const a = ws(ctx).getRange('E15').format.protection;
      const b = ws(ctx).getRange('F15').format.protection;
      const mixed = ws(ctx).getRange('E15:F15').format.protection;
      a.load('locked');
      b.load('locked');
      mixed.load('locked');
      await ctx.sync();
      return [p.protected, a.locked, b.locked, mixed.locked];
    });
    expect(state).toEqual([true, false, true, null]);
    // The clerk cannot type there either.
    expect(() => fake.userEdit(SHEET, 'A15', 'x')).toThrow(/protected/);
  });
});

describe.each([14, 18])('ExcelApi 1.%i: the pane on a protected section workbook', (api) => {
  async function open(): Promise<{ fake: FakeExcel; app: OfficeApp; shell: Shell; said: string[] }> {
    // E15 (取組区分, unlocked) and F15 (担当部, locked) each have a certain fix.
    const fake = sectionHost(api, { E15: '継 続', F15: '子)子育支援部' });
    const shell = new Shell(document.createElement('div'), 'excel', 'validate');
    const said = recordStatus(shell);
    const app = new OfficeApp(config, shell);
    await app.start();
    await fake.settled();
    return { fake, app, shell, said };
  }

  test('findings and navigation work; nothing is written; one calm sentence, no error', async () => {
    const { fake, app, shell, said } = await open();
    expect(app.live.state.error).toBeUndefined();
    expect(app.live.state.findings.map((f) => `${f.cell}:${f.fix ? 'fix' : '-'}`)).toEqual(['E15:fix', 'F15:fix']);
    expect(fake.writes).toBe(0);
    expect(fake.sheet(SHEET).formats).toEqual([]);
    expect(said.filter((s) => s.startsWith('error:'))).toEqual([]);
    const root = shell.view('validate') as unknown as MiniElement;
    expect(root.find('data-testid', 'protected')?.textContent).toBe(protectedNotice(app.live.protectedSheets));
    expect(app.live.protectedSheets).toContain(SHEET);
    // Only the unlocked cell is offered a fix.
    expect([...app.live.locked]).toEqual([`${SHEET}!F15`]);
    await app.live.select(app.live.state.findings[1]!);
    expect(fake.selection).toEqual({ sheet: SHEET, address: 'F15' });
  });

  test('fixes go into unlocked cells only; the locked one is never attempted', async () => {
    const { fake, app, said } = await open();
    const runs = fake.runs;
    await app.fix(app.live.state.findings.map((f) => f.fix!));
    expect(fake.get(SHEET, 'E15')).toBe('継続');
    expect(fake.get(SHEET, 'F15')).toBe('子)子育支援部');
    expect(said.at(-1)).toBe(`info:${format(t.fixedSomeLocked, { n: 1, locked: 1 })}`);
    expect(fake.writes).toBe(1);
    await fake.settled();
    // The clerk edits an answer cell: validated again, still nothing written, still no error.
    fake.userEdit(SHEET, 'B15', '・下半期に研修を行った。');
    await fake.settled();
    expect(fake.writes).toBe(1);
    expect(fake.runs).toBeGreaterThan(runs);
    expect(said.filter((s) => s.startsWith('error:'))).toEqual([]);
    expect(app.live.state.error).toBeUndefined();
  });

  test('marks switched on and 入力規則 are not attempted on the protected sheets', async () => {
    const { fake, app, said } = await open();
    await app.live.setMarking(false);
    await app.live.setMarking(true);
    await app.inputRules();
    expect(fake.sheet(SHEET).validations).toEqual([]);
    expect(fake.sheets.some((s) => s.name === '_進捗チェック_リスト')).toBe(false);
    expect(said.at(-1)).toBe(`info:${t.inputRulesNone}`);
    expect(fake.writes).toBe(0);
  });
});
