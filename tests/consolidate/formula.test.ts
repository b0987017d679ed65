// Formulas keep pointing at the same cells when split removes rows or consolidate adds them.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { mapFormulaRefs, mapRangeFormula, shiftRelative } from '../../lib/ooxml/formula';
import { RowMap } from '../../lib/ooxml/rowmap';
import { execFileSync } from 'node:child_process';
import { fill, inspect, py, PYTHON, sheetOf, tmpDir } from './helpers';

// Two rows inserted after row 5 (0-based 4), as consolidate places a section's added rows.
const ins = new RowMap([], new Map([[4, 2]]));
// Rows 6 and 7 (0-based 5, 6) removed, as split drops other departments' rows.
const del = new RowMap([5, 6]);

describe('mapFormulaRefs', () => {
  test.each([
    ['SUM(B4:B10)', 'SUM(B4:B12)'],
    ['$B$12*2+B3', '$B$14*2+B3'],
    ['COUNTIF(E4:E5,"継続")', 'COUNTIF(E4:E7,"継続")'],
    ['"A7"&A7', '"A7"&A9'],
    ['LOG10(A7)+ATAN2(1,2)', 'LOG10(A9)+ATAN2(1,2)'],
    ['SUM(7:8)', 'SUM(9:10)'],
    ['SUM(A:A)', 'SUM(A:A)'],
    ["'提言1-ア'!C9+提言2!C9+'it''s'!C9", "'提言1-ア'!C11+提言2!C9+'it''s'!C9"],
    ['[1]提言1!C9', '[1]提言1!C9'],
  ])('%s on its own sheet, rows inserted → %s', (f, want) => {
    const own = f.includes("'提言1-ア'") ? '集計' : '提言1-ア';
    expect(mapFormulaRefs(f, own, '提言1-ア', ins)).toBe(want);
  });

  test('refs into another sheet move only with that sheet', () => {
    expect(mapFormulaRefs('提言2!C9+C9', '提言1-ア', '提言2', ins)).toBe('提言2!C11+C9');
    expect(mapFormulaRefs('提言2!C9+C9', '提言1-ア', '提言1-ア', ins)).toBe('提言2!C9+C11');
  });

  test('deleted rows: a range shrinks, a single reference becomes #REF!', () => {
    expect(mapFormulaRefs('SUM(B4:B10)+B6+B9', 'S', 'S', del)).toBe('SUM(B4:B8)+#REF!+B7');
  });

  test('defined names (keepGone): a reference with no rows left stays as written', () => {
    expect(mapFormulaRefs("'S'!$A$6:$F$7,'S'!$3:$3,'S'!$A$9", '', 'S', del, { keepGone: true })).toBe("'S'!$A$6:$F$7,'S'!$3:$3,'S'!$A$7");
  });

  test('a formula re-read for a cell further down: relative rows move, $-rows and strings stay', () => {
    expect(shiftRelative('AND($E4="A4",E$4<>$E$9,SUM(4:$6))', 2)).toBe('AND($E6="A4",E$4<>$E$9,SUM(6:$6))');
    // Filled across: relative columns move too (Z → AA), $-columns stay.
    expect(shiftRelative("Z4+$B4+'提言1-ア'!C$9", 1, 1)).toBe("AA5+$B5+'提言1-ア'!D$9");
  });

  test('a conditional format or validation formula follows its range, as in Excel', () => {
    // Range E4:E9 (0-based rows 3–8), formula written for E4.
    expect(mapRangeFormula('$E4="継続"', 'E4:E9', 'S', new RowMap([], new Map([[1, 1]])))).toBe('$E5="継続"');
    expect(mapRangeFormula('$E4="継続"', 'E4:E9', 'S', new RowMap([], new Map([[5, 2]])))).toBe('$E4="継続"');
    // The range's first row removed: the formula is now the one of the row that moved up.
    expect(mapRangeFormula('$E4="継続"', 'E4:E9', 'S', new RowMap([3]))).toBe('$E4="継続"');
    expect(mapRangeFormula('$E4=$H$20', 'E4:E9 G4:G9', 'S', new RowMap([3, 4]))).toBe('$E4=$H$18');
    expect(mapRangeFormula('$H$20:$H$22', 'E4:E9', 'S', new RowMap([6]))).toBe('$H$19:$H$21');
  });

  test('no change leaves the text as it was', () => {
    expect(mapFormulaRefs('SUM(B4:B10)', 'S', 'S', new RowMap())).toBe('SUM(B4:B10)');
  });
});

