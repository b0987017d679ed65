// A round lived through LibreOffice: the secretariat saves the first output with it before the
// late answers come, and sections' copies are recalculated by it when they save.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { diffWorkbooks } from '../../lib/diff';
import { STATE_SHEET } from '../../lib/marks';
import { inspect, libreOfficeResave, PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const ROUNDS = path.join(__dirname, 'rounds.py');

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test('the record stays very hidden in a late run into an output LibreOffice saved', () => {
  const dir = tmpDir('lo-record');
  dirs.push(dir);
  const master = new Uint8Array(fs.readFileSync(SEED));
  const files = new Map(split(master, config).files.map((f) => [f.department, f]));
  const first = consolidate(master, [files.get('子) 子育て支援部')!], config, { masterName: 'master.xlsx' });
  const out1 = path.join(dir, 'out.xlsx');
  fs.writeFileSync(out1, first.bytes);
  const resaved = libreOfficeResave(out1, path.join(dir, 'lo'));
  // LibreOffice has no very hidden sheets: it saves the record as hidden (Excel's Unhide lists it).
  expect(inspect(resaved).sheets.find((s) => s.name === STATE_SHEET)?.state).toBe('hidden');
  const late = consolidate(fs.readFileSync(resaved), [files.get('子) 児童相談所')!], config, { masterName: 'out.xlsx' });
  expect(late.summary.departments.find((d) => d.name === '子) 子育て支援部')?.status).toBe('earlier');
  const out2 = path.join(dir, 'out2.xlsx');
  fs.writeFileSync(out2, late.bytes);
  const states = inspect(out2).sheets.map((s) => [s.name, s.state]);
  expect(states).toContainEqual([STATE_SHEET, 'veryHidden']);
  expect(states).toContainEqual(['集約結果', 'visible']);
}, 120000);

test('a tally above the table that the section’s copy recalculated is the master’s, not unplaced text', () => {
  const dir = tmpDir('lo-tally');
  dirs.push(dir);
  // The master counts its 継続 rows above the table; Excel or LibreOffice saved it with the result.
  const edited = path.join(dir, 'edited', 'master.xlsx');
  fs.mkdirSync(path.dirname(edited));
  execFileSync(PYTHON, [ROUNDS, 'edit', SEED, edited, JSON.stringify([{ sheet: '提言1-ア', ref: 'E12', value: '=COUNTIF(E15:E17,"継続")', type: 'f' }])]);
  const master = new Uint8Array(fs.readFileSync(libreOfficeResave(edited, dir)));
  const part = split(master, config).files.find((f) => f.department === '子) 児童相談所')!;
  // The section changes its 取組区分; its copy of the tally (=COUNTIF(E15:E15,…), its one row)
  // is recalculated when it saves: 0, where the master shows 2.
  const sent = path.join(dir, 'sent.xlsx');
  fs.writeFileSync(sent, part.bytes);
  const answered = path.join(dir, 'answered', '子)児童相談所.xlsx');
  fs.mkdirSync(path.dirname(answered));
  execFileSync(PYTHON, [ROUNDS, 'edit', sent, answered, JSON.stringify([{ sheet: '提言1-ア', ref: 'E15', value: '新規' }])]);
  const back = libreOfficeResave(answered, path.join(dir, 'lo'));
  const res = consolidate(master, [{ name: '子)児童相談所.xlsx', bytes: new Uint8Array(fs.readFileSync(back)) }], config, { masterName: 'master.xlsx' });
  expect(res.summary.unplaced.map((u) => `${u.sheet}!${u.cell} ${u.text}`)).toEqual([]);
  const out = path.join(dir, 'out.xlsx');
  fs.writeFileSync(out, res.bytes);
  const dumped = JSON.parse(execFileSync(PYTHON, [ROUNDS, 'dump', out], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Record<string, unknown[]>>;
  expect(dumped['提言1-ア']!['E12']).toEqual(['=COUNTIF(E15:E17,"継続")', 'f', 'General']);
  expect(dumped['提言1-ア']!['E16']).toEqual(['新規', 's', 'General']);
}, 120000);

test('a number LibreOffice saved with 15 digits is the answer written, and a co-owner’s later answer is a conflict', () => {
  const dir = tmpDir('lo-digits');
  dirs.push(dir);
  const master = new Uint8Array(fs.readFileSync(SEED));
  const files = new Map(split(master, config).files.map((f) => [f.department, f]));
  const sent = (d: string): string => {
    const p = path.join(dir, 'sent', files.get(d)!.name);
    fs.mkdirSync(path.dirname(p), { recursive: true });
    fs.writeFileSync(p, files.get(d)!.bytes);
    return p;
  };
  const answer = (d: string, steps: object[]): { name: string; bytes: Uint8Array } => {
    const out = path.join(dir, 'answered', files.get(d)!.name);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    execFileSync(PYTHON, [ROUNDS, 'edit', sent(d), out, JSON.stringify(steps)]);
    return { name: files.get(d)!.name, bytes: new Uint8Array(fs.readFileSync(out)) };
  };
  // Row 15 of 提言1-ア is joint: 子) 子育て支援部 answers with a ratio its formula gave (2/3).
  const first = consolidate(master, [answer('子) 子育て支援部', [{ sheet: '提言1-ア', ref: 'C15', value: 2 / 3, type: 'n', fmt: '0.0%' }])], config, { masterName: 'master.xlsx' });
  const out1 = path.join(dir, 'out.xlsx');
  fs.writeFileSync(out1, first.bytes);
  const resaved = libreOfficeResave(out1, path.join(dir, 'lo'));
  const dumped = JSON.parse(execFileSync(PYTHON, [ROUNDS, 'dump', resaved], { encoding: 'utf8', maxBuffer: 64 << 20 })) as Record<string, Record<string, unknown[]>>;
  expect(dumped['提言1-ア']!['C15']).toEqual([0.666666666666667, 'n', '0.0%']);
  // Nobody edited the cell: the co-owner's different answer is a conflict, not a replacement.
  const late = consolidate(fs.readFileSync(resaved), [answer('区) 保健福祉部', [{ sheet: '提言1-ア', ref: 'C15', value: '区の自己評価' }])], config, { masterName: 'out.xlsx' });
  expect(late.summary.conflicts.map((c) => [c.sheet, c.cell, c.departments])).toEqual([['提言1-ア', 'C15', ['子) 子育て支援部', '区) 保健福祉部']]]);
  // Nor is the resaved output a change against the first.
  const d = diffWorkbooks(first.bytes, new Uint8Array(fs.readFileSync(resaved)), { old: 'out.xlsx', new: 'resaved.xlsx' }, config);
  expect(d.changed.map((c) => `${c.sheet}!${c.cell}`)).toEqual([]);
}, 120000);
