// The rules' Japanese text: each rule's description and one template per message id. Typed by
// the ids each rule declares (lib/rules/index.ts), so a missing or misspelt id fails to compile.
import type { RuleId, RuleMessageIds } from '../../rules';
import { format } from './format';

export interface RuleDoc<MessageIds extends string = string> {
  /** One line: what the rule checks. */
  description: string;
  messages: Readonly<Record<MessageIds, string>>;
}

/** One entry per rule id, with exactly the message ids that rule declares. */
export type RuleCatalogue = { readonly [R in RuleId]: RuleDoc<RuleMessageIds[R]> };

export const ruleDocs: RuleCatalogue = {
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
      usedInMaster: '取組番号 {value} は集約表のほかの行の番号です。加えた行は {next} から続けてください',
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

/** A rule's entry looked up by a name read at run time (a finding's rule, the CLI's list). */
export function ruleDoc(rule: string): RuleDoc | undefined {
  return Object.prototype.hasOwnProperty.call(ruleDocs, rule) ? (ruleDocs as Readonly<Record<string, RuleDoc>>)[rule] : undefined;
}

/** The text of a message the caller names in code: both names are checked at compile time. */
export function ruleMessage<R extends RuleId>(rule: R, messageId: RuleMessageIds[R], data: Record<string, string | number>): string {
  return findingMessage(rule, messageId, data);
}

/** The text of a finding's message by the names it carries; a gap shows as rule/messageId. */
export function findingMessage(rule: string, messageId: string, data: Record<string, string | number>): string {
  const messages: Readonly<Record<string, string>> | undefined = ruleDoc(rule)?.messages;
  const t = messages && Object.prototype.hasOwnProperty.call(messages, messageId) ? messages[messageId] : undefined;
  return t === undefined ? `${rule}/${messageId}` : format(t, data);
}
