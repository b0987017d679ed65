// The user-editable configuration (code lists, department master, report types), checked
// with zod so a mistake in the JSON gets a message naming the path, in Japanese.
import { z } from 'zod';

const nonEmpty = z.string().trim().min(1);

/** A header synonym: a literal label, or a regular expression written as "/…/". */
const headerPattern = nonEmpty.refine(
  (s) => {
    if (!(s.startsWith('/') && s.endsWith('/') && s.length > 2)) return true;
    try {
      new RegExp(s.slice(1, -1), 'u');
      return true;
    } catch {
      return false;
    }
  },
  { message: '正規表現として解釈できません' },
);

export const ColumnSchema = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9]*$/, 'key は英小文字で始まる英数字です'),
  label: nonEmpty,
  headers: z.array(headerPattern).min(1),
  required: z.boolean().default(false),
  /** Names a list in codeLists: the value must be one of it. */
  codeList: nonEmpty.optional(),
  /** Cell holds department names checked against the master. */
  department: z.boolean().default(false),
  /** Cell holds an item number (①, (1), 1). */
  number: z.boolean().default(false),
  /** Progress column: a row with all of them empty has nothing reported. */
  progress: z.boolean().default(false),
  /** Empty cells inherit the value above (a column whose merges were flattened). */
  carryDown: z.boolean().default(false),
  /** Part of the text that 再掲 matching looks at. */
  text: z.boolean().default(false),
  /** The header may be absent without a header-missing finding. */
  optional: z.boolean().default(false),
  /** Written anew each period: `next` empties it in the next period's master. */
  perPeriod: z.boolean().default(false),
  /** Its last text is shown beside the table in the next period (the 前回 column). */
  carry: z.boolean().default(false),
});

/** Placeholders of a period heading: numbers of 令和, the first one kept as it was. */
export const PERIOD_PLACEHOLDERS = ['年度', '翌年度', '年', '開始'] as const;

/** A heading text in each form of the period: {年度} {翌年度} {年} {開始} stand for numbers. */
const periodForm = nonEmpty.refine((s) => [...s.matchAll(/\{([^}]*)\}/g)].every((m) => (PERIOD_PLACEHOLDERS as readonly string[]).includes(m[1]!)), {
  message: `{} の中は ${PERIOD_PLACEHOLDERS.join('・')} のどれかです`,
});

export const PeriodSchema = z
  .object({
    /** half: 上半期 and 下半期 each 年度; year: once, at 年度末. */
    cycle: z.enum(['half', 'year']),
    /** Texts that name the period (headings, the title's 時点), one entry per text, by form. */
    headings: z.array(z.object({ 上半期: periodForm.optional(), 下半期: periodForm.optional(), 年度末: periodForm.optional() })).default([]),
    /** Header of the 前回 column: {見出し} the carried column's old header, {前回} the old period. */
    previousHeader: nonEmpty.default('前回の記載\n（{見出し}）'),
  })
  .superRefine((p, ctx) => {
    const need = p.cycle === 'half' ? (['上半期', '下半期'] as const) : (['年度末'] as const);
    p.headings.forEach((h, i) => {
      for (const k of need) if (!h[k]) ctx.addIssue({ code: 'custom', path: ['headings', i, k], message: `「${k}」の書き方がありません` });
    });
  });

export const SectionPatternSchema = z.object({
  /** Level name shown to people, e.g. 提言, 取組方針, 分類. */
  level: nonEmpty,
  /** Regular expression (without slashes) matched against the normalized first non-empty cell. */
  pattern: nonEmpty,
});

export const ReportTypeSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  name: nonEmpty,
  columns: z.array(ColumnSchema).min(1),
  /** Columns that must be found for a header row to count as this report type. */
  detect: z.object({ minColumns: z.number().int().min(1) }),
  /** Sheet-name patterns (regex source) whose groups give the hierarchy; tried in order. */
  sheetNames: z.array(z.object({ pattern: nonEmpty, levels: z.array(nonEmpty).min(1) })).default([]),
  /** Rows above the header or between data rows that open a section. */
  sections: z.array(SectionPatternSchema).default([]),
  /** Column keys whose values identify a row inside its section (for matching returned files). */
  rowKey: z.array(nonEmpty).min(1),
  /** Column key the numbering rule checks, if any. */
  numberColumn: nonEmpty.optional(),
  /** How `next` advances the period of this report's headings. */
  period: PeriodSchema.optional(),
});

export const DepartmentSchema = z.object({
  /** Name as written after the prefix, e.g. 子育て支援部. */
  name: nonEmpty,
  /** The bureau this belongs to, e.g. 子ども未来局 (a bureau names itself). */
  bureau: nonEmpty,
  kind: z.enum(['bureau', 'department', 'section']),
  aliases: z.array(nonEmpty).default([]),
});

export const BureauSchema = z.object({
  name: nonEmpty,
  /** One-character prefix used in 担当課 cells: 子) 子育て支援部. */
  prefix: z.string().length(1),
});

export const ConfigSchema = z
  .object({
    codeLists: z.record(nonEmpty, z.array(nonEmpty).min(1)),
    bureaus: z.array(BureauSchema).min(1),
    departments: z.array(DepartmentSchema),
    reportTypes: z.array(ReportTypeSchema).min(1),
    saikei: z
      .object({
        /** Unmarked repeats shorter than this (normalized) are ignored. */
        minUnmarkedLength: z.number().int().min(1).default(20),
        /** Similarity (0–1) from which a marked bullet counts as drifted from a source. */
        driftThreshold: z.number().min(0).max(1).default(0.6),
      })
      .prefault({}),
  })
  .superRefine((cfg, ctx) => {
    const lists = new Set(Object.keys(cfg.codeLists));
    cfg.reportTypes.forEach((rt, i) => {
      const keys = new Set(rt.columns.map((c) => c.key));
      rt.columns.forEach((col, j) => {
        if (col.codeList && !lists.has(col.codeList)) {
          ctx.addIssue({
            code: 'custom',
            path: ['reportTypes', i, 'columns', j, 'codeList'],
            message: `コードリスト「${col.codeList}」が codeLists にありません`,
          });
        }
      });
      rt.rowKey.forEach((k, j) => {
        if (!keys.has(k)) {
          ctx.addIssue({ code: 'custom', path: ['reportTypes', i, 'rowKey', j], message: `列 key「${k}」がありません` });
        }
      });
      if (rt.numberColumn && !keys.has(rt.numberColumn)) {
        ctx.addIssue({ code: 'custom', path: ['reportTypes', i, 'numberColumn'], message: `列 key「${rt.numberColumn}」がありません` });
      }
    });
    const bureaus = new Set(cfg.bureaus.map((b) => b.name));
    cfg.departments.forEach((d, i) => {
      if (!bureaus.has(d.bureau)) {
        ctx.addIssue({ code: 'custom', path: ['departments', i, 'bureau'], message: `局「${d.bureau}」が bureaus にありません` });
      }
    });
  });

export type ConfigInput = z.input<typeof ConfigSchema>;
export type Config = z.output<typeof ConfigSchema>;
export type ReportType = z.output<typeof ReportTypeSchema>;
export type ColumnDef = z.output<typeof ColumnSchema>;
export type Department = z.output<typeof DepartmentSchema>;
export type PeriodRule = z.output<typeof PeriodSchema>;
