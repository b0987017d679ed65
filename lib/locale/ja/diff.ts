// Messages of 変更点: `shinchoku diff`, its 変更点 sheet, and 前回との違い in the pane and page.
// The sheet's name and title prefix are file formats (lib/marks.ts DIFF_SHEET…), not these.

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
  reworded: '（{key}が書き換えられた行: ほかの欄から同じ行と判断。類似度 {pct}%）',
  addedLine: '  {row} 行目 追加: {label}',
  movedLine: '  {row} 行目 移動（{fromSheet} {fromRow} 行目 から）: {label}',
  removedTitle: '削除した行（前回の行番号）:',
  removedLine: '  {sheet} {row} 行目: {label}',
  headingsTitle: '見出しの変更（同じ列として比較）:',
  headingLine: '  {column}: 「{before}」→「{after}」（{sheets}）',
  wrote: '変更点を書き出しました: {path}',
  types: { s: '文字', n: '数値', d: '日付', b: '真偽値', e: 'エラー値', empty: '空欄' } as Record<string, string>,
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
