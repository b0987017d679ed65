// Issue 15's round as the secretariat lives it: an answers folder holding a workbook, a PDF,
// a Word file, a picture, a CSV, Excel's lock file and a named pipe, named with the bureau in
// every way sections write it. Every file is accounted for, by line, and each department's
// status follows from what it sent.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as XLSX from 'xlsx';
import { main } from '../../lib/cli/main';
import { defaultConfig } from '../../lib/config';
import { split } from '../../lib/consolidate/split';
import type { Summary } from '../../lib/consolidate/types';
import { tmpDir } from '../consolidate/helpers';
import { capture } from '../hostile/io';
import { lockFileBytes } from './helpers';

const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');

let dir: string;
let answers: string;
let master: string;

beforeAll(() => {
  dir = tmpDir('answers');
  master = path.join(dir, '提言進捗_集約表.xlsx');
  fs.copyFileSync(SEED, master);
  const files = new Map(split(fs.readFileSync(master), defaultConfig()).files.map((f) => [f.department, f.bytes]));
  answers = path.join(dir, '回答');
  fs.mkdirSync(answers);
  const put = (name: string, bytes: Uint8Array | string): void => fs.writeFileSync(path.join(answers, name), bytes);
  // A whole copy renamed after its department, without our key: the name alone tells.
  const wb = XLSX.read(files.get('総) 職員部')!);
  wb.SheetNames = wb.SheetNames.filter((n) => n !== '_shinchoku');
  put('総務局職員部.xlsx', XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  // A split workbook as it came back, under a bracketed, spaced name (its key tells).
  put('【総務局 改革推進室】提言進捗.xlsx', files.get('総) 改革推進室')!);
  put('保健福祉局 総務部.pdf', '%PDF-1.7\n%âãÏÓ\n');
  put('【子ども未来局子育て支援部】提言進捗.docx', Buffer.from('PK\u0003\u0004word/document.xml', 'latin1'));
  put('区)保健福祉部 回答.png', Buffer.from('\u0089PNG\r\n\u001a\n', 'latin1'));
  put('子ども未来局 児童相談所.csv', '取組内容,担当部\n○研修を実施する,子)児童相談所\n');
  put('~$総務局職員部.xlsx', lockFileBytes());
  put('保護課.txt', '保護課の回答は後日送ります');
  put('.DS_Store', 'x');
  put('Thumbs.db', 'x');
  // A named pipe with a workbook's name: never opened (it would wait for a writer forever).
  expect(spawnSync('mkfifo', [path.join(answers, '教育委員会学校教育部.xlsx')]).status).toBe(0);
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('consolidate of the answers folder', () => {
  let summary: Summary;
  let text: string;
  let code: number;
  beforeAll(() => {
    const json = capture();
    code = main(['consolidate', master, answers, '-o', path.join(dir, '集約.xlsx'), '--format', 'json'], json);
    summary = JSON.parse(json.outText()) as Summary;
    const t = capture();
    main(['consolidate', master, answers, '-o', path.join(dir, '集約.xlsx')], t);
    text = t.outText();
  });

  test('every file is listed with its department and status; lock and system files are not', () => {
    const line = (f: Summary['files'][number]): [string, string | null, string | null, string] => [path.basename(f.file), f.department, f.departmentFrom, f.status];
    expect(summary.files.map(line).sort()).toEqual(
      [
        ['【子ども未来局子育て支援部】提言進捗.docx', '子) 子育て支援部', 'file-name', 'unreadable'],
        ['【総務局 改革推進室】提言進捗.xlsx', '総) 改革推進室', 'key', 'applied'],
        ['保健福祉局 総務部.pdf', '保) 総務部', 'file-name', 'unreadable'],
        ['保護課.txt', null, null, 'unreadable'],
        ['区)保健福祉部 回答.png', '区) 保健福祉部', 'file-name', 'unreadable'],
        ['子ども未来局 児童相談所.csv', '子) 児童相談所', 'file-name', 'unreadable'],
        ['教育委員会学校教育部.xlsx', '教) 学校教育部', 'file-name', 'unreadable'],
        ['総務局職員部.xlsx', '総) 職員部', 'file-name', 'applied'],
      ].sort(),
    );
    const reason = (name: string): string => summary.files.find((f) => path.basename(f.file) === name)!.reason!;
    expect(reason('保健福祉局 総務部.pdf')).toContain('Excel ブックではありません（PDF）');
    expect(reason('【子ども未来局子育て支援部】提言進捗.docx')).toContain('Excel ブックではありません（Word 文書）');
    expect(reason('区)保健福祉部 回答.png')).toContain('Excel ブックではありません（画像）');
    expect(reason('子ども未来局 児童相談所.csv')).toContain('テキスト形式のファイル（CSV）です');
    expect(reason('教育委員会学校教育部.xlsx')).toContain('通常のファイルではありません');
    // A name two departments share: which two, and how to rename it.
    expect(reason('保護課.txt')).toContain('ファイル名が「保) 保護課」「区) 保護課」のどれにも当てはまり');
    expect(reason('保護課.txt')).toContain('「保)保護課.xlsx」のように');
  });

  test('each department’s status: sent something unusable is ファイル不備, not 未提出', () => {
    expect(Object.fromEntries(summary.departments.map((d) => [d.name, d.status]))).toEqual({
      '子) 子育て支援部': 'unusable',
      '区) 保健福祉部': 'unusable',
      '子) 児童相談所': 'unusable',
      '保) 総務部': 'unusable',
      '子) 子ども育成部': 'missing',
      '教) 学校教育部': 'unusable',
      '総) 職員部': 'submitted',
      '総) 改革推進室': 'submitted',
      '保) ウェルネス推進部': 'missing',
    });
    expect(summary.missing).toEqual(['子) 子ども育成部', '保) ウェルネス推進部']);
    expect(code).toBe(1);
  });

  test('the text lists each file that was not applied on its own line, with its department', () => {
    const lines = text.split('\n');
    const lineOf = (name: string): string => lines.find((l) => l.startsWith(`  ${path.join(answers, name)}\t`)) ?? `(no line for ${name})`;
    expect(lineOf('保健福祉局 総務部.pdf')).toMatch(/\t保\) 総務部\t読めないため未反映: Excel ブックではありません（PDF）/);
    expect(lineOf('教育委員会学校教育部.xlsx')).toMatch(/\t教\) 学校教育部\t読めないため未反映: 通常のファイルではありません/);
    expect(lineOf('保護課.txt')).toMatch(/\t部署不明\t/);
    expect(text).toMatch(/総\) 職員部\t提出\t.*総務局職員部\.xlsx/);
    expect(text).toMatch(/保\) 総務部\tファイル不備\t.*保健福祉局 総務部\.pdf/);
    expect(text).not.toContain('~$');
    expect(text).not.toContain('Thumbs.db');
  });
});

