// The 概要版 as data: from a master's parsed report, chapters (提言 / 分類 / 分野), bracketed
// sub-headings and ● items, every word of an item taken from a cell (seed 003's structure).
import type { ColumnDef, Config, ReportType } from '../config/schema';
import { tokenizeDepartments } from '../departments';
import { cellKey, type Sheet } from '../grid';
import { readState } from '../consolidate/state';
import { isConflictText } from '../marks';
import { normalize, parseItemNumber, splitBullets } from '../normalize';
import { compileTypes, cellAddress, mainReportType, type ParsedWorkbook, type ReportRow, type ReportSheet } from '../report';

/** What was done (the first progress column) or what will be done (the last one). */
export type Period = 'past' | 'next';

export interface SummaryItem {
  /** The bullet as written, without its glyph and 再掲 mark. */
  text: string;
  period: Period;
  /** The bullet carries (or inherits) a 再掲 mark. */
  saikei: boolean;
  /** `（保）保健所、区保健福祉部）`, or '' when the row names no department. */
  departments: string;
  /** `提言1-ア!B12`. */
  source: string;
  /** Tags the bullet began with (【新規】 → 新規): seed 003 prints none, so they leave the text. */
  tags?: string[];
}

export interface SummaryGroup {
  /** 2 under a chapter; 3 under a level-2 group without items (分類3's (1)–(4)). */
  level: 2 | 3;
  heading: string;
  items: SummaryItem[];
}

export interface SummaryChapter {
  /** Value of the top level (提言 1, 分類 3 …). */
  key: string;
  heading: string;
  groups: SummaryGroup[];
}

export interface OmittedRow {
  sheet: string;
  /** 1-based sheet row. */
  row: number;
  label: string;
}

export interface SummaryOutline {
  reportType: string;
  title: string;
  chapters: SummaryChapter[];
  /** Rows whose progress columns are all empty: left out of the document. */
  omitted: OmittedRow[];
  /** Cells still holding a 【競合】 (both answers): left out until the secretariat settles them. */
  conflicts: { sheet: string; cell: string }[];
  /**
   * Rows a consolidation marked as not answered yet: still last period's text, left out until
   * their department answers or the workbook is made ready to publish (which takes the marks off).
   */
  unanswered: OmittedRow[];
}

const FW_DIGITS = '０１２３４５６７８９';

/** 12 → １２: the seeds number headings in full-width digits. */
export function fullWidth(n: string): string {
  return n.replace(/[0-9]/g, (d) => FW_DIGITS[Number(d)]!);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';
const KANA_ORDER = 'アイウエオカキクケコ';

/** Leading label of a section cell: 「1 」「(1) 」「取組方針ア」「取組内容の分類 3」 (spaces often full-width). */
const LABEL = /^[\s\u3000]*(?:検証報告書における)?(?:取組内容の分類|取組方針|提言|分類)?[\s\u3000]*(?:[(（][0-9０-９]{1,3}[)）]|[0-9０-９]{1,3}|[ア-コ])(?:[\s\u3000]+|[.．、:：][\s\u3000]*)?/u;

function firstLine(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l !== '') ?? '';
}

interface SheetTitles {
  /** level → value → title. */
  levels: Map<string, Map<string, string>>;
  /** The 提言's own points ①②… printed above the table, by number. */
  points: Map<number, string>;
  /** First text of the sheet (its printed title). */
  caption?: string;
}

/** Non-blank cells of a row in column order. */
function rowCells(sheet: Sheet, r: number): string[] {
  const row = sheet.rows.get(r);
  if (!row) return [];
  return [...row.entries()]
    .filter(([, c]) => c.text.trim() !== '')
    .sort((a, b) => a[0] - b[0])
    .map(([, c]) => c.text);
}

/**
 * Titles the sheet prints for its levels: a cell matching a section pattern (「1 相談支援力の
 * 強化」, 「取組方針ア」 with its text in the next cell), else a row numbered like the level's
 * value (seed 002 prints the 提言 as 「1」 and its title). Rows the parser read as data or
 * headers are not titles.
 */
