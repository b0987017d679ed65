import { circled, parseItemNumber } from '../normalize';
import type { ReportRow, ReportSheet } from '../report';
import type { Rule } from './types';

interface Seen {
  n: number;
  row: ReportRow;
  r: number;
  c: number;
  text: string;
}

/** 取組番号 duplicated, skipped or out of order within its section. */
export const numbering: Rule = {
  id: 'numbering',
  meta: {
    severity: 'error',
    messages: { duplicate: ['value', 'first'], skipped: ['expected', 'value'], order: ['value', 'prev'], unreadable: ['value'] },
    fixable: false,
  },
  create(ctx) {
    const sections = new Map<string, { rs: ReportSheet; items: Seen[]; style: 'circled' | 'paren' | 'plain' }>();
    const show = (n: number, style: string): string => (style === 'circled' ? circled(n) : style === 'paren' ? `(${n})` : String(n));
    return {
      row(row, rs) {
        const key = rs.type.numberColumn;
        if (!key) return;
        const cell = row.cells.get(key);
        if (!cell || cell.text.trim() === '') return; // empty is the required rule's business
        let sec = sections.get(row.sectionKey);
        if (!sec) {
          sec = { rs, items: [], style: 'circled' };
          sections.set(row.sectionKey, sec);
        }
        const last = sec.items[sec.items.length - 1];
        if (last && last.r === cell.r && last.c === cell.c) return; // one merged number cell
        const parsed = parseItemNumber(cell.text);
        if (!parsed) {
          ctx.report({ messageId: 'unreadable', data: { value: cell.text.trim() }, sheet: rs.sheet.name, r: cell.r, c: cell.c });
          return;
        }
        if (sec.items.length === 0) sec.style = parsed.style;
        sec.items.push({ n: parsed.n, row, r: cell.r, c: cell.c, text: cell.text.trim() });
      },
      end() {
        for (const { rs, items, style } of sections.values()) {
          const seen = new Map<number, Seen>();
          let max = 0;
          let prev: Seen | undefined;
          for (const it of items) {
            const first = seen.get(it.n);
            if (first) {
              ctx.report({ messageId: 'duplicate', data: { value: it.text, first: `${first.r + 1}行目` }, sheet: rs.sheet.name, r: it.r, c: it.c });
            } else if (it.n < max && prev) {
              ctx.report({ messageId: 'order', data: { value: it.text, prev: prev.text }, sheet: rs.sheet.name, r: it.r, c: it.c });
            }
            if (!first) seen.set(it.n, it);
            max = Math.max(max, it.n);
            prev = it;
          }
          // Each number never written is reported at the first item written after where it belongs.
          const gaps = new Map<Seen, number[]>();
          for (let k = 1; k < max; k++) {
            if (seen.has(k)) continue;
            const at = items.find((it) => it.n > k);
            if (!at) continue;
            gaps.set(at, [...(gaps.get(at) ?? []), k]);
          }
          for (const [at, ks] of gaps) {
            ctx.report({ messageId: 'skipped', data: { expected: ks.map((k) => show(k, style)).join('・'), value: at.text }, sheet: rs.sheet.name, r: at.r, c: at.c });
          }
        }
      },
    };
  },
};
