import { book, run, table, teigenRow, teigenSheet, visionRow, visionSheet } from './helpers';

// Seed 000: 分類2 ① re-lists 分類1 ③ with できるように changed to できるよう.
const FUKUSHI =
  '・総務局、保健福祉局、子ども未来局の合同で令和5年3月に「一般事務（福祉コース）育成方針」を策定し、職員育成ビジョンも踏まえ、福祉分野の中核をなす職員として、協働による支援の実践など、組織全体としての専門性や支援力を向上できるように育成を進めることとした。';
const DRIFTED = FUKUSHI.replace('できるように', 'できるよう');

// Seed 002: 提言3-エ re-lists 3-ウ bullets with (再掲), one of them with 人事 misread as 入事.
const KOKOROE = '・自己申告・服務に係る通知発出の際、「管理監督者の心得」を参照するよう案内';
const DOUGA = '・【新規】全管理職向け人事評価研修動画の配信';
const MOKUHYO = '・【新規】全庁における組織目標の設定・共有';

const source = (status: string) => teigenSheet('提言3-ウ', [teigenRow({ status })]);
const copy = (status: string) => teigenSheet('提言3-エ', [teigenRow({ status, content: '○各職場において' })]);

describe('saikei-drift', () => {
  it('finds the seed 000 case, names the source cell and shows the difference', () => {
    const wb = book(
      visionSheet('分類1', [visionRow({ job: '共通', no: '①' }), visionRow({ job: '', no: '②' }), visionRow({ job: '', no: '③', sep: FUKUSHI })], ['A2:A4']),
      visionSheet('分類2', [visionRow({ job: '共通', no: '①', sep: `${DRIFTED}【再掲】`, oct: '' })]),
    );
    const f = run(wb);
    expect(table(f)).toEqual(['分類2!C2 saikei-drift/drift']);
    expect(f[0]!.severity).toBe('warning');
    expect(f[0]!.data.source).toBe('分類1!C4');
    expect(f[0]!.data.diff).toBe('元「…上できるように育成を進める…」→ 再掲「…上できるよう育成を進める…」');
    // The fix copies the source and keeps the mark.
    expect(f[0]!.fix).toEqual({ sheet: '分類2', cell: 'C2', value: `${FUKUSHI}【再掲】` });
  });

  it('fixes only the drifted bullet of a cell (seed 002 提言3-エ 入事)', () => {
    const copyText = [`${KOKOROE}(再掲)`, `${DOUGA.replace('人事', '入事')}(再掲)`, `${MOKUHYO}(再掲)`].join('\n');
    const f = run(book(source([KOKOROE, DOUGA, MOKUHYO].join('\n')), copy(copyText)));
    expect(table(f)).toEqual(['提言3-エ!B3 saikei-drift/drift']);
    expect(f[0]!.fix?.value).toBe([`${KOKOROE}(再掲)`, `${DOUGA}(再掲)`, `${MOKUHYO}(再掲)`].join('\n'));
  });

  it('gives every drifted bullet of one cell the same fix, correcting them all', () => {
    const copyText = [`${KOKOROE.replace('心得', '心構え')}(再掲)`, `${DOUGA.replace('人事', '入事')}(再掲)`].join('\n');
    const f = run(book(source([KOKOROE, DOUGA].join('\n')), copy(copyText)), 'saikei-drift');
    expect(f).toHaveLength(2);
    expect(new Set(f.map((x) => x.fix?.value))).toEqual(new Set([`${KOKOROE}(再掲)\n${DOUGA}(再掲)`]));
  });

  it('offers no fix where the copy is more than a slip, or where the fix would repeat a bullet', () => {
    // 研修資料の作成 is another activity than 研修動画の配信: reported, never overwritten.
    const other = DOUGA.replace('研修動画の配信', '研修資料の作成');
    const f = run(book(source([KOKOROE, DOUGA].join('\n')), copy(`${other}(再掲)`)), 'saikei-drift');
    expect(table(f)).toEqual(['提言3-エ!B3 saikei-drift/drift']);
    expect(f[0]!.fix).toBeUndefined();
    // The source bullet is already in the cell: copying it again would list it twice.
    const twice = run(book(source(DOUGA), copy(`${DOUGA}(再掲)\n${DOUGA.replace('人事', '入事')}(再掲)`)), 'saikei-drift');
    expect(table(twice)).toEqual(['提言3-エ!B3 saikei-drift/drift']);
    expect(twice[0]!.fix).toBeUndefined();
  });

  it('says nothing for an exact copy, or for one sentence of a longer source bullet', () => {
    const long = `${DOUGA.slice(1)}を行い、受講状況を確認した。`;
    expect(run(book(source(`${KOKOROE}\n・${long}`), copy(`${KOKOROE}(再掲)\n${DOUGA}(再掲)`)))).toEqual([]);
  });

  it('recognizes each 再掲 mark sections write', () => {
    for (const mark of ['【再掲】', '(再掲)', '（再掲）', '＜再掲＞', '<再掲>', '【 再掲 】']) {
      const f = run(book(source(DOUGA), copy(`${DOUGA.replace('人事', '入事')}${mark}`)));
      expect([mark, table(f)]).toEqual([mark, ['提言3-エ!B3 saikei-drift/drift']]);
    }
  });

  it('leaves a text too far from any source to saikei-source-missing', () => {
    const f = run(book(source(DOUGA), copy('・児童相談所と区の合同研修を新たに実施した。(再掲)')));
    expect(table(f)).toEqual(['提言3-エ!B3 saikei-source-missing/missing']);
  });

  it('does not take a near text in the same row as the source', () => {
    const s = teigenSheet('提言3-エ', [teigenRow({ status: DOUGA, evaluation: `${DOUGA.replace('人事', '入事')}(再掲)` })]);
    expect(table(run(book(s)))).toEqual(['提言3-エ!C3 saikei-source-missing/missing']);
  });
});
