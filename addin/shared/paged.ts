// Long lists drawn a page at a time: the first items at once, the rest on request, in place.
// A 5,000-row master carries 10,000 findings before a round, or as many changes since the
// last period; drawing them all made every click on the page wait seconds.
import { addin as t } from '../../lib/locale/ja/addin';
import { format } from '../../lib/locale/ja/format';
import { append, h, type Child } from './dom';

/** Items drawn at first (per file for findings), and per click on the button. */
export const PAGE = 200;

/** How far each list was opened, by a key of the caller's: drawn again, a list opens as far. */
export type Opened = Map<string, number>;

/**
 * Draws at least `atLeast` of `items` into `list` (as many as `opened` says under `key`, if
 * more), then a button drawing the next PAGE where it stood (nothing else is redrawn); the
 * keyboard goes on from the first item it drew. Gives the count drawn.
 */
export function drawPaged<T>(list: HTMLElement, items: readonly T[], atLeast: number, draw: (x: T) => Child[], testid: string, opened?: Opened, key = ''): number {
  const first = Math.min(items.length, Math.max(atLeast, opened?.get(key) ?? 0));
  append(list, items.slice(0, first).flatMap(draw));
  if (first < items.length) list.appendChild(moreButton(list, items, first, draw, testid, (n) => opened?.set(key, n)));
  return first;
}

function moreButton<T>(list: HTMLElement, items: readonly T[], from: number, draw: (x: T) => Child[], testid: string, drawn: (n: number) => void): HTMLElement {
  const next = Math.min(items.length, from + PAGE);
  const li = h(
    'li',
    { class: 'more' },
    h(
      'button',
      {
        type: 'button',
        class: 'link',
        'data-testid': testid,
        onclick: () => {
          li.remove();
          const nodes = items.slice(from, next).flatMap(draw);
          append(list, nodes);
          if (next < items.length) list.appendChild(moreButton(list, items, next, draw, testid, drawn));
          drawn(next);
          const go = (nodes[0] as HTMLElement | undefined)?.querySelector?.('button') as HTMLElement | null | undefined;
          go?.focus();
        },
      },
      format(t.moreItems, { n: next - from, rest: items.length - from }),
    ),
  );
  return li;
}
