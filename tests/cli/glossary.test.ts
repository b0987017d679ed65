// One vocabulary: the pane, the CLI, the 集約結果 sheet and the README name each outcome with
// the glossary's word, and none of the old variants survives in what users read.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { summaryText } from '../../lib/cli/consolidate';
import { summarySheetXml } from '../../lib/consolidate/summary-sheet';
import type { Summary } from '../../lib/consolidate/types';
import { addin } from '../../lib/locale/ja/addin';
import { cli } from '../../lib/locale/ja/cli';
import { consolidate as t } from '../../lib/locale/ja/consolidate';
import { glossary } from '../../lib/locale/ja/glossary';
import { Styles } from '../../lib/ooxml/styles';

const ROOT = path.join(__dirname, '../..');
/** Words once used beside the glossary's: each one a second name for the same thing. */
const VARIANTS = ['権限外の変更', '提出済み', '未記入のまま', '追加された行', '未反映セル', '反映できなかったセル', '前の記載のまま', '担当外の行の変更', '返ってきたブックの指摘'];

const summary: Summary = {
  output: '/x/集約.xlsx',
  master: 'master.xlsx',
  departments: [
    { name: 'A課', status: 'submitted', files: ['/x/返送/A課.xlsx'], rowsTaken: 3, rowsChanged: 1, conflicts: 1, unauthorized: 1, added: 1, dropped: 1, findings: 1 },
    { name: 'B課', status: 'earlier', files: [], rowsTaken: 0, rowsChanged: 0, conflicts: 0, unauthorized: 0, added: 0, dropped: 0, findings: 0 },
    { name: 'C課', status: 'missing', files: [], rowsTaken: 0, rowsChanged: 0, conflicts: 0, unauthorized: 0, added: 0, dropped: 0, findings: 0 },
    { name: 'D課', status: 'duplicate', files: ['/x/返送/D課.xlsx', '/x/返送/D課 (2).xlsx'], rowsTaken: 0, rowsChanged: 0, conflicts: 0, unauthorized: 0, added: 0, dropped: 0, findings: 0 },
    { name: 'E課', status: 'unusable', files: ['/x/返送/E課.pdf'], rowsTaken: 0, rowsChanged: 0, conflicts: 0, unauthorized: 0, added: 0, dropped: 0, findings: 0 },
  ],
  missing: ['C課'],
  files: [],
  conflicts: [],
  unauthorized: [{ department: 'A課', file: '/x/返送/A課.xlsx', sheet: 's', cell: 'B4', sourceSheet: 's', sourceCell: 'B4', before: '前', after: '後' }],
  added: [],
  findings: [],
  unplaced: [],
  unfilled: [
    { department: 'C課', status: 'missing', sheet: 's', cell: 'A5', row: 5 },
    { department: 'A課', status: 'dropped', sheet: 's', cell: 'A6', row: 6 },
  ],
  cleared: [{ department: 'A課', file: '/x/返送/A課.xlsx', sheet: 's', cell: 'C4', row: 4, before: '前の記載' }],
  cells: { in: 0, out: 0, base: 0, control: 0, reported: 0 },
} as unknown as Summary;

/** Every string of a locale object, however deep. */
function strings(x: unknown): string[] {
  if (typeof x === 'string') return [x];
  if (Array.isArray(x)) return x.flatMap(strings);
  if (x && typeof x === 'object') return Object.values(x).flatMap(strings);
  return [];
}

function sheetText(xml: string): string {
  return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]).join('\n');
}

test('the pane, the sheet and the CLI label statuses with the glossary word', () => {
  for (const k of ['submitted', 'earlier', 'missing'] as const) {
    expect(addin.deptStatus[k]).toBe(glossary[k]);
    expect(t.status[k]).toBe(glossary[k]);
  }
  for (const k of ['duplicate', 'unusable'] as const) {
    expect(addin.deptStatus[k]!.startsWith(glossary[k])).toBe(true);
    expect(t.status[k]).toBe(glossary[k]);
  }
  for (const k of ['conflict', 'unauthorized', 'added', 'dropped', 'finding', 'unplaced'] as const) expect(t.kinds[k]).toBe(glossary[k]);
  expect(addin.sumUnauthorized.startsWith(glossary.unauthorized)).toBe(true);
  expect(addin.sumConflicts.startsWith(glossary.conflict)).toBe(true);
  expect(addin.sumAdded).toBe(glossary.added);
  expect(addin.sumDropped).toContain(glossary.unchanged);
});

test('no old variant is left in any message, the built sheet, the CLI text or the docs', () => {
  const sheet = sheetText(summarySheetXml(summary, new Styles(undefined)));
  const text = summaryText(summary);
  const docs = ['README.md', 'docs/addin.md', 'addin/help.html'].map((f) => fs.readFileSync(path.join(ROOT, f), 'utf8'));
  const all = [...strings(addin), ...strings(cli), ...strings(t), sheet, text, ...docs];
  const found = VARIANTS.flatMap((v) => all.filter((s) => s.includes(v)).map((s) => `${v}: …${s.slice(Math.max(0, s.indexOf(v) - 20), s.indexOf(v) + 20)}…`));
  expect(found).toEqual([]);
});

test('the built sheet and the CLI text use every outcome word the round has', () => {
  const sheet = sheetText(summarySheetXml(summary, new Styles(undefined)));
  const text = summaryText(summary);
  for (const w of [glossary.submitted, glossary.earlier, glossary.missing, glossary.duplicate, glossary.unusable, glossary.unauthorized, glossary.dropped, glossary.unchanged]) {
    expect(sheet).toContain(w);
    expect(text).toContain(w);
  }
});

test('the README lists the glossary, one word for each', () => {
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  for (const w of Object.values(glossary)) expect(readme).toContain(w);
});
