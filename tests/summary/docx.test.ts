// The 概要版 Word file of each clean seed master, read back by python-docx (not the package
// that wrote it) and held against the master's own cells: headings, ● per bullet, departments,
// ＜再掲＞ exactly where the cells mark it; and the CLI command around it.
import { execFileSync } from 'node:child_process';
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main, mainAsync } from '../../lib/cli/main';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { tokenizeDepartments } from '../../lib/departments';
import { splitBullets } from '../../lib/normalize';
import { readWorkbook } from '../../lib/read/workbook';
import { parseWorkbook } from '../../lib/report';
import { formatDepartments, fullWidth, itemText, outlineCounts, outlineOf, summaryDocx, type SummaryOutline } from '../../lib/summary';
import { capture } from '../hostile/io';
import { openpyxlEdit, PYTHON, REFERENCE_SHEET } from '../consolidate/helpers';

const SEEDS = path.join(__dirname, '..', '..', 'seeds');
const READER = path.join(__dirname, 'read-docx.py');
// Debian's python3-docx is for Debian's python3 (.ci/run installs it), whatever python3 PATH finds first.
const config = defaultConfig();

interface Read {
  paragraphs: { style: string; text: string }[];
  page: { width: number; height: number };
  footerHasPage: boolean;
  headingOutline: Record<string, number>;
}

