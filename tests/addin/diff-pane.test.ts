// 前回との違い in the pane and the browser page: the open workbook (or a loaded file) against a
// previous report picked as a file lists what `shinchoku diff` finds, and a click goes to the
// cell in Excel (shows before and after in the page).
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { readWorkbook } from '../../lib/read/workbook';
import { diffWorkbooks } from '../../lib/diff';
import { OfficeApp } from '../../addin/taskpane/app-office';
import { StandaloneApp } from '../../addin/taskpane/app-standalone';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { PYTHON, tmpDir } from '../consolidate/helpers';
import { FakeExcel } from './fake-excel';
import { MiniElement } from './mini-dom';
import { paneHarness } from './pane-harness';

const config = defaultConfig();
const harness = paneHarness();

let oldBytes: Uint8Array;
let newBytes: Uint8Array;

beforeAll(() => {
  const dir = tmpDir('diff-pane');
  const o = path.join(dir, 'old.xlsx');
  const n = path.join(dir, 'new.xlsx');
  execFileSync(PYTHON, [path.join(__dirname, '..', 'diff', 'periods.py'), 'teigen', path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx'), o, n]);
  oldBytes = new Uint8Array(fs.readFileSync(o));
  newBytes = new Uint8Array(fs.readFileSync(n));
  fs.rmSync(dir, { recursive: true, force: true });
});

function all(el: MiniElement): MiniElement[] {
  return el.childNodes.filter((c): c is MiniElement => c instanceof MiniElement).flatMap((c) => [c, ...all(c)]);
}

/** Kinds of the listed items, counted. */
function kinds(section: MiniElement): Record<string, number> {
  const out: Record<string, number> = {};
  for (const e of all(section)) {
    const k = e.getAttribute('data-kind');
    if (e.tagName === 'li' && k) out[k] = (out[k] ?? 0) + 1;
  }
  return out;
}

test('Excel: the open workbook against the previous file; a click selects the cell', async () => {
  const fake = new FakeExcel({ api: 18 });
  for (const s of workbookSpec(readWorkbook(newBytes, 'new.xlsx'))) fake.addSheet(s.name, s.rows).merges = s.merges ?? [];
  harness.use(fake);
  const shell = new Shell(document.createElement('div'), 'excel', 'validate');
  const app = new OfficeApp(config, shell);
  await app.start();
  await fake.settled();
  app.compare({ name: '前回.xlsx', bytes: oldBytes });
  const section = (shell.view('validate') as unknown as MiniElement).find('data-testid', 'diff')!;
  // The same changes as the CLI's diff of the two files.
  const cli = diffWorkbooks(oldBytes, newBytes, { old: 'old.xlsx', new: 'new.xlsx' }, config);
  expect(kinds(section)).toEqual({ changed: cli.changed.filter((c) => !c.named).length, named: 1, added: 1, moved: 1, removed: 1 });
  expect(section.textContent).toContain('［入→人］事評価');
  const go = all(section).find((e) => e.getAttribute('data-cell') === '提言3-エ!C17')!;
  go.listeners.get('click')![0]!({});
  await fake.settled();
  expect(fake.selection).toEqual({ sheet: '提言3-エ', address: 'C17' });
});

test('browser page: a loaded report against the previous file; a click shows before and after', async () => {
  const shell = new Shell(document.createElement('div'), 'standalone', 'validate');
  const app = new StandaloneApp(config, shell);
  await app.add([{ name: 'new.xlsx', bytes: newBytes }]);
  await app.compare(app.books[0]!, { name: 'old.xlsx', bytes: oldBytes });
  const section = (): MiniElement => (shell.view('validate') as unknown as MiniElement).find('data-testid', 'diff')!;
  expect(section().find('data-testid', 'diff-counts')!.textContent).toBe('セルの変更 4 件、追加した行 1 件、削除した行 1 件、移動した行 1 件');
  all(section()).find((e) => e.getAttribute('data-cell') === '提言3-エ!C17')!.listeners.get('click')![0]!({});
  const detail = section().find('data-testid', 'diff-detail')!;
  expect(detail.textContent).toContain('入事評価');
  expect(detail.textContent).toContain('人事評価');
  // A previous file of another report type: said in Japanese, nothing listed.
  await app.compare(app.books[0]!, { name: 'vision.xlsx', bytes: new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.vision-progress.xlsx'))) });
  expect(section().textContent).toContain('報告書の種類が違います');
  expect(kinds(section())).toEqual({});
});
