import { book, run, table, teigenRow, teigenSheet } from './helpers';

const TEXT = '新採用職員研修や新任役職者研修における市長講話、職員部長講話(協働の意識付け)';
const chars = [...'職員の専門性の向上に向けた研修を計画的に実施した。さらに充実させる。'];
const ofLength = (n: number) => chars.slice(0, n).join('');

const two = (a: string, b: string) => book(teigenSheet('提言3-エ', [teigenRow({ status: a })]), teigenSheet('提言5-エ', [teigenRow({ status: b })]));

describe('saikei-unmarked', () => {
  it('finds the same bullet in two rows, at the later one, naming the first (seed 002 提言5-エ)', () => {
    const f = run(two(`・${TEXT}\n・別の取組を行った。`, `・${TEXT}`));
    expect(table(f)).toEqual(['提言5-エ!B3 saikei-unmarked/duplicate']);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.data.source).toBe('提言3-エ!B3');
  });

  it('counts 20 characters or more after normalization', () => {
    expect(table(run(two(`・${ofLength(20)}`, `・${ofLength(20)}`)))).toEqual(['提言5-エ!B3 saikei-unmarked/duplicate']);
    expect(run(two(`・${ofLength(19)}`, `・${ofLength(19)}`))).toEqual([]);
  });

  it('compares normalized text: width and spaces do not hide a repeat', () => {
    const wide = TEXT.replace('(', '（').replace(')', '）');
    expect(table(run(two(`・${TEXT}`, `・ ${wide}`)))).toEqual(['提言5-エ!B3 saikei-unmarked/duplicate']);
  });

  it('leaves near repeats alone (「…した」 then 「…する」)', () => {
    const past = '・関係部署との連携を密にし、情報や支援方針の共有を図った。';
    expect(run(two(past, past.replace('図った', '図る')))).toEqual([]);
  });

  it('leaves a repeat within one row, a merged cell and a marked copy alone', () => {
    const row = teigenSheet('提言1-ア', [teigenRow({ status: `・${TEXT}`, plan: `・${TEXT}` })]);
    expect(run(book(row))).toEqual([]);
    const merged = teigenSheet('提言1-エ', [teigenRow({ content: `○${TEXT}` }), teigenRow({ content: '' })], ['A3:A4']);
    expect(run(book(merged))).toEqual([]);
    expect(run(two(`・${TEXT}`, `・${TEXT}(再掲)`))).toEqual([]);
  });

  it('reports every further copy against the first', () => {
    const wb = book(...['提言3-ウ', '提言3-エ', '提言5-エ'].map((n) => teigenSheet(n, [teigenRow({ evaluation: `・${TEXT}` })])));
    const f = run(wb);
    expect(table(f)).toEqual(['提言3-エ!C3 saikei-unmarked/duplicate', '提言5-エ!C3 saikei-unmarked/duplicate']);
    expect(f.map((x) => x.data.source)).toEqual(['提言3-ウ!C3', '提言3-ウ!C3']);
  });
});

describe('saikei-unmarked and ※ notes', () => {
  it('leaves a ※ note repeated in several rows alone (seed 002 提言1-ア, 5-エ)', () => {
    const note = '※令和3年6月死亡事例の検証報告を踏まえ取り組む内容と一体化';
    const wb = book(
      teigenSheet('提言1-ア', [teigenRow({ content: `○母子保健と児童福祉の担当者が支援方針を共有する。\n${note}` })]),
      teigenSheet('提言5-エ', [teigenRow({ content: `○子ども虐待防止には専門性が必要である。\n${note}` })]),
    );
    expect(run(wb)).toEqual([]);
    // The same sentence without the ※ is content, and is flagged.
    const plain = note.slice(1);
    expect(table(run(two(`・${plain}`, `・${plain}`)))).toEqual(['提言5-エ!B3 saikei-unmarked/duplicate']);
  });
});