function readDocx(bytes: Uint8Array): Read {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-summary-'));
  try {
    const file = path.join(dir, 'summary.docx');
    fs.writeFileSync(file, bytes);
    return JSON.parse(execFileSync(PYTHON, [READER, file], { encoding: 'utf8' })) as Read;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The columns a ● comes from, named here rather than taken from lib/summary. */
const COLUMNS: Record<string, { past: string; next?: string; chapter: string }> = {
  'teigen-progress': { past: 'status', next: 'plan', chapter: '提言' },
  'vision-progress': { past: 'untilSep', next: 'fromOct', chapter: '分類' },
  'plan-results': { past: 'result', chapter: '分野' },
};

interface Expected {
  chapters: string[];
  /** 取組方針 sheets (提言) or rows (分類, 分野) with text, plus 分類3's (1)–(4). */
  groups: number;
  bullets: { text: string; saikei: boolean; departments: string[] }[];
}

/** What the document must hold, straight from the master's cells. */
function expected(file: string): Expected {
  const parsed = parseWorkbook(readWorkbook(new Uint8Array(fs.readFileSync(file)), path.basename(file)), config);
  const type = parsed.reports[0]!.type;
  const cols = COLUMNS[type.id]!;
  const chapters: string[] = [];
  const groups = new Set<string>();
  const bullets: Expected['bullets'] = [];
  for (const rs of parsed.reports) {
    const seen = new Set<string>();
    for (const row of rs.rows) {
      const cells = [cols.past, cols.next].flatMap((k) => (k && row.cells.get(k) ? [row.cells.get(k)!] : [])).filter((c) => c.text.trim() !== '');
      if (cells.length === 0) continue;
      const top = row.section.find((s) => s.level === cols.chapter)!.value;
      if (!chapters.includes(top)) chapters.push(top);
      const sub = row.section[1];
      if (sub) groups.add(`${rs.sheet.name}|${sub.value}`);
      if (type.id !== 'teigen-progress') groups.add(`${rs.sheet.name}|${row.r}`);
      const depts = tokenizeDepartments(row.cells.get('department')?.text ?? '').map((t) => t.name);
      for (const cell of cells) {
        const id = `${cell.r}:${cell.c}`;
        if (seen.has(id)) continue;
        seen.add(id);
        for (const b of splitBullets(cell.text)) bullets.push({ text: b.text, saikei: b.saikei, departments: depts });
      }
    }
  }
  return { chapters, groups: groups.size, bullets };
}

/** Figures per seed, so that a change in what is drafted shows here. */
const FIGURES: Record<string, { chapters: number; groups: number; items: number; saikei: number }> = {
  'ok.teigen-progress.xlsx': { chapters: 6, groups: 12, items: 109, saikei: 28 },
  'ok.vision-progress.xlsx': { chapters: 5, groups: 48, items: 160, saikei: 11 },
  'ok.plan-results.xlsx': { chapters: 5, groups: 13, items: 13, saikei: 0 },
};

describe.each(Object.keys(FIGURES))('%s', (name) => {
  const file = path.join(SEEDS, name);
  let doc: Read;
  let bytes: Uint8Array;
  const exp = expected(file);
  const outline = outlineOf(new Uint8Array(fs.readFileSync(file)), name, config);

  beforeAll(async () => {
    bytes = await summaryDocx(outline);
    doc = readDocx(bytes);
  });

  test('figures', () => {
    expect(outlineCounts(outline)).toEqual(FIGURES[name]);
    expect(exp.bullets).toHaveLength(FIGURES[name]!.items);
  });

  test('one Heading 1 per top level, in order, numbered in full-width digits', () => {
    const h1 = doc.paragraphs.filter((p) => p.style === 'Heading 1').map((p) => p.text);
    expect(h1).toHaveLength(exp.chapters.length);
    h1.forEach((h, i) => {
      const n = fullWidth(exp.chapters[i]!);
      expect(h.startsWith(`${n} `)).toBe(true);
      if (name.includes('teigen')) expect(h.endsWith(`（提言${n}）`)).toBe(true);
    });
  });

  test('sub-headings per 取組方針 (or per 取組番号 / 具体的取組)', () => {
    const subs = doc.paragraphs.filter((p) => p.style === 'Heading 2' || p.style === 'Heading 3');
    expect(subs).toHaveLength(exp.groups);
    for (const s of subs) expect(s.text).toMatch(/^【.+】$|^（[１-９]）/u);
    if (name.includes('teigen')) expect(subs.map((s) => s.text[1])).toEqual(['①', '②', '③', '④', '⑤', '①', '③', '④', '④', '①', '④', '①']);
  });

  test('one ● per bullet of the cells with text, each with its departments and ＜再掲＞ exactly where marked', () => {
    const items = doc.paragraphs.filter((p) => p.text.startsWith('●')).map((p) => p.text.slice(1));
    expect(items).toHaveLength(exp.bullets.length);
    items.forEach((text, i) => {
      const b = exp.bullets[i]!;
      // The bullet's words, without its glyph: nothing invented before the suffixes.
      // Seed 003 prints no 【新規】/【レベ】 tag: the ● starts after it.
      const body = b.text.replace(/^[\s\u3000]*[・○〇●◎■◆-]?[\s\u3000]*/u, '').replace(/^(?:【(?:新規|レベ)】)+/u, '');
      expect(text.startsWith(body)).toBe(true);
      const tail = text.slice(body.length);
      expect(tail.startsWith('＜再掲＞')).toBe(b.saikei);
      const suffix = tail.replace(/^＜再掲＞/u, '');
      if (b.departments.length === 0) return expect(suffix).toBe('');
      expect(suffix).toMatch(/^（.+）$/u);
      for (const d of b.departments) expect(suffix).toContain(d);
    });
  });

  test('【新規】 and 【レベ】 leave the ● text as in seed 003, and stay in the outline\'s data', () => {
    const tagged = exp.bullets.filter((b) => /^[・○]?(?:【(?:新規|レベ)】)/u.test(b.text.trim()));
    const items = doc.paragraphs.filter((p) => p.text.startsWith('●'));
    expect(items.filter((p) => /【(?:新規|レベ)】/u.test(p.text))).toEqual([]);
    const withTags = outline.chapters.flatMap((c) => c.groups.flatMap((g) => g.items)).filter((i) => i.tags);
    expect(withTags).toHaveLength(tagged.length);
    if (name.includes('teigen')) {
      expect(tagged.length).toBeGreaterThan(0);
      expect(withTags.map((i) => i.tags)).toContainEqual(['新規']);
      expect(withTags.map((i) => i.tags)).toContainEqual(['レベ']);
      expect(items.map((p) => p.text)).toContain('●全庁における組織目標の設定・共有（総）職員部）');
    }
  });

  test('A4, page numbers in the footer, headings with outline levels (navigation pane)', () => {
    expect(doc.page).toEqual({ width: 11906, height: 16838 });
    expect(doc.footerHasPage).toBe(true);
    expect(doc.headingOutline).toEqual({ 'Heading 1': 1, 'Heading 2': 1, 'Heading 3': 1 });
  });

  test('the same master gives the same bytes', async () => {
    expect(Buffer.from(await summaryDocx(outlineOf(new Uint8Array(fs.readFileSync(file)), name, config))).equals(Buffer.from(bytes))).toBe(true);
  });
});

/** The body's paragraphs as the docx package itself writes them, one Paragraph object each. */
async function packageBody(o: SummaryOutline): Promise<string> {
  const children = [new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(`${o.title}（概要版）`)] })];
  for (const ch of o.chapters) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(ch.heading)] }));
    for (const g of ch.groups) {
      children.push(new Paragraph({ heading: g.level === 2 ? HeadingLevel.HEADING_2 : HeadingLevel.HEADING_3, children: [new TextRun(g.heading)] }));
      for (const it of g.items) children.push(new Paragraph({ style: it.period === 'past' ? 'SummaryItem' : 'SummaryItemNext', children: [new TextRun(`●${itemText(it)}`)] }));
    }
  }
  return bodyOf(new Uint8Array(await Packer.toArrayBuffer(new Document({ sections: [{ children }] }))));
}

