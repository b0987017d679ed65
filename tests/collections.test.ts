// groupBy's order is part of its contract: consolidate's outputs follow it byte for byte.
import { groupBy } from '../lib/collections';

test('groupBy keeps keys in the order first met and items in theirs, leaving undefined out', () => {
  const words = ['b1', 'a1', 'x', 'b2', 'a2', 'b3'];
  const g = groupBy(words, (w) => (w.length === 2 ? w[0] : undefined));
  expect([...g.keys()]).toEqual(['b', 'a']);
  expect([...g.values()]).toEqual([['b1', 'b2', 'b3'], ['a1', 'a2']]);
  expect(groupBy([], (w: string) => w).size).toBe(0);
});
