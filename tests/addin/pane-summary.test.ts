// ［概要版を作る］ in the Excel pane, through the fake Excel: the open workbook read with
// getFileAsync in slices and closed again, the CLI's own .docx offered as a download, and a
// sentence instead of a file where the host cannot give the workbook or cannot download.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as XLSX from 'xlsx';
import { mainAsync } from '../../lib/cli/main';
import { defaultConfig } from '../../lib/config';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { summary as sumText } from '../../lib/locale/ja/summary';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { readWorkbook } from '../../lib/read/workbook';
import { getFileBytes } from '../../addin/office/write';
import { OfficeApp } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { capture } from '../hostile/io';
import { FakeExcel, MAX_SLICE, type FakeOptions } from './fake-excel';
import { clickedLinks, MiniElement } from './mini-dom';
import { paneHarness, recordStatus } from './pane-harness';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const MASTER = new Uint8Array(fs.readFileSync(SEED));

const harness = paneHarness();

/** The Blobs handed to URL.createObjectURL, by the URL given back. */
const blobs = new Map<string, Blob>();
beforeEach(() => {
  blobs.clear();
  clickedLinks.length = 0;
  jest.spyOn(URL, 'createObjectURL').mockImplementation((b: Blob | MediaSource) => {
    const url = `blob:test/${blobs.size}`;
    blobs.set(url, b as Blob);
    return url;
  });
  jest.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  // download() revokes its URL a minute later: that timer must not keep jest waiting.
  const real = globalThis.setTimeout;
  jest.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
    const timer = real(fn, ms);
    if ((ms ?? 0) >= 60_000) timer.unref();
    return timer;
  }) as typeof setTimeout);
});
afterEach(() => jest.restoreAllMocks());

async function pane(fileBytes: Uint8Array, opts: FakeOptions = {}): Promise<{ fake: FakeExcel; app: OfficeApp; shell: Shell; said: string[] }> {
  const fake = new FakeExcel({ api: 18, ...opts });
  for (const s of workbookSpec(readWorkbook(MASTER, 'master.xlsx'))) fake.addSheet(s.name, s.rows);
  fake.fileBytes = fileBytes;
  harness.use(fake);
  const shell = new Shell(document.createElement('div'), 'excel', 'consolidate');
  const app = new OfficeApp(config, shell);
  await app.start();
  await fake.settled();
  return { fake, app, shell, said: recordStatus(shell) };
}

/** The .docx the CLI writes for the same master. */
async function cliDocx(): Promise<Buffer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-pane-summary-'));
  try {
    const out = path.join(dir, 'out.docx');
    expect(await mainAsync(['summary', SEED, '-o', out], capture())).toBe(0);
    return fs.readFileSync(out);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Clicks ［概要版を作る］ and waits until the status line is no longer busy. */
async function press(shell: Shell, said: string[]): Promise<void> {
  const button = (shell.view('consolidate') as unknown as MiniElement).find('data-testid', 'summary-docx')!;
  expect(button.textContent).toBe('概要版を作る');
  const before = said.length;
  button.click();
  for (let i = 0; i < 500 && (said.length === before || said.at(-1)!.startsWith('busy:')); i++) await new Promise((r) => setTimeout(r, 20));
}

test('the button drafts the open workbook\'s 概要版: the CLI\'s .docx, downloaded, the file closed', async () => {
  const { fake, shell, said } = await pane(MASTER);
  await press(shell, said);
  expect(clickedLinks).toHaveLength(1);
  const link = clickedLinks[0]!;
  expect(link.download).toBe('master（概要版）.docx');
  const blob = blobs.get(link.href)!;
  expect(blob.type).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  expect(Buffer.from(await blob.arrayBuffer()).equals(await cliDocx())).toBe(true);
  expect(said.at(-1)).toBe(`info:${format(sumText.done, { chapters: 6, groups: 12, items: 109, saikei: 28, omitted: 0 })}`);
  expect(fake.openFiles).toBe(0);
});

test('a workbook over one 4 MB slice comes back whole, and the file is closed', async () => {
  const big = new Uint8Array(2 * MAX_SLICE + 1234).map((_, i) => (i * 7919) & 0xff);
  const fake = harness.use(new FakeExcel({ api: 18 }));
  fake.fileBytes = big;
  const got = await getFileBytes();
  expect(got.length).toBe(big.length);
  expect(Buffer.from(got).equals(Buffer.from(big))).toBe(true);
  expect(fake.openFiles).toBe(0);
});

test('Excel for Mac: where to do it instead, without reading the workbook', async () => {
  const { fake, shell, said } = await pane(MASTER, { platform: 'Mac' });
  const getFile = jest.spyOn(Office.context.document, 'getFileAsync');
  await press(shell, said);
  expect(said).toEqual([`error:${format(sumText.noDownload, { url: 'standalone.html' })}`]);
  expect(getFile).not.toHaveBeenCalled();
  expect(clickedLinks).toHaveLength(0);
  expect(fake.openFiles).toBe(0);
});

test('a host without the File requirement set: said in Japanese, nothing downloaded', async () => {
  const { shell, said } = await pane(MASTER, { file: false });
  await press(shell, said);
  expect(said.at(-1)).toBe(`error:${t.noFileApi}`);
  expect(clickedLinks).toHaveLength(0);
});

test('a workbook with nothing to draft: why, and no file', async () => {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['メモ'], ['概要に載せるものはありません']]), 'メモ');
  const { shell, said } = await pane(new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer));
  await press(shell, said);
  expect(said.at(-1)).toMatch(/^error:概要版を作れませんでした: /u);
  expect(clickedLinks).toHaveLength(0);
});

test('a consolidated workbook with a row not answered yet: drafted without it, said as a problem', async () => {
  const files = split(MASTER, config).files;
  const res = consolidate(MASTER, files.filter((f) => f.department !== '子) 児童相談所').map((f) => ({ name: f.name, bytes: f.bytes })), config);
  const { shell, said } = await pane(res.bytes);
  await press(shell, said);
  expect(clickedLinks).toHaveLength(1);
  expect(said.at(-1)).toMatch(/^error:概要版を保存しました: .*。まだ回答のない 1 行（提言1-エ 16 行目）は載せていません$/u);
});
