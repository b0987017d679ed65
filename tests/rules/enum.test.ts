import { book, run, table, teigenRow, teigenSheet, visionRow, visionSheet } from './helpers';

const cat = (...values: string[]) => teigenSheet('提言1-ア', values.map((category, i) => teigenRow({ category, content: `○取組${i}` })));

describe('enum', () => {
  it('accepts the code list as written', () => {
    expect(run(book(cat('新規', '拡充', '継続')), 'enum')).toEqual([]);
  });

  it('offers the canonical value when spacing or width is all that differs', () => {
    const f = run(book(cat('継 続', '拡充\u3000', ' 新規', '継\n続')), 'enum');
    expect(table(f)).toEqual(['提言1-ア!E3 enum/variant', '提言1-ア!E4 enum/variant', '提言1-ア!E5 enum/variant', '提言1-ア!E6 enum/variant']);
    expect(f.map((x) => x.fix)).toEqual([
      { sheet: '提言1-ア', cell: 'E3', value: '継続' },
      { sheet: '提言1-ア', cell: 'E4', value: '拡充' },
      { sheet: '提言1-ア', cell: 'E5', value: '新規' },
      { sheet: '提言1-ア', cell: 'E6', value: '継続' },
    ]);
    expect(f[0]!.message).toBe('取組区分「継 続」は「継続」と書いてください');
  });

  it('names the allowed values, with no fix, when the value is not in the list', () => {
    const f = run(book(cat('新設', '継続中', 'ｹｲｿﾞｸ')), 'enum');
    expect(table(f)).toEqual(['提言1-ア!E3 enum/invalid', '提言1-ア!E4 enum/invalid', '提言1-ア!E5 enum/invalid']);
    expect(f.every((x) => x.fix === undefined)).toBe(true);
    expect(f[0]!.message).toBe('取組区分「新設」は選択肢（新規、拡充、継続）にありません');
  });

  it('leaves an empty 取組区分 alone (it is not required)', () => {
    expect(run(book(cat('')), 'enum')).toEqual([]);
  });

  it('checks 対象職種; a merged cell is one finding at its anchor', () => {
    const s = visionSheet(
      '分類1',
      [visionRow({ job: '共 通', no: '①' }), visionRow({ job: '', no: '②' }), visionRow({ job: '', no: '③' }), visionRow({ job: '精神保健福祉士', no: '④' })],
      ['A2:A4'],
    );
    const f = run(book(s), 'enum');
    expect(table(f)).toEqual(['分類1!A2 enum/variant', '分類1!A5 enum/invalid']);
    expect(f[0]!.fix?.value).toBe('共通');
  });

  it('checks a 対象職種 written once and left blank below (carried down) only where written', () => {
    const s = visionSheet('分類1', [visionRow({ job: '保育師', no: '①' }), visionRow({ job: '', no: '②' }), visionRow({ job: '教員', no: '③' })]);
    expect(table(run(book(s), 'enum'))).toEqual(['分類1!A2 enum/invalid']);
  });
});

describe('enum message', () => {
  it('separates the allowed values with 、 since a value may hold a ・ (児童相談所・福祉コース職員)', () => {
    const f = run(book(visionSheet('分類1', [visionRow({ job: '児童相談所職員' })])), 'enum');
    expect(f[0]!.message).toBe('対象職種「児童相談所職員」は選択肢（共通、ケースワーカー、精神保健福祉相談員、保健師、保育士、児童相談所・福祉コース職員、教員）にありません');
  });
});