function sheetTitles(rs: ReportSheet, config: Config): SheetTitles {
  const ct = compileTypes(config).find((c) => c.type === rs.type);
  const skip = new Set<number>([...rs.headerRows, ...rs.rows.map((r) => r.r)]);
  const out: SheetTitles = { levels: new Map(), points: new Map() };
  const numbered: [string, string][] = [];
  const set = (level: string, value: string, title: string): void => {
    const m = out.levels.get(level) ?? new Map<string, string>();
    if (!m.has(value) && title !== '') m.set(value, title);
    out.levels.set(level, m);
  };
  for (let r = 0; r < rs.sheet.rowCount; r++) {
    if (skip.has(r)) continue;
    const cells = rowCells(rs.sheet, r);
    if (cells.length === 0) continue;
    if (out.caption === undefined && r < rs.headerRows[0]!) out.caption = firstLine(cells[0]!);
    const lone = cells[0]!.trim();
    if (cells.length >= 2 && [...lone].length === 1 && CIRCLED.includes(lone)) {
      out.points.set(CIRCLED.indexOf(lone) + 1, firstLine(cells[1]!));
      continue;
    }
    if (cells.length >= 2 && /^[0-9０-９]{1,3}$/.test(lone)) numbered.push([normalize(lone), firstLine(cells[1]!)]);
    cells.forEach((text, i) => {
      const n = normalize(text);
      for (const s of ct?.sections ?? []) {
        const m = s.re.exec(n);
        if (!m) continue;
        const rest = firstLine(text.replace(LABEL, ''));
        set(s.level, m[1] ?? m[0], rest !== '' ? rest : firstLine(cells[i + 1] ?? ''));
        return;
      }
    });
  }
  // 「1」 + title rows only where no pattern named the level (seed 000's legend is numbered too).
  const top = ct?.levels[0];
  if (top !== undefined && !out.levels.get(top)?.size) for (const [v, t] of numbered) set(top, v, t);
  return out;
}

/** The first progress column is what was done, the last what will be done; 自己評価 between is neither. */
export function periodColumns(type: ReportType): { past?: ColumnDef; next?: ColumnDef } {
  const prog = type.columns.filter((c) => c.progress && c.text);
  const past = prog[0];
  const next = prog.length > 1 ? prog[prog.length - 1] : undefined;
  return { ...(past ? { past } : {}), ...(next ? { next } : {}) };
}

interface DeptPart {
  prefix?: string;
  name: string;
}

/**
 * Departments in the seeds' form: one bureau prefix for its departments joined by ・, ward
 * departments as 区保健福祉部, groups joined by 、, the whole in （…）:
 * 子)子育て支援部 + 区)保健福祉部 → （子）子育て支援部、区保健福祉部）.
 */
export function formatDepartments(parts: readonly DeptPart[]): string {
  const groups: { prefix?: string; names: string[] }[] = [];
  for (const p of parts) {
    if (p.prefix === undefined || p.prefix === '区') {
      const name = p.prefix === '区' ? `区${p.name}` : p.name;
      if (!groups.some((g) => g.prefix === undefined && g.names[0] === name)) groups.push({ names: [name] });
      continue;
    }
    const g = groups.find((x) => x.prefix === p.prefix);
    if (!g) groups.push({ prefix: p.prefix, names: [p.name] });
    else if (!g.names.includes(p.name)) g.names.push(p.name);
  }
  if (groups.length === 0) return '';
  return `（${groups.map((g) => (g.prefix ? `${g.prefix}）${g.names.join('・')}` : g.names[0]!)).join('、')}）`;
}

function departmentParts(text: string): DeptPart[] {
  return tokenizeDepartments(text).map((t) => (t.prefix !== undefined ? { prefix: t.prefix, name: t.name } : { name: t.name }));
}

/** Glyphs a bullet opens with; the document prints ● instead (※ is text, kept). */
const GLYPH = /^[\s\u3000]*[・･○〇◯●◎■□◆◇▪▫\-－]?[\s\u3000]*/u;

/** Label of a row for the list of rows left out: its key text, shortened. */
function rowLabel(rs: ReportSheet, row: ReportRow): string {
  const text = rs.type.rowKey.map((k) => firstLine(row.cells.get(k)?.text ?? '')).filter((t) => t !== '').join(' ');
  return [...text].length > 40 ? `${[...text].slice(0, 40).join('')}…` : text;
}

