// The CLI as a user meets it: exit codes, text and JSON output, bad inputs, bad configuration.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, progressDone: () => undefined };
}

const HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組\n区分', '担当部'];

function writeBook(file: string, rows: string[][], sheet = '提言1-ア'): void {
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet);
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }));
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-cli-'));
  writeBook(path.join(dir, 'clean.xlsx'), [
    ['取組方針ア 区を単位とした相談支援体制を整える。'],
    HEADER,
    ['○支援体制を整える。', '・研修を実施した。', '・理解が深まった。', '・引き続き実施する。', '継続', '子)子育て支援部 区)保健福祉部'],
  ]);
  writeBook(path.join(dir, 'bad.xlsx'), [
    HEADER,
    ['○支援体制を整える。', '・研修を実施した。', '', '', '継 続', ''],
  ]);
  fs.writeFileSync(path.join(dir, 'broken.xlsx'), 'これは Excel ではありません');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('shinchoku validate', () => {
  it('exits 0 on a clean workbook and says there is nothing to fix', () => {
    const io = capture();
    expect(main(['validate', path.join(dir, 'clean.xlsx')], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('指摘はありません');
    expect(text).toContain('検証報告書の提言に係る取組の進捗状況');
  });

  it('exits 1 and reports each problem at its cell, with a fix where certain', () => {
    const io = capture();
    expect(main(['validate', path.join(dir, 'bad.xlsx'), '--format', 'json'], io)).toBe(1);
    const json = JSON.parse(io.stdout.join('\n'));
    const table = json.files[0].findings.map((f: { sheet: string; cell: string; rule: string }) => [f.sheet, f.cell, f.rule]);
    expect(table).toEqual([
      ['提言1-ア', 'E2', 'enum'],
      ['提言1-ア', 'F2', 'required'],
    ]);
    expect(json.files[0].findings[0].fix).toEqual({ sheet: '提言1-ア', cell: 'E2', value: '継続' });
  });

  it('names an unreadable file with its reason, checks the others and exits 2', () => {
    const io = capture();
    expect(main(['validate', dir], io)).toBe(2);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/broken\.xlsx[\s\S]*読めません/);
    expect(text).toContain('clean.xlsx');
    expect(text).toMatch(/bad\.xlsx[\s\S]*E2/);
  });

  it('exits 2 with a Japanese message for a missing file and for wrong usage', () => {
    let io = capture();
    expect(main(['validate', path.join(dir, 'nai.xlsx')], io)).toBe(2);
    expect(io.stdout.join('\n')).toContain('見つかりません');
    io = capture();
    expect(main(['validate', '--format', 'xml', dir], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('--format は text か json です');
    io = capture();
    expect(main(['validate'], io)).toBe(2);
    expect(io.stderr[0]).toContain('指定してください');
  });

  it('reports a wrong configuration path by path and exits 2', () => {
    const cfg = path.join(dir, 'bad-config.json');
    fs.writeFileSync(cfg, JSON.stringify({ codeLists: {}, bureaus: [], departments: [], reportTypes: [] }));
    const io = capture();
    expect(main(['validate', '--config', cfg, path.join(dir, 'clean.xlsx')], io)).toBe(2);
    const err = io.stderr.join('\n');
    expect(err).toContain('bad-config.json');
    expect(err).toMatch(/bureaus/);
  });

  it('JSON carries the totals the text ends with', () => {
    const files = ['clean.xlsx', 'bad.xlsx', 'broken.xlsx'].map((f) => path.join(dir, f));
    const io = capture();
    main(['validate', ...files, '--format', 'json'], io);
    const json = JSON.parse(io.stdout.join('\n'));
    expect(json.totals).toEqual({ files: 3, errors: 2, warnings: 0, info: 0, unreadable: 1, notWorkbooks: 0 });
    expect(json.notices).toEqual([]);
    const text = capture();
    main(['validate', ...files], text);
    expect(text.stdout.join('\n')).toContain('合計: ファイル 3 件、エラー 2 件、警告 0 件、情報 0 件、読めないファイル 1 件');
  });

  it('an empty folder, or one with no workbook: exit 2, said before the totals', () => {
    const empty = path.join(dir, 'empty');
    fs.mkdirSync(empty);
    fs.writeFileSync(path.join(empty, '~$lock.xlsx'), 'x');
    const io = capture();
    expect(main(['validate', empty], io)).toBe(2);
    const lines = io.stdout.join('\n').split('\n');
    const said = lines.findIndex((l) => l === `フォルダ ${empty} に Excel ブックがありません`);
    expect(said).toBeGreaterThanOrEqual(0);
    expect(said).toBeLessThan(lines.findIndex((l) => l.startsWith('合計:')));
    const only = path.join(dir, 'only-pdf');
    fs.mkdirSync(only);
    fs.writeFileSync(path.join(only, '報告.pdf'), '%PDF-1.7');
    const json = capture();
    expect(main(['validate', only, '--format', 'json'], json)).toBe(2);
    const parsed = JSON.parse(json.stdout.join('\n'));
    expect(parsed.notices).toEqual([`フォルダ ${only} に Excel ブックがありません（ブックでないファイル 1 件）`]);
    expect(parsed.totals).toEqual({ files: 0, errors: 0, warnings: 0, info: 0, unreadable: 0, notWorkbooks: 1 });
    expect(parsed.notWorkbooks).toEqual([{ path: path.join(only, '報告.pdf'), kind: 'PDF', reason: expect.stringContaining('Excel ブックではありません（PDF）') }]);
    expect(json.stderr).toEqual(parsed.notices);
  });

  it('gives the same JSON for the same inputs', () => {
    const a = capture();
    const b = capture();
    main(['validate', dir, '--format', 'json'], a);
    main(['validate', dir, '--format', 'json'], b);
    expect(a.stdout.join('')).toBe(b.stdout.join(''));
  });
});

describe('the README’s first command', () => {
  it('validate seeds/ exits 1, on purpose: only the error.* samples have errors', () => {
    const io = capture();
    expect(main(['validate', path.join(__dirname, '..', '..', 'seeds')], io)).toBe(1);
    const json = capture();
    main(['validate', path.join(__dirname, '..', '..', 'seeds'), '--format', 'json'], json);
    const files = JSON.parse(json.stdout.join('\n')).files as { path: string; error?: unknown; findings: { severity: string }[] }[];
    const withErrors = files.filter((f) => f.error || f.findings.some((x) => x.severity === 'error')).map((f) => path.basename(f.path));
    expect(withErrors.length).toBeGreaterThan(0);
    expect(withErrors.filter((n) => !n.startsWith('error.'))).toEqual([]);
  });
});
