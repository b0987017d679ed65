// The engine: runs every registered rule over a parsed workbook and returns findings in a
// deterministic order (sheet order, row, column, rule, message).
import type { Config } from './config/schema';
import { colIndex, colName, a1 } from './grid';
import { findingMessage } from './locale/ja/rules';
import type { ParsedWorkbook } from './report';
import { rules as registry } from './rules';
import type { Finding, Rule, RuleHooks } from './rules/types';

export interface ValidateOptions {
  rules?: readonly Rule[];
  /** Workbooks consulted as 再掲 sources only; nothing in them is reported. */
  context?: readonly ParsedWorkbook[];
}

export function validateParsed(parsed: ParsedWorkbook, config: Config, opts: ValidateOptions = {}): Finding[] {
  const rules = opts.rules ?? registry;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const section = parsed.section;
  // A section workbook's carried 再掲 sources are consulted like the master's text.
  const context = section?.sources ? [...(opts.context ?? []), section.sources] : (opts.context ?? []);
  const hooks: RuleHooks[] = rules.map((rule) =>
    rule.create({
      config,
      parsed,
      context,
      ...(section ? { section } : {}),
      report(rep) {
        const data = rep.data ?? {};
        const cell = a1(rep.r, rep.c);
        // A merged cell seen from several rows is one finding at its anchor.
        const key = `${rule.id}\u0000${rep.messageId}\u0000${rep.sheet}\u0000${cell}\u0000${JSON.stringify(data)}`;
        if (seen.has(key)) return;
        seen.add(key);
        findings.push({
          rule: rule.id,
          messageId: rep.messageId,
          data,
          severity: rule.meta.severity,
          sheet: rep.sheet,
          cell,
          row: rep.r + 1,
          column: colName(rep.c),
          message: findingMessage(rule.id, rep.messageId, data),
          ...(rep.fix ? { fix: rep.fix } : {}),
        });
      },
    }),
  );
  for (const h of hooks) h.start?.();
  for (const rs of parsed.reports) {
    for (const h of hooks) h.sheet?.(rs);
    for (const row of rs.rows) for (const h of hooks) h.row?.(row, rs);
  }
  for (const h of hooks) h.end?.();
  return sortFindings(findings, parsed.workbook.sheets.map((s) => s.name));
}

export function sortFindings(findings: Finding[], sheetOrder: string[]): Finding[] {
  const order = new Map(sheetOrder.map((n, i) => [n, i]));
  const colIdx = (f: Finding): number => colIndex(f.column);
  return findings.sort(
    (a, b) =>
      (order.get(a.sheet) ?? 1e9) - (order.get(b.sheet) ?? 1e9) ||
      a.row - b.row ||
      colIdx(a) - colIdx(b) ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}
