// A file with thousands of findings (a master before a round: every progress cell empty) or
// changes since the last period lists its first ones and the rest a page at a time; a click
// redraws that file's card alone, so the page does not wait seconds per click.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import type { Finding } from '../../lib/rules/types';
import { renderDiff } from '../../addin/shared/diff-view';
import { renderFindings } from '../../addin/shared/findings-view';
import { diffGrids } from '../../lib/diff';
import { readWorkbook } from '../../lib/read/workbook';
import { PAGE } from '../../addin/shared/paged';
import { StandaloneApp } from '../../addin/taskpane/app-standalone';
import { Shell } from '../../addin/taskpane/shell';
import { emptyMasterXlsx } from './fixtures';
import { MiniElement } from './mini-dom';
import { paneHarness } from './pane-harness';

paneHarness();
const config = defaultConfig();
const SEEDS = path.join(__dirname, '..', '..', 'seeds');

function all(el: MiniElement): MiniElement[] {
  return el.childNodes.filter((c): c is MiniElement => c instanceof MiniElement).flatMap((c) => [c, ...all(c)]);
}
const findingsIn = (el: MiniElement): MiniElement[] => all(el).filter((e) => e.tagName === 'li' && e.className.startsWith('finding'));
const moreButtons = (el: MiniElement): MiniElement[] => all(el).filter((e) => e.getAttribute('data-testid') === 'findings-more');
const sheetsOf = (el: MiniElement): MiniElement[] => all(el).filter((e) => e.tagName === 'details' && e.className === 'sheet');
const click = (e: MiniElement): void => e.listeners.get('click')![0]!({ stopPropagation: () => undefined });

function finding(sheet: string, i: number): Finding {
  return {
    rule: 'enum', messageId: 'variant', data: {}, severity: 'error', sheet, cell: `E${i + 5}`, row: i + 5, column: 'E',
    message: `取組区分の表記 ${i}`, fix: { sheet, cell: `E${i + 5}`, value: '継続' },
  };
}

test('thousands of findings: the first ones drawn, the rest a page at a time, every fix still offered', () => {
  const findings = ['提言1-ア', '提言1-イ', '提言2-ア'].flatMap((s) => Array.from({ length: 300 }, (_, i) => finding(s, i)));
  const el = renderFindings({ findings, onSelect: () => undefined, onFix: () => undefined }) as unknown as MiniElement;
  expect(el.find('data-testid', 'counts')!.textContent).toBe('エラー 900 件');
  // The one-click fix of a kind covers every finding, drawn or not.
  expect(all(el).find((e) => e.className === 'fix-kind')!.textContent).toBe('選択肢の表記をすべて修正（900 件）');
  expect(findingsIn(el)).toHaveLength(PAGE);
  const [s1, s2, s3] = sheetsOf(el);
  // Each sheet's heading still counts all of its findings.
  expect(s2!.textContent).toContain('エラー 300');
  expect(moreButtons(s1!).map((b) => b.textContent)).toEqual(['次の 100 件を表示（残り 100 件）']);
  expect(moreButtons(s2!).map((b) => b.textContent)).toEqual(['次の 200 件を表示（残り 300 件）']);
  click(moreButtons(s1!)[0]!);
  expect(findingsIn(s1!).map((e) => e.getAttribute('data-cell'))).toEqual(Array.from({ length: 300 }, (_, i) => `提言1-ア!E${i + 5}`));
  expect(moreButtons(s1!)).toEqual([]);
  click(moreButtons(s2!)[0]!);
  click(moreButtons(s2!)[0]!);
  expect(findingsIn(s2!)).toHaveLength(300);
  expect(findingsIn(s3!)).toHaveLength(0);
  expect(findingsIn(el)).toHaveLength(600);
});

test('the selected finding is drawn, with its detail, however far down the list', () => {
  const findings = Array.from({ length: 1000 }, (_, i) => finding('提言1-ア', i));
  const selected = findings[640]!;
  const el = renderFindings({ findings, selected, detail: () => document.createElement('div') as unknown as HTMLElement }) as unknown as MiniElement;
  const drawn = findingsIn(el);
  expect(drawn).toHaveLength(641);
  expect(drawn.at(-1)!.getAttribute('data-cell')).toBe('提言1-ア!E645');
  expect(drawn.at(-1)!.className).toContain('selected');
  expect(all(el).filter((e) => e.className === 'detail-item')).toHaveLength(1);
  expect(moreButtons(el)[0]!.textContent).toBe('次の 200 件を表示（残り 359 件）');
});

