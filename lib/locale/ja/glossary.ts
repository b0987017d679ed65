// The one word per idea every audience uses (CLI, 集約結果 sheet, pane, README).

/**
 * One word per idea, for every audience: the CLI, the 集約結果 sheet, the pane and the README
 * use these and nothing else for the same thing (tests/glossary.test.ts holds them to it).
 */
export const glossary = {
  /** A department's file was taken this run. */
  submitted: '提出',
  /** Taken by an earlier run of the same round. */
  earlier: '前回までに反映',
  missing: '未提出',
  /** Two or more files for one department: none taken. */
  duplicate: '重複',
  /** Only unreadable files or files without a report sheet. */
  unusable: 'ファイル不備',
  unknownDepartment: '部署不明',
  /** A change to a row of another department: listed, not taken. */
  unauthorized: '担当外の変更',
  /** Two departments wrote the same cell differently: both kept. */
  conflict: '競合',
  added: '追加行',
  /** The taken file lacks a row the department owns. */
  dropped: '返送ファイルにない行',
  /** A row nobody answered for keeps the master's text. */
  unchanged: '前回の記載のまま',
  finding: '検証の指摘',
  unplaced: '反映されなかったセル',
} as const;

export type GlossaryTerm = keyof typeof glossary;
