import fc from 'fast-check';
import { circled, nfkc, normalize, parseItemNumber, splitBullets } from '../lib/normalize';

describe('nfkc', () => {
  it('agrees with ICU on every BMP character', () => {
    const differ: string[] = [];
    for (let ch = 0; ch < 0x10000; ch++) {
      if (ch >= 0xd800 && ch <= 0xdfff) continue;
      const s = String.fromCharCode(ch);
      if (nfkc(s) !== s.normalize('NFKC')) differ.push(ch.toString(16));
    }
    expect(differ).toEqual([]);
  });

  it('agrees with ICU on text mixing the fast ranges with combining marks and compatibility characters', () => {
    const pieces = ['か', '\u3099', '\u309a', 'ｶ', 'ﾞ', '（', '１', 'Ａ', '①', '㈱', '\u3000', '～', 'ー', '・', '漢', '【', 'a', ' ', '\n', '\u0301', 'e', '\uFA10', '㍻', '𠮷', '\ud842'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        return nfkc(s) === s.normalize('NFKC');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('normalize', () => {
  it('folds width, spaces, circles and dashes', () => {
    expect(normalize('継 続')).toBe('継続');
    expect(normalize('子）\u3000子育て支援部')).toBe('子)子育て支援部');
    expect(normalize('〇◯○')).toBe('○○○');
    expect(normalize('1～3年')).toBe(normalize('1〜3年'));
    expect(normalize('A－B')).toBe(normalize('A-B'));
  });

  it('agrees with NFKC, folding, dropping white space and composing again (its one-pass fast path)', () => {
    const pieces = ['か', '漢', 'ア', '・', 'ー', '、', '。', '【', '】', '○', '●', '※', 'a', 'Z', '1', ' ', '\t', '\n', '\r', '\u000b', '\u3000', '\u00a0',
      '（', '）', '１', 'Ａ', '－', '～', '〜', '〇', '◯', '―', '“', '’', '･', 'ｶ', 'ﾞ', '\u3099', '①', '㈱', '\u2028', '\ufeff'];
    const reference = (s: string): string => s.normalize('NFKC').replace(/[○〇◯◦]/g, '○').replace(/[‐‑‒–—―−－﹣─━]/g, '-')
      .replace(/[〜～∼]/g, '~').replace(/[・･]/g, '・').replace(/[“”„‟]/g, '"').replace(/[‘’‚‛]/g, "'").replace(/\s+/g, '').normalize('NFKC');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => normalize(parts.join('')) === reference(parts.join(''))),
      { numRuns: 5000 },
    );
  });

  it('is idempotent', () => {
    // NFKC makes ῁ a space and two combining marks; without the space they join the letter before.
    expect(normalize(normalize('\u{1D404}\u1FC1'))).toBe(normalize('\u{1D404}\u1FC1'));
    fc.assert(fc.property(fc.string({ unit: 'grapheme' }), (s) => normalize(normalize(s)) === normalize(s)));
  });
});

describe('parseItemNumber', () => {
  it('reads circled numbers before NFKC would flatten them', () => {
    expect(parseItemNumber('①')).toEqual({ n: 1, style: 'circled' });
    expect(parseItemNumber('⑳')).toEqual({ n: 20, style: 'circled' });
    expect(parseItemNumber('（３）')).toEqual({ n: 3, style: 'paren' });
    expect(parseItemNumber('12')).toEqual({ n: 12, style: 'plain' });
    expect(parseItemNumber('あ')).toBeNull();
  });

  it('round-trips every circled numeral 1–50', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 50 }), (n) => parseItemNumber(circled(n))?.n === n));
  });
});

describe('splitBullets', () => {
  it('splits on line breaks and bullet glyphs, and reads per-bullet 再掲 marks', () => {
    const b = splitBullets('・自己申告の通知(再掲)\n・【新規】全庁における組織目標の設定\n・管理職マネジメント相談事業（再掲）');
    expect(b.map((x) => x.saikei)).toEqual([true, false, true]);
    expect(b[1]!.key).toBe('【新規】全庁における組織目標の設定');
  });

  it('treats a mark at the end of a cell as marking the whole cell', () => {
    const b = splitBullets('・モニタリング制度を継続する。\n・各種研修を引き続き実施する。【再掲】');
    expect(b.map((x) => x.saikei)).toEqual([true, true]);
  });

  it('does not split 健康・子ども課 inside a sentence', () => {
    expect(splitBullets('区の健康・子ども課と連携した。')).toHaveLength(1);
  });

  it('starts a bullet at each bullet glyph after 。 or a space, and at no other glyph', () => {
    for (const g of '・●○〇◯◎■◆') {
      expect([g, splitBullets(`研修を実施した。${g}監査を実施した。`).length]).toEqual([g, 2]);
      expect([g, splitBullets(`研修を実施した ${g}監査を実施した。`).length]).toEqual([g, 2]);
    }
    for (const g of '□◇▲★※▪◉◍') expect([g, splitBullets(`研修を実施した。${g}監査を実施した。`).length]).toEqual([g, 1]);
  });
});

describe('splitBullets mark scope', () => {
  it('keeps (再掲) after the last bullet to that bullet', () => {
    const b = splitBullets('・研修を実施した。\n・監査を実施した。(再掲)');
    expect(b.map((x) => x.saikei)).toEqual([false, true]);
  });
});
