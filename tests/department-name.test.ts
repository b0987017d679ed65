// Which department a returned file's name stands for: bare, with its prefix or with its
// bureau, spaced or bracketed, anywhere in the name; two that fit equally are named.
import { defaultConfig } from '../lib/config';
import { departmentFromName, knownDepartments, matchDepartmentName } from '../lib/consolidate/departments';

const config = defaultConfig();
const candidates = knownDepartments(config);
const match = (name: string): [string, string | null, string[]] => {
  const m = matchDepartmentName(name, candidates, config.bureaus);
  return [name, m.department, m.tied];
};

describe('departmentFromName', () => {
  test.each([
    // Issue 15: the bureau before the department.
    '総務局職員部.xlsx',
    '総務局 職員部.xlsx',
    '【総務局職員部】提言進捗.xlsx',
    '総務局　職員部_提言進捗（最終）.xlsx',
    '[総務局]職員部.xlsx',
    '職員部（総務局）.xlsx',
    // The prefix, written as split writes it and as people do.
    '総)職員部.xlsx',
    '総）職員部.xlsx',
    '総_職員部.xlsx',
    '【総) 職員部】回答.xlsx',
    '職員部.xlsx',
    'R7上半期_職員部_回答.xlsx',
    '/回答/総務局職員部.pdf',
  ])('%s is 総) 職員部', (name) => {
    expect(match(name)).toEqual([name, '総) 職員部', []]);
  });

  test.each([
    ['保健福祉局総務部.xlsx', '保) 総務部'],
    ['R7提言進捗_保健福祉局 総務部.xlsx', '保) 総務部'],
    ['子ども未来局子育て支援部.xlsx', '子) 子育て支援部'],
    ['子育て支援部（子ども未来局）.xlsx', '子) 子育て支援部'],
    ['子)子育て支援部.xlsx', '子) 子育て支援部'],
    ['障がい保健福祉部.xlsx', '保) 障がい保健福祉部'],
    ['区)保健福祉部.xlsx', '区) 保健福祉部'],
    ['区) 健康・子ども課.xlsx', '区) 健康・子ども課'],
    ['総務局.xlsx', '総務局'],
    // A name two bureaus share: the bureau or the prefix tells which.
    ['保健福祉局保護課.xlsx', '保) 保護課'],
    ['区役所 保護課.xlsx', '区) 保護課'],
    ['区)保護課.xlsx', '区) 保護課'],
    ['保護課（保健福祉局）.xlsx', '保) 保護課'],
    ['教育委員会_総務課.xlsx', '教) 総務課'],
  ])('%s is %s', (name, dept) => {
    expect(match(name)).toEqual([name, dept, []]);
  });

  test.each([
    ['保護課.xlsx', ['保) 保護課', '区) 保護課']],
    ['総務課_回答.xlsx', ['保) 総務課', '教) 総務課']],
    ['職員部と人事課.xlsx', ['総) 職員部', '総) 人事課']],
    ['総務局職員部・保健福祉局総務部.xlsx', ['総) 職員部', '保) 総務部']],
  ])('%s fits two departments equally: cannot tell, and says which', (name, tied) => {
    expect(match(name)).toEqual([name, null, tied]);
    expect(departmentFromName(name, candidates)).toBeNull();
  });

  test('a name with no department in it: none, and no tie', () => {
    expect(match('提言進捗.xlsx')).toEqual(['提言進捗.xlsx', null, []]);
  });

  test('without bureaus given, the shipped configuration’s are used', () => {
    expect(departmentFromName('【総務局職員部】提言進捗.xlsx', candidates)).toBe('総) 職員部');
  });
});
