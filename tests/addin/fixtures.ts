// Small report grids for the add-in tests, in the layout of seed 002 (提言 progress report).
import * as XLSX from 'xlsx';

export const TEIGEN_HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部'];

export type Row = (string | number | null)[];

/** A clean 提言1-ア sheet with n data rows, each row distinct. */
export function teigenRows(n: number): Row[] {
  const rows: Row[] = [
    ['取組方針ア　子ども家庭総合支援拠点を整備するなど、区を単位とした相談支援体制を整える。'],
    TEIGEN_HEADER,
  ];
  const cats = ['新規', '拡充', '継続'];
  const depts = ['子)子育て支援部', '区)保健福祉部', '子)児童相談所', '保)障がい保健福祉部'];
  for (let i = 0; i < n; i++) {
    rows.push([
      `○取組${i + 1}番目：妊娠期から出産・育児まで切れ目のない支援を行う体制（項目${i + 1}）`,
      `・令和6年度は項目${i + 1}について研修を${(i % 5) + 1}回実施し、関係機関との連携を確認した。`,
      `・項目${i + 1}の支援の質が向上した。`,
      `・引き続き項目${i + 1}の研修を行う。`,
      cats[i % 3]!,
      depts[i % 4]!,
    ]);
  }
  return rows;
}

/**
 * A 提言 report of n rows whose progress cells are all empty, as a master before a round, or
 * with each row's 取組状況 from `status` (.xlsx by SheetJS).
 */
export function emptyMasterXlsx(n: number, status: (i: number) => string = () => ''): Uint8Array {
  const aoa: string[][] = [['検証報告書における提言1'], ['取組方針ア　区を単位とした相談支援体制を整える。'], [...TEIGEN_HEADER]];
  for (let i = 0; i < n; i++) aoa.push([`○取組 ${i + 1}`, status(i), '', '', '継続', '子)子育て支援部']);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '提言1-ア');
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
