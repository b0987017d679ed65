// The pane as a clerk's tool: findings are real buttons, counts only where non-zero, rule ids
// behind one toggle, 集約 not offered twice for the same files, and a renamed sheet still read.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { DIFF_ADDED_FORMULA, DIFF_FORMULA, DIFF_MOVED_FORMULA } from '../../lib/marks';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { readWorkbook } from '../../lib/read/workbook';
import { OfficeApp } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { FakeExcel } from './fake-excel';
import { teigenRows } from './fixtures';
import { MiniElement } from './mini-dom';
import { paneHarness } from './pane-harness';

const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

const harness = paneHarness();

async function pane(sheets: { name: string; rows: (string | number | boolean | null)[][] }[], view: 'validate' | 'consolidate', fileBytes = new Uint8Array(), platform?: string): Promise<{ fake: FakeExcel; app: OfficeApp; shell: Shell }> {
  const fake = new FakeExcel({ api: 18, ...(platform ? { platform } : {}) });
  for (const s of sheets) fake.addSheet(s.name, s.rows);
  fake.fileBytes = fileBytes;
  fake.onInsertWorksheets = (b64, names) => workbookSpec(readWorkbook(new Uint8Array(Buffer.from(b64, 'base64')), 'x.xlsx')).filter((s) => names.includes(s.name));
  harness.use(fake);
  const shell = new Shell(document.createElement('div'), 'excel', view);
  const app = new OfficeApp(config, shell);
  await app.start();
  await fake.settled();
  return { fake, app, shell };
}

/** Every element under `el`, depth first. */
function all(el: MiniElement): MiniElement[] {
  return el.childNodes.filter((c): c is MiniElement => c instanceof MiniElement).flatMap((c) => [c, ...all(c)]);
}
const view = (shell: Shell, name: 'validate' | 'consolidate'): MiniElement => shell.view(name) as unknown as MiniElement;

test('findings: a real button each, no li[role=button], counts only where non-zero, rule ids behind a toggle', async () => {
  const rows = teigenRows(6);
  rows[4]![4] = '継 続';
  const { shell } = await pane([{ name: '提言1-ア', rows }], 'validate');
  const els = all(view(shell, 'validate'));
  const items = els.filter((e) => e.tagName === 'li' && e.className.includes('finding'));
  expect(items).toHaveLength(1);
  expect(items[0]!.getAttribute('role')).toBeNull();
  expect(items[0]!.getAttribute('tabindex')).toBeNull();
  expect(all(items[0]!).filter((e) => e.tagName === 'button').map((e) => e.className)).toEqual(['go', 'fix']);
  // No English rule id under the finding; one details toggle lists them.
  expect(items[0]!.textContent).not.toContain('enum');
  const ids = view(shell, 'validate').find('data-testid', 'rule-ids')!;
  expect(ids.tagName).toBe('details');
  expect(ids.textContent).toContain('enum');
  expect(view(shell, 'validate').find('data-testid', 'counts')!.textContent).toBe('エラー 1 件');
});

test('集約 is disabled after a run until other files are added', async () => {
  const late = split(MASTER, config).files.find((f) => f.name === '区)保健福祉部.xlsx')!;
  const { app, shell } = await pane(workbookSpec(readWorkbook(MASTER, 'master.xlsx')), 'consolidate', MASTER);
  app.sources = [{ name: late.name, bytes: late.bytes }];
  app.renderConsolidate();
  const button = (): MiniElement => view(shell, 'consolidate').find('data-testid', 'consolidate')!;
  expect(button().getAttribute('disabled')).toBeNull();
  await app.runConsolidate(false);
  expect(button().getAttribute('disabled')).toBe('');
  expect(view(shell, 'consolidate').find('data-testid', 'consolidate-done')).not.toBeNull();
});

test('a sheet renamed in Excel: the next edit is read, not an error', async () => {
  const rows = teigenRows(6);
  const { fake, app } = await pane([{ name: '提言1-ア', rows }], 'validate');
  fake.userRename('提言1-ア', '提言1-ア（改）');
  fake.userEdit('提言1-ア（改）', 'E5', '継 続');
  await fake.settled();
  expect(app.live.state.error).toBeUndefined();
  expect(app.live.state.findings.map((f) => `${f.sheet}!${f.cell}`)).toEqual(['提言1-ア（改）!E5']);
});

test('［部署別に分割］ in Excel for Mac: no claim of a saved file, but where to do it', async () => {
  const { app, shell } = await pane(workbookSpec(readWorkbook(MASTER, 'master.xlsx')), 'consolidate', MASTER, 'Mac');
  const said: string[] = [];
  const status = shell.status.bind(shell);
  shell.status = (text, kind) => {
    said.push(text);
    status(text, kind);
  };
  await app.runSplit();
  expect(said.at(-1)).toBe(format(t.splitNoDownload, { url: 'standalone.html' }));
  expect(said.join('\n')).not.toMatch(/保存しました/);
});

test('集約 with a file it could not take: the status line names it, not "2 件を集約し"', async () => {
  const late = split(MASTER, config).files.find((f) => f.name === '区)保健福祉部.xlsx')!;
  const { app, shell } = await pane(workbookSpec(readWorkbook(MASTER, 'master.xlsx')), 'consolidate', MASTER);
  const said: string[] = [];
  const status = shell.status.bind(shell);
  shell.status = (text, kind) => {
    said.push(`${kind ?? 'info'}:${text}`);
    status(text, kind);
  };
  // The second file is cut short in transfer: unreadable, so 保)総務部 is ファイル不備.
  app.sources = [{ name: late.name, bytes: late.bytes }, { name: '保)総務部.xlsx', bytes: late.bytes.subarray(0, 200) }];
  await app.runConsolidate(false);
  const last = said.at(-1)!;
  expect(last).toMatch(/^error:2 件のうち 1 件を反映し、\d+ セルを書き込みました/);
  expect(last).toContain('反映しなかったファイル: 保)総務部.xlsx（');
  expect(last).not.toMatch(/2 件を集約し/);
});

test('公開用に整える takes out the colours of a `diff -o` output with its 変更点 sheet, as publish does', async () => {
  const late = split(MASTER, config).files.find((f) => f.name === '区)保健福祉部.xlsx')!;
  const first = consolidate(MASTER, [{ name: late.name, bytes: late.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const { fake, app } = await pane(workbookSpec(readWorkbook(first.bytes, 'master.xlsx')), 'consolidate', new Uint8Array(first.bytes));
  const sheet = fake.sheet('提言1-ア');
  for (const [formula, color] of [[DIFF_FORMULA, '#FFFF00'], [DIFF_ADDED_FORMULA, '#C6EFCE'], [DIFF_MOVED_FORMULA, '#DDEBF7'], ['=$E15="新規"', '#FFC7CE']]) {
    sheet.formats.push({ id: formula!, type: 'Custom', formula: formula!, color: color!, address: 'B15' });
  }
  await app.runPublish();
  expect(sheet.formats.map((f) => f.formula)).toEqual(['=$E15="新規"']);
});
