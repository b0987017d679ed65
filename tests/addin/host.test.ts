import { detectHost } from '../../addin/taskpane/host';
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

test('the ribbon’s 集約 button opens the 集約 view', () => {
  expect(initialView('?view=consolidate')).toBe('consolidate');
  expect(initialView('?view=validate')).toBe('validate');
  expect(initialView('')).toBe('validate');
});
