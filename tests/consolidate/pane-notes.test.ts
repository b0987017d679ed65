// The add-in's cell notes (ExcelApi 1.18) are recognised by their first line and taken out by
// split, consolidate and publish; a clerk's own notes stay. Files are written and read back
// by openpyxl, as openpyxl writes notes and in the shape Excel writes them.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { publish } from '../../lib/consolidate/publish';
import { split } from '../../lib/consolidate/split';
import { isPaneNote, NOTE_PREFIX } from '../../lib/marks';
import { PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const SCRIPT = path.join(__dirname, 'pane-notes.py');
const CLERK = '事務局のメモ: 見出しは変えないこと';
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

type Notes = Record<string, [string, string][]>;

/** Every internal relationship names a part that is there, and every override too. */
function danglingParts(bytes: Uint8Array): string[] {
  const zip = unzipSync(bytes);
  const bad: string[] = [];
  for (const m of strFromU8(zip['[Content_Types].xml']!).matchAll(/PartName="\/([^"]+)"/g)) if (!zip[m[1]!]) bad.push(`override ${m[1]}`);
  for (const rels of Object.keys(zip).filter((n) => n.endsWith('.rels'))) {
    const dir = rels.replace(/_rels\/[^/]*\.rels$/, '');
    for (const m of strFromU8(zip[rels]!).matchAll(/<Relationship\b[^>]*>/g)) {
      if (/TargetMode="External"/.test(m[0])) continue;
      const target = /Target="([^"]+)"/.exec(m[0])![1]!;
      const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
      const norm: string[] = [];
      for (const p of parts) if (p === '..') norm.pop(); else if (p !== '.') norm.push(p);
      if (!zip[norm.join('/')]) bad.push(`${rels} → ${target}`);
    }
  }
  return bad;
}

test('the note signature: our first line, also after an author line Excel adds; never a clerk’s', () => {
  expect(isPaneNote(`${NOTE_PREFIX}\n取組区分が選択肢にありません`)).toBe(true);
  expect(isPaneNote(`進捗チェック:\n${NOTE_PREFIX}\nx`)).toBe(true);
  expect(isPaneNote(CLERK)).toBe(false);
  expect(isPaneNote(`山田:\n確認済み。${NOTE_PREFIX}の指摘は対応不要`)).toBe(false);
  expect(isPaneNote('')).toBe(false);
});

describe.each(['openpyxl', 'excel'])('notes as %s writes them', (shape) => {
  const dir = tmpDir(`pane-notes-${shape}`);
  dirs.push(dir);
  const written = path.join(dir, 'written.xlsx');
  execFileSync(PYTHON, [SCRIPT, 'add', SEED, written]);
  const masterFile = path.join(dir, 'master.xlsx');
  if (shape === 'excel') execFileSync(PYTHON, [SCRIPT, 'excel', written, masterFile]);
  else fs.copyFileSync(written, masterFile);
  const master = new Uint8Array(fs.readFileSync(masterFile));
  /** The notes of each workbook, read by openpyxl in one run. */
  const notesOfAll = (books: Uint8Array[]): Notes[] => {
    const files = books.map((bytes, i) => {
      const file = path.join(dir, `book-${i}.xlsx`);
      fs.writeFileSync(file, bytes);
      return file;
    });
    return JSON.parse(execFileSync(PYTHON, [SCRIPT, 'notes', ...files], { encoding: 'utf8' })) as Notes[];
  };
  const notesOf = (bytes: Uint8Array): Notes => notesOfAll([bytes])[0]!;
  const texts = (n: Notes): string[] => Object.values(n).flatMap((list) => list.map(([, text]) => text.replace(/^[^\n]*:\n/, '')));
  /** Only the clerk's note is left, on its cell of 提言1-ア; the sheet with only ours has none. */
  const onlyClerks = (n: Notes): void => {
    expect(n).toEqual({ '提言1-ア': [['A14', expect.stringContaining(CLERK)]] });
  };

  test('the master carries both kinds of note', () => {
    const n = notesOf(master);
    expect(texts(n).filter((x) => x.startsWith(NOTE_PREFIX))).toHaveLength(2);
    expect(texts(n)).toContain(CLERK);
  });

  test('split: no section carries our notes; those with 提言1-ア keep the clerk’s', () => {
    const parts = split(master, config).files;
    expect(parts.length).toBeGreaterThan(0);
    const all = notesOfAll(parts.map((p) => p.bytes));
    parts.forEach((p, i) => {
      expect([p.name, texts(all[i]!).filter((x) => x.includes(NOTE_PREFIX))]).toEqual([p.name, []]);
      expect([p.name, danglingParts(p.bytes)]).toEqual([p.name, []]);
    });
    const withSheet = all.filter((n) => n['提言1-ア']);
    expect(withSheet.length).toBeGreaterThan(0);
    withSheet.forEach(onlyClerks);
  });

  test('consolidate: the output keeps the clerk’s note and drops ours', () => {
    const section = split(master, config).files.find((f) => f.department === '子) 子育て支援部')!;
    const out = consolidate(master, [{ name: section.name, bytes: section.bytes }], config).bytes;
    onlyClerks(notesOf(out));
    expect(danglingParts(out)).toEqual([]);
  });

  test('publish: the published file keeps the clerk’s note and drops ours', () => {
    const out = publish(master, config).bytes;
    onlyClerks(notesOf(out));
    expect(danglingParts(out)).toEqual([]);
    // 提言1-イ had only our note: its comments part, drawing and <legacyDrawing> are gone.
    const zip = unzipSync(out);
    const names = Object.keys(zip);
    expect(names.filter((n) => /comment|vml/i.test(n))).toHaveLength(2);
    const sheets = names.filter((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n)).map((n) => strFromU8(zip[n]!));
    expect(sheets.filter((x) => x.includes('<legacyDrawing'))).toHaveLength(1);
  });
});
