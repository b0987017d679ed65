// The repeat finder without keys (repeatedBullets' hash pass, bulletKeyHashes) against the
// index it replaces where no 再掲 is marked: the same keys, the same repeats, in the same order,
// on random text and on every workbook in the repository.
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { fnv1a, FNV_OFFSET } from '../lib/hash';
import { bulletKeyHashes, splitBullets } from '../lib/normalize';
import { defaultConfig } from '../lib/config';
import { readWorkbook } from '../lib/read/workbook';
import { parseWorkbook, type ParsedWorkbook } from '../lib/report';
import { buildIndex, repeatedBullets } from '../lib/saikei';
import { book, teigenRow, teigenSheet } from './rules/helpers';

/** What bulletKeyHashes must give: splitBullets' keys, hashed, with their lengths. */
const fromKeys = (text: string): number[] => splitBullets(text).flatMap((b) => [fnv1a(FNV_OFFSET, b.key) & 0x3fffffff, [...b.key].length]);

// Characters on both sides of every branch: ASCII, white space of each kind, full-width,
// kana and kanji, bullet glyphs, glyphs NFKC or the folds change, tags, a surrogate pair.
const CHARS = [...'ab1 .。、\t\n\r\u3000\u00a0（）１Ａ＜＞<li>・･○〇◎●■□◆◇-－‐~～「」【】※あア漢字ｶﾞ①', '😀'];
const text = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((cs) => cs.join(''));

describe('bulletKeyHashes', () => {
  it('hashes the keys splitBullets makes, or leaves the cell to it', () => {
    fc.assert(
      fc.property(text, (t) => {
        const fast = bulletKeyHashes(t);
        if (fast) expect(fast).toEqual(fromKeys(t));
      }),
      { numRuns: 5000 },
    );
  });

  it('takes the usual cell itself (kana, kanji, full-width digits, bullets on lines)', () => {
    const t = '・令和６年度に研修を２回実施した（第3号）。\n　・ 引き続き実施する。・次の取組';
    expect(bulletKeyHashes(t)).toEqual(fromKeys(t));
    expect(bulletKeyHashes(t)).toHaveLength(6);
  });

  it('leaves marks, tags and characters NFKC changes to splitBullets', () => {
    for (const t of ['・研修を実施した。(再掲)', '<li>研修</li>', 'ｶﾞｲﾄﾞ', '①研修', '研修〇']) expect(bulletKeyHashes(t)).toBeNull();
  });
});

/** The repeats as the index finds them (the rule's former way), from a parse of its own. */
function byIndex(parsed: ParsedWorkbook, min: number): unknown {
  return [...buildIndex({ ...parsed }).exact.values()].filter((refs) => refs.length > 1 && [...refs[0]!.bullet.key].length >= min);
}

describe('repeatedBullets', () => {
  const config = defaultConfig();
  const ROOT = path.join(__dirname, '..');
  const files = ['seeds', 'seeds/libreoffice', 'tests/fixtures/hostile/files']
    .flatMap((d) => fs.readdirSync(path.join(ROOT, d)).filter((f) => /\.xls[xm]$/.test(f) && !f.startsWith('error.unreadable')).map((f) => path.join(d, f)))
    .sort();

  it.each(files)('%s: finds the repeats the index finds, in its order', (file) => {
    let parsed: ParsedWorkbook;
    try {
      parsed = parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(path.join(ROOT, file))), file), config);
    } catch {
      return; // unreadable on purpose (the hostile corpus): nothing to index
    }
    for (const min of [1, 5, config.saikei.minUnmarkedLength]) expect(repeatedBullets({ ...parsed }, min)).toEqual(byIndex(parsed, min));
  });

  it('the repository holds repeats for it to find', () => {
    const found = files.filter((f) => {
      try {
        const parsed = parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(path.join(ROOT, f))), f), config);
        return repeatedBullets({ ...parsed }, config.saikei.minUnmarkedLength).length > 0;
      } catch {
        return false;
      }
    });
    expect(found.length).toBeGreaterThanOrEqual(3);
  });
});

describe('repeatedBullets (property)', () => {
  const config = defaultConfig();
  // A few sentences, each spelt several ways that normalize alike (spaces, width, a glyph),
  // or not (a mark, a tag, a folded dash): repeats across rows, sheets and columns.
  const SENTENCES = ['職員の専門性の向上に向けた研修を計画的に実施した。', '関係機関との情報共有を図り、支援方針を確認した（第3号）。', '短い文。'];
  const spell = fc.tuple(fc.nat(SENTENCES.length - 1), fc.constantFrom('', '・', '　・ ', '○'), fc.constantFrom('', ' ', '\u3000', '（再掲）', '<b>', '－')).map(([i, lead, extra]) => {
    const body = SENTENCES[i]!;
    if (extra === ' ' || extra === '\u3000' || extra === '<b>' || extra === '－') return `${lead}${body.slice(0, 5)}${extra}${body.slice(5)}`;
    return `${lead}${body.replace('3', '３')}${extra}`;
  });
  const cellText = fc.array(spell, { minLength: 1, maxLength: 3 }).map((bs) => bs.join('\n'));
  const row = fc.record({ status: cellText, evaluation: cellText, plan: cellText }).map((r) => teigenRow(r));
  const workbook = fc.array(fc.array(row, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 3 }).map((sheets) => book(...sheets.map((rows, i) => teigenSheet(`提言${i + 1}-ア`, rows))));

  it('finds what the index finds, in its order, at every minimum length', () => {
    fc.assert(
      fc.property(workbook, fc.constantFrom(1, 10, 20), (wb, min) => {
        const parsed = parseWorkbook(wb, config);
        expect(repeatedBullets({ ...parsed }, min)).toEqual(byIndex(parsed, min));
      }),
      { numRuns: 300 },
    );
  });
});
