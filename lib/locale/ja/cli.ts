// The command line: help, options, file listings and what the OS said, in words a clerk can act on.

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
  shinchoku next <集約表.xlsx> -o <次の期の集約表.xlsx> [--period 令和8年度上半期] [--format text|json] [--config 設定.json]
    次の期の配布用の集約表を作ります（見出しの期を進め、期ごとに書く欄を空に、前回の予定は「前回」の列に）。
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
  fileNoReport: '  × 検証できません: {reason}',
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

/** `shinchoku next`: the next period's master (年度更新). */
export const nextPeriod = {
  usage: `使い方:
  shinchoku next <集約表.xlsx> -o <次の期の集約表.xlsx> [--period 令和8年度上半期] [--format text|json] [--config 設定.json]
    今の期の集約表から次の期の配布用の集約表を作ります: 見出しの期（年度・上半期・下半期・時点）を進め、
    期ごとに書く欄（取組状況・自己評価・今後の取組など）を空にし、前回の予定は表の右の「前回」の列に残します。
    取組内容・取組区分・担当部と書式はそのまま。「集約結果」シート・集約の記録・「集約メモ」・色の印は外します。
    --period で次の期を指定できます（見出しから今の期を読み取れないときは必須）。続けて split で配布します。
    終了コード: 0 = 書き出した, 1 = 競合が残っている（確かめてください）, 2 = 実行できない`,
  noInput: '次の期の集約表を作る、今の期の集約表を 1 つ指定してください',
  badPeriod: '--period の期を読み取れません: {value}（例: 令和8年度上半期、令和8年度下半期{yearly}）',
  badPeriodYearly: '、年 1 回の報告書は 令和8年度末',
  noPeriod: '集約表 {path} の見出しから今の期を読み取れません。--period 令和8年度上半期 のように次の期を指定してください',
  nextOfTemplate: '{path} は next で作った配布用の集約表（{period}）で、まだ回答を集約していません。もう一度 next すると「前回」の列が空になります。回答を集約したブックから作ってください',
  notLater: '--period の期が、集約表 {path} の今の期（{from}）より後ではありません。次の期（{next} など）を指定してください',
  mixedPeriod: '集約表 {path} の見出しの期がそろっていません（{periods}）。見出しを直すか、--period で次の期を指定してください',
  noRule: '集約表 {path} の報告書（{type}）には期の進め方の設定（period）がありません。設定ファイルに追加してください',
  wrote: '{path} に書き出しました（{from} → {to}）',
  fromUnknown: '期の見出しなし',
  headings: '見出しを {n} か所書き換えました:',
  headingLine: '  {sheet}!{cell}: {before} → {after}',
  cleared: '期ごとに書く欄 {cells} セルを空にし、前回の記載 {carried} 件を「前回」の列に残しました',
  removed: '外したシート: {sheets}。「集約メモ」{notes} セルを空にし、集約で付けた色 {fills} セルを元に戻しました',
  none: 'なし',
  conflicts: '競合が {n} か所に残っています（期ごとに書く欄でないため空にしていません）。どちらの記載を採るか決めてください:',
  next: '続けて split で各部署に配布できます',
};