export interface OutlineOptions {
  /** Report sheets to draft from (a shared book holds the sections' sheets too). */
  sheets?: readonly string[];
}

/** Builds the 概要版 outline of a parsed master (the sheets of its main report type). */
export function buildOutline(parsed: ParsedWorkbook, config: Config, opts: OutlineOptions = {}): SummaryOutline {
  const chosen = parsed.reports.filter((r) => !opts.sheets || opts.sheets.includes(r.sheet.name));
  const type = mainReportType(chosen);
  const out: SummaryOutline = { reportType: type?.id ?? '', title: '', chapters: [], omitted: [], conflicts: [], unanswered: [] };
  if (!type) return out;
  const reports = chosen.filter((rs) => rs.type === type);
  // Cells a consolidation coloured as not answered (its record, while the workbook has one).
  const stale = new Set((readState(parsed.workbook)?.marks ?? []).map((m) => `${m.sheet}\u0000${m.r}\u0000${m.c}`));
  const titles = reports.map((rs) => [rs, sheetTitles(rs, config)] as const);
  out.title = titles.find(([, t]) => t.caption)?.[1].caption ?? type.name;
  const levelTitle = (level: string, value: string): string | undefined => {
    for (const [, t] of titles) {
      const hit = t.levels.get(level)?.get(value);
      if (hit) return hit;
    }
    return undefined;
  };
  const chapters = new Map<string, SummaryChapter>();
  const deptKey = type.columns.find((c) => c.department)?.key;
  const { past, next } = periodColumns(type);
  const numberKey = type.numberColumn;
  const carryKey = type.columns.find((c) => c.carryDown)?.key;
  const itemKey = type.rowKey[0]!;

  for (const [rs, st] of titles) {
    if (rs.type !== type) continue;
    // A merged progress cell is one text whichever rows it spans.
    const seen = new Map<number, { items: SummaryItem[]; parts: DeptPart[] }>();
    // 担当部 cells listed as conflicts (a merged one spans rows).
    const conflictCells = new Set<number>();
    for (const row of rs.rows) {
      const top = row.section[0];
      const chapterKey = top?.value ?? '';
      let chapter = chapters.get(chapterKey);
      if (!chapter) {
        chapter = { key: chapterKey, heading: chapterHeading(type, top?.level, chapterKey, top ? levelTitle(top.level, chapterKey) : undefined), groups: [] };
        chapters.set(chapterKey, chapter);
      }
      const deptCell = deptKey ? row.cells.get(deptKey) : undefined;
      // A 担当部 cell still holding a 【競合】 names no department: its texts stay out, listed.
      const deptConflict = deptCell !== undefined && isConflictText(deptCell.text);
      const depts = deptConflict ? [] : departmentParts(deptCell?.text ?? '');
      const cells = ([['past', past], ['next', next]] as const).filter(([, c]) => c !== undefined).map(([p, c]) => [p, row.cells.get(c!.key)] as const);
      if (cells.every(([, c]) => !c || c.text.trim() === '')) {
        out.omitted.push({ sheet: rs.sheet.name, row: row.r + 1, label: rowLabel(rs, row) });
        continue;
      }
      if (cells.some(([, c]) => c && stale.has(`${rs.sheet.name}\u0000${c.r}\u0000${c.c}`))) {
        out.unanswered.push({ sheet: rs.sheet.name, row: row.r + 1, label: rowLabel(rs, row) });
        continue;
      }
      if (deptConflict && !conflictCells.has(cellKey(deptCell.r, deptCell.c))) {
        conflictCells.add(cellKey(deptCell.r, deptCell.c));
        out.conflicts.push({ sheet: rs.sheet.name, cell: cellAddress(deptCell) });
      }
      const group = groupFor(chapter, type, row, st, { numberKey, carryKey, itemKey }, levelTitle);
      for (const [period, cell] of cells) {
        if (!cell || cell.text.trim() === '') continue;
        const id = cellKey(cell.r, cell.c);
        const prior = seen.get(id);
        // Both departments' texts and their names are no item: a draft must not publish them.
        if (isConflictText(cell.text)) {
          if (!prior) out.conflicts.push({ sheet: rs.sheet.name, cell: cellAddress(cell) });
          seen.set(id, { items: [], parts: [] });
          continue;
        }
        if (prior) {
          // The same cell under another row: that row's departments join the items'.
          prior.parts.push(...depts);
          for (const it of prior.items) it.departments = formatDepartments(prior.parts);
          continue;
        }
        const items: SummaryItem[] = [];
        for (const b of splitBullets(cell.text)) {
          const { text, tags } = untagged(b.text.replace(GLYPH, '').trim());
          if (text === '') continue;
          items.push({ text, period, saikei: b.saikei, departments: formatDepartments(depts), source: `${rs.sheet.name}!${cellAddress(cell)}`, ...(tags.length ? { tags } : {}) });
        }
        seen.set(id, { items, parts: [...depts] });
        group.items.push(...items);
      }
    }
  }
  // A group with neither items nor level-3 groups under it says nothing.
  for (const c of chapters.values()) c.groups = c.groups.filter((g, i) => g.items.length > 0 || (g.level === 2 && c.groups[i + 1]?.level === 3));
  out.chapters = [...chapters.values()].filter((c) => c.groups.length > 0);
  return out;
}

