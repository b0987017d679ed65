// The consolidation summary: what the CLI prints as JSON and the 集約結果 sheet shows.
import type { ConsolidationPlan } from '../plan';
import type { Severity } from '../rules/types';
import type { Workbook } from '../grid';

/** A returned workbook (bytes from a file or a file picker) or sheets already in the grid model. */
export interface Source {
  /** File name, or `BOOK.xlsx#シート名` for one sheet of a shared workbook. */
  name: string;
  bytes?: Uint8Array;
  workbook?: Workbook;
  /** Only this sheet of the workbook is the source. */
  sheet?: string;
  /** Last modified, ms since the epoch (for --prefer-newest). */
  modified?: number;
  /** The caller could not read it (not found, no permission): the reason, in Japanese. */
  error?: string;
}

export interface ConsolidateOptions {
  masterName?: string;
  /** Name of the output shown in the summary. */
  outputName?: string;
  /** Two files from one department: take the newest instead of neither. */
  preferNewest?: boolean;
  /** Run the core rules on each returned workbook (default true). */
  validate?: boolean;
  /** Only these sheets of the master are the master (a shared book also holds section sheets). */
  masterSheets?: string[];
  /** Called after each source is read. */
  onProgress?: (done: number, total: number, name: string) => void;
  /** Called as each phase ends, with its milliseconds: where the time goes (npm run bench). */
  onPhase?: (phase: ConsolidatePhase, ms: number) => void;
  /**
   * Also return `trace`, where every non-empty cell of every returned workbook went (tests,
   * audits). Off by default: building it on demand would keep every returned workbook alive
   * for as long as the result (34 MB for the bench's 100 files).
   */
  trace?: boolean;
}

export type ConsolidatePhase = 'master' | 'read' | 'validate' | 'merge' | 'write' | 'account' | 'output';

export type FileStatus = 'applied' | 'duplicate' | 'superseded' | 'unknown-department' | 'unreadable' | 'no-report' | 'other-type' | 'same-file';
/**
 * unusable: the department sent file(s), but none could be applied (unreadable, no report).
 * earlier: no file this time, but taken by the consolidation whose output is the master now.
 */
export type DeptStatus = 'submitted' | 'earlier' | 'missing' | 'duplicate' | 'unusable';
export type CellReason = 'unauthorized' | 'outside-table' | 'extra-column' | 'unrelated-sheet' | 'no-place';

export interface FileSummary {
  file: string;
  department: string | null;
  departmentFrom: 'key' | 'file-name' | 'sheet-name' | null;
  status: FileStatus;
  /** Japanese reason for anything but applied. */
  reason?: string;
  /** Non-empty cells in the file. */
  cells: number;
  /** The run of the round that was given it (1 = the round's first consolidation). */
  run?: number;
}

/** A file that could not be taken: its department's problem until it sends again. */
export const FILE_PROBLEMS: ReadonlySet<FileStatus> = new Set(['duplicate', 'unreadable', 'no-report', 'other-type']);

export interface DepartmentSummary {
  name: string;
  status: DeptStatus;
  files: string[];
  /** Rows of the department found in its file. */
  rowsTaken: number;
  /** Of those, rows with at least one change applied. */
  rowsChanged: number;
  conflicts: number;
  unauthorized: number;
  added: number;
  /** Its rows its taken file lacked (listed in `unfilled` as `dropped`). */
  dropped: number;
  findings: number;
}

export interface Contribution {
  department: string;
  file: string;
  sheet: string;
  cell: string;
  text: string;
}

export interface ConflictItem {
  /** Where in the output (the master's sheet and cell). */
  sheet: string;
  cell: string;
  row: number;
  departments: string[];
  contributions: Contribution[];
  /** The run of the round that found it (1 = the round's first consolidation). */
  run?: number;
}

export interface UnauthorizedItem {
  department: string;
  file: string;
  /** Output (master) sheet and cell the change was aimed at. */
  sheet: string;
  cell: string;
  row: number;
  /** Where the change is in the returned file. */
  sourceSheet: string;
  sourceCell: string;
  before: string;
  after: string;
  /** The run of the round that found it (1 = the round's first consolidation). */
  run?: number;
}

export interface AddedItem {
  department: string;
  file: string;
  /** Output sheet and row (1-based) where the added row was placed. */
  sheet: string;
  row: number;
  cell: string;
  sourceSheet: string;
  sourceRow: number;
  texts: Record<string, string>;
}

export interface FindingItem {
  department: string | null;
  file: string;
  rule: string;
  severity: Severity;
  sheet: string;
  cell: string;
  message: string;
  /** The run of the round that found it (1 = the round's first consolidation). */
  run?: number;
}

export interface UnplacedItem {
  department: string | null;
  file: string;
  sheet: string;
  cell: string;
  reason: CellReason;
  message: string;
  text: string;
  /** The run of the round that found it (1 = the round's first consolidation). */
  run?: number;
}

export interface MissingRowsItem {
  department: string;
  /**
   * Why the rows keep the master's text: no file came, two came, its file was unusable, or
   * its file was taken but lacked the row (deleted by the section, or its 取組内容 rewritten).
   */
  status: 'missing' | 'duplicate' | 'unusable' | 'dropped';
  sheet: string;
  cell: string;
  row: number;
}

export interface CellCounts {
  /** Non-empty cells in every returned workbook. */
  in: number;
  /** Landed in the output (taken, added, kept inside a conflict). */
  out: number;
  /** Same text as the master at the same place (headings, unchanged cells). */
  base: number;
  /** Our own keys and metadata. */
  control: number;
  /** Listed in this summary with a reason (cells, or whole files not applied). */
  reported: number;
}

export interface Summary {
  output: string;
  master: string;
  departments: DepartmentSummary[];
  missing: string[];
  files: FileSummary[];
  conflicts: ConflictItem[];
  unauthorized: UnauthorizedItem[];
  added: AddedItem[];
  findings: FindingItem[];
  unplaced: UnplacedItem[];
  /** Rows left with the master's text because their department's answer did not reach them. */
  unfilled: MissingRowsItem[];
  /** Cells whose text a department deleted (an answer, but one nothing else would show). */
  cleared: ClearedItem[];
  cells: CellCounts;
}

export interface ClearedItem {
  department: string;
  file: string;
  /** Output sheet and cell, now empty. */
  sheet: string;
  cell: string;
  row: number;
  /** What the cell held before. */
  before: string;
}

export interface CellTrace {
  file: string;
  sheet: string;
  cell: string;
  text: string;
  fate: 'out' | 'base' | 'control' | 'reported';
  /** For out: the output sheet and cell that holds the text. */
  at?: { sheet: string; cell: string };
}

export interface ConsolidateResult {
  /** The master with the plan applied. */
  bytes: Uint8Array;
  summary: Summary;
  /** Every change made to the master, for front-ends that apply it themselves (the add-in). */
  plan: ConsolidationPlan;
  /** Every non-empty cell of every returned workbook and where it went; with `trace: true`. */
  trace?: CellTrace[];
  /** The 集約結果 of an earlier run of this round, which the output replaces (late answers). */
  earlierSummary?: string;
}