function bodyOf(docx: Uint8Array): string {
  const xml = strFromU8(unzipSync(docx)['word/document.xml']!);
  return xml.slice(xml.indexOf('<w:body>'), xml.indexOf('<w:sectPr'));
}

describe('the body written as XML is what the docx package writes', () => {
  test.each(Object.keys(FIGURES))('%s', async (name) => {
    const o = outlineOf(new Uint8Array(fs.readFileSync(path.join(SEEDS, name))), name, config);
    expect(bodyOf(await summaryDocx(o))).toBe(await packageBody(o));
  });

  test('markup characters are escaped and control characters dropped', async () => {
    const o: SummaryOutline = {
      reportType: 'teigen-progress',
      title: '題 <&> "\'"',
      omitted: [],
      conflicts: [],
      unanswered: [],
      chapters: [{ key: '1', heading: '１ A&B', groups: [{ level: 2, heading: '【<x>】', items: [{ text: `a\u0001b'c"d<e>&f`, period: 'next', saikei: true, departments: '（子）児童相談所）', source: 's!A1' }] }] }],
    };
    const body = bodyOf(await summaryDocx(o));
    expect(body).toContain('ab&apos;c&quot;d&lt;e&gt;&amp;f＜再掲＞（子）児童相談所）');
    expect(body).toBe(await packageBody(o));
  });
});

