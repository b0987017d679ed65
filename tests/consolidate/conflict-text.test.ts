// A conflict cell says each different answer once, with every department that gave it: two
// departments agreeing against a third are one side, not two copies of the same text.
import { shownCell, type Answer, type CellState } from '../../lib/consolidate/answers';
import { conflictDetail } from '../../lib/consolidate/summary-sheet';

const answer = (department: string, text: string): Answer => ({ department, file: `${department}.xlsx`, run: 1, cell: { value: text, text, type: 's' }, sheet: '分類4', at: 'C12' });

test('agreeing departments share one part of the conflict', () => {
  const st: CellState = { sheet: '分類4', r: 11, c: 2, baseHash: '-', answers: [answer('A課', 'A版'), answer('B課', 'B版'), answer('C課', 'A版 ')], writtenHash: '-' };
  const shown = shownCell(st);
  expect(shown.conflict).toBe(true);
  expect(shown.cell.text).toBe('【競合】\n［A課・C課］\nA版\n［B課］\nB版');
});

test('the listing counts the departments and the different answers', () => {
  const contributions = [
    { department: 'A課', file: 'a.xlsx', sheet: '分類4', cell: 'C12', text: 'A版' },
    { department: 'B課', file: 'b.xlsx', sheet: '分類4', cell: 'C12', text: 'B版' },
    { department: 'C課', file: 'c.xlsx', sheet: '分類4', cell: 'C12', text: 'A版' },
  ];
  expect(conflictDetail({ sheet: '分類4', cell: 'C12', row: 12, departments: ['A課', 'B課', 'C課'], contributions })).toBe('3 部署の記載が 2 通りに分かれています: A課、B課、C課');
});
