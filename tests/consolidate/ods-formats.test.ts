// A section's answer returned as .ods (LibreOffice's own format): its dates and times keep the
// format LibreOffice shows, read and written into the master.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { readWorkbook } from '../../lib/read/workbook';
import { PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const ROUNDS = path.join(__dirname, 'rounds.py');

let dir: string;
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

test('dates and times of an .ods keep their short day and hour (2026/4/1, 9:05)', () => {
  dir = tmpDir('ods-formats');
  const master = new Uint8Array(fs.readFileSync(SEED));
  const part = split(master, config).files.find((f) => f.department === '子) 子育て支援部')!;
  const sent = path.join(dir, 'sent.xlsx');
  fs.writeFileSync(sent, part.bytes);
  const answered = path.join(dir, 'answered', '子)子育て支援部.xlsx');
  fs.mkdirSync(path.dirname(answered));
  execFileSync(PYTHON, [ROUNDS, 'edit', sent, answered, JSON.stringify([
    { sheet: '提言1-ア', ref: 'C15', value: '2026-04-01T00:00:00', type: 'd', fmt: 'yyyy/m/d' },
    { sheet: '提言1-ア', ref: 'D15', value: 0.37847222222222, type: 'n', fmt: 'h:mm' },
    { sheet: '提言1-エ', ref: 'C15', value: '2026-04-01T00:00:00', type: 'd', fmt: 'm月d日' },
  ])]);
  const profile = path.join(dir, 'lo-profile');
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'ods', '--outdir', path.join(dir, 'ods'), answered], { stdio: 'ignore', timeout: 120000 });
  const ods = new Uint8Array(fs.readFileSync(path.join(dir, 'ods', '子)子育て支援部.ods')));
  const grid = readWorkbook(ods, 'x.ods');
  const at = (sheet: string, r: number, c: number) => grid.sheets.find((s) => s.name === sheet)!.rows.get(r)!.get(c)!;
  expect([at('提言1-ア', 14, 2).text, at('提言1-ア', 14, 3).text, at('提言1-エ', 14, 2).text]).toEqual(['2026/4/1', '9:05', '4月1日']);
  const res = consolidate(master, [{ name: '子)子育て支援部.ods', bytes: ods }], config);
  const out = path.join(dir, 'out.xlsx');
  fs.writeFileSync(out, res.bytes);
  const dumped = JSON.parse(execFileSync(PYTHON, [ROUNDS, 'dump', out], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Record<string, unknown[]>>;
  expect(dumped['提言1-ア']!['C15']).toEqual(['2026-04-01T00:00:00', 'd', 'yyyy"/"m"/"d']);
  expect(dumped['提言1-ア']!['D15']).toEqual(['09:05:00', 'd', 'h":"mm']);
  // The master's row of 子) 子育て支援部 on 提言1-エ is its row 18.
  expect(dumped['提言1-エ']!['C18']).toEqual(['2026-04-01T00:00:00', 'd', 'm"月"d"日"']);
}, 120000);
