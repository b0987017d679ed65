// Report periods (令和N年度上半期, 下半期, 年度末) and the heading texts that name them, as the
// configuration writes them ({年度} {翌年度} {年} {開始}): which period a heading says, and
// the same heading for another period. Pure, browser-safe.
import type { PeriodRule } from './config/schema';

export type Half = 'first' | 'second';

export interface Period {
  /** 令和 year of the 年度 (元年 is 1). */
  year: number;
  /** first: 上半期 (to 9月末); second: 下半期, which ends the 年度 (3月末). */
  half: Half;
}

export type FormKey = '上半期' | '下半期' | '年度末';

const DIGITS = '[0-9０-９]+|元';

function formKey(rule: PeriodRule, half: Half): FormKey {
  return rule.cycle === 'year' ? '年度末' : half === 'first' ? '上半期' : '下半期';
}

/** 令和8年度上半期, 令和7年度下半期, or 令和7年度末 for a report made once a year. */
export function periodLabel(p: Period, rule: PeriodRule): string {
  const y = p.year === 1 ? '元' : String(p.year);
  if (rule.cycle === 'year') return `令和${y}年度末`;
  return `令和${y}年度${p.half === 'first' ? '上半期' : '下半期'}`;
}

export function advance(p: Period, rule: PeriodRule): Period {
  if (rule.cycle === 'year') return { year: p.year + 1, half: 'second' };
  return p.half === 'first' ? { year: p.year, half: 'second' } : { year: p.year + 1, half: 'first' };
}

export function previous(p: Period, rule: PeriodRule): Period {
  if (rule.cycle === 'year') return { year: p.year - 1, half: 'second' };
  return p.half === 'second' ? { year: p.year, half: 'first' } : { year: p.year - 1, half: 'second' };
}

function toNumber(s: string): number {
  if (s === '元') return 1;
  return Number(s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)));
}

/** `--period`: 令和8年度上半期, 令和7年度下半期, 令和7年度末 (full-width digits and 元 too). */
export function parsePeriod(text: string, rule: PeriodRule): Period | undefined {
  const m = new RegExp(`^令和(${DIGITS})年度(上半期|下半期|末)?$`, 'u').exec(text.normalize('NFKC').replace(/\s+/g, ''));
  if (!m) return undefined;
  const year = toNumber(m[1]!);
  if (!(year >= 1 && year < 100)) return undefined;
  if (rule.cycle === 'year') return m[2] === '上半期' ? undefined : { year, half: 'second' };
  if (m[2] === undefined) return undefined;
  return { year, half: m[2] === '上半期' ? 'first' : 'second' };
}

interface Token {
  literal?: string;
  placeholder?: string;
}

