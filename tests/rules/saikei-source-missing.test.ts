import { META_ROW } from '../../lib/marks';
import { parseWorkbook } from '../../lib/report';
import { rules } from '../../lib/rules';
import { validateParsed } from '../../lib/validate';
import { book, config, run, sectionMeta, table, teigenRow, teigenSheet } from './helpers';

const CHIIKI =
  '○地域資源を活用しながら面的支援を行うことができる区と、重大・緊急案件に対して一時保護等の行政処分権限を有して対応する児童相談所が、それぞれの役割・強みについて理解し、役割を果たしながら支援を行う体制を整える。';
const PLAN1 = '・モニタリング制度について、見直し後の制度について継続して実施し、関係機関による平時からの見守りを強化する。';
const PLAN2 = '・児童相談所と各区家庭児童相談室の連携強化のため、各種研修などを引き続き実施する。';

const s1i = teigenSheet('提言1-イ', [teigenRow({ content: CHIIKI, plan: `${PLAN1}\n${PLAN2}` })]);
// Seed 002 提言4-エ: 【再掲】 on a line of its own, and closing a cell of two bullets.
const s4e = teigenSheet('提言4-エ', [teigenRow({ content: `${CHIIKI}\n【再掲】`, plan: `${PLAN1}\n${PLAN2}【再掲】` })]);

describe('saikei-source-missing', () => {
  it('is quiet when the source is elsewhere in the workbook, unmarked (seed 002 提言4-エ)', () => {
    expect(run(book(s1i, s4e))).toEqual([]);
  });

  it('finds every marked bullet whose source is missing: a mark line marks the bullet above, 【再掲】 closing a cell marks all', () => {
    const f = run(book(s4e));
    expect(table(f)).toEqual(['提言4-エ!A3 saikei-source-missing/missing', '提言4-エ!D3 saikei-source-missing/missing', '提言4-エ!D3 saikei-source-missing/missing']);
    expect(f[0]!.message).toBe('再掲「○地域資源を活用しながら面的支援を行うことができる区と、重大…」の元の記載がブック内に見つかりません');
  });

  it('takes (再掲) after the last bullet for that bullet only', () => {
    const s = teigenSheet('提言3-エ', [teigenRow({ plan: `${PLAN1}\n${PLAN2}(再掲)` })]);
    const f = run(book(s));
    expect(table(f)).toEqual(['提言3-エ!D3 saikei-source-missing/missing']);
    expect(f[0]!.data.text).toContain('児童相談所と各区家庭児童相談室');
  });

  it('does not count a source in the same row, nor another marked copy', () => {
    const same = teigenSheet('提言1-ア', [teigenRow({ status: PLAN2, plan: `${PLAN2}【再掲】` })]);
    expect(table(run(book(same)))).toEqual(['提言1-ア!D3 saikei-source-missing/missing']);
    const twice = [teigenSheet('提言1-ア', [teigenRow({ plan: `${PLAN2}【再掲】` })]), teigenSheet('提言1-イ', [teigenRow({ plan: `${PLAN2}【再掲】` })])];
    expect(table(run(book(...twice)))).toEqual(['提言1-ア!D3 saikei-source-missing/missing', '提言1-イ!D3 saikei-source-missing/missing']);
  });

  it('ignores a cell that holds only the mark', () => {
    expect(run(book(teigenSheet('提言1-ア', [teigenRow({ evaluation: '【再掲】' })])))).toEqual([]);
  });

  describe('in a section workbook', () => {
    const carried = sectionMeta([[META_ROW.saikeiSource, '提言1-イ', 'D3', `${PLAN1}\n${PLAN2}`]], '子) 児童相談所');
    const mine = teigenSheet('提言4-エ', [teigenRow({ plan: `${PLAN2}【再掲】` })]);

    it('finds the source split carried from rows the section was not sent', () => {
      expect(run(book(mine, carried))).toEqual([]);
    });

    it('leaves a 再掲 with no source it can see to consolidation, which has the master', () => {
      const alone = book(teigenSheet('提言4-エ', [teigenRow({ plan: '・他部署の取組をそのまま載せた。【再掲】' })]), carried);
      expect(run(alone, 'saikei-source-missing')).toEqual([]);
      // The master as context: checked there.
      const rule = rules.filter((r) => r.id === 'saikei-source-missing');
      const master = parseWorkbook(book(s1i), config);
      expect(table(validateParsed(parseWorkbook(alone, config), config, { rules: rule, context: [master] }))).toEqual(['提言4-エ!D3 saikei-source-missing/missing']);
    });
  });
});
