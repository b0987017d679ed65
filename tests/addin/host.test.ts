import { officeErrorMessage, openBookName } from '../../addin/taskpane/app-office';
import { detectHost, openedByOffice } from '../../addin/taskpane/host';
import { initialView } from '../../addin/taskpane/shell';

const HostType = { Excel: 'Excel', Word: 'Word' };
const office = (onReady: () => Promise<unknown>): { Office: typeof Office } => ({ Office: { onReady, HostType } as unknown as typeof Office });

test('Excel only when Office.onReady says so; standalone otherwise', async () => {
  expect(await detectHost({})).toBe('standalone');
  expect(await detectHost(office(async () => ({ host: 'Excel', platform: 'OfficeOnline' })))).toBe('excel');
  // office.js loaded in an ordinary browser tab: onReady answers with no host.
  expect(await detectHost(office(async () => ({ host: null, platform: null })))).toBe('standalone');
  expect(await detectHost(office(async () => ({ host: 'Word' })))).toBe('standalone');
  expect(await detectHost(office(() => Promise.reject(new Error('x'))))).toBe('standalone');
  // Office that never answers does not hang the page.
  expect(await detectHost(office(() => new Promise(() => undefined)), 20)).toBe('standalone');
});

test('a pane Office opened that waits over 5 s says so and keeps waiting for Excel', async () => {
  let answer: (v: unknown) => void = () => undefined;
  const late = office(() => new Promise((r) => { answer = r; }));
  const said: string[] = [];
  const mode = detectHost(late, 20, { inOffice: true, onSlow: () => said.push('slow') });
  await new Promise((r) => setTimeout(r, 40));
  expect(said).toEqual(['slow']);
  answer({ host: 'Excel' });
  await expect(mode).resolves.toBe('excel');
  expect(openedByOffice('?_host_Info=Excel$Win32$16.01$ja-JP', null)).toBe(true);
  expect(openedByOffice('?view=validate', null)).toBe(false);
});

test('the ribbon’s 集約 button opens the 集約 view', () => {
  expect(initialView('?view=consolidate')).toBe('consolidate');
  expect(initialView('?view=validate')).toBe('validate');
  expect(initialView('')).toBe('validate');
});

test('the open workbook’s name comes from a path or a SharePoint URL', () => {
  expect(openBookName('C:\\Users\\me\\進捗マスター.xlsx')).toBe('進捗マスター.xlsx');
  expect(openBookName('https://city.sharepoint.com/sites/x/Shared%20Documents/%E9%80%B2%E6%8D%97.xlsx?web=1')).toBe('進捗.xlsx');
  expect(openBookName('https://x/%E0%A4%A.xlsx')).toBe('%E0%A4%A.xlsx');
  expect(openBookName('')).toBe('開いているブック.xlsx');
  expect(openBookName(undefined)).toBe('開いているブック.xlsx');
});

test('Excel errors are said in Japanese where the user can act on them', () => {
  const err = (code: string, message = 'x'): Error => Object.assign(new Error(message), { code });
  expect(officeErrorMessage(err('AccessDenied'))).toMatch(/^シートが保護されている/);
  expect(officeErrorMessage(err('InvalidOperation', 'The cell or chart is on a protected sheet.'))).toMatch(/^シートが保護されている/);
  expect(officeErrorMessage(err('InvalidOperationInCellEditMode'))).toMatch(/^セルの編集中/);
  expect(officeErrorMessage(err('RequestPayloadSizeLimitExceeded'))).toMatch(/上限（約 5 MB）を超えました/);
  expect(officeErrorMessage(err('GeneralException', 'boom'))).toBe('Excel とのやり取りでエラーが起きました: boom（GeneralException）');
  expect(officeErrorMessage('plain')).toBe('Excel とのやり取りでエラーが起きました: plain');
});
