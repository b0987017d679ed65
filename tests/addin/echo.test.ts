// The change events Excel raises for the pane's own writes ("echoes") arrive late: after the
// operation's sync, often after the operation ended. Below ExcelApi 1.14 they carry no
// triggerSource. They must write nothing and never replace an operation's status message.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { applyFixes } from '../../lib/fix';
import type { Sheet } from '../../lib/grid';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { readWorkbook } from '../../lib/read/workbook';
import { setExcelRun } from '../../addin/office/run';
import { OfficeApp } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { FakeExcel } from './fake-excel';
import { teigenRows } from './fixtures';
import { installMiniDom } from './mini-dom';

const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

function rowsOf(s: Sheet): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [];
  for (const [r, row] of s.rows) for (const [c, cell] of row) (rows[r] ??= [])[c] = typeof cell.value === 'number' || typeof cell.value === 'boolean' ? cell.value : cell.text;
  return Array.from(rows, (r) => r ?? []);
}

interface Pane {
  fake: FakeExcel;
  app: OfficeApp;
  /** Every message the status line was given, in order. */
  said: string[];
}

/** The real pane (OfficeApp, Shell) over the in-memory host at ExcelApi 1.`api`. */
async function openPane(api: number, sheets: { name: string; rows: (string | number | boolean | null)[][] }[], fileBytes: Uint8Array = new Uint8Array()): Promise<Pane> {
  const fake = new FakeExcel({ api });
  for (const s of sheets) fake.addSheet(s.name, s.rows);
  fake.fileBytes = fileBytes;
  // Excel's own reader of insertWorksheetsFromBase64 (1.13), played by SheetJS.
  fake.onInsertWorksheets = (b64, names) => readWorkbook(new Uint8Array(Buffer.from(b64, 'base64')), 'x.xlsx').sheets.filter((s) => names.includes(s.name)).map((s) => ({ name: s.name, rows: rowsOf(s) }));
  fake.install();
  setExcelRun((_o, batch) => fake.run(batch));
  const shell = new Shell(document.createElement('div'), 'excel', 'consolidate');
  const said: string[] = [];
  const status = shell.status.bind(shell);
  shell.status = (text, kind) => {
    said.push(text);
    status(text, kind);
  };
  const app = new OfficeApp(config, shell);
  await app.start();
  await fake.settled();
  return { fake, app, said };
}

/** Waits for the echoes to arrive and be handled; returns what they caused. */
async function afterEchoes(p: Pane, from: { writes: number; said: number; events: number }): Promise<{ writes: number; said: string[] }> {
  await p.fake.settled();
  return { writes: p.fake.writes - from.writes, said: p.said.slice(from.said) };
}

const mark = (p: Pane): { writes: number; said: number; events: number } => ({ writes: p.fake.writes, said: p.said.length, events: p.fake.events.length });

let removeDom: () => void;
beforeAll(() => {
  removeDom = installMiniDom();
});
afterAll(() => removeDom());
afterEach(() => setExcelRun(undefined));

describe.each([12, 13, 14, 18])('ExcelApi 1.%i', (api) => {
  test('集約, 集約の色を消す and 公開用に整える: their echoes write nothing and leave their message', async () => {
    const parts = split(MASTER, config).files;
    const early = parts.find((f) => f.name === '子)子育て支援部.xlsx')!;
    const late = parts.find((f) => f.name === '区)保健福祉部.xlsx')!;
    const first = consolidate(MASTER, [{ name: early.name, bytes: early.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
    const grid = readWorkbook(first.bytes, 'master.xlsx');
    const p = await openPane(api, grid.sheets.map((s) => ({ name: s.name, rows: rowsOf(s) })), first.bytes);

    // 集約 of the late department: rows inserted and cells written, so echoes follow.
    p.app.sources = [{ name: late.name, bytes: late.bytes }];
    const before = mark(p);
    await p.app.runConsolidate(false);
    const message = p.said.at(-1)!;
    expect(message).toMatch(/^1 件を集約し、\d+ セルを書き込みました/);
    const echoes = p.fake.events.slice(before.events);
    expect(echoes.length).toBeGreaterThan(0);
    expect(echoes.map((e: { triggerSource?: string }) => e.triggerSource ?? 'none')).toEqual(echoes.map(() => (api >= 14 ? 'ThisLocalAddin' : 'none')));
    // The user clicks 集約の色を消す at once, while 集約's echoes are still on their way.
    const cleared = mark(p);
    await p.app.clearFills();
    expect(p.said.at(-1)).toBe(t.fillsCleared);
    const afterClear = mark(p);
    expect(await afterEchoes(p, afterClear)).toEqual({ writes: 0, said: [] });
    expect(p.said.slice(cleared.said)).toEqual([t.fillsCleared]);

    // 公開用に整える clears the 集約メモ columns: more echoes, and the message stays too.
    await p.app.runPublish();
    const published = p.said.at(-1)!;
    expect(published).toMatch(/^公開用に整えました/);
    expect(await afterEchoes(p, mark(p))).toEqual({ writes: 0, said: [] });
    expect(p.said.at(-1)).toBe(published);
  });

  test('集約 alone: the message "N セルを書き込みました" is the last word', async () => {
    const parts = split(MASTER, config).files;
    const late = parts.find((f) => f.name === '区)保健福祉部.xlsx')!;
    const grid = readWorkbook(MASTER, 'master.xlsx');
    const p = await openPane(api, grid.sheets.map((s) => ({ name: s.name, rows: rowsOf(s) })), MASTER);
    p.app.sources = [{ name: late.name, bytes: late.bytes }];
    await p.app.runConsolidate(false);
    const message = p.said.at(-1)!;
    expect(message).toMatch(/セルを書き込みました/);
    expect(await afterEchoes(p, mark(p))).toEqual({ writes: 0, said: [] });
    expect(p.said.at(-1)).toBe(message);
  });

  test('a fix: its echo is not re-read, writes nothing, and the message stays', async () => {
    const rows = teigenRows(8);
    rows[4]![4] = '継 続';
    rows[6]![4] = '拡充　';
    const p = await openPane(api, [{ name: '提言1-ア', rows }]);
    expect(p.app.live.state.findings.map((f) => f.cell)).toEqual(['E5', 'E7']);
    const fixes = applyFixes(p.app.live.state.findings).apply;
    await p.app.fix(p.app.live.state.findings.map((f) => f.fix!));
    expect(p.fake.get('提言1-ア', 'E5')).toBe('継続');
    expect(p.said.at(-1)).toBe(format(t.fixedInBook, { n: fixes.length }));
    const runs = p.fake.runs;
    expect(await afterEchoes(p, mark(p))).toEqual({ writes: 0, said: [] });
    expect(p.fake.runs).toBe(runs);
  });

  test('a user edit after an operation is validated, and the operation’s message stays', async () => {
    const rows = teigenRows(8);
    rows[4]![4] = '継 続';
    const p = await openPane(api, [{ name: '提言1-ア', rows }]);
    await p.app.fix(p.app.live.state.findings.map((f) => f.fix!));
    await p.fake.settled();
    const message = p.said.at(-1)!;
    // The clerk types a wrong 担当部; the finding appears, the status line keeps the fix's message.
    p.fake.userEdit('提言1-ア', 'F8', '子)子育て支援ぶ');
    await p.fake.settled();
    expect(p.app.live.state.findings.map((f) => f.cell)).toEqual(['F8']);
    expect(p.said.at(-1)).toBe(message);
  });
});
