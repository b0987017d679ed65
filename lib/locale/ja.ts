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
    description: '取組番号が区分ごとに重複・欠番・順序違いなく振られているか（分割したブックでは元の集約表の番号の並びと照らす）',
    messages: {
      duplicate: '取組番号 {value} が重複しています（{first}にもあります）',
      skipped: '取組番号が {expected} ではなく {value} になっています（欠番）',
      order: '取組番号 {value} が順序どおりではありません（前は {prev}）',
      unreadable: '取組番号「{value}」を番号として読めません（①、(1)、1 のように書いてください）',
      notInMaster: '取組番号 {value} は元の集約表のこの区分の番号（{numbers}）にありません。行を加えた場合は {next} から続けてください',
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
    description: '再掲と書かれた文の元の記載がブック内にあるか（分割したブック単体では、持ち込んだ元の文にもないものは集約時に確かめる）',
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
  'not-a-file': '通常のファイルではありません（名前付きパイプやデバイスなど）',
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
  help: `使い方:
  shinchoku validate <ファイルまたはフォルダ…> [--format text|json] [--config 設定.json]
    報告書のブックを検証し、問題をセル番地と理由で示します。
  shinchoku split <集約表.xlsx> -o <出力フォルダ> [--force] [--format text|json] [--config 設定.json]
    集約表を担当部署ごとのブックに分けます（その部署の行だけ・書式そのまま・記入欄以外は保護）。
  shinchoku consolidate <集約表.xlsx> <回答ファイルまたはフォルダ…> -o <出力.xlsx>
        [--format text|json] [--config 設定.json] [--prefer-newest] [--sheets]
    回答ブックを集約表に取りまとめ、「集約結果」シートを付けて書き出します。
    ブック内のシートを回答として使うときは ブック.xlsx#シート名、または --sheets（各シートが1部署）。
  shinchoku publish <集約済み.xlsx> -o <公開用.xlsx> [--format text|json] [--config 設定.json]
    集約済みのブックから「集約結果」シート・記録・「集約メモ」・集約で付けた色を外して書き出します。
    競合が残っていれば一覧します（終了コード 1）。
  shinchoku summary <集約表.xlsx> -o <概要.docx> [--format text|json] [--config 設定.json]
    集約表から概要版（Word）の下書きを作ります（見出し・小見出し・●項目と担当部・＜再掲＞）。
  shinchoku diff <前回.xlsx> <今回.xlsx> [-o <変更点.xlsx>] [--format text|json] [--config 設定.json]
    前回の報告書からの変更点（変わったセルと文字、追加・削除・移動した行）を示します（違いがあれば終了コード 1）。
  shinchoku rules            検証ルールの一覧
  shinchoku config           既定の設定（JSON）を表示
  shinchoku <コマンド> --help   コマンドごとの使い方（-h でも可）
  shinchoku --version        バージョンを表示（-v でも可）

終了コード: 0 = 問題なし, 1 = エラー・競合・未提出などあり, 2 = 読めないファイルがある・実行できない・使い方の誤り`,
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
  fixLineLong: '      → 修正案: 「{value}」（全 {length} 文字。全文は --format json で確認できます）',
  /** A long fix shown where it changes the cell: 「…職向け人事評価…」（「入事」→「人事」…）. */
  fixLineChange: '      → 修正案: 「{value}」（「{before}」→「{after}」、セル全体 {length} 文字は --format json で確認できます）',
  noFindings: '  指摘はありません',
  fileError: '  × 読めません: {reason}',
  summary: '合計: ファイル {files} 件、エラー {errors} 件、警告 {warnings} 件、情報 {infos} 件、読めないファイル {unreadable} 件',
  progress: '検証中 {done}/{total} {path}',
  usageValidate: `使い方:
  shinchoku validate <ファイルまたはフォルダ…> [--format text|json] [--config 設定.json]
    報告書のブックを検証し、問題をセル番地と理由で示します。
    フォルダを指定すると、中のファイルをすべて一覧します（ブックでないファイルも理由を付けて）。
    終了コード: 0 = エラーなし（警告・情報だけ）, 1 = エラーあり, 2 = 読めないファイル・ブックでないファイルがある・ブックのないフォルダ・使い方の誤り`,
  usageRules: `使い方:
  shinchoku rules
    検証ルールの一覧（ルール名・重さ・修正案の有無・内容）を表示します。`,
  usageConfig: `使い方:
  shinchoku config
    既定の設定（JSON）を表示します。ファイルに保存して書き換え、各コマンドの --config で指定できます。`,
  optionTakesNoValue: '{option} には値を付けられません: {value}',
  extraArgument: '余分な引数です: {value}',
  version: 'shinchoku {version}',
  notWorkbook: 'Excel ブックではありません（{kind}）。報告書は Excel ブック（.xlsx）で保存したものを使ってください（部署から届いたものなら .xlsx で送り直してもらってください）',
  otherFileKinds: {
    pdf: 'PDF', doc: 'Word 文書', docx: 'Word 文書', docm: 'Word 文書', rtf: 'Word 文書（RTF）', odt: '文書',
    ppt: 'PowerPoint', pptx: 'PowerPoint', txt: 'テキスト', zip: '圧縮ファイル（zip）', lzh: '圧縮ファイル', '7z': '圧縮ファイル',
    png: '画像', jpg: '画像', jpeg: '画像', gif: '画像', bmp: '画像', tif: '画像', tiff: '画像', heic: '画像', webp: '画像',
    msg: 'メール', eml: 'メール', htm: 'Web ページ', html: 'Web ページ', lnk: 'ショートカット', jtd: '一太郎', numbers: 'Numbers',
  } as Record<string, string>,
  extensionKind: '.{ext} ファイル',
  noExtensionKind: '拡張子のないファイル',
  noWorkbookInFolder: 'フォルダ {path} に Excel ブックがありません（ブックでないファイル {n} 件）',
  specialFileKind: '名前付きパイプ・デバイスなど',
  brokenLinkKind: 'リンク先のないショートカット',
  notWorkbooksHeader: '■ ブックでないファイル（{n} 件）: 検証していません。報告書なら Excel ブック（.xlsx）で保存したものを使ってください',
  notWorkbookLine: '  {path}\t{kind}',
  summaryNotWorkbooks: '、ブックでないファイル {n} 件',
  osWithCode: '{reason}（{code}）',
  osUnknown: 'システムのエラーです。もう一度実行し、続くときはこの表示を開発担当に伝えてください',
  osRead: {
    EACCES: '読む権限がありません。自分のフォルダにコピーしてから指定するか、フォルダの管理者に権限を確かめてください',
    EPERM: '読む権限がありません。自分のフォルダにコピーしてから指定するか、フォルダの管理者に権限を確かめてください',
    EBUSY: 'ほかのプログラム（Excel など）がこのファイルを開いています。閉じてからもう一度実行してください',
    ENOENT: 'ファイルが見つかりません。名前や場所が変わっていないか確かめてください',
    EIO: 'ディスクかネットワークからの読み込みに失敗しました。ファイルを手元のフォルダにコピーしてからもう一度実行してください',
    ETIMEDOUT: 'ネットワーク上の場所から応答がありません。ファイルを手元のフォルダにコピーしてからもう一度実行してください',
    ENAMETOOLONG: 'ファイル名かフォルダのパスが長すぎます。短い名前のフォルダに移してから指定してください',
    ELOOP: 'ショートカット（リンク）が自分自身を指していて、ファイルにたどり着けません',
    EMFILE: '開いているファイルが多すぎます。ほかのプログラムを閉じてからもう一度実行してください',
  } as Record<string, string>,
  osWrite: {
    ENOENT: 'フォルダ {dir} がありません。フォルダ名を確かめるか、先にフォルダを作ってください',
    EACCES: 'フォルダ {dir} に書き込む権限がないか、同じ名前のファイルが Excel などで開かれています。ファイルを閉じるか、-o で書き込めるフォルダを指定してください',
    EPERM: 'フォルダ {dir} に書き込む権限がないか、同じ名前のファイルが Excel などで開かれています。ファイルを閉じるか、-o で書き込めるフォルダを指定してください',
    EBUSY: '同じ名前のファイルが Excel などで開かれています。閉じてからもう一度実行してください',
    EROFS: 'フォルダ {dir} は読み取り専用の場所です。-o で書き込めるフォルダを指定してください',
    ENOSPC: 'ディスクの空きが足りません。不要なファイルを削除するか、-o で別のドライブのフォルダを指定してください',
    EDQUOT: '使える容量の上限に達しています。不要なファイルを削除するか、-o で別のフォルダを指定してください',
    EISDIR: '同じ名前のフォルダがあります。出力先はファイル名（例: 集約.xlsx）まで指定してください',
    ENOTDIR: '出力先のパスの途中に、フォルダでなくファイルがあります。-o の指定を確かめてください',
    EEXIST: '同じ名前のファイルがあります。-o で別の名前を指定してください',
    ENAMETOOLONG: 'ファイル名かフォルダのパスが長すぎます。-o で短い名前を指定してください',
  } as Record<string, string>,
  outputFolderMissing: '出力先のフォルダ {dir} がありません。フォルダ名を確かめるか、先にフォルダを作ってください',
  outputFolderNotFolder: '出力先の {dir} はフォルダではありません。-o の指定を確かめてください',
  readFailed: 'ファイルを読み込めません: {reason}',
  lockFile: 'Excel がブックを開いている間に作る一時ファイル（ロックファイル）で、報告書ではありません。名前の先頭の ~$ を除いた元のファイルを指定してください',
  configNotJson: 'JSON として読めません。カンマや括弧、" の対応を確かめてください（{detail}）',
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
const g = glossary;

/** split / consolidate: messages, sheet labels and marks written into workbooks. */
export const consolidate = {
  usageSplit: `使い方:
  shinchoku split <集約表.xlsx> -o <出力フォルダ> [--force] [--format text|json] [--config 設定.json]
    集約表を担当部署ごとのブックに分けます（その部署の行だけ・書式そのまま・記入欄以外は保護）。
    出力先に同じ名前のファイルがあれば、一覧して何も書き出しません（--force で上書き）。
    終了コード: 0 = 分割した, 1 = 担当部署が空欄の行がある, 2 = 実行できない（出力先に同じ名前のファイルがある場合を含む）`,
  usageConsolidate: `使い方:
  shinchoku consolidate <集約表.xlsx> <回答ファイルまたはフォルダ…> -o <出力.xlsx>
        [--format text|json] [--config 設定.json] [--prefer-newest] [--sheets]
    回答ブックを集約表に取りまとめ、「集約結果」シートを付けて書き出します。
    ブック内のシートを回答として使うときは ブック.xlsx#シート名、または --sheets（各シートが1部署）。
    終了コード: 0 = 問題なく集約, 1 = 競合・指摘・未提出などあり, 2 = 実行できない`,
  usagePublish: `使い方:
  shinchoku publish <集約済み.xlsx> -o <公開用.xlsx> [--format text|json] [--config 設定.json]
    集約済みのブックから「集約結果」シート・記録・「集約メモ」・集約で付けた色を外して書き出します。
    終了コード: 0 = 公開用に整えた, 1 = 競合が残っている, 2 = 実行できない`,
  publishRemoved: '外したシート: {sheets}',
  publishNone: 'なし',
  publishCleaned: '「集約メモ」{notes} セルを空にして列を非表示にし、集約で付けた色 {fills} セルを元に戻しました',
  publishConflicts: '競合が {n} か所に残っています。どちらの記載を採るか決めてから公開してください:',
  noOutput: '出力先を -o で指定してください',
  noMaster: '集約表（元の表）のファイルを指定してください',
  noPublishInput: '公開用に整える集約済みのブックを 1 つ指定してください',
  noSources: '回答ファイルまたはフォルダを指定してください',
  outputIsInput: '出力先 {path} は入力ファイルと同じです。別の名前を指定してください',
  outputInsideInputs: '出力先 {path} は入力フォルダの中にあります（次回の集約で回答として読まれます）',
  masterUnreadable: '集約表 {path} を読めません: {reason}',
  masterNoReport: '集約表 {path} に報告書のシート（取組内容・担当課などの見出し行）がありません',
  masterUnsupported: '集約表 {path} は使えません: {reason}。Excel で開き、「Excel ブック (*.xlsx)」で保存し直してください',
  packageReasons: {
    'not-xlsx': '.xlsx 形式のブックではありません（.xls・.ods などは分割・集約の集約表にできません）',
    'missing-part': 'ブックの部品（{detail}）が欠けています',
    'unsupported-xml': 'ブックの中の書き方（{detail}）に対応していません',
  },
  writeFailed: '{path} に書き込めません: {detail}',
  wrote: '書き出しました: {path}',
  splitLine: '  {file}\t{department}\t{rows} 行',
  splitSummary: '部署 {count} 件のブックを {dir} に書き出しました',
  splitEarlier: '注意: この集約表には前回の集約結果（シート「{sheet}」）があります。このまま集約すると、そこで反映済みの部署は未提出に数えません。新しい回なら、そのシートを削除した集約表から分割・集約してください。',
  unownedLine: '  担当部署が空欄のため、どのブックにも入れていない行: シート「{sheet}」 {cell}',
  splitRenamed: '    （部署名「{department}」は{reason}）',
  fileNameReasons: {
    replaced: 'ファイル名に使えない文字を含むため、その文字を _ に置き換えました',
    shortened: 'ファイル名として長すぎるため、短くしました',
    empty: 'ファイル名に使える文字がないため、department という名前にしました',
  } as Record<string, string>,
  progressSplit: '分割中 {done}/{total} {name}',
  progressRead: '読み込み中 {done}/{total} {name}',
  progressWrite: '集約結果を書き出し中',
  skippedMaster: '集約表そのもの {path} は回答から除きました',
  sheetNotFound: 'シート「{sheet}」がありません',

  // Reasons a whole returned file was not applied.
  fileStatus: {
    'applied': '反映',
    'duplicate': '同じ部署から複数のファイルがあるため未反映',
    'superseded': '同じ部署の新しいファイルを反映したため未反映（--prefer-newest）',
    'unknown-department': '部署を判別できないため未反映（ファイル名に部署名を入れてください）',
    'unreadable': '読めないため未反映',
    'no-report': '報告書のシートがないため未反映',
  } as Record<string, string>,
  departmentFrom: { key: '分割ブックの管理情報', 'file-name': 'ファイル名', 'sheet-name': 'シート名' } as Record<string, string>,
  status: { submitted: g.submitted, earlier: g.earlier, missing: g.missing, duplicate: g.duplicate, unusable: g.unusable, 'unknown': g.unknownDepartment } as Record<string, string>,

  // Why a cell of a returned workbook is listed instead of landing in the output.
  cellReasons: {
    'unauthorized': `${g.unauthorized}のため未反映`,
    'outside-table': '表の外のセルのため未反映',
    'extra-column': '集約表にない列のため未反映',
    'unrelated-sheet': '集約表にないシートのため未反映',
    'no-place': '追加行の置き場所（取組方針・分類）が分からないため未反映',
  } as Record<string, string>,

  // Written into the workbooks.
  keyHeader: '集約キー（変更しないでください）',
  metaSheet: '_shinchoku',
  metaTitle: 'shinchoku 分割ブック管理情報（変更しないでください）',
  metaDepartment: '部署',
  metaMaster: '元の集約表',
  metaFormat: '形式',
  // Rows below those: the master's context the section's own check needs (lib/section.ts).
  metaNumbering: '取組番号の並び',
  metaSaikeiSource: '再掲の元',
  noteHeader: '集約メモ',
  stateSheet: '_shinchoku_集約',
  stateTitle: 'shinchoku 集約の記録（次の集約で使います。変更しないでください）',
  noteConflict: `${g.conflict}（{departments}）: 各部署の記載を残しています。どれを採るか決めてください`,
  noteUnauthorized: `${g.unauthorized}あり（未反映）: {department}「{file}」{cell}`,
  noteAdded: `${g.added}: {department}「{file}」`,
  // These four are recognised in last round's files by the text before "{": keep that part.
  noteMissing: `${g.missing}: {departments}`,
  noteDuplicate: '同じ部署から複数のファイルがあり未反映: {departments}',
  noteUnusable: 'ファイルに不備があり未反映: {departments}',
  noteDropped: '返送ファイルにこの行がなく未反映: {departments}',
  noteTaken: '反映: {departments}',
  conflictHead: `【${g.conflict}】`,
  conflictPart: '［{department}］',

  // The 集約結果 sheet.
  summarySheet: '集約結果',
  summaryTitle: '集約結果（{master}）',
  summaryCountsTitle: '件数',
  /** One row each, the number in its own cell. */
  summaryCounts: {
    departments: '部署', submitted: g.submitted, earlier: g.earlier, missing: g.missing, duplicate: g.duplicate, unusable: g.unusable,
    conflicts: g.conflict, unauthorized: g.unauthorized, added: g.added, dropped: g.dropped, findings: g.finding, unplaced: g.unplaced,
  },
  summaryFolder: '回答のフォルダ: {folders}',
  summaryDeptHeader: ['部署', '状況', 'ファイル', '反映行数', '変更行数', '内訳'],
  summaryDeptDetail: `${g.conflict} {conflicts}／${g.unauthorized} {unauthorized}／${g.added} {added}／${g.dropped} {dropped}／${g.finding} {findings}`,
  summaryDeptTitle: '部署ごとの提出状況',
  summaryLateHelp: `後から届いた回答は、このブックを集約表にしてもう一度集約すると反映できます（ここで「${g.submitted}」「${g.earlier}」の部署は${g.missing}に数えません）。新しい回を始めるときは、このシートを削除してから分割してください。`,
  /** What the colours on the report sheets mean; each line is shown on its own colour. */
  summaryLegendTitle: '報告書のシートの色',
  summaryLegend: {
    unfilled: `${g.missing}・${g.duplicate}・${g.unusable}・${g.dropped}: ${g.unchanged}の行（記入欄に色）`,
    conflict: `${g.conflict}: 部署ごとの記載を残したセル`,
    added: `${g.added}: 部署が加えた行`,
    unauthorized: `${g.unauthorized}（反映していません）`,
  } as Record<string, string>,
  summaryDetailTitle: '詳細（セルをクリックすると該当箇所へ移動します）',
  summaryDetailHeader: ['区分', '部署', 'ファイル', 'シート', 'セル', '内容'],
  kinds: {
    conflict: g.conflict,
    unauthorized: g.unauthorized,
    added: g.added,
    missing: g.missing,
    duplicate: `${g.duplicate}のため未反映`,
    unusable: `${g.unusable}のため未反映`,
    dropped: g.dropped,
    finding: g.finding,
    unplaced: g.unplaced,
    file: 'ファイル',
  } as Record<string, string>,
  detailConflict: '{count} 部署が異なる記載: {departments}',
  detailUnauthorized: '回答 {sourceCell}:「{before}」→「{after}」（反映していません）',
  detailAdded: '回答 {sourceSheet} {sourceRow} 行目: 「{text}」',
  detailMissing: `担当 {rows} 行は${g.unchanged}です（{cells}）`,
  detailDuplicate: `同じ部署から複数のファイルがあり、担当 {rows} 行は${g.unchanged}です（{cells}）`,
  detailUnusable: `ファイルを反映できなかったため、担当 {rows} 行は${g.unchanged}です（{cells}）`,
  detailDropped: `返送されたファイルに担当 {rows} 行が見つからず、${g.unchanged}です（{cells}）。削除・書き換えの意図か部署に確認してください`,
  listJoin: '、',
  cellJoin: ' ／ ',
  lineBreakMark: '⏎',
  detailFinding: '[{severity}] {message}（{rule}）',
  detailUnplaced: '{reason}:「{text}」',
  detailFile: '{status}{reason}',
  noneLine: 'なし',

  // Text report of the CLI.
  textDept: '  {department}\t{status}\t{files}\t反映 {rows} 行',
  textFolder: '回答のフォルダ: {folders}',
  textSection: '■ {title}（{count} 件）',
  textItem: '  {sheet}!{cell}\t{department}\t{text}',
  textFinding: '[{severity}] {message}（{rule}）',
  textFileLine: '  {file}\t{department}\t{status}',
  textTotals: `合計: 部署 {departments}、${g.submitted} {submitted}、${g.earlier} {earlier}、${g.missing} {missing}、${g.duplicate} {duplicate}、${g.unusable} {unusable}、${g.conflict} {conflicts}、${g.unauthorized} {unauthorized}、${g.added} {added}、${g.dropped} {dropped}、${g.finding} {findings}、${g.unplaced} {unplaced}`,
  textCells: 'セル: 回答 {in} = 反映 {out} + 元と同じ {base} + 管理用 {control} + 一覧に記載 {reported}',
  departmentTie: 'ファイル名が{departments}のどれにも当てはまり、部署を判別できません。「{example}」のように、局名か頭文字を付けた名前に変えてください',
  unknownDepartmentTie: '部署を判別できないため未反映: {tie}',
  splitExisting: '出力先のフォルダ {dir} に、同じ名前のファイルが {n} 件あります。何も書き出していません（配布済みのブックや返送されたブックを上書きしないため）:',
  splitExistingLine: '  {file}',
  splitExistingHelp: '上書きしてよければ --force を付けて、そうでなければ空のフォルダを -o で指定して、もう一度実行してください。',
  reasonWithTie: '{reason}／{tie}',
} as const;

/** The Excel add-in and the standalone page (addin/). */
export const addin = {
  title: '進捗チェック',
  starting: '読み込んでいます…',
  /** Static text of the pages, replaced as soon as the script runs: what an old webview (EdgeHTML, IE) shows. */
  unsupported: 'この画面を表示できません。お使いの Excel のアドイン表示機能が古いためです。Microsoft 365 または Excel 2021 以降、Excel on the web、またはブラウザー版を新しい Microsoft Edge / Google Chrome で開いてお使いください。',
  modeExcel: 'Excel',
  modeStandalone: 'ブラウザー（ファイルはこのパソコンの外に送られません）',
  tabValidate: '検証',
  tabConsolidate: '集約',
  dropHere: 'ここに Excel ブックをドロップするか、クリックして選んでください（複数可）',
  dropReturned: '返ってきたブックをドロップするか、クリックして選んでください（複数可）',
  pickFiles: 'ファイルを選ぶ',
  noFilesYet: 'まだブックがありません',
  checking: '「{name}」を検証しています…',
  loaded: '{n} 件のブックを検証しました',
  counts: 'エラー {errors} 件・警告 {warnings} 件・情報 {infos} 件',
  noFindings: '指摘はありません',
  sheetHeading: 'シート「{sheet}」',
  clickToSelect: 'クリックするとセルを表示します',
  fixOne: '修正:「{value}」',
  fixAll: '{kind}をすべて修正（{n} 件）',
  fixKinds: {
    'enum/variant': '選択肢の表記',
    'department/unknown': '担当課の表記',
    'saikei-drift/drift': '再掲の文',
  } as Record<string, string>,
  fixed: '{n} か所を修正しました（{name}）。保存ボタンで修正済みのブックを保存できます',
  fixFailed: '「{name}」を修正できませんでした: {detail}',
  fixedSuffix: '（修正済み）',
  saveFixed: '修正済みのブックを保存（{n} か所修正）',
  cannotPatch: 'このファイル形式（.xls / .ods）には修正を書き込めません。Excel で .xlsx として保存し直してください',
  removeFile: '一覧から外す',
  fileError: '「{name}」: {reason}',
  skippedSheets: '対象外のシート: {sheets}',
  detailHeading: 'シート「{sheet}」のセル {cell}',
  cellContent: 'セルの内容:',
  emptyCell: '（空欄）',
  fixSuggestion: '修正案:「{value}」',
  // Inside Excel.
  validating: '検証しています…',
  validated: '検証しました（報告書のシート {n} 枚）。編集すると自動で検証し直します',
  revalidate: '再検証',
  showMarks: 'セルに印を付ける',
  noReportInBook: 'このブックには報告書の見出し行（取組内容・担当課など）のあるシートがありません',
  writing: 'ブックに書き込んでいます…',
  waitingForEdit: 'セルを編集中のため待っています。編集を終える（Enter）と続けます',
  fixedInBook: '{n} か所を修正しました',
  officeError: 'Excel とのやり取りでエラーが起きました: {detail}',
  protectedSheet: 'シートが保護されているため書き込めません。［校閲］→［シート保護の解除］をしてから、もう一度お試しください',
  stillEditing: 'セルの編集中のため書き込めませんでした。編集を終えて（Enter）から、もう一度お試しください',
  tooLarge: '一度に送受信するデータが Excel の上限（約 5 MB）を超えました。画像の多いブックや、とても大きな貼り付けで起きます。ブラウザー版でもお試しいただけます',
  inputRulesButton: '入力規則を設定',
  inputRulesDone: '取組区分・対象職種・担当課の列 {n} か所に入力規則（リスト）を設定しました',
  inputRulesNone: '入力規則を設定できる列（取組区分・対象職種・担当課）が見つかりません',
  inputRuleTitle: '進捗チェック',
  inputRuleMessage: '一覧にない値です。一覧から選んでください（担当課を複数書く場合はそのまま続けられます）',
  // 集約.
  consolidateHelpStandalone: 'マスター（事務局の元のブック）と、各部署から返ってきたブックを読み込み、マスターを選んで「集約」を押してください。集約したマスターをダウンロードできます。',
  consolidateHelpExcel: 'このブックをマスターとして、返ってきたブックの記入内容を書き込みます。マスターの書式はそのまま残ります。',
  colMaster: 'マスター',
  colSource: '集約する',
  colFile: 'ファイル',
  asMaster: '「{name}」をマスターにする',
  asSource: '「{name}」を集約に含める',
  consolidateButton: '集約',
  consolidateIntoBook: '集約してこのブックに書き込む',
  consolidateSheetsButton: 'ブック内のシートから集約',
  sectionSheetsFound: 'このブックに部署のシートがあります: {sheets}',
  splitButton: '部署別に分割',
  clearFills: '集約の色を消す',
  fillsCleared: '集約で付けた色を消しました（元の書式はそのままです）',
  consolidating: '{n} 件のブックを集約しています…',
  consolidated: '{n} 件のブックを集約しました',
  consolidatedInBook: '{n} 件を集約し、{cells} セルを書き込みました（追加行 {rows} 行）',
  consolidateFailed: '集約できませんでした: {detail}',
  consolidatedSuffix: '（集約）',
  saveConsolidated: '集約したマスターを保存（{name}）',
  readingMaster: 'このブックを読み込んでいます…',
  openWorkbook: '開いているブック.xlsx',
  splitZipSuffix: '_部署別',
  publishButton: '公開用に整える',
  publishHelp: '集約済みのマスターから「集約結果」シート・記録・「集約メモ」・集約で付けた色を外したブックを保存します',
  publishSuffix: '（公開用）',
  publishDone: '公開用のブックを保存しました（外したシート {sheets} 件、元に戻した色 {fills} セル）',
  publishConflictsLeft: '公開用のブックを保存しましたが、競合が {n} か所に残っています（{cells}）。どちらの記載を採るか決めてからもう一度整えてください',
  publishFailed: '公開用に整えられませんでした: {detail}',
  publishConfirm: 'このブックから「集約結果」シート・集約の記録・「集約メモ」列の内容・集約で付けた色を取り除きます。アドインからの変更は元に戻せないため、必要なら先に別名で保存してください。',
  publishGo: '取り除く',
  publishCancel: 'やめる',
  publishedInBook: '公開用に整えました（削除したシート {sheets} 件、元に戻した色 {fills} セル）',
  publishedInBookConflicts: '公開用に整えましたが、競合が {n} か所に残っています（{cells}）。どちらの記載を採るか決めてください',
  splitDone: '部署別のブック {n} 件を ZIP にまとめて保存しました（担当のない行 {unowned} 行）',
  splitDoneEarlier: '。前回の集約結果シート「{sheet}」があります: 新しい回なら削除してください',
  splitFailed: '分割できませんでした: {detail}',
  sumCounts: `${g.submitted} {submitted} 部署・${g.missing} {missing} 部署{others}・${g.conflict} {conflicts} 件・${g.unauthorized} {unauthorized} 件・${g.finding} {findings} 件`,
  sumMissing: `${g.missing}: {names}`,
  /** In sumCounts only when there are such departments. */
  sumOthers: { earlier: `・${g.earlier} {n} 部署`, duplicate: `・${g.duplicate} {n} 部署`, unusable: `・${g.unusable} {n} 部署` } as Record<string, string>,
  sumListTitle: '{title}（{n} 件）',
  sumConflicts: `${g.conflict}（同じセルに別々の記入）`,
  sumUnauthorized: `${g.unauthorized}（反映していません）`,
  sumUnauthorizedItem: '{department}:「{before}」→「{after}」',
  sumAdded: g.added,
  sumDropped: `${g.dropped}（${g.unchanged}）`,
  sumAddedItem: '{department}（{file}）',
  sumFindings: g.finding,
  sumUnplaced: g.unplaced,
  sumFiles: '反映しなかったファイル',
  colDepartment: '部署',
  colStatus: '状況',
  colRows: '行数',
  colFiles: 'ファイル',
  deptStatus: { submitted: g.submitted, earlier: g.earlier, missing: g.missing, duplicate: `${g.duplicate}（反映せず）`, unusable: `${g.unusable}（反映せず）` } as Record<string, string>,
  severity: { error: 'エラー', warning: '警告', info: '情報' } as Record<string, string>,
  // Protected sheets (split's section workbooks), Excel's limits, start-up.
  protectedMarksOff: 'シート「{sheets}」は保護されているため、そこではセルの印・メモ・入力規則を付けません（指摘は一覧から選ぶとセルを表示します）。',
  protectedMarksOffMany: 'このブックのシート {n} 枚は保護されているため、そこではセルの印・メモ・入力規則を付けません（指摘は一覧から選ぶとセルを表示します）。',
  fixedSomeLocked: '{n} か所を修正しました。保護されたセルの {locked} か所はそのままです',
  fixLockedOnly: '保護されたセルのため修正しませんでした（{locked} か所）',
  lockedCell: '保護されたセルのため、ここでは修正できません',
  ruleIds: '規則名（お問い合わせ用）',
  consolidateDoneHint: 'もう一度集約するには、返ってきたブックを読み込み直してください',
  officeSlow: 'Excel との接続に時間がかかっています（5 秒以上）。しばらく待っても変わらないときは、作業ウィンドウを閉じて開き直してください',
  splitNoDownload: 'この Excel（Mac）では作業ウィンドウからファイルを保存できません。ブラウザー版（{url}）で［部署別に分割］を行ってください',
  /** Display strings of manifest.xml (the manifest test checks they match). */
  manifest: {
    displayName: '進捗チェック',
    description: '進捗報告書（Excel）を入力しながら検証し、返ってきたブックを一度で集約します。',
    groupLabel: '進捗報告',
    tabLabel: '進捗チェック',
    validateLabel: '検証',
    validateTip: '開いている報告書を検証し、指摘をセルに表示します。',
    consolidateLabel: '集約',
    consolidateTip: '返ってきたブックをこのマスターに集約します。',
    getStartedTitle: '進捗チェックを使う',
    getStartedDescription: '「進捗チェック」タブの［検証］［集約］から始めてください。',
  },
};

/** `shinchoku summary`: the 概要版 drafted from a master. */
export const summary = {
  usage: `使い方:
  shinchoku summary <集約表.xlsx> -o <概要.docx> [--format text|json] [--config 設定.json]
    集約表から概要版（Word）の下書きを作ります: 提言（分類・分野）ごとの見出し、取組方針などの小見出し、
    取組状況と今後の取組の各項目を ●（担当部つき、再掲は＜再掲＞）で並べます。記載のない行は載せず一覧します。
    終了コード: 0 = 書き出した, 2 = 実行できない`,
  noInput: '概要版を作る集約表を 1 つ指定してください',
  nothing: '集約表 {path} には概要に載せる記載（取組状況・今後の取組）がありません',
  counts: '見出し {chapters} 件・小見出し {groups} 件・項目（●）{items} 件（うち＜再掲＞ {saikei} 件）',
  omitted: '記載のない {n} 行は概要に載せていません:',
  omittedRow: '  {sheet} {row} 行目: {label}',
  button: '概要版を作る',
  buttonHelp: '選んだ集約表から概要版（Word）の下書きを作って保存します',
  fileSuffix: '（概要版）',
  done: '概要版を保存しました: 見出し {chapters} 件・項目（●）{items} 件（うち＜再掲＞ {saikei} 件）。記載のない {omitted} 行は載せていません',
  failed: '概要版を作れませんでした: {detail}',
};

export const diff = {
  usage: `使い方:
  shinchoku diff <前回.xlsx> <今回.xlsx> [-o <変更点.xlsx>] [--format text|json] [--config 設定.json]
    前回の報告書と今回の報告書を行ごとに照らし、変わったセル（変わった文字に印）、追加・削除・移動した行を示します。
    行は取組内容などで照合し（書き換えられた取組内容も、ほかの欄が同じなら同じ行とし、類似度を示します）、
    列は見出しの年度が変わっても同じ列として比べます。
    -o: 今回のブックの写しに、変わったセルの色と「変更点」シート（各セルへのリンク付き）を付けて書き出します。
    終了コード: 0 = 違いなし, 1 = 違いあり, 2 = 実行できない`,
  noInputs: '前回と今回の報告書を 2 つ指定してください',
  unreadable: '{which} {path} を読めません: {reason}',
  noReport: '{which} {path} に報告書のシート（取組内容・担当課などの見出し行）がありません',
  typeMismatch: '前回 {old} は「{oldType}」、今回 {new} は「{newType}」で、報告書の種類が違います。同じ種類の報告書を指定してください',
  outputUnsupported: '今回のブック {path} には印を付けた写しを作れません: {reason}。Excel で開き、「Excel ブック (*.xlsx)」で保存し直してください',
  old: '前回',
  new: '今回',
  title: '変更点: 前回 {old} → 今回 {new}',
  counts: 'セルの変更 {changed} 件、追加した行 {added} 件、削除した行 {removed} 件、移動した行 {moved} 件',
  none: '違いはありません',
  headingsNote: '見出しの変更 {n} 件（年度などの言い回しだけが違う同じ列として比べました）',
  cellLine: '  {cell} {column}: {text}',
  namedLine: '  {cell} {column}を「{before}」から「{after}」に変更',
  typeChange: '（{before}→{after}）',
  reworded: '（取組内容が書き換えられた行: ほかの欄から同じ行と判断。類似度 {pct}%）',
  addedLine: '  {row} 行目 追加: {label}',
  movedLine: '  {row} 行目 移動（{fromSheet} {fromRow} 行目 から）: {label}',
  removedTitle: '削除した行（前回の行番号）:',
  removedLine: '  {sheet} {row} 行目: {label}',
  headingsTitle: '見出しの変更（同じ列として比較）:',
  headingLine: '  {column}: 「{before}」→「{after}」（{sheets}）',
  wrote: '変更点を書き出しました: {path}',
  types: { s: '文字', n: '数値', d: '日付', b: '真偽値', e: 'エラー値', empty: '空欄' } as Record<string, string>,
  sheetName: '変更点',
  sheetTitle: '変更点（前回 {old} → 今回 {new}）',
  sheetHelp: '色の付いたセルが前回から変わったセルです。「セル」のリンクから移動できます。公開用に整える（publish）と色とこのシートは外れます。',
  sheetHeader: ['種類', 'シート', 'セル', '列', '前回', '今回', '備考'],
  kinds: { changed: '変更', named: '区分・担当の変更', added: '追加行', removed: '削除行', moved: '移動', heading: '見出し' } as Record<string, string>,
  legend: { changed: '変わったセル', added: '追加した行', moved: '移動した行' } as Record<string, string>,
  legendTitle: '色の意味',
  noteReworded: '取組内容の書き換え（類似度 {pct}%）',
  noteMovedFrom: '{sheet} {row} 行目から移動',
  noteRemovedAt: '前回 {row} 行目',
  noteSameColumn: '同じ列として比較',
  sheetsMore: '{sheet} ほか {n} シート',
};

/** 前回との違い in the pane and the browser page (the same list as `shinchoku diff`). */
export const diffPane = {
  title: '前回との違い',
  help: '前回の報告書（ファイル）を選ぶと、このブックとの違い（変わったセル・追加・削除・移動した行）を一覧します。',
  helpExcel: '項目をクリックすると、そのセルへ移動します。',
  helpStandalone: '項目をクリックすると、前回と今回の記載を表示します。',
  pick: '前回の報告書を選ぶ',
  comparing: '{name} と比べています…',
  compared: '前回 {name} と比べました: {counts}',
  failed: '前回との違いを出せませんでした: {detail}',
  noBook: 'ブックを読み込んでから比べてください',
  removedAt: '（前回 {row} 行目）',
  before: '前回',
  after: '今回',
  clear: '一覧を閉じる',
};
