// Excel's limits as the pane meets them: a request over 5 MB (Excel on the web) and more than
// 512 merged areas in one getMergedAreasOrNullObject. 集約 must either finish or leave the
// workbook untouched; reading must not fail on a sheet with many merges.
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes } from 'crypto';
import { unzipSync, zipSync } from 'fflate';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { readWorkbook } from '../../lib/read/workbook';
import { readOpenWorkbook } from '../../addin/office/read';
import { OfficeApp, officeErrorMessage } from '../../addin/taskpane/app-office';
import { Shell } from '../../addin/taskpane/shell';
import { workbookSpec } from '../e2e/helpers';
import { FakeExcel, WEB_REQUEST_LIMIT } from './fake-excel';
import { teigenRows } from './fixtures';
import { paneHarness, recordStatus } from './pane-harness';

const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

/** The seed master carrying a 3.9 MB picture, as masters with photos do: over 5 MB as base64. */
function masterWithPicture(): Uint8Array {
  const files = unzipSync(MASTER);
  files['xl/media/image1.png'] = new Uint8Array(randomBytes(3_900_000));
  return zipSync(files, { level: 0 });
}

function host(api: number, bytes: Uint8Array): FakeExcel {
  const fake = new FakeExcel({ api });
  for (const s of workbookSpec(readWorkbook(bytes, 'master.xlsx'))) fake.addSheet(s.name, s.rows).merges = s.merges ?? [];
  fake.fileBytes = bytes;
  fake.onInsertWorksheets = (b64, names) => workbookSpec(readWorkbook(new Uint8Array(Buffer.from(b64, 'base64')), 'x.xlsx')).filter((s) => names.includes(s.name));
  return harness.use(fake);
}

const harness = paneHarness();

describe('the in-memory host refuses what Excel refuses', () => {
  test('a request over 5 MB fails whole; 513 merged areas fail getMergedAreasOrNullObject', async () => {
    const fake = host(18, MASTER);
    fake.onInsertWorksheets = () => [{ name: 'X', rows: [['x']] }];
    const big = 'A'.repeat(WEB_REQUEST_LIMIT + 1);
    const sheets = fake.sheets.length;
    await expect(fake.run(async (ctx: Excel.RequestContext) => {
      ctx.workbook.insertWorksheetsFromBase64(big);
      await ctx.sync();
    })).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(fake.sheets.length).toBe(sheets);
    const s = fake.addSheet('merges', []);
    s.merges = Array.from({ length: 513 }, (_, r) => ({ r0: r, c0: 0, r1: r, c1: 1 }));
    await expect(fake.run(async (ctx: Excel.RequestContext) => {
      const m = ctx.workbook.worksheets.getItem('merges').getRange('A1:B600').getMergedAreasOrNullObject();
      m.load('address');
      await ctx.sync();
    })).rejects.toThrow(/merged areas/);
  });

  test('the size message names the 5 MB limit, not the row count', () => {
    const msg = officeErrorMessage(Object.assign(new Error('x'), { code: 'RequestPayloadSizeLimitExceeded' }));
    expect(msg).toContain('5 MB');
    expect(msg).not.toMatch(/行/);
  });
});

test('a sheet with 1,200 merged areas is read, its merges in bands', async () => {
  const fake = new FakeExcel({ api: 18 });
  const s = fake.addSheet('提言1-ア', teigenRows(1200));
  // A merged note cell beside every row, as some masters have.
  s.merges = Array.from({ length: 1200 }, (_, i) => ({ r0: i + 2, c0: 7, r1: i + 2, c1: 8 }));
  harness.use(fake);
  const book = await readOpenWorkbook();
  const merges = book.workbook.sheets[0]!.merges;
  expect(merges).toHaveLength(1200);
  expect(merges[0]).toEqual({ s: { r: 2, c: 7 }, e: { r: 2, c: 8 } });
  expect(merges[1199]).toEqual({ s: { r: 1201, c: 7 }, e: { r: 1201, c: 8 } });
});

describe.each([13, 18])('ExcelApi 1.%i: 集約 into a master with a large picture', (api) => {
  async function pane(bytes: Uint8Array): Promise<{ fake: FakeExcel; app: OfficeApp; said: string[] }> {
    const fake = host(api, bytes);
    const shell = new Shell(document.createElement('div'), 'excel', 'consolidate');
    const said = recordStatus(shell);
    const app = new OfficeApp(config, shell);
    await app.start();
    await fake.settled();
    return { fake, app, said };
  }

  test('the summary sheets are built with ordinary calls; 集約 completes', async () => {
    const bytes = masterWithPicture();
    expect(Buffer.from(bytes).toString('base64').length).toBeGreaterThan(WEB_REQUEST_LIMIT);
    const late = split(MASTER, config).files.find((f) => f.name === '区)保健福祉部.xlsx')!;
    const { fake, app, said } = await pane(bytes);
    app.sources = [{ name: late.name, bytes: late.bytes }];
    await app.runConsolidate(false);
    expect(said.filter((x) => x.startsWith('error:'))).toEqual([]);
    expect(said.at(-1)).toMatch(/^info:1 件を集約し、\d+ セルを書き込みました/);
    expect(fake.sheets.map((s) => s.name)).toContain('集約結果');
    expect([...fake.sheet('集約結果').cells.values()]).toContain('部署ごとの提出状況');
  });

  test('a protected sheet in the master: refused before anything is written', async () => {
    const late = split(MASTER, config).files.find((f) => f.name === '区)保健福祉部.xlsx')!;
    const { fake, app, said } = await pane(MASTER);
    // Only the last sheet 集約 writes to is protected: a write-as-you-go would change the others first.
    const { plan } = consolidate(MASTER, [{ name: late.name, bytes: late.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
    const written = [...new Set(plan.cells.filter((x) => x.value !== undefined).map((x) => x.sheet))].sort();
    expect(written.length).toBeGreaterThan(1);
    fake.sheet(written.at(-1)!).protected = true;
    // Protection is read with the workbook: the clerk protected it after the pane opened.
    await app.revalidate();
    app.sources = [{ name: late.name, bytes: late.bytes }];
    const writes = fake.writes;
    const err: unknown = await app.runConsolidate(false).then(() => null, (e: unknown) => e);
    expect(fake.writes).toBe(writes);
    // What the pane's button shows for it (its .catch → officeErrorMessage).
    expect(officeErrorMessage(err)).toBe(format(t.protectedSheetNamed, { sheet: written.at(-1)! }));
    expect(said.filter((x) => x.startsWith('error:'))).toEqual([]);
  });
});
