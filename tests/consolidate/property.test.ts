// Property: whatever sections send back, every non-empty cell of every returned workbook is
// in the output, the same as the master, ours, or listed in the summary — and each claim
// holds when the output is read back.
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import type { Source } from '../../lib/consolidate/types';
import { emptySheet, parseA1, setCell, type Workbook } from '../../lib/grid';
import { normalize } from '../../lib/normalize';
import { readWorkbook } from '../../lib/read/workbook';

const DEPTS = ['子)子育て支援部', '区)保健福祉部', '保)総務部'];
const HEAD = ['取組内容', '取組状況', '自己評価', '下半期の取組内容', '取組区分', '担当部'];
const SHEETS = ['提言1-ア', '提言1-イ'];
type Aoa = string[][];

const text = fc
  .array(fc.constantFrom('研修', '実施した', '=式', '+', '-', '@', '\n', '・', 'A', '１', '（再掲）', ' '), { minLength: 1, maxLength: 6 })
  .map((p) => p.join(''));

const master = fc.tuple(
  fc.array(fc.subarray(DEPTS, { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
  fc.array(fc.subarray(DEPTS, { minLength: 1, maxLength: 2 }), { minLength: 0, maxLength: 4 }),
);

const edit = fc.record({ sheet: fc.nat(1), row: fc.nat(6), col: fc.constantFrom(1, 2, 3, 4, 0), text });
const reply = fc.record({
  dept: fc.nat(DEPTS.length - 1),
  edits: fc.array(edit, { maxLength: 6 }),
  add: fc.option(fc.record({ sheet: fc.nat(1), content: text, status: text }), { nil: undefined }),
  stray: fc.option(text, { nil: undefined }),
  asBytes: fc.boolean(),
});

function masterAoa(owners: string[][][]): Aoa[] {
  return SHEETS.map((name, s) => [
    ['検証報告書における提言1'],
    [`取組方針${name.slice(-1)}`],
    HEAD,
    ...owners[s]!.map((o, i) => [`○取組 ${s}-${i} を進める`, '', '', '', '継続', o.join(' ')]),
  ]);
}

function bytesOf(sheets: Aoa[]): Uint8Array {
  const wb = XLSX.utils.book_new();
  sheets.forEach((aoa, i) => XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), SHEETS[i]));
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

function gridOf(name: string, sheets: Aoa[]): Workbook {
  return {
    name,
    sheets: sheets.map((aoa, i) => {
      const sh = emptySheet(SHEETS[i]!);
      aoa.forEach((row, r) => row.forEach((v, c) => v !== '' && setCell(sh, r, c, { value: v, text: v })));
      return sh;
    }),
  };
}

test('cells in = cells out + cells reported (plus unchanged and our own keys)', () => {
  const config = defaultConfig();
  fc.assert(
    fc.property(master, fc.array(reply, { maxLength: 4 }), ([o1, o2], replies) => {
      const base = masterAoa([o1, o2]);
      const masterBytes = bytesOf(base);
      const sources: Source[] = replies.map((rp, k) => {
        const copy = base.map((s) => s.map((r) => [...r]));
        for (const e of rp.edits) {
          const sheet = copy[e.sheet]!;
          const r = 3 + e.row;
          if (r >= sheet.length) continue;
          sheet[r]![e.col] = e.text;
        }
        if (rp.add) copy[rp.add.sheet]!.push([`○追加 ${rp.add.content}`, rp.add.status, '', '', '', DEPTS[rp.dept]!]);
        if (rp.stray) copy[0]![0]![7] = rp.stray;
        for (const s of copy) for (const row of s) for (let c = 0; c < row.length; c++) row[c] ??= '';
        const name = `${DEPTS[rp.dept]}_${k}.xlsx`;
        return rp.asBytes ? { name, bytes: bytesOf(copy) } : { name, workbook: gridOf(name, copy) };
      });
      const res = consolidate(masterBytes, sources, config, { masterName: 'master.xlsx', trace: true });
      const s = res.summary;
      expect(s.cells.in).toBe(s.cells.out + s.cells.base + s.cells.control + s.cells.reported);
      expect(res.trace?.length).toBe(s.cells.in);
      const trace = res.trace ?? [];

      const out = readWorkbook(res.bytes, 'out.xlsx');
      const masterTexts = new Set<string>();
      for (const aoa of base) for (const row of aoa) for (const v of row) if (v.trim()) masterTexts.add(normalize(v));
      const notApplied = new Set(s.files.filter((f) => f.status !== 'applied').map((f) => f.file));
      for (const tr of trace) {
        if (tr.fate === 'out') {
          const { r, c } = parseA1(tr.at!.cell);
          const got = out.sheets.find((x) => x.name === tr.at!.sheet)?.rows.get(r)?.get(c)?.text ?? '';
          expect(got).toContain(tr.text.replace(/\r\n/g, '\n'));
        } else if (tr.fate === 'base') {
          expect(masterTexts.has(normalize(tr.text))).toBe(true);
        } else if (tr.fate === 'reported') {
          const listed =
            notApplied.has(tr.file) ||
            s.unauthorized.some((u) => u.file === tr.file && u.sourceSheet === tr.sheet && u.sourceCell === tr.cell && u.after === tr.text) ||
            s.unplaced.some((u) => u.file === tr.file && u.sheet === tr.sheet && u.cell === tr.cell && u.text === tr.text);
          expect([tr.file, tr.sheet, tr.cell, listed]).toEqual([tr.file, tr.sheet, tr.cell, true]);
        }
      }
      // The master's rows are all still there, in order, plus the added ones.
      for (const [i, aoa] of base.entries()) {
        const sheet = out.sheets.find((x) => x.name === SHEETS[i])!;
        const depts = [...sheet.rows.entries()].filter(([r]) => r >= 3).sort((a, b) => a[0] - b[0]).map(([, row]) => row.get(5)?.text ?? '').filter((t) => t !== '');
        const added = s.added.filter((a) => a.sheet === SHEETS[i]).length;
        expect(depts.length).toBe(aoa.length - 3 + added);
      }
    }),
    { numRuns: 40, seed: 20261121 },
  );
});
