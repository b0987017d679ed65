import { deptMaster, isKnown, suggestDepartment, tokenizeDepartments, type DeptToken } from '../departments';
import { normalize } from '../normalize';
import { a1 } from '../grid';
import type { Rule } from './types';

/** The kind of unit a name ends in (部, 課 …), when it ends in one (児童相談書 is a slip, no level). */
function levelOf(name: string): string | undefined {
  const last = normalize(name).slice(-1);
  return '局部課室所係院署館園'.includes(last) ? last : undefined;
}

export type DepartmentMessageIds = 'unknown' | 'unknownNoSuggestion';

/** 担当課/担当部 entries missing from the master, with the nearest known name. */
export const department: Rule<DepartmentMessageIds> = {
  id: 'department',
  meta: { severity: 'error', messages: { unknown: ['value', 'suggestion'], unknownNoSuggestion: ['value'] }, fixable: true },
  create(ctx) {
    const master = deptMaster(ctx.config);
    // One department text repeats down a section's rows: tokenize, look up and find the
    // nearest name once (the nearest name costs an edit distance to every known entry).
    const unknownIn = new Map<string, { t: DeptToken; s: ReturnType<typeof suggestDepartment> }[]>();
    return {
      row(row, rs) {
        for (const col of rs.type.columns) {
          if (!col.department) continue;
          const cell = row.cells.get(col.key);
          if (!cell || cell.carried) continue;
          let unknown = unknownIn.get(cell.text);
          if (!unknown) {
            unknown = tokenizeDepartments(cell.text).filter((t) => !isKnown(master, t)).map((t) => ({ t, s: suggestDepartment(master, t) }));
            unknownIn.set(cell.text, unknown);
          }
          for (const { t, s } of unknown) {
            if (!s) {
              ctx.report({ messageId: 'unknownNoSuggestion', data: { value: t.raw }, sheet: rs.sheet.name, r: cell.r, c: cell.c });
              continue;
            }
            // Only a near, unambiguous suggestion is certain enough to offer as a fix, and only one
            // that keeps the bureau written (保) → 区) moves the row to others in split) and the
            // level (a 部 fixed to a 課 is another unit).
            const written = levelOf(t.name);
            // A name broken over lines (保)ウェルネス推進⏎部) reads as two unknown pieces: a fix of
            // one would leave the other behind, so neither is fixed.
            const broken = unknown.some((u) => u.t !== t && (u.t.prefix === undefined || t.prefix === undefined) && Math.min([...u.t.name].length, [...t.name].length) <= 3);
            const certain = !broken && s.unique && s.distance <= 2 && (t.prefix === undefined || t.prefix === s.prefix) && (written === undefined || written === levelOf(s.name));
            // Keep the writer's style: 子)名前 or 子) 名前.
            const spaced = /[)）]\s/.test(t.raw);
            const value = cell.text.slice(0, t.start) + (spaced ? s.display : s.display.replace(') ', ')')) + cell.text.slice(t.end);
            ctx.report({
              messageId: 'unknown',
              data: { value: t.raw, suggestion: [s.display, ...s.alternatives].join('」か「') },
              sheet: rs.sheet.name,
              r: cell.r,
              c: cell.c,
              ...(certain ? { fix: { sheet: rs.sheet.name, cell: a1(cell.r, cell.c), value } } : {}),
            });
          }
        }
      },
    };
  },
};