describe('formulas in a real master (written by openpyxl)', () => {
  const A = '子)子育て支援部';
  const B = '区)保健福祉部';
  let dir: string;
  let master: string;
  let parts: ReturnType<typeof split>;

  beforeAll(() => {
    dir = tmpDir('formula');
    master = path.join(dir, 'master.xlsx');
    py('master', master, '--tally');
    parts = split(fs.readFileSync(master), defaultConfig(), { masterName: 'master.xlsx' });
    for (const f of parts.files) fs.writeFileSync(path.join(dir, f.name), f.bytes);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const formulas = (file: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const s of inspect(file).sheets) for (const [ref, c] of Object.entries(s.cells)) if (c.t === 'f') out[`${s.name}!${ref}`] = c.v;
    return out;
  };

  test('split: a tally counts only the rows the department kept, in its own sheet and from another', () => {
    const file = path.join(dir, `${B}.xlsx`);
    expect(fs.existsSync(file)).toBe(true);
    // 提言1-ア keeps rows 6 and 7 (now 4 and 5); 提言1-イ counts them from its own sheet.
    expect(formulas(file)).toEqual({
      '提言1-ア!F1': '=COUNTIF(E4:E5,"継続")',
      '提言1-イ!F1': '=COUNTIF(E4:E4,"継続")',
      '提言1-イ!G1': "=COUNTA('提言1-ア'!A4:A5)",
    });
    // Row 4 (another department's) is gone: the rule is now the one of the row moved up.
    const ア = inspect(file).sheets.find((s) => s.name === '提言1-ア')!;
    expect(ア.conditionalFormulas).toContainEqual(['A4:A5', '$E4="新規"']);
  });

  test('split: a tally over none of the department\'s rows is left empty in its copy, not #REF!', () => {
    const all = parts.files.map((f) => formulas(path.join(dir, f.name)));
    expect(Object.values(all).flatMap((x) => Object.values(x)).filter((v) => String(v).includes('#REF!'))).toEqual([]);
    // 児童相談所 has no row on 提言1-ア: its tally there, and the count from 提言1-イ, go.
    expect(formulas(path.join(dir, '子)児童相談所.xlsx'))).toEqual({ '提言1-イ!F1': '=COUNTIF(E4:E5,"継続")' });
    // Returned untouched, every copy leaves the master's formulas as they were, nothing listed.
    const res = consolidate(fs.readFileSync(master), parts.files.map((f) => ({ name: f.name, bytes: f.bytes })), defaultConfig(), { masterName: 'master.xlsx' });
    const out = path.join(dir, 'untouched.xlsx');
    fs.writeFileSync(out, res.bytes);
    expect(formulas(out)).toEqual(formulas(master));
    expect([res.summary.cleared, res.summary.unplaced, res.summary.conflicts]).toEqual([[], [], []]);
  });

  test('split: an answer formula reading another department\'s row is sent empty; empty back is no change', () => {
    // 区)保健福祉部 answers 提言1-ア row 6 with a formula over row 4, another department's row.
    const withFormula = path.join(dir, 'master-answer-formula.xlsx');
    execFileSync(PYTHON, [path.join(__dirname, 'rounds.py'), 'edit', master, withFormula, JSON.stringify([{ sheet: '提言1-ア', ref: 'B6', value: '=A4', type: 'f' }])]);
    const bytes = fs.readFileSync(withFormula);
    const copy = split(bytes, defaultConfig(), { masterName: 'master.xlsx' }).files.find((f) => f.department === B.replace(')', ') '))!;
    const file = path.join(dir, 'B-answer-formula.xlsx');
    fs.writeFileSync(file, copy.bytes);
    // Row 6 is the copy's row 4; its answer cell holds nothing (no #REF!), still unlocked.
    const b4 = sheetOf(inspect(file), '提言1-ア').cells['B4']!;
    expect([b4.v, b4.locked]).toEqual([null, false]);
    const res = consolidate(bytes, [{ name: copy.name, bytes: copy.bytes }], defaultConfig(), { masterName: 'master.xlsx' });
    const out = path.join(dir, 'answer-formula-out.xlsx');
    fs.writeFileSync(out, res.bytes);
    expect(formulas(out)['提言1-ア!B6']).toBe('=A4');
    expect([res.summary.cleared, res.summary.unplaced]).toEqual([[], []]);
  });

  test('consolidate: an added row joins the tallies, and the workbook recalculates on opening', () => {
    const back = path.join(dir, 'A_回答.xlsx');
    fill(dir, [{ in: path.join(dir, `${A}.xlsx`), out: back, steps: [{ sheet: '提言1-ア', insert: [6, { A: '○加えた取組', E: '継続', F: A }] }] }]);
    const res = consolidate(fs.readFileSync(master), [{ name: `${A}_回答.xlsx`, bytes: fs.readFileSync(back) }], defaultConfig(), { masterName: 'master.xlsx' });
    expect(res.summary.added.map((x) => [x.sheet, x.row])).toEqual([['提言1-ア', 8]]);
    const out = path.join(dir, 'out.xlsx');
    fs.writeFileSync(out, res.bytes);
    expect(formulas(out)).toEqual({
      '提言1-ア!F1': '=COUNTIF(E4:E8,"継続")',
      '提言1-イ!F1': '=COUNTIF(E4:E6,"継続")',
      '提言1-イ!G1': "=COUNTA('提言1-ア'!A4:A8)",
    });
    expect(py('workbook-xml', out)).toMatch(/<calcPr\b[^>]*fullCalcOnLoad="1"/);
    expect(inspect(out).sheets.find((s) => s.name === '提言1-ア')!.conditionalFormulas).toContainEqual(['A4:A8', '$E4="新規"']);
  });
});
