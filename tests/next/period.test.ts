// Periods and their heading texts (lib/period.ts), and the configuration's period rules.
import { ConfigError, defaultConfig, defaultConfigJson, parseConfig } from '../../lib/config';
import type { PeriodRule } from '../../lib/config/schema';
import { advance, findForms, parsePeriod, periodLabel, rewrite } from '../../lib/period';

const config = defaultConfig();
const rule = (id: string): PeriodRule => config.reportTypes.find((t) => t.id === id)!.period!;
const teigen = rule('teigen-progress');
const vision = rule('vision-progress');
const plan = rule('plan-results');

/** The text with every form of the rule written for the period after the one it names. */
function advanced(text: string, r: PeriodRule): string {
  const found = findForms(text, r);
  const y = found.find((m) => m.year !== undefined)!.year!;
  const to = advance({ year: y, half: found[0]!.half }, r);
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.index) + rewrite(m, to, r);
    at = m.index + m.text.length;
  }
  return out + text.slice(at);
}

test.each([
  ['令和6年度から\n令和7年度上半期の取組状況', '令和6年度から\n令和7年度の取組状況'],
  ['令和6年度から\n令和7年度の取組状況', '令和6年度から\n令和8年度上半期の取組状況'],
  ['令和7年度\n下半期の取組内容', '令和8年度\n上半期の取組内容'],
  ['令和8年度\n上半期の取組内容', '令和8年度\n下半期の取組内容'],
  ['令和９年度下半期の取組内容', '令和１０年度上半期の取組内容'],
  ['令和元年度から令和元年度上半期の取組状況', '令和元年度から令和元年度の取組状況'],
])('teigen: %j → %j', (before, after) => {
  expect(advanced(before, teigen)).toBe(after);
});

test.each([
  ['職員育成ビジョンに係る取組の進捗状況（令和5年9月末時点）', '職員育成ビジョンに係る取組の進捗状況（令和6年3月末時点）', vision],
  ['進捗状況（令和6年3月末時点）', '進捗状況（令和6年9月末時点）', vision],
  ['令和元年9月末時点', '令和2年3月末時点', vision],
  ['※ 取組結果は令和2年3月末時点のものです。', '※ 取組結果は令和3年3月末時点のものです。', plan],
])('%j → %j', (before, after, r) => {
  expect(advanced(before, r)).toBe(after);
});

test('data text that only mentions a year is no heading', () => {
  expect(findForms('・令和7年度から支援調整課を全区に設置し', teigen)).toEqual([]);
  expect(findForms('・令和7年の上半期の取組を継続する。', teigen)).toEqual([]);
});

test('--period: the forms people write, and what is refused', () => {
  expect(parsePeriod('令和8年度上半期', teigen)).toEqual({ year: 8, half: 'first' });
  expect(parsePeriod('令和８年度 下半期', teigen)).toEqual({ year: 8, half: 'second' });
  expect(parsePeriod('令和元年度末', teigen)).toEqual({ year: 1, half: 'second' });
  expect(parsePeriod('令和8年度', teigen)).toBeUndefined();
  expect(parsePeriod('令和8年度', plan)).toEqual({ year: 8, half: 'second' });
  expect(parsePeriod('令和8年度上半期', plan)).toBeUndefined();
  expect(parsePeriod('2026年度上半期', teigen)).toBeUndefined();
  expect(periodLabel({ year: 1, half: 'first' }, teigen)).toBe('令和元年度上半期');
  expect(periodLabel({ year: 2, half: 'second' }, plan)).toBe('令和2年度末');
});

test('a period rule without a form of its cycle is a configuration error, in Japanese', () => {
  const raw = JSON.parse(defaultConfigJson()) as { reportTypes: { period?: { headings: Record<string, string>[] } }[] };
  delete raw.reportTypes[0]!.period!.headings[0]!['下半期'];
  raw.reportTypes[1]!.period!.headings[0]!['上半期'] = '令和{年号}年9月末時点';
  let err: unknown;
  try {
    parseConfig(raw);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(ConfigError);
  const issues = (err as ConfigError).issues.join('\n');
  expect(issues).toContain('「下半期」の書き方がありません');
  expect(issues).toContain('{} の中は 年度・翌年度・年・開始 のどれかです');
});
