// A round lived through LibreOffice: the secretariat saves the first output with it before the
// late answers come, and sections' copies are recalculated by it when they save.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { STATE_SHEET } from '../../lib/marks';
import { inspect, libreOfficeResave, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');

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
