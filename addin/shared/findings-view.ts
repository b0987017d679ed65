// The findings list shared by the task pane and the standalone page: counts, one-click fixes
// per kind, then findings grouped by sheet. Text goes in through textContent only. Each
// finding's action is a real <button> (keyboard and screen readers get it for free); the
// English rule ids are for support, so they wait behind one toggle at the end.
import { groupBy } from '../../lib/collections';
import { addin as t } from '../../lib/locale/ja/addin';
import { format, severityLabel } from '../../lib/locale/ja/format';
import type { Finding, Fix, Severity } from '../../lib/rules/types';
import { h, type Child } from './dom';
import { drawPaged, PAGE, type Opened } from './paged';

export interface FindingsViewOptions {
  findings: readonly Finding[];
  selected?: Finding | null;
  onSelect?: (f: Finding) => void;
  /** Absent where fixes cannot be written (e.g. a .xls file). */
  onFix?: (fixes: Fix[]) => void;
  /** False for a finding whose cell refuses writes (locked on a protected sheet). */
  canFix?: (f: Finding) => boolean;
  /** Shown right under the selected finding (the standalone page shows the cell's text). */
  detail?: (f: Finding) => HTMLElement | null;
  /** Findings drawn per sheet, kept by the caller: a list opened further stays so when redrawn. */
  drawn?: Opened;
}

export function counts(findings: readonly Finding[]): Record<Severity, number> {
  const n: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) n[f.severity]++;
  return n;
}

/** "エラー 2 件・警告 1 件": only the severities that occur. */
export function countsText(findings: readonly Finding[]): string {
  const n = counts(findings);
  return (['error', 'warning', 'info'] as Severity[]).filter((s) => n[s] > 0).map((s) => `${severityLabel[s]} ${format(t.items, { n: n[s] })}`).join('・');
}

export function kindLabel(f: Finding): string {
  return t.fixKinds[`${f.rule}/${f.messageId}`] ?? f.rule;
}

function badge(sev: Severity): HTMLElement {
  return h('span', { class: `badge sev-${sev}` }, severityLabel[sev]);
}

export function findingItem(f: Finding, opts: FindingsViewOptions): HTMLElement {
  const fix = f.fix;
  const li = h(
    'li',
    {
      class: `finding sev-${f.severity}${opts.selected === f ? ' selected' : ''}`,
      'data-cell': `${f.sheet}!${f.cell}`,
      'data-rule': f.rule,
      // The whole row is a mouse target; the button inside is the keyboard's.
      onclick: () => opts.onSelect?.(f),
    },
    h(
      'button',
      {
        type: 'button',
        class: 'go',
        title: t.clickToSelect,
        'aria-current': opts.selected === f ? 'true' : undefined,
        onclick: (e: Event) => {
          e.stopPropagation();
          opts.onSelect?.(f);
        },
      },
      badge(f.severity),
      h('span', { class: 'cell' }, f.cell),
      h('span', { class: 'msg' }, f.message),
    ),
  );
  if (fix && opts.onFix && opts.canFix?.(f) === false) {
    li.appendChild(h('span', { class: 'locked' }, t.lockedCell));
  } else if (fix && opts.onFix) {
    li.appendChild(
      h(
        'button',
        {
          class: 'fix',
          type: 'button',
          onclick: (e: Event) => {
            e.stopPropagation();
            opts.onFix!([fix]);
          },
        },
        format(t.fixOne, { value: oneLine(fix.value) }),
      ),
    );
  }
  return li;
}

function oneLine(s: string, n = 24): string {
  const one = s.replace(/\s+/gu, ' ').trim();
  const chars = [...one];
  return chars.length <= n ? one : `${chars.slice(0, n).join('')}…`;
}

export function renderFindings(opts: FindingsViewOptions): HTMLElement {
  const { findings } = opts;
  const root = h('div', { class: 'findings' });
  root.appendChild(h('p', { class: 'counts', 'data-testid': 'counts' }, findings.length ? countsText(findings) : t.noFindings));
  if (findings.length === 0) return root;

  // All fixes of a kind at once.
  const kinds = groupBy(findings, (f) => (f.fix && opts.canFix?.(f) !== false ? `${f.rule}/${f.messageId}` : undefined));
  if (opts.onFix && kinds.size) {
    const bar = h('div', { class: 'fix-all' });
    for (const list of kinds.values()) {
      bar.appendChild(
        h('button', { type: 'button', class: 'fix-kind', onclick: () => opts.onFix!(list.map((f) => f.fix!)) }, format(t.fixAll, { kind: kindLabel(list[0]!), n: list.length })),
      );
    }
    root.appendChild(bar);
  }

  const bySheet = groupBy(findings, (f) => f.sheet);
  const item = (f: Finding): Child[] => [findingItem(f, opts), f === opts.selected && opts.detail ? h('li', { class: 'detail-item' }, opts.detail(f)) : null];
  // A page per file, shared by the sheets in order; the selected finding is always drawn.
  let budget = PAGE;
  for (const [sheet, list] of bySheet) {
    const n = counts(list);
    const parts: Child[] = [h('span', { class: 'sheet-name' }, format(t.sheetHeading, { sheet }))];
    for (const sev of ['error', 'warning', 'info'] as Severity[]) {
      if (n[sev]) parts.push(h('span', { class: `count sev-${sev}` }, `${severityLabel[sev]} ${n[sev]}`));
    }
    const selectedAt = opts.selected ? list.indexOf(opts.selected) : -1;
    const ol = h('ol', {});
    budget = Math.max(0, budget - drawPaged(ol, list, Math.max(budget, selectedAt + 1), item, 'findings-more', opts.drawn, sheet));
    root.appendChild(h('details', { class: 'sheet', open: true }, h('summary', {}, ...parts), ol));
  }
  const rules = new Map<string, number>();
  for (const f of findings) rules.set(f.rule, (rules.get(f.rule) ?? 0) + 1);
  root.appendChild(
    h('details', { class: 'rule-ids', 'data-testid': 'rule-ids' }, h('summary', {}, t.ruleIds), h('ul', {}, ...[...rules].map(([rule, n]) => h('li', {}, h('code', {}, rule), ` ${format(t.items, { n })}`)))),
  );
  return root;
}
