// The staff-development-vision layout (seed 000): rows identified by 取組番号, 対象職種
// merged down several rows. A row a section adds may carry a number another department's
// row already has; in a split file that is still an added row, never that other row.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { fill, inspect, sheetOf, tmpDir } from './helpers';

test('split → add a row numbered ⑨ → consolidate: added after the section, nothing unauthorized', () => {
  const dir = tmpDir('vision');
  try {
    const seed = path.join(__dirname, '..', '..', 'seeds', 'ok.vision-progress.xlsx');
    const master = fs.readFileSync(seed);
    const config = defaultConfig();
    const file = split(master, config, { masterName: 'ok.vision-progress.xlsx' }).files.find((f) => f.department === '子) 地域連携課')!;
    const inFile = path.join(dir, 'in.xlsx');
    const back = path.join(dir, '子)地域連携課.xlsx');
    fs.writeFileSync(inFile, file.bytes);
    fill(dir, [{ in: inFile, out: back, steps: [{ sheet: '分類1', set: { D11: '・10月以降も周知を続ける。' }, insert: [12, { B: '⑨', C: '・新たに加えた取組', E: '子) 地域連携課' }] }] }]);
    const res = consolidate(master, [{ name: '子)地域連携課.xlsx', bytes: fs.readFileSync(back) }], config, { masterName: 'ok.vision-progress.xlsx' });
    expect(res.summary.unauthorized).toEqual([]);
    expect(res.summary.added.map((a) => [a.sheet, a.texts['number'], a.texts['untilSep']])).toEqual([['分類1', '⑨', '・新たに加えた取組']]);
    const out = path.join(dir, 'out.xlsx');
    fs.writeFileSync(out, res.bytes);
    const s = sheetOf(inspect(out), '分類1');
    const added = res.summary.added[0]!.row;
    expect([s.cells[`B${added}`]?.v, s.cells[`C${added}`]?.v]).toEqual(['⑨', '・新たに加えた取組']);
    // The added row comes after every master row of 分類1: nothing below it but empty cells.
    const below = Object.entries(s.cells).filter(([ref, c]) => Number(/\d+$/.exec(ref)![0]) > added && /^[A-E]/.test(ref) && c.v !== null);
    expect(below).toEqual([]);
    const two = Object.entries(s.cells).find(([ref, c]) => ref.startsWith('B') && c.v === '②')![0].slice(1);
    expect(s.cells[`D${two}`]?.v).toBe('・10月以降も周知を続ける。');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