describe('validate of the answers folder', () => {
  test('checks the workbooks, lists every other file by kind (lock and system files aside)', () => {
    const io = capture();
    // 2: the CSV and the whole copy without its key sheet are read; the CSV cannot be.
    expect(main(['validate', answers, '--format', 'json'], io)).toBe(2);
    const json = JSON.parse(io.outText()) as {
      files: { path: string; error?: { code: string } }[];
      notWorkbooks: { path: string; kind: string; reason: string }[];
      totals: Record<string, number>;
    };
    expect(json.files.map((f) => [path.basename(f.path), f.error?.code ?? null])).toEqual([
      ['【総務局 改革推進室】提言進捗.xlsx', null],
      ['子ども未来局 児童相談所.csv', 'text-file'],
      ['総務局職員部.xlsx', null],
    ]);
    expect(json.notWorkbooks.map((o) => [path.basename(o.path), o.kind])).toEqual([
      ['【子ども未来局子育て支援部】提言進捗.docx', 'Word 文書'],
      ['保健福祉局 総務部.pdf', 'PDF'],
      ['保護課.txt', 'テキスト'],
      ['区)保健福祉部 回答.png', '画像'],
      ['教育委員会学校教育部.xlsx', '名前付きパイプ・デバイスなど'],
    ]);
    expect(json.notWorkbooks[1]!.reason).toMatch(/^Excel ブックではありません（PDF）。報告書は Excel ブック（\.xlsx）で/);
    expect(json.totals).toEqual(expect.objectContaining({ files: 3, unreadable: 1, notWorkbooks: 5 }));
    const text = capture();
    main(['validate', answers], text);
    expect(text.outText()).toContain(`■ ブックでないファイル（5 件）: 検証していません。報告書なら Excel ブック（.xlsx）で保存したものを使ってください\n  ${path.join(answers, '【子ども未来局子育て支援部】提言進捗.docx')}\tWord 文書\n`);
    expect(text.outText()).toMatch(/読めないファイル 1 件、ブックでないファイル 5 件$/);
    expect(text.outText()).not.toContain('~$');
  });

  test('files that are not workbooks leave the exit status alone: a folder may hold notes too', () => {
    const notes = path.join(dir, 'notes');
    fs.mkdirSync(notes);
    fs.copyFileSync(path.join(answers, '【総務局 改革推進室】提言進捗.xlsx'), path.join(notes, '総)改革推進室.xlsx'));
    fs.writeFileSync(path.join(notes, '依頼文.docx'), 'PK');
    const io = capture();
    expect(main(['validate', notes], io)).toBe(0);
    expect(io.outText()).toContain('依頼文.docx\tWord 文書');
  });
});
