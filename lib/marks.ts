// File-format identifiers: what shinchoku writes into workbooks and reads back from them on the
// next run (sheet names, row labels, headers, note markers, the add-in's conditional formats).
// They are part of the file format, not wording: changing one orphans every file already sent
// out. Messages live in lib/locale; nothing here is derived from them.

/**
 * Our marks: the always-true conditional formats the add-in (and `diff -o`) colours cells with,
 * and the notes the add-in writes (ExcelApi 1.18). split, consolidate and publish take them out
 * of the files they write, so a mark never travels to a section, back into the master, or into
 * print.
 */
export const MARK_FORMULA = '=LEN("shinchoku")>0';
export const CONSOLIDATION_FORMULA = '=LEN("shinchoku-consolidate")>0';
/** `diff -o`: cells changed since the previous report, and rows added since. */
export const DIFF_FORMULA = '=LEN("shinchoku-diff")>0';
export const DIFF_ADDED_FORMULA = '=LEN("shinchoku-diff-added")>0';
export const DIFF_MOVED_FORMULA = '=LEN("shinchoku-diff-moved")>0';
/** The sheet `diff -o` adds, and how its A1 title starts (frozen: publish knows it by both). */
export const DIFF_SHEET = '変更点';
export const DIFF_TITLE_PREFIXES: readonly string[] = ['変更点（'];

const OURS = new Set([MARK_FORMULA, CONSOLIDATION_FORMULA, DIFF_FORMULA, DIFF_ADDED_FORMULA, DIFF_MOVED_FORMULA].map((f) => f.slice(1)));

/**
 * Whether a conditional-format formula (with or without its `=`) is one of the add-in's marks.
 * split, consolidate and publish take them out of the files they write (a mark must not travel
 * to a section, back into the master, or into a published file).
 */
export function isPaneMark(formula: string): boolean {
  const f = formula.trim().replace(/^=/, '');
  return OURS.has(f);
}

/**
 * A hidden workbook-level defined name `next` writes: the workbook is the distribution
 * template of the period it holds (`"令和7年度下半期"`), not yet answered. Split carries it
 * into the section workbooks (they are copies of the master); consolidate takes it out.
 */
export const TEMPLATE_NAME = '_shinchoku_template';
/** A hidden sheet-local defined name naming the 前回 column `next` adds (`'提言1-ア'!$G:$G`). */
export const PREVIOUS_NAME = '_shinchoku_previous';

/** The column (0-based) a 前回 name holds (`'提言1-ア'!$G:$G`, `='提言1-ア'!$G:$G` as Office.js gives it). */
export function previousColumn(formula: string | undefined): number | undefined {
  const m = /!\$?([A-Z]{1,3}):\$?\1$/.exec(formula ?? '');
  if (!m) return undefined;
  let c = 0;
  for (const ch of m[1]!) c = c * 26 + ch.charCodeAt(0) - 64;
  return c - 1;
}

/** The period a template name holds: its string constant, or undefined when it is not one. */
export function templatePeriod(formula: string | undefined): string | undefined {
  const m = /^\s*=?\s*"((?:[^"]|"")*)"\s*$/.exec(formula ?? '');
  return m ? m[1]!.replace(/""/g, '"') : undefined;
}

/** The formula of a template name: a string constant (Excel doubles quotes inside). */
export function templateFormula(period: string): string {
  return `"${period.replace(/"/g, '""')}"`;
}

/** split's very hidden sheet in each section workbook: who it is for, and what it carries. */
export const META_SHEET = '_shinchoku';
export const META_TITLE = 'shinchoku 分割ブック管理情報（変更しないでください）';
/** Row labels of META_SHEET, column A (department, master and format at rows 2–4). */
export const META_ROW = {
  department: '部署',
  master: '元の集約表',
  format: '形式',
  /** Rows below those: the master's context the section's own check needs (lib/section.ts). */
  numbering: '取組番号の並び',
  saikeiSource: '再掲の元',
} as const;

/** Header of split's hidden key column in each report sheet of a section workbook. */
export const KEY_HEADER = '集約キー（変更しないでください）';
/** How each row key split writes into that column begins (consolidate/model.ts keyOf). */
export const KEY_PREFIX = 'shinchoku:v1:';

/** consolidate's very hidden record, read by the next run of the round. */
export const STATE_SHEET = '_shinchoku_集約';
export const STATE_TITLE = 'shinchoku 集約の記録（次の集約で使います。変更しないでください）';

/** The name consolidate gives its summary sheet (the record names the one it wrote). */
export const SUMMARY_SHEET = '集約結果';
/**
 * How the title in A1 of a summary sheet starts, as every release wrote it: the check that a
 * sheet the record names is still ours. Frozen; a new title adds its prefix, never replaces one.
 */
export const SUMMARY_TITLE_PREFIXES: readonly string[] = ['集約結果（'];

/** Header of the notes column consolidate adds beside each report table. */
export const NOTE_HEADER = '集約メモ';

/**
 * Leads each note on who answered a row (未提出, 重複, ファイル不備, 返送ファイルにない行). Those
 * notes are said afresh by every run, so the next run takes its predecessor's out by this
 * signature, whatever their wording. Not prose: a rewording of the messages leaves it alone.
 */
export const STATUS_NOTE_MARK = '◇';

/**
 * How the notes on who answered began before STATUS_NOTE_MARK (releases up to 2026-12), frozen
 * here so last round's files are still recognised. Never derived from the live messages.
 */
export const LEGACY_STATUS_NOTES: readonly string[] = [
  '未提出: ',
  '同じ部署から複数のファイルがあり未反映: ',
  'ファイルに不備があり未反映: ',
  '返送ファイルにこの行がなく未反映: ',
];

/** Whether one line of a 集約メモ cell is a note on who answered, by this or an earlier release. */
export function isStatusNote(line: string): boolean {
  return line.startsWith(STATUS_NOTE_MARK) || LEGACY_STATUS_NOTES.some((p) => line.startsWith(p));
}

/** First line of a cell where departments wrote differently; publish finds what is left by it. */
export const CONFLICT_HEAD = '【競合】';
/** A cell consolidation left holding a conflict (every answer, each after its departments). */
export function isConflictText(text: string): boolean {
  return text.startsWith(CONFLICT_HEAD);
}
/** Heads each department's text in such a cell. */
export function conflictPart(department: string): string {
  return `［${department}］`;
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
