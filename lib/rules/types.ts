// The rule contract, after eslint's rules: meta plus hooks that report findings at cells.
import type { Config } from '../config/schema';
import type { ParsedWorkbook, ReportRow, ReportSheet } from '../report';
import type { SectionContext } from '../section';

export type Severity = 'error' | 'warning' | 'info';

/** A certain fix, as plain data; applying it is someone else's job. */
export interface Fix {
  sheet: string;
  cell: string;
  value: string;
}

/**
 * After typescript-eslint's `createRule<MessageIds>`: a rule names its message ids as a union
 * type, so reporting an id it did not declare, or the locale lacking one, fails to compile.
 */
export interface RuleMeta<MessageIds extends string = string> {
  /** Default severity. */
  severity: Severity;
  /** Message ids and the placeholders each one uses (text lives in the locale). */
  messages: Record<MessageIds, readonly string[]>;
  fixable: boolean;
}

export interface Report<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  sheet: string;
  /** 0-based row and column of the cell the finding is about. */
  r: number;
  c: number;
  fix?: Fix;
}

export interface RuleContext<MessageIds extends string = string> {
  config: Config;
  parsed: ParsedWorkbook;
  /** Other workbooks whose text may be a 再掲 source (the master, for a returned file). */
  context: readonly ParsedWorkbook[];
  /**
   * Set when the workbook is one split made (it holds some rows of the master): what it
   * carries of the master. Its carried 再掲 sources are already in `context`.
   */
  section?: SectionContext;
  report(r: Report<MessageIds>): void;
}

export interface RuleHooks {
  start?(): void;
  sheet?(rs: ReportSheet): void;
  row?(row: ReportRow, rs: ReportSheet): void;
  end?(): void;
}

export interface Rule<MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<MessageIds>;
  create(ctx: RuleContext<MessageIds>): RuleHooks;
}

export interface Finding {
  rule: string;
  messageId: string;
  data: Record<string, string | number>;
  severity: Severity;
  sheet: string;
  cell: string;
  /** 1-based row number and column letters, as Excel shows them. */
  row: number;
  column: string;
  message: string;
  fix?: Fix;
}
