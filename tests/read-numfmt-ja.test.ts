// Dates in the formats Japanese Excel offers (和暦, weekday, 2026.4.1) shown as Excel shows them:
// the text of a conflict, of diff's messages and of findings. The era columns were checked
// against LibreOffice's rendering of the same codes (Japanese locale).
import { builtinFormat, formatNumber } from '../lib/read/numfmt';

// 2026-04-01, 2019-04-30 (平成 ends), 2019-05-01 (令和 starts), 1989-01-08 (平成 starts).
const DAYS = [46113, 43585, 43586, 32516];

test.each([
  ['[$-411]ggge"年"m"月"d"日"', ['令和8年4月1日', '平成31年4月30日', '令和1年5月1日', '平成1年1月8日']],
  ['[$-ja-JP]ggge"年"m"月"d"日";@', ['令和8年4月1日', '平成31年4月30日', '令和1年5月1日', '平成1年1月8日']],
  ['[$-411]ge.m.d', ['R8.4.1', 'H31.4.30', 'R1.5.1', 'H1.1.8']],
  ['[$-411]gge"年"', ['令8年', '平31年', '令1年', '平1年']],
  ['[$-411]gggee"年"mm"月"dd"日"', ['令和08年04月01日', '平成31年04月30日', '令和01年05月01日', '平成01年01月08日']],
  ['yyyy"年"m"月"d"日"(aaa)', ['2026年4月1日(水)', '2019年4月30日(火)', '2019年5月1日(水)', '1989年1月8日(日)']],
  ['yyyy/m/d aaaa', ['2026/4/1 水曜日', '2019/4/30 火曜日', '2019/5/1 水曜日', '1989/1/8 日曜日']],
  ['yyyy.m.d', ['2026.4.1', '2019.4.30', '2019.5.1', '1989.1.8']],
])('%s', (code, shown) => {
  expect(DAYS.map((d) => formatNumber(d, code))).toEqual(shown);
});

test('the Japanese built-in date formats (58, 57) and what was right before stays so', () => {
  expect(formatNumber(46113, builtinFormat(58))).toBe('令和8年4月1日');
  // 51 shows the day too (ECMA-376 18.8.30, ja-JP; as other readers of the table have it).
  expect(formatNumber(46113, builtinFormat(51))).toBe('令和8年4月1日');
  expect(formatNumber(46113, builtinFormat(57))).toBe('R8.4.1');
  expect(formatNumber(46113, builtinFormat(14))).toBe('2026/4/1');
  expect(formatNumber(46113.5, 'yyyy/m/d h:mm:ss.00')).toBe('2026/4/1 12:00:00.00');
  expect(formatNumber(0.5, '0%')).toBe('50%');
  expect(formatNumber(1234, '0.00E+00')).toBe('1.23E+03');
  expect(formatNumber(1500, '[$¥-411]#,##0')).toBe('¥1,500');
  // 1904 system: serial 44651 is 2026-04-01.
  expect(formatNumber(44651, '[$-411]ggge"年"m"月"d"日"(aaa)', true)).toBe('令和8年4月1日(水)');
});
