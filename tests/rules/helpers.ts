// Small in-memory workbooks for the per-rule tests: a sheet is written as rows of cells the
// way a person reads it (row 1 first), merges as A1 ranges. Real .xlsx files are covered by
// tests/seeds.test.ts; here each test states its layout in a few lines.
import { defaultConfig } from '../../lib/config';
import { emptySheet, parseA1, setCell, type Sheet, type Workbook } from '../../lib/grid';
import { META_ROW, META_SHEET, META_TITLE } from '../../lib/marks';
import { parseWorkbook } from '../../lib/report';
import { rules } from '../../lib/rules';
import type { Finding } from '../../lib/rules/types';
import { validateParsed } from '../../lib/validate';

export const config = defaultConfig();

export type Cells = (string | null | undefined)[];

export const TEIGEN_HEADER = ['取組内容', '令和6年度から\n令和7年度上半期の取組状況', '自己評価', '令和7年度\n下半期の取組内容', '取組\n区分', '担当部'];
export const VISION_HEADER = ['対象職種', '取組\n番号', '9月までの取組', '10月以降の取組', '担当課'];
export const PLAN_HEADER = ['具体的取組', '取組結果'];

/** A sheet from rows (row 1 first); null or undefined leaves a cell empty. */
export function sheet(name: string, rows: Cells[], merges: string[] = []): Sheet {
  const s = emptySheet(name);
  rows.forEach((cells, r) => {
    cells.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      setCell(s, r, c, { value: v, text: v });
    });
  });
  for (const m of merges) {
    const [a, b] = m.split(':') as [string, string];
    s.merges.push({ s: parseA1(a), e: parseA1(b) });
  }
  return s;
}

export function book(...sheets: Sheet[]): Workbook {
  return { name: 'test.xlsx', sheets };
}

/** A 提言 sheet: 取組方針 row, header in row 2, data from row 3. */
export function teigenSheet(name: string, data: Cells[], merges: string[] = []): Sheet {
  return sheet(name, [['取組方針ア', '方針の文'], TEIGEN_HEADER, ...data], merges);
}

/** A 分類 sheet: header in row 1, data from row 2. */
export function visionSheet(name: string, data: Cells[], merges: string[] = []): Sheet {
  return sheet(name, [VISION_HEADER, ...data], merges);
}

/**
 * The very hidden sheet split writes into a section workbook: its department, then what it
 * carries of the master (`[取組番号の並び, sheet, levels, '1,2,3']`, `[再掲の元, sheet, A1, text]`).
 */
export function sectionMeta(carried: Cells[], department = '保) 健康企画課'): Sheet {
  const s = sheet(META_SHEET, [
    [META_TITLE],
    [META_ROW.department, department],
    [META_ROW.master, 'master.xlsx'],
    [META_ROW.format, '1'],
    ...carried,
  ]);
  s.hidden = true;
  return s;
}

/** Findings of one rule (or of all rules) on a workbook. */
export function run(wb: Workbook, ruleId?: string): Finding[] {
  const selected = ruleId === undefined ? rules : rules.filter((r) => r.id === ruleId);
  if (ruleId !== undefined && selected.length !== 1) throw new Error(`no rule ${ruleId}`);
  return validateParsed(parseWorkbook(wb, config), config, { rules: selected });
}

/** Flat table: "sheet!cell rule/messageId". */
export function table(findings: Finding[]): string[] {
  return findings.map((f) => `${f.sheet}!${f.cell} ${f.rule}/${f.messageId}`);
}

/** A teigen data row with every column filled and valid, overridden by `over`. */
export function teigenRow(over: Partial<Record<'content' | 'status' | 'evaluation' | 'plan' | 'category' | 'department', string>> = {}): Cells {
  const v = {
    content: '○取組の内容を書く。',
    status: '・上半期に実施した。',
    evaluation: '・一定の成果があった。',
    plan: '・下半期も継続する。',
    category: '継続',
    department: '子)子育て支援部',
    ...over,
  };
  return [v.content, v.status, v.evaluation, v.plan, v.category, v.department];
}

/** A vision data row, valid unless overridden. */
export function visionRow(over: Partial<Record<'job' | 'no' | 'sep' | 'oct' | 'dept', string>> = {}): Cells {
  const v = { job: '保健師', no: '①', sep: '・研修を実施した。', oct: '・引き続き実施する。', dept: '保) 健康企画課', ...over };
  return [v.job, v.no, v.sep, v.oct, v.dept];
}
