// Walks the sample workbooks (seeds/ and the LibreOffice-written copies in
// seeds/libreoffice/) and compares each file's flat findings table [sheet, cell, rule]
// with the table written by hand next to it in seeds/expected/<name>.txt.
// ok.<report type>.xlsx: no finding at all; error.<rule id>[.<variant>].xlsx: that rule only.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkBytes } from '../lib/check';
import { defaultConfig } from '../lib/config';
import { readWorkbook } from '../lib/read/workbook';
import { parseWorkbook } from '../lib/report';
import { rules } from '../lib/rules';

const SEEDS = path.join(__dirname, '..', 'seeds');
const EXPECTED = path.join(SEEDS, 'expected');
// The hostile corpus lives in tests/fixtures/hostile/, out of the sample folder.
const DIRS = ['', 'libreoffice'];

const config = defaultConfig();
const ruleIds = new Set(rules.map((r) => r.id));

interface Sample {
  rel: string;
  name: string;
}

function samples(): Sample[] {
  const out: Sample[] = [];
  for (const dir of DIRS) {
    const abs = path.join(SEEDS, dir);
    if (!fs.existsSync(abs)) continue;
    for (const f of fs.readdirSync(abs).sort()) {
      if (f.endsWith('.xlsx')) out.push({ rel: path.join(dir, f), name: f });
    }
  }
  return out;
}

/** Expected rows "sheet\tcell\trule", sorted; a fourth column is a note for reviewers. */
function expectedTable(name: string): string[] {
  const file = path.join(EXPECTED, name.replace(/\.xlsx$/, '.txt'));
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => l.split('\t').slice(0, 3).join('\t'))
    .sort();
}

/** What the name promises: ok.<type>.xlsx or error.<rule>[.<variant>].xlsx. */
function promise(name: string): { kind: 'ok'; type: string } | { kind: 'error'; rule: string } {
  const ok = /^ok\.([a-z-]+)\.xlsx$/.exec(name);
  if (ok) return { kind: 'ok', type: ok[1]! };
  const err = /^error\.([a-z-]+)(?:\.[a-z0-9-]+)?\.xlsx$/.exec(name);
  if (err) return { kind: 'error', rule: err[1]! };
  throw new Error(`seeds/${name}: name says neither ok.<type>.xlsx nor error.<rule>.xlsx`);
}

const all = samples();

describe('seeds/', () => {
  it('holds clean and faulty samples, some of them written by LibreOffice', () => {
    expect(all.filter((s) => s.name.startsWith('ok.')).length).toBeGreaterThanOrEqual(3);
    expect(all.some((s) => s.rel.startsWith('libreoffice'))).toBe(true);
  });

  it('has an expected table for every sample and a sample for every expected table', () => {
    const names = new Set(all.map((s) => s.name));
    for (const s of all) expect([s.rel, fs.existsSync(path.join(EXPECTED, s.name.replace(/\.xlsx$/, '.txt')))]).toEqual([s.rel, true]);
    for (const t of fs.readdirSync(EXPECTED)) expect([t, names.has(t.replace(/\.txt$/, '.xlsx'))]).toEqual([t, true]);
  });

  it.each(all.map((s) => [s.rel, s] as const))('%s yields exactly its expected findings', (_rel, s) => {
    const bytes = new Uint8Array(fs.readFileSync(path.join(SEEDS, s.rel)));
    const res = checkBytes(s.rel, bytes, config);
    expect(res.error).toBeUndefined();
    const actual = res.findings.map((f) => `${f.sheet}\t${f.cell}\t${f.rule}`).sort();
    const expected = expectedTable(s.name);
    expect(actual).toEqual(expected);

    const p = promise(s.name);
    if (p.kind === 'ok') {
      expect(expected).toEqual([]);
      // Every report sheet is read as the promised type; the rest is skipped, not lost.
      const parsed = parseWorkbook(readWorkbook(bytes, s.rel), config);
      expect(parsed.reports.length).toBeGreaterThan(0);
      expect([...new Set(parsed.reports.map((r) => r.type.id))]).toEqual([p.type]);
      for (const rs of parsed.reports) expect(rs.rows.length).toBeGreaterThan(0);
    } else {
      expect(ruleIds.has(p.rule)).toBe(true);
      expect(expected.length).toBeGreaterThan(0);
      expect(new Set(res.findings.map((f) => f.rule))).toEqual(new Set([p.rule]));
    }
  });

  it('is what seeds/generate.js writes today, byte for byte (no hand-edited sample)', () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-seeds-'));
    try {
      execFileSync(process.execPath, [path.join(SEEDS, 'generate.js'), '--no-libreoffice'], { env: { ...process.env, SHINCHOKU_SEEDS_OUT: out }, stdio: 'ignore' });
      const made = fs.readdirSync(out).filter((f) => f.endsWith('.xlsx')).sort();
      expect(made).toEqual(all.filter((s) => !s.rel.includes(path.sep)).map((s) => s.name));
      for (const f of made) expect([f, fs.readFileSync(path.join(out, f)).equals(fs.readFileSync(path.join(SEEDS, f)))]).toEqual([f, true]);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('reads a LibreOffice copy exactly as the ExcelJS original', () => {
    const copies = all.filter((s) => s.rel.startsWith('libreoffice'));
    expect(copies.length).toBeGreaterThan(0);
    for (const c of copies) {
      const orig = checkBytes(c.name, new Uint8Array(fs.readFileSync(path.join(SEEDS, c.name))), config);
      const copy = checkBytes(c.name, new Uint8Array(fs.readFileSync(path.join(SEEDS, c.rel))), config);
      const strip = (r: typeof orig): unknown[] => r.findings.map((f) => [f.sheet, f.cell, f.rule, f.message, f.fix]);
      expect([c.rel, strip(copy)]).toEqual([c.rel, strip(orig)]);
    }
  });
});
