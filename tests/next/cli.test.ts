// `shinchoku next` as a clerk runs it: usage, Japanese refusals, the input untouched, the
// output written whole; and publish keeps the 前回 column out of the published report.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';
import { defaultConfig } from '../../lib/config';
import { nextMaster } from '../../lib/consolidate/next';
import { publish } from '../../lib/consolidate/publish';
import { tmpDir } from '../consolidate/helpers';
import { gridFromEditor } from '../../lib/read/xlsx';
import { XlsxEditor } from '../../lib/ooxml/workbook';

const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');

function run(args: string[]): { code: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (t) => out.push(t), err: (t) => err.push(t), progress: () => undefined, progressDone: () => undefined };
  const code = main(args, io);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('shinchoku next', () => {
  const dir = tmpDir('next-cli-');
  const input = path.join(dir, '令和7年度上半期.xlsx');
  beforeAll(() => fs.copyFileSync(SEED, input));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--help shows its usage; it is in the overall help', () => {
    const r = run(['next', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('shinchoku next <集約表.xlsx> -o');
    expect(r.out).toContain('--period');
    expect(run(['help']).out).toContain('shinchoku next');
  });

  test('writes the next period, tells what changed, leaves the input and no temporary file', () => {
    const before = fs.readFileSync(input);
    const out = path.join(dir, '次期.xlsx');
    const r = run(['next', input, '-o', out]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('令和7年度上半期 → 令和7年度下半期');
    expect(r.out).toContain('提言1-ア!B14: 令和6年度から令和7年度上半期の取組状況 → 令和6年度から令和7年度の取組状況');
    expect(fs.readFileSync(input).equals(before)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const json = run(['next', input, '-o', path.join(dir, 'j.xlsx'), '--format', 'json', '--period', '令和8年度上半期']);
    expect(JSON.parse(json.out)).toMatchObject({ from: '令和7年度上半期', to: '令和8年度上半期', cleared: 77 });
  });

  test('bad input is refused in Japanese, exit 2, nothing written', () => {
    const out = path.join(dir, 'bad.xlsx');
    const period = run(['next', input, '-o', out, '--period', '来年度']);
    expect(period.code).toBe(2);
    expect(period.err).toContain('--period の期を読み取れません: 来年度');
    const missing = run(['next', path.join(dir, 'ない.xlsx'), '-o', out]);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('ない.xlsx');
    const noOut = run(['next', input]);
    expect(noOut.code).toBe(2);
    expect(noOut.err).toContain('-o');
    const same = run(['next', input, '-o', input]);
    expect(same.code).toBe(2);
    expect(fs.existsSync(out)).toBe(false);
  });

  test('headings naming no period: --period is asked for', () => {
    const ed = new XlsxEditor(fs.readFileSync(SEED));
    for (const s of ed.sheets) {
      const sx = ed.sheet(s.name);
      const g = gridFromEditor(ed, 'x.xlsx').sheets.find((x) => x.name === s.name)!;
      g.rows.forEach((row, r) => row.forEach((cell, c) => {
        if (/令和\d+年度/.test(cell.text) && cell.text.length < 40) sx.setText(r, c, cell.text.replace(/令和\d+年度/g, ''));
      }));
    }
    const file = path.join(dir, 'noperiod.xlsx');
    fs.writeFileSync(file, ed.toBytes());
    const r = run(['next', file, '-o', path.join(dir, 'np.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('見出しから今の期を読み取れません');
  });
});

test('publish hides the 前回 column next added', () => {
  const config = defaultConfig();
  const n = nextMaster(fs.readFileSync(SEED), config);
  const col = n.previousColumns[0]!;
  const hidden = (bytes: Uint8Array): boolean => new XlsxEditor(bytes).sheet(col.sheet).hiddenColumns().includes(col.column.charCodeAt(0) - 65);
  expect(hidden(n.bytes)).toBe(false);
  expect(hidden(publish(n.bytes, config).bytes)).toBe(true);
});
