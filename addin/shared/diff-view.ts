// 前回との違い: the changes since the previous report, listed as `shinchoku diff` lists them.
// Cell text only ever becomes text nodes.
import { diff as dt, diffPane as t } from '../../lib/locale/ja/diff';
import { excerpt, format } from '../../lib/locale/ja/format';
import { inlineChange } from '../../lib/diff/render';
import { DiffError, type CellChange, type DiffResult } from '../../lib/diff';
import { readErrorMessage } from '../../lib/check';
import { ReadError } from '../../lib/read/sheetjs';
import { h, type Child } from './dom';
import { drawPaged, PAGE, type Opened } from './paged';

export interface DiffViewOptions {
  result: DiffResult | null;
  error?: string;
  /** The file picker (the shell's drop zone for one file). */
  picker: HTMLElement;
  help: string;
  /** A change clicked: its sheet and cell (NEW's). */
  onSelect?: (sheet: string, cell: string) => void;
  /** The change whose before and after to show under the list (the browser page). */
  selected?: CellChange | null;
  onClear?: () => void;
  /** How far the list was opened, kept by the caller: a list opened further stays so. */
  drawn?: Opened;
}

function changeText(c: CellChange): string {
  return c.named ? format(dt.namedLine, { cell: '', column: c.column, before: c.before, after: c.after }).trim() : `${c.column}: ${inlineChange(c.parts)}`;
}

export function countsText(r: DiffResult): string {
  return format(dt.counts, { changed: r.changed.length, added: r.added.length, removed: r.removed.length, moved: r.moved.length });
}

export function renderDiff(o: DiffViewOptions): HTMLElement {
  const r = o.result;
  const item = (sheet: string, cell: string, kind: string, text: string, change?: CellChange): HTMLElement =>
    h(
      'li',
      { class: `diff-item diff-${kind}`, 'data-kind': kind },
      o.onSelect
        ? h('button', { type: 'button', class: 'link', 'data-cell': `${sheet}!${cell}`, onclick: () => o.onSelect!(sheet, cell) }, `${sheet}!${cell}`)
        : h('span', { class: 'where' }, `${sheet}!${cell}`),
      ' ',
      h('span', { class: 'kind' }, `［${dt.kinds[kind] ?? kind}］`),
      ' ',
      h('span', { class: 'text' }, text),
      change && o.selected === change ? detail(change) : null,
    );
  // Built when drawn: a period's changes to a big master run to thousands.
  const items: (() => HTMLElement)[] = [];
  let selectedAt = -1;
  if (r) {
    for (const c of r.changed) {
      if (c === o.selected) selectedAt = items.length;
      items.push(() => item(c.sheet, c.cell, c.named ? 'named' : 'changed', changeText(c), c));
    }
    for (const a of r.added) items.push(() => item(a.sheet, a.cell, 'added', excerpt(a.label, 40)));
    for (const m of r.moved) items.push(() => item(m.to.sheet, m.to.cell, 'moved', `${format(dt.noteMovedFrom, { sheet: m.from.sheet, row: m.from.row })}: ${excerpt(m.label, 40)}`));
    for (const x of r.removed) {
      items.push(() => h('li', { class: 'diff-item diff-removed', 'data-kind': 'removed' }, h('span', { class: 'where' }, x.sheet), ' ', h('span', { class: 'kind' }, `［${dt.kinds.removed}］`), ' ', h('span', { class: 'text' }, `${excerpt(x.label, 40)}${format(t.removedAt, { row: x.row })}`)));
    }
  }
  let list: HTMLElement | null = null;
  if (items.length) {
    list = h('ul', { class: 'diff-list' });
    drawPaged(list, items, Math.max(PAGE, selectedAt + 1), (f) => [f()], 'diff-more', o.drawn);
  }
  return h(
    'section',
    { class: 'diff', 'data-testid': 'diff' },
    h('h2', {}, t.title),
    h('p', { class: 'help' }, `${t.help}${o.help}`),
    o.picker,
    o.error ? h('p', { class: 'file-error', role: 'alert' }, o.error) : null,
    r ? h('p', { class: 'diff-counts', 'data-testid': 'diff-counts' }, countsText(r)) : null,
    r && items.length === 0 ? h('p', { class: 'empty' }, dt.none) : null,
    list,
    r && o.onClear ? h('button', { type: 'button', class: 'link', onclick: () => o.onClear!() }, t.clear) : null,
  );
}

/** Before and after of one change, whole, the changed characters struck out and underlined. */
function detail(c: CellChange): HTMLElement {
  const side = (op: 'removed' | 'added'): Child[] =>
    c.parts.filter((p) => !p.op || p.op === op).map((p) => (p.op === 'removed' ? h('del', {}, p.text) : p.op === 'added' ? h('ins', {}, p.text) : p.text));
  return h(
    'div',
    { class: 'detail', 'data-testid': 'diff-detail' },
    h('p', { class: 'label' }, t.before),
    h('pre', { class: 'cell-text' }, ...side('removed')),
    h('p', { class: 'label' }, t.after),
    h('pre', { class: 'cell-text' }, ...side('added')),
  );
}

/** The status line when the previous report's file itself could not be read by the browser. */
export function unreadablePrevious(prev: { name: string; unreadable?: string }): string {
  return format(t.failed, { detail: `${prev.name}: ${prev.unreadable ?? ''}` });
}

/** Why two reports could not be compared, in Japanese. */
export function diffErrorText(err: unknown, prevName: string, name: string): string {
  // Which file could not be read: the page may hold several.
  if (err instanceof ReadError) return `${prevName}: ${readErrorMessage(err).message}`;
  if (err instanceof DiffError) {
    if (err.code === 'type-mismatch') return format(dt.typeMismatch, { old: prevName, new: name, oldType: err.detail.oldType, newType: err.detail.newType });
    return format(dt.noReport, { which: dt[err.which], path: err.which === 'old' ? prevName : name });
  }
  return err instanceof Error ? err.message : String(err);
}
