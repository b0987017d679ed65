// Failures of the file system in words a clerk can act on: no bare ENOENT or EACCES, a lock
// file called what it is, a missing output folder named with what to do.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../lib/cli/main';
import { tmpDir } from '../consolidate/helpers';
import { capture } from '../hostile/io';
import { lockFileBytes } from './helpers';

// node:fs cannot be spied on; a failure is staged here and thrown once by the mock below.
const mockFail: { write?: string; read?: string } = {};
jest.mock('node:fs', () => {
  const real = jest.requireActual<typeof import('node:fs')>('node:fs');
  const fail = (code: string): never => {
    throw Object.assign(new Error(`${code}: from the test`), { code });
  };
  return {
    ...real,
    writeFileSync: (...a: Parameters<typeof real.writeFileSync>) => {
      const code = mockFail.write;
      delete mockFail.write;
      return code ? fail(code) : real.writeFileSync(...a);
    },
    openSync: (...a: Parameters<typeof real.openSync>) => (mockFail.read && String(a[0]).endsWith('denied.xlsx') ? fail(mockFail.read) : real.openSync(...a)),
  };
});

const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
let dir: string;
let master: string;
let lock: string;

beforeAll(() => {
  dir = tmpDir('errors');
  master = path.join(dir, 'master.xlsx');
  fs.copyFileSync(SEED, master);
  lock = path.join(dir, '~$master.xlsx');
  fs.writeFileSync(lock, lockFileBytes());
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  delete mockFail.write;
  delete mockFail.read;
});

function run(args: string[]): { code: number; out: string; err: string } {
  const io = capture();
  const code = main(args, io);
  return { code, out: io.outText(), err: io.errText() };
}

/** Japanese reason and a thing to do, the code at most in brackets at the end. */
function expectActionable(text: string, code: string): void {
  expect(text).not.toMatch(new RegExp(`[:：]\\s*${code}`));
  expect(text).not.toMatch(new RegExp(`（${code}）(?!$)`));
}

test('consolidate and publish into a folder that does not exist: said before any work, not created', () => {
  const out = path.join(dir, 'nai', '集約.xlsx');
  for (const args of [['consolidate', master, dir, '-o', out], ['publish', master, '-o', out]]) {
    const r = run(args);
    expect([r.code, r.err]).toEqual([2, `${out} に書き込めません: 出力先のフォルダ ${path.join(dir, 'nai')} がありません。フォルダ名を確かめるか、先にフォルダを作ってください`]);
    expect(r.out).toBe('');
  }
  expect(fs.existsSync(path.join(dir, 'nai'))).toBe(false);
});

test('an output path through a file: what to check, in Japanese', () => {
  const r = run(['split', master, '-o', path.join(master, 'sub')]);
  expect(r.code).toBe(2);
  expect(r.err).toContain('フォルダでなくファイルがあります');
  expectActionable(r.err, 'ENOTDIR');
});

test('a write refused (EACCES, EBUSY, ENOSPC): why and what to do', () => {
  for (const [code, words] of [
    ['EACCES', '書き込む権限がないか、同じ名前のファイルが Excel などで開かれています'],
    ['EBUSY', 'Excel などで開かれています。閉じてから'],
    ['ENOSPC', 'ディスクの空きが足りません'],
    ['EWHATEVER', 'システムのエラーです'],
  ] as const) {
    mockFail.write = code;
    const out = path.join(dir, `out-${code}.xlsx`);
    const r = run(['publish', master, '-o', out]);
    expect([code, r.code]).toEqual([code, 2]);
    expect(r.err).toContain(`${out} に書き込めません: `);
    expect(r.err).toContain(words);
    expect(r.err.endsWith(`（${code}）`)).toBe(true);
    expectActionable(r.err, code);
  }
});

test('a read refused (EACCES): why and what to do, for a returned file and for the master', () => {
  const denied = path.join(dir, 'denied.xlsx');
  fs.copyFileSync(master, denied);
  mockFail.read = 'EACCES';
  const v = run(['validate', denied]);
  expect(v.code).toBe(2);
  expect(v.out).toContain('ファイルを読み込めません: 読む権限がありません。自分のフォルダにコピーしてから指定するか');
  expect(v.out).not.toContain('ファイルを読み込めません（EACCES）');
  const m = run(['split', denied, '-o', path.join(dir, 'split-denied')]);
  expect(m.code).toBe(2);
  expect(m.err).toContain(`集約表 ${denied} を読めません: ファイルを読み込めません: 読む権限がありません`);
});

test('a lock file given directly: called a lock file, with the file to give instead', () => {
  const said = 'Excel がブックを開いている間に作る一時ファイル（ロックファイル）で、報告書ではありません。名前の先頭の ~$ を除いた元のファイルを指定してください';
  const v = run(['validate', lock]);
  expect(v.code).toBe(2);
  expect(v.out).toContain(said);
  expect(v.out).not.toContain('テキスト');
  const c = run(['consolidate', master, lock, '-o', path.join(dir, 'c.xlsx'), '--format', 'json']);
  expect((JSON.parse(c.out) as { files: { reason: string }[] }).files[0]!.reason).toContain(said);
  expect(run(['split', lock, '-o', path.join(dir, 's')]).err).toContain(said);
  // A real workbook someone named ~$… is read as one.
  const named = path.join(dir, '~$本物.xlsx');
  fs.copyFileSync(master, named);
  expect(run(['validate', named]).out).not.toContain('ロックファイル');
});

test('a configuration file that is missing or not JSON: said in Japanese', () => {
  const missing = run(['validate', '--config', path.join(dir, 'nai.json'), master]);
  expect(missing.err).toContain('ファイルが見つかりません。名前や場所が変わっていないか確かめてください（ENOENT）');
  fs.writeFileSync(path.join(dir, 'bad.json'), '{ "codeLists": ');
  const bad = run(['validate', '--config', path.join(dir, 'bad.json'), master]);
  expect(bad.err).toContain('JSON として読めません。カンマや括弧、" の対応を確かめてください');
  expect(bad.err).not.toContain('ENOENT');
});

test('an output naming a folder with a slash (-o 出力/): a folder, not a file in the path', () => {
  const folder = `${path.join(dir, 'dist')}${path.sep}`;
  fs.mkdirSync(folder, { recursive: true });
  for (const args of [['publish', master, '-o', folder], ['diff', master, master, '-o', folder]]) {
    const r = run(args);
    expect([args[0], r.code]).toEqual([args[0], 2]);
    expect(r.err).toContain('同じ名前のフォルダがあります。出力先はファイル名');
    expect(r.err).not.toContain('フォルダでなくファイルがあります');
  }
  expect(fs.readdirSync(folder)).toEqual([]);
});
