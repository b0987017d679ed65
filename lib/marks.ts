// The add-in's own marks, as file-format identifiers: the always-true conditional formats it
// colours cells with, and the cell notes it writes (ExcelApi 1.18). The library knows them by
// these formulas and the notes' first line, so split, consolidate and publish take them out
// of the files they write (a mark must not travel to a section, back
// into the master, or into a published file).
export const MARK_FORMULA = '=LEN("shinchoku")>0';
export const CONSOLIDATION_FORMULA = '=LEN("shinchoku-consolidate")>0';

/** Whether a conditional-format formula (with or without its `=`) is one of the add-in's marks. */
export function isPaneMark(formula: string): boolean {
  const f = formula.trim().replace(/^=/, '');
  return f === MARK_FORMULA.slice(1) || f === CONSOLIDATION_FORMULA.slice(1);
}

/** The first line of every note the add-in writes; others' notes never start with it. */
export const NOTE_PREFIX = '【進捗チェック】';

/**
 * Whether a note's text (a legacy comment's runs joined) is one of the add-in's. Excel may put
 * the author's name and a colon on a line of its own before the text.
 */
export function isPaneNote(text: string): boolean {
  const t = text.replace(/^\s+/, '');
  if (t.startsWith(NOTE_PREFIX)) return true;
  const nl = t.indexOf('\n');
  return nl > 0 && nl <= 256 && /[:：]\s*$/.test(t.slice(0, nl)) && t.slice(nl + 1).replace(/^\s+/, '').startsWith(NOTE_PREFIX);
}
