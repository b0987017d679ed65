// Property over whole rounds: sections answer in any order over several runs, resend, send
// untouched files, co-own rows. After every run each answer cell holds the latest answer of
// its owners (or the master's text when none answered), or a conflict naming every differing
// answer; and every cell of every returned file is accounted for.
import fc from 'fast-check';
import * as XLSX from 'xlsx';
import { defaultConfig } from '../../lib/config';
import { consolidate } from '../../lib/consolidate/consolidate';
import { parseKey } from '../../lib/consolidate/model';
import { split } from '../../lib/consolidate/split';
import type { Workbook } from '../../lib/grid';
import { readWorkbook } from '../../lib/read/workbook';

const config = defaultConfig();
const DEPTS = ['子)子育て支援部', '区)保健福祉部', '保)総務部'];
const HEAD = ['取組内容', '取組状況', '自己評価', '下半期の取組内容', '取組区分', '担当部'];
const SHEET = '提言1-ア';
const COLS = [1, 2, 3];

function masterBytes(owners: number[][]): Uint8Array {
  const aoa = [['検証報告書における提言1'], ['取組方針ア'], HEAD, ...owners.map((o, i) => [`○取組 ${i} を進める`, `当初の記載 ${i}`, '', '', '継続', o.map((d) => DEPTS[d]).join(' ')])];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), SHEET);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);
}

const edit = fc.record({ row: fc.nat(4), col: fc.constantFrom(...COLS), text: fc.constantFrom('', '研修を実施した', '会議を開いた', '当初の記載 0', '=式') });
const event = fc.record({ dept: fc.nat(DEPTS.length - 1), edits: fc.array(edit, { maxLength: 4 }) });
const scenario = fc.record({
  owners: fc.array(fc.uniqueArray(fc.nat(DEPTS.length - 1), { minLength: 1, maxLength: 2 }), { minLength: 1, maxLength: 5 }),
  events: fc.array(event, { minLength: 1, maxLength: 6 }),
});

test('every answer cell holds its owners’ latest answers after every run', () => {
  fc.assert(
    fc.property(scenario, ({ owners, events }) => {
      const master = masterBytes(owners);
      const base = readWorkbook(master, 'master.xlsx').sheets[0]!;
      const files = new Map(split(master, config).files.map((f) => [f.department.replace(/\s/g, ''), f.bytes]));
      // Latest answer per department, per master cell: the whole of its newest file speaks.
      const answers = new Map<string, Map<string, string>>();
      let out = master;
      for (const ev of events) {
        const dept = DEPTS[ev.dept]!;
        const bytes = files.get(dept);
        if (!bytes) continue;
        const grid: Workbook = readWorkbook(bytes, `${dept}.xlsx`);
        const sheet = grid.sheets.find((s) => s.name === SHEET)!;
        // Section rows by the master row their key names.
        const rows: { r: number; master: number }[] = [];
        sheet.rows.forEach((row, r) => row.forEach((cell) => {
          const k = parseKey(cell.text);
          if (k) rows.push({ r, master: k.r });
        }));
        const mine = new Map<string, string>();
        for (const e of ev.edits) {
          const row = rows[e.row % Math.max(1, rows.length)];
          if (!row) continue;
          const cells = sheet.rows.get(row.r)!;
          if (e.text === '') cells.delete(e.col);
          else cells.set(e.col, { value: e.text, text: e.text, type: 's' });
          const key = `${row.master}:${e.col}`;
          const was = base.rows.get(row.master)?.get(e.col)?.text ?? '';
          if (e.text === was) mine.delete(key);
          else mine.set(key, e.text);
        }
        answers.set(dept, mine);
        const res = consolidate(out, [{ name: `${dept}.xlsx`, workbook: grid }], config);
        const c = res.summary.cells;
        expect(c.in).toBe(c.out + c.base + c.control + c.reported);
        out = res.bytes;
        const got = readWorkbook(out, 'out.xlsx').sheets.find((s) => s.name === SHEET)!;
        owners.forEach((o, i) => {
          const r = 3 + i;
          for (const col of COLS) {
            const said = o.map((d) => DEPTS[d]!).flatMap((d) => (answers.get(d)?.has(`${r}:${col}`) ? [answers.get(d)!.get(`${r}:${col}`)!] : []));
            const text = got.rows.get(r)?.get(col)?.text ?? '';
            const distinct = [...new Set(said)];
            if (distinct.length === 0) expect(text).toBe(base.rows.get(r)?.get(col)?.text ?? '');
            else if (distinct.length === 1) expect(text).toBe(distinct[0]);
            else {
              expect(text.startsWith('【競合】')).toBe(true);
              for (const s of distinct) expect(text).toContain(s);
            }
          }
        });
      }
    }),
    { numRuns: 40 },
  );
});
