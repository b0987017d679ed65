// A distribution template `next` made, open in Excel: the pane reads its hidden period mark
// as the CLI does, so a template not yet filled in shows no "進捗欄がすべて空欄" finding, and
// the same workbook without the mark (a returned report) shows them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { readOpenWorkbook } from '../../addin/office/read';
import { defaultConfig } from '../../lib/config';
import { nextMaster } from '../../lib/consolidate/next';
import { checkWorkbook } from '../../lib/check';
import { TEMPLATE_NAME } from '../../lib/marks';
import { readWorkbook } from '../../lib/read/workbook';
import { workbookSpec } from '../e2e/helpers';
import { FakeExcel } from './fake-excel';
import { paneHarness } from './pane-harness';

const config = defaultConfig();
const harness = paneHarness();
const SEED = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

function open(bytes: Uint8Array, api: number, mark: boolean): FakeExcel {
  const fake = new FakeExcel({ api });
  for (const s of workbookSpec(readWorkbook(bytes, 'next.xlsx'))) fake.addSheet(s.name, s.rows).merges = s.merges ?? [];
  const period = readWorkbook(bytes, 'next.xlsx').template;
  if (mark && period !== undefined) fake.definedNames.set(TEMPLATE_NAME, `="${period}"`);
  return harness.use(fake);
}

/** "進捗欄がすべて空欄" findings of the workbook as the pane read it. */
const noProgress = (wb: Parameters<typeof checkWorkbook>[1]): number => checkWorkbook('next.xlsx', wb, config).findings.filter((f) => f.rule === 'required' && f.message.includes('進捗欄')).length;

test.each([9, 18])('a fresh template validates in the pane with no "not filled in" finding (ExcelApi 1.%i)', async (api) => {
  const next = nextMaster(SEED, config).bytes;
  expect(readWorkbook(next, 'next.xlsx').template).toBeDefined();
  open(next, api, true);
  const marked = await readOpenWorkbook('Excel');
  expect(marked.workbook.template).toBe(readWorkbook(next, 'next.xlsx').template);
  expect(noProgress(marked.workbook)).toBe(0);
});

test('the same workbook without the mark is a report: its empty rows are findings', async () => {
  const next = nextMaster(SEED, config).bytes;
  open(next, 18, false);
  const plain = await readOpenWorkbook('Excel');
  expect(plain.workbook.template).toBeUndefined();
  expect(noProgress(plain.workbook)).toBeGreaterThan(0);
});
