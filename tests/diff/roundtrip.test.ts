// The same report saved again by another program is no change: each of the three seed types
// against its copy saved by LibreOffice (another writer: shared strings, styles and number
// formats all rewritten) gives nothing changed, added, removed or moved.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import type { Io } from '../../lib/cli/io';
import { libreOfficeResave, tmpDir } from '../consolidate/helpers';

const SEEDS = ['ok.teigen-progress.xlsx', 'ok.vision-progress.xlsx', 'ok.plan-results.xlsx'];

function capture(): Io & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), progress: () => undefined, progressDone: () => undefined };
}

const temps: string[] = [];
afterAll(() => temps.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test.each(SEEDS)('%s against its LibreOffice copy: no change', (seed) => {
  const dir = tmpDir('diff-lo');
  temps.push(dir);
  const src = path.join(__dirname, '..', '..', 'seeds', seed);
  const copy = libreOfficeResave(src, dir);
  const io = capture();
  const code = main(['diff', src, copy, '--format', 'json'], io);
  const json = JSON.parse(io.stdout.join('\n')) as { changed: unknown[]; added: unknown[]; removed: unknown[]; moved: unknown[]; headings: unknown[]; counts: { rowsMatched: number } };
  expect({ changed: json.changed, added: json.added, removed: json.removed, moved: json.moved, headings: json.headings }).toEqual({ changed: [], added: [], removed: [], moved: [], headings: [] });
  // Not an empty comparison: every row was there and paired.
  expect(json.counts.rowsMatched).toBeGreaterThan(5);
  expect(code).toBe(0);
  const text = capture();
  expect(main(['diff', src, copy], text)).toBe(0);
  expect(text.stdout.join('\n')).toContain('違いはありません');
}, 180000);
