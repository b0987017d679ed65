import { KEY_PREFIX } from '../marks';
import { circled, parseItemNumber } from '../normalize';
import type { ReportRow, ReportSheet } from '../report';
import type { Rule, RuleContext } from './types';

interface Seen {
  n: number;
  row: ReportRow;
  r: number;
  c: number;
  text: string;
}

type Style = 'circled' | 'paren' | 'plain';
const show = (n: number, style: Style): string => (style === 'circled' ? circled(n) : style === 'paren' ? `(${n})` : String(n));

/** The master's numbers as a reader takes them in: ①〜⑧ when they run 1..n, else each one. */
function showAll(seq: readonly number[], style: Style): string {
  if (seq.length > 2 && seq.every((n, i) => n === i + 1)) return `${show(1, style)}〜${show(seq.length, style)}`;
  return seq.map((n) => show(n, style)).join('・');
}

/**
 * A section workbook holds some rows of each section: its numbers must be a part of the
 * master's sequence (in its order, each once), or continue after the master's last one in
 * rows the section added (⑥, ⑦ after ⑤). Without the master's sequence (a sheet renamed, an
 * older split file), only duplicates and order: the gaps are other departments' rows.
 */
function checkAgainstMaster(ctx: RuleContext<NumberingMessageIds>, rs: ReportSheet, items: Seen[], style: Style, seq: readonly number[] | undefined): void {
  const rank = new Map<number, number>();
  seq?.forEach((n, i) => {
    if (!rank.has(n)) rank.set(n, i);
  });
  const top = seq ? seq.reduce((m, n) => Math.max(m, n), 0) : 0;
  let next = top + 1;
  // Split keys the rows it sends (a hidden column): a row without one, in a sheet that has them,
  // is a row the section added, and a number of the master's is another row's.
  const keyedRow = (r: number): boolean => [...(rs.sheet.rows.get(r)?.values() ?? [])].some((c) => c.text.startsWith(KEY_PREFIX));
  const keyed = seq !== undefined && items.some((it) => keyedRow(it.r));
  const seen = new Map<number, Seen>();
  let maxRank = -1;
  let prev: Seen | undefined;
  for (const it of items) {
    const first = seen.get(it.n);
    if (first) {
      ctx.report({ messageId: 'duplicate', data: { value: it.text, first: `${first.r + 1}行目` }, sheet: rs.sheet.name, r: it.r, c: it.c });
      prev = it;
      continue;
    }
    let k: number | undefined = it.n;
    if (seq) {
      k = rank.get(it.n);
      if (k !== undefined && keyed && !keyedRow(it.r)) {
        ctx.report({ messageId: 'usedInMaster', data: { value: it.text, next: show(next, style) }, sheet: rs.sheet.name, r: it.r, c: it.c });
        continue;
      }
      // A row the section added: ranked after every master number.
      if (k === undefined && it.n === next) k = seq.length + next++ - top - 1;
      if (k === undefined) {
        ctx.report({ messageId: 'notInMaster', data: { value: it.text, numbers: showAll(seq, style), next: show(next, style) }, sheet: rs.sheet.name, r: it.r, c: it.c });
        continue;
      }
    }
    if (k < maxRank && prev) ctx.report({ messageId: 'order', data: { value: it.text, prev: prev.text }, sheet: rs.sheet.name, r: it.r, c: it.c });
    seen.set(it.n, it);
    maxRank = Math.max(maxRank, k);
    prev = it;
  }
}

export type NumberingMessageIds = 'duplicate' | 'skipped' | 'order' | 'unreadable' | 'notInMaster' | 'usedInMaster';

/** 取組番号 duplicated, skipped or out of order within its section. */
export const numbering: Rule<NumberingMessageIds> = {
  id: 'numbering',
  meta: {
    severity: 'error',
    messages: {
      duplicate: ['value', 'first'],
      skipped: ['expected', 'value'],
      order: ['value', 'prev'],
      unreadable: ['value'],
      notInMaster: ['value', 'numbers', 'next'],
      usedInMaster: ['value', 'next'],
    },
    fixable: false,
  },
  create(ctx) {
    const sections = new Map<string, { rs: ReportSheet; items: Seen[]; style: Style }>();
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
        for (const [key, { rs, items, style }] of sections) {
          if (ctx.section) {
            checkAgainstMaster(ctx, rs, items, style, ctx.section.numbering.get(key));
            continue;
          }
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
