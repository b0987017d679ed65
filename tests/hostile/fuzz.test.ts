// Properties over generated and mutated workbooks: validate, split and consolidate never
// throw, every refusal has a known code, and consolidation conserves cells.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { unzipSync, zipSync } from 'fflate';
import * as XLSX from 'xlsx';
import { checkBytes } from '../../lib/check';
import { main } from '../../lib/cli/main';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { split } from '../../lib/consolidate/split';
import { readErrors } from '../../lib/locale/ja/read';
import { capture } from './io';

const CORPUS = path.join(__dirname, '..', 'fixtures', 'hostile', 'files');
const config = defaultConfig();
const KNOWN = new Set([...Object.keys(readErrors)]);
const valid = {
  xlsx: new Uint8Array(fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx'))),
  lo: new Uint8Array(fs.readFileSync(path.join(CORPUS, 'ok.report-by-libreoffice.xlsx'))),
  xls: new Uint8Array(fs.readFileSync(path.join(CORPUS, 'ok.biff8-by-libreoffice.xls'))),
  ods: new Uint8Array(fs.readFileSync(path.join(CORPUS, 'ok.report-by-libreoffice.ods'))),
  // Stored, not deflated: flipped bytes land in the XML itself instead of breaking the zip.
  stored: zipSync(unzipSync(fs.readFileSync(path.join(CORPUS, 'ok.report.xlsx'))), { level: 0 }),
};

type Mutation = { kind: 'flip'; at: number; xor: number } | { kind: 'truncate'; at: number } | { kind: 'splice'; at: number; bytes: Uint8Array } | { kind: 'zero'; at: number; len: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }),
  fc.record({ kind: fc.constant('zero' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 4096 }) }),
);

function mutate(src: Uint8Array, ms: Mutation[]): Uint8Array {
  let b = new Uint8Array(src);
  for (const m of ms) {
    if (b.length === 0) break;
    const at = m.at % b.length;
    if (m.kind === 'flip') b[at] = b[at]! ^ m.xor;
    else if (m.kind === 'truncate') b = b.slice(0, at);
    else if (m.kind === 'zero') b.fill(0, at, at + m.len);
    else b = new Uint8Array([...b.subarray(0, at), ...m.bytes, ...b.subarray(at)]);
  }
  return b;
}

const mutated = fc.record({
  base: fc.constantFrom<keyof typeof valid>('xlsx', 'lo', 'xls', 'ods', 'stored', 'stored'),
  ms: fc.array(mutation, { minLength: 1, maxLength: 4 }),
}).map(({ base, ms }) => mutate(valid[base], base === 'stored' ? ms.map((m) => ({ kind: 'flip' as const, at: m.at, xor: 1 + (m.at % 255) })) : ms));

/** Any text a cell could hold: control characters, lone surrogates, formula-like starts. */
const cellText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('=1+1', '+cmd', '-1', '@SUM(A1)', '<script>x</script>', '__proto__', 'constructor', '継続', '子)児童相談所', '取組内容', '担当部'),
  fc.string({ unit: fc.constantFrom('\u0000', '\u001b', '\ud800', '\udfff', '\u202e', 'あ', ' ', '\n'), maxLength: 12 }),
);
const HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部'];

/** A workbook SheetJS writes from generated rows, sometimes under a report header. */
const generated = fc
  .record({
    names: fc.uniqueArray(fc.oneof(fc.constantFrom('提言1-ア', '__proto__', 'constructor', '分類1'), fc.string({ minLength: 1, maxLength: 31 })), {
      minLength: 1,
      maxLength: 3,
      selector: (s) => s.toLowerCase(),
    }),
    header: fc.boolean(),
    rows: fc.array(fc.array(fc.option(cellText, { nil: undefined }), { maxLength: 8 }), { maxLength: 12 }),
    bookType: fc.constantFrom('xlsx' as const, 'xls' as const, 'ods' as const),
  })
  .map(({ names, header, rows, bookType }) => {
    const wb = XLSX.utils.book_new();
    for (const name of names) {
      const aoa = header ? [HEADER, ...rows] : rows;
      const ws = XLSX.utils.aoa_to_sheet(aoa.map((r) => r.map((v) => (v === undefined ? null : v))));
      try {
        XLSX.utils.book_append_sheet(wb, ws, name);
      } catch {
        // Names Excel forbids ([]:*?/\) are refused by the writer; such a book cannot exist.
      }
    }
    if (wb.SheetNames.length === 0) XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([HEADER]), 'S');
    return new Uint8Array(XLSX.write(wb, { type: 'array', bookType }) as ArrayBuffer);
  });

