// Workbooks Excel opens that our package layer must too: a chart sheet beside the report
// sheets (kept, never read as cells), and a workbook part that is not at xl/workbook.xml.
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { publish } from '../../lib/consolidate/publish';
import { split } from '../../lib/consolidate/split';
import { readWorkbook } from '../../lib/read/workbook';
import { SheetXml } from '../../lib/ooxml/sheet';
import { PYTHON, tmpDir } from './helpers';

const config = defaultConfig();
const SEED = path.join(__dirname, '..', '..', 'seeds', 'ok.teigen-progress.xlsx');
const SCRIPT = path.join(__dirname, 'rounds.py');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

test('a master with a chart sheet splits and consolidates, and every output keeps the chart sheet', () => {
  const dir = tmpDir('chartsheet');
  dirs.push(dir);
  const masterFile = path.join(dir, 'master.xlsx');
  execFileSync(PYTHON, [SCRIPT, 'chartsheet', SEED, masterFile]);
  const master = new Uint8Array(fs.readFileSync(masterFile));
  expect(readWorkbook(master, 'master.xlsx').sheets.map((s) => s.name)).not.toContain('グラフ');
  const parts = split(master, config).files;
  expect(parts.length).toBe(9);
  const res = consolidate(master, parts.map((f) => ({ name: f.name, bytes: f.bytes })), config);
  expect(res.summary.conflicts).toEqual([]);
  for (const [name, bytes] of [['section.xlsx', parts[0]!.bytes], ['out.xlsx', res.bytes]] as const) {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    const kinds = JSON.parse(execFileSync(PYTHON, [SCRIPT, 'kinds', file], { encoding: 'utf8' })) as [string, string][];
    expect(kinds).toContainEqual(['グラフ', 'Chartsheet']);
  }
});

test('a workbook part found through _rels/.rels reads as the same cells', () => {
  const bytes = new Uint8Array(fs.readFileSync(SEED));
  const parts = unzipSync(bytes);
  const moved: Record<string, Uint8Array> = {};
  const text = (b: Uint8Array): string => new TextDecoder().decode(b);
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  for (const [name, data] of Object.entries(parts)) {
    if (name === 'xl/workbook.xml') moved['xl/book.xml'] = data;
    else if (name === 'xl/_rels/workbook.xml.rels') moved['xl/_rels/book.xml.rels'] = data;
    else if (name === '_rels/.rels') moved[name] = enc(text(data).replace('xl/workbook.xml', 'xl/book.xml'));
    else if (name === '[Content_Types].xml') moved[name] = enc(text(data).replace('/xl/workbook.xml', '/xl/book.xml'));
    else moved[name] = data;
  }
  const renamed = zipSync(moved);
  const cellsOf = (b: Uint8Array): string[] => readWorkbook(b, 'x.xlsx', { reader: 'xml' }).sheets.flatMap((s) => [...s.rows].flatMap(([r, row]) => [...row].map(([c, cell]) => `${s.name}!${r}:${c}=${cell.text}`)));
  const want = cellsOf(bytes);
  expect(want.length).toBeGreaterThan(100);
  expect(cellsOf(renamed)).toEqual(want);
});

test('the add-in’s marks leave the master in split, consolidate and publish; the secretariat’s rules stay', () => {
  const dir = tmpDir('pane-marks');
  dirs.push(dir);
  const masterFile = path.join(dir, 'master.xlsx');
  execFileSync(PYTHON, [SCRIPT, 'pane-marks', SEED, masterFile]);
  const rules = (bytes: Uint8Array, name: string): string[] => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return JSON.parse(execFileSync(PYTHON, [SCRIPT, 'conditional', file], { encoding: 'utf8' })) as string[];
  };
  const master = new Uint8Array(fs.readFileSync(masterFile));
  expect(rules(master, 'master-copy.xlsx')).toEqual(['LEN("shinchoku")>0', 'LEN("shinchoku-consolidate")>0', 'LEN(B15)>400']);
  const parts = split(master, config).files;
  const section = parts.find((f) => f.department === '子) 子育て支援部')!;
  expect(rules(section.bytes, 'section.xlsx')).toEqual(['LEN(B15)>400']);
  const out = consolidate(master, [{ name: section.name, bytes: section.bytes }], config).bytes;
  expect(rules(out, 'out.xlsx')).toEqual(['LEN(B15)>400']);
  expect(rules(publish(master, config).bytes, 'published.xlsx')).toEqual(['LEN(B15)>400']);
});

test('a worksheet written with a namespace prefix (x:worksheet) is refused by the scanner and read by SheetJS', () => {
  const bytes = new Uint8Array(fs.readFileSync(SEED));
  const parts = unzipSync(bytes);
  const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
  const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
  const prefixed: Record<string, Uint8Array> = {};
  for (const [name, data] of Object.entries(parts)) {
    // Every element of the worksheet in the x: namespace, as some generators write it.
    prefixed[name] = /^xl\/worksheets\/sheet\d+\.xml$/.test(name)
      ? enc(dec(data).replace(/<(\/?)([A-Za-z]+)(?=[\s/>])/g, (m, slash: string, tag: string) => (tag === 'xml' ? m : `<${slash}x:${tag}`)).replace('xmlns="', 'xmlns:x="'))
      : data;
  }
  const file = zipSync(prefixed);
  expect(() => new SheetXml(dec(prefixed['xl/worksheets/sheet1.xml']!))).toThrow(/prefixed worksheet namespace/);
  const texts = (b: Uint8Array, reader?: 'sheetjs'): string[] => readWorkbook(b, 'x.xlsx', reader ? { reader } : {}).sheets.flatMap((s) => [...s.rows].flatMap(([r, row]) => [...row].map(([c, cell]) => `${s.name}!${r}:${c}=${cell.text}`)));
  const want = texts(bytes, 'sheetjs');
  expect(want.length).toBeGreaterThan(100);
  expect(texts(file)).toEqual(want);
});
