// split / consolidate / publish: their messages and the words written into workbooks for people.
// File-format identifiers (sheet names, row labels, note markers) live in lib/marks.ts, not here.
import { glossary as g } from './glossary';

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
  masterNoDepartment: '集約表 {path} のシート「{sheets}」の表に、見出し「{header}」の列がありません{also}。分割は担当部署ごとに行うため、表に見出し「{header}」の列を加えて各行に担当部署（例: 子)子育て支援部）を記入し、保存してからもう一度分割してください',
  masterNoDepartmentAlso: '（見出しは{headers}でも構いません）',
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
  unknownLine: '  部署マスタにない部署名: 「{department}」（{sheet}!{cell}）。誤記なら集約表を直してから分割し直してください（そのままではこの名前のブックができ、正しい部署のブックにその行が入りません）',
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
  otherType: '回答は「{file}」、集約表は「{master}」です。集約表を選び直してください',
  sameFile: '「{file}」と同じ内容です',
  fileStatus: {
    'applied': '反映',
    'duplicate': '同じ部署から複数のファイルがあるため未反映',
    'superseded': '同じ部署の新しいファイルを反映したため未反映（--prefer-newest）',
    'unknown-department': '部署を判別できないため未反映（ファイル名に部署名を入れてください）',
    'unreadable': '読めないため未反映',
    'no-report': '報告書のシートがないため未反映',
    'other-type': '集約表と報告書の種類が違うため未反映',
    'same-file': '同じ内容のファイルを反映したため、こちらは使わず',
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

  // Notes written beside the rows (the 集約メモ column). Who-answered notes are recognised on the
  // next run by lib/marks.ts's STATUS_NOTE_MARK, not by this wording: reword freely.
  noteConflict: `${g.conflict}（{departments}）: 各部署の記載を残しています。どれを採るか決めてください`,
  noteUnauthorized: `${g.unauthorized}あり（未反映）: {department}「{file}」{cell}`,
  noteAdded: `${g.added}: {department}「{file}」`,
  noteMissing: `${g.missing}: {departments}`,
  noteDuplicate: '同じ部署から複数のファイルがあり未反映: {departments}',
  noteUnusable: 'ファイルに不備があり未反映: {departments}',
  noteDropped: '返送ファイルにこの行がなく未反映: {departments}',
  noteTaken: '反映: {departments}',

  // The 集約結果 sheet.
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
    cleared: '消した記載',
  } as Record<string, string>,
  detailCleared: '部署が記載を消しました（前の記載:「{before}」）',
  detailConflict: '{count} 部署の記載が {variants} 通りに分かれています: {departments}',
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