/** 【新規】 and 【レベ】(レベルアップ) at a bullet's start, as seed 002's cells carry them. */
const STATUS_TAG = /^【[\s\u3000]*(新規|レベ)[\s\u3000]*】[\s\u3000]*/u;

/**
 * The bullet without its leading status tags: seed 003's ● carry none (a new item says so
 * in its words), so the ● keeps the cell's other words and the tags go to the item's data.
 */
export function untagged(text: string): { text: string; tags: string[] } {
  const tags: string[] = [];
  let rest = text;
  for (let m = STATUS_TAG.exec(rest); m; m = STATUS_TAG.exec(rest)) {
    tags.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return { text: rest, tags };
}

function chapterHeading(type: ReportType, level: string | undefined, value: string, title: string | undefined): string {
  const n = fullWidth(value);
  const head = title ? `${n} ${title}` : `${n}`;
  // 提言 headings end with （提言１） as in seed 003; other reports number the 分類 alone.
  return level === '提言' ? `${head}（提言${n}）` : title ? head : `${level ?? type.name}${n}`;
}

/** The group a row's items go under, made on first use. */
function groupFor(
  chapter: SummaryChapter,
  type: ReportType,
  row: ReportRow,
  st: SheetTitles,
  keys: { numberKey?: string; carryKey?: string; itemKey: string },
  levelTitle: (level: string, value: string) => string | undefined,
): SummaryGroup {
  const find = (level: 2 | 3, heading: string): SummaryGroup => {
    // Groups are made in row order: the last one of this level is the current one.
    const last = [...chapter.groups].reverse().find((g) => g.level === level);
    if (last && last.heading === heading && (level === 2 || last === chapter.groups[chapter.groups.length - 1])) return last;
    const g: SummaryGroup = { level, heading, items: [] };
    chapter.groups.push(g);
    return g;
  };
  const sub = row.section[1];
  if (keys.numberKey === undefined && sub) {
    // 提言 → 取組方針: the 提言's own point of the same rank (ア is ①) where the sheet prints it.
    const rank = KANA_ORDER.indexOf(sub.value) + 1;
    const point = rank > 0 ? st.points.get(rank) : undefined;
    const text = point ? `${CIRCLED[rank - 1]}${point}` : `${sub.level}${sub.value}${levelTitle(sub.level, sub.value) ? `\u3000${levelTitle(sub.level, sub.value)}` : ''}`;
    return find(2, `【${text}】`);
  }
  let level: 2 | 3 = 2;
  if (sub) {
    // 分類3 → (1)–(4): a heading of its own, rows under it one level down.
    const t = levelTitle(sub.level, sub.value);
    find(2, `（${fullWidth(sub.value)}）${t ?? ''}`);
    level = 3;
  }
  if (keys.numberKey) {
    const num = row.cells.get(keys.numberKey)?.text.trim() ?? '';
    const p = parseItemNumber(num);
    const label = p ? CIRCLED[p.n - 1] ?? num : num;
    const job = keys.carryKey ? firstLine(row.cells.get(keys.carryKey)?.text ?? '') : '';
    return find(level, `【${label}${job}】`);
  }
  const item = firstLine(row.cells.get(keys.itemKey)?.text ?? '');
  return find(level, `【${item}】`);
}
