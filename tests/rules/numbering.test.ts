import fc from 'fast-check';
import { circled } from '../../lib/normalize';
import { META_ROW } from '../../lib/marks';
import { book, run, sectionMeta, sheet, table, VISION_HEADER, visionRow, visionSheet } from './helpers';

const nums = (...xs: string[]) => visionSheet('分類1', xs.map((no, i) => visionRow({ no, sep: `・取組${i}を実施した。` })));

describe('numbering', () => {
  it('accepts ①②③ and the (1) / 1 / full-width styles', () => {
    expect(run(book(nums('①', '②', '③')), 'numbering')).toEqual([]);
    expect(run(book(nums('(1)', '（２）', '(3)')), 'numbering')).toEqual([]);
    expect(run(book(nums('1', '２', '3.')), 'numbering')).toEqual([]);
  });

  it('finds ①②②④: the duplicate, then ③ skipped', () => {
    const f = run(book(nums('①', '②', '②', '④')), 'numbering');
    expect(table(f)).toEqual(['分類1!B4 numbering/duplicate', '分類1!B5 numbering/skipped']);
    expect(f[0]!.message).toBe('取組番号 ② が重複しています（3行目にもあります）');
    expect(f[1]!.data).toEqual({ expected: '③', value: '④' });
  });

  it('finds ①③② out of order, and nothing skipped', () => {
    expect(table(run(book(nums('①', '③', '②')), 'numbering'))).toEqual(['分類1!B4 numbering/order']);
  });

  it('lists every number skipped before one item, in the section style', () => {
    const f = run(book(nums('(1)', '(4)')), 'numbering');
    expect(table(f)).toEqual(['分類1!B3 numbering/skipped']);
    expect(f[0]!.data).toEqual({ expected: '(2)・(3)', value: '(4)' });
  });

  it('says when the first number is not ①', () => {
    expect(table(run(book(nums('②', '③')), 'numbering'))).toEqual(['分類1!B2 numbering/skipped']);
  });

  it('reports a number it cannot read and leaves empty ones to the required rule', () => {
    expect(table(run(book(nums('①', '⑤-2')), 'numbering'))).toEqual(['分類1!B3 numbering/unreadable']);
    expect(run(book(nums('①', '②', '')), 'numbering')).toEqual([]);
  });

  it('counts a number cell merged over two rows once', () => {
    const s = visionSheet('分類1', [visionRow({ no: '①' }), visionRow({ no: '', sep: '・続きの取組' }), visionRow({ no: '②' })], ['B2:B3']);
    expect(run(book(s), 'numbering')).toEqual([]);
  });

  it('numbers each sheet and each section on its own', () => {
    const a = nums('①', '②');
    const b = visionSheet('分類2', [visionRow({ no: '①' }), visionRow({ no: '②' })]);
    expect(run(book(a, b), 'numbering')).toEqual([]);
    // One sheet holding two sub-categories, each opened by a section row and its own header.
    const s = sheet('分類3', [
      ['(1)研修体制の整備'],
      VISION_HEADER,
      visionRow({ no: '①' }),
      visionRow({ no: '②' }),
      ['(2)事務マニュアルへの反映'],
      VISION_HEADER,
      visionRow({ no: '①' }),
      visionRow({ no: '③' }),
    ]);
    expect(table(run(book(s), 'numbering'))).toEqual(['分類3!B8 numbering/skipped']);
  });
});

test('seed 000 prints 分類3 (2)–(4) on one page, each (n) merged down its rows in a leading column: numbers restart per (n)', () => {
  // Column A is no report column: the header row leaves it empty, as the seed's does.
  const header = ['', ...VISION_HEADER];
  const row = (lead: string | null, no: string) => [lead, ...visionRow({ no })];
  const s = sheet('分類3-(2)～(4)', [header, row('(2)', '①'), row(null, '②'), row('(3)', '①'), row(null, '②'), row('(4)', '①')], ['A2:A3', 'A4:A5']);
  expect(run(book(s), 'numbering')).toEqual([]);
  // A (n) block numbered on from the one before is still found out.
  const wrong = sheet('分類3-(2)～(4)', [header, row('(2)', '①'), row(null, '②'), row('(3)', '①'), row(null, '①')], ['A2:A3', 'A4:A5']);
  expect(table(run(book(wrong), 'numbering'))).toEqual(['分類3-(2)～(4)!C5 numbering/duplicate']);
});