test('departments in the seeds\' form: one prefix per bureau, ward departments as 区…', () => {
  const outline = outlineOf(new Uint8Array(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx'))), 'm.xlsx', config);
  const deps = new Set(outline.chapters.flatMap((c) => c.groups.flatMap((g) => g.items.map((i) => i.departments))));
  expect(deps).toContain('（子）子育て支援部、区保健福祉部）');
  expect(deps).toContain('（子）子育て支援部・児童相談所）');
  expect(deps).toContain('（総）職員部、子）児童相談所）');
});

test.each([
  // Seed 003's own suffixes.
  [[['保', '障がい保健福祉部'], ['保', '保健所'], ['区', '保健福祉部']], '（保）障がい保健福祉部・保健所、区保健福祉部）'],
  [[['総', '職員部'], ['子', '子ども育成部'], ['子', '児童相談所']], '（総）職員部、子）子ども育成部・児童相談所）'],
  [[['総', '職員部'], ['保', '総務部'], ['子', '児童相談所']], '（総）職員部、保）総務部、子）児童相談所）'],
  [[['保', '総務部'], ['保', '高齢保健福祉部'], ['保', '障がい保健福祉部']], '（保）総務部・高齢保健福祉部・障がい保健福祉部）'],
  // Bureaus named without a prefix (seed 000's 担当課), a department named twice, none.
  [[[undefined, '子ども未来局'], [undefined, '保健福祉局'], ['区', '保健福祉部'], ['区', '保健福祉部']], '（子ども未来局、保健福祉局、区保健福祉部）'],
  [[], ''],
] as [[string | undefined, string][], string][])('%j → %s', (parts, text) => {
  expect(formatDepartments(parts.map(([prefix, name]) => (prefix ? { prefix, name } : { name })))).toBe(text);
});

describe('shinchoku summary', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-summary-cli-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('writes the Word file, leaves the master as it was, reports in Japanese', async () => {
    const master = path.join(dir, '集約表.xlsx');
    fs.copyFileSync(path.join(SEEDS, 'error.required.xlsx'), master);
    const before = crypto.createHash('sha256').update(fs.readFileSync(master)).digest('hex');
    const out = path.join(dir, '概要.docx');
    const io = capture();
    expect(await mainAsync(['summary', master, '-o', out], io)).toBe(0);
    expect(crypto.createHash('sha256').update(fs.readFileSync(master)).digest('hex')).toBe(before);
    expect(readDocx(new Uint8Array(fs.readFileSync(out))).paragraphs.some((p) => p.style === 'Heading 1')).toBe(true);
    expect(io.outText()).toContain(`書き出しました: ${out}`);
    // 提言3-ウ's first row has neither 取組状況 nor 下半期の取組内容 in this seed.
    expect(io.outText()).toMatch(/記載のない 1 行は概要に載せていません:\n {2}提言3-ウ \d+ 行目: ○情報共有を徹底/u);
    expect(fs.readdirSync(dir).sort()).toEqual(['概要.docx', '集約表.xlsx'].sort());
  });

  test('--format json gives the outline and the rows left out', async () => {
    const io = capture();
    const out = path.join(dir, 'plan.docx');
    expect(await mainAsync(['summary', path.join(SEEDS, 'ok.plan-results.xlsx'), '-o', out, '--format', 'json'], io)).toBe(0);
    const j = JSON.parse(io.outText()) as { output: string; counts: unknown; chapters: unknown[]; omitted: unknown[] };
    expect([j.output, j.counts, j.chapters.length, j.omitted]).toEqual([out, FIGURES['ok.plan-results.xlsx'], 5, []]);
  });

  test('refuses to write over its input, and needs -o', async () => {
    const master = path.join(dir, 'm.xlsx');
    fs.copyFileSync(path.join(SEEDS, 'ok.plan-results.xlsx'), master);
    const io = capture();
    expect(await mainAsync(['summary', master, '-o', master], io)).toBe(2);
    expect(io.errText()).toContain('入力ファイルと同じです');
    const io2 = capture();
    expect(await mainAsync(['summary', master], io2)).toBe(2);
    expect(io2.errText()).toContain('出力先を -o で指定してください');
  });

  test('a conflict left in a cell stays out of the document, listed, exit 1', async () => {
    const master = path.join(dir, '競合あり.xlsx');
    const conflict = '【競合】\n［子) 子育て支援部］\n子育て支援部の案\n［区) 保健福祉部］\n区の案';
    openpyxlEdit(path.join(SEEDS, 'ok.teigen-progress.xlsx'), master, "wb['提言1-ア']['B15'] = sys.argv[3]", conflict);
    const out = path.join(dir, '競合あり.docx');
    const io = capture();
    expect(await mainAsync(['summary', master, '-o', out], io)).toBe(1);
    expect(io.outText()).toMatch(/競合が 1 か所に残っています[^\n]*\n {2}提言1-ア!B15/u);
    const texts = readDocx(new Uint8Array(fs.readFileSync(out))).paragraphs.map((p) => p.text);
    expect(texts.filter((x) => /競合|子育て支援部の案|区の案/u.test(x))).toEqual([]);
    expect(texts.length).toBeGreaterThan(10);
    const json = capture();
    expect(await mainAsync(['summary', master, '-o', out, '--format', 'json'], json)).toBe(1);
    expect((JSON.parse(json.outText()) as { conflicts: unknown }).conflicts).toEqual([{ sheet: '提言1-ア', cell: 'B15' }]);
  });

  test('a conflict left in a 担当部 cell names no department in the document, listed, exit 1', async () => {
    const master = path.join(dir, '担当部の競合.xlsx');
    const conflict = '【競合】\n［子) 子育て支援部］\n子)子育て支援部\n子)児童相談所\n［区) 保健福祉部］\n子)子育て支援部';
    openpyxlEdit(path.join(SEEDS, 'ok.teigen-progress.xlsx'), master, "wb['提言1-ア']['F15'] = sys.argv[3]", conflict);
    const out = path.join(dir, '担当部の競合.docx');
    const io = capture();
    expect(await mainAsync(['summary', master, '-o', out], io)).toBe(1);
    expect(io.outText()).toMatch(/競合が 1 か所に残っています[^\n]*\n {2}提言1-ア!F15/u);
    const texts = readDocx(new Uint8Array(fs.readFileSync(out))).paragraphs.map((p) => p.text);
    expect(texts.filter((x) => /競合|［/u.test(x))).toEqual([]);
    // The row's bullets are still there, without departments.
    expect(texts).toContain('●家庭訪問記録票記入マニュアルを「母子保健におけるハイリスク支援マニュアル」として改訂した。');
  });

  test('a reference sheet of another report type before the report\'s own does not replace them', async () => {
    const master = path.join(dir, '参考シート付き.xlsx');
    openpyxlEdit(path.join(SEEDS, 'ok.teigen-progress.xlsx'), master, REFERENCE_SHEET);
    const out = path.join(dir, '参考シート付き.docx');
    const io = capture();
    expect(await mainAsync(['summary', master, '-o', out, '--format', 'json'], io)).toBe(0);
    const j = JSON.parse(io.outText()) as { reportType: string; counts: unknown };
    expect([j.reportType, j.counts]).toEqual(['teigen-progress', FIGURES['ok.teigen-progress.xlsx']]);
  });

  test('rows a department has not answered yet (前回の記載のまま) stay out, listed, exit 1; after publish they are in', async () => {
    const seed = new Uint8Array(fs.readFileSync(path.join(SEEDS, 'ok.teigen-progress.xlsx')));
    const config = defaultConfig();
    const files = split(seed, config).files;
    const late = files.find((f) => f.department === '子) 児童相談所')!;
    // Every other department returns its file as sent; 児童相談所 has not answered.
    const res = consolidate(seed, files.filter((f) => f !== late).map((f) => ({ name: f.name, bytes: f.bytes })), config);
    expect(res.summary.missing).toEqual(['子) 児童相談所']);
    const output = path.join(dir, '集約（未回答あり）.xlsx');
    fs.writeFileSync(output, res.bytes);
    const io = capture();
    expect(await mainAsync(['summary', output, '-o', path.join(dir, '未回答あり.docx'), '--format', 'json'], io)).toBe(1);
    const j = JSON.parse(io.outText()) as { unanswered: { sheet: string; row: number }[]; counts: { items: number } };
    // The one row only 児童相談所 owns, coloured as unanswered; its shared rows are the
    // co-owners' answers now (they returned them as they were), and stay in.
    expect(j.unanswered.map((u) => `${u.sheet}!${u.row}`)).toEqual(['提言1-エ!16']);
    const docText = readDocx(new Uint8Array(fs.readFileSync(path.join(dir, '未回答あり.docx')))).paragraphs.map((p) => p.text).join('\n');
    const stale = readWorkbook(seed, 'seed.xlsx').sheets.find((x) => x.name === '提言1-エ')!.rows.get(15)!.get(1)!.text;
    expect(splitBullets(stale).length).toBeGreaterThan(0);
    for (const b of splitBullets(stale)) expect(docText).not.toContain(b.text.replace(/^[・○]/u, ''));
    const text = capture();
    expect(await mainAsync(['summary', output, '-o', path.join(dir, '未回答あり.docx')], text)).toBe(1);
    expect(text.outText()).toMatch(/まだ回答のない 1 行[^\n]*載せていません。[^\n]*:\n {2}提言1-エ 16 行目: /u);
    // Made ready to publish (the secretariat keeps last period's text): every row is in again.
    const published = path.join(dir, '公開用.xlsx');
    expect(main(['publish', output, '-o', published], capture())).toBe(0);
    const after = capture();
    expect(await mainAsync(['summary', published, '-o', path.join(dir, '公開用.docx'), '--format', 'json'], after)).toBe(0);
    const k = JSON.parse(after.outText()) as { unanswered: unknown[]; counts: { items: number } };
    expect(k.unanswered).toEqual([]);
    expect(k.counts.items).toBeGreaterThan(j.counts.items);
  });

  test('--help prints its own usage', () => {
    const io = capture();
    expect(main(['summary', '--help'], io)).toBe(0);
    expect(io.outText()).toMatch(/^使い方:\n {2}shinchoku summary\b/u);
  });
});
