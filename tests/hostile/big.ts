// Large workbooks made at test time (committing 50 MB is not an option): a report with
// pasted screenshots (what big section files really are), and one heavy with text.
import * as fs from 'node:fs';
import { zipSync, strToU8 } from 'fflate';

const HEADER = ['取組内容', '令和6年度から令和7年度上半期の取組状況', '自己評価', '令和7年度下半期の取組内容', '取組区分', '担当部'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function col(c: number): string {
  return String.fromCharCode(65 + c);
}

function sheetXml(rows: string[][]): string {
  const body = rows
    .map((row, r) => `<row r="${r + 1}">${row.map((v, c) => `<c r="${col(c)}${r + 1}" t="inlineStr"><is><t>${esc(v)}</t></is></c>`).join('')}</row>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body}</sheetData></worksheet>`;
}

function parts(sheet: string, extra: Record<string, Uint8Array> = {}): Record<string, Uint8Array> {
  return {
    '[Content_Types].xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
        '<Default Extension="png" ContentType="image/png"/>' +
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    ),
    '_rels/.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    'xl/workbook.xml': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
        '<sheets><sheet name="提言1-ア" sheetId="1" r:id="rId1"/></sheets></workbook>',
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
    ),
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    ...extra,
  };
}

/** Deterministic bytes (xorshift), incompressible like a photo. */
function noise(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}

const ROW = ['○アセスメントをふまえリスクの段階に応じた必要な支援を継続的に実施する体制を整える。', '・支援方針を共有した。', 'A', '・引き続き実施する。', '継続', '子)児童相談所'];

/** A valid three-row report carrying `mb` megabytes of "screenshots" in xl/media/. */
export function writeImageHeavy(file: string, mb: number): number {
  const rows = [['提言1'], HEADER, ...[0, 1, 2].map((i) => ROW.map((v, c) => (c === 0 ? `${v}（${i + 1}）` : v)))];
  const media: Record<string, Uint8Array> = {};
  const per = 4 * 1024 * 1024;
  for (let i = 0, left = mb * 1024 * 1024; left > 0; i++, left -= per) {
    const png = noise(Math.min(per, left), 1000 + i);
    png.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    media[`xl/media/image${i + 1}.png`] = png;
  }
  const zip = zipSync(parts(sheetXml(rows), media), { level: 0 });
  fs.writeFileSync(file, zip);
  return zip.length;
}

const KANA = 'あいうえおかきくけこさしすせそたちつてとなにぬねのはひふへほまみむめもやゆよらりるれろわをん支援体制強化区児童相談所連携会議実施検討';

/** A report of `rows` data rows whose text is varied enough to compress only a few times. */
export function writeTextHeavy(file: string, rows: number, charsPerCell: number): number {
  const rnd = noise(rows * 3 * charsPerCell, 7);
  let k = 0;
  const codes = [...KANA].map((ch) => ch.charCodeAt(0));
  const buf = new Uint16Array(charsPerCell);
  const text = (): string => {
    for (let i = 0; i < charsPerCell; i++) buf[i] = codes[rnd[k++]! % codes.length]!;
    return String.fromCharCode(...buf);
  };
  const data: string[][] = [['提言1'], HEADER];
  for (let r = 0; r < rows; r++) data.push([`○${text()}`, `・${text()}`, 'A', `・${text()}`, '継続', '子)児童相談所']);
  const zip = zipSync(parts(sheetXml(data)), { level: 1 });
  fs.writeFileSync(file, zip);
  return zip.length;
}