describe('numbering in a section workbook (split carries the master sequence)', () => {
  const seq = (sheetName: string, levels: string, ns: string) => [META_ROW.numbering, sheetName, levels, ns];
  const master15 = sectionMeta([seq('分類1', '分類1', '1,2,3,4,5')]);

  it('takes a part of the master sequence, in order, as complete', () => {
    expect(run(book(nums('②', '④'), master15), 'numbering')).toEqual([]);
    expect(run(book(nums('⑤'), master15), 'numbering')).toEqual([]);
  });

  it('still finds a duplicate and a number out of the master order', () => {
    expect(table(run(book(nums('②', '②'), master15), 'numbering'))).toEqual(['分類1!B3 numbering/duplicate']);
    expect(table(run(book(nums('④', '②'), master15), 'numbering'))).toEqual(['分類1!B3 numbering/order']);
  });

  it('names a number the master does not have, and where added rows start', () => {
    const f = run(book(nums('②', '⑦'), master15), 'numbering');
    expect(table(f)).toEqual(['分類1!B3 numbering/notInMaster']);
    expect(f[0]!.data).toEqual({ value: '⑦', numbers: '①〜⑤', next: '⑥' });
    expect(f[0]!.message).toBe('取組番号 ⑦ は元の集約表のこの区分の番号（①〜⑤）にありません。行を加えた場合は ⑥ から続けてください');
  });

  it('lets rows the section added continue after the master last number', () => {
    expect(run(book(nums('②', '⑥', '⑦'), master15), 'numbering')).toEqual([]);
    expect(table(run(book(nums('⑥', '②'), master15), 'numbering'))).toEqual(['分類1!B3 numbering/order']);
  });

  it('names a number another department holds, used for a row the section added', () => {
    // The section's own rows carry split's key; the row it added (③, another department's in the master) does not.
    const keyed = (no: string, r: number) => [...visionRow({ no }), `shinchoku:v1:0:${r}:abc`];
    const s = visionSheet('分類1', [keyed('②', 3), keyed('④', 5), visionRow({ no: '③' })]);
    const f = run(book(s, master15), 'numbering');
    expect(table(f)).toEqual(['分類1!B4 numbering/usedInMaster']);
    expect(f[0]!.message).toBe('取組番号 ③ は集約表のほかの行の番号です。加えた行は ⑥ から続けてください');
    // The same row numbered ⑥ continues the master: nothing to say.
    expect(run(book(visionSheet('分類1', [keyed('②', 3), keyed('④', 5), visionRow({ no: '⑥' })]), master15), 'numbering')).toEqual([]);
  });

  it('follows the master order even when the master itself is not 1..n', () => {
    const odd = sectionMeta([seq('分類1', '分類1', '1,3,2')]);
    expect(run(book(nums('③', '②'), odd), 'numbering')).toEqual([]);
    const f = run(book(nums('②', '③'), odd), 'numbering');
    expect(table(f)).toEqual(['分類1!B3 numbering/order']);
  });

  it('keys each section by sheet and levels', () => {
    const s = sheet('分類3', [['(1)研修体制の整備'], VISION_HEADER, visionRow({ no: '②' }), ['(2)事務マニュアルへの反映'], VISION_HEADER, visionRow({ no: '③' })]);
    const meta = sectionMeta([seq('分類3', '分類3|小分類1', '1,2'), seq('分類3', '分類3|小分類2', '1,2,3')]);
    expect(run(book(s, meta), 'numbering')).toEqual([]);
    // The same numbers under the other sub-category's sequence: ② fits, ③ does not (⑤ would be next).
    const f = run(book(s, sectionMeta([seq('分類3', '分類3|小分類1', '1,2'), seq('分類3', '分類3|小分類2', '1,2,4')])), 'numbering');
    expect(table(f)).toEqual(['分類3!B6 numbering/notInMaster']);
  });

  it('without the master sequence of a section (sheet renamed, older split file), checks no gaps', () => {
    const older = sectionMeta([]);
    expect(run(book(nums('②', '④'), older), 'numbering')).toEqual([]);
    expect(table(run(book(nums('④', '②', '②'), older), 'numbering'))).toEqual(['分類1!B3 numbering/order', '分類1!B4 numbering/duplicate']);
  });
});

// An independent model of the rule, from its description: a number seen before is a
// duplicate; a new number below the largest so far is out of order; each number never
// written below the largest is reported once, at the first item written that exceeds it.
function model(ns: number[]): string[] {
  const out: string[] = [];
  const seen = new Set<number>();
  let max = 0;
  ns.forEach((n, i) => {
    if (seen.has(n)) out.push(`${i}:duplicate`);
    else if (n < max) out.push(`${i}:order`);
    seen.add(n);
    max = Math.max(max, n);
  });
  const anchors = new Set<number>();
  for (let k = 1; k < max; k++) {
    if (!seen.has(k)) anchors.add(ns.findIndex((n) => n > k));
  }
  for (const i of anchors) out.push(`${i}:skipped`);
  return out.sort();
}

const STYLES: ((n: number) => string)[] = [
  (n) => circled(n),
  (n) => `(${n})`,
  (n) => String(n),
  (n) => String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d))),
];

describe('numbering (property: matches an independent model)', () => {
  it('on random sequences in each numbering style', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: 3 }), (ns, st) => {
        const style = STYLES[st]!;
        const f = run(book(nums(...ns.map(style))), 'numbering');
        const got = f.map((x) => `${x.row - 2}:${x.messageId}`).sort();
        expect(got).toEqual(model(ns));
        // Never more than one finding per row.
        expect(new Set(f.map((x) => x.row)).size).toBe(f.length);
      }),
      { numRuns: 150 },
    );
  });

  it('finds nothing on any 1..n in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 }), (n) => run(book(nums(...Array.from({ length: n }, (_, i) => circled(i + 1)))), 'numbering').length === 0),
      { numRuns: 30 },
    );
  });
});