function tokens(form: string): Token[] {
  const out: Token[] = [];
  for (const m of form.matchAll(/\{([^}]*)\}|[^{]/gu)) out.push(m[1] !== undefined ? { placeholder: m[1] } : { literal: m[0] });
  return out;
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A form as a regular expression: white space (a line break in a heading) allowed between characters. */
function formRegExp(form: string): RegExp {
  const parts = tokens(form).map((t) => (t.placeholder !== undefined ? `(${DIGITS})` : t.literal!.trim() === '' ? '' : escapeRe(t.literal!)));
  return new RegExp(parts.filter((p) => p !== '').join('\\s*'), 'gu');
}

/** One place a heading form was found in a cell's text. */
export interface FormMatch {
  heading: number;
  half: Half;
  index: number;
  text: string;
  /** Placeholder → number as written. */
  values: Map<string, string>;
  /** What the text says of the period: the year when a placeholder tells it. */
  year?: number;
}

/** Every heading form of the rule found in `text` (leftmost first, no overlaps). */
export function findForms(text: string, rule: PeriodRule): FormMatch[] {
  const found: FormMatch[] = [];
  rule.headings.forEach((h, heading) => {
    for (const half of rule.cycle === 'year' ? (['second'] as const) : (['first', 'second'] as const)) {
      const form = h[formKey(rule, half)];
      if (!form) continue;
      const names = tokens(form).filter((t) => t.placeholder !== undefined).map((t) => t.placeholder!);
      for (const m of text.matchAll(formRegExp(form))) {
        const values = new Map(names.map((n, i) => [n, m[i + 1]!]));
        const year = yearOf(values, half, rule);
        found.push({ heading, half, index: m.index, text: m[0], values, ...(year !== undefined ? { year } : {}) });
      }
    }
  });
  found.sort((a, b) => a.index - b.index || b.text.length - a.text.length);
  const out: FormMatch[] = [];
  let end = 0;
  for (const f of found) {
    if (f.index < end) continue;
    out.push(f);
    end = f.index + f.text.length;
  }
  return out;
}

function yearOf(values: Map<string, string>, half: Half, rule: PeriodRule): number | undefined {
  const v = (k: string): number | undefined => (values.has(k) ? toNumber(values.get(k)!) : undefined);
  const fy = v('年度');
  if (fy !== undefined) return fy;
  const next = v('翌年度');
  if (next !== undefined) return next - 1;
  // The calendar year the period ends in: 9月 of the 年度's own year, 3月 of the next one.
  const cal = v('年');
  if (cal !== undefined) return rule.cycle === 'half' && half === 'first' ? cal : cal - 1;
  return undefined;
}

function writeNumber(n: number, like: string | undefined): string {
  if (n === 1) return '元';
  const s = String(n);
  return like !== undefined && /[０-９]/.test(like) ? s.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : s;
}

/** The heading of a match, written for period `p`, its line breaks kept where they still fit. */
export function rewrite(m: FormMatch, p: Period, rule: PeriodRule): string {
  const form = rule.headings[m.heading]![formKey(rule, p.half)]!;
  const like = [...m.values.values()][0];
  const numbers: Record<string, number> = {
    年度: p.year,
    翌年度: p.year + 1,
    年: rule.cycle === 'half' && p.half === 'first' ? p.year : p.year + 1,
  };
  const compact = tokens(form)
    .map((t) => {
      if (t.literal !== undefined) return t.literal;
      const name = t.placeholder!;
      // {開始}: the first 年度 of the report, kept as it was written.
      if (name === '開始') return m.values.get('開始') ?? writeNumber(p.year, like);
      return writeNumber(numbers[name] ?? p.year, like);
    })
    .join('');
  return keepBreaks(m.text, compact);
}

/** Characters, a run of digits counting as one (a number may change its length). */
function units(s: string): string[] {
  return s.match(/[0-9０-９]+|元|[\s\S]/gu) ?? [];
}

const same = (a: string, b: string): boolean => a === b || (/^([0-9０-９]+|元)$/.test(a) && /^([0-9０-９]+|元)$/.test(b));

/**
 * `令和7年度\n下半期の取組内容` → `令和8年度\n上半期の取組内容`: each run of white space of the
 * old text goes where the new text still reads the same up to it (or after it), else it goes.
 */
function keepBreaks(old: string, compact: string): string {
  const parts = old.split(/(\s+)/u);
  const oldUnits: string[] = [];
  const breaks: { at: number; ws: string }[] = [];
  for (const p of parts) {
    if (p === '') continue;
    if (/^\s+$/u.test(p)) breaks.push({ at: oldUnits.length, ws: p });
    else oldUnits.push(...units(p));
  }
  if (breaks.length === 0) return compact;
  const newUnits = units(compact);
  let prefix = 0;
  while (prefix < oldUnits.length && prefix < newUnits.length && same(oldUnits[prefix]!, newUnits[prefix]!)) prefix++;
  let suffix = 0;
  while (suffix < oldUnits.length && suffix < newUnits.length && same(oldUnits[oldUnits.length - 1 - suffix]!, newUnits[newUnits.length - 1 - suffix]!)) suffix++;
  const insert = new Map<number, string>();
  for (const b of breaks) {
    const fromEnd = oldUnits.length - b.at;
    const at = b.at <= prefix ? b.at : fromEnd <= suffix ? newUnits.length - fromEnd : undefined;
    if (at !== undefined && at > 0 && at < newUnits.length) insert.set(at, (insert.get(at) ?? '') + b.ws);
  }
  return newUnits.map((u, i) => (insert.get(i) ?? '') + u).join('');
}
