// Our own marks, as file-format identifiers: the always-true conditional formats the add-in and
// `diff -o` colour cells with. The library knows them by these formulas, so split, consolidate and
// publish take them out of the files they write (a mark must not travel to a section, back
// into the master, or into a published file).
export const MARK_FORMULA = '=LEN("shinchoku")>0';
export const CONSOLIDATION_FORMULA = '=LEN("shinchoku-consolidate")>0';
/** `diff -o`: cells changed since the previous report, and rows added since. */
export const DIFF_FORMULA = '=LEN("shinchoku-diff")>0';
export const DIFF_ADDED_FORMULA = '=LEN("shinchoku-diff-added")>0';
export const DIFF_MOVED_FORMULA = '=LEN("shinchoku-diff-moved")>0';

const OURS = new Set([MARK_FORMULA, CONSOLIDATION_FORMULA, DIFF_FORMULA, DIFF_ADDED_FORMULA, DIFF_MOVED_FORMULA].map((f) => f.slice(1)));

/** Whether a conditional-format formula (with or without its `=`) is one of the add-in's marks. */
export function isPaneMark(formula: string): boolean {
  const f = formula.trim().replace(/^=/, '');
  return OURS.has(f);
}
