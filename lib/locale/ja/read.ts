// Reading a file: why it could not be read, what it turned out to be, why a sheet was skipped.
import type { ReadErrorCode } from '../../read/sheetjs';
import type { SkippedSheet } from '../../report';

/** Why a file could not be used: the reader's codes and those of the callers around it. */
export type ReadMessageId = ReadErrorCode | 'not-found' | 'unreadable' | 'not-a-file' | 'no-report' | 'internal';

export const readErrors: Readonly<Record<ReadMessageId, string>> = {
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

export const skipReasons: Readonly<Record<SkippedSheet['reason'], string>> = {
  'no-header': '報告書の見出し行がないため対象外',
  'empty': '空のシートのため対象外',
  'hidden-meta': '集約用の管理シートのため対象外',
};
