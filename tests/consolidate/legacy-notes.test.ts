// Our notes on who answered are recognised by a marker, not by their wording: last round's
// output, as the release before the marker wrote it (tests/fixtures/legacy/, made by 15987f0's
// CLI from ok.teigen-progress.xlsx: 区) 保健福祉部 sent twice, 子) 児童相談所 a broken file, six
// departments silent), gets its notes replaced on the next run even with every note reworded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { consolidate as text } from '../../lib/locale/ja/consolidate';
import { LEGACY_STATUS_NOTES, NOTE_HEADER, STATUS_NOTE_MARK } from '../../lib/marks';
import { inspect, tmpDir } from './helpers';

// Every note reworded, as a later release might: recognition must not depend on any of it.
jest.mock('../../lib/locale/ja/consolidate', () => {
  const actual = jest.requireActual<typeof import('../../lib/locale/ja/consolidate')>('../../lib/locale/ja/consolidate');
  return {
    consolidate: {
      ...actual.consolidate,
      noteMissing: '回答なし（{departments}）',
      noteDuplicate: '複数ファイルのため保留（{departments}）',
      noteUnusable: '読めないファイルのため保留（{departments}）',
      noteDropped: '返送に行なし（{departments}）',
    },
  };
});

const LEGACY = path.join(__dirname, '..', 'fixtures', 'legacy', 'teigen-consolidated-15987f0.xlsx');
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const HOKEN = '区) 保健福祉部';
const JISO = '子) 児童相談所';
const SOUMU = '保) 総務部';

let dir: string;
beforeAll(() => {
  dir = tmpDir('legacy-notes');
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Every 集約メモ cell of the report sheets, read back by openpyxl: sheet!cell → lines. */
function notesOf(bytes: Uint8Array, name: string): Map<string, string[]> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  const out = new Map<string, string[]>();
  for (const s of inspect(file).sheets) {
    const col = Object.entries(s.cells).find(([, c]) => c.v === NOTE_HEADER)?.[0].replace(/\d+$/, '');
    if (!col) continue;
    for (const [ref, c] of Object.entries(s.cells)) {
      if (ref.replace(/\d+$/, '') === col && typeof c.v === 'string' && c.v !== NOTE_HEADER) out.set(`${s.name}!${ref}`, c.v.split('\n'));
    }
  }
  return out;
}

test('the fixture holds notes as the earlier release wrote them: unmarked, in the old words', () => {
  const notes = [...notesOf(fs.readFileSync(LEGACY), 'legacy.xlsx').values()].flat();
  expect(notes).toContain(`未提出: ${SOUMU}`);
  expect(notes).toContain(`同じ部署から複数のファイルがあり未反映: ${HOKEN}`);
  expect(notes).toContain(`ファイルに不備があり未反映: ${JISO}`);
  expect(notes.filter((l) => l.startsWith(STATUS_NOTE_MARK))).toEqual([]);
  // The mock is in force: none of the old words is the live text any more.
  for (const p of LEGACY_STATUS_NOTES) expect([text.noteMissing, text.noteDuplicate, text.noteUnusable, text.noteDropped].some((x) => x.startsWith(p))).toBe(false);
});

test('late answers to that output: its notes are taken out and said afresh, once, in the new words', () => {
  const sections = split(fs.readFileSync(SEED), defaultConfig(), { masterName: 'ok.teigen-progress.xlsx' }).files;
  const late = [HOKEN, JISO].map((d) => sections.find((f) => f.department === d)!).map((f) => ({ name: f.name, bytes: f.bytes }));
  const first = consolidate(fs.readFileSync(LEGACY), late, defaultConfig(), { masterName: 'legacy.xlsx', outputName: 'late.xlsx' });
  expect(first.summary.departments.filter((d) => d.status === 'submitted').map((d) => d.name).sort()).toEqual([HOKEN, JISO].sort());
  const notes = notesOf(first.bytes, 'late.xlsx');
  const lines = [...notes.values()].flat();
  // Nothing of the old words survives: neither the answered departments' notes nor the others'.
  expect(lines.filter((l) => LEGACY_STATUS_NOTES.some((p) => l.startsWith(p)))).toEqual([]);
  expect(lines.filter((l) => l.includes(HOKEN) || l.includes(JISO))).toEqual([]);
  // The silent ones are said again, marked, in the new words, one line each.
  expect(notes.get('提言1-ア!G17')).toEqual([`${STATUS_NOTE_MARK}回答なし（${SOUMU}）`]);
  expect(notes.get('提言5-エ!G16')).toEqual([`${STATUS_NOTE_MARK}回答なし（${SOUMU}）`]);
  expect(notes.has('提言1-ア!G15')).toBe(false);

  // And once more: this release's marked notes are recognised in turn, not doubled.
  const again = consolidate(first.bytes, [], defaultConfig(), { masterName: 'late.xlsx', outputName: 'again.xlsx' });
  expect(notesOf(again.bytes, 'again.xlsx')).toEqual(notes);
});
