// `shinchoku summary`: the 概要版 drafted from a master.

export const summary = {
  usage: `使い方:
  shinchoku summary <集約表.xlsx> -o <概要.docx> [--format text|json] [--config 設定.json]
    集約表から概要版（Word）の下書きを作ります: 提言（分類・分野）ごとの見出し、取組方針などの小見出し、
    取組状況と今後の取組の各項目を ●（担当部つき、再掲は＜再掲＞）で並べます。記載のない行は載せず一覧します。
    競合（【競合】）が残るセルと、集約でまだ回答のない行（前回の記載のまま）は載せず一覧します。
    終了コード: 0 = 書き出した, 1 = 競合・未回答の行が残っている（それを載せずに書き出した）, 2 = 実行できない`,
  noInput: '概要版を作る集約表を 1 つ指定してください',
  nothing: '集約表 {path} には概要に載せる記載（取組状況・今後の取組）がありません',
  counts: '見出し {chapters} 件・小見出し {groups} 件・項目（●）{items} 件（うち＜再掲＞ {saikei} 件）',
  omitted: '記載のない {n} 行は概要に載せていません:',
  omittedRow: '  {sheet} {row} 行目: {label}',
  unanswered: 'まだ回答のない {n} 行（前回の記載のまま、記入欄に色）は概要に載せていません。回答を集約するか、前回の記載のまま載せるなら公開用に整えてから作り直してください:',
  doneUnanswered: '。まだ回答のない {n} 行（{rows}）は載せていません',
  conflicts: '競合が {n} か所に残っています。どちらの記載を採るか決めるまで、概要には載せていません:',
  doneConflicts: '。競合が残る {n} か所（{cells}）は載せていません。どちらの記載を採るか決めてから作り直してください',
  button: '概要版を作る',
  buttonHelp: '選んだ集約表から概要版（Word）の下書きを作って保存します',
  buttonHelpExcel: 'このブック（集約表）から概要版（Word）の下書きを作って保存します',
  fileSuffix: '（概要版）',
  done: '概要版を保存しました: 見出し {chapters} 件・項目（●）{items} 件（うち＜再掲＞ {saikei} 件）。記載のない {omitted} 行は載せていません',
  failed: '概要版を作れませんでした: {detail}',
  noDownload: 'この Excel（Mac）では作業ウィンドウからファイルを保存できません。ブラウザー版（{url}）で［概要版を作る］を行ってください',
};
