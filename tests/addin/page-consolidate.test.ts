// The browser page consolidates the files it has already checked without reading them again:
// the grids its check read go to consolidate() as they are, and the summary is the one the
// library gives for the same bytes.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { StandaloneApp } from '../../addin/taskpane/app-standalone';
import { Shell } from '../../addin/taskpane/shell';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import * as workbook from '../../lib/read/workbook';
import { MiniElement } from './mini-dom';
import { paneHarness } from './pane-harness';

paneHarness();
const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

test('consolidate on the page reads no returned file again, and says what the library says', async () => {
  const sections = split(MASTER, config, { masterName: 'master.xlsx' }).files.slice(0, 3);
  const shell = new Shell(document.createElement('div'), 'standalone', 'consolidate');
  const app = new StandaloneApp(config, shell);
  await app.add([{ name: 'master.xlsx', bytes: MASTER }, ...sections.map((f) => ({ name: f.name, bytes: f.bytes }))]);
  const reads = jest.spyOn(workbook, 'readWorkbook');
  const view = shell.view('consolidate') as unknown as MiniElement;
  view.find('data-testid', 'consolidate')!.listeners.get('click')![0]!({});
  await new Promise((r) => setTimeout(r, 50));
  const summary = (shell.view('consolidate') as unknown as MiniElement).find('data-testid', 'summary');
  expect(summary).not.toBeNull();
  // The master is read (it is patched); none of the three returned files is.
  expect(reads.mock.calls.map((c) => c[1]).filter((n) => sections.some((f) => f.name === n))).toEqual([]);
  reads.mockRestore();
  const lib = consolidate(MASTER, sections.map((f) => ({ name: f.name, bytes: f.bytes })), config, { masterName: 'master.xlsx' });
  const submitted = lib.summary.departments.filter((d) => d.status === 'submitted').length;
  expect(submitted).toBe(3);
  expect(summary!.find('data-testid', 'sum-counts')!.textContent).toMatch(new RegExp(`^提出 ${submitted} 部署・未提出 ${lib.summary.missing.length} 部署`));
});
