// Properties of the comparison form (normalize) and of the bullet splitting 再掲 matching
// stands on, over text drawn from the seed documents' own characters.
import fc from 'fast-check';
import { normalize, parseItemNumber, splitBullets } from '../lib/normalize';

// Characters of real report text (no combining marks: a half-width ﾞ split from its kana by
// a space is not something sections write).
const POOL = [
  ...'児童相談所と各区家庭児童相談室の連携強化のため、各種研修などを引き続き実施する。',
  ...'令和6年度から令和7年度上半期の取組状況「管理監督者の心得」(再掲)【新規】・○',
  ...'ABCxyz0123456789-~()/.%',
  ...'ＡＢＣｘｙｚ０１２３４５６７８９－～（）／．％',
  ...'ｱｲｳｴｵｶｷｸｹｺ',
];
const text = fc.array(fc.constantFrom(...POOL), { maxLength: 60 }).map((cs) => cs.join(''));
const SPACES = [' ', '\u3000', '\n', '\t', '\r\n'];

const toFullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('normalize (properties)', () => {
  it('ignores white space wherever it is inserted', () => {
    fc.assert(
      fc.property(text, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SPACES)), { maxLength: 6 }), (s, inserts) => {
        let t = s;
        for (const [at, sp] of inserts) {
          const i = at % (t.length + 1);
          t = t.slice(0, i) + sp + t.slice(i);
        }
        return normalize(t) === normalize(s);
      }),
    );
  });

  it('ignores full-width versus half-width ASCII', () => {
    fc.assert(fc.property(text, (s) => normalize(toFullWidth(s)) === normalize(s)));
  });

  it('folds the circles and dashes NFKC leaves alone, but keeps the long vowel mark', () => {
    const circles = ['○', '〇', '◯'];
    const dashes = ['-', '‐', '‑', '‒', '–', '—', '―', '−', '－', '﹣', '─', '━'];
    fc.assert(
      fc.property(text, fc.constantFrom(...circles), fc.constantFrom(...dashes), (s, c, d) => {
        return normalize(`${c}${s}${d}`) === normalize(`○${s}-`);
      }),
    );
    expect(normalize('ソーシャルワーカー')).not.toBe(normalize('ソ-シャルワ-カ-'));
  });

  it('leaves no white space and is stable', () => {
    fc.assert(fc.property(fc.string(), (s) => !/\s/u.test(normalize(s)) && normalize(normalize(s)) === normalize(s)));
  });
});

describe('parseItemNumber (properties)', () => {
  const fw = (n: number) => toFullWidth(String(n));
  it('reads (n), （ｎ）, n, n. with any spacing', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999 }), fc.constantFrom('', ' ', '\u3000'), (n, sp) => {
        expect(parseItemNumber(`${sp}(${n})${sp}`)).toEqual({ n, style: 'paren' });
        expect(parseItemNumber(`（${fw(n)}）`)).toEqual({ n, style: 'paren' });
        expect(parseItemNumber(`${sp}${fw(n)}${sp}`)).toEqual({ n, style: 'plain' });
        expect(parseItemNumber(`${n}.`)).toEqual({ n, style: 'plain' });
      }),
    );
  });

  it('never throws, and reads nothing out of text with letters or kana', () => {
    fc.assert(fc.property(fc.string(), (s) => {
      const r = parseItemNumber(s);
      return r === null || (Number.isInteger(r.n) && r.n >= 0);
    }));
    fc.assert(fc.property(text, (s) => parseItemNumber(`${s}ア`) === null && parseItemNumber(`第${s}`) === null));
  });
});

const SENTENCES = [
  '・児童相談所と区の相互理解を深めるため、下記の研修を実施した。',
  '・自己申告・服務に係る通知発出の際、「管理監督者の心得」を参照するよう案内',
  '○区職員の児童虐待対応に係る実地研修',
  '・【新規】全管理職向け人事評価研修動画の配信',
  '各所属においてマネジメントが適切に行われるよう、以下の取組を行う。',
  '・令和5年2月に全庁的に導入したビジネスチャットを引き続き活用した。',
];
const bulletList = fc.uniqueArray(fc.constantFrom(...SENTENCES), { minLength: 1, maxLength: 5 });

describe('splitBullets (properties)', () => {
  it('splits lines into bullets whose offsets point back into the cell', () => {
    fc.assert(
      fc.property(bulletList, fc.constantFrom('\n', '\r\n'), (bs, nl) => {
        const cell = bs.join(nl);
        const out = splitBullets(cell);
        expect(out.map((b) => b.text)).toEqual(bs);
        for (const b of out) expect(cell.slice(b.start, b.end).trim()).toBe(b.text);
        expect(out.map((b) => b.key)).toEqual(bs.map((s) => normalize(s).replace(/^[・○]/u, '')));
        expect(out.some((b) => b.saikei)).toBe(false);
      }),
    );
  });

  it('splits a bullet glyph that follows 。 on the same line', () => {
    fc.assert(
      fc.property(bulletList, (bs) => {
        const ended = bs.map((s) => (s.endsWith('。') ? s : `${s}。`));
        const glyphed = ended.map((s) => (/^[・○]/u.test(s) ? s : `・${s}`));
        return splitBullets(glyphed.join('')).length === glyphed.length;
      }),
    );
  });

  it('(再掲) marks its own bullet only and leaves every key as it was', () => {
    fc.assert(
      fc.property(bulletList, fc.nat(), fc.constantFrom('(再掲)', '（再掲）'), (bs, at, mark) => {
        const i = at % bs.length;
        const marked = bs.map((s, j) => (j === i ? `${s}${mark}` : s));
        const out = splitBullets(marked.join('\n'));
        expect(out.map((b) => b.saikei)).toEqual(bs.map((_, j) => j === i));
        expect(out.map((b) => b.key)).toEqual(splitBullets(bs.join('\n')).map((b) => b.key));
      }),
    );
  });

  it('【再掲】 closing a cell marks the whole cell, on the last line or a line of its own', () => {
    fc.assert(
      fc.property(bulletList, fc.constantFrom('【再掲】', '\n【再掲】', '＜再掲＞'), (bs, mark) => {
        const out = splitBullets(`${bs.join('\n')}${mark}`);
        expect(out).toHaveLength(bs.length);
        expect(out.every((b) => b.saikei)).toBe(true);
      }),
    );
  });
});

test('a 再掲 mark opening a cell marks the whole cell, as one closing it does', () => {
  const marks = (text: string): boolean[] => splitBullets(text).map((b) => b.saikei);
  expect(marks('【再掲】\n・全管理職向け研修の実施\n・組織目標の共有')).toEqual([true, true]);
  expect(marks('（再掲）・新任三役研修の実施\n・新任係長研修の実施')).toEqual([true, true]);
  expect(marks('【再掲】・新任三役研修の実施\n・新任係長研修の実施')).toEqual([true, true]);
  // A mark after a bullet marks that bullet only.
  expect(marks('・新任三役研修の実施（再掲）\n・新任係長研修の実施')).toEqual([true, false]);
});

test('〔再掲〕 is a 再掲 mark too, after a bullet and closing a cell', () => {
  expect(splitBullets('・新任三役研修の実施〔再掲〕\n・新任係長研修の実施').map((b) => [b.text, b.saikei])).toEqual([['・新任三役研修の実施', true], ['・新任係長研修の実施', false]]);
  expect(splitBullets('・新任三役研修の実施\n・新任係長研修の実施\n〔再掲〕').map((b) => b.saikei)).toEqual([true, true]);
});