const outcomes = new Map<string, number>();

function assertResult(bytes: Uint8Array): void {
  const r = checkBytes('fuzz.xlsx', bytes, config);
  const k = r.error?.code ?? 'read';
  outcomes.set(k, (outcomes.get(k) ?? 0) + 1);
  if (r.error) {
    expect(KNOWN).toContain(r.error.code);
    expect(r.error.code).not.toBe('internal');
  }
}

describe('validate never throws', () => {
  test('on mutated workbooks (flipped, truncated, spliced, zeroed bytes)', () => {
    fc.assert(fc.property(mutated, (b) => assertResult(b)), { numRuns: 400, seed: 5 });
  });

  test('the mutations reach past the container: some files are still read', () => {
    // Guards the property above against testing only the zip checks.
    expect(outcomes.get('read') ?? 0).toBeGreaterThan(20);
    expect(outcomes.get('corrupt') ?? 0).toBeGreaterThan(20);
  });

  test('on generated workbooks with hostile text, names and formats', () => {
    fc.assert(fc.property(generated, (b) => assertResult(b)), { numRuns: 120, seed: 6 });
  });
});

describe('split and consolidate never throw; consolidation conserves cells', () => {
  const masterBytes = valid.xlsx;
  const parts = split(masterBytes, config, { masterName: 'master.xlsx' }).files;

  test('the master splits into department files to mutate', () => {
    expect(parts.map((p) => p.name).sort()).toEqual(['子)児童相談所.xlsx', '子)子育て支援部.xlsx']);
  });

  test('consolidate over mutated department files: in = out + base + control + reported', () => {
    const source = fc.record({ which: fc.nat({ max: parts.length - 1 }), ms: fc.array(mutation, { minLength: 0, maxLength: 3 }) });
    fc.assert(
      fc.property(fc.array(source, { minLength: 1, maxLength: 3 }), (srcs) => {
        const sources = srcs.map((s, i) => ({ name: `${i}-${parts[s.which]!.name}`, bytes: mutate(parts[s.which]!.bytes, s.ms) }));
        const { summary, trace } = consolidate(masterBytes, sources, config, { masterName: 'master.xlsx', trace: true });
        const c = summary.cells;
        expect(c.in).toBe(c.out + c.base + c.control + c.reported);
        expect(trace?.length).toBe(c.out + c.base + c.control + c.reported);
        expect(summary.files.length).toBe(sources.length);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  test('consolidate over generated workbooks as returned files', () => {
    fc.assert(
      fc.property(fc.array(generated, { minLength: 1, maxLength: 2 }), (books) => {
        const sources = books.map((bytes, i) => ({ name: `${i}-子)児童相談所.xlsx`, bytes }));
        const { summary } = consolidate(masterBytes, sources, config, { masterName: 'master.xlsx' });
        const c = summary.cells;
        expect(c.in).toBe(c.out + c.base + c.control + c.reported);
      }),
      { numRuns: 30, seed: 8 },
    );
  });

  test('the split command on a mutated master answers with an exit code', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shinchoku-fuzz-'));
    try {
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), fc.constantFrom(valid.xlsx, valid.lo, valid.stored), (ms, base) => {
          const m = path.join(dir, 'master.xlsx');
          fs.writeFileSync(m, mutate(base, ms));
          const io = capture();
          const code = main(['split', m, '-o', path.join(dir, 'out')], io);
          expect([0, 1, 2]).toContain(code);
          if (code === 2) expect(io.errText()).not.toBe('');
        }),
        { numRuns: 80, seed: 9 },
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
