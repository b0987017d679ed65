// A consolidation's changes to the master, as data. The CLI's writer applies it to the master's
// bytes (lib/write/apply-plan.ts); the add-in applies the same plan to the open workbook
// through Office.js (addin/office/apply-plan.ts). Nothing outside the plan changes.

/** Consolidation's colours over a cell's own fill (ARGB). */
export const MARK_FILLS = {
  conflict: 'FFF8CBAD',
  added: 'FFE2EFDA',
  // Rose: no master's heading tint is pink, and it stays darker than them in greyscale prints.
  unfilled: 'FFFF99CC',
  unauthorized: 'FFFCE4D6',
} as const;

export type PlanMark = keyof typeof MARK_FILLS;

/** What goes into a cell: always typed, never a text that Excel would turn into a number. */
export type PlanValue =
  /** `numFmt`: only where the section's format differs from the cell's own. */
  | { kind: 'number'; value: number; numFmt?: string }
  | { kind: 'boolean'; value: boolean }
  /** Text as text, even when it starts with `=` or reads as a number. */
  | { kind: 'text'; text: string }
  /** The master's own formula, put back with its last result. */
  | { kind: 'formula'; formula: string; cached: string | number | boolean | null }
  | { kind: 'clear' };

/** Why a cell is in the plan: answers and conflicts are the sections'; the rest is 集約's own. */
export type PlanRole = 'answer' | 'conflict' | 'added' | 'note' | 'note-header' | 'unfilled' | 'restore';

export interface PlanCell {
  sheet: string;
  /** Output row and column (0-based), after the plan's rows are inserted. */
  r: number;
  c: number;
  role: PlanRole;
  value?: PlanValue;
  /** Our colour over the cell's own fill. */
  mark?: PlanMark;
  /** The cell's own fill given back (an earlier run's colour taken off), as SpreadsheetML. */
  restoreFill?: string;
  /** A 集約メモ cell (wrapped, bordered), or a heading styled as the header cell `headerFrom`. */
  look?: 'note' | { headerFrom: number };
}

export interface PlanSheet {
  name: string;
  /** Worksheet XML against the master's own style table: applied to the master, or inserted whole. */
  xml: string;
  state: 'visible' | 'veryHidden';
  /** An earlier run's sheet of ours with this name is replaced. */
  replace: boolean;
  printTitles?: string;
}

export interface ConsolidationPlan {
  /** Rows inserted first: `count` rows after master row `after` (0-based), per sheet. */
  inserts: { sheet: string; after: number; count: number }[];
  /** In order; a cell may appear twice (its colour given back, then written). */
  cells: PlanCell[];
  columns: { sheet: string; c: number; width: number }[];
  /** Minimum heights (points) of output rows whose text grew. */
  heights: { sheet: string; r: number; points: number }[];
  /** Sheets whose print area grows to take in column `c` (the 集約メモ). */
  printAreas: { sheet: string; c: number }[];
  /** New or replaced sheets of ours: 集約結果 and the record. */
  sheets: PlanSheet[];
  activate?: string;
}

export function emptyPlan(): ConsolidationPlan {
  return { inserts: [], cells: [], columns: [], heights: [], printAreas: [], sheets: [] };
}
