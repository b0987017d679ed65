import type { Rule } from './types';

export type HeaderMissingMessageIds = 'missing';

/** A column the report type needs has no header; the columns found are still checked. */
export const headerMissing: Rule<HeaderMissingMessageIds> = {
  id: 'header-missing',
  meta: { severity: 'error', messages: { missing: ['column', 'type'] }, fixable: false },
  create(ctx) {
    return {
      sheet(rs) {
        for (const r of rs.headerRows) {
          const map = rs.columnMaps.get(r)!;
          const first = Math.min(...map.values());
          for (const col of rs.missing.get(r) ?? []) {
            ctx.report({ messageId: 'missing', data: { column: col.label, type: rs.type.name }, sheet: rs.sheet.name, r, c: first });
          }
        }
      },
    };
  },
};
