// The add-in's own marks, as file-format identifiers: the always-true conditional formats it
// colours cells with. The library knows them by these formulas, so split, consolidate and
// publish take them out of the files they write (a mark must not travel to a section, back
// into the master, or into a published file).
export const MARK_FORMULA = '=LEN("shinchoku")>0';
export const CONSOLIDATION_FORMULA = '=LEN("shinchoku-consolidate")>0';

/** Whether a conditional-format formula (with or without its `=`) is one of the add-in's marks. */
export function isPaneMark(formula: string): boolean {
  const f = formula.trim().replace(/^=/, '');
  return f === MARK_FORMULA.slice(1) || f === CONSOLIDATION_FORMULA.slice(1);
}

/**
 * A hidden workbook-level defined name `next` writes: the workbook is the distribution
 * template of the period it holds (`"令和7年度下半期"`), not yet answered. Split carries it
 * into the section workbooks (they are copies of the master); consolidate takes it out.
 */
export const TEMPLATE_NAME = '_shinchoku_template';
/** A hidden sheet-local defined name naming the 前回 column `next` adds (`'提言1-ア'!$G:$G`). */
export const PREVIOUS_NAME = '_shinchoku_previous';

/** The period a template name holds: its string constant, or undefined when it is not one. */
export function templatePeriod(formula: string | undefined): string | undefined {
  const m = /^\s*=?\s*"((?:[^"]|"")*)"\s*$/.exec(formula ?? '');
  return m ? m[1]!.replace(/""/g, '"') : undefined;
}

/** The formula of a template name: a string constant (Excel doubles quotes inside). */
export function templateFormula(period: string): string {
  return `"${period.replace(/"/g, '""')}"`;
}
