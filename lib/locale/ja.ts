// Every Japanese message of the product, in one place. Rules and front-ends pass ids and
// data; text is rendered here, so wording can change without touching any logic.

export interface RuleDoc {
  /** One line: what the rule checks. */
  description: string;
  messages: Record<string, string>;
}

export const ruleDocs: Record<string, RuleDoc> = {
  'department': {
    description: '担当課・担当部の記載が部署マスタにあるか（複数記載は空白・読点・改行で区切る）',
    messages: {
      unknown: '「{value}」は部署マスタにありません。「{suggestion}」ではありませんか',
      unknownNoSuggestion: '「{value}」は部署マスタにありません',
    },
  },
  'enum': {
    description: '取組区分・対象職種などが選択肢の中の値か',
    messages: {
      invalid: '{column}「{value}」は選択肢（{allowed}）にありません',
      variant: '{column}「{value}」は「{canonical}」と書いてください',
    },
  },
  'formula-no-value': {
    description: '数式の計算結果がファイルに保存されているか（保存されていない数式は空欄として読む）',
    messages: {
      noValue: '数式（={formula}）の計算結果が保存されていないため空欄として扱いました。Excel で開いて保存し直してください',
    },
  },
  'header-missing': {
    description: '報告書の種類に必要な列の見出しがあるか',
    messages: {
      missing: '見出し「{column}」の列が見つかりません（{type}）',
    },
  },
  'numbering': {
    description: '取組番号が区分ごとに重複・欠番・順序違いなく振られているか',
    messages: {
      duplicate: '取組番号 {value} が重複しています（{first} と同じ）',
      skipped: '取組番号が {expected} ではなく {value} になっています（欠番）',
      order: '取組番号 {value} が順序どおりではありません（前は {prev}）',
      unreadable: '取組番号「{value}」を番号として読めません（①、(1)、1 のように書いてください）',
    },
  },
  'required': {
    description: '担当課・担当部、取組内容、取組番号が空欄でないか、進捗欄が一つは記入されているか',
    messages: {
      empty: '{column}が空欄です',
      noProgress: '進捗欄（{columns}）がすべて空欄です',
    },
  },
  'saikei-drift': {
    description: '再掲の文が元の記載と食い違っていないか（元の記載が後から直された場合など）',
    messages: {
      drift: '再掲「{text}」が元の記載（{source}）と異なります: {diff}',
    },
  },
  'saikei-source-missing': {
    description: '再掲と書かれた文の元の記載がブック内にあるか',
    messages: {
      missing: '再掲「{text}」の元の記載がブック内に見つかりません',
    },
  },
  'saikei-unmarked': {
    description: '同じ文が別の行にも書かれているのに、どちらにも再掲の印がないか',
    messages: {
      duplicate: '「{text}」は {source} と同じ文です。再掲であれば【再掲】を付けてください',
    },
  },
};

export const severityLabel = { error: 'エラー', warning: '警告', info: '情報' } as const;

export const readErrors: Record<string, string> = {
  'empty': '空のファイルです（0 バイト）',
  'too-large': 'ファイルが大きすぎます（{size} MB、上限 {limit} MB）。画像や不要なシートを削除して保存し直してください',
  'expanded-too-large': '展開すると大きすぎるため読みません（展開後の上限 {expandedLimit} MB・セル {maxCells} 個）。圧縮爆弾などの不正なファイルか、不要なデータが大量に含まれています',
  'encrypted': 'パスワードで保護（暗号化）されているため開けません。保護を解除して保存し直してください',
  'not-spreadsheet': 'Excel ブック（.xlsx / .xls / .ods）ではありません{what}',
  'text-file': 'テキスト形式のファイル{what}です。シート名や結合セルが失われるため受け付けていません。Excel で開き「Excel ブック (*.xlsx)」形式で保存し直してください',
  'unsupported-format': 'この形式のファイル{what}には対応していません。Excel で開き「Excel ブック (*.xlsx)」形式で保存し直してください',
  'corrupt': 'ファイルが壊れているため読めません（途中で切れている・保存に失敗したなど）。元のファイルを送り直してもらってください',
  'changed': '読み込み中にファイルが変更されました。保存が終わってからもう一度実行してください',
  'not-found': 'ファイルが見つかりません',
  'unreadable': 'ファイルを読み込めません（{detail}）',
  'no-report': '報告書の見出し行（取組内容・担当課など）のあるシートがありません',
  'internal': '検査中に予期しないエラーが起きました（{detail}）。このファイルを開発担当に送ってください',
};

/** What a rejected file turned out to be, shown in parentheses after the reason. */
export const fileKinds: Record<string, string> = {
  csv: 'CSV',
  tsv: 'TSV（タブ区切り）',
  text: 'テキスト',
  html: 'Web ページ（HTML）',
  xml: 'XML',
  pdf: 'PDF',
  Word: 'Word 文書',
  PowerPoint: 'PowerPoint',
  zip: 'Excel ブックではない zip',
  Numbers: 'Numbers',
};

export const skipReasons: Record<string, string> = {
  'no-header': '報告書の見出し行がないため対象外',
  'empty': '空のシートのため対象外',
  'hidden-meta': '集約用の管理シートのため対象外',
};

export const cli = {
  usage: `使い方:
  shinchoku validate <ファイルまたはフォルダ…> [--format text|json] [--config 設定.json]
  shinchoku rules            検証ルールの一覧
  shinchoku config           既定の設定（JSON）を表示

終了コード: 0 = エラーなし, 1 = エラーあり, 2 = 読めないファイルがある・使い方の誤り`,
  unknownCommand: '不明なコマンドです: {command}',
  unknownOption: '不明なオプションです: {option}',
  missingValue: '{option} の値がありません',
  badFormat: '--format は text か json です: {value}',
  noInputs: '検証するファイルまたはフォルダを指定してください',
  noFilesInFolder: 'フォルダ {path} に Excel ブックがありません',
  configError: '設定ファイル {path} に誤りがあります:',
  configUnreadable: '設定ファイル {path} を読めません: {detail}',
  fileHeader: '■ {path}（{type}）',
  fileHeaderUnknown: '■ {path}',
  sheetHeader: '  シート「{sheet}」',
  skippedSheet: '  シート「{sheet}」: {reason}',
  findingLine: '    {cell}\t[{severity}] {message}（{rule}）',
  fixLine: '      → 修正案: 「{value}」',
  noFindings: '  指摘はありません',
  fileError: '  × 読めません: {reason}',
  summary: '合計: ファイル {files} 件、エラー {errors} 件、警告 {warnings} 件、情報 {infos} 件、読めないファイル {unreadable} 件',
  progress: '検証中 {done}/{total} {path}',
} as const;

/** Renders "{name}" placeholders; unknown ones stay visible so a gap shows in review. */
export function format(template: string, data: Record<string, string | number | undefined> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = data[k];
    return v === undefined ? m : String(v);
  });
}

export function ruleMessage(rule: string, messageId: string, data: Record<string, string | number>): string {
  const t = ruleDocs[rule]?.messages[messageId];
  return t === undefined ? `${rule}/${messageId}` : format(t, data);
}

/** Shortens cell text for a message: one line, at most n characters. */
export function excerpt(text: string, n = 30): string {
  const one = text.replace(/\s+/gu, ' ').trim();
  const chars = [...one];
  return chars.length <= n ? one : `${chars.slice(0, n).join('')}…`;
}
