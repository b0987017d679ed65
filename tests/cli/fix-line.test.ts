// The text output's 修正案 for a 再掲 shows the corrected words where the cell changes, with
// the words before and after, not the start of a long cell.
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { changeOf } from '../../lib/cli/validate';

test('a drifted 再掲 in a long cell: the change is visible (入事 → 人事)', () => {
  const out: string[] = [];
  main(['validate', path.join(__dirname, '../../seeds/error.saikei-drift.teigen.xlsx')], { out: (t) => out.push(t), err: () => undefined, progress: () => undefined, progressDone: () => undefined });
  const text = out.join('\n');
  expect(text).toContain('→ 修正案: 「…全管理職向け人事評価研修動…」（「入事」→「人事」、セル全体 197 文字');
  expect(text).not.toContain('修正案: 「・自己申告');
});

test('changeOf widens a one-character change to a word, an insertion to its context', () => {
  expect(changeOf('元「…職向け人事評価…」→ 再掲「…職向け入事評価…」')).toMatchObject({ before: '入事', after: '人事', fixed: '職向け人事評価' });
  expect(changeOf('元「…上できるように育成…」→ 再掲「…上できるよう育成…」')).toMatchObject({ before: 'よう', after: 'ように' });
  expect(changeOf('元「…解決にあたる。(SSW)」→ 再掲「…解決にあたる(SSW)」')).toMatchObject({ before: 'たる', after: 'たる。' });
  expect(changeOf('同じ「a」→ 同じ「a」')).toBeUndefined();
  expect(changeOf('not a diff')).toBeUndefined();
});
