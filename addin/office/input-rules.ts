// 「入力規則を設定」: which columns of the open report get which list, from the parsed report.
import type { Config } from '../../lib/config/schema';
import { deptMaster } from '../../lib/departments';
import type { ParsedWorkbook } from '../../lib/report';
import type { ListRule } from './write';

/** Empty rows below a table that still get the dropdown, for rows sections add. */
export const SPARE_ROWS = 100;

export interface InputRulePlan {
  /** Lists in column order of the hidden sheet: each code list, then the departments. */
  names: string[];
  lists: string[][];
  rules: ListRule[];
}

export function planInputRules(parsed: ParsedWorkbook, config: Config): InputRulePlan {
  const names = Object.keys(config.codeLists);
  const lists = names.map((n) => [...config.codeLists[n]!]);
  const deptIndex = names.length;
  names.push('担当課');
  lists.push(deptMaster(config).entries.map((e) => (e.prefix ? `${e.prefix})${e.name}` : e.name)));
  const rules: ListRule[] = [];
  for (const rs of parsed.reports) {
    const headers = [...rs.headerRows].sort((a, b) => a - b);
    headers.forEach((h, i) => {
      const next = headers[i + 1];
      const rowsOfTable = rs.rows.filter((row) => row.r > h && (next === undefined || row.r < next));
      const last = rowsOfTable.length ? rowsOfTable[rowsOfTable.length - 1]!.r : h;
      const r1 = next === undefined ? last + SPARE_ROWS : next - 1;
      if (r1 <= h) return;
      for (const col of rs.type.columns) {
        const c = rs.columnMaps.get(h)?.get(col.key);
        if (c === undefined) continue;
        if (col.codeList && names.includes(col.codeList)) {
          rules.push({ sheet: rs.sheet.name, c, r0: h + 1, r1, list: names.indexOf(col.codeList), strict: true });
        } else if (col.department) {
          // A cell may name several departments, so a warning lets that through.
          rules.push({ sheet: rs.sheet.name, c, r0: h + 1, r1, list: deptIndex, strict: false });
        }
      }
    });
  }
  return { names, lists, rules };
}
