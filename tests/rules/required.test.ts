import { parseWorkbook } from '../../lib/report';
import { book, config, PLAN_HEADER, run, sheet, table, teigenRow, teigenSheet, visionRow, visionSheet } from './helpers';

describe('required', () => {
  it('finds an empty 担当部, also when it holds only spaces', () => {
    const s = teigenSheet('提言2-ア', [teigenRow({ department: '' }), teigenRow({ department: ' ', content: '○二' }), teigenRow({ department: '\u3000\n', content: '○三' })]);
    const f = run(book(s), 'required');
    expect(table(f)).toEqual(['提言2-ア!F3 required/empty', '提言2-ア!F4 required/empty', '提言2-ア!F5 required/empty']);
    expect(f[0]!.message).toBe('担当部が空欄です');
  });

  it('finds an empty 取組内容, but not under a 取組内容 merged over several rows', () => {
    const s = teigenSheet('提言1-エ', [teigenRow(), teigenRow({ content: '' }), teigenRow({ content: '' })], ['A3:A4']);
    expect(table(run(book(s), 'required'))).toEqual(['提言1-エ!A5 required/empty']);
  });

  it('finds a row whose progress columns are all empty, at the first of them', () => {
    const s = teigenSheet('提言3-ウ', [teigenRow({ status: '', evaluation: '', plan: '' }), teigenRow({ status: '', plan: '', content: '○二' })]);
    const f = run(book(s), 'required');
    expect(table(f)).toEqual(['提言3-ウ!B3 required/noProgress']);
    expect(f[0]!.message).toBe('進捗欄（取組状況・自己評価・下半期の取組内容）がすべて空欄です');
  });

  it('names a column by the sheet\'s own heading where the usual name is not in it (an 上半期 round, 担当課)', () => {
    const header = ['取組内容', '令和7年度から\n令和8年度上半期の取組状況', '自己評価', '令和8年度\n上半期の取組内容', '取組\n区分', '担当課'];
    const s = sheet('提言3-ウ', [['取組方針ア', '方針の文'], header, teigenRow({ status: '', evaluation: '', plan: '' }), teigenRow({ department: '', content: '○二' })]);
    const f = run(book(s), 'required');
    expect(f.map((x) => x.message)).toEqual(['進捗欄（取組状況・自己評価・令和8年度上半期の取組内容）がすべて空欄です', '担当課が空欄です']);
  });

  it('on the vision report: 取組番号 and 担当課, not 対象職種; merged 担当課 is filled', () => {
    const s = visionSheet('分類2', [visionRow({ job: '' }), visionRow({ no: '②', dept: '' }), visionRow({ no: '' }), visionRow({ no: '④' }), visionRow({ no: '⑤', dept: '' })], ['E5:E6']);
    expect(table(run(book(s), 'required'))).toEqual(['分類2!E3 required/empty', '分類2!B4 required/empty']);
  });

  it('on the plan results: 具体的取組 and 取組結果', () => {
    const s = sheet('取組結果', [PLAN_HEADER, ['1 相談支援力の強化'], ['新たなアセスメントツールの開発', ''], ['', '2018年3月に完成。']]);
    expect(table(run(book(s), 'required'))).toEqual(['取組結果!B3 required/noProgress', '取組結果!A4 required/empty']);
  });

  it('a 具体的取組 that starts with a count (1歳6か月児健診…) is a row, not a 分野 heading', () => {
    const s = sheet('取組結果', [PLAN_HEADER, ['1 相談支援力の強化'], ['1歳6か月児健診における養育支援の強化', ''], ['3か月児健診での声かけ', '実施した。']]);
    expect(table(run(book(s), 'required'))).toEqual(['取組結果!B3 required/noProgress']);
    const rows = parseWorkbook(book(s), config).reports[0]!.rows;
    expect(rows.map((r) => [r.r, r.section.map((x) => x.value).join('')])).toEqual([[2, '1'], [3, '1']]);
  });

  it('skips blank rows and says nothing about a column that has no header', () => {
    const s = teigenSheet('提言1-ア', [teigenRow(), [], [null], teigenRow({ content: '○二' })]);
    expect(run(book(s), 'required')).toEqual([]);
  });
});
