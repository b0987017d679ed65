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
