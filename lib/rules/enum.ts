import { a1 } from '../grid';
import { normalize } from '../normalize';
import { columnLabel } from '../report';
import type { Rule } from './types';

export type EnumMessageIds = 'invalid' | 'variant';

/** Values outside their code list; a value that only differs by spacing or width gets a fix. */
export const enumRule: Rule<EnumMessageIds> = {
  id: 'enum',
  meta: { severity: 'error', messages: { invalid: ['column', 'value', 'allowed'], variant: ['column', 'value', 'canonical'] }, fixable: true },
  create(ctx) {
    const lists = new Map<string, Map<string, string>>();
    for (const [name, values] of Object.entries(ctx.config.codeLists)) {
      lists.set(name, new Map(values.map((v) => [normalize(v), v])));
    }
    return {
      row(row, rs) {
        for (const col of rs.type.columns) {
          if (!col.codeList) continue;
          const cell = row.cells.get(col.key);
          // Carried-down values were checked where they were written.
          if (!cell || cell.carried || cell.text.trim() === '') continue;
          const allowed = ctx.config.codeLists[col.codeList] ?? [];
          if (allowed.includes(cell.text)) continue;
          const canonical = lists.get(col.codeList)?.get(normalize(cell.text));
          if (canonical !== undefined) {
            ctx.report({
              messageId: 'variant',
              data: { column: columnLabel(rs, row.r, col), value: cell.text, canonical },
              sheet: rs.sheet.name,
              r: cell.r,
              c: cell.c,
              fix: { sheet: rs.sheet.name, cell: a1(cell.r, cell.c), value: canonical },
            });
          } else {
            ctx.report({
              messageId: 'invalid',
              data: { column: columnLabel(rs, row.r, col), value: cell.text, allowed: allowed.join('、') },
              sheet: rs.sheet.name,
              r: cell.r,
              c: cell.c,
            });
          }
        }
      },
    };
  },
};
