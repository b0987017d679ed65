// The 集約 summary's count line shows only the counts that are not zero, in the pane and the page.
import * as fs from 'fs';
import * as path from 'path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { LIST_SHOWN, renderSummary, summaryCounts } from '../../addin/taskpane/consolidate-view';
import { installMiniDom, MiniElement } from './mini-dom';

const config = defaultConfig();
const MASTER = new Uint8Array(fs.readFileSync(path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx')));

let removeDom: () => void;
beforeAll(() => {
  removeDom = installMiniDom();
});
afterAll(() => removeDom());

test('one returned file: submitted and missing counted, no 競合 0 件 or 指摘 0 件', () => {
  const part = split(MASTER, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const res = consolidate(MASTER, [{ name: part.name, bytes: part.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const s = res.summary;
  expect([s.conflicts.length, s.unauthorized.length, s.findings.length]).toEqual([0, 0, 0]);
  const missing = s.missing.length;
  expect(missing).toBeGreaterThan(0);
  const el = renderSummary(s) as unknown as MiniElement;
  expect(el.find('data-testid', 'sum-counts')!.textContent).toBe(`提出 1 部署・未提出 ${missing} 部署`);
});

test('a summary with nothing to count has no count line', () => {
  const part = split(MASTER, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const res = consolidate(MASTER, [{ name: part.name, bytes: part.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const empty = { ...res.summary, departments: [], missing: [], conflicts: [], unauthorized: [], findings: [] };
  expect(summaryCounts(empty)).toBe('');
  expect((renderSummary(empty) as unknown as MiniElement).find('data-testid', 'sum-counts')).toBeNull();
  // A conflict is counted where there is one.
  const one = { ...empty, conflicts: [res.summary.departments[0] as never] };
  expect(summaryCounts(one)).toBe('競合 1 件');
});

/** The list items under an element, in order. */
const itemsOf = (e: MiniElement): MiniElement[] =>
  e.childNodes.flatMap((c) => (c instanceof MiniElement ? [...(c.tagName === 'li' ? [c] : []), ...itemsOf(c)] : []));

test('a long list shows its first items and says where the rest are; its title counts them all', () => {
  const part = split(MASTER, config).files.find((f) => f.name === '子)子育て支援部.xlsx')!;
  const res = consolidate(MASTER, [{ name: part.name, bytes: part.bytes }], config, { masterName: 'master.xlsx', outputName: 'master.xlsx' });
  const finding = { department: null, file: 'x.xlsx', rule: 'department', severity: 'error' as const, sheet: '提言1-ア', cell: 'F5', message: '担当部が見つかりません' };
  const many = { ...res.summary, findings: Array.from({ length: LIST_SHOWN + 37 }, (_, i) => ({ ...finding, cell: `F${i + 5}` })) };
  const list = (renderSummary(many) as unknown as MiniElement).find('data-testid', 'findings')!;
  expect(list.textContent).toContain(`（${LIST_SHOWN + 37} 件）`);
  const items = itemsOf(list);
  expect(items.length).toBe(LIST_SHOWN + 1);
  expect(items.at(-2)!.textContent).toContain(`F${LIST_SHOWN + 4}`);
  expect(list.find('data-testid', 'findings-more')!.textContent).toBe('ほか 37 件は、集約したマスターの「集約結果」シートに載っています。');
  // Up to the limit, every item and no such line.
  const few = { ...many, findings: many.findings.slice(0, LIST_SHOWN) };
  const all = (renderSummary(few) as unknown as MiniElement).find('data-testid', 'findings')!;
  expect(itemsOf(all).length).toBe(LIST_SHOWN);
  expect(all.find('data-testid', 'findings-more')).toBeNull();
});