test('the page: a big file lists its first findings; a click redraws only the clicked file and the one it left', async () => {
  const shell = new Shell(document.createElement('div'), 'standalone', 'validate');
  const app = new StandaloneApp(config, shell);
  const seed = (name: string): { name: string; bytes: Uint8Array } => ({ name, bytes: new Uint8Array(fs.readFileSync(path.join(SEEDS, name))) });
  await app.add([{ name: 'マスター.xlsx', bytes: emptyMasterXlsx(1500) }, seed('error.enum.xlsx'), seed('error.saikei-unmarked.xlsx')]);
  const view = shell.view('validate') as unknown as MiniElement;
  const cards = (): MiniElement[] => all(view).filter((e) => e.tagName === 'section' && e.className === 'book');
  const [master, enumCard, saikeiCard] = cards();
  expect(app.books[0]!.result.findings.length).toBeGreaterThanOrEqual(1500);
  expect(findingsIn(master!)).toHaveLength(PAGE);
  expect(moreButtons(master!)).toHaveLength(1);

  click(all(findingsIn(enumCard!)[0]!).find((e) => e.className === 'go')!);
  const [m2, e2, s2] = cards();
  expect(m2).toBe(master);
  expect(s2).toBe(saikeiCard);
  expect(e2).not.toBe(enumCard);
  expect(findingsIn(e2!)[0]!.className).toContain('selected');
  expect(e2!.find('data-testid', 'detail')).not.toBeNull();

  // Selecting in another file takes the mark off the first: both cards drawn again, the master not.
  click(all(findingsIn(saikeiCard!)[0]!).find((e) => e.className === 'go')!);
  const [m3, e3, s3] = cards();
  expect(m3).toBe(master);
  expect(e3).not.toBe(e2);
  expect(s3).not.toBe(saikeiCard);
  expect(findingsIn(e3!).filter((e) => e.className.includes('selected'))).toEqual([]);
  expect(findingsIn(s3!)[0]!.className).toContain('selected');

  // A list opened further stays open when its card is drawn again.
  click(moreButtons(master!)[0]!);
  expect(findingsIn(master!)).toHaveLength(2 * PAGE);
  click(all(findingsIn(master!)[0]!).find((e) => e.className === 'go')!);
  const [m4] = cards();
  expect(m4).not.toBe(master);
  expect(findingsIn(m4!)).toHaveLength(2 * PAGE);
  expect(findingsIn(m4!)[0]!.className).toContain('selected');
});

test('the kept count: a redraw draws as many as were opened, and no more than there are', () => {
  const findings = Array.from({ length: 500 }, (_, i) => finding('提言1-ア', i));
  const drawn = new Map<string, number>();
  const first = renderFindings({ findings, drawn }) as unknown as MiniElement;
  click(moreButtons(first)[0]!);
  click(moreButtons(first)[0]!);
  expect(drawn.get('提言1-ア')).toBe(500);
  expect(moreButtons(first)).toEqual([]);
  const again = renderFindings({ findings: findings.slice(0, 300), drawn }) as unknown as MiniElement;
  expect(findingsIn(again)).toHaveLength(300);
  expect(moreButtons(again)).toEqual([]);
});

test('前回との違い: a period that changed every row lists its first changes, the rest on request', () => {
  const before = readWorkbook(emptyMasterXlsx(450), 'old.xlsx');
  const after = readWorkbook(emptyMasterXlsx(450, (i) => `・研修を${i + 1}回実施した。`), 'new.xlsx');
  const result = diffGrids(before, after, config);
  expect(result.changed).toHaveLength(450);
  const picker = document.createElement('div') as unknown as HTMLElement;
  const kept = new Map<string, number>();
  const items = (el: MiniElement): MiniElement[] => all(el).filter((e) => e.tagName === 'li' && e.className.startsWith('diff-item'));
  const el = renderDiff({ result, picker, help: '', onSelect: () => undefined, drawn: kept }) as unknown as MiniElement;
  expect(el.find('data-testid', 'diff-counts')!.textContent).toContain('450');
  expect(items(el)).toHaveLength(PAGE);
  click(el.find('data-testid', 'diff-more')!);
  expect(items(el)).toHaveLength(400);
  expect([...kept.values()]).toEqual([400]);
  // Drawn again (an edit in the pane, a click on the page): as many as were opened, the selected one always.
  expect(items(renderDiff({ result, picker, help: '', drawn: kept }) as unknown as MiniElement)).toHaveLength(400);
  const far = renderDiff({ result, picker, help: '', selected: result.changed[420]!, onSelect: () => undefined }) as unknown as MiniElement;
  expect(items(far)).toHaveLength(421);
  expect(far.find('data-testid', 'diff-detail')).not.toBeNull();
});
