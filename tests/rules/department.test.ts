import { book, run, table, teigenRow, teigenSheet, visionRow, visionSheet } from './helpers';

const depts = (...values: string[]) => teigenSheet('提言1-ア', values.map((department, i) => teigenRow({ department, content: `○取組${i}` })));

describe('department', () => {
  it('accepts the spellings sections use, one or several per cell', () => {
    const ok = [
      '子)子育て支援部',
      '子) 子育て支援部',
      '子）子育て支援部',
      '子ども未来局',
      '子)子育て支援部 区)保健福祉部',
      '子)子育て支援部\n区)保健福祉部',
      '子)子育て支援部、教)学校教育部',
      '総)職員部\u3000子)児童相談所',
      '区)健康・子ども課',
      '子)子ども育成部・児童相談所',
      '保)ウェルネス推進部',
    ];
    expect(run(book(depts(...ok)), 'department')).toEqual([]);
  });

  it('suggests the nearest name and fixes only the wrong entry of the cell', () => {
    const f = run(book(depts('子)子育て支援部\n子)児童相談書', '区) 健康子ども課')), 'department');
    expect(table(f)).toEqual(['提言1-ア!F3 department/unknown', '提言1-ア!F4 department/unknown']);
    expect(f[0]!.data).toEqual({ value: '子)児童相談書', suggestion: '子) 児童相談所' });
    expect(f[0]!.fix).toEqual({ sheet: '提言1-ア', cell: 'F3', value: '子)子育て支援部\n子)児童相談所' });
    // The writer's own style (a space after the prefix) is kept.
    expect(f[1]!.fix?.value).toBe('区) 健康・子ども課');
  });

  it('offers no fix that would move the row to another bureau or make a 部 a 課', () => {
    const f = run(book(depts('保)保健福祉部', '保)障がい福祉部')), 'department');
    expect(table(f)).toEqual(['提言1-ア!F3 department/unknown', '提言1-ア!F4 department/unknown']);
    expect(f.map((x) => x.fix)).toEqual([undefined, undefined]);
    // The names are still suggested, for a person to judge.
    expect(f[0]!.data.suggestion).toContain('区) 保健福祉部');
  });

  it('offers no fix when two names are equally near (seed: 子)子ども支援部)', () => {
    const f = run(book(depts('子)子ども支援部')), 'department');
    expect(table(f)).toEqual(['提言1-ア!F3 department/unknown']);
    expect(f[0]!.fix).toBeUndefined();
    expect(f[0]!.message).toBe('「子)子ども支援部」は部署マスタにありません。「子) 子ども育成部」か「子) 子育て支援部」ではありませんか');
  });

  it('says so plainly when nothing in the master is near', () => {
    const f = run(book(depts('株式会社サンプル')), 'department');
    expect(table(f)).toEqual(['提言1-ア!F3 department/unknownNoSuggestion']);
    expect(f[0]!.message).toBe('「株式会社サンプル」は部署マスタにありません');
  });

  it('offers no fix for a name broken over two lines (保)ウェルネス推進⏎部, as seed 002 prints it)', () => {
    const f = run(book(depts('保)ウェルネス推進\n部\n区)保健福祉部')), 'department');
    expect(f.length).toBeGreaterThan(0);
    expect(f.map((x) => x.fix)).toEqual(f.map(() => undefined));
  });

  it('reports each unknown entry of a cell', () => {
    const f = run(book(depts('総)職員課 区)保険福祉部')), 'department');
    expect(f.map((x) => x.data.value).sort()).toEqual(['区)保険福祉部', '総)職員課']);
    expect(new Set(f.map((x) => x.cell))).toEqual(new Set(['F3']));
  });

  it('leaves an empty cell to the required rule, and reads a merged cell once', () => {
    expect(run(book(depts('')), 'department')).toEqual([]);
    const s = visionSheet('分類1', [visionRow({ no: '①', dept: '保) 健康企画室' }), visionRow({ no: '②', dept: '' })], ['E2:E3']);
    expect(table(run(book(s), 'department'))).toEqual(['分類1!E2 department/unknown']);
  });
});
